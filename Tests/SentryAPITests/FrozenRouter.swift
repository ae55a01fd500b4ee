import Hummingbird

/// Hands `withTestServer` (which wants a `Sendable` builder) a router's already-built responder.
struct FrozenRouter: HTTPResponderBuilder, Sendable {
    let responder: RouterResponder<BasicRequestContext>

    init(_ router: Router<BasicRequestContext>) { responder = router.buildResponder() }

    func buildResponder() -> RouterResponder<BasicRequestContext> { responder }
}
