"""Browser proof for issue 6, in headless Chromium driven over the DevTools protocol.

1. A page on another origin (http://app.test:<port>, mapped to 127.0.0.1) logs in to WICE
   with fetch, reads auth-token, logs out with DELETE; the usertoken flow likewise; the
   deprecated POST logout's headers are readable; the control API refuses that page.
2. The dashboard renders, and each of its buttons changes the server's state, checked
   through the JSON control API. Screenshots go to the folder given as the first argument.
3. Issue 18: through `authstub record` in front of a real upstream (.ci/record/upstream.py),
   the browser keeps the session cookie the upstream set for its own host with `Secure` and
   sends it back, and follows a redirect to the upstream's URL on AuthStub's origin.

Usage: python3 .ci/browser/check.py AUTHSTUB_BINARY SCREENSHOT_DIR
Prints one line per check and 'N passed, N failed' at the end; exits 1 on any failure.
"""
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

from devtools import DevTools

HERE = os.path.dirname(os.path.abspath(__file__))
results = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    results["passed" if condition else "failed"] += 1
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f"  -- {detail}"), flush=True)


def control(api, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(api + "/__control" + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


def start_authstub(binary):
    process = subprocess.Popen([binary, "serve", "--port", "0"], stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    match = re.search(r"(http://127\.0\.0\.1:\d+)", line)
    if not match:
        raise RuntimeError(f"authstub did not print its URL: {line!r}")
    threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
    return process, match.group(1)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def start_app_server():
    handler = functools.partial(QuietHandler, directory=HERE)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_chromium(profile):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        raise RuntimeError("chromium is not installed")
    process = subprocess.Popen([
        browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
        "--remote-debugging-port=0", f"--user-data-dir={profile}",
        "--host-resolver-rules=MAP app.test 127.0.0.1", "about:blank",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        match = re.search(r"DevTools listening on (ws://\S+)", line)
        if match:
            threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()
            return process, match.group(1)
        if not line and process.poll() is not None:
            break
    raise RuntimeError("chromium did not open its DevTools port")


def app_checks(page, api, app_url):
    page.navigate(app_url)
    origin = page.evaluate("location.origin")
    check(f"the app page runs on another origin ({origin}) than AuthStub ({api})", origin.startswith("http://app.test:"), origin)

    wice = page.evaluate(f"wiceFlow({json.dumps(api)})")
    check("WICE login from the app: 201", wice["loginStatus"] == 201, wice)
    check("the app reads auth-token (exposed by CORS)", bool(wice["token"]) and len(wice["token"]) == 36, wice)
    check("the app reads X-AuthStub-Example", wice["example"] == "wice/login#status-message", wice)
    check("DELETE logout with the token (preflighted auth-token header): 204", wice["logoutStatus"] == 204, wice)
    check("a second logout: 401 with a readable StatusMessage", wice["secondLogoutStatus"] == 401
          and wice["secondLogoutBody"].get("code") == 401, wice)

    deprecated = page.evaluate(f"deprecatedLogoutFlow({json.dumps(api)})")
    check("deprecated POST logout: 201 with readable Deprecation and Link headers", deprecated["status"] == 201
          and (deprecated["deprecation"] or "").startswith("@") and "successor-version" in (deprecated["link"] or ""), deprecated)

    usertoken = page.evaluate(f"userTokenFlow({json.dumps(api)})")
    check("usertoken Basic login from the app: 200 with a token", usertoken["loginStatus"] == 200 and len(usertoken["token"]) == 36, usertoken)
    check("bump with the bearer token: 200 with lastLoginTime", usertoken["bumpStatus"] == 200 and "lastLoginTime" in usertoken["bumpBody"], usertoken)
    check("logout: 200, then bump: 401 with a readable WWW-Authenticate", usertoken["logoutStatus"] == 200
          and usertoken["bumpAfterLogoutStatus"] == 401 and (usertoken["challenge"] or "").startswith("Bearer"), usertoken)

    tokens_before = len(control(api, "GET", "/tokens")["tokens"])
    blocked = page.evaluate(f"controlFromHere({json.dumps(api)})")
    tokens_after = len(control(api, "GET", "/tokens")["tokens"])
    check("the app's origin cannot drive the control API (no-preflight POST and JSON POST both blocked)",
          blocked == {"simplePost": "blocked", "jsonPost": "blocked"}, blocked)
    check("and the server was not reset by it", tokens_before > 0 and tokens_after == tokens_before, (tokens_before, tokens_after))


def proxy_checks(page, binary):
    upstream = subprocess.Popen([sys.executable, "-B", os.path.join(HERE, "..", "record", "upstream.py"), "0"],
                                stdout=subprocess.PIPE, text=True)
    target = "http://127.0.0.1:" + upstream.stdout.readline().split()[-1]
    out = tempfile.mkdtemp(prefix="authstub-record-")
    recorder = subprocess.Popen([binary, "record", "--target", target, "--out", out, "--port", "0", "--quiet"],
                                stdout=subprocess.PIPE, text=True)
    try:
        base = recorder.stdout.readline().split()[-1]
        page.navigate(base + "/api/v2/health")
        signed_in = page.evaluate("""(async () => {
          const login = await fetch("/api/v2/sessions", { method: "POST", headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ email: "ada@acme.test", password: "correct horse battery" }) });
          const session = (await login.json()).session;
          const me = await fetch("/api/v2/me", { headers: { "X-Acme-Session": session.accessToken } });
          return { login: login.status, me: me.status };
        })()""")
        check("through the recorder, the page logs in to the real upstream (201) and uses the session (200)",
              signed_in == {"login": 201, "me": 200}, signed_in)
        journal = control(base, "GET", "/requests")["requests"]
        cookies = [h["value"] for h in journal[-1]["headers"] if h["name"].lower() == "cookie"]
        check("the browser kept the upstream's Secure, Domain-bound cookie (rewritten) and sent it back",
              any("acme_device=" in value for value in cookies), journal[-1]["headers"])
        page.navigate(base + "/api/v2/docs")
        landed = page.evaluate("location.href")
        check("a redirect to the upstream's own URL lands on AuthStub's origin", landed == base + "/api/v2/docs/index.html", landed)
    finally:
        recorder.terminate()
        recorder.wait(timeout=30)
        upstream.kill()
        upstream.wait()
        shutil.rmtree(out, ignore_errors=True)


def wait_for(page, expression, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.evaluate(expression):
            return True
        time.sleep(0.1)
    return False


def click(page, button_id):
    before = page.evaluate("Number(document.body.dataset.actions || 0)")
    page.evaluate(f"document.getElementById({json.dumps(button_id)}).click()")
    return wait_for(page, f"Number(document.body.dataset.actions || 0) > {before}")


def dashboard_checks(page, api, screenshots):
    control(api, "POST", "/reset")
    page.navigate(api + "/__control")
    check("the dashboard loads and fills itself from the control API", wait_for(page, "Number(document.body.dataset.refreshed || 0) >= 1"))
    text = page.evaluate("document.body.innerText")
    check("it lists both services with their users, passwords masked", "wice" in text and "usertoken" in text
          and "user / [redacted]" in text and "secret" not in text, text[:300])

    # Some traffic for it to show: a login per service, a refused login, a deprecated logout.
    page.evaluate(f"""(async () => {{
      await fetch("/m2m/v1/auth/login", {{ method: "POST", headers: {{ "Content-Type": "application/json" }},
        body: JSON.stringify({{ username: "user", password: "wrong" }}) }});
      const login = await fetch("/m2m/v1/auth/login", {{ method: "POST", headers: {{ "Content-Type": "application/json" }},
        body: JSON.stringify({{ username: "user", password: "secret" }}) }});
      await fetch("/v1/auth/logout", {{ method: "POST", headers: {{ "auth-token": login.headers.get("auth-token") }} }});
      await fetch("/m2m/v1/auth/login", {{ method: "POST", headers: {{ "Content-Type": "application/json" }},
        body: JSON.stringify({{ username: "user", password: "secret" }}) }});
      await fetch("/auth/login", {{ method: "POST", headers: {{ "Authorization": "Basic " + btoa("user:secret") }} }});
    }})()""")
    shown = wait_for(page, "document.querySelector('#requests tbody').innerText.includes('wrong password')"
                           " && document.querySelector('#requests tbody').innerText.includes('deprecated')")
    check("latest requests show the refusal reason and the deprecated call", shown,
          page.evaluate("document.querySelector('#requests').innerText")[:400])
    check("live tokens are listed with their state", wait_for(page, "document.querySelectorAll('#tokens tbody .s-active').length == 2"))
    text = page.evaluate("document.body.innerText")
    tokens = [t["token"] for t in control(api, "GET", "/tokens")["tokens"]]
    leaked = [s for s in ["secret", "dXNlcjpzZWNyZXQ="] + tokens if s in text]
    check("the page shows no password, Basic value or full token; tokens by their first four characters",
          not leaked and len(tokens) == 3 and all(t[:4] + "…" in text for t in tokens), leaked or text[:400])

    check("button 'Next request: 401' answers", click(page, "fault-401"))
    faults = control(api, "GET", "/faults")["faults"]
    check("… and installs an unauthorized fault for one request", [(f["kind"], f["times"]) for f in faults] == [("unauthorized", 1)], faults)
    for button, kind in [("fault-503", "status"), ("fault-delay", "delay"), ("fault-removed", "deprecatedRemoved")]:
        check(f"button {button} answers", click(page, button))
        faults = control(api, "GET", "/faults")["faults"]
        check(f"… and installs a {kind} fault", faults and faults[-1]["kind"] == kind, faults)
    check("active faults are listed on the page", wait_for(page, "document.querySelectorAll('#faults tbody tr').length == 4"))
    check("… under the count from the status", wait_for(page, "document.getElementById('faults-count').textContent == '4 faults, in the order added.'"))
    os.makedirs(screenshots, exist_ok=True)
    page.screenshot(os.path.join(screenshots, "dashboard.png"))

    check("button 'Expire all tokens' answers", click(page, "tokens-expire"))
    states = {t["state"] for t in control(api, "GET", "/tokens")["tokens"]}
    check("… and no token is active any more", "active" not in states and states, states)
    check("the page shows them expired", wait_for(page, "document.querySelectorAll('#tokens tbody .s-active').length == 0"))

    offset = control(api, "GET", "/clock")["offsetMs"]
    check("button '+8 h' answers", click(page, "clock-8h"))
    moved = control(api, "GET", "/clock")["offsetMs"] - offset
    check("… and the server clock moved 8 hours", abs(moved - 8 * 3600 * 1000) < 60_000, moved)
    check("button '+1 h' answers", click(page, "clock-1h"))
    check("… and the server clock moved 1 more hour", abs(control(api, "GET", "/clock")["offsetMs"] - offset - 9 * 3600 * 1000) < 60_000)

    check("button 'Clear faults' answers", click(page, "faults-clear"))
    check("… and no fault is left", control(api, "GET", "/faults")["faults"] == [])

    added = control(api, "POST", "/faults", {"kind": "drop", "times": 2})["id"]
    # Wait for this fault's own button: a render from before "Clear faults" may still be on screen.
    selector = json.dumps(f'[data-remove-fault="{added}"]')
    check("a fault's 'remove' button appears within a poll", wait_for(page, f"document.querySelector({selector}) !== null"))
    page.evaluate(f"document.querySelector({selector}).click()")
    check("… and removes that fault", poll_until(lambda: control(api, "GET", "/faults")["faults"] == []), added)

    check("button 'Reset' answers", click(page, "reset"))

    def is_reset():
        status = control(api, "GET", "/status")
        return status["tokens"] == 0 and status["journal"]["entries"] == 0 and abs(status["clock"]["offsetMs"]) < 60_000
    check("… and the server forgot tokens and requests, clock back to real time", poll_until(is_reset),
          {"status": control(api, "GET", "/status"), "page says": page.evaluate("document.getElementById('message').textContent")})
    paging_checks(page, api)


def paging_checks(page, api):
    """Issue 15: the dashboard asks for counts and one page of each list, and its polls never
    overlap, however slow the server answers."""
    for _ in range(120):
        control(api, "POST", "/tokens", {"service": "wice"})
        control(api, "POST", "/faults", {"kind": "drop", "match": {"path": "/never/requested"}})
        try:
            urllib.request.urlopen(api + "/no/such/path", timeout=10).close()
        except urllib.error.HTTPError:
            pass
    shown = wait_for(page, "document.querySelectorAll('#tokens tbody tr').length == 50"
                           " && document.getElementById('tokens-count').textContent.includes('of 120 tokens')"
                           " && document.querySelectorAll('#requests tbody tr').length == 50"
                           " && document.getElementById('requests-count').textContent.includes('of 120 kept')"
                           " && document.querySelectorAll('#faults tbody tr').length == 50"
                           " && document.getElementById('faults-count').textContent.includes('of 120 faults')")
    check("with 120 tokens, requests and faults the page shows one page of 50 of each, and the counts", shown,
          page.evaluate("['tokens', 'requests', 'faults'].map((list) => document.getElementById(list + '-count').textContent).join(' / ')"))
    first_token = control(api, "GET", "/tokens?limit=1")["tokens"][0]["token"]
    check("… tokens in the order issued", page.evaluate(
        "document.querySelector('#tokens tbody tr td').textContent") == first_token[:4] + "…")
    # Every poll's /status answer now takes 2.5 s: polls one second apart would pile up.
    page.evaluate("""(() => {
      window.pollsInFlight = 0; window.mostPollsInFlight = 0; window.listURLs = [];
      const realFetch = window.fetch;
      window.fetch = async (url, init) => {
        const text = String(url);
        if (/[/](tokens|requests|faults)[?]/.test(text)) window.listURLs.push(text);
        if (!text.endsWith("/status")) return realFetch(url, init);
        window.pollsInFlight++;
        window.mostPollsInFlight = Math.max(window.mostPollsInFlight, window.pollsInFlight);
        try { await new Promise((resolve) => setTimeout(resolve, 2500)); return await realFetch(url, init); }
        finally { window.pollsInFlight--; }
      };
      window.pollsAtStart = Number(document.body.dataset.refreshed || 0);
    })()""")
    polled = wait_for(page, "Number(document.body.dataset.refreshed || 0) >= window.pollsAtStart + 2", timeout=20)
    check("with a server slower than the poll interval, polls go on but never overlap",
          polled and page.evaluate("window.mostPollsInFlight") == 1, page.evaluate("window.mostPollsInFlight"))
    urls = page.evaluate("window.listURLs")
    check("… and every list it asks for is one page (limit=50)", urls and all("limit=50" in url for url in urls), urls)


def poll_until(condition, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def main():
    binary, screenshots = sys.argv[1], os.path.abspath(sys.argv[2])
    authstub, api = start_authstub(binary)
    app_server = start_app_server()
    profile = tempfile.mkdtemp(prefix="authstub-chromium-")
    browser = None
    try:
        browser, websocket = start_chromium(profile)
        page = DevTools(websocket)
        page.open_page()
        app_checks(page, api, f"http://app.test:{app_server.server_address[1]}/app.html")
        dashboard_checks(page, api, screenshots)
        proxy_checks(page, binary)
    except Exception as error:  # a crash is a failed check with its reason, not a silent pass
        check("the browser check ran to the end", False, repr(error))
    finally:
        if browser:
            browser.terminate()
            browser.wait(timeout=30)
        authstub.terminate()
        authstub.wait(timeout=30)
        app_server.shutdown()
        shutil.rmtree(profile, ignore_errors=True)
    print(f"browser: {results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)


if __name__ == "__main__":
    main()
