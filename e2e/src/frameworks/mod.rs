//! The framework runner: real server frameworks (Express 5, Flask, Django REST framework,
//! FastAPI on uvicorn, axum, actix-web, Go's net/http) each started on loopback with one
//! idiomatic handler that answers every catalog scenario with its status, headers and body.
//! A plain TCP client ([`capture`]) sends the scenario's request and keeps the exact bytes that
//! came back; [`diff`] reads them with the engine's reader and lists what the framework
//! changed; the app's own log between two scenarios says what it warned about or refused.
//!
//! The apps live in `e2e/frameworks/<framework>/`; each prints `READY {"port", "version"}`
//! once it listens and `MARK <id>` when asked for `/mark/<id>`, which is how a log line is
//! tied to the scenario before it without waiting on a clock.

pub mod capture;
pub mod compare;
pub mod diff;
pub mod report;

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::error::{Context, Error};
use crate::install::{self, e2e_dir};
use crate::observe::Case;
use crate::process::Group;
use capture::{Captured, Ended, Patience};
use diff::{Change, Handed, Read};

/// The frameworks measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Framework {
    Express,
    Flask,
    Drf,
    Fastapi,
    Axum,
    ActixWeb,
    GoNetHttp,
}

impl Framework {
    pub const ALL: [Framework; 7] = [
        Framework::Express,
        Framework::Flask,
        Framework::Drf,
        Framework::Fastapi,
        Framework::Axum,
        Framework::ActixWeb,
        Framework::GoNetHttp,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Framework::Express => "express",
            Framework::Flask => "flask",
            Framework::Drf => "drf",
            Framework::Fastapi => "fastapi",
            Framework::Axum => "axum",
            Framework::ActixWeb => "actix_web",
            Framework::GoNetHttp => "go_net_http",
        }
    }

    pub fn parse(key: &str) -> Option<Framework> {
        Framework::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The command that starts the app with the answers file.
    fn command(self, answers: &Path) -> Result<Command, Error> {
        let dir = e2e_dir().join("frameworks");
        let python = |script: &str| -> Result<Command, Error> {
            let mut command = Command::new(install::frameworks_python()?);
            command.current_dir(dir.join("python")).arg(script);
            Ok(command)
        };
        let mut command = match self {
            Framework::Express => {
                let mut command = Command::new("node");
                command.current_dir(dir.join("express")).arg("app.mjs");
                command
            }
            Framework::Flask => python("flask_app.py")?,
            Framework::Drf => python("drf_app.py")?,
            Framework::Fastapi => python("fastapi_app.py")?,
            Framework::Axum => Command::new(install::rust_target_dir().join("release/axum-app")),
            Framework::ActixWeb => {
                Command::new(install::rust_target_dir().join("release/actix-app"))
            }
            Framework::GoNetHttp => Command::new(install::go_binary()),
        };
        command.arg(answers);
        Ok(command)
    }

    /// The version the Rust apps are built with, from their lock file (the apps cannot print
    /// their dependencies' versions themselves).
    fn locked_version(self) -> Option<String> {
        let (name, under) = match self {
            Framework::Axum => ("axum", "hyper"),
            Framework::ActixWeb => ("actix-web", "actix-http"),
            _ => return None,
        };
        let lock = std::fs::read_to_string(e2e_dir().join("frameworks/rust/Cargo.lock")).ok()?;
        let version = |package: &str| {
            let mut lines = lock.lines();
            lines.find(|l| *l == format!("name = \"{package}\""))?;
            lines
                .next()?
                .strip_prefix("version = \"")?
                .strip_suffix('"')
                .map(str::to_string)
        };
        Some(format!(
            "{name} {} ({under} {})",
            version(name)?,
            version(under)?
        ))
    }
}

/// The `READY` line an app prints.
#[derive(Deserialize)]
struct ReadyLine {
    port: u16,
    version: String,
}

/// A running app, ended with its process group when dropped.
pub struct App {
    pub framework: Framework,
    pub port: u16,
    pub version: String,
    log: PathBuf,
    /// How much of the log has been handed out already.
    read: usize,
    _group: Group,
    _dir: tempfile::TempDir,
}

/// How long an app may take to start listening (Django and FastAPI import a lot).
const START_PATIENCE: Duration = Duration::from_secs(60);

/// How long a `MARK` line may take to appear in the log.
const MARK_PATIENCE: Duration = Duration::from_secs(10);

impl App {
    /// Starts `framework` with these answers and waits for its `READY` line.
    pub fn start(framework: Framework, answers: &[(String, Handed)]) -> Result<App, Error> {
        let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
        let answers_path = dir.path().join("answers.json");
        let map: serde_json::Map<String, serde_json::Value> = answers
            .iter()
            .map(|(id, h)| (id.clone(), serde_json::to_value(h).unwrap_or_default()))
            .collect();
        std::fs::write(&answers_path, serde_json::Value::Object(map).to_string())
            .context("cannot write the answers file")?;
        let log = dir.path().join("app.log");
        let file = std::fs::File::create(&log).context("cannot create the app's log")?;
        let err = file.try_clone().context("cannot share the app's log")?;
        let mut command = framework.command(&answers_path)?;
        command
            .stdin(Stdio::null())
            .stdout(file)
            .stderr(err)
            .env("PYTHONUNBUFFERED", "1");
        let mut group = Group::spawn(command, framework.key())?;
        let deadline = Instant::now() + START_PATIENCE;
        let ready = loop {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if let Some(line) = text.lines().find_map(|l| l.strip_prefix("READY ")) {
                break serde_json::from_str::<ReadyLine>(line)
                    .context(format!("{} printed a bad READY line", framework.key()))?;
            }
            if let Some(status) = group.exited() {
                return Err(Error::new(format!(
                    "{} exited ({status}) before listening: {}",
                    framework.key(),
                    text.trim()
                )));
            }
            if Instant::now() >= deadline {
                return Err(Error::new(format!(
                    "{} did not listen within {} s: {}",
                    framework.key(),
                    START_PATIENCE.as_secs(),
                    text.trim()
                )));
            }
            // Still starting: look again shortly.
            std::thread::sleep(Duration::from_millis(20));
        };
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        let read = text.find("READY ").map_or(0, |at| {
            at + text[at..].find('\n').map_or(text.len() - at, |n| n + 1)
        });
        let version = framework.locked_version().unwrap_or(ready.version);
        let mut app = App {
            framework,
            port: ready.port,
            version,
            log,
            read,
            _group: group,
            _dir: dir,
        };
        // What the app logs while starting (uvicorn's start-up lines) belongs to no scenario.
        app.mark("started")?;
        Ok(app)
    }

    pub fn connect(&self) -> std::io::Result<TcpStream> {
        TcpStream::connect(("127.0.0.1", self.port))
    }

    /// Asks for `/mark/<id>` and returns every log line written since the last mark.
    pub fn mark(&mut self, id: &str) -> Result<Vec<String>, Error> {
        let mut stream = self.connect().context("cannot reach the app for a mark")?;
        let request =
            format!("GET /mark/{id} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        capture::exchange(&mut stream, request.as_bytes(), "GET", Patience::default())
            .context("the mark request failed")?;
        let wanted = format!("MARK {id}");
        let deadline = Instant::now() + MARK_PATIENCE;
        loop {
            let text = std::fs::read_to_string(&self.log).unwrap_or_default();
            let fresh = text.get(self.read..).unwrap_or_default();
            if let Some(at) = fresh.lines().position(|l| l == wanted) {
                let lines: Vec<String> = fresh.lines().take(at).map(str::to_string).collect();
                let consumed: usize = fresh.lines().take(at + 1).map(|l| l.len() + 1).sum();
                self.read += consumed;
                return Ok(lines);
            }
            if Instant::now() >= deadline {
                return Err(Error::new(format!(
                    "{} never logged {wanted:?}",
                    self.framework.key()
                )));
            }
            // The line is on its way: look again shortly.
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// What the follow-up request on the same connection met.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "next")]
pub enum Next {
    /// The server had closed the connection; nothing was sent.
    Closed,
    /// The follow-up got a readable response with this status, read from the bytes the first
    /// response left over (if any) followed by what came back.
    Answered { status: u16 },
    /// What came back does not read as a response.
    Unreadable { error: String, wire: String },
    /// Nothing came back.
    NoAnswer { ended: Ended },
}

/// One scenario through one framework.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    /// The request line's method as sent.
    pub method: String,
    /// The request bytes as sent.
    pub request: String,
    pub handed: Handed,
    pub captured: Captured,
    /// The response as read back, when it reads.
    pub read: Option<Read>,
    pub read_error: Option<String>,
    pub changes: Vec<Change>,
    /// What the app logged while answering.
    pub log: Vec<String>,
    pub next: Next,
    /// The engine's as-written bytes for the same scenario, for comparison.
    pub engine_wire: String,
}

/// One framework's run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkRun {
    pub framework: Framework,
    pub version: String,
    pub records: Vec<Record>,
    /// Why the app could not be started or measured, if it could not.
    pub failure: Option<String>,
}

/// Every framework's run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworksFile {
    pub measured: String,
    pub runs: Vec<FrameworkRun>,
}

/// The answer a handler is given for a case: as the scenario composed it.
pub fn handed(case: &Case) -> Handed {
    let answer = &case.scenario.answer;
    Handed {
        status: answer.status,
        headers: answer.headers.clone(),
        body: answer.body.clone(),
    }
}

/// The engine's request bytes for `case` (for a preflight, the OPTIONS), sent to `/s/<id>`.
pub fn request_bytes(case: &Case) -> String {
    let wire = &case.exchange.request.wire;
    let (line, rest) = wire.split_once("\r\n").unwrap_or((wire, ""));
    let mut parts = line.splitn(3, ' ');
    let method = parts.next().unwrap_or("GET");
    let _target = parts.next();
    let version = parts.next().unwrap_or("HTTP/1.1");
    format!("{method} /s/{} {version}\r\n{rest}", case.id)
}

fn method_of(request: &str) -> String {
    request.split(' ').next().unwrap_or("GET").to_string()
}

/// What a client reading the connection makes of the follow-up's answer: the first
/// response's leftover bytes, then what came back.
pub fn next_from(leftover: &str, came: &Captured) -> Next {
    if came.wire.is_empty() {
        return Next::NoAnswer { ended: came.ended };
    }
    let wire = format!("{leftover}{}", came.wire);
    match diff::read("GET", &wire, came.ended == Ended::Closed) {
        Ok(r) => Next::Answered { status: r.status },
        Err(error) => Next::Unreadable { error, wire },
    }
}

/// Sends one case to a running app and records what came back.
pub fn measure(app: &mut App, case: &Case, patience: Patience) -> Result<Record, Error> {
    let request = request_bytes(case);
    let method = method_of(&request);
    let mut stream = app.connect().context("cannot connect to the app")?;
    let captured = capture::exchange(&mut stream, request.as_bytes(), &method, patience)
        .context(format!("the request for {} failed", case.id))?;
    let given = handed(case);
    let closed = captured.ended == Ended::Closed;
    let (read, read_error) = match diff::read(&method, &captured.wire, closed) {
        Ok(r) => (Some(r), None),
        Err(e) => (None, Some(e)),
    };
    let changes = read
        .as_ref()
        .map(|r| diff::changes(&given, r, method == "HEAD"))
        .unwrap_or_default();
    let next = if closed {
        Next::Closed
    } else {
        // Bytes the first response left on the connection are where a client starts reading
        // the next response, so they are read with it.
        let leftover = read
            .as_ref()
            .map(|r| r.leftover.clone())
            .unwrap_or_default();
        let follow = b"GET /ok HTTP/1.1\r\nHost: api.example.com\r\n\r\n";
        match capture::exchange(&mut stream, follow, "GET", patience) {
            Err(_) => Next::Closed,
            Ok(c) => next_from(&leftover, &c),
        }
    };
    drop(stream);
    let log = app.mark(&case.id)?;
    Ok(Record {
        id: case.id.clone(),
        method,
        request,
        handed: given,
        captured,
        read,
        read_error,
        changes,
        log,
        next,
        engine_wire: case.wire().to_string(),
    })
}

/// Starts `framework`, sends it every case, and ends it.
pub fn run(
    framework: Framework,
    cases: &[Case],
    patience: Patience,
    progress: bool,
) -> FrameworkRun {
    let answers: Vec<(String, Handed)> = cases.iter().map(|c| (c.id.clone(), handed(c))).collect();
    let mut app = match App::start(framework, &answers) {
        Ok(app) => app,
        Err(e) => {
            return FrameworkRun {
                framework,
                version: "not measured".into(),
                records: Vec::new(),
                failure: Some(e.to_string()),
            }
        }
    };
    let mut records = Vec::new();
    let mut failure = None;
    for case in cases {
        match measure(&mut app, case, patience) {
            Ok(record) => {
                if progress {
                    println!(
                        "{:<10} {:<24} {}",
                        framework.key(),
                        case.id,
                        report::summary(&record)
                    );
                }
                records.push(record);
            }
            Err(e) => {
                failure = Some(format!("{}: {e}", case.id));
                break;
            }
        }
    }
    FrameworkRun {
        framework,
        version: app.version.clone(),
        records,
        failure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_goes_to_the_scenarios_route_with_the_engines_bytes() {
        let entry = nocontent_engine::catalog::find("preflight-204").unwrap();
        let case = Case::from_entry(&entry).unwrap();
        let request = request_bytes(&case);
        assert!(
            request.starts_with("OPTIONS /s/preflight-204 HTTP/1.1\r\nHost: "),
            "{request}"
        );
        assert!(request.contains("Access-Control-Request-Method: PUT\r\n"));
        assert_eq!(method_of(&request), "OPTIONS");
        let entry = nocontent_engine::catalog::find("put-204-etag").unwrap();
        let case = Case::from_entry(&entry).unwrap();
        let request = request_bytes(&case);
        assert!(request.starts_with("PUT /s/put-204-etag HTTP/1.1\r\n"));
        assert!(request.ends_with("\r\n\r\n{\"title\":\"Buy milk\",\"done\":true}"));
        assert_eq!(
            handed(&case).headers,
            vec![("ETag".to_string(), "\"v2\"".to_string())]
        );
    }

    #[test]
    fn the_follow_up_is_read_after_the_leftover() {
        let ok = Captured {
            wire: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".into(),
            ended: Ended::Complete,
        };
        assert_eq!(next_from("", &ok), Next::Answered { status: 200 });
        assert!(matches!(
            next_from("hello", &ok),
            Next::Unreadable { wire, .. } if wire.starts_with("helloHTTP/1.1 200")
        ));
        let nothing = Captured {
            wire: String::new(),
            ended: Ended::Closed,
        };
        assert_eq!(
            next_from("", &nothing),
            Next::NoAnswer {
                ended: Ended::Closed
            }
        );
    }

    #[test]
    fn keys_round_trip() {
        for f in Framework::ALL {
            assert_eq!(Framework::parse(f.key()), Some(f));
            assert_eq!(serde_json::to_value(f).unwrap(), serde_json::json!(f.key()));
        }
    }
}
