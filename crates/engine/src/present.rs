//! Presentation helpers: the exchange turned into the sentences, rows and code the web app
//! shows as they are, so the UI stays a thin layer of markup.
//!
//! Every sentence that depends on browser behaviour is built from the exchange's outcome
//! values (never from a table keyed by status), so it stays true for any composed answer.
//! Where the specs and Chromium disagree, the sentence is a [`Claim::Differs`] with both.
//!
//! Nothing here panics on any input: scenario text is only ever iterated, escaped and
//! truncated by characters, never indexed.

use serde::Serialize;
use serde_json::Value;

use crate::exchange::Exchange;
use crate::facts::{self, BodyOn204, FrameworkAnswer, StyleGuideAdvice};
use crate::outcome::{Claim, ConnectionOutcome, JsResult};
use crate::scenario::{ClientKind, ResponseType, Scenario};
use crate::wire::{self, LengthRule, HOST, PAGE_ORIGIN};

/// One step of what a browser client does, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    pub title: String,
    pub detail: Claim<String>,
}

impl Step {
    fn new(title: impl Into<String>, detail: Claim<String>) -> Step {
        Step {
            title: title.into(),
            detail,
        }
    }

    fn same(title: impl Into<String>, detail: impl Into<String>) -> Step {
        Step::new(title, Claim::same(detail.into()))
    }
}

/// What one client kind gets from the response, in a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MatrixRow {
    pub client: ClientKind,
    pub label: &'static str,
    pub result: Claim<String>,
}

/// A piece of code to copy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub label: String,
    /// For syntax highlighting: "javascript", "shell" or "html".
    pub language: &'static str,
    pub code: String,
}

// ------------------------------------------------------------------------------------------
// Small text helpers
// ------------------------------------------------------------------------------------------

/// The longest value quoted in a sentence, in characters.
const SHOWN_CHARS: usize = 80;
/// The longest value quoted in a matrix cell, in characters.
const CELL_CHARS: usize = 24;

/// Cuts `s` to `max` characters, marking the cut with an ellipsis.
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() > max {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    } else {
        s.to_string()
    }
}

/// A JSON value as a script would print it, cut to `max` characters.
fn shown(v: &Value, max: usize) -> String {
    truncate(&v.to_string(), max)
}

/// "no bytes", "1 byte", "5 bytes".
fn bytes(n: usize) -> String {
    match n {
        0 => "no bytes".into(),
        1 => "1 byte".into(),
        n => format!("{n} bytes"),
    }
}

/// "204 No Content", or "799" when the code has no reason phrase.
fn status_line(status: u16, reason: &str) -> String {
    let reason = reason.trim();
    if reason.is_empty() {
        status.to_string()
    } else {
        format!("{status} {}", truncate(reason, SHOWN_CHARS))
    }
}

fn is_empty_text(r: &JsResult) -> bool {
    matches!(r, JsResult::Value(Value::String(s)) if s.is_empty())
}

/// The method as a browser would send it: trimmed and, for the standard methods, uppercased
/// (browsers normalise those); empty means GET.
fn method_of(method: &str) -> String {
    let m = method.trim();
    let upper = m.to_ascii_uppercase();
    if m.is_empty() {
        "GET".into()
    } else if matches!(
        upper.as_str(),
        "DELETE" | "GET" | "HEAD" | "OPTIONS" | "POST" | "PUT" | "PATCH"
    ) {
        upper
    } else {
        m.to_string()
    }
}

/// The method as it went on the wire, for sentences.
fn wire_method(method: &str) -> String {
    let m = method.trim();
    if m.is_empty() {
        "(no method)".into()
    } else {
        truncate(m, 24)
    }
}

/// The absolute URL a target refers to on the simulated host.
fn url_of(target: &str) -> String {
    if target.starts_with("http://") || target.starts_with("https://") {
        target.to_string()
    } else if target.starts_with('/') {
        format!("https://{HOST}{target}")
    } else {
        // "*" (or a target the engine would refuse) has no URL of its own: use the root.
        format!("https://{HOST}/")
    }
}

/// Why a browser treats the response as a network error, from the exchange alone.
fn unusable_reason(exchange: &Exchange) -> &'static str {
    match &exchange.framing {
        None => "the bytes are not a valid HTTP/1.1 response",
        Some(f) if f.rule == LengthRule::InvalidLength => "the Content-Length is invalid",
        Some(f) if !f.complete => "the response ends before its declared length",
        Some(_) if !(200..=599).contains(&exchange.response.status) => {
            "the status is outside 200 to 599, which browsers do not deliver"
        }
        Some(_) => "the response cannot be used",
    }
}

/// True when the response never reaches scripts: fetch rejects, XHR fires `error`.
fn network_error(exchange: &Exchange) -> bool {
    exchange.outcomes.fetch.rejects.is_some()
}

// ------------------------------------------------------------------------------------------
// Timeline
// ------------------------------------------------------------------------------------------

/// The timeline of the client the exchange was computed for.
pub fn timeline(exchange: &Exchange) -> Vec<Step> {
    let mut steps = match exchange.client.kind {
        ClientKind::Fetch => fetch_steps(exchange),
        ClientKind::Xhr => xhr_steps(exchange),
        ClientKind::Form => page_steps(exchange, true),
        ClientKind::Navigation => page_steps(exchange, false),
        ClientKind::Iframe => iframe_steps(exchange),
        ClientKind::Beacon => beacon_steps(exchange),
        ClientKind::Preflight => preflight_steps(exchange),
    };
    steps.extend(connection_step(&exchange.outcomes.connection));
    steps
}

/// "DELETE /items/42" with a note on headers and body, for the first step.
fn request_summary(exchange: &Exchange) -> String {
    let request = &exchange.request;
    let mut out = format!(
        "{} {} to {HOST}",
        wire_method(&request.method),
        truncate(&request.target, SHOWN_CHARS)
    );
    let headers = request.headers.len();
    if headers > 0 {
        out.push_str(&format!(
            ", with {headers} header{}",
            if headers == 1 { "" } else { "s" }
        ));
    }
    if !request.body.is_empty() {
        out.push_str(&format!(" and a body of {}", bytes(request.body.len())));
    }
    out
}

fn fetch_text(r: &JsResult) -> String {
    match r {
        JsResult::Value(v) => format!("resolves to {}", shown(v, SHOWN_CHARS)),
        JsResult::Error(e) => format!("rejects with {e}"),
        JsResult::Pending(_) => {
            "never settles: the body never ends, so there is no text yet".into()
        }
    }
}

fn fetch_json(json: &JsResult, text: &JsResult) -> String {
    match json {
        JsResult::Value(v) => format!("resolves to {}", shown(v, SHOWN_CHARS)),
        JsResult::Error(e) if e == "SyntaxError" && is_empty_text(text) => {
            "rejects with SyntaxError (\"Unexpected end of JSON input\"): there is no body to parse"
                .into()
        }
        JsResult::Error(e) if e == "SyntaxError" => {
            "rejects with SyntaxError: the body is not valid JSON".into()
        }
        JsResult::Error(e) => format!("rejects with {e}"),
        JsResult::Pending(_) => {
            "never settles: json() waits for the end of a body that never ends".into()
        }
    }
}

/// `response.body`, given whether it is null and what text() gives on the same side.
fn fetch_body(null: bool, text: &JsResult) -> String {
    if null {
        "response.body is null: Fetch gives no body stream for a null body status or a HEAD request"
            .into()
    } else if is_empty_text(text) {
        "response.body is an empty ReadableStream, not null: its first read() is already done"
            .into()
    } else if matches!(text, JsResult::Pending(_)) {
        "response.body is a ReadableStream that never ends".into()
    } else {
        "response.body is a ReadableStream of the content".into()
    }
}

fn fetch_steps(exchange: &Exchange) -> Vec<Step> {
    let fetch = &exchange.outcomes.fetch;
    let mut steps = vec![Step::same(
        "fetch() sends the request",
        format!("fetch() sends {}", request_summary(exchange)),
    )];
    if let Some(rejection) = &fetch.rejects {
        steps.push(Step::same(
            "The response cannot be used",
            format!(
                "The browser treats the response as a network error ({}), so there is no Response object",
                unusable_reason(exchange)
            ),
        ));
        steps.push(Step::same(
            "fetch() rejects",
            format!(
                "The promise rejects with {rejection}; status, text() and json() are never reached"
            ),
        ));
        return steps;
    }
    let heads = Claim::new(
        (
            *fetch.status.spec(),
            fetch.status_text.spec().clone(),
            *fetch.ok.spec(),
        ),
        (
            *fetch.status.chromium(),
            fetch.status_text.chromium().clone(),
            *fetch.ok.chromium(),
        ),
    );
    steps.push(Step::new(
        "The response headers arrive",
        heads.map(|(status, text, ok)| {
            format!(
                "fetch() resolves with a Response: status {status}, statusText {}, ok {ok}{}",
                Value::String(truncate(text, SHOWN_CHARS)),
                if *ok { "" } else { " (only 200 to 299 are ok)" }
            )
        }),
    ));
    steps.push(Step::new(
        "response.body",
        fetch
            .body_null
            .zip(&fetch.text, |null, text| fetch_body(*null, text)),
    ));
    steps.push(Step::new(
        "await response.text()",
        fetch.text.map(fetch_text),
    ));
    steps.push(Step::new(
        "await response.json() (called instead of text(): a body reads once)",
        fetch.json.zip(&fetch.text, fetch_json),
    ));
    steps
}

fn xhr_end(load: bool, response: &JsResult) -> String {
    if matches!(response, JsResult::Pending(_)) {
        "readyState stops at 2 (HEADERS_RECEIVED) or 3 (LOADING): the body never ends, so neither load nor error fires".into()
    } else if load {
        "readyState reaches 4 (DONE) and the load event fires, then loadend".into()
    } else {
        "readyState reaches 4 (DONE) with status 0 and the error event fires, then loadend".into()
    }
}

fn xhr_text(r: &JsResult, response_type: &str) -> String {
    match r {
        JsResult::Value(v) => format!("xhr.responseText is {}", shown(v, SHOWN_CHARS)),
        JsResult::Error(e) => format!(
            "reading xhr.responseText throws {e}: it is only readable when responseType is \"\" or \"text\" (here \"{response_type}\")"
        ),
        JsResult::Pending(_) if response_type != "text" => format!(
            "reading xhr.responseText throws InvalidStateError (responseType is \"{response_type}\"); the body never ends anyway"
        ),
        JsResult::Pending(_) => {
            "xhr.responseText has no final value: the body never ends".into()
        }
    }
}

/// `xhr.response` in words, for the response type it was computed for.
fn xhr_value(r: &JsResult, response_type: &str, max: usize) -> String {
    match r {
        JsResult::Pending(_) => "never final (the body never ends)".into(),
        JsResult::Error(e) => format!("throws {e}"),
        JsResult::Value(Value::Null) => "null".into(),
        JsResult::Value(v) => match response_type {
            "arraybuffer" => match v.get("byte_length").and_then(Value::as_u64) {
                Some(n) => format!("an ArrayBuffer of {n} bytes"),
                None => shown(v, max),
            },
            "blob" => match (
                v.get("size").and_then(Value::as_u64),
                v.get("type").and_then(Value::as_str),
            ) {
                (Some(n), Some(kind)) => {
                    format!(
                        "a Blob of {n} bytes, type {}",
                        Value::String(truncate(kind, max))
                    )
                }
                _ => shown(v, max),
            },
            "document" => "a Document".into(),
            _ => shown(v, max),
        },
    }
}

fn xhr_steps(exchange: &Exchange) -> Vec<Step> {
    let xhr = &exchange.outcomes.xhr;
    let kind = xhr.response_type;
    let request = &exchange.request;
    let mut steps = vec![Step::same(
        "open() and send()",
        format!(
            "xhr.open({}, {}) with responseType \"{kind}\", then xhr.send(): the browser sends {}",
            Value::String(truncate(&method_of(&request.method), SHOWN_CHARS)),
            Value::String(truncate(&url_of(&request.target), SHOWN_CHARS)),
            request_summary(exchange)
        ),
    )];
    steps.push(Step::new(
        "The request ends (or not)",
        xhr.load_event
            .zip(&xhr.response, |load, response| xhr_end(*load, response)),
    ));
    let status = xhr.status.zip(&xhr.status_text, |code, text| {
        format!(
            "xhr.status is {code} and xhr.statusText is {}",
            Value::String(truncate(text, SHOWN_CHARS))
        )
    });
    steps.push(Step::new("xhr.status", status));
    steps.push(Step::new(
        "xhr.responseText",
        xhr.response_text.map(|r| xhr_text(r, kind)),
    ));
    steps.push(Step::new(
        format!("xhr.response (responseType \"{kind}\")"),
        xhr.response
            .map(|r| format!("xhr.response is {}", xhr_value(r, kind, SHOWN_CHARS))),
    ));
    steps
}

/// The steps of a top-level navigation: a form submission when `form`, else a link or
/// `location.href`.
fn page_steps(exchange: &Exchange, form: bool) -> Vec<Step> {
    let nav = &exchange.outcomes.navigation;
    let request = &exchange.request;
    let method = method_of(&request.method);
    let target = truncate(&request.target, SHOWN_CHARS);
    let mut steps = vec![Step::same(
        "beforeunload may fire",
        "The page gets a beforeunload event as the navigation starts, before the browser knows what the answer is (Chromium fires it even when the navigation is then aborted)",
    )];
    if form {
        let how = if method == "GET" {
            format!("GET {target}, with the fields in the query string")
        } else if request.body.is_empty() {
            format!("{method} {target}, with an empty body")
        } else {
            let kind = wire::value(&request.headers, "content-type")
                .unwrap_or("application/x-www-form-urlencoded");
            format!(
                "{method} {target}, with the fields as a {}-byte {} body: {}",
                request.body.len(),
                truncate(kind, SHOWN_CHARS),
                truncate(&request.body, SHOWN_CHARS)
            )
        };
        let note = if matches!(method.as_str(), "GET" | "POST") {
            ""
        } else {
            " (an HTML form can only send GET or POST; the exchange keeps the method as composed)"
        };
        steps.push(Step::same(
            "The form is submitted",
            format!("The browser sends {how}{note}"),
        ));
    } else {
        let note = if method == "GET" {
            String::new()
        } else {
            format!(" (a link or location.href always sends GET; the exchange keeps {method} as composed)")
        };
        steps.push(Step::same(
            "The browser requests the URL",
            format!(
                "A link click or location.href = … sends {method} {target} as a navigation{note}"
            ),
        ));
    }
    let status = status_line(exchange.response.status, &exchange.response.reason);
    let arrives = if network_error(exchange) {
        format!(
            "The answer, {status}, cannot be used: {}",
            unusable_reason(exchange)
        )
    } else {
        format!("The answer is {status}")
    };
    steps.push(Step::same("The response arrives", arrives));
    let error_page = network_error(exchange);
    steps.push(Step::new(
        "The page",
        nav.document_replaced.map(|replaced| {
            if !replaced {
                "The navigation is aborted: the current page stays, with its scripts, its state and its scroll position".to_string()
            } else if error_page {
                "The browser replaces the page with its own network error page".to_string()
            } else {
                "The browser replaces the page with the response (pagehide and unload run on the old one)".to_string()
            }
        }),
    ));
    if form {
        steps.push(Step::new(
            "The typed fields",
            nav.form_reset.zip(&nav.document_replaced, |reset, replaced| {
                if *reset {
                    "The form is reset: the typed values are cleared, as RFC 9110 §15.3.6 asks a user agent to reset the document view after 205 Reset Content".to_string()
                } else if *replaced {
                    "The fields go away with the old page".to_string()
                } else {
                    "The typed values stay in the fields: nothing resets the form".to_string()
                }
            }),
        ));
    }
    steps.push(Step::new(
        "History",
        nav.history_entry_added.map(|added| {
            if *added {
                "A new history entry is added: Back returns to the previous page".to_string()
            } else {
                "No history entry is added: history.length stays the same".to_string()
            }
        }),
    ));
    steps.push(Step::new(
        "The address bar",
        nav.url_changed.map(|changed| {
            if *changed {
                format!(
                    "The URL changes to {}",
                    truncate(&url_of(&request.target), SHOWN_CHARS)
                )
            } else {
                "The URL stays the page's own".to_string()
            }
        }),
    ));
    steps
}

fn iframe_steps(exchange: &Exchange) -> Vec<Step> {
    let nav = &exchange.outcomes.navigation;
    let request = &exchange.request;
    let url = truncate(&url_of(&request.target), SHOWN_CHARS);
    let status = status_line(exchange.response.status, &exchange.response.reason);
    let error_page = network_error(exchange);
    vec![
        Step::same(
            "src is set",
            format!("The page sets iframe.src = \"{url}\""),
        ),
        Step::same(
            "The frame's request",
            format!(
                "The browser requests GET {} for the frame and gets {status}{}",
                truncate(&request.target, SHOWN_CHARS),
                if error_page {
                    format!(", which cannot be used: {}", unusable_reason(exchange))
                } else {
                    String::new()
                }
            ),
        ),
        Step::new(
            "The frame's document",
            nav.document_replaced.map(|replaced| {
                if !replaced {
                    "The navigation is aborted: a new iframe stays on its empty about:blank document, an existing one keeps the document it had".to_string()
                } else if error_page {
                    "The frame shows the browser's network error page".to_string()
                } else {
                    "The frame shows the response as its new document".to_string()
                }
            }),
        ),
        Step::new(
            "The load event",
            nav.iframe_load_event.map(|fires| {
                if *fires {
                    "The iframe's load event fires".to_string()
                } else {
                    "No load event fires for this navigation: code that waits for it waits forever"
                        .to_string()
                }
            }),
        ),
    ]
}

fn beacon_steps(exchange: &Exchange) -> Vec<Step> {
    let beacon = &exchange.outcomes.beacon;
    let composed = method_of(&exchange.request.method);
    let status = status_line(exchange.response.status, &exchange.response.reason);
    let returns = if beacon.queued {
        "navigator.sendBeacon(url, data) returns true: the data is queued, and goes out even if the page unloads"
    } else {
        "navigator.sendBeacon(url, data) returns false: the data was not queued"
    };
    let method_note = if composed == beacon.method {
        String::new()
    } else {
        format!(" (whatever the composed method, {composed})")
    };
    let sees = if beacon.response_visible {
        format!("The page sees the answer, {status}")
    } else {
        format!("The page never sees the response: {status} or any other answer makes no difference to it")
    };
    vec![
        Step::same("sendBeacon() returns", returns),
        Step::same(
            "The request",
            format!(
                "Sent as {} {} with Content-Type: {}{method_note}",
                beacon.method,
                truncate(&exchange.request.target, SHOWN_CHARS),
                beacon.content_type
            ),
        ),
        Step::same("The response", sees),
    ]
}

fn preflight_steps(exchange: &Exchange) -> Vec<Step> {
    let pre = &exchange.outcomes.preflight;
    let target = truncate(&exchange.request.target, SHOWN_CHARS);
    let method = truncate(&pre.request_method, SHOWN_CHARS);
    let mut asks = format!(
        "Before the {method}, the browser sends OPTIONS {target} with Origin: {PAGE_ORIGIN} and Access-Control-Request-Method: {method}"
    );
    if !pre.request_headers.is_empty() {
        asks.push_str(&format!(
            ", Access-Control-Request-Headers: {}",
            truncate(&pre.request_headers.join(","), SHOWN_CHARS)
        ));
    }
    if !pre.needed {
        asks.push_str(" (this request would not need a preflight: its method and headers are CORS-safelisted; it is shown as if it did)");
    }
    let mut steps = vec![Step::same("The OPTIONS preflight", asks)];

    let cors: Vec<String> = exchange
        .response
        .headers
        .iter()
        .filter(|(name, _)| name.to_ascii_lowercase().starts_with("access-control-"))
        .map(|(name, value)| truncate(&format!("{name}: {value}"), SHOWN_CHARS))
        .collect();
    let status = status_line(exchange.response.status, &exchange.response.reason);
    let headers = if cors.is_empty() {
        "no Access-Control-* headers".to_string()
    } else {
        cors.join("; ")
    };
    steps.push(Step::same(
        "The answer is checked",
        format!(
            "The answer, {status} with {headers}, needs an ok status (200 to 299), an Access-Control-Allow-Origin matching {PAGE_ORIGIN}, and must allow the method and headers asked for"
        ),
    ));
    let failure = pre.failure.as_deref().unwrap_or("the CORS checks fail");
    steps.push(Step::new(
        "Passes or fails",
        pre.passes.map(|passes| {
            if *passes {
                "The preflight passes".to_string()
            } else {
                format!("The preflight fails: {failure}")
            }
        }),
    ));
    let cache_seconds = pre.cache_seconds;
    steps.push(Step::new(
        "Then",
        pre.passes.map(|passes| {
            if *passes {
                format!(
                    "The browser sends the real {method} {target}; it may reuse this preflight for {cache_seconds} s without asking again"
                )
            } else {
                format!("The {method} is never sent: fetch() rejects with TypeError: Failed to fetch, and the reason appears only in the console")
            }
        }),
    ));
    steps
}

/// A last step when bytes are left over after the response, on either side.
fn connection_step(connection: &ConnectionOutcome) -> Option<Step> {
    let left = &connection.leftover_bytes;
    if *left.spec() == 0 && *left.chromium() == 0 {
        return None;
    }
    let side = |left: usize, reusable: bool, next: &str| {
        format!(
            "{} left over after the response; {}: {next}",
            bytes(left),
            if reusable {
                "the client keeps the connection for reuse"
            } else {
                "the connection is not reused"
            }
        )
    };
    Some(Step::new(
        "The connection afterwards",
        Claim::new(
            side(
                *left.spec(),
                *connection.reusable.spec(),
                connection.next_response.spec(),
            ),
            side(
                *left.chromium(),
                *connection.reusable.chromium(),
                connection.next_response.chromium(),
            ),
        ),
    ))
}

// ------------------------------------------------------------------------------------------
// Matrix
// ------------------------------------------------------------------------------------------

/// One row per ClientKind (all 7, in ClientKind::ALL order): a one-line summary of what that
/// client gets from this same response.
///
/// The XHR row uses the response type the exchange was computed for; the preflight row treats
/// the answer as the response to an OPTIONS preflight.
pub fn matrix(exchange: &Exchange) -> Vec<MatrixRow> {
    ClientKind::ALL
        .into_iter()
        .map(|client| MatrixRow {
            client,
            label: client.label(),
            result: matrix_cell(client, exchange),
        })
        .collect()
}

fn cell_js(r: &JsResult) -> String {
    match r {
        JsResult::Value(v) => shown(v, CELL_CHARS),
        JsResult::Error(e) => e.clone(),
        JsResult::Pending(_) => "never settles".into(),
    }
}

fn matrix_cell(client: ClientKind, exchange: &Exchange) -> Claim<String> {
    let o = &exchange.outcomes;
    let nav = &o.navigation;
    match client {
        ClientKind::Fetch => match &o.fetch.rejects {
            Some(rejection) => Claim::same(format!("rejects: {rejection}")),
            None => {
                let f = &o.fetch;
                let line = |ok: bool, status: u16, text: &JsResult, json: &JsResult| {
                    format!(
                        "{} {status}, text() {}, json() {}",
                        if ok { "ok" } else { "not ok" },
                        cell_js(text),
                        cell_js(json)
                    )
                };
                Claim::new(
                    line(*f.ok.spec(), *f.status.spec(), f.text.spec(), f.json.spec()),
                    line(
                        *f.ok.chromium(),
                        *f.status.chromium(),
                        f.text.chromium(),
                        f.json.chromium(),
                    ),
                )
            }
        },
        ClientKind::Xhr => {
            let x = &o.xhr;
            let line = |load: bool, status: u16, response: &JsResult| {
                let end = if matches!(response, JsResult::Pending(_)) {
                    "never ends"
                } else if load {
                    "load"
                } else {
                    "error"
                };
                format!(
                    "{end}, status {status}, response {}",
                    xhr_value(response, x.response_type, CELL_CHARS)
                )
            };
            Claim::new(
                line(*x.load_event.spec(), *x.status.spec(), x.response.spec()),
                line(
                    *x.load_event.chromium(),
                    *x.status.chromium(),
                    x.response.chromium(),
                ),
            )
        }
        ClientKind::Form => nav
            .document_replaced
            .zip(&nav.form_reset, |replaced, reset| match (replaced, reset) {
                (true, _) => "page replaced".to_string(),
                (false, true) => "page stays, fields reset".to_string(),
                (false, false) => "page stays, fields kept".to_string(),
            }),
        ClientKind::Navigation => {
            nav.document_replaced
                .zip(&nav.history_entry_added, |replaced, added| {
                    format!(
                        "{}, {}",
                        if *replaced {
                            "page replaced"
                        } else {
                            "page stays"
                        },
                        if *added {
                            "new history entry"
                        } else {
                            "no history entry"
                        }
                    )
                })
        }
        ClientKind::Iframe => nav.iframe_load_event.map(|fires| {
            if *fires {
                "load event fires".to_string()
            } else {
                "no load event".to_string()
            }
        }),
        ClientKind::Beacon => {
            let b = &o.beacon;
            Claim::same(format!(
                "{}; response {}",
                if b.queued {
                    "queued (true)"
                } else {
                    "not queued (false)"
                },
                if b.response_visible {
                    "visible"
                } else {
                    "ignored"
                }
            ))
        }
        ClientKind::Preflight => {
            let failure = o.preflight.failure.as_deref().unwrap_or("CORS checks fail");
            let seconds = o.preflight.cache_seconds;
            o.preflight.passes.map(|passes| {
                if *passes {
                    format!("as a preflight answer: passes (cached {seconds} s)")
                } else {
                    format!("as a preflight answer: fails: {failure}")
                }
            })
        }
    }
}

// ------------------------------------------------------------------------------------------
// Client snippets
// ------------------------------------------------------------------------------------------

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
fn sendable_headers(scenario: &Scenario) -> Vec<(String, String)> {
    scenario
        .request
        .headers
        .iter()
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .filter(|(n, v)| wire::name_problem(n).is_none() && wire::value_problem(v).is_none())
        .collect()
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
        .filter(|(n, _)| crate::wire::is_forbidden_request_header(n))
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
        .filter(|(n, _)| !crate::wire::is_forbidden_request_header(n))
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
    let json_answer = wire::value(&scenario.answer.headers, "content-type")
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
                status_line(status, crate::status::reason(status))
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
    let asked = crate::outcome::unsafe_request_headers(&sendable_headers(scenario));
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
        .filter(|(n, _)| !crate::wire::is_forbidden_request_header(n))
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
    let kind = wire::value(&scenario.request.headers, "content-type")
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

// ------------------------------------------------------------------------------------------
// Server side, style guides, headline
// ------------------------------------------------------------------------------------------

/// How to send this answer's status in each framework: the rows of
/// [`facts::FRAMEWORK_ANSWERS`] for the status (none when the table has no row for it). What
/// each framework does with a body on such a status is [`body_on_no_content`].
pub fn server_snippets(status: u16) -> Vec<&'static FrameworkAnswer> {
    facts::FRAMEWORK_ANSWERS
        .iter()
        .filter(|a| a.status == status)
        .collect()
}

/// What each framework does when handler code puts a body on the response: the rows of
/// [`facts::BODY_ON_204`] when the status is 204, 205 or 304, else none.
pub fn body_on_no_content(status: u16) -> Vec<&'static BodyOn204> {
    if matches!(status, 204 | 205 | 304) {
        facts::BODY_ON_204.iter().collect()
    } else {
        Vec::new()
    }
}

/// What the style guides advise for this method (case-insensitive).
pub fn style_advice(method: &str) -> Vec<&'static StyleGuideAdvice> {
    let method = method.trim();
    facts::STYLE_GUIDES
        .iter()
        .filter(|g| g.method.eq_ignore_ascii_case(method))
        .collect()
}

/// A one-line human summary of the exchange for a heading, e.g.
/// "DELETE /items/42 → 204 No Content". When the answer went to an OPTIONS preflight, the
/// line says so.
pub fn headline(exchange: &Exchange) -> String {
    let method = wire_method(&exchange.request.method);
    let target = truncate(&exchange.request.target, 60);
    let answer = status_line(exchange.response.status, &exchange.response.reason);
    // A preflight of an OPTIONS request is just that OPTIONS request again.
    if exchange.client.kind == ClientKind::Preflight && !method.eq_ignore_ascii_case("OPTIONS") {
        format!("OPTIONS {target} (preflight for {method}) → {answer}")
    } else {
        format!("{method} {target} → {answer}")
    }
}
