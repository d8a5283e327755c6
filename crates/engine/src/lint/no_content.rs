//! 204 No Content (RFC 9110 §15.3.5): it ends at its header section, so content, a
//! Content-Length or a Transfer-Encoding on it are mistakes; also where 204 would say more than
//! an empty 200, and a GET answered with 204.

use crate::cite;
use crate::method;
use crate::wire::LengthRule;

use super::{bytes, Cx};

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
    CONTENT_TYPE_WITHOUT_CONTENT: Info, cite::RFC9110_CONTENT_TYPE,
        "Content-Type on a response that has no content",
        "Content-Type describes content, and a 204 (or 205, 304) has none. It does no harm, but it says nothing, and it often means a framework added it by default.";
    NO_CONTENT_TO_GET: Info, cite::RFC9110_204,
        "A GET answered with 204",
        "Allowed, but unusual: the client asked for a representation and gets none. A navigation or form to this URL leaves the page as it is; fetch and XHR see an empty body.";
    EMPTY_200: Info, cite::RFC9110_204,
        "A 200 with empty (or {}) content, where 204 says it better",
        "A 200 with zero bytes of content, or an empty JSON object, is valid, but 204 tells the client up front that there is nothing to read, and browsers then keep the current page instead of navigating to a blank one.";
    NO_CONTENT_CLEAN: Good, cite::RFC9110_204,
        "A clean 204",
        "No content, no Content-Length, nothing after the header section: every client reads it the same way.";
}

pub(super) fn check(cx: &mut Cx<'_>) {
    let (p, code) = (cx.p, cx.code);
    let h = &p.headers;
    let trailing = p.leftover;
    // A HEAD response and a 304 with content are their subjects' findings.
    if p.rule == LengthRule::NoBody && trailing > 0 && !method::is_head(cx.method) && code == 204 {
        cx.add(
            NO_CONTENT_WITH_BODY,
            Some(format!("{} after the header section", bytes(trailing))),
        );
    }
    let bodiless = (100..200).contains(&code) || code == 204;
    if bodiless && h.contains("content-length") {
        cx.add(
            CONTENT_LENGTH_FORBIDDEN,
            h.get("content-length")
                .map(|v| format!("Content-Length: {v}")),
        );
    }
    if bodiless && h.contains("transfer-encoding") {
        cx.add(TRANSFER_ENCODING_FORBIDDEN, None);
    }
    if code == 204
        && !h.contains("content-length")
        && !h.contains("transfer-encoding")
        && trailing == 0
    {
        cx.add(NO_CONTENT_CLEAN, None);
    }
    if matches!(code, 204 | 205) && h.contains("content-type") {
        cx.add(
            CONTENT_TYPE_WITHOUT_CONTENT,
            h.get("content-type").map(|v| format!("Content-Type: {v}")),
        );
    }
    if cx.method == "GET" && code == 204 {
        cx.add(NO_CONTENT_TO_GET, None);
    }
    // An empty JSON object says as little as no content at all.
    let trivial = matches!(p.content.trim(), "" | "{}");
    if code == 200
        && !matches!(cx.method, "GET" | "HEAD")
        && trivial
        && p.complete
        && !p.waits_for_close
        && cx.input.preflight.is_none()
    {
        let note = if p.content.is_empty() {
            "the content is empty"
        } else {
            "the content is just {}"
        };
        cx.add(EMPTY_200, Some(note.to_string()));
    }
}

#[cfg(test)]
pub(super) const CASES: &[super::cases::Case] = &[
    super::cases::Case::new(
        "DELETE /items/42 HTTP/1.1\n\n",
        "HTTP/1.1 204 No Content\n\n",
        &["UNSAFE_INVALIDATES", "NO_CONTENT_CLEAN"],
    ),
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 204 No Content\n\
               Content-Length: 5\n\
               \n\
               hello",
        &[
            "NO_CONTENT_WITH_BODY",
            "CONTENT_LENGTH_FORBIDDEN",
            "LEFTOVER_BYTES",
            "NO_CONTENT_TO_GET",
            "NO_CONTENT_CACHEABLE",
        ],
    ),
    super::cases::Case::new(
        "DELETE /r HTTP/1.1\n\n",
        "HTTP/1.1 204 No Content\n\
               Transfer-Encoding: chunked\n\
               \n\
               0\n\n",
        &[
            "NO_CONTENT_WITH_BODY",
            "TRANSFER_ENCODING_FORBIDDEN",
            "LEFTOVER_BYTES",
            "UNSAFE_INVALIDATES",
        ],
    ),
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 100 Continue\n\
               Content-Length: 0\n\n",
        &["CONTENT_LENGTH_FORBIDDEN"],
    ),
    super::cases::Case::new(
        "DELETE /r HTTP/1.1\n\n",
        "HTTP/1.1 204 No Content\n\
               Content-Type: application/json\n\n",
        &[
            "CONTENT_TYPE_WITHOUT_CONTENT",
            "UNSAFE_INVALIDATES",
            "NO_CONTENT_CLEAN",
        ],
    ),
    super::cases::Case::new(
        "DELETE /r HTTP/1.1\n\n",
        "HTTP/1.1 200 OK\n\
               Content-Length: 2\n\
               \n\
               {}",
        &["EMPTY_200", "UNSAFE_INVALIDATES"],
    ),
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 204 No Content\n\
               Cache-Control: no-store\n\n",
        &["NO_CONTENT_TO_GET", "NO_CONTENT_CLEAN"],
    ),
];
