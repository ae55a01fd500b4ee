import AsanaAPI
import Logging
import Routing

extension RecordProcessor {
    /// Turns a plan into project gids: "newest" is the newest non-archived project of a portfolio, none when
    /// it has none (or the portfolio is gone); the plan's fallback when nothing resolved. Duplicates dropped,
    /// order kept.
    func resolve(_ plan: ProjectPlan, logger: Logger) async throws(RecordFailure) -> [String] {
        var projects: [String] = []
        for target in plan.targets {
            let gid: String?
            switch target {
            case .project(let project): gid = project
            case .newestInPortfolio(let portfolio):
                do {
                    gid = try await asana.portfolioItems(portfolio: portfolio).newestLiveProject?.gid
                    if gid == nil {
                        logger.info(
                            "portfolio has no live project",
                            metadata: ["step": "projects", "portfolio": "\(portfolio)"]
                        )
                    }
                } catch {
                    guard error.code == .notFound else {
                        throw RecordFailure(
                            .asana,
                            "portfolio \(portfolio): \(error)",
                            retryAfterSeconds: error.retryAfter.map { Int($0.rounded(.up)) }
                        )
                    }
                    logger.warning("portfolio not found", metadata: ["step": "projects", "portfolio": "\(portfolio)"])
                    gid = nil
                }
            }
            if let gid, !projects.contains(gid) { projects.append(gid) }
        }
        if projects.isEmpty, let fallback = plan.whenNoneFound {
            logger.info("no sprint project found; using the fallback", metadata: ["fallback": "\(fallback)"])
            projects.append(fallback)
        }
        return projects
    }
}
