/// A `LambdaHandler` made from a closure, for small functions and tests.
public struct LambdaClosureHandler<Event: Decodable, Output: Encodable>: LambdaHandler {
    let body: @Sendable (Event, LambdaContext) async throws -> Output

    public init(_ body: @escaping @Sendable (Event, LambdaContext) async throws -> Output) {
        self.body = body
    }

    public func handle(_ event: Event, context: LambdaContext) async throws -> Output {
        try await body(event, context)
    }
}
