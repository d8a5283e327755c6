//! Reading one response the way a client row says, and the outcome that follows: the head's
//! framing headers checked in the client's order, the body read by the client's rules, then
//! what the caller gets, whether the connection is kept, and what the next request meets.

use crate::status;

use super::rows::{
    AfterHead, BadLength, Both, ChunkLines, ClientRow, GzipReuse, Json, Leftover, NoBody, Problem,
    Repeats, Waiting,
};
use super::{js_stringify, CallResult, ClientOutcome, JsonRead, NEXT_RESPONSE};

/// How the client decided to find the end of the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    NoBody,
    Length(usize),
    Chunked,
    UntilClose,
}

/// Where reading the body got to.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Body {
    /// It ended: the content, and the bytes after it.
    Done { content: Vec<u8>, leftover: Vec<u8> },
    /// It needs more bytes and the connection stays open; `arrived` is the content read so
    /// far.
    Waits { arrived: Vec<u8> },
    /// It cannot be read.
    Fails(Problem),
}

/// What reading chunked data found.
enum Chunks {
    Done {
        used: usize,
        content: Vec<u8>,
    },
    Bad {
        line: String,
    },
    /// More is needed: the content so far (whole chunks and the part of one that arrived),
    /// and the line that has not ended yet, if any.
    More {
        content: Vec<u8>,
        open: OpenLine,
    },
}

/// A line of chunked framing that has begun but not ended when the bytes run out.
enum OpenLine {
    None,
    /// A chunk-size line, for a client that reads whole lines: what was read of it.
    Size(String),
    /// A trailer line.
    Trailer,
}

fn is_hex_line(line: &[u8]) -> bool {
    // A chunk size, optionally followed by extensions after `;`.
    let size = line.split(|b| *b == b';').next().unwrap_or_default();
    let size = size.trim_ascii();
    !size.is_empty() && size.iter().all(u8::is_ascii_hexdigit)
}

fn hex_size(line: &[u8]) -> Option<usize> {
    let size = line.split(|b| *b == b';').next()?.trim_ascii();
    usize::from_str_radix(std::str::from_utf8(size).ok()?, 16).ok()
}

fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Reads chunked data as a client that reads chunk-size lines `lines`-wise.
fn read_chunks(data: &[u8], lines: ChunkLines) -> Chunks {
    let mut at = 0;
    let mut content = Vec::new();
    loop {
        let rest = data.get(at..).unwrap_or_default();
        let end = rest.windows(2).position(|w| w == b"\r\n");
        let Some(end) = end else {
            let valid_prefix = rest.iter().all(u8::is_ascii_hexdigit);
            return match lines {
                ChunkLines::Strict if !valid_prefix => Chunks::Bad {
                    line: text_of(rest),
                },
                ChunkLines::Strict => Chunks::More {
                    content,
                    open: OpenLine::None,
                },
                ChunkLines::Whole => Chunks::More {
                    content,
                    open: OpenLine::Size(text_of(rest)),
                },
            };
        };
        let line = rest.get(..end).unwrap_or_default();
        if !is_hex_line(line) {
            return Chunks::Bad {
                line: text_of(line),
            };
        }
        let Some(size) = hex_size(line) else {
            return Chunks::Bad {
                line: text_of(line),
            };
        };
        at += end + 2;
        if size == 0 {
            // Trailer lines, then the empty line that ends the message.
            loop {
                let rest = data.get(at..).unwrap_or_default();
                let Some(end) = rest.windows(2).position(|w| w == b"\r\n") else {
                    let open = if rest.is_empty() {
                        OpenLine::None
                    } else {
                        OpenLine::Trailer
                    };
                    return Chunks::More { content, open };
                };
                at += end + 2;
                if end == 0 {
                    return Chunks::Done { used: at, content };
                }
            }
        }
        let Some(chunk) = data.get(at..at + size) else {
            // The part of the chunk that arrived is handed on as it comes.
            content.extend_from_slice(data.get(at..).unwrap_or_default());
            return Chunks::More {
                content,
                open: OpenLine::None,
            };
        };
        content.extend_from_slice(chunk);
        at += size;
        match data.get(at..at + 2) {
            Some(b"\r\n") => at += 2,
            Some(_) => {
                return Chunks::Bad {
                    line: text_of(data.get(at..).unwrap_or_default()),
                }
            }
            None => {
                return Chunks::More {
                    content,
                    open: OpenLine::None,
                }
            }
        }
    }
}

fn is_valid_length(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit())
}

/// The response's head as a client sees it.
struct Head {
    status: u16,
    headers: Vec<(String, String)>,
    len: usize,
}

fn read_head(wire: &[u8]) -> Option<Head> {
    let mut storage = [httparse::EMPTY_HEADER; crate::wire::MAX_HEADERS + 8];
    let mut response = httparse::Response::new(&mut storage);
    let len = match response.parse(wire) {
        Ok(httparse::Status::Complete(n)) => n,
        _ => return None,
    };
    Some(Head {
        status: response.code.unwrap_or(0),
        headers: response
            .headers
            .iter()
            .map(|h| (h.name.to_string(), text_of(h.value).trim().to_string()))
            .collect(),
        len,
    })
}

impl Head {
    fn values(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    fn lists(&self, name: &str, token: &str) -> bool {
        self.values(name)
            .iter()
            .flat_map(|v| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    }

    /// Whether the head says where a GET's body would end without the connection closing, as
    /// llhttp judges it when the headers end: a 1xx, 204 or 304, chunked, or Content-Length
    /// without another transfer coding.
    fn framed(&self) -> bool {
        status::never_has_content(self.status)
            || self.chunked()
            || (self.values("transfer-encoding").is_empty()
                && !self.values("content-length").is_empty())
    }

    fn chunked(&self) -> bool {
        self.values("transfer-encoding")
            .iter()
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|t| !t.is_empty())
            .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
    }
}

/// The head's framing headers, checked as `row` checks them: a problem that fails the call
/// at once, or the Content-Length the client goes by (None: none, or one it ignores).
fn check_lengths(
    row: &ClientRow,
    head: &Head,
    because: &mut Vec<String>,
) -> Result<Option<usize>, Problem> {
    if row.both == Both::LengthUnread && head.chunked() {
        return Ok(None);
    }
    let lengths = head.values("content-length");
    let no_content = matches!(head.status, 204 | 304);
    if row.repeats == Repeats::Reject {
        // llhttp: each header as it arrives.
        let (mut seen_length, mut seen_coding) = (false, false);
        for (name, value) in &head.headers {
            if name.eq_ignore_ascii_case("content-length") {
                if !is_valid_length(value) {
                    return Err(Problem::BadLength);
                }
                if seen_length {
                    return Err(Problem::RepeatedLength(
                        lengths.iter().map(|v| v.to_string()).collect(),
                    ));
                }
                if seen_coding && row.both == Both::Reject {
                    return Err(Problem::LengthAndChunked {
                        length_first: false,
                    });
                }
                seen_length = true;
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                if seen_length && row.both == Both::Reject {
                    return Err(Problem::LengthAndChunked { length_first: true });
                }
                seen_coding = true;
            }
        }
        return Ok(lengths.first().and_then(|v| v.parse().ok()));
    }
    if row.repeats == Repeats::RejectUnequal && lengths.windows(2).any(|w| w.first() != w.get(1)) {
        return Err(Problem::RepeatedLength(
            lengths.iter().map(|v| v.to_string()).collect(),
        ));
    }
    let chosen = match row.repeats {
        Repeats::LastWins => lengths.last(),
        _ => lengths.first(),
    };
    let Some(value) = chosen else {
        return Ok(None);
    };
    if lengths.iter().all(|v| is_valid_length(v)) {
        return Ok(value.parse().ok());
    }
    match row.bad_length {
        BadLength::Reject => Err(Problem::BadLength),
        BadLength::RejectUnlessNoContent if !no_content => Err(Problem::BadLength),
        BadLength::RejectUnlessNoContent => {
            because.push(format!(
                "it never reads the length of a {}, so the invalid Content-Length is ignored",
                head.status
            ));
            Ok(None)
        }
        BadLength::Ignore => {
            because.push(
                "it ignores the invalid Content-Length, so the body runs until the server closes"
                    .into(),
            );
            Ok(None)
        }
    }
}

/// How `row` finds the end of this body.
fn mode(row: &ClientRow, head: &Head, is_head: bool, length: Option<usize>) -> Mode {
    let chunked = head.chunked();
    let coded = !head.values("transfer-encoding").is_empty();
    let bodiless = status::never_has_content(head.status);
    if is_head {
        return Mode::NoBody;
    }
    if bodiless {
        return match row.no_body {
            NoBody::Standard => Mode::NoBody,
            NoBody::StandardUnlessChunked if chunked => Mode::Chunked,
            NoBody::StandardUnlessChunked => Mode::NoBody,
            NoBody::HeadOnly if chunked => Mode::Chunked,
            NoBody::HeadOnly => match length {
                Some(n) if n > 0 => Mode::Length(n),
                _ => Mode::NoBody,
            },
        };
    }
    if chunked {
        Mode::Chunked
    } else if coded {
        Mode::UntilClose
    } else if let Some(n) = length {
        Mode::Length(n)
    } else {
        Mode::UntilClose
    }
}

/// Reads the body in `mode`. `closes`: the server closes after the response; `said_close`:
/// the head itself said `Connection: close`.
fn read_body(row: &ClientRow, mode: Mode, rest: &[u8], closes: bool, said_close: bool) -> Body {
    match mode {
        Mode::NoBody => Body::Done {
            content: Vec::new(),
            leftover: rest.to_vec(),
        },
        Mode::Length(n) => match (rest.get(..n), rest.get(n..)) {
            (Some(content), Some(leftover)) => Body::Done {
                content: content.to_vec(),
                leftover: leftover.to_vec(),
            },
            _ if closes => Body::Fails(Problem::Truncated {
                got: rest.len(),
                want: n,
            }),
            _ => Body::Waits {
                arrived: rest.to_vec(),
            },
        },
        Mode::UntilClose if closes => Body::Done {
            content: rest.to_vec(),
            leftover: Vec::new(),
        },
        Mode::UntilClose => Body::Waits {
            arrived: rest.to_vec(),
        },
        Mode::Chunked => match read_chunks(rest, row.chunk_lines) {
            Chunks::Done { used, content } => Body::Done {
                content,
                leftover: rest.get(used..).unwrap_or_default().to_vec(),
            },
            // A client that reads whole lines sees nothing wrong until the line ends.
            Chunks::Bad { line } => Body::Fails(Problem::BadChunk { line }),
            Chunks::More { content, .. } if closes && said_close && row.chunked_ends_at_close => {
                Body::Done {
                    content,
                    leftover: Vec::new(),
                }
            }
            Chunks::More { open, .. } if closes => match open {
                OpenLine::Size(line) if !line.is_empty() => Body::Fails(Problem::BadChunk { line }),
                OpenLine::Trailer => Body::Fails(Problem::ChunksTruncated { mid_line: true }),
                _ => Body::Fails(Problem::ChunksTruncated { mid_line: false }),
            },
            Chunks::More { content, .. } => Body::Waits { arrived: content },
        },
    }
}

/// zlib needs two bytes to see that the gzip magic number is missing.
const GZIP_HEADER_CHECK: usize = 2;

fn waiting(row: &ClientRow) -> CallResult {
    match row.waiting {
        Waiting::Forever => CallResult::pending(),
        Waiting::TimesOut(text) => CallResult::error(text),
    }
}

/// What the next request meets when the leftover stays in the client's buffer (h11): the
/// leftover read as the start of the next response.
fn poisoned_next(leftover: &[u8]) -> CallResult {
    let mut bytes = leftover.to_vec();
    bytes.extend_from_slice(NEXT_RESPONSE.as_bytes());
    if let Some(head) = read_head(&bytes) {
        let length = head
            .values("content-length")
            .first()
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0);
        let body = bytes
            .get(head.len..head.len + length)
            .map(text_of)
            .unwrap_or_default();
        return CallResult::value(head.status, body);
    }
    let first = bytes
        .windows(2)
        .position(|w| w == b"\r\n")
        .and_then(|end| bytes.get(..end))
        .unwrap_or(&bytes);
    CallResult::error(format!(
        "RemoteProtocolError: illegal status line: bytearray({})",
        super::rows::py_bytes(&text_of(first))
    ))
}

fn json_read(row: &ClientRow, body: &str) -> Option<JsonRead> {
    match row.json {
        Json::None => None,
        Json::Parse { empty } if body.is_empty() => Some(JsonRead::Error(empty.into())),
        Json::Parse { .. } => serde_json::from_str(body).ok().map(JsonRead::Value),
        Json::ParsedOrText => Some(JsonRead::Value(
            serde_json::from_str(body).unwrap_or_else(|_| serde_json::Value::from(body)),
        )),
    }
}

/// The outcome for the response `wire` to a `method` request, read as `row` reads it. None
/// when the head cannot be read at all (no client's reaction to that was measured).
pub fn outcome(
    row: &ClientRow,
    method: &str,
    wire: &[u8],
    server_closes: bool,
) -> Option<ClientOutcome> {
    let head = read_head(wire)?;
    let mut because = Vec::new();
    let said_close = head.lists("connection", "close");
    let closes = server_closes || said_close;
    let is_head = crate::method::is_head(method);
    let keeps_after_head = match row.after_head {
        AfterHead::Kept => true,
        AfterHead::Dropped => false,
        AfterHead::KeptIfFramed => head.framed(),
    };
    let gzip = row.decodes_gzip && head.lists("content-encoding", "gzip");
    let text = row.text;
    let fail = |problem: Problem, because: Vec<String>| ClientOutcome {
        result: CallResult::Error(text(&problem)),
        connection_reused: Some(false),
        next: CallResult::value(200, "ok"),
        json: None,
        because,
    };

    let length = match check_lengths(row, &head, &mut because) {
        Ok(length) => length,
        Err(problem) => {
            because.push(format!(
                "it refuses the response's framing headers before handing anything over ({problem:?})"
            ));
            return Some(fail(problem, because));
        }
    };
    let mode = mode(row, &head, is_head, length);
    because.push(match mode {
        Mode::NoBody => "it reads no body for this response: it ends at its headers".into(),
        Mode::Length(n) => format!("it reads a body of {n} bytes (Content-Length)"),
        Mode::Chunked => "it reads a chunked body".into(),
        Mode::UntilClose => "it reads the body until the server closes".into(),
    });
    let rest = wire.get(head.len..).unwrap_or_default();
    let body = read_body(row, mode, rest, closes, said_close);
    let clean = matches!(&body, Body::Done { leftover, .. } if leftover.is_empty());

    // fetch hands over a null body status's empty body at once; the connection still has to
    // finish reading what the framing announced.
    if row.null_body.contains(&head.status) {
        because.push(format!(
            "a {} has a null body for the caller, whatever follows",
            head.status
        ));
        let reused = clean && !closes && (!is_head || keeps_after_head);
        return Some(ClientOutcome {
            result: CallResult::value(head.status, ""),
            connection_reused: Some(reused),
            next: CallResult::value(200, "ok"),
            json: json_read(row, ""),
            because,
        });
    }

    let (content, leftover) = match body {
        Body::Done { content, leftover } => (content, leftover),
        Body::Waits { arrived } => {
            if row.decodes_as_it_reads && gzip && arrived.len() >= GZIP_HEADER_CHECK {
                because.push(
                    "the body is labelled gzip but is not: decoding its first bytes fails before the rest arrives"
                        .into(),
                );
                return Some(fail(Problem::NotGzip, because));
            }
            because.push("it waits for bytes the server never sends".into());
            return Some(ClientOutcome {
                result: waiting(row),
                connection_reused: Some(false),
                next: CallResult::value(200, "ok"),
                json: None,
                because,
            });
        }
        Body::Fails(problem @ (Problem::Truncated { .. } | Problem::ChunksTruncated { .. }))
            if gzip =>
        {
            because
                .push("it reads the body through its gzip decoder, which passes the cut on".into());
            return Some(fail(Problem::ThroughDecoder(Box::new(problem)), because));
        }
        Body::Fails(problem) => return Some(fail(problem, because)),
    };

    // Bytes that start like a status line are parsed as a response of their own, after this
    // one has been delivered (measured: keepalive-204-smuggled gave Node's http and axios the
    // 204, and a new connection for the next request); anything else fails the call.
    if !leftover.is_empty()
        && row.leftover == Leftover::FailsTheCall
        && !leftover.starts_with(b"HTTP/")
    {
        because.push(format!(
            "{} bytes follow the response, and its parser fails on them",
            leftover.len()
        ));
        return Some(fail(Problem::Leftover { close: closes }, because));
    }
    let reused = if closes {
        because.push("the server closes the connection".into());
        false
    } else if is_head && !keeps_after_head {
        because.push(match row.after_head {
            AfterHead::KeptIfFramed => {
                "it keeps a connection after a HEAD only when the head frames a body, and this one does not".into()
            }
            _ => "it never keeps a connection after a HEAD".into(),
        });
        false
    } else if leftover.is_empty() {
        true
    } else {
        because.push(format!(
            "{} bytes are left over after the response",
            leftover.len()
        ));
        match row.leftover {
            Leftover::Discarded { reuse_after_body } => mode == Mode::NoBody || reuse_after_body,
            Leftover::FailsTheCall | Leftover::DropsTheConnection => false,
            Leftover::PoisonsTheNext => true,
        }
    };
    let mut content = text_of(&content);
    if gzip && !content.is_empty() {
        if content.len() >= GZIP_HEADER_CHECK {
            because.push("the body is labelled gzip but is not, and decoding it fails".into());
            // The connection is kept as after any other body whose end was read (leftover
            // bytes included), unless the client drops it after a decoding error.
            let reused = reused
                && match row.gzip_reuse {
                    GzipReuse::Kept => true,
                    GzipReuse::KeptUnlessChunked => mode != Mode::Chunked,
                    GzipReuse::Dropped => false,
                };
            return Some(ClientOutcome {
                connection_reused: Some(reused),
                ..fail(Problem::NotGzip, because)
            });
        }
        content.clear();
    }

    let next = if reused && !leftover.is_empty() && row.leftover == Leftover::PoisonsTheNext {
        poisoned_next(&leftover)
    } else {
        CallResult::value(200, "ok")
    };

    if row.rejects_non_2xx && !(200..300).contains(&head.status) {
        because.push(format!(
            "it rejects every status outside 2xx ({})",
            head.status
        ));
        return Some(ClientOutcome {
            result: CallResult::Error(text(&Problem::Status(head.status))),
            connection_reused: Some(reused),
            next,
            json: None,
            because,
        });
    }
    let delivered = match row.json {
        Json::ParsedOrText => js_stringify(&content).unwrap_or_else(|| content.clone()),
        _ => content.clone(),
    };
    Some(ClientOutcome {
        result: CallResult::value(head.status, delivered),
        connection_reused: Some(reused),
        next,
        json: json_read(row, &content),
        because,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chunk-size line is one or more hex digits, then optional extensions after `;`
    /// (RFC 9112 §7.1).
    #[test]
    fn a_chunk_size_line_is_hex_digits_with_optional_extensions() {
        for good in [&b"0"[..], b"1a", b"FF;name=value", b" 5 "] {
            assert!(is_hex_line(good), "{:?}", text_of(good));
        }
        for bad in [&b""[..], b";ext", b"zz", b"1g", b"-1"] {
            assert!(!is_hex_line(bad), "{:?}", text_of(bad));
        }
    }

    /// llhttp's judgement when the headers end: does the head say where the body ends?
    #[test]
    fn a_head_is_framed_by_its_status_chunking_or_a_lone_length() {
        let framed = |wire: &str| read_head(wire.as_bytes()).map(|h| h.framed());
        assert_eq!(framed("HTTP/1.1 204 No Content\r\n\r\n"), Some(true));
        assert_eq!(framed("HTTP/1.1 304 Not Modified\r\n\r\n"), Some(true));
        assert_eq!(
            framed("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n"),
            Some(true)
        );
        assert_eq!(
            framed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"),
            Some(true)
        );
        assert_eq!(framed("HTTP/1.1 200 OK\r\n\r\n"), Some(false));
        assert_eq!(framed("HTTP/1.1 205 Reset Content\r\n\r\n"), Some(false));
        assert_eq!(
            framed("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: gzip\r\n\r\n"),
            Some(false)
        );
        assert_eq!(framed("HTTP/1.1 200 OK\r\n"), None, "an unfinished head");
    }

    /// The chunked body ends after the empty line that follows the last chunk and its
    /// trailers (RFC 9112 §7.1): what comes after belongs to the connection, not the body.
    #[test]
    fn a_chunked_body_ends_after_its_trailers_and_the_rest_is_left_over() {
        for (data, body_end) in [
            (&b"5\r\nhello\r\n0\r\n\r\nHTTP/1.1 204"[..], 15),
            (
                b"5\r\nhello\r\n0\r\nX-Trailer: 1\r\nX-Two: 2\r\n\r\nrest",
                39,
            ),
            (b"0\r\n\r\n", 5),
        ] {
            for lines in [ChunkLines::Strict, ChunkLines::Whole] {
                match read_chunks(data, lines) {
                    Chunks::Done { used, content } => {
                        assert_eq!(used, body_end, "{:?}", text_of(data));
                        let expected: &[u8] = if body_end == 5 { b"" } else { b"hello" };
                        assert_eq!(content, expected, "{:?}", text_of(data));
                    }
                    _ => panic!("{:?} is a whole chunked body", text_of(data)),
                }
            }
        }
    }
}
