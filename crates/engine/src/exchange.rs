//! Simulating one exchange: scenario in, response, bytes, framing, findings and outcomes out.

use serde::Serialize;

use crate::clients::{self, ClientName};
use crate::engines::{self, EngineName};
use crate::frameworks::{self, FrameworkId, FrameworkName};
use crate::lint::{self, Finding, LintInput};
use crate::lint::{fields, rules};
use crate::method;
use crate::outcome::{self, Outcomes};
use crate::scenario::{Client, ClientKind, InputError, Scenario};
use crate::wire::{self, Change, Fields, LengthRule, Parsed};

/// The request as sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestView {
    pub method: String,
    pub target: String,
    pub headers: Fields,
    pub body: String,
    /// The request bytes (for a preflight client: the OPTIONS preflight).
    pub wire: String,
    /// Why the client sends another method than the one typed (a form sends only GET or POST),
    /// or refuses to send it at all (`fetch()` and XHR refuse a method that is not a token
    /// or a forbidden one), with its source.
    pub method_change: Option<Change>,
}

/// The response as sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResponseView {
    pub status: u16,
    pub reason: String,
    pub headers: Fields,
    pub body: String,
}

/// How the client found the end of the response (RFC 9112 §6.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FramingView {
    pub rule: LengthRule,
    /// The item of RFC 9112 §6.3 that applied (1 to 8).
    pub rule_number: u8,
    pub decision: String,
    pub section: &'static str,
    pub url: &'static str,
    /// Byte offsets in `wire`: the header section is `0..header_end`, the body
    /// `header_end..body_end`, the leftovers `body_end..`.
    pub header_end: usize,
    pub body_end: usize,
    pub leftover_bytes: usize,
    /// The leftover bytes themselves.
    pub leftover: String,
    /// The content a client reads as the body (chunk framing removed), which differs from
    /// `response.body`, the content the server wrote, when the framing ends it early.
    pub content: String,
    pub complete: bool,
    pub server_closes: bool,
}

/// Everything the engine says about one scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Exchange {
    /// The client this exchange was computed for: it decides the request on the wire (an
    /// OPTIONS preflight for [`ClientKind::Preflight`]) and which timeline applies.
    pub client: Client,
    pub request: RequestView,
    pub response: ResponseView,
    /// The response bytes as text.
    pub wire: String,
    pub framing: Option<FramingView>,
    /// What a conforming server changed (empty when sent as written).
    pub changes: Vec<Change>,
    /// The framing header fields the chosen framing added to the composed headers
    /// (`"Content-Length: 5"`); a framework's own framing is among its changes instead.
    pub framing_added: Vec<String>,
    /// What the chosen framework's log shows for this response (a warning, an exception's
    /// last line); empty unless `answer.send` names a framework.
    pub framework_log: Vec<String>,
    pub findings: Vec<Finding>,
    /// The engines the outcomes' columns describe, with the builds they were measured in.
    pub engines: Vec<EngineName>,
    /// The frameworks `answer.send` can name, with the versions measured.
    pub frameworks: Vec<FrameworkName>,
    /// The clients outside the browser that `outcomes.clients` describes, with the versions
    /// measured.
    pub clients: Vec<ClientName>,
    pub outcomes: Outcomes,
}

/// Simulates a scenario. Fails only on input that cannot become bytes at all; everything a
/// real server could still send becomes findings.
pub fn simulate(scenario: &Scenario) -> Result<Exchange, Vec<InputError>> {
    let errors = scenario.input_errors();
    if !errors.is_empty() {
        return Err(errors);
    }
    let too_many = [
        ("request", scenario.request.headers.len()),
        ("answer", scenario.answer.headers.len()),
    ]
    .into_iter()
    .find(|(_, n)| *n > wire::MAX_HEADERS);
    if let Some((side, n)) = too_many {
        return Err(vec![InputError {
            field: format!("{side}.headers"),
            message: format!("{n} headers; the limit is {}", wire::MAX_HEADERS),
        }]);
    }

    let request = &scenario.request;
    let answer = &scenario.answer;
    let is_preflight = scenario.client.kind == ClientKind::Preflight;
    let mut findings = Vec::new();

    // The method this client really sends: fetch() and XHR send the six standard methods
    // upper-cased and any other as typed; a form sends only GET or POST, a link, location.href
    // or an iframe only GET, sendBeacon() only POST.
    let sent_method = method::sent_by(scenario.client.kind, &request.method);
    let method = sent_method.method.clone();
    let method_change = sent_method.because.map(|(what, cite)| Change {
        what,
        section: cite.section,
        url: cite.url,
    });
    // Clients that send GET have no body to send (a form puts its fields in the query).
    let bodiless = crate::scenario::Request {
        body: String::new(),
        ..request.clone()
    };
    let request = if method == "GET"
        && scenario.client.kind != ClientKind::Fetch
        && scenario.client.kind != ClientKind::Xhr
    {
        &bodiless
    } else {
        request
    };
    if !method::is_token(&method) {
        findings.push(
            Finding::new(rules::METHOD_INVALID)
                .at("request.method")
                .note(format!("{method:?} is not a token")),
        );
    }
    let (request_headers, bad_request) = wire::check_fields(&request.headers, "request");
    let (answer_headers, bad_answer) = wire::check_fields(&answer.headers, "answer");
    for bad in bad_request.iter().chain(&bad_answer) {
        findings.push(
            Finding::new(fields::rule_for(bad.problem))
                .at(bad.field.clone())
                .note(bad.detail.clone()),
        );
    }

    // A preflight client sends OPTIONS first; the answer is the answer to that.
    let (wire_method, request_wire) = if is_preflight {
        let asked = outcome::unsafe_request_headers(&request_headers);
        let mut preflight_headers = Fields::new();
        preflight_headers.push("Origin", wire::PAGE_ORIGIN);
        preflight_headers.push("Access-Control-Request-Method", method.clone());
        if !asked.is_empty() {
            preflight_headers.push("Access-Control-Request-Headers", asked.join(","));
        }
        let options = crate::scenario::Request {
            body: String::new(),
            ..request.clone()
        };
        (
            "OPTIONS".to_string(),
            wire::request_bytes("OPTIONS", &options, &preflight_headers),
        )
    } else {
        (
            method.clone(),
            wire::request_bytes(&method, request, &request_headers),
        )
    };

    let (sent, framework_log) = match FrameworkId::of(answer.send) {
        Some(framework) => framework_sent(
            framework,
            &wire_method,
            &request_wire,
            answer,
            &answer_headers,
        ),
        None => (
            wire::build_response(&wire_method, answer, answer_headers),
            Vec::new(),
        ),
    };
    let parsed = wire::parse_response(&wire_method, sent.bytes.as_bytes(), sent.closes);
    let framing = parsed.as_ref().ok().map(|p| framing_view(p, sent.closes));
    match &parsed {
        Ok(p) => findings.extend(lint::lint(&LintInput {
            method: &wire_method,
            request_headers: &request_headers,
            preflight: is_preflight.then_some(method.as_str()),
            parsed: p,
            closes: sent.closes,
            get_length: (wire_method == "HEAD").then_some(answer.body.len()),
        })),
        Err(e) => findings.push(Finding::new(rules::MESSAGE_UNPARSEABLE).note(e.to_string())),
    }
    lint::sort(&mut findings);

    let parse_error = parsed
        .as_ref()
        .err()
        .map(ToString::to_string)
        .unwrap_or_default();
    // Outcomes for script clients describe the real request, except for the preflight client,
    // whose outcome is about the OPTIONS exchange.
    let outcomes = outcome::outcomes(&outcome::Context {
        method: &method,
        request_headers: &request_headers,
        request_body: &request.body,
        response_type: scenario.client.response_type,
        parsed: parsed.as_ref().map_err(|_| parse_error.as_str()),
        wire: &sent.bytes,
        closes: sent.closes,
    });

    Ok(Exchange {
        client: scenario.client,
        request: RequestView {
            method,
            target: request.target.clone(),
            headers: request_headers,
            body: request.body.clone(),
            wire: request_wire,
            method_change,
        },
        response: ResponseView {
            status: sent.status,
            reason: sent.reason,
            headers: sent.headers,
            body: sent.body,
        },
        wire: sent.bytes,
        framing,
        changes: sent.changes,
        framing_added: sent.framing_added,
        framework_log,
        findings,
        engines: engines::described(),
        frameworks: frameworks::described(),
        clients: clients::described(),
        outcomes,
    })
}

/// The response as `framework` sends it, in the shape of the engine's own [`wire::Sent`]: the
/// bytes read back for the status, headers and content, every change as a sentence cited to
/// the framework's version and documentation; beside it, what the framework's log shows.
fn framework_sent(
    framework: FrameworkId,
    method: &str,
    request_wire: &str,
    answer: &crate::scenario::Answer,
    headers: &Fields,
) -> (wire::Sent, Vec<String>) {
    let request_has_body = request_wire
        .split_once("\r\n\r\n")
        .is_some_and(|(_, body)| !body.is_empty());
    let sent = frameworks::send(
        framework,
        &frameworks::Handed {
            method,
            request_has_body,
            status: answer.status,
            headers,
            body: &answer.body,
        },
    );
    let parsed = wire::parse_response(method, sent.wire.as_bytes(), sent.closes).ok();
    let response = wire::Sent {
        status: answer.status,
        reason: parsed
            .as_ref()
            .map(|p| p.reason.clone())
            .unwrap_or_default(),
        headers: parsed
            .as_ref()
            .map(|p| p.headers.clone())
            .unwrap_or_default(),
        body: parsed.map(|p| p.content).unwrap_or_default(),
        bytes: sent.wire,
        closes: sent.closes,
        changes: sent
            .changes
            .into_iter()
            .map(|what| Change {
                what,
                section: framework.version(),
                url: framework.docs(),
            })
            .collect(),
        framing_added: Vec::new(),
    };
    (response, sent.log)
}

fn framing_view(p: &Parsed, closes: bool) -> FramingView {
    let cite = crate::cite::RFC9112_MESSAGE_LENGTH;
    FramingView {
        rule: p.rule,
        rule_number: p.rule.number(),
        decision: p.decision.clone(),
        section: cite.section,
        url: cite.url,
        header_end: p.header_bytes,
        body_end: p.header_bytes + p.body_bytes,
        leftover_bytes: p.leftover,
        leftover: p.leftover_text.clone(),
        content: p.content.clone(),
        complete: p.complete,
        server_closes: closes,
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::{Framing, Scenario, SendMode};

    /// The header limit: exactly `MAX_HEADERS` on a side is simulated, one more is refused
    /// at that side's field.
    #[test]
    fn a_side_may_have_as_many_headers_as_the_limit() {
        let headers = |n: usize| -> Vec<(String, String)> {
            (0..n)
                .map(|i| (format!("X-H{i}"), "1".to_string()))
                .collect()
        };
        let mut s = Scenario::default();
        s.answer.headers = headers(crate::wire::MAX_HEADERS);
        assert!(crate::simulate(&s).is_ok());
        s.answer.headers = headers(crate::wire::MAX_HEADERS + 1);
        let fields: Vec<String> = crate::simulate(&s)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["answer.headers"]);
    }

    /// The preflight is an OPTIONS request without the real request's body.
    #[test]
    fn the_preflight_carries_no_body() {
        let mut s = Scenario::default();
        s.client.kind = crate::scenario::ClientKind::Preflight;
        s.request.method = "PUT".into();
        s.request.body = "{\"title\":\"x\"}".into();
        let x = crate::simulate(&s).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(x.request.wire.starts_with("OPTIONS "), "{}", x.request.wire);
        assert!(x.request.wire.ends_with("\r\n\r\n"), "{:?}", x.request.wire);
        assert!(
            !x.request.wire.contains("Content-Length"),
            "{}",
            x.request.wire
        );
    }

    /// A conforming server frames content the composer left unframed, and says so; with
    /// automatic framing there is nothing to repair.
    #[test]
    fn a_conforming_server_adds_the_length_that_unframed_content_lacks() {
        let mut s = Scenario::default();
        s.answer.status = 200;
        s.answer.body = "hi".into();
        s.answer.send = SendMode::Conforming;
        let says = |s: &Scenario| {
            let x = crate::simulate(s).expect("simulates");
            let added = x
                .changes
                .iter()
                .any(|c| c.what.contains("added Content-Length so the client knows"));
            (added, x.wire.contains("Content-Length: 2\r\n"))
        };
        s.answer.framing = Framing::None;
        assert_eq!(says(&s), (true, true));
        s.answer.framing = Framing::Auto;
        assert!(!says(&s).0, "nothing to repair with automatic framing");
    }

    /// actix-web closes the connection when the handler leaves a request body unread, so
    /// whether the request had one must come from the request's bytes.
    #[test]
    fn a_framework_sees_whether_the_request_carried_a_body() {
        let mut s = Scenario::default();
        s.request.method = "PUT".into();
        s.answer.send = SendMode::Actix;
        let closes = |s: &Scenario| {
            crate::simulate(s)
                .map(|x| x.wire.to_ascii_lowercase().contains("connection: close"))
                .unwrap_or_default()
        };
        s.request.body = String::new();
        assert!(!closes(&s), "no body, nothing left unread");
        s.request.body = "{\"name\":\"x\"}".into();
        assert!(closes(&s), "a body the handler did not read");
        // And the change is said, in the framework's words.
        let x = crate::simulate(&s).expect("simulates");
        assert!(
            x.changes
                .iter()
                .any(|c| c.what.contains("actix-web closes the connection")),
            "{:?}",
            x.changes
        );
    }
}
