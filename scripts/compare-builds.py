#!/usr/bin/env python3
"""Shows that two builds of feedwise behave the same: a refactor's check. Runs each binary over
the command line's outputs (check, graph, paths, play, guidance, export) and the app's tour
(scripts/compare-tour.txt under Xvfb), then lists every output that differs and, for each
screenshot, how many bytes differ by more than 32 levels (live clocks and countdowns differ
between any two runs; everything else should be 0).

    cargo build                              # the new build
    git worktree add /tmp/old REV && (cd /tmp/old && CARGO_TARGET_DIR=~/.cache/old cargo build)
    python3 scripts/compare-builds.py ~/.cache/old/debug/feedwise target/debug/feedwise
"""
import glob, os, shutil, struct, subprocess, sys, tempfile, zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xvfb_display import start_display  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def commands():
    """Every command-line output to compare, by name."""
    yield "check", ["check", "scenarios"]
    yield "check-json", ["check", "--format", "json", "scenarios"]
    yield "check-coverage", ["check", "--coverage", "scenarios"]
    yield "check-sessions", ["check", "sessions"]
    for path in sorted(glob.glob("tests/fixtures/*.ron") + glob.glob("tests/fixtures/*/")):
        yield "check " + path, ["check", path]
        yield "check-json " + path, ["check", "--format", "json", path]
    yield "guidance", ["guidance"]
    yield "guidance-search", ["guidance", "--search", "privacy", "NMC"]
    for path in sorted(glob.glob("scenarios/*.ron")):
        yield "graph " + path, ["graph", path]
        yield "graph-dot " + path, ["graph", "--format", "dot", path]
        yield "paths " + path, ["paths", path]
        yield "paths-json " + path, ["paths", "--format", "json", path]
        yield "play " + path, ["play", "--seed", "7", "--random", "3", path]
        yield "play-json " + path, ["play", "--seed", "5", "--random", "40", "--format", "json", path]


def exports(data):
    for kind in ["markdown", "html", "csv-runs", "csv-decisions", "xapi"]:
        yield "export " + kind, ["export", "--data", data, "--in-progress", "--" + kind]


def outputs(binary, named):
    found = {}
    for name, args in named:
        done = subprocess.run([binary] + args, cwd=ROOT, capture_output=True)
        found[name] = (done.returncode, done.stdout, done.stderr)
    return found


def tour(binary, work, display):
    """The app tour into work/shots, with the data folder at one path for every binary (the
    screens show it); returns the data folder kept."""
    data, shots = os.path.join(work, "data"), os.path.join(work, "shots")
    for folder in (data, shots):
        shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(shots)
    script = os.path.join(work, "tour.txt")
    with open(os.path.join(ROOT, "scripts/compare-tour.txt")) as source, open(script, "w") as out:
        out.write(source.read().replace("SHOTS", shots))
    done = subprocess.run([binary, "--fresh-settings", "--data-dir", data, "--seed", "7", "--speed",
                           "5", "--window-size", "1280x720", "--script", script], cwd=ROOT,
                          env=dict(os.environ, DISPLAY=display), capture_output=True)
    if done.returncode != 0:
        sys.exit(f"{binary}: the tour failed\n{done.stderr.decode()[-2000:]}")
    return {os.path.basename(p): pixels(p) for p in sorted(glob.glob(shots + "/*.png"))}


def pixels(path):
    """A PNG's size and rows of bytes (8-bit, not interlaced: what the app writes)."""
    data, at, compressed = open(path, "rb").read(), 8, b""
    while at < len(data):
        (length,), kind = struct.unpack(">I", data[at:at + 4]), data[at + 4:at + 8]
        chunk = data[at + 8:at + 8 + length]
        at += 12 + length
        if kind == b"IHDR":
            width, height, _, colour = struct.unpack(">IIBB", chunk[:10])
        elif kind == b"IDAT":
            compressed += chunk
    step = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw, stride, rows, previous, k = zlib.decompress(compressed), width * step, [], bytearray(width * step), 0
    for _ in range(height):
        kind, line = raw[k], bytearray(raw[k + 1:k + 1 + stride])
        k += 1 + stride
        for x in range(stride):
            a = line[x - step] if x >= step else 0
            b, c = previous[x], (previous[x - step] if x >= step else 0)
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif kind == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return (width, height, step), rows


def main():
    old, new = (os.path.abspath(b) for b in sys.argv[1:3])
    display = os.environ.get("COMPARE_DISPLAY", ":93")
    server = start_display(display)
    work = tempfile.mkdtemp()
    try:
        shots_old = tour(old, work, display)
        shots_new = tour(new, work, display)
        data = os.path.join(work, "data")
        # The xAPI pseudonym made once, so both read it (making it is said on stderr).
        outputs(old, exports(data))
        named = list(commands()) + list(exports(data))
        a, b = outputs(old, named), outputs(new, named)
        differ = [name for name in a if a[name] != b[name]]
        print(f"command-line outputs: {len(a)}, differing: {len(differ)}")
        for name in differ:
            print("  differs:", name)
        print("screenshot: bytes differing by more than 32 levels (clocks and countdowns move)")
        for name, (shape, rows) in shots_old.items():
            other_shape, other_rows = shots_new.get(name, (None, []))
            if other_shape != shape:
                print(f"  {name}: missing or another size")
                continue
            big = sum(1 for r, s in zip(rows, other_rows) if r != s
                      for x, y in zip(r, s) if abs(x - y) > 32)
            print(f"  {name}: {big}")
    finally:
        server.terminate()
        shutil.rmtree(work, ignore_errors=True)


main()
