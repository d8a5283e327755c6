//! Every catalog scenario replayed byte for byte in each real engine through the harness, and
//! compared field by field, through the typed comparer (`compare::compare`), with the engine
//! crate's column for that engine: no field may differ, and the harness may report no problem
//! (a request not sent as composed, a failed control). A missing browser skips its test with a
//! printed reason, unless `NOCONTENT_REQUIRE_BROWSERS=1` makes it a failure.

use nocontent_e2e::observe::{self, Run};
use nocontent_e2e::session::start_or_skip;
use nocontent_e2e::{Engine, Error, Installed};

/// Every field of `run` that differs from the prediction, as one line each.
fn mismatches(run: &Run) -> Vec<String> {
    run.observations
        .iter()
        .flat_map(|o| {
            o.compared
                .iter()
                .filter(|c| !c.not_measured() && !c.matches_prediction())
                .map(move |c| {
                    format!(
                        "{}: {}: predicted {}, observed {}",
                        o.id,
                        c.field,
                        c.predicted.clone().unwrap_or_default(),
                        c.observed
                    )
                })
        })
        .collect()
}

async fn replay(engine: Engine) -> Result<(), Error> {
    let Some(browser) = start_or_skip(engine, "the catalog replay").await? else {
        return Ok(());
    };
    let installed = Installed::locate(engine)?;
    let mut cases = vec![observe::control_case()?];
    cases.extend(observe::catalog_cases(None)?);
    let run = observe::run(&browser, &installed, &cases, false).await;
    browser.close().await;
    let compared: usize = run.observations.iter().map(|o| o.compared.len()).sum();
    let off = mismatches(&run);
    let problems: Vec<String> = run
        .problems
        .iter()
        .cloned()
        .chain(
            run.observations
                .iter()
                .flat_map(|o| o.problems.iter().map(move |p| format!("{}: {p}", o.id))),
        )
        .collect();
    println!(
        "{}: {} scenarios, {compared} comparisons, {} off the prediction, {} harness problems",
        run.version.label,
        run.observations.len(),
        off.len(),
        problems.len()
    );
    assert!(
        compared > 500,
        "only {compared} comparisons: the probes did not run"
    );
    assert!(
        off.is_empty() && problems.is_empty(),
        "{} replay: {} fields off the prediction:\n{}\nharness problems:\n{}",
        run.version.label,
        off.len(),
        off.join("\n"),
        problems.join("\n")
    );
    Ok(())
}

/// One engine at a time: the tests of this file share two cores, and timing bounds (a body
/// that has not ended after two seconds counts as pending) must not depend on what else runs.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread")]
async fn chromium() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().await;
    replay(Engine::Chromium).await
}

#[tokio::test(flavor = "multi_thread")]
async fn firefox() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().await;
    replay(Engine::Firefox).await
}

#[tokio::test(flavor = "multi_thread")]
async fn webkit() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().await;
    replay(Engine::Webkit).await
}
