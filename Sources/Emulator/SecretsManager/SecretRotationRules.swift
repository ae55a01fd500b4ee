import Foundation

/// `RotationRules` of a secret: `AutomaticallyAfterDays` (1…1000) or a `ScheduleExpression` (`rate(…)` or
/// `cron(…)`), and an optional window `Duration` (`[0-9]+h`).
package struct SecretRotationRules: Codable, Sendable, Equatable {
    package var automaticallyAfterDays: Int?
    package var duration: String?
    package var scheduleExpression: String?

    /// Reads and checks `RotationRules`. The wording of the refusals is ours where AWS does not publish it.
    package init(_ input: JSONInput) throws(AWSError) {
        automaticallyAfterDays = try input.int("AutomaticallyAfterDays")
        duration = try input.string("Duration")
        scheduleExpression = try input.string("ScheduleExpression")
        if let days = automaticallyAfterDays, !(1...1000).contains(days) {
            throw AWSError(
                "InvalidParameterException",
                "The rotation interval AutomaticallyAfterDays must be between 1 and 1000 days."
            )
        }
        if automaticallyAfterDays != nil, scheduleExpression != nil {
            throw AWSError(
                "InvalidParameterException",
                "You can't specify both AutomaticallyAfterDays and ScheduleExpression in RotationRules."
            )
        }
        if let expression = scheduleExpression, Self.period(of: expression) == nil, !Self.isCron(expression) {
            throw AWSError(
                "InvalidParameterException",
                "Invalid ScheduleExpression: use rate(N hours) with N from 4 to 23, rate(N days) with N from 1 to "
                    + "1000, or cron(minutes hours day-of-month month day-of-week year)."
            )
        }
        if let duration {
            let hours = duration.hasSuffix("h") ? Int(duration.dropLast()) : nil
            guard let hours, (1...24).contains(hours) else {
                throw AWSError(
                    "InvalidParameterException",
                    "Invalid Duration: the rotation window is 1h to 24h."
                )
            }
        }
    }

    /// `RotationRules` as DescribeSecret shows them.
    package var json: [String: Any] {
        var out: [String: Any] = [:]
        if let automaticallyAfterDays { out["AutomaticallyAfterDays"] = automaticallyAfterDays }
        if let duration { out["Duration"] = duration }
        if let scheduleExpression { out["ScheduleExpression"] = scheduleExpression }
        return out
    }

    /// The seconds between rotations of `AutomaticallyAfterDays` or a `rate(…)`; `nil` for `cron(…)`.
    package var period: Double? {
        if let days = automaticallyAfterDays { return Double(days) * 86_400 }
        return scheduleExpression.flatMap(Self.period(of:))
    }

    /// When the next rotation is due after one at `last` (epoch seconds): AWS documents the date as "on or
    /// before", the end of the rotation window. A day-based schedule's window closes at the end of that UTC day;
    /// an hour-based one `Duration` (default one hour) after it opens. `nil` for `cron(…)`, whose calendar the
    /// emulator does not evaluate.
    package func nextRotation(after last: Double) -> Double? {
        guard let period else { return nil }
        let windowHours = duration.flatMap { Double($0.dropLast()) }
        if period.truncatingRemainder(dividingBy: 86_400) == 0 {
            let day = ((last + period) / 86_400).rounded(.down) * 86_400
            return windowHours.map { day + $0 * 3_600 } ?? day + 86_399
        }
        return last + period + (windowHours ?? 1) * 3_600
    }

    /// `rate(N hours)` (4…23) or `rate(N days)` (1…1000) in seconds.
    static func period(of expression: String) -> Double? {
        guard expression.hasPrefix("rate("), expression.hasSuffix(")") else { return nil }
        let words = expression.dropFirst(5).dropLast().split(separator: " ")
        guard words.count == 2, let count = Int(words[0]) else { return nil }
        switch words[1] {
        case "hour", "hours": return (4...23).contains(count) ? Double(count) * 3_600 : nil
        case "day", "days": return (1...1000).contains(count) ? Double(count) * 86_400 : nil
        default: return nil
        }
    }

    /// `cron(…)` with the six fields of an AWS cron expression.
    static func isCron(_ expression: String) -> Bool {
        guard expression.hasPrefix("cron("), expression.hasSuffix(")") else { return false }
        return expression.dropFirst(5).dropLast().split(separator: " ").count == 6
    }
}
