"""Production-only facts, and the stack config each world sets (`Pulumi.<stack>.yaml`).

Names and numbers both worlds share are NOT here: they are read from `config/topology.yaml` (topology.py). What
is here is what only production has: IAM, SNS, runtime and architecture, package paths, log retention, alarm
actions, and the per-world values (development mode, Sentry organisation, installation UUID) a stack sets.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Optional

from .topology import REPO_ROOT, Topology

PROJECT = "sentry-asana-integration"

# --- production-only facts -------------------------------------------------------------------------------------

SNS_TOPIC = "sentry-asana-sns-topic"
FALLBACK_ALARM_EMAIL = "team-platform-observability@runpanther.io"  # the original's, when the list is empty

RUNTIME = "provided.al2023"  # the Swift executables are custom-runtime `bootstrap` binaries
ARCHITECTURES = ["arm64"]
HANDLER = "bootstrap"
LOG_RETENTION_DAYS = 0  # never expire, as the original

DEFAULT_PACKAGE_DIR = REPO_ROOT / "dist" / "lambda"  # written by scripts/package-lambda.sh

# The actions the Lambda service needs on an event source mapping's queue, granted to the mapped function's role.
EVENT_SOURCE_ACTIONS = ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")


@dataclass(frozen=True)
class FunctionFacts:
    """What production alone knows about one topology function."""

    package: str  # zip file name inside the package folder
    # Environment variable holding a `{{queue_url:…}}` -> the SQS actions the code does on that queue.
    queue_actions: Mapping[str, tuple[str, ...]]


# Keyed by the topology's function names: the program refuses a topology whose functions differ from these keys,
# so a renamed or added function cannot deploy without its package and its permissions being decided here.
FUNCTIONS: dict[str, FunctionFacts] = {
    "sentry-asana-producer": FunctionFacts(
        package="producer.zip",
        queue_actions={"QUEUE_URL": ("sqs:SendMessage", "sqs:SendMessageBatch")},
    ),
    "sentry-asana-consumer": FunctionFacts(
        package="consumer.zip",
        queue_actions={
            "QUEUE_URL": ("sqs:ChangeMessageVisibility",),  # backs a record off when Asana rate-limits
            "DLQ_URL": ("sqs:SendMessage",),  # sends a poison record to the DLQ at once
        },
    ),
}

# --- stack config ------------------------------------------------------------------------------------------------

DEPLOYMENT_PARAMS_KEYS = {"development", "alarmActionsTopic", "alarmEmailSubscriptions", "environment"}

# The committed production stack carries this until someone sets the real installation UUID (docs/deploy.md).
PLACEHOLDER_UUID = "00000000-0000-0000-0000-000000000000"


class ConfigError(ValueError):
    """The stack config cannot be deployed as written."""


@dataclass(frozen=True)
class DeploymentParams:
    development: bool
    alarm_actions_topics: tuple[str, ...]
    alarm_email_subscriptions: tuple[str, ...]
    environment: dict[str, str]


def parse_flag(value: Any, what: str) -> bool:
    """True or false as the original read `development`: a bool, or "1"/"true" (and "0"/"false"); unset is false.

    Anything else is refused rather than read as false: a typo must not switch signature checks on or off.
    """
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("1", "true"):
            return True
        if text in ("", "0", "false"):
            return False
    raise ConfigError(f"{what} must be true or false (a bool, \"1\"/\"true\" or \"0\"/\"false\"), got {value!r}")


def parse_deployment_params(raw: Any) -> DeploymentParams:
    key = f"{PROJECT}:deploymentParams"
    if raw is None:
        raise ConfigError(f"stack config {key} is missing (see Pulumi.sentry-asana.yaml and docs/deploy.md)")
    if not isinstance(raw, dict):
        raise ConfigError(f"stack config {key} must be a mapping, got {raw!r}")
    unknown = set(raw) - DEPLOYMENT_PARAMS_KEYS
    if unknown:
        raise ConfigError(f"{key} has unknown keys {sorted(unknown)} (known: {sorted(DEPLOYMENT_PARAMS_KEYS)})")

    topics = _string_list(raw.get("alarmActionsTopic"), f"{key}.alarmActionsTopic")
    for arn in topics:
        if not arn.startswith("arn:aws:sns:"):
            raise ConfigError(f"{key}.alarmActionsTopic holds {arn!r}, not an SNS topic ARN")
    emails = _string_list(raw.get("alarmEmailSubscriptions"), f"{key}.alarmEmailSubscriptions")
    for email in emails:
        if "@" not in email:
            raise ConfigError(f"{key}.alarmEmailSubscriptions holds {email!r}, not an email address")

    environment = raw.get("environment") or {}
    if not isinstance(environment, dict):
        raise ConfigError(f"{key}.environment must be a mapping of variable -> value")
    for name, value in environment.items():
        if isinstance(value, (dict, list)) or value is None:
            raise ConfigError(f"{key}.environment.{name} must be a string, got {value!r}")

    return DeploymentParams(
        development=parse_flag(raw.get("development"), f"{key}.development"),
        alarm_actions_topics=tuple(topics),
        alarm_email_subscriptions=tuple(emails) if emails else (FALLBACK_ALARM_EMAIL,),
        environment={str(k): str(v) for k, v in environment.items()},
    )


def per_world_environment(topology: Topology, params: DeploymentParams) -> dict[str, dict[str, str]]:
    """Function -> the values of its `environment_per_world` variables, from this stack's config.

    DEVELOPMENT comes from deploymentParams.development; every other variable from deploymentParams.environment.
    A variable a function needs and the stack does not set is an error naming the config key to set; so is a
    value no function asks for (a typo would otherwise be dropped without a word).
    """
    key = f"{PROJECT}:deploymentParams.environment"
    if "DEVELOPMENT" in params.environment:
        raise ConfigError(f"{key}.DEVELOPMENT: set {PROJECT}:deploymentParams.development instead")
    wanted = {v for f in topology.functions for v in f.environment_per_world} - {"DEVELOPMENT"}
    extra = set(params.environment) - wanted
    if extra:
        raise ConfigError(
            f"{key} sets {sorted(extra)}, which no function lists in environment_per_world of {topology.path} "
            f"(wanted: {sorted(wanted)})"
        )
    result: dict[str, dict[str, str]] = {}
    for function in topology.functions:
        values = {}
        for variable in function.environment_per_world:
            if variable == "DEVELOPMENT":
                values[variable] = "true" if params.development else "false"
                continue
            value = params.environment.get(variable, "").strip()
            if not value:
                raise ConfigError(
                    f"{key}.{variable} is missing: function '{function.name}' needs it "
                    f"(environment_per_world in {topology.path}). Set it with: pulumi config set --path "
                    f"'deploymentParams.environment.{variable}' <value>"
                )
            _check_value(variable, value, key)
            values[variable] = value
        result[function.name] = values
    return result


def _check_value(variable: str, value: str, key: str) -> None:
    if variable == "SENTRY_INSTALLATION_UUID":
        try:
            parsed = uuid.UUID(value)
        except ValueError:
            raise ConfigError(f"{key}.SENTRY_INSTALLATION_UUID must be a UUID, got {value!r}") from None
        if str(parsed) == PLACEHOLDER_UUID:
            raise ConfigError(
                f"{key}.SENTRY_INSTALLATION_UUID is still the placeholder {PLACEHOLDER_UUID}: set the Sentry "
                f"integration's installation UUID (docs/deploy.md, 'Wiring Sentry')"
            )


def debug_flag(environ: Mapping[str, str]) -> str:
    """DEBUG for both functions, from the environment of the process running `pulumi up` (as the original)."""
    return "true" if parse_flag(environ.get("DEBUG"), "the DEBUG environment variable") else "false"


def check_functions(topology: Topology) -> None:
    """The topology's functions and this module's FUNCTIONS table name the same functions and queue variables."""
    names = {f.name for f in topology.functions}
    if names != set(FUNCTIONS):
        raise ConfigError(
            f"{topology.path} declares functions {sorted(names)} but deploy/sentry_asana_deploy/settings.py "
            f"FUNCTIONS knows {sorted(FUNCTIONS)}: give each function its package and permissions there"
        )
    for function in topology.functions:
        granted = set(FUNCTIONS[function.name].queue_actions)
        used = set(function.queue_references())
        if granted != used:
            raise ConfigError(
                f"function '{function.name}' has queue URL variables {sorted(used)} in {topology.path}, but "
                f"settings.py FUNCTIONS grants SQS actions for {sorted(granted)}: decide its permissions there"
            )


def package_dir(config_value: Optional[str]) -> Path:
    """Where the zips are: stack config `packageDir` (relative to the repository root), else dist/lambda."""
    if not config_value:
        return DEFAULT_PACKAGE_DIR
    path = Path(config_value)
    return path if path.is_absolute() else REPO_ROOT / path


def package_paths(topology: Topology, directory: Path) -> dict[str, Path]:
    paths = {f.name: directory / FUNCTIONS[f.name].package for f in topology.functions}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise ConfigError(
            f"Lambda packages not found: {', '.join(missing)}. Build them first with scripts/package-lambda.sh "
            f"(or point {PROJECT}:packageDir at the folder holding them)"
        )
    return paths


def _string_list(value: Any, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{what} must be a list of strings, got {value!r}")
    return [v.strip() for v in value]
