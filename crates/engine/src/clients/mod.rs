//! HTTP clients outside the browser: curl, Node's `fetch` (undici) and `http` module, axios,
//! Python's requests and httpx. For the exact bytes of a response, each one's outcome: what
//! the caller gets (the status and body, the client's own error text, or a call that never
//! returns), whether the client reuses the connection for the next request, and what that
//! next request then gets.
//!
//! Each client is one [`ClientRow`] in [`rows`]: how it reads the framing headers, which
//! responses it reads no body for, what it rejects and in which words, what it does with
//! bytes left over after a response, how it parses an empty body as JSON. [`outcome`] turns a
//! row and the response bytes into an outcome. Every row was measured against real clients
//! by the harness's client runner (`cargo run -p nocontent-e2e --bin clients -- --compare`,
//! `docs/clients-and-frameworks.md`), which also checks these predictions against what the
//! clients do.

mod json;
mod read;
pub mod rows;

use serde::{Deserialize, Serialize};

pub use json::{js_stringify, py_dumps, py_string};
pub use read::outcome;
pub use rows::{ClientRow, ROWS};

/// The clients, keyed as the JSON contract names them (`outcomes.clients.<key>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientId {
    Curl,
    NodeFetch,
    NodeHttp,
    Axios,
    Requests,
    Httpx,
}

impl ClientId {
    pub const ALL: [ClientId; 6] = [
        ClientId::Curl,
        ClientId::NodeFetch,
        ClientId::NodeHttp,
        ClientId::Axios,
        ClientId::Requests,
        ClientId::Httpx,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ClientId::Curl => "curl",
            ClientId::NodeFetch => "node_fetch",
            ClientId::NodeHttp => "node_http",
            ClientId::Axios => "axios",
            ClientId::Requests => "requests",
            ClientId::Httpx => "httpx",
        }
    }

    pub fn parse(key: &str) -> Option<ClientId> {
        ClientId::ALL.into_iter().find(|c| c.key() == key)
    }

    /// This client's row.
    pub fn row(self) -> &'static ClientRow {
        rows::row(self)
    }
}

/// A client as the exchange names it: its key and the versions measured.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientName {
    pub key: &'static str,
    /// Short, for a column head: `curl`, `Node fetch`, …
    pub label: &'static str,
    /// The build measured, e.g. `curl 7.88.1` or `undici 6.24.1 (Node v20.20.2)`.
    pub version: &'static str,
}

/// The clients an exchange describes, in column order.
pub fn described() -> Vec<ClientName> {
    ClientId::ALL
        .iter()
        .map(|c| {
            let row = c.row();
            ClientName {
                key: c.key(),
                label: row.label,
                version: row.version,
            }
        })
        .collect()
}

/// What the caller got back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Delivered {
    pub status: u16,
    /// The body as the caller reads it as text (curl's output, `response.text()`, the
    /// joined `data` chunks, axios's `data` as JSON text, `r.text`).
    pub body: String,
}

/// How a call ends: `{"value": …}`, `{"error": "…"}` or `{"pending": true}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CallResult {
    Value(Delivered),
    /// The client's own error text, as the caller meets it.
    Error(String),
    /// The call never returns. Always `true`.
    Pending(bool),
}

impl CallResult {
    pub fn value(status: u16, body: impl Into<String>) -> CallResult {
        CallResult::Value(Delivered {
            status,
            body: body.into(),
        })
    }

    pub fn error(text: impl Into<String>) -> CallResult {
        CallResult::Error(text.into())
    }

    pub fn pending() -> CallResult {
        CallResult::Pending(true)
    }
}

/// What the client's own JSON read gives for the body (`response.json()`, `JSON.parse` of the
/// text, axios's `data`, `r.json()`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JsonRead {
    Value(serde_json::Value),
    Error(String),
}

/// One client's outcome for one response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientOutcome {
    pub result: CallResult,
    /// Does the next request on this client go out on the same connection? Null where
    /// nothing could follow.
    pub connection_reused: Option<bool>,
    /// What the next request (a `GET` answered by a well-framed `200 ok`) gets.
    pub next: CallResult,
    /// What the client's JSON read gives, where the model knows it: for an empty body and a
    /// body that is JSON; null otherwise (not modelled) and when there is no value.
    pub json: Option<JsonRead>,
    /// Why, in sentences, in the order the client decided.
    pub because: Vec<String>,
}

/// Every client's outcome, keyed as the JSON contract names them. A client is null where the
/// response's head is not one the model can read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientOutcomes {
    pub curl: Option<ClientOutcome>,
    pub node_fetch: Option<ClientOutcome>,
    pub node_http: Option<ClientOutcome>,
    pub axios: Option<ClientOutcome>,
    pub requests: Option<ClientOutcome>,
    pub httpx: Option<ClientOutcome>,
}

impl ClientOutcomes {
    pub fn get(&self, client: ClientId) -> Option<&ClientOutcome> {
        match client {
            ClientId::Curl => self.curl.as_ref(),
            ClientId::NodeFetch => self.node_fetch.as_ref(),
            ClientId::NodeHttp => self.node_http.as_ref(),
            ClientId::Axios => self.axios.as_ref(),
            ClientId::Requests => self.requests.as_ref(),
            ClientId::Httpx => self.httpx.as_ref(),
        }
    }
}

/// The follow-up response every measurement's second request got: what the raw server's
/// `/ok` route sends. httpx's error texts quote its status line when leftover bytes come
/// before it.
pub const NEXT_RESPONSE: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nCache-Control: no-store\r\nContent-Length: 2\r\n\r\nok";

/// Every client's outcome for the response `wire` to a `method` request; `server_closes`
/// says whether the server closes the connection after it.
pub fn outcomes(method: &str, wire: &[u8], server_closes: bool) -> ClientOutcomes {
    let one = |id: ClientId| outcome(id.row(), method, wire, server_closes);
    ClientOutcomes {
        curl: one(ClientId::Curl),
        node_fetch: one(ClientId::NodeFetch),
        node_http: one(ClientId::NodeHttp),
        axios: one(ClientId::Axios),
        requests: one(ClientId::Requests),
        httpx: one(ClientId::Httpx),
    }
}

#[cfg(test)]
mod tests;
