//! The voting server: phones on the local network vote from a small page served by the
//! facilitator's laptop. It is off unless the facilitator starts it, binds to the one address
//! they pick, and asks for a random token in the address plus a 6-digit PIN. It checks the Host
//! header, takes bodies of at most 1 KiB, limits requests per address and votes per phone, caps
//! the voters, locks an address out after wrong PINs, writes nothing to disk, and stops when
//! dropped. Bad requests get a clear 4xx and change no count.
//!
//! Randomness (the token, the PIN, phone ids) comes in from the caller, so tests are repeatable.
//! `handle` is the whole protocol, pure; the thread only moves requests to it and back.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::engine::{Answer, OfferKind};

/// Largest request body read.
pub const MAX_BODY: usize = 1024;
/// Wrong PINs from one address before it is locked out.
pub const PIN_TRIES: u32 = 5;
/// Requests one address may make per second (a phone polls once a second; a few phones may
/// share an address behind a router), and votes one phone may send per second.
pub const REQUESTS_PER_SECOND: f64 = 20.0;
pub const VOTES_PER_SECOND: f64 = 2.0;

const PAGE: &str = include_str!("../../assets/vote/index.html");
const SCRIPT: &str = include_str!("../../assets/vote/vote.js");
const STYLE: &str = include_str!("../../assets/vote/vote.css");

/// The page may load only its own script and style and talk only to this server.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
    style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; \
    form-action 'none'; frame-ancestors 'none'";

/// The decision phones may vote on, while voting is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    pub decision: String,
    pub prompt: String,
    pub kind: OfferKind,
    /// (id, text), in the order the room sees them.
    pub options: Vec<(String, String)>,
}

/// A ballot as a phone sends it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ballot {
    pub device: String,
    pub decision: String,
    /// The chosen option, the ranking best first, or the selection.
    pub options: Vec<String>,
}

/// A request as the protocol sees it.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub method: String,
    pub path: String,
    pub host: Option<String>,
    pub device: Option<String>,
    pub from: IpAddr,
    /// `None` when the body was over `MAX_BODY`.
    pub body: Option<Vec<u8>>,
    pub at: Instant,
}

/// A response as the protocol decides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
    /// Where a redirect points.
    pub location: Option<String>,
}

impl Outgoing {
    fn json(status: u16, value: &impl Serialize) -> Outgoing {
        Outgoing {
            status,
            content_type: "application/json",
            body: serde_json::to_string(value).unwrap_or_else(|_| "{}".to_owned()),
            location: None,
        }
    }

    fn error(status: u16, message: &str) -> Outgoing {
        Outgoing::json(status, &serde_json::json!({ "error": message }))
    }
}

/// A token bucket: `rate` a second, up to `burst`.
#[derive(Debug, Clone)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn take(&mut self, now: Instant, rate: f64, burst: f64) -> bool {
        let refill = now.saturating_duration_since(self.at).as_secs_f64() * rate;
        self.tokens = (self.tokens + refill).min(burst);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Everything the protocol keeps: in memory only.
pub struct Shared {
    pub token: String,
    pub pin: String,
    /// The `Host` header a request must carry.
    pub host: String,
    pub max_voters: usize,
    pub question: Option<Question>,
    /// Phones that have entered the PIN.
    devices: BTreeMap<String, Bucket>,
    addresses: HashMap<IpAddr, Bucket>,
    wrong_pins: HashMap<IpAddr, u32>,
    /// Votes not yet taken by the app, in order.
    pub votes: Vec<(String, Answer)>,
    next_id: Box<dyn FnMut() -> u64 + Send>,
}

impl Shared {
    pub fn new(
        token: String,
        pin: String,
        host: String,
        max_voters: usize,
        next_id: Box<dyn FnMut() -> u64 + Send>,
    ) -> Shared {
        Shared {
            token,
            pin,
            host,
            max_voters,
            question: None,
            devices: BTreeMap::new(),
            addresses: HashMap::new(),
            wrong_pins: HashMap::new(),
            votes: Vec::new(),
            next_id,
        }
    }

    pub fn voters(&self) -> usize {
        self.devices.len()
    }
}

/// The whole protocol: one request in, one response out.
pub fn handle(shared: &mut Shared, request: &Incoming) -> Outgoing {
    if request.host.as_deref() != Some(shared.host.as_str()) {
        return Outgoing::error(421, "this server answers only to its own address");
    }
    let bucket = shared
        .addresses
        .entry(request.from)
        .or_insert_with(|| Bucket {
            tokens: REQUESTS_PER_SECOND * 2.0,
            at: request.at,
        });
    if !bucket.take(request.at, REQUESTS_PER_SECOND, REQUESTS_PER_SECOND * 2.0) {
        return Outgoing::error(429, "too many requests; wait a moment");
    }
    let prefix = format!("/v/{}", shared.token);
    let Some(rest) = request.path.strip_prefix(&prefix) else {
        return Outgoing::error(404, "not found");
    };
    let Some(body) = &request.body else {
        return Outgoing::error(413, "the request is too large");
    };
    let page = |content_type, body: &str| Outgoing {
        status: 200,
        content_type,
        body: body.to_owned(),
        location: None,
    };
    match (request.method.as_str(), rest) {
        // The page's script and style are relative to it, so it lives at the folder address.
        ("GET", "") => Outgoing {
            status: 308,
            content_type: "text/plain; charset=utf-8",
            body: String::new(),
            location: Some(format!("{prefix}/")),
        },
        ("GET", "/") => page("text/html; charset=utf-8", PAGE),
        ("GET", "/vote.js") => page("text/javascript; charset=utf-8", SCRIPT),
        ("GET", "/vote.css") => page("text/css; charset=utf-8", STYLE),
        ("POST", "/join") => join(shared, request.from, body, request.at),
        ("GET", "/question") => match &request.device {
            Some(device) if shared.devices.contains_key(device) => {
                Outgoing::json(200, &serde_json::json!({ "question": shared.question }))
            }
            _ => Outgoing::error(401, "enter the PIN first"),
        },
        ("POST", "/vote") => vote(shared, body, request.at),
        (_, "" | "/" | "/vote.js" | "/vote.css" | "/join" | "/question" | "/vote") => {
            Outgoing::error(405, "method not allowed")
        }
        _ => Outgoing::error(404, "not found"),
    }
}

fn join(shared: &mut Shared, from: IpAddr, body: &[u8], at: Instant) -> Outgoing {
    let tries = shared.wrong_pins.get(&from).copied().unwrap_or(0);
    if tries >= PIN_TRIES {
        return Outgoing::error(429, "too many wrong PINs from this network address");
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Join {
        pin: String,
    }
    let Ok(join) = serde_json::from_slice::<Join>(body) else {
        return Outgoing::error(400, "expected {\"pin\": \"123456\"}");
    };
    if join.pin != shared.pin {
        shared.wrong_pins.insert(from, tries + 1);
        return Outgoing::error(403, "wrong PIN");
    }
    if shared.devices.len() >= shared.max_voters {
        return Outgoing::error(503, "the room is full");
    }
    let id = format!("{:016x}", (shared.next_id)());
    shared.devices.insert(
        id.clone(),
        Bucket {
            tokens: VOTES_PER_SECOND * 2.0,
            at,
        },
    );
    Outgoing::json(200, &serde_json::json!({ "device": id }))
}

fn vote(shared: &mut Shared, body: &[u8], at: Instant) -> Outgoing {
    let ballot: Ballot = match serde_json::from_slice(body) {
        Ok(ballot) => ballot,
        Err(_) => {
            return Outgoing::error(
                400,
                "expected {\"device\": ..., \"decision\": ..., \"options\": [...]}",
            );
        }
    };
    if !shared.devices.contains_key(&ballot.device) {
        return Outgoing::error(401, "enter the PIN first");
    }
    let Some(question) = &shared.question else {
        return Outgoing::error(409, "voting is closed");
    };
    if ballot.decision != question.decision {
        return Outgoing::error(409, "that decision is no longer open");
    }
    let answer = match check(question, &ballot.options) {
        Ok(answer) => answer,
        Err(message) => return Outgoing::error(422, message),
    };
    // Invalid ballots are slowed by the address's allowance; valid ones by the phone's too.
    let allowed = shared
        .devices
        .get_mut(&ballot.device)
        .is_some_and(|bucket| bucket.take(at, VOTES_PER_SECOND, VOTES_PER_SECOND * 2.0));
    if !allowed {
        return Outgoing::error(429, "too many votes; wait a moment");
    }
    shared.votes.push((ballot.device, answer));
    Outgoing::json(200, &serde_json::json!({ "received": true }))
}

/// A ballot's options checked against the question: known, not repeated, as many as it asks.
fn check(question: &Question, options: &[String]) -> Result<Answer, &'static str> {
    let known = |id: &String| question.options.iter().any(|(o, _)| o == id);
    if !options.iter().all(known) {
        return Err("an option that this decision does not have");
    }
    if options
        .iter()
        .enumerate()
        .any(|(i, id)| options[..i].contains(id))
    {
        return Err("an option given twice");
    }
    match question.kind {
        OfferKind::Choose if options.len() == 1 => Ok(Answer::Choose(options[0].clone())),
        OfferKind::Choose => Err("choose exactly one option"),
        OfferKind::Rank if options.len() == question.options.len() => {
            Ok(Answer::Rank(options.to_vec()))
        }
        OfferKind::Rank => Err("rank every option"),
        OfferKind::ChooseSeveral { pick } if options.len() == pick as usize => {
            Ok(Answer::Several(options.to_vec()))
        }
        OfferKind::ChooseSeveral { .. } => Err("choose the number of options asked for"),
    }
}

/// The server running on its own thread.
pub struct VotingServer {
    pub address: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl VotingServer {
    /// Binds to `address` (a port of 0 picks a free one) and serves until dropped.
    pub fn start(
        address: SocketAddr,
        token: String,
        pin: String,
        max_voters: usize,
        next_id: Box<dyn FnMut() -> u64 + Send>,
    ) -> std::io::Result<VotingServer> {
        let server =
            tiny_http::Server::http(address).map_err(|e| std::io::Error::other(e.to_string()))?;
        let bound = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| std::io::Error::other("not an IP address"))?;
        let shared = Arc::new(Mutex::new(Shared::new(
            token,
            pin,
            bound.to_string(),
            max_voters,
            next_id,
        )));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (shared, stop) = (Arc::clone(&shared), Arc::clone(&stop));
            std::thread::Builder::new()
                .name("voting-server".into())
                .spawn(move || serve(&server, &shared, &stop))?
        };
        Ok(VotingServer {
            address: bound,
            shared,
            stop,
            thread: Some(thread),
        })
    }

    fn with<T>(&self, f: impl FnOnce(&mut Shared) -> T) -> T {
        let mut shared = self.shared.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut shared)
    }

    pub fn join_url(&self) -> String {
        self.with(|s| format!("http://{}/v/{}/", s.host, s.token))
    }

    pub fn pin(&self) -> String {
        self.with(|s| s.pin.clone())
    }

    /// Opens voting on a question, or closes it (`None`).
    pub fn set_question(&self, question: Option<Question>) {
        self.with(|s| s.question = question);
    }

    /// Votes received since the last call, in order.
    pub fn take_votes(&self) -> Vec<(String, Answer)> {
        self.with(|s| std::mem::take(&mut s.votes))
    }

    /// Phones that have joined.
    pub fn voters(&self) -> usize {
        self.with(|s| s.voters())
    }
}

impl Drop for VotingServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(server: &tiny_http::Server, shared: &Mutex<Shared>, stop: &AtomicBool) {
    while !stop.load(Ordering::Relaxed) {
        let request = match server.recv_timeout(Duration::from_millis(100)) {
            Ok(Some(request)) => request,
            Ok(None) => continue,
            Err(_) => break,
        };
        respond(request, shared);
    }
}

fn respond(mut request: tiny_http::Request, shared: &Mutex<Shared>) {
    let header = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_owned())
    };
    let (host, device) = (header("Host"), header("X-Device"));
    let declared = request.body_length().unwrap_or(0);
    let body = if declared > MAX_BODY {
        None
    } else {
        let mut bytes = Vec::new();
        let read = request
            .as_reader()
            .take(MAX_BODY as u64 + 1)
            .read_to_end(&mut bytes);
        (read.is_ok() && bytes.len() <= MAX_BODY).then_some(bytes)
    };
    let incoming = Incoming {
        method: request.method().as_str().to_owned(),
        path: request.url().split('?').next().unwrap_or("").to_owned(),
        host,
        device,
        from: request
            .remote_addr()
            .map_or(IpAddr::from([0, 0, 0, 0]), |a| a.ip()),
        body,
        at: Instant::now(),
    };
    let outgoing = {
        let mut shared = shared.lock().unwrap_or_else(|e| e.into_inner());
        handle(&mut shared, &incoming)
    };
    let headers = [
        ("Content-Type", outgoing.content_type),
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-store"),
    ];
    let mut response =
        tiny_http::Response::from_string(outgoing.body).with_status_code(outgoing.status);
    let location = outgoing.location.as_deref().map(|to| ("Location", to));
    for (name, value) in headers.into_iter().chain(location) {
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    let _ = request.respond(response);
}
