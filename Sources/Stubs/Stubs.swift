// The Stubs module; see docs/architecture.md.
