use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use feedwise::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        None => {
            // The desktop app is not built yet; until then, say what the binary can do.
            let _ = Cli::command().print_help();
            ExitCode::SUCCESS
        }
    }
}
