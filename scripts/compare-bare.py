#!/usr/bin/env python3
"""Start-up and memory of feedwise beside a bare Bevy window, in one paired run (A B C A B C ...).

    cargo build --release --bin feedwise --example bare && python3 scripts/compare-bare.py [PAIRS]

Each run starts the process, waits for its first screenshot to be written and for it to exit;
it reports wall time from start to exit and peak resident memory (VmHWM). A third run per
round plays a whole scenario by keys (scripts/full-scenario.txt, about 22 s) for the peak
memory over a full scenario. The bare example
(examples/bare.rs) has the same plugins, window and fonts and one line of text, so it is the
floor that software rendering sets on this machine. Runs under Xvfb with Mesa's llvmpipe.
"""
import os, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xvfb_display import start_display  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/feedwise-target"))
APP = os.path.join(TARGET, "release", "feedwise")
BARE = os.path.join(TARGET, "release", "examples", "bare")
DISPLAY = ":78"


def peak_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def measure(command):
    env = dict(os.environ, DISPLAY=DISPLAY, RUST_LOG="warn")
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, peak_kib(process.pid) or 0)
        time.sleep(0.005)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"{command[0]} exited with {process.returncode}")
    return elapsed * 1000, peak / 1024


def main():
    pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    for binary in (APP, BARE):
        if not os.path.exists(binary):
            sys.exit(f"missing {binary}: cargo build --release --bin feedwise --example bare")
    server = start_display(DISPLAY)
    runs = {"bare": [], "feedwise": [], "scenario": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            shot = os.path.join(tmp, "s.png")
            script = os.path.join(tmp, "full-scenario.txt")
            with open(os.path.join(ROOT, "scripts", "full-scenario.txt")) as f:
                text = f.read().replace("{out}", os.path.join(tmp, "end.png"))
            with open(script, "w") as f:
                f.write(text)
            # One unmeasured run of each first, so neither pays for reading its binary from disk.
            measure([BARE, shot])
            measure([APP, "--fresh-settings", "--screenshot", shot])
            for _ in range(pairs):
                runs["bare"].append(measure([BARE, shot]))
                runs["feedwise"].append(measure([APP, "--fresh-settings", "--screenshot", shot]))
                runs["scenario"].append(measure([APP, "--fresh-settings", "--speed", "5",
                                                 "--seed", "7", "--script", script]))
    finally:
        server.terminate()
    medians = {}
    for name, results in runs.items():
        ms = statistics.median(r[0] for r in results)
        mib = statistics.median(r[1] for r in results)
        medians[name] = (ms, mib)
        what = "whole scenario, start to exit" if name == "scenario" else "start to screenshot and exit"
        print(f"{name:9} {what}: median {ms:6.0f} ms   peak RSS median {mib:5.0f} MiB"
              f"   (runs: {', '.join(f'{r[0]:.0f}' for r in results)} ms)")
    (a_ms, a_mib), (b_ms, b_mib) = medians["bare"], medians["feedwise"]
    print(f"feedwise / bare: start-up {b_ms / a_ms:.2f}x, memory {b_mib - a_mib:+.0f} MiB")
    print(f"a whole scenario beside the bare window: peak memory {medians['scenario'][1] - a_mib:+.0f} MiB")


if __name__ == "__main__":
    main()
