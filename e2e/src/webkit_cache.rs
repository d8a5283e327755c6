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

/// Runs the cache and invalidation probes of `cases` in an ordinary MiniBrowser window on
/// `display`; one result per case, in order.
pub async fn run(
    installed: &Installed,
    display: &str,
    servers: &Servers,
    cases: &[Case],
    verbose: bool,
) -> Result<Vec<WindowSeen>, Error> {
    let server = &servers.page;
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
    let plan: Vec<Value> = steps
        .iter()
        .map(|s| {
            let case = &cases[s.case];
            let args = json!({
                "url": server.url(&s.target),
                "method": case.method(),
                "headers": case.script_headers(),
                "body": case.script_body(),
                "pendingMs": crate::observe::PENDING_AFTER_MS,
            });
            json!({
                "key": s.key,
                "probe": if s.aspect == Aspect::Cache { "repeat" } else { "invalidate" },
                "args": args,
            })
        })
        .collect();
    server.route(
        "/plan",
        None,
        Reply::framed(
            "200 OK",
            &[("Content-Type", "application/json")],
            &json!({ "steps": plan }).to_string(),
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

    let dirs = tempfile::Builder::new()
        .prefix("nocontent-webkit-window-")
        .tempdir()
        .context("cannot create the window's folders")?;
    let (log_path, log) = log_file("webkit-window")?;
    let err_log = log.try_clone().context("cannot share the window log")?;
    let mut command = Command::new(&installed.browser);
    command
        .arg("--enable-write-console-messages-to-stdout=true")
        .arg(server.url("/cache-window"))
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
    let deadline = Instant::now() + PATIENCE + PER_STEP * u32::try_from(steps.len()).unwrap_or(1);
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
                "the cache window did not finish in time; {} of {} steps reported:\n{}",
                server
                    .requests()
                    .iter()
                    .filter(|r| r.target.starts_with("/report?step="))
                    .count(),
                steps.len(),
                crate::session::tail(&log_path, 20)
            )));
        }
    };
    window.end();
    let finished: Value = serde_json::from_str(&done.body).unwrap_or(Value::Null);
    if let Some(e) = finished.get("harness_error") {
        return Err(Error::new(format!("the cache window failed: {e}")));
    }

    let mut seen: Vec<WindowSeen> = cases.iter().map(|_| WindowSeen::default()).collect();
    let log = server.requests();
    for step in &steps {
        let report = format!("/report?step={}", step.key);
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
    Ok(seen)
}
