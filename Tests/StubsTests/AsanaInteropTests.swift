import Foundation
import TestSupport
import Testing

@testable import Stubs

/// The official `asana` Python client against the stub (`pip install asana`, v5).
@Suite struct AsanaInteropTests {
    /// Skipped on a developer's machine without the client; never in CI (`CI` set), where `.ci/run` installs it
    /// and a missing client must fail the run rather than pass it silently.
    static var shouldRun: Bool {
        ProcessInfo.processInfo.environment["CI"] != nil
            || (try? ChildProcess.run("python3", ["-c", "import asana"], timeout: 30))?.status == 0
    }

    @Test(.enabled(if: shouldRun, "pip install -r Tests/interop-requirements.txt"))
    func officialClientWorksAgainstTheStub() async throws {
        let server = StubServer(service: try Fixtures.asana())
        let script = ChildProcess.packageRoot.appendingPathComponent("Tests/StubsTests/Interop/asana_client_interop.py")
        try await server.withRunning { base in
            // Two 429s for /users/me: one answered to the no-retry client, one retried through by the default client.
            let fault = try await HTTP.call(
                "POST",
                base.appendingPathComponent("__admin/faults"),
                body: #"{"path":"/api/1.0/users/me","kind":"rate_limit","retry_after":1,"after":1,"times":2}"#
            )
            #expect(fault.status == 201)
            let out = try await ChildProcess.run(
                "python3",
                [script.path, base.absoluteString, "asana-token"],
                timeout: 120
            )
            #expect(out.status == 0, "stdout: \(out.stdout)\nstderr: \(out.stderr)")
            let result = try #require(JSON.parse(Array(out.stdout.utf8)), "\(out.stdout) \(out.stderr)")
            #expect(result["portfolio_items"] == 3)
            #expect(result["errors"]?["429"]?.array?.first == 429)
            #expect(result["after_retry"] == "1100000000000009")
            let journal = server.journal
            #expect(journal.count(matching: JournalFilter(path: "/api/1.0/portfolios/*/items")) == 3)
            #expect(journal.count(matching: JournalFilter(status: 429)) == 2)
            let agent = journal.entries().first?.header("User-Agent") ?? ""
            #expect(agent.lowercased().contains("python"), "the journal shows the client: \(agent)")
        }
    }
}
