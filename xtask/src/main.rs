//! `cargo xtask`: every chore of the project (setup, serve, test, dist) as one command.
//!
//! The first run on a fresh machine installs what is missing: pinned tools into a per-user
//! cache outside the checkout (see `cache.rs`), the browsers through apt. A second run, or a
//! fresh clone on the same machine, installs nothing.
//! Each step prints one line saying what it did and how long it took; a failing step prints
//! one line naming the problem and the log that holds the details.

mod bench;
mod cache;
mod csp;
mod fuzz;
mod mutants;
mod prerender;
mod run;
mod ship;
mod tidy;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use run::{Failure, Step};

const USAGE: &str = "\
usage: cargo xtask <task> [options]

tasks:
  setup                      install everything the other tasks need (idempotent)
  serve [--port N] [--release]
                             serve the app at http://127.0.0.1:8080, rebuilding on change
  test [--skip-lint] [FILTER]
                             fmt, clippy, native tests, release build, browser tests;
                             FILTER is passed to every `cargo test` run
  dist                       release build into dist/ that works from any sub-path
  lab [--port N]             build dist/, then serve the app and the byte-exact lab server
                             (nocontent serve) on one origin, default http://127.0.0.1:8081
  bench [--loads N] [--edits N] [--memory-edits N]
                             release build, then size, load time (median of N=15 loads),
                             keystroke latency (200 edits) and memory (1000 edits) against
                             the targets; one table on stdout, JSON in target/bench/
  difflab --engine chromium|firefox|webkit [--n N] [--seed S] [--only ID] [--verbose]
                             N random valid scenarios (default 300, seed 1) sent byte for
                             byte to the real engine, every probe run, each field compared
                             with the engine crate's claim; prints the mismatches by field
                             (one example each) and the share fully predicted; the report
                             goes to target/e2e/difflab-<engine>-<seed>.md
  fuzz [--seconds N] [--keep-corpus] [TARGET...]
                             run each cargo-fuzz target (lint_raw, scenario_json, permalink,
                             paste) for N seconds (default 60); --keep-corpus merges new
                             inputs into fuzz/corpus, minimized and capped
  mutants [--shard K/N] [--package NAME]... [--timeout S]
                             cargo-mutants over the engine and the presentation crate (or
                             the packages named): the share of viable mutants the native
                             tests catch, and every survivor; --shard K/N runs every N-th
                             mutant from the K-th, to sample or split a run of hours
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("setup") => setup_task(&Project::locate()),
        Some("serve") => serve(&Project::locate(), &args[1..]),
        Some("test") => test(&Project::locate(), &args[1..]),
        Some("dist") => dist_task(&Project::locate()),
        Some("lab") => lab(&Project::locate(), &args[1..]),
        Some("bench") => bench::bench(&Project::locate(), &args[1..]),
        Some("fuzz") => fuzz::fuzz(&Project::locate(), &args[1..]),
        Some("mutants") => mutants::mutants(&Project::locate(), &args[1..]),
        Some("difflab") => difflab(&Project::locate(), &args[1..]),
        Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure::new(format!(
            "unknown task `{other}`; run `cargo xtask help`"
        ))),
        None => Err(Failure::new("no task given; run `cargo xtask help`")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::FAILURE
        }
    }
}

/// Where things are in the checkout.
pub struct Project {
    pub root: PathBuf,
}

impl Project {
    fn locate() -> Project {
        // xtask/Cargo.toml sits one level below the workspace root.
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let root = manifest.parent().map(Path::to_path_buf).unwrap_or(manifest);
        Project { root }
    }

    pub fn logs_dir(&self) -> PathBuf {
        self.root.join("target").join("xtask")
    }

    pub fn dist_dir(&self) -> PathBuf {
        self.root.join("dist")
    }

    /// Where `cargo xtask serve` builds: a development build, never shipped.
    pub fn serve_dir(&self) -> PathBuf {
        self.root.join("target").join("serve-dist")
    }
}

/// `cargo xtask setup`: everything every task needs, browsers included, then one line
/// saying what was installed.
fn setup_task(project: &Project) -> Result<(), Failure> {
    let started = std::time::Instant::now();
    let kit = setup(project)?;
    kit.browser(project)?;
    clients_and_frameworks(project, &kit)?;
    let installed = tools::installed();
    let what = if installed.is_empty() {
        "nothing to install, every tool was ready".to_string()
    } else {
        format!("installed {}", installed.join(", "))
    };
    println!("✓ setup done in {}: {what}", run::human(started.elapsed()));
    Ok(())
}

/// The HTTP clients and server frameworks the client and framework tests run (curl, axios,
/// requests and httpx; Express, Flask, DRF, FastAPI, axum, actix-web, Go's net/http), pinned,
/// by the harness's own installer (`e2e/src/install.rs`), which prints one line per step with
/// its time and says before a slow step how long it takes.
fn clients_and_frameworks(project: &Project, kit: &tools::Kit) -> Result<(), Failure> {
    for (bin, what) in [
        ("clients", "the HTTP clients"),
        ("frameworks", "the server frameworks"),
    ] {
        Step::quick(&format!("installed {what} (pinned)"), || {
            let mut cmd = kit.cargo(project);
            cmd.args([
                "run",
                "-q",
                "-p",
                "nocontent-e2e",
                "--bin",
                bin,
                "--",
                "--setup",
            ]);
            let status = cmd
                .status()
                .map_err(|e| Failure::new(format!("could not start cargo run --bin {bin}: {e}")))?;
            if status.success() {
                Ok(())
            } else {
                Err(Failure::new(format!(
                    "installing {what} failed ({status}); the logs are in target/e2e/setup/"
                )))
            }
        })?;
    }
    Ok(())
}

/// Installs everything and returns the ready toolchain and tools.
fn setup(project: &Project) -> Result<tools::Kit, Failure> {
    let kit = tools::ensure_all(project)?;
    Step::quick("fetched crates for offline builds", || {
        kit.cargo_fetch(project)
    })?;
    Ok(kit)
}

fn serve(project: &Project, args: &[String]) -> Result<(), Failure> {
    let mut port: u16 = 8080;
    let mut release = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--release" => release = true,
            "--port" => {
                let value = rest
                    .next()
                    .ok_or_else(|| Failure::new("--port needs a number"))?;
                port = value
                    .parse()
                    .map_err(|_| Failure::new(format!("--port: `{value}` is not a port number")))?;
            }
            other => return Err(Failure::new(format!("serve: unknown option `{other}`"))),
        }
    }
    if std::net::TcpListener::bind(("127.0.0.1", port)).is_err() {
        return Err(Failure::new(format!(
            "port {port} on 127.0.0.1 is already in use; stop what holds it or pass --port N"
        )));
    }
    let kit = setup(project)?;
    println!("▸ serving http://127.0.0.1:{port}/ (Ctrl-C stops; edits rebuild and reload)");
    let mut cmd = kit.trunk(project);
    // Its own folder, never dist/: a development build (absolute URLs, the live-reload script,
    // no CSP) must not be left where a release is expected.
    cmd.args([
        "serve",
        "--port",
        &port.to_string(),
        "--address",
        "127.0.0.1",
        "--dist",
    ])
    .arg(project.serve_dir());
    if release {
        cmd.arg("--release");
    }
    let status = cmd
        .status()
        .map_err(|e| Failure::new(format!("could not start trunk: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure::new(format!("trunk serve stopped ({status})")))
    }
}

/// The differential lab lives in the harness (`e2e/src/difflab/`); this only runs its binary
/// with the arguments given, which it checks itself.
fn difflab(project: &Project, args: &[String]) -> Result<(), Failure> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo)
        .current_dir(&project.root)
        .args(["run", "-q", "-p", "nocontent-e2e", "--bin", "difflab", "--"])
        .args(args)
        .status()
        .map_err(|e| Failure::new(format!("could not start the difflab binary: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure::new(format!("difflab stopped ({status})")))
    }
}

fn dist_task(project: &Project) -> Result<(), Failure> {
    let kit = setup(project)?;
    dist(project, &kit)?;
    println!("✓ dist/ is ready: copy it to any static host, at any path");
    Ok(())
}

/// Builds the app, then runs `nocontent serve` with it: one origin for the app and the
/// raw-socket lab server, so the app's lab panel can run fetch against byte-exact answers.
fn lab(project: &Project, args: &[String]) -> Result<(), Failure> {
    let mut port = String::from("8081");
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => {
                port = rest
                    .next()
                    .cloned()
                    .ok_or_else(|| Failure::new("--port needs a number"))?
            }
            other => return Err(Failure::new(format!("lab: unknown option `{other}`"))),
        }
    }
    let kit = setup(project)?;
    dist(project, &kit)?;
    let log = project.logs_dir().join("lab-build.log");
    Step::quick("built the nocontent command line", || {
        let mut cmd = kit.cargo(project);
        cmd.args(["build", "-q", "-p", "nocontent-cli", "--bin", "nocontent"]);
        run::captured(cmd, &log, "building the nocontent command line")
    })?;
    let status = kit
        .cargo(project)
        .args([
            "run",
            "-q",
            "-p",
            "nocontent-cli",
            "--bin",
            "nocontent",
            "--",
            "serve",
            "--port",
            &port,
            "--dist",
        ])
        .arg(project.dist_dir())
        .status()
        .map_err(|e| Failure::new(format!("could not start the lab server: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure::new(format!("the lab server stopped ({status})")))
    }
}

/// Builds the release app into `dist/` with relative URLs and wasm-opt, then adds the
/// Content-Security-Policy (with the hash of trunk's inline loader) to `dist/index.html`.
fn dist(project: &Project, kit: &tools::Kit) -> Result<(), Failure> {
    let log = project.logs_dir().join("build.log");
    Step::quick("built the release app into dist/", || {
        let mut cmd = kit.trunk(project);
        cmd.args(["build", "--release", "--public-url", "./"]);
        run::captured(cmd, &log, "release build of the wasm app")
    })?;
    Step::quick("prerendered the first view into dist/index.html", || {
        let mut cmd = kit.cargo(project);
        cmd.args([
            // A debug build: the HTML is the same, and the tests have built it already.
            "run",
            "-q",
            "-p",
            "nocontent",
            "--features",
            "prerender",
            "--bin",
            "prerender",
        ]);
        let rendered = run::output(
            cmd,
            &project.logs_dir().join("prerender.log"),
            "the prerender",
        )?;
        let index = project.dist_dir().join("index.html");
        let html = std::fs::read_to_string(&index)
            .map_err(|e| Failure::new(format!("cannot read {}: {e}", index.display())))?;
        let html = prerender::insert(&html, &rendered)
            .map_err(|e| Failure::new(format!("dist/index.html: {e}")))?;
        std::fs::write(&index, html)
            .map_err(|e| Failure::new(format!("cannot write {}: {e}", index.display())))
    })?;
    Step::quick(
        "added the Content-Security-Policy to dist/index.html",
        || {
            let index = project.dist_dir().join("index.html");
            let html = std::fs::read_to_string(&index)
                .map_err(|e| Failure::new(format!("cannot read {}: {e}", index.display())))?;
            let html =
                csp::apply(&html).map_err(|e| Failure::new(format!("dist/index.html: {e}")))?;
            std::fs::write(&index, html)
                .map_err(|e| Failure::new(format!("cannot write {}: {e}", index.display())))
        },
    )?;
    Step::quick("checked that dist/ is a shippable release build", || {
        let found = ship::problems(&project.dist_dir());
        if found.is_empty() {
            Ok(())
        } else {
            Err(Failure::new(format!(
                "dist/ is not shippable: {}",
                found.join("; ")
            )))
        }
    })
}

fn test(project: &Project, args: &[String]) -> Result<(), Failure> {
    let skip_lint = args.iter().any(|a| a == "--skip-lint");
    let filter: Vec<String> = args
        .iter()
        .filter(|a| *a != "--skip-lint")
        .cloned()
        .collect();
    let started = std::time::Instant::now();
    let kit = setup(project)?;
    let logs = project.logs_dir();

    if !skip_lint {
        Step::quick("checked formatting (cargo fmt --check)", || {
            let mut cmd = kit.cargo(project);
            cmd.args(["fmt", "--all", "--check"]);
            run::captured(
                cmd,
                &logs.join("fmt.log"),
                "cargo fmt --check (run `cargo fmt`)",
            )
        })?;
        Step::quick("ran clippy on every target (-D warnings)", || {
            let mut cmd = kit.cargo(project);
            cmd.args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]);
            run::captured(cmd, &logs.join("clippy.log"), "cargo clippy")
        })?;
        // Code behind cfg(target_arch = "wasm32") is only seen when linting for that target.
        if kit.route == tools::Route::Rustup {
            Step::quick("ran clippy on the app for wasm32 (-D warnings)", || {
                let mut cmd = kit.cargo(project);
                cmd.args([
                    "clippy",
                    "-p",
                    "nocontent",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--",
                    "-D",
                    "warnings",
                ]);
                run::captured(
                    cmd,
                    &logs.join("clippy-wasm.log"),
                    "cargo clippy for wasm32",
                )
            })?;
        }
    }

    let mut totals = run::TestTotals::default();
    Step::quick(
        "ran native tests of the engine, explain, notes, the CLI and the xtask",
        || {
            let mut cmd = kit.cargo(project);
            cmd.args([
                "test",
                "-p",
                "nocontent-engine",
                "-p",
                "nocontent-explain",
                "-p",
                "nocontent-notes",
                "-p",
                "nocontent-cli",
                "-p",
                "xtask",
                "--",
            ])
            .args(&filter);
            run::tests(cmd, &logs.join("native-tests.log"), &mut totals)
        },
    )?;
    // The app's library; its browser tests are in e2e/, run below once dist/ is built.
    Step::quick("ran native tests of the app's components", || {
        let mut cmd = kit.cargo(project);
        cmd.args(["test", "-p", "nocontent", "--lib", "--"])
            .args(&filter);
        run::tests(cmd, &logs.join("app-tests.log"), &mut totals)
    })?;

    // The lab worker's decision function, property-tested outside a browser.
    Step::quick("ran the lab worker's property test (node --test)", || {
        let mut cmd = std::process::Command::new("node");
        cmd.args(["--test", "--test-reporter=tap"])
            .arg(project.root.join("tests").join("js"));
        run::tests(cmd, &logs.join("node-tests.log"), &mut totals)
    })?;

    dist(project, &kit)?;

    let browser = kit.browser(project)?;
    // The client and framework catalog tests need the clients and frameworks installed.
    clients_and_frameworks(project, &kit)?;
    // The lab tests start the byte-exact lab server from the command-line binary.
    Step::quick("built the nocontent command line for the lab tests", || {
        let mut cmd = kit.cargo(project);
        cmd.args(["build", "-p", "nocontent-cli", "--bin", "nocontent"]);
        run::captured(
            cmd,
            &logs.join("cli-build.log"),
            "building the nocontent command line",
        )
    })?;
    // The harness's own tests and every browser test (nocontent-e2e). Each of them skips
    // when something it needs is missing, unless NOCONTENT_REQUIRE_BROWSERS=1 says that is
    // a failure: here it is, so a run can never pass by skipping.
    Step::quick("ran the browser tests (nocontent-e2e)", || {
        let mut cmd = kit.cargo(project);
        cmd.args(["test", "-p", "nocontent-e2e"]);
        cmd.env("NOCONTENT_REQUIRE_BROWSERS", "1");
        cmd.env("NOCONTENT_DIST", project.dist_dir());
        cmd.envs(browser.env());
        cmd.env("NOCONTENT_CLI", project.root.join("target/debug/nocontent"));
        cmd.arg("--").args(&filter);
        run::tests(cmd, &logs.join("browser-tests.log"), &mut totals)
    })?;

    println!("✓ all checks passed in {}", run::human(started.elapsed()));
    totals.print_summary(started.elapsed());
    if totals.failed > 0 {
        Err(Failure::new(format!("{} test(s) failed", totals.failed)))
    } else {
        Ok(())
    }
}
