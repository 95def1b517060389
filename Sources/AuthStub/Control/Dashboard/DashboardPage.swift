/// The dashboard: one self-contained HTML page (inline CSS and JavaScript, no external assets)
/// that reads and drives the JSON control API it is served beside. It polls a second after the
/// previous poll finished (polls never overlap, however slow the server), and asks for counts
/// and one page of faults, of tokens and of requests (`pageSize`, 50), never the whole lists.
///
/// Everything shown is built with `textContent`, never `innerHTML`: journal entries hold
/// whatever paths and headers clients sent. Tokens are shown by their first four characters,
/// as in the journal and the console, and passwords as the users route gives them (masked).
enum DashboardPage {
    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>AuthStub dashboard</title>
        <style>
          :root { --bg: #f6f7f9; --card: #fff; --ink: #1d2330; --muted: #667085; --line: #e4e7ec;
                  --ok: #067647; --bad: #b42318; --warn: #b54708; --accent: #2e5bff; }
          * { box-sizing: border-box; }
          body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--ink); }
          header { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: baseline; padding: 14px 20px;
                   background: var(--ink); color: #fff; }
          header h1 { font-size: 18px; margin: 0; }
          header .meta { color: #c9d1e0; }
          #clock { font-variant-numeric: tabular-nums; }
          main { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; padding: 16px 20px; }
          section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; min-width: 0; }
          section.wide { grid-column: 1 / -1; }
          h2 { font-size: 15px; margin: 0 0 8px; }
          .hint { color: var(--muted); font-size: 12px; margin: 0 0 8px; }
          table { width: 100%; border-collapse: collapse; font-size: 13px; }
          th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
          th { color: var(--muted); font-weight: 600; }
          td.mono, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; word-break: break-all; }
          .empty { color: var(--muted); font-style: italic; }
          .badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; font-weight: 600; }
          .s-active, .s-2xx { background: #dcfae6; color: var(--ok); }
          .s-expired, .s-revoked, .s-disabled, .s-4xx, .s-5xx { background: #fee4e2; color: var(--bad); }
          .s-deprecated, .s-sunset, .s-removed, .s-fault { background: #fef0c7; color: var(--warn); }
          .actions { display: flex; flex-wrap: wrap; gap: 8px; }
          .actions .group { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding-right: 10px; border-right: 1px solid var(--line); }
          .actions .group:last-child { border-right: 0; }
          .actions .label { color: var(--muted); font-size: 12px; }
          button { font: inherit; font-size: 13px; padding: 5px 10px; border-radius: 6px; border: 1px solid #c7cdd8; background: #fff; cursor: pointer; }
          button:hover { border-color: var(--accent); color: var(--accent); }
          button.danger { border-color: #f4b4ae; color: var(--bad); }
          button.small { padding: 1px 7px; font-size: 12px; }
          #message { min-height: 20px; margin-top: 8px; font-size: 13px; }
          #message.error { color: var(--bad); }
          #token-form { display: none; gap: 8px; margin-top: 8px; }
          #token-form.shown { display: flex; }
          #token-form input { flex: 1; font: inherit; padding: 4px 8px; }
          tr.deprecated td { background: #fffaeb; }
          tr.refused td:nth-child(4) { color: var(--bad); font-weight: 600; }
        </style>
        </head>
        <body>
        <header>
          <h1>AuthStub</h1>
          <span class="meta" id="version"></span>
          <span class="meta">server clock: <span id="clock">…</span></span>
          <span class="meta" id="connection">connecting…</span>
        </header>
        <main>
          <section class="wide" id="controls">
            <h2>Make something happen</h2>
            <p class="hint">Faults apply to the next matching API requests, in order. Control requests are never affected.</p>
            <div class="actions">
              <div class="group"><span class="label">Faults</span>
                <button id="fault-401" data-fault='{"kind":"unauthorized","times":1}'>Next request: 401</button>
                <button id="fault-503" data-fault='{"kind":"status","status":503,"headers":{"Retry-After":"5"},"times":1}'>Next request: 503</button>
                <button id="fault-delay" data-fault='{"kind":"delay","delayMs":2000}'>Delay every request 2 s</button>
                <button id="fault-removed" data-fault='{"kind":"deprecatedRemoved"}'>Remove deprecated logout (410)</button>
                <button id="faults-clear">Clear faults</button>
              </div>
              <div class="group"><span class="label">Tokens</span>
                <button id="tokens-expire">Expire all tokens</button>
              </div>
              <div class="group"><span class="label">Clock</span>
                <button id="clock-1h" data-advance="1h">+1 h</button>
                <button id="clock-8h" data-advance="8h">+8 h (idle limit)</button>
              </div>
              <div class="group"><span class="label">Everything</span>
                <button id="reset" class="danger">Reset</button>
              </div>
            </div>
            <div id="message" role="status"></div>
            <form id="token-form">
              <input id="token-input" type="password" placeholder="This server needs its control token (printed at start)">
              <button type="submit">Use token</button>
            </form>
          </section>
          <section id="services">
            <h2>Services and credentials</h2>
            <table><thead><tr><th>service</th><th>served under</th><th>log in with</th></tr></thead><tbody></tbody></table>
          </section>
          <section id="faults">
            <h2>Active faults</h2>
            <p class="hint" id="faults-count"></p>
            <table><thead><tr><th>id</th><th>kind</th><th>matches</th><th>left</th><th></th></tr></thead><tbody></tbody></table>
          </section>
          <section class="wide" id="tokens">
            <h2>Tokens</h2>
            <p class="hint" id="tokens-count"></p>
            <table><thead><tr><th>token</th><th>service</th><th>user</th><th>state</th><th>last used</th><th>expires</th></tr></thead><tbody></tbody></table>
          </section>
          <section class="wide" id="requests">
            <h2>Latest requests</h2>
            <p class="hint">Newest first. Refused requests say why; deprecated calls are marked. <span id="requests-count"></span></p>
            <table><thead><tr><th>time</th><th>request</th><th>status</th><th>answered by / why</th><th>user · token</th><th>ms</th></tr></thead><tbody></tbody></table>
          </section>
          <section class="wide" id="deprecations">
            <h2>Deprecated routes</h2>
            <table><thead><tr><th>route</th><th>phase</th><th>sunset</th><th>use instead</th></tr></thead><tbody></tbody></table>
          </section>
        </main>
        <script>
        "use strict";
        const base = location.pathname.replace(/\/+$/, "");
        let controlToken = sessionStorage.getItem("authstub-control-token");
        let serverNow = null;
        const pageSize = 50;

        function el(tag, props, ...children) {
          const node = document.createElement(tag);
          for (const [key, value] of Object.entries(props || {})) {
            if (key === "class") node.className = value; else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
            else node.setAttribute(key, value);
          }
          for (const child of children) node.append(child instanceof Node ? child : String(child ?? ""));
          return node;
        }
        const badge = (text, kind) => el("span", { class: "badge s-" + kind }, text);
        const short = (token) => token.length > 4 ? token.slice(0, 4) + "…" : "…";
        const clockText = (iso) => iso ? iso.replace("T", " ").replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)$/, "") : "–";

        function relative(iso) {
          if (!iso || !serverNow) return "";
          let seconds = Math.round((Date.parse(iso) - Date.parse(serverNow)) / 1000);
          const past = seconds < 0; seconds = Math.abs(seconds);
          const h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60);
          const text = h ? `${h}h ${m}m` : m ? `${m}m` : `${seconds}s`;
          return past ? `${text} ago` : `in ${text}`;
        }

        function offsetText(milliseconds) {
          const minutes = Math.round(Math.abs(milliseconds || 0) / 60000);
          if (!minutes) return "";
          const text = minutes >= 60 ? `${Math.floor(minutes / 60)}h ${minutes % 60}m` : `${minutes}m`;
          return ` · ${text} ${milliseconds > 0 ? "ahead of" : "behind"} real time`;
        }

        async function api(method, path, body) {
          const headers = { "Accept": "application/json" };
          if (body !== undefined) headers["Content-Type"] = "application/json";
          if (controlToken) headers["Authorization"] = "Bearer " + controlToken;
          const response = await fetch(base + path, { method, headers, cache: "no-store",
            body: body === undefined ? undefined : JSON.stringify(body) });
          if (response.status === 401) {
            document.getElementById("token-form").classList.add("shown");
            throw new Error("this server wants its control token");
          }
          const text = await response.text();
          const json = text ? JSON.parse(text) : null;
          if (!response.ok) throw new Error((json && json.error) || `${response.status} from ${path}`);
          return json;
        }

        function fill(sectionId, rows, emptyText, columns) {
          const body = document.querySelector(`#${sectionId} tbody`);
          body.replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { class: "empty", colspan: columns }, emptyText))]));
        }

        function render(data) {
          serverNow = data.clock.now;
          document.getElementById("version").textContent = "v" + data.status.version;
          document.getElementById("clock").textContent = clockText(data.clock.now) + (data.clock.frozen ? " (frozen)" : "")
            + offsetText(data.clock.offsetMs);

          const users = data.users.users;
          fill("services", data.status.services.map((service) => el("tr", {},
            el("td", {}, el("strong", {}, service.name), service.title ? el("div", { class: "hint" }, service.title) : ""),
            el("td", { class: "mono" }, service.basePaths.map((path) => (path || "") + "/").join(", ")),
            el("td", { class: "mono" }, users.filter((user) => user.service === service.name)
              .map((user) => `${user.username} / ${user.password}${user.state && user.state !== "active" ? ` (${user.state})` : ""}`)
              .join(", ") || "no users"))), "no services", 3);

          const faultCount = data.status.faults;
          document.getElementById("faults-count").textContent = faultCount > data.faults.faults.length
            ? `The first ${data.faults.faults.length} of ${faultCount} faults, in the order added.` : `${faultCount} faults, in the order added.`;
          fill("faults", data.faults.faults.map((fault) => el("tr", {},
            el("td", { class: "mono" }, fault.id),
            el("td", {}, fault.kind + (fault.status ? " " + fault.status : "") + (fault.delayMs ? ` ${fault.delayMs} ms` : "")),
            el("td", { class: "mono" }, fault.match ? Object.entries(fault.match).map(([k, v]) => `${k}=${k === "token" ? short(v) : v}`).join(" ") : "every API request"),
            el("td", {}, fault.remaining ?? "until removed"),
            el("td", {}, el("button", { class: "small", "data-remove-fault": fault.id,
              onclick: () => act(`removed fault ${fault.id}`, () => api("DELETE", "/faults/" + encodeURIComponent(fault.id))) }, "remove")))),
            "none: every request is answered as documented", 5);

          const tokenCount = data.status.tokens;
          document.getElementById("tokens-count").textContent = tokenCount > data.tokens.tokens.length
            ? `The first ${data.tokens.tokens.length} of ${tokenCount} tokens, in the order issued.` : `${tokenCount} tokens, in the order issued.`;
          fill("tokens", data.tokens.tokens.map((token) => el("tr", {},
            el("td", { class: "mono" }, short(token.token)),
            el("td", {}, token.service), el("td", {}, token.user),
            el("td", {}, badge(token.state, token.state)),
            el("td", {}, clockText(token.lastUsedAt), el("div", { class: "hint" }, relative(token.lastUsedAt))),
            el("td", {}, token.expiresAt ? clockText(token.expiresAt) : "never", el("div", { class: "hint" }, relative(token.expiresAt))))),
            "no tokens yet: log in from your app", 6);

          const journal = data.status.journal;
          document.getElementById("requests-count").textContent = `The latest ${Math.min(pageSize, journal.entries)} of ${journal.entries} kept`
            + (journal.dropped ? `; ${journal.dropped} older ones dropped` : "") + (journal.truncated ? `; ${journal.truncated} cut to ${journal.entryByteLimit} bytes` : "") + ".";
          const requests = data.requests.requests.slice().reverse();
          fill("requests", requests.map((entry) => {
            const statusClass = entry.status == null ? "fault" : `${String(entry.status)[0]}xx`;
            const why = entry.proxiedTo ? `→ proxied ${entry.proxiedTo}` + (entry.fault ? ` (fault ${entry.fault})` : "") + (entry.reason ? `: ${entry.reason}` : "")
              : entry.reason ? (entry.fault ? `fault ${entry.fault}: ${entry.reason}` : `refused: ${entry.reason}`)
              : entry.fault ? `fault ${entry.fault}` : (entry.fixture || "no fixture matched");
            return el("tr", { class: (entry.deprecated ? "deprecated " : "") + (entry.reason ? "refused" : "") },
              el("td", {}, clockText(entry.time).slice(11)),
              el("td", { class: "mono" }, `${entry.method} ${entry.path}${entry.query ? "?" + entry.query : ""} `,
                entry.deprecated ? badge("deprecated", "deprecated") : ""),
              el("td", {}, badge(entry.status ?? "no answer", statusClass)),
              el("td", {}, why),
              el("td", { class: "mono" }, [entry.user, entry.token && short(entry.token)].filter(Boolean).join(" · ")),
              el("td", {}, Number(entry.durationMs).toFixed(1)));
          }), "no API requests yet", 6);

          fill("deprecations", data.deprecations.deprecations.map((route) => el("tr", {},
            el("td", { class: "mono" }, `${route.method} ${route.paths.join(", ")}`),
            el("td", {}, badge(route.phase, route.phase)),
            el("td", {}, route.sunsetAt ? clockText(route.sunsetAt) : "–"),
            el("td", { class: "mono" }, route.successor || "–"))), "no deprecated routes", 4);
        }

        // The status first: its counts say where the latest page of requests starts (the
        // journal's ids are consecutive), then one page of each list.
        async function poll() {
          try {
            const status = await api("GET", "/status");
            const after = Math.max(0, status.journal.lastID - pageSize);
            const [users, faults, tokens, requests, deprecations] = await Promise.all(
              ["/users", `/faults?limit=${pageSize}`, `/tokens?limit=${pageSize}`, `/requests?limit=${pageSize}&after=${after}`, "/deprecations"]
                .map((path) => api("GET", path)));
            render({ status, clock: status.clock, users, faults, tokens, requests, deprecations });
            document.getElementById("connection").textContent = "live";
            document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed || 0) + 1);
          } catch (error) {
            document.getElementById("connection").textContent = "not connected: " + error.message;
          }
        }

        // One poll at a time: a refresh asked for during a poll runs once that poll is done.
        let polling = null;
        let pollAgain = false;
        function refresh() {
          if (polling) { pollAgain = true; return polling; }
          polling = (async () => {
            do { pollAgain = false; await poll(); } while (pollAgain);
          })().finally(() => { polling = null; });
          return polling;
        }

        async function tick() {
          await refresh();
          setTimeout(tick, 1000);
        }

        async function act(done, operation) {
          const message = document.getElementById("message");
          try {
            await operation();
            message.className = ""; message.textContent = done;
          } catch (error) {
            message.className = "error"; message.textContent = error.message;
          }
          document.body.dataset.actions = String(Number(document.body.dataset.actions || 0) + 1);
          await refresh();
        }

        for (const button of document.querySelectorAll("button[data-fault]")) {
          button.addEventListener("click", () => act(`added: ${button.textContent}`, () => api("POST", "/faults", JSON.parse(button.dataset.fault))));
        }
        for (const button of document.querySelectorAll("button[data-advance]")) {
          button.addEventListener("click", () => act(`clock moved ${button.dataset.advance} forward`, () => api("POST", "/clock", { advance: button.dataset.advance })));
        }
        document.getElementById("faults-clear").addEventListener("click", () => act("faults cleared", () => api("DELETE", "/faults")));
        document.getElementById("tokens-expire").addEventListener("click", () => act("every token expired", () => api("POST", "/tokens/expire")));
        document.getElementById("reset").addEventListener("click", () => act("reset: no tokens, faults or requests; real time", () => api("POST", "/reset")));
        document.getElementById("token-form").addEventListener("submit", (event) => {
          event.preventDefault();
          controlToken = document.getElementById("token-input").value.trim();
          sessionStorage.setItem("authstub-control-token", controlToken);
          document.getElementById("token-form").classList.remove("shown");
          refresh();
        });

        tick();
        </script>
        </body>
        </html>
        """#
}
