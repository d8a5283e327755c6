//! What the RFCs say about each status code, one table row per status.
//!
//! Lookups are generated from [`STATUS_TABLE`]; the reason phrase comes from the `http`
//! crate. Codes missing from the table fall back to their class (RFC 9110 §15).

use serde::Serialize;

use crate::cite::{self, Cite};

/// One status code and the facts the engine uses about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct StatusFact {
    pub code: u16,
    /// Where the status is defined.
    pub cite: Cite,
    /// RFC 9110 §15.1: may a cache store it without explicit freshness information?
    pub heuristically_cacheable: bool,
    /// One line on what the status means, in our words.
    pub meaning: &'static str,
}

const fn row(
    code: u16,
    cite: Cite,
    heuristically_cacheable: bool,
    meaning: &'static str,
) -> StatusFact {
    StatusFact {
        code,
        cite,
        heuristically_cacheable,
        meaning,
    }
}

/// The statuses the playground knows by name. The heuristic column is RFC 9110 §15.1's list
/// (200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501), not RFC 2616's older one.
pub static STATUS_TABLE: &[StatusFact] = &[
    row(
        100,
        cite::RFC9110_1XX,
        false,
        "Interim: the client may go on sending the request content.",
    ),
    row(
        101,
        cite::RFC9110_1XX,
        false,
        "Interim: the connection switches to another protocol.",
    ),
    row(
        103,
        cite::RFC9110_1XX,
        false,
        "Interim: hints (such as preload links) before the final response.",
    ),
    row(
        200,
        cite::RFC9110_200,
        true,
        "Success, with content that represents the result.",
    ),
    row(
        201,
        cite::RFC9110_201,
        false,
        "Success: a new resource was created, identified by Location.",
    ),
    row(
        202,
        cite::RFC9110_202,
        false,
        "Accepted for processing, which has not finished.",
    ),
    row(
        203,
        cite::RFC9110_200,
        true,
        "Success, but the content was transformed by a proxy.",
    ),
    row(
        204,
        cite::RFC9110_204,
        true,
        "Success, and there is no content to send: the response ends at the header section.",
    ),
    row(
        205,
        cite::RFC9110_205,
        false,
        "Success: the client should reset the view (a form) that sent the request; no content.",
    ),
    row(
        206,
        cite::RFC9110_200,
        true,
        "Success with only the requested ranges of the content.",
    ),
    row(
        300,
        cite::RFC9110_3XX,
        true,
        "Several representations; the client may choose one.",
    ),
    row(
        301,
        cite::RFC9110_3XX,
        true,
        "Moved permanently to the URI in Location.",
    ),
    row(
        302,
        cite::RFC9110_3XX,
        false,
        "Found temporarily at the URI in Location.",
    ),
    row(
        303,
        cite::RFC9110_3XX,
        false,
        "See the URI in Location with a GET.",
    ),
    row(
        304,
        cite::RFC9110_304,
        false,
        "Not modified: the cached copy the client validated is still good; no content.",
    ),
    row(
        307,
        cite::RFC9110_3XX,
        false,
        "Temporary redirect that keeps the method.",
    ),
    row(
        308,
        cite::RFC9110_3XX,
        true,
        "Permanent redirect that keeps the method.",
    ),
    row(400, cite::RFC9110_4XX, false, "The request was malformed."),
    row(401, cite::RFC9110_4XX, false, "Authentication is needed."),
    row(403, cite::RFC9110_4XX, false, "Understood, and refused."),
    row(
        404,
        cite::RFC9110_4XX,
        true,
        "No current representation for the target.",
    ),
    row(
        405,
        cite::RFC9110_4XX,
        true,
        "The method is not allowed on this target.",
    ),
    row(
        409,
        cite::RFC9110_4XX,
        false,
        "Conflicts with the current state of the resource.",
    ),
    row(410, cite::RFC9110_4XX, true, "Gone, and likely for good."),
    row(
        412,
        cite::RFC9110_4XX,
        false,
        "A precondition (If-Match and the like) failed.",
    ),
    row(414, cite::RFC9110_4XX, true, "The target URI is too long."),
    row(
        415,
        cite::RFC9110_4XX,
        false,
        "The content's media type is not supported.",
    ),
    row(
        422,
        cite::RFC9110_4XX,
        false,
        "The content is well-formed but cannot be processed.",
    ),
    row(
        429,
        cite::RFC9110_4XX,
        false,
        "Too many requests (RFC 6585).",
    ),
    row(
        500,
        cite::RFC9110_5XX,
        false,
        "The server failed unexpectedly.",
    ),
    row(
        501,
        cite::RFC9110_5XX,
        true,
        "The server does not support the method.",
    ),
    row(
        502,
        cite::RFC9110_5XX,
        false,
        "A gateway got a bad answer upstream.",
    ),
    row(503, cite::RFC9110_5XX, false, "Temporarily unavailable."),
    row(
        504,
        cite::RFC9110_5XX,
        false,
        "A gateway timed out upstream.",
    ),
];

/// The statuses the playground offers first.
pub const FEATURED: [u16; 5] = [200, 201, 204, 205, 304];

/// The row for `code`, if the table has one.
pub fn fact(code: u16) -> Option<&'static StatusFact> {
    STATUS_TABLE.iter().find(|f| f.code == code)
}

/// The reason phrase a server would send, or "" for codes without a registered phrase.
pub fn reason(code: u16) -> &'static str {
    http::StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

/// Where a code is defined: its own section, else its class's.
pub fn cite_for(code: u16) -> Cite {
    match fact(code) {
        Some(f) => f.cite,
        None => match code {
            100..=199 => cite::RFC9110_1XX,
            200..=299 => cite::RFC9110_200,
            300..=399 => cite::RFC9110_3XX,
            400..=499 => cite::RFC9110_4XX,
            500..=599 => cite::RFC9110_5XX,
            _ => cite::RFC9110_STATUS,
        },
    }
}

/// RFC 9110 §15.1: statuses a cache may reuse with heuristic freshness.
pub fn heuristically_cacheable(code: u16) -> bool {
    fact(code).is_some_and(|f| f.heuristically_cacheable)
}

/// Fetch's redirect statuses: 301, 302, 303, 307 and 308 are followed when they carry a
/// `Location`; 300, 304, 305 and 306 never are.
pub fn is_redirect(code: u16) -> bool {
    matches!(code, 301 | 302 | 303 | 307 | 308)
}

/// RFC 9112 §6.3 rule 1: responses that end at the header section whatever their headers say.
pub fn never_has_content(code: u16) -> bool {
    (100..200).contains(&code) || code == 204 || code == 304
}

/// Fetch's null body statuses: a `Response` with one of these has `body === null`.
pub fn is_null_body_status(code: u16) -> bool {
    matches!(code, 101 | 103 | 204 | 205 | 304)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(code: u16, expected: (&str, bool, bool, bool)) {
        let got = (
            reason(code),
            heuristically_cacheable(code),
            never_has_content(code),
            is_null_body_status(code),
        );
        assert_eq!(got, expected, "status {code}");
    }

    #[test]
    fn status_facts() {
        check(200, ("OK", true, false, false));
        check(201, ("Created", false, false, false));
        check(204, ("No Content", true, true, true));
        check(205, ("Reset Content", false, false, true));
        check(304, ("Not Modified", false, true, true));
        check(103, ("Early Hints", false, true, true));
        check(302, ("Found", false, false, false));
        check(599, ("", false, false, false));
    }

    /// A code with no row of its own is cited by its class's section.
    #[test]
    fn an_unlisted_code_cites_its_class() {
        assert_eq!(cite_for(150), cite::RFC9110_1XX);
        assert_eq!(cite_for(250), cite::RFC9110_200);
        assert_eq!(cite_for(350), cite::RFC9110_3XX);
        assert_eq!(cite_for(450), cite::RFC9110_4XX);
        assert_eq!(cite_for(550), cite::RFC9110_5XX);
        assert_eq!(cite_for(204), cite::RFC9110_204);
    }

    #[test]
    fn table_is_sorted_unique_and_matches_rfc_9110_heuristic_list() {
        assert!(STATUS_TABLE.windows(2).all(|w| w[0].code < w[1].code));
        let heuristic: Vec<u16> = STATUS_TABLE
            .iter()
            .filter(|f| f.heuristically_cacheable)
            .map(|f| f.code)
            .collect();
        assert_eq!(
            heuristic,
            [200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501]
        );
        assert_eq!(cite_for(418), cite::RFC9110_4XX);
    }
}
