//! `cargo xtask bench`: the quality targets of the app, measured rather than asserted.
//!
//! xtask builds what is measured: the release app (`dist/`) and a minimal Yew counter
//! (`bench/counter`, same toolchain and profile). The measuring itself is the browser
//! harness's (`nocontent-e2e`, its `bench` binary and `bench` module): sizes, load times,
//! keystroke latency and memory in headless Chromium, one table on stdout and
//! `target/bench/latest.json`. It runs as a separate program so that xtask, built on every
//! `cargo xtask` call, does not compile a WebDriver client, an async runtime and compressors.
//!
//! Missed targets are reported in the table; the task fails only when it cannot measure.

use std::process::Command;
use std::time::Instant;

use crate::run::{self, Failure, Step};
use crate::{tools, Project};

/// `cargo run` of the harness's bench binary, with its arguments to follow.
fn bench_command(kit: &tools::Kit, project: &Project) -> Command {
    let mut cmd = kit.cargo(project);
    cmd.args(["run", "-q", "-p", "nocontent-e2e", "--bin", "bench", "--"]);
    cmd
}

pub fn bench(project: &Project, args: &[String]) -> Result<(), Failure> {
    let started = Instant::now();
    let kit = crate::setup(project)?;
    let logs = project.logs_dir();
    // The options are checked before the builds, which take a minute.
    Step::quick(
        "built the bench (nocontent-e2e) and checked its options",
        || {
            let mut cmd = bench_command(&kit, project);
            cmd.arg("--check").args(args);
            run::captured(cmd, &logs.join("bench-build.log"), "the bench")
        },
    )?;
    crate::dist(project, &kit)?;
    let out_dir = project.root.join("target").join("bench");
    let counter_dist = out_dir.join("counter-dist");
    Step::quick(
        "built the counter app into target/bench/counter-dist",
        || {
            let mut cmd = kit.trunk(project);
            cmd.current_dir(project.root.join("bench").join("counter"))
                .args(["build", "--release", "--public-url", "./", "--dist"])
                .arg(&counter_dist);
            run::captured(
                cmd,
                &logs.join("bench-counter-build.log"),
                "release build of the counter app",
            )
        },
    )?;
    let browser = kit.browser(project)?;
    let mut cmd = bench_command(&kit, project);
    cmd.arg("--app")
        .arg(project.dist_dir())
        .arg("--counter")
        .arg(&counter_dist)
        .arg("--out")
        .arg(&out_dir)
        .args(args)
        .env("CHROMIUM", &browser.chromium)
        .env("CHROMEDRIVER", &browser.chromedriver);
    // The bench prints its own steps and the table.
    let status = cmd
        .status()
        .map_err(|e| Failure::new(format!("cannot start the bench: {e}")))?;
    if !status.success() {
        return Err(Failure::new(format!(
            "the bench could not measure ({status}); its error is above"
        )));
    }
    println!("✓ bench done in {}", run::human(started.elapsed()));
    Ok(())
}
