import Foundation
import Testing

@testable import Stubs

/// The dashboard (another port, so another origin) calls the stubs' `/__admin` directly: local pages get CORS
/// headers, foreign pages none, and a foreign page still cannot change anything.
@Suite struct StubCrossOriginTests {
    let server = StubServer(service: AsanaStub(state: AsanaState(), token: "t"))

    func answer(
        _ method: String,
        _ origin: String,
        host: String = "127.0.0.1:4580",
        body: String = ""
    ) async
        -> StubResponse
    {
        await server.answer(
            StubRequest(
                method: method,
                uri: "/__admin/faults",
                headers: [("Host", host), ("Origin", origin)],
                body: Array(body.utf8)
            )
        ).response
    }

    @Test func aLocalPageMayPreflightReadAndSetFaults() async {
        let preflight = await answer("OPTIONS", "http://127.0.0.1:4566")
        #expect(preflight.status == 204)
        #expect(preflight.header("Access-Control-Allow-Origin") == "http://127.0.0.1:4566")
        #expect(preflight.header("Access-Control-Allow-Methods")?.contains("DELETE") == true)
        let set = await answer("POST", "http://localhost:4566", body: #"{"path":"/**","kind":"reset"}"#)
        #expect(set.status == 201)
        #expect(set.header("Access-Control-Allow-Origin") == "http://localhost:4566")
        #expect(server.faults.rules.count == 1)
    }

    @Test func aForeignPageGetsNoCORSAndChangesNothing() async {
        let preflight = await answer("OPTIONS", "https://evil.example")
        #expect(preflight.header("Access-Control-Allow-Origin") == nil)
        let read = await answer("GET", "https://evil.example")
        #expect(read.header("Access-Control-Allow-Origin") == nil)
        let rebound = await answer("OPTIONS", "http://127.0.0.1:4566", host: "rebind.evil.example:4580")
        #expect(rebound.header("Access-Control-Allow-Origin") == nil)
        let set = await answer("POST", "https://evil.example", body: #"{"path":"/**","kind":"reset"}"#)
        #expect(set.status == 403)
        #expect(server.faults.rules.isEmpty)
    }
}
