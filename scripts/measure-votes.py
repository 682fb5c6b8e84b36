#!/usr/bin/env python3
"""The projector while a room votes, and while the room's network attacks it: the release app
facilitates the shipped workshop under Xvfb with phone voting on loopback, limited to 1024
file descriptors (`ulimit -n 1024`). Its frames are timed three times: with nobody voting;
while 500 simulated phones (each from its own 127.x address) vote about once a second each;
and while those 500 keep voting during the attacks of tests/it/vote_attacks.rs all at once (2,000
idle connections from as many addresses, 10 bodies that never finish, bodies announced at a
petabyte, one address joining 500 times, a flood with a wrong Host, phone ids replayed from
other addresses). Prints the frame times and the votes accepted and refused in each phase.

    cargo build --release && python3 scripts/measure-votes.py

Needs Xvfb and Mesa's software Vulkan, as the end-to-end test does.
"""
import os
import re
import resource
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
frame-times 200 attack
screenshot {shot}
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


def phone(i, host, port, path, pin, decision, option_ids, stop, counts, devices):
    source = f"127.1.{i // 250}.{i % 250 + 2}"
    def call(method, route, body="", device=None):
        extra = f"X-Device: {device}\r\n" if device else ""
        return request(source, host, port,
                       f"{method} {path}{route} HTTP/1.1\r\nHost: {host}:{port}\r\n{extra}"
                       f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
                       f"Connection: close\r\n\r\n{body}")
    try:
        status, body = call("POST", "join", '{"pin":"%s"}' % pin)
    except OSError:
        status, body = 0, ""
    if status != 200:
        counts["refused"] += 1
        return
    device = re.search(r'"device":"([^"]+)"', body).group(1)
    devices.append(device)
    n = 0
    while not stop.is_set():
        choice = option_ids[(i + n) % len(option_ids)]
        try:
            status, _ = call("POST", "vote",
                             '{"device":"%s","decision":"%s","options":["%s"]}' % (device, decision, choice))
        except OSError:
            if stop.is_set():
                return
            status = 0
        counts["votes" if status == 200 else "refused"] += 1
        n += 1
        time.sleep(1.0)


def attack(host, port, path, pin, decision, devices, stop, held, counts):
    """Every attack of tests/it/vote_attacks.rs at once, until `stop`."""
    def raw(source, text, wait=True):
        try:
            conn = socket.create_connection((host, port), timeout=30, source_address=(source, 0))
            conn.sendall(text.encode())
            if not wait:
                held.append(conn)
                return
            conn.recv(4096)
            conn.close()
            counts["attacks"] += 1
        except OSError:
            if not stop.is_set():
                counts["attack errors"] += 1

    def idle():
        for i in range(2000):
            try:
                conn = socket.create_connection((host, port), timeout=30,
                                                source_address=(f"127.4.{i // 250}.{i % 250 + 1}", 0))
                held.append(conn)
            except OSError:
                counts["attack errors"] += 1

    def stalled():
        for i in range(10):
            raw(f"127.3.0.{i + 1}", f"POST {path}join HTTP/1.1\r\nHost: {host}:{port}\r\n"
                f"Content-Length: 100\r\n\r\n{{\"pi", wait=False)

    def huge():
        while not stop.is_set():
            raw("127.3.1.1", f"POST {path}vote HTTP/1.1\r\nHost: {host}:{port}\r\n"
                "Content-Length: 999999999999999\r\n\r\n")
            time.sleep(0.05)

    def join_flood():
        for _ in range(500):
            if stop.is_set():
                return
            body = '{"pin":"%s"}' % pin
            raw("127.3.2.1", f"POST {path}join HTTP/1.1\r\nHost: {host}:{port}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n{body}")

    def wrong_host():
        i = 0
        while not stop.is_set():
            raw(f"127.5.0.{i % 20 + 1}", "GET / HTTP/1.1\r\nHost: rebind.example\r\n"
                "Connection: close\r\n\r\n")
            i += 1

    def replay():
        i = 0
        while not stop.is_set():
            device = devices[i % len(devices)] if devices else "x"
            body = '{"device":"%s","decision":"%s","options":["look-up-results"]}' % (device, decision)
            raw(f"127.3.3.{i % 200 + 1}", f"POST {path}vote HTTP/1.1\r\nHost: {host}:{port}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n{body}")
            i += 1
            time.sleep(0.01)

    workers = [threading.Thread(target=f, daemon=True)
               for f in (idle, stalled, huge, join_flood, wrong_host, replay)]
    for worker in workers:
        worker.start()
    return workers


def limit_descriptors():
    """The app as a laptop might run it: 1024 file descriptors."""
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))


def main():
    # This process holds the attackers' thousands of sockets.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 16384), hard))
    display = ":%d" % (70 + os.getpid() % 20)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    script = os.path.join("/tmp", f"measure-votes-{os.getpid()}.txt")
    with open(script, "w") as file:
        shot = os.path.join("/tmp", f"measure-votes-{os.getpid()}.png")
        file.write(SCRIPT.format(index=loopback_index(), shot=shot))
    env = dict(os.environ, DISPLAY=display, RUST_LOG="warn,feedwise=info")
    app = subprocess.Popen(
        [BINARY, "--fresh-settings", "--speed", "5", "--facilitate",
         "sessions/forty-five-minute-workshop.ron", "--script", script],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        preexec_fn=limit_descriptors)
    stop = threading.Event()
    stop_attacks = threading.Event()
    counts = {"votes": 0, "refused": 0, "attacks": 0, "attack errors": 0}
    phase_counts = {}
    threads = []
    held = []
    devices = []
    results = {}
    # The decision offered on screen: the workshop's first.
    decision = "reply-to-patient"
    options = ["redirect-kindly", "reassure-vaguely", "look-up-results", "promise-monday"]
    try:
        for line in app.stdout:
            line = re.sub(r"\x1b\[[0-9;]*m", "", line)
            found = re.search(r"taking votes at http://([\d.]+):(\d+)(/\w+/) \(PIN (\d+)\)", line)
            if found:
                host, port, path, pin = found.group(1), int(found.group(2)), found.group(3), found.group(4)
            if "panicked" in line or "ERROR" in line:
                print(line.rstrip())
            timed = re.search(r"frame-times (\w+): (.*)", line)
            if not timed:
                continue
            phase = timed.group(1)
            results[phase] = timed.group(2)
            phase_counts[phase] = dict(counts)
            if phase == "idle":
                for i in range(PHONES):
                    thread = threading.Thread(target=phone, daemon=True, args=(
                        i, host, port, path, pin, decision, options, stop, counts, devices))
                    thread.start()
                    threads.append(thread)
            elif phase == "voting":
                threads += attack(host, port, path, pin, decision, devices, stop_attacks, held, counts)
            else:
                stop.set()
                stop_attacks.set()
        app.wait(timeout=120)
    finally:
        stop.set()
        stop_attacks.set()
        for thread in threads:
            thread.join(timeout=5)
        for conn in held:
            conn.close()
        if app.poll() is None:
            app.kill()
        xvfb.terminate()
    before = phase_counts.get("voting", {})
    after = phase_counts.get("attack", {})
    delta = lambda key: after.get(key, 0) - before.get(key, 0)
    print(f"app exit status {app.returncode} (ulimit -n 1024); the projector at the end: {shot}")
    print(f"projector idle (voting open, nobody voting): {results.get('idle')}")
    print(f"projector while {PHONES} phones vote about once a second each: {results.get('voting')}")
    print(f"  votes accepted {before.get('votes', 0)}, refused {before.get('refused', 0)}")
    print(f"projector while they vote during every attack at once: {results.get('attack')}")
    print(f"  votes accepted {delta('votes')}, refused {delta('refused')}; "
          f"{len(held)} attack connections held, {delta('attacks')} attack requests answered, "
          f"{delta('attack errors')} attack connections failed")


if __name__ == "__main__":
    sys.exit(main())
