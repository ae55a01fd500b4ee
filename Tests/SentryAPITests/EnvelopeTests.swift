import Foundation
import SentryAPI
import TestSupport
import Testing

@Suite struct EnvelopeTests {
    @Test func anEventAlertDecodesWithNumericIDsAndTagPairs() throws {
        let envelope = try EventAlertEnvelope.parse(try FixtureLoader.bundled.data("event_alert"))
        #expect(envelope.action == "triggered")
        #expect(envelope.installationUUID == "a1b2c3d4-0000-4000-8000-000000000001")
        #expect(envelope.triggeredRule == "Any new issue in production")
        let event = envelope.event
        #expect(event.eventID == "9f1c2e0a7b3d4c5e8f9a0b1c2d3e4f50")
        #expect(event.issueID == "4200000001")
        #expect(event.resolvedIssueID == "4200000001")
        #expect(event.projectID == "1100001")
        #expect(event.level == "error")
        #expect(event.resolvedEnvironment == "prod")
        #expect(event.eventTime == "2026-11-28T21:14:07.123000Z")
        #expect(event.tags.value(for: "server_name") == "panther-log-processor")
        #expect(event.tags.value(for: "runtime") == "3.11", "a numeric tag value decodes as text")
        #expect(event.tags.value(for: "missing") == nil)
    }

    @Test func anOlderPayloadFallsBackToTheIssueURLAndTheTimestamp() throws {
        let envelope = try EventAlertEnvelope.parse(try FixtureLoader.bundled.data("event_alert_legacy"))
        #expect(envelope.installationUUID == nil)
        let event = envelope.event
        #expect(event.issueID == nil)
        #expect(event.resolvedIssueID == "4200000002")
        #expect(event.resolvedEnvironment == "staging", "the environment tag stands in for the missing field")
        #expect(event.tags.value(for: "server_name") == nil, "a null tag value counts as missing")
        #expect(event.eventTime?.hasPrefix("2026-11-") == true)
    }

    @Test func tagsAlsoDecodeInTheRESTObjectShape() throws {
        let tags = try JSONDecoder().decode([EventTag].self, from: Data(#"[{"key":"url","value":"/x"},["a",1]]"#.utf8))
        #expect(tags == [EventTag(key: "url", value: "/x"), EventTag(key: "a", value: "1")])
    }

    @Test func aMalformedTagIsDroppedAloneNotTheWholeList() throws {
        let body = #"""
            {"action":"triggered","data":{"event":{"issue_id":"1","tags":[["server_name","panther-log-processor"],
            [null,"x"],"bare",42,{"value":"no key"},[],["url","/data-schemas/"]]}}}
            """#
        let event = try EventAlertEnvelope.parse(Data(body.utf8)).event
        #expect(
            event.tags
                == [
                    EventTag(key: "server_name", value: "panther-log-processor"),
                    EventTag(key: "url", value: "/data-schemas/"),
                ]
        )
    }

    @Test func anIssueURLWithoutANumericSegmentGivesNoIssueID() {
        let event = WebhookEvent(
            eventID: "e",
            issueID: nil,
            issueURL: "https://sentry.io/api/0/issues/",
            title: "t",
            level: nil
        )
        #expect(event.resolvedIssueID == nil)
    }

    @Test(arguments: [
        ("not json at all", EnvelopeError.Code.notJSONObject),
        ("[1,2,3]", .notJSONObject),
        (#"{"action":"created","data":{"installation":{}}}"#, .notEventAlert),
        (#"{"data":{"event":"nope"}}"#, .notEventAlert),
    ])
    func badBodiesSayWhyTheyAreNotAlerts(body: String, code: EnvelopeError.Code) {
        #expect(throws: EnvelopeError.self) { try EventAlertEnvelope.parse(Data(body.utf8)) }
        do {
            _ = try EventAlertEnvelope.parse(Data(body.utf8))
        } catch {
            #expect(error.code == code)
        }
    }
}
