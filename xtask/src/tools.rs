//! Finding or installing the wasm toolchain and the pinned tools.
//!
//! Two toolchain routes exist on these machines: the rustup toolchain with its prebuilt
//! wasm32 standard library, and Debian's `rustc-web` with the standard library rebuilt from
//! `rust-web-src` (`-Z build-std`). Tools go into `.tools/` so that removing that folder
//! is all it takes to simulate a fresh machine.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::run::{self, Failure, Step};
use crate::Project;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_NPM_VERSION: &str = "132.0.0";
/// The accessibility checker the browser tests inject into the page.
pub const AXE_CORE_VERSION: &str = "4.14.1";
/// The fuzzing front end `cargo xtask fuzz` drives (libFuzzer through `libfuzzer-sys`).
pub const CARGO_FUZZ_VERSION: &str = "0.13.1";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
const DEBIAN_WASM_PACKAGES: &[&str] = &[
    "rustc-web",
    "cargo-web",
    "rust-web-src",
    "rust-web-llvm",
    "lld-22",
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
    tools: PathBuf,
}

/// Paths to the browser used by the tests.
pub struct Browser {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
    /// axe-core's script, which the accessibility tests inject.
    pub axe_core: PathBuf,
}

pub fn ensure_all(project: &Project) -> Result<Kit, Failure> {
    let route = Step::quick("found the wasm toolchain", || wasm_route(project))?;
    println!("  route: {}", describe(route));
    let kit = Kit {
        route,
        tools: project.tools_dir(),
    };
    let wasm_bindgen = lock_version(project, "wasm-bindgen")?;
    check_trunk_toml(project, &wasm_bindgen)?;
    kit.ensure_trunk(project)?;
    kit.ensure_wasm_bindgen(project, &wasm_bindgen)?;
    kit.ensure_wasm_opt(project)?;
    Ok(kit)
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

/// cargo-fuzz, pinned, in `.tools/bin`; it needs no wasm toolchain, so no full [`Kit`].
pub fn ensure_cargo_fuzz(project: &Project) -> Result<PathBuf, Failure> {
    let kit = Kit {
        route: Route::Rustup,
        tools: project.tools_dir(),
    };
    let program = kit.bin("cargo-fuzz");
    if reports_version(&program, CARGO_FUZZ_VERSION) {
        println!("✓ cargo-fuzz {CARGO_FUZZ_VERSION} ready");
        return Ok(program);
    }
    kit.cargo_install(project, "cargo-fuzz", CARGO_FUZZ_VERSION, true, "1 min")?;
    kit.verify(&program, "cargo-fuzz", CARGO_FUZZ_VERSION)?;
    Ok(program)
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
            let mut update = Command::new("apt-get");
            update.args(["update", "-qq"]);
            run::captured(update, &log, "apt-get update")?;
            let mut install = Command::new("apt-get");
            install
                .args(["install", "-y", "-qq", "--no-install-recommends"])
                .args(packages)
                .env("DEBIAN_FRONTEND", "noninteractive");
            run::captured(
                install,
                &log,
                &format!("apt-get install {}", packages.join(" ")),
            )
        },
    )
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

/// True when `program --version` prints something containing `expected`.
fn reports_version(program: &Path, expected: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains(expected))
        .unwrap_or(false)
}

impl Kit {
    fn bin(&self, name: &str) -> PathBuf {
        self.tools.join("bin").join(name)
    }

    fn npm_bin(&self, name: &str) -> PathBuf {
        self.tools.join("npm/node_modules/.bin").join(name)
    }

    fn cargo_install(
        &self,
        project: &Project,
        krate: &str,
        version: &str,
        locked: bool,
        estimate: &str,
    ) -> Result<(), Failure> {
        let log = project.logs_dir().join(format!("install-{krate}.log"));
        Step::slow(
            &format!("installing {krate} {version} into .tools/"),
            estimate,
            &format!("installed {krate} {version}"),
            || {
                let mut cmd = Command::new(cargo_program());
                // --force: we only get here when the binary is missing or the wrong version, and
                // without it cargo trusts its own install record and skips a deleted binary.
                cmd.args(["install", krate, "--version", version, "--force", "--root"])
                    .arg(&self.tools)
                    .current_dir(&project.root);
                if locked {
                    cmd.arg("--locked");
                }
                run::captured(cmd, &log, &format!("installing {krate} {version}"))
            },
        )
    }

    fn ensure_trunk(&self, project: &Project) -> Result<(), Failure> {
        let trunk = self.bin("trunk");
        if reports_version(&trunk, TRUNK_VERSION) {
            println!("✓ trunk {TRUNK_VERSION} ready");
            return Ok(());
        }
        self.cargo_install(project, "trunk", TRUNK_VERSION, true, "6 min")?;
        self.verify(&trunk, "trunk", TRUNK_VERSION)
    }

    /// Fails with one line when an install finished but the tool still does not answer.
    fn verify(&self, program: &Path, name: &str, version: &str) -> Result<(), Failure> {
        if reports_version(program, version) {
            Ok(())
        } else {
            Err(Failure::new(format!(
                "{name} {version} was installed but {} does not report that version; delete .tools/ and retry",
                program.display()
            )))
        }
    }

    fn ensure_wasm_bindgen(&self, project: &Project, version: &str) -> Result<(), Failure> {
        if reports_version(&self.bin("wasm-bindgen"), version) {
            println!("✓ wasm-bindgen-cli {version} ready");
            return Ok(());
        }
        // Its own lock file pins crates the index no longer serves, so --locked fails.
        self.cargo_install(project, "wasm-bindgen-cli", version, false, "2 min")?;
        self.verify(&self.bin("wasm-bindgen"), "wasm-bindgen-cli", version)
    }

    fn ensure_wasm_opt(&self, project: &Project) -> Result<(), Failure> {
        let wasm_opt = self.npm_bin("wasm-opt");
        let major = BINARYEN_NPM_VERSION
            .split('.')
            .next()
            .unwrap_or(BINARYEN_NPM_VERSION);
        if reports_version(&wasm_opt, &format!("version {major}")) {
            println!("✓ wasm-opt {major} ready");
            return Ok(());
        }
        if which("npm").is_none() {
            apt_install(
                project,
                &["nodejs", "npm"],
                "Node.js and npm (for wasm-opt)",
                "1 min",
            )?;
        }
        self.npm_install(project)
    }

    /// Installs every pinned npm tool into `.tools/npm` in one go: an install with `--no-save`
    /// removes packages it was not given, so installing one alone would drop the other.
    fn npm_install(&self, project: &Project) -> Result<(), Failure> {
        let log = project.logs_dir().join("install-npm-tools.log");
        Step::slow(
            &format!("installing wasm-opt (binaryen@{BINARYEN_NPM_VERSION}) and axe-core {AXE_CORE_VERSION} from npm into .tools/"),
            "20 s",
            "installed the npm tools",
            || {
                let mut cmd = Command::new("npm");
                cmd.args(["install", "--no-fund", "--no-audit", "--no-save", "--prefix"])
                    .arg(self.tools.join("npm"))
                    .arg(format!("binaryen@{BINARYEN_NPM_VERSION}"))
                    .arg(format!("axe-core@{AXE_CORE_VERSION}"));
                run::captured(cmd, &log, "npm install")
            },
        )
    }

    /// axe-core from npm, pinned, next to wasm-opt in `.tools/npm`.
    fn ensure_axe_core(&self, project: &Project) -> Result<PathBuf, Failure> {
        let package = self.tools.join("npm/node_modules/axe-core");
        let script = package.join("axe.min.js");
        let installed = fs::read_to_string(package.join("package.json"))
            .map(|p| p.contains(&format!("\"version\": \"{AXE_CORE_VERSION}\"")))
            .unwrap_or(false);
        if installed && script.is_file() {
            println!("✓ axe-core {AXE_CORE_VERSION} ready");
            return Ok(script);
        }
        self.npm_install(project)?;
        Ok(script)
    }

    /// PATH with the project's tools first; on the Debian route `/usr/bin` comes next so
    /// trunk's plain `cargo` is Debian's, while npm's wasm-opt stays ahead of any older one.
    fn path(&self) -> OsString {
        let mut dirs = vec![
            self.tools.join("bin"),
            self.tools.join("npm/node_modules/.bin"),
        ];
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
        let mut cmd = Command::new(self.bin("trunk"));
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

    /// Finds Chromium and a matching chromedriver, installing both with apt when missing.
    pub fn browser(&self, project: &Project) -> Result<Browser, Failure> {
        let chromium = which("chromium");
        let chromedriver = which("chromedriver");
        if chromium.is_none() || chromedriver.is_none() {
            apt_install(
                project,
                &["chromium", "chromium-driver"],
                "Chromium and chromedriver",
                "1 min",
            )?;
        }
        let browser = Browser {
            chromium: which("chromium")
                .ok_or_else(|| Failure::new("chromium is still missing after apt-get"))?,
            chromedriver: which("chromedriver")
                .ok_or_else(|| Failure::new("chromedriver is still missing after apt-get"))?,
            axe_core: self.ensure_axe_core(project)?,
        };
        let version = |p: &Path| {
            Command::new(p)
                .arg("--version")
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).to_string())
                .unwrap_or_default()
        };
        let major = |text: &str| {
            text.split_whitespace()
                .find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
                .and_then(|v| v.split('.').next().map(str::to_string))
        };
        let (c, d) = (version(&browser.chromium), version(&browser.chromedriver));
        if major(&c) != major(&d) {
            return Err(Failure::new(format!(
                "Chromium and chromedriver versions differ ({} vs {}): reinstall both with apt",
                c.trim(),
                d.trim()
            )));
        }
        println!("✓ {} ready", c.trim());
        Ok(browser)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
