#!/usr/bin/env python3
"""The projector while a room votes: the release app facilitates the shipped workshop under
Xvfb with phone voting on loopback; its frames are timed with nobody voting, then while 500
simulated phones (each from its own 127.x address) vote again and again. Prints both.

    cargo build --release && python3 scripts/measure-votes.py

Needs Xvfb and Mesa's software Vulkan, as the end-to-end test does.
"""
import os
import re
import socket
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/feedwise-target"))
BINARY = os.path.join(TARGET, "release", "feedwise")
PHONES = 500
SECONDS_OF_VOTING = 14


def loopback_index():
    """Position of 127.0.0.1 in the app's address list: other IPv4 addresses first, by name."""
    out = subprocess.run(["ip", "-4", "-o", "addr"], capture_output=True, text=True).stdout
    names = sorted({line.split()[1] for line in out.splitlines() if line.split()[1] != "lo"})
    return len(names) + 1


SCRIPT = """frames 5
expect Facilitate
key KeyW
key Digit{index}
key Space
wait 8
key KeyN
key KeyN
key KeyN
key KeyV
frames 5
frame-times 200 idle
wait 3
frame-times 200 voting
exit
"""


def request(source, host, port, text):
    with socket.create_connection((host, port), timeout=30, source_address=(source, 0)) as conn:
        conn.sendall(text.encode())
        reply = b""
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            reply += chunk
    head, _, body = reply.decode(errors="replace").partition("\r\n\r\n")
    status = int(head.split()[1]) if head.split()[1:] else 0
    return status, body


def phone(i, host, port, path, pin, decision, option_ids, stop, counts):
    source = f"127.1.{i // 250}.{i % 250 + 2}"
    def call(method, route, body="", device=None):
        extra = f"X-Device: {device}\r\n" if device else ""
        return request(source, host, port,
                       f"{method} {path}{route} HTTP/1.1\r\nHost: {host}:{port}\r\n{extra}"
                       f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
                       f"Connection: close\r\n\r\n{body}")
    status, body = call("POST", "join", '{"pin":"%s"}' % pin)
    if status != 200:
        counts["refused"] += 1
        return
    device = re.search(r'"device":"([^"]+)"', body).group(1)
    n = 0
    while not stop.is_set():
        choice = option_ids[(i + n) % len(option_ids)]
        status, _ = call("POST", "vote",
                         '{"device":"%s","decision":"%s","options":["%s"]}' % (device, decision, choice))
        counts["votes" if status == 200 else "refused"] += 1
        n += 1
        time.sleep(1.0)


def main():
    display = ":%d" % (70 + os.getpid() % 20)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    script = os.path.join("/tmp", f"measure-votes-{os.getpid()}.txt")
    with open(script, "w") as file:
        file.write(SCRIPT.format(index=loopback_index()))
    env = dict(os.environ, DISPLAY=display, RUST_LOG="warn,feedwise=info")
    app = subprocess.Popen(
        [BINARY, "--fresh-settings", "--speed", "5", "--facilitate",
         "sessions/forty-five-minute-workshop.ron", "--script", script],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    stop = threading.Event()
    counts = {"votes": 0, "refused": 0}
    threads = []
    results = {}
    try:
        for line in app.stdout:
            line = re.sub(r"\x1b\[[0-9;]*m", "", line)
            found = re.search(r"taking votes at http://([\d.]+):(\d+)(/\w+/) \(PIN (\d+)\)", line)
            if found:
                host, port, path, pin = found.group(1), int(found.group(2)), found.group(3), found.group(4)
            timed = re.search(r"frame-times (\w+): (.*)", line)
            if timed:
                results[timed.group(1)] = timed.group(2)
                if timed.group(1) == "idle":
                    # The decision offered on screen: the workshop's first, in its seeded order.
                    decision, options = "reply-to-patient", ["redirect-kindly", "reassure-vaguely", "look-up-results", "promise-monday"]
                    status, body = request("127.0.0.1", host, port,
                                           f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n")
                    for i in range(PHONES):
                        thread = threading.Thread(target=phone, daemon=True, args=(
                            i, host, port, path, pin, decision, options, stop, counts))
                        thread.start()
                        threads.append(thread)
                else:
                    stop.set()
        app.wait(timeout=120)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=5)
        if app.poll() is None:
            app.kill()
        xvfb.terminate()
    print(f"projector idle (voting open, nobody voting): {results.get('idle')}")
    print(f"projector while {PHONES} phones vote about once a second each: {results.get('voting')}")
    print(f"votes accepted {counts['votes']}, refused {counts['refused']}")


if __name__ == "__main__":
    sys.exit(main())
