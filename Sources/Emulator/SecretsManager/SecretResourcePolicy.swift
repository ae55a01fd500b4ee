import Foundation

/// A secret's resource-based policy, checked as PutResourcePolicy and ValidateResourcePolicy check it: the text
/// must be a JSON policy document (a `Statement` of one or more statements, each with an `Effect` of `Allow` or
/// `Deny`), and a policy that allows every principal (`"Principal": "*"` or `{"AWS": "*"}` without a
/// `Condition`) is broad access, which `BlockPublicPolicy` refuses. AWS runs a reasoning engine for the latter;
/// we recognise only the wildcard principal. The check names and the words of the refusals are ours: AWS does
/// not publish them.
package struct SecretResourcePolicy {
    package struct Finding: Sendable, Equatable {
        package var checkName: String
        package var message: String
    }

    package let text: String
    private let document: [String: Any]

    /// Parses the policy; text that is not a JSON object is refused with MalformedPolicyDocumentException.
    package init(_ text: String) throws(AWSError) {
        guard (1...20_480).contains(text.utf8.count),
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        else {
            throw AWSError(
                "MalformedPolicyDocumentException",
                "The resource policy is not a valid JSON policy document."
            )
        }
        self.text = text
        document = object
    }

    private var statements: [[String: Any]]? {
        if let one = document["Statement"] as? [String: Any] { return [one] }
        if let many = document["Statement"] as? [Any] {
            let objects = many.compactMap { $0 as? [String: Any] }
            return objects.count == many.count && !objects.isEmpty ? objects : nil
        }
        return nil
    }

    /// What is wrong with the document as a policy: a missing or empty `Statement`, an unknown `Version`, a
    /// statement without an `Effect` of `Allow` or `Deny`.
    package var syntaxFindings: [Finding] {
        var findings: [Finding] = []
        if let version = document["Version"], !["2012-10-17", "2008-10-17"].contains(version as? String ?? "") {
            findings.append(Finding(checkName: "SYNTAX_CHECK", message: "The policy Version is not supported."))
        }
        guard let statements else {
            findings.append(
                Finding(checkName: "SYNTAX_CHECK", message: "The policy must contain one or more statements.")
            )
            return findings
        }
        for (index, statement) in statements.enumerated() {
            let effect = statement["Effect"] as? String
            if effect != "Allow", effect != "Deny" {
                findings.append(
                    Finding(
                        checkName: "SYNTAX_CHECK",
                        message: "Statement \(index + 1) must have an Effect of Allow or Deny."
                    )
                )
            }
        }
        return findings
    }

    /// Whether an `Allow` statement without a `Condition` names every principal.
    package var grantsBroadAccess: Bool {
        (statements ?? []).contains { statement in
            guard statement["Effect"] as? String == "Allow", statement["Condition"] == nil else { return false }
            return Self.isWildcard(statement["Principal"])
        }
    }

    private static func isWildcard(_ principal: Any?) -> Bool {
        if let text = principal as? String { return text == "*" }
        if let map = principal as? [String: Any] {
            return map.values.contains { value in
                if let text = value as? String { return text == "*" }
                return (value as? [Any])?.contains { $0 as? String == "*" } ?? false
            }
        }
        return false
    }

    /// ValidateResourcePolicy's `ValidationErrors`.
    package var findings: [Finding] {
        var findings = syntaxFindings
        if grantsBroadAccess {
            findings.append(
                Finding(
                    checkName: "BROAD_ACCESS_CHECK",
                    message: "The resource policy grants access to every principal (\"Principal\": \"*\")."
                )
            )
        }
        return findings
    }
}
