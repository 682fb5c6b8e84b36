#!/usr/bin/env python3
"""Audits web pages with axe-core (Deque's accessibility engine, the npm package) in Debian's
headless Chromium, then again with the page zoomed to 200%.

    python3 scripts/axe_audit.py AXE_MIN_JS URL [URL ...]

For each URL: loads it in a 1280x800 window, waits for it to settle, runs axe with the WCAG
2.0, 2.1 and 2.2 A and AA rules, and checks that nothing needs scrolling sideways and no text
is cut off by its box. Then the same at 200% zoom (a 640x400 CSS-pixel viewport drawn at twice
the scale, as a browser's zoom does) and at WCAG's reflow width of 320 CSS pixels.
A URL may end with `#wait=SELECTOR`: the audit waits until the selector matches (a page that
fills itself in from the network).

Prints one JSON object: for each URL and view, axe's violations (rule, impact, help, the first
few elements) and what overflows. Exits 0 when there are none, 1 otherwise.
Standard library only, with browser_vote.py's DevTools client.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_vote import WebSocket, chromium, evaluate, wait_for  # noqa: E402

RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Sideways scrolling, and elements whose text is cut off by their own box (hidden overflow).
OVERFLOW = """(() => {
  const root = document.documentElement;
  const sideways = root.scrollWidth > root.clientWidth + 1;
  const cut = [...document.querySelectorAll('body *')].filter(e => {
    const s = getComputedStyle(e);
    if (s.display === 'none' || s.visibility === 'hidden') return false;
    const hides = ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY);
    return hides && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
      && e.textContent.trim().length > 0;
  }).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));
  return {sideways, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, cut: cut.slice(0, 5)};
})()"""


def start_browser():
    profile = tempfile.mkdtemp(prefix="feedwise-axe-")
    browser = subprocess.Popen(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--remote-debugging-port=0", f"--user-data-dir={profile}",
         "--window-size=1280,800", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    target = None
    deadline = time.time() + 30
    while time.time() < deadline and target is None:
        match = re.search(r"DevTools listening on (ws://\S+)", browser.stderr.readline())
        if match:
            target = match.group(1)
    if target is None:
        browser.kill()
        sys.exit("chromium did not start its DevTools endpoint")
    port = re.match(r"ws://[^:]+:(\d+)/", target).group(1)
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json") as listing:
        page = next(p for p in json.loads(listing.read()) if p.get("type") == "page")
    return browser, profile, WebSocket(page["webSocketDebuggerUrl"])


def run_axe(ws, axe_source):
    evaluate(ws, axe_source)
    options = json.dumps({"runOnly": {"type": "tag", "values": RULE_TAGS},
                          "resultTypes": ["violations"]})
    result = ws.call("Runtime.evaluate", awaitPromise=True, returnByValue=True,
                     expression=f"axe.run(document, {options}).then(r => r.violations.map(v => ("
                                "{id: v.id, impact: v.impact, help: v.help, "
                                "nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))")
    value = result.get("result", {}).get("value")
    if value is None:
        raise RuntimeError(f"axe did not run: {result}")
    return value


# (label, CSS width, CSS height, scale, phone): the window as it is, zoomed to 200%, and
# WCAG's reflow width (320 CSS pixels: a phone, or 1280 pixels at 400%).
VIEWS = [("100%", 1280, 800, 1, False), ("200%", 640, 400, 2, False),
         ("320px", 320, 568, 2, True)]


def audit(ws, axe_source, url, view):
    label, width, height, scale, phone = view
    ws.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
            deviceScaleFactor=scale, mobile=phone)
    address, _, wait = url.partition("#wait=")
    # From a blank page, so that an address differing only after '#' loads the page afresh.
    ws.call("Page.navigate", url="about:blank")
    ws.call("Page.navigate", url=address)
    wait_for(ws, "document.readyState === 'complete'", 15)
    if wait and not wait_for(ws, f"document.querySelector({json.dumps(wait)}) !== null", 15):
        return {"url": address, "view": label, "error": f"{wait} never appeared"}
    time.sleep(0.3)
    return {"url": address, "view": label, "violations": run_axe(ws, axe_source),
            "overflow": evaluate(ws, OVERFLOW)}


def main():
    axe_path, urls = sys.argv[1], sys.argv[2:]
    axe_source = open(axe_path, encoding="utf-8").read()
    browser, profile, ws = start_browser()
    results = []
    try:
        ws.call("Page.enable")
        for url in urls:
            for view in VIEWS:
                results.append(audit(ws, axe_source, url, view))
    finally:
        browser.kill()
        browser.wait()
        shutil.rmtree(profile, ignore_errors=True)
    failed = [r for r in results
              if r.get("error") or r["violations"] or r["overflow"]["sideways"] or r["overflow"]["cut"]]
    print(json.dumps({"results": results, "failed": len(failed)}, indent=1))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
