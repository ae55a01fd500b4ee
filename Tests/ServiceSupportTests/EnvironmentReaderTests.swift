import Foundation
import ServiceSupport
import Testing

@Suite struct EnvironmentReaderTests {
    @Test func valuesAreTrimmedAndTyped() throws {
        let env = EnvironmentReader(["A": "  x ", "B": "true", "N": "12", "L": "a, b,,c", "U": "https://h.test/q"])
        #expect(env.optional("A") == "x")
        #expect(try env.bool("B"))
        #expect(try env.int("N", default: 1, range: 1...20) == 12)
        #expect(env.list("L") == ["a", "b", "c"])
        #expect(try env.url("U").host == "h.test")
        #expect(env.string("MISSING", default: "d") == "d")
    }

    @Test func badValuesNameTheVariable() {
        let env = EnvironmentReader(["B": "maybe", "N": "99", "U": "not a url"])
        #expect(throws: ConfigurationError(variable: "B", problem: "must be true or false, got 'maybe'")) {
            try env.bool("B")
        }
        #expect(throws: ConfigurationError.self) { try env.int("N", default: 1, range: 1...20) }
        #expect(throws: ConfigurationError.self) { try env.url("U") }
        #expect(throws: ConfigurationError(variable: "R", problem: "is required")) { try env.required("R") }
    }
}
