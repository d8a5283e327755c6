//! Request methods, modelled once for every part of the engine.
//!
//! A method is case-sensitive on the wire (RFC 9110 §9.1): `get` is not `GET`, and a server
//! need not treat it as one. Browsers normalise only six methods before sending:
//! `fetch()` and XHR's `open()` upper-case DELETE, GET, HEAD, OPTIONS, POST and PUT matched
//! without regard to case, and send every other method as written, so `patch` goes out as
//! `patch` (Fetch standard, "normalize a method",
//! <https://fetch.spec.whatwg.org/#concept-method-normalize>). Everything else in the engine compares
//! methods exactly.

use crate::cite::{self, Cite};
use crate::scenario::ClientKind;

/// The methods `fetch()` and XHR upper-case.
const NORMALIZED: [&str; 6] = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];

/// The method as `fetch()` or XHR sends it: one of the six standard methods upper-cased
/// when it matches without regard to case, any other method unchanged.
pub fn normalize(method: &str) -> String {
    NORMALIZED
        .iter()
        .find(|m| m.eq_ignore_ascii_case(method))
        .map_or_else(|| method.to_string(), |m| (*m).to_string())
}

/// Why a browser script client refuses a method before sending anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a token (RFC 9110 §9.1): `fetch()` rejects with a TypeError and XHR's `open()`
    /// throws a SyntaxError.
    NotToken,
    /// CONNECT, TRACE or TRACK in any case, Fetch's forbidden methods: `fetch()` rejects with a
    /// TypeError and XHR's `open()` throws a SecurityError.
    Forbidden,
}

/// Does `fetch()` or XHR refuse `method` (as typed or normalised; both refuse the same)?
/// Measured in each engine by `e2e/tests/methods.rs`.
pub fn refusal(method: &str) -> Option<Refusal> {
    if !is_token(method) {
        Some(Refusal::NotToken)
    } else if is_forbidden(method) {
        Some(Refusal::Forbidden)
    } else {
        None
    }
}

/// Fetch's forbidden methods, matched without regard to case.
pub fn is_forbidden(method: &str) -> bool {
    ["CONNECT", "TRACE", "TRACK"]
        .iter()
        .any(|m| m.eq_ignore_ascii_case(method))
}

/// The method a client puts on the wire for the one typed, and why it is another when it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentMethod {
    pub method: String,
    /// A sentence saying why the client sends another method than the one typed (not said
    /// for a case change alone), with its source.
    pub because: Option<(String, Cite)>,
}

/// The method each client sends for `typed`, as measured in Chromium, Firefox and WebKitGTK
/// (`e2e/tests/methods.rs`): a form sends POST for `post` in any case and GET for anything
/// else; a link, `location.href` and an iframe can only send GET and `sendBeacon()` only
/// POST; `fetch()` and XHR send the method normalised (see [`normalize`]).
pub fn sent_by(kind: ClientKind, typed: &str) -> SentMethod {
    let typed = typed.trim();
    let (method, because) = match kind {
        ClientKind::Form if typed.eq_ignore_ascii_case("post") => ("POST".to_string(), None),
        ClientKind::Form => (
            "GET".to_string(),
            (!typed.eq_ignore_ascii_case("get")).then(|| {
                (
                    format!("A form submits only with GET or POST: method=\"{typed}\" is not one of them, so the browser sends GET, without a body (a GET form puts its fields in the query)."),
                    cite::HTML_FORM_METHOD,
                )
            }),
        ),
        ClientKind::Navigation | ClientKind::Iframe => (
            "GET".to_string(),
            (typed != "GET").then(|| {
                (
                    format!("A link, location.href and an iframe have no way to choose a method: the browser sends GET, not {typed}."),
                    cite::HTML_NAVIGATE,
                )
            }),
        ),
        ClientKind::Beacon => (
            "POST".to_string(),
            (typed != "POST").then(|| {
                (
                    format!("navigator.sendBeacon() always sends POST, not {typed}."),
                    cite::BEACON,
                )
            }),
        ),
        ClientKind::Fetch | ClientKind::Xhr | ClientKind::Preflight => {
            let method = normalize(typed);
            let because = match refusal(&method) {
                Some(Refusal::NotToken) => Some((
                    format!("{typed:?} is not a method (a method is a token: letters, digits and !#$%&'*+-.^_`|~ only), so fetch() rejects and XMLHttpRequest's open() throws before anything is sent."),
                    cite::FETCH_METHOD,
                )),
                Some(Refusal::Forbidden) => Some((
                    format!("{typed} is a method browsers forbid (CONNECT, TRACE and TRACK in any case), so fetch() rejects and XMLHttpRequest's open() throws before anything is sent."),
                    cite::FETCH_FORBIDDEN_METHOD,
                )),
                None => None,
            };
            (method, because)
        }
    };
    SentMethod { method, because }
}

/// Is `method` a token, as a method must be (RFC 9110 §9.1)?
pub fn is_token(method: &str) -> bool {
    http::Method::from_bytes(method.as_bytes()).is_ok()
}

/// RFC 9110 §9.2.1: the safe methods, which a cache does not invalidate on.
pub fn is_safe(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "OPTIONS" | "TRACE")
}

/// Fetch's CORS-safelisted methods, which need no preflight by themselves.
pub fn is_cors_safelisted(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "POST")
}

/// Whether the response to `method` ends at its header section (RFC 9110 §9.3.2).
pub fn is_head(method: &str) -> bool {
    method == "HEAD"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetch_normalizes_only_the_six_standard_methods() {
        for (typed, sent) in [
            ("get", "GET"),
            ("Get", "GET"),
            ("dElEtE", "DELETE"),
            ("options", "OPTIONS"),
            ("PUT", "PUT"),
            ("patch", "patch"),
            ("Patch", "Patch"),
            ("PATCH", "PATCH"),
            ("brew", "brew"),
        ] {
            assert_eq!(normalize(typed), sent, "{typed}");
        }
    }

    /// What `e2e/tests/methods.rs` measured in all three engines.
    #[test]
    fn each_client_sends_the_method_it_can() {
        for (kind, typed, sent, explained) in [
            (ClientKind::Form, "delete", "GET", true),
            (ClientKind::Form, "PoSt", "POST", false),
            (ClientKind::Form, "get", "GET", false),
            (ClientKind::Form, "PUT", "GET", true),
            (ClientKind::Form, "", "GET", true),
            (ClientKind::Navigation, "DELETE", "GET", true),
            (ClientKind::Iframe, "GET", "GET", false),
            (ClientKind::Beacon, "PUT", "POST", true),
            (ClientKind::Fetch, "patch", "patch", false),
            (ClientKind::Fetch, "delete", "DELETE", false),
            (ClientKind::Xhr, "GE T", "GE T", true),
            (ClientKind::Preflight, "trace", "trace", true),
        ] {
            let s = sent_by(kind, typed);
            assert_eq!(
                (s.method.as_str(), s.because.is_some()),
                (sent, explained),
                "{kind:?} {typed:?}"
            );
        }
        assert_eq!(refusal("GE T"), Some(Refusal::NotToken));
        assert_eq!(refusal(""), Some(Refusal::NotToken));
        assert_eq!(refusal("connect"), Some(Refusal::Forbidden));
        assert_eq!(refusal("TRACK"), Some(Refusal::Forbidden));
        assert_eq!(refusal("patch"), None);
    }

    #[test]
    fn the_other_checks_are_case_sensitive() {
        assert!(is_safe("GET") && !is_safe("get") && !is_safe("PATCH"));
        assert!(is_cors_safelisted("POST") && !is_cors_safelisted("post"));
        assert!(is_head("HEAD") && !is_head("head"));
        assert!(is_token("Patch") && !is_token("GE T") && !is_token(""));
    }
}
