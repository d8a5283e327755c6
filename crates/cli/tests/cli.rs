//! The `nocontent` command line: JSON in and out, exit 2 with one line on bad input.

// A test reports failure by panicking; clippy.toml allows that inside #[test] functions,
// and this allows it in the helpers they share.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs the binary with `args` and `stdin`; returns (exit code, stdout, stderr).
fn run(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nocontent"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin).expect("stdin accepts input");
    }
    let out = child.wait_with_output().expect("the binary finishes");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A successful run: exit 0, nothing on stderr, and JSON whose pointers hold these values.
fn check_ok(args: &[&str], stdin: &str, values: &[(&str, serde_json::Value)]) {
    let (code, out, err) = run(args, stdin.as_bytes());
    assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("stdout is JSON");
    for (pointer, expected) in values {
        assert_eq!(json.pointer(pointer), Some(expected), "{args:?} {pointer}");
    }
}

/// A refused run: exit 2, empty stdout, and one stderr line (before any usage text) that
/// mentions `needle`.
fn check_refused(args: &[&str], stdin: &[u8], needle: &str) {
    let (code, out, err) = run(args, stdin);
    assert_eq!(code, 2, "{args:?}: {err}");
    assert_eq!(out, "", "{args:?}: no partial output");
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("nocontent: ") && first.contains(needle),
        "{args:?}: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn simulate() {
    use serde_json::json;
    check_ok(
        &["simulate", "-"],
        r#"{"request":{"method":"GET","target":"/x"},"client":{"kind":"xhr","response_type":"json"},"answer":{"status":204,"body":"hello","framing":"content-length"}}"#,
        &[
            ("/response/status", json!(204)),
            (
                "/wire",
                json!("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello"),
            ),
            ("/findings/0/id", json!("NO_CONTENT_WITH_BODY")),
            ("/findings/0/level", json!("error")),
            ("/findings/0/section", json!("RFC 9110 §15.3.5")),
            (
                "/findings/0/url",
                json!("https://www.rfc-editor.org/rfc/rfc9110#section-15.3.5"),
            ),
            ("/outcomes/xhr/response", json!({"value": null})),
            // The JSON contract: exactly spec/chromium/firefox/webkit where any column differs.
            (
                "/outcomes/connection/leftover_bytes",
                json!({"spec": 5, "chromium": 5, "firefox": 0, "webkit": 5}),
            ),
            (
                "/outcomes/connection/reusable",
                json!({"spec": true, "chromium": false, "firefox": true, "webkit": false}),
            ),
            ("/outcomes/fetch/status", json!(204)),
            (
                "/engines",
                json!([
                    {"key": "chromium", "label": "Chromium 156"},
                    {"key": "firefox", "label": "Firefox 153"},
                    {"key": "webkit", "label": "WebKitGTK 2.50"}
                ]),
            ),
        ],
    );
    check_ok(
        &["simulate", "-"],
        "{}",
        &[("/response/status", json!(204))],
    );
}

#[test]
fn lint_and_scenarios() {
    use serde_json::json;
    check_ok(
        &["lint", "--method", "HEAD", "-"],
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc",
        &[
            ("/0/id", json!("HEAD_WITH_BODY")),
            ("/1/id", json!("LEFTOVER_BYTES")),
        ],
    );
    check_ok(
        &["lint", "-", "--method", "GET"],
        "HTTP/1.1 204 No Content\r\n\r\n",
        &[("/0/id", json!("NO_CONTENT_TO_GET"))],
    );
    let (code, out, _) = run(&["scenarios"], b"");
    assert_eq!(code, 0);
    let catalog: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let entries = catalog.as_array().expect("an array");
    assert!(entries.len() >= 14);
    assert!(entries
        .iter()
        .all(|e| e["scenario"]["answer"]["status"].is_u64() && e["title"].is_string()));
}

#[test]
fn paste_gives_the_scenario_a_pasted_response_becomes() {
    use serde_json::json;
    check_ok(
        &["paste", "--method", "HEAD", "-"],
        "HTTP/1.1 200 OK\nContent-Length: 3\n\n",
        &[
            ("/scenario/request/method", json!("HEAD")),
            ("/scenario/answer/status", json!(200)),
            ("/scenario/answer/framing", json!("content-length")),
            ("/scenario/answer/headers/0/1", json!("3")),
        ],
    );
    check_ok(
        &["paste", "-"],
        "> PUT /a HTTP/1.1\n>\n< HTTP/1.1 204 No Content\n<\n",
        &[
            ("/scenario/request/method", json!("PUT")),
            ("/scenario/request/target", json!("/a")),
            ("/read", json!("Read curl -v output: 204 No Content, 0 header fields, no body, answering PUT /a.")),
        ],
    );
    check_refused(
        &["paste", "-"],
        b"HTTP/1.1 204 No Content\nno colon\n",
        "line 2",
    );
    check_refused(&["paste", "--entry", "0", "-"], b"", "--entry");
}

#[test]
fn bad_input_is_refused_in_one_line() {
    check_refused(
        &["simulate", "-"],
        b"{\"answer\": {\"status\": \"204\"}}",
        "line 1 column",
    );
    check_refused(
        &["simulate", "-"],
        b"{\"answer\": {\"stauts\": 204}}",
        "unknown field `stauts`",
    );
    check_refused(
        &["simulate", "-"],
        b"{\"answer\": {\"status\": 42}}",
        "answer.status",
    );
    check_refused(&["simulate", "-"], b"\xff\xfe", "not UTF-8");
    check_refused(&["simulate", "/no/such/file.json"], b"", "cannot read");
    check_refused(&["simulate"], b"", "simulate takes one FILE");
    check_refused(&["lint", "-"], b"", "--method");
    check_refused(&["fly"], b"", "unknown command `fly`");
    check_refused(&[], b"", "no command given");
}
