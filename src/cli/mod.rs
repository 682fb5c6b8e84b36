//! The command line: `feedwise check` and friends. Each subcommand is a file.

pub mod check;
pub mod export;
pub mod graph;
pub mod guidance;
mod load;
pub mod lsp;
pub mod new;
pub mod paths;
pub mod play;
pub mod random_play;
pub mod reference;
pub mod terminal;
pub mod vote_server;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::scenario::library::{GUIDANCE_DIR, GuidanceSources};
use crate::scenario::source::ReadError;

#[derive(Debug, Parser)]
#[command(
    name = "feedwise",
    version,
    about = "Practise professional use of social media, offline",
    long_about = "Practise professional use of social media, offline.\n\nWithout a subcommand, opens the app."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[cfg(feature = "app")]
    #[command(flatten)]
    pub app: crate::app::LaunchOptions,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check scenario files and the guidance catalogue; exit 0 clean, 1 on errors, 2 on I/O errors.
    Check(check::CheckArgs),
    /// Play a scenario in the terminal, printing the timeline, outcomes and debrief.
    Play(play::PlayArgs),
    /// Explore every path through a scenario: endings, best and worst paths, principle ranges.
    Paths(paths::PathsArgs),
    /// Write a small scenario that passes `check`, with comments that teach the format.
    New(new::NewArgs),
    /// Export runs: a reflective note (Markdown, HTML), CSV, or xAPI statements (sent to an LRS only with --send).
    Export(export::ExportArgs),
    /// Draw a scenario's beats, decisions, options and endings as SVG (or DOT for Graphviz).
    Graph(graph::GraphArgs),
    /// Serve the language server protocol on stdin/stdout for editors: diagnostics, definitions, references, completion, hover.
    Lsp(lsp::LspArgs),
    /// List the principles, documents and citable paragraphs of the guidance catalogue, with what each is about (`--search WORDS` for some).
    Guidance(guidance::GuidanceArgs),
    /// Print a reference generated from the guidance catalogue (for authors: docs/grading.md).
    #[command(hide = true)]
    Reference(reference::ReferenceArgs),
    /// Run the room's voting server alone with one open question (rehearsals, attack tests).
    #[command(hide = true)]
    VoteServer(vote_server::VoteServerArgs),
}

/// Runs a subcommand and returns the process exit status.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Check(args) => ExitCode::from(check::run(&args)),
        Command::Play(args) => ExitCode::from(play::run(&args)),
        Command::Paths(args) => ExitCode::from(paths::run(&args)),
        Command::New(args) => ExitCode::from(new::run(&args)),
        Command::Export(args) => ExitCode::from(export::run(&args)),
        Command::Lsp(args) => ExitCode::from(lsp::run(&args)),
        Command::Graph(args) => ExitCode::from(graph::run(&args)),
        Command::Reference(args) => ExitCode::from(reference::run(&args)),
        Command::Guidance(args) => ExitCode::from(guidance::run(&args)),
        Command::VoteServer(args) => ExitCode::from(vote_server::run(&args)),
    }
}

/// The catalogue to use: `--guidance DIR` if given, else `assets/guidance` when the current
/// folder has it (an author editing the catalogue), else the copy compiled into the binary.
pub fn guidance_sources(dir: Option<&PathBuf>) -> Result<GuidanceSources, String> {
    let local = PathBuf::from(GUIDANCE_DIR);
    let chosen = match dir {
        Some(dir) => dir.clone(),
        None if local.is_dir() => local,
        None => return Ok(GuidanceSources::embedded()),
    };
    GuidanceSources::read(&chosen).map_err(|(path, error)| match error {
        ReadError::Io(error) => format!("cannot read {}: {error}", path.display()),
        ReadError::TooLarge { bytes } => format!("{} is too large ({bytes} bytes)", path.display()),
        ReadError::NotUtf8 { at, .. } => format!("{}:{at}: not UTF-8 text", path.display()),
    })
}

/// `guidance_sources`, with its error said as a usage error: exit status 2.
pub fn guidance_sources_or_say(dir: Option<&PathBuf>) -> Result<GuidanceSources, u8> {
    guidance_sources(dir).map_err(|message| {
        warn(&format!("error: {message}\n"));
        2
    })
}

/// Writes text for people to stdout, with control and bidirectional characters from scenario
/// files made visible; a closed pipe (`feedwise paths x | head`) is not an error worth a panic.
pub fn emit(text: &str) {
    write_all(std::io::stdout().lock(), &terminal::safe(text));
}

/// Writes a JSON document to stdout, with the same characters as JSON escapes.
pub fn emit_json(json: &str) {
    write_all(std::io::stdout().lock(), &terminal::safe_json(json));
}

/// Writes a message for people to stderr, made safe as `emit` does.
pub fn warn(text: &str) {
    write_all(std::io::stderr().lock(), &terminal::safe(text));
}

/// Writes `text` as it is; a failed write is not worth a panic.
fn write_all(mut to: impl std::io::Write, text: &str) {
    let _ = to.write_all(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum;

    use crate::scenario::Profession;

    /// `--as` takes the names the records write.
    #[test]
    fn every_profession_is_named_on_the_command_line_as_its_slug() {
        for profession in Profession::value_variants() {
            let name = profession.to_possible_value().expect("named");
            assert_eq!(name.get_name(), profession.slug());
        }
    }
}
