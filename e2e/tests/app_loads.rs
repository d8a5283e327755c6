//! The built app loads in a real browser and renders its first view.

use nocontent_e2e::serve::StaticServer;
use nocontent_e2e::{fixture, App, Engine, Error};
use serde_json::json;

async fn renders_the_empty_playground(engine: Engine) -> Result<(), Error> {
    let Some(app) = App::start(engine, "wasm_app_renders_the_empty_playground").await? else {
        return Ok(());
    };
    let browser = &app.browser;
    browser.goto(&app.url("/")).await?;

    // index.html carries a prerendered first view; the app's own render replaces it.
    browser.wait_for_app().await?;
    let brand = browser.text_of("#app h1.brand").await?;
    assert_eq!(brand, "nocontent");
    let tagline = browser.text_of("#app .tagline").await?;
    assert!(tagline.contains("204"), "tagline: {tagline}");
    for (id, title) in [
        ("request", "Request"),
        ("answer", "Server answer"),
        ("response", "Response"),
        ("browser", "Browser outcomes & notes"),
    ] {
        let heading = browser.text_of(&format!("#{id} h2")).await?;
        assert_eq!(heading, title);
    }
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn wasm_app_renders_the_empty_playground() -> Result<(), Error> {
    renders_the_empty_playground(Engine::Chromium).await
}

/// The same app without its wasm file: what a visitor sees before the wasm has arrived.
fn without_wasm(app: &App) -> Result<(tempfile::TempDir, StaticServer), Error> {
    let copy = fixture::temp_dir("no-wasm")?;
    fixture::copy_dir(&app.dist, copy.path())?;
    for entry in std::fs::read_dir(copy.path()).map_err(|e| Error::new(e.to_string()))? {
        let path = entry.map_err(|e| Error::new(e.to_string()))?.path();
        if path.extension().is_some_and(|e| e == "wasm") {
            std::fs::remove_file(&path).map_err(|e| Error::new(e.to_string()))?;
        }
    }
    let server = StaticServer::with_mount(copy.path().to_path_buf(), "/")?;
    Ok((copy, server))
}

/// What is visible of the prerendered view: its status line and whether its regions show.
const SEEN: &str = "var pre = document.querySelector('[data-prerendered]');\
 var regions = pre && pre.querySelector('.regions');\
 return { prerendered: !!pre,\
   status: pre ? (pre.querySelector('#status-line') || {}).textContent || '' : '',\
   regions: regions ? getComputedStyle(regions).visibility : 'none',\
   whole: pre ? getComputedStyle(pre).visibility : 'none',\
   gallery: pre ? getComputedStyle(pre.querySelector('#gallery')).visibility : 'none',\
   card: pre && pre.querySelector('#explanation') ? getComputedStyle(pre.querySelector('#explanation')).visibility : 'none',\
   chosen: pre && pre.querySelector('.gallery-item[aria-pressed=true]') ? getComputedStyle(pre.querySelector('.gallery-item[aria-pressed=true]')).backgroundColor : 'none',\
   plain: pre ? getComputedStyle(pre.querySelector('.gallery-item[aria-pressed=false]')).backgroundColor : 'none',\
   shells: document.querySelectorAll('.shell').length };";

async fn paints_its_first_view_without_the_wasm(engine: Engine) -> Result<(), Error> {
    let Some(app) = App::start(engine, "the_first_view_paints_before_the_wasm_arrives").await?
    else {
        return Ok(());
    };
    let browser = &app.browser;
    let (_copy, bare) = without_wasm(&app)?;

    // The default first view is real content from index.html alone.
    browser.goto(&bare.url("/")).await?;
    let seen = browser
        .wait_for_eval(SEEN, "the prerendered view", |v| {
            v["prerendered"] == json!(true)
        })
        .await?;
    assert!(
        seen["status"]
            .as_str()
            .unwrap_or("")
            .contains("204 No Content"),
        "{seen}"
    );
    assert_eq!(seen["regions"], json!("visible"), "{seen}");
    // The default scenario is a gallery entry, so its card shows and its entry is chosen.
    assert_eq!(seen["card"], json!("visible"), "{seen}");
    assert_ne!(seen["chosen"], seen["plain"], "{seen}");

    // A link names another scenario: what it changes stays hidden until the app has it,
    // while the masthead and the gallery paint.
    let mut linked = nocontent_engine::Scenario::default();
    linked.answer.status = 205;
    let fragment = nocontent::permalink::encode(&linked);
    browser
        .open_fresh(&bare.url(&format!("/#{fragment}")))
        .await?;
    let seen = browser.eval(SEEN).await?;
    assert_eq!(
        (&seen["regions"], &seen["gallery"], &seen["card"]),
        (&json!("hidden"), &json!("visible"), &json!("hidden")),
        "{seen}"
    );
    // Nor is the default's gallery entry marked as chosen while the link loads.
    assert_eq!(seen["chosen"], seen["plain"], "{seen}");
    browser
        .open_fresh(&bare.url(&format!("/?embed#{fragment}")))
        .await?;
    assert_eq!(browser.eval(SEEN).await?["whole"], json!("hidden"));

    // With the wasm, the app replaces the prerendered view with the linked scenario.
    browser
        .open_fresh(&app.url(&format!("/#{fragment}")))
        .await?;
    browser.wait_for_app().await?;
    let status = browser.text_of("#status-line").await?;
    assert!(status.contains("205 Reset Content"), "{status}");
    let seen = browser.eval(SEEN).await?;
    assert_eq!(
        (&seen["prerendered"], &seen["shells"]),
        (&json!(false), &json!(1)),
        "{seen}"
    );
    let pending = browser
        .eval("return document.documentElement.className;")
        .await?;
    assert_eq!(pending, json!(""), "the boot script's classes must be gone");
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_view_paints_before_the_wasm_arrives() -> Result<(), Error> {
    paints_its_first_view_without_the_wasm(Engine::Chromium).await
}
