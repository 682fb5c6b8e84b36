#!/usr/bin/env bash
# Screenshots of the scenarios that happen on a platform other than the feed, as the trainee
# sees each one at 1280x720 just before its first decision opens: docs/screenshots/platform-*.png.
# Needs a display (Xvfb :77 here, DISPLAY otherwise) and a built binary:
#   Xvfb :77 -screen 0 1920x1080x24 -nolisten tcp &
#   DISPLAY=:77 scripts/platform-screenshots.sh [path/to/feedwise]
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-${CARGO_TARGET_DIR:-$HOME/.cache/feedwise-target}/debug/feedwise}"
export DISPLAY="${DISPLAY:-:77}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# id, seed, scenario seconds to wait (the decision opens after the beat's last event).
while read -r id seed seconds; do
  [ -z "$id" ] && continue
  out="docs/screenshots/platform-$id.png"
  printf 'frames 5\nwait %s\nscreenshot %s\nexit\n' "$seconds" "$PWD/$out" >"$work/$id.txt"
  "$binary" --fresh-settings --data-dir "$work/data" --scenario "$id" --seed "$seed" \
    --speed 4 --window-size 1280x720 --script "$work/$id.txt" >/dev/null 2>&1
  echo "$out"
done <<'LIST'
LIST
