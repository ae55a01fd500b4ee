// The LambdaEvents module; see docs/architecture.md.
