//! Lint: which rules apply to a response, given the request it answers.
//!
//! Each subject has its own file, holding its rules (stable UPPERCASE id, level, summary,
//! detail and the section it rests on), the check that raises them and its test cases written
//! as raw HTTP: [`no_content`] (204), [`reset_content`] (205), [`not_modified`] (304),
//! [`head`], [`created`] (201), [`cors`], [`cache`], [`framing`], [`fields`], [`method`] and
//! [`status`]. [`rules::ALL`] gathers every rule in the order findings are shown.
//!
//! Lint works on the response as a client reads it back from the bytes ([`Parsed`]), so the
//! same code serves composed answers and raw responses pasted into the command line.

use serde::Serialize;

use crate::cite::Cite;
use crate::wire::{self, Fields, Parsed};

/// Defines a subject's rules as constants, each with its name as its id, and the subject's
/// list of them, `RULES`.
macro_rules! rules {
    ($($name:ident: $level:ident, $cite:expr, $summary:literal, $detail:expr;)*) => {
        $(pub const $name: $crate::lint::Rule = $crate::lint::Rule {
            id: stringify!($name),
            level: $crate::lint::Level::$level,
            summary: $summary,
            detail: $detail,
            cite: $cite,
        };)*
        /// This subject's rules.
        #[cfg(test)]
        pub(super) const RULES: &[$crate::lint::Rule] = &[$($name),*];
    };
}

pub mod cache;
pub mod cors;
pub mod created;
pub mod fields;
pub mod framing;
pub mod head;
pub mod method;
pub mod no_content;
pub mod not_modified;
pub mod reset_content;
pub mod status;

/// Gathers the subjects' rules into [`rules::ALL`], in the order given (which is the order
/// findings of one level are shown in), and names each one in [`rules`].
macro_rules! all_rules {
    ($($subject:ident::$name:ident,)*) => {
        /// Every lint rule by name, and [`ALL`](rules::ALL) of them in display order.
        pub mod rules {
            pub use super::{Level, Rule};
            $(pub use super::$subject::$name;)*

            /// Every rule, in the order findings of one level are shown.
            pub static ALL: &[Rule] = &[$(super::$subject::$name),*];

            /// The rule with this id.
            pub fn by_id(id: &str) -> Option<&'static Rule> {
                ALL.iter().find(|r| r.id == id)
            }
        }
    };
}

all_rules! {
    no_content::NO_CONTENT_WITH_BODY,
    no_content::CONTENT_LENGTH_FORBIDDEN,
    no_content::TRANSFER_ENCODING_FORBIDDEN,
    reset_content::RESET_CONTENT_WITH_BODY,
    reset_content::RESET_CONTENT_UNFRAMED,
    not_modified::NOT_MODIFIED_WITH_BODY,
    head::HEAD_WITH_BODY,
    head::HEAD_LENGTH_MISMATCH,
    no_content::CONTENT_TYPE_WITHOUT_CONTENT,
    cache::VALIDATOR_AFTER_WRITE,
    no_content::NO_CONTENT_TO_GET,
    no_content::EMPTY_200,
    created::CREATED_WITHOUT_LOCATION,
    created::CREATED_WITH_LOCATION,
    cors::PREFLIGHT_NOT_OK,
    cors::PREFLIGHT_NO_ALLOW_ORIGIN,
    cors::PREFLIGHT_METHOD_NOT_ALLOWED,
    cors::PREFLIGHT_HEADERS_NOT_ALLOWED,
    cors::PREFLIGHT_OK,
    cache::NO_CONTENT_CACHEABLE,
    cache::UNSAFE_INVALIDATES,
    fields::FIELD_NAME_INVALID,
    fields::FIELD_VALUE_INVALID,
    method::METHOD_INVALID,
    method::METHOD_FORBIDDEN,
    status::STATUS_OUT_OF_RANGE,
    status::STATUS_UNREGISTERED,
    framing::CONTENT_LENGTH_MISMATCH,
    framing::CONTENT_LENGTH_INVALID,
    framing::TRANSFER_ENCODING_WITH_CONTENT_LENGTH,
    framing::CLOSE_DELIMITED,
    framing::NEVER_ENDS,
    framing::LEFTOVER_BYTES,
    not_modified::NOT_MODIFIED_UNCONDITIONAL,
    no_content::NO_CONTENT_CLEAN,
    reset_content::RESET_CONTENT_CLEAN,
    framing::MESSAGE_UNPARSEABLE,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warn,
    Info,
    Good,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Error, Level::Warn, Level::Info, Level::Good];

    pub fn label(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warn => "warning",
            Level::Info => "info",
            Level::Good => "good",
        }
    }
}

/// One lint rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub id: &'static str,
    pub level: Level,
    pub summary: &'static str,
    pub detail: &'static str,
    pub cite: Cite,
}

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
    /// The method as it went on the wire; methods are case-sensitive (RFC 9110 §9.1).
    pub method: &'a str,
    pub request_headers: &'a Fields,
    /// When the answer is the response to a CORS preflight: the method of the real request.
    pub preflight: Option<&'a str>,
    pub parsed: &'a Parsed,
    pub closes: bool,
    /// For HEAD: the length of the content a GET would get, when known.
    pub get_length: Option<usize>,
}

/// What every check reads, and where it puts its findings.
struct Cx<'a> {
    input: &'a LintInput<'a>,
    p: &'a Parsed,
    code: u16,
    method: &'a str,
    found: Vec<Finding>,
}

impl Cx<'_> {
    fn add(&mut self, rule: Rule, note: Option<String>) {
        let finding = Finding::new(rule);
        self.found.push(match note {
            Some(n) => finding.note(n),
            None => finding,
        });
    }
}

/// "no bytes", "1 byte", "5 bytes": in findings' notes, and through `nocontent-explain` in
/// the views.
pub fn bytes(n: usize) -> String {
    match n {
        0 => "no bytes".into(),
        1 => "1 byte".into(),
        n => format!("{n} bytes"),
    }
}

/// The findings for one response.
pub fn lint(input: &LintInput<'_>) -> Vec<Finding> {
    let mut cx = Cx {
        input,
        p: input.parsed,
        code: input.parsed.status,
        method: input.method,
        found: Vec::new(),
    };
    status::check(&mut cx);
    method::check(&mut cx);
    no_content::check(&mut cx);
    reset_content::check(&mut cx);
    not_modified::check(&mut cx);
    head::check(&mut cx);
    created::check(&mut cx);
    cache::check(&mut cx);
    cors::check(&mut cx);
    framing::check(&mut cx);
    let mut found = cx.found;
    sort(&mut found);
    found
}

/// Orders findings by level (errors first), then by [`rules::ALL`].
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
    lint_bytes(method, &Fields::new(), None, None, bytes)
}

/// Lints response bytes to a request: a finding for a method that is not a token, one for
/// bytes that are not a response at all, else [`lint`]'s.
fn lint_bytes(
    method: &str,
    request_headers: &Fields,
    preflight: Option<&str>,
    get_length: Option<usize>,
    bytes: &[u8],
) -> Vec<Finding> {
    let mut out = Vec::new();
    if !crate::method::is_token(method) {
        out.push(Finding::new(rules::METHOD_INVALID).note(format!("method {method:?}")));
    }
    let closes = closes_after(bytes);
    match wire::parse_response(method, bytes, closes) {
        Ok(parsed) => out.extend(lint(&LintInput {
            method,
            request_headers,
            preflight,
            parsed: &parsed,
            closes,
            get_length,
        })),
        Err(e) => out.push(Finding::new(fields::rule_for_parse_error(e)).note(e.to_string())),
    }
    sort(&mut out);
    out
}

/// Does the response's header section say `Connection: close`? Read loosely, before the
/// bytes are parsed, because it decides how a close-delimited body ends.
fn closes_after(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes)
        .lines()
        .take_while(|l| !l.is_empty())
        .any(|l| {
            l.split_once(':').is_some_and(|(n, v)| {
                n.trim().eq_ignore_ascii_case("connection")
                    && v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close"))
            })
        })
}

#[cfg(test)]
mod close_tests {
    use super::closes_after;

    /// Only a Connection field listing `close`, in the head, says the server closes.
    #[test]
    fn only_the_heads_connection_field_says_close() {
        for (wire, closes) in [
            (
                "HTTP/1.1 200 OK\r\nConnection: Keep-Alive, Close\r\n\r\n",
                true,
            ),
            ("HTTP/1.1 200 OK\r\nconnection:close\r\n\r\n", true),
            ("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n\r\n", false),
            ("HTTP/1.1 200 OK\r\nX-Why: close\r\n\r\n", false),
            ("HTTP/1.1 200 OK\r\n\r\nConnection: close\r\n", false),
        ] {
            assert_eq!(closes_after(wire.as_bytes()), closes, "{wire:?}");
        }
    }
}

/// Test cases as raw HTTP: a request, the response to it and the findings, by id.
#[cfg(test)]
pub(crate) mod cases {
    use super::*;

    /// One exchange, written with `\n` line ends (the harness sends `\r\n`).
    pub(crate) struct Case {
        pub request: &'static str,
        pub response: &'static str,
        pub findings: &'static [&'static str],
        /// For HEAD: the length of the content a GET would get.
        pub get_length: Option<usize>,
    }

    impl Case {
        pub(crate) const fn new(
            request: &'static str,
            response: &'static str,
            findings: &'static [&'static str],
        ) -> Case {
            Case {
                request,
                response,
                findings,
                get_length: None,
            }
        }
    }

    /// Every subject's cases.
    pub(crate) fn all() -> Vec<(&'static str, &'static Case)> {
        let subjects: [(&str, &[Case]); 11] = [
            ("cache", cache::CASES),
            ("cors", cors::CASES),
            ("created", created::CASES),
            ("fields", fields::CASES),
            ("framing", framing::CASES),
            ("head", head::CASES),
            ("method", method::CASES),
            ("no_content", no_content::CASES),
            ("not_modified", not_modified::CASES),
            ("reset_content", reset_content::CASES),
            ("status", status::CASES),
        ];
        subjects
            .into_iter()
            .flat_map(|(name, cases)| cases.iter().map(move |c| (name, c)))
            .collect()
    }

    /// The findings for a case. A request `OPTIONS` with Access-Control-Request-Method is a
    /// preflight: the real request's method and headers come from its Access-Control-*.
    pub(crate) fn run(case: &Case) -> Vec<&'static str> {
        let request = case.request.replace('\n', "\r\n");
        let response = case.response.replace('\n', "\r\n");
        let (line, rest) = request.split_once("\r\n").unwrap_or((&request, ""));
        let method = line.split(' ').next().unwrap_or_default();
        let mut storage = [httparse::EMPTY_HEADER; 32];
        let headers = match httparse::parse_headers(rest.as_bytes(), &mut storage) {
            Ok(httparse::Status::Complete((_, parsed))) => parsed,
            other => panic!("{:?}: bad request head: {other:?}", case.request),
        };
        let mut fields = Fields::new();
        for h in headers {
            fields.push(h.name, String::from_utf8_lossy(h.value));
        }
        let preflight = fields
            .get("access-control-request-method")
            .filter(|_| method == "OPTIONS")
            .map(str::to_string);
        let request_headers = if preflight.is_some() {
            let mut asked = Fields::new();
            for name in fields.items("access-control-request-headers") {
                asked.push(name, "");
            }
            asked
        } else {
            fields
        };
        lint_bytes(
            method,
            &request_headers,
            preflight.as_deref(),
            case.get_length,
            response.as_bytes(),
        )
        .iter()
        .map(|f| f.id)
        .collect()
    }

    #[test]
    fn every_case_gives_its_findings() {
        for (subject, case) in all() {
            assert_eq!(
                run(case),
                case.findings,
                "{subject}: {:?} answered by {:?}",
                case.request,
                case.response
            );
        }
    }

    #[test]
    fn every_rule_is_produced_by_a_raw_http_case() {
        let produced: Vec<&str> = all().into_iter().flat_map(|(_, c)| run(c)).collect();
        let missing: Vec<&str> = rules::ALL
            .iter()
            .map(|r| r.id)
            .filter(|id| !produced.contains(id))
            .collect();
        assert!(
            missing.is_empty(),
            "rules no raw case produces: {missing:?}"
        );
    }

    /// Each subject file's rules are in `ALL` exactly once, and `ALL` has no others.
    #[test]
    fn rule_ids_are_unique_across_subjects() {
        let subjects: [&[Rule]; 11] = [
            cache::RULES,
            cors::RULES,
            created::RULES,
            fields::RULES,
            framing::RULES,
            head::RULES,
            method::RULES,
            no_content::RULES,
            not_modified::RULES,
            reset_content::RULES,
            status::RULES,
        ];
        let mut defined: Vec<&str> = subjects
            .iter()
            .flat_map(|r| r.iter().map(|r| r.id))
            .collect();
        defined.sort_unstable();
        let twice: Vec<&str> = defined
            .windows(2)
            .filter(|w| w[0] == w[1])
            .map(|w| w[0])
            .collect();
        assert!(twice.is_empty(), "ids defined in two subjects: {twice:?}");
        let mut gathered: Vec<&str> = rules::ALL.iter().map(|r| r.id).collect();
        gathered.sort_unstable();
        assert_eq!(defined, gathered, "subject rules versus rules::ALL");
    }

    /// Every rule rests on a section that the citation table knows, with a link to that
    /// section; summaries are one line, details are sentences.
    #[test]
    fn every_rule_cites_a_known_section_and_reads_well() {
        for rule in rules::ALL {
            assert!(
                crate::cite::ALL.contains(&rule.cite),
                "{}: cites {:?}, which is not in cite::ALL",
                rule.id,
                rule.cite
            );
            assert!(
                rule.cite.url.starts_with("https://") && rule.cite.url.contains('#'),
                "{}: {} does not link to a section",
                rule.id,
                rule.cite.url
            );
            assert!(
                !rule.summary.ends_with('.'),
                "{}: a summary is one line without a full stop",
                rule.id
            );
            assert!(
                rule.detail.ends_with('.'),
                "{}: a detail is sentences",
                rule.id
            );
        }
        assert_eq!(
            rules::by_id("NO_CONTENT_WITH_BODY").map(|r| r.level),
            Some(Level::Error)
        );
        assert_eq!(rules::by_id("NO_SUCH_RULE"), None);
    }
}
