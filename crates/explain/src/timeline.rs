//! The chosen client's timeline: what the browser does with the response, step by step.
//!
//! Every sentence that depends on browser behaviour is built from the exchange's outcome
//! values (never from a table keyed by status), so it stays true for any composed answer.
//! Where the specs and the engines disagree, the step's detail is a [`Claim`] whose columns
//! differ; an engine without a probe for it is "not measured" there.

use serde::Serialize;
use serde_json::Value;

use nocontent_engine::engines::Column;
use nocontent_engine::outcome::{Claim, ConnectionOutcome, JsResult};
use nocontent_engine::scenario::ClientKind;
use nocontent_engine::wire::{HOST, PAGE_ORIGIN};
use nocontent_engine::Exchange;

use crate::text::*;

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
        Step::new(title, Claim::uniform(detail.into()))
    }
}

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
    // Where every column rejects, the steps after the rejection are never reached.
    if fetch.rejects.groups().iter().all(|(r, _)| r.is_some()) {
        steps.push(Step::same(
            "The response cannot be used",
            format!(
                "The browser treats the response as a network error ({}), so there is no Response object",
                unusable_reason(exchange)
            ),
        ));
        steps.push(Step::new(
            "fetch() rejects",
            fetch.rejects.map(|rejection| {
                format!(
                    "The promise rejects with {}; status, text() and json() are never reached",
                    rejection.as_deref().unwrap_or("TypeError")
                )
            }),
        ));
        return steps;
    }
    let heads = Claim::by_column(|c: Column| {
        Some(match fetch.rejects.at(c)? {
            Some(rejection) => {
                format!("fetch() rejects with {rejection}: the response is a network error here")
            }
            None => {
                let ok = *fetch.ok.at(c)?;
                format!(
                    "fetch() resolves with a Response: status {}, statusText {}, ok {ok}{}",
                    fetch.status.at(c)?,
                    Value::String(truncate(fetch.status_text.at(c)?, SHOWN_CHARS)),
                    if ok { "" } else { " (only 200 to 299 are ok)" }
                )
            }
        })
    });
    steps.push(Step::new("The response headers arrive", heads));
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
pub(crate) fn xhr_value(r: &JsResult, response_type: &str, max: usize) -> String {
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
            let kind = request
                .headers
                .get("content-type")
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
    let target = truncate(&exchange.request.target, SHOWN_CHARS);
    let returns = beacon.queued.map(|queued| {
        if *queued {
            "navigator.sendBeacon(url, data) returns true: the data is queued, and goes out even if the page unloads".to_string()
        } else {
            "navigator.sendBeacon(url, data) returns false: the data was not queued".to_string()
        }
    });
    let request = beacon.method.zip(&beacon.content_type, |method, kind| {
        let note = if composed == *method {
            String::new()
        } else {
            format!(" (whatever the composed method, {composed})")
        };
        let kind = match kind {
            Some(kind) => format!("with Content-Type: {kind}"),
            None => "with no data and no Content-Type".to_string(),
        };
        format!("Sent as {method} {target} {kind}{note}")
    });
    let sees = beacon.response_visible.map(|visible| {
        if *visible {
            format!("The page sees the answer, {status}")
        } else {
            format!("The page never sees the response: {status} or any other answer makes no difference to it")
        }
    });
    vec![
        Step::new("sendBeacon() returns", returns),
        Step::new("The request", request),
        Step::new("The response", sees),
    ]
}

fn preflight_steps(exchange: &Exchange) -> Vec<Step> {
    let pre = &exchange.outcomes.preflight;
    let target = truncate(&exchange.request.target, SHOWN_CHARS);
    // What the specs say the browser asks; each engine's request is measured by the preflight
    // probe and shown where it differs.
    let method = truncate(pre.request_method.spec(), SHOWN_CHARS);
    let mut asks = format!(
        "Before the {method}, the browser sends OPTIONS {target} with Origin: {PAGE_ORIGIN} and Access-Control-Request-Method: {method}"
    );
    if !pre.request_headers.spec().is_empty() {
        asks.push_str(&format!(
            ", Access-Control-Request-Headers: {}",
            truncate(&pre.request_headers.spec().join(","), SHOWN_CHARS)
        ));
    }
    if !pre.needed.spec() {
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
        pre.rejects.map(|rejects| match rejects {
            None => format!(
                "The browser sends the real {method} {target}; it may reuse this preflight for {cache_seconds} s without asking again"
            ),
            Some(rejection) => format!(
                "The {method} is never sent: fetch() rejects with {rejection}, and the reason appears only in the console"
            ),
        }),
    ));
    steps
}

/// A last step when bytes are left over after the response, in any column.
fn connection_step(connection: &ConnectionOutcome) -> Option<Step> {
    let left = &connection.leftover_bytes;
    if left.groups().iter().all(|(n, _)| **n == 0) {
        return None;
    }
    let side = |c: Column| {
        let left = *left.at(c)?;
        Some(format!(
            "{} left over after the response; {}: {}",
            bytes(left),
            if *connection.reusable.at(c)? {
                "the client keeps the connection for reuse"
            } else {
                "the connection is not reused"
            },
            connection.next_response.at(c)?
        ))
    };
    Some(Step::new(
        "The connection afterwards",
        Claim::by_column(side),
    ))
}
