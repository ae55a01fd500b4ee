// The SentryAPI module; see docs/architecture.md.
