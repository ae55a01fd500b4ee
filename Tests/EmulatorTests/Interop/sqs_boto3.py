"""Drives the emulator with boto3 the way applications do, covering every emulated SQS operation (both queue
types, redrive to the DLQ with its exact receive count, a move task back), Secrets Manager and STS.

Usage: python3 sqs_boto3.py ENDPOINT [json|query]
The second argument says which SQS wire protocol the installed botocore must be speaking; the script fails if
it is another one. Exits 0 and prints "OK <checks>" when every check passed; otherwise prints the failed check.
"""
import json
import sys
import time

import botocore

from interop_checks import check, client, error_code, passed

PROTOCOL = sys.argv[2] if len(sys.argv) > 2 else "json"


def wait_for_move_task(sqs, source_arn, done):
    """Polls ListMessageMoveTasks (at most ~10 s) until `done(latest task)`; returns the results."""
    for _ in range(200):
        results = sqs.list_message_move_tasks(SourceArn=source_arn, MaxResults=10)["Results"]
        if results and done(results[0]):
            return results
        time.sleep(0.05)
    print("FAILED: move task on %s did not reach the expected state: %s" % (source_arn, results))
    sys.exit(1)


sqs = client("sqs")
check(sqs.meta.service_model.protocol == PROTOCOL,
      "botocore %s speaks %s to SQS, expected %s" % (botocore.__version__, sqs.meta.service_model.protocol, PROTOCOL))
suffix = PROTOCOL

# Queues: create (idempotent), URL, list with prefix and pages, attributes, tags.
dlq_url = sqs.create_queue(QueueName="dlq-" + suffix)["QueueUrl"]
check(dlq_url.endswith("/000000000000/dlq-" + suffix), "queue URL is http://HOST/ACCOUNT/NAME: " + dlq_url)
dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
check(dlq_arn == "arn:aws:sqs:us-east-1:000000000000:dlq-" + suffix, "QueueArn " + dlq_arn)
policy = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 2})
url = sqs.create_queue(QueueName="work-" + suffix, Attributes={"VisibilityTimeout": "0", "RedrivePolicy": policy},
                       tags={"team": "core"})["QueueUrl"]
check(sqs.create_queue(QueueName="work-" + suffix, Attributes={"VisibilityTimeout": "0"})["QueueUrl"] == url,
      "CreateQueue with the same attributes returns the same URL")
check(error_code(lambda: sqs.create_queue(QueueName="work-" + suffix, Attributes={"VisibilityTimeout": "5"}))
      in ("QueueAlreadyExists", "QueueNameExists"), "CreateQueue with other attributes fails")
check(sqs.get_queue_url(QueueName="work-" + suffix)["QueueUrl"] == url, "GetQueueUrl")
try:
    sqs.get_queue_url(QueueName="missing-" + suffix)
    check(False, "GetQueueUrl of a missing queue must fail")
except sqs.exceptions.QueueDoesNotExist:
    check(True, "missing queue raises the modelled QueueDoesNotExist")
for index in range(3):
    sqs.create_queue(QueueName="page-%s-%d" % (suffix, index))
first = sqs.list_queues(QueueNamePrefix="page-" + suffix, MaxResults=2)
check(len(first["QueueUrls"]) == 2 and "NextToken" in first, "ListQueues first page")
second = sqs.list_queues(QueueNamePrefix="page-" + suffix, MaxResults=2, NextToken=first["NextToken"])
check(len(second["QueueUrls"]) == 1 and "NextToken" not in second, "ListQueues second page")
sqs.delete_queue(QueueUrl=second["QueueUrls"][0])
check(len(sqs.list_queues(QueueNamePrefix="page-" + suffix)["QueueUrls"]) == 2, "DeleteQueue")
sqs.tag_queue(QueueUrl=url, Tags={"env": "local"})
sqs.untag_queue(QueueUrl=url, TagKeys=["team"])
check(sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"env": "local"}, "Tag/Untag/ListQueueTags")
attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
check(json.loads(attributes["RedrivePolicy"]) == {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 2},
      "RedrivePolicy round-trips as a JSON string")
for name in ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
             "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp", "LastModifiedTimestamp", "DelaySeconds",
             "MaximumMessageSize", "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds"]:
    check(name in attributes, "GetQueueAttributes All includes " + name)
check(error_code(lambda: sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "901"}))
      == "InvalidAttributeValue", "out-of-range attribute")
check(sqs.list_dead_letter_source_queues(QueueUrl=dlq_url)["queueUrls"] == [url], "ListDeadLetterSourceQueues")

# Messages: every attribute type (botocore checks the MD5s), batches, visibility, delete.
sent = sqs.send_message(QueueUrl=url, MessageBody="poison", MessageAttributes={
    "s": {"DataType": "String", "StringValue": "text"},
    "n": {"DataType": "Number.int", "StringValue": "42"},
    "b": {"DataType": "Binary", "BinaryValue": b"\x00\x01\xff"}},
    MessageSystemAttributes={"AWSTraceHeader": {"DataType": "String", "StringValue": "Root=1-abc"}})
check("MD5OfMessageAttributes" in sent, "SendMessage answers the attribute MD5")
received = sqs.receive_message(QueueUrl=url, MessageAttributeNames=["All"], AttributeNames=["All"],
                               WaitTimeSeconds=1)["Messages"]
check(received[0]["MessageAttributes"]["b"]["BinaryValue"] == b"\x00\x01\xff", "binary attribute round-trips")
check(received[0]["Attributes"]["ApproximateReceiveCount"] == "1", "first receive count")
check(received[0]["Attributes"].get("AWSTraceHeader") == "Root=1-abc", "AWSTraceHeader round-trips")
second = sqs.receive_message(QueueUrl=url, AttributeNames=["All"])["Messages"]
check(second[0]["Attributes"]["ApproximateReceiveCount"] == "2", "second receive count")
check(second[0]["ReceiptHandle"] != received[0]["ReceiptHandle"], "a new receipt handle per receive")
check("Messages" not in sqs.receive_message(QueueUrl=url), "third receive moves the message to the DLQ instead")
dead = sqs.receive_message(QueueUrl=dlq_url, AttributeNames=["All"], VisibilityTimeout=0)["Messages"][0]
check(dead["MessageId"] == sent["MessageId"], "dead letter keeps its id")
check(dead["Attributes"]["DeadLetterQueueSourceArn"].endswith(":work-" + suffix), "DeadLetterQueueSourceArn")
task = sqs.start_message_move_task(SourceArn=dlq_arn)
check("TaskHandle" in task, "StartMessageMoveTask")
tasks = wait_for_move_task(sqs, dlq_arn, lambda t: t["Status"] != "RUNNING")
check(tasks[0]["Status"] == "COMPLETED" and tasks[0]["ApproximateNumberOfMessagesMoved"] == 1
      and tasks[0]["ApproximateNumberOfMessagesToMove"] == 1, "ListMessageMoveTasks shows the finished task")
check(error_code(lambda: sqs.cancel_message_move_task(TaskHandle=task["TaskHandle"])) == "ResourceNotFoundException",
      "CancelMessageMoveTask of a finished task")
moved = sqs.receive_message(QueueUrl=url)["Messages"]
check(moved[0]["Body"] == "poison", "moved back to the source")
sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "30", "RedrivePolicy": ""})
sqs.delete_message(QueueUrl=url, ReceiptHandle=moved[0]["ReceiptHandle"])

# A slow move task (1 message/s) to a chosen destination: RUNNING with its progress, one active task per
# source, cancel keeps what was moved and leaves the rest in the DLQ.
slow_dlq_url = sqs.create_queue(QueueName="slow-dlq-" + suffix)["QueueUrl"]
slow_dlq_arn = "arn:aws:sqs:us-east-1:000000000000:slow-dlq-" + suffix
sqs.create_queue(QueueName="slow-src-" + suffix,
                 Attributes={"RedrivePolicy": json.dumps({"deadLetterTargetArn": slow_dlq_arn, "maxReceiveCount": 5})})
target_url = sqs.create_queue(QueueName="slow-target-" + suffix)["QueueUrl"]
target_arn = "arn:aws:sqs:us-east-1:000000000000:slow-target-" + suffix
for index in range(5):
    sqs.send_message(QueueUrl=slow_dlq_url, MessageBody="stuck %d" % index)
slow = sqs.start_message_move_task(SourceArn=slow_dlq_arn, DestinationArn=target_arn, MaxNumberOfMessagesPerSecond=1)
running = wait_for_move_task(sqs, slow_dlq_arn, lambda t: t["ApproximateNumberOfMessagesMoved"] >= 1)[0]
check(running["Status"] == "RUNNING" and running["TaskHandle"] == slow["TaskHandle"]
      and running["ApproximateNumberOfMessagesToMove"] == 5 and running["MaxNumberOfMessagesPerSecond"] == 1
      and running["DestinationArn"] == target_arn, "a rate-limited move task is RUNNING with its progress")
check(error_code(lambda: sqs.start_message_move_task(SourceArn=slow_dlq_arn)) in
      ("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation"), "one active move task per source")
cancelled = sqs.cancel_message_move_task(TaskHandle=slow["TaskHandle"])
check(cancelled["ApproximateNumberOfMessagesMoved"] >= 1, "CancelMessageMoveTask answers the progress")
final = wait_for_move_task(sqs, slow_dlq_arn, lambda t: t["Status"] == "CANCELLED")[0]
counts = [int(sqs.get_queue_attributes(QueueUrl=u, AttributeNames=["ApproximateNumberOfMessages"])
              ["Attributes"]["ApproximateNumberOfMessages"]) for u in (target_url, slow_dlq_url)]
check(counts[0] == final["ApproximateNumberOfMessagesMoved"] and sum(counts) == 5 and counts[1] >= 1,
      "a cancelled task keeps the moved messages and leaves the rest: %s" % counts)

batch = sqs.send_message_batch(QueueUrl=url, Entries=[
    {"Id": "a", "MessageBody": "one"}, {"Id": "b", "MessageBody": "two", "DelaySeconds": 0},
    {"Id": "c", "MessageBody": "three"}, {"Id": "bad", "MessageBody": "x", "DelaySeconds": 901}])
check(len(batch["Successful"]) == 3 and batch["Failed"][0]["Id"] == "bad", "SendMessageBatch partial failure")
messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
check(sorted(m["Body"] for m in messages) == ["one", "three", "two"], "ReceiveMessage of ten")
changed = sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
    {"Id": "m%d" % i, "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 0} for i, m in enumerate(messages)])
check(len(changed["Successful"]) == 3, "ChangeMessageVisibilityBatch")
messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=messages[0]["ReceiptHandle"], VisibilityTimeout=60)
deleted = sqs.delete_message_batch(QueueUrl=url, Entries=[
    {"Id": "d%d" % i, "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])
check(len(deleted["Successful"]) == 3, "DeleteMessageBatch")
check(error_code(lambda: sqs.delete_message(QueueUrl=url, ReceiptHandle="garbage")) == "ReceiptHandleIsInvalid",
      "bad receipt handle")
check(error_code(lambda: sqs.send_message(QueueUrl=url, MessageBody="x" * 262145)) == "InvalidParameterValue",
      "message over 256 KiB")
sqs.send_message(QueueUrl=url, MessageBody="to purge")
sqs.purge_queue(QueueUrl=url)
check(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])
      ["Attributes"]["ApproximateNumberOfMessages"] == "0", "PurgeQueue")
started = time.time()
sqs.send_message(QueueUrl=url, MessageBody="delayed", DelaySeconds=1)
check(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessagesDelayed"])
      ["Attributes"]["ApproximateNumberOfMessagesDelayed"] == "1", "delayed count")
late = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=5).get("Messages", [])
check(len(late) == 1 and time.time() - started < 4.5, "a long poll wakes when a delayed message becomes visible")

# FIFO: order within a group, group lock, deduplication, content-based deduplication.
fifo = sqs.create_queue(QueueName="orders-%s.fifo" % suffix,
                        Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
first_send = sqs.send_message(QueueUrl=fifo, MessageBody="a1", MessageGroupId="a")
check(len(first_send["SequenceNumber"]) == 20, "FIFO sequence number")
again = sqs.send_message(QueueUrl=fifo, MessageBody="a1", MessageGroupId="a")
check(again["MessageId"] == first_send["MessageId"], "content-based deduplication")
sqs.send_message(QueueUrl=fifo, MessageBody="a2", MessageGroupId="a", MessageDeduplicationId="x2")
sqs.send_message(QueueUrl=fifo, MessageBody="b1", MessageGroupId="b", MessageDeduplicationId="y1")
got = sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=1, AttributeNames=["All"])["Messages"]
check(got[0]["Body"] == "a1" and got[0]["Attributes"]["MessageGroupId"] == "a", "FIFO first")
rest = sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10)["Messages"]
check([m["Body"] for m in rest] == ["b1"], "group a stays locked while a1 is in flight")
sqs.delete_message(QueueUrl=fifo, ReceiptHandle=got[0]["ReceiptHandle"])
check([m["Body"] for m in sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10)["Messages"]] == ["a2"],
      "group a continues in order")
check(error_code(lambda: sqs.send_message(QueueUrl=fifo, MessageBody="x")) == "MissingParameter",
      "FIFO needs MessageGroupId")

# Permissions: AddPermission writes a statement into the Policy attribute, RemovePermission takes it out.
shared = sqs.create_queue(QueueName="shared-" + suffix)["QueueUrl"]
sqs.add_permission(QueueUrl=shared, Label="Partner", AWSAccountIds=["111122223333"],
                   Actions=["SendMessage", "GetQueueUrl"])
statement = json.loads(sqs.get_queue_attributes(QueueUrl=shared, AttributeNames=["Policy"])
                       ["Attributes"]["Policy"])["Statement"][0]
check(statement["Sid"] == "Partner" and statement["Action"] == ["SQS:SendMessage", "SQS:GetQueueUrl"]
      and statement["Principal"] == {"AWS": "arn:aws:iam::111122223333:root"}, "AddPermission: %s" % statement)
check(error_code(lambda: sqs.add_permission(QueueUrl=shared, Label="Partner", AWSAccountIds=["111122223333"],
                                            Actions=["SendMessage"])) == "InvalidParameterValue", "label twice")
check(error_code(lambda: sqs.add_permission(QueueUrl=shared, Label="Many", AWSAccountIds=["111122223333"],
                                            Actions=["SendMessage"] * 8)) == "OverLimit", "eight actions")
sqs.remove_permission(QueueUrl=shared, Label="Partner")
check("Policy" not in sqs.get_queue_attributes(QueueUrl=shared, AttributeNames=["All"])["Attributes"],
      "RemovePermission of the last label leaves no Policy")
check(error_code(lambda: sqs.remove_permission(QueueUrl=shared, Label="Partner")) == "InvalidParameterValue",
      "RemovePermission of an unknown label")

# Batch rules, attribute names, queue URL hosts, FIFO delays: AWS's codes, legacy ones over both protocols.
def legacy(code):
    return (code, "AWS.SimpleQueueService." + code)


check(error_code(lambda: sqs.send_message_batch(QueueUrl=shared, Entries=[
    {"Id": "same", "MessageBody": "1"}, {"Id": "same", "MessageBody": "2"}])) in legacy("BatchEntryIdsNotDistinct"),
    "BatchEntryIdsNotDistinct")
check(error_code(lambda: sqs.delete_message_batch(QueueUrl=shared, Entries=[
    {"Id": "a.b", "ReceiptHandle": "h"}])) in legacy("InvalidBatchEntryId"), "InvalidBatchEntryId")
check(error_code(lambda: sqs.change_message_visibility_batch(QueueUrl=shared, Entries=[
    {"Id": "e%d" % i, "ReceiptHandle": "h", "VisibilityTimeout": 0} for i in range(11)]))
    in legacy("TooManyEntriesInBatchRequest"), "TooManyEntriesInBatchRequest")
check(error_code(lambda: sqs.receive_message(QueueUrl=shared, AttributeNames=["Bogus"])) == "InvalidAttributeName",
      "ReceiveMessage refuses an unknown attribute name")
check(error_code(lambda: sqs.get_queue_attributes(QueueUrl=shared, AttributeNames=["Bogus"]))
      == "InvalidAttributeName", "GetQueueAttributes refuses an unknown attribute name")
foreign = "https://sqs.eu-west-1.amazonaws.com/000000000000/shared-" + suffix
check(error_code(lambda: sqs.send_message(QueueUrl=foreign, MessageBody="x")) in legacy("QueueDoesNotExist")
      + ("AWS.SimpleQueueService.NonExistentQueue",), "a queue URL of another endpoint")
check(error_code(lambda: sqs.send_message(QueueUrl=fifo, MessageBody="x", MessageGroupId="a",
                                          DelaySeconds=5)) == "InvalidParameterValue", "FIFO refuses DelaySeconds")
sqs.send_message(QueueUrl=shared, MessageBody="filtered", MessageAttributes={
    "app.one": {"DataType": "String", "StringValue": "1"}, "other": {"DataType": "String", "StringValue": "2"}})
filtered = sqs.receive_message(QueueUrl=shared, MessageAttributeNames=["app.*"], AttributeNames=["SentTimestamp"])
filtered = filtered["Messages"][0]
check(list(filtered["MessageAttributes"]) == ["app.one"] and list(filtered["Attributes"]) == ["SentTimestamp"],
      "only the attributes asked for: %s %s" % (filtered["MessageAttributes"], filtered["Attributes"]))
if PROTOCOL == "json":
    check(error_code(lambda: sqs.receive_message(QueueUrl=shared, MessageSystemAttributeNames=["Policy"]))
          == "InvalidAttributeName", "MessageSystemAttributeNames takes message system attributes only")


# Secrets Manager.
secrets = client("secretsmanager")
name = "Sentry_Asana_Secrets_" + suffix
created = secrets.create_secret(Name=name, SecretString=json.dumps({"asana": "t1"}))
check(created["ARN"].startswith("arn:aws:secretsmanager:us-east-1:000000000000:secret:%s-" % name), "secret ARN")
secrets.put_secret_value(SecretId=name, SecretString=json.dumps({"asana": "t2"}))
check(json.loads(secrets.get_secret_value(SecretId=created["ARN"])["SecretString"]) == {"asana": "t2"}, "AWSCURRENT")
previous = secrets.get_secret_value(SecretId=name, VersionStage="AWSPREVIOUS")
check(previous["VersionId"] == created["VersionId"], "AWSPREVIOUS")
secrets.update_secret(SecretId=name, Description="webhook secrets")
check(secrets.describe_secret(SecretId=name)["Description"] == "webhook secrets", "UpdateSecret/DescribeSecret")
check(any(s["Name"] == name for s in secrets.list_secrets()["SecretList"]), "ListSecrets")
binary = secrets.create_secret(Name=name + "_bin", SecretBinary=b"\x01\x02")
check(secrets.get_secret_value(SecretId=binary["ARN"])["SecretBinary"] == b"\x01\x02", "binary secret")
secrets.delete_secret(SecretId=name, RecoveryWindowInDays=7)
check(error_code(lambda: secrets.get_secret_value(SecretId=name)) == "InvalidRequestException", "deleted secret")
secrets.restore_secret(SecretId=name)
secrets.delete_secret(SecretId=name, ForceDeleteWithoutRecovery=True)
check(error_code(lambda: secrets.get_secret_value(SecretId=name)) == "ResourceNotFoundException", "forced delete")

# STS and credentials.
check(client("sts").get_caller_identity()["Account"] == "000000000000", "GetCallerIdentity")
check(error_code(lambda: client("sqs", secret="wrong").list_queues()) == "SignatureDoesNotMatch", "wrong secret")
check(error_code(lambda: client("sqs", key="nobody").list_queues()) == "InvalidClientTokenId", "unknown key")
check(error_code(lambda: client("secretsmanager", key="nobody").list_secrets()) == "UnrecognizedClientException",
      "unknown key, Secrets Manager")
passed()
