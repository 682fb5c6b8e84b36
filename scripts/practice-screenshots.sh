#!/usr/bin/env bash
# Screenshots of practice (issue 28) at 1280x720, as a nurse: a first practice set is played and
# its records moved nine days back, as if played then; a second set is played today. Shots: the
# second set's first decision, its feed replayed, before Enter opens it (practice-set-decision.png) and its summary
# (practice-set-summary.png), the library's Practise next after both (practise-next.png) and
# the history's progress over dates (progress-by-principle.png). Every decision is answered with
# its options as shown (the script's `answer`).
# Needs a display (Xvfb :77 here, DISPLAY otherwise) and a built binary:
#   Xvfb :77 -screen 0 1920x1080x24 -nolisten tcp &
#   DISPLAY=:77 scripts/practice-screenshots.sh [path/to/feedwise]
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-${CARGO_TARGET_DIR:-$HOME/.cache/feedwise-target}/debug/feedwise}"
export DISPLAY="${DISPLAY:-:77}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
shots="$PWD/docs/screenshots"
play_set() {
  for _ in 1 2 3 4 5; do
    printf 'key Enter\nwait 1\nanswer\nwait 1\nkey Enter\nwait 2\n'
  done
}
run() {
  "$binary" --fresh-settings --as nurse --data-dir "$work/data" --seed "$1" --speed 2 \
    --window-size 1280x720 --script "$2" >"$work/log.txt" 2>&1 || {
    tail -20 "$work/log.txt"
    exit 1
  }
}
{
  printf 'frames 5\nkey Digit4\nwait 2\n'
  play_set
  printf 'wait 1\nexit\n'
} >"$work/first.txt"
run 5 "$work/first.txt"
# Nine days earlier: every time in the first set's records.
python3 - "$work/data/runs" <<'PY'
import datetime, pathlib, re, sys
def back(match):
    at = datetime.datetime.strptime(match.group(1), "%Y-%m-%dT%H:%M:%SZ")
    return '"' + (at - datetime.timedelta(days=9)).strftime("%Y-%m-%dT%H:%M:%SZ") + '"'
for path in pathlib.Path(sys.argv[1]).glob("*.ron"):
    path.write_text(re.sub(r'"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"', back, path.read_text()))
PY
{
  printf 'frames 5\nkey Digit4\nwait 2\nscreenshot %s\n' "$shots/practice-set-decision.png"
  play_set
  printf 'wait 1\nexpect PracticeSet\nscreenshot %s\n' "$shots/practice-set-summary.png"
  printf 'key Escape\nwait 1\nscreenshot %s\n' "$shots/practise-next.png"
  printf 'key KeyH\nwait 1\nexpect History\nscreenshot %s\nexit\n' "$shots/progress-by-principle.png"
} >"$work/second.txt"
run 11 "$work/second.txt"
ls -1 "$shots"/practice-set-*.png "$shots/practise-next.png" "$shots/progress-by-principle.png"
