//! 304 Not Modified (RFC 9110 §15.4.5): it ends at its header section, and it answers a
//! conditional request.

use crate::cite;
use crate::method;
use crate::wire::LengthRule;

use super::{bytes, Cx};

rules! {
    NOT_MODIFIED_WITH_BODY: Error, cite::RFC9110_304,
        "A 304 response carries content",
        "A 304 ends at its header section; it cannot contain content. The bytes after it would be read as the start of the next response.";
    NOT_MODIFIED_UNCONDITIONAL: Warn, cite::RFC9110_304,
        "A 304 to a request that was not conditional",
        "A 304 answers If-None-Match or If-Modified-Since. Sent to a plain request, the client has no cached copy to fall back on: fetch sees status 304 with an empty body.";
}

pub(super) fn check(cx: &mut Cx<'_>) {
    if cx.code != 304 {
        return;
    }
    let p = cx.p;
    if p.rule == LengthRule::NoBody && p.leftover > 0 && !method::is_head(cx.method) {
        cx.add(
            NOT_MODIFIED_WITH_BODY,
            Some(format!("{} after the header section", bytes(p.leftover))),
        );
    }
    let asked = cx.input.request_headers;
    if !asked.contains("if-none-match") && !asked.contains("if-modified-since") {
        cx.add(NOT_MODIFIED_UNCONDITIONAL, None);
    }
}

#[cfg(test)]
pub(super) const CASES: &[super::cases::Case] = &[
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\
              If-None-Match: \"v1\"\n\n",
        "HTTP/1.1 304 Not Modified\n\
               ETag: \"v1\"\n\n",
        &[],
    ),
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 304 Not Modified\n\
               Content-Length: 5\n\
               \n\
               stale",
        &[
            "NOT_MODIFIED_WITH_BODY",
            "LEFTOVER_BYTES",
            "NOT_MODIFIED_UNCONDITIONAL",
        ],
    ),
];
