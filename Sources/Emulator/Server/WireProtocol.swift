/// Which AWS wire protocol a request to the main endpoint speaks.
///
/// For SQS the content type decides, as it does on AWS's endpoint, where both protocols share one URL:
/// `application/x-amz-json-1.0` is the JSON protocol, which is `POST` with an `X-Amz-Target`; anything else is the
/// query protocol (a form body or query string, `Action=`), so an `X-Amz-Target: AmazonSQS.…` over a form content
/// type is read as a query request (and lacking `Action`, is `MissingAction`). What AWS answers a JSON-typed
/// `GET`, or a JSON body without `X-Amz-Target`, is not documented; we answer the nearest documented errors, in
/// JSON since the client speaks JSON: `InvalidAction` (400) for the method, `MissingAction` (400) for the target.
/// Secrets Manager and STS targets (JSON 1.1) are routed by their target, as before.
enum WireProtocol: Equatable {
    case json(target: String)
    case query
    /// A request in SQS's JSON content type that is no JSON-protocol request; answered in JSON.
    case refused(AWSError)

    init(_ request: EmulatorRequest) {
        let contentType = request.header("content-type")?.lowercased() ?? ""
        let sqsJSON = contentType.hasPrefix("application/x-amz-json-1.0")
        guard let target = request.header("x-amz-target") else {
            self =
                sqsJSON
                ? .refused(
                    AWSError(
                        "MissingAction",
                        "The request has the JSON protocol's content type but no X-Amz-Target header naming an operation."
                    )
                ) : .query
            return
        }
        if !target.hasPrefix("AmazonSQS.") {
            self = .json(target: target)
        } else if !sqsJSON {
            self = .query
        } else if request.method != "POST" {
            self = .refused(
                AWSError.invalidAction("\(target) over \(request.method): the JSON protocol takes POST requests only")
            )
        } else {
            self = .json(target: target)
        }
    }
}
