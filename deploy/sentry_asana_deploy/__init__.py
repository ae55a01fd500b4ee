"""The Pulumi program for sentry-asana: `stack.main()` declares the production stack (docs/deploy.md)."""
