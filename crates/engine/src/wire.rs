//! HTTP/1.1 bytes: writing the request and the response, and reading a response back the way
//! a client does (RFC 9112 §6.3), which decides where the body ends and what is left over.

use serde::Serialize;

use crate::cite::{self, Cite};
use crate::scenario::{Answer, Framing, Request, SendMode};
use crate::status;

/// The host every simulated request goes to.
pub const HOST: &str = "api.example.com";
/// The origin of the page that sends cross-origin requests.
pub const PAGE_ORIGIN: &str = "https://app.example.com";
/// Headers beyond this many are refused as input, like a server's header-count limit.
pub const MAX_HEADERS: usize = 100;

/// Something a conforming server changed, and the rule that made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub what: String,
    pub section: &'static str,
    pub url: &'static str,
}

impl Change {
    fn new(what: impl Into<String>, cite: Cite) -> Change {
        Change {
            what: what.into(),
            section: cite.section,
            url: cite.url,
        }
    }
}

/// A header the engine would not put on the wire, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BadField {
    /// Where it came from, e.g. `answer.headers[2].name`.
    pub field: String,
    pub problem: FieldProblem,
    pub detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldProblem {
    Name,
    Value,
}

/// Splits headers into those that can go on the wire and those that cannot.
pub fn check_fields(
    headers: &[(String, String)],
    side: &str,
) -> (Vec<(String, String)>, Vec<BadField>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for (i, (name, value)) in headers.iter().enumerate() {
        if let Some(detail) = name_problem(name) {
            bad.push(BadField {
                field: format!("{side}.headers[{i}].name"),
                problem: FieldProblem::Name,
                detail,
            });
        } else if let Some(detail) = value_problem(value) {
            bad.push(BadField {
                field: format!("{side}.headers[{i}].value"),
                problem: FieldProblem::Value,
                detail,
            });
        } else {
            good.push((name.clone(), value.trim_matches([' ', '\t']).to_string()));
        }
    }
    (good, bad)
}

/// Why `name` is not a field name (RFC 9110 §5.1: a token), or None when it is one.
pub fn name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("the header name is empty".into());
    }
    if http::HeaderName::from_bytes(name.as_bytes()).is_ok() {
        return None;
    }
    let bad = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(*c)))
        .map(crate::scenario::describe_char)
        .unwrap_or_else(|| "a character outside the token set".into());
    Some(format!(
        "the header name contains {bad}; names may only use letters, digits and !#$%&'*+-.^_`|~"
    ))
}

/// Why `value` cannot be sent (RFC 9110 §5.5), or None when it can. CR and LF get their own
/// message because they would start a new header line: header injection.
pub fn value_problem(value: &str) -> Option<String> {
    if value.contains(['\r', '\n']) {
        return Some(
            "the value contains a line break (CR or LF), which would end the header line and inject whatever follows"
                .into(),
        );
    }
    if http::HeaderValue::from_bytes(value.as_bytes()).is_ok() {
        return None;
    }
    let bad = value
        .chars()
        .find(|c| c.is_control() && *c != '\t')
        .map(crate::scenario::describe_char);
    Some(format!(
        "the value contains {}, which no header value may hold",
        bad.unwrap_or_else(|| "a forbidden byte".into())
    ))
}

fn has(headers: &[(String, String)], name: &str) -> bool {
    headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
}

/// All values of a header, in order.
pub fn values<'a>(
    headers: &'a [(String, String)],
    name: &'a str,
) -> impl Iterator<Item = &'a str> + 'a {
    headers
        .iter()
        .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The first value of a header.
pub fn value<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn remove(headers: &mut Vec<(String, String)>, name: &str) -> usize {
    let before = headers.len();
    headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    before - headers.len()
}

/// Does a comma-separated header (Connection, Transfer-Encoding) list `token`?
pub fn lists(headers: &[(String, String)], name: &str, token: &str) -> bool {
    values(headers, name)
        .flat_map(|v| v.split(','))
        .any(|t| t.trim().eq_ignore_ascii_case(token))
}

/// Request headers a script cannot set, because the browser controls them: the Fetch
/// standard's forbidden request-header names (https://fetch.spec.whatwg.org/#forbidden-request-header).
pub fn is_forbidden_request_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("proxy-")
        || name.starts_with("sec-")
        || matches!(
            name.as_str(),
            "accept-charset"
                | "accept-encoding"
                | "access-control-request-headers"
                | "access-control-request-method"
                | "connection"
                | "content-length"
                | "cookie"
                | "cookie2"
                | "date"
                | "dnt"
                | "expect"
                | "host"
                | "keep-alive"
                | "origin"
                | "referer"
                | "set-cookie"
                | "te"
                | "trailer"
                | "transfer-encoding"
                | "upgrade"
                | "via"
        )
}

/// Writes a request the way a browser would put it on the wire (without the headers a
/// browser adds by itself, which vary).
pub fn request_bytes(request: &Request, headers: &[(String, String)]) -> String {
    let method = escape_controls(&request.method);
    let mut out = format!("{method} {} HTTP/1.1\r\nHost: {HOST}\r\n", request.target);
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    if !request.body.is_empty() && !has(headers, "content-length") {
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
    pub headers: Vec<(String, String)>,
    /// The content, before any transfer coding.
    pub body: String,
    /// The complete response bytes.
    pub bytes: String,
    /// Whether the server closes the connection right after sending.
    pub closes: bool,
    /// What a conforming server changed (empty when sent as written).
    pub changes: Vec<Change>,
}

/// Builds the response bytes for an answer to `method`.
pub fn build_response(method: &str, answer: &Answer, headers: Vec<(String, String)>) -> Sent {
    let code = answer.status;
    let is_head = method.eq_ignore_ascii_case("HEAD");
    let mut headers = headers;
    let mut body = answer.body.clone();
    let mut framing = answer.framing;
    let mut changes = Vec::new();

    if answer.send == SendMode::Conforming {
        conform(
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
    if wants_length && !has(&headers, "content-length") && !has(&headers, "transfer-encoding") {
        let length = if is_head && answer.send == SendMode::Conforming {
            answer.body.len()
        } else {
            body.len()
        };
        headers.push(("Content-Length".into(), length.to_string()));
    }
    if framing == Framing::Chunked && !has(&headers, "transfer-encoding") {
        headers.push(("Transfer-Encoding".into(), "chunked".into()));
    }
    if framing == Framing::Close && !lists(&headers, "connection", "close") {
        headers.push(("Connection".into(), "close".into()));
    }
    let closes = framing == Framing::Close || lists(&headers, "connection", "close");

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
    }
}

/// What a conforming server does to the composed answer.
fn conform(
    code: u16,
    is_head: bool,
    headers: &mut Vec<(String, String)>,
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
        if remove(headers, "content-length") > 0 {
            changes.push(Change::new(
                format!("removed Content-Length, which a {code} must not carry"),
                cite::RFC9110_CONTENT_LENGTH,
            ));
        }
        if remove(headers, "transfer-encoding") > 0 {
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
            value(headers, "content-length") == Some("0") && !has(headers, "transfer-encoding");
        if !zero {
            remove(headers, "content-length");
            remove(headers, "transfer-encoding");
            headers.push(("Content-Length".into(), "0".into()));
            changes.push(Change::new(
                "framed the 205 with Content-Length: 0, one of the three ways RFC 9110 allows",
                cite::RFC9110_205,
            ));
        }
        *framing = Framing::Auto;
        return;
    }
    if has(headers, "transfer-encoding") && has(headers, "content-length") {
        remove(headers, "content-length");
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
    let declared: Vec<&str> = values(headers, "content-length").collect();
    if !declared.is_empty()
        && !has(headers, "transfer-encoding")
        && declared.iter().any(|v| v.trim() != body.len().to_string())
    {
        remove(headers, "content-length");
        headers.push(("Content-Length".into(), body.len().to_string()));
        changes.push(Change::new(
            format!(
                "corrected Content-Length to {}, the real length of the content",
                body.len()
            ),
            cite::RFC9110_CONTENT_LENGTH,
        ));
    }
}

/// Which rule of RFC 9112 §6.3 decided the body length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LengthRule {
    /// Rule 1: HEAD, 1xx, 204 and 304 end at the header section.
    NoBody,
    /// Rule 2: a 2xx to CONNECT becomes a tunnel.
    Tunnel,
    /// Rules 3 and 4: chunked is the final transfer coding.
    Chunked,
    /// Rule 4: a transfer coding other than chunked last: read until close.
    CodedUntilClose,
    /// Rule 5: Content-Length is invalid: unrecoverable.
    InvalidLength,
    /// Rule 6: Content-Length gives the length.
    ContentLength,
    /// Rule 8: nothing declares a length: read until the server closes.
    UntilClose,
}

/// A response read back from bytes, as a client sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Parsed {
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    /// Bytes up to and including the blank line that ends the header section.
    pub header_bytes: usize,
    /// Bytes of the message body on the wire (with chunk framing, if any).
    pub body_bytes: usize,
    /// The content the client delivers.
    pub content: String,
    pub rule: LengthRule,
    /// Which item of RFC 9112 §6.3 applied (1 to 8).
    pub rule_number: u8,
    /// Why, in a sentence.
    pub decision: String,
    /// Bytes after the end of this message.
    pub leftover: usize,
    /// Those bytes, as text.
    pub leftover_text: String,
    /// False when the bytes end before the message does.
    pub complete: bool,
    /// When the body is read until close and the server keeps the connection open, the
    /// client waits for more and the response never finishes.
    pub waits_for_close: bool,
}

/// Why bytes could not be read as a response at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParseError {
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Reads one response to `method` from `bytes`. `server_closes` says whether the connection
/// closes after the bytes (which ends a close-delimited body).
pub fn parse_response(
    method: &str,
    bytes: &[u8],
    server_closes: bool,
) -> Result<Parsed, ParseError> {
    let mut storage = [httparse::EMPTY_HEADER; MAX_HEADERS + 8];
    let mut response = httparse::Response::new(&mut storage);
    let header_bytes = match response.parse(bytes) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Err(ParseError {
                message: "the header section never ends (no empty line after the headers)".into(),
            })
        }
        Err(e) => {
            return Err(ParseError {
                message: format!("not a valid HTTP/1.1 response head: {e}"),
            })
        }
    };
    let status = response.code.unwrap_or(0);
    let reason = response.reason.unwrap_or("").to_string();
    let headers: Vec<(String, String)> = response
        .headers
        .iter()
        .map(|h| {
            (
                h.name.to_string(),
                String::from_utf8_lossy(h.value).into_owned(),
            )
        })
        .collect();
    let rest = bytes.get(header_bytes..).unwrap_or_default();

    let is_head = method.eq_ignore_ascii_case("HEAD");
    let te = has(&headers, "transfer-encoding");
    let chunked_last = values(&headers, "transfer-encoding")
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .last()
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"));
    let lengths: Vec<&str> = values(&headers, "content-length")
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();

    let mut parsed = Parsed {
        status,
        reason,
        headers: headers.clone(),
        header_bytes,
        body_bytes: 0,
        content: String::new(),
        rule: LengthRule::NoBody,
        rule_number: 1,
        decision: String::new(),
        leftover: 0,
        leftover_text: String::new(),
        complete: true,
        waits_for_close: false,
    };
    let until_close = |parsed: &mut Parsed| {
        parsed.body_bytes = rest.len();
        parsed.content = String::from_utf8_lossy(rest).into_owned();
        parsed.waits_for_close = !server_closes;
    };

    if is_head || status::never_has_content(status) {
        parsed.decision = if is_head {
            "a response to HEAD never has a body, whatever its headers say".into()
        } else {
            format!(
                "a {status} response never has a body: it ends at the empty line after the headers"
            )
        };
        parsed.leftover = rest.len();
    } else if method.eq_ignore_ascii_case("CONNECT") && (200..300).contains(&status) {
        parsed.rule = LengthRule::Tunnel;
        parsed.rule_number = 2;
        parsed.decision =
            "a 2xx to CONNECT turns the connection into a tunnel right after the headers".into();
    } else if te && chunked_last {
        parsed.rule = LengthRule::Chunked;
        parsed.rule_number = if lengths.is_empty() { 4 } else { 3 };
        parsed.decision = if lengths.is_empty() {
            "Transfer-Encoding ends in chunked: the body runs to the zero-size chunk".into()
        } else {
            "both Transfer-Encoding and Content-Length: Transfer-Encoding wins, and the connection must close afterwards".into()
        };
        match decode_chunked(rest) {
            Some((used, content)) => {
                parsed.body_bytes = used;
                parsed.content = String::from_utf8_lossy(&content).into_owned();
                parsed.leftover = rest.len() - used;
            }
            None => {
                parsed.body_bytes = rest.len();
                parsed.complete = false;
                parsed
                    .decision
                    .push_str("; the chunked data is malformed or never ends");
            }
        }
    } else if te {
        parsed.rule = LengthRule::CodedUntilClose;
        parsed.rule_number = 4;
        parsed.decision =
            "Transfer-Encoding does not end in chunked: the body runs until the server closes"
                .into();
        until_close(&mut parsed);
    } else if let Some(&first) = lengths.first() {
        let valid = !first.is_empty()
            && first.bytes().all(|b| b.is_ascii_digit())
            && lengths.iter().all(|l| *l == first);
        match first.parse::<usize>() {
            Ok(n) if valid => {
                parsed.rule = LengthRule::ContentLength;
                parsed.rule_number = 6;
                parsed.decision = format!("Content-Length says the body is {n} bytes");
                if let Some(body) = rest.get(..n) {
                    parsed.body_bytes = n;
                    parsed.content = String::from_utf8_lossy(body).into_owned();
                    parsed.leftover = rest.len() - n;
                } else {
                    parsed.body_bytes = rest.len();
                    parsed.content = String::from_utf8_lossy(rest).into_owned();
                    parsed.complete = false;
                    parsed.decision.push_str(&format!(
                        ", but only {} arrive: the message is incomplete",
                        rest.len()
                    ));
                }
            }
            _ => {
                parsed.rule = LengthRule::InvalidLength;
                parsed.rule_number = 5;
                parsed.complete = false;
                parsed.decision = "Content-Length is invalid (not one decimal number): the client must discard the response and close".into();
            }
        }
    } else {
        parsed.rule = LengthRule::UntilClose;
        parsed.rule_number = 8;
        parsed.decision = if server_closes {
            "no Content-Length or Transfer-Encoding: the body is whatever arrives before the server closes".into()
        } else {
            "no Content-Length or Transfer-Encoding: the body runs until the server closes, and this server keeps the connection open, so the response never ends".into()
        };
        until_close(&mut parsed);
    }
    let end = (header_bytes + parsed.body_bytes).min(bytes.len());
    parsed.leftover_text =
        String::from_utf8_lossy(bytes.get(end..).unwrap_or_default()).into_owned();
    Ok(parsed)
}

/// Decodes a chunked body; returns the bytes it used and the content, or None when the chunks
/// are malformed or incomplete.
fn decode_chunked(mut input: &[u8]) -> Option<(usize, Vec<u8>)> {
    let start = input.len();
    let mut content = Vec::new();
    loop {
        let (used, size) = match httparse::parse_chunk_size(input).ok()? {
            httparse::Status::Complete(found) => found,
            httparse::Status::Partial => return None,
        };
        input = input.get(used..)?;
        let size = usize::try_from(size).ok()?;
        if size == 0 {
            // Trailer fields (if any), then the final empty line.
            loop {
                let end = input.windows(2).position(|w| w == b"\r\n")?;
                input = input.get(end + 2..)?;
                if end == 0 {
                    return Some((start - input.len(), content));
                }
            }
        }
        content.extend_from_slice(input.get(..size)?);
        if input.get(size..size + 2)? != b"\r\n" {
            return None;
        }
        input = input.get(size + 2..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str, framing: Framing, send: SendMode) -> Answer {
        Answer {
            status,
            headers: Vec::new(),
            body: body.into(),
            framing,
            send,
        }
    }

    /// Builds, then reads back; checks the bytes and the client's view.
    fn check(
        method: &str,
        answer: Answer,
        headers: &[(&str, &str)],
        bytes: &str,
        read: (LengthRule, &str, usize),
    ) {
        let headers = headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        let sent = build_response(method, &answer, headers);
        assert_eq!(sent.bytes, bytes);
        let parsed = parse_response(method, sent.bytes.as_bytes(), sent.closes).expect("parses");
        assert_eq!(
            (parsed.rule, parsed.content.as_str(), parsed.leftover),
            read,
            "{}",
            parsed.decision
        );
    }

    #[test]
    fn builds_and_reads_back() {
        use Framing::*;
        use SendMode::*;
        check(
            "DELETE",
            answer(204, "", Auto, AsWritten),
            &[],
            "HTTP/1.1 204 No Content\r\n\r\n",
            (LengthRule::NoBody, "", 0),
        );
        check(
            "GET",
            answer(204, "hello", Auto, AsWritten),
            &[],
            "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello",
            (LengthRule::NoBody, "", 5),
        );
        check(
            "GET",
            answer(204, "hello", Auto, Conforming),
            &[],
            "HTTP/1.1 204 No Content\r\n\r\n",
            (LengthRule::NoBody, "", 0),
        );
        check(
            "POST",
            answer(205, "", None, AsWritten),
            &[],
            "HTTP/1.1 205 Reset Content\r\n\r\n",
            (LengthRule::UntilClose, "", 0),
        );
        check(
            "POST",
            answer(205, "x", None, Conforming),
            &[],
            "HTTP/1.1 205 Reset Content\r\nContent-Length: 0\r\n\r\n",
            (LengthRule::ContentLength, "", 0),
        );
        check(
            "PUT",
            answer(200, "{}", Auto, AsWritten),
            &[],
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}",
            (LengthRule::ContentLength, "{}", 0),
        );
        check(
            "GET",
            answer(200, "abc", Chunked, AsWritten),
            &[],
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            (LengthRule::Chunked, "abc", 0),
        );
        check(
            "GET",
            answer(200, "abc", Close, AsWritten),
            &[],
            "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nabc",
            (LengthRule::UntilClose, "abc", 0),
        );
        check(
            "HEAD",
            answer(200, "0123456789", Auto, Conforming),
            &[],
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n",
            (LengthRule::NoBody, "", 0),
        );
        check(
            "GET",
            answer(200, "abc", Auto, AsWritten),
            &[("Content-Length", "2")],
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nabc",
            (LengthRule::ContentLength, "ab", 1),
        );
        check(
            "GET",
            answer(304, "", Auto, AsWritten),
            &[("ETag", "\"v1\"")],
            "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n\r\n",
            (LengthRule::NoBody, "", 0),
        );
    }

    #[test]
    fn conforming_changes_cite_their_rules() {
        let sent = build_response(
            "GET",
            &answer(204, "hi", Framing::ContentLength, SendMode::Conforming),
            vec![("Content-Length".into(), "2".into())],
        );
        let sections: Vec<&str> = sent.changes.iter().map(|c| c.section).collect();
        assert_eq!(sections, ["RFC 9110 §15.3.5", "RFC 9110 §8.6"]);
    }

    fn check_field(name: &str, value: &str, expected: Option<FieldProblem>) {
        let (_, bad) = check_fields(&[(name.into(), value.into())], "answer");
        assert_eq!(bad.first().map(|b| b.problem), expected, "{name}: {value}");
    }

    #[test]
    fn field_names_and_values() {
        check_field("ETag", "\"v1\"", None);
        check_field("X Custom", "1", Some(FieldProblem::Name));
        check_field("", "1", Some(FieldProblem::Name));
        check_field("Bad:Name", "1", Some(FieldProblem::Name));
        check_field("X-Ok", "a\r\nSet-Cookie: x=1", Some(FieldProblem::Value));
        check_field("X-Ok", "nul\0", Some(FieldProblem::Value));
        check_field("X-Ok", "tab\tinside", None);
        assert!(value_problem("a\nb").is_some_and(|m| m.contains("line break")));
    }

    fn check_parse(bytes: &str, expected: Result<(u8, &str, usize, bool), &str>) {
        let got = parse_response("GET", bytes.as_bytes(), true)
            .map(|p| (p.rule_number, p.content, p.leftover, p.complete))
            .map_err(|e| e.message);
        match expected {
            Ok((n, c, l, complete)) => assert_eq!(got, Ok((n, c.to_string(), l, complete))),
            Err(needle) => assert!(got.as_ref().is_err_and(|m| m.contains(needle)), "{got:?}"),
        }
    }

    #[test]
    fn message_length_rules() {
        check_parse(
            "HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\nhello",
            Ok((6, "hello", 0, true)),
        );
        check_parse(
            "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello",
            Ok((5, "", 0, false)),
        );
        check_parse(
            "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
            Ok((5, "", 0, false)),
        );
        check_parse(
            "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhello",
            Ok((6, "hello", 0, false)),
        );
        check_parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n2\r\nhi\r\n0\r\n\r\n", Ok((3, "hi", 0, true)));
        check_parse(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nzz",
            Ok((4, "zz", 0, true)),
        );
        check_parse(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz",
            Ok((4, "", 0, false)),
        );
        check_parse("HTTP/1.1 200 OK\r\n\r\nrest", Ok((8, "rest", 0, true)));
        check_parse("HTTP/1.1 200 OK\r\nX: y\r\n", Err("never ends"));
        check_parse("hello HTTP/1.1 200 OK\r\n\r\n", Err("not a valid"));
    }
}
