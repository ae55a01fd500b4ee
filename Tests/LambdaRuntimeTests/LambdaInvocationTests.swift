import Foundation
import LambdaRuntime
import Logging
import Testing

@Suite("Invocation headers and context")
struct LambdaInvocationTests {
    @Test("all headers are read, whatever their case")
    func readsHeaders() throws {
        let response = RuntimeAPIResponse(
            status: 200,
            headers: [
                "lambda-runtime-aws-request-id": "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
                "LAMBDA-RUNTIME-DEADLINE-MS": "1542409706888",
                "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime",
                "Lambda-Runtime-Trace-Id": "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
                "Lambda-Runtime-Client-Context": "{}",
                "Lambda-Runtime-Cognito-Identity": "{\"id\":1}",
                "lambda-runtime-aws-tenant-id": "tenant-7",
            ],
            body: Data("{}".utf8)
        )
        let invocation = try LambdaInvocation(response: response)
        #expect(invocation.requestID == "8476a536-e9f4-11e8-9739-2dfe598c3fcd")
        #expect(invocation.deadlineMilliseconds == 1_542_409_706_888)
        #expect(invocation.invokedFunctionARN == "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime")
        #expect(invocation.traceID?.hasPrefix("Root=1-5bef4de7") == true)
        #expect(invocation.clientContext == "{}")
        #expect(invocation.cognitoIdentity == "{\"id\":1}")
        #expect(invocation.tenantID == "tenant-7")
        #expect(invocation.event == Data("{}".utf8))
    }

    @Test("a missing request id or a non-numeric deadline is an InvalidInvocation")
    func invalid() {
        #expect(throws: LambdaInvocation.InvalidInvocation.self) {
            try LambdaInvocation(response: .init(status: 200, headers: ["Lambda-Runtime-Deadline-Ms": "1"]))
        }
        #expect {
            try LambdaInvocation(
                response: .init(
                    status: 200,
                    headers: ["Lambda-Runtime-Aws-Request-Id": "r", "Lambda-Runtime-Deadline-Ms": "soon"]
                )
            )
        } throws: { error in
            (error as? LambdaInvocation.InvalidInvocation)?.requestID == "r"
        }
    }

    @Test("remaining time is the deadline minus now, and zero once the deadline passed")
    func remainingTime() {
        let environment = LambdaEnvironment(runtimeAPI: "127.0.0.1:1")
        var context = LambdaContext(
            requestID: "r",
            deadlineMilliseconds: 10_000,
            environment: environment,
            logger: Logger(label: "t"),
            clock: FixedClock(milliseconds: 7_500)
        )
        #expect(context.remainingTime == .milliseconds(2_500))
        #expect(context.deadline == Date(timeIntervalSince1970: 10))
        context.clock = FixedClock(milliseconds: 12_000)
        #expect(context.remainingTime == .zero)
    }
}
