#!/bin/sh
# Builds the Linux package, $CARGO_TARGET_DIR/debian/feedwise_VERSION_ARCH.deb: the `dist`
# build (link-time optimised, stripped), a desktop entry that opens `.ron` scenario files in
# feedwise, the icon and the file type. Needs only cargo and dpkg-deb (part of dpkg).
#
#   scripts/package-deb.sh      then      sudo dpkg -i "$CARGO_TARGET_DIR"/debian/feedwise_*.deb
set -eu
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/feedwise-target}"
cargo build --profile dist --locked
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
arch=$(dpkg --print-architecture)
out="$CARGO_TARGET_DIR/debian"
root="$out/feedwise_${version}_$arch"
rm -rf "$root"
install -D -m 755 "$CARGO_TARGET_DIR/dist/feedwise" "$root/usr/bin/feedwise"
install -D -m 644 packaging/feedwise.desktop "$root/usr/share/applications/feedwise.desktop"
install -D -m 644 packaging/feedwise.xml "$root/usr/share/mime/packages/feedwise.xml"
install -D -m 644 packaging/feedwise.svg "$root/usr/share/icons/hicolor/scalable/apps/feedwise.svg"
install -D -m 644 README.md "$root/usr/share/doc/feedwise/README.md"
install -D -m 644 docs/authoring.md "$root/usr/share/doc/feedwise/authoring.md"
install -D -m 644 packaging/copyright "$root/usr/share/doc/feedwise/copyright"
size=$(du -sk "$root/usr" | cut -f1)
mkdir -p "$root/DEBIAN"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
    packaging/control > "$root/DEBIAN/control"
# The desktop's menus and file types learn of feedwise when it is installed or removed.
install -m 755 packaging/postinst "$root/DEBIAN/postinst"
install -m 755 packaging/postinst "$root/DEBIAN/postrm"
dpkg-deb --build --root-owner-group -Zxz "$root" "$root.deb" >/dev/null
rm -rf "$root"
echo "$root.deb: $(du -h "$root.deb" | cut -f1), the binary $(du -h "$CARGO_TARGET_DIR/dist/feedwise" | cut -f1)"
