"""Reads feedwise as a screen reader does, over AT-SPI, screen by screen.

Run inside a D-Bus session with an X display (tests/it/e2e_screen_reader.rs does):

    dbus-run-session -- /usr/bin/python3 scripts/read_a11y.py FEEDWISE OUT

Starts the accessibility bus, says a screen reader is on (as Orca does), starts the app with
tests/e2e/screen-reader.txt, and on each screen waits for what a trainee needs to appear in
the app's accessibility tree, with roles and names; then writes OUT/read-SCREEN, which lets the
app's script go on. It also listens for announcements. Prints a JSON report and exits 0 when
every screen was read and the decision's opening was announced, 1 otherwise.

Needs Debian's at-spi2-core and python3-pyatspi (for GObject's Atspi bindings), and
/usr/bin/python3, which has them.
"""

import json
import os
import subprocess
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

GRADE_WORDS = ("Exemplary", "Acceptable", "Poor", "Breach")
SCREEN_SECONDS = 90


def start_accessibility_bus():
    launcher = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"])
    for _ in range(100):
        probe = subprocess.run(
            ["gdbus", "call", "--session", "--dest", "org.a11y.Bus", "--object-path",
             "/org/a11y/bus", "--method", "org.a11y.Bus.GetAddress"],
            capture_output=True)
        if probe.returncode == 0:
            break
        time.sleep(0.1)
    # What a screen reader sets when it starts: toolkits (AccessKit among them) then serve a tree.
    for prop in ("IsEnabled", "ScreenReaderEnabled"):
        subprocess.run(
            ["gdbus", "call", "--session", "--dest", "org.a11y.Bus", "--object-path",
             "/org/a11y/bus", "--method", "org.freedesktop.DBus.Properties.Set",
             "org.a11y.Status", prop, "<true>"],
            check=True, capture_output=True)
    return launcher


def start_app(binary, data, script_path, out):
    """Starts the app on the script. Seen here: just after the accessibility bus starts, the
    app's first connection to the X server can be refused (winit's XOpenDisplayFailed, exit
    101, within a second) while a moment later it is accepted. That start, and only that, is
    tried again, at most twice; the report counts the restarts."""
    for attempt in range(3):
        log_path = os.path.join(out, "app.log")
        log = open(log_path, "w")
        app = subprocess.Popen(
            [binary, "--speed", "5", "--seed", "7", "--data-dir", data,
             "--window-size", "1280x720", "--script", script_path],
            stdout=log, stderr=subprocess.STDOUT)
        try:
            app.wait(timeout=3)
        except subprocess.TimeoutExpired:
            return app, attempt
        log.close()
        refused = "XOpenDisplayFailed" in open(log_path).read()
        if app.returncode != 101 or not refused:
            return app, attempt
        print(f"the X server refused the app's first connection; starting it again", file=sys.stderr)
        time.sleep(0.5)
    return app, attempt


def snapshot(node, depth=0, out=None):
    """Every node below `node` as (depth, role, name, state names)."""
    out = [] if out is None else out
    try:
        node.clear_cache()
        role = node.get_role_name()
        name = node.get_name() or ""
        states = node.get_state_set()
        checked = states.contains(Atspi.StateType.CHECKED)
        focused = states.contains(Atspi.StateType.FOCUSED)
        out.append({"depth": depth, "role": role, "name": name,
                    "checked": checked, "focused": focused})
        for i in range(node.get_child_count()):
            child = node.get_child_at_index(i)
            if child is not None:
                snapshot(child, depth + 1, out)
    except GLib.Error:
        pass  # a node removed while it was being read
    return out


def feedwise_app():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and (app.get_name() or "").lower() == "feedwise":
            app.set_cache_mask(Atspi.Cache.NONE)
            return app
    return None


def with_role(tree, role):
    return [n for n in tree if n["role"] == role]


def named(nodes):
    return [n for n in nodes if n["name"].strip()]


# What each screen must show a screen reader. Each returns a list of what is missing.
def library_read(tree, _heard):
    missing = []
    cards = [n for n in named(with_role(tree, "push button")) if "(" not in n["name"]]
    if len(cards) < 10:
        missing.append(f"scenario cards as named buttons (found {len(cards)})")
    if not [n for n in named(with_role(tree, "push button")) if n["name"] == "Settings (S)"]:
        missing.append("the Settings (S) button")
    if not named(with_role(tree, "heading")):
        missing.append("a heading")
    return missing


def play_read(tree, heard):
    missing = []
    headings = {n["name"] for n in with_role(tree, "heading")}
    for panel in ("Home", "Messages", "Notifications"):
        if panel not in headings:
            missing.append(f"the {panel} heading")
    articles = named(with_role(tree, "article"))
    if not articles:
        missing.append("posts or messages as named articles")
    if not [h for h in heard if h["role"] == "article"]:
        missing.append("an announcement of an arriving post or message")
    return missing


def decision_read(kind):
    def read(tree, heard):
        missing = []
        dialogs = [n for n in with_role(tree, "dialog") if n["name"].startswith("Decision: ")]
        if not dialogs:
            missing.append("a dialog named 'Decision: ...'")
        options = named(with_role(tree, kind))
        if len(options) < 2:
            missing.append(f"the options as {kind}s (found {len(options)})")
        if not [h for h in heard if h["text"].startswith("Decision: ")]:
            missing.append("an announcement of the decision opening")
        return missing
    return read


def feedback_read(tree, heard):
    missing = []
    regions = [n for n in tree if n["name"] and any(w.upper() in n["name"] or w in n["name"]
                                                    for w in GRADE_WORDS)
               and n["role"] not in ("label",)]
    if not regions:
        missing.append("the feedback, named with its grade's word")
    if not [h for h in heard if any(w.upper() in h["text"] for w in GRADE_WORDS)]:
        missing.append("an announcement of the feedback with its grade")
    return missing


def debrief_read(tree, heard):
    missing = []
    # Each arrival, and each decision's opening, is said once: not again at every change of
    # a post's age or counts, nor at every move between options.
    said = [h["text"] for h in heard]
    repeated = sorted({t for t in said if said.count(t) > 1})
    if repeated:
        missing.append(f"announcements said once (repeated: {repeated[:3]})")
    if not named(with_role(tree, "heading")):
        missing.append("a heading")
    labels = [n["name"] for n in with_role(tree, "label")]
    if not [t for t in labels if "Protect confidentiality" in t or "confidentiality" in t.lower()]:
        missing.append("the principles by name")
    if len(labels) < 10:
        missing.append(f"the debrief's text (found {len(labels)} labels)")
    return missing


SCREENS = [
    ("library", library_read),
    ("play", play_read),
    ("decision", decision_read("radio button")),
    ("feedback", feedback_read),
    ("several", decision_read("check box")),
    ("debrief", debrief_read),
]


def main():
    binary, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    launcher = start_accessibility_bus()
    here = os.path.dirname(os.path.abspath(__file__))
    script = open(os.path.join(here, "..", "tests", "e2e", "screen-reader.txt")).read()
    script_path = os.path.join(out, "screen-reader.txt")
    with open(script_path, "w") as f:
        f.write(script.replace("{out}", out))
    # Ten times as long for timed decisions: reading a tree over D-Bus on a loaded machine can
    # take longer than a decision's written time at five times speed. An educator keeps the
    # library in file order (no profession's scenarios first), as the script's keys expect.
    data = os.path.join(out, "data")
    os.makedirs(os.path.join(data, "config"), exist_ok=True)
    with open(os.path.join(data, "config", "settings.ron"), "w") as f:
        f.write("(profession: Some(Educator), decision_time: TenTimes)\n")
    app, restarts = start_app(binary, data, script_path, out)

    heard = []

    def on_announcement(event):
        source = event.source
        try:
            role = source.get_role_name() if source else ""
        except GLib.Error:
            role = ""
        heard.append({"text": str(event.any_data or ""), "role": role, "at": time.monotonic()})

    listener = Atspi.EventListener.new(on_announcement)
    listener.register("object:announcement")

    report = {"screens": {}, "heard": heard}
    state = {"screen": 0, "since": time.monotonic(), "failed": None}
    loop = GLib.MainLoop()

    def step():
        if app.poll() is not None and state["screen"] < len(SCREENS):
            state["failed"] = f"the app exited ({app.returncode}) before the {SCREENS[state['screen']][0]} screen was read"
            loop.quit()
            return False
        if state["screen"] >= len(SCREENS):
            loop.quit()
            return False
        name, check = SCREENS[state["screen"]]
        target = feedwise_app()
        tree = snapshot(target) if target is not None else []
        missing = check(tree, heard)
        if not missing:
            report["screens"][name] = {"nodes": len(tree), "tree": tree}
            open(os.path.join(out, f"read-{name}"), "w").close()
            state["screen"] += 1
            state["since"] = time.monotonic()
        elif time.monotonic() - state["since"] > SCREEN_SECONDS:
            report["screens"][name] = {"missing": missing, "tree": tree}
            state["failed"] = f"{name}: missing {missing}"
            loop.quit()
            return False
        return True

    GLib.timeout_add(300, step)
    loop.run()
    try:
        app.wait(timeout=60)
    except subprocess.TimeoutExpired:
        app.kill()
    launcher.terminate()
    report["failed"] = state["failed"]
    report["app_exit"] = app.returncode
    report["app_restarts"] = restarts
    with open(os.path.join(out, "report.json"), "w") as f:
        json.dump(report, f, indent=1)
    print(json.dumps({"failed": state["failed"], "read": list(report["screens"]),
                      "heard": [h["text"][:80] for h in heard], "app_exit": app.returncode}))
    sys.exit(0 if state["failed"] is None and app.returncode == 0 else 1)


if __name__ == "__main__":
    main()
