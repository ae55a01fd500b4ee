import Foundation
import LambdaRuntime
import Testing

@Suite("LambdaEnvironment")
struct LambdaEnvironmentTests {
    @Test("reads every variable Lambda sets")
    func readsAll() throws {
        let environment = try LambdaEnvironment([
            "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001",
            "AWS_LAMBDA_FUNCTION_NAME": "consumer",
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
            "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/consumer",
            "AWS_LAMBDA_LOG_STREAM_NAME": "2026/11/29/[$LATEST]abc",
            "_HANDLER": "bootstrap",
            "LAMBDA_TASK_ROOT": "/var/task",
            "AWS_REGION": "eu-west-1",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
        ])
        #expect(
            environment
                == LambdaEnvironment(
                    runtimeAPI: "127.0.0.1:9001",
                    functionName: "consumer",
                    functionVersion: "$LATEST",
                    memorySizeMB: 256,
                    logGroupName: "/aws/lambda/consumer",
                    logStreamName: "2026/11/29/[$LATEST]abc",
                    handler: "bootstrap",
                    taskRoot: "/var/task",
                    region: "eu-west-1",
                    initializationType: "on-demand"
                )
        )
        #expect(environment.baseURL.absoluteString == "http://127.0.0.1:9001/2018-06-01")
    }

    @Test("the region falls back to AWS_DEFAULT_REGION; unset optional variables are nil")
    func defaults() throws {
        let environment = try LambdaEnvironment([
            "AWS_LAMBDA_RUNTIME_API": "localhost:8080", "AWS_DEFAULT_REGION": "us-west-2",
        ])
        #expect(environment.region == "us-west-2")
        #expect(environment.functionName == nil)
        #expect(environment.memorySizeMB == nil)
    }

    @Test("a missing AWS_LAMBDA_RUNTIME_API is a clear error")
    func missingRuntimeAPI() {
        #expect {
            try LambdaEnvironment(["AWS_REGION": "us-east-1"])
        } throws: { error in
            let error = error as? LambdaRuntimeError
            return error?.code == .missingEnvironmentVariable
                && error?.message.contains("AWS_LAMBDA_RUNTIME_API") == true
        }
    }

    @Test(
        "a runtime API that is not host:port is rejected",
        arguments: [
            "127.0.0.1", "http://127.0.0.1:9001", "127.0.0.1:notaport", ":9001", "127.0.0.1:70000", "a b:1",
        ]
    )
    func invalidRuntimeAPI(value: String) {
        #expect {
            try LambdaEnvironment(["AWS_LAMBDA_RUNTIME_API": value])
        } throws: { error in
            (error as? LambdaRuntimeError)?.code == .invalidEnvironmentVariable
        }
    }

    @Test("a memory size that is not a positive number is rejected", arguments: ["", "lots", "0", "-128"])
    func invalidMemory(value: String) throws {
        let variables = ["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": value]
        if value.isEmpty {
            #expect(try LambdaEnvironment(variables).memorySizeMB == nil, "an empty variable counts as unset")
        } else {
            #expect(throws: LambdaRuntimeError.self) { try LambdaEnvironment(variables) }
        }
    }
}
