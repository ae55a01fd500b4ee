"""Stack config: `development` parsing, the email fallback, per-world values, packages, DEBUG, the project files."""

from __future__ import annotations

import json

import pulumi
import pytest
import yaml

from conftest import (
    DEPLOY,
    PROJECT,
    REPO,
    TEST_UUID,
    deploy,
    production_config,
    production_params,
    settled,
    stack_config,
)
from sentry_asana_deploy import settings
from sentry_asana_deploy import stack as program
from sentry_asana_deploy.settings import ConfigError, parse_deployment_params, parse_flag
from sentry_asana_deploy.stack import make_plan

FUNCTION = "aws:lambda/function:Function"
SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription"


def params(**changes):
    p = production_params()
    p["environment"]["SENTRY_INSTALLATION_UUID"] = TEST_UUID
    p.update(changes)
    return p


def plan_config(packages, p):
    return {"deploymentParams": p, "packageDir": str(packages)}


# --- development ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [(True, True), (False, False), ("1", True), ("true", True), ("True", True), ("TRUE", True), ("0", False),
     ("false", False), ("", False), (None, False)],
)
def test_development_accepts_a_bool_or_1_or_true_as_the_original(value, expected):
    assert parse_flag(value, "development") is expected
    raw = params(development=value)
    assert parse_deployment_params(raw).development is expected


@pytest.mark.parametrize("value", ["yes", "ture", "2", 2, ["true"], {"a": 1}])
def test_development_refuses_anything_else_rather_than_guess(value):
    with pytest.raises(ConfigError, match="development must be true or false"):
        parse_deployment_params(params(development=value))


@pulumi.runtime.test
def test_development_and_debug_reach_both_functions(mocks, packages, monkeypatch):
    """development "1" in the stack config and DEBUG=1 in the environment of `pulumi up` (read from os.environ)."""
    monkeypatch.setenv("DEBUG", "1")
    pulumi.runtime.set_all_config(stack_config(packages, params(development="1")))
    deployment = program.declare(make_plan(program.read_stack_config()))  # environ: os.environ

    def check(_):
        for function in mocks.of_type(FUNCTION):
            variables = function.inputs["environment"]["variables"]
            assert variables["DEVELOPMENT"] == "true"
            assert variables["DEBUG"] == "true"

    return settled(deployment, check)


@pytest.mark.parametrize("value, expected", [(None, "false"), ("", "false"), ("0", "false"), ("1", "true"), ("true", "true")])
def test_debug_comes_from_the_deploying_process(value, expected):
    environ = {} if value is None else {"DEBUG": value}
    assert settings.debug_flag(environ) == expected


def test_debug_garbage_is_refused():
    with pytest.raises(ConfigError, match="DEBUG environment variable"):
        settings.debug_flag({"DEBUG": "verbose"})


# --- alarm emails and topics -------------------------------------------------------------------------------------


@pytest.mark.parametrize("emails", [[], None])
def test_empty_email_list_falls_back_to_one_subscription(emails):
    p = params()
    if emails is None:
        del p["alarmEmailSubscriptions"]
    else:
        p["alarmEmailSubscriptions"] = emails
    assert parse_deployment_params(p).alarm_email_subscriptions == ("team-platform-observability@runpanther.io",)


@pulumi.runtime.test
def test_the_fallback_subscription_is_deployed(mocks, packages):
    deployment = deploy(stack_config(packages, params(alarmEmailSubscriptions=[])))

    def check(_):
        assert [s.inputs["endpoint"] for s in mocks.of_type(SUBSCRIPTION)] == [
            "team-platform-observability@runpanther.io"
        ]

    return settled(deployment, check)


@pulumi.runtime.test
def test_one_subscription_per_address(mocks, packages):
    deployment = deploy(stack_config(packages, params(alarmEmailSubscriptions=["a@example.com", "b@example.com"])))

    def check(_):
        assert sorted(s.inputs["endpoint"] for s in mocks.of_type(SUBSCRIPTION)) == ["a@example.com", "b@example.com"]
        assert all(s.inputs["protocol"] == "email" for s in mocks.of_type(SUBSCRIPTION))

    return settled(deployment, check)


def test_alarm_topics_must_be_sns_arns():
    with pytest.raises(ConfigError, match="not an SNS topic ARN"):
        parse_deployment_params(params(alarmActionsTopic=["hosted-ops-on-call"]))
    assert parse_deployment_params(params(alarmActionsTopic=[])).alarm_actions_topics == ()


def test_unknown_deployment_params_key_is_refused():
    with pytest.raises(ConfigError, match=r"unknown keys \['alarmEmailSubscription'\]"):
        parse_deployment_params({**params(), "alarmEmailSubscription": ["x@example.com"]})


def test_missing_deployment_params_is_refused():
    with pytest.raises(ConfigError, match="deploymentParams is missing"):
        parse_deployment_params(None)


# --- per-world environment -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("variable", ["SENTRY_ORG", "SENTRY_INSTALLATION_UUID"])
def test_a_missing_per_world_value_is_a_clear_error(packages, variable):
    p = params()
    del p["environment"][variable]
    with pytest.raises(ConfigError) as error:
        make_plan(plan_config(packages, p), {})
    message = str(error.value)
    assert f"deploymentParams.environment.{variable} is missing" in message
    assert "function 'sentry-asana-consumer' needs it" in message
    assert f"pulumi config set --path 'deploymentParams.environment.{variable}'" in message


def test_a_blank_per_world_value_counts_as_missing(packages):
    p = params()
    p["environment"]["SENTRY_ORG"] = "  "
    with pytest.raises(ConfigError, match="SENTRY_ORG is missing"):
        make_plan(plan_config(packages, p), {})


def test_the_committed_placeholder_uuid_is_refused(packages):
    """Pulumi.sentry-asana.yaml ships a placeholder: deploying it as is must stop, not create unlinkable tasks."""
    with pytest.raises(ConfigError, match="still the placeholder 00000000-0000-0000-0000-000000000000"):
        make_plan(plan_config(packages, production_params()), {})


def test_a_malformed_uuid_is_refused(packages):
    p = params()
    p["environment"]["SENTRY_INSTALLATION_UUID"] = "not-a-uuid"
    with pytest.raises(ConfigError, match="must be a UUID"):
        make_plan(plan_config(packages, p), {})


def test_a_value_no_function_asks_for_is_refused(packages):
    p = params()
    p["environment"]["SENTRY_ORGANIZATION"] = "typo"
    with pytest.raises(ConfigError, match=r"sets \['SENTRY_ORGANIZATION'\], which no function lists"):
        make_plan(plan_config(packages, p), {})


def test_development_cannot_be_set_twice(packages):
    p = params()
    p["environment"]["DEVELOPMENT"] = "true"
    with pytest.raises(ConfigError, match="set sentry-asana-integration:deploymentParams.development instead"):
        make_plan(plan_config(packages, p), {})


def test_each_function_gets_only_the_per_world_values_it_lists(packages):
    plan = make_plan(plan_config(packages, params()), {})
    assert plan.world_environment == {
        "sentry-asana-producer": {"DEVELOPMENT": "false"},
        "sentry-asana-consumer": {
            "DEVELOPMENT": "false",
            "SENTRY_ORG": "panther-labs",
            "SENTRY_INSTALLATION_UUID": TEST_UUID,
        },
    }


# --- packages --------------------------------------------------------------------------------------------------


def test_default_package_dir_is_dist_lambda_in_the_repository():
    assert settings.package_dir(None) == REPO / "dist" / "lambda"
    assert settings.package_dir("build/zips") == REPO / "build" / "zips"
    assert settings.package_dir("/abs/zips").as_posix() == "/abs/zips"


def test_missing_packages_say_how_to_build_them(tmp_path):
    with pytest.raises(ConfigError, match=r"consumer\.zip.*scripts/package-lambda\.sh"):
        make_plan({"deploymentParams": params(), "packageDir": str(tmp_path)}, {})


# --- the project files -----------------------------------------------------------------------------------------


def test_project_file():
    project = yaml.safe_load((DEPLOY / "Pulumi.yaml").read_text())
    assert project["name"] == PROJECT
    assert project["runtime"]["name"] == "python"
    assert project["description"] == "A service that creates Asana tasks from Sentry alerts"


def test_production_stack_file():
    config = production_config()
    assert config["aws:region"] == "us-west-2"
    assert set(config) == {"aws:region", f"{PROJECT}:deploymentParams"}
    assert json.loads(config[f"{PROJECT}:deploymentParams"])["development"] is False


def test_developer_stacks_and_the_venv_are_ignored():
    ignored = (DEPLOY / ".gitignore").read_text().split()
    assert {"Pulumi.dev-*.yaml", "venv/", "__pycache__/"} <= set(ignored)


def test_requirements_are_pinned():
    lines = [l for l in (DEPLOY / "requirements.txt").read_text().splitlines() if l and not l.startswith("#")]
    assert {l.split("==")[0] for l in lines} == {"pulumi", "pulumi-aws", "PyYAML", "pytest"}
    assert all("==" in l for l in lines)

