//! The layers hold: no crate of the workspace depends on one above it, and `unsafe` appears
//! only where a system call needs it, each time with a `SAFETY:` comment.
//!
//! ```text
//! feedwise (cli, app) -> feedwise-room, feedwise-lsp -> feedwise-core
//! ```

use std::path::Path;
use std::process::Command;

/// Each crate of the workspace and the workspace crates it may depend on.
const ALLOWED: &[(&str, &[&str])] = &[
    ("feedwise-core", &[]),
    ("feedwise-room", &["feedwise-core"]),
    ("feedwise-lsp", &["feedwise-core"]),
    (
        "feedwise",
        &["feedwise-core", "feedwise-room", "feedwise-lsp"],
    ),
];

#[test]
fn no_crate_depends_on_a_crate_above_it() {
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let packages = metadata["packages"].as_array().unwrap();
    let ours: Vec<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();
    assert_eq!(
        ours.len(),
        ALLOWED.len(),
        "every crate has its place: {ours:?}"
    );
    for package in packages {
        let name = package["name"].as_str().unwrap();
        let (_, allowed) = ALLOWED
            .iter()
            .find(|(crate_name, _)| *crate_name == name)
            .unwrap_or_else(|| panic!("{name} is not in ALLOWED"));
        for dependency in package["dependencies"].as_array().unwrap() {
            let on = dependency["name"].as_str().unwrap();
            // Tests of a crate may use the crate itself (the root's dev-dependency on itself).
            if on == name || !ours.contains(&on) {
                continue;
            }
            assert!(
                allowed.contains(&on),
                "{name} depends on {on}, a layer above it or beside it"
            );
        }
    }
}

/// Files that call the operating system where the standard library has no safe wrapper.
const UNSAFE_FILES: &[&str] = &["crates/feedwise-room/src/server.rs", "src/app/memory.rs"];

#[test]
fn unsafe_is_only_where_a_system_call_needs_it_and_says_why() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    let mut stack = vec![root.join("src"), root.join("crates")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                if !code.contains("unsafe {") && !code.contains("unsafe fn") {
                    continue;
                }
                let relative = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let said = lines[i.saturating_sub(6)..i]
                    .iter()
                    .any(|l| l.contains("SAFETY:"));
                assert!(
                    said,
                    "{relative}:{}: unsafe without a SAFETY: comment",
                    i + 1
                );
                found.push(relative);
            }
        }
    }
    found.sort();
    found.dedup();
    assert_eq!(found, UNSAFE_FILES, "unsafe only in these files");
}
