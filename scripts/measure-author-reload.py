#!/usr/bin/env python3
"""Save-to-screen time in author mode, under Xvfb with Mesa's software Vulkan (release build).

    cargo build --release && python3 scripts/measure-author-reload.py

Plays a copy of the largest shipped scenario with `--author`, answers nothing, and saves the
file 20 times (its title changed each time, a second apart). For each save the app logs how
long after the file's modification time the reload was applied and when the frame that shows
it had been rendered; the script prints both, as median and maximum.
"""
import os, queue, re, shutil, statistics, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xvfb_display import start_display  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/feedwise-target"))
BINARY = os.path.join(TARGET, "release", "feedwise")
DISPLAY = ":78"
SCENARIO = "colleague-row"
SAVES = 20


def lines_of(stream, into):
    for line in stream:
        into.put(line)


def wait_for(lines, pattern, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.time()))
        except queue.Empty:
            break
        found = re.search(pattern, line)
        if found:
            return found
    sys.exit(f"no line matching {pattern!r} within {seconds} s")


def main():
    server = start_display(DISPLAY)
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, "scenarios")
        os.makedirs(folder)
        file = os.path.join(folder, SCENARIO + ".ron")
        original = open(os.path.join(ROOT, "scenarios", SCENARIO + ".ron")).read()
        open(file, "w").write(original)
        env = dict(os.environ, DISPLAY=DISPLAY, RUST_LOG="warn,feedwise=info")
        app = subprocess.Popen(
            [BINARY, "--fresh-settings", "--data-dir", os.path.join(tmp, "data"),
             "--author", folder, "--scenario", SCENARIO, "--seed", "1"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines = queue.Queue()
        threading.Thread(target=lines_of, args=(app.stdout, lines), daemon=True).start()
        try:
            wait_for(lines, r"offered", 60)
            applied, shown = [], []
            title = re.search(r'title: "([^"]*)"', original).group(1)
            for n in range(SAVES):
                time.sleep(1)
                edited = original.replace(f'title: "{title}"', f'title: "{title} ({n})"', 1)
                with open(file + ".tmp", "w") as f:
                    f.write(edited)
                # Saved as editors do: a whole new file renamed over the old one.
                os.replace(file + ".tmp", file)
                applied.append(int(wait_for(lines, r"reloaded .* (\d+) ms after it was saved", 10).group(1)))
                shown.append(int(wait_for(lines, r"reload of .* on screen (\d+) ms after it was saved", 10).group(1)))
        finally:
            app.kill()
            app.wait()
            server.terminate()
    print(f"{SAVES} saves of {SCENARIO}.ron")
    print(f"reload applied: median {statistics.median(applied)} ms, max {max(applied)} ms")
    print(f"on screen:      median {statistics.median(shown)} ms, max {max(shown)} ms")


if __name__ == "__main__":
    main()
