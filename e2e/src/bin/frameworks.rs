//! `cargo run -p nocontent-e2e --bin frameworks -- [--only ID] [--framework KEY]… [--setup]`
//!
//! Starts every framework app (or the ones named) on loopback, sends it every catalog
//! scenario's request (or one) and writes what it put on the wire, what it changed and what it
//! logged to `target/e2e/frameworks.json` and `frameworks.md`. `--setup` only installs the
//! frameworks; a run installs whatever is missing first.

use std::process::ExitCode;

use nocontent_e2e::frameworks::capture::Patience;
use nocontent_e2e::frameworks::{self, report, Framework, FrameworksFile};
use nocontent_e2e::install::{self, Step};
use nocontent_e2e::{observe, Error};

const USAGE: &str = "frameworks [--setup] [--compare] [--compare-file PATH] [--only ID] [--framework express|flask|drf|fastapi|axum|actix_web|go_net_http]... [--quiet]";

fn main_result(args: &[String]) -> Result<bool, Error> {
    let mut only = None;
    let mut chosen = Vec::new();
    let mut setup_only = false;
    let mut quiet = false;
    let mut compare = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--setup" => setup_only = true,
            "--quiet" => quiet = true,
            "--compare" => compare = true,
            "--compare-file" => {
                let path = rest.next().cloned().ok_or_else(|| {
                    Error::new(format!("--compare-file needs a path; usage: {USAGE}"))
                })?;
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| Error::new(format!("cannot read {path}: {e}")))?;
                let file: FrameworksFile = serde_json::from_str(&text)
                    .map_err(|e| Error::new(format!("{path} is not a framework run: {e}")))?;
                let comparison = frameworks::compare::compare(&file);
                print!("{}", comparison.summary());
                return Ok(comparison.is_clean());
            }
            "--only" => {
                only = Some(
                    rest.next()
                        .cloned()
                        .ok_or_else(|| Error::new(format!("--only needs an id; usage: {USAGE}")))?,
                )
            }
            "--framework" => {
                let key = rest.next().cloned().unwrap_or_default();
                chosen.push(Framework::parse(&key).ok_or_else(|| {
                    Error::new(format!("unknown framework `{key}`; usage: {USAGE}"))
                })?);
            }
            "-h" | "--help" => return Err(Error::new(USAGE)),
            other => {
                return Err(Error::new(format!(
                    "unknown argument `{other}`; usage: {USAGE}"
                )))
            }
        }
    }
    if chosen.is_empty() {
        chosen = Framework::ALL.to_vec();
    }
    install::setup(&Step::FRAMEWORKS)?;
    if setup_only {
        return Ok(true);
    }
    let cases = observe::catalog_cases(only.as_deref())?;
    let runs: Vec<_> = chosen
        .iter()
        .map(|&f| frameworks::run(f, &cases, Patience::default(), !quiet))
        .collect();
    let failed: Vec<String> = runs
        .iter()
        .filter_map(|r| {
            r.failure
                .as_ref()
                .map(|f| format!("{}: {f}", r.framework.key()))
        })
        .collect();
    let file = FrameworksFile {
        measured: httpdate::fmt_http_date(std::time::SystemTime::now()),
        runs,
    };
    let stem = only.map_or_else(|| "frameworks".to_string(), |id| format!("frameworks-{id}"));
    let dir = nocontent_e2e::out_dir();
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::new(format!("cannot create {}: {e}", dir.display())))?;
    let json = serde_json::to_string_pretty(&file)
        .map_err(|e| Error::new(format!("cannot write the runs as JSON: {e}")))?;
    let write = |name: String, text: &str| {
        std::fs::write(dir.join(&name), text)
            .map_err(|e| Error::new(format!("cannot write {name}: {e}")))
    };
    write(format!("{stem}.json"), &json)?;
    write(format!("{stem}.md"), &report::markdown(&file))?;
    for line in &failed {
        eprintln!("frameworks: {line}");
    }
    let clean = if compare {
        let comparison = frameworks::compare::compare(&file);
        print!("{}", comparison.summary());
        let json = serde_json::to_string_pretty(&comparison)
            .map_err(|e| Error::new(format!("cannot write the comparison as JSON: {e}")))?;
        write(format!("{stem}-compare.json"), &json)?;
        comparison.is_clean()
    } else {
        true
    };
    println!(
        "{} frameworks × {} scenarios; wrote {}",
        chosen.len(),
        cases.len(),
        dir.join(format!("{stem}.{{json,md}}")).display()
    );
    Ok(failed.is_empty() && clean)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match main_result(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("frameworks: {e}");
            ExitCode::FAILURE
        }
    }
}
