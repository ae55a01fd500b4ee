"""deploy/__main__.py, run the way Pulumi's Python host runs a program folder, declares the stack and its outputs."""

from __future__ import annotations

import runpy

import pulumi

from conftest import DEPLOY, stack_config

EXPECTED_OUTPUTS = {
    "webhookUrl", "functionNames", "functionUrls", "queueUrls", "queueArns", "deadLetterQueueUrl",
    "deadLetterQueueArn", "messageQueueUrl", "messageQueueArn", "snsTopicArn", "alarmNames",
}


@pulumi.runtime.test
def test_main_declares_every_resource_and_exports_the_outputs(mocks, packages, monkeypatch):
    exported = {}
    real_export = pulumi.export

    def export(name, value):
        exported[name] = value
        real_export(name, value)

    monkeypatch.setattr(pulumi, "export", export)
    monkeypatch.delenv("DEBUG", raising=False)
    monkeypatch.delenv("SENTRY_ASANA_TOPOLOGY", raising=False)
    pulumi.runtime.set_all_config(stack_config(packages))
    runpy.run_path(str(DEPLOY), run_name="__main__")

    def check(values):
        assert set(exported) == EXPECTED_OUTPUTS
        assert values[0].startswith("https://") and values[0].endswith(".on.aws/")
        assert any(r.typ == "aws:lambda/function:Function" for r in mocks.registered)

    outputs = [pulumi.Output.from_input(v) for v in exported.values()]
    return pulumi.Output.all(exported["webhookUrl"], *outputs).apply(check)
