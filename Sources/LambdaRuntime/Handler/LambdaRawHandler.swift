import Foundation

/// A function that works on the raw bytes of the event and of the response.
public protocol LambdaRawHandler: Sendable {
    func handle(_ event: Data, context: LambdaContext) async throws -> Data
}
