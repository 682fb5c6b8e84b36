//! Builds the shipped scenarios and session plans into the core, so an installed feedwise
//! (or one copied anywhere) has its full library: `$OUT_DIR/shipped.rs` lists every `.ron`
//! file of the repository's `scenarios/` and `sessions/` with its text.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut out = String::new();
    for (name, folder) in [
        ("SHIPPED_SCENARIOS", "scenarios"),
        ("SHIPPED_PLANS", "sessions"),
    ] {
        // The content lives at the repository's root, two folders above this crate.
        let dir = Path::new(&root).join("../..").join(folder);
        // A file added or removed changes the folder; edits are tracked by `include_str!`.
        println!("cargo:rerun-if-changed=../../{folder}");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".ron") && !n.starts_with('.'))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        writeln!(out, "pub static {name}: &[(&str, &str)] = &[").unwrap();
        for file in files {
            // The path is made when the crate compiles, not here: two checkouts sharing one
            // target folder share this script's output, and each must read its own files.
            let relative = format!("/../../{folder}/{file}");
            writeln!(
                out,
                "    ({file:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {relative:?}))),"
            )
            .unwrap();
        }
        writeln!(out, "];").unwrap();
    }
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("shipped.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}
