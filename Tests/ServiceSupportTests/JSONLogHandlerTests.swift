import Foundation
import Logging
import ServiceSupport
import Synchronization
import Testing

@Suite struct JSONLogHandlerTests {
    @Test(arguments: [
        (["DEBUG": "true"], Logger.Level.debug), (["DEBUG": "TRUE"], .debug), (["DEBUG": "1"], .debug),
        (["DEBUG": "false"], .info), (["DEBUG": ""], .info), (["DEBUG": "yes please"], .info), ([:], .info),
    ])
    func debugTrueMeansDebugLogging(environment: [String: String], level: Logger.Level) {
        #expect(JSONLogHandler.level(environment: environment) == level)
    }

    @Test func atInfoLevelDebugLinesAreLeftOut() {
        let sink = LineSink()
        let logger = Logger(label: "producer") { label in
            JSONLogHandler(
                label: label,
                level: JSONLogHandler.level(environment: [:]),
                sink: { line in sink.lines.withLock { $0.append(line) } }
            )
        }
        logger.debug("signatures compared")
        logger.info("Success!")
        #expect(sink.objects().map { $0["message"] as? String } == ["Success!"])
    }

    @Test func eachEntryIsOneJSONObjectWithLevelTimeAndMetadata() throws {
        let sink = LineSink()
        var logger = Logger(label: "consumer") { label in
            JSONLogHandler(label: label, sink: { line in sink.lines.withLock { $0.append(line) } })
        }
        logger[metadataKey: "request_id"] = "req-1"
        logger.info("created a task", metadata: ["issue_id": "42", "step": "create"])
        let object = try #require(sink.objects().first)
        #expect(sink.all.count == 1)
        #expect(!sink.all[0].contains("\n"))
        #expect(object["level"] as? String == "info")
        #expect(object["message"] as? String == "created a task")
        #expect(object["request_id"] as? String == "req-1")
        #expect(object["issue_id"] as? String == "42")
        #expect((object["time"] as? String)?.hasSuffix("Z") == true)
    }

    @Test func credentialKeysAreRedacted() throws {
        let sink = LineSink()
        let logger = Logger(label: "p") { label in
            JSONLogHandler(label: label, sink: { line in sink.lines.withLock { $0.append(line) } })
        }
        logger.error(
            "oops",
            metadata: ["ASANA_PAT": "1/abc", "client_secret": "s3cr3t", "authorization": "Bearer x", "step": "ok"]
        )
        let line = try #require(sink.all.first)
        #expect(!line.contains("1/abc"))
        #expect(!line.contains("s3cr3t"))
        #expect(!line.contains("Bearer x"))
        #expect(line.contains(#""step":"ok""#))
    }

    @Test func entriesBelowTheLevelAreDropped() {
        let sink = LineSink()
        let logger = Logger(label: "p") { label in
            JSONLogHandler(label: label, level: .info, sink: { line in sink.lines.withLock { $0.append(line) } })
        }
        logger.debug("noise")
        #expect(sink.all.isEmpty)
    }
}
