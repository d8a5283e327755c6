//! `cargo xtask bench`: the quality targets of the app, measured rather than asserted.
//!
//! Builds the release app and a minimal Yew counter (`bench/counter`, same toolchain and
//! profile), then prints one table and writes it as `target/bench/latest.json`:
//! - bytes of html, css, js and wasm as the page loads them: raw, gzip -9 and brotli q11;
//! - in headless Chromium, driven over WebDriver with DevTools commands for CPU throttling
//!   and garbage collection: first contentful paint and "app ready" (the app's
//!   `nocontent-ready` performance mark), median of N cold loads, at 1× and 4× CPU, against
//!   the counter app as a ratio;
//! - keystroke latency in the header editor: from the `input` event to the next animation
//!   frame, timed in the page, p50 and p95;
//! - JS heap (precise memory info, after a forced GC) and wasm memory after 500 and 1,000 edits.
//!
//! Missed targets are reported in the table; the task fails only when it cannot measure.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::run::{self, Failure, Step};
use crate::Project;

/// Total brotli bytes of everything the page loads (1 KB = 1,000 bytes).
const SIZE_TARGET_BYTES: u64 = 120_000;
/// App load figures at most this many times the counter app's.
const LOAD_RATIO_TARGET: f64 = 1.5;
const KEYSTROKE_P95_TARGET_MS: f64 = 16.0;
const KEYSTROKE_P95_THROTTLED_TARGET_MS: f64 = 50.0;
const MEMORY_GROWTH_TARGET: f64 = 0.05;
const THROTTLE: f64 = 4.0;

const USAGE: &str = "bench [--loads N] [--edits N] [--memory-edits N]";

struct Options {
    loads: usize,
    edits: usize,
    memory_edits: usize,
}

fn parse_args(args: &[String]) -> Result<Options, Failure> {
    let mut options = Options {
        loads: 15,
        edits: 200,
        memory_edits: 1_000,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let slot = match arg.as_str() {
            "--loads" => &mut options.loads,
            "--edits" => &mut options.edits,
            "--memory-edits" => &mut options.memory_edits,
            other => {
                return Err(Failure::new(format!(
                    "bench: unknown option `{other}`; usage: {USAGE}"
                )))
            }
        };
        let value = rest
            .next()
            .ok_or_else(|| Failure::new(format!("{arg} needs a number")))?;
        *slot = value
            .parse()
            .ok()
            .filter(|&n: &usize| n > 0)
            .ok_or_else(|| Failure::new(format!("{arg}: `{value}` is not a positive number")))?;
    }
    if !options.memory_edits.is_multiple_of(2) {
        return Err(Failure::new(
            "--memory-edits must be even (it is measured at half and at the end)",
        ));
    }
    Ok(options)
}

pub fn bench(project: &Project, args: &[String]) -> Result<(), Failure> {
    let options = parse_args(args)?;
    let started = Instant::now();
    let kit = crate::setup(project)?;
    crate::dist(project, &kit)?;
    let out_dir = project.root.join("target").join("bench");
    let counter_dist = out_dir.join("counter-dist");
    Step::quick(
        "built the counter app into target/bench/counter-dist",
        || {
            let mut cmd = kit.trunk(project);
            cmd.current_dir(project.root.join("bench").join("counter"))
                .args(["build", "--release", "--public-url", "./", "--dist"])
                .arg(&counter_dist);
            run::captured(
                cmd,
                &project.logs_dir().join("bench-counter-build.log"),
                "release build of the counter app",
            )
        },
    )?;

    let (app_sizes, counter_sizes) =
        Step::quick("measured sizes (raw, gzip -9, brotli q11)", || {
            Ok((
                measure_sizes(&project.dist_dir())?,
                measure_sizes(&counter_dist)?,
            ))
        })?;

    let browser = kit.browser(project)?;
    let server = Server::start(vec![
        ("/app/".to_string(), project.dist_dir()),
        ("/counter/".to_string(), counter_dist),
    ])?;
    let app_url = format!("http://127.0.0.1:{}/app/", server.port);
    let counter_url = format!("http://127.0.0.1:{}/counter/", server.port);
    let profile = out_dir.join("chromium-profile");
    let _ = fs::remove_dir_all(&profile);
    let driver = Driver::start(
        &browser.chromedriver,
        &project.logs_dir().join("bench-chromedriver.log"),
    )?;
    let session = driver.session(&browser.chromium, &profile)?;
    let measured = measure_in_browser(&session, &options, &app_url, &counter_url);
    let version = session
        .capabilities
        .get("browserVersion")
        .and_then(Value::as_str)
        .unwrap_or("?")
        .to_string();
    session.close();
    drop(driver);
    let _ = fs::remove_dir_all(&profile);
    let browser_figures = measured?;

    let report = Report {
        browser: format!("Chromium {version}"),
        options: (options.loads, options.edits, options.memory_edits),
        app_sizes,
        counter_sizes,
        figures: browser_figures,
    };
    let table = report.table();
    println!("{table}");
    fs::create_dir_all(&out_dir)
        .map_err(|e| Failure::new(format!("cannot create {}: {e}", out_dir.display())))?;
    let json_path = out_dir.join("latest.json");
    let text = serde_json::to_string_pretty(&report.json())
        .map_err(|e| Failure::new(format!("cannot write JSON: {e}")))?;
    fs::write(&json_path, text + "\n")
        .map_err(|e| Failure::new(format!("cannot write {}: {e}", json_path.display())))?;
    let verdicts = report.verdicts();
    let missed: Vec<&str> = verdicts
        .iter()
        .filter(|(_, met)| !met)
        .map(|(name, _)| *name)
        .collect();
    println!(
        "{} {} of {} targets met{}; figures in {} ({})",
        if missed.is_empty() { "✓" } else { "✗" },
        verdicts.len() - missed.len(),
        verdicts.len(),
        if missed.is_empty() {
            String::new()
        } else {
            format!(" (missed: {})", missed.join(", "))
        },
        json_path.display(),
        run::human(started.elapsed())
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Sizes

/// The kinds of file the size target counts, in table order.
const KINDS: [&str; 4] = ["html", "css", "js", "wasm"];

/// Raw, gzip and brotli bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Size {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

impl Size {
    fn add(&mut self, other: Size) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

/// Sizes per kind (html, css, js, wasm) plus the files counted.
#[derive(Debug, Default)]
pub struct Sizes {
    pub by_kind: BTreeMap<&'static str, Size>,
    pub files: Vec<String>,
}

impl Sizes {
    pub fn total(&self) -> Size {
        let mut total = Size::default();
        for size in self.by_kind.values() {
            total.add(*size);
        }
        total
    }
}

/// The files `index.html` loads (the files of `dist/` it names), and itself; files the page
/// does not load, such as a snippet for host pages, are not part of its download.
pub fn loaded_files(index_html: &str, names: &[String]) -> Vec<String> {
    let mut files: Vec<String> = names
        .iter()
        .filter(|n| *n == "index.html" || index_html.contains(&format!("./{n}")))
        .cloned()
        .collect();
    files.sort();
    files
}

fn kind_of(name: &str) -> Option<&'static str> {
    let ext = name.rsplit('.').next()?;
    KINDS.iter().copied().find(|k| *k == ext)
}

pub fn compressed(bytes: &[u8]) -> Result<Size, Failure> {
    use flate2::{write::GzEncoder, Compression};
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(bytes)
        .map_err(|e| Failure::new(format!("gzip: {e}")))?;
    let gzip = gz
        .finish()
        .map_err(|e| Failure::new(format!("gzip: {e}")))?;
    let mut brotli = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut brotli, &params)
        .map_err(|e| Failure::new(format!("brotli: {e}")))?;
    Ok(Size {
        raw: bytes.len() as u64,
        gzip: gzip.len() as u64,
        brotli: brotli.len() as u64,
    })
}

fn measure_sizes(dir: &Path) -> Result<Sizes, Failure> {
    let read_dir = fs::read_dir(dir)
        .map_err(|e| Failure::new(format!("cannot read {}: {e}", dir.display())))?;
    let names: Vec<String> = read_dir
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let index = fs::read_to_string(dir.join("index.html"))
        .map_err(|e| Failure::new(format!("cannot read {}/index.html: {e}", dir.display())))?;
    let mut sizes = Sizes::default();
    for name in loaded_files(&index, &names) {
        let Some(kind) = kind_of(&name) else { continue };
        let bytes = fs::read(dir.join(&name))
            .map_err(|e| Failure::new(format!("cannot read {name}: {e}")))?;
        sizes
            .by_kind
            .entry(kind)
            .or_default()
            .add(compressed(&bytes)?);
        sizes.files.push(name);
    }
    Ok(sizes)
}

// ---------------------------------------------------------------------------------------
// Statistics

pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let upper = *sorted.get(n / 2)?;
    if n % 2 == 1 {
        Some(upper)
    } else {
        Some((sorted.get(n / 2 - 1)? + upper) / 2.0)
    }
}

/// The nearest-rank percentile: the smallest value with at least `p`% of values at or below it.
pub fn percentile(values: &[f64], p: f64) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted.get(rank - 1).copied()
}

/// Growth from `before` to `after` as a fraction (0.05 is 5%).
pub fn growth(before: f64, after: f64) -> f64 {
    if before > 0.0 {
        (after - before) / before
    } else {
        0.0
    }
}

// ---------------------------------------------------------------------------------------
// Static file server for dist/ folders

struct Server {
    port: u16,
}

impl Server {
    /// Serves each folder under its prefix on 127.0.0.1, on a free port, until the xtask ends.
    fn start(routes: Vec<(String, PathBuf)>) -> Result<Server, Failure> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .map_err(|e| Failure::new(format!("cannot listen on 127.0.0.1: {e}")))?;
        let port = listener
            .local_addr()
            .map_err(|e| Failure::new(e.to_string()))?
            .port();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let routes = routes.clone();
                std::thread::spawn(move || serve_one(stream, &routes));
            }
        });
        Ok(Server { port })
    }
}

pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// Maps a request path to a file under one of the routes; `None` for anything outside them.
pub fn resolve(routes: &[(String, PathBuf)], path: &str) -> Option<PathBuf> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let (prefix, dir) = routes.iter().find(|(p, _)| path.starts_with(p.as_str()))?;
    let rest = path.get(prefix.len()..).unwrap_or_default();
    if rest.split('/').any(|s| s == ".." || s.starts_with('.')) {
        return None;
    }
    let rest = if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else {
        rest.to_string()
    };
    Some(dir.join(rest))
}

fn serve_one(mut stream: TcpStream, routes: &[(String, PathBuf)]) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut head = Vec::new();
    let mut buf = [0_u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65_536 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(buf.get(..n).unwrap_or_default()),
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut words = head.split_whitespace();
    let (method, path) = (
        words.next().unwrap_or_default(),
        words.next().unwrap_or("/"),
    );
    let file = resolve(routes, path).and_then(|f| fs::read(&f).ok().map(|b| (f, b)));
    let (status, kind, body) = match file {
        Some((f, bytes)) => ("200 OK", content_type(&f.to_string_lossy()), bytes),
        None => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(header.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
    let _ = stream.flush();
}

// ---------------------------------------------------------------------------------------
// A small WebDriver client (chromedriver over HTTP on loopback)

/// Splits an HTTP response into status code and body, undoing chunked transfer coding.
pub fn parse_http_response(bytes: &[u8]) -> Option<(u16, Vec<u8>)> {
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(bytes.get(..split)?);
    let body = bytes.get(split + 4..)?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    let chunked = head.lines().any(|l| {
        l.split_once(':').is_some_and(|(n, v)| {
            n.trim().eq_ignore_ascii_case("transfer-encoding")
                && v.trim().eq_ignore_ascii_case("chunked")
        })
    });
    if !chunked {
        return Some((status, body.to_vec()));
    }
    let mut out = Vec::new();
    let mut rest = body;
    loop {
        let line_end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size_text = String::from_utf8_lossy(rest.get(..line_end)?);
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        if size == 0 {
            return Some((status, out));
        }
        out.extend_from_slice(rest.get(line_end + 2..line_end + 2 + size)?);
        rest = rest.get(line_end + 4 + size..)?;
    }
}

/// True once `bytes` hold a whole response: its head and all of its body.
pub fn response_complete(bytes: &[u8]) -> bool {
    let Some(split) = bytes.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(bytes.get(..split).unwrap_or_default()).to_ascii_lowercase();
    let body = bytes.get(split + 4..).unwrap_or_default();
    let length = head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        (name.trim() == "content-length").then(|| value.trim().parse::<usize>().ok())?
    });
    match length {
        Some(n) => body.len() >= n,
        None if head.contains("chunked") => body.ends_with(b"0\r\n\r\n"),
        None => false,
    }
}

fn http_json(
    port: u16,
    method: &str,
    path: &str,
    body: Option<&Value>,
    timeout: Duration,
) -> Result<Value, Failure> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
        .map_err(|e| Failure::new(format!("chromedriver: {e}")))?;
    let _ = stream.set_read_timeout(Some(timeout));
    let payload = body.map(Value::to_string).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{payload}",
        payload.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| Failure::new(format!("chromedriver: {e}")))?;
    // chromedriver may keep the connection open: stop reading once the response is whole.
    let mut response = Vec::new();
    let mut buf = [0_u8; 16_384];
    while !response_complete(&response) {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => response.extend_from_slice(buf.get(..n).unwrap_or_default()),
            Err(e) => return Err(Failure::new(format!("chromedriver {method} {path}: {e}"))),
        }
    }
    let (status, body) = parse_http_response(&response).ok_or_else(|| {
        Failure::new(format!(
            "chromedriver {method} {path}: malformed HTTP response"
        ))
    })?;
    let value: Value = serde_json::from_slice(&body)
        .map_err(|e| Failure::new(format!("chromedriver {method} {path}: not JSON: {e}")))?;
    let value = value.get("value").cloned().unwrap_or(Value::Null);
    if status >= 400 || value.get("error").is_some() {
        let message = value
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("no message")
            .lines()
            .next()
            .unwrap_or_default()
            .to_string();
        let error = value
            .get("error")
            .and_then(Value::as_str)
            .unwrap_or("error");
        return Err(Failure::new(format!(
            "chromedriver {method} {path}: {error}: {message}"
        )));
    }
    Ok(value)
}

struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(chromedriver: &Path, log: &Path) -> Result<Driver, Failure> {
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|l| l.local_addr())
            .map_err(|e| Failure::new(format!("no free port: {e}")))?
            .port();
        if let Some(dir) = log.parent() {
            let _ = fs::create_dir_all(dir);
        }
        let file = fs::File::create(log).map_err(|e| Failure::new(e.to_string()))?;
        let err = file.try_clone().map_err(|e| Failure::new(e.to_string()))?;
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::from(file))
            .stderr(Stdio::from(err))
            .stdin(Stdio::null())
            .spawn()
            .map_err(|e| Failure::new(format!("cannot start chromedriver: {e}")))?;
        let driver = Driver { child, port };
        let ready = wait_for(Duration::from_secs(20), || {
            http_json(port, "GET", "/status", None, Duration::from_secs(2))
                .ok()
                .and_then(|v| v.get("ready").and_then(Value::as_bool))
                .filter(|r| *r)
        });
        ready.map(|_| driver).ok_or_else(|| {
            Failure::new(format!(
                "chromedriver did not become ready (log: {})",
                log.display()
            ))
        })
    }

    fn session(&self, chromium: &Path, profile: &Path) -> Result<Session, Failure> {
        let args = [
            "--headless".to_string(),
            "--no-sandbox".to_string(),
            "--disable-gpu".to_string(),
            "--disable-quic".to_string(),
            "--no-first-run".to_string(),
            "--disable-background-networking".to_string(),
            "--disable-component-update".to_string(),
            "--disable-sync".to_string(),
            "--enable-precise-memory-info".to_string(),
            "--window-size=1280,900".to_string(),
            format!("--user-data-dir={}", profile.display()),
        ];
        let body = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "timeouts": {"script": 600_000, "pageLoad": 60_000},
            "goog:chromeOptions": {"binary": chromium.to_string_lossy(), "args": args},
        }}});
        let value = http_json(
            self.port,
            "POST",
            "/session",
            Some(&body),
            Duration::from_secs(60),
        )?;
        let id = value
            .get("sessionId")
            .and_then(Value::as_str)
            .ok_or_else(|| Failure::new("chromedriver gave no session id"))?
            .to_string();
        Ok(Session {
            port: self.port,
            id,
            capabilities: value.get("capabilities").cloned().unwrap_or(Value::Null),
        })
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `check` until it gives a value or `limit` passes.
fn wait_for<T>(limit: Duration, mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let started = Instant::now();
    loop {
        if let Some(value) = check() {
            return Some(value);
        }
        if started.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

struct Session {
    port: u16,
    id: String,
    capabilities: Value,
}

impl Session {
    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, Failure> {
        let path = format!("/session/{}{path}", self.id);
        http_json(self.port, method, &path, body, Duration::from_secs(700))
    }

    fn goto(&self, url: &str) -> Result<(), Failure> {
        self.call("POST", "/url", Some(&json!({"url": url})))
            .map(|_| ())
    }

    fn script(&self, script: &str, args: Value) -> Result<Value, Failure> {
        self.call(
            "POST",
            "/execute/sync",
            Some(&json!({"script": script, "args": args})),
        )
    }

    fn async_script(&self, script: &str, args: Value) -> Result<Value, Failure> {
        self.call(
            "POST",
            "/execute/async",
            Some(&json!({"script": script, "args": args})),
        )
    }

    fn cdp(&self, cmd: &str, params: Value) -> Result<Value, Failure> {
        self.call(
            "POST",
            "/goog/cdp/execute",
            Some(&json!({"cmd": cmd, "params": params})),
        )
    }

    fn close(&self) {
        let _ = http_json(
            self.port,
            "DELETE",
            &format!("/session/{}", self.id),
            None,
            Duration::from_secs(20),
        );
    }
}

// ---------------------------------------------------------------------------------------
// In-page measurements

/// Waits in the page for first contentful paint and the ready mark; gives both start times.
const LOAD_SCRIPT: &str = r#"
const done = arguments[arguments.length - 1];
const started = Date.now();
(function check() {
  const ready = performance.getEntriesByName('nocontent-ready')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  if (ready && fcp) { done([fcp.startTime, ready.startTime]); }
  else if (Date.now() - started > 60000) { done(null); }
  else { setTimeout(check, 20); }
})();
"#;

/// Opens the header editor of the server answer and names header 1, so every edit of its
/// value is a real header the engine simulates and lints.
const EDITOR_SCRIPT: &str = r#"
const done = arguments[arguments.length - 1];
const value = '#answer input[aria-label="answer header 1 value"]';
const name = '#answer input[aria-label="answer header 1 name"]';
const frame = () => new Promise(r => requestAnimationFrame(r));
(async () => {
  try {
    if (!document.querySelector(value)) {
      const add = document.querySelector('#answer .headers button.secondary');
      if (!add) { done('no "Add header" button in #answer'); return; }
      add.click();
      const until = performance.now() + 10000;
      while (!document.querySelector(value)) {
        if (performance.now() > until) { done('no header 1 value input after "Add header"'); return; }
        await frame();
      }
    }
    const n = document.querySelector(name);
    if (n && !n.value) {
      n.value = 'Cache-Control';
      n.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText'}));
    }
    await frame(); await frame();
    done('ok');
  } catch (e) { done(String(e)); }
})();
"#;

/// Types `count` edits into header 1's value and gives the time from each input event (a
/// capture listener on the document, before the app's own) to the next animation frame, in
/// milliseconds. A person's keystroke lands anywhere between two frames, so each edit waits
/// for a frame and then 0 to 15 ms (a fixed spread, the same every run) before it is typed;
/// an edit typed inside a frame callback would always wait a whole frame for the next one.
/// Also gives the work alone: from the input event to a message task queued by it, which
/// runs once the event's handlers and the re-render (Yew renders in microtasks) are done.
const EDITS_SCRIPT: &str = r#"
const count = arguments[0];
const done = arguments[arguments.length - 1];
const selector = '#answer input[aria-label="answer header 1 value"]';
const text = 'no-store, max-age=0, must-revalidate, private';
const frame = () => new Promise(r => requestAnimationFrame(r));
const times = [];
const work = [];
const onInput = () => {
  const t0 = performance.now();
  requestAnimationFrame(() => times.push(performance.now() - t0));
  // A message task runs after the event and the microtasks in which Yew re-renders.
  const channel = new MessageChannel();
  channel.port1.onmessage = () => work.push(performance.now() - t0);
  channel.port2.postMessage(0);
};
document.addEventListener('input', onInput, true);
(async () => {
  try {
    for (let i = 0; i < count; i++) {
      const input = document.querySelector(selector);
      if (!input) { done({error: 'header 1 value input disappeared at edit ' + i}); return; }
      const length = (i % text.length) + 1;
      input.value = text.slice(0, length);
      input.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText', data: text[length - 1]}));
      await frame();
      await frame();
      await new Promise(r => setTimeout(r, (i * 7) % 16));
    }
    document.removeEventListener('input', onInput, true);
    done({times, work});
  } catch (e) { done({error: String(e)}); }
})();
"#;

/// Remembers the wasm instance's exports (with its `memory`) from trunk's start event.
const WASM_HOOK: &str = "addEventListener('TrunkApplicationStarted', (e) => { window.__benchWasm = e.detail && e.detail.wasm; });";

const MEMORY_SCRIPT: &str = r#"
const wasm = window.__benchWasm;
return [
  performance.memory ? performance.memory.usedJSHeapSize : null,
  wasm && wasm.memory ? wasm.memory.buffer.byteLength : null,
];
"#;

/// Median first contentful paint and ready time of one app at one CPU speed, in ms.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Load {
    pub fcp: f64,
    pub ready: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Keystrokes {
    /// From the input event to the next animation frame.
    pub p50: f64,
    pub p95: f64,
    pub max: f64,
    /// From the input event to the end of the app's work for it.
    pub work_p50: f64,
    pub work_p95: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Memory {
    pub heap_half: f64,
    pub heap_end: f64,
    pub wasm_half: f64,
    pub wasm_end: f64,
}

#[derive(Debug, Default)]
pub struct Figures {
    /// [app 1×, counter 1×, app 4×, counter 4×]
    pub loads: [Load; 4],
    /// [1×, 4×]
    pub keystrokes: [Keystrokes; 2],
    pub memory: Memory,
}

fn throttle(session: &Session, rate: f64) -> Result<(), Failure> {
    session
        .cdp("Emulation.setCPUThrottlingRate", json!({"rate": rate}))
        .map(|_| ())
}

fn load_once(session: &Session, url: &str) -> Result<Load, Failure> {
    session.goto("about:blank")?;
    session.goto(url)?;
    let value = session.async_script(LOAD_SCRIPT, json!([]))?;
    let pair = value.as_array().filter(|a| a.len() == 2).ok_or_else(|| {
        Failure::new(format!(
            "{url}: no first contentful paint and `nocontent-ready` mark within 60 s"
        ))
    })?;
    let number = |i: usize| pair.get(i).and_then(Value::as_f64).unwrap_or_default();
    Ok(Load {
        fcp: number(0),
        ready: number(1),
    })
}

/// Loads the app and the counter alternately, so drift in the machine affects both alike.
fn loads(session: &Session, options: &Options, urls: [&str; 2]) -> Result<[Load; 2], Failure> {
    let mut samples = [Vec::new(), Vec::new()];
    for _ in 0..options.loads {
        for (url, sample) in urls.iter().zip(samples.iter_mut()) {
            sample.push(load_once(session, url)?);
        }
    }
    let summary = |s: &Vec<Load>| Load {
        fcp: median(&s.iter().map(|l| l.fcp).collect::<Vec<_>>()).unwrap_or_default(),
        ready: median(&s.iter().map(|l| l.ready).collect::<Vec<_>>()).unwrap_or_default(),
    };
    Ok([summary(&samples[0]), summary(&samples[1])])
}

fn open_editor(session: &Session, app_url: &str) -> Result<(), Failure> {
    load_once(session, app_url)?;
    let answer = session.async_script(EDITOR_SCRIPT, json!([]))?;
    match answer.as_str() {
        Some("ok") => Ok(()),
        other => Err(Failure::new(format!(
            "could not open the header editor: {}",
            other.unwrap_or("no answer")
        ))),
    }
}

fn edits(session: &Session, count: usize) -> Result<(Vec<f64>, Vec<f64>), Failure> {
    let value = session.async_script(EDITS_SCRIPT, json!([count]))?;
    if let Some(error) = value.get("error").and_then(Value::as_str) {
        return Err(Failure::new(format!("edits in the header editor: {error}")));
    }
    let list = |key: &str| -> Vec<f64> {
        value
            .get(key)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default()
    };
    let (times, work) = (list("times"), list("work"));
    if times.len() != count || work.len() != count {
        return Err(Failure::new(format!(
            "edits in the header editor: {} of {count} reached a frame, {} finished their work",
            times.len(),
            work.len()
        )));
    }
    Ok((times, work))
}

fn keystrokes(session: &Session, app_url: &str, count: usize) -> Result<Keystrokes, Failure> {
    open_editor(session, app_url)?;
    let (times, work) = edits(session, count)?;
    Ok(Keystrokes {
        p50: percentile(&times, 50.0).unwrap_or_default(),
        p95: percentile(&times, 95.0).unwrap_or_default(),
        max: percentile(&times, 100.0).unwrap_or_default(),
        work_p50: percentile(&work, 50.0).unwrap_or_default(),
        work_p95: percentile(&work, 95.0).unwrap_or_default(),
    })
}

fn memory_now(session: &Session) -> Result<(f64, f64), Failure> {
    session.cdp("HeapProfiler.collectGarbage", json!({}))?;
    let value = session.script(MEMORY_SCRIPT, json!([]))?;
    let number = |i: usize| value.get(i).and_then(Value::as_f64);
    match (number(0), number(1)) {
        (Some(heap), Some(wasm)) => Ok((heap, wasm)),
        (None, _) => Err(Failure::new(
            "performance.memory is missing (Chromium without --enable-precise-memory-info?)",
        )),
        (_, None) => Err(Failure::new(
            "the wasm memory is unknown: no TrunkApplicationStarted event with the instance",
        )),
    }
}

fn measure_in_browser(
    session: &Session,
    options: &Options,
    app_url: &str,
    counter_url: &str,
) -> Result<Figures, Failure> {
    session.cdp("Page.enable", json!({}))?;
    // Every load is a first visit: no HTTP cache, no service worker answering from its cache.
    session.cdp("Network.enable", json!({}))?;
    session.cdp("Network.setCacheDisabled", json!({"cacheDisabled": true}))?;
    session.cdp("Network.setBypassServiceWorker", json!({"bypass": true}))?;
    session.cdp("HeapProfiler.enable", json!({}))?;
    session.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": WASM_HOOK}),
    )?;
    // One load first, so Chromium's own start-up work is not in the first sample.
    load_once(session, app_url)?;
    let mut figures = Figures::default();
    let urls = [app_url, counter_url];
    for (slot, rate) in [(0, 1.0), (1, THROTTLE)] {
        throttle(session, rate)?;
        let [app, counter] = Step::quick(
            &format!(
                "loaded the app and the counter {} times each at {rate}× CPU",
                options.loads
            ),
            || loads(session, options, urls),
        )?;
        figures.loads[slot * 2] = app;
        figures.loads[slot * 2 + 1] = counter;
        figures.keystrokes[slot] = Step::quick(
            &format!(
                "timed {} edits in the header editor at {rate}× CPU",
                options.edits
            ),
            || keystrokes(session, app_url, options.edits),
        )?;
    }
    throttle(session, 1.0)?;
    figures.memory = Step::quick(
        &format!("measured memory over {} edits", options.memory_edits),
        || {
            open_editor(session, app_url)?;
            edits(session, options.memory_edits / 2)?;
            let (heap_half, wasm_half) = memory_now(session)?;
            edits(session, options.memory_edits / 2)?;
            let (heap_end, wasm_end) = memory_now(session)?;
            Ok(Memory {
                heap_half,
                heap_end,
                wasm_half,
                wasm_end,
            })
        },
    )?;
    Ok(figures)
}

// ---------------------------------------------------------------------------------------
// The report: one table and its JSON

struct Report {
    browser: String,
    /// loads, edits, memory edits
    options: (usize, usize, usize),
    app_sizes: Sizes,
    counter_sizes: Sizes,
    figures: Figures,
}

/// Bytes as KB (1,000 bytes) with one decimal.
pub fn kb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1000.0)
}

fn verdict(met: bool) -> String {
    if met { "met" } else { "MISSED" }.to_string()
}

impl Report {
    fn load_ratios(&self) -> [(f64, f64); 2] {
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { f64::INFINITY };
        let l = &self.figures.loads;
        [
            (ratio(l[0].fcp, l[1].fcp), ratio(l[0].ready, l[1].ready)),
            (ratio(l[2].fcp, l[3].fcp), ratio(l[2].ready, l[3].ready)),
        ]
    }

    fn memory_growth(&self) -> (f64, f64) {
        let m = &self.figures.memory;
        (
            growth(m.heap_half, m.heap_end),
            growth(m.wasm_half, m.wasm_end),
        )
    }

    /// Each target with whether it is met, in table order.
    fn verdicts(&self) -> Vec<(&'static str, bool)> {
        let ratios = self.load_ratios();
        let (heap, wasm) = self.memory_growth();
        let k = &self.figures.keystrokes;
        vec![
            ("size", self.app_sizes.total().brotli <= SIZE_TARGET_BYTES),
            (
                "load 1×",
                ratios[0].0 <= LOAD_RATIO_TARGET && ratios[0].1 <= LOAD_RATIO_TARGET,
            ),
            (
                "load 4×",
                ratios[1].0 <= LOAD_RATIO_TARGET && ratios[1].1 <= LOAD_RATIO_TARGET,
            ),
            ("keystroke 1×", k[0].p95 <= KEYSTROKE_P95_TARGET_MS),
            (
                "keystroke 4×",
                k[1].p95 <= KEYSTROKE_P95_THROTTLED_TARGET_MS,
            ),
            (
                "memory",
                heap < MEMORY_GROWTH_TARGET && wasm < MEMORY_GROWTH_TARGET,
            ),
        ]
    }

    fn table(&self) -> String {
        let (loads, edits, memory_edits) = self.options;
        let mut rows: Vec<[String; 5]> = Vec::new();
        let size_cell = |s: Option<&Size>| {
            s.map(|s| format!("{} / {} / {}", kb(s.raw), kb(s.gzip), kb(s.brotli)))
                .unwrap_or_else(|| "-".into())
        };
        for kind in KINDS {
            rows.push([
                format!("{kind} KB raw / gzip / brotli"),
                size_cell(self.app_sizes.by_kind.get(kind)),
                size_cell(self.counter_sizes.by_kind.get(kind)),
                String::new(),
                String::new(),
            ]);
        }
        let (app_total, counter_total) = (self.app_sizes.total(), self.counter_sizes.total());
        rows.push([
            "total KB raw / gzip / brotli".into(),
            size_cell(Some(&app_total)),
            size_cell(Some(&counter_total)),
            format!("brotli ≤ {}", kb(SIZE_TARGET_BYTES)),
            verdict(app_total.brotli <= SIZE_TARGET_BYTES),
        ]);
        let ratios = self.load_ratios();
        let l = &self.figures.loads;
        for (i, speed) in ["1×", "4×"].iter().enumerate() {
            let (app, counter) = (l[i * 2], l[i * 2 + 1]);
            let (fcp_ratio, ready_ratio) = ratios[i];
            rows.push([
                format!("first contentful paint ms, {speed} CPU"),
                format!("{:.0}", app.fcp),
                format!("{:.0}", counter.fcp),
                format!("≤ {LOAD_RATIO_TARGET}× counter: {fcp_ratio:.2}×"),
                verdict(fcp_ratio <= LOAD_RATIO_TARGET),
            ]);
            rows.push([
                format!("app ready ms, {speed} CPU"),
                format!("{:.0}", app.ready),
                format!("{:.0}", counter.ready),
                format!("≤ {LOAD_RATIO_TARGET}× counter: {ready_ratio:.2}×"),
                verdict(ready_ratio <= LOAD_RATIO_TARGET),
            ]);
        }
        for (i, (speed, target)) in [
            ("1×", KEYSTROKE_P95_TARGET_MS),
            ("4×", KEYSTROKE_P95_THROTTLED_TARGET_MS),
        ]
        .iter()
        .enumerate()
        {
            let k = self.figures.keystrokes.get(i).copied().unwrap_or_default();
            rows.push([
                format!("keystroke ms p50 / p95 (max), {speed} CPU"),
                format!("{:.1} / {:.1} ({:.1})", k.p50, k.p95, k.max),
                "-".into(),
                format!("p95 ≤ {target:.0}"),
                verdict(k.p95 <= *target),
            ]);
            rows.push([
                format!("  of which app work ms p50 / p95, {speed} CPU"),
                format!("{:.1} / {:.1}", k.work_p50, k.work_p95),
                "-".into(),
                "(no target)".into(),
                String::new(),
            ]);
        }
        let m = &self.figures.memory;
        let (heap, wasm) = self.memory_growth();
        let mb = |b: f64| format!("{:.2}", b / 1_000_000.0);
        rows.push([
            format!("JS heap MB at edit {} → {memory_edits}", memory_edits / 2),
            format!(
                "{} → {} ({:+.1}%)",
                mb(m.heap_half),
                mb(m.heap_end),
                heap * 100.0
            ),
            "-".into(),
            format!("growth < {:.0}%", MEMORY_GROWTH_TARGET * 100.0),
            verdict(heap < MEMORY_GROWTH_TARGET),
        ]);
        rows.push([
            format!(
                "wasm memory MB at edit {} → {memory_edits}",
                memory_edits / 2
            ),
            format!(
                "{} → {} ({:+.1}%)",
                mb(m.wasm_half),
                mb(m.wasm_end),
                wasm * 100.0
            ),
            "-".into(),
            format!("growth < {:.0}%", MEMORY_GROWTH_TARGET * 100.0),
            verdict(wasm < MEMORY_GROWTH_TARGET),
        ]);
        let title = format!(
            "nocontent bench: release build, {}, localhost; loads are medians of {loads} cold loads; {edits} edits per keystroke row; 1 KB = 1,000 bytes",
            self.browser
        );
        format!(
            "{title}\n{}",
            render_table(
                &["measure", "nocontent", "counter app", "target", "verdict"],
                &rows
            )
        )
    }

    fn json(&self) -> Value {
        let sizes = |s: &Sizes| {
            let mut kinds = serde_json::Map::new();
            for (kind, size) in &s.by_kind {
                kinds.insert(
                    kind.to_string(),
                    json!({"raw": size.raw, "gzip": size.gzip, "brotli": size.brotli}),
                );
            }
            let t = s.total();
            json!({"files": s.files, "by_kind": kinds,
                   "total": {"raw": t.raw, "gzip": t.gzip, "brotli": t.brotli}})
        };
        let load = |l: Load| json!({"fcp_ms": l.fcp, "ready_ms": l.ready});
        let l = &self.figures.loads;
        let ratios = self.load_ratios();
        let k = &self.figures.keystrokes;
        let keys = |k: Keystrokes| {
            json!({"p50_ms": k.p50, "p95_ms": k.p95, "max_ms": k.max,
                   "work_p50_ms": k.work_p50, "work_p95_ms": k.work_p95})
        };
        let m = &self.figures.memory;
        let (heap, wasm) = self.memory_growth();
        let targets: serde_json::Map<String, Value> = self
            .verdicts()
            .into_iter()
            .map(|(name, met)| (name.to_string(), Value::Bool(met)))
            .collect();
        json!({
            "browser": self.browser,
            "unix_time": std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or_default(),
            "loads": self.options.0,
            "edits": self.options.1,
            "memory_edits": self.options.2,
            "sizes": {"app": sizes(&self.app_sizes), "counter": sizes(&self.counter_sizes)},
            "load": {
                "cpu_1x": {"app": load(l[0]), "counter": load(l[1]),
                           "fcp_ratio": ratios[0].0, "ready_ratio": ratios[0].1},
                "cpu_4x": {"app": load(l[2]), "counter": load(l[3]),
                           "fcp_ratio": ratios[1].0, "ready_ratio": ratios[1].1},
            },
            "keystroke": {"cpu_1x": keys(k[0]), "cpu_4x": keys(k[1])},
            "memory": {
                "js_heap_bytes": {"half": m.heap_half, "end": m.heap_end, "growth": heap},
                "wasm_memory_bytes": {"half": m.wasm_half, "end": m.wasm_end, "growth": wasm},
            },
            "targets_met": targets,
        })
    }
}

/// A plain-text table with a header rule; columns as wide as their widest cell.
pub fn render_table<const N: usize>(headers: &[&str; N], rows: &[[String; N]]) -> String {
    let mut widths = headers.map(|h| h.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        format!("| {} |", padded.join(" | ")).trim_end().to_string()
    };
    let mut out = vec![line(headers.to_vec())];
    out.push(format!(
        "|{}|",
        widths
            .iter()
            .map(|w| "-".repeat(w + 2))
            .collect::<Vec<_>>()
            .join("|")
    ));
    for row in rows {
        out.push(line(row.iter().map(String::as_str).collect()));
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_percentiles() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        let hundred: Vec<f64> = (1..=100).rev().map(f64::from).collect();
        assert_eq!(percentile(&hundred, 50.0), Some(50.0));
        assert_eq!(percentile(&hundred, 95.0), Some(95.0));
        assert_eq!(percentile(&hundred, 100.0), Some(100.0));
        assert_eq!(percentile(&[7.0], 95.0), Some(7.0));
        assert_eq!(percentile(&[], 95.0), None);
        let two_hundred: Vec<f64> = (1..=200).map(f64::from).collect();
        assert_eq!(percentile(&two_hundred, 95.0), Some(190.0));
        assert!((growth(100.0, 104.0) - 0.04).abs() < 1e-9);
        assert_eq!(growth(0.0, 5.0), 0.0);
    }

    #[test]
    fn tables_line_up() {
        let table = render_table(
            &["measure", "value"],
            &[
                ["wasm".to_string(), "176.0".to_string()],
                ["ready 4×".to_string(), "1".to_string()],
            ],
        );
        assert_eq!(
            table,
            "| measure  | value |\n|----------|-------|\n| wasm     | 176.0 |\n| ready 4× | 1     |"
        );
        assert_eq!(kb(176_049), "176.0");
    }

    #[test]
    fn counts_only_what_the_page_loads() {
        let names: Vec<String> = [
            "index.html",
            "app-1.js",
            "app-1_bg.wasm",
            "style.css",
            "embed-host.js",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let index = r#"<link rel="stylesheet" href="./style.css"><script type="module">import init from './app-1.js'; await init({ module_or_path: './app-1_bg.wasm' });</script>"#;
        assert_eq!(
            loaded_files(index, &names),
            vec!["app-1.js", "app-1_bg.wasm", "index.html", "style.css"]
        );
        assert_eq!(kind_of("app-1_bg.wasm"), Some("wasm"));
        assert_eq!(kind_of("notes.txt"), None);
    }

    #[test]
    fn compresses_and_serves() {
        let text = "no content ".repeat(200);
        let size = compressed(text.as_bytes()).unwrap_or_default();
        assert_eq!(size.raw, 2_200);
        assert!(size.gzip < 100 && size.brotli < 100, "{size:?}");
        let routes = vec![("/app/".to_string(), PathBuf::from("/d"))];
        assert_eq!(
            resolve(&routes, "/app/"),
            Some(PathBuf::from("/d/index.html"))
        );
        assert_eq!(
            resolve(&routes, "/app/?x=1"),
            Some(PathBuf::from("/d/index.html"))
        );
        assert_eq!(
            resolve(&routes, "/app/a.wasm"),
            Some(PathBuf::from("/d/a.wasm"))
        );
        assert_eq!(resolve(&routes, "/app/../secret"), None);
        assert_eq!(resolve(&routes, "/other/"), None);
        assert_eq!(content_type("x_bg.wasm"), "application/wasm");
    }

    #[test]
    fn reads_http_responses() {
        let plain = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
        assert_eq!(parse_http_response(plain), Some((200, b"{}".to_vec())));
        let chunked = b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n";
        assert_eq!(
            parse_http_response(chunked),
            Some((404, b"{\"a\":1}".to_vec()))
        );
        assert_eq!(parse_http_response(b"HTTP/1.1 200"), None);
        assert!(response_complete(
            b"HTTP/1.1 200 OK\r\nContent-Length:2\r\n\r\n{}"
        ));
        assert!(!response_complete(
            b"HTTP/1.1 200 OK\r\nContent-Length:3\r\n\r\n{}"
        ));
        assert!(response_complete(chunked));
        assert!(!response_complete(b"HTTP/1.1 200 OK\r\n"));
    }

    #[test]
    fn parses_options() {
        let args: Vec<String> = ["--loads", "3", "--edits", "20"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let options = parse_args(&args).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (options.loads, options.edits, options.memory_edits),
            (3, 20, 1_000)
        );
        assert!(parse_args(&["--loads".to_string(), "0".to_string()]).is_err());
        assert!(parse_args(&["--memory-edits".to_string(), "3".to_string()]).is_err());
    }
}
