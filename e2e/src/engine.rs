//! The three engines, where their browsers and drivers are installed, and which version the
//! installed browser really is.
//!
//! Paths come from environment variables (`cargo xtask setup` exports them), else from `PATH`,
//! else from the files of the Debian package that ships them (`dpkg -L`), and for geckodriver
//! from the per-user tools cache that `cargo install --root` fills.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::{Context, Error};

/// The geckodriver release the harness is built and tested against.
pub const GECKODRIVER_VERSION: &str = "0.37.1";

/// A browser engine the harness can drive: the engine crate's own, so the harness compares
/// each run with the column of the same value.
pub use nocontent_engine::Engine;

/// The engine named on a command line (`chromium`, `firefox`, `webkit`).
pub fn parse(name: &str) -> Result<Engine, Error> {
    Engine::from_key(name).context(format!(
        "unknown engine `{name}`: expected chromium, firefox or webkit"
    ))
}

/// What the browser binary says about itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// As printed, trimmed: `Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)`.
    pub full: String,
    /// The release as the app labels it: `Chromium 156`, `Firefox 153`, `WebKitGTK 2.50`.
    pub label: String,
}

impl Version {
    /// Reads the label out of a `--version` line.
    pub fn parse(engine: Engine, printed: &str) -> Result<Version, Error> {
        let full = printed
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        let number = full
            .split_whitespace()
            .find(|w| w.starts_with(|c: char| c.is_ascii_digit()))
            .context(format!("no version number in {full:?}"))?;
        let mut parts = number.split('.');
        let major = parts.next().unwrap_or_default();
        // WebKitGTK's stable series are major.minor (2.50); the others are named by major.
        let release = match engine {
            Engine::Webkit => format!("{major}.{}", parts.next().unwrap_or("0")),
            _ => major
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .to_string(),
        };
        let expected = match engine {
            Engine::Chromium => "Chromium",
            Engine::Firefox => "Firefox",
            Engine::Webkit => "WebKitGTK",
        };
        if !full.contains(expected) {
            return Err(Error::new(format!(
                "{full:?} does not look like {expected}"
            )));
        }
        Ok(Version {
            label: format!("{} {release}", engine.product()),
            full,
        })
    }
}

/// The programs one engine needs.
#[derive(Clone, Debug)]
pub struct Installed {
    pub engine: Engine,
    pub browser: PathBuf,
    pub driver: PathBuf,
    /// The X server for an engine without a headless mode (WebKitGTK).
    pub xvfb: Option<PathBuf>,
}

/// One program to find: its variable, its names on `PATH`, the Debian package that ships it.
struct Wanted {
    var: &'static str,
    names: &'static [&'static str],
    package: Option<&'static str>,
}

const CHROMIUM: Wanted = Wanted {
    var: "CHROMIUM",
    names: &["chromium"],
    package: Some("chromium"),
};
const CHROMEDRIVER: Wanted = Wanted {
    var: "CHROMEDRIVER",
    names: &["chromedriver"],
    package: Some("chromium-driver"),
};
const FIREFOX: Wanted = Wanted {
    var: "FIREFOX",
    names: &["firefox-esr", "firefox"],
    package: Some("firefox-esr"),
};
const GECKODRIVER: Wanted = Wanted {
    var: "GECKODRIVER",
    names: &["geckodriver"],
    package: None,
};
const WEBKIT_WEBDRIVER: Wanted = Wanted {
    var: "WEBKIT_WEBDRIVER",
    names: &["WebKitWebDriver"],
    package: Some("webkit2gtk-driver"),
};
const MINIBROWSER: Wanted = Wanted {
    var: "MINIBROWSER",
    names: &["MiniBrowser"],
    package: Some("libwebkit2gtk-4.1-0"),
};
const XVFB: Wanted = Wanted {
    var: "XVFB",
    names: &["Xvfb"],
    package: Some("xvfb"),
};

/// The per-user folder pinned tools are installed into:
/// `${XDG_CACHE_HOME:-$HOME/.cache}/nocontent/tools`.
pub fn tools_dir() -> Option<PathBuf> {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(cache.join("nocontent").join("tools"))
}

/// Where `cargo install geckodriver --root …` puts the pinned geckodriver.
pub fn cached_geckodriver() -> Option<PathBuf> {
    Some(
        tools_dir()?
            .join(format!("geckodriver-{GECKODRIVER_VERSION}"))
            .join("bin")
            .join("geckodriver"),
    )
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

/// The file of a Debian package whose name is one of `names`.
fn in_package(package: &str, names: &[&str]) -> Option<PathBuf> {
    let listed = Command::new("dpkg").args(["-L", package]).output().ok()?;
    String::from_utf8_lossy(&listed.stdout)
        .lines()
        .map(PathBuf::from)
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| names.contains(&n))
                && is_executable(p)
        })
}

fn find(wanted: &Wanted) -> Result<PathBuf, Error> {
    if let Some(value) = std::env::var_os(wanted.var).filter(|v| !v.is_empty()) {
        let path = PathBuf::from(value);
        // A bare name in the variable is looked up on PATH.
        let resolved = if path.components().count() == 1 {
            on_path(&path.to_string_lossy())
        } else {
            Some(path.clone()).filter(|p| is_executable(p))
        };
        return resolved.context(format!(
            "{}={} is not an executable file",
            wanted.var,
            path.display()
        ));
    }
    let found = wanted
        .names
        .iter()
        .find_map(|n| on_path(n))
        .or_else(|| wanted.package.and_then(|p| in_package(p, wanted.names)))
        .or_else(|| {
            (wanted.var == "GECKODRIVER")
                .then(cached_geckodriver)
                .flatten()
                .filter(|p| is_executable(p))
        });
    found.context(format!(
        "{} not found: set {} or install it{}",
        wanted.names.join(" / "),
        wanted.var,
        match wanted.package {
            Some(p) => format!(" (Debian package `{p}`)"),
            None => format!(
                " (`cargo install geckodriver --version {GECKODRIVER_VERSION} --root <tools>/geckodriver-{GECKODRIVER_VERSION}`)"
            ),
        }
    ))
}

impl Installed {
    /// Finds the browser, the driver and (for WebKitGTK) Xvfb, or says which one is missing.
    pub fn locate(engine: Engine) -> Result<Installed, Error> {
        let (browser, driver, xvfb) = match engine {
            Engine::Chromium => (find(&CHROMIUM)?, find(&CHROMEDRIVER)?, None),
            Engine::Firefox => (find(&FIREFOX)?, find(&GECKODRIVER)?, None),
            Engine::Webkit => (
                find(&MINIBROWSER)?,
                find(&WEBKIT_WEBDRIVER)?,
                Some(find(&XVFB)?),
            ),
        };
        Ok(Installed {
            engine,
            browser,
            driver,
            xvfb,
        })
    }

    /// Runs the browser's `--version`. MiniBrowser is a GTK program and needs a display even
    /// for that, so WebKitGTK is asked under `display`.
    pub fn version(&self, display: Option<&str>) -> Result<Version, Error> {
        let mut command = Command::new(&self.browser);
        command.arg("--version");
        if let Some(display) = display {
            command.env("DISPLAY", display);
        }
        let what = format!("{} --version", self.browser.display());
        let (out, _) = crate::process::output_within(command, Duration::from_secs(30), &what)?;
        Version::parse(self.engine, &out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engines_parse_from_their_keys_only() {
        for engine in Engine::ALL {
            assert_eq!(parse(engine.key()), Ok(engine));
        }
        let err = parse("safari").unwrap_err();
        assert!(
            err.message().contains("chromium, firefox or webkit"),
            "{err}"
        );
    }

    #[test]
    fn versions_are_labelled_by_release() {
        let chromium = Version::parse(
            Engine::Chromium,
            "Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)\n",
        )
        .unwrap();
        assert_eq!(chromium.label, "Chromium 156");
        assert_eq!(
            chromium.full,
            "Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)"
        );
        let firefox = Version::parse(Engine::Firefox, "Mozilla Firefox 153.8.0esr\n").unwrap();
        assert_eq!(firefox.label, "Firefox 153");
        let webkit = Version::parse(Engine::Webkit, "WebKitGTK 2.50.6\n").unwrap();
        assert_eq!(webkit.label, "WebKitGTK 2.50");
        assert!(Version::parse(Engine::Webkit, "Mozilla Firefox 153.8.0esr").is_err());
        assert!(Version::parse(Engine::Chromium, "no number here").is_err());
    }

    #[test]
    fn the_geckodriver_cache_follows_xdg_cache_home() {
        // Read-only check of the path shape; the variable itself is not changed here because
        // tests run in parallel threads of one process.
        if let Some(path) = cached_geckodriver() {
            assert!(path.ends_with("nocontent/tools/geckodriver-0.37.1/bin/geckodriver"));
        }
    }
}
