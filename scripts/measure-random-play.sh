#!/usr/bin/env bash
# `feedwise play --random 100000` on the largest shipped scenario, timed as a user runs it
# (release build), five times.
#   cargo build --release && scripts/measure-random-play.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${CARGO_TARGET_DIR:-$HOME/.cache/feedwise-target}/release/feedwise"
largest=$(ls -S scenarios/*.ron | head -1)
echo "$largest ($(wc -c < "$largest") bytes)"
for run in 1 2 3 4 5; do
    /usr/bin/env time -f "run $run: %e s, %M KiB peak" "$bin" play "$largest" --random 100000 --seed "$run" > /dev/null
done
