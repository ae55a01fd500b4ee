import AWSSigV4
import Foundation
import Testing

/// Our signer against botocore's, byte for byte, on the requests this project actually sends: SQS over JSON
/// 1.0, Secrets Manager over JSON 1.1, the SQS query protocol, Lambda's rest-json paths, STS, presigning.
/// Runs `python3` with botocore (installed by `.ci/run`).
@Suite struct BotocoreComparisonTests {
    struct Case: Codable {
        var method: String
        var url: String
        var headers: [[String]]
        var body: String
        var accessKeyID = "AKIAIOSFODNN7EXAMPLE"
        var secretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        var sessionToken: String?
        var region = "us-east-1"
        var service: String
        var date = "20261129T063000Z"
        var presignExpires: Int?
    }

    struct Result: Decodable {
        var authorization: String?
        var url: String
        var canonicalRequest: String
        var stringToSign: String
    }

    static let cases: [Case] = [
        Case(
            method: "POST",
            url: "https://sqs.us-east-1.amazonaws.com/",
            headers: [
                ["Content-Type", "application/x-amz-json-1.0"], ["X-Amz-Target", "AmazonSQS.SendMessage"],
                ["User-Agent", "sentry-asana/0.1"],
            ],
            body:
                #"{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/sentry-asana","MessageBody":"{\"action\":\"triggered\"}","MessageAttributes":{"resource":{"DataType":"String","StringValue":"event_alert"}}}"#,
            service: "sqs"
        ),
        Case(
            method: "POST",
            url: "https://secretsmanager.eu-west-1.amazonaws.com/",
            headers: [
                ["Content-Type", "application/x-amz-json-1.1"], ["X-Amz-Target", "secretsmanager.GetSecretValue"],
            ],
            body: #"{"SecretId":"Sentry_Asana_Secrets"}"#,
            sessionToken: "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==",
            region: "eu-west-1",
            service: "secretsmanager"
        ),
        Case(
            method: "POST",
            url: "http://127.0.0.1:4566/",
            headers: [["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"]],
            body:
                "Action=SendMessage&Version=2012-11-05&QueueUrl=http%3A%2F%2F127.0.0.1%3A4566%2F000000000000%2Fq&MessageBody=hello+world%21",
            service: "sqs"
        ),
        Case(
            method: "POST",
            url:
                "http://127.0.0.1:4566/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Aproducer/invocations",
            headers: [["X-Amz-Invocation-Type", "RequestResponse"], ["X-Amz-Log-Type", "Tail"]],
            body: #"{"ping":true}"#,
            service: "lambda"
        ),
        Case(
            method: "GET",
            url: "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
            headers: [],
            body: "",
            service: "sts"
        ),
        Case(
            method: "GET",
            url: "https://sqs.us-east-1.amazonaws.com/?Action=ListQueues&QueueNamePrefix=sentry%20asana",
            headers: [],
            body: "",
            service: "sqs",
            presignExpires: 300
        ),
    ]

    @Test func headerSignaturesMatchBotocoreByteForByte() throws {
        let results = try Self.botocore(Self.cases)
        try #require(results.count == Self.cases.count)
        for (testCase, expected) in zip(Self.cases, results) where testCase.presignExpires == nil {
            var request = try Self.request(testCase)
            let ours = Self.signer(testCase).sign(&request, date: try #require(AmzDate.parse(testCase.date)))
            #expect(ours.canonicalRequest == expected.canonicalRequest, "\(testCase.url)")
            #expect(ours.stringToSign == expected.stringToSign, "\(testCase.url)")
            #expect(request.value(of: "authorization") == expected.authorization, "\(testCase.url)")
        }
    }

    @Test func presignedQueryMatchesBotocore() throws {
        let presigned = Self.cases.filter { $0.presignExpires != nil }
        let results = try Self.botocore(presigned)
        for (testCase, expected) in zip(presigned, results) {
            var request = try Self.request(testCase)
            Self.signer(testCase).presign(
                &request,
                date: try #require(AmzDate.parse(testCase.date)),
                expires: testCase.presignExpires!
            )
            let theirs = try #require(URLComponents(string: expected.url)?.percentEncodedQuery)
            // Both carry the same parameters with the same values; botocore orders them differently.
            #expect(Set(request.query.split(separator: "&")) == Set(theirs.split(separator: "&")))
        }
    }

    static func signer(_ testCase: Case) -> SigV4Signer {
        SigV4Signer(
            credentials: AWSCredentials(
                accessKeyID: testCase.accessKeyID,
                secretAccessKey: testCase.secretAccessKey,
                sessionToken: testCase.sessionToken
            ),
            region: testCase.region,
            service: testCase.service
        )
    }

    static func request(_ testCase: Case) throws -> SignableRequest {
        let components = try #require(URLComponents(string: testCase.url))
        let host = components.port.map { "\(components.host!):\($0)" } ?? components.host!
        return SignableRequest(
            method: testCase.method,
            path: components.percentEncodedPath,
            query: components.percentEncodedQuery ?? "",
            headers: [.init("Host", host)] + testCase.headers.map { .init($0[0], $0[1]) },
            body: Array(testCase.body.utf8)
        )
    }

    static func botocore(_ cases: [Case]) throws -> [Result] {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("sigv4-cases-\(UUID()).json")
        try JSONEncoder().encode(cases).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Interop/botocore_sign.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, input.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "botocore_sign.py failed: \(errorText)")
        return try JSONDecoder().decode([Result].self, from: data)
    }
}
