//! What each browser client does with the response: fetch, XHR, navigations and forms,
//! iframes, sendBeacon, CORS preflight, the HTTP cache and the connection.
//!
//! Every value is a [`Claim`]: one value when the specs and Chromium agree, or both, labelled,
//! when they differ. The Chromium column comes from running the build named by [`CHROMIUM`]
//! (see `docs/chromium-measurements.md`); where a case was not measured, the Chromium column
//! follows the spec and says nothing more.

use serde::Serialize;
use serde_json::Value;

use crate::method;
use crate::scenario::ResponseType;
use crate::status;
use crate::wire::{self, Fields, LengthRule, Parsed};

/// Expands to the name and version of the Chromium build the Chromium column was measured
/// in, as a literal, so that rule texts can `concat!` it; [`CHROMIUM`] is the same text.
#[macro_export]
macro_rules! chromium {
    () => {
        "Chromium 156"
    };
}

/// The Chromium build the Chromium column was measured in, as the app labels it.
pub const CHROMIUM: &str = chromium!();

/// A fact about browser behaviour: agreed, or different between the specs and Chromium.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Claim<T> {
    Agreed(T),
    Differs { spec: T, chromium: T },
}

impl<T: PartialEq> Claim<T> {
    pub fn new(spec: T, chromium: T) -> Claim<T> {
        if spec == chromium {
            Claim::Agreed(spec)
        } else {
            Claim::Differs { spec, chromium }
        }
    }

    pub fn same(value: T) -> Claim<T> {
        Claim::Agreed(value)
    }

    pub fn spec(&self) -> &T {
        match self {
            Claim::Agreed(v) | Claim::Differs { spec: v, .. } => v,
        }
    }

    pub fn chromium(&self) -> &T {
        match self {
            Claim::Agreed(v) | Claim::Differs { chromium: v, .. } => v,
        }
    }

    pub fn differs(&self) -> bool {
        matches!(self, Claim::Differs { .. })
    }

    /// Applies `f` to each side; sides that become equal collapse into one agreed value.
    pub fn map<'a, U: PartialEq>(&'a self, f: impl Fn(&'a T) -> U) -> Claim<U> {
        Claim::new(f(self.spec()), f(self.chromium()))
    }

    /// Combines two claims side by side, spec with spec and Chromium with Chromium.
    pub fn zip<'a, B: PartialEq, U: PartialEq>(
        &'a self,
        other: &'a Claim<B>,
        f: impl Fn(&'a T, &'a B) -> U,
    ) -> Claim<U> {
        Claim::new(
            f(self.spec(), other.spec()),
            f(self.chromium(), other.chromium()),
        )
    }
}

/// What a script gets from a call that may throw or never finish.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JsResult {
    Value(Value),
    /// The name of the exception, such as `SyntaxError`.
    Error(String),
    /// The promise never settles (the body never ends).
    Pending(bool),
}

impl Eq for JsResult {}

impl JsResult {
    fn text(s: &str) -> JsResult {
        JsResult::Value(Value::String(s.to_string()))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FetchOutcome {
    /// The rejection (`TypeError: Failed to fetch`) when fetch fails, else null.
    pub rejects: Option<String>,
    pub ok: Claim<bool>,
    pub status: Claim<u16>,
    pub status_text: Claim<String>,
    /// Is `response.body` null?
    pub body_null: Claim<bool>,
    pub text: Claim<JsResult>,
    pub json: Claim<JsResult>,
    /// `[...response.headers]`: names lowercased and sorted, repeats joined with ", ".
    pub headers: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct XhrOutcome {
    pub response_type: &'static str,
    pub status: Claim<u16>,
    pub status_text: Claim<String>,
    /// `load` (true) or `error` (false) ends the request; null-like `pending` never ends.
    pub load_event: Claim<bool>,
    pub response_text: Claim<JsResult>,
    pub response: Claim<JsResult>,
}

/// Top-level navigations (a link, `location.href`, a form submission) and iframes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NavigationOutcome {
    pub document_replaced: Claim<bool>,
    /// For a form submission: are the typed fields reset?
    pub form_reset: Claim<bool>,
    pub history_entry_added: Claim<bool>,
    pub url_changed: Claim<bool>,
    /// For an iframe pointed at the URL: does its `load` event fire?
    pub iframe_load_event: Claim<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BeaconOutcome {
    /// `navigator.sendBeacon()` returns true: the data is queued.
    pub queued: bool,
    /// A beacon is always a POST, whatever the composed method.
    pub method: &'static str,
    pub content_type: &'static str,
    /// The page never sees the response.
    pub response_visible: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PreflightOutcome {
    /// Would a cross-origin fetch of this request need a preflight at all?
    pub needed: bool,
    /// `Access-Control-Request-Method`.
    pub request_method: String,
    /// `Access-Control-Request-Headers`, lowercased and sorted.
    pub request_headers: Vec<String>,
    /// Treating the answer as the response to the OPTIONS preflight: does it pass?
    pub passes: Claim<bool>,
    /// Why it fails, when it does.
    pub failure: Option<String>,
    /// How long the browser may reuse this preflight (Access-Control-Max-Age, default 5 s).
    pub cache_seconds: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CacheOutcome {
    /// RFC 9111 §3: may a cache store this response at all?
    pub storable: bool,
    /// Would a repeat of this GET be answered from the browser cache without asking the server?
    pub stored: Claim<bool>,
    /// Is it fresh only by heuristics (no explicit lifetime)?
    pub heuristically_fresh: Claim<bool>,
    /// Freshness lifetime in seconds, when it can be computed.
    pub freshness_seconds: Option<u64>,
    /// Does this response make caches drop a stored GET of the same URL (RFC 9111 §4.4)?
    pub invalidates_cached_get: Claim<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConnectionOutcome {
    pub reusable: Claim<bool>,
    pub leftover_bytes: Claim<usize>,
    /// What happens to the next response on this connection.
    pub next_response: Claim<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Outcomes {
    pub fetch: FetchOutcome,
    pub xhr: XhrOutcome,
    pub navigation: NavigationOutcome,
    pub beacon: BeaconOutcome,
    pub preflight: PreflightOutcome,
    pub cache: CacheOutcome,
    pub connection: ConnectionOutcome,
}

/// Everything the outcome model needs to know about one exchange.
pub struct Context<'a> {
    pub method: &'a str,
    pub request_headers: &'a Fields,
    pub response_type: ResponseType,
    /// The response as a client reads it, or why it cannot be read.
    pub parsed: Result<&'a Parsed, &'a str>,
    pub closes: bool,
}

const NETWORK_ERROR: &str = "TypeError: Failed to fetch";

pub fn outcomes(cx: &Context<'_>) -> Outcomes {
    Outcomes {
        fetch: fetch(cx),
        xhr: xhr(cx),
        navigation: navigation(cx),
        beacon: BeaconOutcome {
            queued: true,
            method: "POST",
            content_type: "text/plain;charset=UTF-8",
            response_visible: false,
        },
        preflight: preflight(cx),
        cache: cache(cx),
        connection: connection(cx),
    }
}

/// A response a browser fails as a network error: unparseable, an invalid length, cut short,
/// or a status outside 200..=599 (Fetch only delivers statuses in that range to scripts).
fn usable(cx: &Context<'_>) -> Option<&'static str> {
    match cx.parsed {
        Err(_) => Some("the bytes are not a valid HTTP/1.1 response"),
        Ok(p) if p.rule == LengthRule::InvalidLength => Some("the Content-Length is invalid"),
        Ok(p) if !p.complete => Some("the response ends before its declared length"),
        Ok(p) if !(200..=599).contains(&p.status) => Some("the status is outside 200 to 599"),
        Ok(_) => None,
    }
}

/// Spec: Fetch gives a null body for null body statuses and HEAD. Chromium ([`CHROMIUM`]): never null
/// for a network response, an empty stream instead (measured).
fn body_is_null(cx: &Context<'_>, p: &Parsed) -> bool {
    status::is_null_body_status(p.status) || method::is_head(cx.method)
}

/// The content scripts can read: none for a null body.
fn readable(cx: &Context<'_>, p: &Parsed) -> Option<String> {
    if p.waits_for_close {
        None
    } else if body_is_null(cx, p) {
        Some(String::new())
    } else {
        Some(p.content.clone())
    }
}

/// Chromium reads a 205 as bodiless, like a 204, whatever its framing says (measured), so its
/// scripts get an empty body even where RFC 9112 would keep reading.
fn readable_chromium(cx: &Context<'_>, p: &Parsed) -> Option<String> {
    if p.status == 205 {
        Some(String::new())
    } else {
        readable(cx, p)
    }
}

fn json_of(text: &Option<String>) -> JsResult {
    match text {
        None => JsResult::Pending(true),
        Some(t) => match serde_json::from_str::<Value>(t) {
            Ok(v) => JsResult::Value(v),
            Err(_) => JsResult::Error("SyntaxError".into()),
        },
    }
}

fn fetch(cx: &Context<'_>) -> FetchOutcome {
    let (Ok(p), None) = (cx.parsed, usable(cx)) else {
        return FetchOutcome {
            rejects: Some(NETWORK_ERROR.into()),
            ok: Claim::same(false),
            status: Claim::same(0),
            status_text: Claim::same(String::new()),
            body_null: Claim::same(true),
            text: Claim::same(JsResult::Error("TypeError".into())),
            json: Claim::same(JsResult::Error("TypeError".into())),
            headers: Vec::new(),
        };
    };
    let text = readable(cx, p);
    let chromium_text = readable_chromium(cx, p);
    let as_js = |t: &Option<String>| {
        t.as_deref()
            .map(JsResult::text)
            .unwrap_or(JsResult::Pending(true))
    };
    let mut headers: Vec<(String, String)> = Vec::new();
    for (name, value) in &p.headers {
        let name = name.to_ascii_lowercase();
        if name == "set-cookie" || name == "set-cookie2" {
            continue;
        }
        match headers.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => {
                v.push_str(", ");
                v.push_str(value);
            }
            None => headers.push((name, value.clone())),
        }
    }
    headers.sort();
    FetchOutcome {
        rejects: None,
        ok: Claim::same((200..=299).contains(&p.status)),
        status: Claim::same(p.status),
        status_text: Claim::same(p.reason.clone()),
        body_null: Claim::new(body_is_null(cx, p), false),
        text: Claim::new(as_js(&text), as_js(&chromium_text)),
        json: Claim::new(json_of(&text), json_of(&chromium_text)),
        headers,
    }
}

fn xhr(cx: &Context<'_>) -> XhrOutcome {
    let response_type = cx.response_type.as_str();
    let (Ok(p), None) = (cx.parsed, usable(cx)) else {
        return XhrOutcome {
            response_type,
            status: Claim::same(0),
            status_text: Claim::same(String::new()),
            load_event: Claim::same(false),
            response_text: Claim::same(JsResult::text("")),
            response: Claim::same(match cx.response_type {
                ResponseType::Text => JsResult::text(""),
                _ => JsResult::Value(Value::Null),
            }),
        };
    };
    let read = |text: &Option<String>| -> (bool, JsResult, JsResult) {
        let response_text = match (cx.response_type, text) {
            (_, None) => JsResult::Pending(true),
            (ResponseType::Text, Some(t)) => JsResult::text(t),
            _ => JsResult::Error("InvalidStateError".into()),
        };
        let response = match text {
            None => JsResult::Pending(true),
            Some(t) => xhr_response(cx.response_type, p, t),
        };
        (text.is_some(), response_text, response)
    };
    let (spec_load, spec_text, spec_response) = read(&readable(cx, p));
    let (chromium_load, chromium_text, chromium_response) = read(&readable_chromium(cx, p));
    XhrOutcome {
        response_type,
        status: Claim::same(p.status),
        status_text: Claim::same(p.reason.clone()),
        load_event: Claim::new(spec_load, chromium_load),
        response_text: Claim::new(spec_text, chromium_text),
        response: Claim::new(spec_response, chromium_response),
    }
}

/// `xhr.response` for a body that has arrived.
fn xhr_response(response_type: ResponseType, p: &Parsed, t: &str) -> JsResult {
    match response_type {
        ResponseType::Text => JsResult::text(t),
        // XHR's JSON response is null when the body is empty or does not parse.
        ResponseType::Json => {
            JsResult::Value(serde_json::from_str::<Value>(t).unwrap_or(Value::Null))
        }
        ResponseType::Arraybuffer => JsResult::Value(serde_json::json!({ "byte_length": t.len() })),
        ResponseType::Blob => {
            // XHR's final MIME type falls back to text/xml when the response has none.
            let kind = p
                .headers
                .get("content-type")
                .unwrap_or("text/xml")
                .to_ascii_lowercase();
            JsResult::Value(serde_json::json!({ "size": t.len(), "type": kind }))
        }
        ResponseType::Document => {
            let kind = p
                .headers
                .get("content-type")
                .unwrap_or("")
                .to_ascii_lowercase();
            let markup = kind.starts_with("text/html") || kind.contains("xml");
            JsResult::Value(if markup && !t.is_empty() {
                Value::String("Document".into())
            } else {
                Value::Null
            })
        }
    }
}

fn navigation(cx: &Context<'_>) -> NavigationOutcome {
    // HTML aborts a navigation whose response is 204 or 205: the page stays. Chromium does the
    // same (measured), for forms, links, location.href and iframes.
    let status = cx.parsed.map(|p| p.status).unwrap_or(0);
    let aborted = matches!(status, 204 | 205);
    // HTML has no such step for 304, so a 304 reaching a navigation would become a (blank)
    // document; Chromium keeps the current document instead, for forms, links,
    // location.href and iframes alike (measured over the network and through a service worker).
    let chromium_aborted = aborted || status == 304;
    // RFC 9110 §15.3.6 asks the user agent to reset the document view on 205; HTML has no such
    // step, and Chromium keeps the typed values (measured).
    let reset = status == 205;
    let both = |spec: bool, chromium: bool| Claim::new(spec, chromium);
    NavigationOutcome {
        document_replaced: both(!aborted, !chromium_aborted),
        form_reset: Claim::new(reset, false),
        history_entry_added: both(!aborted, !chromium_aborted),
        url_changed: both(!aborted, !chromium_aborted),
        iframe_load_event: both(!aborted, !chromium_aborted),
    }
}

/// Request headers a preflight must ask about: everything not CORS-safelisted.
pub fn unsafe_request_headers(headers: &Fields) -> Vec<String> {
    let mut names: Vec<String> = headers
        .iter()
        .filter(|(name, value)| {
            let name = name.to_ascii_lowercase();
            match name.as_str() {
                "accept" | "accept-language" | "content-language" => false,
                "content-type" => {
                    let essence = value
                        .split(';')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_ascii_lowercase();
                    !matches!(
                        essence.as_str(),
                        "application/x-www-form-urlencoded" | "multipart/form-data" | "text/plain"
                    )
                }
                _ => true,
            }
        })
        .map(|(name, _)| name.to_ascii_lowercase())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Why a preflight response fails the CORS checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PreflightFailure {
    NotOk(u16),
    NoAllowOrigin,
    MethodNotAllowed(String),
    HeaderNotAllowed(String),
    Unusable(&'static str),
}

impl std::fmt::Display for PreflightFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PreflightFailure::NotOk(code) => {
                write!(f, "the preflight got {code}, not an ok status (200 to 299)")
            }
            PreflightFailure::NoAllowOrigin => write!(
                f,
                "no Access-Control-Allow-Origin matching {}",
                wire::PAGE_ORIGIN
            ),
            PreflightFailure::MethodNotAllowed(m) => {
                write!(f, "{m} is not in Access-Control-Allow-Methods")
            }
            PreflightFailure::HeaderNotAllowed(h) => write!(
                f,
                "the request header {h} is not in Access-Control-Allow-Headers"
            ),
            PreflightFailure::Unusable(why) => f.write_str(why),
        }
    }
}

/// Runs the Fetch standard's preflight checks on a response to the OPTIONS request.
pub fn check_preflight(
    method: &str,
    request_headers: &Fields,
    p: &Parsed,
) -> Result<(), PreflightFailure> {
    let wanted_headers = unsafe_request_headers(request_headers);
    let simple_method = method::is_cors_safelisted(method);
    let allow_origin = p.headers.get("access-control-allow-origin").map(str::trim);
    let listed = |header: &str, wanted: &str| {
        p.headers
            .items(header)
            .any(|t| t == "*" || t.eq_ignore_ascii_case(wanted))
    };
    if !(200..=299).contains(&p.status) {
        Err(PreflightFailure::NotOk(p.status))
    } else if !matches!(allow_origin, Some("*")) && allow_origin != Some(wire::PAGE_ORIGIN) {
        Err(PreflightFailure::NoAllowOrigin)
    } else if !simple_method && !listed("access-control-allow-methods", method) {
        Err(PreflightFailure::MethodNotAllowed(method.to_string()))
    } else if let Some(missing) = wanted_headers
        .iter()
        .find(|h| !listed("access-control-allow-headers", h))
    {
        Err(PreflightFailure::HeaderNotAllowed(missing.clone()))
    } else {
        Ok(())
    }
}

fn preflight(cx: &Context<'_>) -> PreflightOutcome {
    let request_headers = unsafe_request_headers(cx.request_headers);
    let simple_method = method::is_cors_safelisted(cx.method);
    let needed = !simple_method || !request_headers.is_empty();
    let (result, cache_seconds) = match (cx.parsed, usable(cx)) {
        (Ok(p), None) => {
            let age = p
                .headers
                .get("access-control-max-age")
                .and_then(|v| v.trim().parse::<u64>().ok());
            // Fetch: without Access-Control-Max-Age a preflight may be reused for 5 seconds.
            (
                check_preflight(cx.method, cx.request_headers, p),
                age.unwrap_or(5),
            )
        }
        (_, reason) => (
            Err(PreflightFailure::Unusable(
                reason.unwrap_or("the preflight response is unusable"),
            )),
            0,
        ),
    };
    PreflightOutcome {
        needed,
        request_method: cx.method.to_string(),
        request_headers,
        passes: Claim::same(result.is_ok()),
        failure: result.err().map(|f| f.to_string()),
        cache_seconds,
    }
}

/// Cache-Control directives, lowercased, with their values.
fn directives(headers: &Fields) -> Vec<(String, Option<String>)> {
    headers
        .items("cache-control")
        .filter_map(|d| {
            if d.is_empty() {
                return None;
            }
            let (name, value) = match d.split_once('=') {
                Some((n, v)) => (n, Some(v.trim().trim_matches('"').to_string())),
                None => (d, None),
            };
            Some((name.trim().to_ascii_lowercase(), value))
        })
        .collect()
}

fn cache(cx: &Context<'_>) -> CacheOutcome {
    let unsafe_method = !method::is_safe(cx.method);
    let (Ok(p), None) = (cx.parsed, usable(cx)) else {
        return CacheOutcome {
            storable: false,
            stored: Claim::same(false),
            heuristically_fresh: Claim::same(false),
            freshness_seconds: None,
            invalidates_cached_get: Claim::same(false),
        };
    };
    let cc = directives(&p.headers);
    let has = |name: &str| cc.iter().any(|(n, _)| n == name);
    let max_age = cc
        .iter()
        .find(|(n, _)| n == "max-age")
        .and_then(|(_, v)| v.as_deref()?.parse::<u64>().ok());
    let date = p
        .headers
        .get("date")
        .and_then(|d| httpdate::parse_http_date(d).ok());
    let expires = p
        .headers
        .get("expires")
        .map(|e| httpdate::parse_http_date(e).ok());
    let last_modified = p
        .headers
        .get("last-modified")
        .and_then(|d| httpdate::parse_http_date(d).ok());
    let explicit: Option<u64> = max_age.or_else(|| match (expires, date) {
        // An Expires that does not parse means "already expired".
        (Some(None), _) => Some(0),
        (Some(Some(exp)), Some(date)) => {
            Some(exp.duration_since(date).map(|d| d.as_secs()).unwrap_or(0))
        }
        (Some(Some(_)), None) => None,
        (None, _) => None,
    });
    let has_explicit = explicit.is_some() || expires.is_some();
    let cacheable_method = matches!(cx.method, "GET" | "HEAD");
    let final_status = p.status >= 200 && p.status != 304 && p.status != 206;
    let storable = cacheable_method
        && final_status
        && !has("no-store")
        && (has_explicit || has("public") || status::heuristically_cacheable(p.status));
    let heuristic_spec = storable
        && !has_explicit
        && status::heuristically_cacheable(p.status)
        && last_modified.is_some()
        && !has("no-cache");
    // Chromium applies heuristic freshness to a 200 with Last-Modified but not to a 204
    // (measured); other statuses were not measured and follow the spec.
    let heuristic_chromium = heuristic_spec && p.status != 204;
    let heuristic_seconds = match (date, last_modified) {
        (Some(d), Some(lm)) => d.duration_since(lm).ok().map(|age| age.as_secs() / 10),
        _ => None,
    };
    let explicit_fresh = storable && explicit.is_some_and(|s| s > 0) && !has("no-cache");
    let freshness_seconds = if has_explicit {
        explicit
    } else if heuristic_spec {
        heuristic_seconds
    } else {
        None
    };
    let invalidates = unsafe_method && (200..=399).contains(&p.status);
    CacheOutcome {
        storable,
        stored: Claim::new(
            explicit_fresh || heuristic_spec,
            explicit_fresh || heuristic_chromium,
        ),
        heuristically_fresh: Claim::new(heuristic_spec, heuristic_chromium),
        freshness_seconds,
        invalidates_cached_get: Claim::same(invalidates),
    }
}

/// Shows the first bytes of some leftovers, escaped, for a sentence.
fn preview(bytes: &str) -> String {
    let shown: String = bytes.chars().take(24).collect();
    let more = if bytes.chars().count() > 24 {
        "…"
    } else {
        ""
    };
    format!("{}{more}", shown.escape_debug())
}

fn connection(cx: &Context<'_>) -> ConnectionOutcome {
    let Ok(p) = cx.parsed else {
        let closed =
            "the client drops the connection; the next request opens a new one".to_string();
        return ConnectionOutcome {
            reusable: Claim::same(false),
            leftover_bytes: Claim::same(0),
            next_response: Claim::same(closed),
        };
    };
    let request_closes = cx.request_headers.lists("connection", "close");
    let framing_allows = p.complete
        && !p.waits_for_close
        && matches!(
            p.rule,
            LengthRule::NoBody | LengthRule::ContentLength | LengthRule::Chunked
        );
    let base = framing_allows && !cx.closes && !request_closes;
    // Chromium ends a 205 at its header section, so its framing never waits for a close.
    let chromium_base = (framing_allows
        || (p.status == 205 && p.rule != LengthRule::ChunkedOverridesLength))
        && !cx.closes
        && !request_closes;
    // Chromium treats 205 as bodiless like 204, whatever Content-Length says (measured).
    let chromium_leftover = if p.status == 205 {
        p.body_bytes + p.leftover
    } else {
        p.leftover
    };
    let spec_leftover = p.leftover;
    let spec_next = if !base {
        "the connection closes after this response; the next request opens a new one".to_string()
    } else if spec_leftover > 0 {
        format!(
            "the next response on this connection would start with the {spec_leftover} leftover bytes, so its status line would read \"{}HTTP/1.1 …\": not a valid response",
            preview(&p.leftover_text)
        )
    } else {
        "the connection stays open and the next response is read cleanly".to_string()
    };
    let chromium_next = if !chromium_base {
        "the connection closes after this response; the next request opens a new one".to_string()
    } else if chromium_leftover > 0 {
        "Chromium closes this connection as soon as it sees the extra bytes and sends the next request on a new connection, which is read cleanly".to_string()
    } else {
        "the connection stays open and the next response is read cleanly".to_string()
    };
    ConnectionOutcome {
        reusable: Claim::new(base, chromium_base && chromium_leftover == 0),
        leftover_bytes: Claim::new(spec_leftover, chromium_leftover),
        next_response: Claim::new(spec_next, chromium_next),
    }
}
