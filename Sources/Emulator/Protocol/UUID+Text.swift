import Foundation

extension UUID {
    /// The UUID in lower case (`uuidString` is upper case), as AWS writes message ids and request ids.
    ///
    /// Written directly from the 16 bytes: Foundation's `uuidString` formats each byte through `snprintf`, which
    /// was a visible share of the emulator's CPU per request (a request id, a message id, a receipt token).
    var lowercasedString: String { text(digits: Self.lowerDigits) }

    /// The UUID in upper case, as `uuidString` writes it, without `snprintf`.
    var upperCasedString: String { text(digits: Self.upperDigits) }

    private static let lowerDigits = Array("0123456789abcdef".utf8)
    private static let upperDigits = Array("0123456789ABCDEF".utf8)

    private func text(digits: [UInt8]) -> String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var index = 0
                for (position, byte) in bytes.enumerated() {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        out[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    out[index] = digits[Int(byte >> 4)]
                    out[index + 1] = digits[Int(byte & 0x0f)]
                    index += 2
                }
                return index
            }
        }
    }
}
