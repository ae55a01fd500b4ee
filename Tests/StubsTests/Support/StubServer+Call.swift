import Stubs

extension StubServer {
    /// Answers without sockets, for state tests: same path as over HTTP minus the journal.
    func call(
        _ method: String,
        _ uri: String,
        token: String?,
        body: String? = nil,
        contentType: String = "application/json"
    ) async -> (status: Int, json: JSON, response: StubResponse) {
        var headers: [(name: String, value: String)] = [("Host", "127.0.0.1")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if body != nil { headers.append(("Content-Type", contentType)) }
        let request = StubRequest(method: method, uri: uri, headers: headers, body: Array((body ?? "").utf8))
        let (response, _) = await answer(request)
        return (response.status, JSON.parse(response.body) ?? .null, response)
    }
}
