//! Status codes: outside 100 to 599, or without a registered meaning (RFC 9110 §15).

use crate::cite;

use super::Cx;

rules! {
    STATUS_OUT_OF_RANGE: Error, cite::RFC9110_STATUS,
        "The status code is outside 100 to 599",
        "Only 100 to 599 are valid status codes. Clients may treat anything else as an error; fetch fails on it.";
    STATUS_UNREGISTERED: Info, cite::RFC9110_STATUS,
        "The status code has no registered meaning",
        "A client that does not know a code treats it as the x00 code of its class (a 299 as a 200).";
}

pub(super) fn check(cx: &mut Cx<'_>) {
    let code = cx.code;
    if !(100..=599).contains(&code) {
        cx.add(STATUS_OUT_OF_RANGE, Some(format!("status {code}")));
    } else if crate::status::reason(code).is_empty() {
        cx.add(
            STATUS_UNREGISTERED,
            Some(format!("{code} is read as {}", code / 100 * 100)),
        );
    }
}

#[cfg(test)]
pub(super) const CASES: &[super::cases::Case] = &[
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 299 Custom\n\
               Content-Length: 0\n\n",
        &["STATUS_UNREGISTERED"],
    ),
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 799 Custom\n\
               Content-Length: 0\n\n",
        &["STATUS_OUT_OF_RANGE"],
    ),
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 200 OK\n\
               Content-Length: 0\n\n",
        &[],
    ),
];
