"""Drives RotateSecret and CancelRotateSecret with current boto3 against an emulator that has the rotation
function FUNCTION (rotator.py) and FAILING (rotator.py failing in its setSecret step, writing its events to
FAILING_EVENTS).

Usage: python3 rotation_boto3.py ENDPOINT FUNCTION FAILING FAILING_EVENTS
Exits 0 and prints "OK <checks>" when every check passed; otherwise prints the failed check and exits 1."""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from interop_checks import check, client, error_code, passed  # noqa: E402

function, failing, failing_events = sys.argv[2], sys.argv[3], sys.argv[4]
sm = client("secretsmanager")


def wait_for(condition, what, seconds=60):
    """Polls `condition` every 0.2 s, at most 5 * `seconds` times and `seconds` long (a bounded wait for the
    asynchronous steps)."""
    deadline = time.monotonic() + seconds
    for _ in range(5 * seconds):
        if condition():
            return
        if time.monotonic() > deadline:
            break
        time.sleep(0.2)
    check(False, "timed out waiting for " + what)


def failing_step_started(token):
    """Whether the failing function has received its setSecret step for the rotation `token`."""
    if not os.path.exists(failing_events):
        return False
    with open(failing_events) as lines:
        events = [json.loads(line) for line in lines if line.strip()]
    return any(e["Step"] == "setSecret" and e["ClientRequestToken"] == token for e in events)


created = sm.create_secret(Name="rotated", SecretString=json.dumps({"password": "initial"}))
first = created["VersionId"]
check(error_code(lambda: sm.rotate_secret(SecretId="rotated")) == "InvalidRequestException",
      "RotateSecret without a function, none configured before")
check(error_code(lambda: sm.rotate_secret(SecretId="rotated", RotationLambdaARN="no-such-function"))
      == "AccessDeniedException", "RotateSecret with a function that cannot be invoked")
check(error_code(lambda: sm.rotate_secret(SecretId="rotated", RotationLambdaARN=function,
                                          RotationRules={"AutomaticallyAfterDays": 1001}))
      == "InvalidParameterException", "AutomaticallyAfterDays above 1000")

rotated = sm.rotate_secret(SecretId="rotated", RotationLambdaARN=function,
                           RotationRules={"AutomaticallyAfterDays": 30})
token = rotated["VersionId"]
check(rotated["ARN"] == created["ARN"] and len(token) >= 32, "RotateSecret answers at once with the new version")
wait_for(lambda: sm.get_secret_value(SecretId="rotated")["VersionId"] == token, "AWSCURRENT on the new version")
wait_for(lambda: "LastRotatedDate" in sm.describe_secret(SecretId="rotated"), "LastRotatedDate")
described = sm.describe_secret(SecretId="rotated")
check(described["RotationEnabled"] is True and described["RotationLambdaARN"] == function
      and described["RotationRules"]["AutomaticallyAfterDays"] == 30 and "NextRotationDate" in described,
      "DescribeSecret shows the rotation: %s" % described)
check(described["VersionIdsToStages"] == {token: ["AWSCURRENT"], first: ["AWSPREVIOUS"]},
      "AWSPENDING is taken off after the rotation: %s" % described["VersionIdsToStages"])
check(json.loads(sm.get_secret_value(SecretId="rotated")["SecretString"])["password"] != "initial",
      "a new password")

# A second rotation uses the stored function and rules.
again = sm.rotate_secret(SecretId="rotated")
wait_for(lambda: sm.get_secret_value(SecretId="rotated")["VersionId"] == again["VersionId"], "second rotation")

# A failing function leaves the version AWSPENDING; the next RotateSecret is refused until it is cleaned up.
sm.create_secret(Name="stuck", SecretString="v")
stuck = sm.rotate_secret(SecretId="stuck", RotationLambdaARN=failing)["VersionId"]
wait_for(lambda: failing_step_started(stuck), "the failing setSecret step")
check(sm.get_secret_value(SecretId="stuck", VersionStage="AWSPENDING")["VersionId"] == stuck,
      "createSecret gave the pending version its value")
check(sm.describe_secret(SecretId="stuck")["VersionIdsToStages"][stuck] == ["AWSPENDING"],
      "the failed rotation's version stays AWSPENDING")
check(error_code(lambda: sm.rotate_secret(SecretId="stuck")) == "InvalidRequestException",
      "a rotation after a failed one is refused")
cancelled = sm.cancel_rotate_secret(SecretId="stuck")
check(cancelled["VersionId"] == stuck and sm.describe_secret(SecretId="stuck")["RotationEnabled"] is False,
      "CancelRotateSecret names the pending version and turns rotation off")
sm.update_secret_version_stage(SecretId="stuck", VersionStage="AWSPENDING", RemoveFromVersionId=stuck)
check(stuck not in sm.describe_secret(SecretId="stuck")["VersionIdsToStages"], "the pending label removed")
passed()
