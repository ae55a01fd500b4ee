import Hummingbird

/// A router already built into its responder, so that `withTestServer` (which wants a `Sendable` builder) can take
/// it: a `Router` itself is not `Sendable`.
public struct FrozenRouter: HTTPResponderBuilder, Sendable {
    public let responder: RouterResponder<BasicRequestContext>

    public init(_ router: Router<BasicRequestContext>) { responder = router.buildResponder() }

    public func buildResponder() -> RouterResponder<BasicRequestContext> { responder }
}
