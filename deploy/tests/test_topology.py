"""Reading config/topology.yaml: which file, and what the program refuses before declaring anything."""

from __future__ import annotations

import pytest
import yaml

from conftest import REPO, TEST_UUID, TOPOLOGY, raw_topology
from sentry_asana_deploy.settings import ConfigError
from sentry_asana_deploy.stack import make_plan, queue_actions
from sentry_asana_deploy.topology import TopologyError, load_topology, topology_path


def test_the_repository_topology_loads():
    topo = load_topology(TOPOLOGY)
    raw = raw_topology()
    assert [q.name for q in topo.queues] == [q["name"] for q in raw["queues"]]
    assert [f.name for f in topo.functions] == [f["name"] for f in raw["functions"]]
    assert [a.name for a in topo.alarms] == [a["name"] for a in raw["alarms"]]


def test_topology_path_config_wins_over_environment_over_default():
    assert topology_path(None, {}) == REPO / "config" / "topology.yaml"
    assert topology_path(None, {"SENTRY_ASANA_TOPOLOGY": "/tmp/a.yaml"}).as_posix() == "/tmp/a.yaml"
    assert topology_path("/tmp/b.yaml", {"SENTRY_ASANA_TOPOLOGY": "/tmp/a.yaml"}).as_posix() == "/tmp/b.yaml"
    assert topology_path("config/other.yaml", {}) == REPO / "config" / "other.yaml"  # from the repo root, any cwd


def test_sqs_grants_follow_the_mapping_and_the_queue_url_variables():
    topo = load_topology(TOPOLOGY)
    raw = raw_topology()
    main = raw["event_source_mappings"][0]["queue"]
    dlq = next(q for q in raw["queues"] if q["name"] == main)["redrive"]["dead_letter_queue"]
    assert queue_actions(topo, "sentry-asana-producer") == {main: ["sqs:SendMessage", "sqs:SendMessageBatch"]}
    assert queue_actions(topo, "sentry-asana-consumer") == {
        main: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"],
        dlq: ["sqs:SendMessage"],
    }


def write(tmp_path, topo) -> str:
    path = tmp_path / "topology.yaml"
    path.write_text(yaml.safe_dump(topo, sort_keys=False))
    return str(path)


def plan_with(tmp_path, topo):
    packages = tmp_path / "zips"
    packages.mkdir(exist_ok=True)
    for name in ("producer.zip", "consumer.zip"):
        (packages / name).write_bytes(b"")
    config = {
        "deploymentParams": {"environment": {"SENTRY_ORG": "o", "SENTRY_INSTALLATION_UUID": TEST_UUID}},
        "packageDir": str(packages),
        "topologyFile": write(tmp_path, topo),
    }
    return make_plan(config, {})


def consumer(topo):
    return next(f for f in topo["functions"] if f["name"] == "sentry-asana-consumer")


def change(edit):
    topo = raw_topology()
    edit(topo)
    return topo


REFUSED = {
    "unknown queue attribute": (
        lambda t: t["queues"][0]["attributes"].update(FifoQueue=1),
        TopologyError,
        r"attributes \['FifoQueue'\] the Pulumi program does not deploy",
    ),
    "redrive to no queue": (
        lambda t: t["queues"][1]["redrive"].update(dead_letter_queue="nowhere"),
        TopologyError,
        "redrives to 'nowhere', which is not a queue here",
    ),
    "a placeholder only the local stack fills": (
        lambda t: consumer(t)["environment"].update(ASANA_BASE_URL="{{asana_url}}"),
        TopologyError,
        r"production fills in only \{\{queue_url:NAME\}\}, not \{\{asana_url\}\}",
    ),
    "a queue URL of no queue": (
        lambda t: consumer(t)["environment"].update(DLQ_URL="{{queue_url:nowhere}}"),
        TopologyError,
        "names queue 'nowhere'",
    ),
    "a secret not declared": (
        lambda t: consumer(t)["environment"].update(SECRET_NAME="Other"),
        TopologyError,
        "SECRET_NAME 'Other' is not a secret here",
    ),
    "a variable both shared and per world": (
        lambda t: consumer(t)["environment"].update(SENTRY_ORG="x"),
        TopologyError,
        r"lists \['SENTRY_ORG'\] both as shared environment and as environment_per_world",
    ),
    "a mapping to no function": (
        lambda t: t["event_source_mappings"][0].update(function="nobody"),
        TopologyError,
        "names function 'nobody'",
    ),
    "an alarm on no function": (
        lambda t: t["alarms"][0]["dimensions"].update(FunctionName="nobody"),
        TopologyError,
        "watches function 'nobody'",
    ),
    "an alarm on no queue": (
        lambda t: t["alarms"][2]["dimensions"].update(QueueName="nowhere"),
        TopologyError,
        "watches queue 'nowhere'",
    ),
    "an alarm without a period": (lambda t: t["alarms"][0].pop("period"), TopologyError, r"lacks \['period'\]"),
    "a number as text": (
        lambda t: t["functions"][0].update(timeout="120"),
        TopologyError,
        "timeout must be an integer",
    ),
    "an unknown key": (lambda t: t.update(topics=[]), TopologyError, r"unknown keys \['topics'\]"),
    "a function production has no package for": (
        lambda t: t["functions"].append({**t["functions"][0], "name": "sentry-asana-other", "function_url": False}),
        ConfigError,
        "give each function its package and permissions there",
    ),
    "a queue URL variable production grants nothing for": (
        lambda t: consumer(t)["environment"].update(RETRY_QUEUE_URL="{{queue_url:sentry-asana-message-queue}}"),
        ConfigError,
        r"queue URL variables \['DLQ_URL', 'QUEUE_URL', 'RETRY_QUEUE_URL'\]",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_before_any_resource(tmp_path, case):
    edit, error, message = REFUSED[case]
    with pytest.raises(error, match=message) as raised:
        plan_with(tmp_path, change(edit))
    if error is TopologyError:
        assert str(tmp_path / "topology.yaml") in str(raised.value)  # the message names the file


def test_the_unchanged_topology_plans(tmp_path):
    assert plan_with(tmp_path, raw_topology()).topology.functions[0].name == "sentry-asana-producer"


def test_unreadable_topology_names_the_file(tmp_path):
    with pytest.raises(TopologyError, match="cannot read the topology"):
        load_topology(tmp_path / "missing.yaml")
