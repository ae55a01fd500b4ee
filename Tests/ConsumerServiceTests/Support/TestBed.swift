import AsanaAPI
import ConsumerService
import Foundation
import Logging
import Routing
import SentryAPI
import ServiceSupport
import Synchronization
import TestSupport

/// Fakes wired to a handler with the shipped routing table.
struct TestBed {
    let sentry = FakeSentry()
    let asana = FakeAsana()
    let deadLetters = FakeDeadLetters()
    let visibility = FakeVisibility()
    let clock = ManualClock()
    var configuration = ConsumerConfiguration(selfHostedAccounts: ["999999999999"])

    func handler() throws -> ConsumerHandler {
        let table = try RoutingTable.load(path: Self.shippedTablePath)
        return ConsumerHandler(
            configuration: configuration,
            table: table,
            sentry: sentry,
            asana: asana,
            deadLetters: deadLetters,
            visibility: visibility,
            clock: clock
        )
    }

    /// The package's `config/routing.yaml`: the tests run the production table.
    static var shippedTablePath: String {
        FixtureLoader.package("config").folder.appendingPathComponent("routing.yaml").path
    }

    var deadline: Deadline { Deadline(clock.now().addingTimeInterval(60)) }

    func run(_ records: [ConsumerRecord]) async throws -> ConsumerBatchResult {
        try await handler().handle(records, deadline: deadline, logger: quietLogger)
    }

    func seedIssue(_ id: String) {
        sentry.state.withLock {
            $0.issues[id] = SentryIssue(
                id: id,
                shortID: "BACKEND-1",
                title: "t",
                permalink: "https://sentry.io/organizations/example-corp/issues/\(id)/",
                firstSeen: "2026-11-01T10:00:00Z",
                count: "42"
            )
        }
    }

    /// An `event_alert` body.
    static func alert(
        eventID: String? = "ev-1",
        issueID: String? = "4200000001",
        title: String = "KeyError: 'log_type'",
        level: String = "error",
        environment: String? = "prod",
        tags: [String: String] = ["server_name": "panther-log-processor"]
    ) -> String {
        var event: [String: Any] = ["title": title, "level": level, "datetime": "2026-11-28T21:14:07Z"]
        if let eventID { event["event_id"] = eventID }
        if let issueID {
            event["issue_id"] = issueID
            event["web_url"] = "https://sentry.io/organizations/example-corp/issues/\(issueID)/"
        }
        if let environment { event["environment"] = environment }
        event["tags"] = tags.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }
        let body: [String: Any] = ["action": "triggered", "data": ["event": event, "triggered_rule": "r"]]
        let data = try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func record(
        _ id: String = "m-1",
        body: String = alert(),
        attributes: [String: String] = ["resource": "event_alert"]
    ) -> ConsumerRecord {
        ConsumerRecord(messageID: id, receiptHandle: "rh-\(id)", body: body, attributes: attributes)
    }
}
