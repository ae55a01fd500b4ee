"""Drives the emulator's Secrets Manager with current boto3 through every operation of issue 4: CreateSecret,
GetSecretValue by VersionId and VersionStage, PutSecretValue (idempotent tokens, custom stages),
UpdateSecret, DescribeSecret, ListSecrets (filters, pages, sort, planned deletions), ListSecretVersionIds,
DeleteSecret with a recovery window or forced, RestoreSecret, AWSCURRENT/AWSPREVIOUS, the ARN's random suffix,
tags, and the error codes.

Usage: python3 secrets_boto3.py ENDPOINT
Exits 0 and prints "OK <checks>" when every check passed; otherwise prints the failed check and exits 1.
"""
import re
import uuid

from interop_checks import check, client, error_code, passed


sm = client("secretsmanager")

# Create: ARN with AWS's random six-character suffix, a first version that is AWSCURRENT.
created = sm.create_secret(Name="app/db", SecretString='{"password":"one"}', Description="first",
                           Tags=[{"Key": "team", "Value": "core"}])
check(re.fullmatch(r"arn:aws:secretsmanager:us-east-1:000000000000:secret:app/db-[A-Za-z0-9]{6}", created["ARN"]),
      "ARN with a random suffix: " + created["ARN"])
v1 = created["VersionId"]
check(sm.get_secret_value(SecretId="app/db")["VersionStages"] == ["AWSCURRENT"], "first version is AWSCURRENT")
check(sm.get_secret_value(SecretId=created["ARN"])["SecretString"] == '{"password":"one"}', "read by full ARN")
check(sm.get_secret_value(SecretId=created["ARN"][:-7])["VersionId"] == v1, "read by ARN without the suffix")
check(error_code(lambda: sm.create_secret(Name="app/db", SecretString="x")) == "ResourceExistsException",
      "CreateSecret of an existing name")
check(error_code(lambda: sm.create_secret(Name="bad name!", SecretString="x")) == "InvalidParameterException",
      "CreateSecret with an invalid name")
check(error_code(lambda: sm.create_secret(Name="both", SecretString="x", SecretBinary=b"y"))
      == "InvalidParameterException", "a string and a binary together")

# Put: rotation through AWSCURRENT and AWSPREVIOUS; the same token twice is idempotent; a new value under an
# old token is refused; a custom stage does not move AWSCURRENT.
token = str(uuid.uuid4())
put = sm.put_secret_value(SecretId="app/db", SecretString='{"password":"two"}', ClientRequestToken=token)
check(put["VersionId"] == token and put["VersionStages"] == ["AWSCURRENT"], "PutSecretValue with a token")
again = sm.put_secret_value(SecretId="app/db", SecretString='{"password":"two"}', ClientRequestToken=token)
check(again["VersionId"] == token, "PutSecretValue repeated with the same token and value is idempotent")
check(error_code(lambda: sm.put_secret_value(SecretId="app/db", SecretString="other", ClientRequestToken=token))
      == "ResourceExistsException", "the same token with another value")
check(sm.get_secret_value(SecretId="app/db")["SecretString"] == '{"password":"two"}', "AWSCURRENT moved")
previous = sm.get_secret_value(SecretId="app/db", VersionStage="AWSPREVIOUS")
check(previous["VersionId"] == v1 and previous["SecretString"] == '{"password":"one"}', "AWSPREVIOUS is the old one")
check(sm.get_secret_value(SecretId="app/db", VersionId=v1, VersionStage="AWSPREVIOUS")["VersionId"] == v1,
      "VersionId and VersionStage together")
check(error_code(lambda: sm.get_secret_value(SecretId="app/db", VersionId=v1, VersionStage="AWSCURRENT"))
      == "ResourceNotFoundException", "VersionId and a stage it does not carry")
pending = sm.put_secret_value(SecretId="app/db", SecretString='{"password":"three"}', VersionStages=["AWSPENDING"])
check(sm.get_secret_value(SecretId="app/db", VersionStage="AWSPENDING")["VersionId"] == pending["VersionId"],
      "a custom stage")
check(sm.get_secret_value(SecretId="app/db")["VersionId"] == token, "AWSPENDING leaves AWSCURRENT alone")
stages = sm.describe_secret(SecretId="app/db")["VersionIdsToStages"]
check(stages == {v1: ["AWSPREVIOUS"], token: ["AWSCURRENT"], pending["VersionId"]: ["AWSPENDING"]},
      "DescribeSecret's VersionIdsToStages: %s" % stages)

# Update: a new value becomes AWSCURRENT, the old current AWSPREVIOUS, the first version loses its label
# (deprecated: readable by id, listed only with IncludeDeprecated).
updated = sm.update_secret(SecretId="app/db", SecretString='{"password":"four"}', Description="second")
check(sm.get_secret_value(SecretId="app/db")["VersionId"] == updated["VersionId"], "UpdateSecret's new value")
check(sm.get_secret_value(SecretId="app/db", VersionStage="AWSPREVIOUS")["VersionId"] == token, "previous again")
check(sm.get_secret_value(SecretId="app/db", VersionId=v1)["SecretString"] == '{"password":"one"}',
      "a deprecated version is still readable by its id")
listed = sm.list_secret_version_ids(SecretId="app/db")["Versions"]
check(v1 not in [v["VersionId"] for v in listed] and len(listed) == 3, "ListSecretVersionIds: labelled versions")
everything = sm.list_secret_version_ids(SecretId="app/db", IncludeDeprecated=True)["Versions"]
check(v1 in [v["VersionId"] for v in everything], "ListSecretVersionIds with IncludeDeprecated")
described = sm.describe_secret(SecretId="app/db")
check(described["Description"] == "second" and described["Tags"] == [{"Key": "team", "Value": "core"}],
      "DescribeSecret: description and tags")
sm.tag_resource(SecretId="app/db", Tags=[{"Key": "env", "Value": "dev"}])
sm.untag_resource(SecretId="app/db", TagKeys=["team"])
check(sm.describe_secret(SecretId="app/db")["Tags"] == [{"Key": "env", "Value": "dev"}], "TagResource/UntagResource")

# Binary secrets, and a secret created without a value.
binary = sm.create_secret(Name="app/cert", SecretBinary=b"\x00\x01\xff")
check(sm.get_secret_value(SecretId=binary["ARN"])["SecretBinary"] == b"\x00\x01\xff", "binary secret")
empty = sm.create_secret(Name="app/empty")
check("VersionId" not in empty, "no value, no version")
check(error_code(lambda: sm.get_secret_value(SecretId="app/empty")) == "ResourceNotFoundException",
      "reading a secret without a value")

# List: filters, pages, sort order.
for index in range(3):
    sm.create_secret(Name="page/%d" % index, SecretString="v")
names = [s["Name"] for s in sm.list_secrets(Filters=[{"Key": "name", "Values": ["page/"]}])["SecretList"]]
check(names == ["page/0", "page/1", "page/2"], "ListSecrets name filter: %s" % names)
first_page = sm.list_secrets(MaxResults=2, Filters=[{"Key": "name", "Values": ["page/"]}])
second_page = sm.list_secrets(MaxResults=2, NextToken=first_page["NextToken"],
                              Filters=[{"Key": "name", "Values": ["page/"]}])
check(len(first_page["SecretList"]) == 2 and [s["Name"] for s in second_page["SecretList"]] == ["page/2"]
      and "NextToken" not in second_page, "ListSecrets pages")
descending = [s["Name"] for s in sm.list_secrets(SortOrder="desc", Filters=[{"Key": "name", "Values": ["page/"]}])
              ["SecretList"]]
check(descending == ["page/2", "page/1", "page/0"], "ListSecrets SortOrder desc")
check(error_code(lambda: sm.list_secrets(NextToken="garbage")) == "InvalidNextTokenException", "a bad NextToken")
tagged = sm.list_secrets(Filters=[{"Key": "tag-key", "Values": ["env"]}])["SecretList"]
check([s["Name"] for s in tagged] == ["app/db"] and "SecretVersionsToStages" in tagged[0], "ListSecrets tag filter")

# Delete with a recovery window: unreadable, listed only with IncludePlannedDeletion, restorable.
deleted = sm.delete_secret(SecretId="page/0", RecoveryWindowInDays=7)
check(deleted["Name"] == "page/0" and "DeletionDate" in deleted, "DeleteSecret with a recovery window")
check(error_code(lambda: sm.get_secret_value(SecretId="page/0")) == "InvalidRequestException",
      "a secret scheduled for deletion cannot be read")
check(error_code(lambda: sm.put_secret_value(SecretId="page/0", SecretString="x")) == "InvalidRequestException",
      "nor written")
check(error_code(lambda: sm.create_secret(Name="page/0", SecretString="x")) == "InvalidRequestException",
      "nor created again")
check("DeletedDate" in sm.describe_secret(SecretId="page/0"), "DescribeSecret shows DeletedDate")
visible = [s["Name"] for s in sm.list_secrets(Filters=[{"Key": "name", "Values": ["page/"]}])["SecretList"]]
planned = [s["Name"] for s in sm.list_secrets(IncludePlannedDeletion=True,
                                              Filters=[{"Key": "name", "Values": ["page/"]}])["SecretList"]]
check("page/0" not in visible and "page/0" in planned, "IncludePlannedDeletion")
check(error_code(lambda: sm.delete_secret(SecretId="page/1", RecoveryWindowInDays=7, ForceDeleteWithoutRecovery=True))
      == "InvalidParameterException", "a window together with a forced delete")
restored = sm.restore_secret(SecretId="page/0")
check(restored["Name"] == "page/0" and sm.get_secret_value(SecretId="page/0")["SecretString"] == "v", "RestoreSecret")

# Forced delete: gone at once, the name free again.
sm.delete_secret(SecretId="page/1", ForceDeleteWithoutRecovery=True)
check(error_code(lambda: sm.describe_secret(SecretId="page/1")) == "ResourceNotFoundException", "forced delete")
recreated = sm.create_secret(Name="page/1", SecretString="again")
check(recreated["ARN"] != created["ARN"], "the name is free again after a forced delete")
check(error_code(lambda: sm.get_secret_value(SecretId="nope")) == "ResourceNotFoundException", "unknown secret")
check(error_code(lambda: sm.restore_secret(SecretId="nope")) == "ResourceNotFoundException", "restore of nothing")
passed()
