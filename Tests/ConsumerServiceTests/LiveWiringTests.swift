import ConsumerService
import Foundation
import Hummingbird
import ServiceSupport
import Synchronization
import TestSupport
import Testing

@Suite struct LiveWiringTests {
    @Test func theLiveClientsCreateOneTaskAndLinkItOverHTTPEvenWhenRedelivered() async throws {
        let world = WireWorld()
        let routingPath = TestBed.shippedTablePath
        try await withTestServer(FrozenRouter(world.router())) { base in
            let configuration = ConsumerConfiguration(
                sentryBaseURL: base,
                sentryOrganization: "example-corp",
                asanaBaseURL: base.appending(path: "api/1.0"),
                routingTablePath: routingPath
            )
            let handler = try ConsumerHandler.live(
                configuration: configuration,
                secrets: ServiceSecrets(asanaPAT: "1/asana", sentryPAT: "sntry"),
                transport: URLSessionAPITransport(),
                deadLetters: FakeDeadLetters(),
                visibility: FakeVisibility()
            )
            let deadline = Deadline(Date().addingTimeInterval(30))
            let first = try await handler.handle([TestBed.record()], deadline: deadline, logger: quietLogger)
            let second = try await handler.handle([TestBed.record()], deadline: deadline, logger: quietLogger)
            #expect(first.failedMessageIDs == [])
            #expect(second.failedMessageIDs == [])
            #expect(second.outcomes["m-1"] == .duplicate(taskGID: "1400000000000010"))
        }
        let state = world.state.withLock { $0 }
        #expect(state.tasks.count == 1)
        #expect(state.tasks.first.map(WireWorld.object)?["projects"] as? [String] == ["1200000000020012"])
        #expect(state.links.count == 1)
        #expect(
            state.links.first.map(WireWorld.object)?["webUrl"] as? String
                == "https://app.asana.com/0/0/1400000000000010"
        )
        #expect(state.requests.contains("GET issue example-corp/4200000001"))
        #expect(state.requests.contains("POST link a1b2c3d4-0000-4000-8000-000000000001"))
        #expect(state.requests.contains("GET items 1201675315243992 name,resource_type,created_at,archived"))
        #expect(
            state.requests.filter { $0.hasPrefix("POST story") }
                == ["POST story 1400000000000010 Linked by the Sentry-Asana automation"]
        )
        #expect(state.requests.contains("GET task 1400000000000010"), "the redelivery checked the linked task")
    }

    @Test func aMissingTokenIsAnInitError() {
        #expect(throws: ConfigurationError.self) {
            try ConsumerHandler.live(
                configuration: ConsumerConfiguration(routingTablePath: "/nonexistent.yaml"),
                secrets: ServiceSecrets(),
                transport: URLSessionAPITransport(),
                deadLetters: FakeDeadLetters(),
                visibility: FakeVisibility()
            )
        }
    }
}
