#!/usr/bin/env bash
# Screenshots of the newer scenarios (issue 27), each on its platform as the trainee sees it at
# 1280x720 just before the first decision opens: docs/screenshots/platform-*.png.
# Needs a display (Xvfb :77 here, DISPLAY otherwise) and a built binary:
#   Xvfb :77 -screen 0 1920x1080x24 -nolisten tcp &
#   DISPLAY=:77 scripts/platform-screenshots.sh [path/to/feedwise]
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-${CARGO_TARGET_DIR:-$HOME/.cache/feedwise-target}/debug/feedwise}"
export DISPLAY="${DISPLAY:-:77}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# id, seed, real seconds to wait at double speed (the decision opens with the beat's last event).
while read -r id seed seconds; do
  [ -z "$id" ] && continue
  out="docs/screenshots/platform-$id.png"
  printf 'frames 5\nwait %s\nscreenshot %s\nexit\n' "$seconds" "$PWD/$out" >"$work/$id.txt"
  "$binary" --fresh-settings --data-dir "$work/data" --scenario "$id" --seed "$seed" \
    --speed 2 --window-size 1280x720 --script "$work/$id.txt" >/dev/null 2>&1
  echo "$out"
done <<'LIST'
aesthetics-offer 3 7.5
colleague-misinformation 3 12
own-inflammatory-post 3 9.5
pa-thread 3 12
scene-images 3 8.5
placement-video 3 10.5
staff-banter 3 10
chatbot-draft 3 9.5
LIST
