//! Writing bytes: the request as a browser puts it on the wire, and the response as the server
//! sends it, as written or through the conforming rewrite.

use serde::Serialize;

use crate::method;
use crate::scenario::{Answer, Framing, Request, SendMode};
use crate::status;

use super::{conform, Change, Fields, HOST};

/// Writes a request the way a browser would put it on the wire (without the headers a
/// browser adds by itself, which vary).
pub fn request_bytes(method: &str, request: &Request, headers: &Fields) -> String {
    let method = escape_controls(method);
    let mut out = format!("{method} {} HTTP/1.1\r\nHost: {HOST}\r\n", request.target);
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    if !request.body.is_empty() && !headers.contains("content-length") {
        out.push_str(&format!("Content-Length: {}\r\n", request.body.len()));
    }
    out.push_str("\r\n");
    out.push_str(&request.body);
    out
}

/// Shows control characters as escapes so they cannot break the displayed request line.
fn escape_controls(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// The response as the server sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sent {
    pub status: u16,
    pub reason: String,
    /// Headers as they go on the wire, framing headers included.
    pub headers: Fields,
    /// The content, before any transfer coding.
    pub body: String,
    /// The complete response bytes.
    pub bytes: String,
    /// Whether the server closes the connection right after sending.
    pub closes: bool,
    /// What a conforming server changed (empty when sent as written).
    pub changes: Vec<Change>,
    /// The framing header fields the writer added for the chosen framing (`Content-Length:
    /// 5`), which the composed headers did not have.
    pub framing_added: Vec<String>,
}

/// Builds the response bytes for an answer to `method`.
pub fn build_response(method: &str, answer: &Answer, headers: Fields) -> Sent {
    let code = answer.status;
    let is_head = method::is_head(method);
    let mut headers = headers;
    let mut body = answer.body.clone();
    let mut framing = answer.framing;
    let mut changes = Vec::new();

    if answer.send == SendMode::Conforming {
        conform::conform(
            code,
            is_head,
            &mut headers,
            &mut body,
            &mut framing,
            &mut changes,
        );
    }

    // Framing headers are added only when the answer does not already carry one of that kind.
    let forbids = status::never_has_content(code);
    let wants_length = match framing {
        Framing::Auto => !(forbids && body.is_empty()),
        Framing::ContentLength => true,
        _ => false,
    };
    let mut framing_added = Vec::new();
    let mut add = |headers: &mut Fields, name: &str, value: String| {
        framing_added.push(format!("{name}: {value}"));
        headers.push(name, value);
    };
    if wants_length && !headers.contains("content-length") && !headers.contains("transfer-encoding")
    {
        let length = if is_head && answer.send == SendMode::Conforming {
            answer.body.len()
        } else {
            body.len()
        };
        add(&mut headers, "Content-Length", length.to_string());
    }
    if framing == Framing::Chunked && !headers.contains("transfer-encoding") {
        add(&mut headers, "Transfer-Encoding", "chunked".to_string());
    }
    if framing == Framing::Close && !headers.lists("connection", "close") {
        add(&mut headers, "Connection", "close".to_string());
    }
    let closes = framing == Framing::Close || headers.lists("connection", "close");

    let reason = status::reason(code).to_string();
    let mut bytes = format!("HTTP/1.1 {code} {reason}\r\n");
    for (name, value) in &headers {
        bytes.push_str(&format!("{name}: {value}\r\n"));
    }
    bytes.push_str("\r\n");
    if framing == Framing::Chunked {
        if !body.is_empty() {
            bytes.push_str(&format!("{:x}\r\n{body}\r\n", body.len()));
        }
        bytes.push_str("0\r\n\r\n");
    } else {
        bytes.push_str(&body);
    }
    Sent {
        status: code,
        reason,
        headers,
        body,
        bytes,
        closes,
        changes,
        framing_added,
    }
}
