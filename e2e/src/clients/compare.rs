//! Sets the engine's client model (`nocontent_engine::clients`) against what the real clients
//! did: for every scenario and client, the call's result (status and body, the client's error
//! text, or pending), whether the connection was reused, what the follow-up request met, and
//! the client's JSON read where the model gives one. Each scenario is simulated again with
//! the engine as it is now, and a run whose bytes are no longer the ones the engine writes is
//! a mismatch too: the measurement no longer describes the model's input.

use std::fmt::Write;

use nocontent_engine::clients::{self as model, CallResult, ClientOutcome};
use nocontent_engine::simulate;
use serde::Serialize;

use super::{ClientId, ClientsFile, JsonRead, Outcome, Run};

/// One difference between the model and a measurement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mismatch {
    pub id: String,
    pub client: ClientId,
    /// Which value: `result`, `connection_reused`, `next`, `json`, `wire`, `model`.
    pub what: &'static str,
    pub predicted: String,
    pub measured: String,
}

/// Per client: how many scenarios were compared and how many had a mismatch.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Tally {
    pub compared: usize,
    pub mismatched: usize,
}

/// Every mismatch, and the tally per client (in [`ClientId::ALL`] order).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Comparison {
    pub mismatches: Vec<Mismatch>,
    pub tally: Vec<(ClientId, Tally)>,
    /// Runs that produced no measurement (a driver fault), which are not compared.
    pub driver_failures: usize,
}

fn model_text(result: &CallResult) -> String {
    match result {
        CallResult::Value(d) => format!("{} {:?}", d.status, d.body),
        CallResult::Error(e) => format!("error: {e}"),
        CallResult::Pending(_) => "pending".into(),
    }
}

fn measured_text(result: &Outcome) -> String {
    match result {
        Outcome::Value(d) => format!("{} {:?}", d.status, d.body),
        Outcome::Error(e) => format!("error: {e}"),
        Outcome::Pending(_) => "pending".into(),
    }
}

fn json_text(json: Option<&serde_json::Value>, error: Option<&str>) -> String {
    match (json, error) {
        (Some(v), _) => format!("value {v}"),
        (None, Some(e)) => format!("error {e}"),
        (None, None) => "none".into(),
    }
}

/// The differences for one client and one scenario.
pub fn compare_one(
    id: &str,
    client: ClientId,
    predicted: &ClientOutcome,
    measured: &super::Measurement,
) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let mut differ = |what: &'static str, predicted: String, measured: String| {
        if predicted != measured {
            out.push(Mismatch {
                id: id.to_string(),
                client,
                what,
                predicted,
                measured,
            });
        }
    };
    differ(
        "result",
        model_text(&predicted.result),
        measured_text(&measured.result),
    );
    differ(
        "connection_reused",
        format!("{:?}", predicted.connection_reused),
        format!("{:?}", measured.connection_reused),
    );
    differ(
        "next",
        model_text(&predicted.next),
        measured_text(&measured.next_result),
    );
    // The JSON read is compared where the model gives one and the call delivered a value.
    if let (Some(json), Outcome::Value(_)) = (&predicted.json, &measured.result) {
        let predicted_json = match json {
            model::JsonRead::Value(v) => json_text(Some(v), None),
            model::JsonRead::Error(e) => json_text(None, Some(e)),
        };
        let measured_json = match &measured.first.json {
            Some(JsonRead::Value(v)) => json_text(Some(v), None),
            Some(JsonRead::Error(e)) => json_text(None, Some(e)),
            None => json_text(None, None),
        };
        differ("json", predicted_json, measured_json);
    }
    out
}

/// Compares every measured run of `file` with the model.
pub fn compare(file: &ClientsFile) -> Comparison {
    let mut comparison = Comparison {
        tally: ClientId::ALL
            .iter()
            .map(|c| (*c, Tally::default()))
            .collect(),
        ..Comparison::default()
    };
    for scenario in &file.scenarios {
        let exchange = simulate(&scenario.scenario).ok();
        for run in &scenario.runs {
            let Run::Measured(measured) = run else {
                comparison.driver_failures += 1;
                continue;
            };
            let client = measured.client;
            let mut found = Vec::new();
            match &exchange {
                None => found.push(Mismatch {
                    id: scenario.id.clone(),
                    client,
                    what: "model",
                    predicted: "the scenario no longer simulates".into(),
                    measured: measured_text(&measured.result),
                }),
                Some(exchange) if exchange.wire != scenario.wire => found.push(Mismatch {
                    id: scenario.id.clone(),
                    client,
                    what: "wire",
                    predicted: exchange.wire.clone(),
                    measured: scenario.wire.clone(),
                }),
                Some(exchange) => {
                    let key = model::ClientId::parse(client.key());
                    match key.and_then(|k| exchange.outcomes.clients.get(k)) {
                        Some(predicted) => {
                            found.extend(compare_one(&scenario.id, client, predicted, measured))
                        }
                        None => found.push(Mismatch {
                            id: scenario.id.clone(),
                            client,
                            what: "model",
                            predicted: "not modelled".into(),
                            measured: measured_text(&measured.result),
                        }),
                    }
                }
            }
            if let Some((_, tally)) = comparison.tally.iter_mut().find(|(c, _)| *c == client) {
                tally.compared += 1;
                if !found.is_empty() {
                    tally.mismatched += 1;
                }
            }
            comparison.mismatches.extend(found);
        }
    }
    comparison
}

impl Comparison {
    pub fn is_clean(&self) -> bool {
        self.mismatches.is_empty()
    }

    /// One line per client, then every mismatch.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for (client, tally) in &self.tally {
            if tally.compared > 0 {
                let _ = writeln!(
                    out,
                    "{:<10} {} scenarios predicted, {} with a mismatch",
                    client.key(),
                    tally.compared,
                    tally.mismatched
                );
            }
        }
        if self.driver_failures > 0 {
            let _ = writeln!(
                out,
                "{} runs had no measurement (driver failures) and were not compared",
                self.driver_failures
            );
        }
        for m in &self.mismatches {
            let _ = writeln!(
                out,
                "MISMATCH {} {} {}: model {} | measured {}",
                m.id,
                m.client.key(),
                m.what,
                m.predicted,
                m.measured
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clients::{Call, Delivered, Measurement, ServerLog};

    fn measurement(result: Outcome, reused: Option<bool>) -> Measurement {
        let call = |result: Outcome| Call {
            result,
            json: None,
            cause: None,
            ms: 1,
            stage: None,
            status: None,
        };
        Measurement {
            client: ClientId::Curl,
            version: "curl".into(),
            result: result.clone(),
            connection_reused: reused,
            next_result: Outcome::Value(Delivered {
                status: 200,
                body: "ok".into(),
                headers: vec![],
            }),
            first: call(result),
            next: call(Outcome::Value(Delivered {
                status: 200,
                body: "ok".into(),
                headers: vec![],
            })),
            server: ServerLog::default(),
        }
    }

    /// The comparer can fail: a measurement that differs from the model in its result or its
    /// reuse is reported, one that agrees is not.
    #[test]
    fn a_differing_measurement_is_a_mismatch() {
        let entry = nocontent_engine::catalog::find("keepalive-204-body").unwrap();
        let exchange = simulate(&entry.scenario).unwrap();
        let predicted = exchange.outcomes.clients.curl.clone().unwrap();
        let agrees = measurement(
            Outcome::Value(Delivered {
                status: 204,
                body: String::new(),
                headers: vec![],
            }),
            Some(true),
        );
        assert!(compare_one("k", ClientId::Curl, &predicted, &agrees).is_empty());
        let reuse_differs = measurement(agrees.result.clone(), Some(false));
        let found = compare_one("k", ClientId::Curl, &predicted, &reuse_differs);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].what, "connection_reused");
        let result_differs = measurement(Outcome::pending(), Some(true));
        let found = compare_one("k", ClientId::Curl, &predicted, &result_differs);
        assert_eq!(found[0].what, "result");
    }
}
