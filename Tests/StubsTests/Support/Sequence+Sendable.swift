import Foundation
import Testing

@testable import Stubs

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension Sequence where Element: Sendable {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
