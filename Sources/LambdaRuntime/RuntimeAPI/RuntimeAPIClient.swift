import Foundation

/// The four calls of the Lambda Runtime API (version 2018-06-01), mapped to typed results and errors.
public struct RuntimeAPIClient: Sendable {
    public let transport: any RuntimeAPITransport

    public init(transport: any RuntimeAPITransport) {
        self.transport = transport
    }

    static let nextPath = "/runtime/invocation/next"
    static let initErrorPath = "/runtime/init/error"
    static func responsePath(_ requestID: String) -> String { "/runtime/invocation/\(escape(requestID))/response" }
    static func errorPath(_ requestID: String) -> String { "/runtime/invocation/\(escape(requestID))/error" }

    static func escape(_ requestID: String) -> String {
        requestID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: "/")))
            ?? requestID
    }

    /// `GET /runtime/invocation/next`: waits, without a time limit, for the next invocation. Returns the raw
    /// answer so that the caller decides how to treat a malformed one.
    public func next() async throws -> RuntimeAPIResponse {
        let response = try await transport.send(.init(method: .get, path: Self.nextPath, isLongPoll: true))
        guard response.status == 200 else {
            throw LambdaRuntimeError.status(response.status, path: Self.nextPath, body: Self.text(response.body))
        }
        return response
    }

    /// `POST /runtime/invocation/{id}/response`.
    public func postResponse(requestID: String, body: Data) async throws {
        let path = Self.responsePath(requestID)
        let response = try await transport.send(.init(method: .post, path: path, body: body))
        try Self.expectAccepted(response, path: path)
    }

    /// `POST /runtime/invocation/{id}/error` with the error document and `Lambda-Runtime-Function-Error-Type`.
    public func postError(requestID: String, error: LambdaErrorDocument, functionErrorType: String) async throws {
        try await postErrorDocument(path: Self.errorPath(requestID), error: error, functionErrorType: functionErrorType)
    }

    /// `POST /runtime/init/error` with the error document and `Lambda-Runtime-Function-Error-Type`.
    public func postInitError(error: LambdaErrorDocument, functionErrorType: String) async throws {
        try await postErrorDocument(path: Self.initErrorPath, error: error, functionErrorType: functionErrorType)
    }

    func postErrorDocument(path: String, error: LambdaErrorDocument, functionErrorType: String) async throws {
        let body = try JSONEncoder().encode(error)
        let response = try await transport.send(
            .init(
                method: .post,
                path: path,
                headers: [
                    LambdaInvocation.Header.functionErrorType: functionErrorType, "Content-Type": "application/json",
                ],
                body: body
            )
        )
        try Self.expectAccepted(response, path: path)
    }

    static func expectAccepted(_ response: RuntimeAPIResponse, path: String) throws {
        guard (200..<300).contains(response.status) else {
            throw LambdaRuntimeError.status(response.status, path: path, body: text(response.body))
        }
    }

    static func text(_ body: Data) -> String {
        String(decoding: body, as: UTF8.self)
    }
}
