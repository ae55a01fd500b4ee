import Foundation
import Synchronization

/// Secrets Manager (JSON 1.1): create, read by version id or staging label (one or a batch), put and update
/// values with AWSCURRENT/AWSPREVIOUS, staging labels moved by hand, rotation through a Lambda function,
/// describe, list with AWS's filters, scheduled or forced deletion, restore, tags, resource policies, replicas
/// (recorded, not served), random passwords. Every secret is one store record, so all of it survives a restart.
package final class SecretsManagerService: Sendable {
    static let recordKind = "secret"

    /// Everything that changes, behind one lock; an operation gets it `inout` from `locked`.
    struct State {
        var secrets: [String: Secret] = [:]
        /// Rotations whose steps are running, by version id (the rotation's token).
        var rotations: [String: Task<Void, Never>] = [:]
    }

    let state = Mutex(State())
    let store: any EmulatorStore
    let clock: any EmulatorClock
    let accountID: String
    let region: String
    let rotationInvoker: (any SecretRotationInvoker)?

    package init(
        store: any EmulatorStore,
        clock: any EmulatorClock,
        accountID: String,
        region: String,
        rotationInvoker: (any SecretRotationInvoker)? = nil
    ) {
        self.store = store
        self.clock = clock
        self.accountID = accountID
        self.region = region
        self.rotationInvoker = rotationInvoker
    }

    package func restore(_ snapshot: StoreSnapshot) {
        state.withLock { state in
            state.secrets.removeAll()
            for (key, json) in snapshot.records[Self.recordKind] ?? [] {
                if let secret = try? JSONDecoder().decode(Secret.self, from: json) { state.secrets[key] = secret }
            }
        }
    }

    package func reset() {
        state.withLock { $0.secrets.removeAll() }
    }

    /// Runs `body` holding the lock, with the state to read and change. `body` must not call a method that
    /// takes the lock again (a `Mutex` is not re-entrant).
    func locked<Result>(_ body: (inout State) throws(AWSError) -> sending Result) throws(AWSError) -> sending Result {
        try state.withLock { (state: inout State) throws(AWSError) -> sending Result in try body(&state) }
    }

    var now: Double { (clock.now().timeIntervalSince1970 * 1000).rounded(.down) / 1000 }

    /// Answers any operation; RotateSecret needs the Lambda side, hence `async`.
    package func respond(_ operation: String, _ input: JSONInput) async throws(AWSError) -> [String: Any] {
        if operation == "RotateSecret" { return try await rotate(input) }
        return try handle(operation, input)
    }

    /// Answers every operation but RotateSecret (see `respond`).
    package func handle(_ operation: String, _ input: JSONInput) throws(AWSError) -> [String: Any] {
        if operation == "GetRandomPassword" {
            return ["RandomPassword": try RandomPasswordGenerator(input).generate()]
        }
        return try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            purgeDue(&state)
            switch operation {
            case "CreateSecret": return try create(input, &state)
            case "GetSecretValue": return try getValue(input, &state)
            case "PutSecretValue": return try putValue(input, &state)
            case "UpdateSecret": return try update(input, &state)
            case "DescribeSecret": return try describe(input, &state)
            case "ListSecretVersionIds": return try listVersionIDs(input, &state)
            case "ListSecrets": return try list(input, &state)
            case "DeleteSecret": return try delete(input, &state)
            case "RestoreSecret": return try restore(input, &state)
            case "TagResource": return try tag(input, &state)
            case "UntagResource": return try untag(input, &state)
            case "UpdateSecretVersionStage": return try updateVersionStage(input, &state)
            case "CancelRotateSecret": return try cancelRotation(input, &state)
            case "BatchGetSecretValue": return try batchGetValue(input, &state)
            case "GetResourcePolicy": return try getResourcePolicy(input, &state)
            case "PutResourcePolicy": return try putResourcePolicy(input, &state)
            case "DeleteResourcePolicy": return try deleteResourcePolicy(input, &state)
            case "ValidateResourcePolicy": return try validateResourcePolicy(input, &state)
            case "ReplicateSecretToRegions": return try replicate(input, &state)
            case "RemoveRegionsFromReplication": return try removeReplicaRegions(input, &state)
            case "StopReplicationToReplica": return try stopReplication(input, &state)
            case "RotateSecret":
                throw AWSError.internalFailure("RotateSecret is answered by respond(_:_:), not handle(_:_:).")
            default: throw AWSError.unknownOperation("secretsmanager.\(operation)")
            }
        }
    }

    // MARK: Errors

    static let notFound = AWSError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.")

    static func invalidParameter(_ message: String) -> AWSError { AWSError("InvalidParameterException", message) }

    static func invalidRequest(_ message: String) -> AWSError { AWSError("InvalidRequestException", message) }

    /// A `ClientRequestToken` that names a version holding another value (AWS's words).
    static func tokenInUse(_ token: String, _ secret: Secret) -> AWSError {
        AWSError(
            "ResourceExistsException",
            "You can't use ClientRequestToken \(token) because that value is already in use for a version of "
                + "secret \(secret.arn)"
        )
    }

    /// A refusal in the AWS validation format (`1 validation error detected: …`).
    static func validation(_ value: String, at path: String, _ constraint: String) -> AWSError {
        AWSError(
            "ValidationException",
            "1 validation error detected: Value '\(value)' at '\(path)' failed to satisfy constraint: \(constraint)"
        )
    }

    static let markedForDeletion = invalidRequest(
        "You can't perform this operation on the secret because it was marked for deletion."
    )

    // MARK: Lookup and storage

    /// Finds a secret by name, full ARN, or ARN without the random suffix.
    func find(_ id: String, in state: State) -> Secret? {
        if let secret = state.secrets[id] { return secret }
        return state.secrets.values.first { $0.arn == id || String($0.arn.dropLast(7)) == id }
    }

    func existing(_ input: JSONInput, in state: State) throws(AWSError) -> Secret {
        guard let secret = find(try input.requiredString("SecretId"), in: state) else { throw Self.notFound }
        return secret
    }

    func save(_ secret: Secret, into state: inout State) throws(AWSError) {
        do {
            let json = try JSONEncoder().encode(secret)
            try store.apply([.record(kind: Self.recordKind, key: secret.name, json: json)])
        } catch {
            throw AWSError.internalFailure("The emulator could not save the secret: \(error)")
        }
        state.secrets[secret.name] = secret
    }

    private func remove(_ secret: Secret, from state: inout State) throws(AWSError) {
        do {
            try store.apply([.deleteRecord(kind: Self.recordKind, key: secret.name)])
        } catch {
            throw AWSError.internalFailure("The emulator could not delete the secret: \(error)")
        }
        state.secrets[secret.name] = nil
    }

    /// Scheduled deletions whose date has passed take effect.
    private func purgeDue(_ state: inout State) {
        let now = self.now
        for secret in state.secrets.values where (secret.deletionDate ?? .infinity) <= now {
            try? remove(secret, from: &state)
        }
    }

    private func arn(for name: String) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let suffix = String((0..<6).map { _ in alphabet.randomElement()! })
        return "arn:aws:secretsmanager:\(region):\(accountID):secret:\(name)-\(suffix)"
    }

    /// The value of a create/put/update: a string or a binary, not both.
    private func value(_ input: JSONInput) throws(AWSError) -> (string: String?, binary: String?) {
        let string = try input.string("SecretString")
        let binary = try input.string("SecretBinary")
        if string != nil, binary != nil {
            throw Self.invalidParameter(
                "You can't specify both a binary secret value and a string secret value in the same secret."
            )
        }
        if let binary, Data(base64Encoded: binary) == nil {
            throw Self.invalidParameter("SecretBinary must be base64-encoded.")
        }
        if let string, string.utf8.count > 65_536 {
            throw Self.invalidParameter("SecretString must be at most 65536 bytes.")
        }
        return (string, binary)
    }

    func versionID(_ input: JSONInput) throws(AWSError) -> String {
        guard let token = try input.string("ClientRequestToken") else { return UUID().uuidString.lowercased() }
        guard (32...64).contains(token.count) else {
            throw Self.invalidParameter("ClientRequestToken must be between 32 and 64 characters long.")
        }
        return token
    }

    static func tags(_ input: JSONInput) throws(AWSError) -> [Secret.Tag] {
        try (input.objectList("Tags") ?? []).map { tag throws(AWSError) -> Secret.Tag in
            Secret.Tag(key: try tag.requiredString("Key"), value: try tag.string("Value") ?? "")
        }
    }

    // MARK: Operations

    private func create(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        let name = try input.requiredString("Name")
        let nameValid =
            (1...512).contains(name.count)
            && name.unicodeScalars.allSatisfy {
                ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || "/_+=.@-".unicodeScalars.contains($0)
            }
        guard nameValid else {
            throw Self.invalidParameter(
                "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!"
            )
        }
        let (string, binary) = try value(input)
        let versionID = try versionID(input)
        let replicas = try Self.replicaRegions(input, key: "AddReplicaRegions", primary: region) ?? []
        if let existing = state.secrets[name] {
            // The same request again (its token names a version of this secret) is answered as the first was,
            // as AWS documents for ClientRequestToken; the same token with another value is refused.
            if try input.string("ClientRequestToken") != nil, let version = existing.version(id: versionID) {
                guard version.secretString == string, version.secretBinary == binary else {
                    throw Self.tokenInUse(versionID, existing)
                }
                var out: [String: Any] = ["ARN": existing.arn, "Name": name, "VersionId": versionID]
                if let replicas = existing.replicas, !replicas.isEmpty {
                    out["ReplicationStatus"] = replicas.map(\.json)
                }
                return out
            }
            if existing.deletionDate != nil {
                throw Self.invalidRequest(
                    "You can't create this secret because a secret with this name is already scheduled for deletion."
                )
            }
            throw AWSError("ResourceExistsException", "The operation failed because the secret \(name) already exists.")
        }
        let now = self.now
        var secret = Secret(
            name: name,
            arn: arn(for: name),
            description: try input.string("Description"),
            kmsKeyId: try input.string("KmsKeyId"),
            tags: try Self.tags(input),
            createdDate: now,
            lastChangedDate: now,
            lastAccessedDate: nil,
            deletionDate: nil,
            versions: [],
            replicas: replicas.isEmpty ? nil : replicas
        )
        var out: [String: Any] = ["ARN": secret.arn, "Name": name]
        if !replicas.isEmpty { out["ReplicationStatus"] = replicas.map(\.json) }
        if string != nil || binary != nil {
            secret.addVersion(
                .init(
                    id: versionID,
                    secretString: string,
                    secretBinary: binary,
                    createdDate: now,
                    stages: ["AWSCURRENT"]
                )
            )
            out["VersionId"] = versionID
        }
        try save(secret, into: &state)
        return out
    }

    private func getValue(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        var secret = try existing(input, in: state)
        guard secret.deletionDate == nil else { throw Self.markedForDeletion }
        let versionID = try input.string("VersionId")
        let stage = try input.string("VersionStage")
        let version: Secret.Version
        if let versionID {
            // A version without a value (the one RotateSecret makes before createSecret) is not found, as on AWS:
            // rotation functions rely on it to know that createSecret still has to put the value.
            guard let found = secret.version(id: versionID), stage == nil || found.stages.contains(stage!),
                found.secretString != nil || found.secretBinary != nil
            else {
                throw AWSError(
                    "ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret value for VersionId: \(versionID)"
                )
            }
            version = found
        } else {
            let label = stage ?? "AWSCURRENT"
            guard let found = secret.version(stage: label), found.secretString != nil || found.secretBinary != nil
            else {
                throw AWSError(
                    "ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret value for staging label: \(label)"
                )
            }
            version = found
        }
        return try valueRead(version, of: &secret, in: &state)
    }

    /// What GetSecretValue (and each BatchGetSecretValue entry) answers for `version`; the read is recorded as
    /// AWS records it, as the secret's `LastAccessedDate` (the day, not the time).
    func valueRead(
        _ version: Secret.Version,
        of secret: inout Secret,
        in state: inout State
    ) throws(AWSError) -> [String: Any] {
        let today = (now / 86_400).rounded(.down) * 86_400
        if secret.lastAccessedDate != today {
            secret.lastAccessedDate = today
            try save(secret, into: &state)
        }
        var out: [String: Any] = [
            "ARN": secret.arn, "Name": secret.name, "VersionId": version.id, "VersionStages": version.stages,
            "CreatedDate": version.createdDate,
        ]
        if let text = version.secretString { out["SecretString"] = text }
        if let binary = version.secretBinary { out["SecretBinary"] = binary }
        return out
    }

    private func putValue(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        var secret = try existing(input, in: state)
        guard secret.deletionDate == nil else { throw Self.markedForDeletion }
        let (string, binary) = try value(input)
        guard string != nil || binary != nil else {
            throw Self.invalidParameter("You must provide either SecretString or SecretBinary.")
        }
        let stages = try input.stringList("VersionStages") ?? ["AWSCURRENT"]
        let version = try writeVersion(
            input,
            string: string,
            binary: binary,
            stages: stages,
            into: &secret,
            state: &state
        )
        return ["ARN": secret.arn, "Name": secret.name, "VersionId": version.id, "VersionStages": version.stages]
    }

    /// Adds the version a put or update asks for (its id from `ClientRequestToken`, or new) and saves the
    /// secret. Repeating a request with the same token and value changes nothing (idempotent, as on AWS); the
    /// same token with another value is refused.
    private func writeVersion(
        _ input: JSONInput,
        string: String?,
        binary: String?,
        stages: [String],
        into secret: inout Secret,
        state: inout State
    ) throws(AWSError) -> Secret.Version {
        let versionID = try versionID(input)
        if let existing = secret.version(id: versionID) {
            if existing.secretString == nil, existing.secretBinary == nil {
                // The empty AWSPENDING version RotateSecret made: the rotation function's createSecret step
                // gives it its value under the rotation's token, keeping its labels.
                var filled = existing
                filled.secretString = string
                filled.secretBinary = binary
                filled.stages = existing.stages + stages.filter { !existing.stages.contains($0) }
                secret.versions.removeAll { $0.id == versionID }
                secret.addVersion(filled)
                secret.lastChangedDate = now
                try save(secret, into: &state)
                return filled
            }
            guard existing.secretString == string, existing.secretBinary == binary else {
                throw Self.tokenInUse(versionID, secret)
            }
            return existing
        }
        guard stages.count <= 20, stages.allSatisfy({ (1...256).contains($0.count) }) else {
            throw Self.invalidParameter("VersionStages must hold 1 to 20 labels of 1 to 256 characters.")
        }
        let now = self.now
        let version = Secret.Version(
            id: versionID,
            secretString: string,
            secretBinary: binary,
            createdDate: now,
            stages: stages
        )
        secret.addVersion(version)
        secret.lastChangedDate = now
        try save(secret, into: &state)
        return version
    }

    private func update(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        var secret = try existing(input, in: state)
        guard secret.deletionDate == nil else { throw Self.markedForDeletion }
        let (string, binary) = try value(input)
        if let description = try input.string("Description") { secret.description = description }
        if let kmsKeyId = try input.string("KmsKeyId") { secret.kmsKeyId = kmsKeyId }
        var out: [String: Any] = ["ARN": secret.arn, "Name": secret.name]
        if string != nil || binary != nil {
            let version = try writeVersion(
                input,
                string: string,
                binary: binary,
                stages: ["AWSCURRENT"],
                into: &secret,
                state: &state
            )
            out["VersionId"] = version.id
        } else {
            secret.lastChangedDate = now
            try save(secret, into: &state)
        }
        return out
    }

    private func describe(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        try existing(input, in: state).description_
    }

    private func list(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        let maxResults = try input.int("MaxResults") ?? 100
        guard (1...100).contains(maxResults) else {
            throw Self.validation(
                String(maxResults),
                at: "maxResults",
                "Member must have value \(maxResults < 1 ? "greater than or equal to 1" : "less than or equal to 100")"
            )
        }
        let includeDeleted = try input.bool("IncludePlannedDeletion") ?? false
        let filters = try SecretListFilter.parse(input)
        let order = try input.string("SortOrder") ?? "asc"
        guard order == "asc" || order == "desc" else {
            throw Self.validation(order, at: "sortOrder", "Member must satisfy enum value set: [asc, desc]")
        }
        let sortBy = try input.string("SortBy") ?? "created-date"
        let keys: [String: (Secret) -> String] = [
            "created-date": { Self.sortable($0.createdDate) },
            "last-accessed-date": { Self.sortable($0.lastAccessedDate) },
            "last-changed-date": { Self.sortable($0.lastChangedDate) },
            "name": { $0.name },
        ]
        guard let sortKey = keys[sortBy] else {
            throw Self.validation(
                sortBy,
                at: "sortBy",
                "Member must satisfy enum value set: [created-date, last-accessed-date, last-changed-date, name]"
            )
        }
        // Secrets with equal dates (to the millisecond) are ordered by name.
        let ascending = matching(filters, includeDeleted: includeDeleted, in: state).sorted {
            (sortKey($0), $0.name) < (sortKey($1), $1.name)
        }
        let sorted = order == "asc" ? ascending : ascending.reversed()
        let start = try Self.offset(try input.string("NextToken"))
        let page = sorted.dropFirst(start).prefix(maxResults)
        var out: [String: Any] = [
            "SecretList": page.map { secret -> [String: Any] in
                var entry = secret.description_
                entry["SecretVersionsToStages"] = entry.removeValue(forKey: "VersionIdsToStages")
                return entry
            }
        ]
        if start + page.count < sorted.count { out["NextToken"] = String(start + page.count) }
        return out
    }

    /// A date as text that sorts as the date does; no date sorts first.
    private static func sortable(_ date: Double?) -> String {
        guard let date else { return "" }
        let millis = String(Int64(date * 1000))
        return String(repeating: "0", count: max(0, 16 - millis.count)) + millis
    }

    /// The secrets that pass every filter (scheduled deletions only when asked for).
    func matching(_ filters: [SecretListFilter], includeDeleted: Bool, in state: State) -> [Secret] {
        state.secrets.values.filter { secret in
            (includeDeleted || secret.deletionDate == nil) && filters.allSatisfy { $0.matches(secret) }
        }
    }

    /// A page position from `NextToken` (an offset in the sorted list).
    static func offset(_ token: String?) throws(AWSError) -> Int {
        guard let token else { return 0 }
        guard let offset = Int(token), offset >= 0 else {
            throw AWSError("InvalidNextTokenException", "The NextToken value is invalid.")
        }
        return offset
    }

    /// The secret's versions, newest first; deprecated ones (no staging label) only with `IncludeDeprecated`.
    private func listVersionIDs(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        let secret = try existing(input, in: state)
        let maxResults = try input.int("MaxResults") ?? 100
        guard (1...100).contains(maxResults) else {
            throw Self.invalidParameter("MaxResults must be between 1 and 100.")
        }
        let includeDeprecated = try input.bool("IncludeDeprecated") ?? false
        let versions = (includeDeprecated ? secret.versions : secret.labelledVersions).reversed()
        let start = try Self.offset(try input.string("NextToken"))
        let page = versions.dropFirst(start).prefix(maxResults)
        var out: [String: Any] = [
            "ARN": secret.arn, "Name": secret.name,
            "Versions": page.map { version -> [String: Any] in
                var entry: [String: Any] = ["VersionId": version.id, "CreatedDate": version.createdDate]
                if !version.stages.isEmpty { entry["VersionStages"] = version.stages }
                return entry
            },
        ]
        if start + page.count < versions.count { out["NextToken"] = String(start + page.count) }
        return out
    }

    private func delete(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        var secret = try existing(input, in: state)
        let force = try input.bool("ForceDeleteWithoutRecovery") ?? false
        let window = try input.int("RecoveryWindowInDays")
        if force, window != nil {
            throw Self.invalidParameter(
                "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays."
            )
        }
        if let window, !(7...30).contains(window) {
            throw Self.invalidParameter("The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).")
        }
        if force {
            try remove(secret, from: &state)
            return ["ARN": secret.arn, "Name": secret.name, "DeletionDate": now]
        }
        guard secret.deletionDate == nil else { throw Self.markedForDeletion }
        let deletionDate = now + Double((window ?? 30) * 86_400)
        secret.deletionDate = deletionDate
        try save(secret, into: &state)
        return ["ARN": secret.arn, "Name": secret.name, "DeletionDate": deletionDate]
    }

    private func restore(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        var secret = try existing(input, in: state)
        secret.deletionDate = nil
        try save(secret, into: &state)
        return ["ARN": secret.arn, "Name": secret.name]
    }

    private func tag(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        var secret = try existing(input, in: state)
        for tag in try Self.tags(input) {
            secret.tags.removeAll { $0.key == tag.key }
            secret.tags.append(tag)
        }
        try save(secret, into: &state)
        return [:]
    }

    private func untag(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        var secret = try existing(input, in: state)
        let keys = try input.stringList("TagKeys") ?? []
        secret.tags.removeAll { keys.contains($0.key) }
        try save(secret, into: &state)
        return [:]
    }
}
