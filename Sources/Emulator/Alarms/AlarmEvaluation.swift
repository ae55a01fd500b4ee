import Foundation

/// One alarm's state at one instant, with CloudWatch's kind of reason and the datapoint it was decided on.
package struct AlarmEvaluation: Sendable, Equatable {
    package var name: String
    package var state: AlarmState
    /// Like CloudWatch's `StateReason`: "Threshold Crossed: 1 datapoint [2.0] was greater than or equal to the
    /// threshold (1.0)."
    package var reason: String
    /// The datapoint compared with the threshold; `nil` when there was none.
    package var value: Double?

    package init(name: String, state: AlarmState, reason: String, value: Double?) {
        self.name = name
        self.state = state
        self.reason = reason
        self.value = value
    }

    /// `{"name","state","reason","value"}` as `GET /_devstack/alarms` serves it (`value` null when unknown).
    package var jsonObject: [String: Any] {
        ["name": name, "state": state.rawValue, "reason": reason, "value": value.map { $0 as Any } ?? NSNull()]
    }
}
