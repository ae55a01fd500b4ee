"""A Secrets Manager rotation function in the shape of AWS's templates, run under the emulator by awslambdaric.
It talks to the emulator through boto3 (AWS_ENDPOINT_URL, set by the emulator) and checks the event as AWS's
templates do: rotation on, the token a version of the secret labelled AWSPENDING.

createSecret puts a new password (GetRandomPassword) under the token as AWSPENDING, setSecret and testSecret
do nothing, finishSecret moves AWSCURRENT to the new version. ROTATOR_FAIL_STEP names a step that raises
instead. Every event is also written, one JSON line each, to ROTATOR_EVENTS when it is set."""
import json
import os

import boto3

client = boto3.client("secretsmanager")


def handler(event, context):
    if os.environ.get("ROTATOR_EVENTS"):
        with open(os.environ["ROTATOR_EVENTS"], "a") as out:
            out.write(json.dumps(event, sort_keys=True) + "\n")
    arn, token, step = event["SecretId"], event["ClientRequestToken"], event["Step"]
    metadata = client.describe_secret(SecretId=arn)
    if not metadata.get("RotationEnabled"):
        raise ValueError("Secret %s is not enabled for rotation" % arn)
    versions = metadata["VersionIdsToStages"]
    if token not in versions:
        raise ValueError("Secret version %s has no stage for rotation of secret %s." % (token, arn))
    if "AWSCURRENT" in versions[token]:
        return
    if "AWSPENDING" not in versions[token]:
        raise ValueError("Secret version %s not set as AWSPENDING for rotation of secret %s." % (token, arn))
    if step == os.environ.get("ROTATOR_FAIL_STEP"):
        raise RuntimeError("%s fails on purpose" % step)
    if step == "createSecret":
        try:
            client.get_secret_value(SecretId=arn, VersionId=token, VersionStage="AWSPENDING")
        except client.exceptions.ResourceNotFoundException:
            password = client.get_random_password(PasswordLength=24, ExcludePunctuation=True)["RandomPassword"]
            client.put_secret_value(SecretId=arn, ClientRequestToken=token,
                                    SecretString=json.dumps({"password": password}), VersionStages=["AWSPENDING"])
    elif step == "finishSecret":
        current = next(version for version, stages in versions.items() if "AWSCURRENT" in stages)
        client.update_secret_version_stage(SecretId=arn, VersionStage="AWSCURRENT", MoveToVersionId=token,
                                           RemoveFromVersionId=current)
    elif step not in ("setSecret", "testSecret"):
        raise ValueError("Invalid step parameter %s" % step)
