import Stubs

/// What `HTTP.call` got back: status, lower-cased headers and the body.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var json: JSON? { JSON.parse(body) }
    var text: String { String(decoding: body, as: UTF8.self) }
}
