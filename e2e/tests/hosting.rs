//! Static hosting: `cargo xtask dist` output served by `python3 -m http.server` under a
//! sub-path loads and works, with its Content-Security-Policy in force and never violated.

use nocontent_e2e::fixture::{copy_dir, temp_dir, write};
use nocontent_e2e::hosts::PythonServer;
use nocontent_e2e::serve::StaticServer;
use nocontent_e2e::session::start_or_skip;
use nocontent_e2e::{need, Engine, Error};
use serde_json::Value;

/// Records every Content-Security-Policy violation of the page it is loaded into.
const PROBE: &str = "window.__csp = [];\n\
document.addEventListener('securitypolicyviolation', function (e) {\n\
  window.__csp.push(e.effectiveDirective + ' ' + (e.blockedURI || 'inline'));\n\
});\n";

fn the_built_page_carries_a_strict_content_security_policy_in() -> Result<(), Error> {
    let test = "the_built_page_carries_a_strict_content_security_policy";
    let Some(dist) = need::or_skip(test, need::dist())? else {
        return Ok(());
    };
    let html = std::fs::read_to_string(dist.join("index.html")).expect("dist/index.html");
    let start = html
        .find("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .expect("a CSP meta tag in dist/index.html");
    let policy = &html[start..];
    let policy = &policy[..policy.find("\">").expect("the end of the meta tag")];
    assert!(
        start < html.find("<script").expect("the loader script"),
        "the policy must come before any script"
    );
    for needed in [
        "default-src 'self'",
        "'wasm-unsafe-eval'",
        "'sha256-",
        "style-src 'self'",
        "worker-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
    ] {
        assert!(policy.contains(needed), "missing {needed}: {policy}");
    }
    for forbidden in ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"] {
        assert!(!policy.contains(forbidden), "has {forbidden}: {policy}");
    }
    // Every URL in the page is relative, so the folder works from any path.
    for absolute in ["href=\"/", "src=\"/", "from '/", "module_or_path: '/"] {
        assert!(
            !html.contains(absolute),
            "an absolute URL ({absolute}…) in {html}"
        );
    }
    Ok(())
}

#[test]
fn the_built_page_carries_a_strict_content_security_policy() -> Result<(), Error> {
    the_built_page_carries_a_strict_content_security_policy_in()
}

async fn dist_served_by_python_under_a_sub_path_works_under_its_csp_in(
    engine: Engine,
) -> Result<(), Error> {
    let test = "dist_served_by_python_under_a_sub_path_works_under_its_csp";
    let Some(dist) = need::or_skip(test, need::dist())? else {
        return Ok(());
    };
    let Some(python) = need::or_skip(test, need::program("python3"))? else {
        return Ok(());
    };
    let Some(browser) = start_or_skip(engine, test).await? else {
        return Ok(());
    };
    // /tools/nocontent/ inside the folder python serves; the probe and a deliberate inline
    // script are added to this copy only, right after the policy.
    let root = temp_dir("subpath")?;
    let app = root.path().join("tools").join("nocontent");
    copy_dir(&dist, &app)?;
    write(&app.join("csp-probe.js"), PROBE)?;
    let index = std::fs::read_to_string(app.join("index.html")).expect("index.html");
    let policy_end = index
        .find("object-src 'none'\">")
        .map(|i| i + "object-src 'none'\">".len())
        .expect("the policy ends with object-src");
    let index = format!(
        "{}\n<script src=\"./csp-probe.js\"></script><script>window.__inlineRan = true;</script>{}",
        &index[..policy_end],
        &index[policy_end..]
    );
    write(&app.join("index.html"), index)?;

    let server = PythonServer::start(&python, root.path())?;
    browser.open_app(&server.url("/tools/nocontent/")).await?;
    // The app works: a gallery scenario loads, the theme toggles, a link can be copied.
    browser
        .click(r#".gallery-item[data-id="keepalive-204-body"]"#)
        .await?;
    browser
        .wait_for_text("#wire", "the gallery scenario", |t| t.ends_with("hello"))
        .await?;
    browser.click("#theme").await?;
    browser.click("#copy-link").await?;
    browser
        .wait_for_eval(
            "return document.querySelector('#share-text')?.value ?? '';",
            "a copied link",
            |v| {
                v.as_str()
                    .is_some_and(|s| s.starts_with(&server.url("/tools/nocontent/#2.")))
            },
        )
        .await?;
    // Every file came from below the sub-path.
    let resources = browser
        .eval("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname);")
        .await?;
    let resources: Vec<&str> = resources
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        resources.iter().any(|p| p.ends_with(".wasm")),
        "{resources:?}"
    );
    for path in &resources {
        assert!(
            path.starts_with("/tools/nocontent/"),
            "{path} in {resources:?}"
        );
    }
    // The policy is in force (the deliberate inline script was blocked) and the app itself
    // violated nothing: the only report is that script.
    assert_eq!(
        browser
            .eval("return window.__inlineRan === undefined;")
            .await?,
        Value::Bool(true)
    );
    let violations = browser.eval("return window.__csp;").await?;
    assert_eq!(
        violations,
        serde_json::json!(["script-src-elem inline"]),
        "CSP violations: {violations}"
    );

    // The embed view works under the sub-path too.
    browser
        .goto(&server.url("/tools/nocontent/?embed&panels=response"))
        .await?;
    browser
        .wait_for_text("#status-line", "the embed's first render", |t| {
            t.contains("204")
        })
        .await?;
    assert_eq!(
        browser.eval("return window.__csp;").await?,
        serde_json::json!(["script-src-elem inline"])
    );
    browser.close().await;
    drop(server);
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn dist_served_by_python_under_a_sub_path_works_under_its_csp() -> Result<(), Error> {
    dist_served_by_python_under_a_sub_path_works_under_its_csp_in(Engine::Chromium).await
}

async fn the_app_starts_when_the_host_serves_wasm_with_another_type_in(
    engine: Engine,
) -> Result<(), Error> {
    let test = "the_app_starts_when_the_host_serves_wasm_with_another_type";
    let Some(dist) = need::or_skip(test, need::dist())? else {
        return Ok(());
    };
    let Some(browser) = start_or_skip(engine, test).await? else {
        return Ok(());
    };
    let server = StaticServer::tweaked(dist, |path| {
        if path.ends_with(".wasm") {
            vec![("Content-Type", "application/octet-stream")]
        } else {
            Vec::new()
        }
    })?;
    browser.open_app(&server.url("/")).await?;
    let served = browser
        .eval_async(
            "var done = arguments[arguments.length - 1];\
             var wasm = performance.getEntriesByType('resource').map(e => e.name).find(n => n.endsWith('.wasm'));\
             fetch(wasm).then(r => done(r.headers.get('content-type')));",
            vec![],
        )
        .await?;
    assert_eq!(served, serde_json::json!("application/octet-stream"));
    browser.close().await;
    Ok(())
}

/// docs/security.md: with another type than `application/wasm` the app still starts, through
/// wasm-bindgen's fallback, which says why in the console.
#[tokio::test(flavor = "multi_thread")]
async fn the_app_starts_when_the_host_serves_wasm_with_another_type() -> Result<(), Error> {
    the_app_starts_when_the_host_serves_wasm_with_another_type_in(Engine::Chromium).await
}

async fn clear_site_data_removes_the_lab_worker_in(engine: Engine) -> Result<(), Error> {
    let test = "clear_site_data_removes_the_lab_worker";
    let Some(dist) = need::or_skip(test, need::dist())? else {
        return Ok(());
    };
    let Some(browser) = start_or_skip(engine, test).await? else {
        return Ok(());
    };
    let server = StaticServer::tweaked(dist, |path| {
        if path == "/clear" {
            vec![("Clear-Site-Data", "\"storage\"")]
        } else {
            Vec::new()
        }
    })?;
    browser.open_app(&server.url("/")).await?;
    let count = "var done = arguments[arguments.length - 1];\
        navigator.serviceWorker.getRegistrations().then(rs => done(rs.length));";
    assert_eq!(
        browser.eval_async(count, vec![]).await?,
        serde_json::json!(0)
    );
    browser.click("#lab-run").await?;
    browser
        .wait_for_text("#lab", "a finished run", |t| t.contains("checks match"))
        .await?;
    assert_eq!(
        browser.eval_async(count, vec![]).await?,
        serde_json::json!(1)
    );
    browser.goto(&server.url("/clear")).await?;
    browser.open_app(&server.url("/")).await?;
    assert_eq!(
        browser.eval_async(count, vec![]).await?,
        serde_json::json!(0),
        "the lab worker survived Clear-Site-Data"
    );
    browser.close().await;
    Ok(())
}

/// docs/security.md: `Clear-Site-Data: "storage"` on a page of the app's origin removes the
/// lab's service worker that a run registered.
#[tokio::test(flavor = "multi_thread")]
async fn clear_site_data_removes_the_lab_worker() -> Result<(), Error> {
    clear_site_data_removes_the_lab_worker_in(Engine::Chromium).await
}
