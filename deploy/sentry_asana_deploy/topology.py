"""The shared topology (`config/topology.yaml`): every name and number production and the local stack share.

This module only reads and checks the file; it knows no production fact. Whatever the file does not say, or says
in a way production cannot deploy, is refused here with the file's path and the offending entry, before a single
resource is declared.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TOPOLOGY = REPO_ROOT / "config" / "topology.yaml"

# Environment variable naming another topology file (tests, one-off experiments). Stack config key
# `sentry-asana-integration:topologyFile` wins over it.
TOPOLOGY_ENV = "SENTRY_ASANA_TOPOLOGY"

# SQS attribute names as the topology (and SQS's API) spells them -> the pulumi_aws.sqs.Queue argument.
QUEUE_ATTRIBUTES = {
    "MessageRetentionPeriod": "message_retention_seconds",
    "ReceiveMessageWaitTimeSeconds": "receive_wait_time_seconds",
    "VisibilityTimeout": "visibility_timeout_seconds",
    "DelaySeconds": "delay_seconds",
    "MaximumMessageSize": "max_message_size",
}

PLACEHOLDER = re.compile(r"\{\{([^{}]*)\}\}")


class TopologyError(ValueError):
    """The topology file cannot be deployed as written."""


@dataclass(frozen=True)
class Redrive:
    dead_letter_queue: str
    max_receive_count: int


@dataclass(frozen=True)
class Queue:
    name: str
    attributes: dict[str, int]
    redrive: Optional[Redrive] = None


@dataclass(frozen=True)
class Secret:
    name: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Function:
    name: str
    timeout: int
    memory: int
    function_url: bool
    environment: dict[str, str]
    environment_per_world: tuple[str, ...]

    def queue_references(self) -> dict[str, str]:
        """Environment variable -> queue name, for each variable whose value is `{{queue_url:NAME}}`."""
        refs = {}
        for variable, value in self.environment.items():
            for token in PLACEHOLDER.findall(value):
                kind, _, argument = token.partition(":")
                if kind == "queue_url":
                    refs[variable] = argument
        return refs


@dataclass(frozen=True)
class EventSourceMapping:
    function: str
    queue: str
    batch_size: int
    maximum_batching_window: int
    function_response_types: tuple[str, ...]
    maximum_concurrency: Optional[int]


@dataclass(frozen=True)
class Alarm:
    name: str
    description: str
    namespace: str
    metric: str
    dimensions: dict[str, str]
    statistic: str
    period: int
    evaluation_periods: int
    datapoints_to_alarm: int
    threshold: float
    comparison: str
    treat_missing_data: str
    unit: Optional[str] = None


@dataclass(frozen=True)
class Topology:
    path: Path
    queues: tuple[Queue, ...]
    secrets: tuple[Secret, ...]
    functions: tuple[Function, ...]
    event_source_mappings: tuple[EventSourceMapping, ...]
    alarms: tuple[Alarm, ...]

    def queue(self, name: str) -> Queue:
        return next(q for q in self.queues if q.name == name)

    def function(self, name: str) -> Function:
        return next(f for f in self.functions if f.name == name)

    def dead_letter_queues(self) -> list[str]:
        return [q.redrive.dead_letter_queue for q in self.queues if q.redrive]


def topology_path(config_value: Optional[str] = None, environ: Optional[dict] = None) -> Path:
    """The topology file to read: stack config `topologyFile`, else $SENTRY_ASANA_TOPOLOGY, else the repo's.

    A relative path is taken from the repository root, so the answer does not depend on the working directory.
    """
    environ = os.environ if environ is None else environ
    chosen = config_value or environ.get(TOPOLOGY_ENV) or str(DEFAULT_TOPOLOGY)
    path = Path(chosen)
    return path if path.is_absolute() else REPO_ROOT / path


def load_topology(path: Path | str) -> Topology:
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text())
    except OSError as error:
        raise TopologyError(f"{path}: cannot read the topology: {error}") from error
    except yaml.YAMLError as error:
        raise TopologyError(f"{path}: not valid YAML: {error}") from error
    return parse_topology(raw, path)


def parse_topology(raw: Any, path: Path) -> Topology:
    where = _Where(path)
    root = where.mapping(raw, "the file", {"queues", "secrets", "functions", "event_source_mappings", "alarms"})

    queues = tuple(_queue(where, i, q) for i, q in enumerate(where.sequence(root, "queues")))
    secrets = tuple(_secret(where, i, s) for i, s in enumerate(where.sequence(root, "secrets")))
    functions = tuple(_function(where, i, f) for i, f in enumerate(where.sequence(root, "functions")))
    mappings = tuple(_mapping(where, i, m) for i, m in enumerate(where.sequence(root, "event_source_mappings")))
    alarms = tuple(_alarm(where, i, a) for i, a in enumerate(where.sequence(root, "alarms")))

    for kind, items in (("queue", queues), ("secret", secrets), ("function", functions), ("alarm", alarms)):
        names = [item.name for item in items]
        for name in names:
            if names.count(name) > 1:
                raise where.error(f"{kind} '{name}' is declared twice")

    queue_names = {q.name for q in queues}
    function_names = {f.name for f in functions}
    secret_names = {s.name for s in secrets}

    for queue in queues:
        if queue.redrive and queue.redrive.dead_letter_queue not in queue_names:
            raise where.error(
                f"queue '{queue.name}' redrives to '{queue.redrive.dead_letter_queue}', which is not a queue here"
            )

    for function in functions:
        for variable, value in function.environment.items():
            for token in PLACEHOLDER.findall(value):
                kind, _, argument = token.partition(":")
                if kind != "queue_url":
                    raise where.error(
                        f"function '{function.name}' environment {variable}: production fills in only "
                        f"{{{{queue_url:NAME}}}}, not {{{{{token}}}}}"
                    )
                if argument not in queue_names:
                    raise where.error(
                        f"function '{function.name}' environment {variable} names queue '{argument}', "
                        f"which is not a queue here"
                    )
        secret = function.environment.get("SECRET_NAME")
        if secret is not None and secret not in secret_names:
            raise where.error(f"function '{function.name}' SECRET_NAME '{secret}' is not a secret here")
        both = set(function.environment) & set(function.environment_per_world)
        if both:
            raise where.error(
                f"function '{function.name}' lists {sorted(both)} both as shared environment and as "
                f"environment_per_world"
            )

    for mapping in mappings:
        if mapping.function not in function_names:
            raise where.error(f"event source mapping names function '{mapping.function}', which is not a function here")
        if mapping.queue not in queue_names:
            raise where.error(f"event source mapping names queue '{mapping.queue}', which is not a queue here")
        visibility = next(q for q in queues if q.name == mapping.queue).attributes.get("VisibilityTimeout")
        timeout = next(f for f in functions if f.name == mapping.function).timeout
        if visibility is not None and visibility < timeout:
            # Lambda refuses such a mapping; say so before anything is deployed.
            raise where.error(
                f"queue '{mapping.queue}' VisibilityTimeout {visibility} is shorter than function "
                f"'{mapping.function}' timeout {timeout}: Lambda refuses that event source mapping"
            )

    for alarm in alarms:
        for dimension, value in alarm.dimensions.items():
            if dimension == "FunctionName" and value not in function_names:
                raise where.error(f"alarm '{alarm.name}' watches function '{value}', which is not a function here")
            if dimension == "QueueName" and value not in queue_names:
                raise where.error(f"alarm '{alarm.name}' watches queue '{value}', which is not a queue here")

    return Topology(path, queues, secrets, functions, mappings, alarms)


class _Where:
    """Type checks that name the file and the entry when they fail."""

    def __init__(self, path: Path):
        self.path = path

    def error(self, message: str) -> TopologyError:
        return TopologyError(f"{self.path}: {message}")

    def mapping(self, value: Any, what: str, allowed: set[str], required: Optional[set[str]] = None) -> dict:
        if not isinstance(value, dict):
            raise self.error(f"{what} must be a mapping")
        unknown = set(value) - allowed
        if unknown:
            raise self.error(f"{what} has unknown keys {sorted(unknown)} (known: {sorted(allowed)})")
        missing = (allowed if required is None else required) - set(value)
        if missing:
            raise self.error(f"{what} lacks {sorted(missing)}")
        return value

    def sequence(self, parent: dict, key: str) -> list:
        value = parent[key]
        if not isinstance(value, list):
            raise self.error(f"{key} must be a list")
        return value

    def integer(self, value: Any, what: str, minimum: int = 0) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.error(f"{what} must be an integer >= {minimum}, got {value!r}")
        return value

    def number(self, value: Any, what: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(f"{what} must be a number, got {value!r}")
        return value

    def string(self, value: Any, what: str) -> str:
        if not isinstance(value, str) or not value:
            raise self.error(f"{what} must be a non-empty string, got {value!r}")
        return value

    def strings(self, value: Any, what: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.error(f"{what} must be a list of strings")
        return tuple(self.string(v, what) for v in value)

    def string_map(self, value: Any, what: str) -> dict[str, str]:
        if not isinstance(value, dict):
            raise self.error(f"{what} must be a mapping")
        out = {}
        for key, item in value.items():
            if isinstance(item, bool) or not isinstance(item, (str, int)):
                raise self.error(f"{what}.{key} must be a string, got {item!r}")
            out[self.string(key, what)] = str(item)
        return out


def _queue(where: _Where, index: int, raw: Any) -> Queue:
    raw = where.mapping(raw, f"queues[{index}]", {"name", "attributes", "redrive"}, {"name", "attributes"})
    name = where.string(raw["name"], f"queues[{index}].name")
    attributes = raw["attributes"]
    if not isinstance(attributes, dict):
        raise where.error(f"queue '{name}' attributes must be a mapping")
    unknown = set(attributes) - set(QUEUE_ATTRIBUTES)
    if unknown:
        raise where.error(
            f"queue '{name}' has attributes {sorted(unknown)} the Pulumi program does not deploy "
            f"(it deploys {sorted(QUEUE_ATTRIBUTES)})"
        )
    attributes = {k: where.integer(v, f"queue '{name}' {k}") for k, v in attributes.items()}
    redrive = None
    if raw.get("redrive") is not None:
        r = where.mapping(raw["redrive"], f"queue '{name}' redrive", {"dead_letter_queue", "max_receive_count"})
        redrive = Redrive(
            where.string(r["dead_letter_queue"], f"queue '{name}' redrive.dead_letter_queue"),
            where.integer(r["max_receive_count"], f"queue '{name}' redrive.max_receive_count", 1),
        )
    return Queue(name, attributes, redrive)


def _secret(where: _Where, index: int, raw: Any) -> Secret:
    raw = where.mapping(raw, f"secrets[{index}]", {"name", "keys"}, {"name"})
    return Secret(where.string(raw["name"], f"secrets[{index}].name"), where.strings(raw.get("keys", []), "keys"))


def _function(where: _Where, index: int, raw: Any) -> Function:
    raw = where.mapping(
        raw,
        f"functions[{index}]",
        {"name", "timeout", "memory", "function_url", "environment", "environment_per_world"},
        {"name", "timeout", "memory"},
    )
    name = where.string(raw["name"], f"functions[{index}].name")
    function_url = raw.get("function_url", False)
    if not isinstance(function_url, bool):
        raise where.error(f"function '{name}' function_url must be true or false")
    return Function(
        name=name,
        timeout=where.integer(raw["timeout"], f"function '{name}' timeout", 1),
        memory=where.integer(raw["memory"], f"function '{name}' memory", 128),
        function_url=function_url,
        environment=where.string_map(raw.get("environment", {}), f"function '{name}' environment"),
        environment_per_world=where.strings(
            raw.get("environment_per_world", []), f"function '{name}' environment_per_world"
        ),
    )


def _mapping(where: _Where, index: int, raw: Any) -> EventSourceMapping:
    what = f"event_source_mappings[{index}]"
    raw = where.mapping(
        raw,
        what,
        {"function", "queue", "batch_size", "maximum_batching_window", "function_response_types", "maximum_concurrency"},
        {"function", "queue", "batch_size", "maximum_batching_window", "function_response_types"},
    )
    concurrency = raw.get("maximum_concurrency")
    return EventSourceMapping(
        function=where.string(raw["function"], f"{what}.function"),
        queue=where.string(raw["queue"], f"{what}.queue"),
        batch_size=where.integer(raw["batch_size"], f"{what}.batch_size", 1),
        maximum_batching_window=where.integer(raw["maximum_batching_window"], f"{what}.maximum_batching_window"),
        function_response_types=where.strings(raw["function_response_types"], f"{what}.function_response_types"),
        maximum_concurrency=None
        if concurrency is None
        else where.integer(concurrency, f"{what}.maximum_concurrency", 2),
    )


def _alarm(where: _Where, index: int, raw: Any) -> Alarm:
    fields = {
        "name", "description", "namespace", "metric", "dimensions", "statistic", "period", "evaluation_periods",
        "datapoints_to_alarm", "threshold", "comparison", "treat_missing_data", "unit",
    }
    raw = where.mapping(raw, f"alarms[{index}]", fields, fields - {"unit"})
    name = where.string(raw["name"], f"alarms[{index}].name")
    unit = raw.get("unit")
    return Alarm(
        name=name,
        description=where.string(raw["description"], f"alarm '{name}' description"),
        namespace=where.string(raw["namespace"], f"alarm '{name}' namespace"),
        metric=where.string(raw["metric"], f"alarm '{name}' metric"),
        dimensions=where.string_map(raw["dimensions"], f"alarm '{name}' dimensions"),
        statistic=where.string(raw["statistic"], f"alarm '{name}' statistic"),
        period=where.integer(raw["period"], f"alarm '{name}' period", 10),
        evaluation_periods=where.integer(raw["evaluation_periods"], f"alarm '{name}' evaluation_periods", 1),
        datapoints_to_alarm=where.integer(raw["datapoints_to_alarm"], f"alarm '{name}' datapoints_to_alarm", 1),
        threshold=where.number(raw["threshold"], f"alarm '{name}' threshold"),
        comparison=where.string(raw["comparison"], f"alarm '{name}' comparison"),
        treat_missing_data=where.string(raw["treat_missing_data"], f"alarm '{name}' treat_missing_data"),
        unit=None if unit is None else where.string(unit, f"alarm '{name}' unit"),
    )
