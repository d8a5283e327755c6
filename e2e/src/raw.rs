//! A raw-socket HTTP/1.1 server for the real-browser probes: it writes the exact bytes the
//! engine composed, keeps the connection open the way the scenario says, and logs every request
//! with the connection it arrived on, so a probe can see whether the engine reused a connection
//! and whether a repeated request reached the server at all (the cache probes).
//!
//! Built on `std::net` and one thread per connection; nothing here parses or fixes responses.
//! Waits take a deadline and wake on a condition variable; nothing sleeps and hopes.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The same-origin test page: a form with a text input (for form submissions), a link (for link
/// navigations) and a marker that exists only while this document is the one shown.
pub const PAGE: &str = include_str!("../probes/page.html");

/// The status line and headers [`PAGE`] is served with.
const PAGE_HEAD: &str =
    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n";

/// The marker value [`PAGE`] sets on its window.
pub const MARKER: &str = "original-document";

/// The body of the built-in `/ok` route.
pub const OK_BODY: &str = "ok";

/// What the server writes for one request.
#[derive(Clone, Debug)]
pub struct Reply {
    pub bytes: Vec<u8>,
    /// Close the connection after writing (otherwise keep reading requests on it).
    pub close: bool,
    /// Hold the reply until this many requests for the route have arrived (or the timeout
    /// passes), so that requests a page sends together each arrive on a connection of their
    /// own: no reply ends before the last of them is on the wire, so none can reuse another's
    /// connection (and read what another's reply left on it).
    pub together: Option<(usize, Duration)>,
}

impl Reply {
    /// Exactly these bytes, nothing added.
    pub fn raw(bytes: impl Into<Vec<u8>>, close: bool) -> Reply {
        Reply {
            bytes: bytes.into(),
            close,
            together: None,
        }
    }

    /// The same reply, held until `count` requests for its route have arrived, or `timeout`.
    pub fn together(self, count: usize, timeout: Duration) -> Reply {
        Reply {
            together: Some((count, timeout)),
            ..self
        }
    }

    /// A well-formed response that closes its connection: `head` (status line and header
    /// lines, each ending in CRLF), then `Connection: close`, the Content-Length and `body`.
    pub fn closing(head: &str, body: &str) -> Reply {
        Reply::raw(
            format!(
                "{head}Connection: close\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            ),
            true,
        )
    }

    /// A well-formed Content-Length-framed response on a kept-alive connection, never stored
    /// by a cache.
    pub fn framed(status_line: &str, headers: &[(&str, &str)], body: &str) -> Reply {
        Reply::with_cache_control(status_line, headers, body, "no-store")
    }

    /// Like [`Reply::framed`], but fresh in any cache for `seconds`.
    pub fn cacheable(
        status_line: &str,
        headers: &[(&str, &str)],
        body: &str,
        seconds: u64,
    ) -> Reply {
        Reply::with_cache_control(status_line, headers, body, &format!("max-age={seconds}"))
    }

    fn with_cache_control(
        status_line: &str,
        headers: &[(&str, &str)],
        body: &str,
        cache_control: &str,
    ) -> Reply {
        let mut head = format!("HTTP/1.1 {status_line}\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Cache-Control: {cache_control}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        ));
        head.push_str(body);
        Reply::raw(head, false)
    }
}

/// One request as the server read it.
#[derive(Clone, Debug)]
pub struct Seen {
    /// Which TCP connection it came on (1, 2, … in accept order).
    pub conn: usize,
    /// Its position on that connection (1 for the first request).
    pub index: usize,
    pub method: String,
    /// The request target as sent (path and query).
    pub target: String,
    /// The target without its query.
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Seen {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct State {
    requests: Vec<Seen>,
    /// Connections accepted so far.
    opened: usize,
    /// Connections the client closed (the server read end-of-stream or a reset).
    closed_by_client: Vec<usize>,
    next_conn: usize,
    /// Requests so far for each held route (see [`Reply::together`]), by (path, method).
    held: HashMap<(String, Option<String>), usize>,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    /// Keyed by (path, method); a `None` method answers any method.
    routes: Mutex<HashMap<(String, Option<String>), Reply>>,
    stopping: AtomicBool,
}

/// Held only by the server's handles, never by its threads: when the last handle goes, the
/// server stops accepting.
struct Stopper {
    port: u16,
    shared: Arc<Shared>,
}

impl Drop for Stopper {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        // Wake the accepting thread so that it sees the flag and ends.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// Locks a mutex even if a server thread panicked while holding it: the log stays readable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A loopback HTTP/1.1 server that answers registered routes with exact bytes.
///
/// Built-in routes: `/` serves [`PAGE`], `/ok` answers `200 OK` with body [`OK_BODY`]
/// (Content-Length-framed, any method), `/report` answers `204` to anything (pages that
/// report results post there), and anything unknown gets a framed `404`.
///
/// Clones share one server. It stops accepting when the last clone is dropped; connections
/// still open end when their client closes them.
#[derive(Clone)]
pub struct RawServer {
    pub port: u16,
    shared: Arc<Shared>,
    _stopper: Arc<Stopper>,
}

impl RawServer {
    /// Listens on a free loopback port. Panics only if no loopback port can be bound, which
    /// leaves nothing to test.
    pub fn start() -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().expect("local address").port();
        let shared = Arc::new(Shared::default());
        let server = RawServer {
            port,
            shared: shared.clone(),
            _stopper: Arc::new(Stopper { port, shared }),
        };
        server.route(
            "/report",
            None,
            Reply::raw(
                "HTTP/1.1 204 No Content\r\nCache-Control: no-store\r\n\r\n",
                false,
            ),
        );
        // The page and anything unknown (a favicon) close their connection, so that the only
        // idle connection a probe's request can find is one a probe's own request left: a
        // follow-up on another connection then means the first was not reusable.
        server.route("/", None, Reply::closing(PAGE_HEAD, PAGE));
        server.route(
            "/ok",
            None,
            Reply::framed("200 OK", &[("Content-Type", "text/plain")], OK_BODY),
        );
        let accepting = server.shared.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if accepting.stopping.load(Ordering::SeqCst) {
                    return;
                }
                let conn = {
                    let mut state = lock(&accepting.state);
                    state.next_conn += 1;
                    state.opened += 1;
                    state.next_conn
                };
                accepting.changed.notify_all();
                let shared = accepting.clone();
                std::thread::spawn(move || serve(stream, conn, &shared));
            }
        });
        server
    }

    /// `http://127.0.0.1:PORT`
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn url(&self, target: &str) -> String {
        format!("{}{}", self.origin(), target)
    }

    /// Answers requests for `path` (any query) with `reply`: for one method, or for any.
    pub fn route(&self, path: &str, method: Option<&str>, reply: Reply) {
        lock(&self.shared.routes).insert((path.to_string(), method.map(str::to_string)), reply);
    }

    /// Every request so far, in arrival order.
    pub fn requests(&self) -> Vec<Seen> {
        lock(&self.shared.state).requests.clone()
    }

    /// The requests for exactly this target (path and query), in arrival order.
    pub fn requests_for(&self, target: &str) -> Vec<Seen> {
        lock(&self.shared.state)
            .requests
            .iter()
            .filter(|r| r.target == target)
            .cloned()
            .collect()
    }

    /// How many connections have been accepted so far.
    pub fn connections_opened(&self) -> usize {
        lock(&self.shared.state).opened
    }

    /// Waits until `check` finds something in the log, or `timeout` passes.
    pub fn wait_for<T>(
        &self,
        timeout: Duration,
        mut check: impl FnMut(&[Seen], &[usize]) -> Option<T>,
    ) -> Option<T> {
        let deadline = Instant::now() + timeout;
        let mut state = lock(&self.shared.state);
        loop {
            if let Some(found) = check(&state.requests, &state.closed_by_client) {
                return Some(found);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            state = self
                .shared
                .changed
                .wait_timeout(state, left)
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .0;
        }
    }

    /// Waits for a request with exactly this method and target.
    pub fn wait_request(&self, method: &str, target: &str, timeout: Duration) -> Option<Seen> {
        self.wait_for(timeout, |requests, _| {
            requests
                .iter()
                .find(|r| r.method == method && r.target == target)
                .cloned()
        })
    }

    /// Waits for any request with this target, whatever its method.
    pub fn wait_target(&self, target: &str, timeout: Duration) -> Option<Seen> {
        self.wait_for(timeout, |requests, _| {
            requests.iter().find(|r| r.target == target).cloned()
        })
    }

    /// Waits until the client closes connection `conn`; false if it is still open at the deadline.
    pub fn wait_client_closed(&self, conn: usize, timeout: Duration) -> bool {
        self.wait_for(timeout, |_, closed| closed.contains(&conn).then_some(()))
            .is_some()
    }

    /// [`RawServer::wait_target`] without blocking an async runtime's thread.
    pub async fn wait_target_async(&self, target: &str, timeout: Duration) -> Option<Seen> {
        let (server, target) = (self.clone(), target.to_string());
        tokio::task::spawn_blocking(move || server.wait_target(&target, timeout))
            .await
            .ok()
            .flatten()
    }

    /// [`RawServer::wait_request`] without blocking an async runtime's thread.
    pub async fn wait_request_async(
        &self,
        method: &str,
        target: &str,
        timeout: Duration,
    ) -> Option<Seen> {
        let (server, method, target) = (self.clone(), method.to_string(), target.to_string());
        tokio::task::spawn_blocking(move || server.wait_request(&method, &target, timeout))
            .await
            .ok()
            .flatten()
    }

    /// [`RawServer::wait_client_closed`] without blocking an async runtime's thread.
    pub async fn wait_client_closed_async(&self, conn: usize, timeout: Duration) -> bool {
        let server = self.clone();
        tokio::task::spawn_blocking(move || server.wait_client_closed(conn, timeout))
            .await
            .unwrap_or(false)
    }
}

fn record(shared: &Shared, f: impl FnOnce(&mut State)) {
    let mut state = lock(&shared.state);
    f(&mut state);
    shared.changed.notify_all();
}

/// A request as read off the connection.
struct Incoming {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// Reads one request. `None` when the client closed the connection (or it broke).
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Incoming> {
    let mut line = Vec::new();
    // Tolerate stray empty lines before a request line (RFC 9112 §2.2).
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).ok()? == 0 {
            return None;
        }
        if line != b"\r\n" && line != b"\n" {
            break;
        }
    }
    let request_line = String::from_utf8_lossy(&line).trim_end().to_string();
    let mut parts = request_line.split(' ');
    let method = parts.next().unwrap_or_default().to_string();
    let target = parts.next().unwrap_or_default().to_string();
    let mut headers = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).ok()? == 0 {
            return None;
        }
        if line == b"\r\n" || line == b"\n" {
            break;
        }
        let text = String::from_utf8_lossy(&line);
        if let Some((name, value)) = text.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Incoming {
        method,
        target,
        headers,
        body,
    })
}

fn serve(stream: TcpStream, conn: usize, shared: &Shared) {
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut stream = stream;
    let mut index = 0;
    loop {
        let Some(Incoming {
            method,
            target,
            headers,
            body,
        }) = read_request(&mut reader)
        else {
            record(shared, |s| s.closed_by_client.push(conn));
            return;
        };
        index += 1;
        let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
        let (key, reply) = {
            let routes = lock(&shared.routes);
            let exact = (path.clone(), Some(method.clone()));
            let any = (path.clone(), None);
            match routes.get(&exact) {
                Some(r) => (exact, Some(r.clone())),
                None => (any.clone(), routes.get(&any).cloned()),
            }
        };
        let reply = reply.unwrap_or_else(|| {
            Reply::closing(
                "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nCache-Control: no-store\r\n",
                "not found",
            )
        });
        record(shared, |s| {
            s.requests.push(Seen {
                conn,
                index,
                method,
                target,
                path,
                headers,
                body: String::from_utf8_lossy(&body).into_owned(),
            })
        });
        if let Some((count, timeout)) = reply.together {
            record(shared, |s| *s.held.entry(key.clone()).or_default() += 1);
            let deadline = Instant::now() + timeout;
            let mut state = lock(&shared.state);
            while state.held.get(&key).copied().unwrap_or(0) < count {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                state = shared
                    .changed
                    .wait_timeout(state, left)
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .0;
            }
        }
        if stream
            .write_all(&reply.bytes)
            .and_then(|_| stream.flush())
            .is_err()
        {
            record(shared, |s| s.closed_by_client.push(conn));
            return;
        }
        if reply.close {
            let _ = stream.shutdown(Shutdown::Both);
            return;
        }
    }
}

/// Rewrites the value of every `Access-Control-Allow-Origin` header line in `wire` that names
/// `from` to `to`, leaving every other byte alone.
///
/// The catalog's preflight scenarios allow the documentation origin `https://app.example.com`
/// (`nocontent_engine::wire::PAGE_ORIGIN`), but the real test page lives at
/// `http://127.0.0.1:<port>`; without this substitution every preflight would fail on the
/// origin alone and the test could not tell a 204 preflight from a 404 one.
pub fn rewrite_allow_origin(wire: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(wire.len());
    let mut in_headers = true;
    for line in wire.split_inclusive('\n') {
        if in_headers && (line == "\r\n" || line == "\n") {
            in_headers = false;
        }
        let rewritten = in_headers
            .then(|| line.split_once(':'))
            .flatten()
            .filter(|(name, value)| {
                name.eq_ignore_ascii_case("access-control-allow-origin") && value.trim() == from
            })
            .map(|(name, value)| {
                let ending = &value[value.trim_end().len()..];
                format!("{name}: {to}{ending}")
            });
        out.push_str(rewritten.as_deref().unwrap_or(line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sends `request` on `stream` and reads exactly `expect` bytes back.
    fn exchange(stream: &mut TcpStream, request: &str, expect: usize) -> Vec<u8> {
        stream.write_all(request.as_bytes()).unwrap();
        let mut got = vec![0; expect];
        stream.read_exact(&mut got).unwrap();
        got
    }

    #[test]
    fn replies_byte_for_byte_and_tracks_connections() {
        let server = RawServer::start();
        // A 204 with a stray body: exactly these bytes must come back, nothing fixed.
        let wire = "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello";
        server.route("/s/x", Some("GET"), Reply::raw(wire, false));
        server.route(
            "/s/x",
            Some("DELETE"),
            Reply::raw("HTTP/1.1 200 OK\r\n\r\n", true),
        );
        let mut first = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        let got = exchange(
            &mut first,
            "GET /s/x?k=1 HTTP/1.1\r\nHost: x\r\n\r\n",
            wire.len(),
        );
        assert_eq!(got, wire.as_bytes());
        // The same connection again, then a second connection.
        let ok = exchange(
            &mut first,
            "POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nX-A: b\r\n\r\nabc",
            0,
        );
        assert!(ok.is_empty());
        let seen = server
            .wait_request("POST", "/ok", Duration::from_secs(5))
            .expect("the POST was logged");
        assert_eq!((seen.conn, seen.index, seen.body.as_str()), (1, 2, "abc"));
        assert_eq!(seen.header("x-a"), Some("b"));
        let mut second = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        let closing = "HTTP/1.1 200 OK\r\n\r\n";
        let got = exchange(
            &mut second,
            "DELETE /s/x HTTP/1.1\r\nHost: x\r\n\r\n",
            closing.len(),
        );
        assert_eq!(got, closing.as_bytes());
        // The server closed after that reply, as the route says.
        let mut rest = Vec::new();
        assert_eq!(second.read_to_end(&mut rest).unwrap(), 0);
        let deleted = server
            .wait_request("DELETE", "/s/x", Duration::from_secs(5))
            .unwrap();
        assert_eq!((deleted.conn, deleted.index), (2, 1));
        assert_eq!(server.connections_opened(), 2);
        assert_eq!(server.requests_for("/s/x?k=1").len(), 1);
        assert_eq!(server.requests_for("/s/x?k=2").len(), 0);
        // The client closing the first connection is noticed.
        assert!(!server.wait_client_closed(1, Duration::from_millis(50)));
        drop(first);
        assert!(server.wait_client_closed(1, Duration::from_secs(5)));
    }

    #[test]
    fn unknown_routes_get_a_framed_404_and_waits_end_at_their_deadline() {
        let server = RawServer::start();
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        stream
            .write_all(b"GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let mut reader = BufReader::new(stream);
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        assert_eq!(status, "HTTP/1.1 404 Not Found\r\n");
        let started = Instant::now();
        assert!(server
            .wait_target("/never", Duration::from_millis(100))
            .is_none());
        assert!(started.elapsed() >= Duration::from_millis(100));
    }

    #[test]
    fn cacheable_replies_carry_a_lifetime_and_framed_ones_forbid_storing() {
        let cached = String::from_utf8(Reply::cacheable("200 OK", &[], "abc", 600).bytes).unwrap();
        assert_eq!(
            cached,
            "HTTP/1.1 200 OK\r\nCache-Control: max-age=600\r\nContent-Length: 3\r\n\r\nabc"
        );
        let framed = String::from_utf8(Reply::framed("200 OK", &[("A", "b")], "").bytes).unwrap();
        assert_eq!(
            framed,
            "HTTP/1.1 200 OK\r\nA: b\r\nCache-Control: no-store\r\nContent-Length: 0\r\n\r\n"
        );
    }

    #[test]
    fn the_allow_origin_rewrite_touches_only_that_header() {
        let wire = "HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: https://app.example.com\r\nX-Other: https://app.example.com\r\n\r\n";
        assert_eq!(
            rewrite_allow_origin(wire, "https://app.example.com", "http://127.0.0.1:9"),
            "HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: http://127.0.0.1:9\r\nX-Other: https://app.example.com\r\n\r\n"
        );
    }
}
