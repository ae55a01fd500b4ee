#!/usr/bin/env python3
"""The dashboard in a real browser: headless Chromium (Debian's chromium and chromium-driver) driven by Selenium.

Usage: dashboard_test.py DEVSTACK PRODUCTS_FOLDER PACKAGE_ROOT SCREENSHOTS_FOLDER

Starts `devstack up` (in memory, virtual clock, every port chosen by the kernel) and checks, through the page only:
the page loads without console errors; sending a fixture from the page makes a task appear; with Asana down and the
clock advanced, the message's timeline shows ten receives and the DLQ; a re-drive from the page ends with one task.
A screenshot of each step goes to SCREENSHOTS_FOLDER. Prints MEASURE lines (what polling costs) and OK at the end;
any failure exits non-zero. devstack is stopped by its PID whatever happens.
"""
import json
import os
import select
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

DEVSTACK, PRODUCTS, ROOT, SHOTS = sys.argv[1:5]
FIRST = "event_alert-go-dev-detections.json"  # issue 4500000004
SECOND = "event_alert-python-prod-core-infra.json"  # issue 4500000001
SECOND_ISSUE = "4500000001"


def fail(message):
    raise AssertionError(message)


def start_stack():
    process = subprocess.Popen(
        [DEVSTACK, "up", "--json", "--in-memory", "--virtual-clock", "--port", "0", "--asana-port", "0",
         "--sentry-port", "0", "--webhook-port", "0", "--products", PRODUCTS],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    ready, _, _ = select.select([process.stdout], [], [], 120)
    if not ready:
        stop(process)
        fail("devstack up printed no endpoints within 120 s")
    line = process.stdout.readline().decode()
    if not line.strip():
        stop(process)
        fail("devstack up ended: " + process.stderr.read().decode()[-2000:])
    return process, json.loads(line)


def stop(process):
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,2000"):
        options.add_argument(argument)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Page:
    def __init__(self, driver, endpoints):
        self.driver = driver
        self.endpoints = endpoints
        self.step = 0

    def console_errors(self):
        return [entry for entry in self.driver.get_log("browser") if entry.get("level") == "SEVERE"]

    def check_console(self, where):
        errors = self.console_errors()
        if errors:
            fail(f"console errors {where}: {errors}")

    def shot(self, name):
        self.step += 1
        path = os.path.join(SHOTS, f"{self.step}-{name}.png")
        self.driver.save_screenshot(path)
        print("screenshot", path, flush=True)

    def click(self, selector):
        self.driver.find_element(By.CSS_SELECTOR, selector).click()
        self.wait_action()

    def wait_action(self):
        WebDriverWait(self.driver, 60, poll_frequency=0.1).until(
            lambda d: not d.find_element(By.ID, "action-result").text.endswith("…"))
        result = self.driver.find_element(By.ID, "action-result")
        if "bad" in (result.get_attribute("class") or ""):
            fail("the page reported: " + result.text)

    def kinds(self):
        # One script, so that a re-render between finding and reading an element cannot make it stale.
        return self.driver.execute_script(
            "return Array.from(document.querySelectorAll('#timeline li')).map((li) => li.dataset.kind)")

    def wait_kind(self, kind, count=1, nudge=None, attempts=20):
        """Waits until the timeline shows `count` events of `kind`; between tries clicks `nudge` if given."""
        for _ in range(attempts):
            deadline = time.time() + 3
            while time.time() < deadline:
                if self.kinds().count(kind) >= count:
                    return
                time.sleep(0.1)
            if nudge:
                self.click(nudge)
        fail(f"the timeline never showed {count} × {kind}: {self.kinds()}")

    def send(self, fixture):
        Select(self.driver.find_element(By.ID, "fixture")).select_by_value(fixture)
        self.click("#send")
        text = self.driver.find_element(By.ID, "action-result").text
        if "answered 200" not in text:
            fail("the producer did not accept the webhook: " + text)


def asana_tasks(endpoints, issue):
    base = endpoints["asana_url"].rsplit("/api/1.0", 1)[0]
    url = f"{base}/__admin/requests?method=POST&path=/api/1.0/tasks&status=201&body_contains={issue}"
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)["count"]


def asana_faults(endpoints):
    base = endpoints["asana_url"].rsplit("/api/1.0", 1)[0]
    with urllib.request.urlopen(f"{base}/__admin/faults", timeout=5) as response:
        return json.load(response)["faults"]


def asana_post_status(endpoints):
    """The status Asana's stub gives a task creation right now (the fault rules apply before anything else)."""
    request = urllib.request.Request(endpoints["asana_url"] + "/tasks", data=b'{"data":{}}', method="POST",
                                     headers={"Content-Type": "application/json",
                                              "Authorization": "Bearer dev-asana-pat"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    os.makedirs(SHOTS, exist_ok=True)
    process, endpoints = start_stack()
    driver = None
    try:
        dashboard = endpoints["aws_endpoint"] + "/_devstack/dashboard"
        print("dashboard", dashboard, flush=True)
        driver = browser()
        page = Page(driver, endpoints)

        # 1. The page loads without console errors.
        driver.get(dashboard)
        WebDriverWait(driver, 30).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
        time.sleep(2.5)  # a few polls
        page.check_console("on load")
        if "virtual clock" not in driver.find_element(By.ID, "clock-kind").text:
            fail("the clock is not shown as virtual")
        page.shot("loaded")

        # 1b. The 500 and 429 buttons set the rule they name on the Asana stub, the stub answers with it, and
        # "lift faults" removes it (through the stub's own /__admin, as the CLI does).
        for button, kind, status in (("500", "status", 500), ("429", "rate_limit", 429)):
            page.click(f"[data-fault='{button}']")
            rules = asana_faults(endpoints)
            if [rule.get("kind") for rule in rules] != [kind]:
                fail(f"the {button} button set {rules}, not one {kind} rule")
            answered = asana_post_status(endpoints)
            if answered != status:
                fail(f"with the {button} fault set, Asana's stub answered a task creation with {answered}")
            page.click("#lift")
            if asana_faults(endpoints):
                fail(f"lift faults left {asana_faults(endpoints)}")
        page.check_console("after setting and lifting faults")

        # 2. Sending a fixture from the page makes a task appear (the batching window closed with +5 s).
        page.send(FIRST)
        page.wait_kind("task", nudge="[data-advance='5']")
        page.check_console("after sending a fixture")
        page.shot("task-created")

        # 3. Asana down, the clock advanced: ten receives, then the DLQ.
        page.click("[data-fault='down']")
        page.send(SECOND)
        page.click("[data-advance='5']")
        for _ in range(15):
            if "movedToDLQ" in page.kinds():
                break
            page.click("#next-delivery")
        page.wait_kind("movedToDLQ", attempts=3)
        receives = page.kinds().count("received")
        if receives != 10:
            fail(f"expected ten receives before the DLQ, the timeline shows {receives}: {page.kinds()}")
        # Each receive was handed to a consumer invocation by the mapping, and each failed there with a reason.
        kinds = page.kinds()
        if kinds.count("invoked") != 10 or kinds.count("failed") != 10:
            fail(f"expected ten invocations and ten failures in the timeline: {kinds}")
        reasons = driver.execute_script(
            "return Array.from(document.querySelectorAll('#timeline li.failed')).map((li) => li.textContent)")
        if not all("batchItemFailures" in reason for reason in reasons):
            fail(f"a failure without its reason: {reasons}")
        page.check_console("after ten deliveries")
        page.shot("ten-receives-dlq")

        # 4. Faults lifted, a re-drive from the page: one task.
        page.click("#lift")
        page.click("#redrive")
        page.wait_kind("redriven", nudge="[data-advance='1']")
        page.wait_kind("task", nudge="[data-advance='5']")
        time.sleep(2)
        tasks = page.kinds().count("task")
        created = asana_tasks(endpoints, SECOND_ISSUE)
        if tasks != 1 or created != 1:
            fail(f"expected one task after the re-drive; timeline {tasks}, Asana journal {created}")
        page.check_console("after the re-drive")
        page.shot("redriven-one-task")

        # What polling costs: requests and bytes per poll as the page counts them, and devstack's CPU with the
        # page open against the same time with it closed.
        stats = driver.execute_script("return window.dashboard.stats")
        print(f"MEASURE poll: {stats['requests'] / max(1, stats['polls']):.1f} requests and "
              f"{stats['bytes'] / max(1, stats['polls']) / 1024:.1f} KiB per poll, "
              f"{stats['ms'] / max(1, stats['requests']):.1f} ms per request", flush=True)
        before = cpu_seconds(process.pid)
        time.sleep(10)
        open_cpu = cpu_seconds(process.pid) - before
        driver.get("about:blank")
        before = cpu_seconds(process.pid)
        time.sleep(10)
        closed_cpu = cpu_seconds(process.pid) - before
        print(f"MEASURE devstack CPU over 10 s: {open_cpu:.2f} s with the dashboard open, "
              f"{closed_cpu:.2f} s without", flush=True)
        print("OK", flush=True)
    finally:
        if driver is not None:
            driver.quit()
        stop(process)


if __name__ == "__main__":
    main()
