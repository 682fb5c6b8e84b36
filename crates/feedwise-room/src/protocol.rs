//! What the voting server says to phones, with no I/O: one request in, one response out. The
//! server (`server.rs`) only moves bytes to `Protocol::handle` and back, so every rule here is
//! tested without a socket, and time comes in with each request.
//!
//! The rules, in the order they apply (docs/facilitating.md has the threat model):
//! - every request first spends from its network address's allowance (`REQUESTS_PER_SECOND`);
//! - it must name this server's own address as its `Host`, and the workshop's code in its path;
//! - joining takes the PIN; an address that gets it wrong `PIN_TRIES` times waits
//!   `PIN_LOCKOUT`; the room has `max_voters` seats, at most `per_address` for one address, and
//!   no new seats once the facilitator has closed the doors;
//! - a phone's id is 128 random bits, bound to the address that joined, and its seat is freed
//!   after `SEAT_EXPIRES` of silence (the page polls every 1.5 s); a phone that comes back
//!   with its old id from the same address gets that seat back, so its vote is not counted
//!   twice;
//! - a phone votes at most `VOTES_PER_SECOND`, on the open decision only, and a second ballot
//!   replaces its first (in the room).

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use feedwise_core::engine::{Answer, Offer, OfferKind, check_against};

/// Largest request body read.
pub const MAX_BODY: usize = 1024;
/// Wrong PINs from one address before it waits `PIN_LOCKOUT`.
pub const PIN_TRIES: u32 = 5;
pub const PIN_LOCKOUT: Duration = Duration::from_secs(60);
/// Requests one address may make per second (a phone polls under once a second), and votes
/// one phone may send per second.
pub const REQUESTS_PER_SECOND: f64 = 20.0;
pub const VOTES_PER_SECOND: f64 = 2.0;
/// A seat whose phone has sent nothing for this long is free for another phone.
pub const SEAT_EXPIRES: Duration = Duration::from_secs(60);
/// Phones one network address may seat, unless the facilitator changes it: on venue Wi-Fi
/// every phone has its own address, so more than a few from one is one person's devices.
pub const DEVICES_PER_ADDRESS: usize = 3;
pub const MOST_DEVICES_PER_ADDRESS: usize = 50;
/// Votes waiting for the app; it takes them every frame, so this is reached only when the
/// app has stalled, and then phones are told to try again.
const WAITING_VOTES: usize = 8192;
/// Allowances kept per address before the idle ones (full again) are forgotten.
const ADDRESSES_KEPT: usize = 16_384;
/// Expired seats remembered, so their phones can take them back.
const LEFT_KEPT: usize = 4096;

/// Letters of the workshop code: no 0/o, 1/l/i to misread from the back of a room.
const CODE_LETTERS: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
pub const CODE_LENGTH: usize = 10;

/// The workshop's code (in the join address) and PIN. Made once per session, kept across
/// stopping and starting the server, so phones already in stay in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secrets {
    pub code: String,
    pub pin: String,
}

impl Secrets {
    /// From the operating system's random source; an error when it cannot give any, since a
    /// guessable PIN would let anyone on the network vote.
    pub fn from_os() -> Result<Secrets, String> {
        let mut bytes = [0u8; 64];
        getrandom::fill(&mut bytes).map_err(|e| format!("no random source for the PIN: {e}"))?;
        Ok(Secrets::from_bytes(&bytes))
    }

    /// Rejection sampling, so every letter and digit is equally likely.
    pub fn from_bytes(bytes: &[u8]) -> Secrets {
        let n = CODE_LETTERS.len() as u8;
        let (for_code, for_pin) = bytes.split_at(bytes.len() * 3 / 4);
        let code: String = for_code
            .iter()
            .filter(|&&b| b < n * (u8::MAX / n))
            .take(CODE_LENGTH)
            .map(|&b| CODE_LETTERS[(b % n) as usize] as char)
            .collect();
        let digits: String = for_pin
            .iter()
            .filter(|&&b| b < 250)
            .take(6)
            .map(|&b| char::from(b'0' + b % 10))
            .collect();
        Secrets { code, pin: digits }
    }
}

/// 128 bits from the operating system, as hex: a phone's id.
pub fn device_id_from_os() -> [u8; 16] {
    let mut id = [0; 16];
    // Without a random source, `Secrets::from_os` has already refused to start the server;
    // an all-zero id would then only ever be one phone's.
    let _ = getrandom::fill(&mut id);
    id
}

/// The decision phones may vote on, while voting is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    pub decision: String,
    pub prompt: String,
    pub kind: OfferKind,
    /// (id, text), in the order the room sees them.
    pub options: Vec<(String, String)>,
}

impl Question {
    /// A decision on screen as phones are asked it.
    pub fn of(offer: &Offer) -> Question {
        Question {
            decision: offer.decision.clone(),
            prompt: offer.prompt.clone(),
            kind: offer.kind,
            options: (offer.options.iter())
                .map(|o| (o.id.clone(), o.text.clone()))
                .collect(),
        }
    }
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
    /// `None` when the body was over `MAX_BODY`, or did not arrive in time.
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

    pub fn error(status: u16, message: &str) -> Outgoing {
        Outgoing::json(status, &serde_json::json!({ "error": message }))
    }
}

/// What was refused, for the presenter view: a takeover attempt shows as numbers here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Refusals {
    /// Joins refused because every seat was taken.
    pub room_full: u32,
    /// Joins refused because the address already had its phones.
    pub address_cap: u32,
    pub doors_closed: u32,
    pub wrong_pin: u32,
    /// Joins refused while an address waited out its PIN lockout.
    pub locked_out: u32,
    /// Requests slowed by the per-address or per-phone allowance.
    pub rate_limited: u32,
    /// Requests for another host name (a DNS rebinding page, or a scanner).
    pub wrong_host: u32,
    /// Requests naming a phone id that belongs to another address.
    pub wrong_address: u32,
}

impl Refusals {
    pub fn joins(&self) -> u32 {
        self.room_full + self.address_cap + self.doors_closed + self.wrong_pin + self.locked_out
    }
}

/// What the presenter view shows of the door.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Status {
    /// Phones holding a seat.
    pub seated: usize,
    pub max_voters: usize,
    pub per_address: usize,
    pub doors_open: bool,
    /// Seats freed because their phone went silent.
    pub freed: u32,
    pub refused: Refusals,
}

/// A token bucket: `rate` a second, up to `burst`.
#[derive(Debug, Clone)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn full(burst: f64, at: Instant) -> Bucket {
        Bucket { tokens: burst, at }
    }

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

#[derive(Debug, Clone)]
struct Seat {
    address: IpAddr,
    last_seen: Instant,
    votes: Bucket,
}

#[derive(Debug, Clone, Copy, Default)]
struct PinTries {
    wrong: u32,
    locked_until: Option<Instant>,
}

/// Everything the protocol keeps, in memory only.
pub struct Protocol {
    secrets: Secrets,
    /// The `Host` header a request must carry: the address phones were shown.
    host: String,
    max_voters: usize,
    per_address: usize,
    doors_open: bool,
    question: Option<Question>,
    seats: HashMap<String, Seat>,
    /// Expired seats by phone id, with the address that held them.
    left: HashMap<String, IpAddr>,
    left_order: VecDeque<String>,
    addresses: HashMap<IpAddr, Bucket>,
    pins: HashMap<IpAddr, PinTries>,
    refused: Refusals,
    freed: u32,
    /// Votes not yet taken by the app, in order.
    votes: VecDeque<(String, Answer)>,
    new_device: Box<dyn FnMut() -> [u8; 16] + Send>,
}

impl Protocol {
    pub fn new(
        secrets: Secrets,
        max_voters: usize,
        new_device: Box<dyn FnMut() -> [u8; 16] + Send>,
    ) -> Protocol {
        Protocol {
            secrets,
            host: String::new(),
            max_voters,
            per_address: DEVICES_PER_ADDRESS,
            doors_open: true,
            question: None,
            seats: HashMap::new(),
            left: HashMap::new(),
            left_order: VecDeque::new(),
            addresses: HashMap::new(),
            pins: HashMap::new(),
            refused: Refusals::default(),
            freed: 0,
            votes: VecDeque::new(),
            new_device,
        }
    }

    pub fn secrets(&self) -> &Secrets {
        &self.secrets
    }

    /// Where the server listens, as phones write it (`192.168.1.20:8787`).
    pub fn set_host(&mut self, host: String) {
        self.host = host;
    }

    pub fn join_url(&self) -> String {
        format!("http://{}/{}/", self.host, self.secrets.code)
    }

    pub fn set_question(&mut self, question: Option<Question>) {
        self.question = question;
    }

    /// Votes received since the last call, in order.
    pub fn take_votes(&mut self) -> Vec<(String, Answer)> {
        self.votes.drain(..).collect()
    }

    pub fn set_doors_open(&mut self, open: bool) {
        self.doors_open = open;
    }

    /// Sets the phones one address may seat, within 1..=`MOST_DEVICES_PER_ADDRESS`; returns it.
    pub fn set_per_address(&mut self, devices: usize) -> usize {
        self.per_address = devices.clamp(1, MOST_DEVICES_PER_ADDRESS);
        self.per_address
    }

    pub fn status(&mut self, now: Instant) -> Status {
        self.expire(now);
        Status {
            seated: self.seats.len(),
            max_voters: self.max_voters,
            per_address: self.per_address,
            doors_open: self.doors_open,
            freed: self.freed,
            refused: self.refused,
        }
    }

    /// The whole protocol for one request.
    pub fn handle(&mut self, request: &Incoming) -> Outgoing {
        match self.admit(request.from, request.at) {
            Ok(()) => self.route(request),
            Err(refused) => refused,
        }
    }

    /// The first check, before a body is read: the address's allowance.
    pub fn admit(&mut self, from: IpAddr, at: Instant) -> Result<(), Outgoing> {
        if self.addresses.len() >= ADDRESSES_KEPT && !self.addresses.contains_key(&from) {
            // Full buckets carry nothing worth keeping; a flood of new addresses (IPv6) would
            // otherwise grow this without bound.
            let idle = Duration::from_secs(3);
            self.addresses
                .retain(|_, b| at.saturating_duration_since(b.at) < idle);
        }
        let burst = REQUESTS_PER_SECOND * 2.0;
        let bucket = self
            .addresses
            .entry(from)
            .or_insert_with(|| Bucket::full(burst, at));
        if bucket.take(at, REQUESTS_PER_SECOND, burst) {
            Ok(())
        } else {
            self.refused.rate_limited = self.refused.rate_limited.saturating_add(1);
            Err(Outgoing::error(429, "too many requests; wait a moment"))
        }
    }

    /// Every check after the allowance, and the answer.
    pub fn route(&mut self, request: &Incoming) -> Outgoing {
        if request.host.as_deref() != Some(self.host.as_str()) {
            self.refused.wrong_host = self.refused.wrong_host.saturating_add(1);
            return Outgoing::error(421, "this server answers only to its own address");
        }
        let Some(body) = &request.body else {
            return Outgoing::error(413, "the request is too large");
        };
        let prefix = format!("/{}", self.secrets.code);
        let Some(rest) = request.path.strip_prefix(&prefix) else {
            return Outgoing::error(404, "not found");
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
                location: Some(format!("{prefix}/")),
                ..page("text/plain; charset=utf-8", "")
            },
            ("GET", "/") => page("text/html; charset=utf-8", PAGE),
            ("GET", "/vote.js") => page("text/javascript; charset=utf-8", SCRIPT),
            ("GET", "/vote.css") => page("text/css; charset=utf-8", STYLE),
            ("POST", "/join") => self.join(request.from, body, request.at),
            ("GET", "/question") => match self.seat(request.device.as_deref(), request) {
                Ok(()) => Outgoing::json(200, &serde_json::json!({ "question": self.question })),
                Err(refused) => refused,
            },
            ("POST", "/vote") => self.vote(request, body),
            (_, "" | "/" | "/vote.js" | "/vote.css" | "/join" | "/question" | "/vote") => {
                Outgoing::error(405, "method not allowed")
            }
            _ => Outgoing::error(404, "not found"),
        }
    }

    /// The phone's seat, checked against the address it came from and marked as seen.
    fn seat(&mut self, device: Option<&str>, request: &Incoming) -> Result<(), Outgoing> {
        let Some(seat) = device.and_then(|d| self.seats.get_mut(d)) else {
            return Err(Outgoing::error(401, "enter the PIN first"));
        };
        if seat.address != request.from {
            self.refused.wrong_address = self.refused.wrong_address.saturating_add(1);
            return Err(Outgoing::error(401, "enter the PIN first"));
        }
        seat.last_seen = request.at;
        Ok(())
    }

    /// Frees the seats of phones silent for `SEAT_EXPIRES`, remembering them to take back.
    fn expire(&mut self, now: Instant) {
        let stale: Vec<String> = self
            .seats
            .iter()
            .filter(|(_, s)| now.saturating_duration_since(s.last_seen) >= SEAT_EXPIRES)
            .map(|(id, _)| id.clone())
            .collect();
        for id in stale {
            if let Some(seat) = self.seats.remove(&id) {
                self.freed = self.freed.saturating_add(1);
                self.remember_left(id, seat.address);
            }
        }
    }

    fn remember_left(&mut self, id: String, address: IpAddr) {
        if self.left_order.len() >= LEFT_KEPT
            && let Some(oldest) = self.left_order.pop_front()
        {
            self.left.remove(&oldest);
        }
        self.left.insert(id.clone(), address);
        self.left_order.push_back(id);
    }

    fn join(&mut self, from: IpAddr, body: &[u8], at: Instant) -> Outgoing {
        let tries = self.pins.entry(from).or_default();
        if let Some(until) = tries.locked_until {
            if at < until {
                self.refused.locked_out = self.refused.locked_out.saturating_add(1);
                let wait = until.saturating_duration_since(at).as_secs().max(1);
                return Outgoing::error(
                    429,
                    &format!("too many wrong PINs from this network address: wait {wait} s"),
                );
            }
            *tries = PinTries::default();
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Join {
            pin: String,
            /// The id this phone had, to take its seat back.
            #[serde(default)]
            previous: Option<String>,
        }
        let Ok(join) = serde_json::from_slice::<Join>(body) else {
            return Outgoing::error(400, "expected {\"pin\": \"123456\"}");
        };
        if join.pin != self.secrets.pin {
            tries.wrong += 1;
            if tries.wrong >= PIN_TRIES {
                tries.locked_until = Some(at + PIN_LOCKOUT);
            }
            self.refused.wrong_pin = self.refused.wrong_pin.saturating_add(1);
            return Outgoing::error(403, "wrong PIN");
        }
        *tries = PinTries::default();
        self.expire(at);
        // A phone already seated, or coming back to its freed seat, from the same address.
        if let Some(previous) = join.previous {
            if let Some(seat) = self.seats.get_mut(&previous)
                && seat.address == from
            {
                seat.last_seen = at;
                return Outgoing::json(200, &serde_json::json!({ "device": previous }));
            }
            if self.left.get(&previous) == Some(&from) && self.seats.len() < self.max_voters {
                self.left.remove(&previous);
                self.left_order.retain(|id| *id != previous);
                self.seat_phone(previous.clone(), from, at);
                return Outgoing::json(200, &serde_json::json!({ "device": previous }));
            }
        }
        if !self.doors_open {
            self.refused.doors_closed = self.refused.doors_closed.saturating_add(1);
            return Outgoing::error(403, "the facilitator has closed the doors to new phones");
        }
        if self.seats.len() >= self.max_voters {
            self.refused.room_full = self.refused.room_full.saturating_add(1);
            return Outgoing::error(503, "the room is full");
        }
        let from_here = self.seats.values().filter(|s| s.address == from).count();
        if from_here >= self.per_address {
            self.refused.address_cap = self.refused.address_cap.saturating_add(1);
            return Outgoing::error(
                429,
                &format!(
                    "this network address already has {from_here} phones in the room; ask the \
                     facilitator if more should join from it"
                ),
            );
        }
        let id: String = (self.new_device)()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        self.seat_phone(id.clone(), from, at);
        Outgoing::json(200, &serde_json::json!({ "device": id }))
    }

    fn seat_phone(&mut self, id: String, address: IpAddr, at: Instant) {
        let seat = Seat {
            address,
            last_seen: at,
            votes: Bucket::full(VOTES_PER_SECOND * 2.0, at),
        };
        self.seats.insert(id, seat);
    }

    fn vote(&mut self, request: &Incoming, body: &[u8]) -> Outgoing {
        let Ok(ballot) = serde_json::from_slice::<Ballot>(body) else {
            return Outgoing::error(
                400,
                "expected {\"device\": ..., \"decision\": ..., \"options\": [...]}",
            );
        };
        if let Err(refused) = self.seat(Some(&ballot.device), request) {
            return refused;
        }
        let Some(question) = &self.question else {
            return Outgoing::error(409, "voting is closed");
        };
        if ballot.decision != question.decision {
            return Outgoing::error(409, "that decision is no longer open");
        }
        let answer = match check(question, &ballot.options) {
            Ok(answer) => answer,
            Err(message) => return Outgoing::error(422, &message),
        };
        let allowed = self.seats.get_mut(&ballot.device).is_some_and(|seat| {
            (seat.votes).take(request.at, VOTES_PER_SECOND, VOTES_PER_SECOND * 2.0)
        });
        if !allowed {
            self.refused.rate_limited = self.refused.rate_limited.saturating_add(1);
            return Outgoing::error(429, "too many votes; wait a moment");
        }
        if self.votes.len() >= WAITING_VOTES {
            return Outgoing::error(503, "busy; send the vote again in a moment");
        }
        self.votes.push_back((ballot.device, answer));
        Outgoing::json(200, &serde_json::json!({ "received": true }))
    }
}

const PAGE: &str = include_str!("../../../assets/vote/index.html");
const SCRIPT: &str = include_str!("../../../assets/vote/vote.js");
const STYLE: &str = include_str!("../../../assets/vote/vote.css");

/// A ballot's options checked against the question by the engine's own check, the one the
/// room applies again when the vote reaches it: known, not repeated, as many as it asks.
fn check(question: &Question, options: &[String]) -> Result<Answer, String> {
    let answer = (question.kind)
        .answer(&question.decision, options.to_vec())
        .map_err(|e| e.to_string())?;
    let known: Vec<&str> = question.options.iter().map(|(id, _)| id.as_str()).collect();
    check_against(&question.decision, question.kind, &known, &answer).map_err(|e| e.to_string())?;
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protocol() -> Protocol {
        protocol_of(10)
    }

    fn protocol_of(seats: usize) -> Protocol {
        let mut next = 0u8;
        let mut p = Protocol::new(
            Secrets {
                code: "k7m2p9x4qt".into(),
                pin: "123456".into(),
            },
            seats,
            Box::new(move || {
                next += 1;
                [next; 16]
            }),
        );
        p.set_host("10.0.0.1:8787".into());
        p
    }

    fn request(method: &str, path: &str, from: [u8; 4], body: &str, at: Instant) -> Incoming {
        Incoming {
            method: method.into(),
            path: path.into(),
            host: Some("10.0.0.1:8787".into()),
            device: None,
            from: IpAddr::from(from),
            body: Some(body.as_bytes().to_vec()),
            at,
        }
    }

    fn join(p: &mut Protocol, from: [u8; 4], body: &str, at: Instant) -> Outgoing {
        p.handle(&request("POST", "/k7m2p9x4qt/join", from, body, at))
    }

    fn device(reply: &Outgoing) -> String {
        let value: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        value["device"].as_str().unwrap().to_owned()
    }

    #[test]
    fn secrets_use_only_unambiguous_letters_and_six_digits() {
        let bytes: Vec<u8> = (0..=255).cycle().take(64).collect();
        let secrets = Secrets::from_bytes(&bytes);
        assert_eq!(secrets.code.len(), CODE_LENGTH);
        assert!(!secrets.code.contains(['0', '1', 'i', 'l', 'o']));
        assert_eq!(secrets.pin.len(), 6);
        assert!(secrets.pin.bytes().all(|b| b.is_ascii_digit()));
        let os = Secrets::from_os().unwrap();
        assert_ne!(os, Secrets::from_os().unwrap(), "fresh each time");
    }

    #[test]
    fn one_address_seats_at_most_its_cap_and_the_refusals_are_counted() {
        let mut p = protocol();
        let at = Instant::now();
        let pin = r#"{"pin":"123456"}"#;
        for _ in 0..DEVICES_PER_ADDRESS {
            assert_eq!(join(&mut p, [10, 0, 0, 9], pin, at).status, 200);
        }
        let refused = join(&mut p, [10, 0, 0, 9], pin, at);
        assert_eq!(refused.status, 429, "{}", refused.body);
        assert!(
            refused.body.contains("already has 3 phones"),
            "{}",
            refused.body
        );
        assert_eq!(join(&mut p, [10, 0, 0, 8], pin, at).status, 200);
        assert_eq!(p.set_per_address(4), 4);
        assert_eq!(join(&mut p, [10, 0, 0, 9], pin, at).status, 200);
        assert_eq!(p.set_per_address(0), 1, "at least one phone an address");
        let status = p.status(at);
        assert_eq!(status.seated, DEVICES_PER_ADDRESS + 2);
        assert_eq!(status.refused.address_cap, 1);
    }

    #[test]
    fn closed_doors_refuse_new_phones_but_not_returning_ones() {
        let mut p = protocol();
        let at = Instant::now();
        let first = device(&join(&mut p, [10, 0, 0, 2], r#"{"pin":"123456"}"#, at));
        p.set_doors_open(false);
        let refused = join(&mut p, [10, 0, 0, 3], r#"{"pin":"123456"}"#, at);
        assert_eq!(refused.status, 403);
        assert!(refused.body.contains("closed the doors"));
        let back = format!(r#"{{"pin":"123456","previous":"{first}"}}"#);
        let later = at + SEAT_EXPIRES + Duration::from_secs(1);
        assert_eq!(
            p.status(later).seated,
            0,
            "the silent phone's seat was freed"
        );
        assert_eq!(p.status(later).freed, 1);
        let reply = join(&mut p, [10, 0, 0, 2], &back, later);
        assert_eq!(
            device(&reply),
            first,
            "the same id, so its vote is not counted twice"
        );
        assert_eq!(p.status(later).refused.doors_closed, 1);
        let stolen = join(&mut p, [10, 0, 0, 4], &back, later);
        assert_eq!(
            stolen.status, 403,
            "another address cannot take it through closed doors"
        );
    }

    #[test]
    fn a_silent_phone_frees_its_seat_for_another() {
        let mut p = protocol_of(1);
        let at = Instant::now();
        assert_eq!(
            join(&mut p, [10, 0, 0, 2], r#"{"pin":"123456"}"#, at).status,
            200
        );
        let full = join(&mut p, [10, 0, 0, 3], r#"{"pin":"123456"}"#, at);
        assert_eq!(full.status, 503);
        let later = at + SEAT_EXPIRES;
        assert_eq!(
            join(&mut p, [10, 0, 0, 3], r#"{"pin":"123456"}"#, later).status,
            200
        );
    }

    #[test]
    fn a_pin_lockout_ends_after_its_time() {
        let mut p = protocol();
        let at = Instant::now();
        for _ in 0..PIN_TRIES {
            assert_eq!(
                join(&mut p, [10, 0, 0, 5], r#"{"pin":"000000"}"#, at).status,
                403
            );
        }
        let locked = join(&mut p, [10, 0, 0, 5], r#"{"pin":"123456"}"#, at);
        assert_eq!(locked.status, 429);
        assert!(locked.body.contains("wait 60 s"), "{}", locked.body);
        assert_eq!(
            join(&mut p, [10, 0, 0, 6], r#"{"pin":"123456"}"#, at).status,
            200,
            "other addresses are not locked out"
        );
        let later = at + PIN_LOCKOUT;
        assert_eq!(
            join(&mut p, [10, 0, 0, 5], r#"{"pin":"123456"}"#, later).status,
            200
        );
        let status = p.status(later);
        assert_eq!(
            (status.refused.wrong_pin, status.refused.locked_out),
            (5, 1)
        );
    }

    #[test]
    fn a_phone_id_from_another_address_is_refused() {
        let mut p = protocol();
        let at = Instant::now();
        let id = device(&join(&mut p, [10, 0, 0, 2], r#"{"pin":"123456"}"#, at));
        assert_eq!(id.len(), 32, "128 bits as hex");
        p.set_question(Some(Question {
            decision: "d1".into(),
            prompt: "?".into(),
            kind: OfferKind::Choose,
            options: vec![("a".into(), "A".into()), ("b".into(), "B".into())],
        }));
        let ballot = format!(r#"{{"device":"{id}","decision":"d1","options":["a"]}}"#);
        let replayed = p.handle(&request(
            "POST",
            "/k7m2p9x4qt/vote",
            [10, 0, 0, 3],
            &ballot,
            at,
        ));
        assert_eq!(replayed.status, 401);
        assert!(p.take_votes().is_empty());
        let own = p.handle(&request(
            "POST",
            "/k7m2p9x4qt/vote",
            [10, 0, 0, 2],
            &ballot,
            at,
        ));
        assert_eq!(own.status, 200);
        assert_eq!(p.take_votes().len(), 1);
        assert_eq!(p.status(at).refused.wrong_address, 1);
    }

    #[test]
    fn the_allowance_comes_before_the_host_check() {
        let mut p = protocol();
        let at = Instant::now();
        let mut wrong_host = request("GET", "/k7m2p9x4qt/", [10, 0, 0, 7], "", at);
        wrong_host.host = Some("evil.example".into());
        let statuses: Vec<u16> = (0..100).map(|_| p.handle(&wrong_host).status).collect();
        assert_eq!(statuses.iter().filter(|&&s| s == 421).count(), 40);
        assert_eq!(statuses.iter().filter(|&&s| s == 429).count(), 60);
        let page = request("GET", "/k7m2p9x4qt/", [10, 0, 0, 7], "", at);
        assert_eq!(
            p.handle(&page).status,
            429,
            "the flood spent this address's allowance"
        );
        let page = request("GET", "/k7m2p9x4qt/", [10, 0, 0, 8], "", at);
        assert_eq!(p.handle(&page).status, 200, "not another's");
    }
}
