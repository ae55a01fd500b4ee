import AsanaAPI
import ConsumerService
import Foundation
import SentryAPI
import ServiceSupport
import Synchronization
import Testing

enum ConfigurationCheck {
    /// The variable a failing configuration names; nil when it did not fail.
    static func variable(_ body: () throws -> ConsumerConfiguration) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as ConfigurationError {
            return error.variable
        } catch {
            return "unexpected \(error)"
        }
    }
}
