/// The standard retry mode's token bucket, as a value type: a retry costs tokens (more after a timeout), a
/// success refunds what its retries cost (or adds one when it needed none), and without tokens no retry is made.
/// Shared by all calls of one client, so a failing service is not hammered with three attempts per call.
public struct AWSRetryQuota: Sendable, Equatable {
    public static let initialTokens = 500
    public static let retryCost = 5
    public static let timeoutRetryCost = 10
    public static let noRetryIncrement = 1

    public private(set) var available: Int
    public let capacity: Int

    public init(capacity: Int = Self.initialTokens) {
        self.capacity = capacity
        available = capacity
    }

    /// Takes the tokens for one retry; `nil` (and nothing taken) when the bucket cannot pay.
    public mutating func acquireRetry(afterTimeout: Bool) -> Int? {
        let cost = afterTimeout ? Self.timeoutRetryCost : Self.retryCost
        guard available >= cost else { return nil }
        available -= cost
        return cost
    }

    /// Records a successful call that spent `spent` tokens on its retries.
    public mutating func recordSuccess(spent: Int) {
        available = min(capacity, available + (spent > 0 ? spent : Self.noRetryIncrement))
    }
}
