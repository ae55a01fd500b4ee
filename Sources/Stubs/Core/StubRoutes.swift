/// The one route table the stubs and their admin API dispatch on: a method (or any method) and a path pattern per
/// route, tried in the order added, first match wins.
///
/// A pattern's segments are literals, `{name}` (one segment, handed to the handler by name) or a final `**` (any
/// rest, including none, handed over as `rest`). Matching runs on `StubRequest.segments`, so the path is split on
/// `/` first and each segment percent-decoded after: `%2F` stays inside its segment, and every router decodes the
/// same way. Hummingbird's `Router` is not used because the stubs answer from one responder that must journal and
/// fault every request, known path or not, before any route runs.
package struct StubRoutes<Handler> {
    /// One segment of a pattern.
    enum Segment: Equatable {
        case literal(String)
        case parameter(String)
        case rest
    }

    struct Route {
        let method: String?
        let segments: [Segment]
        let handler: Handler
    }

    /// What a request's method and path found.
    package enum Match {
        case found(Handler, RouteParameters)
        /// Some route has this path, none this method (Sentry answers 405; the others, their 404).
        case wrongMethod
        case notFound
    }

    private var routes: [Route] = []

    package init() {}

    /// Adds a route; `method` nil takes every method (the handler decides).
    package mutating func add(_ method: String?, _ pattern: String, _ handler: Handler) {
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map { part -> Segment in
            if part == "**" { return .rest }
            if part.hasPrefix("{"), part.hasSuffix("}") { return .parameter(String(part.dropFirst().dropLast())) }
            return .literal(String(part))
        }
        precondition(!segments.dropLast().contains(.rest), "`**` must be the last segment of \(pattern)")
        routes.append(Route(method: method, segments: segments, handler: handler))
    }

    /// The first route whose pattern matches `segments` (already decoded) and whose method is `method`.
    package func match(_ method: String, _ segments: some Collection<String>) -> Match {
        let path = Array(segments)
        var pathMatched = false
        for route in routes {
            guard let parameters = Self.bind(route.segments, path) else { continue }
            guard route.method == nil || route.method == method else {
                pathMatched = true
                continue
            }
            return .found(route.handler, parameters)
        }
        return pathMatched ? .wrongMethod : .notFound
    }

    private static func bind(_ pattern: [Segment], _ path: [String]) -> RouteParameters? {
        var values: [String: String] = [:]
        for (index, segment) in pattern.enumerated() {
            switch segment {
            case .rest:
                return RouteParameters(values: values, rest: Array(path[index...]))
            case .literal(let text):
                guard index < path.count, path[index] == text else { return nil }
            case .parameter(let name):
                guard index < path.count else { return nil }
                values[name] = path[index]
            }
        }
        return pattern.count == path.count ? RouteParameters(values: values, rest: []) : nil
    }
}

extension StubRoutes: Sendable where Handler: Sendable {}
extension StubRoutes.Route: Sendable where Handler: Sendable {}
extension StubRoutes.Segment: Sendable {}
extension StubRoutes.Match: Sendable where Handler: Sendable {}
