//! Finding or installing the wasm toolchain, the pinned tools and the three browser engines.
//!
//! Two toolchain routes exist on these machines: the rustup toolchain with its prebuilt
//! wasm32 standard library, and Debian's `rustc-web` with the standard library rebuilt from
//! `rust-web-src` (`-Z build-std`). Pinned tools live in the per-user cache of
//! [`crate::cache`], outside the checkout, so every clone on a machine shares one install.
//! The browsers (Chromium, Firefox ESR, WebKitGTK) and their drivers come from apt, except
//! geckodriver, which is pinned in the cache like the other tools.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::cache::{self, Cache};
use crate::run::{self, Failure, Step};
use crate::Project;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_NPM_VERSION: &str = "132.0.0";
/// The accessibility checker the browser tests inject into the page.
pub const AXE_CORE_VERSION: &str = "4.14.1";
/// The fuzzing front end `cargo xtask fuzz` drives (libFuzzer through `libfuzzer-sys`).
pub const CARGO_FUZZ_VERSION: &str = "0.13.1";
/// The mutation tester `cargo xtask mutants` drives.
pub const CARGO_MUTANTS_VERSION: &str = "27.1.0";
/// Firefox's WebDriver server, built from the crates registry (Mozilla ships no Debian package).
pub const GECKODRIVER_VERSION: &str = "0.37.1";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
const DEBIAN_WASM_PACKAGES: &[&str] = &[
    "rustc-web",
    "cargo-web",
    "rust-web-src",
    "rust-web-llvm",
    "lld-22",
];

/// The release profile `cargo install` builds the pinned tools with: opt-level 1 without LTO.
/// Measured on 2 cores (README, under the first-run table), it takes less CPU than the tools'
/// own profiles for trunk (fat LTO, one codegen unit, whose last crate then compiles alone for
/// about 5 min), wasm-bindgen-cli and geckodriver, and the builds the tools then run take the
/// same time: wasm-bindgen's pass over the app is 0.1 s either way.
const INSTALL_PROFILE: &[(&str, &str)] = &[
    ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1"),
    ("CARGO_PROFILE_RELEASE_LTO", "false"),
    ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
    ("CARGO_PROFILE_RELEASE_DEBUG", "0"),
];

/// Which compiler builds the wasm app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// The rustup toolchain with the `wasm32-unknown-unknown` target installed.
    Rustup,
    /// Debian's rustc-web, rebuilding std for wasm32 (`RUSTC_BOOTSTRAP=1`, build-std).
    Debian,
}

/// The chosen toolchain plus the location of every tool.
pub struct Kit {
    pub route: Route,
    cache: Cache,
    trunk: PathBuf,
    /// The folders that trunk must find wasm-bindgen and wasm-opt in, first on its PATH.
    bins: Vec<PathBuf>,
}

/// Paths to the three browser engines, their WebDriver servers, and what the tests inject.
pub struct Browser {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
    /// axe-core's script, which the accessibility tests inject.
    pub axe_core: PathBuf,
    pub firefox: PathBuf,
    pub geckodriver: PathBuf,
    /// WebKitGTK's WebDriver server; the browser it starts is `minibrowser`.
    pub webkit_webdriver: PathBuf,
    pub minibrowser: PathBuf,
    /// MiniBrowser has no headless mode, so it runs on this virtual X server.
    pub xvfb: PathBuf,
}

impl Browser {
    /// The environment variables through which the browser tests find each program.
    pub fn env(&self) -> [(&'static str, &Path); 8] {
        [
            ("CHROMIUM", &self.chromium),
            ("CHROMEDRIVER", &self.chromedriver),
            ("AXE_CORE_JS", &self.axe_core),
            ("FIREFOX", &self.firefox),
            ("GECKODRIVER", &self.geckodriver),
            ("WEBKIT_WEBDRIVER", &self.webkit_webdriver),
            ("MINIBROWSER", &self.minibrowser),
            ("XVFB", &self.xvfb),
        ]
    }
}

pub fn ensure_all(project: &Project) -> Result<Kit, Failure> {
    let route = Step::quick("found the wasm toolchain", || wasm_route(project))?;
    println!("  route: {}", describe(route));
    let cache = Cache::locate()?;
    println!(
        "  tool cache: {} (shared by every clone; {} moves it)",
        cache.root().display(),
        cache::TOOLS_DIR_VAR
    );
    let wasm_bindgen = lock_version(project, "wasm-bindgen")?;
    check_trunk_toml(project, &wasm_bindgen)?;
    let trunk = ensure(&cache, project, &Pinned::trunk())?;
    let bindgen = ensure(&cache, project, &Pinned::wasm_bindgen(&wasm_bindgen))?;
    let binaryen = ensure(&cache, project, &Pinned::binaryen())?;
    Ok(Kit {
        route,
        trunk: trunk.join("bin/trunk"),
        bins: vec![
            trunk.join("bin"),
            bindgen.join("bin"),
            binaryen.join("node_modules/.bin"),
        ],
        cache,
    })
}

fn describe(route: Route) -> &'static str {
    match route {
        Route::Rustup => "rustup toolchain with the wasm32-unknown-unknown target",
        Route::Debian => "Debian rustc-web with std rebuilt for wasm32 (build-std)",
    }
}

fn has_rustup_wasm_std() -> bool {
    let Ok(out) = Command::new("rustc").args(["--print", "sysroot"]).output() else {
        return false;
    };
    let sysroot = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let lib = sysroot.join("lib/rustlib").join(WASM_TARGET).join("lib");
    fs::read_dir(lib)
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("libstd-"))
        })
        .unwrap_or(false)
}

fn wasm_route(project: &Project) -> Result<Route, Failure> {
    if std::env::var("NOCONTENT_ROUTE").as_deref() != Ok("debian") {
        if has_rustup_wasm_std() {
            return Ok(Route::Rustup);
        }
        if which("rustup").is_some() {
            println!("▸ adding the wasm32 target with rustup (first run only, under a minute; gives up after 3 min)");
            let mut cmd = Command::new("rustup");
            cmd.args(["target", "add", WASM_TARGET]);
            let log = project.logs_dir().join("rustup-target.log");
            match run_with_timeout(cmd, &log, Duration::from_secs(180)) {
                Ok(()) if has_rustup_wasm_std() => return Ok(Route::Rustup),
                Ok(()) => println!(
                    "  rustup finished but no wasm32 std appeared; trying Debian's rustc-web"
                ),
                Err(why) => {
                    println!("  rustup could not add the target ({why}); trying Debian's rustc-web")
                }
            }
        }
    }
    if !debian_wasm_ready() {
        if which("apt-get").is_none() {
            return Err(Failure::new(
                "no wasm32 toolchain: run `rustup target add wasm32-unknown-unknown`, \
                 or install Debian's rustc-web cargo-web rust-web-src rust-web-llvm lld-22",
            ));
        }
        apt_install(
            project,
            DEBIAN_WASM_PACKAGES,
            "Debian's rustc-web toolchain",
            "2 min",
        )?;
        if !debian_wasm_ready() {
            return Err(Failure::new(
                "Debian's rustc-web is installed but /usr/bin/rust-lld is missing: install lld-22",
            ));
        }
    }
    Ok(Route::Debian)
}

fn debian_wasm_ready() -> bool {
    DEBIAN_WASM_PACKAGES.iter().all(|p| dpkg_installed(p))
        && Path::new("/usr/bin/rust-lld").exists()
}

fn dpkg_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

/// cargo-fuzz, pinned, from the tool cache; it needs no wasm toolchain, so no full [`Kit`].
pub fn ensure_cargo_fuzz(project: &Project) -> Result<PathBuf, Failure> {
    ensure_program(project, &Pinned::cargo_fuzz())
}

/// A tool installed with `cargo install`, from the tool cache: the path of its program.
fn ensure_program(project: &Project, tool: &Pinned) -> Result<PathBuf, Failure> {
    let Source::Cargo { program, .. } = &tool.source else {
        return Err(Failure::new(format!(
            "{} is not installed by cargo",
            tool.name
        )));
    };
    let cache = Cache::locate()?;
    Ok(ensure(&cache, project, tool)?.join("bin").join(program))
}

/// cargo-mutants, pinned, from the tool cache (native only, like cargo-fuzz).
pub fn ensure_cargo_mutants(project: &Project) -> Result<PathBuf, Failure> {
    ensure_program(project, &Pinned::cargo_mutants())
}

/// What this run installed, for the closing line of `cargo xtask setup`.
static INSTALLED: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn note_installed(what: &str) {
    if let Ok(mut list) = INSTALLED.lock() {
        list.push(what.to_string());
    }
}

/// Everything this run installed, in order; empty when every tool was ready.
pub fn installed() -> Vec<String> {
    INSTALLED.lock().map(|l| l.clone()).unwrap_or_default()
}

/// Looks a program up on PATH.
pub fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

fn apt_install(
    project: &Project,
    packages: &[&str],
    what: &str,
    estimate: &str,
) -> Result<(), Failure> {
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    if !is_root {
        return Err(Failure::new(format!(
            "{what} is missing: run `sudo apt-get install {}`",
            packages.join(" ")
        )));
    }
    let log = project.logs_dir().join("apt.log");
    Step::slow(
        &format!("installing {what} with apt ({})", packages.join(" ")),
        estimate,
        &format!("installed {what}"),
        || {
            // Another clone's setup may hold apt's lock; wait for it rather than fail.
            let wait = "DPkg::Lock::Timeout=600";
            let mut update = Command::new("apt-get");
            update.args(["-o", wait, "update", "-qq"]);
            run::captured(update, &log, "apt-get update")?;
            let mut install = Command::new("apt-get");
            install
                .args([
                    "-o",
                    wait,
                    "install",
                    "-y",
                    "-qq",
                    "--no-install-recommends",
                ])
                .args(packages)
                .env("DEBIAN_FRONTEND", "noninteractive");
            run::captured(
                install,
                &log,
                &format!("apt-get install {}", packages.join(" ")),
            )
        },
    )?;
    note_installed(&packages.join(" "));
    Ok(())
}

/// Runs a command, killing it if it takes longer than `limit`.
fn run_with_timeout(mut cmd: Command, log: &Path, limit: Duration) -> Result<(), Failure> {
    if let Some(dir) = log.parent() {
        let _ = fs::create_dir_all(dir);
    }
    let file = fs::File::create(log).map_err(|e| Failure::new(e.to_string()))?;
    let err = file.try_clone().map_err(|e| Failure::new(e.to_string()))?;
    let mut child = cmd
        .stdout(Stdio::from(file))
        .stderr(Stdio::from(err))
        .stdin(Stdio::null())
        .spawn()
        .map_err(|e| Failure::new(e.to_string()))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(Failure::new(format!("exit status {status}"))),
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Failure::new(format!(
                    "no answer within {} s",
                    limit.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(200)),
            Err(e) => return Err(Failure::new(e.to_string())),
        }
    }
}

/// Reads a package's version from Cargo.lock (creating the lock file if a checkout lacks it).
fn lock_version(project: &Project, package: &str) -> Result<String, Failure> {
    let lock_path = project.root.join("Cargo.lock");
    if !lock_path.exists() {
        let mut cmd = Command::new(cargo_program());
        cmd.arg("generate-lockfile").current_dir(&project.root);
        run::captured(
            cmd,
            &project.logs_dir().join("lockfile.log"),
            "cargo generate-lockfile",
        )?;
    }
    let lock = fs::read_to_string(&lock_path)
        .map_err(|e| Failure::new(format!("cannot read Cargo.lock: {e}")))?;
    parse_lock_version(&lock, package)
        .ok_or_else(|| Failure::new(format!("Cargo.lock has no `{package}` package")))
}

fn parse_lock_version(lock: &str, package: &str) -> Option<String> {
    let wanted = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim().strip_prefix("version = ")?;
            return Some(version.trim_matches('"').to_string());
        }
    }
    None
}

fn check_trunk_toml(project: &Project, wasm_bindgen: &str) -> Result<(), Failure> {
    let toml = fs::read_to_string(project.root.join("Trunk.toml"))
        .map_err(|e| Failure::new(format!("cannot read Trunk.toml: {e}")))?;
    let pinned = format!("wasm_bindgen = \"{wasm_bindgen}\"");
    if toml.lines().any(|l| l.trim() == pinned) {
        Ok(())
    } else {
        Err(Failure::new(format!(
            "Trunk.toml must pin `{pinned}` under [tools], the wasm-bindgen version in Cargo.lock"
        )))
    }
}

fn cargo_program() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// True when `program --version` succeeds and prints `word` as a whole word.
fn reports_version(program: &Path, args: &[&str], word: &str) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map(|o| {
            o.status.success()
                && String::from_utf8_lossy(&o.stdout)
                    .split_whitespace()
                    .any(|w| w == word)
        })
        .unwrap_or(false)
}

/// The `version` field of an npm package's `package.json`.
fn npm_package_version(package: &Path) -> Option<String> {
    let text = fs::read_to_string(package.join("package.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json.get("version")?.as_str().map(str::to_string)
}

/// A pinned tool: its name and version (together, its cache key), how it is installed and
/// how long that takes.
struct Pinned {
    name: &'static str,
    version: String,
    source: Source,
    /// How long a cold install took on 2 busy cores (the README's first-run table), said
    /// before the install starts.
    estimate: &'static str,
}

enum Source {
    /// `cargo install`, into `<folder>/bin`. `program` run with `version_args` must print
    /// the version (a cargo subcommand such as cargo-mutants wants its own name first);
    /// `locked` builds with the lock file the crate was published with.
    Cargo {
        krate: &'static str,
        program: &'static str,
        version_args: &'static [&'static str],
        locked: bool,
    },
    /// `npm install`, into `<folder>/node_modules`. `file` must exist in the package, and
    /// `reports`, when set, names an npm binary and the word its `--version` must print.
    Npm {
        package: &'static str,
        file: &'static str,
        reports: Option<(&'static str, &'static str)>,
    },
}

impl Pinned {
    fn trunk() -> Pinned {
        Pinned {
            name: "trunk",
            version: TRUNK_VERSION.into(),
            source: Source::Cargo {
                krate: "trunk",
                program: "trunk",
                version_args: &["--version"],
                locked: true,
            },
            estimate: "5–11 min",
        }
    }

    fn wasm_bindgen(version: &str) -> Pinned {
        Pinned {
            name: "wasm-bindgen-cli",
            version: version.into(),
            // Its own lock file pins crates the index no longer serves, so --locked fails.
            source: Source::Cargo {
                krate: "wasm-bindgen-cli",
                program: "wasm-bindgen",
                version_args: &["--version"],
                locked: false,
            },
            estimate: "2–6 min",
        }
    }

    fn binaryen() -> Pinned {
        Pinned {
            name: "binaryen",
            version: BINARYEN_NPM_VERSION.into(),
            // npm's binaryen 132 prints "wasm-opt version 132 (version_132)".
            source: Source::Npm {
                package: "binaryen",
                file: "package.json",
                reports: Some(("wasm-opt", "132")),
            },
            estimate: "5 s",
        }
    }

    fn axe_core() -> Pinned {
        Pinned {
            name: "axe-core",
            version: AXE_CORE_VERSION.into(),
            source: Source::Npm {
                package: "axe-core",
                file: "axe.min.js",
                reports: None,
            },
            estimate: "5 s",
        }
    }

    fn cargo_fuzz() -> Pinned {
        Pinned {
            name: "cargo-fuzz",
            version: CARGO_FUZZ_VERSION.into(),
            source: Source::Cargo {
                krate: "cargo-fuzz",
                program: "cargo-fuzz",
                version_args: &["--version"],
                locked: true,
            },
            estimate: "1 min",
        }
    }

    fn cargo_mutants() -> Pinned {
        Pinned {
            name: "cargo-mutants",
            version: CARGO_MUTANTS_VERSION.into(),
            source: Source::Cargo {
                krate: "cargo-mutants",
                program: "cargo-mutants",
                version_args: &["mutants", "--version"],
                locked: true,
            },
            estimate: "3–5 min",
        }
    }

    fn geckodriver() -> Pinned {
        Pinned {
            name: "geckodriver",
            version: GECKODRIVER_VERSION.into(),
            source: Source::Cargo {
                krate: "geckodriver",
                program: "geckodriver",
                version_args: &["--version"],
                locked: true,
            },
            estimate: "2–4 min",
        }
    }

    /// True when `folder` holds this tool at this version, answering.
    fn ready(&self, folder: &Path) -> bool {
        match &self.source {
            Source::Cargo {
                program,
                version_args,
                ..
            } => reports_version(
                &folder.join("bin").join(program),
                version_args,
                &self.version,
            ),
            Source::Npm {
                package,
                file,
                reports,
            } => {
                let modules = folder.join("node_modules");
                let package = modules.join(package);
                npm_package_version(&package).as_deref() == Some(self.version.as_str())
                    && package.join(file).is_file()
                    && reports.is_none_or(|(program, word)| {
                        reports_version(&modules.join(".bin").join(program), &["--version"], word)
                    })
            }
        }
    }

    /// The command that installs this tool into the empty folder `into`. It runs in the
    /// cache, not the checkout, so no project's cargo or npm settings shape a shared tool.
    fn install_command(&self, into: &Path, cache: &Cache) -> Command {
        let mut cmd = match &self.source {
            Source::Cargo { krate, locked, .. } => {
                let mut cmd = Command::new(cargo_program());
                // --no-track: the folder is this tool's alone, so cargo's install records
                // would only describe what the folder name already says.
                cmd.args(["install", krate, "--version", &self.version, "--no-track"])
                    .arg("--root")
                    .arg(into)
                    .envs(INSTALL_PROFILE.iter().copied());
                if *locked {
                    cmd.arg("--locked");
                }
                cmd
            }
            Source::Npm { package, .. } => {
                let mut cmd = Command::new("npm");
                cmd.args([
                    "install",
                    "--no-fund",
                    "--no-audit",
                    "--no-save",
                    "--prefix",
                ])
                .arg(into)
                .arg(format!("{package}@{}", self.version));
                cmd
            }
        };
        cmd.current_dir(cache.root());
        cmd
    }
}

/// Returns the cache folder of `tool`, installing it first when it is missing, with one
/// line either way.
fn ensure(cache: &Cache, project: &Project, tool: &Pinned) -> Result<PathBuf, Failure> {
    let label = format!("{} {}", tool.name, tool.version);
    let started = Instant::now();
    let folder = cache.folder(tool.name, &tool.version);
    if tool.ready(&folder) {
        println!("✓ {label} ready ({})", run::human(started.elapsed()));
        return Ok(folder);
    }
    if matches!(tool.source, Source::Npm { .. }) && which("npm").is_none() {
        apt_install(project, &["nodejs", "npm"], "Node.js and npm", "1 min")?;
    }
    let log = project
        .logs_dir()
        .join(format!("install-{}.log", tool.name));
    let folder = Step::slow(
        &format!("installing {label} into {}", folder.display()),
        tool.estimate,
        &format!("installed {label}"),
        || {
            cache.install_atomically(
                tool.name,
                &tool.version,
                |f| tool.ready(f),
                |into| {
                    let cmd = tool.install_command(into, cache);
                    run::captured(cmd, &log, &format!("installing {label}"))
                },
            )
        },
    )?;
    note_installed(&label);
    Ok(folder)
}

/// Runs a check that names what it found, then prints that name with the time it took.
fn found<T>(work: impl FnOnce() -> Result<(T, String), Failure>) -> Result<T, Failure> {
    let started = Instant::now();
    let (value, line) = work()?;
    println!("✓ {line} ({})", run::human(started.elapsed()));
    Ok(value)
}

/// The first line `program --version` prints, or nothing.
fn version_line(program: &Path) -> String {
    Command::new(program)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
                .to_string()
        })
        .unwrap_or_default()
}

fn firefox_program() -> Option<PathBuf> {
    which("firefox-esr").or_else(|| which("firefox"))
}

/// MiniBrowser is not on PATH: it sits in libwebkit2gtk's private folder.
fn minibrowser_program() -> Option<PathBuf> {
    let out = Command::new("dpkg")
        .args(["-L", WEBKIT_LIBRARY])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(PathBuf::from)
        .find(|p| p.file_name().is_some_and(|n| n == "MiniBrowser") && p.is_file())
}

const WEBKIT_LIBRARY: &str = "libwebkit2gtk-4.1-0";

/// The apt packages behind an engine's programs, and how to tell that those are present.
struct AptPackages {
    packages: &'static [&'static str],
    present: fn() -> bool,
}

const ENGINE_PACKAGES: &[AptPackages] = &[
    AptPackages {
        packages: &["chromium", "chromium-driver"],
        present: || which("chromium").is_some() && which("chromedriver").is_some(),
    },
    AptPackages {
        packages: &["firefox-esr"],
        present: || firefox_program().is_some(),
    },
    AptPackages {
        packages: &["webkit2gtk-driver"],
        present: || which("WebKitWebDriver").is_some(),
    },
    AptPackages {
        packages: &[WEBKIT_LIBRARY],
        present: || minibrowser_program().is_some(),
    },
    AptPackages {
        packages: &["xvfb"],
        present: || which("Xvfb").is_some(),
    },
];

impl Kit {
    /// PATH with the pinned tools first; on the Debian route `/usr/bin` comes next so
    /// trunk's plain `cargo` is Debian's, while npm's wasm-opt stays ahead of any older one.
    fn path(&self) -> OsString {
        let mut dirs = self.bins.clone();
        if self.route == Route::Debian {
            dirs.push(PathBuf::from("/usr/bin"));
        }
        if let Some(existing) = std::env::var_os("PATH") {
            dirs.extend(std::env::split_paths(&existing));
        }
        std::env::join_paths(dirs).unwrap_or_default()
    }

    /// A native cargo command (the rustup toolchain) run at the workspace root.
    pub fn cargo(&self, project: &Project) -> Command {
        let mut cmd = Command::new(cargo_program());
        cmd.current_dir(&project.root);
        cmd
    }

    /// Sets what a wasm build needs on `cmd` for the chosen route.
    fn wasm_env(&self, project: &Project, cmd: &mut Command) {
        cmd.current_dir(&project.root)
            .env("PATH", self.path())
            .env("TRUNK_SKIP_VERSION_CHECK", "true");
        if self.route == Route::Debian {
            // The two toolchains must never share a target directory.
            cmd.env("RUSTC", "/usr/bin/rustc")
                .env("RUSTDOC", "/usr/bin/rustdoc")
                .env("RUSTC_BOOTSTRAP", "1")
                .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
                .env("CARGO_TARGET_DIR", project.root.join("target/debian-wasm"))
                .env_remove("CARGO")
                .env_remove("RUSTUP_TOOLCHAIN");
        }
    }

    /// A trunk command with the pinned tools and the wasm toolchain.
    pub fn trunk(&self, project: &Project) -> Command {
        let mut cmd = Command::new(&self.trunk);
        self.wasm_env(project, &mut cmd);
        cmd
    }

    /// Downloads every crate the builds need, so trunk can run offline.
    pub fn cargo_fetch(&self, project: &Project) -> Result<(), Failure> {
        let log = project.logs_dir().join("fetch.log");
        let mut cmd = self.cargo(project);
        cmd.arg("fetch");
        run::captured(cmd, &log, "cargo fetch")?;
        if self.route == Route::Debian {
            let mut std_fetch = Command::new("/usr/bin/cargo");
            self.wasm_env(project, &mut std_fetch);
            std_fetch.args([
                "fetch",
                "-Zbuild-std=std,panic_abort",
                "--target",
                WASM_TARGET,
            ]);
            run::captured(std_fetch, &log, "cargo fetch for build-std")?;
        }
        Ok(())
    }

    /// Finds the three engines and their WebDriver servers, installing what is missing:
    /// one apt run for the browsers, Xvfb and two of the drivers, and geckodriver from the
    /// crates registry into the tool cache.
    pub fn browser(&self, project: &Project) -> Result<Browser, Failure> {
        let missing: Vec<&str> = ENGINE_PACKAGES
            .iter()
            .filter(|group| !(group.present)())
            .flat_map(|group| group.packages.iter().copied())
            .collect();
        if !missing.is_empty() {
            apt_install(project, &missing, "the browser engines", "1 min")?;
        }
        let (chromium, chromedriver) = found(chromium_pair)?;
        let firefox = found(|| {
            let firefox = firefox_program()
                .ok_or_else(|| Failure::new("firefox-esr is still missing after apt-get"))?;
            let line = format!("{} ready ({})", version_line(&firefox), firefox.display());
            Ok((firefox, line))
        })?;
        let geckodriver = ensure(&self.cache, project, &Pinned::geckodriver())?;
        let (webkit_webdriver, minibrowser, xvfb) = found(webkit)?;
        let axe_core = ensure(&self.cache, project, &Pinned::axe_core())?;
        Ok(Browser {
            chromium,
            chromedriver,
            axe_core: axe_core.join("node_modules/axe-core/axe.min.js"),
            firefox,
            geckodriver: geckodriver.join("bin/geckodriver"),
            webkit_webdriver,
            minibrowser,
            xvfb,
        })
    }
}

/// Chromium and a chromedriver of the same major version.
fn chromium_pair() -> Result<((PathBuf, PathBuf), String), Failure> {
    let chromium =
        which("chromium").ok_or_else(|| Failure::new("chromium is still missing after apt-get"))?;
    let chromedriver = which("chromedriver")
        .ok_or_else(|| Failure::new("chromedriver is still missing after apt-get"))?;
    let major = |text: &str| {
        text.split_whitespace()
            .find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
            .and_then(|v| v.split('.').next().map(str::to_string))
    };
    let (c, d) = (version_line(&chromium), version_line(&chromedriver));
    if major(&c) != major(&d) {
        return Err(Failure::new(format!(
            "Chromium and chromedriver versions differ ({c} vs {d}): reinstall both with apt"
        )));
    }
    Ok((
        (chromium, chromedriver),
        format!("{c} ready, with its chromedriver"),
    ))
}

/// WebKitWebDriver, the MiniBrowser it drives, and Xvfb for MiniBrowser's window.
fn webkit() -> Result<((PathBuf, PathBuf, PathBuf), String), Failure> {
    let missing = |what: &str| Failure::new(format!("{what} is still missing after apt-get"));
    let driver = which("WebKitWebDriver").ok_or_else(|| missing("WebKitWebDriver"))?;
    let minibrowser = minibrowser_program().ok_or_else(|| missing("MiniBrowser"))?;
    let xvfb = which("Xvfb").ok_or_else(|| missing("Xvfb"))?;
    // WebKitWebDriver has no --version; the library's package version is the engine's.
    let version = Command::new("dpkg-query")
        .args(["-W", "-f=${Version}", WEBKIT_LIBRARY])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).to_string())
        .unwrap_or_default();
    let version = version.split(['-', '+']).next().unwrap_or_default();
    let line = format!(
        "WebKitGTK {version} ready: WebKitWebDriver, MiniBrowser ({}), Xvfb",
        minibrowser.display()
    );
    Ok(((driver, minibrowser, xvfb), line))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }

    /// A stand-in for a tool binary that prints `output` for `--version`.
    fn fake_program(path: &Path, output: &str) {
        use std::os::unix::fs::PermissionsExt;
        write(path, &format!("#!/bin/sh\necho '{output}'\n"));
        fs::set_permissions(path, fs::Permissions::from_mode(0o755)).expect("chmod");
    }

    #[test]
    fn a_cargo_tool_is_ready_only_when_it_reports_its_version() {
        let dir = tempfile::tempdir().expect("temp dir");
        let trunk = Pinned::trunk();
        assert!(!trunk.ready(dir.path()), "no binary yet");
        let program = dir.path().join("bin/trunk");
        fake_program(&program, &format!("trunk {TRUNK_VERSION}"));
        assert!(trunk.ready(dir.path()));
        // A longer version that merely starts with the pinned one is another version.
        fake_program(&program, &format!("trunk {TRUNK_VERSION}0"));
        assert!(!trunk.ready(dir.path()));
    }

    #[test]
    fn an_npm_tool_is_ready_only_at_its_version_and_with_its_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let axe = Pinned::axe_core();
        let package = dir.path().join("node_modules/axe-core");
        write(
            &package.join("package.json"),
            &format!("{{\"name\": \"axe-core\", \"version\": \"{AXE_CORE_VERSION}\"}}"),
        );
        assert!(!axe.ready(dir.path()), "axe.min.js is missing");
        write(&package.join("axe.min.js"), "/* axe */");
        assert!(axe.ready(dir.path()));
        write(&package.join("package.json"), r#"{"version": "4.10.0"}"#);
        assert!(!axe.ready(dir.path()));
    }

    #[test]
    fn reads_versions_from_the_lock_file() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n\n[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            parse_lock_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(parse_lock_version(lock, "yew"), None);
    }
}
