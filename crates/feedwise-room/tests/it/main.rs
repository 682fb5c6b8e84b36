//! The room's integration tests, one binary: rooms and plans played through, the voting server
//! spoken to over loopback as phones would, and (ignored unless asked for) a real browser.

#[path = "../../../feedwise-core/tests/it/common.rs"]
mod common;

mod browser_vote;
mod facilitate;
mod vote_server;
mod workshop;
