//! Do the engines agree? The badge a panel or a step wears, computed from the claims it
//! shows, and the per-cell marks of the client matrix.
//!
//! Only measured values count: an engine without a measurement is neither agreeing nor
//! differing; it is named in the badge as "not measured in …" with what it lacks.

use serde::Serialize;

use nocontent_engine::engines::{Column, Engine};
use nocontent_engine::outcome::Claim;

/// What the measured engines do, taken together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every measured engine does what the spec says.
    Agree,
    /// The measured engines do the same thing as each other, and not what the spec says.
    AgreeAgainstSpec,
    /// Two measured engines do different things.
    Differ,
}

/// The badge of a panel or a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Agreement {
    /// `None` when no engine was measured on any of the claims.
    pub verdict: Option<Verdict>,
    /// Each engine set without a measurement, with the subjects (step titles, clients) it
    /// lacks, in the order they were shown.
    pub not_measured: Vec<(Vec<Engine>, Vec<String>)>,
}

impl Agreement {
    /// The agreement over some claims, each with the subject it is shown under.
    pub fn of<'a>(claims: impl IntoIterator<Item = (&'a str, &'a Claim<String>)>) -> Agreement {
        let mut measured_any = false;
        let mut differ = false;
        let mut against_spec = false;
        let mut not_measured: Vec<(Vec<Engine>, Vec<String>)> = Vec::new();
        for (subject, claim) in claims {
            let engines: Vec<&String> = Engine::ALL
                .iter()
                .filter_map(|e| claim.engine(*e))
                .collect();
            measured_any |= !engines.is_empty();
            differ |= !claim.engines_agree();
            against_spec |= engines.iter().any(|v| *v != claim.spec());
            let missing = claim.not_measured();
            if missing.is_empty() {
                continue;
            }
            match not_measured.iter_mut().find(|(set, _)| *set == missing) {
                Some((_, subjects)) => {
                    if !subjects.iter().any(|s| s == subject) {
                        subjects.push(subject.to_string());
                    }
                }
                None => not_measured.push((missing, vec![subject.to_string()])),
            }
        }
        let verdict = measured_any.then_some(if differ {
            Verdict::Differ
        } else if against_spec {
            Verdict::AgreeAgainstSpec
        } else {
            Verdict::Agree
        });
        Agreement {
            verdict,
            not_measured,
        }
    }

    /// "all engines agree", "all engines agree; the spec says otherwise" or "engines
    /// differ"; `None` when nothing was measured.
    pub fn label(&self) -> Option<&'static str> {
        self.verdict.map(|v| match v {
            Verdict::Agree => "all engines agree",
            Verdict::AgreeAgainstSpec => "all engines agree; the spec says otherwise",
            Verdict::Differ => "engines differ",
        })
    }

    /// "not measured in WebKitGTK 2.50 (sendBeacon)", one entry per engine set.
    pub fn not_measured_labels(&self) -> Vec<String> {
        self.not_measured
            .iter()
            .map(|(engines, subjects)| {
                format!(
                    "not measured in {} ({})",
                    and_list(&engines.iter().map(|e| e.label()).collect::<Vec<_>>()),
                    subjects.join(", ")
                )
            })
            .collect()
    }

    /// The whole badge in one line, for titles and tests.
    pub fn text(&self) -> String {
        self.label()
            .map(str::to_string)
            .into_iter()
            .chain(self.not_measured_labels())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// "A", "A and B", "A, B and C".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// One cell of a claim laid out by column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell<'a> {
    pub column: Column,
    /// `None` for an engine that was not measured.
    pub value: Option<&'a str>,
    /// An engine whose value is not the spec's.
    pub departs_from_spec: bool,
    /// An engine whose value another measured engine does not share.
    pub differs_from_an_engine: bool,
}

impl Cell<'_> {
    /// Should the view highlight the cell?
    pub fn marked(&self) -> bool {
        self.departs_from_spec || self.differs_from_an_engine
    }
}

/// A claim's four cells, in column order, with what sets each one apart.
pub fn cells(claim: &Claim<String>) -> Vec<Cell<'_>> {
    Column::ALL
        .into_iter()
        .map(|column| {
            let value = claim.at(column).map(String::as_str);
            let (departs_from_spec, differs_from_an_engine) = match (column, value) {
                (Column::Engine(engine), Some(v)) => (
                    v != claim.spec(),
                    Engine::ALL
                        .iter()
                        .filter(|other| **other != engine)
                        .filter_map(|other| claim.engine(*other))
                        .any(|other| other != v),
                ),
                _ => (false, false),
            };
            Cell {
                column,
                value,
                departs_from_spec,
                differs_from_an_engine,
            }
        })
        .collect()
}
