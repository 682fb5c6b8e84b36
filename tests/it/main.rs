//! The `feedwise` crate's integration tests, one binary: the command line as a user runs it,
//! the app headless (with the `app` feature) and in a real window under Xvfb (ignored unless
//! asked for), the language server over stdio, and the layers' rules.

mod common;
#[path = "../../crates/feedwise-core/tests/it/export_support.rs"]
mod export_support;

mod app_author;
mod app_contrast;
mod app_facilitate;
mod app_flow;
mod app_new_scenario;
mod app_platforms;
mod app_practice_set;
mod app_practise_next;
mod app_profession;
mod app_records;
mod check_cli;
mod e2e_author;
mod e2e_faults;
mod e2e_projector;
mod e2e_screen_reader;
mod e2e_window;
mod export_cli;
mod export_send;
mod graph;
mod guidance_cli;
mod hostile;
mod layers;
mod library;
mod lrs_ralph;
mod lsp;
mod no_network;
mod package_deb;
mod vote_attacks;
