//! Message framing (RFC 9112 §6): where the body ends, what is left over on a kept-alive
//! connection, and bytes that are not a response at all.

use crate::cite;
use crate::wire::LengthRule;

use super::{bytes, Cx};

rules! {
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
    MESSAGE_UNPARSEABLE: Error, cite::RFC9112_STATUS_LINE,
        "The bytes are not an HTTP/1.1 response",
        "The status line or header section could not be parsed; a browser fails the request with a network error.";
}

pub(super) fn check(cx: &mut Cx<'_>) {
    let (p, code) = (cx.p, cx.code);
    let trailing = p.leftover;
    match p.rule {
        LengthRule::InvalidLength => cx.add(
            CONTENT_LENGTH_INVALID,
            p.headers
                .get("content-length")
                .map(|v| format!("Content-Length: {v}")),
        ),
        LengthRule::ContentLength if !p.complete => cx.add(
            CONTENT_LENGTH_MISMATCH,
            Some(format!(
                "declares more than the {} that arrive",
                bytes(p.body_bytes)
            )),
        ),
        // A 205's content is its own finding (reset_content).
        LengthRule::ContentLength if trailing > 0 && code != 205 => cx.add(
            CONTENT_LENGTH_MISMATCH,
            Some(format!("{} more than declared", bytes(trailing))),
        ),
        LengthRule::UntilClose | LengthRule::CodedUntilClose
            if !(p.waits_for_close || code == 205 && p.body_bytes == 0) =>
        {
            cx.add(CLOSE_DELIMITED, None)
        }
        _ => {}
    }
    if p.rule == LengthRule::ChunkedOverridesLength {
        cx.add(TRANSFER_ENCODING_WITH_CONTENT_LENGTH, None);
    }
    if p.waits_for_close {
        cx.add(NEVER_ENDS, None);
    }
    if trailing > 0 && !cx.input.closes && p.complete {
        cx.add(
            LEFTOVER_BYTES,
            Some(format!("{} left on the connection", bytes(trailing))),
        );
    }
}

#[cfg(test)]
pub(super) const CASES: &[super::cases::Case] = &[
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 200 OK\n\
               Content-Length: 9\n\
               \n\
               hello",
        &["CONTENT_LENGTH_MISMATCH"],
    ),
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 200 OK\n\
               Content-Length: 2\n\
               \n\
               hello",
        &["CONTENT_LENGTH_MISMATCH", "LEFTOVER_BYTES"],
    ),
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 200 OK\n\
               Content-Length: 5, 6\n\
               \n\
               hello",
        &["CONTENT_LENGTH_INVALID"],
    ),
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 200 OK\n\
               Content-Length: 3\n\
               Transfer-Encoding: chunked\n\
               \n\
               3\n\
               abc\n\
               0\n\n",
        &["TRANSFER_ENCODING_WITH_CONTENT_LENGTH"],
    ),
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 200 OK\n\
               Connection: close\n\
               \n\
               abc",
        &["CLOSE_DELIMITED"],
    ),
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 200 OK\n\
               Transfer-Encoding: gzip\n\
               Connection: close\n\
               \n\
               zz",
        &["CLOSE_DELIMITED"],
    ),
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 200 OK\n\
               \n\
               abc",
        &["NEVER_ENDS"],
    ),
    super::cases::Case::new("GET /r HTTP/1.1\n\n", "hello\n\n", &["MESSAGE_UNPARSEABLE"]),
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 200 OK\n\
               X: y\n",
        &["MESSAGE_UNPARSEABLE"],
    ),
];
