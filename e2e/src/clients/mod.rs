//! The client runner: real HTTP clients outside the browser (curl, Node's fetch and http,
//! axios, Python's requests and httpx) meet a scenario's exact response bytes from the
//! raw-socket server ([`crate::raw`]), and what each one did is recorded as typed data.
//!
//! Each client is driven by a small script (`e2e/clients/<runtime>/`; curl's command line is
//! built in [`driver`]) run as a child process with a hard time limit. The script makes the
//! scenario's request, prints how the call ended (the caller's value, the client's own error
//! text, or pending when it did not return in time), then makes a second request on the same
//! client (the same agent, session or pool, or the same curl invocation). The raw server's
//! log says on which connection each request arrived, which is how reuse is decided: the
//! drivers never guess it.

pub mod compare;
pub mod driver;
pub mod generate;
pub mod report;
pub mod runner;

use serde::{Deserialize, Serialize};

use crate::observe::Case;
use crate::raw::Seen;

/// The clients measured: the engine crate's own type, keyed as the JSON contract names them
/// (`outcomes.clients.<key>`), so a run is compared with the model's row for the same value.
pub use nocontent_engine::clients::ClientId;

/// What the caller got back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivered {
    pub status: u16,
    pub body: String,
    /// The headers as the client hands them to the caller (its own names, order and joining).
    #[serde(default)]
    pub headers: Vec<(String, String)>,
}

/// How one call ended, in the JSON contract's shape: `{"value": …}`, `{"error": "…"}` or
/// `{"pending": true}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Value(Delivered),
    /// The client's own error text.
    Error(String),
    /// The call had not returned when the bound ran out. Always `true`.
    Pending(bool),
}

impl Outcome {
    pub fn pending() -> Outcome {
        Outcome::Pending(true)
    }

    /// A short cell for the tables: `204 ""`, `error: …`, `pending`.
    pub fn summary(&self) -> String {
        match self {
            Outcome::Value(d) => format!("{} {:?}", d.status, shorten(&d.body, 24)),
            Outcome::Error(e) => format!("error: {}", shorten(e, 70)),
            Outcome::Pending(_) => "pending".into(),
        }
    }
}

/// What the client's own JSON read gave (`response.json()`, `r.json()`, axios's `data`; for
/// Node's http, `JSON.parse` of the text), or its error.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JsonRead {
    Value(serde_json::Value),
    Error(String),
}

/// One call as a driver reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Call {
    pub result: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json: Option<JsonRead>,
    /// The error behind the error (undici's `cause`, Python's `__cause__` chain, curl's exit
    /// code), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// Milliseconds until the call ended (or was given up as pending).
    pub ms: u64,
    /// For a pending call, how far it got: `response` (no status yet) or `body` (the status
    /// arrived, the body never ended), where the client lets that be seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// A status the client knew of without delivering a value: a pending body's, or the one
    /// behind an error (axios rejects a 404 with it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
}

/// The one line a driver prints.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DriverLine {
    pub client: ClientId,
    /// The version as the client reports it.
    pub version: String,
    pub first: Call,
    pub next: Call,
}

/// A request as the raw server logged it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arrival {
    pub conn: usize,
    /// Its position on that connection (1 for the first).
    pub index: usize,
    pub method: String,
}

impl Arrival {
    fn from_seen(seen: &Seen) -> Arrival {
        Arrival {
            conn: seen.conn,
            index: seen.index,
            method: seen.method.clone(),
        }
    }
}

/// What the raw server saw of one scenario's two requests.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerLog {
    /// Every arrival of the scenario's request (more than one when the client retried).
    pub first: Vec<Arrival>,
    /// Every arrival of the follow-up request.
    pub next: Vec<Arrival>,
}

impl ServerLog {
    /// Reads the arrivals of the two targets out of the server's log.
    pub fn from_requests(requests: &[Seen], first_target: &str, next_target: &str) -> ServerLog {
        let arrivals = |target: &str| {
            requests
                .iter()
                .filter(|r| r.target == target)
                .map(Arrival::from_seen)
                .collect()
        };
        ServerLog {
            first: arrivals(first_target),
            next: arrivals(next_target),
        }
    }

    /// Did the follow-up travel on the connection that carried the scenario's response?
    /// `None` when either request never reached the server, so nothing can be said.
    pub fn connection_reused(&self) -> Option<bool> {
        let first = self.first.last()?;
        let next = self.next.first()?;
        Some(first.conn == next.conn)
    }
}

/// One client's record for one scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    pub client: ClientId,
    pub version: String,
    /// How the scenario's request ended for the caller.
    pub result: Outcome,
    /// Whether the follow-up request went out on the same connection; null where nothing
    /// followed on the server's side.
    pub connection_reused: Option<bool>,
    /// How the follow-up request (a plain `200 ok`) ended.
    pub next_result: Outcome,
    pub first: Call,
    pub next: Call,
    pub server: ServerLog,
}

impl Measurement {
    /// Puts a driver's line together with the server's log.
    pub fn new(line: DriverLine, server: ServerLog) -> Measurement {
        Measurement {
            client: line.client,
            version: line.version,
            result: line.first.result.clone(),
            connection_reused: server.connection_reused(),
            next_result: line.next.result.clone(),
            first: line.first,
            next: line.next,
            server,
        }
    }
}

/// One client run for one scenario: a measurement, or why the driver gave none (it crashed,
/// printed nothing, or outlived its hard limit), which is a fault of the harness, never a
/// result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Run {
    Measured(Box<Measurement>),
    DriverFailed { client: ClientId, reason: String },
}

impl Run {
    pub fn client(&self) -> ClientId {
        match self {
            Run::Measured(m) => m.client,
            Run::DriverFailed { client, .. } => *client,
        }
    }
}

/// Every client's run for one scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioRuns {
    pub id: String,
    /// The scenario as the engine reads it, so the file stands alone.
    pub scenario: nocontent_engine::Scenario,
    /// The exact bytes the raw server sent.
    pub wire: String,
    pub runs: Vec<Run>,
}

/// A whole run: the versions measured and every scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClientsFile {
    /// When the run was made, as an HTTP date.
    pub measured: String,
    pub pending_ms: u64,
    /// Each client's version, as it reported it.
    pub versions: Vec<(ClientId, String)>,
    pub scenarios: Vec<ScenarioRuns>,
}

/// The request a driver makes for a scenario: the request as typed (method, headers, body),
/// sent to the scenario's route. Clients outside the browser send no CORS preflight, so a
/// preflight scenario's client sends its real request and meets the preflight's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spec {
    pub url: String,
    pub method: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub next_url: String,
    pub pending_ms: u64,
}

/// The two targets one client uses for one scenario: unique to the pair, so that no log line
/// is shared.
pub fn targets(case: &Case, client: ClientId) -> (String, String) {
    (
        format!("/s/{}?k={}", case.id, client.key()),
        format!("/ok?k={}-{}", case.id, client.key()),
    )
}

impl Spec {
    pub fn new(case: &Case, client: ClientId, origin: &str, pending_ms: u64) -> Spec {
        let (first, next) = targets(case, client);
        Spec {
            url: format!("{origin}{first}"),
            method: case.scenario.request.method.trim().to_string(),
            headers: case.exchange.request.headers.as_slice().to_vec(),
            body: case.scenario.request.body.clone(),
            next_url: format!("{origin}{next}"),
            pending_ms,
        }
    }
}

/// At most `max` characters of `text`, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(conn: usize, index: usize, target: &str) -> Seen {
        Seen {
            conn,
            index,
            method: "GET".into(),
            target: target.into(),
            path: target.split('?').next().unwrap_or_default().into(),
            headers: Vec::new(),
            body: String::new(),
        }
    }

    #[test]
    fn reuse_is_read_from_the_connections_the_server_logged() {
        let same = [seen(1, 1, "/s/a?k=x"), seen(1, 2, "/ok?k=a-x")];
        let log = ServerLog::from_requests(&same, "/s/a?k=x", "/ok?k=a-x");
        assert_eq!(log.connection_reused(), Some(true));
        let fresh = [seen(1, 1, "/s/a?k=x"), seen(2, 1, "/ok?k=a-x")];
        let log = ServerLog::from_requests(&fresh, "/s/a?k=x", "/ok?k=a-x");
        assert_eq!(log.connection_reused(), Some(false));
        // Nothing followed: nothing can be said.
        let alone = [seen(1, 1, "/s/a?k=x")];
        let log = ServerLog::from_requests(&alone, "/s/a?k=x", "/ok?k=a-x");
        assert_eq!(log.connection_reused(), None);
        // Other clients' lines are not this client's.
        let other = [seen(3, 1, "/s/a?k=y"), seen(3, 2, "/ok?k=a-y")];
        let log = ServerLog::from_requests(&other, "/s/a?k=x", "/ok?k=a-x");
        assert_eq!(log.connection_reused(), None);
        // A retried request counts from the connection its last attempt went on.
        let retried = [
            seen(1, 1, "/s/a?k=x"),
            seen(2, 1, "/s/a?k=x"),
            seen(2, 2, "/ok?k=a-x"),
        ];
        let log = ServerLog::from_requests(&retried, "/s/a?k=x", "/ok?k=a-x");
        assert_eq!(log.first.len(), 2);
        assert_eq!(log.connection_reused(), Some(true));
    }

    #[test]
    fn outcomes_have_the_contract_shape() {
        let value = Outcome::Value(Delivered {
            status: 204,
            body: String::new(),
            headers: vec![],
        });
        assert_eq!(
            serde_json::to_value(&value).unwrap(),
            serde_json::json!({"value": {"status": 204, "body": "", "headers": []}})
        );
        assert_eq!(
            serde_json::to_value(Outcome::pending()).unwrap(),
            serde_json::json!({"pending": true})
        );
        assert_eq!(
            serde_json::to_value(Outcome::Error("TypeError: fetch failed".into())).unwrap(),
            serde_json::json!({"error": "TypeError: fetch failed"})
        );
        assert_eq!(ClientId::parse("node_fetch"), Some(ClientId::NodeFetch));
        for client in ClientId::ALL {
            assert_eq!(
                serde_json::to_value(client).unwrap(),
                serde_json::json!(client.key())
            );
        }
    }

    #[test]
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten("héllo", 10), "héllo");
        assert_eq!(shorten("héllo", 2), "hé…");
    }
}
