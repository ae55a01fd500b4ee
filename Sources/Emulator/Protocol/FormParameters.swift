import AWSSigV4

/// `application/x-www-form-urlencoded` parameters (a query-protocol body or query string): `+` is a space,
/// `%XY` a byte. Later duplicates win.
package enum FormParameters {
    package static func parse(_ text: String) throws(AWSError) -> [String: String] {
        var out: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try decode(parts[0])
            let value = parts.count > 1 ? try decode(parts[1]) : ""
            // Each parameter names one value: a second one is an ambiguous request, not "the last one wins".
            guard out.updateValue(value, forKey: name) == nil else {
                throw AWSError.malformedInput("The request has the parameter '\(name)' more than once.")
            }
        }
        return out
    }

    static func decode(_ text: Substring) throws(AWSError) -> String {
        let bytes = SigV4Canonical.percentDecode(text.replacingOccurrences(of: "+", with: " "))
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw AWSError.malformedInput("The request parameters are not valid UTF-8.")
        }
        return decoded
    }
}

extension Substring {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        String(self).split(separator: Character(target), omittingEmptySubsequences: false).joined(
            separator: replacement
        )
    }
}
