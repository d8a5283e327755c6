//! Capturing the raw bytes a server puts on the wire for one request: a plain TCP client that
//! writes the request and reads until the response is complete (by the engine's own reading
//! of RFC 9112 §6.3) and a short grace period shows nothing more, or until the connection
//! closes, or until it idles with the response still incomplete.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use nocontent_engine::wire::parse_response;

/// How reading ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ended {
    /// The response was complete and nothing followed within the grace period; the
    /// connection is still open.
    Complete,
    /// The server closed the connection.
    Closed,
    /// Nothing arrived for the idle limit and the response is not complete (a body read until
    /// close on a connection that stays open, or no response at all).
    Idle,
}

/// What came back for one request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Captured {
    /// The bytes exactly, as text (lossy only where they are not UTF-8).
    pub wire: String,
    pub ended: Ended,
}

/// The limits of one capture.
#[derive(Clone, Copy, Debug)]
pub struct Patience {
    /// How long to wait for more bytes while the response is incomplete.
    pub idle: Duration,
    /// How long to keep listening after the response is complete, for stray bytes.
    pub grace: Duration,
}

impl Default for Patience {
    fn default() -> Self {
        Patience {
            idle: Duration::from_millis(1500),
            grace: Duration::from_millis(300),
        }
    }
}

/// Is `bytes` a complete response to `method` on a connection that stays open?
pub fn complete(method: &str, bytes: &[u8]) -> bool {
    parse_response(method, bytes, false).is_ok_and(|p| p.complete && !p.waits_for_close)
}

/// Writes `request` on `stream` and reads the answer to `method`.
pub fn exchange(
    stream: &mut TcpStream,
    request: &[u8],
    method: &str,
    patience: Patience,
) -> std::io::Result<Captured> {
    stream.write_all(request)?;
    stream.flush()?;
    read_response(stream, method, patience)
}

/// Reads one response to `method` from `stream`, within `patience`.
pub fn read_response(
    stream: &mut TcpStream,
    method: &str,
    patience: Patience,
) -> std::io::Result<Captured> {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let ended = loop {
        let done = complete(method, &bytes);
        let wait = if done { patience.grace } else { patience.idle };
        stream.set_read_timeout(Some(wait.max(Duration::from_millis(1))))?;
        match stream.read(&mut chunk) {
            Ok(0) => break Ended::Closed,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                break if done { Ended::Complete } else { Ended::Idle };
            }
            Err(e) if e.kind() == ErrorKind::ConnectionReset => break Ended::Closed,
            Err(e) => return Err(e),
        }
    };
    Ok(Captured {
        wire: String::from_utf8_lossy(&bytes).into_owned(),
        ended,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::{RawServer, Reply};

    fn quick() -> Patience {
        Patience {
            idle: Duration::from_millis(300),
            grace: Duration::from_millis(100),
        }
    }

    fn capture(reply: Reply, method: &str) -> Captured {
        let server = RawServer::start();
        server.route("/x", None, reply);
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        let request = format!("{method} /x HTTP/1.1\r\nHost: a\r\n\r\n");
        exchange(&mut stream, request.as_bytes(), method, quick()).unwrap()
    }

    #[test]
    fn a_framed_response_is_complete_and_the_connection_stays() {
        let wire = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        let got = capture(Reply::raw(wire, false), "GET");
        assert_eq!(got.wire, wire);
        assert_eq!(got.ended, Ended::Complete);
    }

    #[test]
    fn stray_bytes_after_a_204_are_caught() {
        let wire = "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello";
        let got = capture(Reply::raw(wire, false), "GET");
        assert_eq!(got.wire, wire, "the leftover must be captured too");
        assert_eq!(got.ended, Ended::Complete);
    }

    #[test]
    fn stray_bytes_written_after_the_head_are_caught_within_the_grace() {
        // A server that writes the 204's head, then the body bytes a moment later, as a
        // framework does when it writes a body after the headers went out.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            stream.set_nodelay(true).unwrap();
            let mut request = [0u8; 256];
            let _ = stream.read(&mut request).unwrap();
            stream
                .write_all(b"HTTP/1.1 204 No Content\r\n\r\n")
                .unwrap();
            // Well inside the grace period below: the point is a second write, not a time.
            std::thread::sleep(Duration::from_millis(20));
            stream.write_all(b"hello").unwrap();
            let mut rest = Vec::new();
            let _ = stream.read_to_end(&mut rest);
        });
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let patience = Patience {
            idle: Duration::from_millis(1000),
            grace: Duration::from_millis(500),
        };
        let got = exchange(
            &mut stream,
            b"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET",
            patience,
        )
        .unwrap();
        assert_eq!(got.wire, "HTTP/1.1 204 No Content\r\n\r\nhello");
        assert_eq!(got.ended, Ended::Complete);
        drop(stream);
        server.join().unwrap();
    }

    #[test]
    fn an_unframed_body_idles_or_ends_with_the_close() {
        let wire = "HTTP/1.1 200 OK\r\n\r\nbody";
        let got = capture(Reply::raw(wire, false), "GET");
        assert_eq!((got.wire.as_str(), got.ended), (wire, Ended::Idle));
        let got = capture(Reply::raw(wire, true), "GET");
        assert_eq!((got.wire.as_str(), got.ended), (wire, Ended::Closed));
    }

    #[test]
    fn completeness_follows_the_method_and_the_framing() {
        assert!(complete(
            "HEAD",
            b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n"
        ));
        assert!(!complete(
            "GET",
            b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n"
        ));
        assert!(complete(
            "GET",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"
        ));
        assert!(!complete(
            "GET",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n"
        ));
        assert!(!complete("GET", b"HTTP/1.1 204 No Content\r\n"));
        // A body read until close is never complete while the connection stays open.
        assert!(!complete("GET", b"HTTP/1.1 200 OK\r\n\r\nbody"));
    }
}
