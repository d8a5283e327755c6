//! The playground in a real browser: the gallery, find by question, live validation, state in
//! the URL, switching statuses, and accessibility (axe-core, WCAG 2.2 AA, both themes).

use std::path::Path;

use nocontent_e2e::need;
use nocontent_e2e::{App, Browser, Engine, Error};
use serde_json::Value;

async fn gallery_scenario(engine: Engine) -> Result<(), Error> {
    let test = "a_gallery_scenario_shows_its_findings_and_browser_outcomes";
    let Some(app) = App::open(engine, test).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    browser
        .click(r#".gallery-item[data-id="keepalive-204-body"]"#)
        .await?;
    let explanation = browser.text_of("#explanation").await?;
    assert!(explanation.contains("kept-alive"), "{explanation}");
    let findings = browser
        .wait_for_text("#findings", "the 204-with-body errors", |t| {
            t.contains("A 204 response carries content")
        })
        .await?;
    assert!(
        findings.contains("RFC 9110 §15.3.5") && findings.contains("LEFTOVER_BYTES"),
        "{findings}"
    );
    let wire = browser.text_of("#wire").await?;
    assert!(
        wire.contains("Content-Length: 5") && wire.ends_with("hello"),
        "{wire}"
    );
    let next = browser.text_of("#next-response").await?;
    assert!(
        next.contains("CHROMIUM 156") && next.contains("closes this connection"),
        "{next}"
    );
    let matrix = browser.text_of("#matrix").await?;
    assert!(
        matrix.contains("XMLHttpRequest") && matrix.contains("no load event"),
        "{matrix}"
    );
    // Outside the browser, llhttp fails on the stray bytes and httpx on the next response.
    let clients = browser.text_of("#clients-matrix").await?;
    assert!(
        clients.contains("llhttp 9.3.1")
            && clients.contains("error: Error: Parse Error: Expected HTTP/")
            && clients.contains("illegal status line"),
        "{clients}"
    );
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_gallery_scenario_shows_its_findings_and_browser_outcomes() -> Result<(), Error> {
    gallery_scenario(Engine::Chromium).await
}

/// WebDriver's codes for the keys the search answers to.
const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";
const ARROW_DOWN: &str = "\u{E015}";

async fn find_by_question(engine: Engine) -> Result<(), Error> {
    let test = "find_by_question_loads_the_scenario_and_opens_the_note";
    let Some(app) = App::open(engine, test).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    let focused = "return document.activeElement ? document.activeElement.id : '';";
    let first =
        "const b = document.querySelector('.search-result'); return b ? b.dataset.id : null;";
    browser
        .type_into("#search-input", "json() fails on 204", false)
        .await?;
    browser
        .wait_for_eval(first, "the fetch json() scenario first", |v| {
            v.as_str() == Some("fetch-204-json")
        })
        .await?;
    let status = browser
        .wait_for_text("#search-status", "the count", |t| t.contains("scenarios"))
        .await?;
    let counted = browser
        .eval("return [document.querySelectorAll('.search-result[data-kind=scenario]').length, document.querySelectorAll('.search-result[data-kind=note]').length];")
        .await?;
    assert_eq!(
        status,
        format!("{} scenarios, {} notes", counted[0], counted[1]),
        "{counted}"
    );
    // Enter in the box loads the first result, as its gallery button would.
    browser.type_into("#search-input", ENTER, false).await?;
    let explanation = browser
        .wait_for_text("#explanation", "the scenario's explanation", |t| {
            t.contains("fetch() gets 204, then calls json()")
        })
        .await?;
    assert!(explanation.contains("SyntaxError"), "{explanation}");
    browser
        .wait_for_eval(
            r#"return document.querySelector('.gallery-item[data-id="fetch-204-json"]').getAttribute('aria-pressed');"#,
            "its gallery entry pressed",
            |v| v.as_str() == Some("true"),
        )
        .await?;
    // The request is the scenario's: its target is in the composer.
    browser
        .wait_for_eval(
            "const l = [...document.querySelectorAll('#request label')].find(l => l.textContent.startsWith('Target')); return l ? l.querySelector('input').value : null;",
            "the scenario's target in the composer",
            |v| v.as_str() == Some("/api/notifications/latest"),
        )
        .await?;
    // The arrow keys walk from the box into the results.
    browser
        .type_into("#search-input", ARROW_DOWN, false)
        .await?;
    browser
        .wait_for_eval(focused, "focus on the first result", |v| {
            v.as_str() == Some("search-result-0")
        })
        .await?;
    browser
        .type_into("#search-result-0", ARROW_DOWN, false)
        .await?;
    browser
        .wait_for_eval(focused, "focus on the second result", |v| {
            v.as_str() == Some("search-result-1")
        })
        .await?;
    // Choosing a note opens it first among the notes and moves focus to it.
    browser
        .click(r#".search-result[data-id="fetch-json-on-204"]"#)
        .await?;
    browser
        .wait_for_eval(focused, "focus on the chosen note", |v| {
            v.as_str() == Some("note-fetch-json-on-204-summary")
        })
        .await?;
    let opened = browser
        .eval("const d = document.querySelector('#notes > details'); return [d.id, d.open];")
        .await?;
    assert_eq!(opened, serde_json::json!(["note-fetch-json-on-204", true]));
    // Escape on a result clears the question and goes back to the box.
    browser.type_into("#search-result-0", ESCAPE, false).await?;
    browser
        .wait_for_eval(focused, "focus back in the box", |v| {
            v.as_str() == Some("search-input")
        })
        .await?;
    assert_eq!(browser.value_of("#search-input").await?, "");
    browser
        .wait_for_eval(
            "return document.querySelectorAll('.search-result').length;",
            "no results",
            |v| v.as_u64() == Some(0),
        )
        .await?;
    browser
        .type_into("#search-input", "xyzzy plugh", false)
        .await?;
    browser
        .wait_for_text("#search-status", "nothing", |t| t == "Nothing matches")
        .await?;
    // Escape in the box clears it, and the live region falls silent.
    browser.type_into("#search-input", ESCAPE, false).await?;
    browser
        .wait_for_eval(
            "return [document.getElementById('search-input').value, document.getElementById('search-status').textContent];",
            "an empty box and no announcement",
            |v| v == &serde_json::json!(["", ""]),
        )
        .await?;
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn find_by_question_loads_the_scenario_and_opens_the_note() -> Result<(), Error> {
    find_by_question(Engine::Chromium).await
}

async fn invalid_header(engine: Engine) -> Result<(), Error> {
    let test = "an_invalid_header_gets_a_message_and_the_rest_keeps_working";
    let Some(app) = App::open(engine, test).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    browser.click("#answer .headers button.secondary").await?;
    browser
        .type_into(
            r#"#answer input[aria-label="answer header 1 name"]"#,
            "Bad Header",
            false,
        )
        .await?;
    let message = browser
        .wait_for_text("#answer .field-msg", "a header-name message", |t| {
            t.contains("header name")
        })
        .await?;
    assert!(message.contains("a space"), "{message}");
    let invalid = browser
        .eval(r#"return document.querySelector('#answer input[aria-label="answer header 1 name"]').getAttribute('aria-invalid');"#)
        .await?;
    assert_eq!(invalid, Value::from("true"));
    // The bad header is left off the wire, and the app still reacts to other edits.
    browser
        .click(r#"#answer button[data-status="205"]"#)
        .await?;
    let wire = browser
        .wait_for_text("#wire", "the 205", |t| t.contains("205 Reset Content"))
        .await?;
    assert!(!wire.contains("Bad Header"), "{wire}");
    // Markup typed into a field stays text: in a valid header it reaches the raw bytes, where
    // it must be shown as the characters typed, never parsed.
    let markup = "<img src=x onerror=alert(1)>";
    browser
        .type_into(
            r#"#answer input[aria-label="answer header 1 name"]"#,
            "X-Note",
            true,
        )
        .await?;
    browser
        .type_into(
            r#"#answer input[aria-label="answer header 1 value"]"#,
            markup,
            false,
        )
        .await?;
    let wire = browser
        .wait_for_text("#wire", "the header with markup", |t| t.contains("X-Note"))
        .await?;
    assert!(wire.contains(&format!("X-Note: {markup}")), "{wire}");
    let images = browser
        .eval("return document.querySelectorAll('img').length;")
        .await?;
    assert_eq!(images, Value::from(0));
    browser
        .assert_no_dialog("markup typed into a header")
        .await?;
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invalid_header_gets_a_message_and_the_rest_keeps_working() -> Result<(), Error> {
    invalid_header(Engine::Chromium).await
}

async fn state_survives_a_reload(engine: Engine) -> Result<(), Error> {
    let test = "the_state_survives_a_reload_without_flooding_history";
    let Some(app) = App::open(engine, test).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    let history_before = browser.eval("return history.length;").await?;
    browser
        .type_into("#request input[list=methods]", "PUT", true)
        .await?;
    browser
        .type_into("#request label.grow input", "/things/7", true)
        .await?;
    browser
        .click(r#"#answer button[data-status="201"]"#)
        .await?;
    browser
        .wait_for_text("#status-line", "201", |t| t.contains("201 Created"))
        .await?;
    let history_after = browser.eval("return history.length;").await?;
    assert_eq!(
        history_before, history_after,
        "typing must not add history entries"
    );
    let hash = browser.eval("return location.hash;").await?;
    assert!(
        hash.as_str().is_some_and(|h| h.starts_with("#2.")),
        "{hash}"
    );
    browser.reload().await?;
    browser
        .wait_for_text("#status-line", "the same status after reload", |t| {
            t.contains("201 Created")
        })
        .await?;
    assert_eq!(
        browser.value_of("#request input[list=methods]").await?,
        "PUT"
    );
    assert_eq!(
        browser.value_of("#request label.grow input").await?,
        "/things/7"
    );
    // An edited scenario has no card; an unedited gallery scenario gets its card back.
    assert_eq!(
        browser
            .eval("return document.getElementById('explanation') === null;")
            .await?,
        Value::Bool(true)
    );
    browser
        .click(r#".gallery-item[data-id="link-304"]"#)
        .await?;
    browser
        .wait_for_text("#explanation", "link-304's card", |t| {
            t.contains("A link to a URL that answers 304")
        })
        .await?;
    browser.reload().await?;
    browser
        .wait_for_text("#explanation", "link-304's card after the reload", |t| {
            t.contains("A link to a URL that answers 304")
        })
        .await?;
    let pressed = browser
        .eval(r#"return document.querySelector('.gallery-item[data-id="link-304"]').getAttribute('aria-pressed');"#)
        .await?;
    assert_eq!(pressed, Value::String("true".into()));
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_state_survives_a_reload_without_flooding_history() -> Result<(), Error> {
    state_survives_a_reload(Engine::Chromium).await
}

async fn switching_statuses(engine: Engine) -> Result<(), Error> {
    let test = "switching_204_200_205_changes_bytes_findings_and_timeline";
    let Some(app) = App::open(engine, test).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    let mut seen = Vec::new();
    for (code, line, finding, step) in [
        ("204", "204 No Content", "A clean 204", "SyntaxError"),
        (
            "200",
            "200 OK",
            "A 200 with empty (or {}) content",
            "resolves to \"\"",
        ),
        ("205", "205 Reset Content", "A clean 205", "Reset Content"),
    ] {
        browser
            .click(&format!(r#"#answer button[data-status="{code}"]"#))
            .await?;
        let wire = browser
            .wait_for_text("#wire", line, |t| t.contains(line))
            .await?;
        let findings = browser
            .wait_for_text("#findings", finding, |t| t.contains(finding))
            .await?;
        let timeline = browser
            .wait_for_text("#timeline", step, |t| t.contains(step))
            .await?;
        seen.push((wire, findings, timeline));
    }
    assert_ne!(seen[0], seen[1]);
    assert_ne!(seen[1], seen[2]);
    assert!(
        seen[1].0.contains("Content-Length: 0"),
        "the 200 says its length: {}",
        seen[1].0
    );
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn switching_204_200_205_changes_bytes_findings_and_timeline() -> Result<(), Error> {
    switching_statuses(Engine::Chromium).await
}

async fn framework_send(engine: Engine) -> Result<(), Error> {
    let test = "choosing_a_framework_shows_the_bytes_it_sends_and_survives_a_reload";
    let Some(app) = App::open(engine, test).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    browser
        .click(r#".gallery-item[data-id="handler-204-json"]"#)
        .await?;
    // The entry is sent through Django REST framework, which writes the body anyway.
    let wire = browser
        .wait_for_text("#wire", "DRF's bytes", |t| t.contains("WSGIServer"))
        .await?;
    assert!(wire.trim_end().ends_with("{}"), "{wire}");
    let sent = browser
        .wait_for_text("#framework-sent", "DRF's panel", |t| {
            t.contains("Django REST framework 3.18.3")
        })
        .await?;
    assert!(sent.contains("wrote the 2 bytes after the 204"), "{sent}");
    browser
        .click(r#"#send-framework option[value="fastapi"]"#)
        .await?;
    let wire = browser
        .wait_for_text("#wire", "uvicorn's bytes", |t| {
            t.contains("server: uvicorn")
        })
        .await?;
    assert!(!wire.contains("WSGIServer"), "{wire}");
    let sent = browser
        .wait_for_text("#framework-sent", "FastAPI's log", |t| {
            t.contains("LocalProtocolError")
        })
        .await?;
    assert!(sent.contains("FastAPI 0.165.0"), "{sent}");
    // The choice is part of the scenario, so the permalink keeps it.
    browser.reload().await?;
    browser
        .wait_for_text("#framework-sent", "FastAPI after the reload", |t| {
            t.contains("FastAPI 0.165.0")
        })
        .await?;
    assert_eq!(browser.value_of("#send-framework").await?, "fastapi");
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn choosing_a_framework_shows_the_bytes_it_sends_and_survives_a_reload() -> Result<(), Error>
{
    framework_send(Engine::Chromium).await
}

/// Runs axe-core with the WCAG 2.2 AA tag set and returns the violations, one line each.
async fn axe_violations(browser: &Browser, axe: &Path) -> Result<Vec<String>, Error> {
    let source = std::fs::read_to_string(axe)
        .map_err(|e| Error::new(format!("cannot read {}: {e}", axe.display())))?;
    browser
        .eval(&format!("{source}\n;return typeof axe;"))
        .await?;
    let script = r#"
        const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
            .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
            .catch(e => done(['axe failed: ' + e]));
    "#;
    let result = browser.eval_async(script, vec![]).await?;
    Ok(result
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_else(|| vec![format!("unexpected axe result: {result}")]))
}

async fn axe_in_both_themes(engine: Engine) -> Result<(), Error> {
    let test = "no_axe_violations_in_either_theme";
    let Some(axe) = need::or_skip(test, need::axe_core())? else {
        return Ok(());
    };
    let Some(app) = App::open(engine, test).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    // Control: a button without a name must be reported, or axe is not really running.
    browser
        .eval("const b = document.createElement('button'); b.id = 'axe-control'; document.body.append(b); return true;")
        .await?;
    let control = axe_violations(browser, &axe).await?;
    assert!(
        control.iter().any(|v| v.starts_with("button-name")),
        "axe missed a nameless button: {control:?}"
    );
    browser
        .eval("document.getElementById('axe-control').remove(); return true;")
        .await?;
    // Results in the search box stay on screen while the gallery loads scenarios, so every
    // check below covers the search landmark, its results and its live region too.
    browser
        .type_into("#search-input", "json() fails on 204", false)
        .await?;
    browser
        .wait_for_text("#search-status", "the search's count", |t| {
            t.contains("scenario")
        })
        .await?;
    // The comparison table and the paste box stay open too, so axe checks them with every
    // scenario and theme.
    browser.click("#compare-toggle").await?;
    browser
        .wait_for_text("#compare-table", "the comparison", |t| {
            t.contains("205 Reset Content")
        })
        .await?;
    browser.click("#paste > summary").await?;
    // The embed builder too, with its controls and live preview.
    browser.click("#copy-embed").await?;
    browser
        .wait_for_eval(
            "return !!document.getElementById('embed-snippet');",
            "the embed builder",
            |v| v == &Value::Bool(true),
        )
        .await?;
    let mut problems = Vec::new();
    for scenario in [
        "delete-204",
        "keepalive-204-body",
        "reset-205-no-length",
        "handler-204-json",
    ] {
        browser
            .click(&format!(r#".gallery-item[data-id="{scenario}"]"#))
            .await?;
        browser
            .wait_for_text("#explanation", "the explanation", |t| !t.is_empty())
            .await?;
        for theme in ["light", "dark"] {
            // The toggle cycles system → light → dark, so three clicks reach any theme.
            for _ in 0..3 {
                let current = browser
                    .eval("return document.documentElement.dataset.theme || 'system';")
                    .await?;
                if current.as_str() == Some(theme) {
                    break;
                }
                browser.click("#theme").await?;
            }
            let current = browser
                .eval("return document.documentElement.dataset.theme || 'system';")
                .await?;
            assert_eq!(
                current.as_str(),
                Some(theme),
                "the theme toggle never reached {theme}"
            );
            for v in axe_violations(browser, &axe).await? {
                problems.push(format!("{scenario}, {theme}: {v}"));
            }
        }
    }
    // Embeds, which fold their regions: the compact preset and every region, editable.
    for query in [
        "embed&panels=timeline,findings&readonly",
        "embed&panels=request,answer,response,browser&editable",
    ] {
        for theme in ["light", "dark"] {
            browser
                .goto(&app.url(&format!("/?{query}&theme={theme}")))
                .await?;
            browser.wait_for_app().await?;
            for v in axe_violations(browser, &axe).await? {
                problems.push(format!("{query}, {theme}: {v}"));
            }
        }
    }
    assert!(problems.is_empty(), "axe found:\n{}", problems.join("\n"));
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn no_axe_violations_in_either_theme() -> Result<(), Error> {
    axe_in_both_themes(Engine::Chromium).await
}

async fn panic_banner(engine: Engine) -> Result<(), Error> {
    let test = "a_panic_shows_the_reload_banner_and_keeps_the_scenario_in_the_url";
    // Compose a state, so there is something to keep.
    let Some(app) = App::open(engine, test).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    browser
        .click(r#"#answer button[data-status="205"]"#)
        .await?;
    browser
        .wait_for_text("#status-line", "205", |t| t.contains("205"))
        .await?;
    let hash = browser.eval("return location.hash;").await?;
    let hash = hash.as_str().unwrap_or_default().to_string();
    // The same state with ?crashtest, which makes the app panic after its first render.
    browser
        .goto(&app.url(&format!("/?crashtest{hash}")))
        .await?;
    let banner = browser
        .wait_for_text("#crash", "the crash banner", |t| {
            t.contains("Something broke")
        })
        .await?;
    assert!(banner.contains("Reload"), "{banner}");
    assert_eq!(
        browser.eval("return location.hash;").await?.as_str(),
        Some(hash.as_str()),
        "the URL keeps the scenario"
    );
    let link = browser
        .eval("return document.querySelector('#crash a').href;")
        .await?;
    assert!(
        link.as_str().is_some_and(|l| l.ends_with(&hash)),
        "the reload link keeps the scenario: {link}"
    );
    // Reloading without the switch restores the composed state.
    browser.goto(&app.url(&format!("/{hash}"))).await?;
    browser
        .wait_for_text("#status-line", "the kept 205", |t| {
            t.contains("205 Reset Content")
        })
        .await?;
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_panic_shows_the_reload_banner_and_keeps_the_scenario_in_the_url() -> Result<(), Error> {
    panic_banner(Engine::Chromium).await
}

async fn line_breaks(engine: Engine) -> Result<(), Error> {
    let test = "line_breaks_in_header_values_are_shown_and_can_be_typed";
    let Some(app) = App::start(engine, test).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    let mut scenario = nocontent_engine::Scenario::default();
    scenario.answer.headers = vec![("X-Note".into(), "a\r\nSet-Cookie: b=1".into())];
    let link = format!(
        "{}#{}",
        app.url("/"),
        nocontent::permalink::encode(&scenario)
    );
    browser.open_app(&link).await?;
    let value = r#"#answer input[aria-label="answer header 1 value"]"#;
    assert_eq!(browser.value_of(value).await?, "a\\r\\nSet-Cookie: b=1");
    browser
        .wait_for_text("#answer .field-msg", "the line-break message", |t| {
            t.contains("line break")
        })
        .await?;
    // One more keystroke keeps the line break in the scenario (and so the message).
    browser.type_into(value, "!", false).await?;
    browser
        .wait_for_eval(
            &format!("return document.querySelector('{value}').value;"),
            "the edit",
            |v| v == "a\\r\\nSet-Cookie: b=1!",
        )
        .await?;
    let message = browser.text_of("#answer .field-msg").await?;
    assert!(message.contains("line break"), "{message}");

    // Typed by hand, \r\n becomes a real CR LF: the header-injection lesson.
    browser.click("#answer .headers button.secondary").await?;
    let second = r#"#answer input[aria-label="answer header 2 value"]"#;
    browser
        .type_into(
            r#"#answer input[aria-label="answer header 2 name"]"#,
            "X-Typed",
            false,
        )
        .await?;
    browser
        .type_into(second, "v\\r\\nInjected: 1", false)
        .await?;
    browser
        .wait_for_eval(
            "return Array.from(document.querySelectorAll('#answer .field-msg')).map(e => e.textContent).join(' | ');",
            "a line-break message for the typed header",
            |v| v.as_str().is_some_and(|t| t.matches("line break").count() >= 2),
        )
        .await?;
    assert_eq!(browser.value_of(second).await?, "v\\r\\nInjected: 1");
    app.browser.close().await;
    Ok(())
}

/// A header value with a line break, from a link or typed as `\r\n`, stays visible in its
/// field and stays in the scenario: the text input would otherwise drop the CR and LF.
#[tokio::test(flavor = "multi_thread")]
async fn line_breaks_in_header_values_are_shown_and_can_be_typed() -> Result<(), Error> {
    line_breaks(Engine::Chromium).await
}

async fn long_body(engine: Engine) -> Result<(), Error> {
    let test = "a_very_long_body_is_shortened_until_show_all";
    let Some(app) = App::start(engine, test).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    let mut scenario = nocontent_engine::Scenario::default();
    scenario.answer.status = 200;
    scenario.answer.body = "0123456789".repeat(500);
    let link = format!(
        "{}#{}",
        app.url("/"),
        nocontent::permalink::encode(&scenario)
    );
    browser.goto(&link).await?;
    browser.wait_for_app().await?;
    browser
        .wait_for_text("#status-line", "the 200", |t| t.contains("200 OK"))
        .await?;
    let shape = "return {body: document.getElementById('body-text').textContent.length, \
        cut: document.getElementById('body-cut')?.textContent ?? '', \
        markers: document.querySelectorAll('#wire .cut-marker').length, \
        wire: document.getElementById('wire').textContent.length, \
        pressed: document.getElementById('show-all')?.getAttribute('aria-pressed') ?? ''};";
    let short = browser.eval(shape).await?;
    assert_eq!(
        (
            &short["body"],
            &short["cut"],
            &short["markers"],
            &short["pressed"]
        ),
        (
            &Value::from(3000),
            &Value::from("Showing the first 3,000 of 5,000 characters."),
            &Value::from(1),
            &Value::from("false")
        ),
        "{short}"
    );
    browser.click("#show-all").await?;
    let all = browser
        .wait_for_eval(shape, "everything shown", |v| v["body"] == 5000)
        .await?;
    assert_eq!(
        (&all["cut"], &all["markers"], &all["pressed"]),
        (&Value::from(""), &Value::from(0), &Value::from("true")),
        "{all}"
    );
    assert!(
        all["wire"].as_u64() > short["wire"].as_u64(),
        "the raw bytes are shown in full too: {all} {short}"
    );
    app.browser.close().await;
    Ok(())
}

/// A body of 5,000 characters shows its first 3,000, says so, and shows all on request, in
/// the body and in the raw bytes.
#[tokio::test(flavor = "multi_thread")]
async fn a_very_long_body_is_shortened_until_show_all() -> Result<(), Error> {
    long_body(Engine::Chromium).await
}

async fn header_focus(engine: Engine) -> Result<(), Error> {
    let test = "adding_a_header_focuses_its_name_and_removing_one_focuses_the_next";
    let Some(app) = App::open(engine, test).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    let focused = "return document.activeElement ? document.activeElement.id : '';";
    let rows = "return document.querySelectorAll('#answer .header-row').length;";
    let before = browser.eval(rows).await?.as_u64().unwrap_or_default();
    browser.click("#answer-add-header").await?;
    let new_row = format!("answer-header-{before}-name");
    browser
        .wait_for_eval(focused, "focus in the new row's name", |v| {
            v == &Value::String(new_row.clone())
        })
        .await?;
    browser.click("#answer-add-header").await?;
    let last = format!("answer-header-{}-name", before + 1);
    browser
        .wait_for_eval(focused, "focus in the second new row", |v| {
            v == &Value::String(last.clone())
        })
        .await?;
    // Removing the first of the two new rows: the row after it takes its index, and focus.
    browser
        .click(&format!(
            r#"#answer .header-row:nth-child({}) button[title="Remove"]"#,
            before + 1
        ))
        .await?;
    browser
        .wait_for_eval(
            focused,
            "focus in the row that took the removed one's place",
            |v| v == &Value::String(new_row.clone()),
        )
        .await?;
    // Removing the last row: focus goes to the add button.
    browser
        .click(&format!(
            r#"#answer .header-row:nth-child({}) button[title="Remove"]"#,
            before + 1
        ))
        .await?;
    browser
        .wait_for_eval(focused, "focus on Add header", |v| {
            v == &Value::String("answer-add-header".into())
        })
        .await?;
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn adding_a_header_focuses_its_name_and_removing_one_focuses_the_next() -> Result<(), Error> {
    header_focus(Engine::Chromium).await
}

/// Puts `text` in the paste box as a paste would (one input event), then reads it.
async fn paste(browser: &Browser, text: &str) -> Result<String, Error> {
    browser
        .eval_with(
            "const area = document.querySelector('#paste-input');
             area.value = arguments[0];
             area.dispatchEvent(new Event('input', { bubbles: true }));
             return true;",
            vec![Value::String(text.to_string())],
        )
        .await?;
    browser.click("#paste-use").await?;
    browser
        .wait_for_text("#paste-result", "what the paste was read as", |t| {
            !t.trim().is_empty()
        })
        .await
}

async fn paste_formats(engine: Engine) -> Result<(), Error> {
    let test = "a_pasted_response_in_each_format_becomes_the_answer_as_written";
    let Some(app) = App::open(engine, test).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    let status = r#"input[inputmode="numeric"]"#;
    let method = r#"input[list="methods"]"#;
    browser.click("#paste > summary").await?;

    // Raw text as curl -i prints it, typed key by key (a newline is a key like any other).
    browser
        .type_into(
            "#paste-input",
            "HTTP/1.1 205 Reset Content\nContent-Length: 3\n\nabc",
            true,
        )
        .await?;
    browser.click("#paste-use").await?;
    let read = browser
        .wait_for_text("#paste-result", "the raw response read", |t| {
            t.contains("Read raw HTTP/1.1 text")
        })
        .await?;
    assert!(
        read.contains("205 Reset Content, 1 header field, a body of 3 bytes"),
        "{read}"
    );
    assert_eq!(browser.value_of(status).await?, "205");
    let wire = browser
        .wait_for_text("#wire", "the pasted 205", |t| {
            t.contains("205 Reset Content")
        })
        .await?;
    assert!(
        wire.contains("Content-Length: 3") && wire.trim_end().ends_with("abc"),
        "{wire}"
    );
    let findings = browser
        .wait_for_text("#findings", "the 205 finding", |t| {
            t.contains("RESET_CONTENT_WITH_BODY")
        })
        .await?;
    assert!(findings.contains("RFC 9110"), "{findings}");

    // curl -v: the request line comes with it, and a HEAD request changes the method.
    let read = paste(
        browser,
        "*   Trying 127.0.0.1:8080...\n> HEAD /reports/7 HTTP/1.1\n> Host: localhost:8080\n>\n< HTTP/1.1 200 OK\n< Content-Type: text/csv\n< Content-Length: 1024\n<\n* Connection #0 to host localhost left intact\n",
    )
    .await?;
    assert!(
        read.contains("Read curl -v output") && read.contains("answering HEAD /reports/7"),
        "{read}"
    );
    assert_eq!(browser.value_of(method).await?, "HEAD");
    browser
        .wait_for_text("#wire", "the HEAD answer", |t| {
            t.contains("Content-Length: 1024") && t.contains("text/csv")
        })
        .await?;

    // A HAR of two entries: the 204 is read first, and the other can be chosen.
    let har = r#"{"log": {"version": "1.2", "entries": [
      {"request": {"method": "GET", "url": "https://api.example.com/items", "headers": []},
       "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1",
         "headers": [{"name": "Content-Type", "value": "text/html"}, {"name": "Content-Length", "value": "45"}],
         "content": {"size": 45, "mimeType": "text/html", "text": "<script>window.__pasted = 1</script><b>hi</b>"}}},
      {"request": {"method": "DELETE", "url": "https://api.example.com/items/42", "headers": []},
       "response": {"status": 204, "statusText": "No Content", "httpVersion": "HTTP/1.1",
         "headers": [{"name": "Server", "value": "nginx"}], "content": {"size": 0, "mimeType": "x-unknown"}}}]}}"#;
    let read = paste(browser, har).await?;
    assert!(
        read.contains("Read a HAR entry: 204 No Content") && read.contains("entry 2 was read"),
        "{read}"
    );
    assert_eq!(browser.value_of(status).await?, "204");
    assert_eq!(browser.value_of(method).await?, "DELETE");
    assert_eq!(browser.value_of("#paste-entry").await?, "1");
    browser.click(r#"#paste-entry option[value="0"]"#).await?;
    let wire = browser
        .wait_for_text("#wire", "the other HAR entry", |t| t.contains("200 OK"))
        .await?;
    // The pasted body is text on the page, never markup that runs.
    assert!(
        wire.contains("<script>window.__pasted = 1</script>"),
        "{wire}"
    );
    let ran = browser.eval("return window.__pasted === undefined && document.querySelectorAll('#wire b, #wire script').length === 0;").await?;
    assert_eq!(ran, Value::Bool(true), "the pasted body became markup");

    // What cannot be read says where, and the composer keeps what it had.
    let read = paste(
        browser,
        "HTTP/1.1 204 No Content\nServer: x\nnot a header\n",
    )
    .await?;
    assert!(
        read.contains("Line 3 of the paste") && read.contains("not a header field"),
        "{read}"
    );
    assert!(read.contains("The composer is unchanged"), "{read}");
    assert_eq!(browser.value_of(status).await?, "200");
    assert_eq!(browser.value_of(method).await?, "GET");
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pasted_response_in_each_format_becomes_the_answer_as_written() -> Result<(), Error> {
    paste_formats(Engine::Chromium).await
}

async fn compare_statuses(engine: Engine) -> Result<(), Error> {
    let test = "comparing_statuses_shows_200_204_205_side_by_side_with_differences_marked";
    let Some(app) = App::open(engine, test).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    browser.click("#compare-toggle").await?;
    let table = browser
        .wait_for_text("#compare-table", "the three statuses", |t| {
            t.contains("200 OK") && t.contains("204 No Content") && t.contains("205 Reset Content")
        })
        .await?;
    assert!(table.contains("Content-Length: 0"), "{table}");
    let marked = |row: &str| {
        format!("return !!document.querySelector('#compare-table tr.differs[data-row=\"{row}\"]');")
    };
    // fetch() and XHR get an empty body from the 200 and a null one from the 204 and 205.
    for row in ["fetch()", "XMLHttpRequest", "wire", "findings"] {
        assert_eq!(
            browser.eval(&marked(row)).await?,
            Value::Bool(true),
            "row {row} is not marked"
        );
    }
    // Other statuses, typed.
    browser
        .type_into("#compare-statuses", "204 304", true)
        .await?;
    browser.click("#compare-apply").await?;
    let table = browser
        .wait_for_text("#compare-table", "204 and 304", |t| {
            t.contains("304 Not Modified") && !t.contains("200 OK")
        })
        .await?;
    assert!(table.contains("204 No Content"), "{table}");
    // A bad code says which, and the table stays as it was.
    browser
        .type_into("#compare-statuses", "204 2x4", true)
        .await?;
    browser.click("#compare-apply").await?;
    browser
        .wait_for_text("#compare-problem", "the message", |t| t.contains("\"2x4\""))
        .await?;
    assert!(browser
        .text_of("#compare-table")
        .await?
        .contains("304 Not Modified"));
    // The table follows the composer: a 204 with a body shows the body in the 204 column.
    browser
        .click(r#".gallery-item[data-id="keepalive-204-body"]"#)
        .await?;
    browser
        .wait_for_text("#compare-table", "the body after the 204", |t| {
            t.contains("hello") && t.contains("LEFTOVER_BYTES")
        })
        .await?;
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn comparing_statuses_shows_200_204_205_side_by_side_with_differences_marked(
) -> Result<(), Error> {
    compare_statuses(Engine::Chromium).await
}

async fn terms(engine: Engine) -> Result<(), Error> {
    let test = "words_are_explained_on_focus_and_hover_and_in_the_glossary";
    let Some(app) = App::open(engine, test).await? else {
        return Ok(());
    };
    let browser = &app.browser;
    let shown = |css: &str| {
        format!("const t = document.querySelector('{css}'); return !!t && getComputedStyle(t).display !== 'none';")
    };
    let tip = "#response .legend .term-tip";
    assert_eq!(
        browser.eval(&shown(tip)).await?,
        Value::Bool(false),
        "the tooltip shows unasked"
    );
    // Focus, as the Tab key would give it.
    browser
        .eval("document.querySelector('#response .legend .term-word').focus(); return true;")
        .await?;
    browser
        .wait_for_eval(&shown(tip), "the tooltip on focus", |v| {
            v == &Value::Bool(true)
        })
        .await?;
    let text = browser.text_of(tip).await?;
    assert!(
        text.contains("Leftover bytes") && text.contains("next response"),
        "{text}"
    );
    // Escape hides it without moving the focus.
    browser
        .type_into("#response .legend .term-word", "\u{E00C}", false)
        .await?;
    browser
        .wait_for_eval(&shown(tip), "the tooltip hidden by Escape", |v| {
            v == &Value::Bool(false)
        })
        .await?;
    // The glossary lists every term.
    browser.click("#glossary > summary").await?;
    let glossary = browser
        .wait_for_text("#glossary", "the glossary", |t| {
            t.contains("Heuristic freshness")
        })
        .await?;
    for term in [
        "Framing",
        "Leftover bytes",
        "Null body status",
        "CORS preflight",
        "Conforming server",
    ] {
        assert!(
            glossary.contains(term),
            "{term} is not in the glossary: {glossary}"
        );
    }
    app.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn words_are_explained_on_focus_and_hover_and_in_the_glossary() -> Result<(), Error> {
    terms(Engine::Chromium).await
}
