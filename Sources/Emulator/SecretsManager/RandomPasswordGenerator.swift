import Foundation

/// GetRandomPassword: a password from the character types left after the exclusions, drawn with the system's
/// cryptographically secure generator. By default every included type (lower case, upper case, digits,
/// punctuation) appears at least once (`RequireEachIncludedType`); the space, when included, is never required.
package struct RandomPasswordGenerator: Sendable {
    /// The punctuation AWS documents: ``!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~``.
    static let punctuation = Array(##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##)
    static let lowercase = Array("abcdefghijklmnopqrstuvwxyz")
    static let uppercase = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    static let digits = Array("0123456789")

    var length = 32
    var excludeCharacters = ""
    var excludeNumbers = false
    var excludePunctuation = false
    var excludeUppercase = false
    var excludeLowercase = false
    var includeSpace = false
    var requireEachIncludedType = true

    /// Reads the request, refusing a length outside 1…4096 and an over-long exclusion list in AWS's validation
    /// format.
    package init(_ input: JSONInput) throws(AWSError) {
        if let length = try input.int("PasswordLength") {
            guard (1...4096).contains(length) else {
                let bound =
                    length < 1 ? "greater than or equal to 1" : "less than or equal to 4096"
                throw AWSError(
                    "ValidationException",
                    "1 validation error detected: Value '\(length)' at 'passwordLength' failed to satisfy "
                        + "constraint: Member must have value \(bound)"
                )
            }
            self.length = length
        }
        excludeCharacters = try input.string("ExcludeCharacters") ?? ""
        if excludeCharacters.count > 4096 {
            throw AWSError(
                "ValidationException",
                "1 validation error detected: Value at 'excludeCharacters' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 4096"
            )
        }
        excludeNumbers = try input.bool("ExcludeNumbers") ?? false
        excludePunctuation = try input.bool("ExcludePunctuation") ?? false
        excludeUppercase = try input.bool("ExcludeUppercase") ?? false
        excludeLowercase = try input.bool("ExcludeLowercase") ?? false
        includeSpace = try input.bool("IncludeSpace") ?? false
        requireEachIncludedType = try input.bool("RequireEachIncludedType") ?? true
    }

    /// The character types left after the exclusions (each non-empty); the space comes last and is optional.
    var types: [[Character]] {
        let excluded = Set(excludeCharacters)
        var types: [[Character]] = []
        if !excludeLowercase { types.append(Self.lowercase) }
        if !excludeUppercase { types.append(Self.uppercase) }
        if !excludeNumbers { types.append(Self.digits) }
        if !excludePunctuation { types.append(Self.punctuation) }
        return types.map { $0.filter { !excluded.contains($0) } }.filter { !$0.isEmpty }
    }

    /// A new password. Where AWS's wording of a refusal is not published, the words are ours.
    package func generate() throws(AWSError) -> String {
        var generator = SystemRandomNumberGenerator()
        let required = requireEachIncludedType ? types : []
        let space: [Character] = includeSpace && !excludeCharacters.contains(" ") ? [" "] : []
        let pool = types.flatMap { $0 } + space
        guard !pool.isEmpty else {
            throw AWSError(
                "InvalidParameterException",
                "The password can't be generated: the exclusions leave no characters to choose from."
            )
        }
        guard required.count <= length else {
            throw AWSError(
                "InvalidParameterException",
                "The password length is too short to include a character of every required type."
            )
        }
        var characters = required.map { $0.randomElement(using: &generator)! }
        while characters.count < length { characters.append(pool.randomElement(using: &generator)!) }
        characters.shuffle(using: &generator)
        return String(characters)
    }
}
