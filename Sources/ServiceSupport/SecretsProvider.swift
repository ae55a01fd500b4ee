import Foundation

/// Where the services get their secrets: the lead's Secrets Manager client behind `SecretsCache`, a fake in tests.
public protocol SecretsProvider: Sendable {
    /// The secrets, from memory unless `forceRefresh` asks for a fresh fetch (after a signature failure:
    /// the secret may have been rotated).
    func secrets(forceRefresh: Bool) async throws -> ServiceSecrets
}

/// Fetches once per warm process and again only on a forced refresh, at most once per
/// `minimumRefreshInterval` — so a stranger posting bad signatures cannot turn every request into a
/// Secrets Manager call. Concurrent callers share one fetch.
public actor SecretsCache: SecretsProvider {
    public typealias Fetch = @Sendable () async throws -> ServiceSecrets

    private let fetch: Fetch
    private let clock: any ServiceClock
    private let minimumRefreshInterval: Duration
    private var cached: ServiceSecrets?
    private var fetchedAt: Date?
    private var inFlight: Task<ServiceSecrets, any Error>?
    public private(set) var fetchCount = 0

    public init(
        minimumRefreshInterval: Duration = .seconds(30),
        clock: any ServiceClock = SystemClock(),
        fetch: @escaping Fetch
    ) {
        self.fetch = fetch
        self.clock = clock
        self.minimumRefreshInterval = minimumRefreshInterval
    }

    public func secrets(forceRefresh: Bool) async throws -> ServiceSecrets {
        if let cached {
            guard forceRefresh, let fetchedAt else { return cached }
            let age = clock.now().timeIntervalSince(fetchedAt)
            if age < minimumRefreshInterval.seconds { return cached }
        }
        if let inFlight { return try await inFlight.value }
        let task = Task { [fetch] in try await fetch() }
        inFlight = task
        defer { inFlight = nil }
        fetchCount += 1
        let fresh = try await task.value
        cached = fresh
        fetchedAt = clock.now()
        return fresh
    }
}
