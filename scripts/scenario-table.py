#!/usr/bin/env python3
"""Prints the table of docs/scenarios.md from the files in scenarios/ (run from the repository root).

The RON is read with regular expressions, which is enough for the fields the table shows;
`tests/it/library.rs` checks that the document lists every shipped file.
"""
import pathlib
import re

WORDS = {
    "Doctor": "doctors",
    "Nurse": "nurses",
    "Midwife": "midwives",
    "AlliedHealth": "allied health",
    "Student": "students",
    "PhysicianAssociate": "physician associates",
}

PLATFORMS = {"GroupChat": "group chat", "ShortVideo": "short video", "Chatbot": "AI chatbot"}


def field(text, name):
    match = re.search(r'^    %s: "((?:[^"\\]|\\.)*)",' % name, text, re.M)
    return match.group(1) if match else ""


def listing(text, name):
    match = re.search(r"^    %s: \[([^\]]*)\]," % name, text, re.M)
    return [item.strip().strip('"') for item in match.group(1).split(",") if item.strip()] if match else []


rows = []
for path in sorted(pathlib.Path("scenarios").glob("*.ron")):
    text = path.read_text()
    focus = set(listing(text, "focus"))
    scored = sorted(set(re.findall(r'"([a-z-]+)": -?\d+', "\n".join(re.findall(r"effects: \{[^}]*\}", text)))))
    teaches = ", ".join(f"**{p}**" if p in focus else p for p in scored)
    kinds = []
    for kind, label in (("Choose,", "Choose"), ("Rank(", "Rank"), ("ChooseSeveral(", "ChooseSeveral")):
        count = len(re.findall(r"kind: " + re.escape(kind), text))
        if count:
            kinds.append(f"{count} {label}")
    audiences = ", ".join(WORDS[a] for a in listing(text, "audiences"))
    minutes = re.search(r"^    minutes: (\d+),", text, re.M).group(1)
    platform = re.search(r"^    platform: (\w+)", text, re.M)
    where = PLATFORMS.get(platform.group(1), "feed") if platform else "feed"
    rows.append(
        f"| `{path.name}` | {field(text, 'title')}: {field(text, 'summary')} | {audiences} | {where} | {teaches} | {', '.join(kinds)} | {minutes} |"
    )
print("| file | scenario | for | on | teaches (main subject in bold) | decisions | minutes |")
print("|---|---|---|---|---|---|---|")
print("\n".join(rows))
