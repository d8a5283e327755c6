//! Markdown summaries of observation runs: one per engine (where it differs from the engine
//! crate's spec column and from its own column), and one across engines (where they differ
//! from each other or from the columns).

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

/// The navigation controls of a run (each trigger against a plain 200), as a section with
/// its table: the run's own summary and the engine's measurements page both show it.
fn controls_table(out: &mut String, run: &Run) {
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
    let off_prediction = compared
        .iter()
        .filter(|(_, c)| !c.matches_prediction() && !c.not_measured())
        .count();
    let unmeasured = compared.iter().filter(|(_, c)| c.not_measured()).count();
    let off_spec = compared.iter().filter(|(_, c)| !c.matches_spec()).count();
    let problems: usize = run.problems.len()
        + run
            .observations
            .iter()
            .map(|o| o.problems.len())
            .sum::<usize>();
    let _ = writeln!(out, "# What {label} did\n");
    let _ = writeln!(
        out,
        "Measured {} with `{}`: each scenario's response sent byte for byte from a loopback raw-socket server, every probe that applies run in the page, and the result set against the engine crate's spec column and its {label} column (`nocontent_engine::simulate`).\n",
        run.date, run.version.full
    );
    let _ = writeln!(
        out,
        "- {} scenarios, {} comparisons.\n- {off_prediction} differ from the engine crate's prediction for this engine; {unmeasured} have no prediction (not measured).\n- {off_spec} differ from the spec column.\n- {problems} harness problems.\n",
        run.observations.len(),
        compared.len(),
    );

    let _ = writeln!(out, "## Fields that differ from a column\n");
    let _ = writeln!(
        out,
        "| scenario | field | spec column | predicted for {label} | {label} | differs from |\n|---|---|---|---|---|---|"
    );
    for (id, c) in &compared {
        if c.matches_prediction() && c.matches_spec() {
            continue;
        }
        let from = match (c.matches_spec(), c.matches_prediction()) {
            (false, false) => "both",
            (false, true) => "spec",
            _ => "prediction",
        };
        let predicted = c
            .predicted
            .as_ref()
            .map(cell)
            .unwrap_or("not measured".into());
        let _ = writeln!(
            out,
            "| {id} | {} | {} | {predicted} | {} | {from} |",
            c.field,
            cell(&c.spec),
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

    controls_table(&mut out, run);

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
/// The spec column and, for each run (by index), the prediction and what it observed.
type Row = (Value, BTreeMap<usize, (Option<Value>, Value)>);

/// One table across engines: every (scenario, field) where some engine differs from the spec
/// column, from its own column, or from another engine.
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
                    .or_insert_with(|| (c.spec.clone(), BTreeMap::new()));
                row.1.insert(r, (c.predicted.clone(), c.observed.clone()));
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
        "\nRows where an engine differs from the engine crate's spec column, from its own column, or from another engine. Each engine's cell is what it did, with the prediction after `≠` where they differ. `-` means the probe did not run or could not be compared in that engine.\n"
    );
    let mut header = "| scenario | field | spec column |".to_string();
    let mut rule = "|---|---|---|".to_string();
    for run in runs {
        let _ = write!(header, " {} |", run.version.label);
        rule.push_str("---|");
    }
    let _ = writeln!(out, "{header}\n{rule}");
    let mut shown = 0;
    for ((_, id, field), (spec, seen)) in &rows {
        let values: Vec<Option<&(Option<Value>, Value)>> =
            (0..runs.len()).map(|r| seen.get(&r)).collect();
        let present: Vec<&(Option<Value>, Value)> = values.iter().flatten().copied().collect();
        let all_agree = present
            .iter()
            .all(|(predicted, observed)| observed == spec && predicted.as_ref() == Some(observed))
            && present.windows(2).all(|w| w[0].1 == w[1].1);
        if all_agree {
            continue;
        }
        shown += 1;
        let mut line = format!("| {id} | {field} | {} |", cell(spec));
        for v in values {
            let shown_cell = match v {
                None => "-".to_string(),
                Some((Some(p), o)) if p == o => cell(o),
                Some((Some(p), o)) => format!("{} ≠ {}", cell(o), cell(p)),
                Some((None, o)) => format!("{} (not measured)", cell(o)),
            };
            let _ = write!(line, " {shown_cell} |");
        }
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "\n{shown} of {} rows shown.", rows.len());
    out
}

/// The measurements page of one engine (`docs/measurements/<engine>.md`): the build, the date,
/// and what the catalog replay and the differential lab runs observed, from their files.
pub fn measurements_page(run: &Run, labs: &[crate::difflab::Report]) -> String {
    let mut out = String::new();
    let label = &run.version.label;
    let _ = writeln!(out, "# {label}: what the tests observed\n");
    let _ = writeln!(
        out,
        "Generated by `cargo run -p nocontent-e2e --bin observe -- --docs` from the observation files of the runs below; do not edit by hand.\n"
    );
    let capability = |key: &str| {
        run.capabilities
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or("-")
            .to_string()
    };
    let _ = writeln!(
        out,
        "| | |\n|---|---|\n| build | `{}` |\n| browserName, browserVersion (WebDriver) | `{}`, `{}` |\n| catalog replay measured | {} |",
        run.version.full,
        capability("browserName"),
        capability("browserVersion"),
        run.date
    );
    for lab in labs {
        let _ = writeln!(out, "| difflab seed {} measured | {} |", lab.seed, lab.date);
    }
    if run.engine == crate::engine::Engine::Webkit {
        let _ = writeln!(
            out,
            "\nWebKitGTK fetches with libsoup, not with the network stack Safari uses: its framing, connection and cache results say nothing about Safari. Its WebDriver session has no HTTP cache, so the cache and invalidation fields come from an ordinary MiniBrowser window with its own `XDG_CACHE_HOME` that runs the same probe functions and reports back."
        );
    }

    let compared: Vec<_> = run
        .observations
        .iter()
        .flat_map(|o| o.compared.iter().map(move |c| (o.id.as_str(), c)))
        .collect();
    let off_prediction = compared
        .iter()
        .filter(|(_, c)| !c.not_measured() && !c.matches_prediction())
        .count();
    let _ = writeln!(out, "\n## The catalog, replayed\n");
    let _ = writeln!(
        out,
        "`cargo run -p nocontent-e2e --bin observe -- --engine {}` (repeated by `e2e/tests/engines_catalog.rs`): every catalog scenario and a control sent byte for byte from a loopback raw-socket server, every probe that applies run in the page, each field compared with the engine crate's {label} column.\n",
        run.engine.key()
    );
    let _ = writeln!(
        out,
        "- {} scenarios, {} fields compared, {off_prediction} off the prediction.\n- {} fields where {label} departs from the spec column, listed below.\n",
        run.observations.len(),
        compared.len(),
        compared.iter().filter(|(_, c)| !c.matches_spec()).count()
    );
    let _ = writeln!(
        out,
        "| scenario | field | spec column | {label} |\n|---|---|---|---|"
    );
    for (id, c) in &compared {
        if c.matches_spec() {
            continue;
        }
        let _ = writeln!(
            out,
            "| {id} | {} | {} | {} |",
            c.field,
            cell(&c.spec),
            cell(&c.observed)
        );
    }

    let _ = writeln!(out, "\n## The differential lab\n");
    if labs.is_empty() {
        let _ = writeln!(out, "No lab run was recorded.");
    } else {
        let _ = writeln!(
            out,
            "`cargo xtask difflab --engine {} --n N --seed S`: N random valid scenarios, each field compared with the engine crate's claim for {label}.\n",
            run.engine.key()
        );
        let _ = writeln!(
            out,
            "| seed | scenarios | fully predicted | share | fields off (scenarios) |\n|---|---|---|---|---|"
        );
        for lab in labs {
            let fields: Vec<String> = lab
                .by_field()
                .iter()
                .map(|(field, n, _)| format!("{field} ({n})"))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {:.1} % | {} |",
                lab.seed,
                lab.outcomes.len(),
                lab.fully_predicted(),
                lab.share(),
                if fields.is_empty() {
                    "none".to_string()
                } else {
                    text_cell(&fields.join(", "))
                }
            );
        }
    }

    controls_table(&mut out, run);
    if run.engine == crate::engine::Engine::Chromium {
        let _ = writeln!(
            out,
            "\n## Earlier measurements\n\nThe first Chromium measurements, made with playwright-core before this harness existed, are kept in [chromium-history.md](chromium-history.md)."
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Engine, Version};
    use crate::observe::compare::Compared;
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
                        predicted: Some(json!(204)),
                        observed: json!(204),
                    },
                    Compared {
                        field: "fetch.body_null".into(),
                        spec: json!(true),
                        predicted: Some(json!(false)),
                        observed,
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
                "| delete-204 | fetch.body_null | `true` | `false` | `true` | prediction |"
            ),
            "{text}"
        );
        assert!(!text.contains("| delete-204 | fetch.status |"));
        assert!(text.contains("- 1 differ from the engine crate's prediction"));
    }

    #[test]
    fn the_engine_table_keeps_rows_where_anything_differs() {
        let runs = [
            run(Engine::Chromium, json!(false)),
            run(Engine::Firefox, json!(true)),
        ];
        let text = engines_markdown("The catalog", &runs);
        assert!(
            text.contains("| delete-204 | fetch.body_null | `true` | `false` | `true` ≠ `false` |"),
            "{text}"
        );
        assert!(!text.contains("fetch.status"));
        assert!(text.contains("1 of 2 rows shown."));
    }
}
