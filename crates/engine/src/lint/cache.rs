//! Caches (RFC 9111): a 204 stored without being asked to, what an unsafe method
//! invalidates, and validators after a write. Methods compare exactly: `get` is not safe.

use crate::cite;
use crate::method;

use super::Cx;

rules! {
    VALIDATOR_AFTER_WRITE: Info, cite::RFC9110_PUT,
        "A validator in a successful response to PUT or PATCH",
        "ETag or Last-Modified in a 2xx to PUT promises that the stored representation is exactly what the client sent, with no transformation; only then may the client keep its copy and use the validator in its next conditional request (If-Match).";
    NO_CONTENT_CACHEABLE: Info, cite::RFC9110_HEURISTIC,
        "A 204 to GET may be cached without being asked to",
        concat!("204 is heuristically cacheable (RFC 9110 §15.1), so a cache may store it and reuse it without checking with the server, unless Cache-Control says otherwise. ", crate::chromium!(), " does not apply heuristic freshness to 204, but does cache it when max-age is given.");
    UNSAFE_INVALIDATES: Info, cite::RFC9111_INVALIDATION,
        "This response invalidates the cached GET for the same URL",
        "A non-error response to an unsafe method (POST, PUT, PATCH, DELETE) makes caches drop what they stored for the target URI, so the next GET goes to the server. Chromium does this for the exact URL, query string included.";
}

pub(super) fn check(cx: &mut Cx<'_>) {
    let (code, h) = (cx.code, &cx.p.headers);
    if matches!(cx.method, "PUT" | "PATCH")
        && (200..300).contains(&code)
        && (h.contains("etag") || h.contains("last-modified"))
    {
        cx.add(VALIDATOR_AFTER_WRITE, None);
    }
    if cx.method == "GET" && code == 204 && !h.contains("cache-control") && !h.contains("expires") {
        cx.add(NO_CONTENT_CACHEABLE, None);
    }
    if !method::is_safe(cx.method) && (200..400).contains(&code) && cx.input.preflight.is_none() {
        cx.add(UNSAFE_INVALIDATES, None);
    }
}

#[cfg(test)]
pub(super) const CASES: &[super::cases::Case] = &[
    super::cases::Case::new(
        "PUT /doc HTTP/1.1\n\n",
        "HTTP/1.1 204 No Content\n\
               ETag: \"v2\"\n\n",
        &[
            "VALIDATOR_AFTER_WRITE",
            "UNSAFE_INVALIDATES",
            "NO_CONTENT_CLEAN",
        ],
    ),
    super::cases::Case::new(
        "patch /doc HTTP/1.1\n\n",
        "HTTP/1.1 204 No Content\n\
               ETag: \"v2\"\n\n",
        &["UNSAFE_INVALIDATES", "NO_CONTENT_CLEAN"],
    ),
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 204 No Content\n\n",
        &[
            "NO_CONTENT_TO_GET",
            "NO_CONTENT_CACHEABLE",
            "NO_CONTENT_CLEAN",
        ],
    ),
    super::cases::Case::new(
        "get /r HTTP/1.1\n\n",
        "HTTP/1.1 204 No Content\n\n",
        &["UNSAFE_INVALIDATES", "NO_CONTENT_CLEAN"],
    ),
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 204 No Content\n\
               Cache-Control: max-age=60\n\n",
        &["NO_CONTENT_TO_GET", "NO_CONTENT_CLEAN"],
    ),
    super::cases::Case::new(
        "DELETE /r HTTP/1.1\n\n",
        "HTTP/1.1 404 Not Found\n\
               Content-Length: 0\n\n",
        &[],
    ),
];
