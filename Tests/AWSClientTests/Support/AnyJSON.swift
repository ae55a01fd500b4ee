import AWSClient
import Foundation
import TestSupport
import Testing

/// Just enough JSON to write the test's parameters.
enum AnyJSON: Encodable {
    case string(String)
    case number(Int)
    case array([AnyJSON])
    case object([String: AnyJSON])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
