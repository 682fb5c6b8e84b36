#!/usr/bin/env python3
"""Prints an HTML note to A4 with headless Chromium (as a trainee's "save as PDF" does) and says
what each page holds, for tests/it of the core (`export_print`).

    python3 scripts/print_note.py NOTE.html OUT.pdf

Prints one JSON object: the number of pages and, for each, its lines of text. Needs pypdf
(`.ci/run` installs it into its test venv; `pip install "pypdf==7.*"` by hand).
"""
import json
import subprocess
import sys

from pypdf import PdfReader

# The same way to find Chromium as the voting page's browser test (this folder is on the path).
from browser_vote import chromium


def main():
    note, pdf = sys.argv[1], sys.argv[2]
    subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", f"file://{note}"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120,
    )
    pages = [page.extract_text().splitlines() for page in PdfReader(pdf).pages]
    print(json.dumps({"pages": pages}))


if __name__ == "__main__":
    main()
