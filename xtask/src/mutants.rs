//! `cargo xtask mutants [--shard K/N] [--package NAME]... [--timeout S]`: how much of the
//! engine and the presentation crate the test suite really checks, measured with
//! cargo-mutants (pinned in the tool cache): each mutant is a small change to the code
//! (`>` into `>=`, a function body replaced by a default), and a good suite fails on it.
//!
//! The tests run for each mutant are native: the engine's own for the engine, and for the
//! presentation crate its own and the app's component tests, which render what it says
//! (`test_packages`); the property tests run 200 cases instead of 2,000, and the browser
//! tests never run. So the share caught is a floor.
//!
//! `--shard K/N` runs every N-th mutant, starting at the K-th, so a sample or one part of a
//! full run fits in the time at hand. Each crate's run goes to
//! `target/mutants/<package>-<shard>/`; the summary (caught, missed, timeouts, unviable and
//! the share caught) goes to stdout, with every survivor.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::run::{self, Failure, Step};
use crate::{tools, Project};

/// The crates measured by default: the HTTP model and what the views say.
pub const PACKAGES: &[&str] = &["nocontent-engine", "nocontent-explain"];

/// Cases per property test in each mutant's run (`crates/engine/tests/properties.rs`).
pub const PROPTEST_CASES: u32 = 200;

const USAGE: &str =
    "mutants [--shard K/N] [--package NAME]... [--timeout SECONDS]; packages: nocontent-engine, nocontent-explain";

#[derive(Debug, PartialEq, Eq)]
struct Options {
    /// `(k, n)` with `k < n`.
    shard: Option<(u32, u32)>,
    packages: Vec<String>,
    timeout: u32,
}

fn parse_args(args: &[String]) -> Result<Options, Failure> {
    let mut options = Options {
        shard: None,
        packages: Vec::new(),
        timeout: 120,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |what: &str| {
            rest.next()
                .cloned()
                .ok_or_else(|| Failure::new(format!("{arg} needs {what}; usage: {USAGE}")))
        };
        match arg.as_str() {
            "--shard" => {
                let text = value("K/N")?;
                options.shard = Some(parse_shard(&text).ok_or_else(|| {
                    Failure::new(format!(
                        "--shard: `{text}` is not K/N with 0 ≤ K < N (for example 0/10)"
                    ))
                })?);
            }
            "--package" => {
                let name = value("a package name")?;
                if !PACKAGES.contains(&name.as_str()) {
                    return Err(Failure::new(format!(
                        "--package: `{name}` is not measured; usage: {USAGE}"
                    )));
                }
                options.packages.push(name);
            }
            "--timeout" => {
                let text = value("a number of seconds")?;
                options.timeout = text.parse().ok().filter(|&n| n > 0).ok_or_else(|| {
                    Failure::new(format!("--timeout: `{text}` is not a positive number"))
                })?;
            }
            other => {
                return Err(Failure::new(format!(
                    "unknown option `{other}`; usage: {USAGE}"
                )))
            }
        }
    }
    if options.packages.is_empty() {
        options.packages = PACKAGES.iter().map(|p| p.to_string()).collect();
    }
    Ok(options)
}

fn parse_shard(text: &str) -> Option<(u32, u32)> {
    let (k, n) = text.split_once('/')?;
    let (k, n) = (k.trim().parse().ok()?, n.trim().parse().ok()?);
    (k < n).then_some((k, n))
}

/// The counts cargo-mutants writes in `outcomes.json`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub total: u64,
    pub caught: u64,
    pub missed: u64,
    pub timeout: u64,
    pub unviable: u64,
}

impl Summary {
    fn add(&mut self, other: &Summary) {
        self.total += other.total;
        self.caught += other.caught;
        self.missed += other.missed;
        self.timeout += other.timeout;
        self.unviable += other.unviable;
    }

    /// Caught (a timeout counts as caught: the mutant made the tests hang) among the viable.
    pub fn caught_share(&self) -> Option<f64> {
        let viable = self.caught + self.missed + self.timeout;
        (viable > 0).then(|| (self.caught + self.timeout) as f64 / viable as f64)
    }
}

/// Reads the counts from cargo-mutants' `outcomes.json`.
pub fn read_summary(json: &str) -> Result<Summary, String> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("outcomes.json: {e}"))?;
    let count = |key: &str| {
        value
            .get(key)
            .and_then(|v| v.as_u64())
            .ok_or_else(|| format!("outcomes.json has no count `{key}`"))
    };
    Ok(Summary {
        total: count("total_mutants")?,
        caught: count("caught")?,
        missed: count("missed")?,
        timeout: count("timeout")?,
        unviable: count("unviable")?,
    })
}

/// The packages whose tests run for a mutant of `package`: its own, and for the
/// presentation crate also the app's component tests, which render what it says.
pub fn test_packages(package: &str) -> Vec<&'static str> {
    match package {
        "nocontent-explain" => vec!["nocontent-explain", "nocontent"],
        _ => vec!["nocontent-engine"],
    }
}

pub fn mutants(project: &Project, args: &[String]) -> Result<(), Failure> {
    let options = parse_args(args)?;
    let started = Instant::now();
    let program = tools::ensure_cargo_mutants(project)?;
    let shard_name = options
        .shard
        .map_or("all".to_string(), |(k, n)| format!("{k}-of-{n}"));
    println!(
        "  cargo-mutants on {} ({}); each mutant builds and runs native tests, so every mutant of both crates takes many hours on 2 cores: use --shard",
        options.packages.join(", "),
        options
            .shard
            .map_or("every mutant".to_string(), |(k, n)| format!("shard {k}/{n}"))
    );
    let mut total = Summary::default();
    for package in &options.packages {
        let out = project
            .root
            .join("target")
            .join("mutants")
            .join(format!("{package}-{shard_name}"));
        fs::create_dir_all(&out).map_err(|e| Failure::new(format!("{}: {e}", out.display())))?;
        let mut cmd = Command::new(&program);
        cmd.current_dir(&project.root)
            .env_remove("CARGO_TARGET_DIR")
            // The property tests run 2,000 cases each (about 30 s); per mutant a tenth of that
            // keeps the run to hours, not days, and still tries every generator's shapes.
            .env("NOCONTENT_PROPTEST_CASES", PROPTEST_CASES.to_string())
            .args(["mutants", "--no-shuffle", "--colors", "never", "--timeout"])
            .arg(options.timeout.to_string())
            .arg("--output")
            .arg(&out)
            .args(["--package", package]);
        for tested in test_packages(package) {
            cmd.args(["--test-package", tested]);
        }
        if let Some((k, n)) = options.shard {
            // Round robin, so a shard is a sample spread over every file (cargo-mutants'
            // default gives each shard one consecutive slice, a few files only).
            cmd.arg("--shard")
                .arg(format!("{k}/{n}"))
                .args(["--sharding", "round-robin"]);
        }
        let log = project
            .logs_dir()
            .join(format!("mutants-{package}-{shard_name}.log"));
        let outcomes = out.join("mutants.out").join("outcomes.json");
        // cargo-mutants exits non-zero when a mutant is missed: that is a result, not a failure.
        Step::quick(
            &format!(
                "ran cargo-mutants on {package} (tests of {})",
                test_packages(package).join(", ")
            ),
            || {
                run::captured(cmd, &log, "cargo mutants").or_else(|why| {
                    if outcomes.is_file() {
                        Ok(())
                    } else {
                        Err(why)
                    }
                })
            },
        )?;
        let text = fs::read_to_string(&outcomes)
            .map_err(|e| Failure::new(format!("{}: {e}", outcomes.display())))?;
        let summary = read_summary(&text).map_err(Failure::new)?;
        println!("  {package}:");
        print_summary(&summary, Some(&out.join("mutants.out")));
        total.add(&summary);
    }
    if options.packages.len() > 1 {
        println!("  together:");
        print_summary(&total, None);
    }
    println!(
        "  {} in {}; files in target/mutants/",
        if total.caught_share().is_some_and(|s| s >= 0.9) {
            "✓ at least 90 % caught"
        } else {
            "✗ under 90 % caught"
        },
        run::human(started.elapsed()),
    );
    Ok(())
}

/// The counts and the share caught; with `dir`, one run's folder, also its survivors.
fn print_summary(s: &Summary, dir: Option<&Path>) {
    println!(
        "  {} mutants: {} caught, {} missed, {} timed out, {} unviable",
        s.total, s.caught, s.missed, s.timeout, s.unviable
    );
    if let Some(share) = s.caught_share() {
        println!("  caught {:.1} % of the viable mutants", share * 100.0);
    }
    let missed = dir.and_then(|d| fs::read_to_string(d.join("missed.txt")).ok());
    for line in missed
        .iter()
        .flat_map(|m| m.lines())
        .filter(|l| !l.trim().is_empty())
    {
        println!("  missed: {line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reads_shards_packages_and_timeouts() {
        let o = parse_args(&args(&["--shard", "3/10", "--package", "nocontent-engine"])).unwrap();
        assert_eq!(o.shard, Some((3, 10)));
        assert_eq!(o.packages, vec!["nocontent-engine".to_string()]);
        assert_eq!(o.timeout, 120);
        let all = parse_args(&[]).unwrap();
        assert_eq!((all.shard, all.packages.len()), (None, PACKAGES.len()));
        for bad in [
            &["--shard", "10/10"][..],
            &["--shard", "x"],
            &["--shard"],
            &["--package", "nocontent"],
            &["--timeout", "0"],
            &["--fast"],
        ] {
            assert!(parse_args(&args(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_share_counts_timeouts_as_caught_and_leaves_out_unviable_mutants() {
        let json = r#"{"total_mutants": 20, "caught": 14, "missed": 2, "timeout": 2, "unviable": 2, "success": 0, "failure": 0, "outcomes": []}"#;
        let s = read_summary(json).unwrap();
        assert_eq!(
            s,
            Summary {
                total: 20,
                caught: 14,
                missed: 2,
                timeout: 2,
                unviable: 2
            }
        );
        assert_eq!(s.caught_share(), Some(16.0 / 18.0));
        assert!(read_summary("{}").is_err());
        assert_eq!(Summary::default().caught_share(), None);
    }
}
