//! WebKitGTK's HTTP cache, measured in an ordinary MiniBrowser window.
//!
//! Under `--automation` MiniBrowser runs an ephemeral session without an HTTP cache, so the
//! cache probes would only ever see the server. Here MiniBrowser is started as a user would
//! start it (no WebDriver), with its own `XDG_CACHE_HOME`, `XDG_DATA_HOME` and
//! `XDG_CONFIG_HOME` so that it starts with an empty disk cache, on the session's Xvfb display.
//! It opens `/cache-window` on the raw server; that page fetches `/plan`, runs the same probe
//! functions (`cache.js`) the WebDriver runs use, and posts each result to
//! `/report?step=KEY`, then `/report?done=1`. The harness waits for that last post (a
//! condition with a deadline), then reads the results from the server's log, together with
//! which requests reached the server.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::engine::Installed;
use crate::error::{Context, Error};
use crate::observe::{
    cache_seen, invalidation_seen, Aspect, CacheSeen, Case, InvalidationSeen, Servers, Via,
};
use crate::probes;
use crate::process::Group;
use crate::raw::Reply;
use crate::session::log_file;
use crate::PATIENCE;

/// How long one step may take in the window, on top of [`PATIENCE`] for the start.
const PER_STEP: Duration = Duration::from_secs(15);

/// One probe in the window's plan.
struct Step {
    key: String,
    case: usize,
    aspect: Aspect,
    target: String,
}

/// What the window saw for one scenario.
#[derive(Debug, Default)]
pub struct WindowSeen {
    pub cache: Option<CacheSeen>,
    pub invalidation: Option<InvalidationSeen>,
    pub problems: Vec<String>,
}

/// Registers one step's window page, its plan (the step, then the next step's page) and the
/// probe files on the step's own server.
fn serve_step(server: &crate::raw::RawServer, step: &Value, next: Option<String>) {
    server.route(
        "/plan",
        None,
        Reply::framed(
            "200 OK",
            &[("Content-Type", "application/json")],
            &json!({ "steps": [step], "next": next }).to_string(),
        ),
    );
    server.route(
        "/cache-window",
        None,
        Reply::framed(
            "200 OK",
            &[("Content-Type", "text/html; charset=utf-8")],
            probes::CACHE_WINDOW_PAGE,
        ),
    );
    for (name, source) in probes::SOURCES {
        server.route(
            &format!("/probes/{name}"),
            None,
            Reply::framed(
                "200 OK",
                &[("Content-Type", "text/javascript; charset=utf-8")],
                source,
            ),
        );
    }
}

/// Runs the cache and invalidation probes of `cases` in an ordinary MiniBrowser window on
/// `display`; one result per case, in order. Every step runs on servers of its own (a new
/// origin, with an empty connection pool), as the WebDriver probes do: the window opens the
/// first step's page, and each page runs its step, reports it and moves on to the next
/// step's page.
pub async fn run(
    installed: &Installed,
    display: &str,
    cases: &[Case],
    verbose: bool,
) -> Result<Vec<WindowSeen>, Error> {
    let mut steps = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        if Aspect::Cache.applies(case) {
            steps.push(Step {
                key: format!("cache-{}", case.id),
                case: i,
                aspect: Aspect::Cache,
                target: case.target("cache-window"),
            });
        }
        if Aspect::Invalidation.applies(case) {
            steps.push(Step {
                key: format!("invalidation-{}", case.id),
                case: i,
                aspect: Aspect::Invalidation,
                target: format!("/i/{}?k=invalidation-window", case.id),
            });
        }
    }
    if steps.is_empty() {
        return Ok(cases.iter().map(|_| WindowSeen::default()).collect());
    }
    let servers: Vec<Servers> = steps
        .iter()
        .map(|s| Servers::start(std::slice::from_ref(&cases[s.case])))
        .collect();
    for (i, s) in steps.iter().enumerate() {
        let case = &cases[s.case];
        let server = &servers[i].page;
        let args = json!({
            "url": server.url(&s.target),
            "method": case.method(),
            "headers": case.script_headers(),
            "body": case.script_body(),
            "pendingMs": crate::observe::PENDING_AFTER_MS,
        });
        let step = json!({
            "key": s.key,
            "probe": if s.aspect == Aspect::Cache { "repeat" } else { "invalidate" },
            "args": args,
        });
        let next = servers.get(i + 1).map(|n| n.page.url("/cache-window"));
        serve_step(server, &step, next);
    }
    let first = servers[0].page.url("/cache-window");

    let dirs = tempfile::Builder::new()
        .prefix("nocontent-webkit-window-")
        .tempdir()
        .context("cannot create the window's folders")?;
    let (log_path, log) = log_file("webkit-window")?;
    let err_log = log.try_clone().context("cannot share the window log")?;
    let mut command = Command::new(&installed.browser);
    command
        .arg("--enable-write-console-messages-to-stdout=true")
        .arg(&first)
        .env("DISPLAY", display)
        .stdin(Stdio::null())
        .stdout(Stdio::from(log))
        .stderr(Stdio::from(err_log));
    for (var, sub) in [
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
    ] {
        let dir = dirs.path().join(sub);
        std::fs::create_dir_all(&dir).context("cannot create an XDG folder")?;
        command.env(var, dir);
    }
    if verbose {
        println!(
            "cache window: MiniBrowser (no automation) on {display}, {} steps, log {}",
            steps.len(),
            log_path.display()
        );
    }
    let mut window = Group::spawn(command, "MiniBrowser (cache window)")?;
    let mut seen: Vec<WindowSeen> = cases.iter().map(|_| WindowSeen::default()).collect();
    for (i, step) in steps.iter().enumerate() {
        let server = &servers[i].page;
        let deadline = Instant::now() + if i == 0 { PATIENCE } else { Duration::ZERO } + PER_STEP;
        let done = loop {
            if let Some(done) = server
                .wait_request_async("POST", "/report?done=1", Duration::from_millis(500))
                .await
            {
                break done;
            }
            if let Some(status) = window.exited() {
                return Err(Error::new(format!(
                    "MiniBrowser exited ({status}) before the cache window finished:\n{}",
                    crate::session::tail(&log_path, 20)
                )));
            }
            if Instant::now() >= deadline {
                return Err(Error::new(format!(
                    "the cache window did not finish step {} of {} ({}) in time:\n{}",
                    i + 1,
                    steps.len(),
                    step.key,
                    crate::session::tail(&log_path, 20)
                )));
            }
        };
        let finished: Value = serde_json::from_str(&done.body).unwrap_or(Value::Null);
        if let Some(e) = finished.get("harness_error") {
            return Err(Error::new(format!("the cache window failed: {e}")));
        }
        let report = format!("/report?step={}", step.key);
        let log = server.requests();
        let Some(posted) = log
            .iter()
            .find(|r| r.method == "POST" && r.target == report)
        else {
            seen[step.case]
                .problems
                .push(format!("cache window: step {} never reported", step.key));
            continue;
        };
        let got: Value = match serde_json::from_str(&posted.body) {
            Ok(v) => v,
            Err(e) => {
                seen[step.case]
                    .problems
                    .push(format!("cache window: step {}: {e}", step.key));
                continue;
            }
        };
        if let Some(e) = got.get("harness_error") {
            seen[step.case]
                .problems
                .push(format!("cache window: step {}: {e}", step.key));
            continue;
        }
        let case = &cases[step.case];
        let result = match step.aspect {
            Aspect::Cache => cache_seen(Via::Window, server, &step.target, &got)
                .map(|c| seen[step.case].cache = Some(c)),
            _ => invalidation_seen(Via::Window, server, case, &step.target, &got)
                .map(|i| seen[step.case].invalidation = Some(i)),
        };
        if let Err(e) = result {
            seen[step.case]
                .problems
                .push(format!("cache window: step {}: {e}", step.key));
        }
    }
    window.end();
    Ok(seen)
}
