//! The voting server attacked from the room's network, all on loopback: `feedwise vote-server`
//! runs under `ulimit -n 1024`, as a projector laptop might, and each test attacks it as a
//! delegate on the venue Wi-Fi could, then 300 honest phones, each from its own 127.x address,
//! join and vote. Every honest vote must be counted, the server must still be running, and
//! the loop that takes votes (as the app does each frame) must never have been stalled for
//! long. Counts and times are bounded: these run in CI, once: the server is the same with or
//! without the app, so they are left out of the app build's run.

#![cfg(all(target_os = "linux", not(feature = "app")))]

use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

const HONEST_PHONES: u16 = 300;
/// A stall this long would be a frozen projector; the real app's frame times under attack
/// are measured by scripts/measure-votes.py (README), not asserted here.
const FROZEN: f64 = 1000.0;

struct Server {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    address: SocketAddr,
    code: String,
    pin: String,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new("sh")
            .arg("-c")
            .arg("ulimit -n 1024; exec \"$0\" vote-server --options 4")
            .arg(env!("CARGO_BIN_EXE_feedwise"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("feedwise runs");
        let input = child.stdin.take().unwrap();
        let mut output = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        output.read_line(&mut line).unwrap();
        let started: serde_json::Value = serde_json::from_str(&line).expect(&line);
        let url = started["url"].as_str().unwrap();
        let code = url
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap()
            .to_owned();
        Server {
            child,
            input,
            output,
            address: started["address"].as_str().unwrap().parse().unwrap(),
            code,
            pin: started["pin"].as_str().unwrap().to_owned(),
        }
    }

    fn command(&mut self, line: &str) {
        writeln!(self.input, "{line}").unwrap();
    }

    fn status(&mut self) -> serde_json::Value {
        self.command("status");
        let mut line = String::new();
        self.output.read_line(&mut line).unwrap();
        serde_json::from_str(&line).unwrap_or_else(|_| panic!("status: {line:?}"))
    }

    /// After an attack: the server still runs, took every honest vote, and never stalled.
    fn assert_counts_honest_phones(&mut self, runtime: &tokio::runtime::Runtime, taken: u64) {
        let honest = runtime.block_on(honest_phones(self.address, &self.code, &self.pin));
        assert_eq!(
            honest,
            usize::from(HONEST_PHONES),
            "every honest phone voted"
        );
        std::thread::sleep(Duration::from_millis(100));
        let status = self.status();
        assert!(
            self.child.try_wait().unwrap().is_none(),
            "the server is running"
        );
        assert_eq!(status["failure"], serde_json::Value::Null, "{status}");
        let counts: Vec<u64> = serde_json::from_value(status["counts"].clone()).unwrap();
        assert_eq!(
            counts.iter().sum::<u64>(),
            u64::from(HONEST_PHONES) + taken,
            "{status}"
        );
        let longest = status["longest_frame_ms"].as_f64().unwrap();
        eprintln!("longest gap between takes: {longest:.1} ms; {status}");
        assert!(longest < FROZEN, "the vote loop stalled for {longest} ms");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn runtime() -> tokio::runtime::Runtime {
    // The attacks hold thousands of sockets: this process needs more descriptors than the
    // server it attacks is allowed.
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit read and write only the struct given.
    unsafe {
        libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit);
        limit.rlim_cur = limit.rlim_max.min(16_384);
        libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
    }
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// The n-th address of a /16 of loopback, so every phone or attacker has its own.
fn loopback(block: u8, n: u16) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(
        127,
        block,
        (n / 250) as u8,
        (n % 250) as u8 + 1,
    ))
}

async fn connect(from: IpAddr, to: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(from, 0))?;
    socket.connect(to).await
}

/// One request on its own connection: the status and the body.
async fn request(from: IpAddr, to: SocketAddr, text: String) -> std::io::Result<(u16, String)> {
    let mut stream = connect(from, to).await?;
    stream.write_all(text.as_bytes()).await?;
    let mut reply = Vec::new();
    tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut reply))
        .await
        .map_err(|_| std::io::Error::other("no reply in 30 s"))??;
    let reply = String::from_utf8_lossy(&reply).into_owned();
    let (head, body) = reply.split_once("\r\n\r\n").unwrap_or((&reply, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok((status, body.to_owned()))
}

fn post(to: SocketAddr, path: &str, body: &str) -> String {
    format!(
        "POST {path} HTTP/1.1\r\nHost: {to}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// One phone: joins with the PIN and votes for the option its number picks.
async fn phone(from: IpAddr, to: SocketAddr, code: String, pin: String, choice: u16) -> bool {
    let joined = request(
        from,
        to,
        post(
            to,
            &format!("/{code}/join"),
            &format!(r#"{{"pin":"{pin}"}}"#),
        ),
    );
    let Ok((200, body)) = joined.await else {
        return false;
    };
    let value: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    let Some(device) = value["device"].as_str() else {
        return false;
    };
    let ballot = serde_json::json!({
        "device": device, "decision": "d1", "options": [format!("o{}", choice % 4 + 1)]
    });
    let voted = request(
        from,
        to,
        post(to, &format!("/{code}/vote"), &ballot.to_string()),
    );
    matches!(voted.await, Ok((200, _)))
}

/// The honest phones, all at once, each from its own address: how many voted.
async fn honest_phones(to: SocketAddr, code: &str, pin: &str) -> usize {
    let phones: Vec<_> = (0..HONEST_PHONES)
        .map(|i| {
            let (code, pin) = (code.to_owned(), pin.to_owned());
            tokio::spawn(phone(loopback(2, i), to, code, pin, i))
        })
        .collect();
    let mut voted = 0;
    for phone in phones {
        voted += usize::from(phone.await.unwrap_or(false));
    }
    voted
}

#[test]
fn a_huge_announced_body_is_refused_unread() {
    let runtime = runtime();
    let mut server = Server::start();
    let to = server.address;
    let code = server.code.clone();
    runtime.block_on(async {
        for (host, path) in [("evil.example".to_owned(), "/x"), (to.to_string(), "/x")] {
            let text = format!(
                "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 999999999999999\r\n\r\n"
            );
            let started = Instant::now();
            let (status, _) = request(loopback(3, 1), to, text).await.unwrap();
            assert!(matches!(status, 413 | 421), "{status}");
            assert!(
                started.elapsed() < Duration::from_secs(2),
                "answered at once"
            );
        }
        let text = format!(
            "POST /{code}/join HTTP/1.1\r\nHost: {to}\r\nContent-Length: 99999999999\r\n\r\n"
        );
        assert_eq!(request(loopback(3, 2), to, text).await.unwrap().0, 413);
    });
    server.assert_counts_honest_phones(&runtime, 0);
}

#[test]
fn a_body_that_never_arrives_stops_no_vote() {
    let runtime = runtime();
    let mut server = Server::start();
    let (to, code) = (server.address, server.code.clone());
    // Ten connections announce a body and send a few bytes of it, then nothing.
    let stalled: Vec<TcpStream> = runtime.block_on(async {
        let mut held = Vec::new();
        for i in 0..10 {
            let mut stream = connect(loopback(3, i), to).await.unwrap();
            let head = format!(
                "POST /{code}/join HTTP/1.1\r\nHost: {to}\r\nContent-Length: 100\r\n\r\n{{\"pi"
            );
            stream.write_all(head.as_bytes()).await.unwrap();
            held.push(stream);
        }
        held
    });
    server.assert_counts_honest_phones(&runtime, 0);
    // The stalled requests are given up on, with a status, not held for ever.
    runtime.block_on(async {
        for mut stream in stalled {
            let mut reply = Vec::new();
            let read =
                tokio::time::timeout(Duration::from_secs(15), stream.read_to_end(&mut reply));
            read.await.expect("closed in time").unwrap();
            assert!(String::from_utf8_lossy(&reply).starts_with("HTTP/1.1 408"));
        }
    });
}

#[test]
fn two_thousand_idle_connections_do_not_close_the_door() {
    let runtime = runtime();
    let mut server = Server::start();
    let to = server.address;
    let idle: Vec<TcpStream> = runtime.block_on(async {
        let mut held = Vec::new();
        for i in 0..2000 {
            // From as many addresses, so no per-address cap spares the server.
            if let Ok(stream) = connect(loopback(4, i), to).await {
                held.push(stream);
            }
        }
        held
    });
    assert!(idle.len() >= 1900, "only {} connections opened", idle.len());
    server.assert_counts_honest_phones(&runtime, 0);
    // And again once the attacker lets go.
    drop(idle);
}

#[test]
fn one_address_cannot_take_the_room() {
    let runtime = runtime();
    let mut server = Server::start();
    let (to, code, pin) = (server.address, server.code.clone(), server.pin.clone());
    let attacker = loopback(3, 7);
    let seated = runtime.block_on(async {
        let mut seated = 0;
        for _ in 0..500 {
            let body = format!(r#"{{"pin":"{pin}"}}"#);
            if let Ok((200, _)) =
                request(attacker, to, post(to, &format!("/{code}/join"), &body)).await
            {
                seated += 1;
            }
        }
        seated
    });
    assert_eq!(seated, 3, "the default cap for one address");
    let status = server.status();
    let refused = &status["refused"];
    let counted =
        refused["address_cap"].as_u64().unwrap() + refused["rate_limited"].as_u64().unwrap();
    assert_eq!(
        counted, 497,
        "every refusal is counted for the presenter: {status}"
    );
    server.assert_counts_honest_phones(&runtime, 0);
    assert_eq!(server.status()["seated"], u64::from(HONEST_PHONES) + 3);
}

#[test]
fn a_wrong_host_flood_spends_only_its_own_allowance() {
    let runtime = runtime();
    let mut server = Server::start();
    let to = server.address;
    let statuses = runtime.block_on(async {
        let flood: Vec<_> = (0..2000u16)
            .map(|i| {
                let text = "GET / HTTP/1.1\r\nHost: rebind.example\r\nConnection: close\r\n\r\n";
                tokio::spawn(request(loopback(5, i % 20), to, text.to_owned()))
            })
            .collect();
        let mut statuses = Vec::new();
        for request in flood {
            if let Ok(Ok((status, _))) = request.await {
                statuses.push(status);
            }
        }
        statuses
    });
    // 0: the connection was closed unanswered (over the cap of connections per address).
    let other: Vec<&u16> = statuses
        .iter()
        .filter(|s| !matches!(s, 0 | 421 | 429))
        .collect();
    assert!(other.is_empty(), "{other:?}");
    let answered = statuses.iter().filter(|&&s| s != 0).count() as u64;
    let status = server.status();
    let refused = &status["refused"];
    assert_eq!(
        refused["wrong_host"].as_u64().unwrap() + refused["rate_limited"].as_u64().unwrap(),
        answered,
        "every answered request was refused and counted: {status}"
    );
    server.assert_counts_honest_phones(&runtime, 0);
}

#[test]
fn a_phone_id_replayed_from_another_address_changes_nothing() {
    let runtime = runtime();
    let mut server = Server::start();
    let (to, code, pin) = (server.address, server.code.clone(), server.pin.clone());
    runtime.block_on(async {
        let victim = loopback(3, 9);
        let body = format!(r#"{{"pin":"{pin}"}}"#);
        let (status, joined) = request(victim, to, post(to, &format!("/{code}/join"), &body))
            .await
            .unwrap();
        assert_eq!(status, 200);
        let device: serde_json::Value = serde_json::from_str(&joined).unwrap();
        let device = device["device"].as_str().unwrap().to_owned();
        let ballot = |option: &str| {
            serde_json::json!({ "device": device, "decision": "d1", "options": [option] })
                .to_string()
        };
        let own = request(
            victim,
            to,
            post(to, &format!("/{code}/vote"), &ballot("o1")),
        );
        assert_eq!(own.await.unwrap().0, 200);
        for i in 0..20 {
            let replayed = request(
                loopback(3, 100 + i),
                to,
                post(to, &format!("/{code}/vote"), &ballot("o2")),
            );
            assert_eq!(replayed.await.unwrap().0, 401);
        }
    });
    std::thread::sleep(Duration::from_millis(100));
    let status = server.status();
    assert_eq!(status["counts"][0], 1, "{status}");
    assert_eq!(status["counts"][1], 0, "{status}");
    assert_eq!(status["refused"]["wrong_address"], 20);
    server.assert_counts_honest_phones(&runtime, 1);
}
