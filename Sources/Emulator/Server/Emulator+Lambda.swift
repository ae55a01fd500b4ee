import AWSSigV4
import Foundation

extension Emulator {
    /// A Lambda API request: the signature checked (refusals in Lambda's rest-json words), then the Lambda
    /// service; every answer carries `x-amzn-RequestId`.
    func respondLambda(_ request: EmulatorRequest) async -> EmulatorResponse {
        var answer: EmulatorResponse
        do {
            _ = try verifySignature(request)
            if !configuration.acceptAnySignature, let scope = Self.signedService(request), scope != "lambda" {
                throw LambdaAPIError(
                    .invalidSignature,
                    "Credential should be scoped to correct service: 'lambda'. "
                )
            }
            answer = await lambda.respond(request)
        } catch let error as SigV4VerificationError {
            answer = Self.lambdaAuthError(error).response.asEmulatorResponse
        } catch let error as LambdaAPIError {
            answer = error.response.asEmulatorResponse
        } catch {
            answer = LambdaAPIError(.service, "\(error)").response.asEmulatorResponse
        }
        if !answer.headers.contains(where: { $0.name.lowercased() == "x-amzn-requestid" }) {
            answer.headers.append(("x-amzn-RequestId", UUID().lowercasedString))
        }
        return answer
    }

    /// The service of the signature's credential scope (`…/us-east-1/lambda/aws4_request`).
    static func signedService(_ request: EmulatorRequest) -> String? {
        if let header = request.header("authorization") { return (try? SigV4Authorization(header: header))?.service }
        let query = LambdaAPIDispatcher.parseQuery(request.query)
        return query["X-Amz-Credential"]?.split(separator: "/").dropFirst(3).first.map(String.init)
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
