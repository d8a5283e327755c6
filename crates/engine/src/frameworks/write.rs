//! What each framework's server writes for the handler of `e2e/frameworks/`, in its order and
//! its spelling, with a sentence for every change it makes to the handed answer.

use base64::Engine as _;
use sha1::{Digest, Sha1};

use crate::clients::{py_dumps, py_string};
use crate::method;
use crate::status;

use super::{FrameworkId, Handed, Sent, SAMPLE_DATE};

/// A response being put together: header fields in wire order.
struct Out {
    reason: String,
    headers: Vec<(String, String)>,
    body: String,
    closes: bool,
    changes: Vec<String>,
    log: Vec<String>,
}

impl Out {
    fn new(reason: impl Into<String>) -> Out {
        Out {
            reason: reason.into(),
            headers: Vec::new(),
            body: String::new(),
            closes: false,
            changes: Vec::new(),
            log: Vec::new(),
        }
    }

    fn push(&mut self, name: &str, value: impl Into<String>) {
        self.headers.push((name.to_string(), value.into()));
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.headers
            .iter()
            .position(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    fn has(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.position(name)
            .and_then(|i| self.headers.get(i))
            .map(|(_, v)| v.as_str())
    }

    /// Sets a header: its value replaced where it stands, else appended.
    fn set(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        match self.position(name).and_then(|i| self.headers.get_mut(i)) {
            Some(field) => field.1 = value,
            None => self.headers.push((name.to_string(), value)),
        }
    }

    fn remove(&mut self, name: &str) -> bool {
        let before = self.headers.len();
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        before != self.headers.len()
    }

    fn note(&mut self, sentence: impl Into<String>) {
        self.changes.push(sentence.into());
    }

    fn finish(self, framework: FrameworkId, code: u16) -> Sent {
        let mut wire = format!("HTTP/1.1 {code} {}\r\n", self.reason);
        for (name, value) in &self.headers {
            wire.push_str(&format!("{name}: {value}\r\n"));
        }
        wire.push_str("\r\n");
        wire.push_str(&self.body);
        Sent {
            framework,
            wire,
            closes: self.closes,
            changes: self.changes,
            log: self.log,
        }
    }
}

/// What `framework` puts on the wire when its handler is handed this answer.
pub fn send(framework: FrameworkId, handed: &Handed<'_>) -> Sent {
    let mut sent = match framework {
        FrameworkId::Express => express(handed),
        FrameworkId::Flask => flask(handed),
        FrameworkId::Drf => drf(handed),
        FrameworkId::Fastapi => fastapi(handed),
        FrameworkId::Axum => axum(handed),
        FrameworkId::Actix => actix(handed),
        FrameworkId::Go => go(handed),
    }
    .finish(framework, handed.status);
    added_headers(handed, &mut sent);
    sent
}

/// One sentence naming the headers the framework added that no other sentence names.
fn added_headers(handed: &Handed<'_>, sent: &mut Sent) {
    let Ok(parsed) = crate::wire::parse_response(handed.method, sent.wire.as_bytes(), sent.closes)
    else {
        return;
    };
    let named = |name: &str| {
        sent.changes
            .iter()
            .any(|c| c.to_ascii_lowercase().contains(&name.to_ascii_lowercase()))
    };
    let added: Vec<String> = parsed
        .headers
        .iter()
        .filter(|(n, _)| !handed.headers.contains(n) && !named(n))
        .map(|(n, v)| format!("{n}: {v}"))
        .collect();
    if !added.is_empty() {
        sent.changes.push(format!("It added {}.", added.join(", ")));
    }
}

fn bodiless(code: u16) -> bool {
    status::never_has_content(code)
}

fn dropped(out: &mut Out, handed: &Handed<'_>, why: &str) {
    if !handed.body.is_empty() {
        out.note(format!(
            "It dropped the {}-byte body: {why}.",
            handed.body.len()
        ));
    }
}

/// Express 5's `res.send` ETag: a weak tag of the length in hex and the first 27 characters
/// of the base64 SHA-1 of the body.
pub fn express_etag(body: &str) -> String {
    let digest = Sha1::digest(body.as_bytes());
    let hash = base64::engine::general_purpose::STANDARD.encode(digest);
    format!("W/\"{:x}-{}\"", body.len(), hash.get(..27).unwrap_or(&hash))
}

/// `res.status(s)`, `res.append(name, value)` for every header, then `res.end()` for an empty
/// body or `res.send(body)`; Node's http server adds Date and its keep-alive headers.
fn express(h: &Handed<'_>) -> Out {
    let code = h.status;
    let mut out = Out::new(status::reason(code));
    out.push("X-Powered-By", "Express");
    for (name, value) in h.headers {
        out.push(name, value);
    }
    if h.body.is_empty() {
        node_tail(&mut out, code, true);
        return out;
    }
    let charset = |ct: &str| {
        let base = ct.split(';').next().unwrap_or(ct).trim();
        format!("{base}; charset=utf-8")
    };
    let ct = out
        .get("content-type")
        .map_or_else(|| "text/html; charset=utf-8".to_string(), charset);
    if out.get("content-type") != Some(ct.as_str()) {
        out.note(format!("res.send() set Content-Type to {ct}."));
    }
    out.set("Content-Type", ct);
    out.set("Content-Length", h.body.len().to_string());
    if !out.has("etag") {
        out.push("ETag", express_etag(h.body));
        out.note("res.send() added a weak ETag computed from the body.");
    }
    if code == 204 || code == 304 {
        out.remove("content-type");
        out.remove("content-length");
        out.remove("transfer-encoding");
        dropped(
            &mut out,
            h,
            &format!("res.send() empties a {code} and strips its Content-Type and Content-Length, but keeps the ETag it computed from the body"),
        );
    } else if method::is_head(h.method) {
        out.note("Node's server sent the headers but not the body, for HEAD.");
    } else {
        out.body = h.body.to_string();
    }
    node_tail(&mut out, code, false);
    out
}

/// Node's http server: Date, the keep-alive headers, and `Content-Length: 0` for an empty
/// `res.end()` on a status that may have a body.
fn node_tail(out: &mut Out, code: u16, ended_empty: bool) {
    out.push("Date", SAMPLE_DATE);
    out.push("Connection", "keep-alive");
    out.push("Keep-Alive", "timeout=5");
    if ended_empty && !bodiless(code) && !out.has("content-length") {
        out.push("Content-Length", "0");
        out.note("Node's server framed the empty body with Content-Length: 0.");
    }
}

/// A view returning `(body, status, headers)`, on Werkzeug's development server.
fn flask(h: &Handed<'_>) -> Out {
    let code = h.status;
    let mut out = Out::new(status::reason(code).to_ascii_uppercase());
    out.push("Server", "Werkzeug/3.1.9 Python/3.11.7");
    out.push("Date", SAMPLE_DATE);
    for (name, value) in h.headers {
        out.push(name, value);
    }
    if !out.has("content-type") {
        out.push("Content-Type", "text/html; charset=utf-8");
        out.note("Flask added its default Content-Type, text/html; charset=utf-8.");
    }
    out.set("Content-Length", h.body.len().to_string());
    if code == 304 {
        // Werkzeug strips the representation's headers from a 304.
        for name in [
            "allow",
            "content-encoding",
            "content-language",
            "content-length",
            "content-md5",
            "content-range",
            "content-type",
            "last-modified",
        ] {
            out.remove(name);
        }
    } else if bodiless(code) {
        out.remove("content-length");
    }
    if bodiless(code) {
        dropped(
            &mut out,
            h,
            &format!("Werkzeug sends no body with a {code}"),
        );
    } else if method::is_head(h.method) {
        out.note("Werkzeug sent the headers but not the body, for HEAD.");
    } else {
        out.body = h.body.to_string();
    }
    out.push("Connection", "close");
    out.closes = true;
    out.note("Werkzeug's development server closes the connection after every response.");
    out
}

/// An APIView returning `Response(data, status=…, headers=…)`, data being the body's JSON
/// value (or the body as a string), on `runserver` with startproject's middleware.
fn drf(h: &Handed<'_>) -> Out {
    let code = h.status;
    let mut out = Out::new(status::reason(code));
    out.push("Date", SAMPLE_DATE);
    out.push("Server", "WSGIServer/0.2 CPython/3.11.7");
    // Django puts Content-Type first; the renderer overwrites it and deletes it again when
    // the rendered body is empty.
    let rendered = if h.body.is_empty() {
        String::new()
    } else {
        py_dumps(h.body).unwrap_or_else(|| py_string(h.body))
    };
    let at = out.headers.len();
    for (name, value) in h.headers {
        out.set(name, value);
    }
    let handed_type = out.get("content-type").map(str::to_string);
    out.remove("content-type");
    if !rendered.is_empty() {
        if handed_type.as_deref() != Some("application/json") {
            out.note("DRF's JSON renderer set Content-Type to application/json.");
        }
        out.headers
            .insert(at, ("Content-Type".into(), "application/json".into()));
        if rendered != h.body {
            out.note(format!(
                "DRF rendered the body as JSON: {} bytes instead of {}.",
                rendered.len(),
                h.body.len()
            ));
        }
    }
    out.push("Vary", "Accept");
    out.push("Allow", "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS");
    if !out.has("x-frame-options") {
        out.push("X-Frame-Options", "DENY");
    }
    if !out.has("content-length") {
        out.push("Content-Length", rendered.len().to_string());
        if bodiless(code) {
            out.note(format!(
                "CommonMiddleware added Content-Length: {} to a {code}.",
                rendered.len()
            ));
        }
    }
    for (name, value) in [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ] {
        if !out.has(name) {
            out.push(name, value);
        }
    }
    if method::is_head(h.method) {
        out.note("runserver sent the headers but not the body, for HEAD.");
    } else {
        if bodiless(code) && !rendered.is_empty() {
            out.note(format!(
                "The server wrote the {} bytes after the {code}'s headers anyway: a client reads them as the start of the next response.",
                rendered.len()
            ));
        }
        out.body = rendered;
    }
    if code >= 400 {
        let level = if code >= 500 { "ERROR" } else { "WARNING" };
        out.log
            .push(format!("{level}:django.request:{}", status::reason(code)));
        out.note(format!(
            "Django logged a {} for the {code}.",
            level.to_ascii_lowercase()
        ));
    }
    out
}

/// A path operation returning `Response(content, status_code, headers)` on uvicorn (h11).
fn fastapi(h: &Handed<'_>) -> Out {
    let code = h.status;
    let mut out = Out::new(status::reason(code));
    out.push("date", SAMPLE_DATE);
    out.push("server", "uvicorn");
    // The handler passes the headers as a dict: a repeated name keeps its last value.
    for (name, value) in h.headers {
        out.set(&name.to_ascii_lowercase(), value);
    }
    if !bodiless(code) && !out.has("content-length") {
        out.push("content-length", h.body.len().to_string());
    }
    if bodiless(code) && !h.body.is_empty() {
        out.closes = true;
        out.log
            .push("h11._util.LocalProtocolError: Too much data for declared Content-Length".into());
        out.note(format!(
            "h11 refused the {}-byte body of a {code} (LocalProtocolError: Too much data for declared Content-Length): uvicorn logged the exception and closed the connection after the headers.",
            h.body.len()
        ));
    } else if method::is_head(h.method) {
        out.note("uvicorn sent the headers but not the body, for HEAD.");
    } else {
        out.body = h.body.to_string();
    }
    out
}

/// A handler returning `(StatusCode, HeaderMap, String)`, served by hyper.
fn axum(h: &Handed<'_>) -> Out {
    let code = h.status;
    let mut out = Out::new(status::reason(code));
    out.push("content-type", "text/plain; charset=utf-8");
    let mut replaced_type = false;
    for (name, value) in h.headers {
        let name = name.to_ascii_lowercase();
        if name == "content-type" && !replaced_type {
            replaced_type = true;
            out.set("content-type", value);
        } else {
            out.push(&name, value);
        }
    }
    if !replaced_type {
        out.note("A String body brought Content-Type: text/plain; charset=utf-8.");
    }
    if !(out.has("content-length") || bodiless(code) && h.body.is_empty()) {
        out.push("content-length", h.body.len().to_string());
    }
    out.push("date", SAMPLE_DATE);
    if bodiless(code) {
        dropped(
            &mut out,
            h,
            &format!(
                "hyper sends no body with a {code}, but it kept the content-length of the body it dropped"
            ),
        );
    } else if method::is_head(h.method) {
        out.note("hyper sent the headers but not the body, for HEAD.");
    } else {
        out.body = h.body.to_string();
    }
    out
}

/// `HttpResponse::build(status)`, `append_header` for every header, `.body(body)`.
fn actix(h: &Handed<'_>) -> Out {
    let code = h.status;
    let mut out = Out::new(status::reason(code));
    if !bodiless(code) {
        out.push("content-length", h.body.len().to_string());
    }
    if h.request_has_body {
        out.push("connection", "close");
        out.closes = true;
        out.note(
            "actix-web closes the connection because the handler left the request's body unread.",
        );
    }
    // actix-http's HTTP/1 encoder skips the framing headers of 100, 101, 102 and 204 answers
    // (not of 304), whoever set them. Measured: a handler's `Content-Length: 2` on a 204 was
    // not sent (catalog handler-204-json).
    let skips_framing = matches!(code, 100 | 101 | 102 | 204);
    for (name, value) in h.headers {
        let name = name.to_ascii_lowercase();
        if skips_framing && (name == "content-length" || name == "transfer-encoding") {
            out.note(format!(
                "actix-web left out the {name} the handler set: it sends none with a {code}."
            ));
            continue;
        }
        out.push(&name, value);
    }
    out.push("date", SAMPLE_DATE);
    if method::is_head(h.method) {
        out.note("actix-web sent the headers but not the body, for HEAD.");
    } else {
        if bodiless(code) && !h.body.is_empty() {
            out.note(format!(
                "actix-web wrote the {}-byte body after the {code}'s headers without framing it: a client reads it as the start of the next response.",
                h.body.len()
            ));
        }
        out.body = h.body.to_string();
    }
    out
}

/// Go's canonical form of a header name: `ETag` becomes `Etag`.
fn canonical(name: &str) -> String {
    let mut upper = true;
    name.chars()
        .map(|c| {
            let c = if upper {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            };
            upper = c == '-';
            c
        })
        .collect()
}

/// What `http.DetectContentType` says of a text body, for the cases a composed answer meets.
fn sniff(body: &str) -> &'static str {
    let start = body.trim_start_matches([' ', '\t', '\n', '\x0c', '\r']);
    let upper = start.to_ascii_uppercase();
    let html = [
        "<!DOCTYPE HTML",
        "<HTML",
        "<HEAD",
        "<SCRIPT",
        "<IFRAME",
        "<H1",
        "<DIV",
        "<FONT",
        "<TABLE",
        "<A",
        "<STYLE",
        "<TITLE",
        "<B",
        "<BODY",
        "<BR",
        "<P",
        "<!--",
    ];
    let tag_end = |tag: &str| {
        upper
            .get(tag.len()..tag.len() + 1)
            .is_some_and(|c| c == " " || c == ">")
    };
    if html.iter().any(|t| upper.starts_with(t) && tag_end(t)) {
        "text/html; charset=utf-8"
    } else if upper.starts_with("<?XML") {
        "text/xml; charset=utf-8"
    } else {
        "text/plain; charset=utf-8"
    }
}

/// `w.Header().Add` for every header, `w.WriteHeader(status)`, `io.WriteString(w, body)`.
fn go(h: &Handed<'_>) -> Out {
    let code = h.status;
    let mut out = Out::new(status::reason(code));
    let mut names: Vec<String> = Vec::new();
    for (name, _) in h.headers {
        let c = canonical(name);
        if !names.contains(&c) {
            names.push(c);
        }
    }
    names.sort();
    for name in &names {
        for (n, v) in h.headers {
            if canonical(n) == *name {
                out.push(name, v);
            }
        }
    }
    if h.headers.iter().any(|(n, _)| canonical(n) != *n) {
        out.note("Go wrote every header name in its canonical form, in sorted order.");
    }
    out.push("Date", SAMPLE_DATE);
    if bodiless(code) {
        // net/http's suppressedHeaders: a status that allows no body loses Content-Length and
        // Transfer-Encoding, and a 304 its Content-Type too, whoever set them. Measured: a
        // handler's `Content-Length: 2` on a 204 was not sent (catalog handler-204-json).
        let mut suppressed = vec!["Content-Length", "Transfer-Encoding"];
        if code == 304 {
            suppressed.push("Content-Type");
        }
        for name in suppressed {
            if out.remove(name) {
                out.note(format!(
                    "Go left out the {name} the handler set: it sends none with a {code}."
                ));
            }
        }
        if !h.body.is_empty() {
            out.log
                .push("http: request method or response status code does not allow body".into());
            out.note(format!(
                "Write returned http.ErrBodyNotAllowed and the {}-byte body was not sent with the {code}.",
                h.body.len()
            ));
        }
        return out;
    }
    if !out.has("content-length") {
        out.push("Content-Length", h.body.len().to_string());
    }
    if !h.body.is_empty() && !out.has("content-type") {
        let sniffed = sniff(h.body);
        out.push("Content-Type", sniffed);
        out.note(format!(
            "Go sniffed the body and added Content-Type: {sniffed}."
        ));
    }
    if method::is_head(h.method) {
        out.note("Go sent the headers but not the body, for HEAD.");
    } else {
        out.body = h.body.to_string();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names the app shows for the choices, each its own.
    /// The choice list the app shows: every framework, with its measured version.
    #[test]
    fn every_framework_is_described_with_its_version() {
        use super::super::{described, FrameworkId};
        let all = described();
        assert_eq!(all.len(), FrameworkId::ALL.len());
        for (d, f) in all.iter().zip(FrameworkId::ALL) {
            assert_eq!(
                (d.key, d.label, d.version),
                (f.key(), f.label(), f.version())
            );
            assert!(!d.version.is_empty() && !d.server.is_empty(), "{}", d.key);
        }
        assert_eq!(
            FrameworkId::Express.version(),
            "express 5.3.0 (Node v20.20.2)"
        );
    }

    #[test]
    fn every_framework_has_its_own_label() {
        use super::super::FrameworkId;
        assert_eq!(FrameworkId::Express.label(), "Express 5");
        assert_eq!(FrameworkId::Drf.label(), "Django REST framework");
        let labels: Vec<&str> = FrameworkId::ALL.iter().map(|f| f.label()).collect();
        for (i, l) in labels.iter().enumerate() {
            assert!(!labels[..i].contains(l), "{l} twice");
        }
    }

    #[test]
    fn express_etags_are_express_s() {
        // As the measured Express 5.3.0 sent them (docs/clients-and-frameworks.md).
        assert_eq!(express_etag("hello"), "W/\"5-qvTGHdzF6KLavt4PO0gs2a6pQ00\"");
        assert_eq!(express_etag("{}"), "W/\"2-vyGp6PvFo4RvsFtPoIWeCReyIC8\"");
    }

    /// Go's net/http sniffs a Content-Type only from bytes the handler wrote: an empty body
    /// gets none (its writer checks for written bytes before DetectContentType).
    #[test]
    fn go_sniffs_only_a_body_it_was_given() {
        let send_go = |body: &str| {
            let headers = crate::wire::Fields::from(Vec::<(String, String)>::new());
            send(
                FrameworkId::Go,
                &Handed {
                    method: "GET",
                    request_has_body: false,
                    status: 200,
                    headers: &headers,
                    body,
                },
            )
        };
        let sent = send_go("hello");
        assert!(
            sent.wire
                .contains("Content-Type: text/plain; charset=utf-8\r\n"),
            "{}",
            sent.wire
        );
        assert!(
            sent.changes.iter().any(|c| c.contains("sniffed")),
            "{:?}",
            sent.changes
        );
        let empty = send_go("");
        assert!(!empty.wire.contains("Content-Type"), "{}", empty.wire);
    }

    #[test]
    fn go_canonicalises_and_sniffs() {
        assert_eq!(canonical("ETag"), "Etag");
        assert_eq!(
            canonical("access-control-max-age"),
            "Access-Control-Max-Age"
        );
        assert_eq!(sniff("<html><p>x"), "text/html; charset=utf-8");
        assert_eq!(sniff("{\"a\":1}"), "text/plain; charset=utf-8");
        // A signature counts only when a space or `>` ends the tag (Go's net/http sniff.go):
        // `<ABBR>` is not `<A`, and plain text with a space where a tag would end is text.
        assert_eq!(sniff("  <a href=x>"), "text/html; charset=utf-8");
        assert_eq!(sniff("<abbr>x</abbr>"), "text/plain; charset=utf-8");
        assert_eq!(sniff("ok then"), "text/plain; charset=utf-8");
        assert_eq!(sniff("<?xml version=\"1.0\"?>"), "text/xml; charset=utf-8");
    }
}

#[cfg(test)]
mod table {
    //! One row per framework behaviour, each the bytes the runner captured for a catalog
    //! answer (docs/clients-and-frameworks.md), the Date as the model writes it.

    use super::*;
    use crate::wire::Fields;

    struct Row {
        seen: &'static str,
        framework: FrameworkId,
        method: &'static str,
        request_has_body: bool,
        status: u16,
        headers: &'static [(&'static str, &'static str)],
        body: &'static str,
        wire: &'static str,
        closes: bool,
    }

    use FrameworkId::*;

    const D: &str = "Tue, 01 Dec 2026 12:00:00 GMT";

    /// A phrase from each sentence the model says about a row's changes, in order.
    #[rustfmt::skip]
    const SAYS: &[(&str, FrameworkId, &[&str])] = &[
        ("keepalive-204-body", Express, &["set Content-Type to text/html", "weak ETag", "dropped the 5-byte body", "X-Powered-By"]),
        ("keepalive-204-body", Axum, &["Content-Type: text/plain", "dropped the 5-byte body", "added date"]),
        ("keepalive-204-body", Go, &["ErrBodyNotAllowed and the 5-byte body", "added Date"]),
        ("keepalive-204-body", Fastapi, &["h11 refused the 5-byte body", "server: uvicorn"]),
        ("keepalive-204-body", Actix, &["wrote the 5-byte body after the 204", "added date"]),
        ("keepalive-204-body", Drf, &["set Content-Type to application/json", "7 bytes instead of 5", "Content-Length: 7 to a 204", "wrote the 7 bytes after the 204", "Vary: Accept"]),
        ("handler-204-json", Axum, &["dropped the 2-byte body", "added date"]),
        ("handler-204-json", Actix, &["left out the content-length", "wrote the 2-byte body after the 204", "added date"]),
        ("handler-204-json", Go, &["left out the Content-Length", "ErrBodyNotAllowed and the 2-byte body", "added Date"]),
        ("a 304 with a Content-Type and a length", Actix, &["wrote the 2-byte body after the 304", "added date"]),
        ("a 304 with a Content-Type and a length", Go, &["canonical form", "left out the Content-Length", "left out the Content-Type", "ErrBodyNotAllowed and the 2-byte body", "added Date"]),
        ("put-204-etag", Flask, &["default Content-Type", "closes the connection after every response", "added Date"]),
        ("put-204-etag", Actix, &["body unread", "added date"]),
        ("conditional-304", Go, &["canonical form", "added Date"]),
        ("reset-205-no-length", Express, &["Content-Length: 0", "X-Powered-By"]),
        ("delete-204", Express, &["X-Powered-By"]),
        ("put-200-json", Express, &["set Content-Type to application/json; charset=utf-8", "weak ETag", "Content-Length: 73"]),
        ("reset-205-no-length", Fastapi, &["content-length: 0"]),
        ("put-200-json", Fastapi, &["content-length: 73"]),
        ("put-200-json", Drf, &["Content-Length: 73"]),
        ("put-204-etag", Axum, &["Content-Type: text/plain; charset=utf-8", "added date"]),
        ("head-200", Flask, &["not the body, for HEAD", "closes the connection after every response", "Content-Length: 12"]),
    ];

    const ROWS: &[Row] = &[
        // A body on a 204: dropped with its Content-Type (Express, keeping the ETag), dropped
        // keeping its Content-Length (axum), refused (Go; FastAPI with an exception and a
        // close), rendered and sent after the head (DRF, actix-web).
        Row { seen: "keepalive-204-body", framework: Express, method: "GET", request_has_body: false, status: 204, headers: &[], body: "hello",
              wire: "HTTP/1.1 204 No Content\r\nX-Powered-By: Express\r\nETag: W/\"5-qvTGHdzF6KLavt4PO0gs2a6pQ00\"\r\nDate: Tue, 01 Dec 2026 12:00:00 GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n", closes: false },
        Row { seen: "keepalive-204-body", framework: Axum, method: "GET", request_has_body: false, status: 204, headers: &[], body: "hello",
              wire: "HTTP/1.1 204 No Content\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: 5\r\ndate: Tue, 01 Dec 2026 12:00:00 GMT\r\n\r\n", closes: false },
        Row { seen: "keepalive-204-body", framework: Go, method: "GET", request_has_body: false, status: 204, headers: &[], body: "hello",
              wire: "HTTP/1.1 204 No Content\r\nDate: Tue, 01 Dec 2026 12:00:00 GMT\r\n\r\n", closes: false },
        Row { seen: "keepalive-204-body", framework: Fastapi, method: "GET", request_has_body: false, status: 204, headers: &[], body: "hello",
              wire: "HTTP/1.1 204 No Content\r\ndate: Tue, 01 Dec 2026 12:00:00 GMT\r\nserver: uvicorn\r\n\r\n", closes: true },
        Row { seen: "keepalive-204-body", framework: Actix, method: "GET", request_has_body: false, status: 204, headers: &[], body: "hello",
              wire: "HTTP/1.1 204 No Content\r\ndate: Tue, 01 Dec 2026 12:00:00 GMT\r\n\r\nhello", closes: false },
        Row { seen: "keepalive-204-body", framework: Drf, method: "GET", request_has_body: false, status: 204, headers: &[], body: "hello",
              wire: "HTTP/1.1 204 No Content\r\nDate: Tue, 01 Dec 2026 12:00:00 GMT\r\nServer: WSGIServer/0.2 CPython/3.11.7\r\nContent-Type: application/json\r\nVary: Accept\r\nAllow: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS\r\nX-Frame-Options: DENY\r\nContent-Length: 7\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: same-origin\r\nCross-Origin-Opener-Policy: same-origin\r\n\r\n\"hello\"", closes: false },
        // A Content-Length the handler set on a 204: kept by axum, left out by actix-web and
        // Go; on a 304 kept by actix-web, left out by Go with the Content-Type (the 304 rows
        // from a one-off run of the runner on that answer, 2026-12-01).
        Row { seen: "handler-204-json", framework: Axum, method: "DELETE", request_has_body: false, status: 204, headers: &[("Content-Type", "application/json"), ("Content-Length", "2")], body: "{}",
              wire: "HTTP/1.1 204 No Content\r\ncontent-type: application/json\r\ncontent-length: 2\r\ndate: Tue, 01 Dec 2026 12:00:00 GMT\r\n\r\n", closes: false },
        Row { seen: "handler-204-json", framework: Actix, method: "DELETE", request_has_body: false, status: 204, headers: &[("Content-Type", "application/json"), ("Content-Length", "2")], body: "{}",
              wire: "HTTP/1.1 204 No Content\r\ncontent-type: application/json\r\ndate: Tue, 01 Dec 2026 12:00:00 GMT\r\n\r\n{}", closes: false },
        Row { seen: "handler-204-json", framework: Go, method: "DELETE", request_has_body: false, status: 204, headers: &[("Content-Type", "application/json"), ("Content-Length", "2")], body: "{}",
              wire: "HTTP/1.1 204 No Content\r\nContent-Type: application/json\r\nDate: Tue, 01 Dec 2026 12:00:00 GMT\r\n\r\n", closes: false },
        Row { seen: "a 304 with a Content-Type and a length", framework: Actix, method: "GET", request_has_body: false, status: 304, headers: &[("Content-Type", "application/json"), ("Content-Length", "2"), ("ETag", "\"v1\"")], body: "{}",
              wire: "HTTP/1.1 304 Not Modified\r\ncontent-type: application/json\r\ncontent-length: 2\r\netag: \"v1\"\r\ndate: Tue, 01 Dec 2026 12:00:00 GMT\r\n\r\n{}", closes: false },
        Row { seen: "a 304 with a Content-Type and a length", framework: Go, method: "GET", request_has_body: false, status: 304, headers: &[("Content-Type", "application/json"), ("Content-Length", "2"), ("ETag", "\"v1\"")], body: "{}",
              wire: "HTTP/1.1 304 Not Modified\r\nEtag: \"v1\"\r\nDate: Tue, 01 Dec 2026 12:00:00 GMT\r\n\r\n", closes: false },
        // Express: res.end() on a 204 adds no length; res.send() gives JSON its charset, its
        // length and a weak ETag. FastAPI frames an empty 205 with content-length: 0.
        Row { seen: "delete-204", framework: Express, method: "DELETE", request_has_body: false, status: 204, headers: &[], body: "",
              wire: "HTTP/1.1 204 No Content\r\nX-Powered-By: Express\r\nDate: Tue, 01 Dec 2026 12:00:00 GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n", closes: false },
        Row { seen: "put-200-json", framework: Express, method: "PUT", request_has_body: true, status: 200, headers: &[("Content-Type", "application/json")], body: "{\"id\":42,\"title\":\"Buy milk\",\"done\":true,\"updated\":\"2026-11-21T10:00:00Z\"}",
              wire: "HTTP/1.1 200 OK\r\nX-Powered-By: Express\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 73\r\nETag: W/\"49-uwVLQt9i99PWE0kSYYzlTdta+jo\"\r\nDate: Tue, 01 Dec 2026 12:00:00 GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n{\"id\":42,\"title\":\"Buy milk\",\"done\":true,\"updated\":\"2026-11-21T10:00:00Z\"}", closes: false },
        Row { seen: "put-200-json", framework: Drf, method: "PUT", request_has_body: true, status: 200, headers: &[("Content-Type", "application/json")], body: "{\"id\":42,\"title\":\"Buy milk\",\"done\":true,\"updated\":\"2026-11-21T10:00:00Z\"}",
              wire: "HTTP/1.1 200 OK\r\nDate: Tue, 01 Dec 2026 12:00:00 GMT\r\nServer: WSGIServer/0.2 CPython/3.11.7\r\nContent-Type: application/json\r\nVary: Accept\r\nAllow: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS\r\nX-Frame-Options: DENY\r\nContent-Length: 73\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: same-origin\r\nCross-Origin-Opener-Policy: same-origin\r\n\r\n{\"id\":42,\"title\":\"Buy milk\",\"done\":true,\"updated\":\"2026-11-21T10:00:00Z\"}", closes: false },
        Row { seen: "put-204-etag", framework: Axum, method: "PUT", request_has_body: true, status: 204, headers: &[("ETag", "\"v2\"")], body: "",
              wire: "HTTP/1.1 204 No Content\r\ncontent-type: text/plain; charset=utf-8\r\netag: \"v2\"\r\ndate: Tue, 01 Dec 2026 12:00:00 GMT\r\n\r\n", closes: false },
        Row { seen: "put-200-json", framework: Fastapi, method: "PUT", request_has_body: true, status: 200, headers: &[("Content-Type", "application/json")], body: "{\"id\":42,\"title\":\"Buy milk\",\"done\":true,\"updated\":\"2026-11-21T10:00:00Z\"}",
              wire: "HTTP/1.1 200 OK\r\ndate: Tue, 01 Dec 2026 12:00:00 GMT\r\nserver: uvicorn\r\ncontent-type: application/json\r\ncontent-length: 73\r\n\r\n{\"id\":42,\"title\":\"Buy milk\",\"done\":true,\"updated\":\"2026-11-21T10:00:00Z\"}", closes: false },
        Row { seen: "reset-205-no-length", framework: Fastapi, method: "POST", request_has_body: true, status: 205, headers: &[], body: "",
              wire: "HTTP/1.1 205 Reset Content\r\ndate: Tue, 01 Dec 2026 12:00:00 GMT\r\nserver: uvicorn\r\ncontent-length: 0\r\n\r\n", closes: false },
        // Flask: upper-case reasons, its default Content-Type on a 204, and a close.
        Row { seen: "put-204-etag", framework: Flask, method: "PUT", request_has_body: true, status: 204, headers: &[("ETag", "\"v2\"")], body: "",
              wire: "HTTP/1.1 204 NO CONTENT\r\nServer: Werkzeug/3.1.9 Python/3.11.7\r\nDate: Tue, 01 Dec 2026 12:00:00 GMT\r\nETag: \"v2\"\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n\r\n", closes: true },
        // actix-web closes after a request whose body the handler did not read.
        Row { seen: "put-204-etag", framework: Actix, method: "PUT", request_has_body: true, status: 204, headers: &[("ETag", "\"v2\"")], body: "",
              wire: "HTTP/1.1 204 No Content\r\nconnection: close\r\netag: \"v2\"\r\ndate: Tue, 01 Dec 2026 12:00:00 GMT\r\n\r\n", closes: true },
        // Go: canonical names, sorted; Express: framed empty 205s; HEAD keeps the length.
        Row { seen: "conditional-304", framework: Go, method: "GET", request_has_body: false, status: 304, headers: &[("ETag", "\"v1\""), ("Cache-Control", "max-age=60")], body: "",
              wire: "HTTP/1.1 304 Not Modified\r\nCache-Control: max-age=60\r\nEtag: \"v1\"\r\nDate: Tue, 01 Dec 2026 12:00:00 GMT\r\n\r\n", closes: false },
        Row { seen: "reset-205-no-length", framework: Express, method: "POST", request_has_body: true, status: 205, headers: &[], body: "",
              wire: "HTTP/1.1 205 Reset Content\r\nX-Powered-By: Express\r\nDate: Tue, 01 Dec 2026 12:00:00 GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 0\r\n\r\n", closes: false },
        Row { seen: "head-200", framework: Flask, method: "HEAD", request_has_body: false, status: 200, headers: &[("Content-Type", "text/csv")], body: "date,amount\n",
              wire: "HTTP/1.1 200 OK\r\nServer: Werkzeug/3.1.9 Python/3.11.7\r\nDate: Tue, 01 Dec 2026 12:00:00 GMT\r\nContent-Type: text/csv\r\nContent-Length: 12\r\nConnection: close\r\n\r\n", closes: true },
    ];

    #[test]
    fn every_framework_behaviour_as_measured() {
        assert_eq!(D, SAMPLE_DATE);
        for row in ROWS {
            let headers = Fields::from(
                row.headers
                    .iter()
                    .map(|(n, v)| (n.to_string(), v.to_string()))
                    .collect::<Vec<_>>(),
            );
            let sent = send(
                row.framework,
                &Handed {
                    method: row.method,
                    request_has_body: row.request_has_body,
                    status: row.status,
                    headers: &headers,
                    body: row.body,
                },
            );
            assert_eq!(
                (sent.wire.as_str(), sent.closes),
                (row.wire, row.closes),
                "{} {:?}",
                row.seen,
                row.framework
            );
            // Every change is said, one sentence each, in the order the framework made them.
            let says = SAYS
                .iter()
                .find(|(seen, framework, _)| *seen == row.seen && *framework == row.framework)
                .map(|(_, _, says)| *says)
                .unwrap_or_else(|| panic!("no SAYS entry for {} {:?}", row.seen, row.framework));
            assert_eq!(
                sent.changes.len(),
                says.len(),
                "{} {:?}: {:?}",
                row.seen,
                row.framework,
                sent.changes
            );
            for (change, phrase) in sent.changes.iter().zip(says) {
                assert!(
                    change.contains(phrase),
                    "{} {:?}: {change:?} should say {phrase:?}",
                    row.seen,
                    row.framework
                );
            }
        }
    }
}
