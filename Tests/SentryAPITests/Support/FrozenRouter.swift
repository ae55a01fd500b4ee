import Hummingbird
import ServiceSupport

/// Hands `withTestServer` (which wants a `Sendable` builder) a router's already-built responder.
struct FrozenRouter: HTTPResponderBuilder, Sendable {
    let responder: RouterResponder<BasicRequestContext>

    init(_ router: Router<BasicRequestContext>) { responder = router.buildResponder() }

    func buildResponder() -> RouterResponder<BasicRequestContext> { responder }
}

// Hummingbird's HTTPTypes has its own HTTPRequest/HTTPResponse; in this test module the names mean ours.
typealias HTTPRequest = ServiceSupport.HTTPRequest
typealias HTTPResponse = ServiceSupport.HTTPResponse
