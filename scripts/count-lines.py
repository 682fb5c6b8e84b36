#!/usr/bin/env python3
"""Counts the hand-written Rust lines of the source trees (src/ and crates/*/src/): all lines,
and of those the lines of code (not blank, not a comment, outside a `#[cfg(test)]` module).

    python3 scripts/count-lines.py            # the working tree
    python3 scripts/count-lines.py REV        # a commit, e.g. 5ed8d08
"""
import subprocess
import sys


def files(rev):
    names = subprocess.run(
        ["git", "ls-files", "src", "crates"] if rev is None
        else ["git", "ls-tree", "-r", "--name-only", rev, "src", "crates"],
        capture_output=True, text=True, check=True).stdout.split()
    return [n for n in names if n.endswith(".rs") and (n.startswith("src/") or "/src/" in n)]


def text(rev, name):
    if rev is None:
        return open(name, encoding="utf-8").read()
    return subprocess.run(["git", "show", f"{rev}:{name}"],
                          capture_output=True, text=True, check=True).stdout


def main():
    rev = sys.argv[1] if len(sys.argv) > 1 else None
    total = code = 0
    for name in files(rev):
        in_tests = False
        for line in text(rev, name).splitlines():
            total += 1
            # A test module runs to the end of its file in this codebase.
            in_tests = in_tests or line.startswith("#[cfg(test)]")
            stripped = line.strip()
            if not in_tests and stripped and not stripped.startswith("//"):
                code += 1
    print(f"{rev or 'working tree'}: {total} lines, {code} lines of code")


main()
