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

pub fn start_display() -> Display {
    // A display number with no server, no lock and no socket left behind by an earlier run.
    let number = (90..400)
        .map(|n| n + std::process::id() % 7)
        .find(|n| {
            !Path::new(&format!("/tmp/.X{n}-lock")).exists()
                && !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
        })
        .expect("a free X display number");
    let name = format!(":{number}");
    let mut server = Command::new("Xvfb")
        .args([
            name.as_str(),
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb runs (apt-get install xvfb mesa-vulkan-drivers libvulkan1)");
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
    let started = Instant::now();
    while !socket.exists() {
        assert!(
            server.try_wait().expect("Xvfb state").is_none(),
            "Xvfb exited at once on {name}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "Xvfb did not start on {name}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Display { server, name }
}
