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
        #expect(fields.option(for: .high) == "1100000000000102")
        #expect(fields.option(for: .medium) == "1100000000000103")
        #expect(fields.option(for: .low) == "1100000000000104")
    }
}

@Suite struct ProjectPlannerTests {
    func fixtures() throws -> (ProjectPlanner, Team) {
        let table = try ShippedTable.load()
        return (ProjectPlanner(settings: table.asana), try #require(table.team("ingestion")))
    }

    @Test(arguments: ["dev", "development", "DEV"])
    func aDevAlertGoesToTheSandboxAndTheDevBoard(environment: String) throws {
        let (planner, team) = try fixtures()
        #expect(
            planner.targets(team: team, environment: environment, priority: .high, developmentMode: false) == [
                .newestInPortfolio("1200000000002003", fallback: "1300000000000003"), .project("1300000000000001"),
            ]
        )
    }

    @Test func developmentModeOverridesTheEnvironment() throws {
        let (planner, team) = try fixtures()
        #expect(
            planner.targets(team: team, environment: "prod", priority: .high, developmentMode: true) == [
                .newestInPortfolio("1200000000002003", fallback: "1300000000000003"), .project("1300000000000001"),
            ]
        )
    }

    @Test func stagingGoesToTheSprintAndReleaseTesting() throws {
        let (planner, team) = try fixtures()
        #expect(
            planner.targets(team: team, environment: "staging", priority: .medium, developmentMode: false) == [
                .newestInPortfolio("1200000000002002", fallback: "1200000000002001"),
                .newestInPortfolio("1300000000000002", fallback: "1300000000000003"),
            ]
        )
    }

    @Test func aProductionWarningGoesToTheBacklog() throws {
        let (planner, team) = try fixtures()
        #expect(
            planner.targets(team: team, environment: "prod", priority: .medium, developmentMode: false) == [
                .project("1200000000002001")
            ]
        )
    }

    @Test(arguments: ["prod", "production", "", "eu-prod"])
    func otherProductionAlertsGoToTheNewestSprint(environment: String) throws {
        let (planner, team) = try fixtures()
        #expect(
            planner.targets(team: team, environment: environment, priority: .high, developmentMode: false) == [
                .newestInPortfolio("1200000000002002", fallback: "1200000000002001")
            ]
        )
    }

    @Test func aMissingEnvironmentIsProduction() {
        #expect(Stage(environment: nil) == .production)
        #expect(Stage(environment: "stage") == .staging)
    }
}
