//! The input side: a request, the client that sends it, and how the server answers.
//!
//! Everything here is plain data that reads from and writes to JSON with defaults for every
//! optional field, so a scenario can be as short as `{"answer": {"status": 205}}`. Values stay
//! as the user typed them (strings, not `http` types) so that bad input can be reported at its
//! field instead of being impossible to represent.

use serde::{Deserialize, Serialize};

/// The largest body the engine accepts, in bytes. Larger bodies are refused with a message,
/// which keeps the app responsive and permalinks short.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// One complete exchange to simulate.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    pub request: Request,
    pub client: Client,
    pub answer: Answer,
}

/// The request as the client sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Request {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Default for Request {
    fn default() -> Self {
        Request {
            method: "DELETE".into(),
            target: "/items/42".into(),
            headers: Vec::new(),
            body: String::new(),
        }
    }
}

/// Which browser API (or browser feature) sends the request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClientKind {
    #[default]
    Fetch,
    Xhr,
    Form,
    Navigation,
    Iframe,
    Beacon,
    Preflight,
}

impl ClientKind {
    pub const ALL: [ClientKind; 7] = [
        ClientKind::Fetch,
        ClientKind::Xhr,
        ClientKind::Form,
        ClientKind::Navigation,
        ClientKind::Iframe,
        ClientKind::Beacon,
        ClientKind::Preflight,
    ];

    /// The name used in scenario JSON and in the notes' front matter.
    pub fn key(self) -> &'static str {
        match self {
            ClientKind::Fetch => "fetch",
            ClientKind::Xhr => "xhr",
            ClientKind::Form => "form",
            ClientKind::Navigation => "navigation",
            ClientKind::Iframe => "iframe",
            ClientKind::Beacon => "beacon",
            ClientKind::Preflight => "preflight",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ClientKind::Fetch => "fetch()",
            ClientKind::Xhr => "XMLHttpRequest",
            ClientKind::Form => "form submission",
            ClientKind::Navigation => "link / location navigation",
            ClientKind::Iframe => "iframe",
            ClientKind::Beacon => "navigator.sendBeacon()",
            ClientKind::Preflight => "cross-origin fetch with CORS preflight",
        }
    }
}

/// XHR's `responseType`, which decides what `xhr.response` holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResponseType {
    /// The empty string in the DOM API: `response` is the text.
    #[default]
    #[serde(alias = "")]
    Text,
    Json,
    Arraybuffer,
    Blob,
    Document,
}

impl ResponseType {
    pub const ALL: [ResponseType; 5] = [
        ResponseType::Text,
        ResponseType::Json,
        ResponseType::Arraybuffer,
        ResponseType::Blob,
        ResponseType::Document,
    ];

    /// The value as a script writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseType::Text => "text",
            ResponseType::Json => "json",
            ResponseType::Arraybuffer => "arraybuffer",
            ResponseType::Blob => "blob",
            ResponseType::Document => "document",
        }
    }
}

/// The client that sends the request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Client {
    pub kind: ClientKind,
    /// Only XHR uses it.
    pub response_type: ResponseType,
}

/// How the server delimits the body on the wire.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Framing {
    /// What a typical server does: Content-Length for statuses that carry content, nothing
    /// for 1xx, 204 and 304.
    #[default]
    Auto,
    ContentLength,
    Chunked,
    /// No length; the server closes the connection after the body.
    Close,
    /// No length and no close: the body bytes just follow the header section.
    None,
}

impl Framing {
    pub const ALL: [Framing; 5] = [
        Framing::Auto,
        Framing::ContentLength,
        Framing::Chunked,
        Framing::Close,
        Framing::None,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Framing::Auto => "automatic",
            Framing::ContentLength => "Content-Length",
            Framing::Chunked => "chunked",
            Framing::Close => "close-delimited",
            Framing::None => "none (bytes just follow)",
        }
    }
}

/// Whether the server's answer goes out exactly as composed or fixed up first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SendMode {
    /// Exactly as composed, violations included, like a hand-written server.
    #[default]
    AsWritten,
    /// As a server that follows the RFCs would send it; the engine lists what it changed.
    Conforming,
    /// As each framework really sends it when one idiomatic handler returns the composed
    /// status, headers and body (the `frameworks` module); the engine lists what it changed.
    Express,
    Flask,
    Drf,
    Fastapi,
    Axum,
    Actix,
    Go,
}

/// The server's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// For a HEAD request this is the body a GET would have had: a conforming server sends
    /// its length but not its bytes.
    pub body: String,
    pub framing: Framing,
    pub send: SendMode,
}

impl Default for Answer {
    fn default() -> Self {
        Answer {
            status: 204,
            headers: Vec::new(),
            body: String::new(),
            framing: Framing::Auto,
            send: SendMode::AsWritten,
        }
    }
}

/// Input that cannot be turned into an exchange at all, with the field it concerns
/// (a JSON-pointer-like path such as `answer.status`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputError {
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for InputError {}

impl Scenario {
    /// Reads a scenario from JSON, naming the line and column of anything malformed.
    pub fn from_json(text: &str) -> Result<Scenario, InputError> {
        serde_json::from_str(text).map_err(|e| InputError {
            field: format!("line {} column {}", e.line(), e.column()),
            message: e
                .to_string()
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_string(),
        })
    }

    /// Problems that stop the engine from producing bytes at all. Problems a real server
    /// could still send (a bad header, a body on a 204) are findings instead.
    pub fn input_errors(&self) -> Vec<InputError> {
        let mut errors = Vec::new();
        let status = self.answer.status;
        if !(100..=999).contains(&status) {
            errors.push(InputError {
                field: "answer.status".into(),
                message: format!("{status} is not a three-digit status code (100 to 999; valid ones are 100 to 599)"),
            });
        }
        for (field, body) in [
            ("request.body", &self.request.body),
            ("answer.body", &self.answer.body),
        ] {
            if body.len() > MAX_BODY_BYTES {
                errors.push(InputError {
                    field: field.into(),
                    message: format!(
                        "the body is {} bytes; the limit is {} bytes (64 KiB): trim it",
                        body.len(),
                        MAX_BODY_BYTES
                    ),
                });
            }
        }
        if self.client.kind == ClientKind::Form
            && self.request.method.trim().eq_ignore_ascii_case("dialog")
        {
            // Measured by e2e/tests/methods.rs: no engine sends a request for it.
            errors.push(InputError {
                field: "request.method".into(),
                message: "a form with method=dialog closes the dialog it is in and sends no request: use GET or POST".into(),
            });
        }
        let target = &self.request.target;
        if target.is_empty() {
            errors.push(InputError {
                field: "request.target".into(),
                message: "the target is empty: use a path such as /items/42".into(),
            });
        } else if let Some(c) = target
            .chars()
            .find(|c| c.is_ascii_whitespace() || c.is_ascii_control())
        {
            errors.push(InputError {
                field: "request.target".into(),
                message: format!("the target contains {}: a request target cannot hold spaces or control characters", describe_char(c)),
            });
        } else if !(target.starts_with('/')
            || target == "*"
            || target.starts_with("http://")
            || target.starts_with("https://"))
        {
            errors.push(InputError {
                field: "request.target".into(),
                message: "the target must start with / (or be an absolute http(s) URL, or *)"
                    .into(),
            });
        }
        errors
    }
}

/// Names a character for a message, spelling out the invisible ones.
pub fn describe_char(c: char) -> String {
    match c {
        '\r' => "a carriage return (CR)".into(),
        '\n' => "a line feed (LF)".into(),
        '\t' => "a tab".into(),
        ' ' => "a space".into(),
        '\0' => "a NUL byte".into(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        c => format!("`{c}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only a form can be asked for `dialog` (a form method that sends nothing); to fetch()
    /// it is just another token.
    #[test]
    fn only_a_form_refuses_the_dialog_method() {
        let mut s = Scenario::default();
        s.request.method = "dialog".into();
        assert!(s.input_errors().is_empty(), "{:?}", s.input_errors());
        s.client.kind = ClientKind::Form;
        let fields: Vec<String> = s.input_errors().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["request.method"]);
    }

    /// The limit the messages call 64 KiB.
    #[test]
    fn the_body_limit_is_64_kib() {
        assert_eq!(MAX_BODY_BYTES, 65_536);
    }

    /// A body of exactly the limit is accepted; one byte more is refused at its field.
    #[test]
    fn a_body_may_be_as_long_as_the_limit() {
        let mut s = Scenario::default();
        s.answer.body = "a".repeat(MAX_BODY_BYTES);
        assert!(s.input_errors().is_empty());
        s.answer.body.push('a');
        let fields: Vec<String> = s.input_errors().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["answer.body"]);
    }

    /// A message names the character it is about, spelling out the ones that cannot be seen.
    #[test]
    fn a_character_is_named_so_it_can_be_seen() {
        assert_eq!(describe_char('\r'), "a carriage return (CR)");
        assert_eq!(describe_char(' '), "a space");
        assert_eq!(describe_char('\u{7f}'), "the control character U+007F");
        assert_eq!(describe_char('<'), "`<`");
        let mut s = Scenario::default();
        s.request.target = "/a b".into();
        let messages: Vec<String> = s.input_errors().into_iter().map(|e| e.message).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("the target contains a space")),
            "{messages:?}"
        );
    }

    fn check_json(json: &str, expected: Result<Scenario, &str>) {
        let got = Scenario::from_json(json).map_err(|e| e.to_string());
        match expected {
            Ok(scenario) => assert_eq!(got, Ok(scenario)),
            Err(needle) => {
                let message = got.expect_err("expected an error");
                assert!(
                    message.contains(needle),
                    "`{message}` does not mention `{needle}`"
                );
            }
        }
    }

    #[test]
    fn client_keys_are_their_json_names() {
        for kind in ClientKind::ALL {
            assert_eq!(
                serde_json::to_value(kind).ok(),
                Some(serde_json::Value::from(kind.key()))
            );
        }
    }

    #[test]
    fn json_fills_defaults_and_names_bad_fields() {
        check_json("{}", Ok(Scenario::default()));
        let xhr = Scenario {
            client: Client {
                kind: ClientKind::Xhr,
                response_type: ResponseType::Json,
            },
            answer: Answer {
                status: 205,
                ..Answer::default()
            },
            ..Scenario::default()
        };
        check_json(
            r#"{"client":{"kind":"xhr","response_type":"json"},"answer":{"status":205}}"#,
            Ok(xhr),
        );
        check_json(
            r#"{"client":{"kind":"carrier-pigeon"}}"#,
            Err("unknown variant `carrier-pigeon`"),
        );
        check_json(
            r#"{"answer":{"stauts":204}}"#,
            Err("unknown field `stauts`"),
        );
        check_json(r#"{"answer":{"status":"204"}}"#, Err("line 1 column"));
        check_json("{", Err("EOF"));
    }

    fn check_input(edit: impl FnOnce(&mut Scenario), expected: &[&str]) {
        let mut s = Scenario::default();
        edit(&mut s);
        let fields: Vec<String> = s.input_errors().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, expected);
    }

    #[test]
    fn refuses_what_cannot_be_put_on_the_wire() {
        check_input(|_| {}, &[]);
        check_input(|s| s.answer.status = 42, &["answer.status"]);
        check_input(|s| s.answer.status = 1000, &["answer.status"]);
        check_input(|s| s.answer.status = 799, &[]);
        check_input(
            |s| s.answer.body = "x".repeat(MAX_BODY_BYTES + 1),
            &["answer.body"],
        );
        check_input(|s| s.request.target = "/a b".into(), &["request.target"]);
        check_input(|s| s.request.target = "items".into(), &["request.target"]);
        check_input(
            |s| s.request.target = "/a\r\nX: y".into(),
            &["request.target"],
        );
    }
}
