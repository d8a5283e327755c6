//! 205 Reset Content (RFC 9110 §15.3.6): no content, and one of the three zero-length
//! framings (Content-Length: 0, an empty chunked body, or closing after the headers).

use crate::cite;

use super::{bytes, Cx};

rules! {
    RESET_CONTENT_WITH_BODY: Error, cite::RFC9110_205,
        "A 205 response carries content",
        "205 tells the client to reset the view that sent the request; the server must not generate content for it. Browsers treat a 205 as bodiless, so the bytes are dropped, and Chromium closes the connection instead of reusing it.";
    RESET_CONTENT_UNFRAMED: Error, cite::RFC9110_205,
        "A 205 response without zero-length framing",
        "RFC 9110 requires a 205 to say its content is empty in one of three ways: Content-Length: 0, chunked with only the final zero-size chunk, or closing the connection after the headers. Without one, a client following RFC 9112 reads until the connection closes.";
    RESET_CONTENT_CLEAN: Good, cite::RFC9110_205,
        "A clean 205",
        "Zero-length framing and no content, as RFC 9110 requires.";
}

pub(super) fn check(cx: &mut Cx<'_>) {
    if cx.code != 205 {
        return;
    }
    let p = cx.p;
    let content = p.content.len();
    if content > 0 {
        cx.add(
            RESET_CONTENT_WITH_BODY,
            Some(format!("{} of content", bytes(content))),
        );
    }
    let zero_length = p.headers.get("content-length").map(str::trim) == Some("0")
        || (p.rule.is_chunked() && content == 0)
        || (cx.input.closes && p.body_bytes == 0);
    if !zero_length {
        cx.add(RESET_CONTENT_UNFRAMED, None);
    } else if content == 0 && p.leftover == 0 {
        cx.add(RESET_CONTENT_CLEAN, None);
    }
}

#[cfg(test)]
pub(super) const CASES: &[super::cases::Case] = &[
    super::cases::Case::new(
        "POST /comments HTTP/1.1\n\
              Content-Type: application/x-www-form-urlencoded\n\
              \n\
              text=First%21",
        "HTTP/1.1 205 Reset Content\n\
               Content-Length: 0\n\n",
        &["UNSAFE_INVALIDATES", "RESET_CONTENT_CLEAN"],
    ),
    super::cases::Case::new(
        "POST /r HTTP/1.1\n\n",
        "HTTP/1.1 205 Reset Content\n\
               Content-Length: 5\n\
               \n\
               hello",
        &[
            "RESET_CONTENT_WITH_BODY",
            "RESET_CONTENT_UNFRAMED",
            "UNSAFE_INVALIDATES",
        ],
    ),
    // Chunked content is framed, but it is content: not the zero length a 205 must declare.
    super::cases::Case::new(
        "POST /r HTTP/1.1\n\n",
        "HTTP/1.1 205 Reset Content\n\
               Transfer-Encoding: chunked\n\
               \n\
               5\n\
               hello\n\
               0\n\n",
        &[
            "RESET_CONTENT_WITH_BODY",
            "RESET_CONTENT_UNFRAMED",
            "UNSAFE_INVALIDATES",
        ],
    ),
    super::cases::Case::new(
        "POST /r HTTP/1.1\n\n",
        "HTTP/1.1 205 Reset Content\n\n",
        &["RESET_CONTENT_UNFRAMED", "NEVER_ENDS", "UNSAFE_INVALIDATES"],
    ),
    super::cases::Case::new(
        "POST /r HTTP/1.1\n\n",
        "HTTP/1.1 205 Reset Content\n\
               Connection: close\n\n",
        &["UNSAFE_INVALIDATES", "RESET_CONTENT_CLEAN"],
    ),
    super::cases::Case::new(
        "POST /r HTTP/1.1\n\n",
        "HTTP/1.1 205 Reset Content\n\
               Transfer-Encoding: chunked\n\
               \n\
               0\n\n",
        &["UNSAFE_INVALIDATES", "RESET_CONTENT_CLEAN"],
    ),
];
