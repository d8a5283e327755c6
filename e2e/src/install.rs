//! Installing the measured clients and frameworks, pinned, into project-local folders and the
//! per-user tools cache: npm packages with `npm ci` from committed lock files, Python packages
//! from fully pinned requirements into virtual environments, the Rust frameworks built from
//! their own lock file, the Go app with Debian's Go and the standard library only.
//!
//! Every step is idempotent: it leaves a stamp (a copy of the lock or requirements file it
//! installed from) and does nothing while the stamp matches. Each prints one line with its
//! wall time and the CPU time its child processes used (user + system), since other builds
//! share the machine and wall time alone says little.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::{Context, Error};

/// What can be installed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    /// Debian's curl (apt), if it is missing.
    Curl,
    /// axios into `e2e/clients/node/node_modules`.
    NodeClients,
    /// requests and httpx into `<tools>/python-clients`.
    PythonClients,
    /// Express into `e2e/frameworks/express/node_modules`.
    Express,
    /// Flask, Django REST framework, FastAPI and uvicorn into `<tools>/python-frameworks`.
    PythonFrameworks,
    /// The axum and actix-web apps, built from `e2e/frameworks/rust/Cargo.lock`.
    RustFrameworks,
    /// Debian's Go (apt) and the net/http app.
    Go,
}

impl Step {
    pub const CLIENTS: [Step; 3] = [Step::Curl, Step::NodeClients, Step::PythonClients];
    pub const FRAMEWORKS: [Step; 4] = [
        Step::Express,
        Step::PythonFrameworks,
        Step::RustFrameworks,
        Step::Go,
    ];

    /// How long the step took on the project's 2-core machine when it had everything to do
    /// (measured with `--setup` on a cold cache), said before a step that has work to do.
    pub fn estimate(self) -> &'static str {
        match self {
            Step::Curl => "10 s (apt-get)",
            Step::NodeClients => "5 s (npm ci)",
            Step::PythonClients => "30 s (a venv and pip)",
            Step::Express => "10 s (npm ci)",
            Step::PythonFrameworks => "1 min (a venv and pip)",
            Step::RustFrameworks => {
                "2.5 CPU-min: 4 to 12 min on 2 busy cores (cargo build --release of axum and actix-web)"
            }
            Step::Go => "45 s (apt-get golang-go, go build)",
        }
    }

    /// Is there work to do? (A guess from what is on disk, for the line said before the
    /// step; the step itself decides.)
    fn has_work(self) -> bool {
        let missing = |p: PathBuf| !p.exists();
        match self {
            Step::Curl => !on_path("curl"),
            Step::NodeClients => missing(e2e_dir().join("clients/node/node_modules")),
            Step::PythonClients => clients_python().map_or(true, missing),
            Step::Express => missing(e2e_dir().join("frameworks/express/node_modules")),
            Step::PythonFrameworks => frameworks_python().map_or(true, missing),
            Step::RustFrameworks => {
                missing(rust_target_dir().join("release/axum-app"))
                    || missing(rust_target_dir().join("release/actix-app"))
            }
            Step::Go => missing(go_binary()),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Step::Curl => "curl",
            Step::NodeClients => "node-clients",
            Step::PythonClients => "python-clients",
            Step::Express => "express",
            Step::PythonFrameworks => "python-frameworks",
            Step::RustFrameworks => "rust-frameworks",
            Step::Go => "go",
        }
    }
}

/// How one step went.
#[derive(Clone, Debug, Serialize)]
pub struct Timed {
    pub step: Step,
    /// False when the stamp said it was already installed.
    pub ran: bool,
    pub wall: Duration,
    /// User plus system time of the step's child processes.
    pub cpu: Duration,
}

/// `e2e/` of this checkout: where the drivers, the apps and their lock files are.
pub fn e2e_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `${XDG_CACHE_HOME:-~/.cache}/nocontent/tools`, or an error without a home.
pub fn tools_dir() -> Result<PathBuf, Error> {
    crate::engine::tools_dir().context("neither XDG_CACHE_HOME nor HOME is set")
}

/// The virtual environment of the Python clients.
pub fn clients_venv() -> Result<PathBuf, Error> {
    Ok(tools_dir()?.join("python-clients"))
}

/// The virtual environment of the Python frameworks.
pub fn frameworks_venv() -> Result<PathBuf, Error> {
    Ok(tools_dir()?.join("python-frameworks"))
}

pub fn clients_python() -> Result<PathBuf, Error> {
    Ok(clients_venv()?.join("bin/python"))
}

pub fn frameworks_python() -> Result<PathBuf, Error> {
    Ok(frameworks_venv()?.join("bin/python"))
}

/// Where the Rust framework apps are built: the workspace's `target/frameworks-rust`.
pub fn rust_target_dir() -> PathBuf {
    crate::out_dir()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
        .join("frameworks-rust")
}

/// The built Go app.
pub fn go_binary() -> PathBuf {
    rust_target_dir()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
        .join("frameworks-go/nethttp-app")
}

/// CPU time (user + system) of all waited-for children of this process so far.
fn children_cpu() -> Duration {
    // SAFETY: getrusage only writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to a rusage struct and a valid `who`.
    let ok = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } == 0;
    if !ok {
        return Duration::ZERO;
    }
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// Runs a command to completion, its output kept in a log that a failure names.
fn run(mut command: Command, what: &str, log: &Path) -> Result<(), Error> {
    let file = std::fs::File::create(log).context(format!("cannot create {}", log.display()))?;
    let err = file.try_clone().context("cannot share the log file")?;
    let status = command
        .stdout(file)
        .stderr(err)
        .status()
        .context(format!("cannot start {what}"))?;
    if status.success() {
        return Ok(());
    }
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let tail: Vec<&str> = text.lines().rev().take(12).collect();
    Err(Error::new(format!(
        "{what} failed ({status}); the end of {}:\n{}",
        log.display(),
        tail.into_iter().rev().collect::<Vec<_>>().join("\n")
    )))
}

fn same_file(a: &Path, b: &Path) -> bool {
    matches!((std::fs::read(a), std::fs::read(b)), (Ok(x), Ok(y)) if x == y)
}

/// Does `program` run? (`go` says its version with `go version`, the others with `--version`.)
fn on_path(program: &str) -> bool {
    let flag = if program == "go" {
        "version"
    } else {
        "--version"
    };
    Command::new(program)
        .arg(flag)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `npm ci` in `dir` unless `node_modules` was installed from this very lock file.
fn npm_ci(dir: &Path, log: &Path) -> Result<bool, Error> {
    let lock = dir.join("package-lock.json");
    let stamp = dir.join("node_modules/.nocontent-installed-lock.json");
    if same_file(&lock, &stamp) {
        return Ok(false);
    }
    let mut command = Command::new("npm");
    command
        .current_dir(dir)
        .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"]);
    run(command, &format!("npm ci in {}", dir.display()), log)?;
    std::fs::copy(&lock, &stamp).context("cannot write the npm stamp")?;
    Ok(true)
}

/// A virtual environment at `venv` with exactly `requirements`, unless it already has them.
fn venv(venv: &Path, requirements: &Path, log: &Path) -> Result<bool, Error> {
    let stamp = venv.join("nocontent-requirements.txt");
    if same_file(requirements, &stamp) && venv.join("bin/python").is_file() {
        return Ok(false);
    }
    if venv.exists() {
        std::fs::remove_dir_all(venv).context(format!("cannot remove {}", venv.display()))?;
    }
    let mut create = Command::new("python3");
    create.args(["-m", "venv"]).arg(venv);
    run(create, "python3 -m venv", log)?;
    let mut pip = Command::new(venv.join("bin/python"));
    pip.args([
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "--no-input",
        "-r",
    ])
    .arg(requirements);
    run(
        pip,
        &format!("pip install -r {}", requirements.display()),
        log,
    )?;
    std::fs::copy(requirements, &stamp).context("cannot write the pip stamp")?;
    Ok(true)
}

/// `apt-get install -y <package>` unless `program` already runs.
fn apt(program: &str, package: &str, log: &Path) -> Result<bool, Error> {
    if on_path(program) {
        return Ok(false);
    }
    let mut command = Command::new("apt-get");
    command
        .args(["install", "-y", "--no-install-recommends", package])
        .env("DEBIAN_FRONTEND", "noninteractive");
    if run(command, &format!("apt-get install {package}"), log).is_err() {
        // A fresh machine has no package lists yet.
        let mut update = Command::new("apt-get");
        update.arg("update");
        run(update, "apt-get update", log)?;
        let mut again = Command::new("apt-get");
        again
            .args(["install", "-y", "--no-install-recommends", package])
            .env("DEBIAN_FRONTEND", "noninteractive");
        run(again, &format!("apt-get install {package}"), log)?;
    }
    Ok(true)
}

fn rust_frameworks(log: &Path) -> Result<bool, Error> {
    // Cargo is itself idempotent; the step always runs and is quick when nothing changed.
    let dir = e2e_dir().join("frameworks/rust");
    let mut command = Command::new("cargo");
    command
        .current_dir(&dir)
        .args(["build", "--release", "--locked", "--target-dir"])
        .arg(rust_target_dir());
    run(command, "cargo build of the Rust framework apps", log)?;
    // Cargo names every crate it compiles; a build that compiled nothing was up to date.
    let text = std::fs::read_to_string(log).unwrap_or_default();
    Ok(text.contains("Compiling "))
}

fn go(log: &Path) -> Result<bool, Error> {
    let installed = apt("go", "golang-go", log)?;
    let dir = e2e_dir().join("frameworks/go");
    let binary = go_binary();
    let source = dir.join("main.go");
    let fresh = match (binary.metadata(), source.metadata()) {
        (Ok(b), Ok(s)) => b.modified().ok() >= s.modified().ok(),
        _ => false,
    };
    if fresh && !installed {
        return Ok(false);
    }
    let cache = tools_dir()?.join("go-build-cache");
    let mut command = Command::new("go");
    command
        .current_dir(&dir)
        .args(["build", "-o"])
        .arg(&binary)
        .arg(".")
        // Offline: the standard library only, no module proxy, no toolchain download.
        .env("GOPROXY", "off")
        .env("GOFLAGS", "-mod=mod")
        .env("GOTOOLCHAIN", "local")
        .env("GOCACHE", &cache);
    run(command, "go build of the net/http app", log)?;
    Ok(true)
}

/// Runs one step.
pub fn install(step: Step) -> Result<Timed, Error> {
    let logs = crate::out_dir().join("setup");
    std::fs::create_dir_all(&logs).context(format!("cannot create {}", logs.display()))?;
    let log = logs.join(format!("{}.log", step.key()));
    let started = Instant::now();
    let cpu = children_cpu();
    let ran = match step {
        Step::Curl => apt("curl", "curl", &log)?,
        Step::NodeClients => npm_ci(&e2e_dir().join("clients/node"), &log)?,
        Step::PythonClients => venv(
            &clients_venv()?,
            &e2e_dir().join("clients/python/requirements.txt"),
            &log,
        )?,
        Step::Express => npm_ci(&e2e_dir().join("frameworks/express"), &log)?,
        Step::PythonFrameworks => venv(
            &frameworks_venv()?,
            &e2e_dir().join("frameworks/python/requirements.txt"),
            &log,
        )?,
        Step::RustFrameworks => rust_frameworks(&log)?,
        Step::Go => go(&log)?,
    };
    Ok(Timed {
        step,
        ran,
        wall: started.elapsed(),
        cpu: children_cpu().saturating_sub(cpu),
    })
}

/// Runs the steps in order, printing one line per step; stops at the first failure.
pub fn setup(steps: &[Step]) -> Result<Vec<Timed>, Error> {
    let mut done = Vec::new();
    for &step in steps {
        if step.has_work() {
            println!(
                "setup {:<18} installing: about {}",
                step.key(),
                step.estimate()
            );
        }
        let timed = install(step)?;
        println!(
            "setup {:<18} {} in {:.1} s wall, {:.1} s CPU",
            step.key(),
            if timed.ran { "installed" } else { "up to date" },
            timed.wall.as_secs_f64(),
            timed.cpu.as_secs_f64()
        );
        done.push(timed);
    }
    Ok(done)
}
