//! Markdown summaries of observation runs: one per engine (where it differs from the engine
//! crate's spec and Chromium columns), and one across engines (where they differ from each
//! other or from the columns).

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::Value;

use crate::observe::{FetchFate, Run};

/// A value as a Markdown table cell: compact JSON in code, with pipes escaped.
fn cell(v: &Value) -> String {
    let text = match v {
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    };
    format!("`{}`", text.replace('|', "\\|").replace('\n', " "))
}

fn text_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The summary of one engine's run.
pub fn run_markdown(run: &Run) -> String {
    let mut out = String::new();
    let label = &run.version.label;
    let compared: Vec<_> = run
        .observations
        .iter()
        .flat_map(|o| o.compared.iter().map(move |c| (o.id.as_str(), c)))
        .collect();
    let off_chromium = compared.iter().filter(|(_, c)| !c.matches_chromium());
    let off_chromium_today = off_chromium
        .clone()
        .filter(|(_, c)| c.checked_today)
        .count();
    let off_spec = compared.iter().filter(|(_, c)| !c.matches_spec()).count();
    let problems: usize = run.problems.len()
        + run
            .observations
            .iter()
            .map(|o| o.problems.len())
            .sum::<usize>();
    let _ = writeln!(out, "# What {label} did with the catalog\n");
    let _ = writeln!(
        out,
        "Measured {} with `{}`: each catalog scenario's response sent byte for byte from a loopback raw-socket server, every probe that applies run in the page, and the result set against the engine crate's spec and Chromium columns (`nocontent_engine::simulate`).\n",
        run.date, run.version.full
    );
    let _ = writeln!(
        out,
        "- {} scenarios, {} comparisons.\n- {} differ from the Chromium column ({} of them in fields `e2e/tests/chromium_catalog.rs` checks today).\n- {} differ from the spec column.\n- {} harness problems.\n",
        run.observations.len(),
        compared.len(),
        off_chromium.clone().count(),
        off_chromium_today,
        off_spec,
        problems
    );

    let _ = writeln!(out, "## Fields that differ from a column\n");
    let _ = writeln!(
        out,
        "| scenario | field | spec column | Chromium column | {label} | differs from |\n|---|---|---|---|---|---|"
    );
    for (id, c) in &compared {
        if c.matches_chromium() && c.matches_spec() {
            continue;
        }
        let from = match (c.matches_spec(), c.matches_chromium()) {
            (false, false) => "both",
            (false, true) => "spec",
            _ => "Chromium",
        };
        let today = if c.checked_today { "" } else { " (new)" };
        let _ = writeln!(
            out,
            "| {id} | {}{today} | {} | {} | {} | {from} |",
            c.field,
            cell(&c.spec),
            cell(&c.chromium),
            cell(&c.observed)
        );
    }

    let _ = writeln!(out, "\n## Not compared\n");
    let mut any = false;
    for obs in &run.observations {
        for n in &obs.not_run {
            any = true;
            let _ = writeln!(out, "- {}: {}: {}", obs.id, n.probe, n.why);
        }
    }
    if !any {
        let _ = writeln!(out, "Every probe that applies was compared.");
    }

    let _ = writeln!(out, "\n## Harness problems\n");
    if problems == 0 {
        let _ = writeln!(out, "None.");
    }
    for p in &run.problems {
        let _ = writeln!(out, "- {}", text_cell(p));
    }
    for obs in &run.observations {
        for p in &obs.problems {
            let _ = writeln!(out, "- {}: {}", obs.id, text_cell(p));
        }
    }

    let _ = writeln!(out, "\n## Navigation controls (to a plain 200)\n");
    let _ = writeln!(
        out,
        "| trigger | document replaced | history entry added | URL changed | iframe load events |\n|---|---|---|---|---|"
    );
    for c in &run.controls {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            c.trigger,
            c.replaced,
            c.history_added(),
            c.url_changed(),
            c.iframe_loads.map(|n| n.to_string()).unwrap_or("-".into())
        );
    }

    let _ = writeln!(out, "\n## Seen, with no engine field\n");
    let _ = writeln!(
        out,
        "| scenario | fetch() | XHR events (scenario's responseType) | XHR readyState at the end |\n|---|---|---|---|"
    );
    for obs in &run.observations {
        let fetch = match obs.fetch.as_ref().map(|f| &f.fate) {
            Some(FetchFate::Resolved(r)) => {
                format!("resolved; type {}, redirected {}", r.kind, r.redirected)
            }
            Some(FetchFate::Rejected(e)) => format!("rejected: {}", e.line()),
            Some(FetchFate::Pending) => "never settled".into(),
            None => "-".into(),
        };
        let (events, ready) = obs
            .xhr
            .iter()
            .find(|x| x.response_type == obs.response_type)
            .map(|x| (x.events.join(" "), x.ready_state.to_string()))
            .unwrap_or(("-".into(), "-".into()));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            obs.id,
            text_cell(&fetch),
            events,
            ready
        );
    }
    out
}

/// A row of the engine table: catalog position, scenario id, field.
type RowKey = (usize, String, String);
/// The spec column, the Chromium column and what each run (by index) observed.
type Row = (Value, Value, BTreeMap<usize, Value>);

/// One table across engines: every (scenario, field) where some engine differs from the spec
/// column, from the Chromium column, or from another engine.
pub fn engines_markdown(title: &str, runs: &[Run]) -> String {
    let mut rows: BTreeMap<RowKey, Row> = BTreeMap::new();
    let order: Vec<String> = nocontent_engine::catalog::catalog()
        .iter()
        .map(|e| e.id.to_string())
        .collect();
    for (r, run) in runs.iter().enumerate() {
        for obs in &run.observations {
            let position = order
                .iter()
                .position(|id| *id == obs.id)
                .unwrap_or(usize::MAX);
            for c in &obs.compared {
                let row = rows
                    .entry((position, obs.id.clone(), c.field.clone()))
                    .or_insert_with(|| (c.spec.clone(), c.chromium.clone(), BTreeMap::new()));
                row.2.insert(r, c.observed.clone());
            }
        }
    }
    let mut out = String::new();
    let _ = writeln!(out, "# {title} in {} engines\n", runs.len());
    for run in runs {
        let _ = writeln!(
            out,
            "- {}: `{}`, measured {}",
            run.version.label, run.version.full, run.date
        );
    }
    let _ = writeln!(
        out,
        "\nRows where an engine differs from the engine crate's spec column, its Chromium column, or another engine. `-` means the probe did not run or could not be compared in that engine.\n"
    );
    let mut header = "| scenario | field | spec column | Chromium column |".to_string();
    let mut rule = "|---|---|---|---|".to_string();
    for run in runs {
        let _ = write!(header, " {} |", run.version.label);
        rule.push_str("---|");
    }
    let _ = writeln!(out, "{header}\n{rule}");
    let mut shown = 0;
    for ((_, id, field), (spec, chromium, seen)) in &rows {
        let values: Vec<Option<&Value>> = (0..runs.len()).map(|r| seen.get(&r)).collect();
        let present: Vec<&Value> = values.iter().flatten().copied().collect();
        let all_agree = present.iter().all(|v| *v == spec && *v == chromium)
            && present.windows(2).all(|w| w[0] == w[1]);
        if all_agree {
            continue;
        }
        shown += 1;
        let mut line = format!("| {id} | {field} | {} | {} |", cell(spec), cell(chromium));
        for v in values {
            let _ = write!(line, " {} |", v.map(cell).unwrap_or("-".into()));
        }
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "\n{shown} of {} rows shown.", rows.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::Compared;
    use crate::engine::{Engine, Version};
    use crate::observe::Observation;
    use serde_json::json;

    fn run(engine: Engine, observed: Value) -> Run {
        Run {
            engine,
            version: Version {
                full: format!("{engine} 1.0"),
                label: format!("{} 1", engine.product()),
            },
            date: "Mon, 01 Dec 2025 00:00:00 GMT".into(),
            capabilities: Default::default(),
            controls: vec![],
            observations: vec![Observation {
                id: "delete-204".into(),
                compared: vec![
                    Compared {
                        field: "fetch.status".into(),
                        spec: json!(204),
                        chromium: json!(204),
                        observed: json!(204),
                        checked_today: true,
                    },
                    Compared {
                        field: "fetch.body_null".into(),
                        spec: json!(true),
                        chromium: json!(false),
                        observed,
                        checked_today: true,
                    },
                ],
                ..Observation::default()
            }],
            problems: vec![],
        }
    }

    #[test]
    fn a_run_lists_only_fields_off_a_column() {
        let text = run_markdown(&run(Engine::Firefox, json!(true)));
        assert!(
            text.contains(
                "| delete-204 | fetch.body_null | `true` | `false` | `true` | Chromium |"
            ),
            "{text}"
        );
        assert!(!text.contains("| delete-204 | fetch.status |"));
        assert!(text.contains("- 1 differ from the Chromium column (1 of them"));
    }

    #[test]
    fn the_engine_table_keeps_rows_where_anything_differs() {
        let runs = [
            run(Engine::Chromium, json!(false)),
            run(Engine::Firefox, json!(true)),
        ];
        let text = engines_markdown("The catalog", &runs);
        assert!(
            text.contains("| delete-204 | fetch.body_null | `true` | `false` | `false` | `true` |"),
            "{text}"
        );
        assert!(!text.contains("fetch.status"));
        assert!(text.contains("1 of 2 rows shown."));
    }
}
