use std::process::ExitCode;

use bevy::app::AppExit;
use clap::Parser;
use feedwise::app::{LaunchOptions, parse_script};
use feedwise::cli::{Cli, run};

fn main() -> ExitCode {
    let launched = std::time::Instant::now();
    let cli = Cli::parse();
    if let Some(command) = cli.command {
        return run(command);
    }
    let options = LaunchOptions {
        launched: Some(launched),
        ..cli.app
    };
    // A broken script is a usage error: say so before opening a window.
    if let Some(path) = &options.script {
        let checked = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: {e}", path.display()))
            .and_then(|text| parse_script(&text, path));
        if let Err(error) = checked {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    }
    match feedwise::app::run(options) {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}
