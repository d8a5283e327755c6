//! Shared plumbing for the browser tests: a static file server for `dist/` and a headless
//! Chromium session driven through chromedriver.
//!
//! The tests wait on conditions (an element appearing, a text changing) with a deadline; they
//! never sleep for a fixed time and hope.

#![allow(dead_code)]

pub mod raw;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

/// How long any single condition may take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// The built app, as produced by `cargo xtask dist` (set by `cargo xtask test`).
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("NOCONTENT_DIST").map(PathBuf::from).unwrap_or_else(|| {
        panic!("NOCONTENT_DIST is not set: run the browser tests with `cargo xtask test`, which builds dist/ first")
    });
    assert!(
        dir.join("index.html").is_file(),
        "{} has no index.html: run `cargo xtask dist`",
        dir.display()
    );
    dir
}

/// A tiny HTTP/1.1 file server on a loopback port, one thread per connection.
pub struct StaticServer {
    pub port: u16,
}

/// Extra response headers for a request path; a `Content-Type` among them replaces the one
/// the file's extension gives.
pub type Tweak = fn(&str) -> Vec<(&'static str, &'static str)>;

impl StaticServer {
    /// Serves `root` at `http://127.0.0.1:PORT/` (and, identically, under any `mount` prefix).
    pub fn start(root: PathBuf, mount: &'static str) -> StaticServer {
        StaticServer::start_with(root, mount, |_| Vec::new())
    }

    /// Like [`StaticServer::start`], with headers chosen per path by `tweak`.
    pub fn start_with(root: PathBuf, mount: &'static str, tweak: Tweak) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().expect("local address").port();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = root.clone();
                std::thread::spawn(move || serve_connection(stream, &root, mount, tweak));
            }
        });
        StaticServer { port }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, path)
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

fn serve_connection(stream: TcpStream, root: &Path, mount: &str, tweak: Tweak) {
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut stream = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut content_length = 0usize;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            if header == "\r\n" || header == "\n" {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    content_length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut sink = vec![0; content_length];
        if reader.read_exact(&mut sink).is_err() {
            return;
        }
        let target = request_line.split_whitespace().nth(1).unwrap_or("/");
        let path = target.split(['?', '#']).next().unwrap_or("/");
        let path = path
            .strip_prefix(mount)
            .map(|p| format!("/{p}"))
            .unwrap_or_else(|| path.to_string());
        let (status, body, kind) = match resolve(root, &path) {
            Some(file) => match std::fs::read(&file) {
                Ok(bytes) => ("200 OK", bytes, content_type(&file)),
                Err(_) => ("404 Not Found", b"not found".to_vec(), "text/plain"),
            },
            None => ("404 Not Found", b"not found".to_vec(), "text/plain"),
        };
        let extra = tweak(&path);
        let kind = extra
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
            .map(|(_, value)| *value)
            .unwrap_or(kind);
        let mut head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n",
            body.len()
        );
        for (name, value) in extra
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("content-type"))
        {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        if stream
            .write_all(head.as_bytes())
            .and_then(|_| stream.write_all(&body))
            .is_err()
        {
            return;
        }
    }
}

/// Maps a URL path to a file below `root`, refusing anything that climbs out of it.
fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = root.join(relative);
    if path.ends_with('/') || file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

/// One headless Chromium, driven through its own chromedriver.
pub struct Browser {
    pub client: Client,
    driver: tokio::process::Child,
    profile: PathBuf,
}

const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
];

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl Browser {
    pub async fn start() -> Browser {
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
        let port = free_port();
        let driver = tokio::process::Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {chromedriver}: {e}"));
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let profile = std::env::temp_dir().join(format!(
            "nocontent-chromium-{}-{}-profile",
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
        ));
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": chromium, "args": args },
        });
        let caps = match caps {
            Value::Object(map) => map,
            _ => unreachable!("built as an object above"),
        };
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            let attempt = ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await;
            match attempt {
                Ok(client) => break client,
                Err(e) if started.elapsed() > PATIENCE => {
                    panic!("chromedriver did not answer at {url}: {e}")
                }
                // chromedriver is still starting up: ask again shortly.
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        Browser {
            client,
            driver,
            profile,
        }
    }

    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    /// Waits until an element matching `css` exists and returns its text.
    pub async fn text_of(&self, css: &str) -> String {
        let element = self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element `{css}` appeared: {e}"));
        element
            .text()
            .await
            .unwrap_or_else(|e| panic!("cannot read text of `{css}`: {e}"))
    }

    /// Opens the app at `url` and waits for its first render (the default 204 answer).
    pub async fn open_app(&self, url: &str) {
        self.goto(url).await;
        self.wait_for_text("#status-line", "the first render", |t| t.contains("204"))
            .await;
    }

    /// Waits until the text of the first element matching `css` satisfies `ok`; returns it.
    pub async fn wait_for_text(&self, css: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        let mut last = String::new();
        while started.elapsed() < PATIENCE {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = element.text().await {
                    if ok(&text) {
                        return text;
                    }
                    last = text;
                }
            }
            // Poll again shortly: the condition is re-checked, not assumed.
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("`{css}` never showed {what}; last text: {last:?}");
    }

    /// Clicks the first element matching `css`, waiting for it to exist.
    pub async fn click(&self, css: &str) {
        let element = self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element `{css}` to click: {e}"));
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click `{css}`: {e}"));
    }

    /// Types into the first element matching `css` (after clearing it when `clear`).
    pub async fn type_into(&self, css: &str, text: &str, clear: bool) {
        let element = self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element `{css}` to type into: {e}"));
        if clear {
            element
                .clear()
                .await
                .unwrap_or_else(|e| panic!("cannot clear `{css}`: {e}"));
        }
        element
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into `{css}`: {e}"));
    }

    /// The value property of an input.
    pub async fn value_of(&self, css: &str) -> String {
        let script = format!("return document.querySelector({css:?}).value;");
        self.eval(&script)
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Evaluates a script expression (`return …;`) and returns its JSON value.
    pub async fn eval(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {script}: {e}"))
    }

    /// Ends the session and the browser; call at the end of every test.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill().await;
        kill_by_profile(&self.profile);
    }
}

/// Ends every process started with this profile directory, then removes it. chromedriver
/// does not outlive its test (kill_on_drop), but the Chromium it started would: a test that
/// fails before `close()` must not leave a browser running.
fn kill_by_profile(profile: &Path) {
    // "--" ends pkill's options: the pattern itself starts with dashes.
    let _ = std::process::Command::new("pkill")
        .args(["-f", "--"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .status();
    let _ = std::fs::remove_dir_all(profile);
}

impl Drop for Browser {
    fn drop(&mut self) {
        kill_by_profile(&self.profile);
    }
}

// ---- hosting and embedding helpers (tests/hosting.rs, tests/embed.rs) ----

/// A fresh, empty temporary folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "nocontent-{name}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// Copies the files of `from` (recursively) into `to`, creating `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    for entry in
        std::fs::read_dir(from).unwrap_or_else(|e| panic!("cannot list {}: {e}", from.display()))
    {
        let entry = entry.expect("a directory entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("cannot copy {}: {e}", entry.path().display()));
        }
    }
}

/// `python3 -m http.server` serving `root` on a loopback port: the plainest static host.
/// Stopped when dropped.
pub struct PythonServer {
    pub port: u16,
    child: std::process::Child,
}

impl PythonServer {
    pub fn start(root: &Path) -> PythonServer {
        let port = free_port();
        let child = std::process::Command::new("python3")
            .args([
                "-m",
                "http.server",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--directory",
            ])
            .arg(root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start python3 -m http.server: {e}"));
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < PATIENCE,
                "python3 -m http.server never listened on {port}"
            );
            // Python is still starting: ask again shortly.
            std::thread::sleep(Duration::from_millis(50));
        }
        PythonServer { port, child }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, path)
    }
}

impl Drop for PythonServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    /// Waits until a script's JSON result satisfies `ok`; returns it.
    pub async fn wait_for_eval(
        &self,
        script: &str,
        what: &str,
        ok: impl Fn(&Value) -> bool,
    ) -> Value {
        let started = Instant::now();
        let mut last = Value::Null;
        while started.elapsed() < PATIENCE {
            let value = self.eval(script).await;
            if ok(&value) {
                return value;
            }
            last = value;
            // Poll again shortly: the condition is re-checked, not assumed.
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{what} never happened; last value of `{script}`: {last}");
    }

    /// Fails when a JavaScript dialog (alert, confirm, prompt) is open.
    pub async fn assert_no_dialog(&self, context: &str) {
        if let Ok(text) = self.client.get_alert_text().await {
            panic!("{context}: a dialog opened with {text:?}");
        }
    }

    /// Opens `url` as a new document, even when it differs from the current one only in its
    /// fragment (which would otherwise be a same-document navigation).
    pub async fn open_fresh(&self, url: &str) {
        self.goto("about:blank").await;
        self.goto(url).await;
    }
}

impl Browser {
    /// Runs an asynchronous script (its last argument is the callback) and returns its value.
    pub async fn eval_async(&self, script: &str) -> Value {
        self.client
            .execute_async(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("async script failed: {script}: {e}"))
    }

    /// Switches into the iframe matching `css`, waiting for it to exist.
    pub async fn enter_frame(&self, css: &str) {
        let frame = self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no frame `{css}`: {e}"));
        frame
            .enter_frame()
            .await
            .unwrap_or_else(|e| panic!("cannot enter frame `{css}`: {e}"));
    }

    /// Switches back to the parent document.
    pub async fn leave_frame(&self) {
        self.client
            .enter_parent_frame()
            .await
            .unwrap_or_else(|e| panic!("cannot return to the top document: {e}"));
    }
}
