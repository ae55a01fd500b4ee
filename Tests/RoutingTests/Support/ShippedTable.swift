import Foundation
import Routing
import TestSupport

/// The shipped example table, read from the package's `config/routing.yaml`: the tests run the production table.
enum ShippedTable {
    static var path: String { FixtureLoader.package("config").folder.appendingPathComponent("routing.yaml").path }
    static func load() throws -> RoutingTable { try RoutingTable.load(path: path) }
}
