// swift-tools-version:6.3
// sentry-asana: the service (producer and consumer Lambda bootstraps) and the local harness
// (an AWS emulator, Asana and Sentry stubs and the `devstack` CLI) in one package.
//
// Dependency budget (first clean debug build on 2 cores, see ../shared/STYLE.md):
// - hummingbird with `traits: []`: the HTTP server of the emulator and the stubs (never the deployables).
// - GRDB: the emulator's durable state on the system libsqlite3.
// - swift-argument-parser: the `devstack` CLI.
// - swift-log: structured logging everywhere.
// - Yams: the topology and the routing table are YAML data files.
// Outbound HTTP is FoundationNetworking's URLSession (libcurl); hashing is the system OpenSSL (libcrypto).
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    // No warning in our own code survives a build (issue 14): a warning left today hides the one that matters
    // tomorrow. Dependencies are untouched; SwiftPM silences their warnings.
    .treatAllWarnings(as: .error),
]

let log: Target.Dependency = .product(name: "Logging", package: "swift-log")
let hummingbird: Target.Dependency = .product(name: "Hummingbird", package: "hummingbird")
let yams: Target.Dependency = .product(name: "Yams", package: "Yams")
let grdb: Target.Dependency = .product(name: "GRDB", package: "GRDB.swift")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "sentry-asana",
    products: [
        .executable(name: "producer", targets: ["producer"]),
        .executable(name: "consumer", targets: ["consumer"]),
        .executable(name: "devstack", targets: ["devstack"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        // MARK: System libraries
        .systemLibrary(
            name: "COpenSSL",
            path: "Sources/COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .yum(["zlib-devel"])]
        ),

        // MARK: Shared foundations (used by the deployables and by the harness)
        .target(name: "Hashing", dependencies: ["COpenSSL"], swiftSettings: swiftSettings),
        .target(name: "AWSSigV4", dependencies: ["Hashing"], swiftSettings: swiftSettings),
        .target(name: "AWSClient", dependencies: ["AWSSigV4", "Hashing", log], swiftSettings: swiftSettings),
        .target(name: "LambdaEvents", swiftSettings: swiftSettings),
        .target(name: "LambdaRuntime", dependencies: ["LambdaEvents", log], swiftSettings: swiftSettings),

        // MARK: The service
        .target(name: "ServiceSupport", dependencies: ["AWSClient", "CZlib", log], swiftSettings: swiftSettings),
        .target(name: "SentryAPI", dependencies: ["Hashing", "ServiceSupport", log], swiftSettings: swiftSettings),
        .target(name: "AsanaAPI", dependencies: ["ServiceSupport", log], swiftSettings: swiftSettings),
        .target(name: "Routing", dependencies: [yams], swiftSettings: swiftSettings),
        .target(
            name: "ProducerService",
            dependencies: [
                "AWSClient", "LambdaEvents", "LambdaRuntime", "SentryAPI", "ServiceSupport", "Hashing", log,
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ConsumerService",
            dependencies: [
                "AWSClient", "LambdaEvents", "LambdaRuntime", "SentryAPI", "AsanaAPI", "Routing", "ServiceSupport", log,
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "producer",
            dependencies: ["ProducerService", "LambdaRuntime", "ServiceSupport", log],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "consumer",
            dependencies: ["ConsumerService", "LambdaRuntime", "ServiceSupport", log],
            swiftSettings: swiftSettings
        ),

        // MARK: The local harness (never imported by the deployables)
        .target(name: "Topology", dependencies: [yams], swiftSettings: swiftSettings),
        .target(
            name: "Emulator",
            dependencies: [
                "AWSSigV4", "AWSClient", "Hashing", "LambdaEvents", "LocalAccess", "Topology", hummingbird, grdb,
                yams, log,
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "LocalAccess", swiftSettings: swiftSettings),
        .target(
            name: "Stubs",
            dependencies: ["Hashing", "LocalAccess", hummingbird, yams, log],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Harness",
            dependencies: [
                "Topology", "Emulator", "Stubs", "AWSClient", "AWSSigV4", "SentryAPI", "ServiceSupport", "Hashing",
                yams,
                log,
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "devstack",
            dependencies: ["Harness", "Emulator", "Stubs", "Hashing", argumentParser, log],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .target(
            name: "TestSupport",
            dependencies: ["ServiceSupport", hummingbird, log],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "producer", "consumer", "devstack", "Harness", "Emulator", "Stubs", "Topology", "AWSClient", "Hashing",
                "TestSupport", log,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TopologyTests", dependencies: ["Topology", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "HashingTests", dependencies: ["Hashing"], swiftSettings: swiftSettings),
        .testTarget(name: "LocalAccessTests", dependencies: ["LocalAccess"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AWSSigV4Tests",
            dependencies: ["AWSSigV4", "TestSupport"],
            exclude: ["Interop"],
            resources: [.copy("Vectors")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AWSClientTests",
            dependencies: ["AWSClient", "AWSSigV4", "TestSupport", hummingbird, log],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LambdaEventsTests",
            dependencies: ["LambdaEvents", "TestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LambdaRuntimeTests",
            dependencies: ["LambdaRuntime", "LambdaEvents", "TestSupport", hummingbird, log],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EmulatorTests",
            dependencies: ["Emulator", "AWSSigV4", "AWSClient", "Topology", "TestSupport", log],
            exclude: ["Interop"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServiceSupportTests",
            dependencies: ["ServiceSupport", "TestSupport", log],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SentryAPITests",
            dependencies: ["SentryAPI", "ServiceSupport", "TestSupport", hummingbird],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "RoutingTests", dependencies: ["Routing", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AsanaAPITests",
            dependencies: ["AsanaAPI", "ServiceSupport", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConsumerServiceTests",
            dependencies: [
                "ConsumerService", "SentryAPI", "AsanaAPI", "Routing", "ServiceSupport", "TestSupport", hummingbird,
                log,
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ProducerServiceTests",
            dependencies: ["ProducerService", "SentryAPI", "ServiceSupport", log],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StubsTests",
            dependencies: ["Stubs", "Hashing", "TestSupport"],
            exclude: ["Interop"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EmulatorLambdaTests",
            dependencies: ["Emulator", "LambdaEvents", "Topology", "AWSSigV4", "TestSupport", hummingbird, log],
            exclude: ["Interop"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "test-bootstrap-behaviours",
            path: "Tests/Bootstraps/Behaviours",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HarnessTests",
            dependencies: [
                "devstack", "Harness", "Emulator", "AWSClient", "Topology", "Stubs", "Hashing", "TestSupport",
                hummingbird,
                log,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DashboardTests",
            dependencies: [
                "producer", "consumer", "devstack", "Emulator", "Stubs", "Hashing", "TestSupport", hummingbird, log,
            ],
            exclude: ["Browser"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ScenarioTests",
            dependencies: ["producer", "consumer", "devstack", "Harness", "Stubs", "TestSupport", log],
            swiftSettings: swiftSettings
        ),
    ]
)
