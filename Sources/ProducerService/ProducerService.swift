// The ProducerService module; see docs/architecture.md.
