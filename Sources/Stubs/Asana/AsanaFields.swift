import Foundation

/// `opt_fields` and pagination, as Asana applies them to every read.
package struct AsanaFields: Sendable {
    /// field → requested sub-fields (empty: the field's compact form).
    private var tree: [String: AsanaFields]

    private init(tree: [String: AsanaFields]) { self.tree = tree }

    /// `nil` when no `opt_fields` were asked for.
    package init?(_ text: String?) {
        guard let text, !text.isEmpty else { return nil }
        var tree: [String: AsanaFields] = [:]
        for path in text.split(separator: ",") {
            var parts = path.trimmingCharacters(in: .whitespaces).split(separator: ".").map(String.init)
            guard !parts.isEmpty else { continue }
            let head = parts.removeFirst()
            var node = tree[head] ?? AsanaFields(tree: [:])
            if !parts.isEmpty { node.insert(parts) }
            tree[head] = node
        }
        self.tree = tree
    }

    private mutating func insert(_ parts: [String]) {
        var parts = parts
        let head = parts.removeFirst()
        var node = tree[head] ?? AsanaFields(tree: [:])
        if !parts.isEmpty { node.insert(parts) }
        tree[head] = node
    }

    /// Keeps `gid` and the requested fields of `record` (recursing into objects and lists).
    package func apply(_ record: JSON) -> JSON {
        switch record {
        case .array(let items): return .array(items.map(apply))
        case .object(let object):
            var out: [String: JSON] = [:]
            if let gid = object["gid"] { out["gid"] = gid }
            for (key, sub) in tree {
                guard let value = object[key] else { continue }
                out[key] = sub.tree.isEmpty ? AsanaFields.compact(value) : sub.apply(value)
            }
            return .object(out)
        default: return record
        }
    }

    /// A nested record asked for without sub-fields: its compact form (gid, name, resource_type).
    static func compact(_ value: JSON) -> JSON {
        switch value {
        case .array(let items): return .array(items.map(compact))
        case .object(let object) where object["gid"] != nil:
            var out: [String: JSON] = [:]
            for key in ["gid", "name", "resource_type"] { out[key] = object[key] }
            return .object(out)
        default: return value
        }
    }

    /// The compact form Asana lists records in when no `opt_fields` are given.
    static func listForm(_ record: JSON) -> JSON {
        guard let object = record.object else { return record }
        var out: [String: JSON] = [:]
        for key in ["gid", "name", "resource_type", "resource_subtype"] { out[key] = object[key] }
        if object["resource_type"] == "story" {
            for key in ["created_at", "created_by", "text", "type"] { out[key] = object[key] }
        }
        if object["resource_type"] == "custom_field_setting" {
            for key in ["custom_field", "is_important", "parent", "project"] { out[key] = object[key] }
        }
        return .object(out)
    }
}

/// One page of a list: `limit` 1…100, an opaque `offset` token, and `next_page` when more remain.
package struct AsanaPage: Sendable {
    package var limit: Int?
    package var start: Int

    package init(query: [String: String]) throws(AsanaStubError) {
        if let text = query["limit"] {
            guard let limit = Int(text), (1...100).contains(limit) else {
                throw AsanaStubError(400, "limit: Must be between 1 and 100, inclusive")
            }
            self.limit = limit
        }
        start = 0
        if let token = query["offset"] {
            guard let start = AsanaPage.decode(token) else {
                throw AsanaStubError(400, "offset: Your pagination token is invalid or has expired")
            }
            self.start = start
        }
    }

    static func encode(_ index: Int) -> String {
        let raw = Array("stub:\(index):\(index &* 2_654_435_761 % 1_000_003)".utf8)
        return Base64URL.encode(raw)
    }

    static func decode(_ token: String) -> Int? {
        guard let raw = Base64URL.decode(token), let text = String(validating: raw, as: UTF8.self) else { return nil }
        let parts = text.split(separator: ":")
        guard parts.count == 3, parts[0] == "stub", let index = Int(parts[1]), (0...100_000_000).contains(index),
            Int(parts[2]) == index &* 2_654_435_761 % 1_000_003
        else { return nil }
        return index
    }

    /// The envelope for `items` (already in output form): `{"data": [...], "next_page": …}`.
    package func envelope(_ items: [JSON], path: String, query: [String: String], baseURL: String) -> JSON {
        guard let limit else { return ["data": .array(Array(items.dropFirst(start)))] }
        let end = min(items.count, start + limit)
        let page = start < items.count ? Array(items[start..<end]) : []
        var next: JSON = .null
        if end < items.count {
            let offset = AsanaPage.encode(end)
            var params = query
            params["offset"] = offset
            let queryText = params.keys.sorted().map { "\($0)=\(AsanaPage.escape(params[$0]!))" }.joined(separator: "&")
            let pagePath = "\(path)?\(queryText)"
            next = ["offset": .string(offset), "path": .string(pagePath), "uri": .string(baseURL + pagePath)]
        }
        return ["data": .array(page), "next_page": next]
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~,"))) ?? text
    }
}

/// Base64 with the URL alphabet and no padding, for offset tokens.
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> [UInt8]? {
        var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        return Data(base64Encoded: base).map(Array.init)
    }
}
