//! The live lab in a real browser, in each engine, for every catalog scenario: the checks run
//! through the service worker match the engine's prediction for that engine, or are a gap the
//! lab lists (`nocontent::lab::compare::GAPS`) and shows as such; and the listed gaps are
//! exactly where the lab's result differs from the network's. The network's result is the
//! same checks, run by the same app in the same engine against the byte-exact lab server
//! (`nocontent serve`, which also serves the app here).

use std::collections::BTreeMap;

use nocontent::lab::compare::{gap, Cause};
use nocontent_e2e::hosts::LabServer;
use nocontent_e2e::session::start_or_skip;
use nocontent_e2e::{need, Browser, Engine, Error};
use nocontent_engine::{catalog, simulate, status, Exchange};
use serde_json::Value;

/// One row of the lab's result table.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    /// Empty where the engine was not measured.
    predicted: String,
    actual: String,
    verdict: String,
}

/// A finished run as the panel shows it.
struct Shown {
    text: String,
    /// The panel's line naming the browser, and the one naming the column compared with.
    browser: String,
    engine: String,
    rows: BTreeMap<String, Row>,
}

const ROWS: &str = "return Array.from(document.querySelectorAll('#lab-result tr[data-check]')).map(function (tr) {\
  return [tr.dataset.check, tr.dataset.predicted, tr.dataset.actual, tr.dataset.verdict]; });";

/// Marks the shown result (or error) as the previous run's.
const STALE: &str = "['#lab-result', '#lab-error'].forEach(function (css) {\
  var e = document.querySelector(css); if (e) e.__stale = true; }); return true;";

/// Is a result (or an error) of a new run shown?
const FRESH: &str =
    "var e = document.querySelector('#lab-result') || document.querySelector('#lab-error');\
  return !!e && !e.__stale;";

/// Clicks `button` and waits for the run it starts to finish.
async fn run(browser: &Browser, button: &str) -> Result<Shown, Error> {
    // The result of the previous run is marked, so the wait below sees this run's.
    browser.eval(STALE).await?;
    browser.click(button).await?;
    browser
        .wait_for_eval(FRESH, "the run to finish", |v| v == &Value::Bool(true))
        .await?;
    let text = browser.text_of("#lab").await?;
    let mut rows = BTreeMap::new();
    for row in browser.eval(ROWS).await?.as_array().into_iter().flatten() {
        let field = |i: usize| row[i].as_str().unwrap_or_default().to_string();
        rows.insert(
            field(0),
            Row {
                predicted: field(1),
                actual: field(2),
                verdict: field(3),
            },
        );
    }
    let line = |css: &'static str| async move {
        let script =
            format!("var e = document.querySelector('{css}'); return e ? e.textContent : '';");
        Ok::<String, Error>(
            browser
                .eval(&script)
                .await?
                .as_str()
                .unwrap_or_default()
                .to_string(),
        )
    };
    Ok(Shown {
        browser: line("#lab-browser").await?,
        engine: line("#lab-engine").await?,
        text,
        rows,
    })
}

/// Does the panel name this browser truly? WebKitGTK's user agent says "Safari", and the lab
/// must not.
fn named_truly(engine: Engine, shown: &Shown) -> Option<String> {
    let (line, text) = (&shown.browser, &shown.engine);
    let ok = match engine {
        Engine::Chromium => line.starts_with("Browser: Headless Chrome/Chromium 1"),
        Engine::Firefox => line.starts_with("Browser: Firefox 1"),
        Engine::Webkit => {
            line.starts_with("Browser: a WebKit browser, not Safari")
                && text.contains("measured in WebKitGTK")
        }
    };
    (!ok).then(|| format!("the browser is not named truly: {line:?}"))
}

/// Where the listed gaps and what the two runs showed disagree, one line each.
fn gap_disagreements(
    engine: Engine,
    id: &str,
    exchange: &Exchange,
    worker: &Shown,
    network: &Shown,
) -> Vec<String> {
    let mut out = Vec::new();
    let model = engine;
    for (check, w) in &worker.rows {
        let Some(n) = network.rows.get(check) else {
            continue;
        };
        // Through the worker against the network: where the worker cannot stand in.
        let differs = w.actual != n.actual;
        let listed = gap(model, exchange, check, false).filter(|g| g.cause == Cause::Worker);
        match (differs, listed) {
            (true, None) => out.push(format!(
                "{id}: `{check}`: the worker gives {}, the network {}, and no gap is listed",
                w.actual, n.actual
            )),
            (false, Some(g)) => out.push(format!(
                "{id}: `{check}`: listed as a gap ({}), but both give {}",
                g.reason, w.actual
            )),
            _ => {}
        }
        // The network against the measurement: where the lab's own way of running a check
        // (a scripted form) gives another result than the measured one.
        if n.predicted.is_empty() {
            continue;
        }
        let differs = n.actual != n.predicted;
        let listed = gap(model, exchange, check, true).filter(|g| g.cause == Cause::Lab);
        match (differs, listed) {
            (true, None) => out.push(format!(
                "{id}: `{check}`: over the network the lab sees {}, the engine was measured with {}, and no gap is listed",
                n.actual, n.predicted
            )),
            (false, Some(g)) => out.push(format!(
                "{id}: `{check}`: listed as a gap of the lab ({}), but the network gives the measured {}",
                g.reason, n.actual
            )),
            _ => {}
        }
    }
    out
}

async fn every_catalog_scenario_matches_or_is_a_listed_gap_in(engine: Engine) -> Result<(), Error> {
    let test = "every_catalog_scenario_matches_or_is_a_listed_gap";
    let Some(dist) = need::or_skip(test, need::dist())? else {
        return Ok(());
    };
    let Some(cli) = need::or_skip(test, need::cli())? else {
        return Ok(());
    };
    let Some(browser) = start_or_skip(engine, test).await? else {
        return Ok(());
    };
    // The lab server serves the app too, so both runs start from the same page.
    let server = LabServer::start(&cli, &dist)?;
    browser.open_app(&server.url("/")).await?;
    // Every uncaught exception and console error of the page, recorded from here on: a lab run
    // must leave none behind (a listener whose closure the app had dropped used to throw
    // "closure invoked recursively or after being dropped" on the worker's next message).
    browser
        .eval(
            "window.__errors = [];
             addEventListener('error', e => window.__errors.push('error: ' + e.message));
             addEventListener('unhandledrejection', e => window.__errors.push('rejection: ' + e.reason));
             const original = console.error;
             console.error = (...args) => { window.__errors.push('console: ' + args.join(' ')); original.apply(console, args); };
             return true;",
        )
        .await?;
    let mut failures = Vec::new();
    let mut gaps = Vec::new();
    let mut ran = 0;
    for entry in catalog::catalog() {
        let id = entry.id;
        let exchange = simulate(&entry.scenario).unwrap_or_else(|e| panic!("{id}: {e:?}"));
        browser
            .click(&format!(r#".gallery-item[data-id="{id}"]"#))
            .await?;
        browser
            .wait_for_text("#explanation", entry.title, |t| t.contains(entry.title))
            .await?;
        if id.starts_with("preflight-") {
            let lab = browser.text_of("#lab").await?;
            if !lab.contains("before any CORS preflight") {
                failures.push(format!(
                    "{id}: no explanation of why a preflight cannot run: {lab}"
                ));
            }
            continue;
        }
        let worker = run(&browser, "#lab-run").await?;
        ran += 1;
        if worker.text.contains("could not run") {
            failures.push(format!("{id}: {}", worker.text));
            continue;
        }
        failures.extend(named_truly(engine, &worker).map(|p| format!("{id}: {p}")));
        for (check, row) in &worker.rows {
            if row.verdict == "mismatch" {
                failures.push(format!(
                    "{id}: `{check}`: predicted {}, this browser {}",
                    row.predicted, row.actual
                ));
            }
            if row.verdict == "gap" {
                gaps.push(format!("{id}: {check}"));
            }
        }
        let r = &exchange.response;
        if status::is_null_body_status(r.status) && !r.body.is_empty() {
            // The worker refuses to build this answer, which is the lesson; there are no
            // client checks to hold against the network.
            let refusal = browser.text_of("#lab-refusal").await?;
            if !refusal.contains("TypeError") {
                failures.push(format!(
                    "{id}: expected the browser's refusal, got {refusal}"
                ));
            }
            continue;
        }
        let network = run(&browser, "#lab-run-native").await?;
        if network.text.contains("could not run") || !network.text.contains("native lab server") {
            failures.push(format!(
                "{id}: the run against the lab server: {}",
                network.text
            ));
            continue;
        }
        failures.extend(gap_disagreements(engine, id, &exchange, &worker, &network));
    }
    let errors = browser.eval("return window.__errors;").await?;
    let errors: Vec<&str> = errors
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if !errors.is_empty() {
        let mut distinct = errors.clone();
        distinct.dedup();
        failures.push(format!(
            "the page reported {} errors during the runs, first {:?}",
            errors.len(),
            distinct.iter().take(3).collect::<Vec<_>>()
        ));
    }
    browser.close().await;
    println!("{engine}: {ran} scenarios ran; gaps shown: {gaps:#?}");
    assert!(ran >= 14, "only {ran} scenarios ran");
    assert!(
        failures.is_empty(),
        "{engine}: the lab's results, the network's and the listed gaps disagree:\n{}",
        failures.join("\n")
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_catalog_scenario_matches_or_is_a_listed_gap_in_chromium() -> Result<(), Error> {
    nocontent_e2e::once_more_if_hung(
        "every_catalog_scenario_matches_or_is_a_listed_gap_in",
        || every_catalog_scenario_matches_or_is_a_listed_gap_in(Engine::Chromium),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn every_catalog_scenario_matches_or_is_a_listed_gap_in_firefox() -> Result<(), Error> {
    nocontent_e2e::once_more_if_hung(
        "every_catalog_scenario_matches_or_is_a_listed_gap_in",
        || every_catalog_scenario_matches_or_is_a_listed_gap_in(Engine::Firefox),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn every_catalog_scenario_matches_or_is_a_listed_gap_in_webkit() -> Result<(), Error> {
    nocontent_e2e::once_more_if_hung(
        "every_catalog_scenario_matches_or_is_a_listed_gap_in",
        || every_catalog_scenario_matches_or_is_a_listed_gap_in(Engine::Webkit),
    )
    .await
}
