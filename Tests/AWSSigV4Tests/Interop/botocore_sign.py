"""Signs requests with botocore's own SigV4 code, for byte-for-byte comparison with our signer.

Usage: python3 botocore_sign.py CASES.json  -> prints a JSON list, one result per case.
Each case: method, url, headers ([[name, value], ...]), body, accessKeyID, secretAccessKey, sessionToken,
region, service, date (YYYYMMDDTHHMMSSZ), and presignExpires (null for header signing).
"""
import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def sign(case):
    when = datetime.datetime.strptime(case["date"], "%Y%m%dT%H%M%SZ")
    botocore.auth.get_current_datetime = lambda *args, **kwargs: when
    credentials = Credentials(case["accessKeyID"], case["secretAccessKey"], case.get("sessionToken"))
    request = AWSRequest(
        method=case["method"],
        url=case["url"],
        headers={name: value for name, value in case["headers"]},
        data=case["body"].encode("utf-8"),
    )
    if case.get("presignExpires") is not None:
        signer = botocore.auth.SigV4QueryAuth(
            credentials, case["service"], case["region"], expires=case["presignExpires"])
    else:
        signer = botocore.auth.SigV4Auth(credentials, case["service"], case["region"])
    signer.add_auth(request)
    authorization = request.headers.get("Authorization")
    if authorization is not None:
        # Recompute the canonical request as it was signed, without the header signing just added.
        del request.headers["Authorization"]
    canonical = signer.canonical_request(request)
    return {
        "authorization": authorization,
        "url": request.url,
        "securityToken": request.headers.get("X-Amz-Security-Token"),
        "canonicalRequest": canonical,
        "stringToSign": signer.string_to_sign(request, canonical),
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        cases = json.load(handle)
    json.dump([sign(case) for case in cases], sys.stdout)
