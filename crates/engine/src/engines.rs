//! The browser engines the model describes, and how each one departs from the specs.
//!
//! Every engine value the model gives comes from a [`Behaviour`] row below, and every row was
//! measured by the project's browser harness (`e2e/`) in that engine: the catalog replay and
//! the differential lab (`cargo xtask difflab`) repeat those measurements. Where the harness
//! has no probe for a kind of value in an engine, the row's `measured` list leaves that
//! [`Probe`] out and the value is shown as "not measured". The per-engine write-ups are in
//! `docs/measurements/`.
//!
//! WebKitGTK uses libsoup for its network stack, not the one Safari uses, so its framing and
//! connection rows say nothing about Safari.

use serde::{Deserialize, Serialize};

/// Expands to the Chromium build the Chromium column was measured in, as a literal (so that
/// rule texts can `concat!` it); [`CHROMIUM`] is the same text.
#[macro_export]
macro_rules! chromium {
    () => {
        "Chromium 156"
    };
}

/// Expands to the Firefox build the Firefox column was measured in.
#[macro_export]
macro_rules! firefox {
    () => {
        "Firefox 153"
    };
}

/// Expands to the WebKitGTK build the WebKit column was measured in.
#[macro_export]
macro_rules! webkit {
    () => {
        "WebKitGTK 2.50"
    };
}

/// The Chromium build the Chromium column was measured in, as the app labels it.
pub const CHROMIUM: &str = chromium!();
/// The Firefox build the Firefox column was measured in.
pub const FIREFOX: &str = firefox!();
/// The WebKitGTK build the WebKit column was measured in (never "Safari").
pub const WEBKIT: &str = webkit!();

/// One browser engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    Chromium,
    Firefox,
    Webkit,
}

impl Engine {
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::Webkit];

    /// The key in the JSON contract: `chromium`, `firefox`, `webkit`.
    pub fn key(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::Webkit => "webkit",
        }
    }

    /// The product a version number belongs to. WebKitGTK is not Safari: it shares the engine
    /// but uses libsoup for networking, so it is never labelled Safari.
    pub fn product(self) -> &'static str {
        match self {
            Engine::Chromium => "Chromium",
            Engine::Firefox => "Firefox",
            Engine::Webkit => "WebKitGTK",
        }
    }

    /// The measured build, as the app labels it: "Chromium 156", "Firefox 153",
    /// "WebKitGTK 2.50".
    pub fn label(self) -> &'static str {
        match self {
            Engine::Chromium => CHROMIUM,
            Engine::Firefox => FIREFOX,
            Engine::Webkit => WEBKIT,
        }
    }

    /// How this engine behaves where it departs from the specs.
    pub fn behaviour(self) -> &'static Behaviour {
        match self {
            Engine::Chromium => &CHROMIUM_BEHAVIOUR,
            Engine::Firefox => &FIREFOX_BEHAVIOUR,
            Engine::Webkit => &WEBKIT_BEHAVIOUR,
        }
    }

    pub fn from_key(key: &str) -> Option<Engine> {
        Engine::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// The key: `chromium`, `firefox`, `webkit` (also the harness's command-line name).
impl std::fmt::Display for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// A column of a claim: the specs, or one engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Spec,
    Engine(Engine),
}

impl Column {
    pub const ALL: [Column; 4] = [
        Column::Spec,
        Column::Engine(Engine::Chromium),
        Column::Engine(Engine::Firefox),
        Column::Engine(Engine::Webkit),
    ];

    pub fn behaviour(self) -> &'static Behaviour {
        match self {
            Column::Spec => &SPEC,
            Column::Engine(e) => e.behaviour(),
        }
    }

    /// "spec", or the engine's key.
    pub fn key(self) -> &'static str {
        match self {
            Column::Spec => "spec",
            Column::Engine(e) => e.key(),
        }
    }

    /// "Spec", or the engine's label.
    pub fn label(self) -> &'static str {
        match self {
            Column::Spec => "Spec",
            Column::Engine(e) => e.label(),
        }
    }
}

/// A kind of value the harness measures with one probe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Probe {
    /// `fetch()`: how it settles, the response's fields, `text()` and `json()`.
    Fetch,
    /// XMLHttpRequest for each `responseType`: events, readyState, status, response.
    Xhr,
    /// Form submissions, links, `location.href` and iframes.
    Navigation,
    /// A follow-up request: is the connection reused, and what does it read?
    Connection,
    /// A repeated GET: answered from the HTTP cache?
    Cache,
    /// A cached GET, the unsafe request, then the GET again.
    Invalidation,
    /// A cross-origin request from another port, with its preflight.
    Preflight,
    /// `navigator.sendBeacon()`, as the server receives it.
    Beacon,
}

/// Which responses `fetch()` exposes with `response.body === null`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NullBody {
    /// Fetch: responses with a null body status (101, 103, 204, 205, 304) and responses to
    /// HEAD.
    NullBodyStatusAndHead,
    /// Only responses to HEAD.
    HeadOnly,
    /// None: an empty stream instead.
    Never,
}

/// What a client does with bytes that follow the end of a response on a kept-alive
/// connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leftover {
    /// RFC 9112 §9.3: they are the start of the next response, which they corrupt.
    ReadAsNextResponse,
    /// The client closes the connection and sends the next request on a new one.
    CloseConnection,
    /// The client reuses the connection and skips stray bytes up to the next status line
    /// (`HTTP/`): junk is dropped, but a whole response among the leftovers is read as the
    /// answer to the next request.
    SkipToStatusLine,
}

/// What a client does with a body in a content coding it decodes (gzip, deflate, br) that is
/// not valid data in that coding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undecodable {
    /// Fetch: the body fails after the headers (`text()` rejects, XHR ends in `error`).
    BodyFails,
    /// The bytes are delivered as they came, undecoded.
    Delivered,
}

/// Which Content-Length values a client refuses as a network error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContentLength {
    /// RFC 9110 §8.6 and RFC 9112 §6.3: a list of identical values is one value; anything else
    /// that is not one decimal number is unrecoverable where a body follows.
    Rfc,
    /// As `Rfc`, and different values are refused whatever the status, even where no body
    /// follows (a 204, a 304, a response to HEAD).
    RefusesDifferentEverywhere,
    /// Only the first Content-Length field is read, and it must be a decimal number by
    /// itself (`5, 5` in one field is refused; two fields of `5` are fine).
    FirstFieldOnly,
    /// A value that is not one decimal number (`+5`, `5.0`, `0x10`, `abc`, `-1`) is ignored,
    /// so the body runs until close; different values are refused whatever the status,
    /// unless a Transfer-Encoding frames the body.
    IgnoresInvalidRefusesDifferent,
}

/// The Blob type XMLHttpRequest gives a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlobType {
    /// XMLHttpRequest: the final MIME type serialized, parameters kept
    /// (`text/html;charset=utf-8`).
    Serialized,
    /// Only the essence (`text/html`).
    Essence,
}

/// Which responses whose body is still open an engine holds back (to sniff their type).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Held {
    Nothing,
    /// Responses without Content-Type.
    Untyped,
    /// The types Chromium sniffs (none, `text/plain`, `text/xml`, `application/xml`), until
    /// the bytes so far settle the type: an untyped body that starts with an HTML tag is
    /// HTML at once (Chromium's `net/base/mime_sniffer.cc` looks for such tags).
    Sniffed,
}

/// The statuses an engine was seen to store and not to store, with explicit freshness.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheStatuses {
    pub stored: &'static [u16],
    pub not_stored: &'static [u16],
}

/// Which requests make a cache drop its stored GET of the URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invalidating {
    /// RFC 9111 §4.4: any method that is not safe (RFC 9110 §9.2.1), including ones it does
    /// not know, such as `patch` in lower case.
    Unsafe,
    /// Only POST, PUT, DELETE and PATCH, matched case-sensitively: a lower-case `patch`
    /// invalidates nothing.
    Named,
    /// Any method but GET and HEAD: OPTIONS too.
    NotGetOrHead,
}

/// The errors for a method a browser refuses, `Name: message`, where `{method}` stands for
/// the method as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefusedMethod {
    pub fetch_not_token: &'static str,
    pub fetch_forbidden: &'static str,
    pub xhr_not_token: &'static str,
    pub xhr_forbidden: &'static str,
}

impl RefusedMethod {
    /// The error `fetch()` (when `fetch`) or `open()` gives for `method`.
    pub fn error(&self, fetch: bool, refusal: crate::method::Refusal, method: &str) -> String {
        use crate::method::Refusal;
        let template = match (fetch, refusal) {
            (true, Refusal::NotToken) => self.fetch_not_token,
            (true, Refusal::Forbidden) => self.fetch_forbidden,
            (false, Refusal::NotToken) => self.xhr_not_token,
            (false, Refusal::Forbidden) => self.xhr_forbidden,
        };
        template.replace("{method}", method)
    }
}

/// How one column behaves where the engines and the specs may differ. Each field names what
/// was measured (or, for [`SPEC`], the section that says so); the fields from `undecodable`
/// on were found by the differential lab (`cargo xtask difflab`), whose probes measure them,
/// and each names a scenario that showed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Behaviour {
    /// `TypeError` and its message when `fetch()` fails with a network error. Fetch names only
    /// the type.
    pub network_error: &'static str,
    /// What `fetch()` rejects with and XMLHttpRequest's `open()` throws, before sending
    /// anything, for a method that is not a token or a forbidden one. Measured by
    /// `e2e/tests/methods.rs`.
    pub refused_method: RefusedMethod,
    pub null_body: NullBody,
    /// A 205 is read as bodiless, like a 204, whatever its framing says, so no body is read
    /// and nothing waits for the connection to close.
    pub bodiless_205: bool,
    /// A 204 or 205 with a Content-Length has that many bytes read and dropped as its body,
    /// rather than leaving them on the connection.
    pub reads_length_of_no_content: bool,
    pub leftover: Leftover,
    /// The connection is closed after a 204 or 304 that carries no Content-Length.
    pub closes_after_unsized_no_content: bool,
    /// A navigation (form, link, `location.href`, iframe) that receives a 304 keeps the
    /// current document, as for 204 and 205.
    pub keeps_document_on_304: bool,
    /// An iframe whose answer forbids framing (`X-Frame-Options: DENY`) shows the blocked
    /// frame's error page even when the answer is a 204 or 205, which would otherwise leave
    /// the frame as it was: its document is replaced and its load event fires. Measured in
    /// WebKitGTK (`e2e/scenarios/iframe-204-xfo-deny.json`, and the lab's iframe check on
    /// catalog handler-204-json); Chromium and Firefox abort the 204 first (the same lab
    /// check). Top-level navigations are not framed, so it does not apply to them.
    pub denied_frame_shown_for_no_content: bool,
    /// A form's typed fields are cleared when its submission gets a 205.
    pub resets_form_on_205: bool,
    /// Heuristic freshness (RFC 9111 §4.2.2) applies to a 204 with Last-Modified.
    pub heuristic_freshness_for_204: bool,
    /// XMLHttpRequest fires `progress` before `load` even when the body is empty.
    pub xhr_progress_on_empty_body: bool,
    /// XMLHttpRequest moves to HEADERS_RECEIVED only once body bytes arrive or the body ends:
    /// while a body has not started, it stays OPENED (readyState 1, status 0), and a body that
    /// fails before its first byte goes straight to DONE. Measured: a 405 with `text/html`
    /// and no framing left XHR at readyState 1 in Chromium (difflab seed 1).
    pub xhr_waits_for_body_before_headers: bool,
    /// Measured: `Content-Encoding: gzip` or `deflate` over plain text made `text()` reject in
    /// Chromium and Firefox and reached the page undecoded in WebKitGTK; an empty body in
    /// those codings is read as empty everywhere.
    pub undecodable: Undecodable,
    /// Measured: `Content-Length: 0, 0` in one field failed in WebKitGTK alone; `5` and `6`
    /// in two fields on a 204 failed in Firefox alone.
    pub content_length: ContentLength,
    /// `[...response.headers]` shows identical repeated Content-Length fields once. Measured:
    /// two `Content-Length: 16` fields read back as `16` in Firefox, `16, 16` elsewhere.
    pub dedups_repeated_content_length: bool,
    /// A Content-Length of `+5` is read as 5. Measured in Firefox (difflab seed 3: a 836 with
    /// `Content-Length: +5` delivered 5 bytes; a 403 with it and no body never settled).
    pub plus_sign_in_length: bool,
    /// Measured: `text/html; charset=utf-8` gave Blob type `text/html` in Chromium and
    /// Firefox, `text/html;charset=utf-8` in WebKitGTK.
    pub blob_type: BlobType,
    /// A failed XMLHttpRequest with responseType `arraybuffer` gives an empty ArrayBuffer
    /// rather than null. Measured in Firefox after an undecodable body.
    pub xhr_error_arraybuffer_empty: bool,
    /// The connection is closed after a response framed by both Transfer-Encoding: chunked and
    /// Content-Length. Measured: Chromium and WebKitGTK sent the follow-up on the same
    /// connection, Firefox on a new one.
    pub closes_after_chunked_with_length: bool,
    /// Measured: a lower-case `patch` kept the stored GET in Chromium; an OPTIONS dropped it
    /// in WebKitGTK.
    pub invalidated_by: Invalidating,
    /// An error status (4xx, 5xx, or beyond) to such a request invalidates too; RFC 9111 §4.4
    /// asks for a non-error status. Measured: DELETE answered 501 or 502 dropped the stored
    /// GET in Firefox and WebKitGTK.
    pub invalidates_on_error: bool,
    /// Whether a stored GET is dropped while the unsafe request's body has not ended was seen
    /// both ways: "not measured" for such responses. In WebKitGTK a POST answered 205 until
    /// close kept it, a PUT answered 502 with an open chunked body dropped it; in Chromium a
    /// PUT answered 401 until close dropped it, where every complete 4xx kept it.
    pub invalidation_unmeasured_while_body_open: bool,
    /// A redirected unsafe request leaves the stored GET of the URL it was sent to. Measured:
    /// `patch` answered 307 kept it in WebKitGTK.
    pub invalidation_skips_redirects: bool,
    /// A preflight is judged only once its response body has ended: one whose body never ends
    /// leaves the cross-origin fetch pending. Measured: a 500 preflight with a body shorter
    /// than its Content-Length left the fetch pending in WebKitGTK.
    pub preflight_waits_for_body: bool,
    /// A response to HEAD is stored and answers a repeated HEAD. Measured: a HEAD answered
    /// with `max-age=3600` was asked again in Chromium and WebKitGTK, not in Firefox.
    pub caches_head: bool,
    /// A navigation commits only once body bytes arrive or the body ends: while the body has
    /// not started, the current document stays. Measured: a 400 with `Transfer-Encoding: gzip`
    /// and no bytes left the iframe on its old document in Chromium; a chunked body with no
    /// complete chunk did in Firefox and WebKitGTK.
    pub navigation_waits_for_body: bool,
    /// Which responses reach XMLHttpRequest only once their body has ended, while it is still
    /// open (held back to sniff their type): XHR then stays OPENED whatever bytes arrived.
    /// fetch() is never held back. Measured in Chromium with bodies up to 16 bytes: a 503
    /// without Content-Type and a 202 `text/plain` left XHR at readyState 1, an untyped
    /// `<p>hi</p>` did not.
    pub xhr_holds: Held,
    /// The same for navigations, which commit only once the held body has ended. Measured: a
    /// 503 without Content-Type whose body never ended left an iframe on its old document in
    /// Chromium and Firefox although bytes arrived; a `text/plain` one did in Chromium.
    pub navigation_holds: Held,
    /// A response whose body has not started is not handed to the page at all: fetch() does
    /// not settle, XHR stays OPENED, a navigation does not commit, a preflight never passes,
    /// and nothing is invalidated, until the first body byte arrives. Measured in Firefox: a
    /// 429 with `Content-Length: 3` and no bytes left fetch() pending.
    pub response_waits_for_body: bool,
    /// XMLHttpRequest gives no document (null) for an HTML response that declares
    /// `Content-Length: 0`; an empty HTML body without that header (a 204 without
    /// Content-Length, an empty chunked 200) still gives a Document. Measured in Firefox: a
    /// 502 and a 200 and a 204 `text/html` with `Content-Length: 0` gave null, a 204 without
    /// the header and an empty chunked 200 gave a Document.
    pub xhr_document_null_on_zero_length: bool,
    /// A navigation whose document has committed but whose body never ends cannot be
    /// observed: this engine's WebDriver runs no script in a document still loading, so those
    /// navigation values are "not measured". Seen in WebKitGTK: after a form GET answered by
    /// a JSON body that never ends, every script timed out.
    pub loading_navigation_unobservable: bool,
    /// Statuses that never invalidate, whatever the method. Measured in Firefox: POST
    /// answered 206 or 304 kept the stored GET.
    pub not_invalidated_by: &'static [u16],
    /// A 304 to a request the page did not make conditional is stored like any other response
    /// (measured: a 304 with `Cache-Control: private, max-age=600` answered the repeat).
    pub stores_304: bool,
    /// Where only some statuses are stored even with explicit freshness: the statuses seen
    /// stored and those seen not stored. Any other status is "not measured". `None`: the
    /// RFC 9111 rule for every status. Measured in Firefox: with `max-age=3600` a 202, 300,
    /// 429, 646 or 967 was asked again, a 200, 203, 204, 301 or 303 was not.
    pub cache_statuses: Option<CacheStatuses>,
    /// A Transfer-Encoding that does not end in chunked (`gzip`, `identity`) is ignored, as if
    /// absent. Measured in Chromium: a 403 with `Content-Length: 16` and
    /// `Transfer-Encoding: gzip` ended after 16 bytes.
    pub ignores_unchunked_transfer_encoding: bool,
    /// A navigation commits once body bytes arrive on the wire, decoded or not (where it
    /// waits for the body at all). Measured in Chromium: a chunked 500 `application/json`
    /// whose body was `not json` (no complete chunk-size line) replaced the iframe's document
    /// while fetch() waited for the chunk; Firefox and WebKitGTK kept the old document.
    pub navigation_commits_on_raw_bytes: bool,
    /// An iframe whose body failed after its document committed (undecodable, malformed) shows
    /// an error page and fires no `load` event. Measured in Chromium after undecodable and
    /// malformed bodies; a network error before any headers does fire it.
    pub no_iframe_load_on_error_page: bool,
    /// An iframe whose body cannot be decoded (gzip, deflate or br over plain text) fires no
    /// `load` event. Measured in Firefox (a 200 `text/plain` with `Content-Encoding: gzip`,
    /// with and without an ETag), where a malformed body does not stop it.
    pub no_iframe_load_after_undecodable: bool,
    /// After an interim (1xx) response, a client that has fewer bytes than this waits for
    /// more before judging whether a status line follows. Measured in Chromium: `hello` after
    /// a 103 left fetch() pending, 16 bytes of junk failed it at once.
    pub status_line_needs: usize,
    /// A stored response whose body is shorter or longer than its Content-Length is a
    /// truncated entry and answers nothing. Measured in Chromium: a 204 with
    /// `Content-Length: 9` and `max-age=600` was asked again.
    pub cache_checks_length: bool,
    /// The statuses heuristic freshness applies to, where the engine's list is not RFC 9110
    /// §15.1's. Measured in Chromium: a 404 with only Last-Modified was asked again, a 200 or
    /// 203 was not.
    pub heuristic_statuses: Option<&'static [u16]>,
    /// A redirect it follows is stored from its head, whether or not its body ever ends.
    /// Measured in Chromium: a 301 whose body never ended answered the repeat from the cache.
    pub stores_redirect_on_head: bool,
    /// Statuses fresh without any freshness information, as long as nothing forbids storing
    /// or asks to revalidate. Measured in Chromium: a 300 with no cache header at all answered
    /// the repeat from the cache.
    pub fresh_by_default: &'static [u16],
    /// `Transfer-Encoding: identity` is ignored, as if absent (Content-Length then frames the
    /// body); RFC 9112 §6.1 knows no such coding, so the body runs until close. Measured: a
    /// 206 with `Content-Length: 5` and `Transfer-Encoding: identity` ended after 5 bytes in
    /// Chromium and Firefox.
    pub ignores_identity_transfer_encoding: bool,
    /// The probes whose values are measured in this column ([`SPEC`]: none).
    pub measured: &'static [Probe],
}

/// The probes the harness runs in every engine.
const HARNESS: &[Probe] = &[
    Probe::Fetch,
    Probe::Xhr,
    Probe::Navigation,
    Probe::Connection,
    Probe::Cache,
    Probe::Invalidation,
    Probe::Preflight,
    Probe::Beacon,
];

/// What the specs say: Fetch, XMLHttpRequest, HTML, RFC 9110, RFC 9111 and RFC 9112.
pub const SPEC: Behaviour = Behaviour {
    network_error: "TypeError",
    // Fetch, "the Request constructor" step 24.2-3; XMLHttpRequest, open() steps 5-6.
    refused_method: RefusedMethod {
        fetch_not_token: "TypeError",
        fetch_forbidden: "TypeError",
        xhr_not_token: "SyntaxError",
        xhr_forbidden: "SecurityError",
    },
    null_body: NullBody::NullBodyStatusAndHead,
    // RFC 9112 §6.3: only 1xx, 204 and 304 (and responses to HEAD) end at their headers.
    bodiless_205: false,
    reads_length_of_no_content: false,
    leftover: Leftover::ReadAsNextResponse,
    closes_after_unsized_no_content: false,
    // HTML aborts a navigation for 204 and 205 only.
    keeps_document_on_304: false,
    // HTML (navigating, "create navigation params by fetching") ends a navigation answered
    // by 204 or 205 before the X-Frame-Options check that follows it.
    denied_frame_shown_for_no_content: false,
    // RFC 9110 §15.3.6 asks the user agent to reset the document view.
    resets_form_on_205: true,
    // RFC 9110 §15.1 lists 204 as heuristically cacheable.
    heuristic_freshness_for_204: true,
    // XMLHttpRequest, "handle response end-of-body", fires progress before load.
    xhr_progress_on_empty_body: true,
    xhr_waits_for_body_before_headers: false,
    // Fetch, "HTTP-network fetch": a decoding failure errors the body stream.
    undecodable: Undecodable::BodyFails,
    content_length: ContentLength::Rfc,
    dedups_repeated_content_length: false,
    plus_sign_in_length: false,
    blob_type: BlobType::Serialized,
    xhr_error_arraybuffer_empty: false,
    // RFC 9112 §6.3 item 3: such a message "ought to be handled as an error".
    closes_after_chunked_with_length: true,
    invalidated_by: Invalidating::Unsafe,
    invalidates_on_error: false,
    invalidation_unmeasured_while_body_open: false,
    invalidation_skips_redirects: false,
    preflight_waits_for_body: false,
    caches_head: true,
    // HTML, "navigate": the document is created from the response as it arrives.
    navigation_waits_for_body: false,
    ignores_identity_transfer_encoding: false,
    xhr_holds: Held::Nothing,
    navigation_holds: Held::Nothing,
    response_waits_for_body: false,
    xhr_document_null_on_zero_length: false,
    loading_navigation_unobservable: false,
    not_invalidated_by: &[],
    stores_304: false,
    cache_statuses: None,
    ignores_unchunked_transfer_encoding: false,
    navigation_commits_on_raw_bytes: false,
    no_iframe_load_on_error_page: false,
    no_iframe_load_after_undecodable: false,
    fresh_by_default: &[],
    status_line_needs: 0,
    cache_checks_length: false,
    stores_redirect_on_head: false,
    heuristic_statuses: None,
    measured: &[],
};

/// Chromium 156 (docs/measurements/chromium.md).
pub const CHROMIUM_BEHAVIOUR: Behaviour = Behaviour {
    network_error: "TypeError: Failed to fetch",
    refused_method: RefusedMethod {
        fetch_not_token: "TypeError: Failed to execute 'fetch' on 'Window': '{method}' is not a valid HTTP method.",
        fetch_forbidden: "TypeError: Failed to execute 'fetch' on 'Window': '{method}' HTTP method is unsupported.",
        xhr_not_token: "SyntaxError: Failed to execute 'open' on 'XMLHttpRequest': '{method}' is not a valid HTTP method.",
        xhr_forbidden: "SecurityError: Failed to execute 'open' on 'XMLHttpRequest': '{method}' HTTP method is unsupported.",
    },
    null_body: NullBody::Never,
    bodiless_205: true,
    reads_length_of_no_content: false,
    leftover: Leftover::CloseConnection,
    closes_after_unsized_no_content: false,
    keeps_document_on_304: true,
    denied_frame_shown_for_no_content: false,
    resets_form_on_205: false,
    heuristic_freshness_for_204: false,
    xhr_progress_on_empty_body: false,
    xhr_waits_for_body_before_headers: true,
    undecodable: Undecodable::BodyFails,
    content_length: ContentLength::IgnoresInvalidRefusesDifferent,
    dedups_repeated_content_length: false,
    plus_sign_in_length: false,
    blob_type: BlobType::Essence,
    xhr_error_arraybuffer_empty: false,
    closes_after_chunked_with_length: false,
    invalidated_by: Invalidating::Named,
    invalidates_on_error: false,
    invalidation_unmeasured_while_body_open: true,
    invalidation_skips_redirects: false,
    preflight_waits_for_body: false,
    caches_head: false,
    navigation_waits_for_body: true,
    ignores_identity_transfer_encoding: true,
    xhr_holds: Held::Sniffed,
    navigation_holds: Held::Sniffed,
    response_waits_for_body: false,
    xhr_document_null_on_zero_length: false,
    loading_navigation_unobservable: false,
    not_invalidated_by: &[],
    stores_304: true,
    cache_statuses: None,
    ignores_unchunked_transfer_encoding: true,
    navigation_commits_on_raw_bytes: true,
    no_iframe_load_on_error_page: true,
    no_iframe_load_after_undecodable: true,
    fresh_by_default: &[300, 301, 308, 410],
    status_line_needs: 8,
    cache_checks_length: true,
    stores_redirect_on_head: true,
    heuristic_statuses: Some(&[200, 203, 206]),
    measured: HARNESS,
};

/// Firefox ESR 153 (docs/measurements/firefox.md).
pub const FIREFOX_BEHAVIOUR: Behaviour = Behaviour {
    network_error: "TypeError: NetworkError when attempting to fetch resource.",
    refused_method: RefusedMethod {
        fetch_not_token: "TypeError: Window.fetch: Invalid request method {method}.",
        fetch_forbidden: "TypeError: Window.fetch: Invalid request method {method}.",
        xhr_not_token: "SyntaxError: An invalid or illegal string was specified",
        xhr_forbidden: "SecurityError: The operation is insecure.",
    },
    null_body: NullBody::HeadOnly,
    bodiless_205: true,
    reads_length_of_no_content: true,
    leftover: Leftover::SkipToStatusLine,
    closes_after_unsized_no_content: false,
    keeps_document_on_304: false,
    denied_frame_shown_for_no_content: false,
    resets_form_on_205: false,
    heuristic_freshness_for_204: true,
    xhr_progress_on_empty_body: true,
    xhr_waits_for_body_before_headers: false,
    undecodable: Undecodable::BodyFails,
    content_length: ContentLength::RefusesDifferentEverywhere,
    dedups_repeated_content_length: true,
    plus_sign_in_length: true,
    blob_type: BlobType::Essence,
    xhr_error_arraybuffer_empty: true,
    closes_after_chunked_with_length: true,
    invalidated_by: Invalidating::Unsafe,
    invalidates_on_error: true,
    invalidation_unmeasured_while_body_open: false,
    invalidation_skips_redirects: false,
    preflight_waits_for_body: false,
    caches_head: true,
    navigation_waits_for_body: true,
    ignores_identity_transfer_encoding: true,
    xhr_holds: Held::Nothing,
    navigation_holds: Held::Untyped,
    response_waits_for_body: true,
    xhr_document_null_on_zero_length: true,
    loading_navigation_unobservable: false,
    not_invalidated_by: &[206, 304],
    stores_304: false,
    cache_statuses: Some(CacheStatuses {
        stored: &[200, 203, 204, 301, 303],
        not_stored: &[202, 205, 300, 429, 646, 967],
    }),
    ignores_unchunked_transfer_encoding: false,
    navigation_commits_on_raw_bytes: false,
    no_iframe_load_on_error_page: false,
    no_iframe_load_after_undecodable: true,
    fresh_by_default: &[],
    status_line_needs: 0,
    cache_checks_length: false,
    stores_redirect_on_head: false,
    heuristic_statuses: None,
    measured: HARNESS,
};

/// WebKitGTK 2.50 with libsoup (docs/measurements/webkit.md); cache values come from a normal
/// MiniBrowser window, since its automation session has no HTTP cache.
pub const WEBKIT_BEHAVIOUR: Behaviour = Behaviour {
    network_error: "TypeError: Load failed",
    refused_method: RefusedMethod {
        fetch_not_token: "TypeError: Method is not a valid HTTP token.",
        fetch_forbidden: "TypeError: Method is forbidden.",
        xhr_not_token: "SyntaxError: The string did not match the expected pattern.",
        xhr_forbidden: "SecurityError: The operation is insecure.",
    },
    null_body: NullBody::Never,
    bodiless_205: false,
    reads_length_of_no_content: false,
    leftover: Leftover::CloseConnection,
    closes_after_unsized_no_content: true,
    keeps_document_on_304: true,
    denied_frame_shown_for_no_content: true,
    resets_form_on_205: false,
    heuristic_freshness_for_204: true,
    xhr_progress_on_empty_body: false,
    xhr_waits_for_body_before_headers: true,
    undecodable: Undecodable::Delivered,
    content_length: ContentLength::FirstFieldOnly,
    dedups_repeated_content_length: false,
    plus_sign_in_length: false,
    blob_type: BlobType::Serialized,
    xhr_error_arraybuffer_empty: false,
    closes_after_chunked_with_length: false,
    invalidated_by: Invalidating::NotGetOrHead,
    invalidates_on_error: true,
    invalidation_unmeasured_while_body_open: true,
    invalidation_skips_redirects: true,
    preflight_waits_for_body: true,
    caches_head: false,
    navigation_waits_for_body: true,
    ignores_identity_transfer_encoding: false,
    xhr_holds: Held::Nothing,
    navigation_holds: Held::Nothing,
    response_waits_for_body: false,
    xhr_document_null_on_zero_length: false,
    loading_navigation_unobservable: true,
    not_invalidated_by: &[],
    stores_304: false,
    cache_statuses: None,
    ignores_unchunked_transfer_encoding: false,
    navigation_commits_on_raw_bytes: false,
    no_iframe_load_on_error_page: false,
    no_iframe_load_after_undecodable: false,
    fresh_by_default: &[],
    status_line_needs: 0,
    cache_checks_length: false,
    stores_redirect_on_head: false,
    heuristic_statuses: None,
    measured: HARNESS,
};

impl Behaviour {
    pub fn measures(&self, probe: Probe) -> bool {
        self.measured.contains(&probe)
    }
}

/// An engine as the exchange JSON names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EngineName {
    pub key: &'static str,
    pub label: &'static str,
}

/// The engines an exchange describes, in column order.
pub fn described() -> Vec<EngineName> {
    Engine::ALL
        .iter()
        .map(|e| EngineName {
            key: e.key(),
            label: e.label(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON keys of the columns: the contract other tools read.
    #[test]
    fn columns_have_the_json_keys_of_the_contract() {
        let keys: Vec<&str> = Column::ALL.iter().map(|c| c.key()).collect();
        assert_eq!(keys, vec!["spec", "chromium", "firefox", "webkit"]);
    }

    #[test]
    fn labels_name_what_was_measured_and_never_safari() {
        assert_eq!(
            Engine::ALL.map(Engine::label),
            ["Chromium 156", "Firefox 153", "WebKitGTK 2.50"]
        );
        assert!(Engine::ALL.iter().all(|e| !e.label().contains("Safari")));
        assert_eq!(Engine::from_key("webkit"), Some(Engine::Webkit));
        assert_eq!(Engine::from_key("safari"), None);
    }

    /// The harness names a build it finds as the product and its release, so the label the
    /// app shows and the one the harness writes into a report must share the product.
    #[test]
    fn each_label_is_its_product_and_a_release() {
        for e in Engine::ALL {
            let release = e.label().strip_prefix(e.product()).unwrap_or_default();
            assert!(
                release.starts_with(' ')
                    && release
                        .trim()
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '.'),
                "{e:?}: {:?} is not {:?} and a release",
                e.label(),
                e.product()
            );
        }
    }

    #[test]
    fn the_spec_column_measures_nothing_and_each_engine_its_probes() {
        assert!(SPEC.measured.is_empty());
        for e in Engine::ALL {
            assert!(e.behaviour().measures(Probe::Fetch), "{e:?}");
            assert!(e.behaviour().measures(Probe::Beacon), "{e:?}");
        }
    }
}
