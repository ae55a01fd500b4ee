"""What the boto3 interop scripts share: counted checks that stop at the first failure, a boto3 client for the
emulator (credentials test/test, no retries, so a refusal shows at once) and the error code of a refused call.
Imported from beside the scripts (Python puts a script's own folder on sys.path)."""
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:4566"
_checks = 0


def check(condition, what):
    """Counts one check; prints what failed and exits 1 when `condition` is false."""
    global _checks
    _checks += 1
    if not condition:
        print("FAILED: " + what)
        sys.exit(1)


def passed():
    """Prints the line the Swift test looks for: OK and the number of checks."""
    print("OK %d" % _checks)


def client(service, secret="test", key="test"):
    return boto3.client(
        service, endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id=key,
        aws_secret_access_key=secret, config=Config(retries={"max_attempts": 1}))


def error_code(call):
    """The AWS error code `call` is refused with, or None when it succeeds."""
    try:
        call()
    except ClientError as error:
        return error.response["Error"]["Code"]
    return None
