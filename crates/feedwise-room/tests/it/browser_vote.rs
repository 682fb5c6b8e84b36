//! A real browser as a phone: headless Chromium (Debian's package) opens the voting page on
//! loopback, joins with the PIN from the QR code's address, votes, and the room counts it.
//! Screenshots of the phone page go to FEEDWISE_E2E_OUT (or a temporary folder).
//!
//! cargo test --test browser_vote -- --ignored     (needs chromium and python3; .ci/run installs them)

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::{all_kinds, catalogue};
use feedwise_room::protocol::{Protocol, Question, Secrets, device_id_from_os};
use feedwise_room::server::{VotingServer, lock};
use feedwise_room::{Phase, Room};

fn out_dir() -> PathBuf {
    let dir = std::env::var_os("FEEDWISE_E2E_OUT").map_or_else(
        || std::env::temp_dir().join(format!("feedwise-browser-{}", std::process::id())),
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir).expect("output folder");
    dir
}

/// The room's open decision as the server offers it.
fn question(room: &Room) -> Question {
    Question::of(room.session().pending().expect("a decision"))
}

/// A voting server on loopback with the room code `code` and PIN `pin`, and a room on the
/// all-kinds fixture (seed 7) whose first decision is open to the phones.
fn voting_on_all_kinds(code: &str, pin: &str) -> (Arc<Mutex<Protocol>>, VotingServer, Room) {
    let protocol = Arc::new(Mutex::new(Protocol::new(
        Secrets {
            code: code.into(),
            pin: pin.into(),
        },
        500,
        Box::new(device_id_from_os),
    )));
    let server = VotingServer::start("127.0.0.1:0".parse().unwrap(), Arc::clone(&protocol))
        .expect("binds on loopback");
    let mut room = Room::new(all_kinds(), catalogue(), 7, BTreeMap::new());
    while room.phase() == Phase::Watching {
        room.advance(Duration::from_secs(1));
    }
    room.open_voting().unwrap();
    lock(&protocol).set_question(Some(question(&room)));
    (protocol, server, room)
}

/// Runs the browser against `url`, tapping `taps`; returns the page's status line.
fn phone(url: &str, shot: &std::path::Path, taps: &[&str]) -> String {
    let output = Command::new("python3")
        .arg(crate::common::repo("scripts/browser_vote.py"))
        .arg(url)
        .arg(shot)
        .args(taps)
        .output()
        .expect("python3 runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the browser run failed: {text}");
    text
}

#[test]
#[ignore = "needs chromium; run by .ci/run"]
fn a_browser_joins_by_the_qr_address_and_its_votes_are_counted() {
    let (protocol, _server, mut room) = voting_on_all_kinds("browser234", "246810");
    let server = || lock(&protocol);
    let url = format!("{}#pin=246810", server().join_url());
    let out = out_dir();

    let status = phone(&url, &out.join("phone-choose.png"), &["Redirect kindly"]);
    assert!(status.contains("Vote received"), "{status}");
    for (device, ballot) in server().take_votes() {
        room.vote(&device, ballot).expect("a valid ballot");
    }
    let reveal = room.reveal().unwrap();
    let chosen = reveal.options.iter().find(|o| o.id == "a").unwrap();
    assert_eq!((reveal.voters, chosen.count), (1, 1));
    assert!(std::fs::metadata(out.join("phone-choose.png")).is_ok_and(|m| m.len() > 10_000));

    // The ranking: five taps in order, then send.
    room.follow(None).unwrap();
    while room.phase() == Phase::Watching {
        room.advance(Duration::from_secs(1));
    }
    room.open_voting().unwrap();
    server().set_question(Some(question(&room)));
    let status = phone(
        &url,
        &out.join("phone-rank.png"),
        &["One", "Two", "Three", "Four", "Five"],
    );
    assert!(status.contains("Vote received"), "{status}");
    let votes = server().take_votes();
    assert_eq!(votes.len(), 1);
    room.vote(&votes[0].0, votes[0].1.clone()).unwrap();
    let marks = room.reveal().unwrap().marks.expect("a ranking is marked");
    assert_eq!((marks.lowest, marks.highest), (20, 20), "the keyed order");
}

#[test]
#[ignore = "needs chromium and axe-core; run by .ci/run"]
fn the_voting_page_passes_axe_at_100_and_200_percent_zoom_and_320_pixels_wide() {
    let (protocol, _server, _room) = voting_on_all_kinds("axe2345678", "135790");
    let join = lock(&protocol).join_url();
    // The PIN form a phone shows first, then the open decision once joined.
    crate::common::axe_audit(&[
        join.clone(),
        format!("{join}#pin=135790#wait=#options button"),
    ]);
}
