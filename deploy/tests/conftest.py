"""Pulumi unit-test mocks and helpers for the deploy program's tests.

Runs the same from the repository root (`python3 -m pytest deploy/tests -q`) and from deploy/ (`python3 -m pytest
-q`): every path is taken from this file's place, never from the working directory.

Expected values in the tests are read from config/topology.yaml with plain PyYAML (`raw_topology`), not through the
program's own loader, so a test compares the program's resources with the file, not with the program's reading of it.
"""

from __future__ import annotations

import copy
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import pulumi
import pytest
import yaml
from pulumi.runtime.mocks import MockMonitor

DEPLOY = Path(__file__).resolve().parents[1]
REPO = DEPLOY.parent
TOPOLOGY = REPO / "config" / "topology.yaml"
PRODUCTION_CONFIG = DEPLOY / "Pulumi.sentry-asana.yaml"
PROJECT = "sentry-asana-integration"
TEST_UUID = "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"

if str(DEPLOY) not in sys.path:
    sys.path.insert(0, str(DEPLOY))

from sentry_asana_deploy import stack  # noqa: E402


# --- mocks -------------------------------------------------------------------------------------------------------


@dataclass
class Registered:
    typ: str
    name: str
    inputs: dict
    id: str
    state: dict
    urn: str = ""
    dependencies: list = field(default_factory=list)


class Mocks(pulumi.runtime.Mocks):
    """Sensible ids, ARNs and URLs for what the program declares; a region and account that are not production's,
    so a test fails if the program hard-codes either instead of asking `aws.get_region`/`get_caller_identity`."""

    region = "ap-southeast-2"
    account = "111122223333"

    def __init__(self) -> None:
        self.registered: list[Registered] = []
        self.calls: list[str] = []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        name = args.inputs.get("name", args.name)
        state = dict(args.inputs)
        r, a = self.region, self.account
        typ = args.typ
        rid = f"{args.name}-id"
        if typ == "aws:sqs/queue:Queue":
            state["arn"] = f"arn:aws:sqs:{r}:{a}:{name}"
            state["url"] = rid = f"https://sqs.{r}.amazonaws.com/{a}/{name}"
        elif typ == "aws:sns/topic:Topic":
            state["arn"] = rid = f"arn:aws:sns:{r}:{a}:{name}"
        elif typ == "aws:sns/topicSubscription:TopicSubscription":
            state["arn"] = rid = f"{args.inputs['topic']}:0f5c2b7e-sub-{len(self.registered)}"
        elif typ == "aws:cloudwatch/logGroup:LogGroup":
            state["arn"] = f"arn:aws:logs:{r}:{a}:log-group:{name}"
            rid = name
        elif typ == "aws:iam/role:Role":
            state["arn"] = f"arn:aws:iam::{a}:role/{name}"
            rid = name
        elif typ == "aws:iam/rolePolicy:RolePolicy":
            rid = f"{args.inputs['role']}:{name}"
        elif typ == "aws:lambda/function:Function":
            state["arn"] = f"arn:aws:lambda:{r}:{a}:function:{name}"
            state["invokeArn"] = f"arn:aws:apigateway:{r}:lambda:path/2015-03-31/functions/{state['arn']}/invocations"
            rid = name
        elif typ == "aws:lambda/functionUrl:FunctionUrl":
            state["functionUrl"] = f"https://{args.name}-x7k2q9.lambda-url.{r}.on.aws/"
            state["urlId"] = "x7k2q9"
        elif typ == "aws:cloudwatch/metricAlarm:MetricAlarm":
            state["arn"] = f"arn:aws:cloudwatch:{r}:{a}:alarm:{name}"
            rid = name
        elif typ == "aws:lambda/eventSourceMapping:EventSourceMapping":
            state["uuid"] = rid = "6e0c9d2a-esm0-4b1c-8d3e-0123456789ab"
        self.registered.append(Registered(typ, args.name, dict(args.inputs), rid, state))
        return rid, state

    def call(self, args: pulumi.runtime.MockCallArgs):
        self.calls.append(args.token)
        if args.token == "aws:index/getCallerIdentity:getCallerIdentity":
            a = self.account
            return {"accountId": a, "arn": f"arn:aws:iam::{a}:user/deployer", "id": a, "userId": "AIDAEXAMPLE"}
        if args.token == "aws:index/getRegion:getRegion":
            r = self.region
            return {"id": r, "name": r, "region": r, "endpoint": f"ec2.{r}.amazonaws.com", "description": r}
        raise AssertionError(f"the program made a call the tests do not mock: {args.token}")

    # --- lookups for assertions ---

    def of_type(self, typ: str) -> list[Registered]:
        return [r for r in self.registered if r.typ == typ]

    def one(self, typ: str, name: str) -> Registered:
        found = [r for r in self.registered if r.typ == typ and r.name == name]
        assert len(found) == 1, f"expected one {typ} named {name}, found {[(r.typ, r.name) for r in self.registered]}"
        return found[0]


class RecordingMonitor(MockMonitor):
    """The mock monitor, also keeping each registration's URN and dependencies (depends_on and inputs)."""

    def RegisterResource(self, request):
        response = super().RegisterResource(request)
        if request.type != "pulumi:pulumi:Stack":
            record = self.mocks.one(request.type, request.name)
            record.urn = response.urn
            record.dependencies = list(request.dependencies)
        return response


@pytest.fixture
def mocks() -> Mocks:
    instance = Mocks()
    pulumi.runtime.set_mocks(
        instance, project=PROJECT, stack="sentry-asana", preview=False, monitor=RecordingMonitor(instance)
    )
    yield instance
    pulumi.runtime.set_all_config({})


# --- inputs --------------------------------------------------------------------------------------------------------


def raw_topology(path: Path = TOPOLOGY) -> dict:
    return yaml.safe_load(path.read_text())


def production_config() -> dict:
    """Pulumi.sentry-asana.yaml's config section as the CLI hands it to a program: objects as JSON text."""
    data = yaml.safe_load(PRODUCTION_CONFIG.read_text())["config"]
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()}


def production_params() -> dict:
    return json.loads(production_config()[f"{PROJECT}:deploymentParams"])


@pytest.fixture
def packages(tmp_path) -> Path:
    """A package folder with stand-in zips, as scripts/package-lambda.sh leaves dist/lambda."""
    folder = tmp_path / "lambda"
    folder.mkdir()
    for name in ("producer.zip", "consumer.zip"):
        (folder / name).write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip
    return folder


def stack_config(packages: Path, params: Optional[dict] = None, **top_level: str) -> dict:
    """The production stack config, with the installation UUID set (the committed file has the placeholder),
    the stand-in packages, and any override."""
    config = production_config()
    if params is None:
        params = production_params()
        params["environment"]["SENTRY_INSTALLATION_UUID"] = TEST_UUID
    config[f"{PROJECT}:deploymentParams"] = json.dumps(params)
    config[f"{PROJECT}:packageDir"] = str(packages)
    for key, value in top_level.items():
        config[f"{PROJECT}:{key}"] = value
    return config


def deploy(config: dict, environ: Optional[dict] = None) -> stack.Deployment:
    """Declare the stack under the mocks, as `pulumi up` would with this config. Call inside a @pulumi.runtime.test."""
    pulumi.runtime.set_all_config(config)
    return stack.declare(stack.make_plan(stack.read_stack_config(), {} if environ is None else environ))


def settled(deployment: stack.Deployment, check: Callable[[dict], Any]) -> pulumi.Output:
    """An Output that runs `check(outputs)` once every resource is registered and the stack outputs resolved.

    Return it from the @pulumi.runtime.test function: the decorator awaits it, so the assertions run (an
    assertion inside an apply nothing awaits never runs)."""
    urns = pulumi.Output.all(*[r.urn for r in deployment.resources()])
    return pulumi.Output.all(urns, pulumi.Output.from_input(deployment.outputs)).apply(lambda v: check(v[1]))


# --- a topology with every shared name and number changed --------------------------------------------------------


def modified_topology(original: dict) -> dict:
    """config/topology.yaml with every number and every queue, secret and alarm name changed (still valid).

    Function names stay: they key the production-only facts (settings.FUNCTIONS), and the program refuses a
    topology whose functions differ from them (tested in test_topology.py)."""
    t = copy.deepcopy(original)
    queue_names = {q["name"]: f"renamed-{i}-{q['name'][::-1]}" for i, q in enumerate(t["queues"])}
    secret_names = {s["name"]: f"Renamed_{s['name']}_2" for s in t["secrets"]}

    def rename(value: str) -> str:
        for old, new in sorted(queue_names.items(), key=lambda kv: -len(kv[0])):
            value = value.replace("{{queue_url:" + old + "}}", "{{queue_url:" + new + "}}")
        return secret_names.get(value, value)

    for q in t["queues"]:
        q["name"] = queue_names[q["name"]]
        q["attributes"] = {
            "MessageRetentionPeriod": q["attributes"]["MessageRetentionPeriod"] - 86400 * (3 + len(q["name"]) % 2),
            "ReceiveMessageWaitTimeSeconds": q["attributes"]["ReceiveMessageWaitTimeSeconds"] + 7,
            "VisibilityTimeout": q["attributes"]["VisibilityTimeout"] + 181,
            "MaximumMessageSize": q["attributes"]["MaximumMessageSize"] - 1024 * (5 + len(q["name"]) % 2),
        }
        if "redrive" in q:
            q["redrive"]["dead_letter_queue"] = queue_names[q["redrive"]["dead_letter_queue"]]
            q["redrive"]["max_receive_count"] += 3
    for s in t["secrets"]:
        s["name"] = secret_names[s["name"]]
    for i, f in enumerate(t["functions"]):
        f["timeout"] += 60 + i
        f["memory"] += 384 + 128 * i
        f["environment"] = {k: rename(v) for k, v in f["environment"].items()}
        if "ACCEPTED_RESOURCES" in f["environment"]:
            f["environment"]["ACCEPTED_RESOURCES"] = "event_alert,issue"
    for m in t["event_source_mappings"]:
        m["queue"] = queue_names[m["queue"]]
        m["batch_size"] += 15
        m["maximum_batching_window"] += 4
        m["maximum_concurrency"] += 6
    for i, a in enumerate(t["alarms"]):
        a["name"] = f"{a['name']}-renamed"
        a["description"] = f"{a['description']} (changed)"
        a["period"] += 60 * (i + 1)
        a["evaluation_periods"] += 2
        a["datapoints_to_alarm"] += 1
        a["threshold"] += 2 + i
        a["treat_missing_data"] = "breaching"
        a["dimensions"] = {k: queue_names.get(v, v) for k, v in a["dimensions"].items()}
    return t


@pytest.fixture
def modified_topology_file(tmp_path) -> Path:
    path = tmp_path / "topology-modified.yaml"
    path.write_text(yaml.safe_dump(modified_topology(raw_topology()), sort_keys=False))
    return path


@pytest.fixture(params=["repository", "modified"])
def world(request, packages, modified_topology_file) -> tuple[dict, dict]:
    """(stack config, raw topology the resources must match): the repository's topology, and a copy with every
    shared number changed, handed over through the `topologyFile` config key. A test run on both fails if the
    program hard-codes any value instead of reading it from the file."""
    if request.param == "repository":
        return stack_config(packages), raw_topology()
    return (
        stack_config(packages, topologyFile=str(modified_topology_file)),
        raw_topology(modified_topology_file),
    )
