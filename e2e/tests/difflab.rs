//! A short differential lab in each real engine, on a fixed seed: random valid scenarios sent
//! byte for byte, every probe run, every field compared with the engine crate's claim for that
//! engine. Any field off the prediction, or any harness problem, fails the test, with the
//! lab's report (one example per field). `cargo xtask difflab` runs the long form.
//!
//! A missing browser skips its test with a printed reason, unless
//! `NOCONTENT_REQUIRE_BROWSERS=1` makes it a failure.

use nocontent_e2e::difflab::{self, Options};
use nocontent_e2e::{need, Engine, Error, Installed};

/// The seed and size of the lab each test runs (measured: the three together take about
/// five minutes on two cores).
const SEED: u64 = 11;
const N: usize = 12;

async fn lab(engine: Engine) -> Result<(), Error> {
    let test = format!("the difflab test in {}", engine.product());
    if need::or_skip(&test, Installed::locate(engine))?.is_none() {
        return Ok(());
    }
    let report = difflab::run(&Options {
        engine,
        n: N,
        seed: SEED,
        verbose: false,
        only: None,
    })
    .await?;
    println!(
        "{}: seed {SEED}: {} of {N} scenarios fully predicted",
        report.version.label,
        report.fully_predicted()
    );
    assert!(
        report.fully_predicted() == N && report.problems.is_empty(),
        "{}",
        report.markdown()
    );
    Ok(())
}

/// One engine at a time: the tests of this file share two cores, and timing bounds (a body
/// that has not ended after two seconds counts as pending) must not depend on what else runs.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread")]
async fn chromium() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().await;
    lab(Engine::Chromium).await
}

#[tokio::test(flavor = "multi_thread")]
async fn firefox() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().await;
    lab(Engine::Firefox).await
}

#[tokio::test(flavor = "multi_thread")]
async fn webkit() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().await;
    lab(Engine::Webkit).await
}
