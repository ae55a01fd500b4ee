import Foundation

@testable import Emulator

extension EmulatorHarness {
    /// The newest move task of `sourceArn` once `done` holds for it: polls `ListMessageMoveTasks` at most 400
    /// times, 25 ms apart (10 s); `nil` if it never did.
    func waitForMoveTask(_ sourceArn: String, until done: ([String: Any]) -> Bool) async -> [String: Any]? {
        for _ in 0..<400 {
            let answer = await call("AmazonSQS.ListMessageMoveTasks", ["SourceArn": sourceArn, "MaxResults": 10])
            if let latest = (answer.json["Results"] as? [[String: Any]])?.first, done(latest) { return latest }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return nil
    }

    /// `ApproximateNumberOfMessages` of the queue at `url`.
    func visibleCount(_ url: String) async -> Int? {
        let answer = await call(
            "AmazonSQS.GetQueueAttributes",
            ["QueueUrl": url, "AttributeNames": ["ApproximateNumberOfMessages"]]
        )
        return ((answer.json["Attributes"] as? [String: String])?["ApproximateNumberOfMessages"]).flatMap { Int($0) }
    }
}
