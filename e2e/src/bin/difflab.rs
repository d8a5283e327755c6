//! `cargo run -p nocontent-e2e --bin difflab -- --engine chromium|firefox|webkit --n N --seed S`
//! (what `cargo xtask difflab` runs).
//!
//! Generates N random valid scenarios from the seed, replays each byte for byte in the real
//! engine with every probe that applies, compares field by field with the engine crate's
//! claims for that engine, prints the table of fields that were off (one example each) and the
//! share of scenarios fully predicted, and writes the report to
//! `target/e2e/difflab-<engine>-<seed>.md` (and `.json`).

use std::process::ExitCode;

use nocontent_e2e::difflab::{self, Options};
use nocontent_e2e::{Engine, Error};

const USAGE: &str = "difflab --engine chromium|firefox|webkit [--n N] [--seed S] [--only ID] [--verbose]\n       difflab --recompare REPORT.json   (the recorded run against the engine crate as it is now)";

fn parse(args: &[String]) -> Result<Options, Error> {
    let mut options = Options {
        engine: Engine::Chromium,
        n: 300,
        seed: 1,
        verbose: false,
        only: None,
    };
    let mut engine = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |what: &str| {
            rest.next()
                .cloned()
                .ok_or_else(|| Error::new(format!("{arg} needs {what}; usage: {USAGE}")))
        };
        match arg.as_str() {
            "--engine" => engine = Some(nocontent_e2e::engine::parse(&value("an engine")?)?),
            "--n" => {
                let v = value("a number")?;
                options.n = v
                    .parse()
                    .map_err(|_| Error::new(format!("--n: `{v}` is not a number")))?;
            }
            "--seed" => {
                let v = value("a number")?;
                options.seed = v
                    .parse()
                    .map_err(|_| Error::new(format!("--seed: `{v}` is not a number")))?;
            }
            "--verbose" => options.verbose = true,
            "--only" => options.only = Some(value("a scenario id")?),
            "-h" | "--help" => return Err(Error::new(USAGE)),
            other => {
                return Err(Error::new(format!(
                    "unknown argument `{other}`; usage: {USAGE}"
                )))
            }
        }
    }
    options.engine = engine.ok_or_else(|| Error::new(format!("which engine? usage: {USAGE}")))?;
    Ok(options)
}

/// Reads a report, compares its observations with the current claims, prints the result.
fn recompare(path: &str) -> ExitCode {
    let report = std::fs::read_to_string(path)
        .map_err(|e| Error::new(format!("cannot read {path}: {e}")))
        .and_then(|text| {
            serde_json::from_str::<difflab::Report>(&text)
                .map_err(|e| Error::new(format!("{path} is not a difflab report: {e}")))
        })
        .and_then(difflab::recompare);
    match report {
        Ok(report) => {
            println!("{}", report.markdown());
            println!(
                "{}: seed {}: {} of {} scenarios fully predicted ({:.1} %), recompared",
                report.version.label,
                report.seed,
                report.fully_predicted(),
                report.outcomes.len(),
                report.share()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("difflab: {e}");
            ExitCode::FAILURE
        }
    }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, path] = args.as_slice() {
        if flag == "--recompare" {
            return recompare(path);
        }
    }
    let options = match parse(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("difflab: {e}");
            return ExitCode::from(2);
        }
    };
    let report = match difflab::run(&options).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("difflab: {e}");
            return ExitCode::FAILURE;
        }
    };
    let text = report.markdown();
    let dir = nocontent_e2e::out_dir();
    let name = format!("difflab-{}-{}", options.engine.key(), options.seed);
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join(format!("{name}.md")), &text))
        .and_then(|()| {
            std::fs::write(
                dir.join(format!("{name}.json")),
                serde_json::to_string_pretty(&report).unwrap_or_default(),
            )
        });
    println!("\n{text}");
    match written {
        Ok(()) => println!("wrote {}", dir.join(format!("{name}.md")).display()),
        Err(e) => eprintln!(
            "difflab: cannot write the report into {}: {e}",
            dir.display()
        ),
    }
    println!(
        "{}: seed {}: {} of {} scenarios fully predicted ({:.1} %) in {:.0} s",
        report.version.label,
        report.seed,
        report.fully_predicted(),
        report.outcomes.len(),
        report.share(),
        report.seconds
    );
    ExitCode::SUCCESS
}
