import Foundation
import Harness
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The JUnit XML CI reads: counts, times, the failed expectation as the failure's message, escaping.
@Suite struct JUnitReportTests {
    let suite = ScenarioSuiteResult(
        results: [
            ScenarioResult(
                name: "burst of 25",
                file: "fixtures/scenarios/01-burst.yaml",
                seconds: 1.5,
                log: ["▶ burst"]
            ),
            ScenarioResult(
                name: "partial <failure>",
                file: "fixtures/scenarios/02-partial.yaml",
                failures: ["steps[4].expect[0].tasks: expected 10 tasks, found 9 & \"more\"", "second"],
                seconds: 2.25
            ),
            ScenarioResult(name: "broken", file: "x.yaml", error: "x.yaml: name: is required"),
        ],
        seconds: 3.75,
        startedAt: Date(timeIntervalSince1970: 1_800_000_000)
    )

    @Test func theSuiteCountsTestsFailuresAndErrors() throws {
        let xml = JUnitReport.xml(suite)
        #expect(xml.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
        #expect(xml.contains(#"<testsuites name="devstack scenarios" tests="3" failures="1" errors="1" time="3.750">"#))
        #expect(
            xml.contains(
                #"tests="3" failures="1" errors="1" skipped="0" time="3.750" timestamp="2027-01-15T08:00:00Z""#
            )
        )
    }

    @Test func eachScenarioIsATestCaseWithItsTime() {
        let xml = JUnitReport.xml(suite)
        #expect(
            xml.contains(
                #"<testcase name="burst of 25" classname="scenarios.01-burst" file="fixtures/scenarios/01-burst.yaml" time="1.500">"#
            )
        )
        #expect(xml.contains("<system-out>▶ burst</system-out>"))
    }

    @Test func aFailureCarriesTheFirstFailedExpectationEscaped() {
        let xml = JUnitReport.xml(suite)
        #expect(xml.contains(#"<testcase name="partial &lt;failure&gt;""#))
        #expect(
            xml.contains(
                #"<failure message="steps[4].expect[0].tasks: expected 10 tasks, found 9 &amp; &quot;more&quot;" type="ExpectationFailed">"#
            )
        )
        #expect(xml.contains("&quot;more&quot;\nsecond</failure>"))
    }

    @Test func aScenarioThatCouldNotRunIsAnError() {
        let xml = JUnitReport.xml(suite)
        #expect(xml.contains(#"<error message="x.yaml: name: is required" type="ScenarioError">"#))
    }

    @Test func theDocumentIsWellFormedXML() throws {
        let data = Data(JUnitReport.xml(suite).utf8)
        let document = try XMLDocument(data: data)
        let cases = try document.nodes(forXPath: "//testcase")
        #expect(cases.count == 3)
        let failures = try document.nodes(forXPath: "//testcase/failure/@message")
        #expect(failures.first?.stringValue == "steps[4].expect[0].tasks: expected 10 tasks, found 9 & \"more\"")
    }

    @Test func controlCharactersAreDropped() {
        let suite = ScenarioSuiteResult(
            results: [ScenarioResult(name: "bell\u{07}", file: "a.yaml", failures: ["tab\tok"])],
            seconds: 0,
            startedAt: Date()
        )
        let xml = JUnitReport.xml(suite)
        #expect(xml.contains(#"name="bell""#))
        #expect(xml.contains("tab\tok"))
    }
}
