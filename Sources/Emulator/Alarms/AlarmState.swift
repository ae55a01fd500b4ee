/// CloudWatch's alarm states.
package enum AlarmState: String, Sendable, Equatable, Codable {
    case ok = "OK"
    case alarm = "ALARM"
    case insufficientData = "INSUFFICIENT_DATA"
}
