import Foundation
import LambdaRuntime
import Testing

@Suite("RuntimeAPIClient without a server")
struct RuntimeAPIClientTests {
    @Test(
        "non-2xx answers become typed errors",
        arguments: [
            (400, LambdaRuntimeError.Code.badRequest), (403, .forbidden), (413, .payloadTooLarge),
            (500, .containerError), (502, .unexpectedStatus),
        ]
    )
    func statusMapping(status: Int, code: LambdaRuntimeError.Code) async throws {
        let transport = ScriptedTransport([.success(.init(status: status, body: Data("{\"errorMessage\":\"x\"}".utf8)))]
        )
        let client = RuntimeAPIClient(transport: transport)
        await #expect {
            try await client.postResponse(requestID: "r", body: Data())
        } throws: { error in
            let error = error as? LambdaRuntimeError
            return error?.code == code && error?.statusCode == status
                && error?.description.contains("errorMessage") == true
        }
    }

    @Test("the four calls use the documented methods, paths and headers")
    func requests() async throws {
        let accepted = RuntimeAPIResponse(status: 202)
        let transport = ScriptedTransport([
            .success(.init(status: 200, headers: ["Lambda-Runtime-Aws-Request-Id": "a"])), .success(accepted),
            .success(accepted), .success(accepted),
        ])
        let client = RuntimeAPIClient(transport: transport)
        _ = try await client.next()
        try await client.postResponse(requestID: "a", body: Data("1".utf8))
        try await client.postError(
            requestID: "a",
            error: .init(errorMessage: "m", errorType: "T"),
            functionErrorType: "Unhandled"
        )
        try await client.postInitError(error: .init(errorMessage: "m", errorType: "T"), functionErrorType: "Runtime.X")
        let requests = transport.requests
        #expect(requests.map(\.method) == [.get, .post, .post, .post])
        #expect(
            requests.map(\.path) == [
                "/runtime/invocation/next", "/runtime/invocation/a/response", "/runtime/invocation/a/error",
                "/runtime/init/error",
            ]
        )
        #expect(requests[0].isLongPoll && !requests[1].isLongPoll)
        #expect(requests[2].headers["Lambda-Runtime-Function-Error-Type"] == "Unhandled")
        #expect(requests[3].headers["Lambda-Runtime-Function-Error-Type"] == "Runtime.X")
        let document = try JSONDecoder().decode(LambdaErrorDocument.self, from: try #require(requests[2].body))
        #expect(document == LambdaErrorDocument(errorMessage: "m", errorType: "T", stackTrace: []))
    }

    @Test("a request id with a slash cannot escape its path segment")
    func requestIDEscaped() async throws {
        let transport = ScriptedTransport([.success(.init(status: 202))])
        try await RuntimeAPIClient(transport: transport).postResponse(requestID: "../init/error", body: Data())
        #expect(transport.requests.first?.path == "/runtime/invocation/..%2Finit%2Ferror/response")
    }

    @Test("a lost connection while posting is retried, an HTTP refusal is not")
    func postRetries() async throws {
        let lost = LambdaRuntimeError(.connectionFailed, "reset")
        let transport = ScriptedTransport([
            .success(
                .init(
                    status: 200,
                    headers: ["Lambda-Runtime-Aws-Request-Id": "r", "Lambda-Runtime-Deadline-Ms": "9"],
                    body: Data(#"{"name":"n"}"#.utf8)
                )
            ),
            .failure(lost), .failure(lost), .success(.init(status: 202)),
        ])
        let outcomes = try await LambdaRuntime(
            handler: GreetingHandler(),
            environment: LambdaEnvironment(runtimeAPI: "127.0.0.1:1"),
            transport: transport,
            configuration: fastRetries,
            logger: quietLogger()
        ).run(maxInvocations: 1)
        guard case .responded = outcomes.first?.result else {
            Issue.record("the response must be delivered on the third attempt")
            return
        }
        #expect(transport.requests.filter { $0.path.hasSuffix("/response") }.count == 3)
    }
}
