//! Facilitated play: a conference room plays a scenario together from a session plan, votes,
//! and sees its split against the key. Pure core: the app shows it and the voting server feeds
//! it; neither decides anything here.

pub mod export;
pub mod interfaces;
pub mod plan;
pub mod protocol;
pub mod room;
pub mod server;

pub use plan::{Plan, PlanItem};
pub use room::{FollowedBy, Phase, Record, RecordedOption, Reveal, Room, RoomError};
