//! `cargo run -p nocontent-e2e --bin observe -- --engine chromium|firefox|webkit [--only ID]`
//!
//! Runs every catalog scenario (or one) in a real engine, writes what it did to
//! `target/e2e/observations-<engine>.json` and a Markdown summary of where it differs from the
//! engine crate's spec and Chromium columns to `target/e2e/observations-<engine>.md`.
//! `--scenario FILE.json` (repeatable) runs those scenarios instead of the catalog, into
//! `observations-<engine>-scenarios.*`. `--summary` combines the catalog files already
//! written into `target/e2e/engines.md`; `--docs` writes `docs/measurements/<engine>.md` from
//! them and from the difflab reports (`target/e2e/difflab-<engine>-<seed>.json`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use nocontent_e2e::args::{self, Command};
use nocontent_e2e::observe::{self, Run};
use nocontent_e2e::{report, Browser, Engine, Error, Installed};
use nocontent_engine::Scenario;

fn write(path: &std::path::Path, text: &str) -> Result<(), Error> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::new(format!("cannot create {}: {e}", dir.display())))?;
    }
    std::fs::write(path, text)
        .map_err(|e| Error::new(format!("cannot write {}: {e}", path.display())))
}

/// The scenarios of the files given with `--scenario`, each named after its file.
fn scenario_files(files: &[PathBuf]) -> Result<Vec<observe::Case>, Error> {
    files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::new(format!("cannot read {}: {e}", path.display())))?;
            let scenario = Scenario::from_json(&text)
                .map_err(|e| Error::new(format!("{}: {e}", path.display())))?;
            let id = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "scenario".into());
            observe::Case::new(&id, scenario)
        })
        .collect()
}

async fn observe_engine(
    engine: Engine,
    only: Option<&str>,
    files: &[PathBuf],
    quiet: bool,
) -> Result<bool, Error> {
    let started = Instant::now();
    // The control scenario runs first, so that its connection and cache results are seen
    // before anything depends on them.
    let mut cases = vec![observe::control_case()?];
    if files.is_empty() {
        cases.extend(observe::catalog_cases(only)?);
    } else {
        cases.extend(scenario_files(files)?);
    }
    let installed = Installed::locate(engine)?;
    let browser = Browser::start_installed(&installed).await?;
    println!(
        "{} ({}), driver {}, {} scenarios",
        browser.version.label,
        browser.version.full,
        installed.driver.display(),
        cases.len()
    );
    let run = observe::run(&browser, &installed, &cases, !quiet).await;
    browser.close().await;

    let dir = nocontent_e2e::out_dir();
    let json = serde_json::to_string_pretty(&run)
        .map_err(|e| Error::new(format!("cannot write the observations as JSON: {e}")))?;
    let suffix = match (only, files.is_empty()) {
        (Some(id), _) => format!("{}-{id}", engine.key()),
        (None, false) => format!("{}-scenarios", engine.key()),
        (None, true) => engine.key().to_string(),
    };
    let json_path = dir.join(format!("observations-{suffix}.json"));
    let md_path = dir.join(format!("observations-{suffix}.md"));
    write(&json_path, &(json + "\n"))?;
    write(&md_path, &report::run_markdown(&run))?;
    let compared: Vec<_> = run.observations.iter().flat_map(|o| &o.compared).collect();
    let off_prediction = compared
        .iter()
        .filter(|c| !c.not_measured() && !c.matches_prediction())
        .count();
    let unmeasured = compared.iter().filter(|c| c.not_measured()).count();
    let problems = run.problems.len()
        + run
            .observations
            .iter()
            .map(|o| o.problems.len())
            .sum::<usize>();
    println!(
        "{}: {} comparisons; {off_prediction} differ from the prediction for this engine, {unmeasured} not measured, {} differ from the spec column; {} harness problems; {:.0} s",
        run.version.label,
        compared.len(),
        compared.iter().filter(|c| !c.matches_spec()).count(),
        problems,
        started.elapsed().as_secs_f64()
    );
    println!("wrote {} and {}", json_path.display(), md_path.display());
    Ok(problems == 0)
}

/// Combines the observation files already written: the catalog runs into `engines.md`, the
/// `--scenario` runs into `engines-scenarios.md`.
fn summary() -> Result<(), Error> {
    let dir = nocontent_e2e::out_dir();
    let mut wrote = 0;
    for (suffix, name, title) in [
        ("", "engines.md", "The catalog"),
        ("-scenarios", "engines-scenarios.md", "The scenario files"),
    ] {
        let mut runs: Vec<Run> = Vec::new();
        for engine in Engine::ALL {
            let path = dir.join(format!("observations-{}{suffix}.json", engine.key()));
            let Ok(text) = std::fs::read_to_string(&path) else {
                println!("no {}", path.display());
                continue;
            };
            runs.push(
                serde_json::from_str(&text).map_err(|e| {
                    Error::new(format!("{} does not read back: {e}", path.display()))
                })?,
            );
        }
        if runs.is_empty() {
            continue;
        }
        let path = dir.join(name);
        write(&path, &report::engines_markdown(title, &runs))?;
        println!("wrote {}", path.display());
        wrote += 1;
    }
    if wrote == 0 {
        return Err(Error::new(
            "no observations to summarise: run `observe --engine E` first",
        ));
    }
    Ok(())
}

/// Writes `docs/measurements/<engine>.md` for every engine whose catalog observations exist,
/// with the difflab reports found beside them.
fn docs() -> Result<(), Error> {
    let dir = nocontent_e2e::out_dir();
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("docs")
        .join("measurements");
    let mut wrote = 0;
    for engine in Engine::ALL {
        let path = dir.join(format!("observations-{}.json", engine.key()));
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!(
                "no {}: run `observe --engine {engine}` first",
                path.display()
            );
            continue;
        };
        let run: Run = serde_json::from_str(&text)
            .map_err(|e| Error::new(format!("{} does not read back: {e}", path.display())))?;
        let mut labs: Vec<nocontent_e2e::difflab::Report> = Vec::new();
        let prefix = format!("difflab-{}-", engine.key());
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for file in files {
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            let Some(name) = name else { continue };
            if !(name.starts_with(&prefix) && name.ends_with(".json")) {
                continue;
            }
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Error::new(format!("cannot read {}: {e}", file.display())))?;
            labs.push(
                serde_json::from_str(&text).map_err(|e| {
                    Error::new(format!("{} does not read back: {e}", file.display()))
                })?,
            );
        }
        labs.sort_by_key(|l| l.seed);
        let page = docs.join(format!("{}.md", engine.key()));
        write(&page, &report::measurements_page(&run, &labs))?;
        println!("wrote {}", page.display());
        wrote += 1;
    }
    if wrote == 0 {
        return Err(Error::new(
            "no observations to write up: run `observe --engine E` first",
        ));
    }
    Ok(())
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args::parse(&args) {
        Ok(Command::Observe {
            engine,
            only,
            scenarios,
            quiet,
        }) => observe_engine(engine, only.as_deref(), &scenarios, quiet).await,
        Ok(Command::Summary) => summary().map(|()| true),
        Ok(Command::Docs) => docs().map(|()| true),
        Err(e) => Err(e),
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("observe: finished with harness problems (see the summary)");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("observe: {e}");
            ExitCode::FAILURE
        }
    }
}
