import Foundation
import TestSupport
import Testing

@testable import Emulator

/// Rotation: the service's side with a fake function that does what AWS's rotation templates do, and the whole
/// flow under the emulator with a Python rotation function (awslambdaric, boto3) driven by boto3.
@Suite(.serialized) struct SecretsManagerRotationTests {
    /// A rotation function played by the test: each step is recorded; createSecret and finishSecret call the
    /// service as a template function would, `failing` steps fail.
    final class FakeRotationFunction: SecretRotationInvoker, @unchecked Sendable {
        let lock = NSLock()
        var service: SecretsManagerService?
        var events: [[String: String]] = []
        let failing: Set<String>
        let known: Set<String>

        init(failing: Set<String> = [], known: Set<String> = ["rotator"]) {
            self.failing = failing
            self.known = known
        }

        var recorded: [[String: String]] {
            lock.lock()
            defer { lock.unlock() }
            return events
        }

        func canInvoke(_ function: String) async -> Bool { known.contains(function) }

        func invoke(_ function: String, payload: Data) async -> String? {
            let event = (try? JSONSerialization.jsonObject(with: payload)) as? [String: String] ?? [:]
            lock.withLock { events.append(event) }
            let step = event["Step"] ?? ""
            if failing.contains(step) { return "RuntimeError: \(step) fails on purpose" }
            guard let service, let arn = event["SecretId"], let token = event["ClientRequestToken"] else {
                return "no service"
            }
            do {
                switch step {
                case "createSecret":
                    _ = try service.handle(
                        "PutSecretValue",
                        JSONInput([
                            "SecretId": arn, "ClientRequestToken": token, "SecretString": "new",
                            "VersionStages": ["AWSPENDING"],
                        ])
                    )
                case "finishSecret":
                    let stages =
                        try service.handle("DescribeSecret", JSONInput(["SecretId": arn]))[
                            "VersionIdsToStages"
                        ] as? [String: [String]] ?? [:]
                    let current = stages.first { $0.value.contains("AWSCURRENT") }?.key ?? ""
                    _ = try service.handle(
                        "UpdateSecretVersionStage",
                        JSONInput([
                            "SecretId": arn, "VersionStage": "AWSCURRENT", "MoveToVersionId": token,
                            "RemoveFromVersionId": current,
                        ])
                    )
                default: break
                }
            } catch {
                return "\(error)"
            }
            return nil
        }
    }

    static func service(_ function: FakeRotationFunction) -> SecretsManagerService {
        let service = SecretsManagerService(
            store: InMemoryEmulatorStore(),
            clock: SystemEmulatorClock(),
            accountID: "000000000000",
            region: "us-east-1",
            rotationInvoker: function
        )
        function.service = service
        return service
    }

    /// Polls `condition` every 20 ms, at most 500 times (10 s).
    static func eventually(_ condition: () throws -> Bool) async rethrows -> Bool {
        for _ in 0..<500 {
            if try condition() { return true }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return try condition()
    }

    @Test func theFourStepsRunInOrderAndAWSCURRENTMovesToTheNewVersion() async throws {
        let function = FakeRotationFunction()
        let service = Self.service(function)
        let created = try service.handle("CreateSecret", JSONInput(["Name": "s", "SecretString": "old"]))
        let first = try #require(created["VersionId"] as? String)
        let rotated = try await service.respond(
            "RotateSecret",
            JSONInput([
                "SecretId": "s", "RotationLambdaARN": "rotator",
                "RotationRules": ["ScheduleExpression": "rate(10 days)"],
            ])
        )
        let token = try #require(rotated["VersionId"] as? String)
        #expect(
            try await Self.eventually {
                try service.handle("DescribeSecret", JSONInput(["SecretId": "s"]))["LastRotatedDate"] != nil
            }
        )
        #expect(function.recorded.map { $0["Step"] ?? "" } == SecretsManagerService.rotationSteps)
        #expect(function.recorded.allSatisfy { $0["SecretId"] == created["ARN"] as? String })
        #expect(function.recorded.allSatisfy { $0["ClientRequestToken"] == token && $0["RotationToken"] != nil })
        let described = try service.handle("DescribeSecret", JSONInput(["SecretId": "s"]))
        #expect(
            described["VersionIdsToStages"] as? [String: [String]] == [token: ["AWSCURRENT"], first: ["AWSPREVIOUS"]]
        )
        #expect(described["RotationEnabled"] as? Bool == true)
        #expect(described["RotationLambdaARN"] as? String == "rotator")
        let last = try #require(described["LastRotatedDate"] as? Double)
        let next = try #require(described["NextRotationDate"] as? Double)
        #expect(next > last + 9 * 86_400 && next <= last + 11 * 86_400, "rate(10 days): \(next - last) s")
        #expect(try service.handle("GetSecretValue", JSONInput(["SecretId": "s"]))["SecretString"] as? String == "new")
    }

    @Test func aFailedStepLeavesTheVersionPendingAndBlocksTheNextRotation() async throws {
        let function = FakeRotationFunction(failing: ["testSecret"])
        let service = Self.service(function)
        _ = try service.handle("CreateSecret", JSONInput(["Name": "s", "SecretString": "old"]))
        let token = try #require(
            try await service.respond("RotateSecret", JSONInput(["SecretId": "s", "RotationLambdaARN": "rotator"]))[
                "VersionId"
            ] as? String
        )
        #expect(await Self.eventually { function.recorded.count == 3 })
        try await Task.sleep(nanoseconds: 100_000_000)
        #expect(function.recorded.map { $0["Step"] ?? "" } == ["createSecret", "setSecret", "testSecret"])
        let described = try service.handle("DescribeSecret", JSONInput(["SecretId": "s"]))
        #expect((described["VersionIdsToStages"] as? [String: [String]])?[token] == ["AWSPENDING"])
        #expect(described["LastRotatedDate"] == nil)
        do throws(AWSError) {
            _ = try await service.respond("RotateSecret", JSONInput(["SecretId": "s"]))
            Issue.record("a rotation while one is unfinished was accepted")
        } catch {
            #expect(error.code == "InvalidRequestException")
            #expect(error.message == "A previous rotation isn't complete. That rotation will be reattempted.")
        }
        let cancelled = try service.handle("CancelRotateSecret", JSONInput(["SecretId": "s"]))
        #expect(cancelled["VersionId"] as? String == token)
        let after = try service.handle("DescribeSecret", JSONInput(["SecretId": "s"]))
        #expect(after["RotationEnabled"] as? Bool == false)
        #expect(after["RotationLambdaARN"] as? String == "rotator", "the configuration stays after a cancel")
    }

    @Test func rotationNeedsAFunctionItCanInvokeAndValidRules() async throws {
        let service = Self.service(FakeRotationFunction())
        _ = try service.handle("CreateSecret", JSONInput(["Name": "s", "SecretString": "v"]))
        let refusals: [([String: Any], String)] = [
            (["SecretId": "s"], "InvalidRequestException"),
            (["SecretId": "s", "RotationLambdaARN": "missing"], "AccessDeniedException"),
            (["SecretId": "nope", "RotationLambdaARN": "rotator"], "ResourceNotFoundException"),
            (
                ["SecretId": "s", "RotationLambdaARN": "rotator", "RotationRules": ["AutomaticallyAfterDays": 0]],
                "InvalidParameterException"
            ),
            (
                [
                    "SecretId": "s", "RotationLambdaARN": "rotator",
                    "RotationRules": ["ScheduleExpression": "rate(1 hours)"],
                ],
                "InvalidParameterException"
            ),
            (
                ["SecretId": "s", "RotationLambdaARN": "rotator", "RotationRules": ["Duration": "2d"]],
                "InvalidParameterException"
            ),
        ]
        for (input, code) in refusals {
            do throws(AWSError) {
                _ = try await service.respond("RotateSecret", JSONInput(input))
                Issue.record("accepted: \(input)")
            } catch {
                #expect(error.code == code, "\(input): \(error)")
            }
        }
        #expect(
            (try service.handle("DescribeSecret", JSONInput(["SecretId": "s"])))["RotationEnabled"] == nil,
            "a refused rotation configures nothing"
        )
    }

    @Test func withoutRotateImmediatelyOnlyTestSecretRunsOnAVersionThatIsThenRemoved() async throws {
        let function = FakeRotationFunction()
        let service = Self.service(function)
        _ = try service.handle("CreateSecret", JSONInput(["Name": "s", "SecretString": "v"]))
        let token = try #require(
            try await service.respond(
                "RotateSecret",
                JSONInput([
                    "SecretId": "s", "RotationLambdaARN": "rotator", "RotateImmediately": false,
                    "RotationRules": ["AutomaticallyAfterDays": 7],
                ])
            )["VersionId"] as? String
        )
        #expect(
            try await Self.eventually {
                let stages = try service.handle("DescribeSecret", JSONInput(["SecretId": "s"]))["VersionIdsToStages"]
                return (stages as? [String: [String]])?[token] == nil
            }
        )
        #expect(function.recorded.map { $0["Step"] ?? "" } == ["testSecret"])
        let described = try service.handle("DescribeSecret", JSONInput(["SecretId": "s"]))
        #expect(described["RotationEnabled"] as? Bool == true)
        #expect(described["NextRotationDate"] != nil)
        #expect(described["LastRotatedDate"] == nil)
    }

    @Test func theRotationConfigurationSurvivesARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rotation-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        let function = FakeRotationFunction()
        let service = SecretsManagerService(
            store: try SQLiteEmulatorStore(path: path),
            clock: SystemEmulatorClock(),
            accountID: "000000000000",
            region: "us-east-1",
            rotationInvoker: function
        )
        function.service = service
        _ = try service.handle("CreateSecret", JSONInput(["Name": "s", "SecretString": "v"]))
        _ = try await service.respond(
            "RotateSecret",
            JSONInput(["SecretId": "s", "RotationLambdaARN": "rotator", "RotationRules": ["AutomaticallyAfterDays": 3]])
        )
        #expect(
            try await Self.eventually {
                try service.handle("DescribeSecret", JSONInput(["SecretId": "s"]))["LastRotatedDate"] != nil
            }
        )
        let store = try SQLiteEmulatorStore(path: path)
        let restarted = SecretsManagerService(
            store: store,
            clock: SystemEmulatorClock(),
            accountID: "000000000000",
            region: "us-east-1"
        )
        restarted.restore(try store.load())
        let described = try restarted.handle("DescribeSecret", JSONInput(["SecretId": "s"]))
        #expect(described["RotationEnabled"] as? Bool == true)
        #expect(described["RotationLambdaARN"] as? String == "rotator")
        #expect((described["RotationRules"] as? [String: Any])?["AutomaticallyAfterDays"] as? Int == 3)
        #expect(described["LastRotatedDate"] != nil && described["NextRotationDate"] != nil)
        #expect(
            try restarted.handle("GetSecretValue", JSONInput(["SecretId": "s"]))["SecretString"] as? String == "new"
        )
    }

    // MARK: Under the emulator, with a Python rotation function

    static var shouldRun: Bool {
        ProcessInfo.processInfo.environment["CI"] != nil
            || (try? ChildProcess.run("python3", ["-c", "import awslambdaric, boto3"], timeout: 30))?.status == 0
    }

    static let folder = ChildProcess.packageRoot.appendingPathComponent("Tests/EmulatorTests/Interop/rotation")
    static let bootstrap = ChildProcess.packageRoot
        .appendingPathComponent("Tests/EmulatorLambdaTests/Interop/awslambdaric/bootstrap").path

    static func function(_ name: String, _ environment: [String: String]) -> LambdaFunctionConfiguration {
        LambdaFunctionConfiguration(
            name: name,
            executablePath: bootstrap,
            timeout: 30,
            memorySize: 256,
            environment: environment.merging(["PYTHONPATH": folder.path, "PYTHONUNBUFFERED": "1"]) { own, _ in own },
            handler: "rotator.handler"
        )
    }

    @Test(.enabled(if: shouldRun, "pip install -r Tests/interop-requirements.txt"))
    func boto3RotatesThroughAPythonRotationFunction() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rotation-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let events = directory.appendingPathComponent("events.jsonl").path
        let failingEvents = directory.appendingPathComponent("failing.jsonl").path
        try await withEmulatorServer { server in
            let functions = server.emulator.lambda.functions
            await functions.register(Self.function("rotator", ["ROTATOR_EVENTS": events]))
            await functions.register(
                Self.function("rotator-failing", ["ROTATOR_FAIL_STEP": "setSecret", "ROTATOR_EVENTS": failingEvents])
            )
            let arguments = [
                Self.folder.appendingPathComponent("rotation_boto3.py").path, server.baseURL.absoluteString,
                "arn:aws:lambda:us-east-1:000000000000:function:rotator", "rotator-failing", failingEvents,
            ]
            let output = try await ChildProcess.run(
                "python3",
                arguments,
                environment: InteropTests.environment,
                timeout: 180
            )
            #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
            #expect(output.stdout.hasPrefix("OK "))
            let lines = try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n")
            let steps = lines.compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String])?["Step"]
            }
            #expect(Array(steps.prefix(4)) == SecretsManagerService.rotationSteps, "\(steps)")
            #expect(
                await Self.eventually {
                    !server.emulator.lambda.failedInvocationEndTimes(function: "rotator-failing").isEmpty
                },
                "the failing function's setSecret ended in a function error"
            )
        }
    }
}
