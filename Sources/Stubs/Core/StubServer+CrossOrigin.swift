import LocalAccess

/// CORS for `/__admin`, for local pages only: the dashboard (served by the emulator on another port) reads the
/// journals and sets faults through the stubs' own admin API, the one the CLI uses. A page of any other origin
/// gets no CORS header, so the browser keeps the answer from it; its state-changing requests are refused anyway
/// (`LocalAccessPolicy`).
extension StubServer {
    /// Answers a preflight: 204, and the allow headers when the origin is local and the host is allowed.
    func preflight(_ request: StubRequest) -> StubResponse {
        var response = StubResponse(status: 204)
        let hostRefused =
            adminAccess.refusal(method: "GET", host: request.header("host"), origin: nil) != nil
        guard !hostRefused, let origin = request.header("origin"), adminAccess.allowsOrigin(origin) else {
            return response
        }
        response.setHeader("Access-Control-Allow-Origin", origin)
        response.setHeader("Access-Control-Allow-Methods", "GET, POST, DELETE")
        response.setHeader("Access-Control-Allow-Headers", "Content-Type")
        response.setHeader("Access-Control-Max-Age", "600")
        response.setHeader("Vary", "Origin")
        return response
    }

    /// Lets a local page read the answer.
    func crossOrigin(_ request: StubRequest, _ response: StubResponse) -> StubResponse {
        guard let origin = request.header("origin"), adminAccess.allowsOrigin(origin) else { return response }
        var response = response
        response.setHeader("Access-Control-Allow-Origin", origin)
        response.setHeader("Vary", "Origin")
        return response
    }
}
