import Foundation

/// Who may use the harness's control surfaces (the emulator's `/_devstack/` API, the stubs' `/__admin`): only
/// requests addressed to a loopback host name, and no state change from a web page of another origin.
///
/// The servers bind 127.0.0.1, but a browser still reaches them: a page can point its own DNS name at 127.0.0.1
/// (DNS rebinding, which the `Host` check stops: the browser sends the attacker's name) or post a form across
/// origins (which the `Origin` check stops: browsers send it on every cross-origin POST). Names beyond loopback
/// — a compose service name, say — are added with `DEVSTACK_ALLOWED_HOSTS` (comma-separated).
package struct LocalAccessPolicy: Sendable, Equatable {
    /// Host names allowed besides loopback ones, lower-cased, without port.
    package var extraHosts: Set<String>

    package init(extraHosts: some Sequence<String> = []) {
        self.extraHosts = Set(extraHosts.map { $0.lowercased() })
    }

    /// The policy with `DEVSTACK_ALLOWED_HOSTS` from `environment`.
    package static func from(environment: [String: String]) -> LocalAccessPolicy {
        let names = (environment["DEVSTACK_ALLOWED_HOSTS"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return LocalAccessPolicy(extraHosts: names)
    }

    /// Why the request is refused, or nil when it may go on.
    package func refusal(method: String, host: String?, origin: String?) -> String? {
        guard let host, let name = Self.hostName(host), isAllowed(name) else {
            return
                "the control API answers only requests addressed to a loopback host (127.0.0.1, localhost, [::1]) or one in DEVSTACK_ALLOWED_HOSTS; this one was addressed to '\(host ?? "")'"
        }
        let reading = ["GET", "HEAD", "OPTIONS"].contains(method.uppercased())
        if !reading, let origin {
            guard let originHost = Self.originHost(origin), isAllowed(originHost) else {
                return
                    "a state-changing request from the web origin '\(origin)' is refused; only local pages may change the stack"
            }
        }
        return nil
    }

    /// Whether a web page of `origin` may read the control API's answers (CORS): only local pages, as for state
    /// changes. The dashboard, served by the emulator, calls the stubs' `/__admin` on their own ports with it.
    package func allowsOrigin(_ origin: String) -> Bool {
        guard let host = Self.originHost(origin) else { return false }
        return isAllowed(host)
    }

    func isAllowed(_ name: String) -> Bool {
        Self.isLoopback(name) || extraHosts.contains(name)
    }

    /// `localhost`, `::1`, or an address of 127.0.0.0/8.
    static func isLoopback(_ name: String) -> Bool {
        if name == "localhost" || name.hasSuffix(".localhost") || name == "::1" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in UInt8(part).map { _ in !part.isEmpty } ?? false }
    }

    /// `Host: 127.0.0.1:4566` → `127.0.0.1`; `[::1]:4566` → `::1`; lower-cased.
    static func hostName(_ header: String) -> String? {
        let value = header.trimmingCharacters(in: .whitespaces).lowercased()
        guard !value.isEmpty else { return nil }
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else { return nil }
            return String(value[value.index(after: value.startIndex)..<close])
        }
        return String(value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0])
    }

    /// `http://localhost:3000` → `localhost`; `null` (a sandboxed or file page) → nil.
    static func originHost(_ origin: String) -> String? {
        let value = origin.trimmingCharacters(in: .whitespaces).lowercased()
        guard let schemeEnd = value.range(of: "://") else { return nil }
        let rest = value[schemeEnd.upperBound...]
        let authority = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return hostName(String(authority))
    }
}
