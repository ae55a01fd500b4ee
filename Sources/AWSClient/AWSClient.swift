// The AWSClient module; see docs/architecture.md.
