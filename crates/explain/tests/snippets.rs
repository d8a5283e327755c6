//! The framework snippets are files under `content/snippets/`: every file there must be a row
//! of the table (a row without its file does not compile), so none is silently left out.

// A test reports failure by panicking; clippy.toml allows that inside #[test] functions,
// and this allows it in the helpers they share.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::path::Path;

use nocontent_explain::facts::{
    FRAMEWORK_ANSWERS, SEND_HANDLERS, SEND_HANDLER_FILES, SNIPPET_FILES,
};

#[test]
fn every_snippet_file_is_in_the_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/snippets");
    let mut files = Vec::new();
    for folder in std::fs::read_dir(&root).expect("content/snippets exists") {
        let folder = folder.expect("a folder entry").path();
        for file in std::fs::read_dir(&folder).expect("a framework folder") {
            let path = file.expect("a file entry").path();
            let relative = path.strip_prefix(&root).expect("under the root");
            files.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    files.sort();
    let mut listed: Vec<String> = SNIPPET_FILES
        .iter()
        .chain(SEND_HANDLER_FILES)
        .map(|f| f.to_string())
        .collect();
    listed.sort();
    assert_eq!(
        files, listed,
        "files in content/snippets versus the table's rows"
    );
    assert_eq!(SNIPPET_FILES.len(), FRAMEWORK_ANSWERS.len());
    assert_eq!(SEND_HANDLER_FILES.len(), SEND_HANDLERS.len());
}

/// Every framework the engine can send as has its handler, and every handler names one.
#[test]
fn every_send_mode_has_its_handler() {
    let keys: Vec<&str> = nocontent_engine::frameworks::FrameworkId::ALL
        .iter()
        .map(|f| f.key())
        .collect();
    let handlers: Vec<&str> = SEND_HANDLERS.iter().map(|h| h.send).collect();
    assert_eq!(keys, handlers);
    for h in SEND_HANDLERS {
        assert!(
            h.snippet.lines().count() >= 3,
            "{}: {:?}",
            h.send,
            h.snippet
        );
    }
}

#[test]
fn snippets_are_read_whole_without_the_final_line_break() {
    for answer in FRAMEWORK_ANSWERS {
        assert!(
            !answer.snippet.ends_with('\n') && answer.snippet.lines().count() >= 2,
            "{} {}: {:?}",
            answer.framework,
            answer.status,
            answer.snippet
        );
    }
    let express = FRAMEWORK_ANSWERS
        .iter()
        .find(|a| a.framework == "Express" && a.status == 204)
        .expect("an Express 204 row");
    assert!(express
        .snippet
        .starts_with("app.delete('/books/:id', (req, res) => {\n"));
    assert!(express.snippet.ends_with("});"));
}
