//! Citations: every RFC or spec section the engine refers to, with its stable URL.
//!
//! Rules, findings, status rows and changes all point at one of these constants, so a
//! section's label and link are written once.

use serde::Serialize;

/// A section of a specification: how it is named to people, and where to read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Cite {
    pub section: &'static str,
    pub url: &'static str,
}

macro_rules! cites {
    ($($name:ident = $section:literal, $url:literal;)*) => {
        $(pub const $name: Cite = Cite { section: $section, url: $url };)*
        /// Every citation, for tidy tests.
        pub const ALL: &[Cite] = &[$($name),*];
    };
}

cites! {
    RFC9110_FIELD_NAMES = "RFC 9110 §5.1", "https://www.rfc-editor.org/rfc/rfc9110#section-5.1";
    RFC9110_FIELD_VALUES = "RFC 9110 §5.5", "https://www.rfc-editor.org/rfc/rfc9110#section-5.5";
    RFC9110_CONTENT_TYPE = "RFC 9110 §8.3", "https://www.rfc-editor.org/rfc/rfc9110#section-8.3";
    RFC9110_CONTENT_LENGTH = "RFC 9110 §8.6", "https://www.rfc-editor.org/rfc/rfc9110#section-8.6";
    RFC9110_VALIDATORS = "RFC 9110 §8.8", "https://www.rfc-editor.org/rfc/rfc9110#section-8.8";
    RFC9110_METHODS = "RFC 9110 §9.1", "https://www.rfc-editor.org/rfc/rfc9110#section-9.1";
    RFC9110_SAFE = "RFC 9110 §9.2.1", "https://www.rfc-editor.org/rfc/rfc9110#section-9.2.1";
    RFC9110_GET = "RFC 9110 §9.3.1", "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.1";
    RFC9110_HEAD = "RFC 9110 §9.3.2", "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.2";
    RFC9110_POST = "RFC 9110 §9.3.3", "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.3";
    RFC9110_PUT = "RFC 9110 §9.3.4", "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.4";
    RFC9110_DELETE = "RFC 9110 §9.3.5", "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.5";
    RFC9110_OPTIONS = "RFC 9110 §9.3.7", "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.7";
    RFC9110_LOCATION = "RFC 9110 §10.2.2", "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.2";
    RFC9110_CONDITIONAL = "RFC 9110 §13.1", "https://www.rfc-editor.org/rfc/rfc9110#section-13.1";
    RFC9110_STATUS = "RFC 9110 §15", "https://www.rfc-editor.org/rfc/rfc9110#section-15";
    RFC9110_HEURISTIC = "RFC 9110 §15.1", "https://www.rfc-editor.org/rfc/rfc9110#section-15.1";
    RFC9110_1XX = "RFC 9110 §15.2", "https://www.rfc-editor.org/rfc/rfc9110#section-15.2";
    RFC9110_200 = "RFC 9110 §15.3.1", "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.1";
    RFC9110_201 = "RFC 9110 §15.3.2", "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.2";
    RFC9110_202 = "RFC 9110 §15.3.3", "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.3";
    RFC9110_204 = "RFC 9110 §15.3.5", "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.5";
    RFC9110_205 = "RFC 9110 §15.3.6", "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.6";
    RFC9110_3XX = "RFC 9110 §15.4", "https://www.rfc-editor.org/rfc/rfc9110#section-15.4";
    RFC9110_304 = "RFC 9110 §15.4.5", "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.5";
    RFC9110_4XX = "RFC 9110 §15.5", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5";
    RFC9110_5XX = "RFC 9110 §15.6", "https://www.rfc-editor.org/rfc/rfc9110#section-15.6";
    RFC9111_STORING = "RFC 9111 §3", "https://www.rfc-editor.org/rfc/rfc9111#section-3";
    RFC9111_HEURISTIC = "RFC 9111 §4.2.2", "https://www.rfc-editor.org/rfc/rfc9111#section-4.2.2";
    RFC9111_INVALIDATION = "RFC 9111 §4.4", "https://www.rfc-editor.org/rfc/rfc9111#section-4.4";
    RFC9112_STATUS_LINE = "RFC 9112 §4", "https://www.rfc-editor.org/rfc/rfc9112#section-4";
    RFC9112_TRANSFER_ENCODING = "RFC 9112 §6.1", "https://www.rfc-editor.org/rfc/rfc9112#section-6.1";
    RFC9112_MESSAGE_LENGTH = "RFC 9112 §6.3", "https://www.rfc-editor.org/rfc/rfc9112#section-6.3";
    RFC9112_CHUNKED = "RFC 9112 §7.1", "https://www.rfc-editor.org/rfc/rfc9112#section-7.1";
    RFC9112_PERSISTENCE = "RFC 9112 §9.3", "https://www.rfc-editor.org/rfc/rfc9112#section-9.3";
    RFC9112_CLOSE = "RFC 9112 §9.6", "https://www.rfc-editor.org/rfc/rfc9112#section-9.6";
    FETCH_METHOD = "Fetch: the fetch() method", "https://fetch.spec.whatwg.org/#fetch-method";
    FETCH_FORBIDDEN_METHOD = "Fetch: forbidden method", "https://fetch.spec.whatwg.org/#forbidden-method";
    FETCH_NULL_BODY = "Fetch: null body status", "https://fetch.spec.whatwg.org/#null-body-status";
    FETCH_OK_STATUS = "Fetch: ok status", "https://fetch.spec.whatwg.org/#ok-status";
    FETCH_PREFLIGHT = "Fetch: CORS-preflight fetch", "https://fetch.spec.whatwg.org/#cors-preflight-fetch";
    FETCH_CORS_CHECK = "Fetch: CORS check", "https://fetch.spec.whatwg.org/#concept-cors-check";
    FETCH_EXPOSE = "Fetch: CORS-safelisted response-header name", "https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name";
    HTML_NAVIGATE_204 = "HTML: navigate (204 and 205 abort)", "https://html.spec.whatwg.org/multipage/browsing-the-web.html#populating-a-session-history-entry";
    HTML_FORM_METHOD = "HTML: the form method attribute", "https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#attr-fs-method";
    HTML_NAVIGATE = "HTML: navigating across documents", "https://html.spec.whatwg.org/multipage/browsing-the-web.html#navigating-across-documents";
    HTML_IFRAME_LOAD = "HTML: iframe load event steps", "https://html.spec.whatwg.org/multipage/iframe-embed-object.html#iframe-load-event-steps";
    HTML_X_FRAME_OPTIONS = "HTML: the X-Frame-Options header", "https://html.spec.whatwg.org/multipage/document-lifecycle.html#the-x-frame-options-header";
    XHR_OPEN = "XMLHttpRequest: open()", "https://xhr.spec.whatwg.org/#the-open()-method";
    XHR_RESPONSE = "XMLHttpRequest: response", "https://xhr.spec.whatwg.org/#the-response-attribute";
    XHR_READY_STATE = "XMLHttpRequest: readyState", "https://xhr.spec.whatwg.org/#dom-xmlhttprequest-readystate";
    XHR_END_OF_BODY = "XMLHttpRequest: handle response end-of-body", "https://xhr.spec.whatwg.org/#handle-response-end-of-body";
    BEACON = "Beacon: sendBeacon()", "https://w3c.github.io/beacon/#sendbeacon-method";
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An RFC citation's label and link name the same RFC and section, so a label cannot
    /// drift from the page it opens.
    #[test]
    fn rfc_labels_match_their_links() {
        let mut checked = 0;
        for cite in ALL {
            assert!(cite.url.starts_with("https://"), "{cite:?}");
            let Some(rest) = cite.section.strip_prefix("RFC ") else {
                continue;
            };
            let (rfc, section) = rest.split_once(" §").unwrap_or((rest, ""));
            let expected = format!("https://www.rfc-editor.org/rfc/rfc{rfc}#section-{section}");
            assert_eq!(cite.url, expected, "{}", cite.section);
            checked += 1;
        }
        assert!(checked > 30, "only {checked} RFC citations checked");
    }
}
