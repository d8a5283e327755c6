//! Reading a response that someone pasted: what a server really sent, as `curl -i` or
//! `curl -v` printed it, as raw HTTP/1.1 text, or as an entry of a HAR file that browser
//! developer tools export. The result is an answer "as written" (and, when the paste shows it,
//! the request's method and target), so every finding and outcome follows from it.
//!
//! A paste is hostile text like any other input: it is only ever split, parsed and stored as
//! strings, and a problem is reported with the line it is on instead of a panic.

use base64::Engine as _;
use serde::Serialize;
use serde_json::Value;

use crate::method;
use crate::scenario::{Answer, Framing, SendMode, MAX_BODY_BYTES};
use crate::status;
use crate::wire::{self, Fields};

/// The largest paste read at all. A HAR of a whole browsing session can be megabytes, and
/// every keystroke in the app must stay fast, so a larger one is refused with a message.
pub const MAX_PASTE_BYTES: usize = 4 * 1024 * 1024;

/// What the paste turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// `curl -v`: request lines start with `> `, response head lines with `< `.
    CurlVerbose,
    /// Raw HTTP/1.1 text, which is also what `curl -i` prints.
    Raw,
    /// An entry of a HAR file (HTTP Archive, the JSON that developer tools export).
    Har,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::CurlVerbose => "curl -v output",
            Format::Raw => "raw HTTP/1.1 text (or curl -i output)",
            Format::Har => "a HAR entry",
        }
    }
}

/// The request line a paste shows (curl -v prints it; a HAR entry records it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PastedRequest {
    pub method: String,
    pub target: String,
}

/// A paste read as an answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Pasted {
    pub format: Format,
    /// The answer, sent as written.
    pub answer: Answer,
    /// The request, when the paste shows it.
    pub request: Option<PastedRequest>,
    /// What was read differently from the paste's letter, and why, in sentences.
    pub notes: Vec<String>,
    /// For a HAR: one line per entry (`DELETE /items/42 → 204`), so that another can be chosen.
    pub entries: Vec<String>,
    /// Which of `entries` was read.
    pub entry: usize,
}

impl Pasted {
    /// One sentence saying what was read.
    pub fn summary(&self) -> String {
        let a = &self.answer;
        let fields = match a.headers.len() {
            1 => "1 header field".to_string(),
            n => format!("{n} header fields"),
        };
        let body = match a.body.len() {
            0 => "no body".to_string(),
            1 => "a body of 1 byte".to_string(),
            n => format!("a body of {n} bytes"),
        };
        let reason = status::reason(a.status);
        let request = self
            .request
            .as_ref()
            .map(|r| format!(", answering {} {}", r.method, r.target))
            .unwrap_or_default();
        format!(
            "Read {}: {} {reason}, {fields}, {body}{request}.",
            self.format.label(),
            a.status
        )
        .replace(" ,", ",")
    }
}

/// Why a paste could not be read, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PasteError {
    /// The line of the paste (from 1), when one line is at fault.
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for PasteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for PasteError {}

fn fail<T>(line: Option<usize>, message: impl Into<String>) -> Result<T, PasteError> {
    Err(PasteError {
        line,
        message: message.into(),
    })
}

/// Reads a paste. `method` is the composer's request method, which decides how a raw
/// response is framed when the paste itself does not say (a HEAD response has no body);
/// `entry` picks a HAR entry, and `None` lets the reader choose.
pub fn read(text: &str, method: &str, entry: Option<usize>) -> Result<Pasted, PasteError> {
    if text.len() > MAX_PASTE_BYTES {
        return fail(
            None,
            format!(
                "the paste is {} bytes; the limit is {} MiB: paste one response or a smaller HAR",
                text.len(),
                MAX_PASTE_BYTES / (1024 * 1024)
            ),
        );
    }
    let start = text.trim_start();
    if start.is_empty() {
        return fail(None, "nothing to read: paste the output of curl -i or curl -v, raw HTTP/1.1 text, or a HAR entry");
    }
    if start.starts_with('{') || start.starts_with('[') {
        return read_har(text, entry);
    }
    if text.lines().any(|l| l.starts_with("< HTTP/")) {
        let (response, request) = read_curl_verbose(text)?;
        let method = request.as_ref().map_or(method, |r| r.method.as_str());
        let (answer, notes) = to_answer(response, method)?;
        return Ok(Pasted {
            format: Format::CurlVerbose,
            answer,
            request,
            notes,
            entries: Vec::new(),
            entry: 0,
        });
    }
    let response = read_raw(text)?;
    let (answer, notes) = to_answer(response, method)?;
    Ok(Pasted {
        format: Format::Raw,
        answer,
        request: None,
        notes,
        entries: Vec::new(),
        entry: 0,
    })
}

/// A response as the paste has it, before it becomes an answer.
struct Response {
    status: u16,
    reason: String,
    /// The version the paste names when it is not HTTP/1.x (`HTTP/2`, `h2`).
    later_version: Option<String>,
    http10: bool,
    headers: Fields,
    body: String,
    /// Earlier responses in the same paste (interim ones, redirects), which were skipped.
    skipped: Vec<u16>,
    notes: Vec<String>,
}

/// A line of the paste with its number (from 1), without its line ending.
type Line = (usize, String);

/// Reads the status line and header lines of one response head.
fn parse_head(lines: &[Line]) -> Result<Response, PasteError> {
    let Some((number, status_line)) = lines.first() else {
        return fail(
            None,
            "no status line: a response starts with one such as HTTP/1.1 204 No Content",
        );
    };
    let number = *number;
    let (version, after) = status_line
        .split_once(' ')
        .unwrap_or((status_line.as_str(), ""));
    let later_version = matches!(version, "HTTP/2" | "HTTP/2.0" | "HTTP/3" | "HTTP/3.0")
        .then(|| version.to_string());
    if !version.starts_with("HTTP/") {
        return fail(
            Some(number),
            format!("`{}` is not a status line: a response starts with its version and status code, such as HTTP/1.1 204 No Content", shorten(status_line)),
        );
    }
    let status_line = match later_version {
        Some(_) => format!("HTTP/1.1 {after}"),
        None => status_line.clone(),
    };
    let head = format!("{}\r\n\r\n", status_line.trim_end());
    let mut none = [];
    let mut response = httparse::Response::new(&mut none);
    if let Err(e) = response.parse(head.as_bytes()) {
        return fail(
            Some(number),
            format!("`{}` is not a status line ({e}): expected something such as HTTP/1.1 204 No Content", shorten(&status_line)),
        );
    }
    let status = response.code.unwrap_or(0);
    let reason = response.reason.unwrap_or("").trim().to_string();
    let http10 = later_version.is_none() && response.version == Some(0);

    let mut headers = Fields::new();
    for (number, line) in lines.iter().skip(1) {
        if line.starts_with([' ', '\t']) {
            return fail(
                Some(*number),
                "a header line that starts with whitespace continues the line above (obsolete line folding, RFC 9112 §5.2): join the two lines",
            );
        }
        let field = format!("{line}\r\n\r\n");
        let mut one = [httparse::EMPTY_HEADER; 1];
        match httparse::parse_headers(field.as_bytes(), &mut one) {
            Ok(httparse::Status::Complete((_, [h]))) => {
                headers.push(h.name, String::from_utf8_lossy(h.value))
            }
            Ok(_) => {
                return fail(
                    Some(*number),
                    format!(
                        "`{}` is not a header field: expected name: value",
                        shorten(line)
                    ),
                )
            }
            Err(e) => {
                return fail(
                    Some(*number),
                    format!(
                        "`{}` is not a header field ({e}): expected name: value",
                        shorten(line)
                    ),
                )
            }
        }
    }
    Ok(Response {
        status,
        reason,
        later_version,
        http10,
        headers,
        body: String::new(),
        skipped: Vec::new(),
        notes: Vec::new(),
    })
}

/// The first 60 characters of a line, for a message.
fn shorten(line: &str) -> String {
    let mut short: String = line.chars().take(60).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    short
}

/// The body length one Content-Length field gives, when there is exactly one and it is a number.
fn content_length(headers: &Fields) -> Option<usize> {
    let mut values = headers.get_all("content-length");
    let value = values.next()?;
    if values.next().is_some() {
        return None;
    }
    value.trim().parse().ok()
}

/// Raw text: one response, or several one after another (`curl -i` prints an interim
/// `100 Continue` and, with `-L`, every redirect), of which the last is read.
fn read_raw(text: &str) -> Result<Response, PasteError> {
    let mut rest = text;
    let mut line = 1;
    let mut skipped = Vec::new();
    loop {
        // The head: from the first line that is not blank to the first blank line (or the end
        // of the paste, since a copied `curl -I` often loses its final empty line).
        let mut head: Vec<Line> = Vec::new();
        let mut offset = 0;
        for piece in rest.split_inclusive('\n') {
            offset += piece.len();
            let content = piece.trim_end_matches(['\r', '\n']);
            if content.is_empty() {
                line += 1;
                if head.is_empty() {
                    continue;
                }
                break;
            }
            head.push((line, content.to_string()));
            line += 1;
        }
        let mut response = parse_head(&head)?;
        let body = rest.get(offset..).unwrap_or_default();
        let next = if (100..200).contains(&response.status) && response.status != 101 {
            Some(0)
        } else {
            let after = match content_length(&response.headers) {
                Some(n) if !response.headers.contains("transfer-encoding") => n,
                _ => 0,
            };
            body.get(after..)
                .is_some_and(|b| b.trim_start().starts_with("HTTP/"))
                .then_some(after)
        };
        match next {
            Some(after) => {
                skipped.push(response.status);
                let consumed = body.get(..after).unwrap_or_default();
                line += consumed.matches('\n').count();
                rest = body.get(after..).unwrap_or_default();
            }
            None => {
                response.body = body.to_string();
                response.skipped = skipped;
                return Ok(response);
            }
        }
    }
}

/// A response block of `curl -v` output: its head lines and the body lines after them.
#[derive(Default)]
struct Block {
    head: Vec<Line>,
    head_done: bool,
    body: Vec<String>,
    request: Option<PastedRequest>,
}

/// `curl -v`: the lines after `> ` are the request, those after `< ` the response head, those
/// after `* ` curl's own remarks, and the body is printed as it is between them.
fn read_curl_verbose(text: &str) -> Result<(Response, Option<PastedRequest>), PasteError> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut request: Option<PastedRequest> = None;
    let mut in_request = false;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let prefixed = |mark: char| {
            line.strip_prefix(mark)
                .filter(|r| r.is_empty() || r.starts_with(' '))
                .map(|r| r.strip_prefix(' ').unwrap_or(r))
        };
        if let Some(r) = prefixed('>') {
            if !in_request {
                in_request = true;
                let mut words = r.split_whitespace();
                request = match (words.next(), words.next()) {
                    (Some(m), Some(t)) => Some(PastedRequest {
                        method: m.to_string(),
                        target: t.to_string(),
                    }),
                    _ => None,
                };
            }
            continue;
        }
        in_request = false;
        if let Some(r) = prefixed('<') {
            if r.starts_with("HTTP/") {
                blocks.push(Block {
                    request: request.clone(),
                    ..Block::default()
                });
            }
            if let Some(block) = blocks.last_mut().filter(|b| !b.head_done) {
                if r.trim().is_empty() {
                    block.head_done = true;
                } else {
                    block.head.push((number, r.to_string()));
                }
            }
            continue;
        }
        if prefixed('*').is_some() || line.starts_with("{ [") || line.starts_with("} [") {
            continue;
        }
        if let Some(block) = blocks.last_mut().filter(|b| b.head_done) {
            block.body.push(line.to_string());
        }
    }
    let count = blocks.len();
    let Some(mut block) = blocks.pop() else {
        return fail(
            None,
            "no response head: curl -v marks the response's lines with <",
        );
    };
    let mut response = parse_head(&block.head)?;
    // The body goes to standard output and curl's remarks to standard error, so a body with
    // no final newline runs into the remark that follows it on the same line.
    let mut newline = !block.body.is_empty();
    if let Some(last) = block.body.last_mut() {
        for remark in ["* Connection #", "* Closing connection", "* shutting down"] {
            if let Some(at) = last.find(remark) {
                last.truncate(at);
                newline = false;
                break;
            }
        }
    }
    let mut body = block.body.join("\n");
    if newline {
        body.push('\n');
    }
    response.body = body;
    if count > 1 {
        response.notes.push(format!(
            "The paste holds {count} responses (interim ones or redirects): the last one was read."
        ));
    }
    Ok((response, block.request.take()))
}

/// A HAR file, one entry of it, or a list of entries.
fn read_har(text: &str, entry: Option<usize>) -> Result<Pasted, PasteError> {
    let json: Value = serde_json::from_str(text).map_err(|e| PasteError {
        line: Some(e.line()),
        message: format!(
            "not valid JSON ({}), so not a HAR file",
            e.to_string().split(" at line ").next().unwrap_or_default()
        ),
    })?;
    let entries: Vec<&Value> = if let Some(list) =
        json.pointer("/log/entries").and_then(Value::as_array)
    {
        list.iter().collect()
    } else if let Some(list) = json.as_array() {
        list.iter().collect()
    } else if json.get("response").is_some() {
        vec![&json]
    } else {
        return fail(None, "JSON, but not a HAR: expected log.entries (a HAR file) or one entry with a request and a response");
    };
    if entries.is_empty() {
        return fail(
            None,
            "the HAR has no entries: record the request in the network panel, then export again",
        );
    }
    let str_at = |v: &Value, pointer: &str| -> String {
        v.pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let request_of = |e: &Value| {
        let url = str_at(e, "/request/url");
        let target = url
            .parse::<http::Uri>()
            .ok()
            .and_then(|u| u.path_and_query().map(|p| p.as_str().to_string()))
            .filter(|t| !t.is_empty())
            .unwrap_or(url);
        PastedRequest {
            method: str_at(e, "/request/method"),
            target,
        }
    };
    let status_of = |e: &Value| e.pointer("/response/status").and_then(Value::as_u64);
    let summaries: Vec<String> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let r = request_of(e);
            let code = status_of(e).map_or("?".to_string(), |s| s.to_string());
            format!("{}. {} {} → {code}", i + 1, r.method, r.target)
        })
        .collect();
    // Without a choice, the first answer this playground is about, else the first entry.
    let chosen = entry.unwrap_or_else(|| {
        entries
            .iter()
            .position(|e| matches!(status_of(e), Some(204 | 205 | 304)))
            .unwrap_or(0)
    });
    let Some(e) = entries.get(chosen) else {
        return fail(
            None,
            format!(
                "the HAR has {} entries; there is no entry {}",
                entries.len(),
                chosen + 1
            ),
        );
    };
    let number = chosen + 1;
    let status = match status_of(e).and_then(|s| u16::try_from(s).ok()) {
        Some(0) => return fail(None, format!("entry {number} has status 0: the browser got no response (the request was blocked, failed or cancelled)")),
        Some(s) => s,
        None => return fail(None, format!("entry {number} has no response.status")),
    };
    let version = str_at(e, "/response/httpVersion");
    let later_version = match version.to_ascii_lowercase().as_str() {
        "h2" | "http/2" | "http/2.0" | "h3" | "http/3" | "http/3.0" => Some(version.clone()),
        _ => None,
    };
    let mut notes = Vec::new();
    let mut headers = Fields::new();
    for h in e
        .pointer("/response/headers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let name = str_at(h, "/name");
        // HTTP/2 pseudo-header fields (`:status`) are not header fields of an HTTP/1.1
        // response.
        if name.starts_with(':') || name.is_empty() {
            continue;
        }
        headers.push(name, str_at(h, "/value"));
    }
    let text_body = str_at(e, "/response/content/text");
    let body = if str_at(e, "/response/content/encoding").eq_ignore_ascii_case("base64") {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text_body.trim())
            .map_err(|err| PasteError {
                line: None,
                message: format!("entry {number}'s body is marked base64 but is not: {err}"),
            })?;
        String::from_utf8(bytes).map_err(|err| PasteError {
            line: None,
            message: format!(
                "entry {number}'s body is binary ({} bytes that are not UTF-8 text): nocontent shows text bodies only",
                err.as_bytes().len()
            ),
        })?
    } else {
        text_body
    };
    let size = e
        .pointer("/response/content/size")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    if body.is_empty() && size > 0 {
        notes.push(format!(
            "The HAR does not hold the body ({size} bytes of content): it is shown without it."
        ));
    }
    // Developer tools record the content after decoding it, so the bytes on the wire were
    // compressed: keeping the coding's header fields would claim that the plain text shown is
    // gzip (or br) data of another length.
    if let Some(coding) = headers
        .get("content-encoding")
        .filter(|v| !v.trim().eq_ignore_ascii_case("identity"))
        .map(str::to_string)
    {
        if !body.is_empty() {
            headers.remove("content-encoding");
            headers.remove("content-length");
            notes.push(format!(
                "The HAR holds the body after decoding, so Content-Encoding: {coding} and the Content-Length of the coded bytes were removed."
            ));
        }
    }
    if entries.len() > 1 {
        notes.push(format!(
            "The HAR holds {} entries; entry {number} was read.",
            entries.len()
        ));
    }
    let request = request_of(e);
    let response = Response {
        status,
        reason: str_at(e, "/response/statusText"),
        later_version,
        http10: version.eq_ignore_ascii_case("http/1.0"),
        headers,
        body,
        skipped: Vec::new(),
        notes,
    };
    let (answer, notes) = to_answer(response, &request.method)?;
    Ok(Pasted {
        format: Format::Har,
        answer,
        request: (!request.method.is_empty()).then_some(request),
        notes,
        entries: summaries,
        entry: chosen,
    })
}

/// Turns a pasted response into an answer sent as written, choosing the framing that puts
/// the same bytes on the wire.
fn to_answer(r: Response, method: &str) -> Result<(Answer, Vec<String>), PasteError> {
    let mut notes = r.notes;
    if !r.skipped.is_empty() {
        let codes: Vec<String> = r.skipped.iter().map(u16::to_string).collect();
        notes.push(format!(
            "The paste holds {} responses: the earlier {} ({}) were skipped and the last one was read.",
            r.skipped.len() + 1,
            if r.skipped.len() == 1 { "one" } else { "ones" },
            codes.join(", ")
        ));
    }
    if let Some(version) = &r.later_version {
        notes.push(format!(
            "It came over {version}, which has no framing header fields: it is shown as the HTTP/1.1 bytes a server would send, with the length such a server adds."
        ));
    } else if r.http10 {
        notes.push(
            "An HTTP/1.0 response: it is shown as HTTP/1.1, the only version nocontent writes."
                .into(),
        );
    }
    let registered = status::reason(r.status);
    if !r.reason.is_empty() && !r.reason.eq_ignore_ascii_case(registered) {
        notes.push(format!(
            "Its reason phrase \"{}\" is shown as the registered one, \"{registered}\"; clients ignore it (RFC 9112 §4).",
            r.reason
        ));
    }
    let headers = r.headers;
    let mut body = r.body;
    let chunked = headers
        .items("transfer-encoding")
        .filter(|t| !t.is_empty())
        .last()
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"));
    let framing = if chunked {
        // Raw text holds the chunk framing; curl and a HAR give the content already decoded.
        // Text pasted from a terminal may have lost its carriage returns.
        let decoded = wire::dechunk(body.as_bytes())
            .or_else(|| wire::dechunk(body.replace("\r\n", "\n").replace('\n', "\r\n").as_bytes()));
        match decoded {
            Some(content) => body = String::from_utf8_lossy(&content).into_owned(),
            None if !body.is_empty() => notes.push(
                "The body is not chunked data, so it is taken as the content already decoded (as curl prints it) and sent chunked.".into(),
            ),
            None => {}
        }
        Framing::Chunked
    } else if headers.contains("content-length") {
        // Copying from a terminal adds a final newline the server never sent.
        if let Some(n) = content_length(&headers) {
            let extra_is_newline = body
                .get(n..)
                .is_some_and(|extra| extra == "\n" || extra == "\r\n");
            if extra_is_newline {
                body.truncate(n);
            }
        }
        Framing::ContentLength
    } else if headers.contains("transfer-encoding") {
        // Another transfer coding last: clients read until the connection closes (RFC 9112
        // §6.3 rule 4), and the bytes go out as they are.
        Framing::None
    } else if r.later_version.is_some() {
        Framing::Auto
    } else if status::never_has_content(r.status) || method::is_head(method) {
        Framing::None
    } else {
        if !body.is_empty() {
            notes.push("Nothing gives the body's length, so it ends when the server closes the connection.".into());
        }
        Framing::Close
    };
    if body.len() > MAX_BODY_BYTES {
        return fail(
            None,
            format!(
                "the body is {} bytes; the limit is {} bytes (64 KiB)",
                body.len(),
                MAX_BODY_BYTES
            ),
        );
    }
    let answer = Answer {
        status: r.status,
        headers: headers.as_slice().to_vec(),
        body,
        framing,
        send: SendMode::AsWritten,
    };
    Ok((answer, notes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;
    use crate::simulate;

    fn ok(text: &str) -> Pasted {
        match read(text, "GET", None) {
            Ok(p) => p,
            Err(e) => panic!("{e}\n{text}"),
        }
    }

    fn err(text: &str) -> String {
        match read(text, "GET", None) {
            Ok(p) => panic!("read as {p:?}"),
            Err(e) => e.to_string(),
        }
    }

    fn headers(p: &Pasted) -> Vec<(&str, &str)> {
        p.answer
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }

    /// The bytes the pasted answer puts on the wire for `method`.
    fn wire_of(p: &Pasted, method: &str) -> String {
        let mut s = Scenario::default();
        s.request.method = method.into();
        s.answer = p.answer.clone();
        simulate(&s).map(|x| x.wire).unwrap_or_default()
    }

    #[test]
    fn raw_text_with_either_line_ending_is_the_answer_as_written() {
        for text in [
            "HTTP/1.1 204 No Content\r\nDate: Tue, 01 Dec 2026 10:00:00 GMT\r\nServer: x\r\n\r\n",
            "HTTP/1.1 204 No Content\nDate: Tue, 01 Dec 2026 10:00:00 GMT\nServer: x\n\n",
            // Copied from a terminal, leading blank lines and no final empty line.
            "\n\nHTTP/1.1 204 No Content\nDate: Tue, 01 Dec 2026 10:00:00 GMT\nServer: x",
        ] {
            let p = ok(text);
            assert_eq!(p.format, Format::Raw);
            assert_eq!(p.answer.status, 204);
            assert_eq!(
                headers(&p),
                [("Date", "Tue, 01 Dec 2026 10:00:00 GMT"), ("Server", "x")]
            );
            assert_eq!(p.answer.body, "");
            assert_eq!(p.answer.send, SendMode::AsWritten);
            assert_eq!(
                wire_of(&p, "DELETE"),
                "HTTP/1.1 204 No Content\r\nDate: Tue, 01 Dec 2026 10:00:00 GMT\r\nServer: x\r\n\r\n"
            );
            assert!(p.notes.is_empty(), "{:?}", p.notes);
        }
    }

    #[test]
    fn a_body_is_kept_and_a_terminal_newline_beyond_the_length_dropped() {
        let p = ok("HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 2\n\n{}\n");
        assert_eq!(p.answer.body, "{}");
        assert_eq!(p.answer.framing, Framing::ContentLength);
        assert_eq!(
            wire_of(&p, "GET"),
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
        );
        // Bytes beyond the length that are not just a newline were sent: they stay.
        let p = ok("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\nhello");
        assert_eq!(p.answer.body, "hello");
        // A 204 with a body and no length: the bytes follow the head as they did.
        let p = ok("HTTP/1.1 204 No Content\r\n\r\nhello");
        assert_eq!(p.answer.framing, Framing::None);
        assert_eq!(wire_of(&p, "GET"), "HTTP/1.1 204 No Content\r\n\r\nhello");
    }

    #[test]
    fn no_length_on_a_status_with_content_means_the_server_closed() {
        let p = ok("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nbye");
        assert_eq!(p.answer.framing, Framing::Close);
        assert!(
            p.notes.iter().any(|n| n.contains("HTTP/1.0")),
            "{:?}",
            p.notes
        );
        assert!(
            p.notes.iter().any(|n| n.contains("closes")),
            "{:?}",
            p.notes
        );
        // A HEAD answer has no body, whatever the status.
        let p = read(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n",
            "HEAD",
            None,
        )
        .unwrap();
        assert_eq!(p.answer.framing, Framing::None);
        assert_eq!(
            wire_of(&p, "HEAD"),
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n"
        );
    }

    #[test]
    fn chunked_data_is_decoded_and_sent_chunked_again() {
        for text in [
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n5\nhello\n0\n\n",
            // curl -i prints the content already decoded.
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nhello",
        ] {
            let p = ok(text);
            assert_eq!(p.answer.body, "hello", "{text:?}");
            assert_eq!(p.answer.framing, Framing::Chunked);
            assert_eq!(
                wire_of(&p, "GET"),
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
            );
        }
    }

    #[test]
    fn curl_i_interim_responses_and_redirects_are_skipped() {
        let p = ok("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nLocation: /items/43\r\nContent-Length: 0\r\n\r\n");
        assert_eq!(p.answer.status, 201);
        assert_eq!(
            headers(&p),
            [("Location", "/items/43"), ("Content-Length", "0")]
        );
        assert!(p.notes.iter().any(|n| n.contains("100")), "{:?}", p.notes);
        // curl -i -L: a redirect with its small body, then the final answer.
        let p = ok("HTTP/1.1 301 Moved Permanently\r\nLocation: /b\r\nContent-Length: 5\r\n\r\nmovedHTTP/1.1 204 No Content\r\nServer: y\r\n\r\n");
        assert_eq!(p.answer.status, 204);
        assert_eq!(headers(&p), [("Server", "y")]);
        assert!(p.notes.iter().any(|n| n.contains("301")), "{:?}", p.notes);
        // A chunked redirect that also says Content-Length: the length does not count beside
        // Transfer-Encoding (RFC 9112 §6.3), and curl printed the decoded, empty content, so
        // the next response starts right after the head.
        let p = ok("HTTP/1.1 302 Found\r\nLocation: /b\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nHTTP/1.1 204 No Content\r\nServer: y\r\n\r\n");
        assert_eq!(p.answer.status, 204);
        assert_eq!(headers(&p), [("Server", "y")]);
    }

    /// A problem after a skipped response is placed on the paste's own line, counting the
    /// lines of the skipped response's body.
    #[test]
    fn a_bad_line_after_a_skipped_response_names_its_line() {
        let text = "HTTP/1.1 301 Moved\r\nContent-Length: 6\r\n\r\nmo\r\nveHTTP/1.1 200 OK\r\nBad Header\r\n\r\n";
        let message = err(text);
        assert!(message.starts_with("line 6: `Bad Header`"), "{message}");
    }

    const CURL_V: &str = "$ curl -v -X DELETE http://localhost:8080/items/42
*   Trying 127.0.0.1:8080...
* Connected to localhost (127.0.0.1) port 8080
> DELETE /items/42 HTTP/1.1
> Host: localhost:8080
> User-Agent: curl/8.5.0
> Accept: */*
>
< HTTP/1.1 200 OK
< Content-Type: application/json
< Content-Length: 15
<
{\"deleted\":true}* Connection #0 to host localhost left intact
";

    /// curl's lines about the data it moved (`{ [15 bytes data]`, `} [5 bytes data]`) are
    /// its own remarks, not the body.
    #[test]
    fn curl_v_data_remarks_are_not_the_body() {
        let text = CURL_V.replace("<\n{", "<\n{ [15 bytes data]\n} [0 bytes data]\n{");
        let p = ok(&text);
        assert_eq!(p.answer.body, "{\"deleted\":true}");
    }

    /// A HAR entry read over HTTP/2 or HTTP/3 says so, and its answer is sent with the
    /// framing HTTP/1.1 would give it rather than as a close-delimited body.
    #[test]
    fn a_har_entry_over_http2_is_framed_for_http11() {
        let e = entry_over(
            "h2",
            "GET",
            "https://a.test/x",
            200,
            "",
            "{\"size\": 2, \"mimeType\": \"text/plain\", \"text\": \"hi\"}",
        );
        let p = ok(&e);
        assert_eq!(p.answer.framing, Framing::Auto);
        assert!(p.notes.iter().any(|n| n.contains("h2")), "{:?}", p.notes);
    }

    /// An empty chunked body is nothing to remark on; a body that is not chunked data is.
    #[test]
    fn only_a_body_that_is_not_chunked_data_gets_the_note() {
        let note = "The body is not chunked data";
        let empty = ok("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        assert!(
            empty.notes.iter().all(|n| !n.starts_with(note)),
            "{:?}",
            empty.notes
        );
        let plain = ok("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nhello");
        assert!(
            plain.notes.iter().any(|n| n.starts_with(note)),
            "{:?}",
            plain.notes
        );
    }

    /// A paste over the limit is refused before it is read.
    #[test]
    fn a_paste_over_the_limit_is_refused() {
        let message = err(&"x".repeat(MAX_PASTE_BYTES + 1));
        assert!(
            message.starts_with("the paste is 4194305 bytes"),
            "{}",
            message.get(..60).unwrap_or_default()
        );
    }

    /// A pasted body may be as long as the limit and no longer.
    #[test]
    fn a_pasted_body_may_be_as_long_as_the_limit() {
        let at = |n: usize| {
            format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {n}\r\n\r\n{}",
                "a".repeat(n)
            )
        };
        assert_eq!(ok(&at(MAX_BODY_BYTES)).answer.body.len(), MAX_BODY_BYTES);
        let over = err(&at(MAX_BODY_BYTES + 1));
        assert!(over.contains("limit"), "{over}");
    }

    /// A 1xx other than 101 is interim: the paste's answer is the response after it. 101 is
    /// final (the connection changes protocol), so it is the answer.
    #[test]
    fn raw_interim_responses_are_skipped_but_101_is_final() {
        let p = ok("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nETag: \"v\"\r\n\r\n");
        assert_eq!(p.answer.status, 204);
        let p = ok("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
        assert_eq!(p.answer.status, 101);
    }

    /// Only a paste of several responses says that the last one was read.
    #[test]
    fn curl_v_notes_several_responses_only_when_there_are_several() {
        let one = "> GET /a HTTP/1.1\n> Host: x\n>\n< HTTP/1.1 204 No Content\n< ETag: \"v\"\n<\n";
        let p = ok(one);
        assert_eq!(p.answer.status, 204);
        assert!(
            p.notes.iter().all(|n| !n.contains("responses")),
            "{:?}",
            p.notes
        );
        let two = "> GET /a HTTP/1.1\n> Host: x\n>\n< HTTP/1.1 100 Continue\n<\n< HTTP/1.1 204 No Content\n<\n";
        let p = ok(two);
        assert!(
            p.notes.iter().any(|n| n.contains("holds 2 responses")),
            "{:?}",
            p.notes
        );
    }

    #[test]
    fn curl_v_gives_the_request_line_and_the_response() {
        let p = ok(CURL_V);
        assert_eq!(p.format, Format::CurlVerbose);
        assert_eq!(
            p.request,
            Some(PastedRequest {
                method: "DELETE".into(),
                target: "/items/42".into()
            })
        );
        assert_eq!(p.answer.status, 200);
        assert_eq!(
            headers(&p),
            [
                ("Content-Type", "application/json"),
                ("Content-Length", "15")
            ]
        );
        assert_eq!(p.answer.body, "{\"deleted\":true}");
        assert_eq!(
            p.summary(),
            "Read curl -v output: 200 OK, 2 header fields, a body of 16 bytes, answering DELETE /items/42."
        );
    }

    #[test]
    fn curl_v_over_http2_is_shown_as_http11_with_a_note() {
        let text = "> HEAD /x HTTP/2\n> Host: example.com\n>\n< HTTP/2 204 \n< date: Tue, 01 Dec 2026 10:00:00 GMT\n< server: z\n<\n* Connection #0 to host example.com left intact\n";
        let p = ok(text);
        assert_eq!(p.answer.status, 204);
        assert_eq!(p.request.as_ref().map(|r| r.method.as_str()), Some("HEAD"));
        assert_eq!(p.answer.body, "");
        assert!(
            p.notes.iter().any(|n| n.contains("HTTP/2")),
            "{:?}",
            p.notes
        );
        assert_eq!(
            wire_of(&p, "HEAD"),
            "HTTP/1.1 204 No Content\r\ndate: Tue, 01 Dec 2026 10:00:00 GMT\r\nserver: z\r\n\r\n"
        );
    }

    fn har(entries: &str) -> String {
        format!("{{\"log\": {{\"version\": \"1.2\", \"creator\": {{\"name\": \"WebInspector\", \"version\": \"537.36\"}}, \"entries\": [{entries}]}}}}")
    }

    fn entry(method: &str, url: &str, status: u16, headers: &str, content: &str) -> String {
        entry_over("HTTP/1.1", method, url, status, headers, content)
    }

    /// An entry whose response came over `version` (`HTTP/1.1`, or `h2` as Chromium writes it).
    fn entry_over(
        version: &str,
        method: &str,
        url: &str,
        status: u16,
        headers: &str,
        content: &str,
    ) -> String {
        format!("{{\"request\": {{\"method\": \"{method}\", \"url\": \"{url}\", \"httpVersion\": \"HTTP/1.1\", \"headers\": []}}, \"response\": {{\"status\": {status}, \"statusText\": \"\", \"httpVersion\": \"{version}\", \"headers\": [{headers}], \"content\": {content}}}}}")
    }

    #[test]
    fn a_har_entry_gives_request_and_answer_and_the_no_content_one_is_chosen() {
        let get = entry(
            "GET",
            "https://api.example.com/",
            200,
            "{\"name\": \"Content-Length\", \"value\": \"2\"}",
            "{\"size\": 2, \"mimeType\": \"text/html\", \"text\": \"hi\"}",
        );
        let delete = entry(
            "DELETE",
            "https://api.example.com/items/42?force=1",
            204,
            "{\"name\": \"Server\", \"value\": \"nginx\"}",
            "{\"size\": 0, \"mimeType\": \"x-unknown\"}",
        );
        let text = har(&format!("{get}, {delete}"));
        let p = ok(&text);
        assert_eq!(p.format, Format::Har);
        assert_eq!(
            p.entries,
            ["1. GET / → 200", "2. DELETE /items/42?force=1 → 204"]
        );
        assert_eq!(p.entry, 1);
        assert!(
            p.notes
                .iter()
                .any(|n| n == "The HAR holds 2 entries; entry 2 was read."),
            "{:?}",
            p.notes
        );
        assert_eq!(p.answer.status, 204);
        assert_eq!(headers(&p), [("Server", "nginx")]);
        assert_eq!(
            p.request,
            Some(PastedRequest {
                method: "DELETE".into(),
                target: "/items/42?force=1".into()
            })
        );
        // Another entry, chosen.
        let p = read(&text, "GET", Some(0)).unwrap();
        assert_eq!((p.answer.status, p.answer.body.as_str()), (200, "hi"));
        assert!(read(&text, "GET", Some(2))
            .unwrap_err()
            .to_string()
            .contains("no entry 3"));
        // One entry by itself, as "Copy as HAR" gives it.
        let p = ok(&delete);
        assert_eq!(p.answer.status, 204);
        assert!(p.entries.len() == 1 && p.notes.is_empty(), "{p:?}");
    }

    #[test]
    fn a_har_body_is_decoded_and_its_coding_fields_removed() {
        let e = entry("GET", "https://a.test/x", 200, "{\"name\": \"content-encoding\", \"value\": \"gzip\"}, {\"name\": \"content-length\", \"value\": \"31\"}, {\"name\": \":status\", \"value\": \"200\"}", "{\"size\": 5, \"mimeType\": \"text/plain\", \"text\": \"aGVsbG8=\", \"encoding\": \"base64\"}");
        let p = ok(&e);
        assert_eq!(p.answer.body, "hello");
        assert!(p.answer.headers.is_empty(), "{:?}", p.answer.headers);
        assert!(p.notes.iter().any(|n| n.contains("gzip")), "{:?}", p.notes);
        let binary = entry("GET", "https://a.test/x", 200, "", "{\"size\": 2, \"mimeType\": \"image/png\", \"text\": \"/w==\", \"encoding\": \"base64\"}");
        assert!(err(&binary).contains("binary"));
        let failed = entry("GET", "https://a.test/x", 0, "", "{\"size\": 0}");
        assert!(
            err(&failed).starts_with("entry 1 has status 0"),
            "{}",
            err(&failed)
        );
    }

    #[test]
    fn what_cannot_be_read_says_what_and_where() {
        for (text, needle) in [
            ("", "nothing to read"),
            ("   \n\t", "nothing to read"),
            ("hello world", "line 1: `hello world` is not a status line"),
            (
                "\n\nHTTP/1.1 abc OK\n\n",
                "line 3: `HTTP/1.1 abc OK` is not a status line",
            ),
            (
                "HTTP/1.1 204 No Content\nServer: x\nno colon here\n\n",
                "line 3: `no colon here` is not a header field",
            ),
            (
                "HTTP/1.1 204 No Content\nX-A: 1\n  folded\n\n",
                "line 3: a header line that starts with whitespace",
            ),
            ("{\"log\": {\"entries\": []}}", "no entries"),
            ("{\"log\": {\"entries\": [}", "line 1: not valid JSON"),
            ("{\"a\": 1}", "not a HAR"),
            (
                "< HTTP/1.1 204 No Content\n< Bad Name: x\n<\n",
                "line 2: `Bad Name: x` is not a header field",
            ),
        ] {
            let message = err(text);
            assert!(
                message.contains(needle),
                "{text:?}: `{message}` lacks `{needle}`"
            );
        }
        let big = format!("HTTP/1.1 200 OK\r\n\r\n{}", "a".repeat(MAX_BODY_BYTES + 1));
        assert!(err(&big).contains("64 KiB"));
    }

    #[test]
    fn a_different_reason_phrase_is_noted() {
        let p = ok("HTTP/1.1 204 Nothing Here\r\n\r\n");
        assert!(
            p.notes.iter().any(|n| n.contains("Nothing Here")),
            "{:?}",
            p.notes
        );
    }

    /// The strongest check: every catalog scenario's bytes, pasted back, put the same bytes on
    /// the wire, so a paste loses nothing the engine can show.
    #[test]
    fn every_catalog_response_pasted_back_sends_the_same_bytes() {
        let mut checked = 0;
        for e in crate::catalog::catalog() {
            let Ok(x) = simulate(&e.scenario) else {
                continue;
            };
            if e.scenario.answer.framing == Framing::None
                && !status::never_has_content(x.response.status)
                && !method::is_head(&x.request.method)
            {
                // "Bytes just follow, no close": raw text cannot tell that from a close.
                continue;
            }
            let p = match read(&x.wire, &x.request.method, None) {
                Ok(p) => p,
                Err(err) => panic!("{}: {err}\n{}", e.id, x.wire),
            };
            assert_eq!(wire_of(&p, &x.request.method), x.wire, "{}", e.id);
            checked += 1;
        }
        assert!(checked > 25, "only {checked} checked");
    }
}
