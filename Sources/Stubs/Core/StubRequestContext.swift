import Hummingbird
import NIOCore

/// The request context of the stubs: Hummingbird's core context plus the connection, which the `reset` and
/// `truncate` faults need to cut.
package struct StubRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    package let channel: any Channel

    package init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Bodies above this are answered 413 (Asana and Sentry both refuse bodies this large).
    package var maxUploadSize: Int { 10 << 20 }
}
