//! The live lab in a real browser: for every catalog scenario a service worker can
//! produce, the real results equal the engine's Chromium prediction; for those it cannot,
//! the lab shows the refusal (or says why it cannot run).

use nocontent_e2e::hosts::LabServer;
use nocontent_e2e::session::start_or_skip;
use nocontent_e2e::{need, App, Engine, Error};
use nocontent_engine::{catalog, simulate, status};

async fn every_catalog_scenario_runs_live_and_matches_or_is_refused_in(
    engine: Engine,
) -> Result<(), Error> {
    let test = "every_catalog_scenario_runs_live_and_matches_or_is_refused";
    let Some(app) = App::open(engine, test).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    let mut failures = Vec::new();
    let mut ran = 0;
    for entry in catalog::catalog() {
        let exchange = simulate(&entry.scenario).unwrap_or_else(|e| panic!("{}: {e:?}", entry.id));
        browser
            .click(&format!(r#".gallery-item[data-id="{}"]"#, entry.id))
            .await?;
        browser
            .wait_for_text("#explanation", entry.title, |t| t.contains(entry.title))
            .await?;
        if entry.id.starts_with("preflight-") {
            let lab = browser.text_of("#lab").await?;
            if !lab.contains("before any CORS preflight") {
                failures.push(format!(
                    "{}: no explanation of why a preflight cannot run: {lab}",
                    entry.id
                ));
            }
            continue;
        }
        browser.click("#lab-run").await?;
        let result = browser
            .wait_for_text("#lab", "a finished run", |t| {
                t.contains("checks match")
                    || t.contains("check matches")
                    || t.contains("checks differ")
                    || t.contains("could not run")
            })
            .await?;
        ran += 1;
        let r = &exchange.response;
        let refusal_expected = status::is_null_body_status(r.status) && !r.body.is_empty();
        if result.contains("could not run") {
            failures.push(format!("{}: {result}", entry.id));
            continue;
        }
        if !result.contains("Headless Chrome/Chromium") {
            failures.push(format!("{}: the browser is not named: {result}", entry.id));
        }
        if refusal_expected {
            let refusal = browser.text_of("#lab-refusal").await?;
            if !refusal.contains("TypeError") || !refusal.contains("null body status") {
                failures.push(format!(
                    "{}: expected the browser's refusal, got {refusal}",
                    entry.id
                ));
            }
        }
        let summary = browser.text_of("#lab-summary").await?;
        // A refused response has a single check: that the service worker refuses it.
        if !(summary.contains("checks match") || summary.contains("check matches")) {
            let table = browser.text_of("#lab-result table").await?;
            failures.push(format!("{}: {summary}\n{table}", entry.id));
        }
    }
    assert!(ran >= 14, "only {ran} scenarios ran");
    assert!(
        failures.is_empty(),
        "live results differ from the prediction:\n{}",
        failures.join("\n\n")
    );
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_catalog_scenario_runs_live_and_matches_or_is_refused() -> Result<(), Error> {
    every_catalog_scenario_runs_live_and_matches_or_is_refused_in(Engine::Chromium).await
}

async fn byte_exact_runs_against_the_native_lab_server_match_the_prediction_in(
    engine: Engine,
) -> Result<(), Error> {
    let test = "byte_exact_runs_against_the_native_lab_server_match_the_prediction";
    let Some(dist) = need::or_skip(test, need::dist())? else {
        return Ok(());
    };
    let Some(cli) = need::or_skip(test, need::cli())? else {
        return Ok(());
    };
    let Some(browser) = start_or_skip(engine, test).await? else {
        return Ok(());
    };
    // The lab server, started from the `nocontent` binary that `cargo xtask test` built.
    let server = LabServer::start(&cli, &dist)?;
    browser.open_app(&server.url("/")).await?;
    // The 204 with a body: a service worker refuses to build it; the lab server sends it.
    for id in [
        "keepalive-204-body",
        "reset-205-no-length",
        "delete-200-empty-object",
    ] {
        browser
            .click(&format!(r#".gallery-item[data-id="{id}"]"#))
            .await?;
        browser
            .wait_for_text("#explanation", id, |t| !t.is_empty())
            .await?;
        browser.click("#lab-run-native").await?;
        let summary = browser
            .wait_for_text("#lab", "a finished run", |t| {
                t.contains("checks match")
                    || t.contains("check matches")
                    || t.contains("checks differ")
                    || t.contains("could not run")
            })
            .await?;
        let table = browser.text_of("#lab").await?;
        assert!(
            summary.contains("checks match the prediction"),
            "{id}: {table}"
        );
        assert!(table.contains("fetch: status"), "{id}: {table}");
    }
    browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn byte_exact_runs_against_the_native_lab_server_match_the_prediction() -> Result<(), Error> {
    byte_exact_runs_against_the_native_lab_server_match_the_prediction_in(Engine::Chromium).await
}
