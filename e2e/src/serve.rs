//! The one static file server: folders served on a loopback port, one thread per connection,
//! kept alive, never cached (every response says `Cache-Control: no-store`, so a test always
//! sees the files of this build).
//!
//! Requests are read with `httparse`; a path that climbs out of its folder is a 404. A test can
//! add response headers per path (a [`Tweak`]), the way a host's configuration would.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::error::{Context, Error};

/// Extra response headers for a request path (without its query), on every answer to it, a
/// 404 included; a `Content-Type` among them replaces the one the file's extension gives.
pub type Tweak = fn(&str) -> Vec<(&'static str, &'static str)>;

fn no_tweak(_: &str) -> Vec<(&'static str, &'static str)> {
    Vec::new()
}

/// Folders served under URL prefixes on `http://127.0.0.1:PORT`.
pub struct StaticServer {
    pub port: u16,
    stopping: Arc<AtomicBool>,
}

impl StaticServer {
    /// Serves each folder under its prefix (`"/"`, `"/app/"`, …); the longest matching prefix
    /// wins.
    pub fn start(mounts: Vec<(String, PathBuf)>) -> Result<StaticServer, Error> {
        StaticServer::start_with(mounts, no_tweak)
    }

    /// Like [`StaticServer::start`], with headers added per path by `tweak`.
    pub fn start_with(mounts: Vec<(String, PathBuf)>, tweak: Tweak) -> Result<StaticServer, Error> {
        let listener = TcpListener::bind("127.0.0.1:0").context("cannot bind a loopback port")?;
        let port = listener
            .local_addr()
            .context("cannot read the local address")?
            .port();
        let mut mounts = mounts;
        mounts.sort_by_key(|(prefix, _)| std::cmp::Reverse(prefix.len()));
        let mounts = Arc::new(mounts);
        let stopping = Arc::new(AtomicBool::new(false));
        let stop = stopping.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if stop.load(Ordering::SeqCst) {
                    return;
                }
                let mounts = mounts.clone();
                std::thread::spawn(move || serve_connection(stream, &mounts, tweak));
            }
        });
        Ok(StaticServer { port, stopping })
    }

    /// Serves `root` at `/` and, identically, under `mount` (such as `/nocontent/`), the way a
    /// project page is hosted below a path.
    pub fn with_mount(root: PathBuf, mount: &str) -> Result<StaticServer, Error> {
        StaticServer::start(mounted(root, mount))
    }

    /// Serves `root` at `/` with headers added per path by `tweak`.
    pub fn tweaked(root: PathBuf, tweak: Tweak) -> Result<StaticServer, Error> {
        StaticServer::start_with(mounted(root, "/"), tweak)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, path)
    }
}

/// `root` at `/` and, when `mount` is another path, under it as well.
fn mounted(root: PathBuf, mount: &str) -> Vec<(String, PathBuf)> {
    let mut mounts = vec![("/".to_string(), root.clone())];
    if mount != "/" {
        let mount = format!("/{}/", mount.trim_matches('/'));
        mounts.push((mount, root));
    }
    mounts
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the accepting thread so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// The Content-Type for a file, by extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt") | Some("md") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Maps a URL path to a file below one mount, refusing anything that climbs out of it.
pub fn resolve(mounts: &[(String, PathBuf)], path: &str) -> Option<PathBuf> {
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let (prefix, root) = mounts
        .iter()
        .find(|(prefix, _)| path.starts_with(prefix.as_str()) || format!("{path}/") == *prefix)?;
    let rest = path.get(prefix.len()..).unwrap_or_default();
    let relative = Path::new(rest.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = root.join(relative);
    if rest.is_empty() || rest.ends_with('/') || file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

/// One request head, read with httparse; `None` when the connection ended or is not HTTP.
fn read_head(reader: &mut BufReader<TcpStream>) -> Option<(String, String, usize)> {
    let mut head = Vec::new();
    loop {
        let before = head.len();
        if reader.read_until(b'\n', &mut head).ok()? == 0 {
            return None;
        }
        // Stray empty lines before a request line are allowed (RFC 9112 §2.2).
        if head == b"\r\n" || head == b"\n" {
            head.clear();
            continue;
        }
        if head.len() > 64 * 1024 {
            return None;
        }
        let line = head.get(before..).unwrap_or_default();
        if line == b"\r\n" || line == b"\n" {
            break;
        }
    }
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut request = httparse::Request::new(&mut headers);
    request.parse(&head).ok()?;
    let length = request
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-length"))
        .and_then(|h| std::str::from_utf8(h.value).ok()?.trim().parse().ok())
        .unwrap_or(0);
    Some((
        request.method?.to_string(),
        request.path?.to_string(),
        length,
    ))
}

fn serve_connection(stream: TcpStream, mounts: &[(String, PathBuf)], tweak: Tweak) {
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut stream = stream;
    while let Some((method, target, length)) = read_head(&mut reader) {
        let mut sink = vec![0; length];
        if reader.read_exact(&mut sink).is_err() {
            return;
        }
        let (status, body, kind) = match resolve(mounts, &target) {
            Some(file) => match std::fs::read(&file) {
                Ok(bytes) => ("200 OK", bytes, content_type(&file)),
                Err(_) => ("404 Not Found", b"not found".to_vec(), "text/plain"),
            },
            None => ("404 Not Found", b"not found".to_vec(), "text/plain"),
        };
        let path = target.split(['?', '#']).next().unwrap_or("/");
        let extra = tweak(path);
        let kind = extra
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
            .map_or(kind, |(_, value)| *value);
        let mut head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n",
            body.len()
        );
        for (name, value) in extra
            .iter()
            .filter(|(name, _)| !name.eq_ignore_ascii_case("content-type"))
        {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let body: &[u8] = if method == "HEAD" { &[] } else { &body };
        if stream
            .write_all(head.as_bytes())
            .and_then(|_| stream.write_all(body))
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(port: u16, request: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        stream.shutdown(std::net::Shutdown::Write).unwrap();
        let mut text = String::new();
        stream.read_to_string(&mut text).unwrap();
        text
    }

    #[test]
    fn serves_files_under_their_mounts_and_nothing_outside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "<p>home</p>").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub").join("app.wasm"), [0, 97, 115, 109]).unwrap();
        let server = StaticServer::with_mount(dir.path().to_path_buf(), "/nocontent/").unwrap();

        let home = get(server.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(home.starts_with("HTTP/1.1 200 OK\r\n"), "{home}");
        assert!(home.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assert!(home.contains("Cache-Control: no-store\r\n"));
        assert!(home.ends_with("\r\n\r\n<p>home</p>"));

        let mounted = get(
            server.port,
            "GET /nocontent/sub/app.wasm?v=1 HTTP/1.1\r\n\r\n",
        );
        assert!(
            mounted.contains("Content-Type: application/wasm\r\n"),
            "{mounted}"
        );
        assert!(mounted.contains("Content-Length: 4\r\n"));
        let bare = get(server.port, "GET /nocontent HTTP/1.1\r\n\r\n");
        assert!(bare.ends_with("<p>home</p>"), "{bare}");

        let head = get(server.port, "HEAD / HTTP/1.1\r\n\r\n");
        assert!(head.contains("Content-Length: 11\r\n") && head.ends_with("\r\n\r\n"));

        for climbing in ["/../Cargo.toml", "/sub/../../etc/passwd", "/missing.js"] {
            let reply = get(server.port, &format!("GET {climbing} HTTP/1.1\r\n\r\n"));
            assert!(reply.starts_with("HTTP/1.1 404"), "{climbing}: {reply}");
        }
    }

    #[test]
    fn keeps_the_connection_for_the_next_request() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "A").unwrap();
        let server = StaticServer::start(vec![("/".into(), dir.path().to_path_buf())]).unwrap();
        let both = get(
            server.port,
            "GET /a.txt HTTP/1.1\r\n\r\nPOST /a.txt HTTP/1.1\r\nContent-Length: 2\r\n\r\nxyGET /a.txt HTTP/1.1\r\n\r\n",
        );
        assert_eq!(both.matches("HTTP/1.1 200 OK").count(), 3, "{both}");
    }

    #[test]
    fn tweaks_add_headers_per_path_and_replace_the_type() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("app.wasm"), [0, 97, 115, 109]).unwrap();
        std::fs::write(dir.path().join("index.html"), "<p>home</p>").unwrap();
        let server = StaticServer::tweaked(dir.path().to_path_buf(), |path| match path {
            "/app.wasm" => vec![("Content-Type", "application/octet-stream")],
            "/clear" => vec![("Clear-Site-Data", "\"storage\"")],
            _ => Vec::new(),
        })
        .unwrap();
        let wasm = get(server.port, "GET /app.wasm?v=2 HTTP/1.1\r\n\r\n");
        assert!(
            wasm.contains("Content-Type: application/octet-stream\r\n"),
            "{wasm}"
        );
        assert_eq!(wasm.matches("Content-Type").count(), 1, "{wasm}");
        let clear = get(server.port, "GET /clear HTTP/1.1\r\n\r\n");
        assert!(clear.starts_with("HTTP/1.1 404"), "{clear}");
        assert!(
            clear.contains("Clear-Site-Data: \"storage\"\r\n"),
            "{clear}"
        );
        let home = get(server.port, "GET / HTTP/1.1\r\n\r\n");
        assert!(!home.contains("Clear-Site-Data"), "{home}");
        assert!(home.contains("Content-Type: text/html; charset=utf-8\r\n"));
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(
            content_type(Path::new("x.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.css")), "text/css; charset=utf-8");
        assert_eq!(content_type(Path::new("x")), "application/octet-stream");
    }
}
