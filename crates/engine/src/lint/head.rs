//! Responses to HEAD (RFC 9110 §9.3.2): no content, and the header fields a GET would get.
//! Only the method `HEAD` is HEAD: methods are case-sensitive.

use crate::cite;
use crate::method;
use crate::wire::LengthRule;

use super::{bytes, Cx};

rules! {
    HEAD_WITH_BODY: Error, cite::RFC9110_HEAD,
        "A response to HEAD carries content",
        "A server must not send content in a response to HEAD. The client reads no body, so the bytes become garbage in front of the next response.";
    HEAD_LENGTH_MISMATCH: Warn, cite::RFC9110_HEAD,
        "HEAD's Content-Length differs from what GET would send",
        "A HEAD response should carry the same header fields a GET would, so Content-Length should be the length of the GET content. A client that uses HEAD to size a download gets the wrong number.";
}

pub(super) fn check(cx: &mut Cx<'_>) {
    if !method::is_head(cx.method) {
        return;
    }
    let p = cx.p;
    if p.rule == LengthRule::NoBody && p.leftover > 0 {
        cx.add(
            HEAD_WITH_BODY,
            Some(format!("{} after the header section", bytes(p.leftover))),
        );
    }
    if let (Some(get), Some(declared)) = (cx.input.get_length, p.headers.get("content-length")) {
        if declared.trim() != get.to_string() {
            let note = format!(
                "Content-Length: {declared}, but GET would send {}",
                bytes(get)
            );
            cx.add(HEAD_LENGTH_MISMATCH, Some(note));
        }
    }
}

#[cfg(test)]
pub(super) const CASES: &[super::cases::Case] = &[
    super::cases::Case {
        get_length: Some(10),
        ..super::cases::Case::new(
            "HEAD /report HTTP/1.1\n\n",
            "HTTP/1.1 200 OK\n\
               Content-Length: 10\n\n",
            &[],
        )
    },
    super::cases::Case {
        get_length: Some(3),
        ..super::cases::Case::new(
            "HEAD /r HTTP/1.1\n\n",
            "HTTP/1.1 200 OK\n\
               Content-Length: 99\n\
               \n\
               abc",
            &["HEAD_WITH_BODY", "LEFTOVER_BYTES", "HEAD_LENGTH_MISMATCH"],
        )
    },
    super::cases::Case::new(
        "head /r HTTP/1.1\n\n",
        "HTTP/1.1 200 OK\n\
               Content-Length: 3\n\
               \n\
               abc",
        &["UNSAFE_INVALIDATES"],
    ),
];
