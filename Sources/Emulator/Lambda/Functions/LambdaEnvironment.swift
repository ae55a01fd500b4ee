import Foundation

/// The environment Lambda gives a custom runtime, built for one instance.
package struct LambdaEnvironment: Sendable, Equatable {
    /// Credentials the function's code sees (the emulator's own, so that its AWS calls verify).
    package var accessKeyID: String
    package var secretAccessKey: String
    package var sessionToken: String?
    /// The emulator's endpoint (`AWS_ENDPOINT_URL`), so that an unmodified SDK-style client talks to it.
    package var endpointURL: String?

    package init(
        accessKeyID: String = "test",
        secretAccessKey: String = "test",
        sessionToken: String? = nil,
        endpointURL: String? = nil
    ) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.endpointURL = endpointURL
    }

    /// Lambda's variables on top of the function's own: the function cannot override the reserved ones, as on
    /// Lambda; `AWS_ENDPOINT_URL` is only a default it may replace. The host's `PATH` and `LD_LIBRARY_PATH` are
    /// kept so that locally built executables find their libraries; nothing else of the emulator's environment
    /// leaks in.
    package func variables(
        for function: LambdaFunctionConfiguration,
        runtimeAPI: String,
        logStream: String,
        host: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String: String] {
        var result: [String: String] = [
            "PATH": host["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "LANG": "en_US.UTF-8",
            "TZ": ":UTC",
        ]
        if let libraryPath = host["LD_LIBRARY_PATH"] { result["LD_LIBRARY_PATH"] = libraryPath }
        if let endpointURL { result["AWS_ENDPOINT_URL"] = endpointURL }
        result.merge(function.environment) { _, own in own }
        let taskRoot = URL(fileURLWithPath: function.executablePath).deletingLastPathComponent().path
        var reserved: [String: String] = [
            "AWS_LAMBDA_RUNTIME_API": runtimeAPI,
            "AWS_LAMBDA_FUNCTION_NAME": function.name,
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": String(function.memorySize),
            "AWS_LAMBDA_LOG_GROUP_NAME": function.logGroupName,
            "AWS_LAMBDA_LOG_STREAM_NAME": logStream,
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "AWS_REGION": function.region,
            "AWS_DEFAULT_REGION": function.region,
            "AWS_ACCESS_KEY_ID": accessKeyID,
            "AWS_SECRET_ACCESS_KEY": secretAccessKey,
            "_HANDLER": function.handler,
            "LAMBDA_TASK_ROOT": taskRoot,
            "LAMBDA_RUNTIME_DIR": taskRoot,
        ]
        if let sessionToken { reserved["AWS_SESSION_TOKEN"] = sessionToken }
        result.merge(reserved) { _, lambda in lambda }
        return result
    }

    /// `2026/11/29/[$LATEST]0123…` as Lambda names an execution environment's log stream.
    package static func logStreamName(at date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return String(format: "%04d/%02d/%02d/[$LATEST]", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
            + suffix
    }
}
