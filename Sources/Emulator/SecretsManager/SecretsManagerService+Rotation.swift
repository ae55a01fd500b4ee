import Foundation
import Synchronization

/// Rotation through a Lambda function, as AWS runs it: RotateSecret stores the configuration, adds an empty
/// version under the rotation's token labelled AWSPENDING, answers, and then invokes the function once per step
/// (`createSecret`, `setSecret`, `testSecret`, `finishSecret`), each synchronously with
/// `{"Step", "SecretId" (the ARN), "ClientRequestToken" (the token), "RotationToken"}`. The function gives the
/// pending version its value and, in `finishSecret`, moves AWSCURRENT to it (UpdateSecretVersionStage). When
/// every step succeeded and AWSCURRENT is on the new version, the rotation is recorded (`LastRotatedDate`,
/// `NextRotationDate`) and AWSPENDING is taken off. When a step fails, the version stays AWSPENDING, which
/// DescribeSecret shows, and a later RotateSecret is refused until it is cleaned up, as on AWS.
///
/// Not done: rotating again on the schedule (the rules are stored and reported, the date computed for `rate`
/// and `AutomaticallyAfterDays`), AWS's retries of a failed rotation, resuming a rotation across a restart.
extension SecretsManagerService {
    static let rotationSteps = ["createSecret", "setSecret", "testSecret", "finishSecret"]

    func rotate(_ input: JSONInput) async throws(AWSError) -> [String: Any] {
        let function = try locked { (state: inout State) throws(AWSError) -> String in
            let secret = try existing(input, in: state)
            guard secret.deletionDate == nil else { throw Self.markedForDeletion }
            let given = try input.string("RotationLambdaARN").flatMap { $0.isEmpty ? nil : $0 }
            guard let function = given ?? secret.rotationLambdaARN else {
                // Our words: AWS does not publish its refusal of a rotation without a function.
                throw Self.invalidRequest(
                    "No Lambda rotation function is configured for this secret: give RotationLambdaARN."
                )
            }
            return function
        }
        guard let invoker = rotationInvoker, await invoker.canInvoke(function) else {
            // What AWS answers when it cannot invoke the function.
            throw AWSError(
                "AccessDeniedException",
                "Secrets Manager cannot invoke the specified Lambda function. Ensure that the function policy "
                    + "grants access to the principal secretsmanager.amazonaws.com."
            )
        }
        let rules = try input.object("RotationRules").map { rules throws(AWSError) in
            try SecretRotationRules(rules)
        }
        let immediately = try input.bool("RotateImmediately") ?? true
        let token = try versionID(input)
        return try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            var secret = try existing(input, in: state)
            guard secret.deletionDate == nil else { throw Self.markedForDeletion }
            if let pending = secret.version(stage: "AWSPENDING"), !pending.stages.contains("AWSCURRENT") {
                throw Self.invalidRequest("A previous rotation isn't complete. That rotation will be reattempted.")
            }
            if secret.version(id: token) != nil { throw Self.tokenInUse(token, secret) }
            let now = self.now
            secret.rotationLambdaARN = function
            if let rules { secret.rotationRules = rules }
            secret.rotationEnabled = true
            if !immediately {
                secret.nextRotationDate = secret.rotationRules?.nextRotation(after: secret.lastRotatedDate ?? now)
            }
            secret.addVersion(
                .init(id: token, secretString: nil, secretBinary: nil, createdDate: now, stages: ["AWSPENDING"])
            )
            try save(secret, into: &state)
            // Without RotateImmediately, AWS only tests the configuration: testSecret on a pending version that
            // is removed afterwards.
            let steps = immediately ? Self.rotationSteps : ["testSecret"]
            let arn = secret.arn
            let name = secret.name
            state.rotations[token] = Task {
                await self.runRotation(function, arn: arn, name: name, token: token, steps: steps, invoker: invoker)
            }
            return ["ARN": arn, "Name": name, "VersionId": token]
        }
    }

    private func runRotation(
        _ function: String,
        arn: String,
        name: String,
        token: String,
        steps: [String],
        invoker: any SecretRotationInvoker
    ) async {
        var failed = false
        for step in steps {
            guard !Task.isCancelled else {
                failed = true
                break
            }
            let event = [
                "Step": step, "SecretId": arn, "ClientRequestToken": token,
                "RotationToken": UUID().uuidString.lowercased(),
            ]
            let payload = (try? JSONSerialization.data(withJSONObject: event, options: [.sortedKeys])) ?? Data()
            if await invoker.invoke(function, payload: payload) != nil {
                failed = true
                break
            }
        }
        finishRotation(arn: arn, name: name, token: token, tested: steps != Self.rotationSteps, failed: failed)
    }

    /// Records how a rotation ended (under the lock): a test version removed, or a completed rotation's dates.
    private func finishRotation(arn: String, name: String, token: String, tested: Bool, failed: Bool) {
        state.withLock { state in
            finishRotation(arn: arn, name: name, token: token, tested: tested, failed: failed, &state)
        }
    }

    private func finishRotation(
        arn: String,
        name: String,
        token: String,
        tested: Bool,
        failed: Bool,
        _ state: inout State
    ) {
        state.rotations[token] = nil
        guard var secret = state.secrets[name], secret.arn == arn, let version = secret.version(id: token) else {
            return
        }
        if tested {
            guard !version.stages.contains("AWSCURRENT") else { return }
            secret.versions.removeAll { $0.id == token }
        } else {
            guard !failed, version.stages.contains("AWSCURRENT"), secret.rotationEnabled == true else { return }
            if let index = secret.versions.firstIndex(where: { $0.id == token }) {
                secret.versions[index].stages.removeAll { $0 == "AWSPENDING" }
            }
            let now = self.now
            secret.lastRotatedDate = now
            secret.nextRotationDate = secret.rotationRules?.nextRotation(after: now)
        }
        try? save(secret, into: &state)
    }

    /// CancelRotateSecret: rotation off (the function and rules stay, as DescribeSecret shows them), a rotation
    /// in progress stopped before its next step; the pending version is left for the caller to clean up, and
    /// named in the answer.
    func cancelRotation(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        var secret = try existing(input, in: state)
        guard secret.deletionDate == nil else { throw Self.markedForDeletion }
        var out: [String: Any] = ["ARN": secret.arn, "Name": secret.name]
        if let pending = secret.version(stage: "AWSPENDING"), !pending.stages.contains("AWSCURRENT") {
            state.rotations.removeValue(forKey: pending.id)?.cancel()
            out["VersionId"] = pending.id
        }
        if secret.rotationEnabled != nil {
            secret.rotationEnabled = false
            try save(secret, into: &state)
        }
        return out
    }

    /// Stops every rotation in progress (the emulator's shutdown).
    package func stopRotations() {
        let running = takeRotations()
        for task in running { task.cancel() }
    }

    private func takeRotations() -> [Task<Void, Never>] {
        state.withLock { state in
            defer { state.rotations.removeAll() }
            return Array(state.rotations.values)
        }
    }
}
