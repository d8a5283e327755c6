//! What an engine was seen to do, as typed values: one [`Observation`] per scenario, written to
//! `target/e2e/observations-<engine>.json` and read back for the cross-engine summary.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use nocontent_engine::outcome::JsResult;
use nocontent_engine::scenario::ResponseType;

use crate::engine::Engine;
use crate::error::{Context, Error};

/// An exception as the page saw it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsError {
    pub name: String,
    pub message: String,
}

impl JsError {
    /// `TypeError: Failed to fetch`, the form the engine crate writes a rejection in.
    pub fn line(&self) -> String {
        format!("{}: {}", self.name, self.message)
    }
}

/// A call that may return, throw or never finish, as the probe saw it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Settled {
    Value(Value),
    Error(JsError),
    Pending,
}

impl Settled {
    /// Reads a probe's `{value}`, `{error, message}` or `{pending: true}`.
    pub fn from_js(v: &Value) -> Result<Settled, Error> {
        if let Some(value) = v.get("value") {
            return Ok(Settled::Value(value.clone()));
        }
        if v.get("pending") == Some(&Value::Bool(true)) {
            return Ok(Settled::Pending);
        }
        let name = v
            .get("error")
            .context(format!("not a settled result: {v}"))?;
        Ok(Settled::Error(JsError {
            name: name.as_str().unwrap_or_default().to_string(),
            message: v
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        }))
    }

    /// The engine crate's shape: the exception's name only, its message dropped.
    pub fn as_engine(&self) -> JsResult {
        match self {
            Settled::Value(v) => JsResult::Value(v.clone()),
            Settled::Error(e) => JsResult::Error(e.name.clone()),
            Settled::Pending => JsResult::Pending(true),
        }
    }
}

/// One request as the server received it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arrived {
    pub conn: usize,
    pub index: usize,
    pub method: String,
    pub target: String,
}

impl From<&crate::raw::Seen> for Arrived {
    fn from(s: &crate::raw::Seen) -> Arrived {
        Arrived {
            conn: s.conn,
            index: s.index,
            method: s.method.clone(),
            target: s.target.clone(),
        }
    }
}

/// The response fetch() resolved with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FetchResponse {
    pub status: u16,
    pub ok: bool,
    pub status_text: String,
    pub body_null: bool,
    pub headers: Vec<(String, String)>,
    pub redirected: bool,
    pub url: String,
    /// `response.type`: basic, cors, opaque, …
    pub kind: String,
    pub text: Settled,
    pub json: Settled,
}

/// How fetch() itself ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FetchFate {
    Resolved(FetchResponse),
    Rejected(JsError),
    /// fetch() had not settled after the pending bound.
    Pending,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FetchSeen {
    pub fate: FetchFate,
    /// The request as it reached the server (none if it never did).
    pub arrived: Option<Arrived>,
    /// After a redirect, the request for the final URL as it reached the server.
    #[serde(default)]
    pub redirected_to: Option<Arrived>,
}

/// What a plain follow-up request got.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageGot {
    Response { status: u16, text: Settled },
    Error(JsError),
    Pending,
}

impl PageGot {
    pub fn from_js(v: &Value) -> Result<PageGot, Error> {
        if v.get("pending") == Some(&Value::Bool(true)) {
            return Ok(PageGot::Pending);
        }
        if let Some(status) = v.get("status") {
            let text = Settled::from_js(v.get("text").context("a response without text")?)?;
            let status = status.as_u64().context("a status that is not a number")?;
            return Ok(PageGot::Response {
                status: u16::try_from(status).context("a status past 65535")?,
                text,
            });
        }
        Ok(PageGot::Error(JsError {
            name: v
                .get("error")
                .and_then(Value::as_str)
                .context(format!("not a request result: {v}"))?
                .to_string(),
            message: v
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        }))
    }

    /// True for `200` with the body `expected`.
    pub fn is_ok_with(&self, expected: &str) -> bool {
        matches!(self, PageGot::Response { status: 200, text: Settled::Value(Value::String(t)) } if t == expected)
    }
}

/// The scenario's response, then a follow-up request: did it use the same connection?
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConnectionSeen {
    pub scenario: Arrived,
    pub follow_up: Option<Arrived>,
    /// Same connection: true. Another connection after the first was closed: false. Another
    /// connection while the first stayed open: none (inconclusive).
    pub reused: Option<bool>,
    /// The client closed the scenario's connection (within the close patience).
    pub client_closed: bool,
    /// What the follow-up fetch got.
    pub next: PageGot,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct XhrSeen {
    pub response_type: ResponseType,
    /// The event that ended it: load, error, abort, timeout, or pending.
    pub event: String,
    /// Every event in order (`readystate1`, `loadstart`, …).
    pub events: Vec<String>,
    pub ready_state: u8,
    pub status: u16,
    pub status_text: String,
    pub response_text: Settled,
    pub response: Settled,
    /// `xhr.responseURL`: the final URL, after any redirect.
    #[serde(default)]
    pub response_url: String,
    pub arrived: Option<Arrived>,
}

/// `navigator.sendBeacon()` and what the server received.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeaconSeen {
    /// What sendBeacon returned.
    pub queued: bool,
    /// `typeof` what it returned: a boolean, never a promise the page could read a response
    /// from.
    pub returns: String,
    /// The method the server received, if the beacon arrived.
    pub method: Option<String>,
    /// Its Content-Type, if it had one.
    pub content_type: Option<String>,
}

/// One navigation and what the page looked like afterwards.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NavigationSeen {
    /// form, location.href, link or iframe.
    pub trigger: String,
    pub target: String,
    pub arrived: Option<Arrived>,
    /// The document (the top one, or the iframe's) is no longer the original.
    pub replaced: bool,
    pub history_before: i64,
    pub history_after: i64,
    pub url_before: String,
    pub url_after: String,
    /// The form input's value afterwards, while the document stayed.
    pub input_value: Option<String>,
    /// The value typed into the form before submitting.
    pub typed: Option<String>,
    /// Load events of the iframe after its src changed.
    pub iframe_loads: Option<i64>,
}

impl NavigationSeen {
    pub fn history_added(&self) -> bool {
        self.history_after > self.history_before
    }

    pub fn url_changed(&self) -> bool {
        self.url_after != self.url_before
    }

    /// Was the typed value cleared? Only known while the form's document stayed.
    pub fn form_reset(&self) -> Option<bool> {
        match (&self.input_value, &self.typed) {
            (Some(value), Some(typed)) => Some(value != typed),
            _ => None,
        }
    }

    pub fn iframe_loaded(&self) -> Option<bool> {
        self.iframe_loads.map(|n| n > 0)
    }
}

/// Where a cache probe ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// Through WebDriver, in the automation session.
    Webdriver,
    /// In an ordinary browser window that reported back (WebKitGTK's automation session has
    /// no HTTP cache).
    Window,
}

/// The scenario's request twice: did the second reach the server?
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CacheSeen {
    pub via: Via,
    /// Requests the server saw for the probe's URL (1: the second came from the cache).
    pub requests_seen: usize,
    pub first: PageGot,
    pub second: PageGot,
}

impl CacheSeen {
    pub fn second_from_cache(&self) -> bool {
        self.requests_seen == 1
    }
}

/// A cached GET, the unsafe request, the GET again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvalidationSeen {
    pub via: Via,
    /// GETs the server saw before the unsafe request (1: the control GET was cached).
    pub gets_before: usize,
    pub unsafe_arrived: bool,
    /// GETs the server saw after the unsafe request (1: the stored GET was invalidated).
    pub gets_after: usize,
    pub unsafe_got: PageGot,
    pub last_get: PageGot,
}

impl InvalidationSeen {
    /// Invalidated or not; none when the control GET was not served from the cache, so that
    /// a cache that stores nothing is not read as "invalidated".
    pub fn invalidated(&self) -> Option<bool> {
        (self.gets_before == 1 && self.unsafe_arrived).then_some(self.gets_after > 0)
    }
}

/// A cross-origin request with its preflight.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreflightSeen {
    pub options_arrived: bool,
    pub request_method: Option<String>,
    pub request_headers: Vec<String>,
    pub actual_arrived: bool,
    pub fate: PreflightFate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PreflightFate {
    Resolved { status: u16, text: Settled },
    Rejected(JsError),
    Pending,
}

impl PreflightSeen {
    pub fn passes(&self) -> bool {
        matches!(self.fate, PreflightFate::Resolved { .. }) && self.actual_arrived
    }
}

/// A probe that applied to a scenario but did not run, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotRun {
    pub probe: String,
    pub why: String,
}

/// Everything seen for one scenario in one engine.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    pub id: String,
    /// The scenario's own XHR responseType (the one the catalog replay, `e2e/tests/engines_catalog.rs`, checks).
    pub response_type: ResponseType,
    pub fetch: Option<FetchSeen>,
    pub connection: Option<ConnectionSeen>,
    pub xhr: Vec<XhrSeen>,
    pub navigation: Vec<NavigationSeen>,
    pub cache: Vec<CacheSeen>,
    pub invalidation: Vec<InvalidationSeen>,
    pub preflight: Option<PreflightSeen>,
    #[serde(default)]
    pub beacon: Option<BeaconSeen>,
    pub not_run: Vec<NotRun>,
    /// Problems with the harness or with the request it sent, not engine behaviour.
    pub problems: Vec<String>,
    /// The observation set against the engine crate's columns.
    pub compared: Vec<crate::observe::compare::Compared>,
}

/// One engine's run over the catalog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Run {
    pub engine: Engine,
    pub version: crate::engine::Version,
    /// When the run started, as an HTTP date.
    pub date: String,
    /// What the driver answered the new session with (browserVersion, the driver's version…).
    #[serde(default)]
    pub capabilities: serde_json::Map<String, Value>,
    /// The navigation controls (the same triggers aimed at a plain 200): each must replace the
    /// document, add a history entry and change the URL, or the navigation fields mean nothing.
    pub controls: Vec<NavigationSeen>,
    pub observations: Vec<Observation>,
    /// Problems of the run as a whole (a failed control, the cache window).
    pub problems: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settled_results_read_and_map_to_the_engine_shape() {
        let value = Settled::from_js(&json!({"value": null})).unwrap();
        assert_eq!(value, Settled::Value(Value::Null));
        let error = Settled::from_js(&json!({"error": "SyntaxError", "message": "bad"})).unwrap();
        assert_eq!(error.as_engine(), JsResult::Error("SyntaxError".into()));
        assert_eq!(
            Settled::from_js(&json!({"pending": true}))
                .unwrap()
                .as_engine(),
            JsResult::Pending(true)
        );
        assert!(Settled::from_js(&json!({"other": 1})).is_err());
    }

    #[test]
    fn page_results_read() {
        let got = PageGot::from_js(&json!({"status": 200, "text": {"value": "ok"}})).unwrap();
        assert!(got.is_ok_with("ok"));
        assert!(!got.is_ok_with("ko"));
        let failed = PageGot::from_js(&json!({"error": "TypeError", "message": "x"})).unwrap();
        assert!(matches!(failed, PageGot::Error(ref e) if e.name == "TypeError"));
        assert_eq!(
            PageGot::from_js(&json!({"pending": true})).unwrap(),
            PageGot::Pending
        );
        assert!(PageGot::from_js(&json!({})).is_err());
    }

    #[test]
    fn invalidation_needs_a_cached_control() {
        let seen = |before, after| InvalidationSeen {
            via: Via::Webdriver,
            gets_before: before,
            unsafe_arrived: true,
            gets_after: after,
            unsafe_got: PageGot::Pending,
            last_get: PageGot::Pending,
        };
        assert_eq!(seen(1, 1).invalidated(), Some(true));
        assert_eq!(seen(1, 0).invalidated(), Some(false));
        // The control GET reached the server: nothing was stored, nothing can be concluded.
        assert_eq!(seen(2, 1).invalidated(), None);
    }
}
