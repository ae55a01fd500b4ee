"""Proof that the program's numbers come from the topology file: point it at a changed copy and the resources change.

The copy (conftest.modified_topology) changes every shared number and every queue, secret and alarm name. It is
handed over in both ways the program accepts: the $SENTRY_ASANA_TOPOLOGY environment variable here, the
`topologyFile` stack config key in test_graph.py's "modified" runs.
"""

from __future__ import annotations

import json

import pulumi
import pytest
import yaml

from conftest import TEST_UUID, deploy, raw_topology, settled, stack_config
from sentry_asana_deploy.stack import make_plan
from sentry_asana_deploy.topology import TopologyError

QUEUE = "aws:sqs/queue:Queue"
FUNCTION = "aws:lambda/function:Function"
MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping"
ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"


def numbers(mocks, topo) -> dict[str, float]:
    """The deployed value of each shared number, found through the topology's structure (not its names)."""
    mapping = topo["event_source_mappings"][0]
    main = next(q for q in topo["queues"] if q["name"] == mapping["queue"])
    dlq = main["redrive"]["dead_letter_queue"]
    queue = mocks.one(QUEUE, main["name"]).inputs
    found = {
        "visibility": queue["visibilityTimeoutSeconds"],
        "retention": queue["messageRetentionSeconds"],
        "receive_wait": queue["receiveWaitTimeSeconds"],
        "max_receive_count": json.loads(queue["redrivePolicy"])["maxReceiveCount"],
        "dlq_visibility": mocks.one(QUEUE, dlq).inputs["visibilityTimeoutSeconds"],
    }
    for i, f in enumerate(topo["functions"]):
        found[f"timeout_{i}"] = mocks.one(FUNCTION, f["name"]).inputs["timeout"]
        found[f"memory_{i}"] = mocks.one(FUNCTION, f["name"]).inputs["memorySize"]
    esm = mocks.one(MAPPING, f"{mapping['queue']}-to-{mapping['function']}").inputs
    found["batch_size"] = esm["batchSize"]
    found["batching_window"] = esm["maximumBatchingWindowInSeconds"]
    found["maximum_concurrency"] = esm["scalingConfig"]["maximumConcurrency"]
    for i, a in enumerate(topo["alarms"]):
        alarm = mocks.one(ALARM, a["name"]).inputs
        for key in ("period", "evaluationPeriods", "datapointsToAlarm", "threshold"):
            found[f"alarm_{i}_{key}"] = alarm[key]
    return found


def expected_numbers(topo) -> dict[str, float]:
    """The same numbers, read from the raw YAML."""
    mapping = topo["event_source_mappings"][0]
    main = next(q for q in topo["queues"] if q["name"] == mapping["queue"])
    dlq = next(q for q in topo["queues"] if q["name"] == main["redrive"]["dead_letter_queue"])
    found = {
        "visibility": main["attributes"]["VisibilityTimeout"],
        "retention": main["attributes"]["MessageRetentionPeriod"],
        "receive_wait": main["attributes"]["ReceiveMessageWaitTimeSeconds"],
        "max_receive_count": main["redrive"]["max_receive_count"],
        "dlq_visibility": dlq["attributes"]["VisibilityTimeout"],
    }
    for i, f in enumerate(topo["functions"]):
        found[f"timeout_{i}"] = f["timeout"]
        found[f"memory_{i}"] = f["memory"]
    found["batch_size"] = mapping["batch_size"]
    found["batching_window"] = mapping["maximum_batching_window"]
    found["maximum_concurrency"] = mapping["maximum_concurrency"]
    for i, a in enumerate(topo["alarms"]):
        found[f"alarm_{i}_period"] = a["period"]
        found[f"alarm_{i}_evaluationPeriods"] = a["evaluation_periods"]
        found[f"alarm_{i}_datapointsToAlarm"] = a["datapoints_to_alarm"]
        found[f"alarm_{i}_threshold"] = a["threshold"]
    return found


@pulumi.runtime.test
def test_a_changed_topology_file_changes_every_number_deployed(mocks, packages, modified_topology_file):
    original, modified = raw_topology(), raw_topology(modified_topology_file)
    mapping = modified["event_source_mappings"][0]
    main = next(q for q in modified["queues"] if q["name"] == mapping["queue"])
    consumer_alarm = next(a for a in modified["alarms"] if a["dimensions"].get("FunctionName") == mapping["function"])

    deployment = deploy(stack_config(packages), {"SENTRY_ASANA_TOPOLOGY": str(modified_topology_file)})

    def check(_):
        # The named examples the issue gives: visibility timeout, max receive count, an alarm period.
        queue = mocks.one(QUEUE, main["name"]).inputs
        assert queue["visibilityTimeoutSeconds"] == main["attributes"]["VisibilityTimeout"] == 301
        assert json.loads(queue["redrivePolicy"])["maxReceiveCount"] == main["redrive"]["max_receive_count"] == 13
        assert mocks.one(ALARM, consumer_alarm["name"]).inputs["period"] == consumer_alarm["period"] == 240
        # And every other shared number: each deployed value is the modified file's, none the repository's.
        got, wanted, before = numbers(mocks, modified), expected_numbers(modified), expected_numbers(original)
        assert len(got) == len(wanted) >= 24  # the queues and mapping, 2 per function, 4 per alarm
        assert got == wanted
        unchanged = {key: value for key, value in got.items() if value == before[key]}
        assert unchanged == {}, f"deployed values still equal to config/topology.yaml's: {unchanged}"

    return settled(deployment, check)


@pulumi.runtime.test
def test_the_repository_topology_deploys_its_own_numbers(mocks, packages):
    """The counterpart of the test above, so the pair shows the output follows the file in both directions."""
    topo = raw_topology()
    deployment = deploy(stack_config(packages), {})
    mapping = topo["event_source_mappings"][0]
    main = next(q for q in topo["queues"] if q["name"] == mapping["queue"])

    def check(_):
        queue = mocks.one(QUEUE, main["name"]).inputs
        assert queue["visibilityTimeoutSeconds"] == main["attributes"]["VisibilityTimeout"]
        assert json.loads(queue["redrivePolicy"])["maxReceiveCount"] == main["redrive"]["max_receive_count"]

    return settled(deployment, check)


def test_every_number_differs_between_the_two_files(modified_topology_file):
    """Guards the test above: the modified copy really changes each number it reads (else it proves nothing)."""

    def leaves(node, path=""):
        if isinstance(node, dict):
            for k, v in node.items():
                yield from leaves(v, f"{path}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from leaves(v, f"{path}[{i}]")
        elif isinstance(node, (int, float)) and not isinstance(node, bool):
            yield path, node

    original = dict(leaves(raw_topology()))
    modified = dict(leaves(raw_topology(modified_topology_file)))
    assert original.keys() == modified.keys()
    same = [path for path in original if original[path] == modified[path]]
    assert same == [], f"numbers the modified topology leaves unchanged: {same}"


@pytest.mark.parametrize("visibility", [119, 60])
def test_a_queue_visibility_shorter_than_the_consumer_timeout_is_refused(tmp_path, packages, visibility):
    topo = raw_topology()
    mapping = topo["event_source_mappings"][0]
    next(q for q in topo["queues"] if q["name"] == mapping["queue"])["attributes"]["VisibilityTimeout"] = visibility
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump(topo))
    config = {
        "deploymentParams": {"environment": {"SENTRY_ORG": "o", "SENTRY_INSTALLATION_UUID": TEST_UUID}},
        "packageDir": str(packages),
        "topologyFile": str(path),
    }
    with pytest.raises(TopologyError, match="VisibilityTimeout .* is shorter than function"):
        make_plan(config, {})
