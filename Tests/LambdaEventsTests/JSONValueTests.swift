import Foundation
import LambdaEvents
import Testing

@Suite("JSONValue")
struct JSONValueTests {
    @Test(
        "every JSON kind decodes to its case and encodes back",
        arguments: [
            "null", "true", "false", "3.5", "\"text\"", "[1,\"a\",null]", "{\"k\":{\"n\":[true]}}",
        ]
    )
    func roundTrip(json: String) throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        let again = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        #expect(again == value)
    }

    @Test("booleans stay booleans and numbers stay numbers")
    func kinds() throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"b":true,"n":1,"s":"1"}"#.utf8))
        #expect(value["b"] == .bool(true))
        #expect(value["n"] == .number(1))
        #expect(value["s"]?.stringValue == "1")
    }
}
