import AsanaAPI
import ConsumerService
import Foundation
import Logging
import Routing
import SentryAPI
import ServiceSupport
import Synchronization

/// A Sentry with issues and their links, recording calls; failures scripted per call kind.
final class FakeSentry: SentryAPIClient {
    struct State {
        var issues: [String: SentryIssue] = [:]
        var links: [String: [ExternalIssue]] = [:]
        var issueFailures: [SentryAPIError] = []
        var linkFailures: [SentryAPIError] = []
        var linkCalls: [ExternalIssueLink] = []
    }
    let state = Mutex(State())

    func issue(id: String) async throws(SentryAPIError) -> SentryIssue {
        let result: Result<SentryIssue, SentryAPIError> = state.withLock { s in
            if !s.issueFailures.isEmpty { return .failure(s.issueFailures.removeFirst()) }
            guard let issue = s.issues[id] else { return .failure(SentryAPIError(.gone, status: 404)) }
            return .success(issue)
        }
        return try result.get()
    }

    func externalIssues(issueID: String) async throws(SentryAPIError) -> [ExternalIssue] {
        state.withLock { $0.links[issueID] ?? [] }
    }

    func link(_ link: ExternalIssueLink, installationUUID: String) async throws(SentryAPIError) -> ExternalIssue {
        let result: Result<ExternalIssue, SentryAPIError> = state.withLock { s in
            s.linkCalls.append(link)
            if !s.linkFailures.isEmpty { return .failure(s.linkFailures.removeFirst()) }
            let created = ExternalIssue(id: "\(s.linkCalls.count)", issueID: link.issueID, webURL: link.webURL)
            // Sentry keeps one external-issue link per app per issue: a new link replaces the old one.
            s.links[link.issueID] = [created]
            return .success(created)
        }
        return try result.get()
    }

    var linkCalls: [ExternalIssueLink] { state.withLock { $0.linkCalls } }
    func links(_ issueID: String) -> [ExternalIssue] { state.withLock { $0.links[issueID] ?? [] } }
}

/// An Asana with portfolios and tasks per project, recording created tasks; create failures scripted.
final class FakeAsana: AsanaAPIClient {
    struct State {
        var portfolios: [String: [PortfolioItem]] = [:]
        var tasks: [String: AsanaTask] = [:]
        var projectsOfTask: [String: [String]] = [:]
        var comments: [String: [String]] = [:]
        var createFailures: [AsanaError] = []
        /// Answers of `GET /tasks/{gid}`, in order, before the stored tasks answer.
        var taskFailures: [AsanaError] = []
        var createCalls: [NewTask] = []
        var nextGID = 1_400_000_000_000_001
        var recentTasksRendezvous = 0
        var recentTasksArrivals = 0
        var deleted: [String] = []
    }
    let state = Mutex(State())

    /// Every team of the shipped table gets sprints 41, 42 (newest live) and an archived 43 in its sprint
    /// portfolio, and a dev sandbox project in its dev portfolio — except Quality, whose dev portfolio is empty.
    /// The release-testing portfolio holds one project. Project gids: `17000000000<team><nn>`.
    init() {
        let table = try! RoutingTable.load(path: TestBed.shippedTablePath)
        state.withLock { s in
            for (index, team) in table.teams.enumerated() {
                let n = index + 1
                s.portfolios[team.sprintPortfolio] = [
                    PortfolioItem(gid: Self.sprint(n, 41), name: "Sprint 41", createdAt: "2026-10-01T00:00:00.000Z"),
                    PortfolioItem(gid: Self.sprint(n, 42), name: "Sprint 42", createdAt: "2026-11-01T00:00:00.000Z"),
                    PortfolioItem(
                        gid: Self.sprint(n, 43),
                        name: "Archived",
                        createdAt: "2026-11-20T00:00:00.000Z",
                        archived: true
                    ),
                ]
                s.portfolios[team.sandboxPortfolio] =
                    team.key == "quality"
                    ? []
                    : [
                        PortfolioItem(
                            gid: Self.sprint(n, 21),
                            name: "Dev Sandbox",
                            createdAt: "2026-09-01T00:00:00.000Z"
                        )
                    ]
            }
            s.portfolios[table.asana.releaseTestingPortfolio] = [
                PortfolioItem(
                    gid: Self.releaseProject,
                    name: "Release Testing 1.52",
                    createdAt: "2026-11-10T00:00:00.000Z"
                )
            ]
        }
    }

    /// The fake project gid of team `n` (1-based, table order), number `number` (21: dev sandbox, 41-43: sprints).
    static func sprint(_ n: Int, _ number: Int) -> String { "17000000000\(n)\(number)" }
    static let releaseProject = "1700000000000111"

    func addComment(taskGID: String, text: String) async throws(AsanaError) {
        let result: Result<Void, AsanaError> = state.withLock { s in
            guard s.tasks[taskGID] != nil else { return .failure(AsanaError(.notFound, status: 404)) }
            s.comments[taskGID, default: []].append(text)
            return .success(())
        }
        try result.get()
    }

    func comments(_ taskGID: String) -> [String] { state.withLock { $0.comments[taskGID] ?? [] } }

    func createTask(_ task: NewTask) async throws(AsanaError) -> AsanaTask {
        let result: Result<AsanaTask, AsanaError> = state.withLock { s in
            s.createCalls.append(task)
            if !s.createFailures.isEmpty { return .failure(s.createFailures.removeFirst()) }
            let gid = String(s.nextGID)
            s.nextGID += 1
            let created = AsanaTask(
                gid: gid,
                name: task.name,
                notes: task.notes,
                permalinkURL: "https://app.asana.com/0/\(task.projects.first ?? "0")/\(gid)"
            )
            s.tasks[gid] = created
            s.projectsOfTask[gid] = task.projects
            return .success(created)
        }
        return try result.get()
    }

    func task(gid: String) async throws(AsanaError) -> AsanaTask {
        let result: Result<AsanaTask, AsanaError> = state.withLock { s in
            if !s.taskFailures.isEmpty { return .failure(s.taskFailures.removeFirst()) }
            guard let task = s.tasks[gid] else { return .failure(AsanaError(.notFound, status: 404)) }
            return .success(task)
        }
        return try result.get()
    }

    func portfolioItems(portfolio: String) async throws(AsanaError) -> [PortfolioItem] {
        guard let items = state.withLock({ $0.portfolios[portfolio] }) else { throw AsanaError(.notFound, status: 404) }
        return items
    }

    func recentTasks(project: String, since: Date) async throws(AsanaError) -> [AsanaTask] {
        // Answer from the state at arrival, then wait (a bounded rendezvous, up to 5,000 yields) until
        // `recentTasksRendezvous` callers are here: records that can run concurrently really overlap in the
        // duplicate check, as two Lambda invocations would.
        let (tasks, wanted) = state.withLock { s in
            s.recentTasksArrivals += 1
            return (
                s.tasks.values.filter { s.projectsOfTask[$0.gid]?.contains(project) == true }, s.recentTasksRendezvous
            )
        }
        for _ in 0..<5_000 where state.withLock({ $0.recentTasksArrivals }) < wanted { await Task.yield() }
        return tasks
    }

    func deleteTask(gid: String) async throws(AsanaError) {
        let result: Result<Void, AsanaError> = state.withLock { s in
            guard s.tasks.removeValue(forKey: gid) != nil else { return .failure(AsanaError(.notFound, status: 404)) }
            s.projectsOfTask[gid] = nil
            s.deleted.append(gid)
            return .success(())
        }
        try result.get()
    }

    var deleted: [String] { state.withLock { $0.deleted } }

    var created: [AsanaTask] { state.withLock { Array($0.tasks.values) } }
    var createCalls: [NewTask] { state.withLock { $0.createCalls } }
}

final class FakeDeadLetters: DeadLetterSink {
    let sent = Mutex<[(String, String)]>([])
    func deadLetter(_ record: ConsumerRecord, reason: String) async throws {
        sent.withLock { $0.append((record.messageID, reason)) }
    }
    var ids: [String] { sent.withLock { $0.map(\.0) } }
    var reasons: [String] { sent.withLock { $0.map(\.1) } }
}

final class FakeVisibility: VisibilityExtender {
    let calls = Mutex<[(String, Int)]>([])
    func extendVisibility(of record: ConsumerRecord, to seconds: Int) async throws {
        calls.withLock { $0.append((record.messageID, seconds)) }
    }
    var all: [(String, Int)] { calls.withLock { $0 } }
}

let quietLogger: Logger = {
    var logger = Logger(label: "consumer-test") { _ in SwiftLogNoOpLogHandler() }
    logger.logLevel = .critical
    return logger
}()
