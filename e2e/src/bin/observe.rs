//! `cargo run -p nocontent-e2e --bin observe -- --engine chromium|firefox|webkit [--only ID]`
//!
//! Runs every catalog scenario (or one) in a real engine, writes what it did to
//! `target/e2e/observations-<engine>.json` and a Markdown summary of where it differs from the
//! engine crate's spec and Chromium columns to `target/e2e/observations-<engine>.md`.
//! `--summary` combines the files already written into `target/e2e/engines.md`.

use std::process::ExitCode;
use std::time::Instant;

use nocontent_e2e::args::{self, Command};
use nocontent_e2e::observe::{self, Run};
use nocontent_e2e::{report, Browser, Engine, Error, Installed};

fn write(path: &std::path::Path, text: &str) -> Result<(), Error> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::new(format!("cannot create {}: {e}", dir.display())))?;
    }
    std::fs::write(path, text)
        .map_err(|e| Error::new(format!("cannot write {}: {e}", path.display())))
}

async fn observe_engine(engine: Engine, only: Option<&str>, quiet: bool) -> Result<bool, Error> {
    let started = Instant::now();
    let cases = observe::catalog_cases(only)?;
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
    let suffix = match only {
        Some(id) => format!("{}-{id}", engine.key()),
        None => engine.key().to_string(),
    };
    let json_path = dir.join(format!("observations-{suffix}.json"));
    let md_path = dir.join(format!("observations-{suffix}.md"));
    write(&json_path, &(json + "\n"))?;
    write(&md_path, &report::run_markdown(&run))?;
    let compared: Vec<_> = run.observations.iter().flat_map(|o| &o.compared).collect();
    let off_chromium_today = compared
        .iter()
        .filter(|c| c.checked_today && !c.matches_chromium())
        .count();
    let problems = run.problems.len()
        + run
            .observations
            .iter()
            .map(|o| o.problems.len())
            .sum::<usize>();
    println!(
        "{}: {} comparisons; {} differ from the Chromium column ({} in fields tests/chromium_catalog.rs checks), {} from the spec column; {} harness problems; {:.0} s",
        run.version.label,
        compared.len(),
        compared.iter().filter(|c| !c.matches_chromium()).count(),
        off_chromium_today,
        compared.iter().filter(|c| !c.matches_spec()).count(),
        problems,
        started.elapsed().as_secs_f64()
    );
    println!("wrote {} and {}", json_path.display(), md_path.display());
    Ok(problems == 0)
}

fn summary() -> Result<(), Error> {
    let dir = nocontent_e2e::out_dir();
    let mut runs: Vec<Run> = Vec::new();
    for engine in Engine::ALL {
        let path = dir.join(format!("observations-{}.json", engine.key()));
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!(
                "no {} yet: run `observe --engine {}` first",
                path.display(),
                engine.key()
            );
            continue;
        };
        runs.push(
            serde_json::from_str(&text)
                .map_err(|e| Error::new(format!("{} does not read back: {e}", path.display())))?,
        );
    }
    if runs.is_empty() {
        return Err(Error::new("no observations to summarise"));
    }
    let path = dir.join("engines.md");
    write(&path, &report::engines_markdown(&runs))?;
    println!("wrote {}", path.display());
    Ok(())
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args::parse(&args) {
        Ok(Command::Observe {
            engine,
            only,
            quiet,
        }) => observe_engine(engine, only.as_deref(), quiet).await,
        Ok(Command::Summary) => summary().map(|()| true),
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
