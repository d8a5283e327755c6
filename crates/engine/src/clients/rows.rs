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
    /// The server closed in the middle of chunked data.
    ChunksTruncated,
    /// Bytes after the response; `close` when the response said `Connection: close`.
    Leftover {
        close: bool,
    },
    /// A status outside 2xx.
    Status(u16),
    /// A body labelled `Content-Encoding: gzip` that is not gzip.
    NotGzip,
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
    /// Keeps the connection after a response to HEAD (undici does not).
    pub reuses_after_head: bool,
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
        Problem::BadLength => "curl: (8) Invalid Content-Length: value".into(),
        Problem::Truncated { got, want } => format!(
            "curl: (18) transfer closed with {} bytes remaining to read",
            want.saturating_sub(*got)
        ),
        Problem::BadChunk { .. } => {
            "curl: (56) Illegal or missing hexadecimal sequence in chunked-encoding".into()
        }
        Problem::ChunksTruncated => {
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
        Problem::Truncated { .. } | Problem::ChunksTruncated => "Error: aborted".into(),
        Problem::Status(code) => format!("AxiosError: Request failed with status code {code}"),
        Problem::NotGzip => "Error: incorrect header check".into(),
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
        Problem::Truncated { .. } | Problem::ChunksTruncated => {
            "AxiosError: stream has been aborted".into()
        }
        other => llhttp_text(other),
    }
}

/// Python's bytes repr for what h11 and http.client quote.
pub fn py_bytes(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = format!("b{quote}");
    for b in text.bytes() {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\r' => out.push_str("\\r"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            b if b == quote as u8 => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(b as char),
            b => out.push_str(&format!("\\x{b:02x}")),
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
            format!("ChunkedEncodingError: ('Connection broken: {inner}', {inner})")
        }
        Problem::BadChunk { line } => {
            let inner = format!("InvalidChunkLength(got length {}, 0 bytes read)", py_bytes(line));
            format!("ChunkedEncodingError: (\"Connection broken: {inner}\", {inner})")
        }
        Problem::ChunksTruncated => "ChunkedEncodingError: Response ended prematurely".into(),
        Problem::NotGzip => "ContentDecodingError: ('Received response with content-encoding: gzip, but failed to decode it.', error('Error -3 while decompressing data: incorrect header check'))".into(),
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
        Problem::BadChunk { .. } | Problem::ChunksTruncated => {
            "RemoteProtocolError: peer unexpectedly closed connection".into()
        }
        Problem::NotGzip => {
            "DecodingError: Error -3 while decompressing data: incorrect header check".into()
        }
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
    reuses_after_head: true,
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
    reuses_after_head: false,
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
    reuses_after_head: true,
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
    reuses_after_head: true,
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
    reuses_after_head: true,
    json: Json::Parse { empty: PY_EMPTY },
    text: httpx_text,
};
