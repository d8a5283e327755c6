//! The bench behind `cargo xtask bench`: the quality targets of the app, measured rather than
//! asserted, on the harness's static server and WebDriver sessions.
//!
//! xtask builds the release app and the minimal Yew counter (`bench/counter`), then runs the
//! `bench` binary of this crate on both folders. The bench writes a third page, the static
//! page ([`static_page`]: the app's prerendered first view with no script), serves the three,
//! prints one table and writes it as `target/bench/latest.json`:
//! - bytes of html, css, js and wasm that `index.html` names: raw, gzip -9 and brotli q11
//!   ([`sizes`]);
//! - what each page fetched ([`transfer`]): the brotli size of every fetch that started
//!   before the ready mark (critical), and of everything once the page had settled;
//! - in headless Chromium, with DevTools commands for CPU throttling and garbage collection
//!   ([`measure`]): first contentful paint of the three pages and "app ready" (the
//!   `nocontent-ready` performance mark) of the app and the counter, medians of N alternated
//!   cold loads, at 1× and 4× CPU; keystroke latency in the header editor from the `input`
//!   event to the end of the frame that painted its last DOM change ([`keystroke`]); JS heap
//!   (precise memory info, after a forced GC) and wasm memory after half and all of the
//!   memory edits;
//! - in headless Firefox, the keystroke row at 1× (WebDriver gives Firefox no CPU
//!   throttling).
//!
//! Missed targets are reported in the table ([`report`]); the run fails only when it cannot
//! measure.

pub mod keystroke;
pub mod measure;
pub mod report;
pub mod sizes;
pub mod static_page;
pub mod transfer;

use std::future::Future;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::wd::TimeoutConfiguration;

use crate::engine::{Engine, Installed};
use crate::error::{Context, Error};
use crate::serve::StaticServer;
use crate::session::{Browser, Launch};
use measure::Pages;
use report::{Figures, KeystrokeRow, KeystrokeRows, Measured, Report, Verdict};

pub const USAGE: &str = "bench --app DIR --counter DIR [--out DIR] [--loads N] [--edits N] [--memory-edits N]\n       bench --check [--loads N] [--edits N] [--memory-edits N]   (only checks the options)";

/// What one bench run measures, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Cold loads per app and CPU speed; the table gives their median.
    pub loads: usize,
    /// Edits per keystroke row.
    pub edits: usize,
    /// Edits of the memory row, measured at half and at the end.
    pub memory_edits: usize,
    /// The built app (`dist/`) and the built counter.
    pub app: Option<PathBuf>,
    pub counter: Option<PathBuf>,
    /// Where `latest.json` goes.
    pub out: PathBuf,
    /// Only check the options (xtask does this before it spends a minute on the builds).
    pub check: bool,
}

pub fn parse_args(args: &[String]) -> Result<Options, Error> {
    let mut options = Options {
        loads: 15,
        edits: 200,
        memory_edits: 1_000,
        app: None,
        counter: None,
        out: crate::need::target_dir().join("bench"),
        check: false,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let folder = match arg.as_str() {
            "--check" => {
                options.check = true;
                continue;
            }
            "--app" => Some(&mut options.app),
            "--counter" => Some(&mut options.counter),
            _ => None,
        };
        if let Some(folder) = folder {
            let value = rest.next().context(format!("{arg} needs a folder"))?;
            *folder = Some(PathBuf::from(value));
            continue;
        }
        if arg == "--out" {
            options.out = PathBuf::from(rest.next().context("--out needs a folder")?);
            continue;
        }
        let slot = match arg.as_str() {
            "--loads" => &mut options.loads,
            "--edits" => &mut options.edits,
            "--memory-edits" => &mut options.memory_edits,
            other => {
                return Err(Error::new(format!(
                    "bench: unknown option `{other}`; usage: {USAGE}"
                )))
            }
        };
        let value = rest.next().context(format!("{arg} needs a number"))?;
        *slot = value
            .parse()
            .ok()
            .filter(|&n: &usize| n > 0)
            .context(format!("{arg}: `{value}` is not a positive number"))?;
    }
    if !options.memory_edits.is_multiple_of(2) {
        return Err(Error::new(
            "--memory-edits must be even (it is measured at half and at the end)",
        ));
    }
    if !options.check && (options.app.is_none() || options.counter.is_none()) {
        return Err(Error::new(format!(
            "bench needs --app and --counter; usage: {USAGE}"
        )));
    }
    Ok(options)
}

/// Human time: `840 ms`, `12.3 s`, `2 min 5 s`.
pub fn human(elapsed: Duration) -> String {
    let ms = elapsed.as_millis();
    if ms < 1_000 {
        format!("{ms} ms")
    } else if ms < 60_000 {
        format!("{:.1} s", elapsed.as_secs_f64())
    } else {
        format!("{} min {} s", ms / 60_000, (ms % 60_000) / 1_000)
    }
}

/// Runs one step and prints a line saying what it did and how long it took, as every
/// `cargo xtask` step does.
pub async fn step<T>(what: &str, work: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
    let started = Instant::now();
    let done = work.await;
    match &done {
        Ok(_) => println!("✓ {what} ({})", human(started.elapsed())),
        Err(e) => println!("✗ {what}: {e}"),
    }
    done
}

/// A session the bench measures in: headless Chromium with precise memory figures, or
/// headless Firefox; scripts allowed to run as long as a thousand edits take.
pub async fn launch(engine: Engine) -> Result<Browser, Error> {
    let installed = Installed::locate(engine)?;
    let launch = Launch {
        args: match engine {
            Engine::Chromium => vec!["--enable-precise-memory-info".to_string()],
            _ => Vec::new(),
        },
    };
    let browser = Browser::start_installed_with(&installed, &launch).await?;
    browser
        .client
        .update_timeouts(TimeoutConfiguration::new(
            Some(Duration::from_secs(600)),
            Some(Duration::from_secs(60)),
            Some(Duration::ZERO),
        ))
        .await
        .context("cannot set the session's timeouts")?;
    Ok(browser)
}

/// Why Firefox has no 4× keystroke row.
pub const FIREFOX_UNTHROTTLED: &str =
    "not measured: WebDriver gives Firefox no CPU throttling (DevTools commands are Chromium's)";

/// The version a session's driver reports, as `Chromium 156.0.8078.114`.
fn product_version(browser: &Browser) -> String {
    let version = browser
        .capabilities
        .get("browserVersion")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("?");
    format!("{} {version}", browser.engine.product())
}

/// The Firefox keystroke row, or why there is none (Firefox missing is a row that says so,
/// not a failed run).
async fn firefox_row(options: &Options, pages: &Pages) -> (Measured<KeystrokeRow>, Option<String>) {
    let browser = match launch(Engine::Firefox).await {
        Ok(browser) => browser,
        Err(e) => {
            println!("✗ Firefox: {e}");
            return (Measured::Not(format!("not measured: {e}")), None);
        }
    };
    let version = product_version(&browser);
    let measured = measure::keystroke_row(&browser, options, pages, "1×").await;
    browser.close().await;
    match measured {
        Ok(k) => (Measured::Yes(k), Some(version)),
        Err(e) => (Measured::Not(format!("not measured: {e}")), Some(version)),
    }
}

/// Measures, prints the table and writes `latest.json`; returns the report.
pub async fn run(options: &Options) -> Result<Report, Error> {
    let started = Instant::now();
    let (Some(app_dir), Some(counter_dir)) = (&options.app, &options.counter) else {
        return Err(Error::new(format!(
            "bench needs --app and --counter; usage: {USAGE}"
        )));
    };
    let static_dir = step(
        "wrote the static page (index.html without scripts, the same stylesheet)",
        async { static_page::write(app_dir, &options.out.join("static-page")) },
    )
    .await?;
    let mut cache = sizes::Cache::new();
    let (app_sizes, counter_sizes) = step("measured sizes (raw, gzip -9, brotli q11)", async {
        Ok((
            sizes::measure(app_dir, &mut cache)?,
            sizes::measure(counter_dir, &mut cache)?,
        ))
    })
    .await?;

    let mounts = measure::mounts(app_dir, counter_dir, &static_dir);
    let server = StaticServer::start(mounts.clone())?;
    let pages = Pages {
        app: server.url("/app/"),
        counter: server.url("/counter/"),
        static_page: server.url("/static/"),
        origin: server.url(""),
        mounts,
    };
    let browser = launch(Engine::Chromium).await?;
    let chromium = product_version(&browser);
    let measured = measure::in_chromium(&browser, options, &pages, &mut cache).await;
    browser.close().await;
    let chromium_figures = measured?;
    let (firefox, firefox_version) = firefox_row(options, &pages).await;

    let report = Report {
        browsers: std::iter::once(chromium).chain(firefox_version).collect(),
        options: (options.loads, options.edits, options.memory_edits),
        app_sizes,
        counter_sizes,
        figures: Figures {
            loads: chromium_figures.loads,
            transfers: chromium_figures.transfers,
            keystrokes: KeystrokeRows {
                chromium: chromium_figures.keystrokes,
                firefox,
                firefox_throttled: FIREFOX_UNTHROTTLED.to_string(),
            },
            memory: chromium_figures.memory,
        },
    };
    println!("{}", report.table());
    std::fs::create_dir_all(&options.out)
        .context(format!("cannot create {}", options.out.display()))?;
    let json_path = options.out.join("latest.json");
    let text = serde_json::to_string_pretty(&report.json()).context("cannot write JSON")?;
    std::fs::write(&json_path, text + "\n")
        .context(format!("cannot write {}", json_path.display()))?;
    let verdicts = report.verdicts();
    let named = |wanted: Verdict| -> Vec<&str> {
        verdicts
            .iter()
            .filter(|(_, v)| *v == wanted)
            .map(|(name, _)| *name)
            .collect()
    };
    let (missed, unmeasured) = (named(Verdict::Missed), named(Verdict::NotMeasured));
    let mut notes = Vec::new();
    if !missed.is_empty() {
        notes.push(format!("missed: {}", missed.join(", ")));
    }
    if !unmeasured.is_empty() {
        notes.push(format!("not measured: {}", unmeasured.join(", ")));
    }
    println!(
        "{} {} of {} targets met{}; figures in {} ({})",
        if notes.is_empty() { "✓" } else { "✗" },
        named(Verdict::Met).len(),
        verdicts.len(),
        if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join("; "))
        },
        json_path.display(),
        human(started.elapsed())
    );
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_options() {
        let options = parse_args(&args(&[
            "--loads",
            "3",
            "--edits",
            "20",
            "--app",
            "dist",
            "--counter",
            "c",
        ]))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (options.loads, options.edits, options.memory_edits),
            (3, 20, 1_000)
        );
        assert_eq!(options.app, Some(PathBuf::from("dist")));
        assert!(!options.check);
        assert!(parse_args(&args(&["--check", "--loads", "0"])).is_err());
        assert!(parse_args(&args(&["--check", "--memory-edits", "3"])).is_err());
        assert!(parse_args(&args(&["--check", "--what"])).is_err());
        assert!(parse_args(&args(&["--check", "--loads", "2"])).is_ok_and(|o| o.check));
        let without_folders = parse_args(&args(&["--loads", "2"])).unwrap_err();
        assert!(
            without_folders.message().contains("--app and --counter"),
            "{without_folders}"
        );
    }

    #[test]
    fn times_read_as_people_say_them() {
        assert_eq!(human(Duration::from_millis(840)), "840 ms");
        assert_eq!(human(Duration::from_millis(12_340)), "12.3 s");
        assert_eq!(human(Duration::from_secs(125)), "2 min 5 s");
    }
}
