/// Where `devstack stubs` listens unless told otherwise, and the tokens it accepts.
package enum StubDefaults {
    package static let host = "127.0.0.1"
    package static let asanaPort = 4580
    package static let sentryPort = 4590
    package static let asanaToken = "asana-test-token"
    package static let sentryToken = "sentry-test-token"
}
