#!/usr/bin/env bash
# `feedwise check` over 1,000 real-sized scenario files: copies of the shipped library with
# fresh ids, timed as a user runs it (release build, all cores).
#   cargo build --release && scripts/bench-check-cli.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${CARGO_TARGET_DIR:-$HOME/.cache/feedwise-target}/release/feedwise"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
files=(scenarios/*.ron)
for i in $(seq 0 999); do
    src=${files[$((i % ${#files[@]}))]}
    # The scenario id is the first `id:` in the file; give each copy its own.
    sed "0,/^    id: \"\([^\"]*\)\"/s//    id: \"\1-$i\"/" "$src" > "$dir/copy-$i.ron"
done
echo "$(du -sh "$dir" | cut -f1) in 1000 files"
for run in 1 2 3; do
    /usr/bin/env time -f "run $run: %e s, %M KiB peak" "$bin" check "$dir" | tail -1
done
