//! What the response leaves behind once the client is done with it: the browser cache, a
//! cached GET of the same URL, and the connection. Each item is a [`Step`], so it carries its
//! basis and its outcome fields like the timeline's steps.
//!
//! Whether a response may be stored at all and how long it stays fresh are the specs' values
//! alone (RFC 9111): no probe measures them per engine, so they are
//! [`Basis::Spec`](crate::Basis::Spec) items.

use nocontent_engine::outcome::Claim;
use nocontent_engine::Exchange;

use crate::timeline::Step;

fn yes_no(value: &Claim<bool>, yes: &str, no: &str) -> Claim<String> {
    value.map(|b| if *b { yes.to_string() } else { no.to_string() })
}

/// The title of the freshness step, which the views explain with the glossary's
/// heuristic-freshness entry.
pub const FRESHNESS: &str = "Freshness";

/// The cache, invalidation and connection items, in the order the views show them.
pub fn aftermath(exchange: &Exchange) -> Vec<Step> {
    let cache = &exchange.outcomes.cache;
    let connection = &exchange.outcomes.connection;
    let mut items = vec![
        Step::new(
            "Cache",
            yes_no(
                &cache.stored,
                "a repeat GET is served from the browser cache",
                "a repeat GET goes to the server",
            ),
            &["cache.stored"],
        ),
        Step::new(
            "Invalidation",
            yes_no(
                &cache.invalidates_cached_get,
                "drops a cached GET of this URL",
                "leaves a cached GET of this URL alone",
            ),
            &["cache.invalidates_cached_get"],
        ),
        Step::new(
            "Connection",
            yes_no(
                &connection.reusable,
                "reused for the next request",
                "not reused",
            ),
            &["connection.reusable", "connection.next_response"],
        ),
        Step::spec(
            "Storable",
            if cache.storable {
                "RFC 9111 §3 lets a cache store this response"
            } else {
                "RFC 9111 §3 lets no cache store this response"
            },
        ),
    ];
    if cache.storable {
        let fresh = match cache.freshness_seconds {
            Some(0) => "stale at once: a stored copy is checked with the server before each use"
                .to_string(),
            Some(n) if cache.heuristically_fresh => format!(
                "fresh for {n} s by heuristics (a tenth of the time since Last-Modified, as RFC 9111 §4.2.2 suggests)"
            ),
            Some(n) => format!("fresh for {n} s (RFC 9111 §4.2.1)"),
            None => "no freshness lifetime: a stored copy is checked with the server before each use"
                .to_string(),
        };
        items.push(Step::spec(FRESHNESS, fresh));
    }
    items
}

#[cfg(test)]
mod tests {
    use nocontent_engine::simulate;

    fn freshness(headers: &[(&str, &str)]) -> String {
        let mut s = nocontent_engine::Scenario::default();
        s.request.method = "GET".into();
        s.answer.status = 200;
        s.answer.body = "{}".into();
        s.answer.headers = headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        let x = simulate(&s).expect("simulates");
        super::aftermath(&x)
            .into_iter()
            .find(|i| i.title == super::FRESHNESS)
            .map(|i| format!("{:?}", i.detail))
            .unwrap_or_default()
    }

    /// Explicit freshness cites RFC 9111 §4.2.1; only a lifetime derived from Last-Modified
    /// is called heuristic.
    #[test]
    fn freshness_says_whether_it_is_explicit_or_heuristic() {
        let explicit = freshness(&[("Cache-Control", "max-age=60")]);
        assert!(
            explicit.contains("fresh for 60 s (RFC 9111 §4.2.1)"),
            "{explicit}"
        );
        let heuristic = freshness(&[
            ("Date", "Tue, 01 Dec 2026 10:00:00 GMT"),
            ("Last-Modified", "Tue, 01 Dec 2026 09:00:00 GMT"),
        ]);
        assert!(
            heuristic.contains("fresh for 360 s by heuristics"),
            "{heuristic}"
        );
    }
}
