"""Pulumi entry point. The program lives in sentry_asana_deploy/ so the unit tests (deploy/tests/) import it."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sentry_asana_deploy.stack import main  # noqa: E402

main()
