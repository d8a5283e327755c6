//! Servers the tests start as programs rather than threads: `python3 -m http.server`, the
//! plainest static host there is, and the `nocontent` command line's byte-exact lab server.
//!
//! Each runs as the leader of its own process group (see [`crate::process`]) and ends when
//! its value is dropped.

use std::io::BufRead;
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::{Context, Error};
use crate::process::Group;
use crate::session::{free_port, log_file, tail};
use crate::PATIENCE;

/// `python3 -m http.server` serving a folder on a loopback port.
pub struct PythonServer {
    pub port: u16,
    _group: Group,
}

impl PythonServer {
    /// Serves `root` and waits until the port accepts connections.
    pub fn start(python: &Path, root: &Path) -> Result<PythonServer, Error> {
        let port = free_port()?;
        let (log_path, log) = log_file("python-http-server")?;
        let err_log = log.try_clone().context("cannot share the server log")?;
        let mut command = Command::new(python);
        command
            .args([
                "-m",
                "http.server",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
            ])
            .arg("--directory")
            .arg(root)
            .stdin(Stdio::null())
            .stdout(Stdio::from(log))
            .stderr(Stdio::from(err_log));
        let mut group = Group::spawn(command, "python3 -m http.server")?;
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = group.exited() {
                return Err(Error::new(format!(
                    "python3 -m http.server exited ({status}):\n{}",
                    tail(&log_path, 20)
                )));
            }
            if started.elapsed() > PATIENCE {
                return Err(Error::new(format!(
                    "python3 -m http.server never listened on {port}"
                )));
            }
            // Python is still starting: ask again shortly.
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(PythonServer {
            port,
            _group: group,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, path)
    }
}

/// The lab server (`nocontent serve --port 0 --dist DIST`): the app and byte-exact answers on
/// one origin.
pub struct LabServer {
    pub port: u16,
    _group: Group,
}

impl LabServer {
    /// Starts `cli` and reads the port from the address it prints first.
    pub fn start(cli: &Path, dist: &Path) -> Result<LabServer, Error> {
        let mut command = Command::new(cli);
        command
            .args(["serve", "--port", "0", "--dist"])
            .arg(dist)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut group = Group::spawn(command, "the lab server")?;
        let out = group
            .take_stdout()
            .context("the lab server's output is not readable")?;
        // A reader thread, so that a server that never prints fails at a deadline instead of
        // hanging the test.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let read = std::io::BufReader::new(out).read_line(&mut line);
            let _ = tx.send(read.map(|_| line));
        });
        let line = rx
            .recv_timeout(PATIENCE)
            .context(format!("{} printed no address", cli.display()))?
            .context(format!("cannot read what {} printed", cli.display()))?;
        let port = address_port(&line).context(format!("no port in {line:?}"))?;
        Ok(LabServer {
            port,
            _group: group,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, path)
    }
}

/// The port of the first `127.0.0.1:PORT` in a line.
fn address_port(line: &str) -> Option<u16> {
    line.split("127.0.0.1:")
        .nth(1)?
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_port_from_the_printed_address() {
        assert_eq!(
            address_port("nocontent lab server on http://127.0.0.1:40123/ (Ctrl-C stops)\n"),
            Some(40123)
        );
        assert_eq!(address_port("listening on 127.0.0.1:8081"), Some(8081));
        assert_eq!(address_port("no address"), None);
    }

    #[test]
    fn python_serves_a_folder_and_stops_with_its_value() {
        let Ok(python) = crate::need::program("python3") else {
            println!("skipped: python3 is not on PATH");
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "A").unwrap();
        let server = PythonServer::start(&python, dir.path()).unwrap();
        let port = server.port;
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        use std::io::{Read, Write};
        stream
            .write_all(b"GET /a.txt HTTP/1.0\r\nHost: x\r\n\r\n")
            .unwrap();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).unwrap();
        assert!(reply.starts_with("HTTP/1.0 200"), "{reply}");
        assert!(reply.ends_with("\r\n\r\nA"), "{reply}");
        drop(server);
        assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
    }
}
