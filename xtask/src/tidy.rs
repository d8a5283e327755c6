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
        let missing: Vec<String> = sources(&["src", "crates", "xtask/src", "e2e"])
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

    /// The crate-level modules that `text` names through `crate::…` paths.
    fn crate_references(text: &str) -> Vec<String> {
        let mut names = Vec::new();
        let mut rest = text;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let ident = |s: &str| -> String {
                s.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect()
            };
            if let Some(group) = rest.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or_default();
                for part in inner.split(',') {
                    names.push(ident(part.trim()));
                }
            } else {
                names.push(ident(rest));
            }
        }
        names.retain(|n| !n.is_empty() && n != "self");
        names
    }

    /// For one crate's `src/`: each top-level module and the top-level modules it uses.
    fn module_graph(
        src: &Path,
    ) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
        let mut graph = std::collections::BTreeMap::new();
        let mut files = Vec::new();
        rust_files(src, &mut files);
        for file in files {
            let Ok(relative) = file.strip_prefix(src) else {
                continue;
            };
            let first = relative
                .components()
                .next()
                .map(|c| {
                    c.as_os_str()
                        .to_string_lossy()
                        .trim_end_matches(".rs")
                        .to_string()
                })
                .unwrap_or_default();
            // The crate root and binaries are where modules are tied together, not modules.
            if matches!(first.as_str(), "lib" | "main" | "bin") {
                continue;
            }
            let text = fs::read_to_string(&file).unwrap_or_default();
            let uses: &mut std::collections::BTreeSet<String> =
                graph.entry(first.clone()).or_default();
            for name in crate_references(&text) {
                if name != first {
                    uses.insert(name);
                }
            }
        }
        graph
    }

    /// A cycle among the graph's modules, as a path, if there is one.
    fn find_cycle(
        graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
    ) -> Option<Vec<String>> {
        fn visit(
            node: &str,
            graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
            path: &mut Vec<String>,
            done: &mut std::collections::BTreeSet<String>,
        ) -> Option<Vec<String>> {
            if let Some(start) = path.iter().position(|p| p == node) {
                let mut cycle = path[start..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            if done.contains(node) {
                return None;
            }
            path.push(node.to_string());
            for next in graph.get(node).into_iter().flatten() {
                if let Some(cycle) = visit(next, graph, path, done) {
                    return Some(cycle);
                }
            }
            path.pop();
            done.insert(node.to_string());
            None
        }
        let mut done = std::collections::BTreeSet::new();
        graph
            .keys()
            .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
    }

    #[test]
    fn no_crate_has_an_import_cycle_between_its_modules() {
        // The app, the harness and the xtask, and every crate under crates/.
        let mut crates = vec![
            root().join("src"),
            root().join("e2e").join("src"),
            root().join("xtask").join("src"),
        ];
        if let Ok(entries) = fs::read_dir(root().join("crates")) {
            crates.extend(entries.flatten().map(|e| e.path().join("src")));
        }
        for src in crates.into_iter().filter(|s| s.is_dir()) {
            if let Some(cycle) = find_cycle(&module_graph(&src)) {
                panic!(
                    "{}: modules import each other: {}",
                    src.display(),
                    cycle.join(" → ")
                );
            }
        }
    }

    #[test]
    fn the_cycle_check_sees_grouped_imports_and_reports_a_cycle() {
        assert_eq!(
            crate_references("use crate::{a::X, b};\nuse crate::c::d;"),
            ["a", "b", "c"]
        );
        let graph = std::collections::BTreeMap::from([
            (
                "a".to_string(),
                std::collections::BTreeSet::from(["b".to_string()]),
            ),
            (
                "b".to_string(),
                std::collections::BTreeSet::from(["c".to_string()]),
            ),
            (
                "c".to_string(),
                std::collections::BTreeSet::from(["a".to_string()]),
            ),
        ]);
        assert_eq!(
            find_cycle(&graph),
            Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
        );
        let mut acyclic = graph.clone();
        acyclic.remove("c");
        assert_eq!(find_cycle(&acyclic), None);
    }
}
