//! A private X display for WebKitGTK, which has no headless mode.
//!
//! Xvfb picks a free display number itself (`-displayfd`) and writes it once it accepts
//! clients, so there is no guessing of numbers, no lock-file race with another run, and the
//! wait for readiness is a read that returns when the server is ready.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;

use crate::error::{Context, Error};
use crate::process::Group;
use crate::PATIENCE;

/// A running Xvfb; the display goes away when this is dropped.
pub struct Xvfb {
    /// `:N`, for `DISPLAY`.
    pub display: String,
    server: Group,
}

impl Xvfb {
    /// The id of the X server's process group.
    pub fn pid(&self) -> u32 {
        self.server.pid()
    }

    pub fn start(xvfb: &Path) -> Result<Xvfb, Error> {
        let (reader, writer) = std::io::pipe().context("cannot create a pipe for Xvfb")?;
        let mut command = Command::new(xvfb);
        command
            .args([
                "-displayfd",
                "1",
                "-nolisten",
                "tcp",
                "-screen",
                "0",
                "1280x1024x24",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::from(writer))
            .stderr(Stdio::null());
        let server = Group::spawn(command, "Xvfb")?;
        // The read blocks until Xvfb writes its display number (ready) or exits (end of file);
        // a thread turns that into a wait with a deadline.
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = reader;
            let mut text = String::new();
            let mut byte = [0u8; 1];
            while let Ok(1) = reader.read(&mut byte) {
                if byte[0] == b'\n' {
                    break;
                }
                text.push(char::from(byte[0]));
            }
            let _ = tx.send(text);
        });
        let number = rx
            .recv_timeout(PATIENCE)
            .context("Xvfb did not report a display in time")?;
        let number: u32 = number
            .trim()
            .parse()
            .context(format!("Xvfb reported no display number ({number:?})"))?;
        Ok(Xvfb {
            display: format!(":{number}"),
            server,
        })
    }
}
