import Foundation

/// The Asana calls the consumer makes; `DefaultAsanaClient` over HTTP, fakes in tests.
public protocol AsanaAPIClient: Sendable {
    /// `POST /tasks`.
    func createTask(_ task: NewTask) async throws(AsanaError) -> AsanaTask
    /// `GET /tasks/{gid}?opt_fields=name,notes,permalink_url,created_at`.
    func task(gid: String) async throws(AsanaError) -> AsanaTask
    /// `GET /portfolios/{gid}/items?opt_fields=name,resource_type,created_at,archived`, every page.
    func portfolioItems(portfolio: String) async throws(AsanaError) -> [PortfolioItem]
    /// `GET /tasks?project={gid}&modified_since=…`, every page: tasks touched since `since`.
    func recentTasks(project: String, since: Date) async throws(AsanaError) -> [AsanaTask]
    /// `POST /tasks/{gid}/stories`: a comment on the task.
    func addComment(taskGID: String, text: String) async throws(AsanaError)
    /// `DELETE /tasks/{gid}`: the task goes to the trash (Asana keeps it there for 30 days).
    func deleteTask(gid: String) async throws(AsanaError)
}
