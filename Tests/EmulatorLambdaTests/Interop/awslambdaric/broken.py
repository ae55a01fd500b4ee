"""A handler module that cannot be imported: the init error the emulator must report as AWS does."""

raise RuntimeError("this module fails at import on purpose")


def handler(event, context):  # never reached
    return event
