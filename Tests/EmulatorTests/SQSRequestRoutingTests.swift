import Foundation
import Testing

@testable import Emulator

/// How a request reaches SQS: the content type picks the protocol, the JSON protocol is POST with a target, and
/// a queue URL must name this endpoint.
@Suite struct SQSRequestRoutingTests {
    static let listQueues = Array("{}".utf8)

    @Test func aJSONRequestOverGETIsRefusedInJSON() async throws {
        // Before, GET with X-Amz-Target was served like a POST.
        let harness = try EmulatorHarness()
        let answer = await harness.send(
            method: "GET",
            path: "/",
            query: "",
            service: "sqs",
            headers: [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "AmazonSQS.ListQueues")],
            body: [],
            signed: true,
            date: Date()
        )
        #expect(answer.status == 400 && answer.errorType == "InvalidAction", "\(answer.text)")
        #expect(answer.header("x-amzn-query-error") == "InvalidAction;Sender")
    }

    @Test func aJSONBodyWithoutATargetIsMissingActionInJSON() async throws {
        // Before, it was answered in the query protocol's XML, which a JSON client cannot read.
        let harness = try EmulatorHarness()
        let answer = await harness.send(
            method: "POST",
            path: "/",
            query: "",
            service: "sqs",
            headers: [("Content-Type", "application/x-amz-json-1.0")],
            body: Self.listQueues,
            signed: true,
            date: Date()
        )
        #expect(answer.status == 400 && answer.errorType == "MissingAction", "\(answer.text)")
        #expect(answer.header("content-type") == "application/x-amz-json-1.0")
    }

    @Test func aTargetOverAFormContentTypeIsAQueryRequest() async throws {
        // Before, the target won and the form body was parsed as JSON.
        let harness = try EmulatorHarness()
        let jsonBody = await harness.send(
            method: "POST",
            path: "/",
            query: "",
            service: "sqs",
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("X-Amz-Target", "AmazonSQS.ListQueues")],
            body: Self.listQueues,
            signed: true,
            date: Date()
        )
        #expect(jsonBody.status == 400 && jsonBody.text.contains("<Code>MissingAction</Code>"), "\(jsonBody.text)")
        let formBody = await harness.send(
            method: "POST",
            path: "/",
            query: "",
            service: "sqs",
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("X-Amz-Target", "AmazonSQS.ListQueues")],
            body: Array("Action=ListQueues".utf8),
            signed: true,
            date: Date()
        )
        #expect(formBody.status == 200 && formBody.text.contains("<ListQueuesResponse"), "\(formBody.text)")
    }

    @Test func theQueryProtocolStillTakesGET() async throws {
        let harness = try EmulatorHarness()
        let answer = await harness.send(
            method: "GET",
            path: "/",
            query: "Action=ListQueues",
            service: "sqs",
            headers: [],
            body: [],
            signed: true,
            date: Date()
        )
        #expect(answer.status == 200 && answer.text.contains("<ListQueuesResponse"), "\(answer.text)")
    }

    @Test(arguments: [
        ("http://127.0.0.1:4566/000000000000/q", true), ("http://localhost:9999/000000000000/q", true),
        ("https://sqs.us-east-1.amazonaws.com/000000000000/q", true),
        ("https://us-east-1.queue.amazonaws.com/000000000000/q", true),
        ("https://queue.amazonaws.com/000000000000/q", true), ("http://LOCALHOST/000000000000/q", true),
        ("https://sqs.eu-west-1.amazonaws.com/000000000000/q", false), ("http://example.com/000000000000/q", false),
        ("http://10.1.2.3:4566/000000000000/q", false),
    ])
    func aQueueURLMustNameThisEndpoint(url: String, known: Bool) async throws {
        // Before, the host was never looked at: any host reached the queue.
        let harness = try EmulatorHarness()
        _ = await harness.createQueue("q")
        let sent = await harness.call("AmazonSQS.SendMessage", ["QueueUrl": url, "MessageBody": "m"])
        #expect((sent.status == 200) == known, "\(url): \(sent.text)")
        if !known {
            #expect(sent.errorType == "QueueDoesNotExist")
            #expect(sent.header("x-amzn-query-error") == "AWS.SimpleQueueService.NonExistentQueue;Sender")
            let xml = await harness.query([("Action", "SendMessage"), ("QueueUrl", url), ("MessageBody", "m")])
            #expect(xml.text.contains("<Code>AWS.SimpleQueueService.NonExistentQueue</Code>"), "\(xml.text)")
        }
    }

    @Test func aHostTheEmulatorHandedOutStaysKnown() async throws {
        // A queue URL made for a client that reached the emulator as `devstack:4566` keeps working from a client
        // that reaches it by another name (the stack's functions, a container network).
        var harness = try EmulatorHarness()
        harness.host = "devstack:4566"
        let url = await harness.createQueue("q")
        #expect(url == "http://devstack:4566/000000000000/q")
        harness.host = "127.0.0.1:4566"
        #expect(await harness.call("AmazonSQS.SendMessage", ["QueueUrl": url, "MessageBody": "m"]).status == 200)
    }
}
