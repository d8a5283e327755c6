//! `nocontent serve`: a loopback raw-socket server that sends each scenario byte for byte,
//! violations included, so real clients (a browser, curl, Node) can be pointed at it.
//!
//! Routes:
//! - `/s/<catalog id>`: that catalog scenario's response bytes, exactly.
//! - `/x?scenario=<percent-encoded scenario JSON>`: any scenario, simulated, then sent.
//! - `/__nocontent_lab`: a small JSON note saying this is the lab server.
//! - anything else: a file from `--dist` (so the app and the lab share one origin), or an
//!   index of the routes.
//!
//! The connection stays open after a scenario unless the scenario closes it, so leftover bytes
//! reach the client exactly as they would from a careless server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use nocontent_engine::{catalog, simulate, Scenario};

/// How long an idle connection is kept.
const IDLE: Duration = Duration::from_secs(30);
/// The largest request head or body the server reads.
const MAX_REQUEST: usize = 1024 * 1024;

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
    for stream in listener.incoming().flatten() {
        let dist = options.dist.clone();
        std::thread::spawn(move || {
            let _ = serve_connection(stream, dist.as_deref());
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

/// What to send back: the bytes, and whether to close the connection afterwards.
fn respond(request: &Incoming, dist: Option<&Path>) -> (Vec<u8>, bool) {
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
        let encoded = query
            .split('&')
            .find_map(|p| p.strip_prefix("scenario="))
            .unwrap_or("");
        let json = percent_encoding::percent_decode_str(&encoded.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned();
        return match Scenario::from_json(&json) {
            Ok(scenario) => scenario_bytes(&scenario),
            Err(e) => plain(400, &format!("the scenario JSON is not valid: {e}")),
        };
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

fn serve_connection(stream: TcpStream, dist: Option<&Path>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    while let Some(request) = read_request(&mut reader) {
        let (bytes, close) = respond(&request, dist);
        writer.write_all(&bytes)?;
        writer.flush()?;
        if close {
            writer.shutdown(std::net::Shutdown::Both)?;
            break;
        }
    }
    Ok(())
}
