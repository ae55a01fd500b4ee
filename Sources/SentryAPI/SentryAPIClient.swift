/// The Sentry REST calls the consumer makes; `DefaultSentryClient` over HTTP, fakes in tests.
public protocol SentryAPIClient: Sendable {
    /// `GET /api/0/organizations/{org}/issues/{id}/`.
    func issue(id: String) async throws(SentryAPIError) -> SentryIssue
    /// `GET /api/0/organizations/{org}/issues/{id}/external-issues/`.
    func externalIssues(issueID: String) async throws(SentryAPIError) -> [ExternalIssue]
    /// `POST /api/0/sentry-app-installations/{uuid}/external-issues/`.
    func link(_ link: ExternalIssueLink, installationUUID: String) async throws(SentryAPIError) -> ExternalIssue
}
