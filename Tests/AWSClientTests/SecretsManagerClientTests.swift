import AWSClient
import AWSSigV4
import Foundation
import Testing

@Suite("Secrets Manager GetSecretValue")
struct SecretsManagerClientTests {
    static let answer = #"""
        {"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:Sentry_Asana_Secrets-AbCdEf","CreatedDate":1.523477145713E9,"Name":"Sentry_Asana_Secrets","SecretString":"{\"SENTRY_CLIENT_SECRET\":\"s3cr3t\",\"ASANA_PAT\":\"pat\",\"RETRIES\":3}","VersionId":"EXAMPLE1-90ab-cdef-fedc-ba987SECRET1","VersionStages":["AWSPREVIOUS"]}
        """#

    func client(_ transport: FakeTransport, clock: FakeClock) throws -> SecretsManagerClient {
        SecretsManagerClient(
            configuration: try Fixtures.configuration(),
            transport: transport,
            logger: Fixtures.logger,
            options: Fixtures.options(clock: clock)
        )
    }

    @Test("the request is JSON 1.1 with target secretsmanager.GetSecretValue, signed for 'secretsmanager'")
    func request() async throws {
        let clock = FakeClock()
        let transport = FakeTransport([.respond(.json(200, Self.answer))])
        let secrets = try client(transport, clock: clock)
        let value = try await secrets.getSecretValue(
            secretId: "Sentry_Asana_Secrets",
            versionStage: "AWSPREVIOUS",
            deadline: clock.now.advanced(by: .seconds(5))
        )
        let request = try #require(transport.calls.first?.request)
        #expect(request.url.absoluteString == "https://secretsmanager.us-east-1.amazonaws.com/")
        #expect(request.header("Content-Type") == "application/x-amz-json-1.1")
        #expect(request.header("X-Amz-Target") == "secretsmanager.GetSecretValue")
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"SecretId":"Sentry_Asana_Secrets","VersionStage":"AWSPREVIOUS"}"#
        )
        #expect(try Fixtures.verifySignature(request).service == "secretsmanager")

        #expect(value.name == "Sentry_Asana_Secrets")
        #expect(value.arn.hasSuffix(":secret:Sentry_Asana_Secrets-AbCdEf"))
        #expect(value.versionID == "EXAMPLE1-90ab-cdef-fedc-ba987SECRET1")
        #expect(value.versionStages == ["AWSPREVIOUS"])
        #expect(value.createdDate == Date(timeIntervalSince1970: 1_523_477_145.713))
        #expect(try value.jsonFields() == ["SENTRY_CLIENT_SECRET": "s3cr3t", "ASANA_PAT": "pat", "RETRIES": "3"])
        #expect(!value.description.contains("s3cr3t"), "the secret never shows in descriptions")
        #expect(!String(reflecting: value).contains("s3cr3t"))
    }

    @Test("SecretBinary is base64-decoded; a SecretString that is not a JSON object is a clear error")
    func binaryAndNonJSON() async throws {
        let clock = FakeClock()
        let transport = FakeTransport([
            .respond(.json(200, #"{"ARN":"arn:x","Name":"bin","SecretBinary":"AAEC/w==","VersionStages":[]}"#)),
            .respond(.json(200, #"{"ARN":"arn:x","Name":"plain","SecretString":"just text"}"#)),
        ])
        let secrets = try client(transport, clock: clock)
        let deadline = clock.now.advanced(by: .seconds(5))
        let binary = try await secrets.getSecretValue(secretId: "bin", deadline: deadline)
        #expect(binary.secretBinary == Data([0, 1, 2, 255]))
        #expect(binary.secretString == nil)
        #expect(throws: AWSClientError.self) { try binary.jsonFields() }
        let plain = try await secrets.getSecretValue(secretId: "plain", deadline: deadline)
        #expect(plain.secretString == "just text")
        #expect(throws: AWSClientError.self) { try plain.jsonFields() }
    }

    @Test("ResourceNotFoundException surfaces as an AWSServiceError with its code and is not retried")
    func notFound() async throws {
        let clock = FakeClock()
        let transport = FakeTransport([
            .respond(
                .json(
                    400,
                    #"{"__type":"ResourceNotFoundException","message":"Secrets Manager can't find the specified secret."}"#
                )
            )
        ])
        let secrets = try client(transport, clock: clock)
        let error = await #expect(throws: AWSServiceError.self) {
            try await secrets.getSecretValue(secretId: "missing", deadline: clock.now.advanced(by: .seconds(5)))
        }
        #expect(error?.code == .resourceNotFound)
        #expect(transport.calls.count == 1)
    }
}
