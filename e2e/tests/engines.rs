//! The harness in each real engine: a session starts, reports its version, runs the page
//! object and a probe, and leaves no process behind. A missing browser skips its test with a
//! printed reason, unless `NOCONTENT_REQUIRE_BROWSERS=1` makes it a failure.

use nocontent_e2e::observe::{self, FetchFate, Runner, Servers};
use nocontent_e2e::serve::StaticServer;
use nocontent_e2e::session::start_or_skip;
use nocontent_e2e::{Engine, Error};

const PAGE: &str = r#"<!doctype html><meta charset="utf-8"><title>harness</title>
<input id="name" value="">
<button id="go" onclick="document.getElementById('out').textContent = 'hello ' + document.getElementById('name').value">go</button>
<p id="out">waiting</p>"#;

/// The page object against the static server, then the fetch probe against the raw server.
async fn page_object_and_a_probe(engine: Engine) -> Result<(), Error> {
    let Some(browser) = start_or_skip(engine, "the harness test").await? else {
        return Ok(());
    };
    assert!(
        browser.version.label.starts_with(engine.product()),
        "{} is not {}",
        browser.version.label,
        engine.product()
    );
    let dir = tempfile::tempdir().map_err(|e| Error::new(e.to_string()))?;
    std::fs::write(dir.path().join("index.html"), PAGE).map_err(|e| Error::new(e.to_string()))?;
    let files = StaticServer::with_mount(dir.path().to_path_buf(), "/")?;
    browser.goto(&files.url("/")).await?;
    browser.type_into("#name", "Ada", true).await?;
    assert_eq!(browser.value_of("#name").await?, "Ada");
    browser.click("#go").await?;
    let text = browser
        .wait_for_text("#out", "the greeting", |t| t.starts_with("hello"))
        .await?;
    assert_eq!(text, "hello Ada");
    browser.assert_no_dialog("after the click").await?;

    let cases = observe::catalog_cases(Some("delete-204"))?;
    let servers = Servers::start(&cases);
    let runner = Runner {
        browser: &browser,
        servers: &servers,
        verbose: false,
    };
    let mut obs = observe::Observation::default();
    runner.fetch(&cases[0], &mut obs).await?;
    assert!(obs.problems.is_empty(), "{:?}", obs.problems);
    match obs.fetch.map(|f| f.fate) {
        Some(FetchFate::Resolved(r)) => assert_eq!(r.status, 204),
        other => panic!("fetch of a DELETE answered 204 did not resolve: {other:?}"),
    }
    // Dropped, not closed, as when a test panics: every process it started must go.
    let groups = browser.process_groups();
    drop(browser);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while groups
        .iter()
        .any(|g| nocontent_e2e::process::group_alive(*g))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "processes of {groups:?} outlived their session"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn chromium() -> Result<(), Error> {
    page_object_and_a_probe(Engine::Chromium).await
}

#[tokio::test(flavor = "multi_thread")]
async fn firefox() -> Result<(), Error> {
    page_object_and_a_probe(Engine::Firefox).await
}

#[tokio::test(flavor = "multi_thread")]
async fn webkit() -> Result<(), Error> {
    page_object_and_a_probe(Engine::Webkit).await
}
