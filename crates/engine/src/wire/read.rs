//! Reading a response back the way a client does (RFC 9112 §6.3): where the body ends, what
//! the client delivers, and what is left over on the connection.

use serde::Serialize;

use crate::method;
use crate::status;

use super::{Fields, MAX_HEADERS};

/// Which rule of RFC 9112 §6.3 decided the body length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LengthRule {
    /// Rule 1: HEAD, 1xx, 204 and 304 end at the header section.
    NoBody,
    /// Rule 2: a 2xx to CONNECT becomes a tunnel.
    Tunnel,
    /// Rule 4: chunked is the final transfer coding.
    Chunked,
    /// Rule 3: both Transfer-Encoding (ending in chunked) and Content-Length. Chunked decides
    /// the length, and the connection must close afterwards.
    ChunkedOverridesLength,
    /// Rule 4: a transfer coding other than chunked last: read until close.
    CodedUntilClose,
    /// Rule 5: Content-Length is invalid: unrecoverable.
    InvalidLength,
    /// Rule 6: Content-Length gives the length.
    ContentLength,
    /// Rule 8: nothing declares a length: read until the server closes.
    UntilClose,
}

impl LengthRule {
    /// The item of RFC 9112 §6.3 that applies (1 to 8).
    pub fn number(self) -> u8 {
        match self {
            LengthRule::NoBody => 1,
            LengthRule::Tunnel => 2,
            LengthRule::ChunkedOverridesLength => 3,
            LengthRule::Chunked | LengthRule::CodedUntilClose => 4,
            LengthRule::InvalidLength => 5,
            LengthRule::ContentLength => 6,
            LengthRule::UntilClose => 8,
        }
    }

    /// Does the chunked coding decide where the body ends?
    pub fn is_chunked(self) -> bool {
        matches!(
            self,
            LengthRule::Chunked | LengthRule::ChunkedOverridesLength
        )
    }
}

/// A response read back from bytes, as a client sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Parsed {
    pub status: u16,
    pub reason: String,
    pub headers: Fields,
    /// Bytes up to and including the blank line that ends the header section.
    pub header_bytes: usize,
    /// Bytes of the message body on the wire (with chunk framing, if any).
    pub body_bytes: usize,
    /// The content the client delivers.
    pub content: String,
    pub rule: LengthRule,
    /// Why, in a sentence.
    pub decision: String,
    /// Bytes after the end of this message.
    pub leftover: usize,
    /// Those bytes, as text.
    pub leftover_text: String,
    /// False when the bytes end before the message does.
    pub complete: bool,
    /// The chunked data is not chunked data at all (a chunk size that is not a hexadecimal
    /// number, a chunk not followed by CRLF): no further bytes could complete it.
    pub malformed: bool,
    /// When the body is read until close and the server keeps the connection open, the
    /// client waits for more and the response never finishes.
    pub waits_for_close: bool,
}

/// Why bytes could not be read as a response at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// No empty line ends the header section.
    HeadNeverEnds,
    /// A header name is not a token.
    HeaderName,
    /// A header value holds a byte no value may hold.
    HeaderValue,
    /// Something else in the status line or header section, as httparse names it.
    Head(httparse::Error),
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParseError::HeadNeverEnds => {
                f.write_str("the header section never ends (no empty line after the headers)")
            }
            ParseError::HeaderName => write!(
                f,
                "not a valid HTTP/1.1 response head: {}",
                httparse::Error::HeaderName
            ),
            ParseError::HeaderValue => write!(
                f,
                "not a valid HTTP/1.1 response head: {}",
                httparse::Error::HeaderValue
            ),
            ParseError::Head(e) => write!(f, "not a valid HTTP/1.1 response head: {e}"),
        }
    }
}

impl std::error::Error for ParseError {}

/// Where a client's reading of the bytes departs from RFC 9112.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    /// Only the first Content-Length field counts, and it must be one decimal number by
    /// itself: `5, 5` in one field is invalid, while a second field is not read at all.
    pub first_length_field_only: bool,
    /// `Transfer-Encoding: identity` counts as no Transfer-Encoding at all.
    pub ignore_identity_transfer_encoding: bool,
    /// A Transfer-Encoding that does not end in chunked counts as none at all.
    pub ignore_unchunked_transfer_encoding: bool,
    /// A Content-Length that is not one decimal number counts as none at all (the body then
    /// runs until close), while different valid values stay invalid.
    pub ignore_invalid_length: bool,
    /// One leading `+` in a Content-Length value is read as part of the number (`+5` is 5).
    pub plus_sign_in_length: bool,
}

impl Reading {
    /// RFC 9112 §6.3, as written.
    pub const RFC: Reading = Reading {
        first_length_field_only: false,
        ignore_identity_transfer_encoding: false,
        ignore_unchunked_transfer_encoding: false,
        ignore_invalid_length: false,
        plus_sign_in_length: false,
    };
}

/// Reads one response to `method` from `bytes`. `server_closes` says whether the connection
/// closes after the bytes (which ends a close-delimited body).
pub fn parse_response(
    method: &str,
    bytes: &[u8],
    server_closes: bool,
) -> Result<Parsed, ParseError> {
    parse_response_as(method, bytes, server_closes, Reading::RFC)
}

/// [`parse_response`], the way a client that reads as `reading` says does.
pub fn parse_response_as(
    method: &str,
    bytes: &[u8],
    server_closes: bool,
    reading: Reading,
) -> Result<Parsed, ParseError> {
    let mut storage = [httparse::EMPTY_HEADER; MAX_HEADERS + 8];
    let mut response = httparse::Response::new(&mut storage);
    let header_bytes = match response.parse(bytes) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err(ParseError::HeadNeverEnds),
        Err(httparse::Error::HeaderName) => return Err(ParseError::HeaderName),
        Err(httparse::Error::HeaderValue) => return Err(ParseError::HeaderValue),
        Err(e) => return Err(ParseError::Head(e)),
    };
    let status = response.code.unwrap_or(0);
    let reason = response.reason.unwrap_or("").to_string();
    let mut headers = Fields::new();
    for h in response.headers.iter() {
        headers.push(h.name, String::from_utf8_lossy(h.value));
    }
    let rest = bytes.get(header_bytes..).unwrap_or_default();

    let is_head = method::is_head(method);
    let chunked_last = headers
        .items("transfer-encoding")
        .filter(|t| !t.is_empty())
        .last()
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"));
    let te = headers.contains("transfer-encoding")
        && !(reading.ignore_identity_transfer_encoding
            && headers
                .items("transfer-encoding")
                .all(|t| t.eq_ignore_ascii_case("identity")))
        && (!reading.ignore_unchunked_transfer_encoding || chunked_last);
    let mut lengths: Vec<&str> = if reading.first_length_field_only {
        headers
            .get("content-length")
            .map(str::trim)
            .into_iter()
            .collect()
    } else {
        headers.items("content-length").collect()
    };
    if reading.plus_sign_in_length {
        lengths = lengths
            .into_iter()
            .map(|l| l.strip_prefix('+').unwrap_or(l))
            .collect();
    }
    let number = |l: &&str| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit());
    if reading.ignore_invalid_length && !lengths.iter().all(number) {
        lengths.clear();
    }

    let mut parsed = Parsed {
        status,
        reason,
        headers: headers.clone(),
        header_bytes,
        body_bytes: 0,
        content: String::new(),
        rule: LengthRule::NoBody,
        decision: String::new(),
        leftover: 0,
        leftover_text: String::new(),
        complete: true,
        malformed: false,
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
    } else if method == "CONNECT" && (200..300).contains(&status) {
        parsed.rule = LengthRule::Tunnel;
        parsed.decision =
            "a 2xx to CONNECT turns the connection into a tunnel right after the headers".into();
    } else if te && chunked_last {
        parsed.rule = if lengths.is_empty() {
            LengthRule::Chunked
        } else {
            LengthRule::ChunkedOverridesLength
        };
        parsed.decision = if lengths.is_empty() {
            "Transfer-Encoding ends in chunked: the body runs to the zero-size chunk".into()
        } else {
            "both Transfer-Encoding and Content-Length: Transfer-Encoding wins, and the connection must close afterwards".into()
        };
        match decode_chunked(rest) {
            Chunks::Complete { used, content } => {
                parsed.body_bytes = used;
                parsed.content = String::from_utf8_lossy(&content).into_owned();
                parsed.leftover = rest.len() - used;
            }
            Chunks::Incomplete { content } => {
                parsed.body_bytes = rest.len();
                parsed.content = String::from_utf8_lossy(&content).into_owned();
                parsed.complete = false;
                parsed
                    .decision
                    .push_str("; the chunked data stops before its last chunk");
            }
            Chunks::Malformed { content } => {
                parsed.body_bytes = rest.len();
                parsed.content = String::from_utf8_lossy(&content).into_owned();
                parsed.complete = false;
                parsed.malformed = true;
                parsed.decision.push_str("; the chunked data is malformed");
            }
        }
    } else if te {
        parsed.rule = LengthRule::CodedUntilClose;
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
                parsed.complete = false;
                parsed.decision = "Content-Length is invalid (not one decimal number): the client must discard the response and close".into();
            }
        }
    } else {
        parsed.rule = LengthRule::UntilClose;
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

/// The content of `bytes` when they are one complete chunked body (the last chunk and the
/// end of the trailer section included), and nothing when they are not.
pub fn dechunk(bytes: &[u8]) -> Option<Vec<u8>> {
    match decode_chunked(bytes) {
        Chunks::Complete { content, .. } => Some(content),
        Chunks::Incomplete { .. } | Chunks::Malformed { .. } => None,
    }
}

/// What a chunked body decodes to.
enum Chunks {
    /// Up to the last chunk and its trailer section: the bytes used, and the content.
    Complete { used: usize, content: Vec<u8> },
    /// The data stops before the last chunk (more bytes could still complete it): the
    /// content of the chunks that did arrive whole.
    Incomplete { content: Vec<u8> },
    /// Not chunked data: the content of the chunks before the fault.
    Malformed { content: Vec<u8> },
}

/// Decodes a chunked body. A chunk-size line is judged once its line ends, as a client reading
/// from the network must wait for the CRLF before it can tell a size from garbage.
fn decode_chunked(mut input: &[u8]) -> Chunks {
    let start = input.len();
    let mut content = Vec::new();
    loop {
        if !input.contains(&b'\n') {
            return Chunks::Incomplete { content };
        }
        let (used, size) = match httparse::parse_chunk_size(input) {
            Ok(httparse::Status::Complete(found)) => found,
            Ok(httparse::Status::Partial) => return Chunks::Incomplete { content },
            Err(_) => return Chunks::Malformed { content },
        };
        let Some(rest) = input.get(used..) else {
            return Chunks::Incomplete { content };
        };
        input = rest;
        let Ok(size) = usize::try_from(size) else {
            return Chunks::Malformed { content };
        };
        if size == 0 {
            // Trailer fields (if any), then the final empty line.
            loop {
                let Some(end) = input.windows(2).position(|w| w == b"\r\n") else {
                    return Chunks::Incomplete { content };
                };
                input = input.get(end + 2..).unwrap_or_default();
                if end == 0 {
                    return Chunks::Complete {
                        used: start - input.len(),
                        content,
                    };
                }
            }
        }
        let (Some(chunk), Some(after)) = (input.get(..size), input.get(size..size + 2)) else {
            return Chunks::Incomplete { content };
        };
        if after != b"\r\n" {
            return Chunks::Malformed { content };
        }
        content.extend_from_slice(chunk);
        input = input.get(size + 2..).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_parse(bytes: &str, expected: Result<(u8, &str, usize, bool), &str>) {
        let got = parse_response("GET", bytes.as_bytes(), true)
            .map(|p| (p.rule.number(), p.content, p.leftover, p.complete))
            .map_err(|e| e.to_string());
        match expected {
            Ok((n, c, l, complete)) => assert_eq!(got, Ok((n, c.to_string(), l, complete))),
            Err(needle) => assert!(got.as_ref().is_err_and(|m| m.contains(needle)), "{got:?}"),
        }
    }

    #[test]
    fn chunked_data_that_stops_is_incomplete_and_garbage_is_malformed() {
        let read = |body: &str| {
            let bytes = format!("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n{body}");
            parse_response("GET", bytes.as_bytes(), false)
                .map(|p| (p.complete, p.malformed, p.content))
                .unwrap()
        };
        for (body, expected) in [
            ("3\r\nabc\r\n0\r\n\r\n", (true, false, "abc")),
            // No CRLF yet: a client waits for the rest of the size line.
            ("hello", (false, false, "")),
            ("3\r\nab", (false, false, "")),
            ("3\r\nabc\r\n", (false, false, "abc")),
            ("hello\r\n", (false, true, "")),
            ("3\r\nabcd\r\n0\r\n\r\n", (false, true, "")),
        ] {
            let (complete, malformed, content) = read(body);
            assert_eq!(
                (complete, malformed, content.as_str()),
                expected,
                "{body:?}"
            );
        }
    }

    /// Bytes after the chunked body's final empty line are left over for the connection.
    #[test]
    fn bytes_after_a_chunked_body_are_left_over() {
        let wire = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-T: 1\r\n\r\nXYZ";
        let p = parse_response("GET", wire, false).unwrap();
        assert_eq!(
            (
                p.content.as_str(),
                p.complete,
                p.leftover,
                p.leftover_text.as_str()
            ),
            ("hello", true, 3, "XYZ")
        );
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
        check_parse(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n5\r\nab",
            Ok((4, "hi", 0, false)),
        );
        check_parse("HTTP/1.1 200 OK\r\n\r\nrest", Ok((8, "rest", 0, true)));
        check_parse("HTTP/1.1 200 OK\r\nX: y\r\n", Err("never ends"));
        check_parse("hello HTTP/1.1 200 OK\r\n\r\n", Err("not a valid"));
    }
}
