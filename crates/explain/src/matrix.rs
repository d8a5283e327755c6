//! The client matrix: one line per client kind on what it gets from the same response.

use serde::Serialize;

use nocontent_engine::engines::Column;
use nocontent_engine::outcome::{Claim, JsResult};
use nocontent_engine::scenario::ClientKind;
use nocontent_engine::Exchange;

use crate::text::*;
use crate::timeline::xhr_value;

/// What one client kind gets from the response, in a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MatrixRow {
    pub client: ClientKind,
    pub label: &'static str,
    pub result: Claim<String>,
    /// False when this client cannot send the exchange's request at all (a form asked for
    /// HEAD, a link for POST): the result then says so instead of giving an outcome.
    pub applies: bool,
    /// The outcome fields the cell is built from, as the exchange JSON names them.
    pub fields: &'static [&'static str],
}

/// One row per ClientKind (all 7, in ClientKind::ALL order): a one-line summary of what that
/// client gets from this same response.
///
/// The XHR row uses the response type the exchange was computed for; the preflight row treats
/// the answer as the response to an OPTIONS preflight.
pub fn matrix(exchange: &Exchange) -> Vec<MatrixRow> {
    ClientKind::ALL
        .into_iter()
        .map(|client| match not_applicable(client, exchange) {
            Some(why) => MatrixRow {
                client,
                label: client.label(),
                result: Claim::uniform(why),
                applies: false,
                fields: &[],
            },
            None => MatrixRow {
                client,
                label: client.label(),
                result: matrix_cell(client, exchange),
                applies: true,
                fields: cell_fields(client),
            },
        })
        .collect()
}

/// Why `client` cannot send the exchange's request, when it cannot: a form sends only GET or
/// POST, a link, `location.href` or an iframe only GET, `sendBeacon()` only POST (measured
/// by `e2e/tests/methods.rs`), so their outcomes for another method would describe a
/// request that never happens.
fn not_applicable(client: ClientKind, exchange: &Exchange) -> Option<String> {
    let method = &exchange.request.method;
    if client == exchange.client.kind
        || nocontent_engine::method::sent_by(client, method).method == *method
    {
        return None;
    }
    let method = wire_method(method);
    Some(match client {
        ClientKind::Form => {
            format!("not applicable: a form cannot send {method}, only GET or POST")
        }
        ClientKind::Navigation | ClientKind::Iframe => {
            format!("not applicable: it can only send GET, not {method}")
        }
        ClientKind::Beacon => {
            format!("not applicable: sendBeacon() can only send POST, not {method}")
        }
        _ => return None,
    })
}

fn cell_fields(client: ClientKind) -> &'static [&'static str] {
    match client {
        ClientKind::Fetch => &[
            "fetch.rejects",
            "fetch.ok",
            "fetch.status",
            "fetch.text",
            "fetch.json",
        ],
        ClientKind::Xhr => &["xhr.response", "xhr.load_event", "xhr.status"],
        ClientKind::Form => &["navigation.document_replaced", "navigation.form_reset"],
        ClientKind::Navigation => &[
            "navigation.document_replaced",
            "navigation.history_entry_added",
        ],
        ClientKind::Iframe => &["navigation.iframe_load_event"],
        ClientKind::Beacon => &["beacon.queued", "beacon.response_visible"],
        ClientKind::Preflight => &["preflight.passes"],
    }
}

fn cell_js(r: &JsResult) -> String {
    match r {
        JsResult::Value(v) => shown(v, CELL_CHARS),
        JsResult::Error(e) => e.clone(),
        JsResult::Pending(_) => "never settles".into(),
    }
}

fn matrix_cell(client: ClientKind, exchange: &Exchange) -> Claim<String> {
    let o = &exchange.outcomes;
    let nav = &o.navigation;
    match client {
        ClientKind::Fetch => {
            let f = &o.fetch;
            Claim::by_column(|c: Column| {
                Some(match f.rejects.at(c)? {
                    Some(rejection) => format!("rejects: {rejection}"),
                    None => format!(
                        "{} {}, text() {}, json() {}",
                        if *f.ok.at(c)? { "ok" } else { "not ok" },
                        f.status.at(c)?,
                        cell_js(f.text.at(c)?),
                        cell_js(f.json.at(c)?)
                    ),
                })
            })
        }
        ClientKind::Xhr => {
            let x = &o.xhr;
            Claim::by_column(|c: Column| {
                let response = x.response.at(c)?;
                let end = if matches!(response, JsResult::Pending(_)) {
                    "never ends"
                } else if *x.load_event.at(c)? {
                    "load"
                } else {
                    "error"
                };
                Some(format!(
                    "{end}, status {}, response {}",
                    x.status.at(c)?,
                    xhr_value(response, x.response_type, CELL_CHARS)
                ))
            })
        }
        ClientKind::Form => nav
            .document_replaced
            .zip(&nav.form_reset, |replaced, reset| match (replaced, reset) {
                (true, _) => "page replaced".to_string(),
                (false, true) => "page stays, fields reset".to_string(),
                (false, false) => "page stays, fields kept".to_string(),
            }),
        ClientKind::Navigation => {
            nav.document_replaced
                .zip(&nav.history_entry_added, |replaced, added| {
                    format!(
                        "{}, {}",
                        if *replaced {
                            "page replaced"
                        } else {
                            "page stays"
                        },
                        if *added {
                            "new history entry"
                        } else {
                            "no history entry"
                        }
                    )
                })
        }
        ClientKind::Iframe => nav.iframe_load_event.map(|fires| {
            if *fires {
                "load event fires".to_string()
            } else {
                "no load event".to_string()
            }
        }),
        ClientKind::Beacon => {
            let b = &o.beacon;
            b.queued.zip(&b.response_visible, |queued, visible| {
                format!(
                    "{}; response {}",
                    if *queued {
                        "queued (true)"
                    } else {
                        "not queued (false)"
                    },
                    if *visible { "visible" } else { "ignored" }
                )
            })
        }
        ClientKind::Preflight => {
            let failure = o.preflight.failure.as_deref().unwrap_or("CORS checks fail");
            let seconds = o.preflight.cache_seconds;
            o.preflight.passes.map(|passes| {
                if *passes {
                    format!("as a preflight answer: passes (cached {seconds} s)")
                } else {
                    format!("as a preflight answer: fails: {failure}")
                }
            })
        }
    }
}
