"""The production stack: the topology's queues, functions, mapping and alarms, plus production-only IAM and SNS.

`make_plan` reads and checks everything (topology, stack config, packages) and declares nothing, so a bad input
fails before the first resource. `declare` turns a plan into resources. `main` is what `__main__.py` runs.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional

import pulumi
import pulumi_aws as aws

from . import settings
from .settings import DeploymentParams
from .topology import PLACEHOLDER, QUEUE_ATTRIBUTES, Topology, load_topology, topology_path


@dataclass(frozen=True)
class Plan:
    topology: Topology
    params: DeploymentParams
    world_environment: dict[str, dict[str, str]]  # function -> its environment_per_world values
    debug: str
    packages: dict[str, Path]  # function -> zip


def read_stack_config() -> dict[str, Any]:
    config = pulumi.Config(settings.PROJECT)
    return {
        "deploymentParams": config.get_object("deploymentParams"),
        "packageDir": config.get("packageDir"),
        "topologyFile": config.get("topologyFile"),
    }


def make_plan(stack_config: Mapping[str, Any], environ: Optional[Mapping[str, str]] = None) -> Plan:
    environ = os.environ if environ is None else environ
    topology = load_topology(topology_path(stack_config.get("topologyFile"), environ))
    settings.check_functions(topology)
    params = settings.parse_deployment_params(stack_config.get("deploymentParams"))
    return Plan(
        topology=topology,
        params=params,
        world_environment=settings.per_world_environment(topology, params),
        debug=settings.debug_flag(environ),
        packages=settings.package_paths(topology, settings.package_dir(stack_config.get("packageDir"))),
    )


@dataclass
class Deployment:
    topic: aws.sns.Topic
    subscriptions: list[aws.sns.TopicSubscription] = field(default_factory=list)
    queues: dict[str, aws.sqs.Queue] = field(default_factory=dict)
    log_groups: dict[str, aws.cloudwatch.LogGroup] = field(default_factory=dict)
    roles: dict[str, aws.iam.Role] = field(default_factory=dict)
    policies: dict[str, aws.iam.RolePolicy] = field(default_factory=dict)
    functions: dict[str, aws.lambda_.Function] = field(default_factory=dict)
    function_urls: dict[str, aws.lambda_.FunctionUrl] = field(default_factory=dict)
    permissions: list[aws.lambda_.Permission] = field(default_factory=list)
    mappings: list[aws.lambda_.EventSourceMapping] = field(default_factory=list)
    alarms: dict[str, aws.cloudwatch.MetricAlarm] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)

    def resources(self) -> list[pulumi.CustomResource]:
        return [
            self.topic, *self.subscriptions, *self.queues.values(), *self.log_groups.values(), *self.roles.values(),
            *self.policies.values(), *self.functions.values(), *self.function_urls.values(), *self.permissions,
            *self.mappings, *self.alarms.values(),
        ]


LAMBDA_TRUST_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
    ],
}


def declare(plan: Plan) -> Deployment:
    topology, params = plan.topology, plan.params
    region = aws.get_region_output().region
    account = aws.get_caller_identity_output().account_id

    # SNS: the project's own topic and its email subscriptions.
    topic = aws.sns.Topic(settings.SNS_TOPIC, name=settings.SNS_TOPIC, display_name=settings.SNS_TOPIC)
    deployment = Deployment(topic=topic)
    for email in params.alarm_email_subscriptions:
        deployment.subscriptions.append(
            aws.sns.TopicSubscription(
                f"{settings.SNS_TOPIC}-{email}", topic=topic.arn, protocol="email", endpoint=email
            )
        )

    # Queues, each dead-letter queue before the queue that redrives to it; physical names exactly the topology's.
    def queue(name: str) -> aws.sqs.Queue:
        if name not in deployment.queues:
            spec = topology.queue(name)
            args = {QUEUE_ATTRIBUTES[k]: v for k, v in spec.attributes.items()}
            if spec.redrive:
                dlq = queue(spec.redrive.dead_letter_queue)
                args["redrive_policy"] = pulumi.Output.json_dumps(
                    {"deadLetterTargetArn": dlq.arn, "maxReceiveCount": spec.redrive.max_receive_count}
                )
            deployment.queues[name] = aws.sqs.Queue(name, name=name, **args)
        return deployment.queues[name]

    for spec in topology.queues:
        queue(spec.name)

    # Functions: log group, role with its inline policy, then the function.
    mapped = {m.function: m for m in topology.event_source_mappings}
    for spec in topology.functions:
        name = spec.name
        facts = settings.FUNCTIONS[name]
        log_group = aws.cloudwatch.LogGroup(
            f"{name}-log-group", name=f"/aws/lambda/{name}", retention_in_days=settings.LOG_RETENTION_DAYS
        )
        role = aws.iam.Role(f"{name}-role", name=f"{name}-role", assume_role_policy=json.dumps(LAMBDA_TRUST_POLICY))

        statements: list[dict[str, Any]] = [
            {
                "Sid": "WriteOwnLogs",
                "Effect": "Allow",
                "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                "Resource": [log_group.arn, pulumi.Output.concat(log_group.arn, ":*")],
            }
        ]
        secret = spec.environment.get("SECRET_NAME")
        if secret:
            statements.append(
                {
                    "Sid": "ReadSecret",
                    "Effect": "Allow",
                    "Action": ["secretsmanager:GetSecretValue"],
                    "Resource": [
                        pulumi.Output.concat(
                            "arn:aws:secretsmanager:", region, ":", account, ":secret:", secret, "-*"
                        )
                    ],
                }
            )
        for queue_name, actions in queue_actions(topology, name).items():
            statements.append(
                {
                    "Sid": "Sqs" + _camel(queue_name),
                    "Effect": "Allow",
                    "Action": list(actions),
                    "Resource": [deployment.queues[queue_name].arn],
                }
            )
        policy = aws.iam.RolePolicy(
            f"{name}-policy",
            name=f"{name}-policy",
            role=role.id,
            policy=pulumi.Output.json_dumps({"Version": "2012-10-17", "Statement": statements}),
        )

        variables: dict[str, Any] = {k: _fill(v, deployment.queues) for k, v in spec.environment.items()}
        variables.update(plan.world_environment[name])
        variables["DEBUG"] = plan.debug

        function = aws.lambda_.Function(
            name,
            name=name,
            role=role.arn,
            runtime=settings.RUNTIME,
            architectures=settings.ARCHITECTURES,
            handler=settings.HANDLER,
            timeout=spec.timeout,
            memory_size=spec.memory,
            code=pulumi.FileArchive(str(plan.packages[name])),
            environment={"variables": variables},
            opts=pulumi.ResourceOptions(depends_on=[log_group, policy]),
        )
        deployment.log_groups[name] = log_group
        deployment.roles[name] = role
        deployment.policies[name] = policy
        deployment.functions[name] = function

        if spec.function_url:
            url = aws.lambda_.FunctionUrl(f"{name}-url", function_name=function.name, authorization_type="NONE")
            deployment.function_urls[name] = url
            # A public (NONE) URL needs both grants since October 2025: the URL call and the invocation behind it.
            deployment.permissions += [
                aws.lambda_.Permission(
                    f"{name}-url-public",
                    function=function.name,
                    action="lambda:InvokeFunctionUrl",
                    principal="*",
                    function_url_auth_type="NONE",
                ),
                aws.lambda_.Permission(
                    f"{name}-url-invoke",
                    function=function.name,
                    action="lambda:InvokeFunction",
                    principal="*",
                    invoked_via_function_url=True,
                ),
            ]

    for mapping in topology.event_source_mappings:
        deployment.mappings.append(
            aws.lambda_.EventSourceMapping(
                f"{mapping.queue}-to-{mapping.function}",
                event_source_arn=deployment.queues[mapping.queue].arn,
                function_name=deployment.functions[mapping.function].arn,
                batch_size=mapping.batch_size,
                maximum_batching_window_in_seconds=mapping.maximum_batching_window,
                function_response_types=list(mapping.function_response_types),
                scaling_config=None
                if mapping.maximum_concurrency is None
                else {"maximum_concurrency": mapping.maximum_concurrency},
                # Lambda checks the role's SQS permissions when the mapping is created.
                opts=pulumi.ResourceOptions(depends_on=[deployment.policies[mapping.function]]),
            )
        )

    alarm_actions = [topic.arn, *params.alarm_actions_topics]
    for spec in topology.alarms:
        dimensions = {}
        for key, value in spec.dimensions.items():
            if key == "FunctionName":
                dimensions[key] = deployment.functions[value].name
            elif key == "QueueName":
                dimensions[key] = deployment.queues[value].name
            else:
                dimensions[key] = value
        args: dict[str, Any] = {}
        if spec.unit is not None:
            args["unit"] = spec.unit
        deployment.alarms[spec.name] = aws.cloudwatch.MetricAlarm(
            spec.name,
            name=spec.name,
            alarm_description=spec.description,
            namespace=spec.namespace,
            metric_name=spec.metric,
            dimensions=dimensions,
            statistic=spec.statistic,
            period=spec.period,
            evaluation_periods=spec.evaluation_periods,
            datapoints_to_alarm=spec.datapoints_to_alarm,
            threshold=spec.threshold,
            comparison_operator=spec.comparison,
            treat_missing_data=spec.treat_missing_data,
            alarm_actions=alarm_actions,
            **args,
        )

    outputs: dict[str, Any] = {
        "functionNames": [f.name for f in deployment.functions.values()],
        "queueUrls": {name: q.url for name, q in deployment.queues.items()},
        "queueArns": {name: q.arn for name, q in deployment.queues.items()},
        "functionUrls": {name: u.function_url for name, u in deployment.function_urls.items()},
        "snsTopicArn": topic.arn,
        "alarmNames": [a.name for a in deployment.alarms.values()],
    }
    if len(deployment.function_urls) == 1:
        outputs["webhookUrl"] = next(iter(deployment.function_urls.values())).function_url
    if len(topology.event_source_mappings) == 1:
        # The queue the consumer reads: where a DLQ re-drive sends records back to (docs/deploy.md).
        outputs["messageQueueUrl"] = deployment.queues[topology.event_source_mappings[0].queue].url
        outputs["messageQueueArn"] = deployment.queues[topology.event_source_mappings[0].queue].arn
    dead_letter_queues = topology.dead_letter_queues()
    if len(dead_letter_queues) == 1:
        outputs["deadLetterQueueUrl"] = deployment.queues[dead_letter_queues[0]].url
        outputs["deadLetterQueueArn"] = deployment.queues[dead_letter_queues[0]].arn
    deployment.outputs = outputs
    return deployment


def queue_actions(topology: Topology, function: str) -> dict[str, list[str]]:
    """Queue -> the SQS actions `function`'s role gets on it, in a fixed order.

    What the Lambda service does for an event source mapping, then what the code does with each queue URL in
    its environment (settings.FUNCTIONS). Nothing else: no queue the function has no URL or mapping for.
    """
    spec = topology.function(function)
    grants: dict[str, list[str]] = {}

    def grant(queue_name: str, actions: tuple[str, ...]) -> None:
        held = grants.setdefault(queue_name, [])
        held += [a for a in actions if a not in held]

    for mapping in topology.event_source_mappings:
        if mapping.function == function:
            grant(mapping.queue, settings.EVENT_SOURCE_ACTIONS)
    references = spec.queue_references()
    for variable, actions in settings.FUNCTIONS[function].queue_actions.items():
        grant(references[variable], actions)
    return grants


def _fill(value: str, queues: Mapping[str, aws.sqs.Queue]) -> Any:
    """A topology value with each `{{queue_url:NAME}}` replaced by that Pulumi queue's `url` output."""
    parts: list[Any] = []
    position = 0
    for match in PLACEHOLDER.finditer(value):
        parts.append(value[position : match.start()])
        parts.append(queues[match.group(1).partition(":")[2]].url)
        position = match.end()
    parts.append(value[position:])
    parts = [p for p in parts if not (isinstance(p, str) and p == "")]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return pulumi.Output.concat(*parts)


def _camel(name: str) -> str:
    return "".join(word.capitalize() for word in re.split(r"[^A-Za-z0-9]+", name) if word)


def main() -> Deployment:
    deployment = declare(make_plan(read_stack_config()))
    for key, value in deployment.outputs.items():
        pulumi.export(key, value)
    return deployment
