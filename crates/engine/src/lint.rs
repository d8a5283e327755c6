//! Deciding which rules apply to a response, given the request it answers.
//!
//! Lint works on the response as a client reads it back from the bytes ([`Parsed`]), so the
//! same code serves composed answers and raw responses pasted into the command line.

use serde::Serialize;

use crate::outcome::{self, PreflightFailure};
use crate::rules::{self, Level, Rule};
use crate::status;
use crate::wire::{self, LengthRule, Parsed};

/// A rule that applies, with what makes it apply here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub id: &'static str,
    pub level: Level,
    pub summary: &'static str,
    pub detail: &'static str,
    pub section: &'static str,
    pub url: &'static str,
    /// The input field it concerns, such as `answer.headers[1].value`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The specifics: which bytes, which header.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Finding {
    pub fn new(rule: Rule) -> Finding {
        Finding {
            id: rule.id,
            level: rule.level,
            summary: rule.summary,
            detail: rule.detail,
            section: rule.cite.section,
            url: rule.cite.url,
            field: None,
            note: None,
        }
    }

    pub fn at(mut self, field: impl Into<String>) -> Finding {
        self.field = Some(field.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Finding {
        self.note = Some(note.into());
        self
    }
}

/// What lint knows about the exchange.
pub struct LintInput<'a> {
    pub method: &'a str,
    pub request_headers: &'a [(String, String)],
    /// When the answer is the response to a CORS preflight: the method of the real request.
    pub preflight: Option<&'a str>,
    pub parsed: &'a Parsed,
    pub closes: bool,
    /// For HEAD: the length of the content a GET would get, when known.
    pub get_length: Option<usize>,
}

fn has(headers: &[(String, String)], name: &str) -> bool {
    wire::value(headers, name).is_some()
}

/// The findings for one response.
pub fn lint(input: &LintInput<'_>) -> Vec<Finding> {
    let p = input.parsed;
    let code = p.status;
    let method = input.method.to_ascii_uppercase();
    let h = &p.headers;
    let mut out = Vec::new();
    let mut add = |rule: Rule, note: Option<String>| {
        let finding = Finding::new(rule);
        out.push(match note {
            Some(n) => finding.note(n),
            None => finding,
        });
    };
    let trailing = p.leftover;
    let bytes = |n: usize| {
        if n == 1 {
            "1 byte".to_string()
        } else {
            format!("{n} bytes")
        }
    };

    if !(100..=599).contains(&code) {
        add(rules::STATUS_OUT_OF_RANGE, Some(format!("status {code}")));
    } else if status::reason(code).is_empty() {
        add(
            rules::STATUS_UNREGISTERED,
            Some(format!("{code} is read as {}", code / 100 * 100)),
        );
    }

    // Content where there must be none.
    if p.rule == LengthRule::NoBody && trailing > 0 {
        let note = Some(format!("{} after the header section", bytes(trailing)));
        if method == "HEAD" {
            add(rules::HEAD_WITH_BODY, note);
        } else if code == 204 {
            add(rules::NO_CONTENT_WITH_BODY, note);
        } else if code == 304 {
            add(rules::NOT_MODIFIED_WITH_BODY, note);
        }
    }
    if ((100..200).contains(&code) || code == 204) && has(h, "content-length") {
        add(
            rules::CONTENT_LENGTH_FORBIDDEN,
            wire::value(h, "content-length").map(|v| format!("Content-Length: {v}")),
        );
    }
    if ((100..200).contains(&code) || code == 204) && has(h, "transfer-encoding") {
        add(rules::TRANSFER_ENCODING_FORBIDDEN, None);
    }
    if code == 204 && !has(h, "content-length") && !has(h, "transfer-encoding") && trailing == 0 {
        add(rules::NO_CONTENT_CLEAN, None);
    }

    // 205: no content, and zero-length framing.
    if code == 205 {
        let content = p.content.len();
        if content > 0 {
            add(
                rules::RESET_CONTENT_WITH_BODY,
                Some(format!("{} of content", bytes(content))),
            );
        }
        let zero_length = wire::value(h, "content-length").map(str::trim) == Some("0")
            || (p.rule == LengthRule::Chunked && content == 0)
            || (input.closes && p.body_bytes == 0);
        if !zero_length {
            add(rules::RESET_CONTENT_UNFRAMED, None);
        } else if content == 0 && trailing == 0 {
            add(rules::RESET_CONTENT_CLEAN, None);
        }
    }

    if method == "HEAD" {
        if let (Some(get), Some(declared)) = (input.get_length, wire::value(h, "content-length")) {
            if declared.trim() != get.to_string() {
                add(
                    rules::HEAD_LENGTH_MISMATCH,
                    Some(format!(
                        "Content-Length: {declared}, but GET would send {}",
                        bytes(get)
                    )),
                );
            }
        }
    }
    if matches!(code, 204 | 205) && has(h, "content-type") {
        add(
            rules::CONTENT_TYPE_WITHOUT_CONTENT,
            wire::value(h, "content-type").map(|v| format!("Content-Type: {v}")),
        );
    }
    if matches!(method.as_str(), "PUT" | "PATCH")
        && (200..300).contains(&code)
        && (has(h, "etag") || has(h, "last-modified"))
    {
        add(rules::VALIDATOR_AFTER_WRITE, None);
    }
    if method == "GET" && code == 204 {
        add(rules::NO_CONTENT_TO_GET, None);
        if !has(h, "cache-control") && !has(h, "expires") {
            add(rules::NO_CONTENT_CACHEABLE, None);
        }
    }
    // An empty JSON object says as little as no content at all.
    let trivial = matches!(p.content.trim(), "" | "{}");
    if code == 200
        && !matches!(method.as_str(), "GET" | "HEAD")
        && trivial
        && p.complete
        && !p.waits_for_close
        && input.preflight.is_none()
    {
        let note = if p.content.is_empty() {
            "the content is empty"
        } else {
            "the content is just {}"
        };
        add(rules::EMPTY_200, Some(note.to_string()));
    }
    if code == 201 {
        match wire::value(h, "location") {
            Some(location) => add(
                rules::CREATED_WITH_LOCATION,
                Some(format!("Location: {location}")),
            ),
            None => add(rules::CREATED_WITHOUT_LOCATION, None),
        }
    }
    if code == 304
        && !has(input.request_headers, "if-none-match")
        && !has(input.request_headers, "if-modified-since")
    {
        add(rules::NOT_MODIFIED_UNCONDITIONAL, None);
    }
    if !matches!(method.as_str(), "GET" | "HEAD" | "OPTIONS" | "TRACE")
        && (200..400).contains(&code)
        && input.preflight.is_none()
    {
        add(rules::UNSAFE_INVALIDATES, None);
    }

    if let Some(real_method) = input.preflight {
        match outcome::check_preflight(real_method, input.request_headers, p) {
            Ok(()) => add(rules::PREFLIGHT_OK, None),
            Err(failure) => {
                let rule = match failure {
                    PreflightFailure::NotOk(_) | PreflightFailure::Unusable(_) => {
                        rules::PREFLIGHT_NOT_OK
                    }
                    PreflightFailure::NoAllowOrigin => rules::PREFLIGHT_NO_ALLOW_ORIGIN,
                    PreflightFailure::MethodNotAllowed(_) => rules::PREFLIGHT_METHOD_NOT_ALLOWED,
                    PreflightFailure::HeaderNotAllowed(_) => rules::PREFLIGHT_HEADERS_NOT_ALLOWED,
                };
                add(rule, Some(failure.to_string()));
            }
        }
    }

    // Framing.
    match p.rule {
        LengthRule::InvalidLength => add(
            rules::CONTENT_LENGTH_INVALID,
            wire::value(h, "content-length").map(|v| format!("Content-Length: {v}")),
        ),
        LengthRule::ContentLength if !p.complete => add(
            rules::CONTENT_LENGTH_MISMATCH,
            Some(format!(
                "declares more than the {} that arrive",
                bytes(p.body_bytes)
            )),
        ),
        LengthRule::ContentLength if trailing > 0 && code != 205 => add(
            rules::CONTENT_LENGTH_MISMATCH,
            Some(format!("{} more than declared", bytes(trailing))),
        ),
        LengthRule::UntilClose | LengthRule::CodedUntilClose
            if !(p.waits_for_close || code == 205 && p.body_bytes == 0) =>
        {
            add(rules::CLOSE_DELIMITED, None)
        }
        _ => {}
    }
    if p.rule_number == 3 {
        add(rules::TRANSFER_ENCODING_WITH_CONTENT_LENGTH, None);
    }
    if p.waits_for_close {
        add(rules::NEVER_ENDS, None);
    }
    if trailing > 0 && !input.closes && p.complete {
        add(
            rules::LEFTOVER_BYTES,
            Some(format!("{} left on the connection", bytes(trailing))),
        );
    }
    sort(&mut out);
    out
}

/// Orders findings by level (errors first), then by the rule table.
pub fn sort(findings: &mut [Finding]) {
    let position = |id: &str| {
        rules::ALL
            .iter()
            .position(|r| r.id == id)
            .unwrap_or(usize::MAX)
    };
    findings.sort_by_key(|f| (f.level, position(f.id)));
}

/// Lints raw response bytes, as `nocontent lint` does. The connection is taken to stay open
/// unless the response says `Connection: close`.
pub fn lint_raw(method: &str, bytes: &[u8]) -> Vec<Finding> {
    let mut out = Vec::new();
    if http::Method::from_bytes(method.as_bytes()).is_err() {
        out.push(Finding::new(rules::METHOD_INVALID).note(format!("method {method:?}")));
    }
    let closes_hint = String::from_utf8_lossy(bytes)
        .lines()
        .take_while(|l| !l.is_empty())
        .any(|l| {
            l.split_once(':').is_some_and(|(n, v)| {
                n.trim().eq_ignore_ascii_case("connection")
                    && v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close"))
            })
        });
    match wire::parse_response(method, bytes, closes_hint) {
        Ok(parsed) => {
            out.extend(lint(&LintInput {
                method,
                request_headers: &[],
                preflight: None,
                parsed: &parsed,
                closes: closes_hint,
                get_length: None,
            }));
        }
        Err(e) => {
            let rule = if e.message.contains("header name") {
                rules::FIELD_NAME_INVALID
            } else if e.message.contains("header value") {
                rules::FIELD_VALUE_INVALID
            } else {
                rules::MESSAGE_UNPARSEABLE
            };
            out.push(Finding::new(rule).note(e.message));
        }
    }
    sort(&mut out);
    out
}
