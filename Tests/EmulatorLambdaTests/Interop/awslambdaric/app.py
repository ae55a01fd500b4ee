"""Handlers the emulator's interop tests run under awslambdaric (AWS's runtime interface client for Python)."""

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

processor = BatchProcessor(event_type=EventType.SQS)


def echo(event, context):
    """The event and what the context says about the invocation."""
    return {
        "event": event,
        "request_id": context.aws_request_id,
        "function_name": context.function_name,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "remaining_ms": context.get_remaining_time_in_millis(),
        "log_stream_name": context.log_stream_name,
    }


def fail(event, context):
    raise ValueError("failed on purpose")


def burst(event, context):
    """50 log lines naming the request, then the answer."""
    for line in range(50):
        print(f"burst {context.aws_request_id} line {line}", flush=True)
    return {"lines": 50}


def record_handler(record):
    if "fail" in record.body:
        raise RuntimeError(f"record {record.message_id} fails on purpose")


def batch(event, context):
    """aws-lambda-powertools' batch processor: failed records go back as batchItemFailures."""
    return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
