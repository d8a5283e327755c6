//! Request methods, modelled once for every part of the engine.
//!
//! A method is case-sensitive on the wire (RFC 9110 §9.1): `get` is not `GET`, and a server
//! need not treat it as one. Browsers normalise only six methods before sending:
//! `fetch()` and XHR's `open()` upper-case DELETE, GET, HEAD, OPTIONS, POST and PUT matched
//! without regard to case, and send every other method as written, so `patch` goes out as
//! `patch` (Fetch standard, "normalize a method",
//! <https://fetch.spec.whatwg.org/#concept-method-normalize>). Everything else in the engine compares
//! methods exactly.

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

    #[test]
    fn the_other_checks_are_case_sensitive() {
        assert!(is_safe("GET") && !is_safe("get") && !is_safe("PATCH"));
        assert!(is_cors_safelisted("POST") && !is_cors_safelisted("post"));
        assert!(is_head("HEAD") && !is_head("head"));
        assert!(is_token("Patch") && !is_token("GE T") && !is_token(""));
    }
}
