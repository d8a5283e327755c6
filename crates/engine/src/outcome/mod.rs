//! What each browser client does with the response: fetch, XHR, navigations and forms,
//! iframes, sendBeacon, CORS preflight, the HTTP cache and the connection.
//!
//! Every value that a browser decides is a [`Claim`]: what the specs say and what each engine
//! does, computed with the [`Behaviour`](crate::engines::Behaviour) rows of `engines.rs`, each
//! measured by the harness in that engine; a value without a probe in an engine is "not
//! measured" there. Values the specs alone decide (whether a response is storable at all, its
//! freshness lifetime) are plain.

mod claim;
mod sides;

pub use claim::{Claim, JsResult, Seen};
use serde::Serialize;
pub use sides::{
    check_preflight, denies_framing, outcomes, redirect_of, unsafe_request_headers, Context,
    PreflightFailure,
};

pub use crate::engines::{Engine, CHROMIUM};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FetchOutcome {
    /// How `fetch()` settles: with a response, with a rejection, or never.
    pub settles: Claim<Settles>,
    /// The rejection as `Name: message` when fetch fails, else null (kept beside `settles`
    /// for the readers of the JSON that only look here).
    pub rejects: Claim<Option<String>>,
    pub ok: Claim<bool>,
    pub status: Claim<u16>,
    pub status_text: Claim<String>,
    /// Is `response.body` null?
    pub body_null: Claim<bool>,
    pub text: Claim<JsResult>,
    pub json: Claim<JsResult>,
    /// `[...response.headers]`: names lowercased and sorted, repeats joined with ", ".
    pub headers: Claim<Vec<(String, String)>>,
    /// The redirect fetch() follows, or null. When it follows one, the promise settles with
    /// the answer at the `Location`, which this scenario does not compose: the fields above
    /// then describe this response as it would be seen unfollowed, and `redirected` is true.
    pub redirect: Claim<Option<Redirect>>,
    /// `response.redirected`.
    pub redirected: Claim<bool>,
}

/// A redirect a client follows (Fetch, "HTTP-redirect fetch"; RFC 9110 §15.4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Redirect {
    /// The `Location` as sent; the client resolves it against the request's URL.
    pub location: String,
    /// The method of the request to it: GET after a 303 (unless HEAD), and after a 301 or
    /// 302 to a POST; the request's own method otherwise.
    pub method: String,
    /// Is the request's body sent again? Only when the method is kept.
    pub keeps_body: bool,
}

/// How a call that returns a promise ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Settles {
    /// It resolves with a response.
    Resolves,
    /// It rejects, with `Name: message`.
    Rejects(String),
    /// It never settles: no response ever arrives.
    Never,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct XhrOutcome {
    pub response_type: &'static str,
    pub status: Claim<u16>,
    pub status_text: Claim<String>,
    /// `load` (true) or `error` (false) ends the request; `pending` never ends.
    pub load_event: Claim<bool>,
    /// Every event in order: `readystateN` for each readystatechange, then `loadstart`,
    /// `progress`, `load`, `error`, `loadend` as they fire.
    pub events: Claim<Vec<String>>,
    /// `readyState` once the request has ended, or while it waits.
    pub ready_state: Claim<u8>,
    /// What `open()` throws (`Name: message`) for a method the browser refuses before
    /// sending anything, else null.
    pub throws: Claim<Option<String>>,
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
    /// For an iframe pointed at the URL: is its document replaced (by the response, or by
    /// an error page)? The three fields above are about a top-level navigation, which a
    /// response that forbids framing does not concern.
    pub iframe_document_replaced: Claim<bool>,
    /// For an iframe pointed at the URL: does its `load` event fire?
    pub iframe_load_event: Claim<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BeaconOutcome {
    /// `navigator.sendBeacon()` returns true: the data is queued.
    pub queued: Claim<bool>,
    /// The method the server receives (Beacon: always POST).
    pub method: Claim<String>,
    /// The Content-Type the server receives: `text/plain;charset=UTF-8` for string data, none
    /// when the beacon has no data (an empty body is sent as no data).
    pub content_type: Claim<Option<String>>,
    /// Can the page see the response? (Never: sendBeacon has no callback.)
    pub response_visible: Claim<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PreflightOutcome {
    /// Would a cross-origin fetch of this request need a preflight at all?
    pub needed: Claim<bool>,
    /// `Access-Control-Request-Method`.
    pub request_method: Claim<String>,
    /// `Access-Control-Request-Headers`, lowercased and sorted.
    pub request_headers: Claim<Vec<String>>,
    /// How the cross-origin fetch settles when the answer is the response to its preflight
    /// (a preflight that never gets a final response leaves it pending forever).
    pub settles: Claim<Settles>,
    /// Treating the answer as the response to the OPTIONS preflight: does it pass?
    pub passes: Claim<bool>,
    /// What the cross-origin fetch rejects with when the preflight fails, else null.
    pub rejects: Claim<Option<String>>,
    /// Why it fails by the Fetch standard, when it does.
    pub failure: Option<String>,
    /// How long the specs let the browser reuse this preflight (Access-Control-Max-Age,
    /// default 5 s).
    pub cache_seconds: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CacheOutcome {
    /// RFC 9111 §3: may a cache store this response at all?
    pub storable: bool,
    /// Would a repeat of this GET be answered from the browser cache without asking the server?
    pub stored: Claim<bool>,
    /// By RFC 9111, is it fresh only by heuristics (no explicit lifetime)? Engines are
    /// measured through `stored`; no probe tells heuristic from explicit freshness apart.
    pub heuristically_fresh: bool,
    /// Freshness lifetime in seconds by RFC 9111, when it can be computed.
    pub freshness_seconds: Option<u64>,
    /// Does this response make caches drop a stored GET of the same URL (RFC 9111 §4.4)?
    pub invalidates_cached_get: Claim<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConnectionOutcome {
    pub reusable: Claim<bool>,
    pub leftover_bytes: Claim<usize>,
    /// Is the next response on the connection read as the server sent it? False only when
    /// leftover bytes are read as its start.
    pub next_clean: Claim<bool>,
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
    /// Clients outside the browser (curl, Node, axios, requests, httpx), keyed by client.
    pub clients: crate::clients::ClientOutcomes,
}
