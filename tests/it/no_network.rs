//! The command line opens no socket at all: `check`, `play` and `paths` traced with strace.
//! (The app's scripted run is traced in tests/e2e_window.rs.)
//!
//! cargo test --test no_network -- --ignored      (needs strace; `.ci/run` installs it)

use crate::common;

use std::process::Command;

#[test]
#[ignore = "needs strace; run by .ci/run"]
fn the_command_line_opens_no_socket() {
    let dir = tempfile::tempdir().expect("temp dir");
    let runs: [&[&str]; 5] = [
        &["check", "scenarios"],
        &["check", "scenarios", "--format", "json", "--coverage"],
        &["paths", "scenarios/two-am-reply.ron"],
        &[
            "play",
            "tests/fixtures/check/base.ron",
            "--seed",
            "1",
            "--choose",
            "good",
        ],
        &["--help"],
    ];
    for (i, args) in runs.iter().enumerate() {
        let trace = dir.path().join(format!("run-{i}.txt"));
        let status = Command::new("strace")
            .args([
                "-f",
                "-qq",
                "-e",
                "trace=socket,connect,bind,socketpair",
                "-o",
            ])
            .arg(&trace)
            .arg(env!("CARGO_BIN_EXE_feedwise"))
            .args(*args)
            .output()
            .expect("strace runs (apt-get install strace)");
        assert!(status.status.code().is_some(), "{args:?} ended by a signal");
        let calls = std::fs::read_to_string(&trace).expect("strace output");
        common::assert_no_network(&calls, None);
        assert!(
            !calls.contains("socket("),
            "{args:?} opened a socket:\n{calls}"
        );
    }
}

#[test]
#[should_panic(expected = "a non-local socket")]
fn an_internet_socket_in_a_trace_fails_the_check() {
    let trace = "123 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 3\n\
                 123 connect(3, {sa_family=AF_UNIX, sun_path=@\"/tmp/.X11-unix/X5\"}, 20) = 0\n\
                 124 socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_IP) = 4\n";
    common::assert_no_network(trace, Some("/tmp/.X11-unix/X5"));
}

#[test]
#[should_panic(expected = "a connection to something else")]
fn a_connection_to_another_local_service_fails_the_check() {
    let trace =
        "123 connect(3, {sa_family=AF_UNIX, sun_path=\"/run/dbus/system_bus_socket\"}, 110) = 0\n";
    common::assert_no_network(trace, Some("/tmp/.X11-unix/X5"));
}
