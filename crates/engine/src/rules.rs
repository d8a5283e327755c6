//! The lint rules: one table row per rule, with a stable id, a level, a one-line summary, a
//! detail text and the section it rests on. `lint.rs` decides when each one applies.

use serde::Serialize;

use crate::cite::{self, Cite};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warn,
    Info,
    Good,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Error, Level::Warn, Level::Info, Level::Good];

    pub fn label(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warn => "warning",
            Level::Info => "info",
            Level::Good => "good",
        }
    }
}

/// One lint rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub id: &'static str,
    pub level: Level,
    pub summary: &'static str,
    pub detail: &'static str,
    pub cite: Cite,
}

macro_rules! rules {
    ($($name:ident: $level:ident, $cite:expr, $summary:literal, $detail:literal;)*) => {
        $(pub const $name: Rule = Rule {
            id: stringify!($name),
            level: Level::$level,
            summary: $summary,
            detail: $detail,
            cite: $cite,
        };)*
        /// Every rule, in the order they are listed.
        pub static ALL: &[Rule] = &[$($name),*];
    };
}

rules! {
    NO_CONTENT_WITH_BODY: Error, cite::RFC9110_204,
        "A 204 response carries content",
        "A 204 ends at the empty line after its headers; it cannot have content. Clients stop reading there, so any bytes the server sends after it are not a body but garbage in front of the next response on the connection.";
    CONTENT_LENGTH_FORBIDDEN: Error, cite::RFC9110_CONTENT_LENGTH,
        "Content-Length on a 1xx or 204 response",
        "A server must not send Content-Length in a 1xx or 204 response. Clients ignore it for framing, but some still show it (fetch exposes it in response.headers), which misleads readers of the response.";
    TRANSFER_ENCODING_FORBIDDEN: Error, cite::RFC9112_TRANSFER_ENCODING,
        "Transfer-Encoding on a 1xx or 204 response",
        "A server must not send Transfer-Encoding in a 1xx or 204 response: there is no body to encode.";
    RESET_CONTENT_WITH_BODY: Error, cite::RFC9110_205,
        "A 205 response carries content",
        "205 tells the client to reset the view that sent the request; the server must not generate content for it. Browsers treat a 205 as bodiless, so the bytes are dropped, and Chromium closes the connection instead of reusing it.";
    RESET_CONTENT_UNFRAMED: Error, cite::RFC9110_205,
        "A 205 response without zero-length framing",
        "RFC 9110 requires a 205 to say its content is empty in one of three ways: Content-Length: 0, chunked with only the final zero-size chunk, or closing the connection after the headers. Without one, a client following RFC 9112 reads until the connection closes.";
    NOT_MODIFIED_WITH_BODY: Error, cite::RFC9110_304,
        "A 304 response carries content",
        "A 304 ends at its header section; it cannot contain content. The bytes after it would be read as the start of the next response.";
    HEAD_WITH_BODY: Error, cite::RFC9110_HEAD,
        "A response to HEAD carries content",
        "A server must not send content in a response to HEAD. The client reads no body, so the bytes become garbage in front of the next response.";
    HEAD_LENGTH_MISMATCH: Warn, cite::RFC9110_HEAD,
        "HEAD's Content-Length differs from what GET would send",
        "A HEAD response should carry the same header fields a GET would, so Content-Length should be the length of the GET content. A client that uses HEAD to size a download gets the wrong number.";
    CONTENT_TYPE_WITHOUT_CONTENT: Info, cite::RFC9110_CONTENT_TYPE,
        "Content-Type on a response that has no content",
        "Content-Type describes content, and a 204 (or 205, 304) has none. It does no harm, but it says nothing, and it often means a framework added it by default.";
    VALIDATOR_AFTER_WRITE: Info, cite::RFC9110_PUT,
        "A validator in a successful response to PUT or PATCH",
        "ETag or Last-Modified in a 2xx to PUT promises that the stored representation is exactly what the client sent, with no transformation; only then may the client keep its copy and use the validator in its next conditional request (If-Match).";
    NO_CONTENT_TO_GET: Info, cite::RFC9110_204,
        "A GET answered with 204",
        "Allowed, but unusual: the client asked for a representation and gets none. A navigation or form to this URL leaves the page as it is; fetch and XHR see an empty body.";
    EMPTY_200: Info, cite::RFC9110_204,
        "A 200 with empty (or {}) content, where 204 says it better",
        "A 200 with zero bytes of content, or an empty JSON object, is valid, but 204 tells the client up front that there is nothing to read, and browsers then keep the current page instead of navigating to a blank one.";
    CREATED_WITHOUT_LOCATION: Warn, cite::RFC9110_201,
        "A 201 without Location",
        "Without Location, the created resource is taken to be the target URI itself. For a POST to a collection that is rarely true: send Location with the new resource's URI.";
    CREATED_WITH_LOCATION: Good, cite::RFC9110_LOCATION,
        "201 names the new resource in Location",
        "The client learns the URI of what it created without parsing the content.";
    PREFLIGHT_NOT_OK: Error, cite::FETCH_PREFLIGHT,
        "The CORS preflight is answered with a non-2xx status",
        "A preflight passes only with an ok status (200 to 299); any other status fails it whatever the CORS headers say, and the real request is never sent. 204 and 200 both work.";
    PREFLIGHT_NO_ALLOW_ORIGIN: Error, cite::FETCH_CORS_CHECK,
        "The preflight response has no matching Access-Control-Allow-Origin",
        "The CORS check needs Access-Control-Allow-Origin equal to the page's origin (or * for requests without credentials); otherwise the browser blocks the request.";
    PREFLIGHT_METHOD_NOT_ALLOWED: Error, cite::FETCH_PREFLIGHT,
        "The preflight does not allow the request's method",
        "Methods other than GET, HEAD and POST must be listed in Access-Control-Allow-Methods (or * without credentials), or the real request is not sent.";
    PREFLIGHT_HEADERS_NOT_ALLOWED: Error, cite::FETCH_PREFLIGHT,
        "The preflight does not allow all of the request's headers",
        "Every request header that is not CORS-safelisted must be listed in Access-Control-Allow-Headers (or * without credentials), or the real request is not sent.";
    PREFLIGHT_OK: Good, cite::FETCH_PREFLIGHT,
        "The preflight passes",
        "An ok status with matching Access-Control-Allow-* headers: the browser sends the real request next.";
    NO_CONTENT_CACHEABLE: Info, cite::RFC9110_HEURISTIC,
        "A 204 to GET may be cached without being asked to",
        "204 is heuristically cacheable (RFC 9110 §15.1), so a cache may store it and reuse it without checking with the server, unless Cache-Control says otherwise. Chromium 156 does not apply heuristic freshness to 204, but does cache it when max-age is given.";
    UNSAFE_INVALIDATES: Info, cite::RFC9111_INVALIDATION,
        "This response invalidates the cached GET for the same URL",
        "A non-error response to an unsafe method (POST, PUT, PATCH, DELETE) makes caches drop what they stored for the target URI, so the next GET goes to the server. Chromium does this for the exact URL, query string included.";
    FIELD_NAME_INVALID: Error, cite::RFC9110_FIELD_NAMES,
        "A header name is not a valid token",
        "Field names are tokens: letters, digits and a few symbols, with no spaces, colons or control characters. Servers and browsers reject or misread such a header, so it was left out.";
    FIELD_VALUE_INVALID: Error, cite::RFC9110_FIELD_VALUES,
        "A header value holds CR, LF or another forbidden character",
        "A line break inside a value ends the header line, letting the rest inject new headers or even a body (response splitting). Values must not contain CR, LF or NUL, so it was left out.";
    METHOD_INVALID: Error, cite::RFC9110_METHODS,
        "The request method is not a valid token",
        "A method is a token (such as GET or PATCH): no spaces, separators or control characters. A server answers such a request with 400, and browsers refuse to send it.";
    STATUS_OUT_OF_RANGE: Error, cite::RFC9110_STATUS,
        "The status code is outside 100 to 599",
        "Only 100 to 599 are valid status codes. Clients may treat anything else as an error; fetch fails on it.";
    STATUS_UNREGISTERED: Info, cite::RFC9110_STATUS,
        "The status code has no registered meaning",
        "A client that does not know a code treats it as the x00 code of its class (a 299 as a 200).";
    CONTENT_LENGTH_MISMATCH: Error, cite::RFC9112_MESSAGE_LENGTH,
        "Content-Length does not match the bytes sent",
        "Clients read exactly Content-Length bytes. Fewer bytes leave the message incomplete; more bytes are read as the start of the next response on the connection.";
    CONTENT_LENGTH_INVALID: Error, cite::RFC9112_MESSAGE_LENGTH,
        "Content-Length is not a single decimal number",
        "An invalid or conflicting Content-Length makes the framing unrecoverable: the client must discard the response and close the connection.";
    TRANSFER_ENCODING_WITH_CONTENT_LENGTH: Error, cite::RFC9112_TRANSFER_ENCODING,
        "Both Transfer-Encoding and Content-Length",
        "A sender must not send both. Transfer-Encoding wins, the message may be an attempt at request smuggling, and the connection must be closed afterwards.";
    CLOSE_DELIMITED: Warn, cite::RFC9112_MESSAGE_LENGTH,
        "The body ends only when the connection closes",
        "Without Content-Length or chunked, the client reads until the server closes. That works, but the connection cannot be reused and a truncated body looks complete.";
    NEVER_ENDS: Error, cite::RFC9112_MESSAGE_LENGTH,
        "The response never ends",
        "Nothing declares the body length and the server keeps the connection open, so the client waits for the close that defines the end of the body until it times out.";
    LEFTOVER_BYTES: Error, cite::RFC9112_PERSISTENCE,
        "Bytes left over after the response on a kept-alive connection",
        "After a complete response, the next bytes on a persistent connection must be the next response. Here they are leftovers, so a client that reuses the connection misreads the next response; Chromium closes the connection instead.";
    NOT_MODIFIED_UNCONDITIONAL: Warn, cite::RFC9110_304,
        "A 304 to a request that was not conditional",
        "A 304 answers If-None-Match or If-Modified-Since. Sent to a plain request, the client has no cached copy to fall back on: fetch sees status 304 with an empty body.";
    NO_CONTENT_CLEAN: Good, cite::RFC9110_204,
        "A clean 204",
        "No content, no Content-Length, nothing after the header section: every client reads it the same way.";
    RESET_CONTENT_CLEAN: Good, cite::RFC9110_205,
        "A clean 205",
        "Zero-length framing and no content, as RFC 9110 requires.";
    MESSAGE_UNPARSEABLE: Error, cite::RFC9112_STATUS_LINE,
        "The bytes are not an HTTP/1.1 response",
        "The status line or header section could not be parsed; a browser fails the request with a network error.";
}

/// The rule with this id.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    ALL.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_unique_uppercase_and_complete() {
        let mut ids: Vec<&str> = ALL.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ALL.len(), "duplicate rule ids");
        for rule in ALL {
            assert!(
                rule.id
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
                "{}",
                rule.id
            );
            assert!(
                !rule.summary.ends_with('.'),
                "{}: a summary is one line without a full stop",
                rule.id
            );
            assert!(
                rule.detail.ends_with('.'),
                "{}: a detail is sentences",
                rule.id
            );
            assert!(rule.cite.url.starts_with("https://"), "{}", rule.id);
        }
        assert_eq!(
            by_id("NO_CONTENT_WITH_BODY").map(|r| r.level),
            Some(Level::Error)
        );
    }
}
