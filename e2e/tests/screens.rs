//! The layouts at the widths people use, in Chromium: the main view at 1920, 1400 and 360 px,
//! the comparison, the embed builder at 1400 and 360 px, and an embed at 700 and 400 px
//! (and the compact one at 400) in both themes. No view scrolls sideways;
//! at 1400×900 and 1920×1080 a status chip, the response's status line and the browser
//! outcome are on screen together, so a change and its effect are seen at once. Each view is
//! saved as `target/e2e/screens/<name>.png` to look at; the README's pictures are copies.
//! On the way: choosing a scenario on a phone brings its card into view, and the skip link
//! moves focus past the gallery without touching the permalink.

use nocontent_e2e::{App, Browser, Engine, Error};
use serde_json::Value;

/// Is the top of the first element matching `css` inside the viewport, and not covered by
/// anything else there (what is painted at its top left corner is the element itself)?
async fn on_screen(browser: &Browser, css: &str) -> Result<bool, Error> {
    let seen = browser
        .eval_with(
            "const e = document.querySelector(arguments[0]);
             if (!e) return false;
             const r = e.getBoundingClientRect();
             if (!(r.height > 0 && r.top >= 0 && r.top < innerHeight - 20)) return false;
             const hit = document.elementFromPoint(r.left + 4, r.top + 4);
             return !!hit && (hit === e || e.contains(hit));",
            vec![Value::from(css)],
        )
        .await?;
    Ok(seen == Value::Bool(true))
}

async fn screens(engine: Engine) -> Result<(), Error> {
    let test = "every_view_fits_its_width_and_wide_screens_show_cause_and_effect_together";
    let Some(app) = App::open(engine, test).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    for (width, height) in [(1920, 1080), (1400, 900), (360, 800)] {
        browser.resize(width, height).await?;
        browser.eval("window.scrollTo(0, 0); return true;").await?;
        browser.screenshot(&format!("main-{width}")).await?;
        assert!(
            !browser.overflows_sideways().await?,
            "the main view scrolls sideways at {width} px"
        );
        if width >= 1400 {
            // With the status chips in view, the answer's effect is in view too.
            browser
                .eval("document.querySelector('#answer .chips').scrollIntoView({ block: 'center' }); return true;")
                .await?;
            browser.screenshot(&format!("main-{width}-editing")).await?;
            for css in [
                "#answer .chips",
                "#response .status-line",
                "#wire",
                "#browser h2",
            ] {
                assert!(
                    on_screen(browser, css).await?,
                    "at {width}×{height}, {css} is off screen while the status chips are on it"
                );
            }
        }
    }
    // On a phone, choosing a scenario brings its card (under all the gallery's lists) into
    // view. The second button is far above the card, and not the one already loaded.
    let last = browser
        .eval("const b = document.querySelectorAll('.gallery-item')[1]; b.scrollIntoView(); return b.dataset.id;")
        .await?;
    let last = last.as_str().expect("a gallery id").to_string();
    browser
        .click(&format!(r#".gallery-item[data-id="{last}"]"#))
        .await?;
    let title = nocontent_engine::catalog::find(&last)
        .expect("listed")
        .title;
    browser
        .wait_for_text("#explanation h3", "the chosen card", |t| t == title)
        .await?;
    browser
        .wait_for_eval(
            "const r = document.getElementById('explanation').getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight / 2;",
            "the card in view on a phone",
            |v| v == &Value::Bool(true),
        )
        .await?;
    browser.screenshot("main-360-chosen").await?;

    // The skip link moves focus past the gallery to the request, and leaves the permalink.
    browser.resize(1400, 900).await?;
    let hash = browser.eval("return location.hash;").await?;
    let skipped = browser
        .eval("document.getElementById('skip-gallery').click(); return [document.activeElement.id, location.hash];")
        .await?;
    assert_eq!(
        skipped,
        serde_json::json!(["request", hash]),
        "the skip link"
    );
    browser.click("#compare-toggle").await?;
    browser
        .wait_for_text("#compare-table", "the comparison", |t| {
            t.contains("205 Reset Content")
        })
        .await?;
    browser
        .eval("document.querySelector('#compare').scrollIntoView(); return true;")
        .await?;
    browser.screenshot("compare-1400").await?;
    assert!(
        !browser.overflows_sideways().await?,
        "the comparison scrolls the page sideways"
    );

    // The embed builder, with its live preview, at a desktop and a phone width.
    browser.eval("window.scrollTo(0, 0); return true;").await?;
    browser.click("#copy-embed").await?;
    for width in [1400, 360] {
        browser.resize(width, 900).await?;
        browser
            .wait_for_eval(
                "const f = document.getElementById('embed-preview'); return !!(f && f.style.height && f.contentDocument && f.contentDocument.querySelector('#timeline li'));",
                "the builder's preview",
                |v| v == &Value::Bool(true),
            )
            .await?;
        browser
            .eval("document.querySelector('#embed-builder').scrollIntoView(); return true;")
            .await?;
        browser.screenshot(&format!("builder-{width}")).await?;
        assert!(
            !browser.overflows_sideways().await?,
            "the embed builder scrolls the page sideways at {width} px"
        );
    }

    for theme in ["light", "dark"] {
        for width in [700, 400] {
            browser.resize(width, 900).await?;
            browser
                .open_app(&app.url(&format!(
                    "/?embed&panels=response,browser&readonly&theme={theme}"
                )))
                .await?;
            browser
                .wait_for_text("#response", "the embedded response", |t| {
                    t.contains("204 No Content")
                })
                .await?;
            browser
                .screenshot(&format!("embed-{width}-{theme}"))
                .await?;
            assert!(
                !browser.overflows_sideways().await?,
                "the {theme} embed scrolls sideways at {width} px"
            );
        }
        // The compact preset: the timeline and the findings only.
        browser.resize(400, 900).await?;
        // It has no status line to wait on, only the app's ready mark.
        browser
            .goto(&app.url(&format!(
                "/?embed&panels=timeline,findings&readonly&theme={theme}"
            )))
            .await?;
        browser.wait_for_app().await?;
        browser
            .wait_for_eval(
                "return !!document.querySelector('#timeline li') && !!document.getElementById('findings');",
                "the compact embed",
                |v| v == &Value::Bool(true),
            )
            .await?;
        browser
            .screenshot(&format!("embed-compact-400-{theme}"))
            .await?;
        assert!(
            !browser.overflows_sideways().await?,
            "the compact {theme} embed scrolls sideways at 400 px"
        );
    }
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_view_fits_its_width_and_wide_screens_show_cause_and_effect_together(
) -> Result<(), Error> {
    screens(Engine::Chromium).await
}
