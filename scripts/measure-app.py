#!/usr/bin/env python3
"""Measures the app's figures under Xvfb with Mesa's software Vulkan (release build).

    cargo build --release && python3 scripts/measure-app.py

Prints: time from launch to the first complete frame, idle CPU with a decision open for
10 s, peak resident memory over a full scripted scenario, and frame times while a feed of
1,000 posts scrolls beside an empty feed (the software-rendering floor) and a screenful of
12 posts, interleaved three times.
"""
import os, re, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xvfb_display import start_display  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/feedwise-target"))
BINARY = os.path.join(TARGET, "release", "feedwise")
DISPLAY = ":77"


def run(args, **kwargs):
    env = dict(os.environ, DISPLAY=DISPLAY, RUST_LOG="warn,feedwise=info")
    return subprocess.Popen([BINARY, "--fresh-settings"] + args, cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)


def startup():
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(5):
            out, _ = run(["--screenshot", os.path.join(tmp, "s.png")]).communicate(timeout=60)
            found = re.findall(r"frame (\d+) prepared (\d+) ms after launch", out)
            third = [int(ms) for frame, ms in found if frame == "3"]
            if third:
                times.append(third[0])
    return statistics.median(times), times


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_cpu():
    # helmet-debate's first decision is untimed: once it is open the app should sleep.
    app = run(["--scenario", "helmet-debate", "--seed", "1", "--speed", "40"])
    deadline = time.time() + 60
    for line in app.stdout:
        if "offered" in line or time.time() > deadline:
            break
    # New posts are highlighted for two seconds (drawn continuously); let that finish.
    time.sleep(5)
    before = cpu_seconds(app.pid)
    time.sleep(10)
    used = cpu_seconds(app.pid) - before
    app.kill()
    app.wait()
    return used / 10 * 100


def peak_memory():
    with tempfile.TemporaryDirectory() as tmp:
        script = open(os.path.join(ROOT, "tests/e2e/play-through.txt")).read().replace("{out}", tmp)
        path = os.path.join(tmp, "script.txt")
        open(path, "w").write(script)
        app = run(["--speed", "5", "--seed", "7", "--script", path])
        peak = 0
        while app.poll() is None:
            try:
                status = open(f"/proc/{app.pid}/status").read()
                peak = max(peak, int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)))
            except (OSError, AttributeError):
                pass
            time.sleep(0.05)
        return peak / 1024


def stress_scenario(folder, posts):
    events = ",\n".join(
        f'(at: 0, show: Post(id: "p{i}", by: "{"ab"[i % 2]}", text: "Post {i}: a line of ordinary feed text '
        f'long enough to wrap across the column at the default size, with a second sentence.", likes: {i % 97}))'
        for i in range(posts))
    text = f"""(
    id: "stress-{posts}", title: "{posts} posts", summary: "Frame-time measurement.", edition: "SM24",
    audiences: [Doctor], minutes: 3, version: 1,
    cast: [(id: "me", name: "Me", handle: "me", role: Me), (id: "a", name: "Alex Doe", handle: "alex", role: Public),
           (id: "b", name: "Bea Roe", handle: "bea", role: Public)],
    start: "feed",
    beats: [(id: "feed", events: [{events if posts else ""}], then: [(to: "end")])],
    endings: [(id: "end", title: "End", events: [(at: 3600, show: Notification(text: "done"))], debrief: "Done.")],
)"""
    open(os.path.join(folder, f"stress-{posts}.ron"), "w").write(text)


def scrolling(posts):
    with tempfile.TemporaryDirectory() as tmp:
        stress_scenario(tmp, posts)
        script = os.path.join(tmp, "scroll.txt")
        open(script, "w").write("wait 3\nscroll-feed 300 40\nexit\n")
        out, _ = run(["--scenarios", tmp, "--scenario", f"stress-{posts}", "--script", script]).communicate(timeout=600)
        found = re.search(r"median ([\d.]+) ms, p95 ([\d.]+) ms", out)
        return (float(found.group(1)), float(found.group(2))) if found else None


def main():
    if not os.path.exists(BINARY):
        sys.exit(f"build first: cargo build --release ({BINARY} is missing)")
    server = start_display(DISPLAY)
    try:
        median, all_times = startup()
        print(f"launch to first complete frame (3rd): median {median} ms over {all_times}")
        print(f"idle CPU with a decision open for 10 s: {idle_cpu():.2f}% of a core")
        print(f"peak resident memory over a full scripted scenario: {peak_memory():.0f} MiB")
        # Interleaved, three times: an empty feed, a screenful (12 posts) and 1,000 posts. The
        # screenful separates the cost of drawing a full feed from the cost of its length.
        results = {0: [], 12: [], 1000: []}
        for _ in range(3):
            for posts in results:
                result = scrolling(posts)
                if result is None:
                    sys.exit(f"feed of {posts} posts: the scroll measurement printed nothing")
                results[posts].append(result)
        for posts, found in results.items():
            print(f"feed of {posts} posts scrolling: median {statistics.median(r[0] for r in found)} ms, "
                  f"p95 {statistics.median(r[1] for r in found)} ms (p95 runs: {', '.join(str(r[1]) for r in found)})")
        p95 = {posts: statistics.median(r[1] for r in found) for posts, found in results.items()}
        print(f"p95 with 1,000 posts / p95 of an empty feed: {p95[1000] / p95[0]:.2f}x; "
              f"/ p95 of a screenful: {p95[1000] / p95[12]:.2f}x")
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
