import Hummingbird

/// `withTestServer` wants a `Sendable` responder builder, which Hummingbird's `Router` (a class) is not; its
/// built responder is. This hands the built responder over as the builder.
struct BuiltResponder<Responder: HTTPResponder>: HTTPResponderBuilder, Sendable {
    let responder: Responder

    init(_ router: Router<Responder.Context>) where Responder == RouterResponder<BasicRequestContext> {
        responder = router.buildResponder()
    }

    func buildResponder() -> Responder { responder }
}
