//! The built app loads in headless Chromium and renders its first view.

mod support;

use support::{dist_dir, Browser, StaticServer};

#[tokio::test(flavor = "multi_thread")]
async fn wasm_app_renders_the_empty_playground() {
    let server = StaticServer::start(dist_dir(), "/");
    let browser = Browser::start().await;
    browser.goto(&server.url("/")).await;

    // index.html ships only an empty <main id="app">: this heading exists only once the
    // wasm module has loaded and Yew has rendered.
    let brand = browser.text_of("#app h1.brand").await;
    assert_eq!(brand, "nocontent");
    let tagline = browser.text_of("#app .tagline").await;
    assert!(tagline.contains("204"), "tagline: {tagline}");
    for (id, title) in [
        ("request", "Request"),
        ("answer", "Server answer"),
        ("response", "Response"),
        ("browser", "Browser outcomes & notes"),
    ] {
        let heading = browser.text_of(&format!("#{id} h2")).await;
        assert_eq!(heading, title);
    }
    browser.close().await;
}
