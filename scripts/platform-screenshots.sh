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
# id, seed, real seconds to wait at double speed (the decision opens with the beat's last
# event), then optional script steps separated by `;` (answer a decision to see what follows).
while read -r id seed seconds steps; do
  [ -z "$id" ] && continue
  out="docs/screenshots/platform-$id.png"
  {
    printf 'frames 5\nwait %s\n' "$seconds"
    [ -n "${steps:-}" ] && printf '%s\n' "$steps" | tr ';' '\n'
    printf 'screenshot %s\nexit\n' "$PWD/$out"
  } >"$work/$id.txt"
  "$binary" --fresh-settings --data-dir "$work/data" --scenario "$id" --seed "$seed" \
    --speed 2 --window-size 1280x720 --script "$work/$id.txt" >/dev/null 2>&1
  echo "$out"
done <<'LIST'
aesthetics-offer 3 9 key Digit1;key Enter;wait 1;key Enter;wait 4
colleague-misinformation 3 12
own-inflammatory-post 3 9.5
pa-thread 3 12
scene-images 3 10 key Digit1;key Enter;wait 1;key Enter;wait 6
placement-video 3 12 key Digit1;key Enter;wait 1;key Enter;wait 7
staff-banter 3 10
chatbot-draft 3 9.5
LIST
