//! The built app loads in a real browser and renders its first view.

use nocontent_e2e::{App, Engine, Error};

async fn renders_the_empty_playground(engine: Engine) -> Result<(), Error> {
    let Some(app) = App::start(engine, "wasm_app_renders_the_empty_playground").await? else {
        return Ok(());
    };
    let browser = &app.browser;
    browser.goto(&app.url("/")).await?;

    // index.html ships only an empty <main id="app">: this heading exists only once the
    // wasm module has loaded and Yew has rendered.
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
