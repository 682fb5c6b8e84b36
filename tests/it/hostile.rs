//! Hostile and unlucky inputs, each generated here, run through the real `feedwise` binary under
//! a 1 GiB address-space limit and a time limit: nothing may crash, hang, run out of memory or
//! mislead. Limits are generous for a debug build on a busy machine; what they catch is work
//! that grows with the square of the input (minutes) or memory that grows with it (gigabytes).

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BASE: &str = include_str!("../fixtures/check/base.ron");

/// Runs feedwise with `args` in `dir`, limited to 1 GiB of address space; returns the exit
/// code (None when killed by a signal), everything it printed, and how long it took.
fn feedwise_limited(dir: &Path, args: &[&str]) -> (Option<i32>, String, Duration) {
    let started = Instant::now();
    let output = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_feedwise"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("sh runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.code(), text, started.elapsed())
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// The base fixture without its leading comment line, so it can be put on one line.
fn base() -> String {
    BASE.split_once('\n')
        .map_or(BASE, |(_, rest)| rest)
        .to_owned()
}

const LIMIT: Duration = Duration::from_secs(60);

#[test]
fn a_one_line_file_with_twenty_thousand_errors_is_reported_briefly() {
    let dir = tempfile::tempdir().unwrap();
    let posts: String = (0..20_000)
        .map(|i| format!("(at: 0, show: Post(id: \"q{i}\", by: \"nobody{i}\", text: \"Hi\")),"))
        .collect();
    let text = base()
        .replace(
            "(at: 0, show: Post(id: \"p1\", by: \"pt\", text: \"Hello\")),",
            &format!("(at: 0, show: Post(id: \"p1\", by: \"pt\", text: \"Hello\")),{posts}"),
        )
        .replace('\n', " ");
    write(dir.path(), "one-line.ron", &text);
    let (code, output, took) = feedwise_limited(dir.path(), &["check", "one-line.ron"]);
    assert_eq!(code, Some(1), "{}", &output[..output.len().min(2000)]);
    assert!(
        output.contains("more problems in this file are not shown"),
        "capped"
    );
    assert!(output.contains("20000 errors"), "every problem is counted");
    assert!(output.len() < 100_000, "{} bytes of output", output.len());
    assert!(took < LIMIT, "{took:?}");
}

#[test]
fn three_megabytes_of_unclosed_braces_check_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let text = base().replace(
        "text: \"Hello\"",
        &format!("text: \"{}\"", "{a".repeat(1_000_000)),
    );
    write(dir.path(), "braces.ron", &text);
    let (code, output, took) = feedwise_limited(dir.path(), &["check", "braces.ron"]);
    assert_eq!(code, Some(0), "{}", &output[..output.len().min(2000)]);
    assert!(took < LIMIT, "{took:?}");
}

#[test]
fn a_chain_of_eighty_five_thousand_beats_checks_and_plays() {
    let dir = tempfile::tempdir().unwrap();
    let n = 85_000;
    let beats: String = (0..n)
        .map(|i| {
            let to = if i + 1 < n {
                format!("b{}", i + 1)
            } else {
                "first".to_owned()
            };
            format!("(id: \"b{i}\", then: [(to: \"{to}\")]),\n")
        })
        .collect();
    let text = base()
        .replace("    beats: [\n", &format!("    beats: [\n{beats}"))
        .replace("start: \"first\"", "start: \"b0\"");
    write(dir.path(), "chain.ron", &text);
    let (code, output, took) = feedwise_limited(dir.path(), &["check", "chain.ron"]);
    assert_eq!(code, Some(0), "{}", &output[..output.len().min(2000)]);
    assert!(output.contains("exploration-limit"), "{output}");
    assert!(took < LIMIT, "check: {took:?}");
    let (code, output, took) = feedwise_limited(
        dir.path(),
        &["play", "chain.ron", "--seed", "1", "--choose", "good"],
    );
    assert_eq!(
        code,
        Some(0),
        "{}",
        &output[output.len().saturating_sub(2000)..]
    );
    assert!(output.contains("ENDING: Good"), "played to the end");
    assert!(took < LIMIT, "play: {took:?}");
}

#[test]
fn long_misspelt_ids_among_many_get_their_errors_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let long = "a".repeat(1_000);
    let cast: String = (0..1_000)
        .map(|i| format!("(id: \"{long}{i}\", name: \"P\", handle: \"p{i}\", role: Patient),\n"))
        .collect();
    let replies: String = (0..1_000)
        .map(|i| format!("(at: 6, show: Reply(id: \"x{i}\", to: \"p1\", by: \"{long}x{i}\", text: \"Hi\")),\n"))
        .collect();
    let text = base()
        .replace("        (id: \"pt\", name: \"{patient}\", handle: \"pt_1\", role: Patient),\n", &format!("        (id: \"pt\", name: \"{{patient}}\", handle: \"pt_1\", role: Patient),\n{cast}"))
        .replace("(at: 5, show: Reply(id: \"r1\", to: \"p1\", by: \"me\", text: \"Hi\")),", &format!("(at: 5, show: Reply(id: \"r1\", to: \"p1\", by: \"me\", text: \"Hi\")),\n{replies}"));
    write(dir.path(), "long-ids.ron", &text);
    let (code, output, took) = feedwise_limited(dir.path(), &["check", "long-ids.ron"]);
    assert_eq!(code, Some(1), "{}", &output[..output.len().min(2000)]);
    assert!(
        output.contains("unknown persona"),
        "{}",
        &output[..output.len().min(2000)]
    );
    assert!(took < LIMIT, "{took:?}");
}

#[test]
fn huge_effects_add_up_without_wrapping_round() {
    let dir = tempfile::tempdir().unwrap();
    let text = base()
        .replace("kind: Choose,", "kind: ChooseSeveral(pick: 2, key: [\"good\", \"also\"]),")
        .replace("effects: {\"boundaries\": 2}", "effects: {\"boundaries\": 2147483647}")
        .replace(
            "                    (id: \"bad\",",
            "                    (id: \"also\", text: \"Also\", grade: Exemplary, effects: {\"boundaries\": 2147483647}, feedback: \"Fine.\", cite: [(\"SM24\", \"18\")]),\n                    (id: \"bad\",",
        );
    write(dir.path(), "overflow.ron", &text);
    // The debug binary panics on an overflowing sum: this fails if sums can wrap.
    let (code, output, _) = feedwise_limited(
        dir.path(),
        &[
            "play",
            "overflow.ron",
            "--seed",
            "1",
            "--choose",
            "good+also",
        ],
    );
    assert_eq!(code, Some(0), "{output}");
    assert!(
        output.contains("+2147483647"),
        "the sum saturates: {output}"
    );
    let (code, output, _) = feedwise_limited(dir.path(), &["paths", "overflow.ron"]);
    assert_eq!(code, Some(0), "{output}");
    assert!(
        output.contains("+4294967294"),
        "ranges are summed in 64 bits: {output}"
    );
}

#[test]
fn a_folder_with_links_to_itself_is_checked_once_per_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "one.ron", &base());
    std::os::unix::fs::symlink(".", dir.path().join("again")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("and-again")).unwrap();
    std::os::unix::fs::symlink("one.ron", dir.path().join("link.ron")).unwrap();
    let (code, output, took) = feedwise_limited(dir.path(), &["check", ".", "one.ron"]);
    assert_eq!(code, Some(0), "{output}");
    assert!(output.contains("checked 1 scenario file"), "{output}");
    assert!(took < LIMIT);
}

#[test]
fn a_fifo_in_place_of_a_catalogue_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let guidance = dir.path().join("guidance");
    std::fs::create_dir(&guidance).unwrap();
    std::fs::copy(
        "assets/guidance/principles.ron",
        guidance.join("principles.ron"),
    )
    .unwrap();
    let made = Command::new("mkfifo")
        .arg(guidance.join("documents.ron"))
        .status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    write(dir.path(), "one.ron", &base());
    let (code, output, took) =
        feedwise_limited(dir.path(), &["check", "one.ron", "--guidance", "guidance"]);
    assert_eq!(code, Some(2), "{output}");
    assert!(output.contains("not a regular file"), "{output}");
    assert!(took < Duration::from_secs(20), "{took:?}");
}

#[test]
fn an_image_linked_out_of_the_pack_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let outside = write(dir.path(), "secret.png", "not for the pack");
    let pack = dir.path().join("pack");
    std::fs::create_dir(&pack).unwrap();
    std::os::unix::fs::symlink(&outside, pack.join("avatar.png")).unwrap();
    let text = base().replace(
        "handle: \"pt_1\", role: Patient)",
        "handle: \"pt_1\", role: Patient, avatar: \"avatar.png\")",
    );
    write(&pack, "img.ron", &text);
    let (code, output, _) = feedwise_limited(dir.path(), &["check", "pack"]);
    assert_eq!(code, Some(1), "{output}");
    assert!(output.contains("error[unsafe-path]"), "{output}");
    assert!(output.contains("through a link"), "{output}");
}

#[test]
fn escape_sequences_in_scenario_text_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let text = base().replace(
        "text: \"Hello\"",
        "text: \"Hello \\u{1b}]0;pwned\\u{7}\\u{1b}[2J \\u{202e}evil\"",
    );
    write(dir.path(), "esc.ron", &text);
    for args in [
        vec!["play", "esc.ron", "--seed", "1", "--choose", "good"],
        vec!["check", "esc.ron"],
        vec!["check", "esc.ron", "--format", "json"],
    ] {
        let (code, output, _) = feedwise_limited(dir.path(), &args);
        assert!(matches!(code, Some(0 | 1)), "{args:?}: {output}");
        for c in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(
                !output.contains(c),
                "{args:?} printed U+{:04X}: {output}",
                u32::from(c)
            );
        }
    }
    let (_, played, _) = feedwise_limited(
        dir.path(),
        &["play", "esc.ron", "--seed", "1", "--choose", "good"],
    );
    assert!(
        played.contains("Hello \\u{1b}]0;pwned"),
        "shown escaped: {played}"
    );
}

#[test]
fn a_look_alike_id_is_an_error_at_the_character() {
    let dir = tempfile::tempdir().unwrap();
    let text = base()
        .replace("id: \"bad\"", "id: \"b\u{200b}ad\"")
        .replace("id: \"calm\"", "id: \"c\u{430}lm\"")
        .replace("to: \"calm\"", "to: \"c\u{430}lm\"");
    write(dir.path(), "look-alike.ron", &text);
    let (code, output, _) = feedwise_limited(dir.path(), &["check", "look-alike.ron"]);
    assert_eq!(code, Some(1), "{output}");
    assert!(output.contains("invisible character (U+200B)"), "{output}");
    assert!(output.contains("(U+0430)"), "{output}");
    assert!(
        !output.contains('\u{200b}'),
        "the invisible character is not printed raw"
    );
}
