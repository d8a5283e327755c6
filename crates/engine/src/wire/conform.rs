//! The conforming rewrite: what a server that follows the RFCs changes in a composed answer
//! before sending it, each change with the rule that makes it.

use crate::cite;
use crate::scenario::Framing;
use crate::status;

use super::{Change, Fields};

/// What a conforming server does to the composed answer.
pub(super) fn conform(
    code: u16,
    is_head: bool,
    headers: &mut Fields,
    body: &mut String,
    framing: &mut Framing,
    changes: &mut Vec<Change>,
) {
    let status_cite = status::cite_for(code);
    let no_content = status::never_has_content(code) || code == 205;
    if no_content && !body.is_empty() {
        changes.push(Change::new(
            format!(
                "dropped the {} bytes of content: a {code} response cannot carry any",
                body.len()
            ),
            status_cite,
        ));
        body.clear();
    }
    if is_head && !body.is_empty() {
        changes.push(Change::new(
            format!(
                "sent the headers a GET would get, but not its {} bytes of content",
                body.len()
            ),
            cite::RFC9110_HEAD,
        ));
        body.clear();
    }
    if (100..200).contains(&code) || code == 204 {
        if headers.remove("content-length") > 0 {
            changes.push(Change::new(
                format!("removed Content-Length, which a {code} must not carry"),
                cite::RFC9110_CONTENT_LENGTH,
            ));
        }
        if headers.remove("transfer-encoding") > 0 {
            changes.push(Change::new(
                format!("removed Transfer-Encoding, which a {code} must not carry"),
                cite::RFC9112_TRANSFER_ENCODING,
            ));
        }
        if matches!(
            *framing,
            Framing::ContentLength | Framing::Chunked | Framing::None | Framing::Close
        ) {
            *framing = Framing::Auto;
        }
        return;
    }
    if code == 205 {
        let zero =
            headers.get("content-length") == Some("0") && !headers.contains("transfer-encoding");
        if !zero {
            headers.remove("content-length");
            headers.remove("transfer-encoding");
            headers.push("Content-Length", "0");
            changes.push(Change::new(
                "framed the 205 with Content-Length: 0, one of the three ways RFC 9110 allows",
                cite::RFC9110_205,
            ));
        }
        *framing = Framing::Auto;
        return;
    }
    if headers.contains("transfer-encoding") && headers.contains("content-length") {
        headers.remove("content-length");
        changes.push(Change::new(
            "removed Content-Length: a sender must not send it with Transfer-Encoding",
            cite::RFC9112_TRANSFER_ENCODING,
        ));
    }
    if code == 304 || is_head {
        // Content-Length here describes the representation, not this message: leave it.
        return;
    }
    if *framing == Framing::None && !body.is_empty() {
        *framing = Framing::ContentLength;
        changes.push(Change::new(
            "added Content-Length so the client knows where the content ends",
            cite::RFC9112_MESSAGE_LENGTH,
        ));
    }
    // A Content-Length beside Transfer-Encoding was removed above, so any left frames this
    // message.
    let declared: Vec<&str> = headers.get_all("content-length").collect();
    if !declared.is_empty() && declared.iter().any(|v| v.trim() != body.len().to_string()) {
        headers.remove("content-length");
        headers.push("Content-Length", body.len().to_string());
        changes.push(Change::new(
            format!(
                "corrected Content-Length to {}, the real length of the content",
                body.len()
            ),
            cite::RFC9110_CONTENT_LENGTH,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::{Framing, SendMode};
    use crate::{simulate, Scenario};

    /// The conforming bytes and the sentences saying what changed.
    fn conformed(status: u16, headers: &[(&str, &str)], body: &str) -> (String, Vec<String>) {
        let mut s = Scenario::default();
        s.answer.status = status;
        s.answer.framing = Framing::None;
        s.answer.send = SendMode::Conforming;
        s.answer.headers = headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        s.answer.body = body.into();
        let x = simulate(&s).unwrap_or_else(|e| panic!("{e:?}"));
        let head = x
            .wire
            .split("\r\n\r\n")
            .next()
            .unwrap_or_default()
            .to_string();
        (head, x.changes.into_iter().map(|c| c.what).collect())
    }

    /// A 204 or a 1xx carries no Content-Length, even a zero one (RFC 9110 §8.6).
    #[test]
    fn a_bodiless_status_loses_its_content_length() {
        for status in [204, 103] {
            let (head, changes) = conformed(status, &[("Content-Length", "0")], "");
            assert!(!head.contains("Content-Length"), "{head}");
            assert!(
                changes
                    .iter()
                    .any(|c| c
                        == &format!("removed Content-Length, which a {status} must not carry")),
                "{changes:?}"
            );
        }
    }

    /// A 205 that already says Content-Length: 0 is left as it is.
    #[test]
    fn a_framed_205_is_left_alone() {
        let (head, changes) = conformed(205, &[("Content-Length", "0")], "");
        assert!(head.ends_with("\r\nContent-Length: 0"), "{head}");
        assert!(changes.is_empty(), "{changes:?}");
        let (_, changes) = conformed(205, &[], "");
        assert!(
            changes.iter().any(|c| c.starts_with("framed the 205")),
            "{changes:?}"
        );
    }

    /// The request carries a Content-Length for a body, and none without one.
    #[test]
    fn a_request_body_gets_its_length() {
        let mut s = Scenario::default();
        s.request.method = "POST".into();
        s.request.body = "a=1".into();
        let wire = simulate(&s).map(|x| x.request.wire).unwrap_or_default();
        assert!(wire.contains("\r\nContent-Length: 3\r\n"), "{wire}");
        s.request.body.clear();
        let wire = simulate(&s).map(|x| x.request.wire).unwrap_or_default();
        assert!(!wire.contains("Content-Length"), "{wire}");
    }

    /// A wrong Content-Length is corrected to the content's real length.
    #[test]
    fn a_wrong_length_is_corrected() {
        let (head, changes) = conformed(200, &[("Content-Length", "3")], "hello");
        assert!(head.ends_with("Content-Length: 5"), "{head}");
        assert!(
            changes
                .iter()
                .any(|c| c.starts_with("corrected Content-Length to 5")),
            "{changes:?}"
        );
    }
}
