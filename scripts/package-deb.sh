#!/bin/sh
# Builds the Linux package, target/debian/feedwise_VERSION_ARCH.deb (in CARGO_TARGET_DIR):
# the `dist` build (link-time optimised, stripped), a desktop entry that opens `.ron` scenario
# files in feedwise, the icon and the file type. Installs cargo-deb first when it is missing.
#
#   scripts/package-deb.sh          then   sudo dpkg -i "$CARGO_TARGET_DIR"/debian/feedwise_*.deb
set -eu
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/feedwise-target}"
if ! cargo deb --version >/dev/null 2>&1; then
    echo "installing cargo-deb"
    cargo install --locked --quiet cargo-deb --version 3.8.0
fi
# The profile strips the binary already; `--no-strip` keeps cargo-deb from needing binutils.
cargo deb --profile dist --no-strip --locked
package=$(ls -t "$CARGO_TARGET_DIR"/debian/feedwise_*.deb | head -n 1)
echo "$package: $(du -h "$package" | cut -f1), the binary $(du -h "$CARGO_TARGET_DIR/dist/feedwise" | cut -f1)"
