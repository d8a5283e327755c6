//! The Markdown form of a client run: one table of results and connection reuse (scenarios by
//! clients), one of what the follow-up request met where it was not a plain `200 ok`, and the
//! details behind every error and pending call.

use std::fmt::Write;

use super::runner::run_cell;
use super::{ClientId, ClientsFile, JsonRead, Outcome, Run};

/// Escapes a table cell: pipes and line breaks would break the row.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace("\r\n", "␍␊")
        .replace('\n', "␊")
        .replace('\r', "␍")
}

fn header(out: &mut String, clients: &[ClientId]) {
    let names: Vec<&str> = clients.iter().map(|c| c.key()).collect();
    let _ = writeln!(out, "| scenario | {} |", names.join(" | "));
    let _ = writeln!(out, "|---|{}", "---|".repeat(clients.len()));
}

fn clients_of(file: &ClientsFile) -> Vec<ClientId> {
    file.versions.iter().map(|(c, _)| *c).collect()
}

fn find(runs: &[Run], client: ClientId) -> Option<&Run> {
    runs.iter().find(|r| r.client() == client)
}

/// Is this the plain `200 ok` the follow-up should get?
fn plain_ok(outcome: &Outcome) -> bool {
    matches!(outcome, Outcome::Value(d) if d.status == 200 && d.body == crate::raw::OK_BODY)
}

pub fn markdown(file: &ClientsFile) -> String {
    let clients = clients_of(file);
    let mut out = String::new();
    let _ = writeln!(out, "# Clients against the raw-socket server\n");
    let _ = writeln!(
        out,
        "Measured {}; a call still running after {} ms counts as pending.\n",
        file.measured, file.pending_ms
    );
    for (client, version) in &file.versions {
        let _ = writeln!(out, "- `{}`: {version}", client.key());
    }
    let _ = writeln!(
        out,
        "\n## Result and connection reuse\n\nEach cell: the status and body the caller got (or the client's error, or pending), then whether the follow-up request went out on the same connection (`reused`), on a new one (`new conn`) or never reached the server (`—`).\n"
    );
    header(&mut out, &clients);
    for scenario in &file.scenarios {
        let cells: Vec<String> = clients
            .iter()
            .map(|&c| find(&scenario.runs, c).map(run_cell).unwrap_or_default())
            .map(|t| cell(&t))
            .collect();
        let _ = writeln!(out, "| `{}` | {} |", scenario.id, cells.join(" | "));
    }

    let _ = writeln!(
        out,
        "\n## The follow-up request, where it did not get `200 \"ok\"`\n"
    );
    let mut any = false;
    for scenario in &file.scenarios {
        for run in &scenario.runs {
            if let Run::Measured(m) = run {
                if !plain_ok(&m.next_result) {
                    any = true;
                    let _ = writeln!(
                        out,
                        "- `{}` · `{}`: {} ({})",
                        scenario.id,
                        m.client.key(),
                        cell(&m.next_result.summary()),
                        super::runner::reuse_text(m.connection_reused)
                    );
                }
            }
        }
    }
    if !any {
        let _ = writeln!(out, "Every follow-up got it.");
    }

    let _ = writeln!(
        out,
        "\n## Details of errors, pending calls and JSON reads\n"
    );
    for scenario in &file.scenarios {
        for run in &scenario.runs {
            match run {
                Run::Measured(m) => {
                    let mut notes = Vec::new();
                    if let Some(cause) = &m.first.cause {
                        notes.push(format!("cause: {cause}"));
                    }
                    if let Some(stage) = &m.first.stage {
                        notes.push(format!("pending at: {stage}"));
                    }
                    if let Some(status) = m.first.status {
                        notes.push(format!("status known: {status}"));
                    }
                    if let Some(JsonRead::Error(e)) = &m.first.json {
                        notes.push(format!("JSON read: {e}"));
                    }
                    if m.server.first.len() > 1 {
                        notes.push(format!("request arrived {} times", m.server.first.len()));
                    }
                    if m.server.next.len() > 1 {
                        let conns: Vec<String> =
                            m.server.next.iter().map(|a| a.conn.to_string()).collect();
                        notes.push(format!(
                            "the follow-up arrived {} times (connections {})",
                            m.server.next.len(),
                            conns.join(", ")
                        ));
                    }
                    if !matches!(m.result, Outcome::Value(_)) || !notes.is_empty() {
                        let _ = writeln!(
                            out,
                            "- `{}` · `{}` ({} ms): {}{}",
                            scenario.id,
                            m.client.key(),
                            m.first.ms,
                            cell(&m.result.summary()),
                            if notes.is_empty() {
                                String::new()
                            } else {
                                format!("; {}", cell(&notes.join("; ")))
                            }
                        );
                    }
                }
                Run::DriverFailed { client, reason } => {
                    let _ = writeln!(
                        out,
                        "- `{}` · `{}`: driver failed: {}",
                        scenario.id,
                        client.key(),
                        cell(reason)
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clients::{Call, Delivered, Measurement, ScenarioRuns, ServerLog};

    fn call(result: Outcome) -> Call {
        Call {
            result,
            json: None,
            cause: None,
            ms: 1,
            stage: None,
            status: None,
        }
    }

    #[test]
    fn the_table_has_a_cell_per_client_and_escapes_pipes() {
        let ok = Outcome::Value(Delivered {
            status: 200,
            body: "ok".into(),
            headers: vec![],
        });
        let measured = Measurement {
            client: ClientId::Curl,
            version: "curl 7.88.1".into(),
            result: Outcome::Error("a|b".into()),
            connection_reused: Some(false),
            next_result: ok.clone(),
            first: call(Outcome::Error("a|b".into())),
            next: call(ok),
            server: ServerLog::default(),
        };
        let file = ClientsFile {
            measured: "now".into(),
            pending_ms: 10,
            versions: vec![
                (ClientId::Curl, "curl 7.88.1".into()),
                (ClientId::Httpx, "httpx".into()),
            ],
            scenarios: vec![ScenarioRuns {
                id: "s1".into(),
                scenario: nocontent_engine::Scenario::default(),
                wire: String::new(),
                runs: vec![
                    Run::Measured(Box::new(measured)),
                    Run::DriverFailed {
                        client: ClientId::Httpx,
                        reason: "no line".into(),
                    },
                ],
            }],
        };
        let text = markdown(&file);
        assert!(text.contains("| scenario | curl | httpx |"), "{text}");
        assert!(
            text.contains("| `s1` | error: a\\|b · new conn | driver failed: no line |"),
            "{text}"
        );
        assert!(text.contains("Every follow-up got it."));
    }
}
