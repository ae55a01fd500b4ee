import Foundation

/// One `Filters` entry of ListSecrets and BatchGetSecretValue: a key and up to ten values. Several values of one
/// filter are OR'd, several filters AND'd; a value starting with `!` matches the secrets the rest does not.
///
/// AWS documents `name`, `tag-key`, `tag-value`, `primary-region` and `owning-service` as case-sensitive prefix
/// matches, `description` as a case-insensitive prefix match and `all` as breaking the value into words and
/// searching every attribute without regard to case. What AWS does beyond that is not documented; we follow what
/// it was seen to do: `description` and `all` match word by word (`one two` finds "one and two"), every word of
/// the value must begin some word of the attribute, and words (of the value and of the attribute) are split at
/// spaces, at `/_+=.@-`, and before a capital that starts a lower-case run (`MyTest` is `My` `Test`,
/// `COMPANYthings` is `COMPAN` `Ythings`).
package struct SecretListFilter: Sendable, Equatable {
    package enum Key: String, Sendable, CaseIterable {
        case all, name
        case tagKey = "tag-key"
        case description
        case tagValue = "tag-value"
        case primaryRegion = "primary-region"
        case owningService = "owning-service"
    }

    package var key: Key
    package var values: [String]

    /// Reads `Filters`, refusing what AWS refuses: a missing key or values (InvalidParameterException, in the
    /// words AWS was seen to use) and a key, count or value outside the model's constraints (ValidationException
    /// in the AWS validation format; the order of the enum in that message is AWS's for the first five keys).
    package static func parse(_ input: JSONInput) throws(AWSError) -> [SecretListFilter] {
        let entries = try input.objectList("Filters") ?? []
        if entries.count > 10 {
            throw AWSError(
                "ValidationException",
                "1 validation error detected: Value at 'filters' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 10"
            )
        }
        var filters: [SecretListFilter] = []
        for (index, entry) in entries.enumerated() {
            guard let rawKey = try entry.string("Key") else {
                throw AWSError("InvalidParameterException", "Invalid filter key")
            }
            guard let key = Key(rawValue: rawKey) else {
                let allowed = Key.allCases.map(\.rawValue).joined(separator: ", ")
                throw AWSError(
                    "ValidationException",
                    "1 validation error detected: Value '\(rawKey)' at 'filters.\(index + 1).member.key' failed to "
                        + "satisfy constraint: Member must satisfy enum value set: [\(allowed)]"
                )
            }
            guard let values = try entry.stringList("Values"), !values.isEmpty else {
                throw AWSError("InvalidParameterException", "Invalid filter values for key: \(rawKey)")
            }
            if values.count > 10 || !values.allSatisfy(Self.isValidValue) {
                throw AWSError(
                    "ValidationException",
                    "1 validation error detected: Value '[\(values.joined(separator: ", "))]' at "
                        + "'filters.\(index + 1).member.values' failed to satisfy constraint: Member must satisfy "
                        + "constraint: [Member must have length less than or equal to 512, Member must satisfy "
                        + #"regular expression pattern: ^\!?[a-zA-Z0-9 :_@\/\+\=\.\-\!]*$]"#
                )
            }
            filters.append(SecretListFilter(key: key, values: values))
        }
        return filters
    }

    /// The model's pattern `^\!?[a-zA-Z0-9 :_@\/\+\=\.\-\!]*$`, at most 512 characters.
    static func isValidValue(_ value: String) -> Bool {
        value.count <= 512
            && value.unicodeScalars.allSatisfy {
                ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || " :_@/+=.-!".unicodeScalars.contains($0)
            }
    }

    /// Whether `secret` passes this filter: some value matches (or, negated, does not).
    package func matches(_ secret: Secret) -> Bool {
        values.contains { value in
            let negated = value.hasPrefix("!")
            let term = negated ? String(value.dropFirst()) : value
            return matches(secret, term) != negated
        }
    }

    private func matches(_ secret: Secret, _ term: String) -> Bool {
        switch key {
        case .name: return secret.name.hasPrefix(term)
        case .tagKey: return secret.tags.contains { $0.key.hasPrefix(term) }
        case .tagValue: return secret.tags.contains { $0.value.hasPrefix(term) }
        case .primaryRegion: return secret.primaryRegion?.hasPrefix(term) ?? false
        // No secret here is created by another service.
        case .owningService: return false
        case .description: return Self.wordsMatch(term, in: Self.words(secret.description ?? ""))
        case .all:
            let texts = [secret.name, secret.description ?? ""] + secret.tags.flatMap { [$0.key, $0.value] }
            return Self.wordsMatch(term, in: texts.flatMap(Self.words))
        }
    }

    /// Every word of `term`, split as attributes are, begins (without regard to case) one of `words`: so
    /// `AppBeta` finds `prod/AppBeta` and `company` finds `COMPANY` but not `COMPANYthings`, as on AWS.
    static func wordsMatch(_ term: String, in words: [String]) -> Bool {
        let wanted = Self.words(term).map { $0.lowercased() }
        let lowered = words.map { $0.lowercased() }
        return !wanted.isEmpty && wanted.allSatisfy { word in lowered.contains { $0.hasPrefix(word) } }
    }

    /// An attribute's words: split at spaces and `/_+=.@-`, and before a capital followed by a lower-case letter.
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        for piece in text.split(whereSeparator: { " /_+=.@-".contains($0) }) {
            let characters = Array(piece)
            var current = ""
            for (index, character) in characters.enumerated() {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if index > 0, character.isUppercase, next?.isLowercase == true, !current.isEmpty {
                    result.append(current)
                    current = ""
                }
                current.append(character)
            }
            if !current.isEmpty { result.append(current) }
        }
        return result
    }
}
