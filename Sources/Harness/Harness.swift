// The Harness module; see docs/architecture.md.
