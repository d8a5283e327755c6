//! The outcome model, one column at a time: each function computes what one
//! [`Behaviour`] (the specs, or one engine) does with the response, and [`outcomes`] gathers
//! the columns into claims, marking the engines whose probe for that value is missing as not
//! measured.

use serde_json::Value;

use super::{
    BeaconOutcome, CacheOutcome, Claim, ConnectionOutcome, FetchOutcome, JsResult,
    NavigationOutcome, Outcomes, PreflightOutcome, Redirect, Settles, XhrOutcome,
};
use crate::engines::{
    Behaviour, BlobType, ContentLength, Engine, Held, Invalidating, Leftover, NullBody, Probe,
    Undecodable, SPEC,
};
use crate::method;
use crate::scenario::ResponseType;
use crate::status;
use crate::wire::{self, Fields, LengthRule, Parsed, Reading};

/// Everything the outcome model needs to know about one exchange.
pub struct Context<'a> {
    pub method: &'a str,
    pub request_headers: &'a Fields,
    /// The request's body (sendBeacon sends it as its data).
    pub request_body: &'a str,
    pub response_type: ResponseType,
    /// The response as a client reads it by RFC 9112, or why it cannot be read.
    pub parsed: Result<&'a Parsed, &'a str>,
    /// The response bytes, for the engines that read them differently and for the clients
    /// outside the browser.
    pub wire: &'a str,
    pub closes: bool,
}

/// What one column says about every client.
struct Side {
    fetch: FetchSide,
    xhr: XhrSide,
    /// A link, `location.href` or a form: a top-level navigation.
    navigation: NavigationSide,
    /// An iframe pointed at the URL.
    framed: NavigationSide,
    preflight: PreflightSide,
    cache: CacheSide,
    connection: ConnectionSide,
}

fn side(cx: &Context<'_>, b: &Behaviour) -> Side {
    let (navigation, framed) = navigations(cx, b);
    Side {
        fetch: fetch(cx, b),
        xhr: xhr(cx, b),
        navigation,
        framed,
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

    /// One value of every column, measured where the engine runs `probe` and `f` has a value
    /// for it (`None`: this engine was not measured for this case). The spec always has one.
    fn claim_some<T: Default>(&self, probe: Probe, f: impl Fn(&Side) -> Option<T>) -> Claim<T> {
        Claim::from_columns(f(&self.spec).unwrap_or_default(), |e| {
            if e.behaviour().measures(probe) {
                f(self.of(e))
            } else {
                None
            }
        })
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
            redirect: sides.claim(Probe::Fetch, |s| s.fetch.redirect.clone()),
            redirected: sides.claim(Probe::Fetch, |s| s.fetch.redirect.is_some()),
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
            throws: sides.claim(Probe::Xhr, |s| s.xhr.throws.clone()),
            response_text: sides.claim(Probe::Xhr, |s| s.xhr.response_text.clone()),
            response: sides.claim(Probe::Xhr, |s| s.xhr.response.clone()),
        },
        navigation: NavigationOutcome {
            document_replaced: sides.claim_some(Probe::Navigation, |s| s.navigation.replaced),
            form_reset: sides.claim_some(Probe::Navigation, |s| s.navigation.form_reset),
            history_entry_added: sides.claim_some(Probe::Navigation, |s| s.navigation.replaced),
            url_changed: sides.claim_some(Probe::Navigation, |s| s.navigation.replaced),
            iframe_document_replaced: sides.claim_some(Probe::Navigation, |s| s.framed.replaced),
            iframe_load_event: sides.claim_some(Probe::Navigation, |s| s.framed.load_event),
        },
        beacon: BeaconOutcome {
            // Beacon: a POST of the data, `text/plain;charset=UTF-8` for a string (Fetch,
            // "extract a body"), nothing without data, and no response for the page.
            queued: sides.claim(Probe::Beacon, |_| true),
            method: sides.claim(Probe::Beacon, |_| "POST".to_string()),
            content_type: sides.claim(Probe::Beacon, |_| {
                (!cx.request_body.is_empty()).then(|| "text/plain;charset=UTF-8".to_string())
            }),
            response_visible: sides.claim(Probe::Beacon, |_| false),
        },
        preflight: PreflightOutcome {
            needed: sides.claim(Probe::Preflight, |s| s.preflight.needed),
            request_method: sides.claim(Probe::Preflight, |s| s.preflight.request_method.clone()),
            request_headers: sides.claim(Probe::Preflight, |s| s.preflight.request_headers.clone()),
            settles: sides.claim(Probe::Preflight, |s| s.preflight.settles.clone()),
            passes: sides.claim(Probe::Preflight, |s| s.preflight.failure.is_none()),
            rejects: sides.claim(Probe::Preflight, |s| s.preflight.rejects.clone()),
            failure: spec_preflight.failure.as_ref().map(ToString::to_string),
            cache_seconds: spec_preflight.cache_seconds,
        },
        cache: CacheOutcome {
            storable: spec_cache.storable,
            stored: sides.claim_some(Probe::Cache, |s| s.cache.stored),
            heuristically_fresh: spec_cache.heuristic,
            freshness_seconds: spec_cache.freshness_seconds,
            invalidates_cached_get: sides.claim_some(Probe::Invalidation, |s| s.cache.invalidates),
        },
        connection: ConnectionOutcome {
            reusable: sides.claim(Probe::Connection, |s| s.connection.reusable),
            leftover_bytes: sides.claim(Probe::Connection, |s| s.connection.leftover),
            next_clean: sides.claim(Probe::Connection, |s| s.connection.next_clean),
            next_response: sides.claim(Probe::Connection, |s| s.connection.next.clone()),
        },
        clients: crate::clients::outcomes(cx.method, cx.wire.as_bytes(), cx.closes),
    }
}

/// How one column reads the response off the connection.
enum Read {
    /// A network error before any final response reached the page, and why.
    Fails(&'static str),
    /// Only interim (1xx) responses arrive, on a connection the server keeps open: the client
    /// waits for a final response forever.
    Waits,
    /// A final response's head arrived, and its body went this way.
    Head(Parsed, Body),
}

/// How a body ends, once the head has arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Body {
    /// It ends, with this content.
    Ends(String),
    /// It fails after the headers (cut short by a close, malformed, undecodable), after
    /// delivering this much.
    Fails(String),
    /// It never ends: more is awaited on a connection the server keeps open, after this much.
    Open(String),
}

impl Body {
    fn delivered(&self) -> &str {
        match self {
            Body::Ends(t) | Body::Fails(t) | Body::Open(t) => t,
        }
    }
}

/// The content codings every measured engine decodes. Scenario bodies are text, which is never
/// valid data in any of them (each begins with bytes that are not text), so a body in one of
/// these codings is always undecodable unless it is empty.
const DECODED: [&str; 4] = ["gzip", "x-gzip", "deflate", "br"];

/// Does this column refuse the response for its Content-Length, before reading any body?
/// Does a Transfer-Encoding ending in chunked frame this response?
fn chunked(p: &Parsed) -> bool {
    p.headers
        .items("transfer-encoding")
        .filter(|t| !t.is_empty())
        .last()
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
}

fn refuses_length(p: &Parsed, b: &Behaviour, bodiless: bool) -> bool {
    let values: Vec<&str> = p.headers.items("content-length").collect();
    match b.content_length {
        ContentLength::RefusesDifferentEverywhere
            if values.iter().any(|v| Some(v) != values.first()) =>
        {
            true
        }
        // Transfer-Encoding overrides Content-Length, whose values then do not matter.
        ContentLength::IgnoresInvalidRefusesDifferent
            if values.iter().any(|v| Some(v) != values.first()) && !chunked(p) =>
        {
            true
        }
        _ => !bodiless && p.rule == LengthRule::InvalidLength,
    }
}

/// Reads the response the way column `b` does: interim responses skipped, its own reading of
/// Content-Length, and what becomes of the body.
fn read(cx: &Context<'_>, b: &Behaviour) -> Read {
    let reading = Reading {
        first_length_field_only: b.content_length == ContentLength::FirstFieldOnly,
        ignore_identity_transfer_encoding: b.ignores_identity_transfer_encoding,
        ignore_unchunked_transfer_encoding: b.ignores_unchunked_transfer_encoding,
        ignore_invalid_length: b.content_length == ContentLength::IgnoresInvalidRefusesDifferent,
        plus_sign_in_length: b.plus_sign_in_length,
    };
    let first = if reading == Reading::RFC {
        cx.parsed.ok().cloned()
    } else {
        wire::parse_response_as(cx.method, cx.wire.as_bytes(), cx.closes, reading).ok()
    };
    let Some(mut p) = first else {
        return Read::Fails("the bytes are not a valid HTTP/1.1 response");
    };
    // Fetch, "HTTP-network fetch": a 1xx other than 101 is an interim response, skipped; the
    // final response is whatever follows it on the connection.
    for _ in 0..8 {
        if !(100..200).contains(&p.status) {
            break;
        }
        if p.status == 101 {
            return Read::Fails("a 101 switches protocols, which the request never asked for");
        }
        if p.leftover == 0 {
            return if cx.closes {
                Read::Fails("the connection closes after an interim response, before any final one")
            } else {
                Read::Waits
            };
        }
        // A column may wait for a few bytes before it judges whether a status line follows.
        if p.leftover_text.len() < b.status_line_needs && !cx.closes {
            return Read::Waits;
        }
        // A column that skips stray bytes up to a status line does so here too, and waits
        // for one while there is none.
        let next = match b.leftover {
            Leftover::SkipToStatusLine => match p.leftover_text.find("HTTP/") {
                Some(at) => p.leftover_text.get(at..).unwrap_or_default().to_string(),
                None if cx.closes => {
                    return Read::Fails("the connection closes before any final response")
                }
                None => return Read::Waits,
            },
            _ => p.leftover_text.clone(),
        };
        match wire::parse_response_as(cx.method, next.as_bytes(), cx.closes, reading) {
            Ok(next) => p = next,
            Err(_) => {
                return Read::Fails("the bytes after the interim response are not a response")
            }
        }
    }
    if (100..200).contains(&p.status) {
        return Read::Fails("no final response after the interim ones");
    }
    let bodiless = p.rule == LengthRule::NoBody || (b.bodiless_205 && p.status == 205);
    if refuses_length(&p, b, bodiless) {
        return Read::Fails("the Content-Length is invalid");
    }
    let mut body = if bodiless {
        Body::Ends(String::new())
    } else if !p.complete {
        if p.malformed || cx.closes {
            Body::Fails(p.content.clone())
        } else {
            Body::Open(p.content.clone())
        }
    } else if p.waits_for_close {
        Body::Open(p.content.clone())
    } else {
        Body::Ends(p.content.clone())
    };
    if decoding_fails(&p, b) && !body.delivered().is_empty() {
        // The decoder fails on the first bytes, so nothing is delivered.
        body = Body::Fails(String::new());
    }
    if b.response_waits_for_body && body == Body::Open(String::new()) {
        return Read::Waits;
    }
    Read::Head(p, body)
}

/// The body is in a coding this column decodes and fails to decode (scenario bodies are text,
/// so a non-empty body in one of [`DECODED`] never decodes).
fn decoding_fails(p: &Parsed, b: &Behaviour) -> bool {
    let coding = p
        .headers
        .get("content-encoding")
        .map(|c| c.trim().to_ascii_lowercase())
        .unwrap_or_default();
    DECODED.contains(&coding.as_str())
        && b.undecodable == Undecodable::BodyFails
        && !p.content.is_empty()
}

/// The response declares `Content-Length: 0` (its first value, where a list repeats it).
fn declares_zero_length(p: &Parsed) -> bool {
    p.headers.items("content-length").next() == Some("0")
}

/// The tags that make an untyped body HTML as soon as it starts with one (after white space),
/// from Chromium's `net/base/mime_sniffer.cc`.
const HTML_TAGS: [&str; 17] = [
    "<!doctype html",
    "<script",
    "<html",
    "<!--",
    "<head",
    "<iframe",
    "<h1",
    "<div",
    "<font",
    "<table",
    "<a",
    "<style",
    "<title",
    "<b",
    "<body",
    "<br",
    "<p",
];

/// Does an untyped body that starts with `bytes` sniff as HTML at once?
fn starts_as_html(bytes: &str) -> bool {
    let start = bytes.trim_start().to_ascii_lowercase();
    HTML_TAGS.iter().any(|tag| {
        start
            .strip_prefix(tag)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c == ' ' || c == '>')
    })
}

/// Does this column hold back a response from XMLHttpRequest (`xhr`) or a navigation while
/// its body is still open?
fn held(p: &Parsed, body: &Body, b: &Behaviour, xhr: bool) -> bool {
    let holds = if xhr { b.xhr_holds } else { b.navigation_holds };
    let kind = p
        .headers
        .get("content-type")
        .and_then(|v| v.split(';').next())
        .map(|e| e.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let untyped = !p.headers.contains("content-type");
    // Held back until the body ends: one that never ends, or fails, delivers nothing.
    !matches!(body, Body::Ends(_))
        && match holds {
            Held::Nothing => false,
            Held::Untyped => untyped,
            Held::Sniffed => {
                let delivered = body.delivered().trim_start();
                // An XML body is sniffed (for feeds) until its first element shows.
                let element = delivered
                    .strip_prefix('<')
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(|c| c.is_ascii_alphabetic());
                (untyped && !starts_as_html(delivered))
                    || kind == "text/plain"
                    || (matches!(kind.as_str(), "text/xml" | "application/xml") && !element)
            }
        }
}

/// What XMLHttpRequest (`xhr`) or a navigation has received of a body: nothing yet while a
/// column holds the response back.
fn shown<'b>(p: &Parsed, body: &'b Body, b: &Behaviour, xhr: bool) -> &'b str {
    if held(p, body, b, xhr) {
        ""
    } else {
        body.delivered()
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

/// The content scripts can read: `Ok` with the text once the body has ended, `Err(true)` while
/// it never ends, `Err(false)` when it failed.
fn readable(cx: &Context<'_>, p: &Parsed, body: &Body, b: &Behaviour) -> Result<String, bool> {
    match body {
        Body::Open(_) => Err(true),
        Body::Fails(_) => Err(false),
        Body::Ends(_) if body_is_null(cx, p, b) => Ok(String::new()),
        Body::Ends(t) => Ok(t.clone()),
    }
}

fn text_of(text: &Result<String, bool>) -> JsResult {
    match text {
        Ok(t) => JsResult::text(t),
        Err(true) => JsResult::Pending(true),
        Err(false) => JsResult::Error("TypeError".into()),
    }
}

fn json_of(text: &Result<String, bool>) -> JsResult {
    match text {
        Err(true) => JsResult::Pending(true),
        Err(false) => JsResult::Error("TypeError".into()),
        Ok(t) => match serde_json::from_str::<Value>(t) {
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
    redirect: Option<Redirect>,
}

/// The redirect a client follows for this response, if any: a 301, 302, 303, 307 or 308 with
/// a `Location` (Fetch's redirect statuses; any other 3xx, or one without `Location`, is
/// delivered as it is).
pub fn redirect_of(method: &str, p: &Parsed) -> Option<Redirect> {
    if !status::is_redirect(p.status) {
        return None;
    }
    let location = p.headers.get("location")?.trim().to_string();
    // Fetch, "HTTP-redirect fetch", step 12: these become a GET without a body.
    let to_get = (matches!(p.status, 301 | 302) && method == "POST")
        || (p.status == 303 && !matches!(method, "GET" | "HEAD"));
    Some(Redirect {
        location,
        method: if to_get { "GET".into() } else { method.into() },
        keeps_body: !to_get,
    })
}

/// `[...response.headers]`: lowercased names, sorted, repeats joined, no Set-Cookie.
fn script_headers(p: &Parsed, b: &Behaviour) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = Vec::new();
    for (name, value) in &p.headers {
        let name = name.to_ascii_lowercase();
        if name == "set-cookie" || name == "set-cookie2" {
            continue;
        }
        match headers.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v))
                if b.dedups_repeated_content_length
                    && name == "content-length"
                    && v.as_str() == value.as_str() => {}
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
    let failed = |settles: Settles| FetchSide {
        settles,
        ok: false,
        status: 0,
        status_text: String::new(),
        body_null: true,
        text: JsResult::Error("TypeError".into()),
        json: JsResult::Error("TypeError".into()),
        headers: Vec::new(),
        redirect: None,
    };
    if let Some(refusal) = method::refusal(cx.method) {
        return failed(Settles::Rejects(
            b.refused_method.error(true, refusal, cx.method),
        ));
    }
    let (p, body) = match read(cx, b) {
        Read::Fails(_) => return failed(Settles::Rejects(b.network_error.to_string())),
        Read::Waits => {
            let mut side = failed(Settles::Never);
            side.text = JsResult::Pending(true);
            side.json = JsResult::Pending(true);
            return side;
        }
        Read::Head(p, body) => (p, body),
    };
    let text = readable(cx, &p, &body, b);
    FetchSide {
        settles: Settles::Resolves,
        ok: (200..=299).contains(&p.status),
        status: p.status,
        status_text: p.reason.clone(),
        body_null: body_is_null(cx, &p, b),
        text: text_of(&text),
        json: json_of(&text),
        headers: script_headers(&p, b),
        redirect: redirect_of(cx.method, &p),
    }
}

struct XhrSide {
    /// What `open()` throws, for a method the browser refuses; nothing is sent then.
    throws: Option<String>,
    status: u16,
    status_text: String,
    load_event: bool,
    events: Vec<&'static str>,
    ready_state: u8,
    response_text: JsResult,
    response: JsResult,
}

/// XMLHttpRequest's "request error steps": DONE, `error`, `loadend`, after whatever the
/// headers and the delivered bytes had fired.
fn xhr_error(cx: &Context<'_>, b: &Behaviour, headers: bool, delivered: bool) -> XhrSide {
    let mut events = vec!["readystate1", "loadstart"];
    if headers && (delivered || !b.xhr_waits_for_body_before_headers) {
        events.push("readystate2");
    }
    if headers && delivered {
        events.extend(["readystate3", "progress"]);
    }
    events.extend(["readystate4", "error", "loadend"]);
    let text_type = cx.response_type == ResponseType::Text;
    XhrSide {
        throws: None,
        status: 0,
        status_text: String::new(),
        load_event: false,
        events,
        ready_state: 4,
        response_text: if text_type {
            JsResult::text("")
        } else {
            JsResult::Error("InvalidStateError".into())
        },
        response: match cx.response_type {
            ResponseType::Text => JsResult::text(""),
            ResponseType::Arraybuffer if b.xhr_error_arraybuffer_empty => {
                JsResult::Value(serde_json::json!({ "byte_length": 0 }))
            }
            _ => JsResult::Value(Value::Null),
        },
    }
}

fn xhr(cx: &Context<'_>, b: &Behaviour) -> XhrSide {
    if let Some(refusal) = method::refusal(cx.method) {
        // open() throws, so the request stays UNSENT: no event fires and nothing is sent.
        return XhrSide {
            throws: Some(b.refused_method.error(false, refusal, cx.method)),
            status: 0,
            status_text: String::new(),
            load_event: false,
            events: Vec::new(),
            ready_state: 0,
            response_text: JsResult::text(""),
            response: match cx.response_type {
                ResponseType::Text => JsResult::text(""),
                _ => JsResult::Value(Value::Null),
            },
        };
    }
    let waiting = |status: u16, reason: &str, events: Vec<&'static str>, state: u8| XhrSide {
        throws: None,
        status,
        status_text: reason.to_string(),
        load_event: false,
        events,
        ready_state: state,
        response_text: JsResult::Pending(true),
        response: JsResult::Pending(true),
    };
    let (p, body) = match read(cx, b) {
        Read::Fails(_) => return xhr_error(cx, b, false, false),
        Read::Waits => return waiting(0, "", vec!["readystate1", "loadstart"], 1),
        Read::Head(p, body) => (p, body),
    };
    let delivered = !shown(&p, &body, b, true).is_empty();
    let t = match (&body, readable(cx, &p, &body, b)) {
        (Body::Fails(_), _) | (_, Err(false)) => return xhr_error(cx, b, true, delivered),
        (Body::Open(_), _) | (_, Err(true)) => {
            // The body never ends: the request waits, with whatever state the headers gave it.
            if b.xhr_waits_for_body_before_headers && !delivered {
                return waiting(0, "", vec!["readystate1", "loadstart"], 1);
            }
            let mut events = vec!["readystate1", "loadstart", "readystate2"];
            if delivered {
                events.extend(["readystate3", "progress"]);
            }
            return waiting(p.status, &p.reason, events, if delivered { 3 } else { 2 });
        }
        (Body::Ends(_), Ok(t)) => t,
    };
    let response_text = match cx.response_type {
        ResponseType::Text => JsResult::text(&t),
        _ => JsResult::Error("InvalidStateError".into()),
    };
    let mut events = vec!["readystate1", "loadstart", "readystate2"];
    if !t.is_empty() {
        events.extend(["readystate3", "progress"]);
    } else if b.xhr_progress_on_empty_body {
        events.push("progress");
    }
    events.extend(["readystate4", "load", "loadend"]);
    XhrSide {
        throws: None,
        status: p.status,
        status_text: p.reason.clone(),
        load_event: true,
        events,
        ready_state: 4,
        response_text,
        response: xhr_response(cx.response_type, &p, &t, b, body_is_null(cx, &p, b)),
    }
}

/// An XML MIME type, as XMLHttpRequest's document response reads one.
fn xml_type(essence: &str) -> bool {
    matches!(essence, "text/xml" | "application/xml") || essence.ends_with("+xml")
}

/// XMLHttpRequest's final MIME type: the response's Content-Type, else `text/xml`; as its
/// essence (lowercased) and its parameters (names lowercased), each trimmed.
fn final_mime(p: &Parsed) -> (String, Vec<(String, String)>) {
    let value = p.headers.get("content-type").unwrap_or("text/xml");
    let mut parts = value.split(';');
    let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let params = parts
        .filter_map(|param| {
            let (name, value) = param.split_once('=')?;
            Some((name.trim().to_ascii_lowercase(), value.trim().to_string()))
        })
        .collect();
    (essence, params)
}

/// `xhr.response` for a body that has arrived; `null_body` where this column gives the
/// response a null body (a response to HEAD in Firefox, and in the spec also a 204, 205 or
/// 304).
fn xhr_response(
    response_type: ResponseType,
    p: &Parsed,
    t: &str,
    b: &Behaviour,
    null_body: bool,
) -> JsResult {
    let (essence, params) = final_mime(p);
    match response_type {
        ResponseType::Text => JsResult::text(t),
        // XHR's JSON response is null when the body is empty or does not parse.
        ResponseType::Json => {
            JsResult::Value(serde_json::from_str::<Value>(t).unwrap_or(Value::Null))
        }
        ResponseType::Arraybuffer => JsResult::Value(serde_json::json!({ "byte_length": t.len() })),
        ResponseType::Blob => {
            let kind = match b.blob_type {
                BlobType::Essence => essence,
                BlobType::Serialized => params
                    .iter()
                    .fold(essence, |out, (n, v)| format!("{out};{n}={v}")),
            };
            JsResult::Value(serde_json::json!({ "size": t.len(), "type": kind }))
        }
        ResponseType::Document => {
            // XMLHttpRequest, "document response": a null body gives null; HTML is otherwise
            // always a document; XML is one only when it parses (a well-formedness error gives
            // null); any other type gives null. Measured in Firefox: HEAD answered by a
            // `text/html` 200 declaring `Content-Length: 5` gave null.
            let html = essence == "text/html"
                && !(b.xhr_document_null_on_zero_length && declares_zero_length(p));
            let xml = xml_type(&essence) && roxmltree::Document::parse(t).is_ok();
            let document = !null_body && (html || xml);
            JsResult::Value(if document {
                Value::String("Document".into())
            } else {
                Value::Null
            })
        }
    }
}

#[derive(Clone, Copy)]
struct NavigationSide {
    /// The document is replaced (and with it a history entry, a URL change and the iframe's
    /// load event); `None` where this column cannot be observed for it.
    replaced: Option<bool>,
    form_reset: Option<bool>,
    /// An iframe's `load` event.
    load_event: Option<bool>,
}

/// Does this response forbid being shown in a frame of the same origin? HTML's
/// X-Frame-Options processing: the values, split on commas, trimmed and lower-cased; `deny`
/// forbids every frame, and so does a set that mixes two different values.
pub fn denies_framing(headers: &Fields) -> bool {
    let values: std::collections::BTreeSet<String> = headers
        .items("x-frame-options")
        .map(str::to_ascii_lowercase)
        .filter(|v| !v.is_empty())
        .collect();
    values.contains("deny")
        || (values.len() > 1
            && ["allowall", "sameorigin"]
                .iter()
                .any(|v| values.contains(*v)))
}

/// A top-level navigation and an iframe's, as this column makes them, from one read of the
/// response: they differ only where a response forbids framing.
fn navigations(cx: &Context<'_>, b: &Behaviour) -> (NavigationSide, NavigationSide) {
    let (status, started, body, redirected, undecodable, denies) = match read(cx, b) {
        // A network error shows an error page in place of the document.
        Read::Fails(_) => {
            let side = NavigationSide {
                replaced: Some(true),
                form_reset: Some(false),
                load_event: Some(true),
            };
            return (side, side);
        }
        Read::Waits => {
            let side = NavigationSide {
                replaced: Some(false),
                form_reset: Some(false),
                load_event: Some(false),
            };
            return (side, side);
        }
        Read::Head(p, body) => {
            // Has the body started, as this column's navigations count it?
            let started = if b.navigation_commits_on_raw_bytes {
                p.body_bytes > 0 && !held(&p, &body, b, false)
            } else {
                !shown(&p, &body, b, false).is_empty()
            };
            let redirected = redirect_of(cx.method, &p).is_some();
            let undecodable = decoding_fails(&p, b);
            let denies = denies_framing(&p.headers);
            (p.status, started, body, redirected, undecodable, denies)
        }
    };
    let side = |in_frame: bool| {
        // HTML aborts a navigation whose response is 204 or 205: the page stays, unless this
        // column blocks a frame that may not be shown first.
        let kept = (matches!(status, 204 | 205) || (status == 304 && b.keeps_document_on_304))
            && !(in_frame && denies && b.denied_frame_shown_for_no_content);
        // An engine that commits a navigation only once body bytes arrive (or the body ends)
        // never replaces the page while a body has not started.
        // A redirect is followed as soon as its head arrives.
        let uncommitted = b.navigation_waits_for_body
            && matches!(&body, Body::Open(_))
            && !started
            && !redirected;
        let replaced = !kept && !uncommitted;
        if replaced && matches!(&body, Body::Open(_)) && b.loading_navigation_unobservable {
            return NavigationSide {
                replaced: None,
                form_reset: None,
                load_event: None,
            };
        }
        // An iframe's load event fires once its document has finished loading: never while
        // the body is still open.
        let error_page = matches!(body, Body::Fails(_));
        let loaded = redirected || !matches!(body, Body::Open(_));
        NavigationSide {
            replaced: Some(replaced),
            form_reset: Some(status == 205 && b.resets_form_on_205),
            load_event: Some(
                replaced
                    && loaded
                    && !(error_page && b.no_iframe_load_on_error_page)
                    && !(undecodable && b.no_iframe_load_after_undecodable),
            ),
        }
    };
    (side(false), side(true))
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
    settles: Settles,
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
    let refused = method::refusal(cx.method);
    let (result, cache_seconds, settles) = match read(cx, b) {
        // fetch() refuses the method before any preflight is sent.
        _ if refused.is_some() => (
            Err(PreflightFailure::Unusable(
                "fetch() refuses the method before anything is sent",
            )),
            0,
            Settles::Rejects(
                refused.map_or_else(String::new, |r| b.refused_method.error(true, r, cx.method)),
            ),
        ),
        Read::Head(_, Body::Open(_)) if b.preflight_waits_for_body => (
            Err(PreflightFailure::Unusable(
                "the preflight's body never ends, and the preflight is judged once it has",
            )),
            0,
            Settles::Never,
        ),
        Read::Head(p, _) => {
            let age = p
                .headers
                .get("access-control-max-age")
                .and_then(|v| v.trim().parse::<u64>().ok());
            // Fetch: without Access-Control-Max-Age a preflight may be reused for 5 seconds.
            let result = check_preflight(cx.method, cx.request_headers, &p);
            let settles = match &result {
                Ok(()) => Settles::Resolves,
                Err(_) => Settles::Rejects(b.network_error.to_string()),
            };
            (result, age.unwrap_or(5), settles)
        }
        Read::Fails(why) => (
            Err(PreflightFailure::Unusable(why)),
            0,
            Settles::Rejects(b.network_error.to_string()),
        ),
        Read::Waits => (
            Err(PreflightFailure::Unusable(
                "no final response to the preflight ever arrives",
            )),
            0,
            Settles::Never,
        ),
    };
    // Without a preflight there is nothing to fail: the request goes out as it is.
    let (result, settles) = if needed || refused.is_some() {
        (result, settles)
    } else {
        (Ok(()), Settles::Resolves)
    };
    let failure = result.err();
    PreflightSide {
        rejects: match &settles {
            Settles::Rejects(why) => Some(why.clone()),
            _ => None,
        },
        settles,
        needed,
        request_method: cx.method.to_string(),
        request_headers,
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
    /// `None` where this column's storing of the status was not measured.
    stored: Option<bool>,
    heuristic: bool,
    freshness_seconds: Option<u64>,
    /// `None` where this column was not measured for it.
    invalidates: Option<bool>,
}

fn cache(cx: &Context<'_>, b: &Behaviour) -> CacheSide {
    let (p, body) = match read(cx, b) {
        Read::Head(p, body) => (p, body),
        _ => {
            return CacheSide {
                storable: false,
                stored: Some(false),
                heuristic: false,
                freshness_seconds: None,
                invalidates: Some(false),
            }
        }
    };
    let invalidating_method = match b.invalidated_by {
        Invalidating::Unsafe => !method::is_safe(cx.method),
        Invalidating::Named => matches!(cx.method, "POST" | "PUT" | "DELETE" | "PATCH"),
        Invalidating::NotGetOrHead => !matches!(cx.method, "GET" | "HEAD"),
    };
    let invalidates = invalidating_method
        && (b.invalidates_on_error || (200..=399).contains(&p.status))
        && !b.not_invalidated_by.contains(&p.status)
        && !(b.invalidation_skips_redirects && redirect_of(cx.method, &p).is_some());
    let invalidates = if invalidating_method
        && b.invalidation_unmeasured_while_body_open
        && matches!(body, Body::Open(_))
    {
        None
    } else {
        Some(invalidates)
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
    let cacheable_method = cx.method == "GET" || (cx.method == "HEAD" && b.caches_head);
    // A 304 to a request the page made conditional itself is passed through, not stored.
    let conditional = cx.request_headers.contains("if-none-match")
        || cx.request_headers.contains("if-modified-since");
    let final_status =
        p.status >= 200 && (p.status != 304 || (b.stores_304 && !conditional)) && p.status != 206;
    let storable = cacheable_method
        && final_status
        && !has("no-store")
        && (has_explicit || has("public") || status::heuristically_cacheable(p.status));
    let heuristic = storable
        && !has_explicit
        && match b.heuristic_statuses {
            Some(list) => list.contains(&p.status),
            None => status::heuristically_cacheable(p.status),
        }
        && (p.status != 204 || b.heuristic_freshness_for_204)
        && last_modified.is_some()
        && !has("no-cache");
    let heuristic_seconds = match (date, last_modified) {
        (Some(d), Some(lm)) => d.duration_since(lm).ok().map(|age| age.as_secs() / 10),
        _ => None,
    };
    let by_default = b.fresh_by_default.contains(&p.status)
        && !has_explicit
        && !has("no-store")
        && !has("no-cache")
        && cacheable_method;
    let storable = storable || by_default;
    let explicit_fresh =
        (storable && explicit.is_some_and(|s| s > 0) && !has("no-cache")) || by_default;
    let freshness_seconds = if has_explicit {
        explicit
    } else if heuristic {
        heuristic_seconds
    } else {
        None
    };
    // Only a body that ended is stored, and, in a column that checks it, only one whose
    // length is the Content-Length's (a 204 declaring 9 bytes is a truncated entry).
    let declared = p
        .headers
        .get("content-length")
        .map(str::trim)
        .filter(|v| !v.is_empty() && v.bytes().all(|c| c.is_ascii_digit()) && !chunked(&p))
        .and_then(|v| v.parse::<usize>().ok());
    let truncated = b.cache_checks_length && declared.is_some_and(|n| n != body.delivered().len());
    // A redirect that is followed may be stored from its head alone.
    let followed = b.stores_redirect_on_head && redirect_of(cx.method, &p).is_some();
    let complete = (matches!(body, Body::Ends(_)) || followed) && !truncated;
    let stored = complete && (explicit_fresh || heuristic);
    let stored = match b.cache_statuses {
        None => Some(stored),
        Some(list) if list.stored.contains(&p.status) => Some(stored),
        Some(list) if list.not_stored.contains(&p.status) => Some(false),
        // Only a response that would be stored at all says anything about its status.
        Some(_) if !stored => Some(false),
        Some(_) => None,
    };
    CacheSide {
        storable,
        stored,
        heuristic,
        freshness_seconds,
        invalidates,
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
    next_clean: bool,
    next: String,
}

const CLOSES: &str = "the connection closes after this response; the next request opens a new one";
const CLEAN: &str = "the connection stays open and the next response is read cleanly";

fn connection(cx: &Context<'_>, b: &Behaviour) -> ConnectionSide {
    let p = match read(cx, b) {
        Read::Head(p, _) => p,
        Read::Fails(_) => {
            return ConnectionSide {
                reusable: false,
                leftover: 0,
                next_clean: true,
                next: "the client drops the connection; the next request opens a new one".into(),
            }
        }
        Read::Waits => {
            return ConnectionSide {
                reusable: false,
                leftover: 0,
                next_clean: true,
                next: "the request never ends, so its connection is never free again; the next request opens a new one".into(),
            }
        }
    };
    let request_closes = cx.request_headers.lists("connection", "close");
    let bodiless = ends_at_headers(&p, b);
    // Whether the body could be decoded does not matter here: the bytes were read to the end
    // of their framing either way.
    let framing_allows = bodiless
        || (p.complete
            && !p.waits_for_close
            && (matches!(
                p.rule,
                LengthRule::NoBody | LengthRule::ContentLength | LengthRule::Chunked
            ) || (p.rule == LengthRule::ChunkedOverridesLength
                && !b.closes_after_chunked_with_length)));
    // A column that ends a 205 at its headers leaves every byte after them on the
    // connection, whatever its framing said.
    let mut leftover = p.leftover;
    let mut leftover_text = p.leftover_text.clone();
    if bodiless {
        let start = p.header_bytes.min(cx.wire.len());
        leftover_text = cx.wire.get(start..).unwrap_or_default().to_string();
        leftover = leftover_text.len();
    }
    if b.reads_length_of_no_content && matches!(p.status, 204 | 205) {
        let declared = p
            .headers
            .get("content-length")
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(0);
        leftover = leftover.saturating_sub(declared);
        leftover_text = leftover_text
            .get(declared.min(leftover_text.len())..)
            .unwrap_or_default()
            .to_string();
    }
    let unsized_no_content = matches!(p.status, 204 | 304) && !p.headers.contains("content-length");
    let mut open = framing_allows && !cx.closes && !request_closes;
    if b.closes_after_unsized_no_content && unsized_no_content {
        open = false;
    }
    if b.leftover == Leftover::CloseConnection && leftover > 0 {
        open = false;
    }
    // The next response is misread when leftovers are read as its start; a client that skips
    // to the next status line misreads it only when a whole response hides among them.
    let misread = open
        && leftover > 0
        && match b.leftover {
            Leftover::SkipToStatusLine => leftover_text.contains("HTTP/"),
            _ => true,
        };
    let next = if !open {
        if leftover > 0 && b.leftover == Leftover::CloseConnection && framing_allows {
            "the client closes this connection as soon as it sees the extra bytes and sends the next request on a new connection, which is read cleanly".to_string()
        } else {
            CLOSES.to_string()
        }
    } else if misread {
        format!(
            "the next response on this connection would start with the {leftover} leftover bytes, so its status line would read \"{}HTTP/1.1 …\": not a valid response",
            preview(&leftover_text)
        )
    } else if leftover > 0 {
        "the client skips the stray bytes up to the next status line, so the next response is read cleanly".to_string()
    } else {
        CLEAN.to_string()
    };
    ConnectionSide {
        reusable: open,
        leftover,
        next_clean: !misread,
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
        outcomes(&scenario)
    }

    fn columns<T: Clone>(claim: &Claim<T>) -> [Option<T>; 4] {
        Column::ALL.map(|c| claim.at(c).cloned())
    }

    fn outcomes(s: &crate::Scenario) -> Outcomes {
        simulate(s).unwrap_or_else(|e| panic!("{e:?}")).outcomes
    }

    /// An XHR whose open() throws stays UNSENT: its response is the empty string for the
    /// text type and null for the others (XMLHttpRequest standard, "response").
    #[test]
    fn a_refused_xhr_has_the_empty_response_of_its_type() {
        use crate::scenario::{ClientKind, ResponseType};
        let mut s = crate::Scenario::default();
        s.request.method = "CONNECT".into();
        s.client.kind = ClientKind::Xhr;
        for (response_type, empty) in [
            (ResponseType::Text, JsResult::text("")),
            (ResponseType::Json, JsResult::Value(Value::Null)),
        ] {
            s.client.response_type = response_type;
            let xhr = outcomes(&s).xhr;
            assert!(
                columns(&xhr.throws)
                    .iter()
                    .all(|t| matches!(t, Some(Some(_)))),
                "{:?}",
                xhr.throws
            );
            assert_eq!(
                columns(&xhr.response),
                [
                    Some(empty.clone()),
                    Some(empty.clone()),
                    Some(empty.clone()),
                    Some(empty)
                ],
                "{response_type:?}"
            );
        }
    }

    /// Chromium commits a navigation once body bytes arrive: an iframe pointed at a 200
    /// whose declared body has not begun keeps its old document, one whose body has begun
    /// shows the new one.
    #[test]
    fn chromium_commits_a_waiting_navigation_on_its_first_body_byte() {
        use crate::scenario::{ClientKind, Framing};
        let mut s = crate::Scenario::default();
        s.client.kind = ClientKind::Iframe;
        s.answer.status = 200;
        s.answer.framing = Framing::None;
        s.answer.headers = vec![
            ("Content-Type".into(), "text/html".into()),
            ("Content-Length".into(), "10".into()),
        ];
        let chromium = |s: &crate::Scenario| {
            outcomes(s)
                .navigation
                .iframe_document_replaced
                .at(Column::Engine(crate::engines::Engine::Chromium))
                .cloned()
        };
        assert_eq!(chromium(&s), Some(false), "no body byte yet");
        s.answer.body = "hello".into();
        assert_eq!(chromium(&s), Some(true), "five of ten bytes");
    }

    /// A preflight lists the methods it allows; `*` allows any, another method does not.
    #[test]
    fn a_preflight_allows_only_the_methods_it_lists() {
        let fields = crate::wire::Fields::new();
        let check = |allow: &str| {
            let wire = format!("HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Allow-Methods: {allow}\r\n\r\n");
            let p = crate::wire::parse_response("OPTIONS", wire.as_bytes(), false)
                .unwrap_or_else(|e| panic!("{e:?}"));
            check_preflight("PUT", &fields, &p)
        };
        assert_eq!(check("*"), Ok(()));
        assert_eq!(check("GET, put"), Ok(()));
        assert_eq!(
            check("GET, POST"),
            Err(PreflightFailure::MethodNotAllowed("PUT".into()))
        );
    }

    /// What the next response on a kept connection meets: nothing, or the leftover bytes
    /// quoted (the first 24 characters, escaped) as the start of its status line.
    #[test]
    fn the_next_response_says_what_it_meets() {
        let mut s = crate::Scenario::default();
        let spec = |s: &crate::Scenario| {
            outcomes(s)
                .connection
                .next_response
                .at(Column::Spec)
                .cloned()
                .unwrap_or_default()
        };
        assert_eq!(spec(&s), CLEAN);
        s.answer.framing = crate::scenario::Framing::None;
        // The default answer is a 204, so every byte after its head is left over.
        s.answer.headers = vec![("Content-Length".into(), "32".into())];
        s.answer.body = "line one\nline two, and much more".into();
        let said = spec(&s);
        assert!(
            said.contains("32 leftover bytes")
                && said.contains("\"line one\\nline two, and m…HTTP/1.1 …\""),
            "{said}"
        );
    }

    /// Firefox reads a 204's declared length, then skips what follows up to the next status
    /// line, so three stray bytes beyond a declared two leave the next response clean.
    #[test]
    fn firefox_skips_stray_bytes_after_a_204s_declared_length() {
        let mut s = crate::Scenario::default();
        s.answer.framing = crate::scenario::Framing::None;
        s.answer.headers = vec![("Content-Length".into(), "2".into())];
        s.answer.body = "hello".into();
        let c = outcomes(&s).connection;
        let firefox = Column::Engine(crate::engines::Engine::Firefox);
        assert_eq!(c.next_response.at(firefox).map(String::as_str), Some("the client skips the stray bytes up to the next status line, so the next response is read cleanly"));
        assert_eq!(c.reusable.at(firefox), Some(&true));
    }

    /// Beside chunked framing a Content-Length does not count, so Chromium, which refuses to
    /// store a body shorter than its Content-Length, stores this chunked one.
    #[test]
    fn chromium_ignores_a_content_length_beside_chunked_when_caching() {
        use crate::scenario::{ClientKind, Framing};
        let mut s = crate::Scenario::default();
        s.request.method = "GET".into();
        s.client.kind = ClientKind::Fetch;
        s.answer.status = 200;
        s.answer.framing = Framing::Chunked;
        s.answer.headers = vec![
            ("Cache-Control".into(), "max-age=60".into()),
            ("Content-Length".into(), "99".into()),
        ];
        s.answer.body = "hello".into();
        let chromium = Column::Engine(crate::engines::Engine::Chromium);
        assert_eq!(outcomes(&s).cache.stored.at(chromium), Some(&true));
        // Without chunking the same length marks a truncated entry.
        s.answer.framing = Framing::None;
        assert_eq!(outcomes(&s).cache.stored.at(chromium), Some(&false));
    }

    /// After an interim 103 followed by bytes that hold no status line, Firefox, which skips
    /// stray bytes up to one, waits while the connection is open and fails once the server
    /// closes.
    #[test]
    fn firefox_fails_when_the_server_closes_after_only_an_interim_response() {
        use crate::outcome::Settles;
        let mut s = crate::Scenario::default();
        s.answer.status = 103;
        s.answer.framing = crate::scenario::Framing::None;
        s.answer.body = "stray bytes with no status line".into();
        let firefox = Column::Engine(crate::engines::Engine::Firefox);
        assert_eq!(
            outcomes(&s).fetch.settles.at(firefox),
            Some(&Settles::Never)
        );
        s.answer.headers = vec![("Connection".into(), "close".into())];
        assert!(
            matches!(
                outcomes(&s).fetch.settles.at(firefox),
                Some(Settles::Rejects(_))
            ),
            "{:?}",
            outcomes(&s).fetch.settles
        );
    }

    /// Fetch's redirect rules: a 303 turns any method but GET and HEAD into a GET without
    /// its body, a 301 or 302 only a POST, and a 307 nothing.
    #[test]
    fn redirects_change_the_method_as_fetch_says() {
        let redirect = |status: u16, method: &str| {
            let wire =
                format!("HTTP/1.1 {status} X\r\nLocation: /next\r\nContent-Length: 0\r\n\r\n");
            let p = crate::wire::parse_response(method, wire.as_bytes(), false)
                .unwrap_or_else(|e| panic!("{e:?}"));
            redirect_of(method, &p).map(|r| (r.method, r.keeps_body))
        };
        assert_eq!(redirect(303, "PUT"), Some(("GET".into(), false)));
        assert_eq!(redirect(303, "HEAD"), Some(("HEAD".into(), true)));
        assert_eq!(redirect(302, "POST"), Some(("GET".into(), false)));
        assert_eq!(redirect(302, "DELETE"), Some(("DELETE".into(), true)));
        assert_eq!(redirect(307, "POST"), Some(("POST".into(), true)));
    }

    /// responseText is readable for the text type only.
    #[test]
    fn response_text_is_readable_for_the_text_type_only() {
        use crate::scenario::{ClientKind, ResponseType};
        let mut s = crate::Scenario::default();
        s.client.kind = ClientKind::Xhr;
        s.answer.status = 200;
        s.answer.body = "hi".into();
        s.client.response_type = ResponseType::Text;
        assert_eq!(outcomes(&s).xhr.response_text.spec(), &JsResult::text("hi"));
        s.client.response_type = ResponseType::Json;
        assert_eq!(
            outcomes(&s).xhr.response_text.spec(),
            &JsResult::Error("InvalidStateError".into())
        );
    }

    /// A preflight asks about every request header that is not CORS-safelisted.
    #[test]
    fn a_preflight_asks_only_about_headers_that_are_not_safelisted() {
        let headers = crate::wire::Fields::from(vec![
            ("Accept".to_string(), "application/json".to_string()),
            ("Content-Language".to_string(), "en".to_string()),
            ("Content-Type".to_string(), "text/plain".to_string()),
            ("X-Token".to_string(), "1".to_string()),
        ]);
        assert_eq!(unsafe_request_headers(&headers), ["x-token"]);
    }

    /// Leftovers are quoted up to 24 characters; only more gets an ellipsis.
    #[test]
    fn a_preview_marks_only_a_cut() {
        assert_eq!(preview(&"a".repeat(24)), "a".repeat(24));
        assert_eq!(preview(&"a".repeat(25)), format!("{}…", "a".repeat(24)));
    }

    /// Script never sees `Set-Cookie` or `Set-Cookie2` (Fetch standard, "forbidden response
    /// header name"); other repeats are joined with ", " under the lowercased name.
    #[test]
    fn script_headers_hide_both_cookie_fields_and_join_repeats() {
        let mut s = crate::Scenario::default();
        s.answer.headers = vec![
            ("Set-Cookie".into(), "a=1".into()),
            ("X-Seen".into(), "1".into()),
            ("Set-Cookie2".into(), "b=2".into()),
            ("x-seen".into(), "2".into()),
        ];
        let headers = outcomes(&s).fetch.headers;
        for (column, got) in Column::ALL.iter().zip(columns(&headers)) {
            let got = got.unwrap_or_default();
            assert!(
                got.iter().all(|(n, _)| !n.starts_with("set-cookie")),
                "{column:?}: {got:?}"
            );
            assert!(
                got.contains(&("x-seen".to_string(), "1, 2".to_string())),
                "{column:?}: {got:?}"
            );
        }
    }

    /// Measured in Firefox: a failed XHR with responseType arraybuffer (here an undecodable
    /// gzip body) gives an empty ArrayBuffer, where Chromium gives null.
    #[test]
    fn a_failed_arraybuffer_xhr_is_empty_in_firefox() {
        use crate::scenario::{ClientKind, ResponseType};
        let mut s = crate::Scenario::default();
        s.client.kind = ClientKind::Xhr;
        s.client.response_type = ResponseType::Arraybuffer;
        s.answer.status = 200;
        s.answer.headers = vec![("Content-Encoding".into(), "gzip".into())];
        s.answer.body = "not gzip".into();
        let xhr = outcomes(&s).xhr;
        let empty = JsResult::Value(serde_json::json!({ "byte_length": 0 }));
        // Columns: the spec, Chromium, Firefox, WebKitGTK (which delivers the bytes as sent).
        assert_eq!(columns(&xhr.status), [Some(0), Some(0), Some(0), Some(200)]);
        let [spec, chromium, firefox, _] = columns(&xhr.response);
        assert_eq!(
            (spec, chromium, firefox),
            (
                Some(JsResult::Value(Value::Null)),
                Some(JsResult::Value(Value::Null)),
                Some(empty)
            )
        );
    }

    /// Measured in WebKitGTK: a 500 preflight whose body is shorter than its Content-Length
    /// leaves the cross-origin fetch pending, because WebKitGTK judges a preflight only once
    /// its body has ended.
    #[test]
    fn a_preflight_with_an_unfinished_body_waits_in_webkit() {
        use crate::scenario::{ClientKind, Framing};
        let mut s = crate::Scenario::default();
        s.client.kind = ClientKind::Preflight;
        s.answer.status = 500;
        s.answer.framing = Framing::None;
        s.answer.headers = vec![("Content-Length".into(), "10".into())];
        s.answer.body = "short".into();
        let p = outcomes(&s).preflight;
        let [spec, chromium, firefox, webkit] = columns(&p.settles);
        assert!(
            [spec, chromium, firefox]
                .iter()
                .all(|c| matches!(c, Some(Settles::Rejects(_)))),
            "{:?}",
            columns(&p.settles)
        );
        assert_eq!(webkit, Some(Settles::Never));
    }

    /// A clean response on a connection the server closes leaves nothing behind: no column
    /// says the client closed it over extra bytes.
    #[test]
    fn a_closed_connection_without_leftovers_blames_no_extra_bytes() {
        let mut s = crate::Scenario::default();
        s.answer.headers = vec![("Connection".into(), "close".into())];
        let c = outcomes(&s).connection;
        assert_eq!(columns(&c.leftover_bytes), [Some(0); 4]);
        for next in columns(&c.next_response).into_iter().flatten() {
            assert!(!next.contains("extra bytes"), "{next}");
        }
    }

    /// Measured in Chromium: an iframe's document is replaced once body bytes arrive, even
    /// bytes that are no chunk at all; Firefox and WebKitGTK keep the old document while the
    /// chunked body has not begun.
    #[test]
    fn raw_bytes_commit_an_iframe_in_chromium_only() {
        use crate::scenario::{ClientKind, Framing};
        let mut s = crate::Scenario::default();
        s.client.kind = ClientKind::Iframe;
        s.request.method = "GET".into();
        s.answer.status = 500;
        s.answer.framing = Framing::None;
        s.answer.headers = vec![
            ("Content-Type".into(), "application/json".into()),
            ("Transfer-Encoding".into(), "chunked".into()),
        ];
        s.answer.body = "not json".into();
        let nav = outcomes(&s).navigation;
        let [_, chromium, firefox, webkit] = columns(&nav.document_replaced);
        assert_eq!(
            (chromium, firefox, webkit),
            (Some(true), Some(false), Some(false))
        );
    }

    /// Firefox stores only some statuses, each measured; a status outside both lists is
    /// "not measured" when it would be stored, but certainly not stored when nothing makes
    /// it fresh.
    #[test]
    fn firefox_says_not_stored_for_an_unlisted_status_that_nothing_makes_fresh() {
        let mut s = crate::Scenario::default();
        s.request.method = "GET".into();
        s.answer.status = 201;
        s.answer.headers = vec![("Cache-Control".into(), "no-store".into())];
        let firefox = |s: &crate::Scenario| columns(&outcomes(s).cache.stored)[2];
        assert_eq!(firefox(&s), Some(false));
        s.answer.headers = vec![("Cache-Control".into(), "max-age=3600".into())];
        assert_eq!(firefox(&s), None, "201 was never measured in Firefox");
    }

    fn stored(status: u16, request: &[(&str, &str)], answer: &[(&str, &str)]) -> [Option<bool>; 4] {
        let mut s = crate::Scenario::default();
        s.request.method = "GET".into();
        s.request.headers = request
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        s.answer.status = status;
        s.answer.headers = answer
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        columns(&outcomes(&s).cache.stored)
    }

    /// max-age=0 gives no freshness, and a 304 to a request the page made conditional,
    /// with either validator, is passed through rather than stored (Chromium stores other
    /// 304s).
    #[test]
    fn freshness_and_conditional_304s_decide_what_is_stored() {
        assert_eq!(
            stored(200, &[], &[("Cache-Control", "max-age=60")])[0],
            Some(true)
        );
        assert_eq!(
            stored(200, &[], &[("Cache-Control", "max-age=0")])[0],
            Some(false)
        );
        let fresh = [("Cache-Control", "max-age=600")];
        assert_eq!(stored(304, &[], &fresh)[1], Some(true));
        assert_eq!(
            stored(
                304,
                &[("If-Modified-Since", "Tue, 01 Dec 2026 10:00:00 GMT")],
                &fresh
            )[1],
            Some(false)
        );
        assert_eq!(
            stored(304, &[("If-None-Match", "\"v1\"")], &fresh)[1],
            Some(false)
        );
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
        // Chromium and WebKitGTK say why the next request is clean: a new connection.
        let next = columns(&c.next_response);
        for engine in [&next[1], &next[3]] {
            assert!(
                engine
                    .as_deref()
                    .is_some_and(|t| t.contains("as soon as it sees the extra bytes")),
                "{next:?}"
            );
        }
        assert!(
            next[0]
                .as_deref()
                .is_some_and(|t| !t.contains("as soon as it sees")),
            "{next:?}"
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
    fn a_beacon_is_a_post_with_text_plain_only_when_it_has_data() {
        let beacon = outcomes_of("delete-204").beacon;
        assert_eq!(beacon.method.agreed().map(String::as_str), Some("POST"));
        // The catalog's DELETE has no body: sendBeacon(url) sends no data and no type.
        assert_eq!(beacon.content_type.agreed(), Some(&None));
        let json = serde_json::to_value(&beacon.method).unwrap_or_default();
        assert_eq!(json, serde_json::json!("POST"));
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

    /// Simulates a scenario given as JSON (the difflab's shapes).
    fn outcomes_json(json: &str) -> Outcomes {
        let scenario = crate::Scenario::from_json(json).unwrap_or_else(|e| panic!("{e}"));
        simulate(&scenario)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .outcomes
    }

    /// An answer to `method` with these headers, body and framing, read by fetch.
    fn answer(method: &str, status: u16, headers: &str, body: &str, framing: &str) -> Outcomes {
        outcomes_json(&format!(
            r#"{{"request":{{"method":"{method}","target":"/s/x"}},"client":{{"kind":"fetch"}},
                "answer":{{"status":{status},"headers":{headers},"body":{body:?},"framing":"{framing}"}}}}"#
        ))
    }

    fn resolves() -> Settles {
        Settles::Resolves
    }

    fn rejects(column: Column) -> Settles {
        Settles::Rejects(column.behaviour().network_error.to_string())
    }

    /// Measured by the difflab in all three engines: an interim 1xx is skipped and the
    /// client waits for a final response, forever while the server keeps the connection
    /// open; a final response after it is read as the answer; a close ends in a network
    /// error. A status from 600 to 999 is delivered as it came.
    #[test]
    fn interim_responses_are_skipped_and_big_statuses_delivered() {
        /// A name, the status, headers, body and framing, and how fetch settles per column.
        type Case<'a> = (
            &'a str,
            u16,
            &'a str,
            &'a str,
            &'a str,
            [Option<Settles>; 4],
        );
        let cases: [Case; 4] = [
            (
                "waits",
                103,
                "[]",
                "",
                "auto",
                Column::ALL.map(|_| Some(Settles::Never)),
            ),
            (
                "closes",
                100,
                "[]",
                "",
                "close",
                Column::ALL.map(|c| Some(rejects(c))),
            ),
            (
                "then a final 200",
                100,
                "[]",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                "none",
                [
                    Some(resolves()),
                    Some(resolves()),
                    Some(resolves()),
                    Some(resolves()),
                ],
            ),
            (
                "799",
                799,
                "[]",
                "x",
                "auto",
                [
                    Some(resolves()),
                    Some(resolves()),
                    Some(resolves()),
                    Some(resolves()),
                ],
            ),
        ];
        for (name, status, headers, body, framing, expected) in cases {
            let o = answer("GET", status, headers, body, framing);
            assert_eq!(columns(&o.fetch.settles), expected, "{name}");
        }
        let final_200 = answer(
            "GET",
            100,
            "[]",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
            "none",
        );
        assert_eq!(final_200.fetch.status.agreed(), Some(&200));
        assert_eq!(final_200.fetch.text.agreed(), Some(&JsResult::text("ok")));
    }

    /// Measured: once the head has arrived fetch() resolves, and a body cut short by a close
    /// makes text() reject (XHR ends in error), one still awaited never settles, and an
    /// undecodable gzip body fails in Chromium and Firefox but reaches the page undecoded in
    /// WebKitGTK.
    #[test]
    fn bodies_that_fail_or_never_end_after_the_headers() {
        let type_error = || JsResult::Error("TypeError".into());
        for (name, headers, body, framing, text) in [
            (
                "cut short by a close",
                r#"[["Content-Length","9"],["Connection","close"]]"#,
                "hello",
                "none",
                [type_error(), type_error(), type_error(), type_error()],
            ),
            (
                "still awaited",
                r#"[["Content-Length","9"]]"#,
                "hello",
                "none",
                [
                    JsResult::Pending(true),
                    JsResult::Pending(true),
                    JsResult::Pending(true),
                    JsResult::Pending(true),
                ],
            ),
            (
                "undecodable",
                r#"[["Content-Encoding","gzip"]]"#,
                "hello",
                "auto",
                [
                    type_error(),
                    type_error(),
                    type_error(),
                    JsResult::text("hello"),
                ],
            ),
            (
                "empty gzip",
                r#"[["Content-Encoding","gzip"]]"#,
                "",
                "auto",
                [
                    JsResult::text(""),
                    JsResult::text(""),
                    JsResult::text(""),
                    JsResult::text(""),
                ],
            ),
        ] {
            let o = answer("GET", 200, headers, body, framing);
            assert_eq!(o.fetch.settles.agreed(), Some(&Settles::Resolves), "{name}");
            assert_eq!(columns(&o.fetch.text), text.map(Some), "{name}");
        }
        // XHR after a failed body: Chromium moves to HEADERS_RECEIVED only with data, so it
        // goes straight to DONE; Firefox fires readystate 2 first.
        let o = answer(
            "GET",
            200,
            r#"[["Content-Encoding","gzip"]]"#,
            "hello",
            "auto",
        );
        let events = |c: Column| o.xhr.events.at(c).map(|e| e.join(" "));
        assert_eq!(
            events(Column::Engine(Engine::Chromium)).as_deref(),
            Some("readystate1 loadstart readystate4 error loadend")
        );
        assert_eq!(
            events(Column::Engine(Engine::Firefox)).as_deref(),
            Some("readystate1 loadstart readystate2 readystate4 error loadend")
        );
    }

    /// Measured: a single `Content-Length: 0, 0` field is refused by WebKitGTK (it reads only
    /// the first field, as one number), and two different values are refused by Chromium and
    /// Firefox even on a 204 or 304, where no body follows; Chromium ignores a value that is
    /// not a number (`+5`) and reads until close.
    #[test]
    fn content_length_as_each_engine_reads_it() {
        let o = answer("GET", 200, r#"[["Content-Length","0, 0"]]"#, "", "none");
        assert_eq!(
            columns(&o.fetch.settles),
            [
                Some(resolves()),
                Some(resolves()),
                Some(resolves()),
                Some(rejects(Column::Engine(Engine::Webkit)))
            ]
        );
        let o = answer(
            "GET",
            204,
            r#"[["Content-Length","5"],["Content-Length","6"]]"#,
            "hello",
            "close",
        );
        assert_eq!(
            columns(&o.fetch.settles),
            [
                Some(resolves()),
                Some(rejects(Column::Engine(Engine::Chromium))),
                Some(rejects(Column::Engine(Engine::Firefox))),
                Some(resolves())
            ]
        );
        let plus = answer(
            "GET",
            200,
            r#"[["Content-Length","+5"]]"#,
            "0123456789",
            "close",
        );
        // Firefox reads `+5` as 5 (e2e/scenarios/firefox-length-plus-*.json), Chromium ignores
        // the invalid value and reads to the close, WebKitGTK refuses it as the RFC does.
        assert_eq!(
            columns(&plus.fetch.text),
            [
                Some(JsResult::Error("TypeError".into())),
                Some(JsResult::text("0123456789")),
                Some(JsResult::text("01234")),
                Some(JsResult::Error("TypeError".into()))
            ]
        );
        // Firefox lists identical repeated Content-Length fields once.
        let o = answer(
            "GET",
            200,
            r#"[["Content-Length","2"],["Content-Length","2"]]"#,
            "ok",
            "none",
        );
        let length = |c: Column| {
            o.fetch
                .headers
                .at(c)
                .and_then(|h| h.iter().find(|(n, _)| n == "content-length").cloned())
                .map(|(_, v)| v)
        };
        assert_eq!(length(Column::Spec).as_deref(), Some("2, 2"));
        assert_eq!(
            length(Column::Engine(Engine::Firefox)).as_deref(),
            Some("2")
        );
    }

    /// Measured: Chromium and Firefox give a Blob the MIME type's essence, WebKitGTK (and
    /// XMLHttpRequest) the serialized type; a document is made for HTML always and for XML
    /// only when it is well-formed, with `text/xml` when no Content-Type is sent; Firefox
    /// makes none for an empty HTML body.
    #[test]
    fn xhr_blob_types_and_documents() {
        let xhr = |response_type: &str, headers: &str, body: &str| {
            outcomes_json(&format!(
                r#"{{"request":{{"method":"GET","target":"/s/x"}},"client":{{"kind":"xhr","response_type":"{response_type}"}},
                    "answer":{{"status":200,"headers":{headers},"body":{body:?}}}}}"#
            ))
            .xhr
            .response
        };
        let blob = |kind: &str| JsResult::Value(serde_json::json!({"size": 2, "type": kind}));
        assert_eq!(
            columns(&xhr(
                "blob",
                r#"[["Content-Type","text/html; charset=utf-8"]]"#,
                "hi"
            )),
            [
                Some(blob("text/html;charset=utf-8")),
                Some(blob("text/html")),
                Some(blob("text/html")),
                Some(blob("text/html;charset=utf-8"))
            ]
        );
        let document = JsResult::Value(Value::String("Document".into()));
        for (headers, body, expected) in [
            (
                r#"[["Content-Type","text/html"]]"#,
                "<p>hi</p>",
                document.clone(),
            ),
            (r#"[]"#, "<p>hi</p>", document.clone()),
            (
                r#"[["Content-Type","application/xml"]]"#,
                "not xml",
                JsResult::Value(Value::Null),
            ),
            (
                r#"[["Content-Type","application/json"]]"#,
                "{}",
                JsResult::Value(Value::Null),
            ),
        ] {
            assert_eq!(
                xhr("document", headers, body).agreed(),
                Some(&expected),
                "{headers} {body}"
            );
        }
        let empty = xhr("document", r#"[["Content-Type","text/html"]]"#, "");
        assert_eq!(
            columns(&empty),
            [
                Some(document.clone()),
                Some(document.clone()),
                Some(JsResult::Value(Value::Null)),
                Some(document)
            ]
        );
    }

    /// Measured in Firefox (`e2e/scenarios/firefox-xhr-document-*.json`, `iframe-gzip-undecodable.json`,
    /// the catalog replay of handler-head-length): an empty HTML response gives XHR no
    /// document when it declares `Content-Length: 0` or answers HEAD, and an iframe whose gzip
    /// body cannot be decoded fires no load event.
    #[test]
    fn firefox_documents_and_undecodable_iframes() {
        let run = |client: &str, status: u16, headers: &str, body: &str, framing: &str| {
            outcomes_json(&format!(
                r#"{{"request":{{"method":"GET","target":"/s/x"}},"client":{client},
                    "answer":{{"status":{status},"headers":{headers},"body":{body:?},"framing":"{framing}"}}}}"#
            ))
        };
        let doc = r#"{"kind":"xhr","response_type":"document"}"#;
        let document = Some(JsResult::Value(Value::String("Document".into())));
        let null = Some(JsResult::Value(Value::Null));
        let html = r#"[["Content-Type","text/html; charset=utf-8"]]"#;
        let html_cl0 = r#"[["Content-Type","text/html; charset=utf-8"],["Content-Length","0"]]"#;
        for (status, headers, framing, firefox) in [
            (200, html_cl0, "none", null.clone()),
            (204, html_cl0, "none", null.clone()),
            (204, html, "none", document.clone()),
            (200, html, "chunked", document.clone()),
        ] {
            let o = run(doc, status, headers, "", framing);
            assert_eq!(
                columns(&o.xhr.response)[2],
                firefox,
                "{status} {headers} {framing}"
            );
            assert_eq!(columns(&o.xhr.response)[1], document, "Chromium: {status}");
        }
        // A response to HEAD has a null body in Firefox (and in the spec), so no document
        // either, whatever its Content-Length says (catalog handler-head-length).
        let head = outcomes_json(&format!(
            r#"{{"request":{{"method":"HEAD","target":"/s/x"}},"client":{doc},
                "answer":{{"status":200,"headers":{html},"body":"hello","framing":"auto"}}}}"#
        ));
        assert_eq!(
            columns(&head.xhr.response),
            [
                null.clone(),
                document.clone(),
                null.clone(),
                document.clone()
            ]
        );
        let gzip = r#"[["Content-Type","text/plain"],["Content-Encoding","gzip"]]"#;
        let o = run(r#"{"kind":"iframe"}"#, 200, gzip, "not json", "auto");
        assert_eq!(
            columns(&o.navigation.iframe_load_event),
            [Some(true), Some(false), Some(false), Some(true)]
        );
    }

    /// Measured in WebKitGTK (`e2e/scenarios/iframe-204-xfo-deny.json`,
    /// `form-204-xfo-deny.json`) and in all three engines by the lab's iframe check on
    /// handler-204-json: only WebKitGTK shows its blocked-frame page for a framed 204 whose
    /// X-Frame-Options is DENY; a top-level form keeps the page everywhere.
    #[test]
    fn a_framed_204_that_forbids_framing() {
        let run = |kind: &str, xfo: &str| {
            outcomes_json(&format!(
                r#"{{"request":{{"method":"GET","target":"/s/x"}},"client":{{"kind":"{kind}"}},
                    "answer":{{"status":204,"headers":[["X-Frame-Options","{xfo}"]]}}}}"#
            ))
            .navigation
        };
        let (yes, no) = (Some(true), Some(false));
        let n = run("iframe", "DENY");
        assert_eq!(columns(&n.iframe_document_replaced), [no, no, no, yes]);
        assert_eq!(columns(&n.iframe_load_event), [no, no, no, yes]);
        assert_eq!(columns(&n.document_replaced), [no, no, no, no]);
        let n = run("form", "deny");
        assert_eq!(columns(&n.document_replaced), [no, no, no, no]);
        assert_eq!(columns(&n.iframe_document_replaced), [no, no, no, yes]);
        // The probe's frame is same-origin, which SAMEORIGIN allows.
        let n = run("iframe", "SAMEORIGIN");
        assert_eq!(columns(&n.iframe_document_replaced), [no, no, no, no]);
        let fields = |values: &[&str]| {
            Fields::from(
                values
                    .iter()
                    .map(|v| ("X-Frame-Options".to_string(), v.to_string()))
                    .collect::<Vec<_>>(),
            )
        };
        assert!(denies_framing(&fields(&[" Deny "])));
        assert!(denies_framing(&fields(&["SAMEORIGIN", "ALLOWALL"])));
        assert!(!denies_framing(&fields(&["SAMEORIGIN", "sameorigin"])));
        assert!(!denies_framing(&fields(&["nonsense"])));
    }

    /// Measured in Firefox (difflab seed 3, d3-37 and d3-24, and
    /// `e2e/scenarios/firefox-length-plus-*.json`): a leading `+` in Content-Length
    /// is read as part of the number, so `+5` frames five bytes, and a 403 that declares `+5`
    /// and sends nothing leaves fetch waiting. By RFC 9110 §8.6 the value is invalid.
    #[test]
    fn firefox_reads_a_plus_sign_in_content_length() {
        let run = |status: u16, body: &str| {
            outcomes_json(&format!(
                r#"{{"request":{{"method":"GET","target":"/s/x"}},"client":{{"kind":"fetch","response_type":"text"}},
                    "answer":{{"status":{status},"headers":[["Content-Length","+5"]],"body":{body:?},"framing":"auto"}}}}"#
            ))
        };
        let o = run(836, "0123456789abcdef");
        assert_eq!(
            columns(&o.fetch.text)[2],
            Some(JsResult::Value(Value::String("01234".into())))
        );
        assert_ne!(columns(&o.fetch.text)[0], columns(&o.fetch.text)[2]);
        let o = run(403, "");
        assert_eq!(columns(&o.fetch.settles)[2], Some(Settles::Never));
    }

    /// Measured: Firefox reuses a connection with stray bytes on it and skips them up to the
    /// next status line, so junk leaves the next response clean while a whole response among
    /// the leftovers is read as the next answer; Chromium and WebKitGTK reuse a connection
    /// after a response framed by both chunked and Content-Length, Firefox closes it.
    #[test]
    fn leftovers_and_chunked_with_a_length() {
        let junk = answer("GET", 204, r#"[["Content-Length","abc"]]"#, "hello", "auto");
        assert_eq!(
            columns(&junk.connection.next_clean),
            [Some(false), Some(true), Some(true), Some(true)]
        );
        assert_eq!(
            columns(&junk.connection.reusable),
            [Some(true), Some(false), Some(true), Some(false)]
        );
        let smuggled = answer(
            "GET",
            204,
            "[]",
            "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nfake",
            "none",
        )
        .connection;
        assert_eq!(smuggled.next_clean.engine(Engine::Firefox), Some(&false));
        let both = answer(
            "GET",
            200,
            r#"[["Content-Length","2"],["Transfer-Encoding","chunked"]]"#,
            "ok",
            "chunked",
        );
        assert_eq!(
            columns(&both.connection.reusable),
            [Some(false), Some(true), Some(false), Some(true)]
        );
    }

    /// Measured: the redirect statuses with a Location are followed (a POST turns into a GET
    /// after 301, 302 and 303; 307 and 308 keep it); 300, and a 3xx without Location, are
    /// delivered as they are.
    #[test]
    fn redirects_followed_and_not() {
        let location = r#"[["Location","/r/dest"]]"#;
        for (status, method, expected) in [
            (302, "POST", Some("GET")),
            (303, "PUT", Some("GET")),
            (303, "HEAD", Some("HEAD")),
            (307, "POST", Some("POST")),
            (308, "PATCH", Some("PATCH")),
            (300, "GET", None),
        ] {
            let o = answer(method, status, location, "", "auto");
            let followed = o.fetch.redirect.agreed().cloned().flatten();
            assert_eq!(
                followed.as_ref().map(|r| r.method.as_str()),
                expected,
                "{status} {method}"
            );
            assert_eq!(o.fetch.redirected.agreed(), Some(&expected.is_some()));
        }
        let no_location = answer("GET", 302, "[]", "", "auto");
        assert_eq!(no_location.fetch.redirect.agreed(), Some(&None));
        // A preflight answered by a redirect fails: a 3xx is not an ok status.
        let o = outcomes_json(
            r#"{"request":{"method":"PUT","target":"/s/x"},"client":{"kind":"preflight"},
                "answer":{"status":307,"headers":[["Location","/r/dest"],["Access-Control-Allow-Origin","*"]]}}"#,
        );
        assert_eq!(o.preflight.passes.agreed(), Some(&false));
    }

    /// Measured: Firefox drops a stored GET after any answer to an unsafe method (a 502
    /// too), WebKitGTK also after an OPTIONS, once the response has ended; Chromium and the
    /// spec only after a 2xx or 3xx. Chromium and WebKitGTK store no response to HEAD.
    #[test]
    fn invalidation_and_head_caching_per_engine() {
        let o = answer("DELETE", 502, "[]", "", "auto");
        assert_eq!(
            columns(&o.cache.invalidates_cached_get),
            [Some(false), Some(false), Some(true), Some(true)]
        );
        let o = answer("OPTIONS", 200, "[]", "", "auto");
        assert_eq!(
            columns(&o.cache.invalidates_cached_get),
            [Some(false), Some(false), Some(false), Some(true)]
        );
        let o = answer(
            "HEAD",
            200,
            r#"[["Cache-Control","max-age=3600"]]"#,
            "",
            "auto",
        );
        assert_eq!(
            columns(&o.cache.stored),
            [Some(true), Some(false), Some(true), Some(false)]
        );
    }

    /// Measured in Chromium (difflab seeds 1 and 2): a body Chromium sniffs (no Content-Type,
    /// `text/plain`, XML before its first element) reaches XHR only once it has ended, so an
    /// open one leaves XHR at readyState 1; an untyped body starting with an HTML tag, or a
    /// JSON one, reaches it at once. Firefox and WebKitGTK hold nothing back.
    #[test]
    fn chromium_holds_back_what_it_sniffs() {
        for (headers, body, chromium_state) in [
            ("[]", "not json", 1),
            ("[]", "<p>hi</p>", 3),
            (r#"[["Content-Type","text/plain"]]"#, "hello", 1),
            (r#"[["Content-Type","application/xml"]]"#, "hello", 1),
            (r#"[["Content-Type","application/xml"]]"#, "<p>hi</p>", 3),
            (r#"[["Content-Type","application/json"]]"#, "{}", 3),
        ] {
            let o = outcomes_json(&format!(
                r#"{{"request":{{"method":"GET","target":"/s/x"}},"client":{{"kind":"xhr"}},
                    "answer":{{"status":200,"headers":{headers},"body":{body:?},"framing":"none"}}}}"#
            ));
            assert_eq!(
                columns(&o.xhr.ready_state),
                [Some(3), Some(chromium_state), Some(3), Some(3)],
                "{headers} {body}"
            );
        }
    }

    /// Measured in Chromium: a 300 with no cache header is fresh by default, a 404 with only
    /// Last-Modified is not heuristically fresh, and a 204 declaring 9 bytes is a truncated
    /// entry that answers nothing.
    #[test]
    fn chromium_freshness_rules() {
        for (status, headers, body, framing, chromium) in [
            (300, "[]", "", "auto", true),
            (
                404,
                r#"[["Last-Modified","Sat, 21 Nov 2026 12:00:00 GMT"],["Date","Tue, 01 Dec 2026 12:00:00 GMT"]]"#,
                "",
                "auto",
                false,
            ),
            (
                204,
                r#"[["Cache-Control","max-age=600"],["Content-Length","9"]]"#,
                "<p>hi</p>",
                "none",
                false,
            ),
            (
                200,
                r#"[["Cache-Control","max-age=600"]]"#,
                "ok",
                "auto",
                true,
            ),
        ] {
            let o = answer("GET", status, headers, body, framing);
            assert_eq!(
                o.cache.stored.engine(Engine::Chromium),
                Some(&chromium),
                "{status} {headers}"
            );
        }
    }

    /// Measured: after an interim response, Chromium waits while fewer than 8 bytes follow
    /// (`hello` left fetch pending) and fails on junk; Firefox skips junk up to a status line
    /// and waits for one.
    #[test]
    fn junk_after_an_interim_response() {
        let o = answer("GET", 103, r#"[["Content-Length","5"]]"#, "hello", "none");
        assert_eq!(
            o.fetch.settles.engine(Engine::Chromium),
            Some(&Settles::Never)
        );
        assert_eq!(
            o.fetch.settles.engine(Engine::Firefox),
            Some(&Settles::Never)
        );
        let o = answer(
            "GET",
            103,
            r#"[["Content-Length","16"]]"#,
            "0123456789abcdef",
            "none",
        );
        assert_eq!(
            o.fetch.settles.engine(Engine::Chromium),
            Some(&rejects(Column::Engine(Engine::Chromium)))
        );
        assert_eq!(
            o.fetch.settles.engine(Engine::Firefox),
            Some(&Settles::Never)
        );
    }
}
