//! The differential lab: random valid scenarios (see [`generate`]) sent byte for byte to a
//! real engine, every probe that applies run in it, and each field set against the engine
//! crate's claim for that engine (`compare::compare`, the same comparer the catalog replay
//! uses). The report is a table of the fields that were off, with one example each, and the
//! share of scenarios the engine crate predicted in full.
//!
//! `cargo xtask difflab --engine E --n N --seed S` runs it (through the `difflab` binary).

pub mod generate;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::time::{Instant, SystemTime};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::{Engine, Installed, Version};
use crate::error::Error;
use crate::observe::compare::Compared;
use crate::observe::{self, Case, Observation, Run};
use crate::session::Browser;

/// What to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub engine: Engine,
    pub n: usize,
    pub seed: u64,
    /// One line per probe instead of one per scenario.
    pub verbose: bool,
    /// Only the scenario with this id (of the N the seed gives).
    pub only: Option<String>,
}

/// One field that was off in one scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Miss {
    pub id: String,
    pub field: String,
    pub spec: Value,
    pub predicted: Value,
    pub observed: Value,
}

/// One scenario's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub id: String,
    pub scenario: nocontent_engine::Scenario,
    /// The response bytes, as sent.
    pub wire: String,
    /// Every field compared, matched or not.
    pub fields: Vec<Compared>,
    pub compared: usize,
    pub not_measured: usize,
    pub misses: Vec<Miss>,
    /// Problems of the harness (a request not sent as composed, a probe that failed).
    pub problems: Vec<String>,
}

impl Outcome {
    /// Every compared field matched the prediction and the harness had no problem.
    pub fn fully_predicted(&self) -> bool {
        self.misses.is_empty() && self.problems.is_empty()
    }
}

/// A whole lab run.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Report {
    pub engine: Engine,
    pub version: Version,
    pub seed: u64,
    pub date: String,
    pub seconds: f64,
    pub outcomes: Vec<Outcome>,
    /// Problems of the run as a whole (controls, the cache window).
    pub problems: Vec<String>,
    #[serde(skip)]
    pub cases: Vec<Case>,
    /// Scenarios asked for.
    #[serde(default)]
    pub n: usize,
    /// What the engine did, as observed: kept so that a changed model can be compared with
    /// the same run again ([`recompare`]) without a browser.
    #[serde(default)]
    pub observations: Vec<Observation>,
}

/// Sets one observation against its case's claims: the fields that were off.
pub fn outcome(case: &Case, obs: &Observation) -> Outcome {
    let misses = obs
        .compared
        .iter()
        .filter(|c| !c.not_measured() && !c.matches_prediction())
        .map(|c: &Compared| Miss {
            id: case.id.clone(),
            field: c.field.clone(),
            spec: c.spec.clone(),
            predicted: c.predicted.clone().unwrap_or(Value::Null),
            observed: c.observed.clone(),
        })
        .collect();
    Outcome {
        id: case.id.clone(),
        scenario: case.scenario.clone(),
        wire: case.wire().to_string(),
        fields: obs.compared.clone(),
        compared: obs.compared.len(),
        not_measured: obs.compared.iter().filter(|c| c.not_measured()).count(),
        misses,
        problems: obs.problems.clone(),
    }
}

/// Runs the lab in one engine.
pub async fn run(options: &Options) -> Result<Report, Error> {
    let started = Instant::now();
    let now = SystemTime::now();
    let mut cases = generate::cases(options.seed, options.n, now)?;
    if let Some(id) = &options.only {
        cases.retain(|c| &c.id == id);
        if cases.is_empty() {
            return Err(Error::new(format!(
                "seed {} gives no scenario {id} among its first {}",
                options.seed, options.n
            )));
        }
    }
    let installed = Installed::locate(options.engine)?;
    let browser = Browser::start_installed(&installed).await?;
    println!(
        "difflab: {} ({}), seed {}, {} scenarios",
        browser.version.label,
        browser.version.full,
        options.seed,
        cases.len()
    );
    let n = cases.len();
    let run: Run =
        observe::run_with_progress(&browser, &installed, &cases, options.verbose, |i, obs| {
            if !options.verbose {
                let problems = if obs.problems.is_empty() {
                    String::new()
                } else {
                    format!(", {} harness problems", obs.problems.len())
                };
                println!(
                    "  [{:>3}/{n}] {} {:.0} s{problems}",
                    i + 1,
                    obs.id,
                    started.elapsed().as_secs_f64()
                );
            }
        })
        .await;
    browser.close().await;
    let outcomes = cases
        .iter()
        .zip(&run.observations)
        .map(|(case, obs)| outcome(case, obs))
        .collect();
    Ok(Report {
        engine: options.engine,
        version: run.version,
        seed: options.seed,
        date: run.date,
        seconds: started.elapsed().as_secs_f64(),
        outcomes,
        problems: run.problems,
        n: cases.len(),
        cases,
        observations: run.observations,
    })
}

/// Compares a recorded run (a report written by [`run`]) with the engine crate as it is now:
/// the same scenarios and observations, the current claims.
pub fn recompare(mut report: Report) -> Result<Report, Error> {
    let cases: Vec<Case> = report
        .outcomes
        .iter()
        .map(|o| Case::new(&o.id, o.scenario.clone()))
        .collect::<Result<_, _>>()?;
    let mut outcomes = Vec::new();
    for (case, obs) in cases.iter().zip(report.observations.iter_mut()) {
        let (compared, _) = crate::observe::compare::compare(report.engine, case, obs);
        obs.compared = compared;
        outcomes.push(outcome(case, obs));
    }
    report.outcomes = outcomes;
    report.cases = cases;
    Ok(report)
}

impl Report {
    pub fn fully_predicted(&self) -> usize {
        self.outcomes.iter().filter(|o| o.fully_predicted()).count()
    }

    /// The share of scenarios fully predicted, in percent.
    pub fn share(&self) -> f64 {
        if self.outcomes.is_empty() {
            return 100.0;
        }
        100.0 * self.fully_predicted() as f64 / self.outcomes.len() as f64
    }

    /// Misses grouped by field: the field, how many scenarios, and the first example.
    pub fn by_field(&self) -> Vec<(String, usize, &Miss)> {
        let mut fields: BTreeMap<&str, (usize, &Miss)> = BTreeMap::new();
        for miss in self.outcomes.iter().flat_map(|o| &o.misses) {
            fields
                .entry(miss.field.as_str())
                .and_modify(|(n, _)| *n += 1)
                .or_insert((1, miss));
        }
        let mut rows: Vec<(String, usize, &Miss)> = fields
            .into_iter()
            .map(|(field, (n, miss))| (field.to_string(), n, miss))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rows
    }

    fn case(&self, id: &str) -> Option<&Case> {
        self.cases.iter().find(|c| c.id == id)
    }

    /// The report as Markdown: the figure, the table of fields, one example per field, the
    /// harness problems.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let total = self.outcomes.len();
        let _ = writeln!(
            out,
            "# difflab: {} (`{}`), seed {}, {total} scenarios\n",
            self.version.label, self.version.full, self.seed
        );
        let compared: usize = self.outcomes.iter().map(|o| o.compared).sum();
        let unmeasured: usize = self.outcomes.iter().map(|o| o.not_measured).sum();
        let _ = writeln!(
            out,
            "Run {}, {:.0} s. {compared} fields compared, {unmeasured} of them not measured in this engine.\n",
            self.date, self.seconds
        );
        let _ = writeln!(
            out,
            "**Fully predicted: {} of {total} scenarios ({:.1} %).**\n",
            self.fully_predicted(),
            self.share()
        );
        let rows = self.by_field();
        if rows.is_empty() {
            let _ = writeln!(out, "No field was off.\n");
        } else {
            let _ = writeln!(
                out,
                "| field | scenarios off | example | predicted | observed |\n|---|---|---|---|---|"
            );
            for (field, n, miss) in &rows {
                let _ = writeln!(
                    out,
                    "| {field} | {n} | {} | {} | {} |",
                    miss.id,
                    cell(&miss.predicted),
                    cell(&miss.observed)
                );
            }
            let _ = writeln!(out, "\n## One example per field\n");
            for (field, _, miss) in &rows {
                let _ = writeln!(out, "### {field}: {}\n", miss.id);
                let _ = writeln!(
                    out,
                    "- spec: {}\n- predicted for {}: {}\n- observed: {}\n",
                    cell(&miss.spec),
                    self.version.label,
                    cell(&miss.predicted),
                    cell(&miss.observed)
                );
                if let Some(case) = self.case(&miss.id) {
                    let json = serde_json::to_string(&case.scenario).unwrap_or_default();
                    let _ = writeln!(out, "```json\n{json}\n```\n");
                    let _ = writeln!(out, "```\n{}\n```\n", case.wire().escape_debug());
                }
            }
        }
        let problems: Vec<String> = self
            .problems
            .iter()
            .cloned()
            .chain(
                self.outcomes
                    .iter()
                    .flat_map(|o| o.problems.iter().map(move |p| format!("{}: {p}", o.id))),
            )
            .collect();
        let _ = writeln!(out, "## Harness problems\n");
        if problems.is_empty() {
            let _ = writeln!(out, "None.");
        }
        for p in problems {
            let _ = writeln!(out, "- {}", p.replace('\n', " "));
        }
        out
    }
}

/// A value as a Markdown table cell.
fn cell(v: &Value) -> String {
    let text = v.to_string();
    let text = if text.chars().count() > 80 {
        format!("{}…", text.chars().take(80).collect::<String>())
    } else {
        text
    };
    format!("`{}`", text.replace('|', "\\|").replace('`', "'"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observe::{FetchFate, FetchResponse, FetchSeen, Settled};
    use serde_json::json;

    /// A case the generator made, and an observation that says exactly what the engine crate
    /// predicts for Chromium's fetch(): the comparer finds nothing off; one value changed,
    /// and it finds exactly that field.
    #[test]
    fn the_comparer_finds_a_wrong_observation_and_a_wrong_claim() {
        let now = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_800_000_000);
        let case = generate::cases(3, 60, now)
            .unwrap()
            .into_iter()
            .find(|c| {
                let f = &c.exchange.outcomes.fetch;
                f.rejects.engine(nocontent_engine::Engine::Chromium) == Some(&None)
                    && f.redirect.engine(nocontent_engine::Engine::Chromium) == Some(&None)
                    && matches!(
                        f.text.engine(nocontent_engine::Engine::Chromium),
                        Some(nocontent_engine::outcome::JsResult::Value(_))
                    )
            })
            .expect("a scenario whose fetch resolves");
        let chromium = nocontent_engine::Engine::Chromium;
        let f = &case.exchange.outcomes.fetch;
        let js = |r: &nocontent_engine::outcome::JsResult| match r {
            nocontent_engine::outcome::JsResult::Value(v) => Settled::Value(v.clone()),
            nocontent_engine::outcome::JsResult::Error(name) => {
                Settled::Error(crate::observe::JsError {
                    name: name.clone(),
                    message: String::new(),
                })
            }
            nocontent_engine::outcome::JsResult::Pending(_) => Settled::Pending,
        };
        let response = FetchResponse {
            status: *f.status.engine(chromium).unwrap(),
            ok: *f.ok.engine(chromium).unwrap(),
            status_text: f.status_text.engine(chromium).unwrap().clone(),
            body_null: *f.body_null.engine(chromium).unwrap(),
            headers: f.headers.engine(chromium).unwrap().clone(),
            redirected: false,
            url: format!("http://127.0.0.1:1{}", case.target("fetch")),
            kind: "basic".into(),
            text: js(f.text.engine(chromium).unwrap()),
            json: js(f.json.engine(chromium).unwrap()),
        };
        let mut obs = Observation {
            id: case.id.clone(),
            fetch: Some(FetchSeen {
                fate: FetchFate::Resolved(response.clone()),
                arrived: None,
                redirected_to: None,
            }),
            ..Observation::default()
        };
        let (compared, _) = crate::observe::compare::compare(Engine::Chromium, &case, &obs);
        obs.compared = compared;
        let right = outcome(&case, &obs);
        assert!(right.fully_predicted(), "{:#?}", right.misses);

        // A wrong observation: the status is off by one.
        let mut wrong = response.clone();
        wrong.status += 1;
        obs.fetch = Some(FetchSeen {
            fate: FetchFate::Resolved(wrong),
            arrived: None,
            redirected_to: None,
        });
        let (compared, _) = crate::observe::compare::compare(Engine::Chromium, &case, &obs);
        obs.compared = compared;
        let off = outcome(&case, &obs);
        assert!(!off.fully_predicted());
        assert_eq!(
            off.misses
                .iter()
                .map(|m| m.field.as_str())
                .collect::<Vec<_>>(),
            ["fetch.status"]
        );

        // A wrong claim: the same right observation against another scenario's claims.
        let mut other = case.clone();
        other.id = format!("{}-changed", case.id);
        other.scenario.answer.status = if case.scenario.answer.status == 200 {
            201
        } else {
            200
        };
        other
            .scenario
            .answer
            .headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case("location"));
        other.exchange = nocontent_engine::simulate(&other.scenario).unwrap();
        obs.fetch = Some(FetchSeen {
            fate: FetchFate::Resolved(response),
            arrived: None,
            redirected_to: None,
        });
        let (compared, _) = crate::observe::compare::compare(Engine::Chromium, &other, &obs);
        obs.compared = compared;
        let off = outcome(&other, &obs);
        assert!(
            off.misses.iter().any(|m| m.field == "fetch.status"),
            "{off:?}"
        );

        // The report counts the scenario as not fully predicted and shows the example.
        let report = Report {
            engine: Engine::Chromium,
            version: Version {
                full: "Chromium 156.0".into(),
                label: "Chromium 156".into(),
            },
            seed: 3,
            date: String::new(),
            seconds: 0.0,
            outcomes: vec![right, off],
            problems: vec![],
            n: 2,
            cases: vec![case, other.clone()],
            observations: vec![],
        };
        assert_eq!(report.fully_predicted(), 1);
        let text = report.markdown();
        assert!(
            text.contains("Fully predicted: 1 of 2 scenarios (50.0 %)"),
            "{text}"
        );
        assert!(
            text.contains(&format!("| fetch.status | 1 | {} |", other.id)),
            "{text}"
        );
        assert!(text.contains(
            &json!(other.exchange.wire)
                .as_str()
                .unwrap()
                .escape_debug()
                .to_string()
        ));
    }
}
