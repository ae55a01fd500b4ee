import Foundation

/// The JSON of GetFunction, GetFunctionConfiguration and ListFunctions for the emulator's functions.
package enum LambdaFunctionShapes {
    /// A `FunctionConfiguration`.
    package static func configuration(_ function: LambdaFunctionConfiguration, lastModified: Date) -> [String: Any] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSZ"
        return [
            "FunctionName": function.name,
            "FunctionArn": function.functionARN,
            "Runtime": "provided.al2023",
            "Role": "arn:aws:iam::\(function.accountID):role/\(function.name)-role",
            "Handler": function.handler,
            "CodeSize": fileSize(function.executablePath),
            "Description": "",
            "Timeout": Int(function.timeout.rounded(.up)),
            "MemorySize": function.memorySize,
            "LastModified": formatter.string(from: lastModified),
            "CodeSha256": "",
            "Version": "$LATEST",
            "Environment": ["Variables": function.environment],
            "TracingConfig": ["Mode": "PassThrough"],
            "RevisionId": revisionID(function.name, lastModified),
            "State": "Active",
            "LastUpdateStatus": "Successful",
            "PackageType": "Zip",
            "Architectures": [architecture],
            "EphemeralStorage": ["Size": 512],
            "SnapStart": ["ApplyOn": "None", "OptimizationStatus": "Off"],
            "LoggingConfig": ["LogFormat": "Text", "LogGroup": function.logGroupName],
        ]
    }

    /// GetFunction's answer: the configuration, where the code is, and the reserved concurrency when set.
    package static func getFunction(_ function: LambdaFunctionConfiguration, lastModified: Date) -> [String: Any] {
        var object: [String: Any] = [
            "Configuration": configuration(function, lastModified: lastModified),
            "Code": [
                "RepositoryType": "Local", "Location": URL(fileURLWithPath: function.executablePath).absoluteString,
            ],
            "Tags": [String: String](),
        ]
        if let reserved = function.reservedConcurrency {
            object["Concurrency"] = ["ReservedConcurrentExecutions": reserved]
        }
        return object
    }

    /// ListFunctions' answer, paged by `Marker` (a function name) and `MaxItems` (1–50, default 50).
    package static func listFunctions(
        _ functions: [(LambdaFunctionConfiguration, Date)],
        marker: String?,
        maxItems: Int?
    ) -> [String: Any] {
        let sorted = functions.sorted { $0.0.name < $1.0.name }
        let start =
            marker.flatMap { name in sorted.firstIndex { $0.0.name > name } } ?? (marker == nil ? 0 : sorted.count)
        let limit = max(1, min(50, maxItems ?? 50))
        let page = sorted[start...].prefix(limit)
        var object: [String: Any] = ["Functions": page.map { configuration($0.0, lastModified: $0.1) }]
        if start + page.count < sorted.count, let last = page.last { object["NextMarker"] = last.0.name }
        return object
    }

    private static var architecture: String {
        #if arch(arm64)
        "arm64"
        #else
        "x86_64"
        #endif
    }

    private static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    private static func revisionID(_ name: String, _ date: Date) -> String {
        var generator = SplitMix(
            seed: UInt64(bitPattern: Int64(date.timeIntervalSince1970 * 1000)) ^ UInt64(name.utf8.count)
        )
        let hex = (0..<32).map { _ in String(generator.next() % 16, radix: 16) }.joined()
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }

    private struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
