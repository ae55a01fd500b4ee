"""Drives the emulator's Secrets Manager with current boto3 through every operation of issue 4: CreateSecret,
GetSecretValue by VersionId and VersionStage, PutSecretValue (idempotent tokens, custom stages),
UpdateSecret, DescribeSecret, ListSecrets (filters, pages, sort, planned deletions), ListSecretVersionIds,
DeleteSecret with a recovery window or forced, RestoreSecret, AWSCURRENT/AWSPREVIOUS, the ARN's random suffix,
tags, and the error codes; and those of issue 15: GetRandomPassword, BatchGetSecretValue, resource policies,
UpdateSecretVersionStage, replication, ListSecrets' filter semantics and refusals, ClientRequestToken reuse in
AWS's words, RotateSecret's refusals (the rotation itself: rotation/rotation_boto3.py).

Usage: python3 secrets_boto3.py ENDPOINT
Exits 0 and prints "OK <checks>" when every check passed; otherwise prints the failed check and exits 1.
"""
import json
import re
import uuid

from botocore.exceptions import ClientError

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
# GetRandomPassword: length, exclusions, every included type by default, refusals.
password = sm.get_random_password()["RandomPassword"]
check(len(password) == 32, "GetRandomPassword's default length")
short = sm.get_random_password(PasswordLength=4)["RandomPassword"]
check(any(c.islower() for c in short) and any(c.isupper() for c in short) and any(c.isdigit() for c in short)
      and any(not c.isalnum() for c in short), "one character of each type: %r" % short)
digits = sm.get_random_password(PasswordLength=64, ExcludeLowercase=True, ExcludeUppercase=True,
                                ExcludePunctuation=True, ExcludeCharacters="0123")["RandomPassword"]
check(len(digits) == 64 and set(digits) <= set("456789"), "exclusions: %r" % digits)
check(error_code(lambda: sm.get_random_password(PasswordLength=4097)) == "ValidationException", "4097 characters")
check(error_code(lambda: sm.get_random_password(ExcludeLowercase=True, ExcludeUppercase=True, ExcludeNumbers=True,
                                                ExcludePunctuation=True)) == "InvalidParameterException",
      "nothing left to choose from")

# BatchGetSecretValue: by ids (errors for the unreadable) or by filters, paged.
batch = sm.batch_get_secret_value(SecretIdList=["app/db", "nope", "app/empty"])
check([v["Name"] for v in batch["SecretValues"]] == ["app/db"], "BatchGetSecretValue values: %s" % batch)
check(sorted((e["SecretId"], e["ErrorCode"]) for e in batch["Errors"])
      == [("app/empty", "ResourceNotFoundException"), ("nope", "ResourceNotFoundException")],
      "BatchGetSecretValue errors: %s" % batch["Errors"])
paged = sm.batch_get_secret_value(Filters=[{"Key": "name", "Values": ["page/"]}], MaxResults=1)
check(len(paged["SecretValues"]) == 1 and "NextToken" in paged, "BatchGetSecretValue by filter, paged")
check(error_code(lambda: sm.batch_get_secret_value(SecretIdList=["app/db"],
                                                   Filters=[{"Key": "name", "Values": ["a"]}]))
      == "InvalidParameterException", "ids and filters together")

# Resource policies.
policy = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "secretsmanager:*",
                     "Principal": {"AWS": "arn:aws:iam::000000000000:root"}, "Resource": "*"}]})
public = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "secretsmanager:*",
                     "Principal": "*", "Resource": "*"}]})
check("ResourcePolicy" not in sm.get_resource_policy(SecretId="app/db"), "no policy yet")
sm.put_resource_policy(SecretId="app/db", ResourcePolicy=policy)
check(sm.get_resource_policy(SecretId="app/db")["ResourcePolicy"] == policy, "PutResourcePolicy/GetResourcePolicy")
check(error_code(lambda: sm.put_resource_policy(SecretId="app/db", ResourcePolicy=public, BlockPublicPolicy=True))
      == "PublicPolicyException", "BlockPublicPolicy refuses a public policy")
check(error_code(lambda: sm.put_resource_policy(SecretId="app/db", ResourcePolicy="{not json"))
      == "MalformedPolicyDocumentException", "a policy that is not JSON")
validated = sm.validate_resource_policy(SecretId="app/db", ResourcePolicy=policy)
check(validated["PolicyValidationPassed"] is True and validated["ValidationErrors"] == [], "a valid policy")
broad = sm.validate_resource_policy(ResourcePolicy=public)
check(broad["PolicyValidationPassed"] is False and broad["ValidationErrors"], "a public policy fails validation")
sm.delete_resource_policy(SecretId="app/db")
check("ResourcePolicy" not in sm.get_resource_policy(SecretId="app/db"), "DeleteResourcePolicy")

# UpdateSecretVersionStage: AWSCURRENT moves only when the version losing it is named; the old one is AWSPREVIOUS.
staged = sm.put_secret_value(SecretId="app/cert", SecretBinary=b"new", VersionStages=["STAGED"])["VersionId"]
current = sm.get_secret_value(SecretId="app/cert")["VersionId"]
try:
    sm.update_secret_version_stage(SecretId="app/cert", VersionStage="AWSCURRENT", MoveToVersionId=staged)
    check(False, "moving AWSCURRENT without RemoveFromVersionId")
except sm.exceptions.InvalidParameterException as error:
    check("RemoveFromVersionId can't be empty" in str(error), "AWS's words: %s" % error)
sm.update_secret_version_stage(SecretId="app/cert", VersionStage="AWSCURRENT", MoveToVersionId=staged,
                               RemoveFromVersionId=current)
check(sm.describe_secret(SecretId="app/cert")["VersionIdsToStages"]
      == {current: ["AWSPREVIOUS"], staged: ["STAGED", "AWSCURRENT"]}, "AWSCURRENT moved, AWSPREVIOUS follows")
sm.update_secret_version_stage(SecretId="app/cert", VersionStage="STAGED", RemoveFromVersionId=staged)
check(sm.get_secret_value(SecretId="app/cert")["VersionStages"] == ["AWSCURRENT"], "a label removed")

# Replication: recorded and reported; refused where AWS refuses.
replicated = sm.create_secret(Name="app/global", SecretString="v", AddReplicaRegions=[{"Region": "eu-west-1"}])
check(replicated["ReplicationStatus"][0]["Region"] == "eu-west-1"
      and replicated["ReplicationStatus"][0]["Status"] == "InSync", "CreateSecret with AddReplicaRegions")
more = sm.replicate_secret_to_regions(SecretId="app/global", AddReplicaRegions=[{"Region": "us-west-2"}])
check([r["Region"] for r in more["ReplicationStatus"]] == ["eu-west-1", "us-west-2"], "ReplicateSecretToRegions")
described = sm.describe_secret(SecretId="app/global")
check(described["PrimaryRegion"] == "us-east-1" and len(described["ReplicationStatus"]) == 2,
      "DescribeSecret: PrimaryRegion and ReplicationStatus")
check(error_code(lambda: sm.replicate_secret_to_regions(SecretId="app/global",
                                                        AddReplicaRegions=[{"Region": "us-east-1"}]))
      == "InvalidParameterException", "a replica in the primary region")
left = sm.remove_regions_from_replication(SecretId="app/global", RemoveReplicaRegions=["eu-west-1"])
check([r["Region"] for r in left["ReplicationStatus"]] == ["us-west-2"], "RemoveRegionsFromReplication")
replica = replicated["ARN"].replace(":us-east-1:", ":us-west-2:")
check(sm.stop_replication_to_replica(SecretId=replica)["ARN"] == replica, "StopReplicationToReplica")
check("ReplicationStatus" not in sm.describe_secret(SecretId="app/global"), "no replicas left")
check(error_code(lambda: sm.stop_replication_to_replica(SecretId="app/global")) == "InvalidRequestException",
      "StopReplicationToReplica on a primary secret")

# ListSecrets: words, negation, several values OR'd, several filters AND'd, refusals in AWS's words.
for name, description in [("words/a", "one two"), ("words/b", "one and two"), ("words/c", "one"), ("words/d", "two")]:
    sm.create_secret(Name=name, SecretString="v", Description=description)


def listed(*filters):
    return [s["Name"] for s in sm.list_secrets(Filters=list(filters), SortBy="name")["SecretList"]]


check(listed({"Key": "description", "Values": ["one two"]}) == ["words/a", "words/b"], "a multi-word value")
check(listed({"Key": "name", "Values": ["words/"]}, {"Key": "description", "Values": ["!one"]}) == ["words/d"],
      "negation, filters AND'd")
check(listed({"Key": "name", "Values": ["words/c", "words/d"]}) == ["words/c", "words/d"], "values OR'd")
check(listed({"Key": "all", "Values": ["AND"]}) == ["words/b"], "all: words, any case")
try:
    sm.list_secrets(Filters=[{"Key": "colour", "Values": ["x"]}])
    check(False, "an unknown filter key")
except ClientError as error:
    check(error.response["Error"]["Code"] == "ValidationException"
          and "at 'filters.1.member.key' failed to satisfy constraint" in error.response["Error"]["Message"],
          "an unknown filter key: %s" % error)
check(error_code(lambda: sm.list_secrets(Filters=[{"Key": "name", "Values": ["a*b"]}])) == "ValidationException",
      "a filter value outside the pattern")
check(error_code(lambda: sm.list_secrets(SortOrder="up")) == "ValidationException", "an unknown SortOrder")

# ClientRequestToken reuse: the same request again succeeds, another value under the token is refused.
token_request = dict(Name="app/token", SecretString="v", ClientRequestToken=str(uuid.uuid4()))
first_create = sm.create_secret(**token_request)
check(sm.create_secret(**token_request)["ARN"] == first_create["ARN"], "CreateSecret repeated with its token")
try:
    sm.create_secret(**dict(token_request, SecretString="w"))
    check(False, "CreateSecret: another value under the same token")
except sm.exceptions.ResourceExistsException as error:
    check(str(error).endswith("You can't use ClientRequestToken %s because that value is already in use for a "
                              "version of secret %s" % (token_request["ClientRequestToken"], first_create["ARN"])),
          "AWS's words: %s" % error)

# RotateSecret's refusals (the rotation itself runs in SecretsManagerRotationTests with a real function).
check(error_code(lambda: sm.rotate_secret(SecretId="app/token")) == "InvalidRequestException",
      "RotateSecret without a rotation function")
check(error_code(lambda: sm.rotate_secret(SecretId="app/token", RotationLambdaARN="missing"))
      == "AccessDeniedException", "RotateSecret with a function that cannot be invoked")
check(error_code(lambda: sm.cancel_rotate_secret(SecretId="nope")) == "ResourceNotFoundException",
      "CancelRotateSecret of nothing")
passed()
