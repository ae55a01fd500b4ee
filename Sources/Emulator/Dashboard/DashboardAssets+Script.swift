extension DashboardAssets {
    /// Polls the control APIs once a second (skipped while a poll is still under way or the tab is hidden) and
    /// drives the same endpoints the CLI does. Everything shown is put in with `textContent`, never as HTML.
    static let script = #"""
        "use strict";
        const API = "/_devstack";
        const POLL_MS = 1000;
        const S = { config: null, after: 0, sent: [], selected: null, open: new Set(), busy: false, now: 0,
          queues: {}, stats: { polls: 0, requests: 0, bytes: 0, ms: 0 } };
        window.dashboard = S;
        const $ = (id) => document.getElementById(id);

        function el(tag, attrs, ...kids) {
          const node = document.createElement(tag);
          for (const [key, value] of Object.entries(attrs || {})) {
            if (key === "class") node.className = value;
            else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
            else node.setAttribute(key, value);
          }
          for (const kid of kids.flat()) {
            if (kid === null || kid === undefined) continue;
            node.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
          }
          return node;
        }
        function fill(id, ...kids) { const node = $(id); node.replaceChildren(...kids.flat()); }
        function short(id) { return id ? String(id).slice(0, 8) : ""; }
        function time(ms) { return new Date(ms).toISOString().replace("T", " ").replace("Z", ""); }
        function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

        async function call(method, url, body) {
          const options = { method, cache: "no-store", headers: {} };
          if (body !== undefined) { options.body = JSON.stringify(body); options.headers["Content-Type"] = "application/json"; }
          const started = performance.now();
          const response = await fetch(url, options);
          const text = await response.text();
          S.stats.requests += 1; S.stats.bytes += text.length; S.stats.ms += performance.now() - started;
          let json = null;
          try { json = JSON.parse(text); } catch (error) { json = { text }; }
          if (!response.ok) throw new Error((json && (json.error || json.message)) || ("HTTP " + response.status));
          return json;
        }
        const get = (url) => call("GET", url);

        function say(text, bad) { const node = $("action-result"); node.textContent = text; node.className = bad ? "bad" : "muted"; }
        async function act(label, work) {
          say(label + "…");
          try { const text = await work(); say(text || (label + ": done")); } catch (error) { say(label + ": " + error.message, true); }
          await poll(true);
        }

        // ---- actions: the same control APIs the CLI uses ----
        async function advance(seconds) { return call("POST", API + "/clock", { advance: seconds }); }
        function nextVisibleAt() {
          let due = null;
          for (const name of S.config.queues) {
            for (const message of S.queues[name] || []) {
              if (message.state === "inFlight" && (due === null || message.visibleAt < due)) due = message.visibleAt;
            }
          }
          return due;
        }
        // Waits (at most 10 s) until no function is busy: jumping the clock past a running invocation's deadline
        // would time it out, which is not what "next delivery" means.
        async function settle() {
          for (let i = 0; i < 100; i++) {
            const functions = await get(API + "/lambda/functions");
            if (functions.functions.every((f) => f.busy === 0)) return;
            await sleep(100);
          }
        }
        async function nextDelivery() {
          await settle();
          const before = (await get(API + "/events?limit=1&after=" + S.after)).last;
          const clock = await get(API + "/clock");
          const due = nextVisibleAt();
          let text = "nothing in flight";
          if (due !== null) {
            await advance(Math.max(0.001, (due - clock.now) / 1000 + 0.001));
            text = "advanced to the next delivery";
          }
          // Let a poller take the message, then close the mapping's batching window so the batch is invoked.
          for (let i = 0; i < 30; i++) {
            const seen = await get(API + "/events?after=" + before);
            if (seen.events.some((e) => e.kind === "received" || e.kind === "movedToDLQ")) break;
            await sleep(100);
          }
          if (S.config.batchingWindow > 0) { await advance(S.config.batchingWindow); text += ", then the " + S.config.batchingWindow + " s batching window"; }
          return text;
        }
        const FAULTS = {
          "500": { method: "POST", path: "/api/1.0/**", kind: "status", status: 500 },
          "429": { path: "/api/1.0/**", kind: "rate_limit", retry_after: 30 },
          "down": { path: "/**", kind: "reset" },
        };
        function wire() {
          $("send").addEventListener("click", () => act("send", async () => {
            const answer = await call("POST", API + "/webhooks/send", { fixture: $("fixture").value });
            if (answer.messageId) select(answer.messageId);
            return "sent " + answer.fixture + " → producer answered " + answer.status + (answer.messageId ? ", message " + short(answer.messageId) : "");
          }));
          for (const button of document.querySelectorAll("[data-fault]")) {
            button.addEventListener("click", () => act("Asana " + button.dataset.fault, async () => {
              await call("POST", S.config.asanaUrl + "/__admin/faults", FAULTS[button.dataset.fault]);
              return "Asana fault set: " + button.dataset.fault;
            }));
          }
          $("lift").addEventListener("click", () => act("lift", async () => {
            await call("DELETE", S.config.asanaUrl + "/__admin/faults");
            await call("DELETE", S.config.sentryUrl + "/__admin/faults");
            return "faults lifted";
          }));
          $("redrive").addEventListener("click", () => act("re-drive", async () => {
            const dlq = S.config.deadLetterQueues[0];
            const answer = await call("POST", API + "/sqs/queues/" + encodeURIComponent(dlq) + "/redrive", {});
            return "re-drive of " + dlq + " started (task " + short(answer.taskHandle) + ")";
          }));
          for (const button of document.querySelectorAll("[data-advance]")) {
            button.addEventListener("click", () => act("advance", async () => {
              await advance(Number(button.dataset.advance));
              return "clock advanced " + button.dataset.advance + " s";
            }));
          }
          $("next-delivery").addEventListener("click", () => act("next delivery", nextDelivery));
          document.addEventListener("visibilitychange", () => { if (!document.hidden) poll(); });
        }
        function select(id) { S.selected = id; $("timeline-id").textContent = id; }

        // ---- polling ----
        async function poll(force) {
          if (S.busy || (document.hidden && !force)) return;
          S.busy = true;
          const started = performance.now();
          const before = S.stats.requests;
          try {
            const names = S.config.queues.concat(S.config.deadLetterQueues);
            const stubs = S.config.asanaUrl ? [
              get(S.config.asanaUrl + "/__admin/requests?limit=12"), get(S.config.sentryUrl + "/__admin/requests?limit=12"),
              get(S.config.asanaUrl + "/__admin/requests/count"), get(S.config.sentryUrl + "/__admin/requests/count"),
              get(S.config.asanaUrl + "/__admin/faults"),
            ] : [];
            const [status, clock, events, invocations, ...rest] = await Promise.all([
              get(API + "/status"), get(API + "/clock"), get(API + "/events?after=" + S.after),
              get(API + "/lambda/invocations?limit=25"),
              ...names.map((name) => get(API + "/sqs/queues/" + encodeURIComponent(name) + "/messages")), ...stubs,
            ]);
            names.forEach((name, index) => { S.queues[name] = rest[index].messages; });
            S.now = clock.now;
            renderClock(clock);
            absorb(events);
            renderQueues(status.queues);
            renderAlarms(status.alarms);
            renderInvocations(invocations.invocations);
            const journals = rest.slice(names.length);
            if (journals.length) {
              renderJournal("journal-asana", journals[0].requests);
              renderJournal("journal-sentry", journals[1].requests);
            }
            renderPipeline(status, events.counts, journals);
            if (S.selected) await renderTimeline(S.selected);
          } catch (error) {
            say("poll: " + error.message, true);
          } finally {
            S.busy = false;
            S.stats.polls += 1;
            const took = Math.round(performance.now() - started);
            $("poll-stats").textContent = "polls every " + POLL_MS / 1000 + " s: " + (S.stats.requests - before) +
              " requests, last " + took + " ms, " + Math.round(S.stats.bytes / 1024) + " KiB in all";
          }
        }

        function absorb(events) {
          for (const event of events.events) {
            if (event.kind === "sent") S.sent.push(event);
          }
          S.sent = S.sent.slice(-200);
          S.after = events.next;
          fill("messages", S.sent.length === 0 ? el("p", { class: "muted" }, "No message sent yet.") :
            el("table", {}, el("tr", {}, el("th", {}, "message"), el("th", {}, "queue"), el("th", {}, "sent")),
              S.sent.slice(-15).reverse().map((event) => el("tr", { class: "click", "data-message": event.messageId, onclick: () => { select(event.messageId); poll(true); } },
                el("td", { class: "mono" }, short(event.messageId)), el("td", {}, event.queue), el("td", {}, time(event.time))))));
        }

        function renderClock(clock) {
          $("clock-kind").textContent = clock.virtual ? "virtual clock" : "real clock";
          $("clock").textContent = clock.iso8601;
          $("advance").hidden = !clock.virtual;
        }

        function renderQueues(queues) {
          const rows = [];
          for (const queue of queues) {
            rows.push(el("tr", {}, el("td", {}, queue.name), el("td", {}, queue.visible), el("td", {}, queue.inFlight), el("td", {}, queue.delayed)));
            for (const message of (S.queues[queue.name] || []).filter((m) => m.state === "inFlight")) {
              const seconds = Math.max(0, (message.visibleAt - S.now) / 1000);
              rows.push(el("tr", { class: "click", onclick: () => { select(message.messageId); poll(true); } },
                el("td", { class: "mono small", colspan: "4" }, "↳ " + short(message.messageId) + " in flight, receive " + message.receiveCount +
                  ", visible again in " + seconds.toFixed(1) + " s (" + time(message.visibleAt) + ")")));
            }
          }
          fill("queues", el("table", {}, el("tr", {}, el("th", {}, "queue"), el("th", {}, "visible"), el("th", {}, "in flight"), el("th", {}, "delayed")), rows));
        }

        function renderAlarms(alarms) {
          fill("alarms", alarms.length === 0 ? el("p", { class: "muted" }, "No alarms.") : el("table", {}, alarms.map((alarm) =>
            el("tr", {}, el("td", {}, alarm.name), el("td", { class: alarm.state === "ALARM" ? "bad" : alarm.state === "OK" ? "ok" : "warn" }, alarm.state),
              el("td", { class: "small muted" }, alarm.reason)))));
        }

        function renderInvocations(invocations) {
          const rows = [];
          for (const record of invocations.slice().reverse()) {
            const duration = record.endedAt === null ? "running" : (record.endedAt - record.startedAt) + " ms";
            const css = record.outcome === "success" ? "ok" : record.outcome === "running" ? "warn" : "bad";
            rows.push(el("tr", { class: "click", onclick: () => toggle(record) },
              el("td", {}, record.function.replace("sentry-asana-", "")), el("td", { class: "mono" }, short(record.requestId)),
              el("td", {}, record.source), el("td", {}, duration), el("td", { class: css }, record.outcome + (record.errorType ? " " + record.errorType : "")),
              el("td", {}, record.messageIds.length + " msg")));
            if (S.open.has(record.requestId)) rows.push(el("tr", {}, el("td", { colspan: "6" }, el("pre", { "data-logs": record.requestId }, "…"))));
          }
          fill("invocations", el("table", {}, el("tr", {}, el("th", {}, "function"), el("th", {}, "request"), el("th", {}, "source"), el("th", {}, "duration"), el("th", {}, "outcome"), el("th", {}, "")), rows));
          for (const node of document.querySelectorAll("pre[data-logs]")) loadLogs(node, invocations.find((r) => r.requestId === node.dataset.logs));
        }
        async function loadLogs(node, record) {
          const page = await get(API + "/lambda/logs?function=" + encodeURIComponent(record.function));
          const lines = page.events.filter((e) => e.requestId === record.requestId).map((e) => e.message);
          node.textContent = lines.length ? lines.join("\n") : "(no log lines)";
        }
        function toggle(record) { if (S.open.has(record.requestId)) S.open.delete(record.requestId); else S.open.add(record.requestId); poll(true); }

        function renderJournal(id, entries) {
          fill(id, entries.length === 0 ? el("p", { class: "muted" }, "No calls yet.") : el("table", {}, entries.slice().reverse().map((entry) =>
            el("tr", {}, el("td", {}, entry.method), el("td", { class: "mono small" }, entry.path),
              el("td", { class: entry.status >= 400 || entry.status === 0 ? "bad" : "ok" }, entry.status || "reset"),
              el("td", { class: "small muted" }, entry.fault || "")))));
        }

        function renderPipeline(status, counts, journals) {
          const sum = (kind, queues) => Object.entries(counts[kind] || {}).filter(([q]) => !queues || queues.includes(q)).reduce((a, [, n]) => a + n, 0);
          const fn = (name) => status.functions.find((f) => f.name.endsWith(name)) || { invocations: 0, errors: 0 };
          const producer = fn("producer"), consumer = fn("consumer");
          $("edge-webhook").textContent = producer.invocations;
          $("edge-sent").textContent = sum("sent", S.config.queues);
          $("edge-invoked").textContent = sum("invoked", S.config.queues);
          $("edge-dlq").textContent = sum("movedToDLQ");
          $("edge-redrive").textContent = sum("redriven");
          $("node-producer").textContent = producer.invocations + " invocations, " + producer.errors + " errors";
          $("node-consumer").textContent = consumer.invocations + " invocations, " + consumer.errors + " errors";
          const depth = (names) => status.queues.filter((q) => names.includes(q.name));
          const main = depth(S.config.queues), dead = depth(S.config.deadLetterQueues);
          $("node-queue").textContent = main.map((q) => q.visible + " visible · " + q.inFlight + " in flight").join(" ");
          $("node-dlq").textContent = dead.map((q) => q.visible + q.inFlight + " messages").join(" ");
          if (journals.length) {
            $("edge-asana").textContent = journals[2].count; $("edge-sentry").textContent = journals[3].count;
            const faults = journals[4].faults.length;
            $("node-asana").textContent = faults ? faults + " fault rule(s) set" : "no faults";
          }
        }

        // A JSON log line as "message: error" (the consumer's lines carry `message` and `error` or `reason`).
        function logText(line) {
          try {
            const entry = JSON.parse(line);
            const why = entry.error || entry.reason || (entry.metadata && (entry.metadata.error || entry.metadata.reason));
            return (entry.message || entry.msg || line) + (why ? ": " + why : "");
          } catch (error) { return line; }
        }
        const WORDS = {
          sent: (d) => "sent" + (d.function ? " by " + d.function + " (invocation " + short(d.requestId) + ")" : " by " + d.by),
          received: (d) => "received, receive " + d.receiveCount,
          invoked: (d) => "given to " + d.function + " in invocation " + short(d.requestId) + " (receive " + d.receiveCount + ")",
          failed: (d) => "failed in invocation " + short(d.requestId) + ": " + d.reason + (d.log ? " — " + logText(d.log) : ""),
          visibilityChanged: (d) => "visibility timeout set to " + d.visibilityTimeout + " s",
          deleted: () => "deleted (done)",
          movedToDLQ: (d) => "moved to the DLQ " + d.target + " after " + d.receiveCount + " receives",
          redriven: (d) => "re-driven to " + d.target + " as message " + short(d.newMessageId),
        };
        async function renderTimeline(id) {
          const timeline = await get(API + "/sqs/messages/" + encodeURIComponent(id) + "/timeline");
          const items = timeline.events.map((event) => el("li", { class: event.kind, "data-kind": event.kind },
            el("span", { class: "muted small" }, time(event.time) + " "), el("b", {}, event.queue + ": "), (WORDS[event.kind] || ((d) => event.kind))(event.details)));
          const producer = timeline.invocations.find((record) => record.source === "url");
          if (producer) items.unshift(el("li", { class: "invoked", "data-kind": "webhook" }, el("span", { class: "muted small" }, time(producer.startedAt) + " "),
            "webhook received by " + producer.function + " (invocation " + short(producer.requestId) + ", " + producer.outcome + ")"));
          if (timeline.issueId && S.config.asanaUrl) {
            const created = await get(S.config.asanaUrl + "/__admin/requests?method=POST&path=/api/1.0/tasks&status=201&body_contains=" + encodeURIComponent(timeline.issueId));
            for (const entry of created.requests) {
              const gid = entry.response_json && entry.response_json.data ? entry.response_json.data.gid : "?";
              items.push(el("li", { class: "task", "data-kind": "task" }, el("span", { class: "muted small" }, entry.time + " "), "became Asana task ",
                el("a", { href: S.config.asanaUrl + "/__admin/requests?method=POST&path=/api/1.0/tasks&body_contains=" + encodeURIComponent(timeline.issueId), target: "_blank", rel: "noopener", "data-task": gid }, gid),
                " for Sentry issue ",
                el("a", { href: S.config.sentryUrl + "/__admin/requests?path=" + encodeURIComponent("/api/0/organizations/*/issues/" + timeline.issueId + "/"), target: "_blank", rel: "noopener" }, timeline.issueId)));
            }
          }
          fill("timeline", el("p", { class: "small muted" }, "chain: " + timeline.ids.map(short).join(" → ") + (timeline.issueId ? " · Sentry issue " + timeline.issueId : "")),
            el("ol", { class: "timeline" }, items));
        }

        async function start() {
          S.config = await get(API + "/dashboard/config");
          fill("fixture", S.config.fixtures.map((name) => el("option", { value: name }, name)));
          $("send").disabled = !S.config.webhookUrl || S.config.fixtures.length === 0;
          $("secret").textContent = S.config.secret.key + " " + (S.config.secret.shown || "(none)");
          $("webhook-url").textContent = S.config.webhookUrl ? "webhook " + S.config.webhookUrl : "no webhook (no stack loaded)";
          for (const id of ["lift"]) $(id).disabled = !S.config.asanaUrl;
          for (const button of document.querySelectorAll("[data-fault]")) button.disabled = !S.config.asanaUrl;
          $("redrive").disabled = S.config.deadLetterQueues.length === 0;
          wire();
          await poll(true);
          setInterval(poll, POLL_MS);
          document.body.dataset.ready = "true";
        }
        start().catch((error) => say("the dashboard could not start: " + error.message, true));
        """#
}
