import Foundation
import Testing

@testable import Stubs

/// The stubs' `/__admin` is for this machine only: a web page cannot rebind a name to it or post to it.
@Suite struct AdminAccessTests {
    @Test func adminAnswersLoopbackHostsAndRefusesForeignOnes() async throws {
        let server = StubServer(service: try Fixtures.asana())
        func status(_ method: String, _ path: String, _ headers: [(name: String, value: String)]) async -> Int {
            await server.answer(StubRequest(method: method, uri: path, headers: headers, body: [])).response.status
        }
        #expect(await status("GET", "/__admin/requests", [("Host", "127.0.0.1:4580")]) == 200)
        #expect(await status("GET", "/__admin/requests", [("Host", "rebind.evil.example:4580")]) == 403)
        let fault = Array(#"{"method":"POST","path":"/api/1.0/tasks","kind":"status","status":500}"#.utf8)
        let foreign = await server.answer(
            StubRequest(
                method: "POST",
                uri: "/__admin/faults",
                headers: [("Host", "127.0.0.1:4580"), ("Origin", "https://evil.example")],
                body: fault
            )
        )
        #expect(foreign.response.status == 403)
        #expect(server.faults.rules.isEmpty, "the refused request changed nothing")
        // The service API itself is not the control surface: it keeps answering by its own rules.
        #expect(await status("GET", "/api/1.0/users/me", [("Host", "rebind.evil.example")]) == 401)
    }
}
