//! The chosen client's timeline: what the browser does with the response, step by step.
//!
//! Every sentence that depends on browser behaviour is built from the exchange's outcome
//! values (never from a table keyed by status), so it stays true for any composed answer.
//! Each step says what its detail rests on ([`Basis`]): the scenario itself (the page's own
//! code, the composed answer), the specs alone, or the engines. For the engines, the detail
//! is a [`Claim`] whose columns differ where the specs and the engines disagree; an engine
//! without a probe for it is "not measured" there. Each step also names the outcome fields it
//! reads, so the views can find the [`crate::divergence`] rows that explain a difference.

use serde::Serialize;
use serde_json::Value;

use nocontent_engine::engines::Column;
use nocontent_engine::outcome::{Claim, ConnectionOutcome, JsResult};
use nocontent_engine::scenario::ClientKind;
use nocontent_engine::wire::{HOST, PAGE_ORIGIN};
use nocontent_engine::Exchange;

use crate::text::*;

/// What a step's detail rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// What the page's own code or the composed answer does: the same in every browser, with
    /// nothing for an engine to decide. The detail has the same text in every column.
    Scenario,
    /// What the specs require, which no engine was measured on: the detail's engines are all
    /// "not measured", and the views say that the specs alone decide it.
    Spec,
    /// What the engines decide: the spec's column and each engine's measured one.
    Engines,
}

/// One step of what a browser client does, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    pub title: String,
    pub detail: Claim<String>,
    pub basis: Basis,
    /// The outcome fields the detail is built from, as the exchange JSON names them
    /// (`fetch.body_null`); empty unless the basis is [`Basis::Engines`].
    pub fields: &'static [&'static str],
}

impl Step {
    /// A step the engines decide, built from these outcome fields.
    pub(crate) fn new(
        title: impl Into<String>,
        detail: Claim<String>,
        fields: &'static [&'static str],
    ) -> Step {
        Step {
            title: title.into(),
            detail,
            basis: Basis::Engines,
            fields,
        }
    }

    /// A step the scenario itself fixes.
    pub(crate) fn scenario(title: impl Into<String>, detail: impl Into<String>) -> Step {
        Step {
            title: title.into(),
            detail: Claim::uniform(detail.into()),
            basis: Basis::Scenario,
            fields: &[],
        }
    }

    /// A step the specs alone decide.
    pub(crate) fn spec(title: impl Into<String>, detail: impl Into<String>) -> Step {
        Step {
            title: title.into(),
            detail: Claim::from_columns(detail.into(), |_| None),
            basis: Basis::Spec,
            fields: &[],
        }
    }

    /// Do the spec and the engines differ on this step, or is an engine not measured on it?
    /// Only steps the engines decide can differ.
    pub fn differs(&self) -> bool {
        self.basis == Basis::Engines && self.detail.differs()
    }
}

/// The timeline of the client the exchange was computed for.
pub fn timeline(exchange: &Exchange) -> Vec<Step> {
    if let Some(steps) = refused_steps(exchange) {
        // Nothing is sent, so there is no connection to speak of either.
        return steps;
    }
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

/// The one step of a script client that refuses the method before sending anything (one that
/// is not a token, or CONNECT, TRACE or TRACK): measured in every engine, each with its own
/// error (`e2e/tests/methods.rs`).
fn refused_steps(exchange: &Exchange) -> Option<Vec<Step>> {
    nocontent_engine::method::refusal(&exchange.request.method)?;
    let method = Value::String(truncate(&exchange.request.method, SHOWN_CHARS));
    let o = &exchange.outcomes;
    let step = match exchange.client.kind {
        ClientKind::Fetch => Step::new(
            "fetch() refuses the method",
            o.fetch.rejects.map(|r| {
                format!(
                    "fetch() with method {method} rejects with {} before anything is sent: the server never sees a request, and the answer composed here is never asked for",
                    r.as_deref().unwrap_or("TypeError")
                )
            }),
            &["fetch.rejects"],
        ),
        ClientKind::Xhr => Step::new(
            "open() throws",
            o.xhr.throws.map(|t| {
                format!(
                    "xhr.open({method}, …) throws {}: nothing is sent, readyState stays 0 (UNSENT) and no event fires",
                    t.as_deref().unwrap_or("an exception")
                )
            }),
            &["xhr.throws"],
        ),
        ClientKind::Preflight => Step::new(
            "fetch() refuses the method",
            o.preflight.rejects.map(|r| {
                format!(
                    "The cross-origin fetch() with method {method} rejects with {} before any preflight is sent",
                    r.as_deref().unwrap_or("TypeError")
                )
            }),
            &["preflight.rejects"],
        ),
        // These clients send a method of their own (GET or POST), never the typed one.
        _ => return None,
    };
    Some(vec![step])
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
    let mut steps = vec![Step::scenario(
        "fetch() sends the request",
        format!("fetch() sends {}", request_summary(exchange)),
    )];
    // Where every column rejects, the steps after the rejection are never reached.
    if fetch.rejects.groups().iter().all(|(r, _)| r.is_some()) {
        let reason = unusable_reason(exchange);
        steps.push(Step::new(
            "The response cannot be used",
            fetch.rejects.map(|_| {
                format!(
                    "The browser treats the response as a network error ({reason}), so there is no Response object"
                )
            }),
            &["fetch.settles"],
        ));
        steps.push(Step::new(
            "fetch() rejects",
            fetch.rejects.map(|rejection| {
                format!(
                    "The promise rejects with {}; status, text() and json() are never reached",
                    rejection.as_deref().unwrap_or("TypeError")
                )
            }),
            &["fetch.rejects"],
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
    steps.push(Step::new(
        "The response headers arrive",
        heads,
        &[
            "fetch.rejects",
            "fetch.ok",
            "fetch.status",
            "fetch.status_text",
        ],
    ));
    steps.push(Step::new(
        "response.body",
        fetch
            .body_null
            .zip(&fetch.text, |null, text| fetch_body(*null, text)),
        &["fetch.body_null", "fetch.text"],
    ));
    steps.push(Step::new(
        "await response.text()",
        fetch.text.map(fetch_text),
        &["fetch.text"],
    ));
    steps.push(Step::new(
        "await response.json() (called instead of text(): a body reads once)",
        fetch.json.zip(&fetch.text, fetch_json),
        &["fetch.json", "fetch.text"],
    ));
    steps
}

/// The name XMLHttpRequest gives a `readyState` value.
fn ready_state_name(state: u8) -> &'static str {
    match state {
        0 => "UNSENT",
        1 => "OPENED",
        2 => "HEADERS_RECEIVED",
        3 => "LOADING",
        _ => "DONE",
    }
}

fn xhr_end(load: bool, response: &JsResult, state: u8) -> String {
    if matches!(response, JsResult::Pending(_)) {
        format!(
            "readyState stays at {state} ({}): the body never ends, so neither load nor error fires",
            ready_state_name(state)
        )
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
    let mut steps = vec![Step::scenario(
        "open() and send()",
        format!(
            "xhr.open({}, {}) with responseType \"{kind}\", then xhr.send(): the browser sends {}",
            Value::String(truncate(&method_of(&request.method), SHOWN_CHARS)),
            Value::String(truncate(&url_of(&request.target), SHOWN_CHARS)),
            request_summary(exchange)
        ),
    )];
    let ends = Claim::by_column(|c: Column| {
        Some(xhr_end(
            *xhr.load_event.at(c)?,
            xhr.response.at(c)?,
            *xhr.ready_state.at(c)?,
        ))
    });
    steps.push(Step::new(
        "The request ends (or not)",
        ends,
        &["xhr.load_event", "xhr.response", "xhr.ready_state"],
    ));
    steps.push(Step::new(
        "The events, in order",
        xhr.events.map(|events| xhr_events(events)),
        &["xhr.events"],
    ));
    let status = xhr.status.zip(&xhr.status_text, |code, text| {
        format!(
            "xhr.status is {code} and xhr.statusText is {}",
            Value::String(truncate(text, SHOWN_CHARS))
        )
    });
    steps.push(Step::new(
        "xhr.status",
        status,
        &["xhr.status", "xhr.status_text"],
    ));
    steps.push(Step::new(
        "xhr.responseText",
        xhr.response_text.map(|r| xhr_text(r, kind)),
        &["xhr.response_text"],
    ));
    steps.push(Step::new(
        format!("xhr.response (responseType \"{kind}\")"),
        xhr.response
            .map(|r| format!("xhr.response is {}", xhr_value(r, kind, SHOWN_CHARS))),
        &["xhr.response"],
    ));
    steps
}

/// The events an XMLHttpRequest fires, in words: `readystate2` is readystatechange to 2.
fn xhr_events(events: &[String]) -> String {
    let named: Vec<String> = events
        .iter()
        .map(|e| match e.strip_prefix("readystate") {
            Some(state) => format!("readystatechange ({state})"),
            None => e.clone(),
        })
        .collect();
    if named.is_empty() {
        "No events fire".into()
    } else {
        named.join(", ")
    }
}

/// The steps of a top-level navigation: a form submission when `form`, else a link or
/// `location.href`.
fn page_steps(exchange: &Exchange, form: bool) -> Vec<Step> {
    let nav = &exchange.outcomes.navigation;
    let request = &exchange.request;
    let method = method_of(&request.method);
    let target = truncate(&request.target, SHOWN_CHARS);
    let mut steps = vec![Step::spec(
        "beforeunload may fire",
        "HTML asks the page whether it may be left as the navigation starts, so beforeunload fires before the browser knows what the answer is, even if the navigation is then aborted",
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
        // The exchange is computed for the method the client really sends (a form only GET
        // or POST, a link only GET), and the request panel says why it differs from the
        // composed one, so the step names the sent method without a caveat.
        steps.push(Step::scenario(
            "The form is submitted",
            format!("The browser sends {how}"),
        ));
    } else {
        steps.push(Step::scenario(
            "The browser requests the URL",
            format!("A link click or location.href = … sends {method} {target} as a navigation"),
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
    steps.push(Step::scenario("The response arrives", arrives));
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
        &["navigation.document_replaced"],
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
            &["navigation.form_reset", "navigation.document_replaced"],
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
        &["navigation.history_entry_added"],
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
        &["navigation.url_changed"],
    ));
    steps
}

fn iframe_steps(exchange: &Exchange) -> Vec<Step> {
    let nav = &exchange.outcomes.navigation;
    let request = &exchange.request;
    let url = truncate(&url_of(&request.target), SHOWN_CHARS);
    let status = status_line(exchange.response.status, &exchange.response.reason);
    let error_page = network_error(exchange);
    let denied = nocontent_engine::outcome::denies_framing(&exchange.response.headers);
    vec![
        Step::scenario(
            "src is set",
            format!("The page sets iframe.src = \"{url}\""),
        ),
        Step::scenario(
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
            nav.iframe_document_replaced.map(|replaced| {
                if !replaced {
                    "The navigation is aborted: a new iframe stays on its empty about:blank document, an existing one keeps the document it had".to_string()
                } else if error_page {
                    "The frame shows the browser's network error page".to_string()
                } else if denied {
                    "The frame shows the browser's error page for a frame that may not be shown: X-Frame-Options forbids framing".to_string()
                } else {
                    "The frame shows the response as its new document".to_string()
                }
            }),
            &["navigation.iframe_document_replaced"],
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
            &["navigation.iframe_load_event"],
        ),
    ]
}

fn beacon_steps(exchange: &Exchange) -> Vec<Step> {
    let beacon = &exchange.outcomes.beacon;
    let status = status_line(exchange.response.status, &exchange.response.reason);
    let target = truncate(&exchange.request.target, SHOWN_CHARS);
    let returns = beacon.queued.map(|queued| {
        if *queued {
            "navigator.sendBeacon(url, data) returns true: the data is queued, and goes out even if the page unloads".to_string()
        } else {
            "navigator.sendBeacon(url, data) returns false: the data was not queued".to_string()
        }
    });
    // The exchange holds the method sendBeacon() sends (always POST); why a composed PUT
    // became it is said at the composer's method field (`request.method_change`).
    let request = beacon.method.zip(&beacon.content_type, |method, kind| {
        let kind = match kind {
            Some(kind) => format!("with Content-Type: {kind}"),
            None => "with no data and no Content-Type".to_string(),
        };
        format!("Sent as {method} {target} {kind}")
    });
    let sees = beacon.response_visible.map(|visible| {
        if *visible {
            format!("The page sees the answer, {status}")
        } else {
            format!("The page never sees the response: {status} or any other answer makes no difference to it")
        }
    });
    vec![
        Step::new("sendBeacon() returns", returns, &["beacon.queued"]),
        Step::new(
            "The request",
            request,
            &["beacon.method", "beacon.content_type"],
        ),
        Step::new("The response", sees, &["beacon.response_visible"]),
    ]
}

fn preflight_steps(exchange: &Exchange) -> Vec<Step> {
    let pre = &exchange.outcomes.preflight;
    let target = truncate(&exchange.request.target, SHOWN_CHARS);
    // What each column's browser asks: the preflight probe measures the method and headers
    // an engine puts in its OPTIONS request.
    let asks = pre.request_method.zip(&pre.request_headers, |method, headers| {
        let method = truncate(method, SHOWN_CHARS);
        let mut asks = format!(
            "Before the {method}, the browser sends OPTIONS {target} with Origin: {PAGE_ORIGIN} and Access-Control-Request-Method: {method}"
        );
        if !headers.is_empty() {
            asks.push_str(&format!(
                ", Access-Control-Request-Headers: {}",
                truncate(&headers.join(","), SHOWN_CHARS)
            ));
        }
        if !pre.needed.spec() {
            asks.push_str(" (this request would not need a preflight: its method and headers are CORS-safelisted; it is shown as if it did)");
        }
        asks
    });
    let mut steps = vec![Step::new(
        "The OPTIONS preflight",
        asks,
        &["preflight.request_method", "preflight.request_headers"],
    )];

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
    steps.push(Step::spec(
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
        &["preflight.passes"],
    ));
    let cache_seconds = pre.cache_seconds;
    let method = truncate(pre.request_method.spec(), SHOWN_CHARS);
    steps.push(Step::new(
        "Then",
        pre.rejects.map(|rejects| match rejects {
            // How long an engine really keeps a preflight is not measured: the lifetime is
            // the one the Fetch standard gives, and the sentence says so.
            None => format!(
                "The browser sends the real {method} {target}; the Fetch standard lets it reuse this preflight for {cache_seconds} s without asking again"
            ),
            Some(rejection) => format!(
                "The {method} is never sent: fetch() rejects with {rejection}, and the reason appears only in the console"
            ),
        }),
        &["preflight.rejects"],
    ));
    steps
}

/// A last step when bytes are left over after the response, or when the columns differ on
/// whether the connection is reused, in any column.
fn connection_step(connection: &ConnectionOutcome) -> Option<Step> {
    let left = &connection.leftover_bytes;
    let leftover = left.groups().iter().any(|(n, _)| **n > 0);
    let reuse_differs = connection.reusable.groups().len() > 1;
    if !leftover && !reuse_differs {
        return None;
    }
    let side = |c: Column| {
        let left = *left.at(c)?;
        let left = if left == 0 {
            "No bytes".to_string()
        } else {
            bytes(left)
        };
        Some(format!(
            "{left} left over after the response; {}: {}",
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
        &[
            "connection.leftover_bytes",
            "connection.reusable",
            "connection.next_response",
        ],
    ))
}

#[cfg(test)]
mod tests {
    use nocontent_engine::scenario::ClientKind;
    use nocontent_engine::{simulate, Scenario};

    fn requested(kind: ClientKind, method: &str) -> String {
        let mut s = Scenario::default();
        s.client.kind = kind;
        s.request.method = method.into();
        let x = simulate(&s).expect("simulates");
        super::timeline(&x)
            .into_iter()
            .find(|step| {
                step.title == "The browser requests the URL"
                    || step.title == "The form is submitted"
            })
            .map(|step| format!("{:?}", step.detail))
            .unwrap_or_default()
    }

    fn steps_of(s: &nocontent_engine::Scenario) -> Vec<super::Step> {
        super::timeline(&simulate(s).expect("simulates"))
    }

    /// Every step's detail, in every column, as one text to search.
    fn details_of(s: &nocontent_engine::Scenario) -> String {
        format!(
            "{:?}",
            steps_of(s).iter().map(|s| &s.detail).collect::<Vec<_>>()
        )
    }

    /// The first step of fetch() says what goes out: method, target, headers and body.
    #[test]
    fn the_first_step_summarises_the_request() {
        let put = nocontent_engine::catalog::find("put-204-etag")
            .expect("listed")
            .scenario;
        let steps = steps_of(&put);
        let first = steps
            .first()
            .map(|s| format!("{:?}", s.detail))
            .unwrap_or_default();
        assert!(
            first.contains("fetch() sends PUT /items/42 to ")
                && first.contains(", with 1 header and a body of 32 bytes"),
            "{first}"
        );
    }

    /// When the response is a network error, json() rejects with the TypeError of the failed
    /// fetch, which is no parsing error.
    #[test]
    fn json_of_a_network_error_is_no_parse_error() {
        let mut s = nocontent_engine::Scenario::default();
        s.answer.status = 200;
        s.answer.framing = nocontent_engine::scenario::Framing::None;
        s.answer.headers = vec![("Content-Length".into(), "abc".into())];
        let all = details_of(&s);
        assert!(!all.contains("SyntaxError"), "{all}");
    }

    /// sendBeacon always POSTs, whatever method was composed.
    #[test]
    fn the_beacon_step_names_the_post_it_sends() {
        let mut s = nocontent_engine::Scenario::default();
        s.client.kind = ClientKind::Beacon;
        s.request.method = "PUT".into();
        let all = details_of(&s);
        assert!(all.contains("Sent as POST /items/42 with no data"), "{all}");
        assert!(!all.contains("PUT"), "{all}");
    }

    /// readyState values and XHR events in the words the views use.
    #[test]
    fn ready_states_and_events_are_named() {
        assert_eq!(
            [0, 1, 2, 3, 4].map(super::ready_state_name),
            ["UNSENT", "OPENED", "HEADERS_RECEIVED", "LOADING", "DONE"]
        );
        let events: Vec<String> = ["readystate1", "loadstart", "load"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            super::xhr_events(&events),
            "readystatechange (1), loadstart, load"
        );
        assert_eq!(super::xhr_events(&[]), "No events fire");
    }

    /// json() on no body at all fails because there is nothing to parse.
    #[test]
    fn json_on_no_body_says_there_is_none() {
        let all = details_of(&nocontent_engine::Scenario::default());
        assert!(all.contains("there is no body to parse"), "{all}");
    }

    /// responseText of a body that never ends: no final value for the text type, and an
    /// InvalidStateError for any other.
    #[test]
    fn response_text_of_an_endless_body_depends_on_the_type() {
        let pending = nocontent_engine::outcome::JsResult::Pending(true);
        assert_eq!(
            super::xhr_text(&pending, "text"),
            "xhr.responseText has no final value: the body never ends"
        );
        assert!(super::xhr_text(&pending, "json")
            .starts_with("reading xhr.responseText throws InvalidStateError"));
    }

    /// json() on a body that is there but not JSON fails for that reason, not for a missing
    /// body.
    #[test]
    fn json_on_a_body_that_is_not_json_says_so() {
        let mut s = nocontent_engine::Scenario::default();
        s.answer.status = 200;
        s.answer.body = "not json".into();
        let all = details_of(&s);
        assert!(
            all.contains("rejects with SyntaxError: the body is not valid JSON"),
            "{all}"
        );
        assert!(!all.contains("there is no body to parse"), "{all}");
    }

    /// The connection gets a step of its own when the engines split on reusing it, even
    /// with no byte left over (WebKitGTK closes after a 204 without Content-Length).
    #[test]
    fn a_split_on_reuse_gets_a_connection_step() {
        let poll = nocontent_engine::catalog::find("poll-204-keepalive")
            .expect("listed")
            .scenario;
        assert!(
            steps_of(&poll)
                .iter()
                .any(|s| s.title == "The connection afterwards"),
            "{:?}",
            steps_of(&poll).iter().map(|s| &s.title).collect::<Vec<_>>()
        );
        let mut plain = nocontent_engine::catalog::find("delete-204")
            .expect("listed")
            .scenario;
        plain.answer.framing = nocontent_engine::scenario::Framing::None;
        plain.answer.headers = vec![("Content-Length".into(), "0".into())];
        assert!(steps_of(&plain)
            .iter()
            .all(|s| s.title != "The connection afterwards"));
    }

    /// XHR's response for each type in words: an ArrayBuffer and a Blob by their size.
    #[test]
    fn xhr_responses_are_described_by_type() {
        use nocontent_engine::outcome::JsResult;
        let v = |json: serde_json::Value| JsResult::Value(json);
        assert_eq!(
            super::xhr_value(&v(serde_json::json!({"byte_length": 4})), "arraybuffer", 24),
            "an ArrayBuffer of 4 bytes"
        );
        assert_eq!(
            super::xhr_value(
                &v(serde_json::json!({"size": 3, "type": "text/plain"})),
                "blob",
                24
            ),
            "a Blob of 3 bytes, type \"text/plain\""
        );
        assert_eq!(
            super::xhr_value(&v(serde_json::Value::Null), "blob", 24),
            "null"
        );
        assert_eq!(
            super::xhr_value(&v(serde_json::json!({"title": ""})), "document", 24),
            "a Document"
        );
    }

    /// A link sends GET and a form GET or POST whatever was composed, and the step says the
    /// method sent.
    #[test]
    fn the_request_step_names_the_method_sent() {
        let link = requested(ClientKind::Navigation, "DELETE");
        assert!(
            link.contains("sends GET /items/42 as a navigation\""),
            "{link}"
        );
        let form = requested(ClientKind::Form, "PUT");
        assert!(
            form.contains("sends GET /items/42, with the fields in the query string\""),
            "{form}"
        );
        let post = requested(ClientKind::Form, "post");
        assert!(post.contains("sends POST /items/42"), "{post}");
        for text in [link, form, post] {
            assert!(!text.contains("as composed"), "{text}");
        }
    }
}
