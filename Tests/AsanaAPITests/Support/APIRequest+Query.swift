import Foundation
import ServiceSupport

extension APIRequest {
    /// The value of query parameter `name` of the request's URL, `nil` when it has none.
    func query(_ name: String) -> String? {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == name }?.value
    }
}
