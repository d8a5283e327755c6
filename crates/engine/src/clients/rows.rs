//! The six clients, one row each: what each does with a response's framing, bodies, leftover
//! bytes and errors, in its own words. Every field was measured by the client runner against
//! the raw-socket server with the catalog and 200 seeded random scenarios
//! (`docs/clients-and-frameworks.md`); `cargo run -p nocontent-e2e --bin clients -- --compare`
//! repeats the measurement and checks every prediction.

use super::ClientId;

/// What a client does with a Content-Length that is not one decimal number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadLength {
    /// Fails the call, whatever the status.
    Reject,
    /// Fails the call, except for a 204 or a 304, whose length it never reads.
    RejectUnlessNoContent,
    /// Treats it as absent: the body runs until the server closes.
    Ignore,
}

/// What a client does with more than one Content-Length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repeats {
    /// Fails the call even when they agree.
    Reject,
    /// Fails the call when they disagree; equal ones count as one.
    RejectUnequal,
    /// Uses the last one.
    LastWins,
}

/// What a client does with both Content-Length and `Transfer-Encoding: chunked`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Both {
    /// Fails the call; the text names whichever came second.
    Reject,
    /// Reads the chunks and ignores the length, which it still checks.
    ChunkedWins,
    /// Reads the chunks and never looks at the length (urllib3 checks lengths only for a body
    /// that is not chunked).
    LengthUnread,
}

/// Which responses a client reads no body for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoBody {
    /// A response to HEAD, a 1xx, a 204 and a 304 end at their headers (RFC 9112 §6.3).
    Standard,
    /// Like [`NoBody::Standard`], but a chunked 1xx, 204 or 304 still has its chunks read
    /// (Python's http.client checks for chunked first).
    StandardUnlessChunked,
    /// Only a response to HEAD ends at its headers; a 1xx, 204 or 304 with Content-Length or
    /// chunked framing has that body read (undici's parser settings), one without either has
    /// none.
    HeadOnly,
}

/// How a client reads a chunk-size line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChunkLines {
    /// Byte by byte: a character that cannot be in a chunk size fails at once.
    Strict,
    /// A line at a time: nothing fails until the line's end (or the close) arrives.
    Whole,
}

/// What a client does with bytes after the end of a response, on a connection that stays
/// open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leftover {
    /// Throws them away with its read buffer. `reuse_after_body` says whether it still reuses
    /// the connection when they follow a body (curl does not; it reuses one after a 204).
    Discarded { reuse_after_body: bool },
    /// Parses them as the next response at once, and fails the call.
    FailsTheCall,
    /// Parses them as the next response in the background; the call returns, the connection
    /// is dropped.
    DropsTheConnection,
    /// Keeps them in its buffer: the next response on the connection is read after them.
    PoisonsTheNext,
}

/// What a client does when a body needs more bytes and the server keeps the connection open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waiting {
    /// Waits for ever (no timeout by default).
    Forever,
    /// Gives up after its default timeout, with this error.
    TimesOut(&'static str),
}

/// Whether a client keeps the connection after failing to decode a gzip body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GzipReuse {
    /// The body had been read to its end, so the connection goes back to the pool.
    Kept,
    /// Kept after a Content-Length body; a chunked body fails before its last chunk is read.
    KeptUnlessChunked,
    /// Dropped.
    Dropped,
}

/// Whether a client keeps the connection after a response to HEAD.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterHead {
    /// Kept, like after any other response.
    Kept,
    /// Never kept (undici).
    Dropped,
    /// Kept only when the head frames a body the way a GET's would end without a close: a
    /// 1xx, 204 or 304, Content-Length, or chunked. llhttp decides whether the connection
    /// stays open when the headers end, before Node's http module tells it that a response
    /// to HEAD has no body, so an unframed one counts as a body that runs until the close
    /// (measured: c2-20, an unframed 205 to HEAD).
    KeptIfFramed,
}

/// Something that fails a call, handed to a row's `text` to be put in its own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    BadLength,
    /// More than one Content-Length: the values.
    RepeatedLength(Vec<String>),
    /// Content-Length with Transfer-Encoding; `length_first` says which came first.
    LengthAndChunked {
        length_first: bool,
    },
    /// The server closed before the Content-Length body ended.
    Truncated {
        got: usize,
        want: usize,
    },
    /// A chunk-size line that is not one; `line` is what was read of it.
    BadChunk {
        line: String,
    },
    /// The server closed in the middle of chunked data; `mid_line` when the bytes of a line
    /// not yet ended (a trailer line) were still waiting in the client's buffer.
    ChunksTruncated {
        mid_line: bool,
    },
    /// Bytes after the response; `close` when the response said `Connection: close`.
    Leftover {
        close: bool,
    },
    /// A status outside 2xx.
    Status(u16),
    /// A body labelled `Content-Encoding: gzip` that is not gzip.
    NotGzip,
    /// A truncation (`Truncated`, `ChunksTruncated`) met by a caller that reads the body
    /// through the client's gzip decoder, so the decoder passes the cut on in its own way.
    ThroughDecoder(Box<Problem>),
}

/// How a client's JSON read treats a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Json {
    /// Not read as JSON by the caller (curl).
    None,
    /// `JSON.parse`: an empty body fails with this text.
    Parse { empty: &'static str },
    /// axios: the text, parsed when it parses, else the text itself.
    ParsedOrText,
}

/// One client.
#[derive(Debug)]
pub struct ClientRow {
    pub id: ClientId,
    pub label: &'static str,
    pub version: &'static str,
    pub bad_length: BadLength,
    pub repeats: Repeats,
    pub both: Both,
    pub no_body: NoBody,
    /// Statuses whose result carries an empty body as soon as the head arrives, whatever
    /// follows (fetch's null body statuses); the connection still waits for the body.
    pub null_body: &'static [u16],
    pub chunk_lines: ChunkLines,
    pub leftover: Leftover,
    pub waiting: Waiting,
    /// Rejects a status outside 2xx once the body is read (axios's `validateStatus`).
    pub rejects_non_2xx: bool,
    /// Decodes `Content-Encoding: gzip` for the caller.
    pub decodes_gzip: bool,
    pub gzip_reuse: GzipReuse,
    /// Decodes gzip as the body's bytes arrive, so a body labelled gzip that is not fails as
    /// soon as two of its bytes are in, even when the rest never comes (measured: c2-17).
    /// requests reads a Content-Length body to its end before it decodes anything.
    pub decodes_as_it_reads: bool,
    /// With `Connection: close` in the head, a chunked body the server cuts short ends where
    /// the connection does, as if complete: undici treats what arrived as the whole response
    /// when the response said the connection would not be kept (measured: c2-157). A short
    /// Content-Length body still fails.
    pub chunked_ends_at_close: bool,
    pub after_head: AfterHead,
    pub json: Json,
    /// The client's error text for a problem.
    pub text: fn(&Problem) -> String,
}

/// The rows, in column order.
pub static ROWS: [&ClientRow; 6] = [&CURL, &NODE_FETCH, &NODE_HTTP, &AXIOS, &REQUESTS, &HTTPX];

pub fn row(id: ClientId) -> &'static ClientRow {
    match id {
        ClientId::Curl => &CURL,
        ClientId::NodeFetch => &NODE_FETCH,
        ClientId::NodeHttp => &NODE_HTTP,
        ClientId::Axios => &AXIOS,
        ClientId::Requests => &REQUESTS,
        ClientId::Httpx => &HTTPX,
    }
}

fn curl_text(p: &Problem) -> String {
    match p {
        Problem::ThroughDecoder(inner) => curl_text(inner),
        Problem::BadLength => "curl: (8) Invalid Content-Length: value".into(),
        Problem::Truncated { got, want } => format!(
            "curl: (18) transfer closed with {} bytes remaining to read",
            want.saturating_sub(*got)
        ),
        Problem::BadChunk { .. } => {
            "curl: (56) Illegal or missing hexadecimal sequence in chunked-encoding".into()
        }
        Problem::ChunksTruncated { .. } => {
            "curl: (18) transfer closed with outstanding read data remaining".into()
        }
        // curl reads these without failing; the texts are never used.
        other => format!("curl: {other:?}"),
    }
}

/// llhttp's messages, as Node's http module and axios report them.
fn llhttp_text(p: &Problem) -> String {
    let parse = |m: &str| format!("Error: Parse Error: {m}");
    match p {
        Problem::BadLength => parse("Invalid character in Content-Length"),
        Problem::RepeatedLength(_) => parse("Duplicate Content-Length"),
        Problem::LengthAndChunked { length_first: true } => {
            parse("Transfer-Encoding can't be present with Content-Length")
        }
        Problem::LengthAndChunked {
            length_first: false,
        } => parse("Content-Length can't be present with Transfer-Encoding"),
        Problem::BadChunk { .. } => parse("Invalid character in chunk size"),
        Problem::Leftover { close: true } => parse("Data after `Connection: close`"),
        Problem::Leftover { close: false } => parse("Expected HTTP/, RTSP/ or ICE/"),
        Problem::Truncated { .. } | Problem::ChunksTruncated { .. } => "Error: aborted".into(),
        Problem::Status(code) => format!("AxiosError: Request failed with status code {code}"),
        Problem::NotGzip => "Error: incorrect header check".into(),
        Problem::ThroughDecoder(inner) => llhttp_text(inner),
    }
}

fn node_fetch_text(p: &Problem) -> String {
    match p {
        // undici wraps every failure before the response in one TypeError (the parser's
        // message is its `cause`), and every failure of the body after it in another.
        Problem::BadLength | Problem::RepeatedLength(_) | Problem::LengthAndChunked { .. } => {
            "TypeError: fetch failed".into()
        }
        _ => "TypeError: terminated".into(),
    }
}

fn axios_text(p: &Problem) -> String {
    match p {
        // axios listens for `aborted` on the stream it reads; when that is its gunzip stream
        // rather than the response, the response's own error (Node's "aborted") comes through
        // the pipeline instead (measured: c3-108).
        Problem::ThroughDecoder(inner) => llhttp_text(inner),
        Problem::Truncated { .. } | Problem::ChunksTruncated { .. } => {
            "AxiosError: stream has been aborted".into()
        }
        other => llhttp_text(other),
    }
}

/// Python's `repr` of a bytes object holding `text`'s bytes, as h11 and http.client quote
/// them.
pub fn py_bytes(text: &str) -> String {
    format!("b{}", py_quoted(text, true))
}

/// Python's `repr` of the str `text`, as an exception's tuple of arguments shows its message.
pub fn py_str(text: &str) -> String {
    py_quoted(text, false)
}

/// The quoting both reprs share: single quotes unless the text holds a single quote and no
/// double quote, the chosen quote and backslashes escaped, control characters as escapes. A
/// bytes repr escapes every byte outside ASCII; a str repr keeps other characters as they are
/// (Python escapes the unprintable ones among them too, which no client text here holds).
fn py_quoted(text: &str, bytes: bool) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(quote);
    let escape = |c: char, out: &mut String| match c {
        '\\' => out.push_str("\\\\"),
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        c if c == quote => {
            out.push('\\');
            out.push(quote);
        }
        ' '..='~' => out.push(c),
        c if !bytes && !c.is_control() => out.push(c),
        c => out.push_str(&format!("\\x{:02x}", u32::from(c))),
    };
    if bytes {
        for b in text.bytes() {
            escape(char::from(b), &mut out);
        }
    } else {
        for c in text.chars() {
            escape(c, &mut out);
        }
    }
    out.push(quote);
    out
}

fn requests_text(p: &Problem) -> String {
    match p {
        Problem::RepeatedLength(values) => format!(
            "InvalidHeader: Content-Length contained multiple unmatching values ({})",
            values.join(", ")
        ),
        Problem::Truncated { got, want } => {
            let inner = format!(
                "IncompleteRead({got} bytes read, {} more expected)",
                want.saturating_sub(*got)
            );
            let message = py_str(&format!("Connection broken: {inner}"));
            format!("ChunkedEncodingError: ({message}, {inner})")
        }
        Problem::BadChunk { line } => {
            let inner = format!("InvalidChunkLength(got length {}, 0 bytes read)", py_bytes(line));
            // The message quotes the line as bytes, so Python picks its quotes by content.
            let message = py_str(&format!("Connection broken: {inner}"));
            format!("ChunkedEncodingError: ({message}, {inner})")
        }
        Problem::ChunksTruncated { .. } => "ChunkedEncodingError: Response ended prematurely".into(),
        Problem::NotGzip => "ContentDecodingError: ('Received response with content-encoding: gzip, but failed to decode it.', error('Error -3 while decompressing data: incorrect header check'))".into(),
        Problem::ThroughDecoder(inner) => requests_text(inner),
        other => format!("requests: {other:?}"),
    }
}

fn httpx_text(p: &Problem) -> String {
    match p {
        Problem::BadLength => "RemoteProtocolError: bad Content-Length".into(),
        Problem::RepeatedLength(_) => "RemoteProtocolError: conflicting Content-Length headers".into(),
        Problem::Truncated { got, want } => format!(
            "RemoteProtocolError: peer closed connection without sending complete message body (received {got} bytes, expected {want})"
        ),
        // h11 at the close: bytes of an unfinished line still in its buffer mean an event it
        // can never complete; with the buffer empty, the chunked reader reports itself short.
        Problem::BadChunk { .. } | Problem::ChunksTruncated { mid_line: true } => {
            "RemoteProtocolError: peer unexpectedly closed connection".into()
        }
        Problem::ChunksTruncated { mid_line: false } => {
            "RemoteProtocolError: peer closed connection without sending complete message body (incomplete chunked read)".into()
        }
        Problem::NotGzip => {
            "DecodingError: Error -3 while decompressing data: incorrect header check".into()
        }
        Problem::ThroughDecoder(inner) => httpx_text(inner),
        other => format!("httpx: {other:?}"),
    }
}

/// Fetch's null body statuses (Fetch standard, "null body status").
const NULL_BODY: [u16; 5] = [101, 103, 204, 205, 304];

const JS_EMPTY: &str = "SyntaxError: Unexpected end of JSON input";
const PY_EMPTY: &str = "JSONDecodeError: Expecting value: line 1 column 1 (char 0)";

const CURL: ClientRow = ClientRow {
    id: ClientId::Curl,
    label: "curl",
    version: "curl 7.88.1",
    bad_length: BadLength::RejectUnlessNoContent,
    repeats: Repeats::LastWins,
    both: Both::ChunkedWins,
    no_body: NoBody::Standard,
    null_body: &[],
    chunk_lines: ChunkLines::Strict,
    leftover: Leftover::Discarded {
        reuse_after_body: false,
    },
    waiting: Waiting::Forever,
    rejects_non_2xx: false,
    decodes_gzip: false,
    gzip_reuse: GzipReuse::Dropped,
    decodes_as_it_reads: false,
    chunked_ends_at_close: false,
    after_head: AfterHead::Kept,
    json: Json::None,
    text: curl_text,
};

const NODE_FETCH: ClientRow = ClientRow {
    id: ClientId::NodeFetch,
    label: "Node fetch",
    version: "undici 6.24.1 (Node v20.20.2)",
    bad_length: BadLength::Reject,
    repeats: Repeats::Reject,
    both: Both::Reject,
    no_body: NoBody::HeadOnly,
    null_body: &NULL_BODY,
    chunk_lines: ChunkLines::Strict,
    leftover: Leftover::DropsTheConnection,
    waiting: Waiting::Forever,
    rejects_non_2xx: false,
    decodes_gzip: true,
    gzip_reuse: GzipReuse::Kept,
    decodes_as_it_reads: true,
    chunked_ends_at_close: true,
    after_head: AfterHead::Dropped,
    json: Json::Parse { empty: JS_EMPTY },
    text: node_fetch_text,
};

const NODE_HTTP: ClientRow = ClientRow {
    id: ClientId::NodeHttp,
    label: "Node http",
    version: "Node v20.20.2 http (llhttp 9.3.1)",
    bad_length: BadLength::Reject,
    repeats: Repeats::Reject,
    both: Both::Reject,
    no_body: NoBody::Standard,
    null_body: &[],
    chunk_lines: ChunkLines::Strict,
    leftover: Leftover::FailsTheCall,
    waiting: Waiting::Forever,
    rejects_non_2xx: false,
    decodes_gzip: false,
    gzip_reuse: GzipReuse::Dropped,
    decodes_as_it_reads: false,
    chunked_ends_at_close: false,
    after_head: AfterHead::KeptIfFramed,
    json: Json::Parse { empty: JS_EMPTY },
    text: llhttp_text,
};

const AXIOS: ClientRow = ClientRow {
    id: ClientId::Axios,
    label: "axios",
    version: "axios 1.21.1 (Node v20.20.2)",
    rejects_non_2xx: true,
    decodes_gzip: true,
    gzip_reuse: GzipReuse::Kept,
    decodes_as_it_reads: true,
    json: Json::ParsedOrText,
    text: axios_text,
    ..NODE_HTTP
};

const REQUESTS: ClientRow = ClientRow {
    id: ClientId::Requests,
    label: "requests",
    version: "requests 2.34.2 (urllib3 2.8.0)",
    bad_length: BadLength::Ignore,
    repeats: Repeats::RejectUnequal,
    both: Both::LengthUnread,
    no_body: NoBody::StandardUnlessChunked,
    null_body: &[],
    chunk_lines: ChunkLines::Whole,
    leftover: Leftover::Discarded {
        reuse_after_body: true,
    },
    waiting: Waiting::Forever,
    rejects_non_2xx: false,
    decodes_gzip: true,
    gzip_reuse: GzipReuse::KeptUnlessChunked,
    decodes_as_it_reads: false,
    chunked_ends_at_close: false,
    after_head: AfterHead::Kept,
    json: Json::Parse { empty: PY_EMPTY },
    text: requests_text,
};

const HTTPX: ClientRow = ClientRow {
    id: ClientId::Httpx,
    label: "httpx",
    version: "httpx 0.28.1 (httpcore 1.0.9, h11 0.16.0)",
    bad_length: BadLength::Reject,
    repeats: Repeats::RejectUnequal,
    both: Both::ChunkedWins,
    no_body: NoBody::Standard,
    null_body: &[],
    chunk_lines: ChunkLines::Whole,
    leftover: Leftover::PoisonsTheNext,
    waiting: Waiting::TimesOut("ReadTimeout: timed out"),
    rejects_non_2xx: false,
    decodes_gzip: true,
    gzip_reuse: GzipReuse::Dropped,
    decodes_as_it_reads: true,
    chunked_ends_at_close: false,
    after_head: AfterHead::Kept,
    json: Json::Parse { empty: PY_EMPTY },
    text: httpx_text,
};
