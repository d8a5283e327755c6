//! `cargo xtask fuzz`: runs every cargo-fuzz target in `fuzz/` for a fixed time each.
//!
//! libFuzzer reads the small committed corpus in `fuzz/corpus/<target>` and writes what it
//! discovers into a scratch corpus under `target/fuzz/corpus/<target>`, so a run never grows
//! the committed files; `--keep-corpus` merges the scratch corpus back, minimized and capped.
//! cargo-fuzz needs nightly flags: the stable toolchain is used with `RUSTC_BOOTSTRAP=1`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::run::{self, Failure, Step};
use crate::{tools, Project};

/// Every target, with the longest input worth trying: a response head, a scenario, a link.
pub const TARGETS: &[(&str, usize)] = &[
    ("lint_raw", 4_096),
    ("scenario_json", 8_192),
    // The decoder refuses fragments over 8,000 characters before decoding anything.
    ("permalink", 8_200),
    // A pasted response or a small HAR entry.
    ("paste", 8_192),
];

/// The committed corpus stays reviewable: at most this many files per target.
pub const CORPUS_CAP: usize = 50;

const USAGE: &str =
    "fuzz [--seconds N] [--keep-corpus] [TARGET...]; targets: lint_raw, scenario_json, permalink, paste";

struct Options {
    seconds: u64,
    keep_corpus: bool,
    targets: Vec<(&'static str, usize)>,
}

fn parse_args(args: &[String]) -> Result<Options, Failure> {
    let mut options = Options {
        seconds: 60,
        keep_corpus: false,
        targets: Vec::new(),
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--seconds" => {
                let value = rest
                    .next()
                    .ok_or_else(|| Failure::new("--seconds needs a number"))?;
                options.seconds = value.parse().ok().filter(|&n| n > 0).ok_or_else(|| {
                    Failure::new(format!("--seconds: `{value}` is not a positive number"))
                })?;
            }
            "--keep-corpus" => options.keep_corpus = true,
            name => {
                let target = TARGETS.iter().find(|(t, _)| *t == name).ok_or_else(|| {
                    Failure::new(format!(
                        "unknown fuzz target or option `{name}`; usage: {USAGE}"
                    ))
                })?;
                options.targets.push(*target);
            }
        }
    }
    if options.targets.is_empty() {
        options.targets = TARGETS.to_vec();
    }
    Ok(options)
}

/// What one libFuzzer run reported.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub runs: u64,
    pub new_units: u64,
    /// The input that crashed it, as libFuzzer wrote it.
    pub artifact: Option<String>,
    /// The first line that says why (a panic message or a sanitizer error).
    pub reason: Option<String>,
}

/// Reads the run count, the crash artifact and its reason from libFuzzer's output.
pub fn parse_report(text: &str) -> Report {
    let mut report = Report::default();
    let number = |line: &str, prefix: &str| {
        line.strip_prefix(prefix)
            .and_then(|n| n.trim().parse::<u64>().ok())
    };
    for line in text.lines() {
        let line = line.trim();
        if let Some(n) = number(line, "stat::number_of_executed_units:") {
            report.runs = n;
        } else if let Some(n) = number(line, "stat::new_units_added:") {
            report.new_units = n;
        } else if let Some(n) = line
            .strip_prefix("Done ")
            .and_then(|r| r.split_whitespace().next())
            .and_then(|n| n.parse::<u64>().ok())
        {
            report.runs = report.runs.max(n);
        } else if let Some((_, path)) = line.split_once("Test unit written to ") {
            report
                .artifact
                .get_or_insert_with(|| path.trim().to_string());
        } else if report.reason.is_none()
            && (line.contains("panicked at")
                || line.starts_with("==") && line.contains("ERROR:")
                || line.contains("libFuzzer: timeout")
                || line.contains("out-of-memory"))
        {
            report.reason = Some(line.to_string());
        }
    }
    // A panic prints its location on one line and the message on the next.
    if let Some(reason) = &report.reason {
        if reason.contains("panicked at") {
            let mut lines = text.lines().map(str::trim);
            if lines.by_ref().any(|l| l == reason) {
                if let Some(message) = lines.next().filter(|l| !l.is_empty()) {
                    report.reason = Some(format!("{reason} {message}"));
                }
            }
        }
    }
    report
}

/// Groups digits in threes for reading: 12345678 → "12,345,678".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

struct Fuzzer {
    program: PathBuf,
    dir: PathBuf,
    target_dir: PathBuf,
    sanitizer: &'static str,
}

impl Fuzzer {
    fn command(&self, subcommand: &str) -> Command {
        let mut cmd = Command::new(&self.program);
        cmd.current_dir(&self.dir)
            .env("RUSTC_BOOTSTRAP", "1")
            .env_remove("CARGO_TARGET_DIR")
            .args([subcommand, "--sanitizer", self.sanitizer, "--target-dir"])
            .arg(&self.target_dir);
        cmd
    }
}

pub fn fuzz(project: &Project, args: &[String]) -> Result<(), Failure> {
    let options = parse_args(args)?;
    let started = Instant::now();
    let program = tools::ensure_cargo_fuzz(project)?;
    let logs = project.logs_dir();
    let mut fuzzer = Fuzzer {
        program,
        dir: project.root.join("fuzz"),
        target_dir: project.root.join("target").join("fuzz"),
        sanitizer: "address",
    };
    // AddressSanitizer needs the toolchain's sanitizer runtime; without it, fuzz unsanitized.
    let built = Step::quick("built the fuzz targets with AddressSanitizer", || {
        run::captured(
            fuzzer.command("build"),
            &logs.join("fuzz-build.log"),
            "cargo fuzz build",
        )
    });
    if let Err(why) = built {
        println!("  AddressSanitizer build failed ({why}); building without a sanitizer");
        fuzzer.sanitizer = "none";
        Step::quick("built the fuzz targets without a sanitizer", || {
            run::captured(
                fuzzer.command("build"),
                &logs.join("fuzz-build.log"),
                "cargo fuzz build --sanitizer none",
            )
        })?;
    }

    let mut crashed = Vec::new();
    for &(target, max_len) in &options.targets {
        let report = run_target(project, &fuzzer, target, max_len, options.seconds)?;
        if report.artifact.is_some() || report.reason.is_some() {
            crashed.push(target);
        }
        if options.keep_corpus && report.artifact.is_none() {
            Step::quick(
                &format!("merged the {target} corpus into fuzz/corpus/{target} (at most {CORPUS_CAP} files)"),
                || keep_corpus(project, &fuzzer, target),
            )?;
        }
    }
    println!(
        "{} fuzzed {} target(s) for {} s each in {}",
        if crashed.is_empty() { "✓" } else { "✗" },
        options.targets.len(),
        options.seconds,
        run::human(started.elapsed())
    );
    if crashed.is_empty() {
        Ok(())
    } else {
        Err(Failure::new(format!(
            "fuzzing found crashes in {} (inputs in fuzz/artifacts/; replay with `cargo fuzz run TARGET FILE` in fuzz/)",
            crashed.join(", ")
        )))
    }
}

fn scratch_corpus(project: &Project, target: &str) -> PathBuf {
    project.root.join("target/fuzz/corpus").join(target)
}

fn run_target(
    project: &Project,
    fuzzer: &Fuzzer,
    target: &str,
    max_len: usize,
    seconds: u64,
) -> Result<Report, Failure> {
    let scratch = scratch_corpus(project, target);
    let committed = project.root.join("fuzz/corpus").join(target);
    for dir in [&scratch, &committed] {
        fs::create_dir_all(dir)
            .map_err(|e| Failure::new(format!("cannot create {}: {e}", dir.display())))?;
    }
    let log = project.logs_dir().join(format!("fuzz-{target}.log"));
    let file = fs::File::create(&log)
        .map_err(|e| Failure::new(format!("cannot write {}: {e}", log.display())))?;
    let err = file
        .try_clone()
        .map_err(|e| Failure::new(format!("cannot write {}: {e}", log.display())))?;
    println!(
        "▸ fuzzing {target} for {seconds} s (log: {})",
        log.display()
    );
    let started = Instant::now();
    let mut cmd = fuzzer.command("run");
    // New inputs go to the first corpus folder: the scratch one.
    cmd.arg(target).arg(&scratch).arg(&committed).args([
        "--".to_string(),
        format!("-max_total_time={seconds}"),
        format!("-max_len={max_len}"),
        "-timeout=10".to_string(),
        "-print_final_stats=1".to_string(),
    ]);
    let mut child = cmd
        .stdout(Stdio::from(file))
        .stderr(Stdio::from(err))
        .stdin(Stdio::null())
        .spawn()
        .map_err(|e| Failure::new(format!("cannot run cargo fuzz: {e}")))?;
    // libFuzzer stops itself; this only guards against a wedged run.
    let deadline = Duration::from_secs(seconds + 600);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Failure::new(format!(
                    "fuzzing {target} did not stop within {} s (log: {})",
                    deadline.as_secs(),
                    log.display()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(250)),
            Err(e) => return Err(Failure::new(format!("cargo fuzz: {e}"))),
        }
    };
    let text = fs::read_to_string(&log).unwrap_or_default();
    let report = parse_report(&text);
    let took = run::human(started.elapsed());
    if let Some(artifact) = &report.artifact {
        println!(
            "✗ {target}: CRASH after {} runs: {} — input {artifact} ({took})",
            thousands(report.runs),
            report.reason.as_deref().unwrap_or("see the log"),
        );
    } else if !status.success() {
        return Err(Failure::new(format!(
            "fuzzing {target} failed: {} (log: {})",
            report
                .reason
                .or_else(|| run::first_error(&text))
                .unwrap_or_else(|| format!("exit status {status}")),
            log.display()
        )));
    } else {
        println!(
            "✓ {target}: {} runs, no crash, {} new inputs ({took})",
            thousands(report.runs),
            thousands(report.new_units)
        );
    }
    Ok(report)
}

/// Replaces the committed corpus with a minimized merge of it and the scratch corpus,
/// keeping an even spread of sizes when the merge is larger than [`CORPUS_CAP`].
fn keep_corpus(project: &Project, fuzzer: &Fuzzer, target: &str) -> Result<(), Failure> {
    let committed = project.root.join("fuzz/corpus").join(target);
    let merged = project.root.join("target/fuzz/merged").join(target);
    let _ = fs::remove_dir_all(&merged);
    fs::create_dir_all(&merged)
        .map_err(|e| Failure::new(format!("cannot create {}: {e}", merged.display())))?;
    let mut cmd = fuzzer.command("run");
    cmd.arg(target)
        .arg(&merged)
        .arg(&committed)
        .arg(scratch_corpus(project, target))
        .args(["--", "-merge=1"]);
    run::captured(
        cmd,
        &project.logs_dir().join(format!("fuzz-merge-{target}.log")),
        "libFuzzer -merge=1",
    )?;
    let mut files = list_files(&merged)?;
    files.sort_by_key(|(size, name)| (*size, name.clone()));
    let files = spread(files, CORPUS_CAP);
    if files.is_empty() {
        return Err(Failure::new(format!("the merged {target} corpus is empty")));
    }
    for (_, old) in list_files(&committed)? {
        fs::remove_file(&old)
            .map_err(|e| Failure::new(format!("cannot remove {}: {e}", old.display())))?;
    }
    for (_, path) in files {
        let name = path.file_name().unwrap_or_default();
        fs::copy(&path, committed.join(name))
            .map_err(|e| Failure::new(format!("cannot copy {}: {e}", path.display())))?;
    }
    Ok(())
}

/// At most `cap` items picked evenly from `items` (kept in order), first and last included.
pub fn spread<T>(items: Vec<T>, cap: usize) -> Vec<T> {
    let n = items.len();
    if n <= cap || cap == 0 {
        return if cap == 0 { Vec::new() } else { items };
    }
    let wanted: Vec<usize> = (0..cap)
        .map(|i| if cap == 1 { 0 } else { i * (n - 1) / (cap - 1) })
        .collect();
    items
        .into_iter()
        .enumerate()
        .filter(|(i, _)| wanted.binary_search(i).is_ok())
        .map(|(_, item)| item)
        .collect()
}

fn list_files(dir: &Path) -> Result<Vec<(u64, PathBuf)>, Failure> {
    let entries = fs::read_dir(dir)
        .map_err(|e| Failure::new(format!("cannot read {}: {e}", dir.display())))?;
    Ok(entries
        .flatten()
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            meta.is_file().then(|| (meta.len(), e.path()))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_clean_run() {
        let text = "INFO: Seed: 1\n#2 INITED cov: 10\nDone 161047 runs in 6 second(s)\nstat::number_of_executed_units: 161047\nstat::average_exec_per_sec:     26841\nstat::new_units_added:          1933\n";
        assert_eq!(
            parse_report(text),
            Report {
                runs: 161_047,
                new_units: 1_933,
                artifact: None,
                reason: None
            }
        );
    }

    #[test]
    fn reads_a_crash() {
        let text = "#1000 NEW cov: 12\n\nthread '<unnamed>' panicked at crates/engine/src/wire.rs:10:5:\nindex out of bounds: the len is 0 but the index is 0\n==1234== ERROR: libFuzzer: deadly signal\nartifact_prefix='/w/fuzz/artifacts/lint_raw/'; Test unit written to /w/fuzz/artifacts/lint_raw/crash-abc\nstat::number_of_executed_units: 1042\n";
        let report = parse_report(text);
        assert_eq!(report.runs, 1_042);
        assert_eq!(
            report.artifact.as_deref(),
            Some("/w/fuzz/artifacts/lint_raw/crash-abc")
        );
        assert_eq!(
            report.reason.as_deref(),
            Some("thread '<unnamed>' panicked at crates/engine/src/wire.rs:10:5: index out of bounds: the len is 0 but the index is 0")
        );
    }

    #[test]
    fn parses_options_and_groups_digits() {
        let args: Vec<String> = ["--seconds", "600", "permalink"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let options = parse_args(&args).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(options.seconds, 600);
        assert_eq!(options.targets, vec![("permalink", 8_200)]);
        assert!(parse_args(&["nope".to_string()]).is_err());
        assert_eq!(parse_args(&[]).map(|o| o.targets.len()).ok(), Some(4));
        assert_eq!(spread((0..10).collect(), 4), vec![0, 3, 6, 9]);
        assert_eq!(spread((0..3).collect(), 50), vec![0, 1, 2]);
        assert_eq!(spread((0..100).collect::<Vec<i32>>(), 50).len(), 50);
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(16_104_700), "16,104,700");
    }
}
