#!/usr/bin/env bash
# feedwise's engine beside inkjs on the same shape (20 sequential four-way scored decisions,
# random playthroughs): the compiled fast path (`paths` and random play) and a full session
# with every text filled in, alternating three times: a shared 2-core machine drifts, so only the
# ratio within one run means anything.
#
#   scripts/compare-ink.sh        (needs node and npm; inkjs comes from the npm registry)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/feedwise-target}"
ink=$(mktemp -d)
trap 'rm -rf "$ink"' EXIT
cp ../shared/peers/ink/* "$ink"
(cd "$ink" && npm install --silent >/dev/null && node make-deep.js 20 >/dev/null)
cargo bench --bench engine --no-run >/dev/null 2>&1
for round in 1 2 3; do
    ink_rate=$(cd "$ink" && node bench-play.js 5000 | python3 -c 'import json,sys; print(json.load(sys.stdin)["choices_per_s"])')
    rate() {
        cargo bench --bench engine -- "vs-ink/$1\$" --noplot 2>/dev/null | python3 -c '
import re, sys
text = sys.stdin.read()
m = re.search(r"thrpt:\s+\[\S+ \S+ (\S+) (\S+)", text)
value, unit = float(m.group(1)), m.group(2)
print(int(value * {"elem/s": 1, "Kelem/s": 1e3, "Melem/s": 1e6, "Gelem/s": 1e9}[unit]))'
    }
    fast=$(rate playthrough)
    session=$(rate session)
    python3 -c "print(f'round $round: inkjs {$ink_rate:,} choices/s; feedwise playthrough {$fast:,} ({$fast / $ink_rate:.0f}x), session {$session:,} ({$session / $ink_rate:.1f}x)')"
done
