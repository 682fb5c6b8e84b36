//! feedwise-room: facilitated play. A conference room plays a scenario together from a session
//! plan, votes, and sees its split against the key (`room`, pure: time and votes come in as
//! arguments); the voting server phones use is its I/O shell (`protocol` decides, pure;
//! `server` moves bytes, on its own thread and runtime); `export` writes the summary, counts
//! only; `interfaces` lists this machine's addresses for the facilitator to pick; `voting` holds the
//! session's phones and server; `workshop`
//! carries a session from a plan's first scenario to its summary (pure, like `room`).
//!
//! It may use `feedwise-core` (scenarios, the engine, exports' CSV quoting) and the server's
//! crates (hyper, tokio, getrandom); nothing here knows of the app or the command line.

pub mod export;
pub mod interfaces;
pub mod protocol;
pub mod room;
pub mod server;
pub mod voting;
pub mod workshop;

pub use feedwise_core::scenario::plan::{Plan, PlanItem};
pub use room::{FollowedBy, Phase, Record, RecordedOption, Reveal, Room, RoomError};
pub use workshop::Workshop;
