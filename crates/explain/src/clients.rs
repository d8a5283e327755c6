//! The clients outside the browser (curl, Node's fetch and http, axios, requests, httpx) in
//! one table: per client, what the call returns, what happens to the next request on the same
//! client, and what its own JSON read gives. Every value is the engine's client model, which
//! the harness checks against the real programs (`e2e/tests/clients_catalog.rs`).

use nocontent_engine::clients::{CallResult, ClientId, ClientOutcome, JsonRead};
use nocontent_engine::Exchange;

use crate::text::{truncate, CELL_CHARS, SHOWN_CHARS};

/// One client's line of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientLine {
    /// The `outcomes.clients` key.
    pub key: &'static str,
    /// `curl`, `Node fetch`, …
    pub label: &'static str,
    /// The build measured: `curl 7.88.1`, `undici 6.24.1 (Node v20.20.2)`, …
    pub version: &'static str,
    /// The cells, or `None` where the model cannot read this response's head for the client
    /// and so says nothing.
    pub cells: Option<ClientCells>,
}

/// What one client's line says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientCells {
    /// What the call returns: `204 ""`, the client's own error text, or that it never returns.
    pub returns: String,
    /// The call fails or never returns.
    pub fails: bool,
    /// The next request on the same client: its connection and what it gets.
    pub next: String,
    /// The next request does not get the follow-up response the server sent.
    pub next_wrong: bool,
    /// What the client's JSON read of the body gives, where the model knows it.
    pub json: String,
}

/// A call's result in a cell: `204 ""`, `error: …` or `never returns`.
fn result_text(result: &CallResult, max: usize) -> String {
    match result {
        CallResult::Value(d) => format!("{} {:?}", d.status, truncate(&d.body, max)),
        CallResult::Error(text) => format!("error: {}", truncate(text, SHOWN_CHARS)),
        CallResult::Pending(_) => "never returns".into(),
    }
}

fn cells(outcome: &ClientOutcome) -> ClientCells {
    let connection = match outcome.connection_reused {
        Some(true) => "same connection",
        Some(false) => "new connection",
        None => "no connection",
    };
    let next_ok =
        matches!(&outcome.next, CallResult::Value(d) if d.status == 200 && d.body == "ok");
    ClientCells {
        returns: result_text(&outcome.result, CELL_CHARS),
        fails: !matches!(outcome.result, CallResult::Value(_)),
        next: format!("{connection}: {}", result_text(&outcome.next, CELL_CHARS)),
        next_wrong: !next_ok,
        json: match &outcome.json {
            Some(JsonRead::Value(v)) => truncate(&v.to_string(), CELL_CHARS),
            Some(JsonRead::Error(text)) => format!("error: {}", truncate(text, SHOWN_CHARS)),
            None => "—".into(),
        },
    }
}

/// Every client's line, in the engine's column order.
pub fn client_table(exchange: &Exchange) -> Vec<ClientLine> {
    ClientId::ALL
        .iter()
        .map(|id| {
            let row = id.row();
            ClientLine {
                key: id.key(),
                label: row.label,
                version: row.version,
                cells: exchange.outcomes.clients.get(*id).map(cells),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use nocontent_engine::{catalog, simulate};

    fn table(id: &str) -> Vec<ClientLine> {
        let entry = catalog::find(id).unwrap_or_else(|| panic!("no entry {id}"));
        client_table(&simulate(&entry.scenario).unwrap_or_else(|e| panic!("{e:?}")))
    }

    fn line<'a>(lines: &'a [ClientLine], key: &str) -> &'a ClientCells {
        lines
            .iter()
            .find(|l| l.key == key)
            .and_then(|l| l.cells.as_ref())
            .unwrap_or_else(|| panic!("no cells for {key}"))
    }

    #[test]
    fn every_client_in_order_with_its_version() {
        let lines = table("delete-204");
        let keys: Vec<&str> = lines.iter().map(|l| l.key).collect();
        assert_eq!(
            keys,
            [
                "curl",
                "node_fetch",
                "node_http",
                "axios",
                "requests",
                "httpx"
            ]
        );
        assert!(lines.iter().all(|l| !l.version.is_empty()));
        let curl = line(&lines, "curl");
        assert_eq!(curl.returns, "204 \"\"");
        assert_eq!(curl.next, "same connection: 200 \"ok\"");
        assert!(!curl.fails && !curl.next_wrong);
        assert_eq!(curl.json, "—");
        assert_eq!(line(&lines, "axios").json, "\"\"");
        assert_eq!(
            line(&lines, "requests").json,
            "error: JSONDecodeError: Expecting value: line 1 column 1 (char 0)"
        );
    }

    #[test]
    fn failures_hangs_and_planted_responses_are_marked() {
        let lines = table("api-205-no-length");
        let curl = line(&lines, "curl");
        assert_eq!(curl.returns, "never returns");
        assert!(curl.fails);
        assert_eq!(
            line(&lines, "httpx").returns,
            "error: ReadTimeout: timed out"
        );
        assert!(!line(&lines, "node_fetch").fails);
        let lines = table("api-204-planted-next");
        let httpx = line(&lines, "httpx");
        assert_eq!(httpx.next, "same connection: 200 \"{\\\"admin\\\":true}\"");
        assert!(httpx.next_wrong);
        let axios = line(&lines, "axios");
        assert_eq!(axios.next, "new connection: 200 \"ok\"");
        assert!(!axios.next_wrong);
    }
}
