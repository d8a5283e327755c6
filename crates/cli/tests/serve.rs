//! `nocontent serve`, checked with a plain TCP client: the bytes on the wire are exactly the
//! composed ones, violations included, and the connection stays open after them.

// A test reports failure by panicking; clippy.toml allows that inside #[test] functions,
// and this allows it in the helpers they share.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nocontent_engine::{catalog, simulate};

/// The server process, killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nocontent"))
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        BufReader::new(out)
            .read_line(&mut line)
            .expect("the server prints its address");
    }
    let port = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    Server { child, port }
}

/// Reads exactly `n` bytes, or whatever arrived before a 5 s deadline.
fn read_n(stream: &mut TcpStream, n: usize) -> Vec<u8> {
    let mut out = vec![0; n];
    let mut filled = 0;
    let started = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .expect("timeout set");
    while filled < n && started.elapsed() < Duration::from_secs(5) {
        match stream.read(&mut out[filled..]) {
            Ok(0) => break,
            Ok(k) => filled += k,
            Err(_) => continue,
        }
    }
    out.truncate(filled);
    out
}

/// Whatever more arrives within 300 ms.
fn read_rest(stream: &mut TcpStream) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0; 1024];
    stream
        .set_read_timeout(Some(Duration::from_millis(300)))
        .expect("timeout set");
    while let Ok(k) = stream.read(&mut buf) {
        if k == 0 {
            break;
        }
        out.extend_from_slice(&buf[..k]);
    }
    out
}

fn wire(id: &str) -> Vec<u8> {
    let entry = catalog::find(id).unwrap_or_else(|| panic!("no {id}"));
    simulate(&entry.scenario)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .wire
        .into_bytes()
}

#[test]
fn a_204_with_a_body_is_sent_exactly_and_the_connection_stays_open() {
    let server = start();
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connects");
    stream
        .write_all(b"GET /s/keepalive-204-body HTTP/1.1\r\nHost: lab\r\n\r\n")
        .expect("sends");
    let expected = wire("keepalive-204-body");
    assert_eq!(
        expected,
        b"HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello"
    );
    let got = read_n(&mut stream, expected.len());
    assert_eq!(
        String::from_utf8_lossy(&got),
        String::from_utf8_lossy(&expected)
    );
    assert_eq!(
        read_rest(&mut stream),
        b"",
        "nothing after the composed bytes"
    );

    // The same connection carries the next exchange: the server did not close it.
    stream
        .write_all(b"DELETE /s/delete-204 HTTP/1.1\r\nHost: lab\r\n\r\n")
        .expect("sends again");
    let next = wire("delete-204");
    assert_eq!(read_n(&mut stream, next.len()), next);
}

#[test]
fn any_scenario_by_query_and_clear_errors() {
    let server = start();
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connects");
    // {"answer":{"status":205,"framing":"none"}}: a 205 with no length at all.
    let query = "%7B%22answer%22%3A%7B%22status%22%3A205%2C%22framing%22%3A%22none%22%7D%7D";
    stream
        .write_all(format!("GET /x?scenario={query} HTTP/1.1\r\nHost: lab\r\n\r\n").as_bytes())
        .expect("sends");
    assert_eq!(
        read_n(&mut stream, 30),
        b"HTTP/1.1 205 Reset Content\r\n\r\n"
    );
    stream
        .write_all(b"GET /s/no-such-thing HTTP/1.1\r\nHost: lab\r\n\r\n")
        .expect("sends");
    let reply = String::from_utf8_lossy(&read_rest(&mut stream)).into_owned();
    assert!(
        reply.starts_with("HTTP/1.1 404 Not Found") && reply.contains("no-such-thing"),
        "{reply}"
    );
}
