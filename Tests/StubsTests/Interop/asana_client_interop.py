"""Drives the stub Asana with the official `asana` Python client (v5, `pip install asana`).

Usage: python3 asana_client_interop.py BASE_URL TOKEN
Prints one JSON object with what it saw; exits non-zero on the first expectation that fails.
"""
import json
import sys

import asana
from asana.rest import ApiException
from urllib3.util.retry import Retry

base, token = sys.argv[1], sys.argv[2]
WORKSPACE = "1100000000000001"
PROJECT = "1200000000010012"  # Core Infrastructure Sprint 42
PORTFOLIO = "1200000000001002"  # Core Infrastructure Sprints


def client(access_token, retry=None):
    configuration = asana.Configuration()
    configuration.host = base + "/api/1.0"
    configuration.access_token = access_token
    if retry is not None:
        configuration.retry_strategy = retry
    return asana.ApiClient(configuration)


def expect(condition, message):
    if not condition:
        print(json.dumps({"failed": message}))
        sys.exit(1)


def error_status(call):
    try:
        call()
    except ApiException as error:
        body = json.loads(error.body)
        expect("errors" in body and body["errors"][0]["message"], f"error body has Asana's shape: {error.body}")
        return error.status, type(error).__name__, body["errors"][0]["message"]
    expect(False, "expected an ApiException")


api = client(token)
tasks = asana.TasksApi(api)
seen = {}

created = tasks.create_task({"data": {
    "name": "KeyError: 'tenant_id'",
    "projects": [PROJECT],
    "html_notes": "<body><strong>Sentry</strong> issue 4500000001</body>",
    "custom_fields": {"1100000000000101": "1100000000000102", "1100000000000201": "1100000000000211"},
}}, {"opt_fields": "name,permalink_url,custom_fields.name,custom_fields.enum_value.name"})
expect(created["gid"].isdigit(), "task gid is a string of digits")
expect(created["permalink_url"].endswith(created["gid"]), "permalink_url points at the task")
seen["created"] = created["gid"]

read = tasks.get_task(created["gid"], {"opt_fields": "name,notes,custom_fields.enum_value.name"})
expect(read["name"] == "KeyError: 'tenant_id'", "the created task reads back")
expect(read["notes"] == "Sentry issue 4500000001", "notes come from html_notes")
values = {f["gid"]: (f.get("enum_value") or {}).get("name") for f in read["custom_fields"]}
expect(values.get("1100000000000101") == "HIGH", f"priority reads back: {values}")

items = list(asana.PortfoliosApi(api).get_items_for_portfolio(
    PORTFOLIO, {"limit": 1, "opt_fields": "name,created_at,archived"}))
expect([i["gid"] for i in items] == ["1200000000010011", "1200000000010012", "1200000000010019"],
       f"three portfolio items over three pages: {items}")
expect(items[2]["archived"] is True, "the archived project says so")
seen["portfolio_items"] = len(items)

settings = list(asana.CustomFieldSettingsApi(api).get_custom_field_settings_for_project(PROJECT, {}))
seen["custom_field_settings"] = [s["custom_field"]["gid"] for s in settings]
expect(len(settings) == 5, "five custom field settings")

story = asana.StoriesApi(api).create_story_for_task({"data": {"text": "Seen again in prod"}}, created["gid"], {})
expect(story["resource_subtype"] == "comment_added", "a comment story")
stories = list(asana.StoriesApi(api).get_stories_for_task(created["gid"], {}))
expect([s["text"] for s in stories] == ["Seen again in prod"], "the story is on the task")

errors = {}
errors["400"] = error_status(lambda: tasks.create_task({"data": {
    "name": "x", "projects": [PROJECT], "custom_fields": {"1100000000000601": "1100000000000602"}}}, {}))
errors["401"] = error_status(lambda: asana.UsersApi(client("wrong-token")).get_user("me", {}))
errors["404"] = error_status(lambda: tasks.get_task("1", {}))
no_retry = client(token, Retry(total=0, raise_on_status=False))
errors["429"] = error_status(lambda: asana.UsersApi(no_retry).get_user("me", {}))
for status, (got, _, _) in errors.items():
    expect(str(got) == status, f"status {status} surfaces as ApiException.status {got}")
seen["errors"] = errors

# The client's own retry honours Retry-After and then succeeds (the stub's 429 fault is set for one request).
me = asana.UsersApi(api).get_user("me", {})
seen["after_retry"] = me["gid"]
print(json.dumps(seen))
