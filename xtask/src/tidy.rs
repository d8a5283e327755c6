//! Tidy checks that run as ordinary tests: rules about the tree that no compiler enforces.

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::{Path, PathBuf};

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask sits in the workspace")
            .to_path_buf()
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    fn sources(dirs: &[&str]) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for dir in dirs {
            rust_files(&root().join(dir), &mut files);
        }
        assert!(!files.is_empty(), "no Rust files found under {dirs:?}");
        files
    }

    #[test]
    fn every_module_opens_with_a_doc_comment() {
        let missing: Vec<String> = sources(&["src", "crates", "xtask/src", "tests"])
            .into_iter()
            .filter(|f| !fs::read_to_string(f).unwrap_or_default().starts_with("//!"))
            .map(|f| f.display().to_string())
            .collect();
        assert!(
            missing.is_empty(),
            "files that do not open with a `//!` comment: {missing:?}"
        );
    }

    /// The engine and the presentation crate are pure: no DOM crates, no I/O. Both end up in
    /// the wasm app, and both are tested natively.
    #[test]
    fn the_engine_and_explain_stay_pure() {
        for krate in ["crates/engine", "crates/explain"] {
            let manifest = fs::read_to_string(root().join(krate).join("Cargo.toml"))
                .unwrap_or_else(|e| panic!("{krate}/Cargo.toml: {e}"));
            for banned in [
                "yew",
                "web-sys",
                "wasm-bindgen",
                "gloo",
                "js-sys",
                "percent-encoding",
            ] {
                assert!(
                    !manifest.contains(banned),
                    "{krate} must not depend on {banned}"
                );
            }
            // The libraries do no I/O; the command line (crates/cli) is where I/O lives.
            for file in sources(&[&format!("{krate}/src")]) {
                let text = fs::read_to_string(&file).unwrap_or_default();
                for banned in [
                    "std::fs",
                    "std::net",
                    "std::io",
                    "std::process",
                    "SystemTime::now",
                    "Instant::now",
                ] {
                    assert!(
                        !text.contains(banned),
                        "{} uses {banned}: {krate} does no I/O",
                        file.display()
                    );
                }
            }
        }
    }

    #[test]
    fn user_text_never_becomes_html() {
        for file in sources(&["src"]) {
            let text = fs::read_to_string(&file).unwrap_or_default();
            for banned in ["from_html_unchecked", "set_inner_html", "inner_html"] {
                assert!(!text.contains(banned), "{} uses {banned}", file.display());
            }
        }
    }
}
