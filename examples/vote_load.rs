//! 500 simulated phones on loopback, each from its own address (127.1.x.y): each joins with
//! the PIN, reads the open decision and votes, all at once. Reports the time for every vote to be in, whether every vote was
//! counted, and vote latency percentiles.
//!
//!   cargo run --release --no-default-features --example vote_load [-- PHONES]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use feedwise::engine::OfferKind;
use feedwise::facilitate::protocol::{Protocol, Question, Secrets};
use feedwise::facilitate::server::{VotingServer, lock};

/// A connection from a given loopback address (127.x.y.z), so that each simulated phone has
/// an address of its own as on a real network.
fn connect_from(source: std::net::Ipv4Addr, to: SocketAddr) -> std::io::Result<TcpStream> {
    use std::os::fd::FromRawFd;
    let SocketAddr::V4(to) = to else {
        return TcpStream::connect(to);
    };
    let address = |ip: std::net::Ipv4Addr, port: u16| libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: port.to_be(),
        sin_addr: libc::in_addr {
            s_addr: u32::from(ip).to_be(),
        },
        sin_zero: [0; 8],
    };
    let size = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
    // SAFETY: a fresh socket is bound and connected with sockaddr_in values that live across
    // each call; on success it is handed to TcpStream, which owns and closes it.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM, 0);
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let local = address(source, 0);
        let remote = address(*to.ip(), to.port());
        if libc::bind(fd, (&local as *const libc::sockaddr_in).cast(), size) != 0
            || libc::connect(fd, (&remote as *const libc::sockaddr_in).cast(), size) != 0
        {
            let error = std::io::Error::last_os_error();
            libc::close(fd);
            return Err(error);
        }
        Ok(TcpStream::from_raw_fd(fd))
    }
}

/// One HTTP request from `source`; (status, body), status 0 when the connection failed.
fn request(
    source: std::net::Ipv4Addr,
    address: SocketAddr,
    method: &str,
    path: &str,
    device: Option<&str>,
    body: &str,
) -> (u16, String) {
    let Ok(mut stream) = connect_from(source, address) else {
        return (0, "could not connect".to_owned());
    };
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok();
    let device = device.map_or(String::new(), |d| format!("X-Device: {d}\r\n"));
    let text = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\n{device}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    if stream.write_all(text.as_bytes()).is_err() {
        return (0, "could not send".to_owned());
    }
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    let status = reply
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = reply
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_owned());
    (status, body)
}

/// One phone: join, read the question, vote. (status, note, vote latency).
fn phone(i: usize, address: SocketAddr) -> (u16, String, Duration) {
    let source = std::net::Ipv4Addr::new(127, 1, (i / 250) as u8, (i % 250 + 2) as u8);
    let (status, body) = request(
        source,
        address,
        "POST",
        "/loadcode23/join",
        None,
        r#"{"pin":"135790"}"#,
    );
    if status != 200 {
        return (status, format!("join: {body}"), Duration::ZERO);
    }
    let device = body.split('"').nth(3).unwrap_or_default().to_owned();
    let (status, body) = request(
        source,
        address,
        "GET",
        "/loadcode23/question",
        Some(&device),
        "",
    );
    if status != 200 {
        return (status, format!("question: {body}"), Duration::ZERO);
    }
    let ballot = format!(
        r#"{{"device":"{device}","decision":"d1","options":["o{}"]}}"#,
        i % 4
    );
    let voted = Instant::now();
    let (status, body) = request(source, address, "POST", "/loadcode23/vote", None, &ballot);
    (status, body, voted.elapsed())
}

fn main() {
    let phones: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(500);
    let protocol = Arc::new(std::sync::Mutex::new(Protocol::new(
        Secrets {
            code: "loadcode23".into(),
            pin: "135790".into(),
        },
        phones,
        Box::new(feedwise::facilitate::protocol::device_id_from_os),
    )));
    let server =
        VotingServer::start("127.0.0.1:0".parse().unwrap(), Arc::clone(&protocol)).expect("binds");
    lock(&protocol).set_question(Some(Question {
        decision: "d1".into(),
        prompt: "What now?".into(),
        kind: OfferKind::Choose,
        options: (0..4)
            .map(|i| (format!("o{i}"), format!("Option {i}")))
            .collect(),
    }));
    let address = server.address;
    let start = Arc::new(Barrier::new(phones + 1));
    // On a real network every phone has its own address; here each is given its own loopback
    // address, so the server's per-address limit sees them as it would in a hall.
    let handles: Vec<_> = (0..phones)
        .map(|i| {
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                start.wait();
                phone(i, address)
            })
        })
        .collect();
    let started = Instant::now();
    start.wait();
    let results: Vec<_> = handles
        .into_iter()
        .map(|h| h.join().expect("phone"))
        .collect();
    let all_in = started.elapsed();
    let accepted = results.iter().filter(|r| r.0 == 200).count();
    let refused: Vec<_> = results
        .iter()
        .filter(|r| r.0 != 200)
        .map(|r| (r.0, r.1.clone()))
        .collect();
    let counted = lock(&protocol).take_votes().len();
    let mut latencies: Vec<Duration> = results.iter().map(|r| r.2).collect();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "vote-load: {phones} phones joined, read and voted in {:.2} s; {accepted} votes accepted, {counted} counted; \
         vote latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        all_in.as_secs_f64(),
        at(0.5).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0,
        at(1.0).as_secs_f64() * 1000.0,
    );
    if !refused.is_empty() {
        println!("refused: {:?}", &refused[..refused.len().min(5)]);
    }
}
