//! Small text helpers shared by the timeline, the matrix, the snippets and the app's views:
//! cutting values to a length, writing counts with thousands separators, counting bytes, naming a status, and the request's method and URL as a browser
//! would use them.
//!
//! Nothing here panics on any input: scenario text is only ever iterated, escaped and
//! truncated by characters, never indexed.

use serde_json::Value;

use nocontent_engine::method;
use nocontent_engine::outcome::JsResult;
use nocontent_engine::wire::{LengthRule, HOST};
use nocontent_engine::Exchange;

/// The longest value quoted in a sentence, in characters.
pub(crate) const SHOWN_CHARS: usize = 80;
/// The longest value quoted in a matrix cell, in characters.
pub(crate) const CELL_CHARS: usize = 24;

/// Cuts `s` to `max` characters, marking the cut with an ellipsis.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() > max {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    } else {
        s.to_string()
    }
}

/// `12345` as `12,345`, as the app writes counts in messages.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A JSON value as a script would print it, cut to `max` characters.
pub(crate) fn shown(v: &Value, max: usize) -> String {
    truncate(&v.to_string(), max)
}

/// "no bytes", "1 byte", "5 bytes" (the engine's wording, as its findings use it).
pub use nocontent_engine::lint::bytes;

/// "204 No Content", or "799" when the code has no reason phrase.
pub(crate) fn status_line(status: u16, reason: &str) -> String {
    let reason = reason.trim();
    if reason.is_empty() {
        status.to_string()
    } else {
        format!("{status} {}", truncate(reason, SHOWN_CHARS))
    }
}

pub(crate) fn is_empty_text(r: &JsResult) -> bool {
    matches!(r, JsResult::Value(Value::String(s)) if s.is_empty())
}

/// The method as a script's `fetch()` or XHR would send it: trimmed, the six standard
/// methods upper-cased and any other as written ([`method::normalize`]); empty means GET.
pub(crate) fn method_of(method: &str) -> String {
    let m = method.trim();
    if m.is_empty() {
        "GET".into()
    } else {
        method::normalize(m)
    }
}

/// The method as it went on the wire, for sentences.
pub(crate) fn wire_method(method: &str) -> String {
    let m = method.trim();
    if m.is_empty() {
        "(no method)".into()
    } else {
        truncate(m, 24)
    }
}

/// The absolute URL a target refers to on the simulated host.
pub(crate) fn url_of(target: &str) -> String {
    if target.starts_with("http://") || target.starts_with("https://") {
        target.to_string()
    } else if target.starts_with('/') {
        format!("https://{HOST}{target}")
    } else {
        // "*" (or a target the engine would refuse) has no URL of its own: use the root.
        format!("https://{HOST}/")
    }
}

/// Why a browser treats the response as a network error, from the exchange alone.
pub(crate) fn unusable_reason(exchange: &Exchange) -> &'static str {
    match &exchange.framing {
        None => "the bytes are not a valid HTTP/1.1 response",
        Some(f) if f.rule == LengthRule::InvalidLength => "the Content-Length is invalid",
        Some(f) if !f.complete => "the response ends before its declared length",
        Some(_) if !(200..=599).contains(&exchange.response.status) => {
            "the status is outside 200 to 599, which browsers do not deliver"
        }
        Some(_) => "the response cannot be used",
    }
}

/// True when, by the specs, the response never reaches scripts: fetch rejects, XHR fires
/// `error`.
pub(crate) fn network_error(exchange: &Exchange) -> bool {
    exchange.outcomes.fetch.rejects.spec().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Why a browser cannot use a response, for the three framings that fail.
    #[test]
    fn an_unusable_response_says_why() {
        use nocontent_engine::scenario::Framing;
        let reason = |headers: &[(&str, &str)], body: &str| {
            let mut s = nocontent_engine::Scenario::default();
            s.answer.status = 200;
            s.answer.framing = Framing::None;
            s.answer.headers = headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect();
            s.answer.body = body.into();
            unusable_reason(&nocontent_engine::simulate(&s).expect("simulates"))
        };
        assert_eq!(
            reason(&[("Content-Length", "10")], "short"),
            "the response ends before its declared length"
        );
        assert_eq!(
            reason(&[("Content-Length", "abc")], ""),
            "the Content-Length is invalid"
        );
        // A complete response can still be unusable: its status is out of range.
        let mut s = nocontent_engine::Scenario::default();
        s.answer.status = 999;
        s.answer.headers = vec![("Content-Length".into(), "0".into())];
        assert_eq!(
            unusable_reason(&nocontent_engine::simulate(&s).expect("simulates")),
            "the status is outside 200 to 599, which browsers do not deliver"
        );
        // A complete response in range has no reason of its own to give.
        s.answer.status = 200;
        assert_eq!(
            unusable_reason(&nocontent_engine::simulate(&s).expect("simulates")),
            "the response cannot be used"
        );
    }

    /// An absolute target is used as it is; a path is put on the simulated host.
    #[test]
    fn a_target_becomes_a_url() {
        assert_eq!(url_of("http://a.test/x"), "http://a.test/x");
        assert_eq!(url_of("https://a.test/x"), "https://a.test/x");
        assert_eq!(url_of("/items/42"), format!("https://{HOST}/items/42"));
    }

    #[test]
    fn truncation_marks_only_a_cut() {
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "abc…");
        assert_eq!(truncate("ééé", 2), "éé…");
    }

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(0), "0");
    }
}
