"""The resource graph, resource by resource, with every input compared whole.

Each test runs twice (the `world` fixture): on config/topology.yaml, and on a copy in which every shared number
and every queue, secret and alarm name is changed. Expected values come from the raw YAML of whichever file is
in use, so each queue attribute, redrive count, function timeout and memory, mapping setting and alarm setting is
checked against the file, and a number hard-coded in the program fails the "modified" run.

Assertions run inside `settled(...)`, which the @pulumi.runtime.test decorator awaits.
"""

from __future__ import annotations

import json

import pulumi

from conftest import PROJECT, TEST_UUID, deploy, production_params, settled

QUEUE = "aws:sqs/queue:Queue"
TOPIC = "aws:sns/topic:Topic"
SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
ROLE = "aws:iam/role:Role"
POLICY = "aws:iam/rolePolicy:RolePolicy"
FUNCTION = "aws:lambda/function:Function"
FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl"
PERMISSION = "aws:lambda/permission:Permission"
MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping"
ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"

# SQS attribute (as the topology spells it) -> the Queue input it must become.
SQS_INPUTS = {
    "MessageRetentionPeriod": "messageRetentionSeconds",
    "ReceiveMessageWaitTimeSeconds": "receiveWaitTimeSeconds",
    "VisibilityTimeout": "visibilityTimeoutSeconds",
    "MaximumMessageSize": "maxMessageSize",
}
ON_CALL = "arn:aws:sns:us-west-2:246537256134:hosted-ops-on-call"
TEAM_EMAIL = "team-platform-observability@panther.io"


def queue_arn(m, name):
    return f"arn:aws:sqs:{m.region}:{m.account}:{name}"


def queue_url(m, name):
    return f"https://sqs.{m.region}.amazonaws.com/{m.account}/{name}"


def roles(topo):
    """(producer, consumer, main queue, dead-letter queue) from the file's structure, not from names."""
    producer = next(f for f in topo["functions"] if f.get("function_url"))
    mapping = topo["event_source_mappings"][0]
    consumer = next(f for f in topo["functions"] if f["name"] == mapping["function"])
    main = next(q for q in topo["queues"] if q["name"] == mapping["queue"])
    return producer, consumer, main, main["redrive"]["dead_letter_queue"]


def fill(value, m):
    """A topology value with {{queue_url:NAME}} replaced by the mocked queue URL."""
    if value.startswith("{{queue_url:"):
        return queue_url(m, value[len("{{queue_url:") : -2])
    return value


@pulumi.runtime.test
def test_every_resource_is_declared_and_nothing_else(mocks, world):
    config, topo = world
    deployment = deploy(config)

    def check(_):
        expected = [(TOPIC, "sentry-asana-sns-topic"), (SUBSCRIPTION, f"sentry-asana-sns-topic-{TEAM_EMAIL}")]
        expected += [(QUEUE, q["name"]) for q in topo["queues"]]
        for f in topo["functions"]:
            n = f["name"]
            expected += [(LOG_GROUP, f"{n}-log-group"), (ROLE, f"{n}-role"), (POLICY, f"{n}-policy"), (FUNCTION, n)]
            if f.get("function_url"):
                expected += [(FUNCTION_URL, f"{n}-url"), (PERMISSION, f"{n}-url-public"), (PERMISSION, f"{n}-url-invoke")]
        expected += [(MAPPING, f"{m['queue']}-to-{m['function']}") for m in topo["event_source_mappings"]]
        expected += [(ALARM, a["name"]) for a in topo["alarms"]]
        assert sorted((r.typ, r.name) for r in mocks.registered) == sorted(expected)
        assert not any(r.typ.startswith("aws:secretsmanager") for r in mocks.registered), "the secret is never created"
        assert not any(r.typ.startswith("aws:apigateway") for r in mocks.registered), "a Function URL, no API Gateway"

    return settled(deployment, check)


@pulumi.runtime.test
def test_queues_have_the_topology_names_attributes_and_redrive(mocks, world):
    config, topo = world
    deployment = deploy(config)

    def check(_):
        for q in topo["queues"]:
            inputs = dict(mocks.one(QUEUE, q["name"]).inputs)
            redrive = inputs.pop("redrivePolicy", None)
            assert inputs == {"name": q["name"], **{SQS_INPUTS[k]: v for k, v in q["attributes"].items()}}
            if "redrive" in q:
                assert json.loads(redrive) == {
                    "deadLetterTargetArn": queue_arn(mocks, q["redrive"]["dead_letter_queue"]),
                    "maxReceiveCount": q["redrive"]["max_receive_count"],
                }
            else:
                assert redrive is None

    return settled(deployment, check)


@pulumi.runtime.test
def test_functions_runtime_architecture_sizes_code_and_environment(mocks, world):
    config, topo = world
    deployment = deploy(config)
    package_dir = config[f"{PROJECT}:packageDir"]
    per_world = {"DEVELOPMENT": "false", "SENTRY_ORG": "panther-labs", "SENTRY_INSTALLATION_UUID": TEST_UUID}

    def check(_):
        for f in topo["functions"]:
            n = f["name"]
            record = mocks.one(FUNCTION, n)
            inputs = dict(record.inputs)
            code = inputs.pop("code")
            assert isinstance(code, pulumi.FileArchive)
            assert code.path == f"{package_dir}/{n.rsplit('-', 1)[1]}.zip"
            variables = {k: fill(v, mocks) for k, v in f["environment"].items()}
            variables.update({k: per_world[k] for k in f["environment_per_world"]})
            variables["DEBUG"] = "false"
            assert inputs == {
                "name": n,
                "role": f"arn:aws:iam::{mocks.account}:role/{n}-role",
                "runtime": "provided.al2023",
                "architectures": ["arm64"],
                "handler": "bootstrap",
                "timeout": f["timeout"],
                "memorySize": f["memory"],
                "environment": {"variables": variables},
            }
            # Created after its log group (no log lost to an auto-created, never-expiring group) and its policy.
            assert mocks.one(LOG_GROUP, f"{n}-log-group").urn in record.dependencies
            assert mocks.one(POLICY, f"{n}-policy").urn in record.dependencies

    return settled(deployment, check)


@pulumi.runtime.test
def test_log_groups_and_roles(mocks, world):
    config, topo = world
    deployment = deploy(config)

    def check(_):
        for f in topo["functions"]:
            n = f["name"]
            assert mocks.one(LOG_GROUP, f"{n}-log-group").inputs == {"name": f"/aws/lambda/{n}", "retentionInDays": 0}
            role = mocks.one(ROLE, f"{n}-role").inputs
            assert role["name"] == f"{n}-role" and set(role) == {"name", "assumeRolePolicy"}
            assert json.loads(role["assumeRolePolicy"]) == {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
                ],
            }

    return settled(deployment, check)


@pulumi.runtime.test
def test_iam_statements_exactly(mocks, world):
    config, topo = world
    deployment = deploy(config)
    producer, consumer, main, dlq = roles(topo)
    secret = topo["secrets"][0]["name"]

    def sid(name):
        return "Sqs" + "".join(word.capitalize() for word in name.split("-"))

    def common(n):
        log_group = f"arn:aws:logs:{mocks.region}:{mocks.account}:log-group:/aws/lambda/{n}"
        return [
            {
                "Sid": "WriteOwnLogs",
                "Effect": "Allow",
                "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                "Resource": [log_group, f"{log_group}:*"],
            },
            {
                "Sid": "ReadSecret",
                "Effect": "Allow",
                "Action": ["secretsmanager:GetSecretValue"],
                "Resource": [f"arn:aws:secretsmanager:{mocks.region}:{mocks.account}:secret:{secret}-*"],
            },
        ]

    expected = {
        producer["name"]: common(producer["name"])
        + [
            {
                "Sid": sid(main["name"]),
                "Effect": "Allow",
                "Action": ["sqs:SendMessage", "sqs:SendMessageBatch"],
                "Resource": [queue_arn(mocks, main["name"])],
            }
        ],
        consumer["name"]: common(consumer["name"])
        + [
            {
                "Sid": sid(main["name"]),
                "Effect": "Allow",
                "Action": [
                    "sqs:ReceiveMessage",
                    "sqs:DeleteMessage",
                    "sqs:GetQueueAttributes",
                    "sqs:ChangeMessageVisibility",  # rate-limit backoff (QUEUE_URL)
                ],
                "Resource": [queue_arn(mocks, main["name"])],
            },
            {
                "Sid": sid(dlq),
                "Effect": "Allow",
                "Action": ["sqs:SendMessage"],  # poison records (DLQ_URL)
                "Resource": [queue_arn(mocks, dlq)],
            },
        ],
    }

    def check(_):
        assert len(mocks.of_type(POLICY)) == len(expected)
        for n, statements in expected.items():
            policy = mocks.one(POLICY, f"{n}-policy").inputs
            assert policy["name"] == f"{n}-policy"
            assert policy["role"] == f"{n}-role"  # the role's id
            assert json.loads(policy["policy"]) == {"Version": "2012-10-17", "Statement": statements}
        assert "aws:index/getCallerIdentity:getCallerIdentity" in mocks.calls
        assert "aws:index/getRegion:getRegion" in mocks.calls

    return settled(deployment, check)


@pulumi.runtime.test
def test_event_source_mapping(mocks, world):
    config, topo = world
    deployment = deploy(config)

    def check(_):
        for m in topo["event_source_mappings"]:
            record = mocks.one(MAPPING, f"{m['queue']}-to-{m['function']}")
            assert record.inputs == {
                "eventSourceArn": queue_arn(mocks, m["queue"]),
                "functionName": f"arn:aws:lambda:{mocks.region}:{mocks.account}:function:{m['function']}",
                "batchSize": m["batch_size"],
                "maximumBatchingWindowInSeconds": m["maximum_batching_window"],
                "functionResponseTypes": m["function_response_types"],
                "scalingConfig": {"maximumConcurrency": m["maximum_concurrency"]},
            }
            # Lambda checks the role's SQS permissions when it creates the mapping.
            assert mocks.one(POLICY, f"{m['function']}-policy").urn in record.dependencies

    return settled(deployment, check)


@pulumi.runtime.test
def test_public_function_url_and_its_two_permissions(mocks, world):
    config, topo = world
    deployment = deploy(config)
    producer = roles(topo)[0]["name"]

    def check(outputs):
        assert [r.name for r in mocks.of_type(FUNCTION_URL)] == [f"{producer}-url"]
        assert mocks.one(FUNCTION_URL, f"{producer}-url").inputs == {"functionName": producer, "authorizationType": "NONE"}
        assert mocks.one(PERMISSION, f"{producer}-url-public").inputs == {
            "function": producer, "action": "lambda:InvokeFunctionUrl", "principal": "*", "functionUrlAuthType": "NONE",
        }
        assert mocks.one(PERMISSION, f"{producer}-url-invoke").inputs == {
            "function": producer, "action": "lambda:InvokeFunction", "principal": "*", "invokedViaFunctionUrl": True,
        }
        assert outputs["webhookUrl"] == f"https://{producer}-url-x7k2q9.lambda-url.{mocks.region}.on.aws/"

    return settled(deployment, check)


@pulumi.runtime.test
def test_alarms_every_field_from_the_topology_and_actions(mocks, world):
    config, topo = world
    deployment = deploy(config)

    def check(_):
        topic_arn = f"arn:aws:sns:{mocks.region}:{mocks.account}:sentry-asana-sns-topic"
        for a in topo["alarms"]:
            expected = {
                "name": a["name"],
                "alarmDescription": a["description"],
                "namespace": a["namespace"],
                "metricName": a["metric"],
                "dimensions": a["dimensions"],
                "statistic": a["statistic"],
                "period": a["period"],
                "evaluationPeriods": a["evaluation_periods"],
                "datapointsToAlarm": a["datapoints_to_alarm"],
                "threshold": a["threshold"],
                "comparisonOperator": a["comparison"],
                "treatMissingData": a["treat_missing_data"],
                "alarmActions": [topic_arn, ON_CALL],  # and no OK or insufficient-data actions
            }
            if "unit" in a:
                expected["unit"] = a["unit"]
            assert mocks.one(ALARM, a["name"]).inputs == expected

    return settled(deployment, check)


@pulumi.runtime.test
def test_sns_topic_and_email_subscription(mocks, world):
    config, _ = world
    deployment = deploy(config)

    def check(_):
        assert mocks.one(TOPIC, "sentry-asana-sns-topic").inputs == {
            "name": "sentry-asana-sns-topic", "displayName": "sentry-asana-sns-topic",
        }
        [subscription] = mocks.of_type(SUBSCRIPTION)
        assert subscription.inputs == {
            "topic": f"arn:aws:sns:{mocks.region}:{mocks.account}:sentry-asana-sns-topic",
            "protocol": "email",
            "endpoint": TEAM_EMAIL,
        }

    return settled(deployment, check)


@pulumi.runtime.test
def test_stack_outputs(mocks, world):
    config, topo = world
    deployment = deploy(config)
    producer, _, main, dlq = roles(topo)

    def check(outputs):
        assert outputs["messageQueueUrl"] == queue_url(mocks, main["name"])
        assert outputs["messageQueueArn"] == queue_arn(mocks, main["name"])
        assert outputs["queueUrls"] == {q["name"]: queue_url(mocks, q["name"]) for q in topo["queues"]}
        assert outputs["queueArns"] == {q["name"]: queue_arn(mocks, q["name"]) for q in topo["queues"]}
        assert outputs["functionNames"] == [f["name"] for f in topo["functions"]]
        assert outputs["deadLetterQueueUrl"] == queue_url(mocks, dlq)
        assert outputs["deadLetterQueueArn"] == queue_arn(mocks, dlq)
        assert outputs["functionUrls"] == {producer["name"]: outputs["webhookUrl"]}
        assert outputs["snsTopicArn"] == f"arn:aws:sns:{mocks.region}:{mocks.account}:sentry-asana-sns-topic"
        assert outputs["alarmNames"] == [a["name"] for a in topo["alarms"]]

    return settled(deployment, check)


def test_production_config_is_the_original_s():
    params = production_params()
    assert params["development"] is False
    assert params["alarmActionsTopic"] == [ON_CALL]
    assert params["alarmEmailSubscriptions"] == [TEAM_EMAIL]
    assert params["environment"]["SENTRY_ORG"] == "panther-labs"
