// The Routing module; see docs/architecture.md.
