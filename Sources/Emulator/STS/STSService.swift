/// STS `GetCallerIdentity`, the usual "are my credentials right?" check (`aws sts get-caller-identity`),
/// answered for the signing access key in the configured account.
package enum STSService {
    package static let namespace = "https://sts.amazonaws.com/doc/2011-06-15/"

    package static func handle(
        _ action: String,
        caller: CallerContext,
        accountID: String
    ) throws(AWSError) -> [String: Any] {
        guard action == "GetCallerIdentity" else { throw AWSError.invalidAction(action) }
        return [
            "Account": accountID,
            "Arn": "arn:aws:iam::\(accountID):root",
            "UserId": caller.accessKeyID ?? accountID,
        ]
    }

    package static func queryResponse(action: String, output: [String: Any], requestID: String) -> String {
        var xml = XMLWriter()
        xml.prolog()
        xml.open("\(action)Response", attributes: "xmlns=\"\(namespace)\"")
        xml.element("\(action)Result") { result in
            for key in ["Arn", "UserId", "Account"] {
                if let value = output[key] as? String { result.element(key, value) }
            }
        }
        xml.element("ResponseMetadata") { $0.element("RequestId", requestID) }
        xml.close("\(action)Response")
        return xml.text
    }
}
