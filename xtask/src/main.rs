//! `cargo xtask`: every chore of the project (setup, serve, test, dist) as one command.
//!
//! The first run on a fresh machine installs what is missing into the project-local,
//! git-ignored `.tools/` folder (and Chromium through apt), so a second run installs nothing.
//! Each step prints one line saying what it did and how long it took; a failing step prints
//! one line naming the problem and the log that holds the details.

mod run;
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
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("setup") => {
            let project = Project::locate();
            setup(&project)
                .and_then(|kit| kit.browser(&project))
                .map(|_| ())
        }
        Some("serve") => serve(&Project::locate(), &args[1..]),
        Some("test") => test(&Project::locate(), &args[1..]),
        Some("dist") => dist_task(&Project::locate()),
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

    pub fn tools_dir(&self) -> PathBuf {
        self.root.join(".tools")
    }

    pub fn logs_dir(&self) -> PathBuf {
        self.root.join("target").join("xtask")
    }

    pub fn dist_dir(&self) -> PathBuf {
        self.root.join("dist")
    }
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
    cmd.args([
        "serve",
        "--port",
        &port.to_string(),
        "--address",
        "127.0.0.1",
    ]);
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

fn dist_task(project: &Project) -> Result<(), Failure> {
    let kit = setup(project)?;
    dist(project, &kit)?;
    println!("✓ dist/ is ready: copy it to any static host, at any path");
    Ok(())
}

/// Builds the release app into `dist/` with relative URLs and wasm-opt.
fn dist(project: &Project, kit: &tools::Kit) -> Result<(), Failure> {
    let log = project.logs_dir().join("build.log");
    Step::quick("built the release app into dist/", || {
        let mut cmd = kit.trunk(project);
        cmd.args(["build", "--release", "--public-url", "./"]);
        run::captured(cmd, &log, "release build of the wasm app")
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
    }

    let mut totals = run::TestTotals::default();
    Step::quick(
        "ran native tests of the engine, its CLI and the xtask",
        || {
            let mut cmd = kit.cargo(project);
            cmd.args(["test", "-p", "nocontent-engine", "-p", "xtask", "--"])
                .args(&filter);
            run::tests(cmd, &logs.join("native-tests.log"), &mut totals)
        },
    )?;
    // Only the app's library here: its integration tests in tests/ need the built app.
    Step::quick("ran native tests of the app's components", || {
        let mut cmd = kit.cargo(project);
        cmd.args(["test", "-p", "nocontent", "--lib", "--"])
            .args(&filter);
        run::tests(cmd, &logs.join("app-tests.log"), &mut totals)
    })?;

    dist(project, &kit)?;

    let browser = kit.browser(project)?;
    Step::quick("ran browser tests in headless Chromium", || {
        let mut cmd = kit.cargo(project);
        cmd.args(["test", "-p", "nocontent", "--test", "*"]);
        cmd.env("NOCONTENT_DIST", project.dist_dir());
        cmd.env("CHROMEDRIVER", &browser.chromedriver);
        cmd.env("CHROMIUM", &browser.chromium);
        cmd.env("AXE_CORE_JS", &browser.axe_core);
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
