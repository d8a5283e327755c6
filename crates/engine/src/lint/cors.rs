//! CORS preflights (Fetch: CORS-preflight fetch): an ok status, an allowed origin, and the
//! real request's method and headers allowed.

use crate::cite;
use crate::outcome::{self, PreflightFailure};

use super::Cx;

rules! {
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
}

pub(super) fn check(cx: &mut Cx<'_>) {
    let Some(real_method) = cx.input.preflight else {
        return;
    };
    match outcome::check_preflight(real_method, cx.input.request_headers, cx.p) {
        Ok(()) => cx.add(PREFLIGHT_OK, None),
        Err(failure) => {
            let rule = match failure {
                PreflightFailure::NotOk(_) | PreflightFailure::Unusable(_) => PREFLIGHT_NOT_OK,
                PreflightFailure::NoAllowOrigin => PREFLIGHT_NO_ALLOW_ORIGIN,
                PreflightFailure::MethodNotAllowed(_) => PREFLIGHT_METHOD_NOT_ALLOWED,
                PreflightFailure::HeaderNotAllowed(_) => PREFLIGHT_HEADERS_NOT_ALLOWED,
            };
            cx.add(rule, Some(failure.to_string()));
        }
    }
}

#[cfg(test)]
pub(super) const CASES: &[super::cases::Case] = &[
    super::cases::Case::new(
        "OPTIONS /items/42 HTTP/1.1\n\
              Origin: https://app.example.com\n\
              Access-Control-Request-Method: PUT\n\
              Access-Control-Request-Headers: content-type,x-request-id\n\n",
        "HTTP/1.1 204 No Content\n\
               Access-Control-Allow-Origin: https://app.example.com\n\
               Access-Control-Allow-Methods: PUT\n\
               Access-Control-Allow-Headers: Content-Type, X-Request-Id\n\
               Access-Control-Max-Age: 600\n\n",
        &["PREFLIGHT_OK", "NO_CONTENT_CLEAN"],
    ),
    super::cases::Case::new(
        "OPTIONS /items/42 HTTP/1.1\n\
              Origin: https://app.example.com\n\
              Access-Control-Request-Method: PUT\n\n",
        "HTTP/1.1 404 Not Found\n\
               Content-Length: 0\n\n",
        &["PREFLIGHT_NOT_OK"],
    ),
    super::cases::Case::new(
        "OPTIONS /items/42 HTTP/1.1\n\
              Origin: https://app.example.com\n\
              Access-Control-Request-Method: PUT\n\n",
        "HTTP/1.1 204 No Content\n\
               Access-Control-Allow-Methods: PUT\n\n",
        &["PREFLIGHT_NO_ALLOW_ORIGIN", "NO_CONTENT_CLEAN"],
    ),
    super::cases::Case::new(
        "OPTIONS /items/42 HTTP/1.1\n\
              Origin: https://app.example.com\n\
              Access-Control-Request-Method: PUT\n\n",
        "HTTP/1.1 204 No Content\n\
               Access-Control-Allow-Origin: *\n\n",
        &["PREFLIGHT_METHOD_NOT_ALLOWED", "NO_CONTENT_CLEAN"],
    ),
    super::cases::Case::new(
        "OPTIONS /items/42 HTTP/1.1\n\
              Origin: https://app.example.com\n\
              Access-Control-Request-Method: PUT\n\
              Access-Control-Request-Headers: x-trace\n\n",
        "HTTP/1.1 204 No Content\n\
               Access-Control-Allow-Origin: *\n\
               Access-Control-Allow-Methods: PUT\n\n",
        &["PREFLIGHT_HEADERS_NOT_ALLOWED", "NO_CONTENT_CLEAN"],
    ),
];
