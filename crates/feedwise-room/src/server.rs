//! The voting server: the I/O shell around `Protocol`. It is off unless the facilitator starts
//! it, binds to the one address they pick, and runs on its own thread with its own small
//! runtime, so nothing a phone sends can stall the app's frames.
//!
//! Limits come before reading: open connections are capped (accept waits for a free slot, and
//! the cap leaves half the process's file descriptors to the app), one address holds at most
//! `CONNECTIONS_PER_ADDRESS`, headers must arrive within `HEADER_TIMEOUT` (a second when the
//! slots run short) and fit in
//! `MAX_HEAD`, a body is refused unread when it announces more than `MAX_BODY` and dropped when
//! it is not complete within `BODY_TIMEOUT`, and a connection lives at most
//! `CONNECTION_LIFETIME`. The protocol's allowance per address is spent before anything else.
//! Stopping never waits longer than `STOP_WAIT`, and a server that ends by itself says why
//! (`VotingServer::failure`), so the projector can tell the room.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Bytes;
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{Semaphore, watch};

use super::protocol::{Incoming, MAX_BODY, Outgoing, Protocol};

pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// The header timeout once three quarters of the connection slots are taken: a flood of idle
/// connections then holds each slot for a second, not five.
pub const HEADER_TIMEOUT_UNDER_PRESSURE: Duration = Duration::from_secs(1);
pub const BODY_TIMEOUT: Duration = Duration::from_secs(5);
/// Phones poll every 1.5 s on a kept-alive connection; a new one now and then costs nothing,
/// and no connection, idle or trickling, holds a slot for longer.
pub const CONNECTION_LIFETIME: Duration = Duration::from_secs(30);
pub const CONNECTIONS_PER_ADDRESS: usize = 16;
/// Open connections at most, whatever the descriptor limit allows.
pub const MOST_CONNECTIONS: usize = 512;
/// Bytes of request line and headers read at most.
pub const MAX_HEAD: usize = 16 * 1024;
pub const STOP_WAIT: Duration = Duration::from_millis(500);

/// The page may load only its own script and style and talk only to this server.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
    style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; \
    form-action 'none'; frame-ancestors 'none'";

/// The server running on its own thread over a protocol the caller keeps: stopping and
/// starting again (the facilitator's W) keeps the code, PIN and every seat.
pub struct VotingServer {
    pub address: SocketAddr,
    stop: watch::Sender<bool>,
    /// Told when the thread ends (in a mutex so the server can live in the app's world).
    finished: Mutex<std::sync::mpsc::Receiver<()>>,
    failure: Arc<Mutex<Option<String>>>,
    thread: Option<JoinHandle<()>>,
}

/// Locks the protocol; a panic elsewhere while it was held leaves it usable.
pub fn lock(protocol: &Mutex<Protocol>) -> std::sync::MutexGuard<'_, Protocol> {
    protocol.lock().unwrap_or_else(|e| e.into_inner())
}

impl VotingServer {
    /// Binds to `address` (a port of 0 picks a free one) and serves until dropped.
    pub fn start(
        address: SocketAddr,
        protocol: Arc<Mutex<Protocol>>,
    ) -> std::io::Result<VotingServer> {
        let listener = std::net::TcpListener::bind(address)?;
        listener.set_nonblocking(true)?;
        let bound = listener.local_addr()?;
        lock(&protocol).set_host(bound.to_string());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()?;
        let (stop, stopping) = watch::channel(false);
        let (done, finished) = std::sync::mpsc::channel();
        let failure = Arc::new(Mutex::new(None));
        let thread = {
            let (protocol, failure) = (Arc::clone(&protocol), Arc::clone(&failure));
            std::thread::Builder::new()
                .name("voting-server".into())
                .spawn(move || {
                    let served = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        runtime.block_on(serve(listener, protocol, stopping))
                    }));
                    let ended = match served {
                        Ok(Ok(())) => None,
                        Ok(Err(error)) => Some(error),
                        Err(_) => Some("the voting server failed".to_owned()),
                    };
                    *failure.lock().unwrap_or_else(|e| e.into_inner()) = ended;
                    let _ = done.send(());
                })?
        };
        Ok(VotingServer {
            address: bound,
            stop,
            finished: Mutex::new(finished),
            failure,
            thread: Some(thread),
        })
    }

    /// Why the server stopped by itself, once it has.
    pub fn failure(&self) -> Option<String> {
        if self.thread.as_ref().is_some_and(|t| !t.is_finished()) {
            return None;
        }
        let failure = self.failure.lock().unwrap_or_else(|e| e.into_inner());
        Some(
            failure
                .clone()
                .unwrap_or_else(|| "the voting server stopped".to_owned()),
        )
    }
}

impl Drop for VotingServer {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        // The runtime drops every connection when `serve` returns; a thread that does not
        // finish in time is left to finish alone rather than freeze the projector.
        let finished = self.finished.lock().unwrap_or_else(|e| e.into_inner());
        if finished.recv_timeout(STOP_WAIT).is_ok()
            && let Some(thread) = self.thread.take()
        {
            let _ = thread.join();
        }
    }
}

/// Half the process's descriptors (the app keeps the rest), up to `MOST_CONNECTIONS`.
fn connection_cap() -> usize {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes the struct it is given and reads nothing else.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 {
            let half = usize::try_from(limit.rlim_cur / 2).unwrap_or(MOST_CONNECTIONS);
            return half.clamp(16, MOST_CONNECTIONS);
        }
    }
    MOST_CONNECTIONS
}

/// Open connections per address, released when a connection ends.
type PerAddress = Arc<Mutex<HashMap<IpAddr, usize>>>;

struct AddressSlot {
    counts: PerAddress,
    address: IpAddr,
}

impl AddressSlot {
    fn take(counts: &PerAddress, address: IpAddr) -> Option<AddressSlot> {
        let mut map = counts.lock().unwrap_or_else(|e| e.into_inner());
        let open = map.entry(address).or_insert(0);
        if *open >= CONNECTIONS_PER_ADDRESS {
            return None;
        }
        *open += 1;
        Some(AddressSlot {
            counts: Arc::clone(counts),
            address,
        })
    }
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        let mut map = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(open) = map.get_mut(&self.address) {
            *open -= 1;
            if *open == 0 {
                map.remove(&self.address);
            }
        }
    }
}

async fn serve(
    listener: std::net::TcpListener,
    protocol: Arc<Mutex<Protocol>>,
    mut stopping: watch::Receiver<bool>,
) -> Result<(), String> {
    let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
    let cap = connection_cap();
    let slots = Arc::new(Semaphore::new(cap));
    let per_address: PerAddress = Arc::default();
    loop {
        // A free slot first, so a full server leaves connections waiting in the kernel's
        // queue instead of failing to accept them.
        let slot = tokio::select! {
            _ = stopping.changed() => return Ok(()),
            slot = Arc::clone(&slots).acquire_owned() => slot.map_err(|e| e.to_string())?,
        };
        let (stream, peer) = tokio::select! {
            _ = stopping.changed() => return Ok(()),
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of descriptors, or a connection reset before it was taken: wait a moment
                // and go on; the loop never ends by itself.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Some(address_slot) = AddressSlot::take(&per_address, peer.ip()) else {
            drop(stream);
            continue;
        };
        let header_timeout = if slots.available_permits() < cap / 4 {
            HEADER_TIMEOUT_UNDER_PRESSURE
        } else {
            HEADER_TIMEOUT
        };
        let protocol = Arc::clone(&protocol);
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let protocol = Arc::clone(&protocol);
                async move { Ok::<_, Infallible>(answer(request, peer.ip(), &protocol).await) }
            });
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .max_buf_size(MAX_HEAD)
                .serve_connection(TokioIo::new(stream), service);
            let _ = tokio::time::timeout(CONNECTION_LIFETIME, connection).await;
            drop((slot, address_slot));
        });
    }
}

async fn answer(
    request: Request<hyper::body::Incoming>,
    from: IpAddr,
    protocol: &Mutex<Protocol>,
) -> Response<Full<Bytes>> {
    if let Err(refused) = lock(protocol).admit(from, Instant::now()) {
        return respond(refused, true);
    }
    let header = |name: header::HeaderName| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let mut incoming = Incoming {
        method: request.method().as_str().to_owned(),
        path: request.uri().path().to_owned(),
        host: header(header::HOST),
        device: header(header::HeaderName::from_static("x-device")),
        from,
        body: None,
        at: Instant::now(),
    };
    let announced = header(header::CONTENT_LENGTH).and_then(|n| n.parse::<u64>().ok());
    // A body announced as too large is never read; one that trickles is given up on.
    if announced.is_none_or(|n| n <= MAX_BODY as u64) {
        let limited = Limited::new(request.into_body(), MAX_BODY);
        match tokio::time::timeout(BODY_TIMEOUT, limited.collect()).await {
            Ok(Ok(collected)) => incoming.body = Some(collected.to_bytes().to_vec()),
            Ok(Err(_)) => {}
            Err(_) => {
                return respond(
                    Outgoing::error(408, "the request body did not arrive"),
                    true,
                );
            }
        }
    }
    incoming.at = Instant::now();
    let outgoing = lock(protocol).route(&incoming);
    respond(outgoing, incoming.body.is_none())
}

/// The protocol's answer with the page's security headers; `close` ends the connection after
/// it (a body left unread, or an address over its allowance).
fn respond(outgoing: Outgoing, close: bool) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(outgoing.body)));
    *response.status_mut() =
        StatusCode::from_u16(outgoing.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    let fixed = [
        (header::CONTENT_TYPE, outgoing.content_type),
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if let Some(location) = outgoing
        .location
        .and_then(|l| HeaderValue::from_str(&l).ok())
    {
        headers.insert(header::LOCATION, location);
    }
    if close {
        headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}
