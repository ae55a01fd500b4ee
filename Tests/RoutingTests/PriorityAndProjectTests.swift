import Routing
import Testing

@Suite struct PriorityTests {
    @Test(arguments: [
        ("warning", Priority.medium), ("WARNING", .medium), ("error", .high), ("fatal", .high), ("info", .high),
        ("debug", .high),
    ])
    func levelsMapToPriorities(level: String, priority: Priority) {
        #expect(Priority(sentryLevel: level) == priority)
    }

    @Test func aMissingLevelIsHigh() { #expect(Priority(sentryLevel: nil) == .high) }

    @Test func eachPriorityHasItsOptionID() throws {
        let fields = try ShippedTable.load().asana.fields
        // The original's Priority field and options (reference §2.5).
        #expect(fields.priority == "1159524604627932")
        #expect(fields.option(for: .high) == "1159524604627933")
        #expect(fields.option(for: .medium) == "1159524604627934")
        #expect(fields.option(for: .low) == "1159524604627935")
    }
}

/// The original's `_get_project_ids` across dev/staging/prod × warning/high (reference §2.6, §4), with its gids.
@Suite struct ProjectPlannerTests {
    static let devProject = "1200611106362920"
    static let releasePortfolio = "1199961111326835"
    static let observabilityBacklog = "1201267919523642"

    func planner() throws -> ProjectPlanner { ProjectPlanner(settings: try ShippedTable.load().asana) }
    func team(_ key: String) throws -> Team { try #require(try ShippedTable.load().team(key)) }

    @Test(arguments: ["error", "warning"])
    func aDevAlertGoesToTheNewestDevSprintAndTheDevProject(level: String) throws {
        let plan = try planner().plan(
            team: try team("ingestion"),
            environment: "dev",
            level: level,
            developmentMode: false
        )
        #expect(plan == ProjectPlan([.newestInPortfolio("1201700591175697"), .project(Self.devProject)]))
    }

    @Test(arguments: ["prod", "staging", "dev"])
    func developmentModeSendsEverythingToTheDevProjects(environment: String) throws {
        let plan = try planner().plan(
            team: try team("detections"),
            environment: environment,
            level: "error",
            developmentMode: true
        )
        #expect(plan == ProjectPlan([.newestInPortfolio("1201700591175694"), .project(Self.devProject)]))
    }

    @Test(arguments: ["error", "warning"])
    func stagingGoesToTheSprintAndTheReleaseBoardElseTheObservabilityBacklog(level: String) throws {
        let plan = try planner().plan(
            team: try team("investigations"),
            environment: "staging",
            level: level,
            developmentMode: false
        )
        #expect(
            plan
                == ProjectPlan(
                    [.newestInPortfolio("1201675315244000"), .newestInPortfolio(Self.releasePortfolio)],
                    whenNoneFound: Self.observabilityBacklog
                )
        )
    }

    @Test func aProdWarningGoesToTheTeamBacklog() throws {
        let plan = try planner().plan(
            team: try team("adoption"),
            environment: "prod",
            level: "warning",
            developmentMode: false
        )
        #expect(plan == ProjectPlan([.project("1201267919523621")]))
    }

    @Test(arguments: ["error", "fatal", "info", nil] as [String?])
    func anyOtherProdAlertGoesToTheSprintElseTheObservabilityBacklog(level: String?) throws {
        let plan = try planner().plan(
            team: try team("productivity"),
            environment: "prod",
            level: level,
            developmentMode: false
        )
        #expect(plan == ProjectPlan([.newestInPortfolio("1201680804234034")], whenNoneFound: Self.observabilityBacklog))
    }

    @Test func stagesAreTheOriginalsExactEnvironmentNames() {
        #expect(Stage(environment: "dev") == .development)
        #expect(Stage(environment: "DEV") == .development)
        #expect(Stage(environment: "staging") == .staging)
        #expect(Stage(environment: "development") == .production)
        #expect(Stage(environment: "stage") == .production)
        #expect(Stage(environment: nil) == .production)
    }
}
