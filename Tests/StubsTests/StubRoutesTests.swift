import Testing

@testable import Stubs

@Suite struct StubRoutesTests {
    /// A table whose handlers are their own names, so a match says which route won.
    static let table: StubRoutes<String> = {
        var routes = StubRoutes<String>()
        routes.add("GET", "users/me", "me")
        routes.add("GET", "users/{user}", "user")
        routes.add("PUT", "tasks/{task}", "update")
        routes.add(nil, "issues/{id}/**", "issue")
        routes.add("GET", "", "root")
        return routes
    }()

    static func route(_ method: String, _ path: String) -> (name: String, parameters: RouteParameters)? {
        guard
            case .found(let name, let parameters) = table.match(
                method,
                StubRequest(method: method, path: path).segments
            )
        else { return nil }
        return (name, parameters)
    }

    @Test func literalsWinInOrderAndParametersAreBoundByName() {
        #expect(Self.route("GET", "/users/me")?.name == "me")
        let user = Self.route("GET", "/users/42")
        #expect(user?.name == "user")
        #expect(user?.parameters["user"] == "42")
        #expect(user?.parameters.rest == [])
        #expect(Self.route("GET", "/")?.name == "root")
        #expect(Self.route("GET", "/users/42/extra") == nil)
        #expect(Self.route("GET", "/users") == nil)
    }

    @Test func doubleStarTakesAnyRestIncludingNoneAndAnyMethodWhenNoneIsGiven() {
        #expect(Self.route("DELETE", "/issues/7")?.parameters == RouteParameters(values: ["id": "7"], rest: []))
        #expect(
            Self.route("POST", "/issues/7/comments/9/")?.parameters
                == RouteParameters(values: ["id": "7"], rest: ["comments", "9"])
        )
        #expect(Self.route("GET", "/issues") == nil)
    }

    @Test func segmentsAreSplitBeforeTheyArePercentDecoded() {
        #expect(Self.route("GET", "/users/%31%32")?.parameters["user"] == "12")
        // An encoded slash stays inside its segment instead of making a new one.
        #expect(Self.route("GET", "/users/a%2Fb")?.parameters["user"] == "a/b")
        #expect(Self.route("GET", "/us%65rs/m%65")?.name == "me")
        #expect(Self.route("GET", "//users//me/")?.name == "me")
    }

    @Test func aKnownPathWithAnotherMethodIsWrongMethodAndAnUnknownPathIsNotFound() {
        guard case .wrongMethod = Self.table.match("DELETE", ["users", "me"]) else {
            Issue.record("DELETE /users/me should be a wrong method")
            return
        }
        guard case .notFound = Self.table.match("GET", ["nothing"]) else {
            Issue.record("GET /nothing should be not found")
            return
        }
    }

    @Test func eachStubAnswersAWrongMethodAsBefore() async throws {
        let asana = StubServer(service: try Fixtures.asana())
        let asanaAnswer = await asana.call("PATCH", "/api/1.0/users/me", token: "asana-token")
        #expect(asanaAnswer.status == 404)
        #expect(asanaAnswer.json["errors"]?.array?.first?["message"] == "No matching route for request")

        let sentry = StubServer(service: try Fixtures.sentry())
        let sentryAnswer = await sentry.call("POST", "/api/0/organizations/example-corp/issues/", token: "sentry-token")
        #expect(sentryAnswer.status == 405)
        #expect(sentryAnswer.json == ["detail": "Method \"POST\" not allowed."])
        let issue = "/api/0/organizations/example-corp/issues/4500000001"
        #expect(await sentry.call("DELETE", "\(issue)/comments/", token: "sentry-token").status == 405)
        #expect(await sentry.call("POST", "\(issue)/events/latest/", token: "sentry-token").status == 404)
        #expect(
            await sentry.call("DELETE", "/api/0/organizations/example-corp/issues/1/", token: "sentry-token").status
                == 404
        )
        let unknown = await sentry.call("GET", "/api/0/nothing/", token: "sentry-token")
        #expect(unknown.status == 404)

        let admin = await asana.call("PUT", "/__admin/health", token: nil)
        #expect(admin.status == 404)
        #expect(admin.json == ["error": "unknown admin route PUT /__admin/health"])
    }
}
