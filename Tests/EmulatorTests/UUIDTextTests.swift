import Foundation
import Testing

@testable import Emulator

/// The byte-level UUID text the emulator writes ids with must be exactly Foundation's, in either case.
@Suite struct UUIDTextTests {
    @Test func matchesFoundationsTextInBothCases() {
        for _ in 0..<100 {
            let uuid = UUID()
            #expect(uuid.upperCasedString == uuid.uuidString)
            #expect(uuid.lowercasedString == uuid.uuidString.lowercased())
        }
        let fixed = UUID(uuidString: "00FF10AB-9C8D-4E7F-A1B2-C3D4E5F60718")!
        #expect(fixed.lowercasedString == "00ff10ab-9c8d-4e7f-a1b2-c3d4e5f60718")
    }
}
