// The AsanaAPI module; see docs/architecture.md.
