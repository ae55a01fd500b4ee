import Foundation
import Logging

/// A swift-log handler writing one JSON object a line (CloudWatch Logs Insights parses it):
/// `{"level":"info","time":"…","message":"…","logger":"…", …metadata}`.
///
/// Metadata keys that name a credential (`secret`, `token`, `password`, `authorization`, `pat`) are written as
/// `"[redacted]"` whatever the caller passed — a second line of defence behind "never log secrets".
public struct JSONLogHandler: LogHandler {
    public typealias Sink = @Sendable (String) -> Void

    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let sink: Sink

    public init(label: String, level: Logger.Level = .info, sink: @escaping Sink = JSONLogHandler.standardOutput) {
        self.label = label
        self.logLevel = level
        self.sink = sink
    }

    /// The level the functions log at: `DEBUG=true` (or `1`) means debug, as in the original; anything else info.
    public static func level(environment: [String: String]) -> Logger.Level {
        switch environment["DEBUG"]?.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "1": .debug
        default: .info
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        var object: [String: Any] = [:]
        for (key, value) in merged { object[key] = Self.isSensitive(key) ? "[redacted]" : Self.plain(value) }
        object["level"] = event.level.rawValue
        object["time"] = Self.timestamp()
        object["message"] = event.message.description
        object["logger"] = label
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        sink(String(decoding: data, as: UTF8.self))
    }

    static func isSensitive(_ key: String) -> Bool {
        let lowered = key.lowercased()
        if ["secret", "token", "password", "authorization"].contains(where: { lowered.contains($0) }) { return true }
        return lowered == "pat" || lowered.hasSuffix("_pat") || lowered.hasPrefix("pat_")
    }

    private static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(plain)
        case .dictionary(let values): values.mapValues(plain)
        }
    }

    private static func timestamp() -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date())
    }

    public static let standardOutput: Sink = { line in
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
