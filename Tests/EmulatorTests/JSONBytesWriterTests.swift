import Foundation
import Testing

@testable import Emulator

/// The emulator's own JSON writer must produce what Foundation parses back to the same values, escape what JSON
/// requires, and refuse (so the caller falls back) what it does not know.
@Suite struct JSONBytesWriterTests {
    @Test func nestedValuesRoundTripThroughFoundation() throws {
        let object: [String: Any] = [
            "text": "quote \" backslash \\ slash / newline \n tab \t bell \u{07} é 😀",
            "int": 42, "negative": -7, "int64": Int64(1_764_000_000_123), "double": 1.5, "whole": 3.0,
            "true": true, "false": false, "null": NSNull(), "strings": ["a", "b"],
            "nested": ["list": [["k": "v"], ["n": 1]], "empty": [String: Any]()], "emptyList": [Any](),
        ]
        let bytes = try #require(JSONBytesWriter.encode(object))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(parsed["text"] as? String == object["text"] as? String)
        #expect(parsed["int"] as? Int == 42)
        #expect(parsed["negative"] as? Int == -7)
        #expect(parsed["int64"] as? Int64 == 1_764_000_000_123)
        #expect(parsed["double"] as? Double == 1.5)
        #expect(parsed["whole"] as? Double == 3.0)
        #expect(parsed["true"] as? Bool == true)
        #expect(parsed["false"] as? Bool == false)
        #expect(parsed["null"] is NSNull)
        #expect(parsed["strings"] as? [String] == ["a", "b"])
        let nested = try #require(parsed["nested"] as? [String: Any])
        #expect((nested["list"] as? [Any])?.count == 2)
        #expect((nested["empty"] as? [String: Any])?.isEmpty == true)
        #expect((parsed["emptyList"] as? [Any])?.isEmpty == true)
    }

    @Test func controlCharactersAreEscapedAndSlashesAreNot() throws {
        let bytes = try #require(JSONBytesWriter.encode(["s": "a/b\u{01}\r"]))
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"s":"a/b\u0001\r"}"#)
    }

    @Test func unknownTypesAndNonFiniteNumbersAreRefusedSoTheCallerFallsBack() {
        #expect(JSONBytesWriter.encode(["date": Date()]) == nil)
        #expect(JSONBytesWriter.encode(["nan": Double.nan]) == nil)
        #expect(
            JSONBytesWriter.encode(["number": NSNumber(value: 1)]) == nil,
            "NSNumber is ambiguous between Bool and Int"
        )
        #expect(String(decoding: JSONOutput.encode(["number": NSNumber(value: 1)]), as: UTF8.self) == #"{"number":1}"#)
    }
}
