import Foundation
import Testing

@testable import Emulator

/// A body that ends before its Content-Length, or broken chunked framing, is a bad request (400): it used to be
/// answered 413 "too large", which sent a client looking for the wrong problem.
@Suite struct BrokenBodyTests {
    @Test func aTruncatedBodyIsABadRequestNotTooLarge() async throws {
        try await withEmulatorServer { server in
            let port = server.port
            let answer = try RawHTTP.exchange(
                port: port,
                "POST / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Amz-Target: AmazonSQS.ListQueues\r\n"
                    + "Content-Length: 100\r\n\r\n{\"QueueNamePrefix\":"
            )
            #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer)")
            #expect(answer.contains("IncompleteBody"))
        }
    }
}
