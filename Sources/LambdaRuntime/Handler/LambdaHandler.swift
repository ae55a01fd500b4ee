/// A function that takes a JSON event of type `Event` and returns a JSON `Output`. Created once per process
/// (warm container): load configuration and secrets when creating it, not in `handle`.
public protocol LambdaHandler: Sendable {
    associatedtype Event: Decodable
    associatedtype Output: Encodable

    func handle(_ event: Event, context: LambdaContext) async throws -> Output
}
