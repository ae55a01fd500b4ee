/// One fake service (Asana, Sentry) behind a `StubServer`: it answers requests from its state and knows its own
/// error shape, which the server uses for fault answers.
package protocol StubService: Sendable {
    /// `asana` or `sentry`: names the journal and the logs.
    var name: String { get }
    /// Answers one request. Never throws: bad input is answered the way the real service answers it.
    func handle(_ request: StubRequest) async -> StubResponse
    /// The service's error answer for `status` (Asana `{"errors": …}`, Sentry `{"detail": …}`).
    func errorResponse(status: Int, message: String) -> StubResponse
    /// Adds the records of one seed document (the same shape as the fixture files) at run time and returns a
    /// summary of what was added.
    func seed(_ document: JSON) throws(SeedError) -> JSON
    /// Forgets everything created at run time and returns to the state loaded at start.
    func reset()
    /// Called once the server listens, with its base URL (`http://127.0.0.1:PORT`), so links the service writes
    /// (pagination) point back at the stub. Does nothing unless a service needs it.
    func serverStarted(baseURL: String)
}

extension StubService {
    package func serverStarted(baseURL: String) {}
}

/// A seed document or fixture file that cannot be loaded, with what and where.
package struct SeedError: Error, CustomStringConvertible, Sendable {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}
