/// The dashboard's page (`GET /_devstack/dashboard`), compiled into the binary: no CDN, no build step. The
/// script and the style are in `DashboardAssets+Script.swift` and `DashboardAssets+Style.swift`.
enum DashboardAssets {
    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>sentry-asana · local stack</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/_devstack/dashboard/app.css">
        <script src="/_devstack/dashboard/app.js" defer></script>
        </head>
        <body>
        <header>
          <h1>sentry-asana <span class="muted">local stack</span></h1>
          <div id="clock-box"><span id="clock-kind" class="badge">clock</span> <span id="clock">…</span>
            <span id="advance" hidden>
              <button data-advance="1">+1 s</button><button data-advance="5">+5 s</button>
              <button data-advance="60">+1 min</button><button data-advance="300">+5 min</button>
              <button id="next-delivery" title="advance to the moment the next in-flight message becomes visible">next delivery »</button>
            </span>
          </div>
        </header>
        <section id="actions" class="card">
          <label>Fixture <select id="fixture"></select></label>
          <button id="send">Send webhook</button>
          <span class="sep"></span>
          <span class="muted">Asana:</span>
          <button data-fault="500">500</button><button data-fault="429">429</button><button data-fault="down">down</button>
          <button id="lift">lift faults</button>
          <span class="sep"></span>
          <button id="redrive">Re-drive DLQ</button>
          <div id="action-result" class="muted" role="status"></div>
        </section>
        <section class="card">
          <h2>Pipeline</h2>
          <svg id="pipeline" viewBox="0 0 900 270" role="img" aria-label="webhook to producer to queue to consumer to Asana and Sentry, and the DLQ">
            <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>
            <g class="edge"><line x1="130" y1="80" x2="190" y2="80"/><text id="edge-webhook" x="160" y="70">0</text></g>
            <g class="edge"><line x1="310" y1="80" x2="370" y2="80"/><text id="edge-sent" x="340" y="70">0</text></g>
            <g class="edge"><line x1="490" y1="80" x2="550" y2="80"/><text id="edge-invoked" x="520" y="70">0</text></g>
            <g class="edge"><line x1="670" y1="70" x2="750" y2="35"/><text id="edge-asana" x="705" y="40">0</text></g>
            <g class="edge"><line x1="670" y1="95" x2="750" y2="135"/><text id="edge-sentry" x="705" y="130">0</text></g>
            <g class="edge"><line x1="415" y1="110" x2="415" y2="180"/><text id="edge-dlq" x="395" y="150">0</text></g>
            <g class="edge redrive"><line x1="455" y1="180" x2="455" y2="110"/><text id="edge-redrive" x="475" y="150">0</text></g>
            <g class="node"><rect x="10" y="50" width="120" height="60" rx="8"/><text x="70" y="75">Sentry webhook</text><text id="node-webhook" class="sub" x="70" y="95"></text></g>
            <g class="node"><rect x="190" y="50" width="120" height="60" rx="8"/><text x="250" y="75">producer</text><text id="node-producer" class="sub" x="250" y="95"></text></g>
            <g class="node"><rect x="370" y="50" width="120" height="60" rx="8"/><text x="430" y="75">queue</text><text id="node-queue" class="sub" x="430" y="95"></text></g>
            <g class="node"><rect x="550" y="50" width="120" height="60" rx="8"/><text x="610" y="75">consumer</text><text id="node-consumer" class="sub" x="610" y="95"></text></g>
            <g class="node"><rect x="750" y="5" width="130" height="55" rx="8"/><text x="815" y="28">Asana</text><text id="node-asana" class="sub" x="815" y="47"></text></g>
            <g class="node"><rect x="750" y="110" width="130" height="55" rx="8"/><text x="815" y="133">Sentry API</text><text id="node-sentry" class="sub" x="815" y="152"></text></g>
            <g class="node dlq"><rect x="370" y="180" width="120" height="60" rx="8"/><text x="430" y="205">DLQ</text><text id="node-dlq" class="sub" x="430" y="225"></text></g>
          </svg>
          <p class="muted small">Edges count since start: webhooks the producer answered, messages sent, messages handed to the consumer, calls to each stub, moves to the DLQ, re-drives.</p>
        </section>
        <div class="grid">
          <section class="card"><h2>Queues</h2><div id="queues"></div></section>
          <section class="card"><h2>Alarms</h2><div id="alarms"></div></section>
          <section class="card wide"><h2>Message timeline <span id="timeline-id" class="muted mono"></span></h2><div id="timeline"><p class="muted">Send a webhook or pick a message.</p></div></section>
          <section class="card"><h2>Recent messages</h2><div id="messages"></div></section>
          <section class="card wide"><h2>Invocations</h2><div id="invocations"></div></section>
          <section class="card"><h2>Asana stub journal</h2><div id="journal-asana"></div></section>
          <section class="card"><h2>Sentry stub journal</h2><div id="journal-sentry"></div></section>
        </div>
        <footer class="muted small"><span id="poll-stats">polling…</span> · development secret <span id="secret"></span> · <span id="webhook-url" class="mono"></span></footer>
        </body>
        </html>
        """#
}
