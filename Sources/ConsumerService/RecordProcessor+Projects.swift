import AsanaAPI
import Logging
import Routing

extension RecordProcessor {
    /// Turns targets into project gids: "newest" is the newest non-archived project of a portfolio, the
    /// fallback when it has none (or the portfolio is gone). Duplicates dropped, order kept.
    func resolve(_ targets: [ProjectTarget], logger: Logger) async throws(RecordFailure) -> [String] {
        var projects: [String] = []
        for target in targets {
            let gid: String
            switch target {
            case .project(let project): gid = project
            case .newestInPortfolio(let portfolio, let fallback):
                do {
                    let items = try await asana.portfolioItems(portfolio: portfolio)
                    if let newest = items.newestLiveProject {
                        gid = newest.gid
                    } else {
                        logger.info(
                            "portfolio has no live project; using the fallback",
                            metadata: ["step": "projects", "portfolio": "\(portfolio)", "fallback": "\(fallback)"]
                        )
                        gid = fallback
                    }
                } catch {
                    if error.code == .notFound {
                        logger.warning(
                            "portfolio not found; using the fallback",
                            metadata: ["step": "projects", "portfolio": "\(portfolio)"]
                        )
                        gid = fallback
                    } else {
                        throw RecordFailure(
                            .asana,
                            "portfolio \(portfolio): \(error)",
                            retryAfterSeconds: error.retryAfter.map { Int($0.rounded(.up)) }
                        )
                    }
                }
            }
            if !projects.contains(gid) { projects.append(gid) }
        }
        return projects
    }
}
