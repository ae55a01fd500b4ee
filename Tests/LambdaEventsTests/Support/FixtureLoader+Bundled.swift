import Foundation
import TestSupport

extension FixtureLoader {
    /// This target's `Fixtures/` folder, copied into its bundle (`resources:` in `Package.swift`).
    static let bundled = FixtureLoader(bundle: .module, subdirectory: "Fixtures")
}
