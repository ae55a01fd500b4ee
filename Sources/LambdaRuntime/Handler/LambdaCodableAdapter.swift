import Foundation

/// Runs a `LambdaHandler` as a `LambdaRawHandler`: decodes the event, encodes the output. A decoding failure is a
/// `LambdaRuntimeError` with code `.eventDecodingFailed`, reported as `Runtime.InvalidEvent`.
public struct LambdaCodableAdapter<Handler: LambdaHandler>: LambdaRawHandler {
    public let handler: Handler

    public init(_ handler: Handler) {
        self.handler = handler
    }

    public func handle(_ event: Data, context: LambdaContext) async throws -> Data {
        let decoded: Handler.Event
        do {
            decoded = try JSONDecoder().decode(Handler.Event.self, from: event)
        } catch {
            throw LambdaRuntimeError(
                .eventDecodingFailed,
                "the event is not a valid \(Handler.Event.self)",
                underlying: error
            )
        }
        let output = try await handler.handle(decoded, context: context)
        do {
            return try JSONEncoder().encode(output)
        } catch {
            throw LambdaRuntimeError(
                .responseEncodingFailed,
                "the output \(Handler.Output.self) cannot be encoded",
                underlying: error
            )
        }
    }
}
