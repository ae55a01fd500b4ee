import Foundation

extension SecretsManagerService {
    /// BatchGetSecretValue: the AWSCURRENT values of up to 20 secrets named in `SecretIdList`, or of the
    /// secrets `Filters` choose (paged by `MaxResults`, at most 20, and `NextToken`) — one of the two, never
    /// both. A secret that cannot be read is an entry of `Errors`, not a refusal of the call.
    func batchGetValue(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        let ids = try input.stringList("SecretIdList")
        let hasFilters = input.has("Filters")
        // AWS documents that exactly one of the two is given; the words are ours.
        guard (ids != nil) != hasFilters else {
            throw Self.invalidParameter("You must provide either SecretIdList or Filters, but not both.")
        }
        let maxResults = try input.int("MaxResults")
        var values: [[String: Any]] = []
        var errors: [[String: Any]] = []
        var out: [String: Any] = [:]
        if let ids {
            guard (1...20).contains(ids.count) else {
                throw Self.validation(
                    "[\(ids.joined(separator: ", "))]",
                    at: "secretIdList",
                    "Member must have length \(ids.isEmpty ? "greater than or equal to 1" : "less than or equal to 20")"
                )
            }
            guard maxResults == nil else {
                throw Self.invalidParameter("MaxResults can only be used together with Filters.")
            }
            for id in ids {
                guard let secret = find(id, in: state) else {
                    errors.append(Self.entry(id, Self.notFound))
                    continue
                }
                do throws(AWSError) {
                    values.append(try currentValue(of: secret, in: &state))
                } catch {
                    errors.append(Self.entry(id, error))
                }
            }
        } else {
            let filters = try SecretListFilter.parse(input)
            let pageSize = maxResults ?? 20
            guard (1...20).contains(pageSize) else {
                throw Self.validation(
                    String(pageSize),
                    at: "maxResults",
                    "Member must have value \(pageSize < 1 ? "greater than or equal to 1" : "less than or equal to 20")"
                )
            }
            let chosen = matching(filters, includeDeleted: false, in: state).sorted {
                ($0.createdDate, $0.name) < ($1.createdDate, $1.name)
            }
            let start = try Self.offset(try input.string("NextToken"))
            let page = chosen.dropFirst(start).prefix(pageSize)
            for secret in page {
                do throws(AWSError) {
                    values.append(try currentValue(of: secret, in: &state))
                } catch {
                    errors.append(Self.entry(secret.arn, error))
                }
            }
            if start + page.count < chosen.count { out["NextToken"] = String(start + page.count) }
        }
        out["SecretValues"] = values
        out["Errors"] = errors
        return out
    }

    private static func entry(_ id: String, _ error: AWSError) -> [String: Any] {
        ["SecretId": id, "ErrorCode": error.code, "Message": error.message]
    }

    /// A `SecretValues` entry: the AWSCURRENT version, read as GetSecretValue reads it (the access date kept).
    private func currentValue(of found: Secret, in state: inout State) throws(AWSError) -> [String: Any] {
        var secret = found
        guard secret.deletionDate == nil else { throw Self.markedForDeletion }
        guard let version = secret.version(stage: "AWSCURRENT"),
            version.secretString != nil || version.secretBinary != nil
        else {
            throw AWSError(
                "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT"
            )
        }
        return try valueRead(version, of: &secret, in: &state)
    }
}
