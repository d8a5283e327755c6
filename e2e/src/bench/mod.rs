//! The bench behind `cargo xtask bench`: the quality targets of the app, measured rather than
//! asserted, on the harness's static server and WebDriver session.
//!
//! xtask builds the release app and the minimal Yew counter (`bench/counter`), then runs the
//! `bench` binary of this crate on both folders, which prints one table and writes it as
//! `target/bench/latest.json`:
//! - bytes of html, css, js and wasm as the page loads them: raw, gzip -9 and brotli q11
//!   ([`sizes`]);
//! - in headless Chromium, with DevTools commands for CPU throttling and garbage collection
//!   ([`measure`]): first contentful paint and "app ready" (the app's `nocontent-ready`
//!   performance mark), median of N cold loads, at 1× and 4× CPU, against the counter app as
//!   a ratio; keystroke latency in the header editor, from the `input` event to the next
//!   animation frame, timed in the page; JS heap (precise memory info, after a forced GC) and
//!   wasm memory after half and all of the memory edits.
//!
//! Missed targets are reported in the table ([`report`]); the run fails only when it cannot
//! measure.

pub mod measure;
pub mod report;
pub mod sizes;

use std::future::Future;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::wd::TimeoutConfiguration;

use crate::engine::{Engine, Installed};
use crate::error::{Context, Error};
use crate::serve::StaticServer;
use crate::session::{Browser, Launch};
use report::Report;

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

/// The session the bench measures in: headless Chromium with precise memory figures, and
/// scripts allowed to run as long as a thousand edits take.
pub async fn launch() -> Result<Browser, Error> {
    let installed = Installed::locate(Engine::Chromium)?;
    let launch = Launch {
        args: vec!["--enable-precise-memory-info".to_string()],
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

/// Measures, prints the table and writes `latest.json`; returns the report.
pub async fn run(options: &Options) -> Result<Report, Error> {
    let started = Instant::now();
    let (Some(app_dir), Some(counter_dir)) = (&options.app, &options.counter) else {
        return Err(Error::new(format!(
            "bench needs --app and --counter; usage: {USAGE}"
        )));
    };
    let (app_sizes, counter_sizes) = step("measured sizes (raw, gzip -9, brotli q11)", async {
        Ok((sizes::measure(app_dir)?, sizes::measure(counter_dir)?))
    })
    .await?;

    let server = StaticServer::start(vec![
        ("/app/".to_string(), app_dir.clone()),
        ("/counter/".to_string(), counter_dir.clone()),
    ])?;
    let browser = launch().await?;
    let measured = measure::in_browser(
        &browser,
        options,
        &server.url("/app/"),
        &server.url("/counter/"),
    )
    .await;
    let version = browser
        .capabilities
        .get("browserVersion")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("?")
        .to_string();
    browser.close().await;
    let figures = measured?;

    let report = Report {
        browser: format!("Chromium {version}"),
        options: (options.loads, options.edits, options.memory_edits),
        app_sizes,
        counter_sizes,
        figures,
    };
    println!("{}", report.table());
    std::fs::create_dir_all(&options.out)
        .context(format!("cannot create {}", options.out.display()))?;
    let json_path = options.out.join("latest.json");
    let text = serde_json::to_string_pretty(&report.json()).context("cannot write JSON")?;
    std::fs::write(&json_path, text + "\n")
        .context(format!("cannot write {}", json_path.display()))?;
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
