//! The outcome model, one column at a time: each function computes what one
//! [`Behaviour`] (the specs, or one engine) does with the response, and [`outcomes`] gathers
//! the columns into claims, marking the engines whose probe for that value is missing as not
//! measured.

use serde_json::Value;

use super::{
    BeaconOutcome, CacheOutcome, Claim, ConnectionOutcome, FetchOutcome, JsResult,
    NavigationOutcome, Outcomes, PreflightOutcome, Settles, XhrOutcome,
};
use crate::engines::{Behaviour, Engine, Leftover, NullBody, Probe, SPEC};
use crate::method;
use crate::scenario::ResponseType;
use crate::status;
use crate::wire::{self, Fields, LengthRule, Parsed};

/// Everything the outcome model needs to know about one exchange.
pub struct Context<'a> {
    pub method: &'a str,
    pub request_headers: &'a Fields,
    pub response_type: ResponseType,
    /// The response as a client reads it, or why it cannot be read.
    pub parsed: Result<&'a Parsed, &'a str>,
    pub closes: bool,
    /// The response bytes, for the clients outside the browser.
    pub wire: &'a [u8],
}

/// What one column says about every client.
struct Side {
    fetch: FetchSide,
    xhr: XhrSide,
    navigation: NavigationSide,
    preflight: PreflightSide,
    cache: CacheSide,
    connection: ConnectionSide,
}

fn side(cx: &Context<'_>, b: &Behaviour) -> Side {
    Side {
        fetch: fetch(cx, b),
        xhr: xhr(cx, b),
        navigation: navigation(cx, b),
        preflight: preflight(cx, b),
        cache: cache(cx, b),
        connection: connection(cx, b),
    }
}

/// The spec's side and each engine's.
struct Sides {
    spec: Side,
    chromium: Side,
    firefox: Side,
    webkit: Side,
}

impl Sides {
    fn of(&self, engine: Engine) -> &Side {
        match engine {
            Engine::Chromium => &self.chromium,
            Engine::Firefox => &self.firefox,
            Engine::Webkit => &self.webkit,
        }
    }

    /// One value of every column, measured where the engine runs `probe`.
    fn claim<T>(&self, probe: Probe, f: impl Fn(&Side) -> T) -> Claim<T> {
        Claim::from_columns(f(&self.spec), |e| {
            e.behaviour().measures(probe).then(|| f(self.of(e)))
        })
    }
}

pub fn outcomes(cx: &Context<'_>) -> Outcomes {
    let sides = Sides {
        spec: side(cx, &SPEC),
        chromium: side(cx, Engine::Chromium.behaviour()),
        firefox: side(cx, Engine::Firefox.behaviour()),
        webkit: side(cx, Engine::Webkit.behaviour()),
    };
    let spec_cache = &sides.spec.cache;
    let spec_preflight = &sides.spec.preflight;
    Outcomes {
        fetch: FetchOutcome {
            settles: sides.claim(Probe::Fetch, |s| s.fetch.settles.clone()),
            rejects: sides.claim(Probe::Fetch, |s| match &s.fetch.settles {
                Settles::Rejects(why) => Some(why.clone()),
                _ => None,
            }),
            ok: sides.claim(Probe::Fetch, |s| s.fetch.ok),
            status: sides.claim(Probe::Fetch, |s| s.fetch.status),
            status_text: sides.claim(Probe::Fetch, |s| s.fetch.status_text.clone()),
            body_null: sides.claim(Probe::Fetch, |s| s.fetch.body_null),
            text: sides.claim(Probe::Fetch, |s| s.fetch.text.clone()),
            json: sides.claim(Probe::Fetch, |s| s.fetch.json.clone()),
            headers: sides.claim(Probe::Fetch, |s| s.fetch.headers.clone()),
        },
        xhr: XhrOutcome {
            response_type: cx.response_type.as_str(),
            status: sides.claim(Probe::Xhr, |s| s.xhr.status),
            status_text: sides.claim(Probe::Xhr, |s| s.xhr.status_text.clone()),
            load_event: sides.claim(Probe::Xhr, |s| s.xhr.load_event),
            events: sides.claim(Probe::Xhr, |s| {
                s.xhr.events.iter().map(|e| e.to_string()).collect()
            }),
            ready_state: sides.claim(Probe::Xhr, |s| s.xhr.ready_state),
            response_text: sides.claim(Probe::Xhr, |s| s.xhr.response_text.clone()),
            response: sides.claim(Probe::Xhr, |s| s.xhr.response.clone()),
        },
        navigation: NavigationOutcome {
            document_replaced: sides.claim(Probe::Navigation, |s| s.navigation.replaced),
            form_reset: sides.claim(Probe::Navigation, |s| s.navigation.form_reset),
            history_entry_added: sides.claim(Probe::Navigation, |s| s.navigation.replaced),
            url_changed: sides.claim(Probe::Navigation, |s| s.navigation.replaced),
            iframe_load_event: sides.claim(Probe::Navigation, |s| s.navigation.replaced),
        },
        beacon: BeaconOutcome {
            // Beacon: a POST of the data, text/plain for a string, and no response for the
            // page. No probe watches a beacon yet, so every engine is "not measured".
            queued: sides.claim(Probe::Beacon, |_| true),
            method: sides.claim(Probe::Beacon, |_| "POST".to_string()),
            content_type: sides.claim(Probe::Beacon, |_| "text/plain;charset=UTF-8".to_string()),
            response_visible: sides.claim(Probe::Beacon, |_| false),
        },
        preflight: PreflightOutcome {
            needed: sides.claim(Probe::Preflight, |s| s.preflight.needed),
            request_method: sides.claim(Probe::Preflight, |s| s.preflight.request_method.clone()),
            request_headers: sides.claim(Probe::Preflight, |s| s.preflight.request_headers.clone()),
            passes: sides.claim(Probe::Preflight, |s| s.preflight.failure.is_none()),
            rejects: sides.claim(Probe::Preflight, |s| s.preflight.rejects.clone()),
            failure: spec_preflight.failure.as_ref().map(ToString::to_string),
            cache_seconds: spec_preflight.cache_seconds,
        },
        cache: CacheOutcome {
            storable: spec_cache.storable,
            stored: sides.claim(Probe::Cache, |s| s.cache.stored),
            heuristically_fresh: spec_cache.heuristic,
            freshness_seconds: spec_cache.freshness_seconds,
            invalidates_cached_get: sides.claim(Probe::Invalidation, |s| s.cache.invalidates),
        },
        connection: ConnectionOutcome {
            reusable: sides.claim(Probe::Connection, |s| s.connection.reusable),
            leftover_bytes: sides.claim(Probe::Connection, |s| s.connection.leftover),
            next_clean: sides.claim(Probe::Connection, |s| {
                !(s.connection.reusable && s.connection.leftover > 0)
            }),
            next_response: sides.claim(Probe::Connection, |s| s.connection.next.clone()),
        },
        clients: crate::clients::outcomes(cx.method, cx.wire, cx.closes),
    }
}

/// Why a browser fails the response as a network error: unparseable, an invalid length, cut
/// short, or a status outside 200..=599 (Fetch only delivers statuses in that range).
fn unusable(cx: &Context<'_>) -> Option<&'static str> {
    match cx.parsed {
        Err(_) => Some("the bytes are not a valid HTTP/1.1 response"),
        Ok(p) if p.rule == LengthRule::InvalidLength => Some("the Content-Length is invalid"),
        Ok(p) if !p.complete => Some("the response ends before its declared length"),
        Ok(p) if !(200..=599).contains(&p.status) => Some("the status is outside 200 to 599"),
        Ok(_) => None,
    }
}

/// Does `fetch()` expose a null body?
fn body_is_null(cx: &Context<'_>, p: &Parsed, b: &Behaviour) -> bool {
    let head = method::is_head(cx.method);
    match b.null_body {
        NullBody::NullBodyStatusAndHead => status::is_null_body_status(p.status) || head,
        NullBody::HeadOnly => head,
        NullBody::Never => false,
    }
}

/// Does this column read the response as ending at its header section whatever its framing?
fn ends_at_headers(p: &Parsed, b: &Behaviour) -> bool {
    b.bodiless_205 && p.status == 205
}

/// The content scripts can read; `None` while it never ends (the body is read until the
/// connection closes, and the server keeps it open).
fn readable(cx: &Context<'_>, p: &Parsed, b: &Behaviour) -> Option<String> {
    if ends_at_headers(p, b) {
        Some(String::new())
    } else if p.waits_for_close {
        None
    } else if body_is_null(cx, p, &SPEC) {
        Some(String::new())
    } else {
        Some(p.content.clone())
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

struct FetchSide {
    settles: Settles,
    ok: bool,
    status: u16,
    status_text: String,
    body_null: bool,
    text: JsResult,
    json: JsResult,
    headers: Vec<(String, String)>,
}

/// `[...response.headers]`: lowercased names, sorted, repeats joined, no Set-Cookie.
fn script_headers(p: &Parsed) -> Vec<(String, String)> {
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
    headers
}

fn fetch(cx: &Context<'_>, b: &Behaviour) -> FetchSide {
    let (Ok(p), None) = (cx.parsed, unusable(cx)) else {
        return FetchSide {
            settles: Settles::Rejects(b.network_error.to_string()),
            ok: false,
            status: 0,
            status_text: String::new(),
            body_null: true,
            text: JsResult::Error("TypeError".into()),
            json: JsResult::Error("TypeError".into()),
            headers: Vec::new(),
        };
    };
    let text = readable(cx, p, b);
    FetchSide {
        settles: Settles::Resolves,
        ok: (200..=299).contains(&p.status),
        status: p.status,
        status_text: p.reason.clone(),
        body_null: body_is_null(cx, p, b),
        text: text
            .as_deref()
            .map(JsResult::text)
            .unwrap_or(JsResult::Pending(true)),
        json: json_of(&text),
        headers: script_headers(p),
    }
}

struct XhrSide {
    status: u16,
    status_text: String,
    load_event: bool,
    events: Vec<&'static str>,
    ready_state: u8,
    response_text: JsResult,
    response: JsResult,
}

fn xhr(cx: &Context<'_>, b: &Behaviour) -> XhrSide {
    let (Ok(p), None) = (cx.parsed, unusable(cx)) else {
        return XhrSide {
            status: 0,
            status_text: String::new(),
            load_event: false,
            // XMLHttpRequest, "request error steps": DONE, then error and loadend.
            events: vec![
                "readystate1",
                "loadstart",
                "readystate4",
                "error",
                "loadend",
            ],
            ready_state: 4,
            response_text: JsResult::text(""),
            response: match cx.response_type {
                ResponseType::Text => JsResult::text(""),
                _ => JsResult::Value(Value::Null),
            },
        };
    };
    let text = readable(cx, p, b);
    let response_text = match (cx.response_type, &text) {
        (_, None) => JsResult::Pending(true),
        (ResponseType::Text, Some(t)) => JsResult::text(t),
        _ => JsResult::Error("InvalidStateError".into()),
    };
    let response = match &text {
        None => JsResult::Pending(true),
        Some(t) => xhr_response(cx.response_type, p, t),
    };
    let Some(t) = &text else {
        // The body never ends: the request waits, with whatever state the headers gave it.
        if b.xhr_waits_for_body_before_headers {
            return XhrSide {
                status: 0,
                status_text: String::new(),
                load_event: false,
                events: vec!["readystate1", "loadstart"],
                ready_state: 1,
                response_text,
                response,
            };
        }
        let loading = !p.content.is_empty();
        let mut events = vec!["readystate1", "loadstart", "readystate2"];
        if loading {
            events.extend(["readystate3", "progress"]);
        }
        return XhrSide {
            status: p.status,
            status_text: p.reason.clone(),
            load_event: false,
            events,
            ready_state: if loading { 3 } else { 2 },
            response_text,
            response,
        };
    };
    let mut events = vec!["readystate1", "loadstart", "readystate2"];
    if !t.is_empty() {
        events.extend(["readystate3", "progress"]);
    } else if b.xhr_progress_on_empty_body {
        events.push("progress");
    }
    events.extend(["readystate4", "load", "loadend"]);
    XhrSide {
        status: p.status,
        status_text: p.reason.clone(),
        load_event: true,
        events,
        ready_state: 4,
        response_text,
        response,
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

struct NavigationSide {
    /// The document is replaced (and with it a history entry, a URL change and the iframe's
    /// load event).
    replaced: bool,
    form_reset: bool,
}

fn navigation(cx: &Context<'_>, b: &Behaviour) -> NavigationSide {
    // HTML aborts a navigation whose response is 204 or 205: the page stays.
    let status = cx.parsed.map(|p| p.status).unwrap_or(0);
    let kept = matches!(status, 204 | 205) || (status == 304 && b.keeps_document_on_304);
    NavigationSide {
        replaced: !kept,
        form_reset: status == 205 && b.resets_form_on_205,
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

struct PreflightSide {
    needed: bool,
    request_method: String,
    request_headers: Vec<String>,
    failure: Option<PreflightFailure>,
    rejects: Option<String>,
    cache_seconds: u64,
}

fn preflight(cx: &Context<'_>, b: &Behaviour) -> PreflightSide {
    let request_headers = unsafe_request_headers(cx.request_headers);
    let simple_method = method::is_cors_safelisted(cx.method);
    let needed = !simple_method || !request_headers.is_empty();
    let (result, cache_seconds) = match (cx.parsed, unusable(cx)) {
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
    let failure = result.err();
    PreflightSide {
        needed,
        request_method: cx.method.to_string(),
        request_headers,
        rejects: failure.as_ref().map(|_| b.network_error.to_string()),
        failure,
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

struct CacheSide {
    storable: bool,
    stored: bool,
    heuristic: bool,
    freshness_seconds: Option<u64>,
    invalidates: bool,
}

fn cache(cx: &Context<'_>, b: &Behaviour) -> CacheSide {
    let unsafe_method = !method::is_safe(cx.method);
    let (Ok(p), None) = (cx.parsed, unusable(cx)) else {
        return CacheSide {
            storable: false,
            stored: false,
            heuristic: false,
            freshness_seconds: None,
            invalidates: false,
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
    let heuristic = storable
        && !has_explicit
        && status::heuristically_cacheable(p.status)
        && (p.status != 204 || b.heuristic_freshness_for_204)
        && last_modified.is_some()
        && !has("no-cache");
    let heuristic_seconds = match (date, last_modified) {
        (Some(d), Some(lm)) => d.duration_since(lm).ok().map(|age| age.as_secs() / 10),
        _ => None,
    };
    let explicit_fresh = storable && explicit.is_some_and(|s| s > 0) && !has("no-cache");
    let freshness_seconds = if has_explicit {
        explicit
    } else if heuristic {
        heuristic_seconds
    } else {
        None
    };
    CacheSide {
        storable,
        stored: explicit_fresh || heuristic,
        heuristic,
        freshness_seconds,
        invalidates: unsafe_method && (200..=399).contains(&p.status),
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

struct ConnectionSide {
    reusable: bool,
    leftover: usize,
    next: String,
}

const CLOSES: &str = "the connection closes after this response; the next request opens a new one";
const CLEAN: &str = "the connection stays open and the next response is read cleanly";

fn connection(cx: &Context<'_>, b: &Behaviour) -> ConnectionSide {
    let Ok(p) = cx.parsed else {
        return ConnectionSide {
            reusable: false,
            leftover: 0,
            next: "the client drops the connection; the next request opens a new one".into(),
        };
    };
    let request_closes = cx.request_headers.lists("connection", "close");
    let bodiless = ends_at_headers(p, b);
    let framing_allows = bodiless
        || (p.complete
            && !p.waits_for_close
            && matches!(
                p.rule,
                LengthRule::NoBody | LengthRule::ContentLength | LengthRule::Chunked
            ));
    // A column that ends a 205 at its headers leaves its body bytes on the connection too.
    let mut leftover = if bodiless {
        p.body_bytes + p.leftover
    } else {
        p.leftover
    };
    if b.reads_length_of_no_content && matches!(p.status, 204 | 205) {
        let declared = p
            .headers
            .get("content-length")
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(0);
        leftover = leftover.saturating_sub(declared);
    }
    let unsized_no_content = matches!(p.status, 204 | 304) && !p.headers.contains("content-length");
    let mut open = framing_allows && !cx.closes && !request_closes;
    if b.closes_after_unsized_no_content && unsized_no_content {
        open = false;
    }
    if b.leftover == Leftover::CloseConnection && leftover > 0 {
        open = false;
    }
    let next = if !open {
        if leftover > 0 && b.leftover == Leftover::CloseConnection && framing_allows {
            "the client closes this connection as soon as it sees the extra bytes and sends the next request on a new connection, which is read cleanly".to_string()
        } else {
            CLOSES.to_string()
        }
    } else if leftover > 0 {
        format!(
            "the next response on this connection would start with the {leftover} leftover bytes, so its status line would read \"{}HTTP/1.1 …\": not a valid response",
            preview(&p.leftover_text)
        )
    } else {
        CLEAN.to_string()
    };
    ConnectionSide {
        reusable: open,
        leftover,
        next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;
    use crate::engines::Column;
    use crate::simulate;

    fn outcomes_of(id: &str) -> Outcomes {
        let scenario = catalog::find(id)
            .map(|e| e.scenario)
            .unwrap_or_else(|| panic!("no catalog entry {id}"));
        simulate(&scenario)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .outcomes
    }

    fn columns<T: Clone>(claim: &Claim<T>) -> [Option<T>; 4] {
        Column::ALL.map(|c| claim.at(c).cloned())
    }

    #[test]
    fn a_204_with_a_body_on_a_kept_alive_connection() {
        let c = outcomes_of("keepalive-204-body").connection;
        // Spec: the 5 bytes start the next response. Chromium and WebKitGTK close the
        // connection; Firefox reads the Content-Length's 5 bytes as a body and drops them.
        assert_eq!(
            columns(&c.reusable),
            [Some(true), Some(false), Some(true), Some(false)]
        );
        assert_eq!(
            columns(&c.leftover_bytes),
            [Some(5), Some(5), Some(0), Some(5)]
        );
        assert_eq!(
            columns(&c.next_clean),
            [Some(false), Some(true), Some(true), Some(true)]
        );
    }

    #[test]
    fn a_205_without_framing() {
        let o = outcomes_of("reset-205-no-length");
        // Chromium and Firefox end a 205 at its headers; WebKitGTK reads until close, as
        // RFC 9112 says, and its XHR stays OPENED meanwhile.
        assert_eq!(
            columns(&o.fetch.text),
            [
                Some(JsResult::Pending(true)),
                Some(JsResult::text("")),
                Some(JsResult::text("")),
                Some(JsResult::Pending(true))
            ]
        );
        assert_eq!(
            columns(&o.xhr.status),
            [Some(205), Some(205), Some(205), Some(0)]
        );
        assert_eq!(
            columns(&o.xhr.ready_state),
            [Some(2), Some(4), Some(4), Some(1)]
        );
    }

    #[test]
    fn navigations_to_a_304_and_forms_on_205() {
        let nav = outcomes_of("conditional-304").navigation;
        assert_eq!(
            columns(&nav.document_replaced),
            [Some(true), Some(false), Some(true), Some(false)]
        );
        let form = outcomes_of("form-post-205").navigation;
        assert_eq!(
            columns(&form.form_reset),
            [Some(true), Some(false), Some(false), Some(false)]
        );
    }

    #[test]
    fn engines_without_a_probe_are_not_measured() {
        let beacon = outcomes_of("delete-204").beacon;
        assert_eq!(beacon.method.spec(), "POST");
        assert_eq!(beacon.method.not_measured(), Engine::ALL.to_vec());
        let json = serde_json::to_value(&beacon.method).unwrap_or_default();
        assert_eq!(
            json["chromium"],
            serde_json::json!({ "not_measured": true })
        );
    }

    #[test]
    fn each_engine_names_its_network_error() {
        let f = outcomes_of("preflight-404").preflight;
        assert_eq!(
            columns(&f.rejects),
            [
                Some(Some("TypeError".into())),
                Some(Some("TypeError: Failed to fetch".into())),
                Some(Some(
                    "TypeError: NetworkError when attempting to fetch resource.".into()
                )),
                Some(Some("TypeError: Load failed".into()))
            ]
        );
    }
}
