import AsanaAPI
import ConsumerService
import Foundation
import Routing
import SentryAPI
import ServiceSupport
import Synchronization
import Testing

/// Counts records in flight inside Asana calls, yielding so that unbounded concurrency would show.
struct ProbingAsana: AsanaAPIClient {
    let inner: FakeAsana
    let probe: ConcurrencyProbe

    func createTask(_ task: NewTask) async throws(AsanaError) -> AsanaTask {
        try await inner.createTask(task)
    }
    func task(gid: String) async throws(AsanaError) -> AsanaTask { try await inner.task(gid: gid) }
    func portfolioItems(portfolio: String) async throws(AsanaError) -> [PortfolioItem] {
        probe.enter()
        for _ in 0..<50 { await Task.yield() }
        probe.leave()
        return try await inner.portfolioItems(portfolio: portfolio)
    }
    func recentTasks(project: String, since: Date) async throws(AsanaError) -> [AsanaTask] {
        try await inner.recentTasks(project: project, since: since)
    }
    func addComment(taskGID: String, text: String) async throws(AsanaError) {
        try await inner.addComment(taskGID: taskGID, text: text)
    }
    func deleteTask(gid: String) async throws(AsanaError) { try await inner.deleteTask(gid: gid) }
}
