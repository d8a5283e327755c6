//! Client-side code for the composed request: fetch and curl always, plus XHR, a form, a
//! navigation, an iframe, sendBeacon or the preflight's curl for the scenario's client.
//!
//! User text only ever reaches the code through an escaper for its language (a JavaScript
//! string, a single-quoted shell word, HTML text or an HTML comment).

use serde::Serialize;

use nocontent_engine::scenario::{ClientKind, ResponseType, Scenario};
use nocontent_engine::wire::{self, Fields, PAGE_ORIGIN};

use crate::text::*;

/// A piece of code to copy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub label: String,
    /// For syntax highlighting: "javascript", "shell" or "html".
    pub language: &'static str,
    pub code: String,
}

/// A JavaScript string literal.
fn js_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A word for a POSIX shell: single-quoted, with each ' written as '\''.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// A method for curl's -X: bare when it is plainly safe, quoted otherwise.
fn shell_word(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        s.to_string()
    } else {
        shell_quote(s)
    }
}

/// Text for an HTML attribute value or element content.
fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for an HTML comment: "--" cannot appear inside one.
fn html_comment(s: &str) -> String {
    format!("<!-- {} -->", s.replace("--", "- -"))
}

/// The scenario's request headers that can go on the wire at all, trimmed.
fn sendable_headers(scenario: &Scenario) -> Fields {
    scenario
        .request
        .headers
        .iter()
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .filter(|(n, v)| wire::name_problem(n).is_none() && wire::value_problem(v).is_none())
        .collect::<Vec<_>>()
        .into()
}

/// Decodes one application/x-www-form-urlencoded component: + is a space, %XX a byte.
fn form_decode(s: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
    }
    let mut out = Vec::with_capacity(s.len());
    let mut rest = s.bytes();
    while let Some(b) = rest.next() {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let mut ahead = rest.clone();
                match (ahead.next().and_then(hex), ahead.next().and_then(hex)) {
                    (Some(high), Some(low)) => {
                        out.push(high * 16 + low);
                        rest = ahead;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The name/value pairs of a urlencoded string.
fn form_fields(encoded: &str) -> Vec<(String, String)> {
    encoded
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (form_decode(name), form_decode(value)),
            None => (form_decode(pair), String::new()),
        })
        .collect()
}

fn no_body_method(method: &str) -> bool {
    matches!(method, "GET" | "HEAD")
}

/// How to make this request from the client side: always `fetch` and `curl`, plus the
/// snippet for the scenario's client (XHR, a form, sendBeacon, an iframe, a navigation, or a
/// curl of the OPTIONS preflight).
pub fn client_snippets(scenario: &Scenario) -> Vec<Snippet> {
    let mut snippets = vec![fetch_snippet(scenario), curl_snippet(scenario)];
    match scenario.client.kind {
        ClientKind::Fetch => {}
        ClientKind::Xhr => snippets.push(xhr_snippet(scenario)),
        ClientKind::Form => snippets.push(form_snippet(scenario)),
        ClientKind::Navigation => snippets.push(navigation_snippet(scenario)),
        ClientKind::Iframe => snippets.push(iframe_snippet(scenario)),
        ClientKind::Beacon => snippets.push(beacon_snippet(scenario)),
        ClientKind::Preflight => snippets.push(preflight_curl_snippet(scenario)),
    }
    snippets
}

fn fetch_snippet(scenario: &Scenario) -> Snippet {
    let method = method_of(&scenario.request.method);
    let url = url_of(&scenario.request.target);
    let body = &scenario.request.body;
    let status = scenario.answer.status;
    let mut code = String::new();
    if scenario.client.kind == ClientKind::Preflight {
        code.push_str(&format!(
            "// Sent from {PAGE_ORIGIN}: a cross-origin request, so the browser may send an OPTIONS\n// preflight first. If that fails, fetch() rejects with TypeError: Failed to fetch and the\n// reason appears only in the console.\n"
        ));
    }
    let all_headers = sendable_headers(scenario);
    let dropped: Vec<&str> = all_headers
        .iter()
        .filter(|(n, _)| wire::is_forbidden_request_header(n))
        .map(|(n, _)| n.as_str())
        .collect();
    if !dropped.is_empty() {
        code.push_str(&format!(
            "// Left out: the browser sets {} itself.\n",
            dropped.join(", ")
        ));
    }
    let headers: Vec<&(String, String)> = all_headers
        .iter()
        .filter(|(n, _)| !wire::is_forbidden_request_header(n))
        .collect();
    let body_sent = !body.is_empty() && !no_body_method(&method);
    if !body.is_empty() && !body_sent {
        code.push_str(&format!(
            "// fetch() cannot send a body with {method}, so the body is left out.\n"
        ));
    }
    let mut options = Vec::new();
    if method != "GET" {
        options.push(format!("  method: {},\n", js_string(&method)));
    }
    if !headers.is_empty() {
        let mut h = String::from("  headers: {\n");
        for (name, value) in &headers {
            h.push_str(&format!("    {}: {},\n", js_string(name), js_string(value)));
        }
        h.push_str("  },\n");
        options.push(h);
    }
    if body_sent {
        options.push(format!("  body: {},\n", js_string(body)));
    }
    if options.is_empty() {
        code.push_str(&format!("const res = await fetch({});\n", js_string(&url)));
    } else {
        code.push_str(&format!(
            "const res = await fetch({}, {{\n{}}});\n",
            js_string(&url),
            options.concat()
        ));
    }
    let json_answer = Fields::from(scenario.answer.headers.as_slice())
        .get("content-type")
        .is_some_and(|t| t.to_ascii_lowercase().contains("json"));
    let check_ok = "if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);\n";
    match status {
        // The composed answer went to the OPTIONS preflight: the real request's own answer is
        // not known here, and may well be a 204.
        _ if scenario.client.kind == ClientKind::Preflight => {
            code.push_str(check_ok);
            code.push_str("// The answer may be 204 (no body): read text and parse only if there is some.\nconst text = await res.text();\nconst data = text ? JSON.parse(text) : null;\n");
        }
        204 | 205 => {
            code.push_str(check_ok);
            code.push_str(&format!(
                "// {} has no body: check the status before parsing, or json() rejects with SyntaxError.\n",
                status_line(status, nocontent_engine::status::reason(status))
            ));
            code.push_str(&format!(
                "const data = res.status === {status} ? null : await res.json();\n"
            ));
            if status == 205 {
                code.push_str("// Browsers do not reset the form after 205: do it yourself.\nif (res.status === 205) document.querySelector(\"form\")?.reset();\n");
            }
        }
        304 => {
            code.push_str("if (res.status === 304) {\n  // Not Modified: no body (and ok is false); reuse the copy you already have.\n} else if (!res.ok) {\n  throw new Error(`HTTP ${res.status} ${res.statusText}`);\n} else {\n  const data = await res.json();\n}\n");
        }
        _ if method == "HEAD" => {
            code.push_str(check_ok);
            code.push_str("// A HEAD response has no body: read its headers.\nconst length = res.headers.get(\"Content-Length\");\n");
        }
        _ if scenario.answer.body.is_empty() => {
            code.push_str(check_ok);
            code.push_str("// The answer has no content: res.json() would reject, so read text.\nconst text = await res.text();\nconst data = text ? JSON.parse(text) : null;\n");
        }
        _ if json_answer => {
            code.push_str(check_ok);
            code.push_str("const data = await res.json();\n");
        }
        _ => {
            code.push_str(check_ok);
            code.push_str("const text = await res.text();\n");
        }
    }
    Snippet {
        label: "fetch".into(),
        language: "javascript",
        code,
    }
}

/// Joins curl's words, one option per line after the URL.
fn curl_lines(first: String, rest: Vec<String>) -> String {
    let mut code = first;
    for line in rest {
        code.push_str(" \\\n  ");
        code.push_str(&line);
    }
    code
}

fn curl_snippet(scenario: &Scenario) -> Snippet {
    let method = method_of(&scenario.request.method);
    let url = shell_quote(&url_of(&scenario.request.target));
    let first = match method.as_str() {
        "GET" => format!("curl -i {url}"),
        "HEAD" => format!("curl -I {url}"),
        m => format!("curl -i -X {} {url}", shell_word(m)),
    };
    let mut rest: Vec<String> = sendable_headers(scenario)
        .iter()
        .map(|(n, v)| format!("-H {}", shell_quote(&format!("{n}: {v}"))))
        .collect();
    // curl -I cannot send data; a GET body goes out as composed.
    if !scenario.request.body.is_empty() && method != "HEAD" {
        rest.push(format!(
            "--data-raw {}",
            shell_quote(&scenario.request.body)
        ));
    }
    Snippet {
        label: "curl".into(),
        language: "shell",
        code: curl_lines(first, rest),
    }
}

fn preflight_curl_snippet(scenario: &Scenario) -> Snippet {
    let method = method_of(&scenario.request.method);
    let url = shell_quote(&url_of(&scenario.request.target));
    let mut rest = vec![
        format!("-H {}", shell_quote(&format!("Origin: {PAGE_ORIGIN}"))),
        format!(
            "-H {}",
            shell_quote(&format!("Access-Control-Request-Method: {method}"))
        ),
    ];
    let asked = nocontent_engine::outcome::unsafe_request_headers(&sendable_headers(scenario));
    if !asked.is_empty() {
        rest.push(format!(
            "-H {}",
            shell_quote(&format!(
                "Access-Control-Request-Headers: {}",
                asked.join(",")
            ))
        ));
    }
    Snippet {
        label: "curl (the OPTIONS preflight)".into(),
        language: "shell",
        code: curl_lines(format!("curl -i -X OPTIONS {url}"), rest),
    }
}

fn xhr_snippet(scenario: &Scenario) -> Snippet {
    let method = method_of(&scenario.request.method);
    let url = url_of(&scenario.request.target);
    let response_type = scenario.client.response_type;
    let mut code = String::from("const xhr = new XMLHttpRequest();\n");
    code.push_str(&format!(
        "xhr.open({}, {});\n",
        js_string(&method),
        js_string(&url)
    ));
    code.push_str(&format!(
        "xhr.responseType = {};\n",
        js_string(response_type.as_str())
    ));
    for (name, value) in sendable_headers(scenario)
        .iter()
        .filter(|(n, _)| !wire::is_forbidden_request_header(n))
    {
        code.push_str(&format!(
            "xhr.setRequestHeader({}, {});\n",
            js_string(name),
            js_string(value)
        ));
    }
    let empty = match response_type {
        ResponseType::Text => "\"\"",
        ResponseType::Json | ResponseType::Document => "null",
        ResponseType::Arraybuffer => "an empty ArrayBuffer",
        ResponseType::Blob => "an empty Blob",
    };
    code.push_str("xhr.onload = () => {\n");
    if matches!(scenario.answer.status, 204 | 205) {
        code.push_str(&format!(
            "  // load fires for {} too: there is no body, so xhr.response is {empty}.\n  if (xhr.status === {}) return;\n",
            scenario.answer.status, scenario.answer.status
        ));
    } else if response_type == ResponseType::Json {
        code.push_str("  // xhr.response is null when the body is empty or not JSON.\n");
    }
    code.push_str("  console.log(xhr.status, xhr.response);\n};\n");
    code.push_str("xhr.onerror = () => console.error(\"network error\");\n");
    let body = &scenario.request.body;
    if body.is_empty() || no_body_method(&method) {
        code.push_str("xhr.send();\n");
    } else {
        code.push_str(&format!("xhr.send({});\n", js_string(body)));
    }
    Snippet {
        label: "XMLHttpRequest".into(),
        language: "javascript",
        code,
    }
}

fn form_snippet(scenario: &Scenario) -> Snippet {
    let method = method_of(&scenario.request.method);
    let target = &scenario.request.target;
    let mut code = String::new();
    let get = method == "GET";
    if !matches!(method.as_str(), "GET" | "POST") {
        code.push_str(&html_comment(&format!(
            "An HTML form sends only GET or POST: {method} becomes POST."
        )));
        code.push('\n');
    }
    // A GET form puts its fields in the query string, so they come from the target's query.
    let (action, encoded) = if get {
        match target.split_once('?') {
            Some((path, query)) => (url_of(path), query.to_string()),
            None => (url_of(target), String::new()),
        }
    } else {
        (url_of(target), scenario.request.body.clone())
    };
    let kind = Fields::from(scenario.request.headers.as_slice())
        .get("content-type")
        .map(|t| t.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let urlencoded =
        get || kind.is_empty() || kind.starts_with("application/x-www-form-urlencoded");
    let fields = if urlencoded {
        form_fields(&encoded)
    } else {
        code.push_str(&html_comment(&format!(
            "A form cannot send a {} body; it sends its fields urlencoded.",
            kind
        )));
        code.push('\n');
        Vec::new()
    };
    match scenario.answer.status {
        204 => {
            code.push_str(&html_comment(
                "The answer is 204: the page stays and the typed values stay too.",
            ));
            code.push('\n');
        }
        205 => {
            code.push_str(&html_comment(
                "The answer is 205: the page stays. RFC 9110 asks browsers to reset the form; Chromium keeps the typed values, so reset it in script if needed.",
            ));
            code.push('\n');
        }
        _ => {}
    }
    code.push_str(&format!(
        "<form method=\"{}\" action=\"{}\">\n",
        if get { "get" } else { "post" },
        html_escape(&action)
    ));
    for (name, value) in &fields {
        code.push_str(&format!(
            "  <input name=\"{}\" value=\"{}\">\n",
            html_escape(name),
            html_escape(value)
        ));
    }
    code.push_str("  <button>Send</button>\n</form>\n");
    Snippet {
        label: "HTML form".into(),
        language: "html",
        code,
    }
}

fn navigation_snippet(scenario: &Scenario) -> Snippet {
    let url = url_of(&scenario.request.target);
    let mut code = String::from("// A link or location.href always sends GET.\n");
    if matches!(scenario.answer.status, 204 | 205) {
        code.push_str(&format!(
            "// The answer is {}: the page stays, and the URL and history do not change.\n",
            scenario.answer.status
        ));
    }
    code.push_str(&format!("location.href = {};\n", js_string(&url)));
    Snippet {
        label: "location.href".into(),
        language: "javascript",
        code,
    }
}

fn iframe_snippet(scenario: &Scenario) -> Snippet {
    let url = url_of(&scenario.request.target);
    let mut code = String::new();
    if matches!(scenario.answer.status, 204 | 205) {
        code.push_str(&html_comment(&format!(
            "The answer is {}: the navigation is aborted and no load event fires.",
            scenario.answer.status
        )));
        code.push('\n');
    }
    code.push_str(&format!(
        "<iframe src=\"{}\"></iframe>\n",
        html_escape(&url)
    ));
    Snippet {
        label: "iframe".into(),
        language: "html",
        code,
    }
}

fn beacon_snippet(scenario: &Scenario) -> Snippet {
    let url = js_string(&url_of(&scenario.request.target));
    let body = &scenario.request.body;
    let mut code =
        String::from("// Always a POST; a string body goes as text/plain;charset=UTF-8.\n");
    if body.is_empty() {
        code.push_str(&format!("const queued = navigator.sendBeacon({url});\n"));
    } else {
        code.push_str(&format!(
            "const queued = navigator.sendBeacon({url}, {});\n",
            js_string(body)
        ));
    }
    code.push_str("// true means queued; the page never sees the response, whatever its status.\n");
    Snippet {
        label: "navigator.sendBeacon".into(),
        language: "javascript",
        code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Control characters and the two line separators JavaScript treats as line ends are
    /// escaped, so a snippet's string literal stays one valid line.
    #[test]
    fn js_strings_escape_controls_and_line_separators() {
        assert_eq!(
            js_string("a\u{7}b\u{2028}c\u{2029}\"\\"),
            "\"a\\u0007b\\u2028c\\u2029\\\"\\\\\""
        );
        assert_eq!(js_string("é"), "\"é\"");
    }

    /// XHR cannot set a forbidden request header (Fetch), so the snippet leaves it out and
    /// sets every other.
    #[test]
    fn the_xhr_snippet_sets_only_headers_a_page_may_set() {
        let mut s = Scenario::default();
        s.request.headers = vec![
            ("X-Token".into(), "1".into()),
            ("Host".into(), "evil.example".into()),
        ];
        let code = xhr_snippet(&s).code;
        assert!(
            code.contains("xhr.setRequestHeader(\"X-Token\", \"1\");"),
            "{code}"
        );
        assert!(!code.contains("Host"), "{code}");
    }

    /// A Content-Type the user typed lands in an HTML comment of the form snippet: a `--`
    /// in it cannot end the comment early.
    #[test]
    fn typed_text_cannot_end_the_form_snippets_comment() {
        let mut s = Scenario::default();
        s.request.method = "POST".into();
        s.request.headers = vec![("Content-Type".into(), "text/a-->b<i>".into())];
        let code = form_snippet(&s).code;
        let line = code
            .lines()
            .find(|l| l.contains("cannot send a"))
            .unwrap_or_default();
        assert_eq!(
            line,
            "<!-- A form cannot send a text/a- ->b<i> body; it sends its fields urlencoded. -->"
        );
    }

    /// GET and HEAD carry no body from fetch() or XHR; other methods send the one typed.
    #[test]
    fn the_snippets_send_a_body_only_where_the_method_can() {
        let mut s = Scenario::default();
        s.request.body = "a=1".into();
        for (method, sent) in [
            ("GET", false),
            ("HEAD", false),
            ("POST", true),
            ("DELETE", true),
        ] {
            s.request.method = method.into();
            let xhr = xhr_snippet(&s).code;
            let fetch = fetch_snippet(&s).code;
            assert_eq!(xhr.contains("xhr.send(\"a=1\");"), sent, "{method}: {xhr}");
            assert_eq!(xhr.contains("xhr.send();"), !sent, "{method}: {xhr}");
            assert_eq!(fetch.contains("body: \"a=1\""), sent, "{method}: {fetch}");
        }
    }

    /// A JSON answer is read with json(); an answer with no content is read as text first.
    #[test]
    fn the_fetch_snippet_reads_json_only_when_there_is_content() {
        let mut s = Scenario::default();
        s.request.method = "GET".into();
        s.answer.status = 200;
        s.answer.headers = vec![("Content-Type".into(), "application/json".into())];
        s.answer.body = "{}".into();
        let with = fetch_snippet(&s).code;
        assert!(with.contains("const data = await res.json();"), "{with}");
        assert!(!with.contains("would reject"), "{with}");
        s.answer.headers = vec![("Content-Type".into(), "text/plain".into())];
        let text = fetch_snippet(&s).code;
        assert!(!text.contains("res.json()"), "{text}");
        s.answer.body.clear();
        let without = fetch_snippet(&s).code;
        assert!(
            without.contains("res.json() would reject, so read text"),
            "{without}"
        );
    }

    /// A header that could not go on the wire (a bad name or a bad value) is left out of
    /// the snippets.
    #[test]
    fn headers_that_cannot_be_sent_are_left_out() {
        let mut s = Scenario::default();
        s.request.headers = vec![
            ("Bad Name".into(), "1".into()),
            ("X-Bad-Value".into(), "a\u{1}b".into()),
            ("X-Ok".into(), "2".into()),
        ];
        let code = fetch_snippet(&s).code;
        assert!(code.contains("\"X-Ok\": \"2\""), "{code}");
        assert!(
            !code.contains("Bad Name") && !code.contains("X-Bad-Value"),
            "{code}"
        );
    }

    /// A form sends only GET or POST: the snippet says so for any other method, and only
    /// then.
    #[test]
    fn the_form_snippet_says_when_the_method_becomes_post() {
        let mut s = Scenario::default();
        s.request.method = "PUT".into();
        assert!(form_snippet(&s).code.contains("PUT becomes POST"));
        s.request.method = "POST".into();
        assert!(!form_snippet(&s).code.contains("becomes POST"));
    }

    /// Only a HEAD request is told to read its headers instead of a body.
    #[test]
    fn only_a_head_fetch_reads_headers_instead_of_a_body() {
        let mut s = Scenario::default();
        s.answer.status = 200;
        s.answer.body = "{}".into();
        let head_line = "A HEAD response has no body";
        assert!(!fetch_snippet(&s).code.contains(head_line));
        s.request.method = "HEAD".into();
        assert!(fetch_snippet(&s).code.contains(head_line));
    }

    /// For a preflight the composed answer went to the OPTIONS request, so the snippet cannot
    /// assume the real request's answer has the same status.
    #[test]
    fn the_fetch_snippet_of_a_preflight_does_not_trust_the_status() {
        let mut s = Scenario::default();
        s.answer.status = 204;
        let direct = fetch_snippet(&s).code;
        assert!(direct.contains("res.status === 204 ? null"), "{direct}");
        s.client.kind = ClientKind::Preflight;
        let preflight = fetch_snippet(&s).code;
        assert!(
            preflight.contains("read text and parse only if there is some"),
            "{preflight}"
        );
        assert!(!preflight.contains("res.status === 204"), "{preflight}");
        assert!(preflight.contains("OPTIONS\n// preflight"), "{preflight}");
    }

    /// XHR with responseType "json" gives null for an empty or broken body: the snippet says
    /// so for that type only, and a 204 or 205 returns before reading.
    #[test]
    fn the_xhr_snippet_warns_of_a_null_json_response_only_for_json() {
        let null_note = "xhr.response is null when the body is empty or not JSON";
        let mut s = Scenario::default();
        s.answer.status = 200;
        s.client.response_type = ResponseType::Json;
        assert!(xhr_snippet(&s).code.contains(null_note));
        s.client.response_type = ResponseType::Text;
        assert!(!xhr_snippet(&s).code.contains(null_note));
        s.client.response_type = ResponseType::Json;
        s.answer.status = 204;
        let code = xhr_snippet(&s).code;
        assert!(!code.contains(null_note), "{code}");
        assert!(code.contains("if (xhr.status === 204) return;"), "{code}");
    }
}
