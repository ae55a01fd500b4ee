import Foundation
import Hashing

extension UUID {
    /// The UUID in lower case (`uuidString` is upper case), as AWS writes message ids and request ids.
    ///
    /// Written from the 16 bytes with `Hex`: Foundation's `uuidString` formats each byte through `snprintf`, which
    /// was a visible share of the emulator's CPU per request (a request id, a message id, a receipt token).
    var lowercasedString: String { text(upperCase: false) }

    /// The UUID in upper case, as `uuidString` writes it, without `snprintf`.
    var upperCasedString: String { text(upperCase: true) }

    /// The 32 hex digits in groups of 8-4-4-4-12.
    private func text(upperCase: Bool) -> String {
        let digits = withUnsafeBytes(of: uuid) { Hex.encode($0) }.utf8
        return String(unsafeUninitializedCapacity: 36) { out in
            var index = 0
            for (position, digit) in digits.enumerated() {
                if position == 8 || position == 12 || position == 16 || position == 20 {
                    out[index] = UInt8(ascii: "-")
                    index += 1
                }
                out[index] = upperCase && digit >= UInt8(ascii: "a") ? digit - 0x20 : digit
                index += 1
            }
            return index
        }
    }
}
