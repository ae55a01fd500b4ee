import Testing

@testable import Harness

@Suite("DurationText")
struct DurationTextTests {
    @Test(
        "durations as typed on the command line",
        arguments: [
            ("155", 155.0), ("90s", 90), ("2m", 120), ("1h30m", 5_400), ("1h", 3_600), ("250ms", 0.25), ("1.5s", 1.5),
            ("1d2h3m4s", 93_784), ("0", 0), (" 2M ", 120), ("1m30s500ms", 90.5),
        ]
    )
    func parses(text: String, seconds: Double) throws {
        #expect(try DurationText.seconds(text) == seconds)
    }

    @Test(
        "anything else is refused with the reason and examples",
        arguments: ["", "-5", "+5", "5x", "m", "1h1h", "30m1h", "1.2.3s", "h30", "1 h", "inf", "nan", "5s-"]
    )
    func refuses(text: String) {
        do throws(DurationText.ParseError) {
            let value = try DurationText.seconds(text)
            Issue.record("'\(text)' parsed as \(value)")
        } catch {
            #expect(error.description.contains("is not a duration") && error.description.contains("1h30m"))
        }
    }

    @Test("described for people")
    func describe() {
        #expect(DurationText.describe(155) == "155 s (2m35s)")
        #expect(DurationText.describe(5_400) == "5400 s (1h30m)")
        #expect(DurationText.describe(30) == "30 s")
        #expect(DurationText.describe(0.25) == "0.25 s")
    }

    @Test("a table pads every column but the last")
    func table() {
        var table = TextTable(["A", "LONGER", "C"])
        table.add(["wide cell", "x", "last"])
        #expect(table.render() == "A          LONGER  C\nwide cell  x       last")
    }
}
