import Foundation
import LambdaEvents

/// Turns an HTTP request to a Function URL into the payload-v2.0 event Lambda delivers, and the function's
/// result back into the HTTP answer, following AWS's "Invoking Lambda function URLs" rules.
package enum FunctionURLEvent {
    /// Content types whose body Lambda passes as text; anything else arrives base64-encoded.
    static func isText(_ contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return true }
        return type.hasPrefix("text/") || type.contains("json") || type.contains("xml")
            || type.contains("javascript") || type.contains("x-www-form-urlencoded")
    }

    /// The event for one request. `headers` may repeat a name; Lambda joins the values with commas and lower-cases
    /// the names, and moves `Cookie` into `cookies`.
    package static func make(
        method: String,
        rawPath: String,
        rawQuery: String,
        headers: [(name: String, value: String)],
        body: [UInt8],
        sourceIP: String,
        urlID: String,
        domainName: String,
        requestID: String = UUID().uuidString.lowercased(),
        now: Date = Date()
    ) -> FunctionURLRequest {
        var merged: [String: String] = [:]
        var cookies: [String] = []
        for (name, value) in headers {
            let lowered = name.lowercased()
            if lowered == "cookie" {
                cookies += value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                continue
            }
            merged[lowered] = merged[lowered].map { "\($0),\(value)" } ?? value
        }
        var query: [String: String] = [:]
        for pair in rawQuery.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value =
                parts.count > 1
                ? (String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") : ""
            query[name] = query[name].map { "\($0),\(value)" } ?? value
        }
        let text = isText(merged["content-type"])
        let bodyText: String? =
            body.isEmpty ? nil : (text ? String(decoding: body, as: UTF8.self) : Data(body).base64EncodedString())
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "dd/MMM/yyyy:HH:mm:ss Z"
        let context = FunctionURLRequestContext(
            accountId: "anonymous",
            apiId: urlID,
            domainName: domainName,
            domainPrefix: urlID,
            http: .init(
                method: method.uppercased(),
                path: rawPath,
                protocol: "HTTP/1.1",
                sourceIp: sourceIP,
                userAgent: merged["user-agent"] ?? ""
            ),
            requestId: requestID,
            routeKey: "$default",
            stage: "$default",
            time: formatter.string(from: now),
            timeEpoch: Int64(now.timeIntervalSince1970 * 1000)
        )
        return FunctionURLRequest(
            version: "2.0",
            routeKey: "$default",
            rawPath: rawPath,
            rawQueryString: rawQuery,
            cookies: cookies.isEmpty ? nil : cookies,
            headers: merged,
            queryStringParameters: query.isEmpty ? nil : query,
            requestContext: context,
            body: bodyText,
            isBase64Encoded: bodyText != nil && !text
        )
    }

    /// The HTTP answer for a function's result. A JSON object with `statusCode` is a response description;
    /// anything else valid is returned as a JSON body with status 200 (Lambda's inference); a function error is
    /// 502 and a throttle 429, with Lambda's `{"Message": …}` bodies.
    package static func answer(
        for outcome: LambdaFunctionHost.InvokeAttempt
    ) -> (
        status: Int, headers: [(String, String)], body: Data
    ) {
        switch outcome {
        case .throttled:
            return (429, [("content-type", "application/json")], Data(#"{"Message":"Rate Exceeded."}"#.utf8))
        case .shutDown:
            return (503, [("content-type", "application/json")], Data(#"{"Message":"Service Unavailable"}"#.utf8))
        case .completed(.failure):
            return (502, [("content-type", "application/json")], Data(#"{"Message":"Internal Server Error"}"#.utf8))
        case .completed(.success(let payload)):
            guard let object = try? JSONSerialization.jsonObject(with: payload, options: [.fragmentsAllowed]) else {
                return (502, [("content-type", "application/json")], Data(#"{"Message":"Internal Server Error"}"#.utf8))
            }
            guard let dictionary = object as? [String: Any], dictionary["statusCode"] != nil,
                let response = try? JSONDecoder().decode(FunctionURLResponse.self, from: payload)
            else {
                return (200, [("content-type", "application/json")], payload)
            }
            var headers = (response.headers ?? [:]).map { ($0.key, $0.value) }
            for cookie in response.cookies ?? [] { headers.append(("set-cookie", cookie)) }
            if !headers.contains(where: { $0.0.lowercased() == "content-type" }) {
                headers.append(("content-type", "application/json"))
            }
            guard let body = try? response.bodyBytes else {
                return (502, [("content-type", "application/json")], Data(#"{"Message":"Internal Server Error"}"#.utf8))
            }
            return (response.statusCode, headers, body)
        }
    }
}
