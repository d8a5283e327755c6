//! A raw-socket HTTP/1.1 server for the real-browser proof tests: it writes the exact bytes the
//! engine composed, keeps the connection open the way the scenario says, and logs every request
//! with the connection it arrived on, so a test can see whether Chromium reused a connection.
//!
//! Built on `std::net` and one thread per connection; nothing here parses or fixes responses.
//! Waits take a deadline and wake on a condition variable; nothing sleeps and hopes.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The same-origin test page: a form with a text input (for form submissions), a link (for link
/// navigations) and a marker that exists only while this document is the one shown.
pub const PAGE: &str = "<!doctype html>
<html><head><meta charset=\"utf-8\"><title>nocontent raw page</title></head>
<body>
<form id=\"f\" method=\"post\" action=\"/ok\">
<input id=\"t\" name=\"t\" type=\"text\" value=\"\">
<button id=\"submit\" type=\"submit\">Send</button>
</form>
<p><a id=\"lnk\" href=\"/ok\">link</a></p>
<script>window.__marker = 'original-document';</script>
</body></html>
";

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
}

impl Reply {
    /// Exactly these bytes, nothing added.
    pub fn raw(bytes: impl Into<Vec<u8>>, close: bool) -> Reply {
        Reply {
            bytes: bytes.into(),
            close,
        }
    }

    /// A well-formed Content-Length-framed response on a kept-alive connection.
    pub fn framed(status_line: &str, headers: &[(&str, &str)], body: &str) -> Reply {
        let mut head = format!("HTTP/1.1 {status_line}\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Cache-Control: no-store\r\nContent-Length: {}\r\n\r\n",
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
    /// Connections the client closed (the server read end-of-stream or a reset).
    closed_by_client: Vec<usize>,
    next_conn: usize,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    /// Keyed by (path, method); a `None` method answers any method.
    routes: Mutex<HashMap<(String, Option<String>), Reply>>,
}

/// A loopback HTTP/1.1 server that answers registered routes with exact bytes.
///
/// Built-in routes: `/` serves [`PAGE`], `/ok` answers `200 OK` with body [`OK_BODY`]
/// (Content-Length-framed, any method), and anything unknown gets a framed `404`.
#[derive(Clone)]
pub struct RawServer {
    pub port: u16,
    shared: Arc<Shared>,
}

impl RawServer {
    pub fn start() -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().expect("local address").port();
        let shared = Arc::new(Shared::default());
        let server = RawServer { port, shared };
        server.route(
            "/",
            None,
            Reply::framed(
                "200 OK",
                &[("Content-Type", "text/html; charset=utf-8")],
                PAGE,
            ),
        );
        server.route(
            "/ok",
            None,
            Reply::framed("200 OK", &[("Content-Type", "text/plain")], OK_BODY),
        );
        let accepting = server.shared.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let conn = {
                    let mut state = accepting.state.lock().unwrap();
                    state.next_conn += 1;
                    state.next_conn
                };
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
        self.shared
            .routes
            .lock()
            .unwrap()
            .insert((path.to_string(), method.map(str::to_string)), reply);
    }

    /// Every request so far, in arrival order.
    pub fn requests(&self) -> Vec<Seen> {
        self.shared.state.lock().unwrap().requests.clone()
    }

    /// Waits until `check` finds something in the log, or `timeout` passes.
    pub fn wait_for<T>(
        &self,
        timeout: Duration,
        mut check: impl FnMut(&[Seen], &[usize]) -> Option<T>,
    ) -> Option<T> {
        let deadline = Instant::now() + timeout;
        let mut state = self.shared.state.lock().unwrap();
        loop {
            if let Some(found) = check(&state.requests, &state.closed_by_client) {
                return Some(found);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            state = self.shared.changed.wait_timeout(state, left).unwrap().0;
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
}

fn record(shared: &Shared, f: impl FnOnce(&mut State)) {
    let mut state = shared.state.lock().unwrap();
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
        let reply = {
            let routes = shared.routes.lock().unwrap();
            routes
                .get(&(path.clone(), Some(method.clone())))
                .or_else(|| routes.get(&(path.clone(), None)))
                .cloned()
        }
        .unwrap_or_else(|| {
            Reply::framed(
                "404 Not Found",
                &[("Content-Type", "text/plain")],
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
