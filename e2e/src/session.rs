//! One WebDriver session in one real engine, each with its own driver:
//! chromedriver + Chromium (headless, fresh `--user-data-dir`), geckodriver + Firefox ESR
//! (`-headless`, fresh profile) and WebKitWebDriver + MiniBrowser (`--automation`, under a
//! private Xvfb display).
//!
//! The driver runs as the leader of its own process group (see [`crate::process`]), so
//! dropping the [`Browser`] ends the driver, the browser and the browser's helpers, even when a
//! test panics. [`Browser::close`] ends the WebDriver session politely first.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Map, Value};

use crate::engine::{Engine, Installed, Version};
use crate::error::{Context, Error};
use crate::process::Group;
use crate::xvfb::Xvfb;
use crate::PATIENCE;

/// Chromium's flags: without the network and update services it would otherwise start (and
/// with a fresh profile), headless Chromium starts reliably on these machines.
pub const CHROMIUM_FLAGS: &[&str] = &[
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

/// Firefox preferences on top of geckodriver's own. They switch off traffic the page did not
/// ask for (speculative connections, captive-portal and connectivity checks, prefetching), so
/// that every connection the raw server sees belongs to a probe; none of them changes how a
/// response is handled.
fn firefox_prefs() -> Value {
    json!({
        "network.http.speculative-parallel-limit": 0,
        "network.captive-portal-service.enabled": false,
        "network.connectivity-service.enabled": false,
        "network.dns.disablePrefetch": true,
        "network.prefetch-next": false,
        "network.predictor.enabled": false,
        "browser.safebrowsing.malware.enabled": false,
        "browser.safebrowsing.phishing.enabled": false,
        "app.update.auto": false,
        "app.normandy.enabled": false,
        "datareporting.policy.dataSubmissionEnabled": false,
        "toolkit.telemetry.enabled": false,
    })
}

/// How long a WebDriver command waits for a page to load.
pub const PAGE_LOAD: Duration = Duration::from_secs(8);

/// The window size every engine gets, as Chromium's `--window-size`.
pub const WINDOW: (u32, u32) = (1280, 900);

/// How a session's browser is started beyond the harness's defaults.
#[derive(Clone, Debug, Default)]
pub struct Launch {
    /// Command-line arguments added after the harness's own (for example Chromium's
    /// `--enable-precise-memory-info`, which the bench needs for `performance.memory`).
    pub args: Vec<String>,
}

/// A browser in a WebDriver session.
pub struct Browser {
    pub client: Client,
    pub engine: Engine,
    /// What the browser binary says it is.
    pub version: Version,
    /// The capabilities the driver answered the new session with.
    pub capabilities: Map<String, Value>,
    /// The driver's own output, kept for when something goes wrong.
    pub driver_log: PathBuf,
    // Dropped in this order: the driver's group (and with it the browser), then the display,
    // then the profile and XDG folders.
    driver: Group,
    xvfb: Option<Xvfb>,
    _dirs: tempfile::TempDir,
}

/// A loopback port that was free a moment ago.
pub fn free_port() -> Result<u16, Error> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .context("no free loopback port")
}

/// A new file under `target/e2e/logs/` for one process's output.
pub fn log_file(name: &str) -> Result<(PathBuf, std::fs::File), Error> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = crate::out_dir().join("logs");
    std::fs::create_dir_all(&dir).context(format!("cannot create {}", dir.display()))?;
    let path = dir.join(format!(
        "{name}-{}-{}.log",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    let file = std::fs::File::create(&path).context(format!("cannot create {}", path.display()))?;
    Ok((path, file))
}

/// The last lines of a log, for an error message.
pub fn tail(path: &std::path::Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

impl Browser {
    /// Finds the engine's programs and starts a session; fails with a sentence naming what is
    /// missing.
    pub async fn start(engine: Engine) -> Result<Browser, Error> {
        let installed = Installed::locate(engine)?;
        Browser::start_installed(&installed).await
    }

    /// Starts `installed`'s driver and browser and opens a WebDriver session.
    pub async fn start_installed(installed: &Installed) -> Result<Browser, Error> {
        Browser::start_installed_with(installed, &Launch::default()).await
    }

    /// [`Browser::start_installed`] with launch options.
    pub async fn start_installed_with(
        installed: &Installed,
        launch: &Launch,
    ) -> Result<Browser, Error> {
        let engine = installed.engine;
        let dirs = tempfile::Builder::new()
            .prefix(&format!("nocontent-{}-", engine.key()))
            .tempdir()
            .context("cannot create a profile folder")?;
        let profile = dirs.path().join("profile");
        std::fs::create_dir_all(&profile).context("cannot create a profile folder")?;
        let xvfb = match &installed.xvfb {
            Some(xvfb) => Some(Xvfb::start(xvfb)?),
            None => None,
        };
        let display = xvfb.as_ref().map(|x| x.display.clone());
        let version = installed.version(display.as_deref())?;

        let port = free_port()?;
        let (driver_log, log) = log_file(&format!("{}-driver", engine.key()))?;
        let err_log = log.try_clone().context("cannot share the driver log")?;
        let mut command = Command::new(&installed.driver);
        command
            .stdin(Stdio::null())
            .stdout(Stdio::from(log))
            .stderr(Stdio::from(err_log));
        let browser = installed.browser.to_string_lossy().into_owned();
        let caps = match engine {
            Engine::Chromium => {
                command.arg(format!("--port={port}"));
                let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
                args.push(format!("--user-data-dir={}", profile.display()));
                args.extend(launch.args.iter().cloned());
                json!({
                    "browserName": "chrome",
                    "goog:chromeOptions": { "binary": browser, "args": args },
                })
            }
            Engine::Firefox => {
                command.args(["--port", &port.to_string(), "--host", "127.0.0.1"]);
                let args: Vec<String> = [
                    "-headless".to_string(),
                    "-profile".to_string(),
                    profile.to_string_lossy().into_owned(),
                    "--width".to_string(),
                    WINDOW.0.to_string(),
                    "--height".to_string(),
                    WINDOW.1.to_string(),
                ]
                .into_iter()
                .chain(launch.args.iter().cloned())
                .collect();
                json!({
                    "browserName": "firefox",
                    "moz:firefoxOptions": {
                        "binary": browser,
                        "args": args,
                        "prefs": firefox_prefs(),
                    },
                })
            }
            Engine::Webkit => {
                command.arg(format!("--port={port}"));
                // MiniBrowser's data and cache folders follow XDG; point them into the
                // session's folder so that nothing from another run (or the user) is used.
                for (var, sub) in [
                    ("XDG_CACHE_HOME", "cache"),
                    ("XDG_DATA_HOME", "data"),
                    ("XDG_CONFIG_HOME", "config"),
                ] {
                    let dir = dirs.path().join(sub);
                    std::fs::create_dir_all(&dir).context("cannot create an XDG folder")?;
                    command.env(var, dir);
                }
                if let Some(display) = &display {
                    command.env("DISPLAY", display);
                }
                let args: Vec<String> = std::iter::once("--automation".to_string())
                    .chain(launch.args.iter().cloned())
                    .collect();
                json!({
                    "webkitgtk:browserOptions": { "binary": browser, "args": args },
                })
            }
        };
        let caps = match caps {
            Value::Object(map) => map,
            _ => return Err(Error::new("capabilities must be a JSON object")),
        };
        let mut driver = Group::spawn(command, format!("{} driver", engine.product()))?;

        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            let attempt = ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await;
            match attempt {
                Ok(client) => break client,
                Err(e) => {
                    if let Some(status) = driver.exited() {
                        return Err(Error::new(format!(
                            "the {} driver exited ({status}) before a session started: {e}\n{}",
                            engine.product(),
                            tail(&driver_log, 20)
                        )));
                    }
                    if started.elapsed() > PATIENCE {
                        return Err(Error::new(format!(
                            "no {} session within {} s at {url}: {e}\n{}",
                            engine.product(),
                            PATIENCE.as_secs(),
                            tail(&driver_log, 20)
                        )));
                    }
                    // The driver is still starting up: ask again shortly.
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        };
        let capabilities = client
            .capabilities()
            .map(|c| c.clone().into_iter().collect())
            .unwrap_or_default();
        // A navigation to a response whose body never starts never finishes loading, and a
        // click or `goto` that starts one waits for it: bound that wait (the WebDriver default
        // is 300 s) well below the harness's own patience.
        client
            .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
                Some(Duration::from_secs(60)),
                Some(PAGE_LOAD),
                Some(Duration::ZERO),
            ))
            .await
            .context("cannot set the session's timeouts")?;
        if engine != Engine::Chromium {
            // Chromium got its size from a flag; the others are sized through WebDriver.
            client
                .set_window_size(WINDOW.0, WINDOW.1)
                .await
                .context("cannot size the window")?;
        }
        Ok(Browser {
            client,
            engine,
            version,
            capabilities,
            driver_log,
            driver,
            xvfb,
            _dirs: dirs,
        })
    }

    /// The process groups this session started (the driver's, and Xvfb's for WebKitGTK); all
    /// of them are gone once the session is closed or dropped.
    pub fn process_groups(&self) -> Vec<u32> {
        let mut groups = vec![self.driver.pid()];
        groups.extend(self.xvfb.as_ref().map(|x| x.pid()));
        groups
    }

    /// The X display the browser runs on (WebKitGTK only).
    pub fn display(&self) -> Option<&str> {
        self.xvfb.as_ref().map(|x| x.display.as_str())
    }

    /// Ends the WebDriver session, then the driver and everything it started.
    pub async fn close(mut self) {
        // A driver that stopped answering must not hold the run: its processes go anyway.
        let _ = tokio::time::timeout(crate::COMMAND_DEADLINE, self.client.clone().close()).await;
        self.driver.end();
    }
}

/// Starts `engine`, or says why it cannot: `Ok(None)` with the reason printed when the browser
/// is missing and browsers are not required (`NOCONTENT_REQUIRE_BROWSERS` unset), an error
/// when they are (see [`crate::need`]).
pub async fn start_or_skip(engine: Engine, test: &str) -> Result<Option<Browser>, Error> {
    start_or_skip_with(engine, test, &Launch::default()).await
}

/// [`start_or_skip`] with launch options.
pub async fn start_or_skip_with(
    engine: Engine,
    test: &str,
    launch: &Launch,
) -> Result<Option<Browser>, Error> {
    let what = format!("{test} in {}", engine.product());
    match crate::need::or_skip(&what, Installed::locate(engine))? {
        Some(installed) => Browser::start_installed_with(&installed, launch)
            .await
            .map(Some),
        None => Ok(None),
    }
}
