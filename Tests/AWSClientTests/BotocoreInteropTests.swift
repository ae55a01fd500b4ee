import AWSClient
import Foundation
import TestSupport
import Testing

/// Asks botocore (python3; `pip install botocore`) to serialise the same calls from the service models and to
/// sign our exact requests at the same instant, and compares: same JSON, same target and content type, same
/// Authorization header.
@Suite("Interop with botocore")
struct BotocoreInteropTests {
    /// For each case: botocore serialises `params` for `operation`, and signs our request (method, URL, headers
    /// without Authorization and X-Amz-Date, body) at 2015-08-30T12:36:00Z. Prints one JSON report.
    static let script = #"""
        import base64, datetime, json, sys
        import botocore.auth, botocore.credentials, botocore.serialize, botocore.session
        from botocore.awsrequest import AWSRequest
        botocore.auth.get_current_datetime = lambda: datetime.datetime(2015, 8, 30, 12, 36, 0)
        cases = json.loads(sys.stdin.read())
        session = botocore.session.get_session()
        report = []
        for case in cases:
            model = session.get_service_model(case["service"])
            operation = model.operation_model(case["operation"])
            params = case["params"]
            def decode_blobs(value):
                if isinstance(value, dict):
                    if "BinaryValue" in value:
                        value = dict(value, BinaryValue=base64.b64decode(value["BinaryValue"]))
                    return {k: decode_blobs(v) for k, v in value.items()}
                if isinstance(value, list):
                    return [decode_blobs(v) for v in value]
                return value
            serialized = botocore.serialize.create_serializer(model.metadata["protocol"]).serialize_to_request(
                decode_blobs(params), operation)
            ours = case["request"]
            headers = {h[0]: h[1] for h in ours["headers"] if h[0].lower() not in ("authorization", "x-amz-date", "user-agent")}
            request = AWSRequest(method="POST", url=ours["url"], data=base64.b64decode(ours["body"]), headers=headers)
            creds = botocore.credentials.Credentials(case["accessKey"], case["secretKey"], case.get("token"))
            botocore.auth.SigV4Auth(creds, model.signing_name, case["region"]).add_auth(request)
            report.append({
                "operation": case["operation"],
                "sameBody": json.loads(serialized["body"]) == json.loads(base64.b64decode(ours["body"])),
                "botocoreBody": json.loads(serialized["body"]),
                "target": serialized["headers"].get("X-Amz-Target"),
                "contentType": serialized["headers"].get("Content-Type"),
                "authorization": request.headers["Authorization"],
            })
        print(json.dumps(report))
        """#

    struct Case: Encodable {
        var service: String
        var operation: String
        var params: [String: AnyJSON]
        var request: Request
        var region = "us-east-1"
        var accessKey = Fixtures.environment["AWS_ACCESS_KEY_ID"]!
        var secretKey = Fixtures.environment["AWS_SECRET_ACCESS_KEY"]!

        struct Request: Encodable {
            var url: String
            var headers: [[String]]
            var body: String
        }
    }

    struct Report: Decodable {
        var operation: String
        var sameBody: Bool
        var target: String?
        var contentType: String?
        var authorization: String
    }

    @Test("SendMessage, SendMessageBatch, ReceiveMessage, DeleteMessage and GetSecretValue match botocore")
    func matchesBotocore() async throws {
        let clock = FakeClock()
        let md5 = SQSChecksum.body("hello")
        let attributes: [String: SQSMessageAttributeValue] = [
            "team": .string("backend"), "count": .number("3"), "blob": .binary(Data([0, 1, 2, 255])),
        ]
        let trace = SQSClient.traceHeader("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
        let transport = FakeTransport([
            .respond(
                .json(
                    200,
                    #"{"MessageId":"m","MD5OfMessageBody":"\#(md5)","MD5OfMessageAttributes":"\#(SQSChecksum.attributes(attributes)!)","MD5OfMessageSystemAttributes":"\#(SQSChecksum.attributes(trace)!)"}"#
                )
            ),
            .respond(.json(200, #"{"Successful":[{"Id":"a","MessageId":"m","MD5OfMessageBody":"\#(md5)"}]}"#)),
            .respond(.json(200, #"{"Messages":[]}"#)),
            .respond(.json(200, "{}")),
            .respond(.json(200, #"{"ARN":"arn","Name":"n"}"#)),
        ])
        let configuration = try Fixtures.configuration()
        let sqs = try Fixtures.sqs(transport, clock: clock)
        let secrets = SecretsManagerClient(
            configuration: configuration,
            transport: transport,
            logger: Fixtures.logger,
            options: Fixtures.options(clock: clock)
        )
        let deadline = clock.now.advanced(by: .seconds(10))
        let queue = Fixtures.queueURL
        _ = try await sqs.sendMessage(
            queueURL: queue,
            body: "hello",
            attributes: attributes,
            systemAttributes: trace,
            delaySeconds: 7,
            deadline: deadline
        )
        _ = try await sqs.sendMessageBatch(
            queueURL: queue,
            entries: [SQSSendMessageBatchEntry(id: "a", body: "hello", delaySeconds: 2, messageGroupID: "g")],
            deadline: deadline
        )
        _ = try await sqs.receiveMessage(
            queueURL: queue,
            maxNumberOfMessages: 10,
            visibilityTimeout: 30,
            waitTimeSeconds: 0,
            messageSystemAttributeNames: ["All"],
            messageAttributeNames: ["All"],
            deadline: deadline
        )
        try await sqs.deleteMessage(queueURL: queue, receiptHandle: "AQEB/+==", deadline: deadline)
        _ = try await secrets.getSecretValue(
            secretId: "Sentry_Asana_Secrets",
            versionID: "EXAMPLE1-90ab-cdef-fedc-ba987SECRET1",
            deadline: deadline
        )

        let params: [(String, String, [String: AnyJSON])] = [
            (
                "sqs", "SendMessage",
                [
                    "QueueUrl": .string(queue), "MessageBody": .string("hello"), "DelaySeconds": .number(7),
                    "MessageAttributes": .object([
                        "team": .object(["DataType": .string("String"), "StringValue": .string("backend")]),
                        "count": .object(["DataType": .string("Number"), "StringValue": .string("3")]),
                        "blob": .object(["DataType": .string("Binary"), "BinaryValue": .string("AAEC/w==")]),
                    ]),
                    "MessageSystemAttributes": .object([
                        "AWSTraceHeader": .object([
                            "DataType": .string("String"),
                            "StringValue": .string("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"),
                        ])
                    ]),
                ]
            ),
            (
                "sqs", "SendMessageBatch",
                [
                    "QueueUrl": .string(queue),
                    "Entries": .array([
                        .object([
                            "Id": .string("a"), "MessageBody": .string("hello"), "DelaySeconds": .number(2),
                            "MessageGroupId": .string("g"),
                        ])
                    ]),
                ]
            ),
            (
                "sqs", "ReceiveMessage",
                [
                    "QueueUrl": .string(queue), "MaxNumberOfMessages": .number(10), "VisibilityTimeout": .number(30),
                    "WaitTimeSeconds": .number(0), "MessageSystemAttributeNames": .array([.string("All")]),
                    "MessageAttributeNames": .array([.string("All")]),
                ]
            ),
            ("sqs", "DeleteMessage", ["QueueUrl": .string(queue), "ReceiptHandle": .string("AQEB/+==")]),
            (
                "secretsmanager", "GetSecretValue",
                [
                    "SecretId": .string("Sentry_Asana_Secrets"),
                    "VersionId": .string("EXAMPLE1-90ab-cdef-fedc-ba987SECRET1"),
                ]
            ),
        ]
        let calls = transport.calls
        try #require(calls.count == params.count)
        let cases = zip(calls, params).map { call, param in
            Case(
                service: param.0,
                operation: param.1,
                params: param.2,
                request: .init(
                    url: call.request.url.absoluteString,
                    headers: call.request.headers.map { [$0.name, $0.value] },
                    body: Data(call.request.body).base64EncodedString()
                )
            )
        }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("botocore-\(UUID()).json")
        try JSONEncoder().encode(cases).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let output = try await ChildProcess.run(
            "python3",
            ["-c", "import sys; sys.stdin = open(sys.argv[1]); exec(sys.argv[2])", input.path, Self.script],
            timeout: 60
        )
        try #require(
            output.status == 0 && !output.timedOut,
            "botocore (pip install botocore) failed or refused our parameters: \(output.stderr)"
        )
        let reports = try JSONDecoder().decode([Report].self, from: Data(output.stdout.utf8))
        try #require(reports.count == calls.count)
        for (report, call) in zip(reports, calls) {
            #expect(report.sameBody, "\(report.operation): botocore serialises a different JSON body")
            #expect(call.request.header("X-Amz-Target") == report.target, "\(report.operation)")
            #expect(call.request.header("Content-Type") == report.contentType, "\(report.operation)")
            #expect(call.request.header("Authorization") == report.authorization, "\(report.operation)")
        }
    }
}
