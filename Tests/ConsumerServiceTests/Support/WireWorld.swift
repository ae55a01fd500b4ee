import ConsumerService
import Foundation
import Hummingbird
import ServiceSupport
import Synchronization
import TestSupport
import Testing

/// A tiny Sentry + Asana on one in-test server: proves the real clients, paths and bodies fit together.
final class WireWorld: Sendable {
    struct State {
        /// JSON texts (Sendable, unlike `[String: Any]`).
        var links: [String] = []
        var tasks: [String] = []
        var requests: [String] = []
    }
    let state = Mutex(State())

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/api/0/organizations/:org/issues/:id/") { _, context -> Response in
            self.log("GET issue \(context.parameters.get("org") ?? "")/\(context.parameters.get("id") ?? "")")
            return Self.json(
                #"{"id":"4200000001","shortId":"BACKEND-1","count":"3","firstSeen":"2026-11-01T00:00:00Z"}"#
            )
        }
        router.get("/api/0/organizations/:org/issues/:id/external-issues/") { _, _ -> Response in
            self.log("GET links")
            return Self.json("[" + self.state.withLock { $0.links }.joined(separator: ",") + "]")
        }
        router.post("/api/0/sentry-app-installations/:uuid/external-issues/") { request, context -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let text = String(buffer: body)
            self.log("POST link \(context.parameters.get("uuid") ?? "")")
            // One external-issue link per app per issue: a new one replaces the old.
            self.state.withLock { $0.links = [text] }
            return Self.json(#"{"id":"1","webUrl":"x"}"#, status: .created)
        }
        router.get("/api/1.0/portfolios/:gid/items") { request, context -> Response in
            self.log(
                "GET items \(context.parameters.get("gid") ?? "") \(request.uri.queryParameters.get("opt_fields") ?? "")"
            )
            return Self.json(
                #"{"data":[{"gid":"1200000000020012","resource_type":"project","created_at":"2026-11-01T00:00:00.000Z","archived":false}],"next_page":null}"#
            )
        }
        router.get("/api/1.0/tasks") { request, _ -> Response in
            self.log("GET tasks \(request.uri.queryParameters.get("project") ?? "")")
            return Self.json(
                #"{"data":["# + self.state.withLock { $0.tasks }.joined(separator: ",") + #"],"next_page":null}"#
            )
        }
        router.get("/api/1.0/tasks/:gid") { _, context -> Response in
            let gid = context.parameters.get("gid") ?? ""
            self.log("GET task \(gid)")
            guard let task = self.state.withLock({ $0.tasks.first { WireWorld.object($0)["gid"] as? String == gid } })
            else {
                return Self.json(#"{"errors":[{"message":"Not Found"}]}"#, status: .notFound)
            }
            return Self.json(#"{"data":"# + task + "}")
        }
        router.post("/api/1.0/tasks/:gid/stories") { request, context -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let data = WireWorld.object(String(buffer: body))["data"] as? [String: Any] ?? [:]
            self.log("POST story \(context.parameters.get("gid") ?? "") \(data["text"] as? String ?? "")")
            return Self.json(#"{"data":{"gid":"1700000000000001"}}"#, status: .created)
        }
        router.post("/api/1.0/tasks") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            var data = WireWorld.object(String(buffer: body))["data"] as? [String: Any] ?? [:]
            let gid = self.state.withLock { "14000000000000\(10 + $0.tasks.count)" }
            data["gid"] = gid
            data["permalink_url"] = "https://app.asana.com/0/0/\(gid)"
            let text = String(decoding: try JSONSerialization.data(withJSONObject: data), as: UTF8.self)
            self.log("POST task")
            self.state.withLock { $0.tasks.append(text) }
            return Self.json(#"{"data":"# + text + "}", status: .created)
        }
        return router
    }

    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    func log(_ line: String) { state.withLock { $0.requests.append(line) } }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}
