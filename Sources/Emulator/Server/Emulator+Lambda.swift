import AWSSigV4
import Foundation

extension Emulator {
    /// A Lambda API request: the signature checked (refusals in Lambda's rest-json words), then the Lambda
    /// service; every answer carries `x-amzn-RequestId`.
    func respondLambda(_ request: EmulatorRequest) async -> EmulatorResponse {
        var answer: EmulatorResponse
        do {
            _ = try verifySignature(request, service: "lambda")
            answer = await lambda.respond(request)
        } catch {
            answer = Self.lambdaAuthError(error).response.asEmulatorResponse
        }
        if !answer.headers.contains(where: { $0.name.lowercased() == "x-amzn-requestid" }) {
            answer.headers.append(("x-amzn-RequestId", UUID().lowercasedString))
        }
        return answer
    }

    /// Lambda's answer to a refused signature (403, as the real service words it).
    static func lambdaAuthError(_ error: SigV4VerificationError) -> LambdaAPIError {
        switch error.code {
        case .missingAuthentication: LambdaAPIError(.missingAuthenticationToken, error.message)
        case .incompleteSignature: LambdaAPIError(.incompleteSignature, error.message)
        case .unknownAccessKey: LambdaAPIError(.unrecognizedClient, error.message)
        case .signatureMismatch, .requestTimeTooSkewed, .expired: LambdaAPIError(.invalidSignature, error.message)
        }
    }
}
