//! The request method (RFC 9110 §9.1): a token, compared case-sensitively. Simulation and
//! raw lint both check it; [`crate::method`] holds the model.

use crate::cite;

rules! {
    METHOD_INVALID: Error, cite::RFC9110_METHODS,
        "The request method is not a valid token",
        "A method is a token (such as GET or PATCH): no spaces, separators or control characters. A server answers such a request with 400, and browsers refuse to send it.";
}

#[cfg(test)]
pub(super) const CASES: &[super::cases::Case] = &[
    super::cases::Case::new(
        "GE@T /r HTTP/1.1\n\n",
        "HTTP/1.1 200 OK\n\
               Connection: close\n\
               \n\
               x",
        &["METHOD_INVALID", "CLOSE_DELIMITED", "UNSAFE_INVALIDATES"],
    ),
    super::cases::Case::new(
        "PATCH /r HTTP/1.1\n\n",
        "HTTP/1.1 204 No Content\n\n",
        &["UNSAFE_INVALIDATES", "NO_CONTENT_CLEAN"],
    ),
];
