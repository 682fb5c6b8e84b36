use std::process::ExitCode;

use clap::Parser;
use feedwise::cli::{Cli, run};

fn main() -> ExitCode {
    let launched = std::time::Instant::now();
    let cli = Cli::parse();
    if let Some(command) = cli.command {
        return run(command);
    }
    open_app(cli, launched)
}

#[cfg(feature = "app")]
fn open_app(cli: Cli, launched: std::time::Instant) -> ExitCode {
    use bevy::app::AppExit;
    use feedwise::app::{LaunchOptions, parse_script};

    let options = LaunchOptions {
        launched: Some(launched),
        ..cli.app
    }
    .opening_a_file();
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
    if let Err(why) = display_available() {
        eprintln!("error: {why}");
        return ExitCode::from(2);
    }
    match feedwise::app::run(options) {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// The window needs a display. This build speaks X11 on Linux and the BSDs (Bevy's `x11`
/// feature), so without `DISPLAY` it could only panic deep in the windowing library: say so
/// in one line instead. Windows and macOS always have their own display.
#[cfg(feature = "app")]
fn display_available() -> Result<(), String> {
    #[cfg(all(unix, not(target_os = "macos")))]
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        return Err(
            "no display to open the window on (DISPLAY is not set): run feedwise in a \
             desktop session, or use a subcommand such as `feedwise check` (see `feedwise --help`)"
                .into(),
        );
    }
    #[cfg(all(unix, not(target_os = "macos")))]
    if let Some(display) = std::env::var_os("DISPLAY")
        && let Some(false) = local_x_server_listening(&display.to_string_lossy())
    {
        return Err(format!(
            "no display to open the window on (nothing answers on DISPLAY={}): run feedwise \
             in a desktop session, or use a subcommand such as `feedwise check` (see \
             `feedwise --help`)",
            display.to_string_lossy()
        ));
    }
    Ok(())
}

/// Whether an X server listens on a local display (`:0`, `:1.0`, `unix:2`): its socket in
/// /tmp/.X11-unix, or on Linux the same name among the abstract sockets the kernel lists.
/// Nothing is connected to (a bare connection is a client the server must set up and drop).
/// `None` for a display on another host, which only the windowing library can try. Without
/// this a stale DISPLAY (a closed session, a stopped Xvfb) panicked deep in winit.
#[cfg(all(feature = "app", unix, not(target_os = "macos")))]
fn local_x_server_listening(display: &str) -> Option<bool> {
    let number = display
        .strip_prefix("unix")
        .unwrap_or(display)
        .strip_prefix(':')?;
    let number = number.split('.').next()?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let path = format!("/tmp/.X11-unix/X{number}");
    if std::path::Path::new(&path).exists() {
        return Some(true);
    }
    // /proc/net/unix names abstract sockets with a leading '@'; where it cannot be read,
    // leave the verdict to the windowing library.
    #[cfg(target_os = "linux")]
    {
        let Ok(sockets) = std::fs::read_to_string("/proc/net/unix") else {
            return None;
        };
        let abstract_name = format!("@{path}");
        if sockets
            .lines()
            .any(|line| line.split_whitespace().last() == Some(abstract_name.as_str()))
        {
            return Some(true);
        }
    }
    Some(false)
}

/// Built without the `app` feature: only the subcommands exist.
#[cfg(not(feature = "app"))]
fn open_app(_: Cli, _: std::time::Instant) -> ExitCode {
    eprintln!(
        "error: this feedwise was built without the app (cargo's `app` feature); \
         use a subcommand such as `feedwise check`, or see `feedwise --help`"
    );
    ExitCode::from(2)
}
