// The ConsumerService module; see docs/architecture.md.
