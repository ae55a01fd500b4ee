import AWSSigV4
import Foundation

/// Credentials, region and endpoints read from the environment with the precedence the AWS SDKs use.
///
/// - Credentials: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, optional `AWS_SESSION_TOKEN` (what Lambda sets).
/// - Region: `AWS_REGION`, then `AWS_DEFAULT_REGION`.
/// - Endpoint of a service: `AWS_ENDPOINT_URL_<SERVICE>` (e.g. `AWS_ENDPOINT_URL_SQS`), then `AWS_ENDPOINT_URL`,
///   then the public endpoint `https://<service>.<region>.amazonaws.com` (`.amazonaws.com.cn` in China). Setting
///   `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` ignores both overrides, as the SDKs do.
///
/// Empty variables count as unset. The secret key and session token never appear in descriptions.
public struct AWSConfiguration: Sendable, Equatable, CustomStringConvertible {
    public var credentials: AWSCredentials
    public var region: String
    /// Endpoint overrides by service; a service without one uses `defaultEndpoint(for:)`.
    public var endpointOverrides: [AWSService: URL]

    public init(credentials: AWSCredentials, region: String, endpointOverrides: [AWSService: URL] = [:]) {
        self.credentials = credentials
        self.region = region
        self.endpointOverrides = endpointOverrides
    }

    /// Reads the configuration from `environment` (the process environment by default).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(AWSConfigurationError) {
        func value(_ name: String) -> String? {
            guard let raw = environment[name] else { return nil }
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        guard let accessKeyID = value("AWS_ACCESS_KEY_ID") else {
            throw AWSConfigurationError(
                .missingVariable,
                variable: "AWS_ACCESS_KEY_ID",
                "AWS_ACCESS_KEY_ID is not set (credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)"
            )
        }
        guard let secretAccessKey = value("AWS_SECRET_ACCESS_KEY") else {
            throw AWSConfigurationError(
                .missingVariable,
                variable: "AWS_SECRET_ACCESS_KEY",
                "AWS_SECRET_ACCESS_KEY is not set but AWS_ACCESS_KEY_ID is"
            )
        }
        guard let region = value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") else {
            throw AWSConfigurationError(
                .missingVariable,
                variable: "AWS_REGION",
                "AWS_REGION is not set (nor AWS_DEFAULT_REGION)"
            )
        }
        guard Self.isValidRegion(region) else {
            let variable = value("AWS_REGION") != nil ? "AWS_REGION" : "AWS_DEFAULT_REGION"
            throw AWSConfigurationError(
                .invalidVariable,
                variable: variable,
                "\(variable) '\(region)' is not a region name (letters, digits and dashes, e.g. us-east-1)"
            )
        }
        var overrides: [AWSService: URL] = [:]
        let ignoreOverrides = value("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.lowercased() == "true"
        if !ignoreOverrides {
            let global = try value("AWS_ENDPOINT_URL").map { text throws(AWSConfigurationError) in
                try Self.endpoint(text, variable: "AWS_ENDPOINT_URL")
            }
            for service in [AWSService.sqs, .secretsManager, .lambda, .sts] {
                if let specific = value(service.endpointVariable) {
                    overrides[service] = try Self.endpoint(specific, variable: service.endpointVariable)
                } else if let global {
                    overrides[service] = global
                }
            }
        }
        self.init(
            credentials: AWSCredentials(
                accessKeyID: accessKeyID,
                secretAccessKey: secretAccessKey,
                sessionToken: value("AWS_SESSION_TOKEN")
            ),
            region: region,
            endpointOverrides: overrides
        )
    }

    /// The endpoint requests to `service` go to.
    public func endpoint(for service: AWSService) -> URL {
        endpointOverrides[service] ?? defaultEndpoint(for: service)
    }

    /// `https://<signing name>.<region>.amazonaws.com`, or `.amazonaws.com.cn` for the China regions.
    public func defaultEndpoint(for service: AWSService) -> URL {
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return URL(string: "https://\(service.signingName).\(region).\(suffix)")!
    }

    public var description: String {
        let endpoints = endpointOverrides.keys.sorted { $0.signingName < $1.signingName }
            .map { "\($0.signingName)=\(endpointOverrides[$0]!.absoluteString)" }
        return "AWSConfiguration(region: \(region), accessKeyID: \(credentials.accessKeyID), "
            + "sessionToken: \(credentials.sessionToken == nil ? "none" : "set"), "
            + "endpointOverrides: [\(endpoints.joined(separator: ", "))])"
    }

    static func isValidRegion(_ region: String) -> Bool {
        region.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
    }

    static func endpoint(_ text: String, variable: String) throws(AWSConfigurationError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil
        else {
            throw AWSConfigurationError(
                .invalidVariable,
                variable: variable,
                "\(variable) '\(text)' is not an http(s) URL with a host, e.g. http://127.0.0.1:4566"
            )
        }
        return url
    }
}
