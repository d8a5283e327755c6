//! The per-user tool cache: one folder per pinned tool and version, shared by every clone.
//!
//! The folder is `$NOCONTENT_TOOLS_DIR/<tool>-<version>/` when that variable is set, else
//! `${XDG_CACHE_HOME:-$HOME/.cache}/nocontent/tools/<tool>-<version>/`. It lives outside the
//! checkout so that a fresh clone, or CI's clean checkout, on a machine that has run the
//! project once installs nothing. A tool is installed into a temporary sibling folder, checked,
//! and only then renamed to its final name, so a folder with the final name is always a
//! complete install: two clones installing at once, or a run killed halfway, can leave at most
//! a temporary folder behind, which the next install sweeps away.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::run::Failure;

/// Overrides where the cache lives (the folder that holds the `<tool>-<version>` folders).
pub const TOOLS_DIR_VAR: &str = "NOCONTENT_TOOLS_DIR";

/// The cache's root folder.
pub struct Cache {
    root: PathBuf,
}

impl Cache {
    /// The cache this process uses, from the environment.
    pub fn locate() -> Result<Cache, Failure> {
        let root = root_from(
            std::env::var_os(TOOLS_DIR_VAR),
            std::env::var_os("XDG_CACHE_HOME"),
            std::env::var_os("HOME"),
        )?;
        Ok(Cache { root })
    }

    #[cfg(test)]
    pub fn at(root: PathBuf) -> Cache {
        Cache { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of one tool at one version; two versions never share a folder.
    pub fn folder(&self, tool: &str, version: &str) -> PathBuf {
        self.root.join(key(tool, version))
    }

    /// Returns the folder of `tool` at `version`, running `install` first if that folder is
    /// missing or fails `ready`. `install` fills the empty folder it is given; the result is
    /// renamed into place only when `ready` accepts it, and removed otherwise.
    pub fn install_atomically(
        &self,
        tool: &str,
        version: &str,
        ready: impl Fn(&Path) -> bool,
        install: impl FnOnce(&Path) -> Result<(), Failure>,
    ) -> Result<PathBuf, Failure> {
        let key = key(tool, version);
        let folder = self.root.join(&key);
        if ready(&folder) {
            return Ok(folder);
        }
        fs::create_dir_all(&self.root).map_err(|e| {
            Failure::new(format!(
                "cannot create the tool cache {}: {e} (set {TOOLS_DIR_VAR} to a writable folder)",
                self.root.display()
            ))
        })?;
        self.sweep(&key);
        if folder.exists() {
            // Only a complete install is ever renamed to this name, so something outside
            // the xtask broke it (a deleted binary, say): move it aside, then reinstall.
            let aside = self.temporary(&key, "old");
            fs::rename(&folder, &aside).map_err(|e| {
                Failure::new(format!(
                    "{} is incomplete and cannot be moved aside: {e}; delete it and retry",
                    folder.display()
                ))
            })?;
            let _ = fs::remove_dir_all(&aside);
        }
        let temporary = self.temporary(&key, "new");
        fs::create_dir(&temporary)
            .map_err(|e| Failure::new(format!("cannot create {}: {e}", temporary.display())))?;
        let installed = install(&temporary).and_then(|()| {
            if ready(&temporary) {
                Ok(())
            } else {
                Err(Failure::new(format!(
                    "{tool} {version} installed, but it does not report version {version}"
                )))
            }
        });
        if let Err(failure) = installed {
            let _ = fs::remove_dir_all(&temporary);
            return Err(failure);
        }
        match fs::rename(&temporary, &folder) {
            Ok(()) => Ok(folder),
            Err(e) => {
                let _ = fs::remove_dir_all(&temporary);
                // Another clone may have renamed its own complete install into place first.
                if ready(&folder) {
                    Ok(folder)
                } else {
                    Err(Failure::new(format!(
                        "cannot move the new {tool} into {}: {e}",
                        folder.display()
                    )))
                }
            }
        }
    }

    /// A fresh temporary sibling of `key`'s folder, named after this process so that
    /// [`Cache::sweep`] can tell a live install from the leftover of a killed one.
    fn temporary(&self, key: &str, purpose: &str) -> PathBuf {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        self.root
            .join(format!(".{key}.{purpose}-{}-{nanos}", std::process::id()))
    }

    /// Removes temporary folders of `key` left by processes that no longer run.
    fn sweep(&self, key: &str) {
        // Without /proc there is no cheap way to know whether a process lives; the leftovers
        // are then harmless, only untidy.
        if !Path::new("/proc/self").exists() {
            return;
        }
        let Ok(entries) = fs::read_dir(&self.root) else {
            return;
        };
        let prefix = format!(".{key}.");
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(rest) = name.strip_prefix(&prefix) else {
                continue;
            };
            let pid = rest.split('-').nth(1).and_then(|p| p.parse::<u32>().ok());
            if let Some(pid) = pid {
                if !Path::new(&format!("/proc/{pid}")).exists() {
                    let _ = fs::remove_dir_all(entry.path());
                }
            }
        }
    }
}

fn key(tool: &str, version: &str) -> String {
    format!("{tool}-{version}")
}

/// Chooses the cache root: the override, else the XDG cache folder, else `~/.cache`.
fn root_from(
    override_dir: Option<OsString>,
    xdg_cache_home: Option<OsString>,
    home: Option<OsString>,
) -> Result<PathBuf, Failure> {
    let set = |value: Option<OsString>| value.filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = set(override_dir) {
        return std::path::absolute(&dir)
            .map_err(|e| Failure::new(format!("{TOOLS_DIR_VAR}={}: {e}", dir.display())));
    }
    // The XDG base directory spec says a relative path in XDG_CACHE_HOME is to be ignored.
    if let Some(xdg) = set(xdg_cache_home).filter(|p| p.is_absolute()) {
        return Ok(xdg.join("nocontent").join("tools"));
    }
    if let Some(home) = set(home) {
        return Ok(home.join(".cache").join("nocontent").join("tools"));
    }
    Err(Failure::new(format!(
        "no place for the tool cache: neither HOME nor XDG_CACHE_HOME is set; set {TOOLS_DIR_VAR}"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run;
    use std::cell::Cell;
    use std::process::Command;

    fn os(s: &str) -> Option<OsString> {
        Some(OsString::from(s))
    }

    #[test]
    fn the_override_wins_then_xdg_then_home() {
        let root = |o, x, h| root_from(o, x, h).map_err(|f| f.to_string());
        assert_eq!(
            root(os("/srv/tools"), os("/xdg"), os("/home/me")),
            Ok(PathBuf::from("/srv/tools"))
        );
        assert_eq!(
            root(None, os("/xdg"), os("/home/me")),
            Ok(PathBuf::from("/xdg/nocontent/tools"))
        );
        assert_eq!(
            root(os(""), os(""), os("/home/me")),
            Ok(PathBuf::from("/home/me/.cache/nocontent/tools"))
        );
        assert_eq!(
            root(None, os("relative/cache"), os("/home/me")),
            Ok(PathBuf::from("/home/me/.cache/nocontent/tools"))
        );
        let relative = root(os("rel"), None, None).expect("a relative override is made absolute");
        assert!(relative.is_absolute() && relative.ends_with("rel"));
        assert!(root(None, None, None).is_err());
    }

    #[test]
    fn folders_are_keyed_by_tool_and_version() {
        let cache = Cache::at(PathBuf::from("/c"));
        assert_eq!(
            cache.folder("trunk", "0.21.14"),
            PathBuf::from("/c/trunk-0.21.14")
        );
        assert_ne!(
            cache.folder("trunk", "0.21.14"),
            cache.folder("trunk", "0.22.0")
        );
        assert_ne!(cache.folder("trunk", "1"), cache.folder("geckodriver", "1"));
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map(|it| {
                it.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    fn has_tool(folder: &Path) -> bool {
        folder.join("bin/tool").is_file()
    }

    /// Stands in for `cargo install`: a real command that writes into the folder, then
    /// exits with `status`.
    fn fake_install(folder: &Path, status: u8) -> Result<(), Failure> {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!(
                "mkdir -p bin && echo half > bin/tool && exit {status}"
            ))
            .current_dir(folder);
        run::captured(cmd, &folder.join("install.log"), "fake install")
    }

    #[test]
    fn a_failed_install_leaves_no_folder_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::at(dir.path().join("tools"));
        let result = cache.install_atomically("tool", "1.0.0", has_tool, |f| fake_install(f, 3));
        assert!(result.is_err());
        assert_eq!(entries(cache.root()), Vec::<String>::new());
    }

    #[test]
    fn an_install_with_the_wrong_version_is_discarded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::at(dir.path().to_path_buf());
        let result = cache.install_atomically("tool", "1.0.0", |_| false, |f| fake_install(f, 0));
        let message = result.expect_err("nothing reports the version").to_string();
        assert!(
            message.contains("does not report version 1.0.0"),
            "{message}"
        );
        assert_eq!(entries(cache.root()), Vec::<String>::new());
    }

    #[test]
    fn a_complete_install_is_renamed_into_place_and_reused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::at(dir.path().to_path_buf());
        let folder = cache
            .install_atomically("tool", "1.0.0", has_tool, |f| fake_install(f, 0))
            .expect("installs");
        assert_eq!(folder, cache.folder("tool", "1.0.0"));
        assert!(has_tool(&folder));
        assert_eq!(entries(cache.root()), vec!["tool-1.0.0".to_string()]);

        let ran = Cell::new(false);
        let again = cache.install_atomically("tool", "1.0.0", has_tool, |_| {
            ran.set(true);
            Ok(())
        });
        assert_eq!(again.ok(), Some(folder));
        assert!(!ran.get(), "a cached tool must not be installed again");
    }

    #[test]
    fn a_broken_folder_and_leftovers_of_dead_runs_are_replaced_and_live_ones_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::at(dir.path().to_path_buf());
        // A final folder whose binary was deleted, and the temporary folder of a killed run
        // (no process has an id this large).
        fs::create_dir_all(cache.folder("tool", "1.0.0").join("bin")).expect("mkdir");
        fs::create_dir_all(dir.path().join(".tool-1.0.0.new-999999999-5/bin")).expect("mkdir");
        // Another tool's leftover is not this install's business, and a live process's
        // install in progress (this test's own id) must be left alone.
        fs::create_dir_all(dir.path().join(".other-2.0.0.new-999999999-5")).expect("mkdir");
        let live = format!(".tool-1.0.0.new-{}-7", std::process::id());
        fs::create_dir_all(dir.path().join(&live)).expect("mkdir");
        let folder = cache
            .install_atomically("tool", "1.0.0", has_tool, |f| fake_install(f, 0))
            .expect("installs");
        assert!(has_tool(&folder));
        assert_eq!(
            entries(cache.root()),
            vec![
                ".other-2.0.0.new-999999999-5".to_string(),
                live,
                "tool-1.0.0".to_string()
            ]
        );
    }
}
