//! The core's integration tests, one binary: the scenario format and the checker's fixtures,
//! the engine's rules and properties, runs through the shipped library, records and exports.
//! Paths are the repository's (`common::repo`): fixtures and the shipped library live there.

mod common;
mod export_support;

mod catalogue;
mod check_fixtures;
mod engine_audience;
mod engine_properties;
mod engine_session;
mod export;
mod export_accessibility;
mod export_print;
mod export_xapi_validator;
mod guidance_fidelity;
mod invented_places;
mod mistakes;
mod paths_deep;
mod playthrough;
mod practice;
mod practice_set;
mod record;
mod scenario_runs;
mod sjt_scoring;
mod timeline;
