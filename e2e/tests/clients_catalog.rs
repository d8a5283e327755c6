//! The engine's client model against the real clients, for every catalog scenario: curl,
//! Node's fetch and http, axios, requests and httpx each meet the scenario's exact bytes from
//! the raw server, and the result, connection reuse, follow-up and JSON read must be what
//! `nocontent_engine::clients` predicts, with no mismatch. Without the installed clients the
//! test prints why and passes, unless `NOCONTENT_REQUIRE_BROWSERS=1` (set by `cargo xtask
//! test`) makes that a failure.

use nocontent_e2e::clients::driver::Tools;
use nocontent_e2e::clients::{compare, runner, ClientId, ClientsFile};
use nocontent_e2e::raw::{RawServer, Reply};
use nocontent_e2e::{need, observe};

/// A call still running after this long is pending; above httpx's own 5 s timeout, so that
/// httpx's timeout is what it reports.
const PENDING_MS: u64 = 6000;

#[test]
fn every_catalog_scenario_is_predicted_for_every_client() {
    let Some(tools) = need::or_skip("the client catalog", Tools::locate()).unwrap() else {
        return;
    };
    let cases = observe::catalog_cases(None).unwrap();
    let server = RawServer::start();
    let scenarios = runner::run_all(
        &server,
        &tools,
        &cases,
        &ClientId::ALL,
        PENDING_MS,
        2,
        false,
    );
    let file = ClientsFile {
        measured: String::new(),
        pending_ms: PENDING_MS,
        versions: Vec::new(),
        scenarios,
    };
    let comparison = compare::compare(&file);
    println!("{}", comparison.summary());
    assert_eq!(comparison.driver_failures, 0, "{}", comparison.summary());
    for (client, tally) in &comparison.tally {
        assert_eq!(tally.compared, cases.len(), "{client:?}");
    }
    assert!(comparison.is_clean(), "{}", comparison.summary());
}

/// The follow-up response the model quotes (httpx reads it after leftover bytes) is the one
/// the raw server sends.
#[test]
fn the_models_follow_up_is_the_raw_servers() {
    let ok = Reply::framed(
        "200 OK",
        &[("Content-Type", "text/plain")],
        nocontent_e2e::raw::OK_BODY,
    );
    assert_eq!(
        String::from_utf8(ok.bytes).unwrap(),
        nocontent_engine::clients::NEXT_RESPONSE
    );
}
