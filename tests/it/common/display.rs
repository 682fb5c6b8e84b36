//! An X display of its own for a test: Xvfb on a free number, stopped when the test ends.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Stops Xvfb when the test ends, however it ends.
pub struct Display {
    server: Child,
    pub name: String,
}

impl Drop for Display {
    fn drop(&mut self) {
        // SIGTERM lets Xvfb remove its lock and socket; SIGKILL would leave them behind.
        let terminated = Command::new("kill")
            .arg(self.server.id().to_string())
            .status()
            .is_ok_and(|status| status.success());
        if !terminated {
            let _ = self.server.kill();
        }
        let _ = self.server.wait();
    }
}

/// Starts Xvfb on the first free display number. Tests run in parallel may pick the same
/// number at once: only one server gets the lock, the others are stopped and the next number
/// is tried, so no test ever draws on (or is stopped with) another test's display.
pub fn start_display() -> Display {
    start_display_of("1280x800")
}

/// `start_display` with a screen of `size` (`1920x1080`), for windows larger than the usual.
pub fn start_display_of(size: &str) -> Display {
    let free = |n: &u32| {
        !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            && !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
    };
    for number in (90..400).map(|n| n + std::process::id() % 7).filter(free) {
        if let Some(display) = try_display(number, size) {
            return display;
        }
    }
    panic!("no free X display number from :90 to :406");
}

/// Xvfb on `number`, once its socket is there and its lock names it (not a server that took
/// the number first); `None` if it lost the number.
fn try_display(number: u32, size: &str) -> Option<Display> {
    let name = format!(":{number}");
    let mut server = Command::new("Xvfb")
        .args([
            name.as_str(),
            "-screen",
            "0",
            &format!("{size}x24"),
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb runs (apt-get install xvfb mesa-vulkan-drivers libvulkan1)");
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
    let lock = PathBuf::from(format!("/tmp/.X{number}-lock"));
    let started = Instant::now();
    loop {
        if server.try_wait().expect("Xvfb state").is_some() {
            return None;
        }
        // The lock names the server that holds the number. Waiting for a loser to exit is not
        // enough: under load it can outlive any wait, and two tests would share one server,
        // which the first to finish then stops under the other.
        if socket.exists()
            && let Ok(holder) = std::fs::read_to_string(&lock)
            && let Ok(pid) = holder.trim().parse::<u32>()
        {
            if pid == server.id() {
                return Some(Display { server, name });
            }
            let _ = server.kill();
            let _ = server.wait();
            return None;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "Xvfb did not start on {name}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
