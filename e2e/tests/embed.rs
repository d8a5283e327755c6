//! Embeds and permalinks in a real browser: a host page on another origin embeds a
//! scenario and gets resized, embed options, the copy buttons, the 2,000-character limit, and
//! hostile links that must show an error and the default scenario without running any script.

use base64::Engine as _;
use nocontent_e2e::fixture::{copy_dir, temp_dir, write};
use nocontent_e2e::serve::StaticServer;
use nocontent_e2e::session::start_or_skip;
use nocontent_e2e::{need, App, Engine, Error};
use nocontent_engine::Scenario;
use serde_json::Value;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The app opened at `path` (which may show any status), once it has rendered.
async fn open(engine: Engine, test: &str, path: &str) -> Result<Option<App>, Error> {
    let Some(app) = App::start(engine, test).await? else {
        return Ok(None);
    };
    app.browser.goto(&app.url(path)).await?;
    app.browser
        .wait_for_text("#status-line", "the first render", |t| {
            t.contains("HTTP/1.1")
        })
        .await?;
    Ok(Some(app))
}

fn v1(json: &str) -> String {
    format!("1.{}", B64.encode(json))
}

fn v2(raw: &[u8]) -> String {
    format!(
        "2.{}",
        B64.encode(miniz_oxide::deflate::compress_to_vec(raw, 9))
    )
}

/// Text that does not compress, from a fixed generator.
fn noise(len: usize, seed: u64) -> String {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            char::from(b'0' + (x >> 58) as u8)
        })
        .collect()
}

fn style_height(value: &Value) -> Option<u32> {
    value.as_str()?.strip_suffix("px")?.parse().ok()
}

async fn a_host_page_on_another_origin_embeds_a_scenario_and_resizes_it_in(
    engine: Engine,
) -> Result<(), Error> {
    let test = "a_host_page_on_another_origin_embeds_a_scenario_and_resizes_it";
    let Some(dist) = need::or_skip(test, need::dist())? else {
        return Ok(());
    };
    let Some(browser) = start_or_skip(engine, test).await? else {
        return Ok(());
    };
    // The app's origin also serves a page that claims an absurd height.
    let app_dir = temp_dir("embed-app")?;
    copy_dir(&dist, app_dir.path())?;
    write(
        &app_dir.path().join("tall.html"),
        "<!doctype html><title>tall</title><script src=\"tall.js\"></script>",
    )?;
    write(
        &app_dir.path().join("tall.js"),
        "parent.postMessage({type: 'nocontent:height', height: 99999}, '*');",
    )?;
    let app = StaticServer::with_mount(app_dir.path().to_path_buf(), "/")?;

    let mut scenario = Scenario::default();
    scenario.request.method = "HEAD".into();
    scenario.answer.status = 205;
    let fragment = nocontent::permalink::share(&scenario).expect("a short link");
    let host_dir = temp_dir("embed-host")?;
    std::fs::copy(
        dist.join("embed-host.js"),
        host_dir.path().join("embed-host.js"),
    )
    .expect("dist/ ships embed-host.js");
    let a = app.url("/");
    let host_page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>docs</title>\
         <script src=\"embed-host.js\"></script><script src=\"embed-host.js\"></script></head><body>\
         <h1>Some documentation</h1>\
         <iframe id=\"embed\" data-nocontent title=\"nocontent\" width=\"900\" height=\"150\" \
           sandbox=\"allow-scripts allow-same-origin\" \
           src=\"{a}?embed&amp;panels=response,browser&amp;readonly&amp;theme=dark#{fragment}\"></iframe>\
         <iframe id=\"tall\" data-nocontent title=\"tall\" height=\"100\" \
           sandbox=\"allow-scripts allow-same-origin\" src=\"{a}tall.html\"></iframe>\
         <iframe id=\"stranger\" title=\"not an embed\" height=\"100\" src=\"{a}tall.html\"></iframe>\
         </body></html>"
    );
    write(&host_dir.path().join("host.html"), host_page)?;
    // Another port is another origin.
    let host = StaticServer::with_mount(host_dir.path().to_path_buf(), "/")?;
    assert_ne!(host.port, app.port);

    browser.goto(&host.url("/host.html")).await?;
    let height = browser
        .wait_for_eval(
            "return document.getElementById('embed').style.height;",
            "the embed's height message",
            |v| style_height(v).is_some_and(|h| h > 150),
        )
        .await?;
    let height = style_height(&height).expect("a px height");
    assert!(height <= 4000, "{height}");
    // A height over the cap is capped; an iframe not marked as an embed is left alone.
    browser
        .wait_for_eval(
            "return document.getElementById('tall').style.height;",
            "the capped height",
            |v| v == "4000px",
        )
        .await?;
    // A message from a window that is not the iframe's is ignored; the marker posted after
    // it shows it was delivered (messages arrive in order). Every height the host sets is
    // recorded, because the embed keeps reporting its own (changing) height meanwhile.
    browser
        .eval(
            "window.__heights = [];\
             new MutationObserver(() => window.__heights.push(document.getElementById('embed').style.height))\
               .observe(document.getElementById('embed'), {attributes: true, attributeFilter: ['style']});\
             window.addEventListener('message', e => { if (e.data === 'marker') window.__marker = true; });\
             window.postMessage({type: 'nocontent:height', height: 321}, '*');\
             window.postMessage('marker', '*'); return true;",
        )
        .await?;
    browser
        .wait_for_eval("return window.__marker === true;", "the marker", |v| {
            v == &Value::Bool(true)
        })
        .await?;
    let heights = browser.eval("return window.__heights;").await?;
    assert!(
        heights
            .as_array()
            .is_some_and(|all| all.iter().all(|h| h != "321px")),
        "the forged height was applied: {heights}"
    );
    let now = browser
        .eval("return document.getElementById('embed').style.height;")
        .await?;
    assert!(
        style_height(&now).is_some_and(|h| h > 150 && h <= 4000),
        "{now}"
    );
    assert_eq!(
        browser
            .eval("return document.getElementById('stranger').style.height;")
            .await?,
        Value::from("")
    );

    // Inside the embed: the compact, read-only view of the linked scenario.
    browser.enter_frame("#embed").await?;
    let status = browser
        .wait_for_text("#status-line", "the linked scenario", |t| t.contains("205"))
        .await?;
    assert!(status.contains("205"), "{status}");
    let shape = browser
        .eval(
            "return {\
               theme: document.documentElement.dataset.theme,\
               request: !!document.getElementById('request'),\
               browser: !!document.getElementById('browser'),\
               gallery: !!document.querySelector('.gallery, .gallery-item'),\
               brand: !!document.querySelector('h1.brand'),\
               copy: !!document.getElementById('copy-link'),\
               open: document.getElementById('open-full').href,\
               target: document.getElementById('open-full').target,\
               rel: document.getElementById('open-full').rel,\
               bar: document.querySelector('.embed-title').textContent,\
             };",
        )
        .await?;
    assert_eq!(shape["theme"], "dark", "{shape}");
    assert_eq!(shape["request"], false, "{shape}");
    assert_eq!(shape["browser"], true, "{shape}");
    assert_eq!(shape["gallery"], false, "{shape}");
    assert_eq!(shape["brand"], false, "{shape}");
    assert_eq!(shape["copy"], false, "{shape}");
    assert_eq!(shape["target"], "_blank", "{shape}");
    assert!(
        shape["rel"]
            .as_str()
            .is_some_and(|r| r.contains("noopener")),
        "{shape}"
    );
    assert_eq!(shape["open"], format!("{a}#{fragment}"), "{shape}");
    assert!(
        shape["bar"]
            .as_str()
            .is_some_and(|t| t.contains("HEAD") && t.contains("205")),
        "{shape}"
    );
    browser.leave_frame().await?;
    browser.assert_no_dialog("embedding").await?;
    browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_host_page_on_another_origin_embeds_a_scenario_and_resizes_it() -> Result<(), Error> {
    a_host_page_on_another_origin_embeds_a_scenario_and_resizes_it_in(Engine::Chromium).await
}

async fn embed_options_choose_panels_and_read_only_or_editable_in(
    engine: Engine,
) -> Result<(), Error> {
    let test = "embed_options_choose_panels_and_read_only_or_editable";
    let Some(app) = open(engine, test, "/?embed&panels=request,answer,response").await? else {
        return Ok(());
    };
    let (server, browser) = (&app.server, &app.browser);
    let shape = browser
        .eval(
            "return {\
               regions: [...document.querySelectorAll('.region')].map(r => r.id),\
               disabled: [...document.querySelectorAll('#request input, #request select, #answer button')].every(e => e.matches(':disabled')),\
               controls: document.querySelectorAll('#request input, #answer button').length,\
             };",
        )
        .await?;
    assert_eq!(
        shape["regions"],
        serde_json::json!(["request", "answer", "response"]),
        "{shape}"
    );
    assert_eq!(shape["disabled"], true, "{shape}");
    assert!(shape["controls"].as_u64().unwrap_or(0) > 2, "{shape}");

    // Editable: the answer's status buttons work and the fragment follows.
    browser
        .goto(&server.url("/?embed&editable&panels=answer,response"))
        .await?;
    browser
        .wait_for_text("#status-line", "the editable embed", |t| t.contains("204"))
        .await?;
    browser
        .click(r#"#answer button[data-status="205"]"#)
        .await?;
    browser
        .wait_for_text("#wire", "the 205", |t| t.contains("205 Reset Content"))
        .await?;
    let hash = browser.eval("return location.hash;").await?;
    let hash = hash.as_str().unwrap_or_default().to_string();
    let scenario = nocontent::permalink::decode(&hash)
        .expect("a link the app wrote")
        .expect("a scenario");
    assert_eq!(scenario.answer.status, 205);
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn embed_options_choose_panels_and_read_only_or_editable() -> Result<(), Error> {
    embed_options_choose_panels_and_read_only_or_editable_in(Engine::Chromium).await
}

async fn copy_link_and_the_embed_builder_hand_out_working_links_in(
    engine: Engine,
) -> Result<(), Error> {
    let test = "copy_link_and_the_embed_builder_hand_out_working_links";
    let Some(app) = open(engine, test, "/").await? else {
        return Ok(());
    };
    let (server, browser) = (&app.server, &app.browser);
    browser
        .click(r#".gallery-item[data-id="keepalive-204-body"]"#)
        .await?;
    browser
        .wait_for_text("#wire", "the gallery scenario", |t| t.ends_with("hello"))
        .await?;
    browser.click("#copy-link").await?;
    let link = browser
        .wait_for_eval(
            "return document.querySelector('#share-text')?.value ?? '';",
            "the copied link",
            |v| {
                v.as_str()
                    .is_some_and(|s| s.starts_with(&server.url("/#2.")))
            },
        )
        .await?;
    let link = link.as_str().expect("text").to_string();
    assert!(link.len() < 2_100, "{link}");
    // The box is selected, and the status says copied or how to copy by hand.
    let status = browser
        .wait_for_text("#share-status", "the copy outcome", |t| {
            t == "Link copied." || t.contains("copy the link from the box below")
        })
        .await?;
    let selected = browser
        .eval("const t = document.querySelector('#share-text'); return t.selectionEnd - t.selectionStart;")
        .await?;
    assert_eq!(selected, Value::from(link.len()), "{status}");

    browser.click("#copy-embed").await?;
    let code = browser
        .wait_for_eval(
            "return document.querySelector('#embed-snippet')?.value ?? '';",
            "the embed code",
            |v| v.as_str().is_some_and(|s| s.starts_with("<iframe")),
        )
        .await?;
    let code = code.as_str().expect("text");
    assert!(
        code.contains(&format!(
            "src=\"{}?embed&amp;panels=response,browser",
            server.url("/")
        )) && code.contains("sandbox=\"allow-scripts allow-same-origin")
            && code.contains(&format!("<script src=\"{}embed-host.js\"", server.url("/"))),
        "{code}"
    );

    // The copied link opens the same scenario in a new page.
    browser.open_fresh(&link).await?;
    browser
        .wait_for_text("#wire", "the linked scenario", |t| t.ends_with("hello"))
        .await?;
    browser.assert_no_dialog("copying").await?;
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn copy_link_and_the_embed_builder_hand_out_working_links() -> Result<(), Error> {
    copy_link_and_the_embed_builder_hand_out_working_links_in(Engine::Chromium).await
}

/// Sets a select's value as a person choosing an option would, with the change event.
fn choose(select: &str, value: &str) -> String {
    format!(
        "const s = document.querySelector('{select}'); s.value = '{value}'; \
         s.dispatchEvent(new Event('change', {{bubbles: true}})); return s.value;"
    )
}

/// What the builder's live preview shows, read through its (same-origin) frame.
const PREVIEW: &str = "const f = document.getElementById('embed-preview'); \
    const d = f && f.contentDocument; \
    return {height: f ? f.style.height : '', width: f ? Math.round(f.getBoundingClientRect().width) : 0, \
      timeline: !!(d && d.querySelector('#timeline li')), matrix: !!(d && d.getElementById('matrix')), \
      findings: !!(d && d.getElementById('findings')), wire: !!(d && d.getElementById('wire')), \
      theme: d ? d.documentElement.dataset.theme ?? '' : ''};";

async fn the_embed_builder_writes_a_snippet_that_works_on_another_origin_in(
    engine: Engine,
) -> Result<(), Error> {
    let test = "the_embed_builder_writes_a_snippet_that_works_on_another_origin";
    let Some(app) = open(engine, test, "/").await? else {
        return Ok(());
    };
    let (server, browser) = (&app.server, &app.browser);
    let entry = nocontent_engine::catalog::find("keepalive-204-body").expect("in the catalog");
    browser
        .click(r#".gallery-item[data-id="keepalive-204-body"]"#)
        .await?;
    browser
        .wait_for_text("#wire", "the gallery scenario", |t| t.ends_with("hello"))
        .await?;
    browser.click("#copy-embed").await?;
    browser
        .wait_for_eval(
            "return document.activeElement ? document.activeElement.id : '';",
            "focus in the builder",
            |v| v == "embed-preset",
        )
        .await?;
    let snippet = "return document.querySelector('#embed-snippet')?.value ?? '';";
    // It starts at the results preset, with the scenario's gallery title.
    let first = browser
        .wait_for_eval(snippet, "the first snippet", |v| {
            v.as_str()
                .is_some_and(|s| s.contains("panels=response,browser&amp;readonly#"))
        })
        .await?;
    assert!(
        first
            .as_str()
            .is_some_and(|s| s.contains(&format!("title=\"nocontent: {}\"", entry.title))),
        "{first}"
    );

    // The compact preset, dark: the snippet and the preview follow.
    browser.eval(&choose("#embed-preset", "compact")).await?;
    browser.eval(&choose("#embed-theme", "dark")).await?;
    let code = browser
        .wait_for_eval(snippet, "the compact snippet", |v| {
            v.as_str().is_some_and(|s| {
                s.contains("?embed&amp;panels=timeline,findings&amp;readonly&amp;theme=dark#")
            })
        })
        .await?;
    let code = code.as_str().expect("text").to_string();
    for part in [
        "width=\"100%\"",
        "style=\"border:0;width:100%;max-width:100%\"",
        "data-nocontent",
        &format!(
            "<script src=\"{}embed-host.js\" defer></script>",
            server.url("/")
        ),
    ] {
        assert!(code.contains(part), "missing {part}: {code}");
    }
    let editable = browser
        .eval("return document.getElementById('embed-editable').disabled;")
        .await?;
    assert_eq!(
        editable,
        Value::Bool(true),
        "nothing to edit in a compact embed"
    );
    let preview = browser
        .wait_for_eval(
            PREVIEW,
            "the compact preview, sized by the host script",
            |v| {
                v["timeline"] == true
                    && v["theme"] == "dark"
                    && style_height(&v["height"]).is_some()
            },
        )
        .await?;
    assert_eq!(
        (
            &preview["matrix"],
            &preview["wire"],
            &preview["findings"],
            &preview["width"]
        ),
        (
            &Value::Bool(false),
            &Value::Bool(false),
            &Value::Bool(true),
            &Value::from(700)
        ),
        "{preview}"
    );
    browser.eval(&choose("#embed-width", "400")).await?;
    browser
        .wait_for_eval(PREVIEW, "the preview at 400 px", |v| v["width"] == 400)
        .await?;
    browser.click("#copy-snippet").await?;
    browser
        .wait_for_text("#embed-copy-status", "the copy outcome", |t| {
            t == "Snippet copied." || t.contains("copy the snippet from the box")
        })
        .await?;

    // The snippet, pasted as it is into a page on another origin, shows the same embed,
    // resized by the host script; folding a region shrinks the frame.
    let host_dir = temp_dir("embed-builder-host")?;
    write(
        &host_dir.path().join("docs.html"),
        format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>docs</title></head>\
             <body><main style=\"max-width:700px\"><h1>A docs page</h1>{code}</main></body></html>"
        ),
    )?;
    let host = StaticServer::with_mount(host_dir.path().to_path_buf(), "/")?;
    assert_ne!(host.port, server.port);
    browser.goto(&host.url("/docs.html")).await?;
    let frame_height = "return document.querySelector('iframe[data-nocontent]').style.height;";
    let open_height = browser
        .wait_for_eval(frame_height, "the embed's height on the docs page", |v| {
            style_height(v).is_some()
        })
        .await?;
    let open_height = style_height(&open_height).expect("px");
    browser.enter_frame("iframe[data-nocontent]").await?;
    let inside = browser
        .wait_for_eval(
            "return {timeline: !!document.querySelector('#timeline li'), \
               findings: !!document.getElementById('findings'), matrix: !!document.getElementById('matrix'), \
               theme: document.documentElement.dataset.theme ?? '', \
               folds: document.querySelectorAll('details.fold[open]').length};",
            "the compact embed on the docs page",
            |v| v["timeline"] == true,
        )
        .await?;
    assert_eq!(
        (
            &inside["findings"],
            &inside["matrix"],
            &inside["theme"],
            &inside["folds"]
        ),
        (
            &Value::Bool(true),
            &Value::Bool(false),
            &Value::from("dark"),
            &Value::from(1)
        ),
        "{inside}"
    );
    browser.click("#browser summary").await?;
    browser
        .wait_for_eval(
            "return document.querySelector('#browser details').open;",
            "the folded region",
            |v| v == &Value::Bool(false),
        )
        .await?;
    browser.leave_frame().await?;
    browser
        .wait_for_eval(frame_height, "the frame after folding", |v| {
            style_height(v).is_some_and(|h| h < open_height / 2)
        })
        .await?;
    browser.assert_no_dialog("the builder's snippet").await?;
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_embed_builder_writes_a_snippet_that_works_on_another_origin() -> Result<(), Error> {
    the_embed_builder_writes_a_snippet_that_works_on_another_origin_in(Engine::Chromium).await
}

async fn a_scenario_too_big_to_share_is_refused_with_a_message_in(
    engine: Engine,
) -> Result<(), Error> {
    let test = "a_scenario_too_big_to_share_is_refused_with_a_message";
    let mut scenario = Scenario::default();
    scenario.answer.body = noise(4_000, 7);
    let fragment = nocontent::permalink::encode(&scenario);
    assert!(fragment.len() > 2_000 && fragment.len() < 8_000);
    let Some(app) = open(engine, test, &format!("/#{fragment}")).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    assert_eq!(
        browser
            .eval("return !!document.getElementById('link-problem');")
            .await?,
        Value::Bool(false),
        "the address bar still opens a long scenario"
    );
    browser.click("#copy-link").await?;
    let message = browser
        .wait_for_text("#share-status", "the refusal", |t| t.contains("2,000"))
        .await?;
    assert!(message.contains("Trim"), "{message}");
    assert_eq!(
        browser
            .eval("return !!document.getElementById('share-text');")
            .await?,
        Value::Bool(false),
        "nothing truncated is offered"
    );
    // The embed builder says the same, instead of a snippet and a preview.
    browser.click("#copy-embed").await?;
    browser
        .wait_for_text("#embed-problem", "the refusal", |t| t.contains("2,000"))
        .await?;
    assert_eq!(
        browser
            .eval("return !!document.getElementById('embed-snippet') || !!document.getElementById('embed-preview');")
            .await?,
        Value::Bool(false),
        "no snippet for a scenario no link can carry"
    );
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scenario_too_big_to_share_is_refused_with_a_message() -> Result<(), Error> {
    a_scenario_too_big_to_share_is_refused_with_a_message_in(Engine::Chromium).await
}

async fn hostile_permalinks_show_the_error_and_the_default_and_run_no_script_in(
    engine: Engine,
) -> Result<(), Error> {
    let test = "hostile_permalinks_show_the_error_and_the_default_and_run_no_script";
    let bomb = v2(format!(r#"{{"request":{{"body":"{}"}}}}"#, "a".repeat(300_000)).as_bytes());
    assert!(bomb.len() < 8_000, "{}", bomb.len());
    let hostile: Vec<(&str, String)> = vec![
        ("script tag", "<script>window.__pwned=true</script>".into()),
        (
            "img onerror",
            "<img src=x onerror=\"window.__pwned=true;alert(1)\">".into(),
        ),
        ("javascript URL", "javascript:alert(1)".into()),
        (
            "javascript after a version",
            "2.javascript:window.__pwned=true".into(),
        ),
        ("oversize", format!("2.{}", "A".repeat(9_000))),
        ("random bytes", "%FF%FE%00%01%9C".into()),
        (
            "random base64",
            format!("2.{}", noise(600, 3).replace(['0', '1'], "_-")),
        ),
        ("base64 of non-JSON", v1("<script>alert(1)</script>")),
        (
            "deflated non-JSON",
            v2(b"<script>window.__pwned=true</script>"),
        ),
        ("zip bomb", bomb),
        ("unknown version", "9.e30".into()),
    ];
    let Some(app) = open(engine, test, "/").await? else {
        return Ok(());
    };
    let (server, browser) = (&app.server, &app.browser);
    for (i, (name, fragment)) in hostile.iter().enumerate() {
        browser
            .open_fresh(&server.url(&format!("/?case={i}#{fragment}")))
            .await?;
        browser.assert_no_dialog(name).await?;
        let problem = browser
            .wait_for_text("#link-problem", "the link's error", |t| {
                t.contains("not read") && t.contains("default scenario")
            })
            .await?;
        let status = browser.text_of("#status-line").await?;
        assert!(status.contains("204"), "{name}: {status}");
        let pwned = browser
            .eval("return [typeof window.__pwned, document.querySelectorAll('#app img, #app script').length];")
            .await?;
        assert_eq!(
            pwned,
            serde_json::json!(["undefined", 0]),
            "{name}: {problem}"
        );
        browser.assert_no_dialog(name).await?;
    }

    // A valid scenario full of markup shows it as text.
    let markup = "/<img src=x onerror=\"window.__pwned=true\">";
    let json = serde_json::json!({"request": {"target": markup}, "answer": {"body": "<script>window.__pwned=true</script>"}});
    browser
        .open_fresh(&server.url(&format!("/?case=markup#{}", v1(&json.to_string()))))
        .await?;
    // The markup sits in the fields as plain values.
    let script = format!(
        "return [...document.querySelectorAll('#request input')].some(i => i.value === {markup:?}) \
         && [...document.querySelectorAll('#answer textarea')].some(t => t.value.includes('<script>'));"
    );
    browser
        .wait_for_eval(&script, "the markup as values", |v| v == &Value::Bool(true))
        .await?;
    let pwned = browser
        .eval("return [typeof window.__pwned, document.querySelectorAll('#app img, #app script').length, !!document.getElementById('link-problem')];")
        .await?;
    assert_eq!(pwned, serde_json::json!(["undefined", 0, false]));
    browser.assert_no_dialog("markup").await?;
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_permalinks_show_the_error_and_the_default_and_run_no_script() -> Result<(), Error>
{
    hostile_permalinks_show_the_error_and_the_default_and_run_no_script_in(Engine::Chromium).await
}
