extension DashboardAssets {
    static let style = #"""
        :root { --bg: #f6f7f9; --card: #fff; --ink: #1d2330; --muted: #6b7280; --line: #d6dae1; --accent: #2563eb;
          --bad: #dc2626; --ok: #15803d; --warn: #b45309; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.4 system-ui, sans-serif; background: var(--bg); color: var(--ink); }
        header { display: flex; justify-content: space-between; align-items: center; padding: 10px 16px;
          background: var(--ink); color: #fff; flex-wrap: wrap; gap: 8px; }
        header h1 { font-size: 18px; margin: 0; } header .muted { color: #aab; }
        h2 { font-size: 15px; margin: 0 0 8px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px; margin: 12px; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); }
        .wide { grid-column: span 2; } @media (max-width: 900px) { .wide { grid-column: span 1; } }
        .muted { color: var(--muted); } .small { font-size: 12px; } .mono { font-family: ui-monospace, monospace; }
        .sep { display: inline-block; width: 1px; height: 20px; background: var(--line); margin: 0 8px; vertical-align: middle; }
        button { font: inherit; padding: 3px 9px; margin: 2px; border: 1px solid var(--line); border-radius: 5px;
          background: #eef2ff; cursor: pointer; } button:hover { background: #dbe4ff; }
        select { font: inherit; max-width: 360px; }
        .badge { padding: 1px 6px; border-radius: 4px; background: #334; font-size: 12px; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        td, th { text-align: left; padding: 3px 6px; border-bottom: 1px solid #eef0f3; vertical-align: top; }
        tr.click { cursor: pointer; } tr.click:hover { background: #f3f6ff; }
        .ok { color: var(--ok); } .bad { color: var(--bad); } .warn { color: var(--warn); }
        svg { width: 100%; max-height: 300px; }
        .node rect { fill: #eef2ff; stroke: var(--accent); } .node.dlq rect { fill: #fef2f2; stroke: var(--bad); }
        .node text { text-anchor: middle; font-size: 14px; } .node text.sub { font-size: 11px; fill: var(--muted); }
        .edge line { stroke: #64748b; stroke-width: 2; marker-end: url(#arrow); }
        .edge.redrive line { stroke-dasharray: 4 3; } .edge text { font-size: 13px; font-weight: 600; text-anchor: middle; }
        ol.timeline { list-style: none; padding: 0; margin: 0; }
        ol.timeline li { padding: 4px 0 4px 12px; border-left: 3px solid var(--line); margin-left: 6px; }
        ol.timeline li.received, ol.timeline li.invoked { border-color: var(--accent); }
        ol.timeline li.failed, ol.timeline li.movedToDLQ { border-color: var(--bad); }
        ol.timeline li.task, ol.timeline li.deleted { border-color: var(--ok); }
        pre { white-space: pre-wrap; word-break: break-all; background: #f8fafc; padding: 6px; margin: 4px 0; font-size: 12px;
          max-height: 220px; overflow: auto; }
        footer { padding: 8px 16px 20px; }
        """#
}
