//! `feedwise vote-server` (hidden): the room's voting server alone, with one question of
//! numbered options open, for rehearsing the phone page and for the attack tests
//! (tests/it/vote_attacks.rs), which run it under a descriptor limit of their choosing.
//!
//! It prints one line of JSON (`url`, `pin`, `address`), then takes votes every 16 ms as the
//! app does each frame, keeping each phone's last ballot, and answers lines on stdin:
//! `status` prints a line of JSON with the counts and the longest gap between two takes (the
//! stall a frame of the app would have seen); `doors open|closed`, `per-address N`, `frames`
//! (forget the longest gap) change things; `quit` or the end of stdin stops.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use clap::Args;

use crate::engine::{Answer, OfferKind};
use crate::facilitate::protocol::{Protocol, Question, Secrets, device_id_from_os};
use crate::facilitate::room::MAX_VOTERS;
use crate::facilitate::server::{VotingServer, lock};

#[derive(Debug, Args)]
pub struct VoteServerArgs {
    /// Where to listen.
    #[arg(long, default_value = "127.0.0.1:0")]
    pub address: SocketAddr,
    /// Options of the open question (o1, o2, ...).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u8).range(2..=9))]
    pub options: u8,
    /// Seats in the room.
    #[arg(long, default_value_t = MAX_VOTERS)]
    pub max_voters: usize,
}

const FRAME: Duration = Duration::from_millis(16);

pub fn run(args: &VoteServerArgs) -> u8 {
    serve(args).unwrap_or_else(|message| {
        eprintln!("error: {message}");
        2
    })
}

fn serve(args: &VoteServerArgs) -> Result<u8, String> {
    let protocol = Arc::new(Mutex::new(Protocol::new(
        Secrets::from_os()?,
        args.max_voters,
        Box::new(device_id_from_os),
    )));
    let server = VotingServer::start(args.address, Arc::clone(&protocol))
        .map_err(|error| format!("cannot listen on {}: {error}", args.address))?;
    {
        let mut protocol = lock(&protocol);
        protocol.set_question(Some(Question {
            decision: "d1".into(),
            prompt: "Which option?".into(),
            kind: OfferKind::Choose,
            options: (1..=args.options)
                .map(|i| (format!("o{i}"), format!("Option {i}")))
                .collect(),
        }));
        let line = serde_json::json!({
            "url": protocol.join_url(),
            "pin": protocol.secrets().pin,
            "address": server.address.to_string(),
        });
        println!("{line}");
    }
    let (commands, incoming) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines().map_while(Result::ok) {
            if commands.send(line).is_err() {
                break;
            }
        }
    });
    let mut ballots: BTreeMap<String, Answer> = BTreeMap::new();
    let mut received = 0u64;
    let mut longest = Duration::ZERO;
    let mut last = Instant::now();
    loop {
        std::thread::sleep(FRAME);
        for (device, answer) in lock(&protocol).take_votes() {
            received += 1;
            ballots.insert(device, answer);
        }
        let now = Instant::now();
        longest = longest.max(now - last);
        last = now;
        let command = match incoming.try_recv() {
            Ok(command) => command,
            Err(mpsc::TryRecvError::Empty) => continue,
            Err(mpsc::TryRecvError::Disconnected) => return Ok(0),
        };
        let mut words = command.split_whitespace();
        match (words.next(), words.next()) {
            (Some("status"), _) => {
                let status = lock(&protocol).status(Instant::now());
                let mut counts = vec![0u32; usize::from(args.options)];
                for answer in ballots.values() {
                    if let Answer::Choose(id) = answer
                        && let Some(count) = id
                            .strip_prefix('o')
                            .and_then(|n| n.parse::<usize>().ok())
                            .and_then(|n| counts.get_mut(n.checked_sub(1)?))
                    {
                        *count += 1;
                    }
                }
                let line = serde_json::json!({
                    "seated": status.seated,
                    "voted": ballots.len(),
                    "received": received,
                    "counts": counts,
                    "refused": status.refused,
                    "freed": status.freed,
                    "longest_frame_ms": longest.as_secs_f64() * 1000.0,
                    "failure": server.failure(),
                });
                println!("{line}");
            }
            (Some("frames"), _) => longest = Duration::ZERO,
            (Some("doors"), Some(state)) => lock(&protocol).set_doors_open(state == "open"),
            (Some("per-address"), Some(n)) => {
                lock(&protocol).set_per_address(n.parse().unwrap_or(1));
            }
            (Some("quit"), _) => return Ok(0),
            _ => eprintln!("unknown command: {command}"),
        }
    }
}
