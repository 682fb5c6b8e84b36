#!/usr/bin/env python3
"""A phone, played by headless Chromium: opens the voting page, joins (the PIN rides in the
address after '#', as in the QR code), taps options, sends, and saves a screenshot.

    python3 scripts/browser_vote.py URL#pin=123456 OUT.png [OPTION_TEXT ...]

Each OPTION_TEXT is tapped in order (the start of an option's words); for a ranking or a
selection the page's "Send my vote" is pressed after them. Prints the page's status line.
Standard library only: the DevTools protocol is spoken over a minimal WebSocket client.
"""
import base64
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("chromium is not installed (apt-get install chromium)")


class WebSocket:
    """Just enough of RFC 6455 for DevTools: text frames, client masking, no extensions."""

    def __init__(self, url):
        match = re.match(r"ws://([^:/]+):(\d+)(/.*)", url)
        host, port, path = match.group(1), int(match.group(2)), match.group(3)
        self.sock = socket.create_connection((host, port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.sock.recv(4096)
        if b" 101 " not in response.split(b"\r\n")[0]:
            raise RuntimeError(response.decode(errors="replace"))
        self.buffer = response.split(b"\r\n\r\n", 1)[1]
        self.next_id = 0

    def send(self, text):
        data = text.encode()
        header = bytes([0x81])
        if len(data) < 126:
            header += bytes([0x80 | len(data)])
        elif len(data) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(data))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(data))
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("connection closed")
            self.buffer += chunk
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def receive(self):
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            message += self._read(length)
            if first & 0x80:
                return message.decode()

    def call(self, method, **params):
        self.next_id += 1
        ident = self.next_id
        self.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            reply = json.loads(self.receive())
            if reply.get("id") == ident:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})


def evaluate(ws, expression):
    result = ws.call("Runtime.evaluate", expression=expression, returnByValue=True)
    return result.get("result", {}).get("value")


def wait_for(ws, expression, seconds=15):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if evaluate(ws, expression):
            return True
        time.sleep(0.2)
    return False


def main():
    url, out, taps = sys.argv[1], sys.argv[2], sys.argv[3:]
    profile = tempfile.mkdtemp(prefix="feedwise-phone-")
    browser = subprocess.Popen(
        [
            chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--remote-debugging-port=0", f"--user-data-dir={profile}",
            "--window-size=390,844", "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        target = None
        deadline = time.time() + 30
        while time.time() < deadline and target is None:
            line = browser.stderr.readline()
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match:
                target = match.group(1)
        if target is None:
            sys.exit("chromium did not start its DevTools endpoint")
        # Attach to the page, not the browser.
        port = re.match(r"ws://[^:]+:(\d+)/", target).group(1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json") as listing:
            pages = json.loads(listing.read())
        page = next(p for p in pages if p.get("type") == "page")
        ws = WebSocket(page["webSocketDebuggerUrl"])
        ws.call("Page.enable")
        ws.call("Emulation.setDeviceMetricsOverride", width=390, height=844,
                deviceScaleFactor=2, mobile=True)
        ws.call("Page.navigate", url=url)
        if not wait_for(ws, "document.querySelectorAll('#options button').length > 0"):
            print(evaluate(ws, "document.getElementById('status') && document.getElementById('status').textContent"))
            sys.exit("no open decision appeared on the page")
        for text in taps:
            clicked = evaluate(
                ws,
                "(() => { const b = [...document.querySelectorAll('#options button')]"
                f".find(b => b.textContent.includes({json.dumps(text)}));"
                " if (b) { b.click(); return true; } return false; })()",
            )
            if not clicked:
                sys.exit(f"no option reads {text!r}")
            time.sleep(0.2)
        if evaluate(ws, "!document.getElementById('send').hidden"):
            evaluate(ws, "document.getElementById('send').click()")
        wait_for(ws, "document.getElementById('status').className === 'done'", 10)
        print(evaluate(ws, "document.getElementById('status').textContent"))
        shot = ws.call("Page.captureScreenshot", format="png")
        with open(out, "wb") as file:
            file.write(base64.b64decode(shot["data"]))
    finally:
        browser.kill()
        browser.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
