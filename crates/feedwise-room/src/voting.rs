//! Phones voting for a whole session: what they are told (the protocol, made at the first
//! start and kept, so the address code, PIN and seats stay the same however often the server is
//! stopped and started) and the server while it runs. The app holds one of these beside its
//! `Workshop` and passes votes and questions between them.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use feedwise_core::engine::Answer;

use crate::protocol::{Protocol, Question, Secrets, Status, device_id_from_os};
use crate::room::MAX_VOTERS;
use crate::server::{VotingServer, lock};

/// The port the voting server tries first, so the address stays the same between sessions;
/// a free one is taken when it is busy.
pub const VOTING_PORT: u16 = 8787;

/// The session's voting: nothing until the facilitator first starts it.
#[derive(Default)]
pub struct Voting {
    protocol: Option<Arc<Mutex<Protocol>>>,
    server: Option<VotingServer>,
    /// Why the server stopped by itself, until it is started again.
    stopped: Option<String>,
    /// The port the server last listened on, to listen on it again.
    last_port: Option<u16>,
}

impl Voting {
    /// Starts the server on `address`, on the port it had before (so the address phones have
    /// is still right), else [`VOTING_PORT`], else any free one. Returns the address phones
    /// open and the PIN.
    pub fn start(&mut self, address: IpAddr) -> Result<(String, String), String> {
        let protocol = match &self.protocol {
            Some(protocol) => Arc::clone(protocol),
            None => {
                let protocol =
                    Protocol::new(Secrets::from_os()?, MAX_VOTERS, Box::new(device_id_from_os));
                Arc::clone(self.protocol.insert(Arc::new(Mutex::new(protocol))))
            }
        };
        let ports = self.last_port.into_iter().chain([VOTING_PORT, 0]);
        let mut last_error = None;
        let server = ports
            .filter_map(|port| {
                VotingServer::start(SocketAddr::new(address, port), Arc::clone(&protocol))
                    .map_err(|e| last_error = Some(e))
                    .ok()
            })
            .next()
            .ok_or_else(|| {
                let why = last_error.map(|e| e.to_string()).unwrap_or_default();
                format!("cannot take votes on {address}: {why}")
            })?;
        self.last_port = Some(server.address.port());
        self.stopped = None;
        self.server = Some(server);
        Ok(self.join().unwrap_or_default())
    }

    /// Stops the server (within half a second); phones keep their seats for the next start.
    pub fn stop(&mut self) {
        self.server = None;
    }

    /// Whether phones can reach the server now.
    pub fn running(&self) -> bool {
        self.server.is_some()
    }

    /// Why the server stopped by itself, if it did and was not started again.
    pub fn stopped(&self) -> Option<&str> {
        self.stopped.as_deref()
    }

    /// A server that stopped by itself is dropped and its reason kept: true when that just
    /// happened.
    pub fn check_failure(&mut self) -> bool {
        let Some(failure) = self.server.as_ref().and_then(VotingServer::failure) else {
            return false;
        };
        self.server = None;
        self.stopped = Some(failure);
        true
    }

    /// The address phones open and the PIN they enter, while the server runs.
    pub fn join(&self) -> Option<(String, String)> {
        self.server.as_ref()?;
        let protocol = lock(self.protocol.as_ref()?);
        Some((protocol.join_url(), protocol.secrets().pin.clone()))
    }

    /// Seats, refusals and the door, while phones can vote.
    pub fn door(&self) -> Option<Status> {
        self.server.as_ref()?;
        Some(lock(self.protocol.as_ref()?).status(std::time::Instant::now()))
    }

    /// Votes that arrived since the last call, in order.
    pub fn take_votes(&self) -> Vec<(String, Answer)> {
        self.protocol
            .as_ref()
            .map(|p| lock(p).take_votes())
            .unwrap_or_default()
    }

    /// What phones may vote on now.
    pub fn set_question(&self, question: Option<Question>) {
        if let Some(protocol) = &self.protocol {
            lock(protocol).set_question(question);
        }
    }

    /// Lets new phones join, or not (returning phones always may).
    pub fn set_doors_open(&self, open: bool) -> Result<(), String> {
        lock(self.started()?).set_doors_open(open);
        Ok(())
    }

    /// Phones one network address may seat.
    pub fn set_per_address(&self, devices: usize) -> Result<(), String> {
        lock(self.started()?).set_per_address(devices);
        Ok(())
    }

    fn started(&self) -> Result<&Arc<Mutex<Protocol>>, String> {
        self.protocol
            .as_ref()
            .ok_or_else(|| "phones are not voting: press W".to_owned())
    }
}
