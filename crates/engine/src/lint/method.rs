//! The request method (RFC 9110 §9.1): a token, compared case-sensitively. Simulation and
//! raw lint both check it; [`crate::method`] holds the model.

use crate::cite;

rules! {
    METHOD_INVALID: Error, cite::RFC9110_METHODS,
        "The request method is not a valid token",
        "A method is a token (such as GET or PATCH): no spaces, separators or control characters. A server answers such a request with 400, and browsers refuse to send it.";
    METHOD_FORBIDDEN: Warn, cite::FETCH_FORBIDDEN_METHOD,
        "Browsers refuse to send this method",
        "CONNECT, TRACE and TRACK, in any case, are forbidden methods in the Fetch standard: fetch() rejects with a TypeError and XMLHttpRequest's open() throws a SecurityError before anything is sent. Other clients, such as curl, send them.";
}

/// A forbidden method is worth a warning wherever the request came from: a browser would
/// never have sent it.
pub(super) fn check(cx: &mut super::Cx<'_>) {
    if crate::method::is_forbidden(cx.method) {
        cx.add(METHOD_FORBIDDEN, Some(format!("method {}", cx.method)));
    }
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
        "TRACE /r HTTP/1.1\n\n",
        "HTTP/1.1 200 OK\n\
               Content-Length: 0\n\
               \n",
        &["METHOD_FORBIDDEN", "EMPTY_200"],
    ),
    super::cases::Case::new(
        "PATCH /r HTTP/1.1\n\n",
        "HTTP/1.1 204 No Content\n\n",
        &["UNSAFE_INVALIDATES", "NO_CONTENT_CLEAN"],
    ),
];
