//! HTTP/1.1 bytes, in four parts: [`fields`] validates header fields and holds the [`Fields`]
//! list, [`write`] writes the request and the response, [`conform`] is the conforming rewrite
//! a careful server applies first, and [`read`] reads a response back the way a client does
//! (RFC 9112 §6.3), which decides where the body ends and what is left over.

use serde::Serialize;

use crate::cite::Cite;

mod conform;
pub mod fields;
pub mod read;
pub mod write;

pub use fields::{
    check_fields, is_forbidden_request_header, name_problem, value_problem, BadField, FieldProblem,
    Fields,
};
pub use read::{
    dechunk, parse_response, parse_response_as, LengthRule, ParseError, Parsed, Reading,
};
pub use write::{build_response, request_bytes, Sent};

/// The host every simulated request goes to.
pub const HOST: &str = "api.example.com";
/// The origin of the page that sends cross-origin requests.
pub const PAGE_ORIGIN: &str = "https://app.example.com";
/// Headers beyond this many are refused as input, like a server's header-count limit.
pub const MAX_HEADERS: usize = 100;

/// Something a conforming server changed, and the rule that made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub what: String,
    pub section: &'static str,
    pub url: &'static str,
}

impl Change {
    fn new(what: impl Into<String>, cite: Cite) -> Change {
        Change {
            what: what.into(),
            section: cite.section,
            url: cite.url,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Answer, Framing, SendMode};

    fn answer(status: u16, body: &str, framing: Framing, send: SendMode) -> Answer {
        Answer {
            status,
            headers: Vec::new(),
            body: body.into(),
            framing,
            send,
        }
    }

    /// Builds, then reads back; checks the bytes and the client's view.
    fn check(
        method: &str,
        answer: Answer,
        headers: &[(&str, &str)],
        bytes: &str,
        read: (LengthRule, &str, usize),
    ) {
        let headers: Vec<(String, String)> = headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        let sent = build_response(method, &answer, headers.into());
        assert_eq!(sent.bytes, bytes);
        let parsed = parse_response(method, sent.bytes.as_bytes(), sent.closes).expect("parses");
        assert_eq!(
            (parsed.rule, parsed.content.as_str(), parsed.leftover),
            read,
            "{}",
            parsed.decision
        );
    }

    #[test]
    fn builds_and_reads_back() {
        use Framing::*;
        use SendMode::*;
        check(
            "DELETE",
            answer(204, "", Auto, AsWritten),
            &[],
            "HTTP/1.1 204 No Content\r\n\r\n",
            (LengthRule::NoBody, "", 0),
        );
        check(
            "GET",
            answer(204, "hello", Auto, AsWritten),
            &[],
            "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello",
            (LengthRule::NoBody, "", 5),
        );
        check(
            "GET",
            answer(204, "hello", Auto, Conforming),
            &[],
            "HTTP/1.1 204 No Content\r\n\r\n",
            (LengthRule::NoBody, "", 0),
        );
        check(
            "POST",
            answer(205, "", None, AsWritten),
            &[],
            "HTTP/1.1 205 Reset Content\r\n\r\n",
            (LengthRule::UntilClose, "", 0),
        );
        check(
            "POST",
            answer(205, "x", None, Conforming),
            &[],
            "HTTP/1.1 205 Reset Content\r\nContent-Length: 0\r\n\r\n",
            (LengthRule::ContentLength, "", 0),
        );
        check(
            "PUT",
            answer(200, "{}", Auto, AsWritten),
            &[],
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}",
            (LengthRule::ContentLength, "{}", 0),
        );
        check(
            "GET",
            answer(200, "abc", Chunked, AsWritten),
            &[],
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            (LengthRule::Chunked, "abc", 0),
        );
        check(
            "GET",
            answer(200, "abc", Close, AsWritten),
            &[],
            "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nabc",
            (LengthRule::UntilClose, "abc", 0),
        );
        check(
            "HEAD",
            answer(200, "0123456789", Auto, Conforming),
            &[],
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n",
            (LengthRule::NoBody, "", 0),
        );
        check(
            "GET",
            answer(200, "abc", Auto, AsWritten),
            &[("Content-Length", "2")],
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nabc",
            (LengthRule::ContentLength, "ab", 1),
        );
        check(
            "GET",
            answer(304, "", Auto, AsWritten),
            &[("ETag", "\"v1\"")],
            "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n\r\n",
            (LengthRule::NoBody, "", 0),
        );
    }

    #[test]
    fn conforming_changes_cite_their_rules() {
        let sent = build_response(
            "GET",
            &answer(204, "hi", Framing::ContentLength, SendMode::Conforming),
            vec![("Content-Length".to_string(), "2".to_string())].into(),
        );
        let sections: Vec<&str> = sent.changes.iter().map(|c| c.section).collect();
        assert_eq!(sections, ["RFC 9110 §15.3.5", "RFC 9110 §8.6"]);
    }
}
