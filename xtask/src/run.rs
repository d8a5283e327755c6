//! Running steps: one status line per step, child output kept in logs, one-line failures.

use std::fmt;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A step that failed, reduced to one line a person can act on.
#[derive(Debug)]
pub struct Failure(String);

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure(message.into())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Prints what a step did and how long it took.
pub struct Step;

impl Step {
    /// Runs a step that is usually quick and reports it on one line when it ends.
    pub fn quick<T>(done: &str, work: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
        let started = Instant::now();
        let value = work()?;
        println!("✓ {done} ({})", human(started.elapsed()));
        Ok(value)
    }

    /// Announces a slow step before it starts, so nobody wonders whether it hangs.
    pub fn slow<T>(
        doing: &str,
        estimate: &str,
        done: &str,
        work: impl FnOnce() -> Result<T, Failure>,
    ) -> Result<T, Failure> {
        println!("▸ {doing} (first run on this machine only, about {estimate})");
        Step::quick(done, work)
    }
}

/// Formats a duration the way a person reads it: `850 ms`, `12.3 s`, `5 min 48 s`.
pub fn human(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 1.0 {
        format!("{} ms", d.as_millis())
    } else if secs < 60.0 {
        format!("{secs:.1} s")
    } else {
        format!("{} min {} s", d.as_secs() / 60, d.as_secs() % 60)
    }
}

fn open_log(log: &Path) -> Result<File, Failure> {
    if let Some(dir) = log.parent() {
        fs::create_dir_all(dir)
            .map_err(|e| Failure::new(format!("cannot create {}: {e}", dir.display())))?;
    }
    File::create(log).map_err(|e| Failure::new(format!("cannot write {}: {e}", log.display())))
}

/// Runs a command with all its output going to `log`; on failure, returns the first
/// compiler-style error found in the log as a single line.
pub fn captured(mut cmd: Command, log: &Path, what: &str) -> Result<(), Failure> {
    let file = open_log(log)?;
    let err_file = file
        .try_clone()
        .map_err(|e| Failure::new(format!("cannot write {}: {e}", log.display())))?;
    let program = cmd.get_program().to_string_lossy().into_owned();
    let status = cmd
        .stdout(Stdio::from(file))
        .stderr(Stdio::from(err_file))
        .stdin(Stdio::null())
        .status()
        .map_err(|e| Failure::new(format!("{what}: cannot run `{program}`: {e}")))?;
    if status.success() {
        return Ok(());
    }
    let text = fs::read_to_string(log).unwrap_or_default();
    Err(Failure::new(format!(
        "{what} failed: {} (full log: {})",
        first_error(&text).unwrap_or_else(|| format!("exit status {status}")),
        log.display()
    )))
}

/// Runs a command and returns what it printed on stdout; its stderr goes to `log`, and a
/// failure comes back as one line like [`captured`]'s.
pub fn output(mut cmd: Command, log: &Path, what: &str) -> Result<String, Failure> {
    let err_file = open_log(log)?;
    let program = cmd.get_program().to_string_lossy().into_owned();
    let out = cmd
        .stderr(Stdio::from(err_file))
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Failure::new(format!("{what}: cannot run `{program}`: {e}")))?;
    if out.status.success() {
        return String::from_utf8(out.stdout)
            .map_err(|_| Failure::new(format!("{what} printed text that is not UTF-8")));
    }
    let text = fs::read_to_string(log).unwrap_or_default();
    Err(Failure::new(format!(
        "{what} failed: {} (full log: {})",
        first_error(&text).unwrap_or_else(|| format!("exit status {}", out.status)),
        log.display()
    )))
}

/// Finds the first error in cargo, rustc, rustfmt or trunk output and folds it, with its
/// source location when there is one, into one line.
pub fn first_error(text: &str) -> Option<String> {
    let clean: Vec<String> = text.lines().map(strip_ansi).collect();
    // rustfmt --check prints "Diff in /path/file.rs:12:" for each difference.
    if let Some(diff) = clean.iter().find(|l| l.starts_with("Diff in ")) {
        return Some(format!(
            "formatting differs: {}",
            diff.trim_start_matches("Diff in ").trim_end_matches(':')
        ));
    }
    // Trunk reports a failure as a numbered chain of causes; the last is the root cause.
    let trunk_cause = clean.iter().rev().find_map(|l| {
        let (_, rest) = l.split_once(" INFO ")?;
        let (number, cause) = rest.trim_start().split_once(": ")?;
        number
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| cause.trim().to_string())
    });
    let compiler_error = clean
        .iter()
        .any(|l| l.starts_with("error[") || l.starts_with("error:"));
    if let (Some(cause), false) = (&trunk_cause, compiler_error) {
        return Some(cause.clone());
    }
    let is_error = |l: &str| {
        (l.starts_with("error")
            && !l.starts_with("error: could not compile")
            && !l.starts_with("error: aborting"))
            || l.contains(" ERROR ")
    };
    let index = clean.iter().position(|l| is_error(l))?;
    let headline = clean[index].trim().to_string();
    let location = clean
        .iter()
        .skip(index + 1)
        .take(4)
        .find_map(|l| l.trim_start().strip_prefix("--> ").map(str::to_string));
    Some(match location {
        Some(at) => format!("{at}: {headline}"),
        None => headline,
    })
}

fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // Skip a CSI sequence: ESC '[' parameters final-byte.
            for next in chars.by_ref() {
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Counts from every `cargo test` run, for one closing line over all of them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TestTotals {
    pub passed: u64,
    pub failed: u64,
    pub ignored: u64,
    pub filtered: u64,
}

impl TestTotals {
    /// Adds the counts of one `test result:` line (cargo test) or one `# pass N` / `# fail N`
    /// line (node's test runner, TAP reporter); other lines are ignored.
    pub fn add_line(&mut self, line: &str) {
        let tap = |label: &str| {
            line.strip_prefix(label)
                .and_then(|n| n.trim().parse::<u64>().ok())
        };
        if let Some(n) = tap("# pass ") {
            self.passed += n;
            return;
        }
        if let Some(n) = tap("# fail ") {
            self.failed += n;
            return;
        }
        // "test result: ok. 3 passed; ..." — drop the verdict before the counts.
        let Some((_, rest)) = line
            .trim()
            .strip_prefix("test result: ")
            .and_then(|r| r.split_once(". "))
        else {
            return;
        };
        // Each part reads "<count> <label>", e.g. "3 passed" or "2 filtered out".
        for part in rest.split(';') {
            let mut words = part.split_whitespace();
            let Some(n) = words.next().and_then(|w| w.parse::<u64>().ok()) else {
                continue;
            };
            match words.next().unwrap_or_default() {
                "passed" => self.passed += n,
                "failed" => self.failed += n,
                "ignored" => self.ignored += n,
                "filtered" => self.filtered += n,
                _ => {}
            }
        }
    }

    pub fn print_summary(&self, elapsed: Duration) {
        let verdict = if self.failed == 0 { "ok" } else { "FAILED" };
        println!(
            "test result: {verdict}. {} passed; {} failed; {} ignored; 0 measured; {} filtered out; finished in {:.2}s",
            self.passed,
            self.failed,
            self.ignored,
            self.filtered,
            elapsed.as_secs_f64()
        );
    }
}

/// Runs `cargo test`, showing the test lines as they come and keeping compiler output in
/// `log`; adds the result counts to `totals`.
pub fn tests(mut cmd: Command, log: &Path, totals: &mut TestTotals) -> Result<(), Failure> {
    let err_file = open_log(log)?;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::from(err_file))
        .stdin(Stdio::null())
        .spawn()
        .map_err(|e| Failure::new(format!("cannot run cargo test: {e}")))?;
    let mut seen_any = false;
    if let Some(out) = child.stdout.take() {
        let stdout = std::io::stdout();
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if line.trim().is_empty() {
                continue;
            }
            seen_any |= line.starts_with("test result:") || line.starts_with("# pass ");
            totals.add_line(&line);
            let mut lock = stdout.lock();
            let _ = writeln!(lock, "{line}");
        }
    }
    let status = child
        .wait()
        .map_err(|e| Failure::new(format!("cargo test: {e}")))?;
    if status.success() {
        return Ok(());
    }
    let text = fs::read_to_string(log).unwrap_or_default();
    let reason = if seen_any {
        "some tests failed (see above)".to_string()
    } else {
        first_error(&text).unwrap_or_else(|| format!("exit status {status}"))
    };
    Err(Failure::new(format!(
        "cargo test: {reason} (compiler output: {})",
        log.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_error(log: &str, expected: Option<&str>) {
        assert_eq!(first_error(log).as_deref(), expected);
    }

    #[test]
    fn folds_compiler_errors_into_one_line() {
        check_error(
            "   Compiling nocontent v0.1.0\nerror[E0425]: cannot find value `x` in this scope\n  --> src/lib.rs:12:5\n   |\nerror: could not compile `nocontent`\n",
            Some("src/lib.rs:12:5: error[E0425]: cannot find value `x` in this scope"),
        );
        check_error(
            "error: no such command: `trunk`\n",
            Some("error: no such command: `trunk`"),
        );
        check_error(
            "Diff in /w/src/lib.rs:3:\n-fn a(){}\n",
            Some("formatting differs: /w/src/lib.rs:3"),
        );
        check_error(
            "\u{1b}[1m\u{1b}[31merror\u{1b}[0m: linking failed\n",
            Some("error: linking failed"),
        );
        check_error("all good\n", None);
        check_error(
            "2026-11-21T11:03:11Z ERROR ❌ error\n  0: backtrace\n2026-11-21T11:03:11Z  INFO   1: HTML build pipeline failed\n2026-11-21T11:03:11Z  INFO   2: couldn't find application wasm-bindgen (version: 0.2.130), unable to download in offline mode\n",
            Some("couldn't find application wasm-bindgen (version: 0.2.130), unable to download in offline mode"),
        );
    }

    fn check_totals(lines: &[&str], expected: TestTotals) {
        let mut totals = TestTotals::default();
        for line in lines {
            totals.add_line(line);
        }
        assert_eq!(totals, expected);
    }

    #[test]
    fn adds_up_result_lines() {
        check_totals(
            &[
                "test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 2 filtered out; finished in 0.01s",
                "running 4 tests",
                "test result: FAILED. 5 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.20s",
            ],
            TestTotals { passed: 8, failed: 2, ignored: 1, filtered: 2 },
        );
    }

    #[test]
    fn adds_up_node_tap_summaries() {
        check_totals(
            &["ok 1 - a", "# pass 2", "# fail 1", "# passed 9", "#pass 4"],
            TestTotals {
                passed: 2,
                failed: 1,
                ignored: 0,
                filtered: 0,
            },
        );
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human(Duration::from_millis(850)), "850 ms");
        assert_eq!(human(Duration::from_millis(12_340)), "12.3 s");
        assert_eq!(human(Duration::from_secs(348)), "5 min 48 s");
    }
}
