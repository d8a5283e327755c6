//! `nocontent serve`: a loopback raw-socket server that sends each scenario byte for byte,
//! violations included, so real clients (a browser, curl, Node) can be pointed at it.
//!
//! Routes:
//! - `/s/<catalog id>`: that catalog scenario's response bytes, exactly.
//! - `/x?scenario=<percent-encoded scenario JSON>`: any scenario, simulated, then sent.
//! - `/__nocontent_lab`: a small JSON note saying this is the lab server.
//! - `/__nocontent_lab/runner` and `/__nocontent_lab/form`: the app's live lab runs its clients
//!   from these two pages (an empty one, and one with a form), as it does from the service
//!   worker's pages, so that a run here and a run through the worker differ only in who answers.
//! - `/__nocontent_lab/seen?r=RUN`: the request ids (`q`) of run `RUN` that reached `/x` so
//!   far, as JSON (`{"seen":["1","2"]}`): the app's lab learns from it that a navigation or a
//!   beacon arrived, as the worker tells it in the browser.
//! - anything else: a file from `--dist` (so the app and the lab share one origin), or an
//!   index of the routes.
//!
//! The connection stays open after a scenario unless the scenario closes it, so leftover bytes
//! reach the client exactly as they would from a careless server.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use nocontent_engine::{catalog, simulate, Scenario};

/// How long an idle connection is kept.
const IDLE: Duration = Duration::from_secs(30);
/// The largest request head or body the server reads.
const MAX_REQUEST: usize = 1024 * 1024;
/// How many runs' request ids [`Runs`] remembers (the oldest is forgotten first).
const MAX_RUNS: usize = 64;
/// How many request ids of one run it remembers.
const MAX_REQUESTS_PER_RUN: usize = 64;

/// One lab run's id and the ids of its requests that arrived, in order.
type RunRequests = (String, Vec<String>);

/// The request ids that arrived for each recent lab run, shared by the connection threads.
#[derive(Clone, Default)]
pub struct Runs(Arc<Mutex<VecDeque<RunRequests>>>);

impl Runs {
    fn record(&self, run: &str, id: &str) {
        let Ok(mut runs) = self.0.lock() else {
            return;
        };
        match runs.iter_mut().find(|(r, _)| r == run) {
            Some((_, ids)) => {
                if ids.len() < MAX_REQUESTS_PER_RUN {
                    ids.push(id.to_string());
                }
            }
            None => {
                if runs.len() >= MAX_RUNS {
                    runs.pop_front();
                }
                runs.push_back((run.to_string(), vec![id.to_string()]));
            }
        }
    }

    fn seen(&self, run: &str) -> Vec<String> {
        self.0
            .lock()
            .ok()
            .and_then(|runs| {
                runs.iter()
                    .find(|(r, _)| r == run)
                    .map(|(_, ids)| ids.clone())
            })
            .unwrap_or_default()
    }
}

/// A run or request id as the app makes them: short, hex digits or decimal digits.
fn id_like(value: &str) -> bool {
    !value.is_empty() && value.len() <= 64 && value.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The lab's runner page: nothing in it, no script allowed.
const RUNNER_PAGE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>nocontent lab runner</title></head><body><p>lab</p></body></html>";
/// The lab's form page: one form and one text field, no script allowed.
const FORM_PAGE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>nocontent lab form</title></head><body><form id=\"f\" method=\"post\"><label>Text <input id=\"t\" name=\"t\"></label></form></body></html>";

/// Options for `nocontent serve`.
pub struct Options {
    pub port: u16,
    pub dist: Option<PathBuf>,
}

impl Options {
    /// Parses `[--port N] [--dist DIR]`.
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            port: 8081,
            dist: None,
        };
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            match arg.as_str() {
                "--port" => {
                    let value = rest.next().ok_or("--port needs a number")?;
                    options.port = value
                        .parse()
                        .map_err(|_| format!("--port: `{value}` is not a port number"))?;
                }
                "--dist" => {
                    let dir = PathBuf::from(rest.next().ok_or("--dist needs a folder")?);
                    if !dir.join("index.html").is_file() {
                        return Err(format!(
                            "--dist: {} has no index.html (run `cargo xtask dist`)",
                            dir.display()
                        ));
                    }
                    options.dist = Some(dir);
                }
                other => return Err(format!("serve: unknown option `{other}`")),
            }
        }
        Ok(options)
    }
}

/// Binds, prints the address on the first line of stdout, and serves until killed.
pub fn run(options: Options) -> Result<(), String> {
    let listener = TcpListener::bind(("127.0.0.1", options.port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", options.port))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    println!("nocontent lab server on http://127.0.0.1:{port}/ (Ctrl-C stops)");
    let _ = std::io::stdout().flush();
    let runs = Runs::default();
    for stream in listener.incoming().flatten() {
        let dist = options.dist.clone();
        let runs = runs.clone();
        std::thread::spawn(move || {
            let _ = serve_connection(stream, dist.as_deref(), &runs);
        });
    }
    Ok(())
}

/// One request as read off the socket.
struct Incoming {
    method: String,
    target: String,
}

/// Reads one request; None when the client closed the connection or sent garbage.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Incoming> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut length = 0usize;
    let mut head = line.len();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        head += header.len();
        if head > MAX_REQUEST {
            return None;
        }
        if header == "\r\n" || header == "\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok()?;
            }
        }
    }
    if length > MAX_REQUEST {
        return None;
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Incoming { method, target })
}

/// The value of `name` in a query string, percent-decoded (`+` is a space, as forms send it).
fn query_value(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .find_map(|p| p.strip_prefix(name)?.strip_prefix('='))
        .map(|v| {
            percent_encoding::percent_decode_str(&v.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        })
}

/// What to send back: the bytes, and whether to close the connection afterwards.
fn respond(request: &Incoming, dist: Option<&Path>, runs: &Runs) -> (Vec<u8>, bool) {
    let (path, query) = request
        .target
        .split_once('?')
        .unwrap_or((&request.target, ""));
    if let Some(id) = path.strip_prefix("/s/") {
        return match catalog::find(id) {
            Some(entry) => scenario_bytes(&entry.scenario),
            None => plain(
                404,
                &format!("no catalog scenario `{id}`; GET / lists them"),
            ),
        };
    }
    if path == "/x" {
        // A lab run names itself and its request; the app asks for them at /__nocontent_lab/seen.
        if let (Some(run), Some(id)) = (query_value(query, "r"), query_value(query, "q")) {
            if id_like(&run) && id_like(&id) {
                runs.record(&run, &id);
            }
        }
        let json = query_value(query, "scenario").unwrap_or_default();
        return match Scenario::from_json(&json) {
            Ok(scenario) => scenario_bytes(&scenario),
            Err(e) => plain(400, &format!("the scenario JSON is not valid: {e}")),
        };
    }
    match path {
        "/__nocontent_lab/runner" => return (lab_page(RUNNER_PAGE, "connect-src 'self'"), false),
        "/__nocontent_lab/form" => return (lab_page(FORM_PAGE, "form-action 'self'"), false),
        "/__nocontent_lab/seen" => {
            let run = query_value(query, "r").unwrap_or_default();
            let ids: Vec<String> = runs
                .seen(&run)
                .iter()
                .map(|id| format!("\"{id}\""))
                .collect();
            let body = format!("{{\"seen\":[{}]}}", ids.join(","));
            return (text_response(200, "application/json", &body), false);
        }
        _ => {}
    }
    if path == "/__nocontent_lab" {
        return (
            text_response(
                200,
                "application/json",
                "{\"lab\":\"nocontent\",\"byte_exact\":true}",
            ),
            false,
        );
    }
    match dist {
        Some(root) => file(root, path, &request.method),
        None => plain(200, &index()),
    }
}

fn scenario_bytes(scenario: &Scenario) -> (Vec<u8>, bool) {
    match simulate(scenario) {
        Ok(exchange) => {
            let closes = exchange.framing.as_ref().is_some_and(|f| f.server_closes);
            (exchange.wire.into_bytes(), closes)
        }
        Err(errors) => {
            let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
            plain(400, &all.join("; "))
        }
    }
}

fn index() -> String {
    let mut out = String::from(
        "nocontent lab server: each route answers with exactly the bytes the engine shows.\n\n",
    );
    for entry in catalog::catalog() {
        out.push_str(&format!("/s/{:<26} {}\n", entry.id, entry.title));
    }
    out.push_str("\n/x?scenario=<percent-encoded scenario JSON>   any scenario\n");
    out
}

fn text_response(status: u16, kind: &str, body: &str) -> Vec<u8> {
    let reason = nocontent_engine::status::reason(status);
    format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// One of the lab's pages, with a policy that allows no script and only `allow` besides.
fn lab_page(html: &str, allow: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nContent-Security-Policy: default-src 'none'; {allow}\r\n\r\n{html}",
        html.len()
    )
    .into_bytes()
}

fn plain(status: u16, body: &str) -> (Vec<u8>, bool) {
    (
        text_response(status, "text/plain; charset=utf-8", body),
        false,
    )
}

fn file(root: &Path, path: &str, method: &str) -> (Vec<u8>, bool) {
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return plain(404, "not found");
    }
    let mut target = root.join(relative);
    if target.is_dir() {
        target = target.join("index.html");
    }
    let Ok(bytes) = std::fs::read(&target) else {
        return plain(404, "not found");
    };
    let kind = match target.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    };
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n\r\n",
        bytes.len()
    )
    .into_bytes();
    if !method.eq_ignore_ascii_case("HEAD") {
        out.extend_from_slice(&bytes);
    }
    (out, false)
}

fn serve_connection(stream: TcpStream, dist: Option<&Path>, runs: &Runs) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    while let Some(request) = read_request(&mut reader) {
        let (bytes, close) = respond(&request, dist, runs);
        writer.write_all(&bytes)?;
        writer.flush()?;
        if close {
            writer.shutdown(std::net::Shutdown::Both)?;
            break;
        }
    }
    Ok(())
}
