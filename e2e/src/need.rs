//! What a browser test needs that a machine may lack, and what the test does without it.
//!
//! `cargo test --workspace` runs anywhere: a test whose prerequisite is missing (the built app,
//! a browser, the lab's command-line binary, axe-core, python3) prints why and passes. `cargo
//! xtask test` sets `NOCONTENT_REQUIRE_BROWSERS=1`, which turns every such skip into a
//! failure, so a CI run can never skip silently.

use std::path::{Path, PathBuf};

use crate::error::{Context, Error};

/// True when `NOCONTENT_REQUIRE_BROWSERS=1`: a missing prerequisite is then a failure.
pub fn required() -> bool {
    std::env::var("NOCONTENT_REQUIRE_BROWSERS").is_ok_and(|v| v == "1")
}

/// `found`, or what a test does without it: `Ok(None)` after printing why it is skipped, or
/// an error when prerequisites are [`required`].
pub fn or_skip<T>(test: &str, found: Result<T, Error>) -> Result<Option<T>, Error> {
    match found {
        Ok(value) => Ok(Some(value)),
        Err(missing) if !required() => {
            println!("skipped {test}: {missing}");
            Ok(None)
        }
        Err(missing) => Err(Error::new(format!(
            "{test} cannot run (NOCONTENT_REQUIRE_BROWSERS=1): {missing}"
        ))),
    }
}

/// The workspace root: the folder above this crate.
pub fn workspace() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| manifest.to_path_buf())
}

/// The workspace's target folder (`CARGO_TARGET_DIR` when set).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .filter(|v| !v.is_empty())
        .map(|v| in_workspace(PathBuf::from(v)))
        .unwrap_or_else(|| workspace().join("target"))
}

/// A relative path from a variable is read from the workspace root, where `cargo xtask` runs,
/// and not from this crate's folder, where cargo starts the test binaries.
fn in_workspace(path: PathBuf) -> PathBuf {
    if path.is_absolute() {
        path
    } else {
        workspace().join(path)
    }
}

/// The path in `var`, else `default`.
fn from_var(var: &str, default: PathBuf) -> (PathBuf, bool) {
    match std::env::var_os(var).filter(|v| !v.is_empty()) {
        Some(value) => (in_workspace(PathBuf::from(value)), true),
        None => (default, false),
    }
}

/// The built app: `NOCONTENT_DIST`, else `dist/` at the workspace root, as `cargo xtask dist`
/// writes it.
pub fn dist() -> Result<PathBuf, Error> {
    let (dir, set) = from_var("NOCONTENT_DIST", workspace().join("dist"));
    if dir.join("index.html").is_file() {
        return Ok(dir);
    }
    Err(Error::new(format!(
        "{} has no index.html{}: run `cargo xtask dist` (or `cargo xtask test`, which builds it)",
        dir.display(),
        if set { " (NOCONTENT_DIST)" } else { "" }
    )))
}

/// The `nocontent` command line, for the lab server: `NOCONTENT_CLI`, else the debug build in
/// the target folder.
pub fn cli() -> Result<PathBuf, Error> {
    let (path, set) = from_var(
        "NOCONTENT_CLI",
        target_dir().join("debug").join("nocontent"),
    );
    if path.is_file() {
        return Ok(path);
    }
    Err(Error::new(format!(
        "no lab server binary at {}{}: run `cargo build -p nocontent-cli --bin nocontent`",
        path.display(),
        if set { " (NOCONTENT_CLI)" } else { "" }
    )))
}

/// axe-core's script for the accessibility test: `AXE_CORE_JS`, else the copy `cargo xtask
/// setup` installed (in the checkout's `.tools/npm`, or in the per-user tools cache).
pub fn axe_core() -> Result<PathBuf, Error> {
    const SCRIPT: &str = "node_modules/axe-core/axe.min.js";
    if let Some(value) = std::env::var_os("AXE_CORE_JS").filter(|v| !v.is_empty()) {
        let path = in_workspace(PathBuf::from(value));
        return Some(path.clone())
            .filter(|p| p.is_file())
            .context(format!("AXE_CORE_JS={} is not a file", path.display()));
    }
    let mut candidates = vec![workspace().join(".tools").join("npm").join(SCRIPT)];
    if let Some(cache) = crate::engine::tools_dir() {
        let mut cached: Vec<PathBuf> = std::fs::read_dir(&cache)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("axe-core-"))
            .map(|e| e.path().join(SCRIPT))
            .collect();
        // The newest pinned version last, so it is the one picked.
        cached.sort();
        candidates.extend(cached.into_iter().rev());
    }
    candidates.into_iter().find(|p| p.is_file()).context(
        "axe-core not found: set AXE_CORE_JS or run `cargo xtask setup`, which installs it",
    )
}

/// A program on `PATH` (such as `python3`).
pub fn program(name: &str) -> Result<PathBuf, Error> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .context(format!("{name} is not on PATH"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_sit_in_the_workspace() {
        assert!(workspace().join("e2e").join("Cargo.toml").is_file());
        assert_eq!(in_workspace(PathBuf::from("/abs")), PathBuf::from("/abs"));
        assert_eq!(
            in_workspace(PathBuf::from("dist")),
            workspace().join("dist")
        );
    }

    #[test]
    fn a_missing_prerequisite_is_a_skip_or_a_failure() {
        // Read-only: the variable is not changed here because tests share one process.
        let missing: Result<u8, Error> = Err(Error::new("no browser"));
        let outcome = or_skip("a test", missing);
        if required() {
            let err = outcome.unwrap_err();
            assert!(
                err.message().contains("NOCONTENT_REQUIRE_BROWSERS=1"),
                "{err}"
            );
            assert!(err.message().ends_with("no browser"), "{err}");
        } else {
            assert_eq!(outcome, Ok(None));
        }
        assert_eq!(or_skip("a test", Ok(7)), Ok(Some(7)));
        assert!(program("sh").is_ok());
        assert!(program("surely-no-such-program-here").is_err());
    }
}
