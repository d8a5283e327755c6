//! Real-browser proof of the engine's Chromium column, for every catalog scenario.
//!
//! Each scenario's response goes out byte for byte (`exchange.wire`) from a loopback raw-socket
//! server (the harness's `raw`), headless Chromium makes the request from a page served by that same
//! server, and what Chromium actually does is compared with the Chromium side of the engine's
//! outcomes. Every mismatch is collected and reported with the scenario id and the field, so one
//! run shows them all.
//!
//! Aspects, one test each (each with its own browser and server):
//! - fetch(): rejects, status, ok, statusText, body === null, text(), json(), headers, and
//!   whether the connection was reused for the next request (every scenario but preflights);
//! - XMLHttpRequest: status, statusText, load vs error, responseText, response (same scenarios);
//! - navigations (form, link / location, iframe scenarios): document replaced, form reset,
//!   history entry, URL, iframe load event, each with a control navigation to a 200 that must
//!   show the opposite, so the checks can fail;
//! - CORS preflights: from the page's origin to a second server on another port.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use nocontent_e2e::probes::{IFRAME_SETUP, IFRAME_STATE, TOP_STATE};
use nocontent_e2e::raw::{rewrite_allow_origin, RawServer, Reply, Seen, MARKER, OK_BODY};
use nocontent_e2e::session::start_or_skip;
use nocontent_e2e::{Browser, Engine, Error, PATIENCE};
use nocontent_engine::catalog::catalog;
use nocontent_engine::simulate;
use serde_json::{json, Value};

/// A body or a script callback that has not settled after this long counts as pending.
const PENDING_AFTER_MS: u64 = 3000;

/// After the server has seen (and answered) a navigation request, how long to watch for the
/// document to be replaced. An aborted navigation fires no event, so "not replaced" can only
/// be concluded after a bound; each test's control navigation to a 200 shows that a real
/// replacement is seen well within it.
const SETTLE: Duration = Duration::from_millis(1500);

/// How long a closed connection may take to be noticed (Chromium closes within milliseconds).
const CLOSE_PATIENCE: Duration = Duration::from_secs(5);

/// One catalog scenario with the engine's exchange, as JSON.
struct Case {
    id: &'static str,
    /// `client.kind` as in the scenario JSON: fetch, xhr, form, navigation, iframe, …
    kind: String,
    /// `client.response_type`: text, json, arraybuffer, blob or document.
    response_type: String,
    ex: Value,
}

impl Case {
    fn route(&self) -> String {
        format!("/s/{}", self.id)
    }

    /// A target unique to this scenario and aspect, so no cache or log entry is shared.
    fn target(&self, aspect: &str) -> String {
        format!("/s/{}?k={aspect}", self.id)
    }

    fn method(&self) -> &str {
        self.ex["request"]["method"].as_str().unwrap_or("GET")
    }

    fn body(&self) -> &str {
        self.ex["request"]["body"].as_str().unwrap_or("")
    }

    /// The body as a script can send it: none for GET and HEAD.
    fn script_body(&self) -> Value {
        if matches!(self.method(), "GET" | "HEAD") {
            Value::Null
        } else {
            Value::String(self.body().to_string())
        }
    }

    fn headers(&self) -> Vec<(String, String)> {
        self.ex["request"]["headers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|pair| Some((pair[0].as_str()?.to_string(), pair[1].as_str()?.to_string())))
            .collect()
    }

    /// The request headers a script may set (the browser forbids Host, Content-Length, …).
    fn script_headers(&self) -> Value {
        let allowed: Vec<Value> = self
            .headers()
            .into_iter()
            .filter(|(name, _)| !nocontent_engine::wire::is_forbidden_request_header(name))
            .map(|(name, value)| json!([name, value]))
            .collect();
        Value::Array(allowed)
    }

    /// The exact response bytes, and whether the server closes after them.
    fn reply(&self) -> Reply {
        Reply::raw(self.wire().to_string(), self.server_closes())
    }

    fn wire(&self) -> &str {
        self.ex["wire"].as_str().expect("exchange.wire is text")
    }

    fn server_closes(&self) -> bool {
        self.ex["framing"]["server_closes"]
            .as_bool()
            .unwrap_or(false)
    }

    fn outcome(&self, group: &str, field: &str) -> &Value {
        chromium(&self.ex["outcomes"][group][field])
    }
}

fn cases() -> Vec<Case> {
    catalog()
        .into_iter()
        .map(|entry| {
            let scenario = serde_json::to_value(&entry.scenario).expect("scenario serializes");
            let exchange = simulate(&entry.scenario).unwrap_or_else(|e| {
                panic!("catalog scenario {} does not simulate: {e:?}", entry.id)
            });
            Case {
                id: entry.id,
                kind: scenario["client"]["kind"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                response_type: scenario["client"]["response_type"]
                    .as_str()
                    .unwrap_or("text")
                    .to_string(),
                ex: serde_json::to_value(&exchange).expect("exchange serializes"),
            }
        })
        .collect()
}

/// The Chromium side of a claim: `v["chromium"]` when the columns differ (an object with
/// exactly the keys `spec`, `chromium`, `firefox` and `webkit`), else the agreed value itself.
fn chromium(v: &Value) -> &Value {
    match v.as_object() {
        Some(map)
            if map.len() == 4
                && ["spec", "chromium", "firefox", "webkit"]
                    .iter()
                    .all(|k| map.contains_key(*k)) =>
        {
            &v["chromium"]
        }
        _ => v,
    }
}

/// Collects mismatches so one run reports all of them.
struct Report {
    aspect: &'static str,
    checked: usize,
    failures: Vec<String>,
}

impl Report {
    fn new(aspect: &'static str) -> Report {
        Report {
            aspect,
            checked: 0,
            failures: Vec::new(),
        }
    }

    /// Compares one engine claim (its Chromium side) with what Chromium did.
    fn check(&mut self, id: &str, field: &str, engine: &Value, observed: &Value) {
        self.checked += 1;
        if engine == observed {
            println!("  ok   {id}: {field} = {observed}");
        } else {
            println!("  FAIL {id}: {field}: engine {engine}, Chromium {observed}");
            self.failures.push(format!(
                "{id}: {field}: the engine's Chromium column says {engine}, Chromium 156 did {observed}"
            ));
        }
    }

    /// A problem with the test itself or its request, not with an engine claim.
    fn harness(&mut self, id: &str, problem: String) {
        println!("  FAIL {id}: {problem}");
        self.failures.push(format!("{id}: {problem}"));
    }

    fn finish(self) {
        println!(
            "{}: {} comparisons, {} failures",
            self.aspect,
            self.checked,
            self.failures.len()
        );
        assert!(
            self.failures.is_empty(),
            "{}: {} of {} checks failed:\n{}",
            self.aspect,
            self.failures.len(),
            self.checked,
            self.failures.join("\n")
        );
    }
}

/// Runs a blocking wait on the server's log without stalling the async runtime.
fn blocking<T>(f: impl FnOnce() -> T) -> T {
    tokio::task::block_in_place(f)
}

/// Runs an async script; the last argument it gets is the callback.
async fn run_async(browser: &Browser, script: &str, args: Value) -> Value {
    browser
        .eval_async(script, vec![args])
        .await
        .unwrap_or_else(|e| panic!("{e}\n{script}"))
}

/// Loads the test page from `server` and waits for its marker.
async fn open_page(browser: &Browser, server: &RawServer) {
    browser
        .goto(&server.url("/"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let marker = browser
        .eval("return window.__marker;")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(marker, json!(MARKER), "the test page did not load");
}

/// A raw server answering the catalog cases that `keep` selects, and one browser; `None`
/// (after saying why) when the browser is missing and not required.
async fn serve_cases(
    engine: Engine,
    test: &str,
    keep: impl Fn(&Case) -> bool,
) -> Result<Option<(RawServer, Vec<Case>, Browser)>, Error> {
    let Some(browser) = start_or_skip(engine, test).await? else {
        return Ok(None);
    };
    let server = RawServer::start();
    let cases: Vec<Case> = cases().into_iter().filter(|c| keep(c)).collect();
    for case in &cases {
        server.route(&case.route(), None, case.reply());
    }
    Ok(Some((server, cases, browser)))
}

/// Checks that the server got the scenario's request as composed.
fn check_request(report: &mut Report, case: &Case, aspect: &str, seen: &Seen, with_headers: bool) {
    if seen.method != case.method() {
        report.harness(
            case.id,
            format!(
                "{aspect}: sent {} instead of {}",
                seen.method,
                case.method()
            ),
        );
    }
    if seen.body != case.script_body().as_str().unwrap_or("") {
        report.harness(
            case.id,
            format!(
                "{aspect}: sent body {:?} instead of {:?}",
                seen.body,
                case.body()
            ),
        );
    }
    if with_headers {
        for (name, value) in case
            .headers()
            .iter()
            .filter(|(n, _)| !nocontent_engine::wire::is_forbidden_request_header(n))
        {
            if seen.header(name) != Some(value.as_str()) {
                report.harness(
                    case.id,
                    format!(
                        "{aspect}: header {name} arrived as {:?}, not {value:?}",
                        seen.header(name)
                    ),
                );
            }
        }
    }
}

const FETCH_SCRIPT: &str = r#"
const [a, done] = arguments;
const settle = (p) => new Promise((resolve) => {
  const timer = setTimeout(() => resolve({pending: true}), a.pendingMs);
  p.then((v) => { clearTimeout(timer); resolve({value: v}); },
         (e) => { clearTimeout(timer); resolve({error: e.name, message: e.message}); });
});
(async () => {
  const init = {method: a.method, headers: a.headers, cache: 'no-store'};
  if (a.body !== null) init.body = a.body;
  let res;
  try {
    res = await fetch(a.url, init);
  } catch (e) {
    return {rejects: e.name + ': ' + e.message};
  }
  const copy = res.clone();
  const out = {
    rejects: null, status: res.status, ok: res.ok, status_text: res.statusText,
    body_null: res.body === null, headers: [...res.headers],
  };
  out.text = await settle(res.text());
  out.json = await settle(copy.json());
  try {
    const next = await fetch(a.next, {cache: 'no-store'});
    out.next = {status: next.status, text: await settle(next.text())};
  } catch (e) {
    out.next = {error: e.name + ': ' + e.message};
  }
  return out;
})().then(done, (e) => done({harness_error: String(e)}));
"#;

/// A script result (`{value}`, `{error, message}` or `{pending}`) in the engine's JsResult
/// shape: the exception's message is dropped, only its name is compared.
fn js_result(v: &Value) -> Value {
    match v.get("error") {
        Some(name) => json!({ "error": name }),
        None => v.clone(),
    }
}

async fn fetch_and_connection_reuse_match_the_chromium_column_in(
    engine: Engine,
) -> Result<(), Error> {
    let test = "fetch_and_connection_reuse_match_the_chromium_column";
    let Some((server, cases, browser)) =
        serve_cases(engine, test, |c| c.kind != "preflight").await?
    else {
        return Ok(());
    };
    open_page(&browser, &server).await;
    let mut report = Report::new("fetch");
    for case in &cases {
        println!(
            "fetch {} ({} {})",
            case.id,
            case.method(),
            case.target("fetch")
        );
        let target = case.target("fetch");
        let next = format!("/ok?k=after-{}", case.id);
        let got = run_async(
            &browser,
            FETCH_SCRIPT,
            json!({
                "url": server.url(&target),
                "next": server.url(&next),
                "method": case.method(),
                "headers": case.script_headers(),
                "body": case.script_body(),
                "pendingMs": PENDING_AFTER_MS,
            }),
        )
        .await;
        if let Some(e) = got.get("harness_error") {
            report.harness(case.id, format!("the fetch script failed: {e}"));
            continue;
        }
        let id = case.id;
        let fetch = &case.ex["outcomes"]["fetch"];
        report.check(id, "fetch.rejects", &fetch["rejects"], &got["rejects"]);
        if got["rejects"].is_null() {
            for field in ["status", "ok", "status_text", "body_null"] {
                report.check(
                    id,
                    &format!("fetch.{field}"),
                    chromium(&fetch[field]),
                    &got[field],
                );
            }
            for field in ["text", "json"] {
                if let Some(message) = got[field]["message"].as_str() {
                    println!("       ({field}() threw: {message})");
                }
                report.check(
                    id,
                    &format!("fetch.{field}"),
                    chromium(&fetch[field]),
                    &js_result(&got[field]),
                );
            }
            report.check(id, "fetch.headers", &fetch["headers"], &got["headers"]);
        }

        let Some(seen) = blocking(|| server.wait_target(&target, PATIENCE)) else {
            report.harness(id, format!("the server never saw {target}"));
            continue;
        };
        check_request(&mut report, case, "fetch", &seen, true);

        // Connection reuse: the second fetch went out only after the first one was read to the
        // end, so a reusable connection is idle in the pool and, being the most recently used,
        // is the one Chromium picks. Arriving on the same connection proves reuse; a different
        // connection counts as "not reused" only if Chromium also closed the first one.
        let Some(reusable) = case.outcome("connection", "reusable").as_bool() else {
            continue;
        };
        if got["next"]["status"] != json!(200) || got["next"]["text"] != json!({ "value": OK_BODY })
        {
            report.harness(
                id,
                format!("the follow-up fetch of /ok failed: {}", got["next"]),
            );
        }
        let Some(after) = blocking(|| server.wait_target(&next, PATIENCE)) else {
            report.harness(id, format!("the server never saw the follow-up {next}"));
            continue;
        };
        let observed = if after.conn == seen.conn {
            Some(true)
        } else if case.server_closes()
            || blocking(|| server.wait_client_closed(seen.conn, CLOSE_PATIENCE))
        {
            Some(false)
        } else {
            None
        };
        println!(
            "       (scenario on connection {} request #{}, follow-up on connection {} request #{})",
            seen.conn, seen.index, after.conn, after.index
        );
        match observed {
            Some(observed) => report.check(id, "connection.reusable", &json!(reusable), &json!(observed)),
            None => report.harness(
                id,
                format!(
                    "connection.reusable: inconclusive: the follow-up used connection {} while connection {} stayed open",
                    after.conn, seen.conn
                ),
            ),
        }
    }
    browser.close().await;
    report.finish();
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn fetch_and_connection_reuse_match_the_chromium_column() -> Result<(), Error> {
    fetch_and_connection_reuse_match_the_chromium_column_in(Engine::Chromium).await
}

const XHR_SCRIPT: &str = r#"
const [a, done] = arguments;
const x = new XMLHttpRequest();
x.open(a.method, a.url);
x.responseType = a.responseType;
for (const [name, value] of a.headers) x.setRequestHeader(name, value);
let finished = false;
const view = (r) => {
  if (r === null || r === undefined) return null;
  switch (a.responseType) {
    case 'arraybuffer': return {byte_length: r.byteLength};
    case 'blob': return {size: r.size, type: r.type};
    case 'document': return 'Document';
    default: return r;
  }
};
const end = (event) => {
  if (finished) return;
  finished = true;
  clearTimeout(timer);
  let text;
  try { text = {value: x.responseText}; } catch (e) { text = {error: e.name, message: e.message}; }
  done({event, status: x.status, status_text: x.statusText, response_text: text, response: {value: view(x.response)}});
};
const timer = setTimeout(() => {
  if (finished) return;
  finished = true;
  const out = {event: 'pending', status: x.status, status_text: x.statusText,
               response_text: {pending: true}, response: {pending: true}};
  x.abort();
  done(out);
}, a.pendingMs);
x.addEventListener('load', () => end('load'));
x.addEventListener('error', () => end('error'));
x.send(a.body);
"#;

async fn xhr_matches_the_chromium_column_in(engine: Engine) -> Result<(), Error> {
    let test = "xhr_matches_the_chromium_column";
    let Some((server, cases, browser)) =
        serve_cases(engine, test, |c| c.kind != "preflight").await?
    else {
        return Ok(());
    };
    open_page(&browser, &server).await;
    let mut report = Report::new("xhr");
    for case in &cases {
        let id = case.id;
        // The DOM spells the default responseType as the empty string.
        let response_type = if case.response_type == "text" {
            ""
        } else {
            case.response_type.as_str()
        };
        let target = case.target("xhr");
        println!(
            "xhr {id} ({} {target}, responseType {response_type:?})",
            case.method()
        );
        let got = run_async(
            &browser,
            XHR_SCRIPT,
            json!({
                "url": server.url(&target),
                "method": case.method(),
                "headers": case.script_headers(),
                "body": case.script_body(),
                "responseType": response_type,
                "pendingMs": PENDING_AFTER_MS,
            }),
        )
        .await;
        let xhr = &case.ex["outcomes"]["xhr"];
        report.check(id, "xhr.status", chromium(&xhr["status"]), &got["status"]);
        report.check(
            id,
            "xhr.status_text",
            chromium(&xhr["status_text"]),
            &got["status_text"],
        );
        report.check(
            id,
            "xhr.load_event",
            chromium(&xhr["load_event"]),
            &json!(got["event"] == "load"),
        );
        if let Some(message) = got["response_text"]["message"].as_str() {
            println!("       (responseText threw: {message})");
        }
        report.check(
            id,
            "xhr.response_text",
            chromium(&xhr["response_text"]),
            &js_result(&got["response_text"]),
        );
        report.check(
            id,
            "xhr.response",
            chromium(&xhr["response"]),
            &got["response"],
        );
        match blocking(|| server.wait_target(&target, PATIENCE)) {
            Some(seen) => check_request(&mut report, case, "xhr", &seen, true),
            None => report.harness(id, format!("the server never saw {target}")),
        }
    }
    browser.close().await;
    report.finish();
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn xhr_matches_the_chromium_column() -> Result<(), Error> {
    xhr_matches_the_chromium_column_in(Engine::Chromium).await
}

/// How a navigation is started.
enum Trigger {
    /// Submit the page's form: type `typed` into its input (named `name`), then click submit.
    Form {
        method: String,
        enctype: String,
        name: String,
        typed: String,
    },
    /// `location.href = url`.
    Location,
    /// Click a link to the URL.
    Link,
    /// Point an existing iframe (showing `/ok`) at the URL.
    Iframe,
}

impl Trigger {
    fn label(&self) -> &'static str {
        match self {
            Trigger::Form { .. } => "form",
            Trigger::Location => "location.href",
            Trigger::Link => "link",
            Trigger::Iframe => "iframe",
        }
    }
}

/// What a navigation did, as seen from the page afterwards.
#[derive(Debug)]
struct Landed {
    request: Option<Seen>,
    /// The document (the top one, or the iframe's for an iframe) is no longer the original.
    replaced: bool,
    history_before: i64,
    history_after: i64,
    url_before: String,
    url_after: String,
    /// The form input's value afterwards (top-level navigations whose document stayed).
    input_value: Option<String>,
    /// Number of iframe load events after the src change (iframe only).
    iframe_loads: Option<i64>,
}

/// Runs `script` and returns its value, or `None` while a navigation makes scripts fail.
async fn try_eval(browser: &Browser, script: &str, args: Vec<Value>) -> Option<Value> {
    browser.client.execute(script, args).await.ok()
}

/// Opens the page, starts a navigation to `target` on `server`, waits until the server has
/// seen the request, then watches for up to [`SETTLE`] for the document to be replaced (for
/// an iframe: for its load event), and reports the page's state.
async fn navigate(
    browser: &Browser,
    server: &RawServer,
    trigger: &Trigger,
    target: &str,
) -> Result<Landed, String> {
    open_page(browser, server).await;
    let url = server.url(target);
    let (history_before, url_before) = if let Trigger::Iframe = trigger {
        let base = server.url(&format!(
            "/ok?k=frame-base-{}",
            target.replace(['/', '?', '='], "-")
        ));
        let setup = run_async(browser, IFRAME_SETUP, json!(base)).await;
        if let Some(e) = setup.get("error") {
            return Err(format!("iframe setup: {e}"));
        }
        (
            setup["history"].as_i64().unwrap_or(-1),
            setup["url"].as_str().unwrap_or_default().to_string(),
        )
    } else {
        let before = browser
            .client
            .execute(TOP_STATE, vec![json!(MARKER)])
            .await
            .map_err(|e| e.to_string())?;
        (
            before["history"].as_i64().unwrap_or(-1),
            before["url"].as_str().unwrap_or_default().to_string(),
        )
    };

    // Starting a navigation can make the WebDriver command itself report an error while the
    // page changes; the outcome is judged from the server log and the page state below.
    match trigger {
        Trigger::Form {
            method,
            enctype,
            name,
            typed,
        } => {
            browser
                .client
                .execute(
                    "const f = document.getElementById('f'); f.action = arguments[0]; f.method = arguments[1]; \
                     f.enctype = arguments[2]; document.getElementById('t').name = arguments[3];",
                    vec![json!(url), json!(method), json!(enctype), json!(name)],
                )
                .await
                .map_err(|e| format!("form setup: {e}"))?;
            let input = browser
                .client
                .find(Locator::Css("#t"))
                .await
                .map_err(|e| e.to_string())?;
            input
                .send_keys(typed)
                .await
                .map_err(|e| format!("typing: {e}"))?;
            let button = browser
                .client
                .find(Locator::Css("#submit"))
                .await
                .map_err(|e| e.to_string())?;
            let _ = button.click().await;
        }
        Trigger::Location => {
            let _ = browser
                .client
                .execute("location.href = arguments[0];", vec![json!(url)])
                .await;
        }
        Trigger::Link => {
            browser
                .client
                .execute(
                    "document.getElementById('lnk').href = arguments[0];",
                    vec![json!(url)],
                )
                .await
                .map_err(|e| format!("link setup: {e}"))?;
            let link = browser
                .client
                .find(Locator::Css("#lnk"))
                .await
                .map_err(|e| e.to_string())?;
            let _ = link.click().await;
        }
        Trigger::Iframe => {
            let _ = browser
                .client
                .execute(
                    "document.getElementById('frame').src = arguments[0];",
                    vec![json!(url)],
                )
                .await;
        }
    }

    let request = blocking(|| server.wait_target(target, PATIENCE));
    if request.is_none() {
        return Err(format!(
            "the server never saw the navigation request {target}"
        ));
    }

    // Bounded settle: poll until the document is replaced (iframe: its load event fired) or
    // SETTLE has passed since the server answered.
    let deadline = Instant::now() + SETTLE;
    let mut state;
    loop {
        state = match trigger {
            Trigger::Iframe => try_eval(browser, IFRAME_STATE, vec![]).await,
            _ => try_eval(browser, TOP_STATE, vec![json!(MARKER)]).await,
        };
        let done = match (&state, trigger) {
            (Some(s), Trigger::Iframe) => s["loads"].as_i64().unwrap_or(0) > 0,
            (Some(s), _) => s["marker"] == json!(false) && s["ready"] == json!("complete"),
            (None, _) => false,
        };
        if done || Instant::now() >= deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // A replacement that was caught mid-load: wait (bounded) for the new document to finish.
    let wait_until = Instant::now() + PATIENCE;
    while !matches!(trigger, Trigger::Iframe)
        && state
            .as_ref()
            .is_none_or(|s| s["marker"] == json!(false) && s["ready"] != json!("complete"))
        && Instant::now() < wait_until
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
        state = try_eval(browser, TOP_STATE, vec![json!(MARKER)]).await;
    }
    let state = state.ok_or("the page never answered a script after the navigation")?;
    let replaced = state["marker"] == json!(false);
    Ok(Landed {
        request,
        replaced,
        history_before,
        history_after: state["history"].as_i64().unwrap_or(-1),
        url_before,
        url_after: state["url"].as_str().unwrap_or_default().to_string(),
        input_value: if replaced {
            None
        } else {
            state["value"].as_str().map(str::to_string)
        },
        iframe_loads: state["loads"].as_i64(),
    })
}

/// Decodes one `application/x-www-form-urlencoded` component.
fn form_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The form trigger for a scenario: the form's method and enctype from the request, and one
/// input named and filled from the single field of its urlencoded body, so that Chromium's
/// submission reproduces the scenario's body exactly.
fn form_trigger(case: &Case) -> (Trigger, bool) {
    let content_type = case
        .headers()
        .into_iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.to_ascii_lowercase())
        .unwrap_or_default();
    let enctype = ["multipart/form-data", "text/plain"]
        .into_iter()
        .find(|t| content_type.starts_with(t))
        .unwrap_or("application/x-www-form-urlencoded");
    let single = (enctype == "application/x-www-form-urlencoded" && !case.body().contains('&'))
        .then(|| case.body().split_once('='))
        .flatten();
    let (name, typed, exact) = match single {
        Some((name, value)) => (form_decode(name), form_decode(value), true),
        None => ("t".to_string(), "typed-text".to_string(), false),
    };
    let trigger = Trigger::Form {
        method: case.method().to_ascii_lowercase(),
        enctype: enctype.to_string(),
        name,
        typed,
    };
    (trigger, exact)
}

/// Compares one navigation with the engine's navigation outcome (Chromium side).
fn check_navigation(report: &mut Report, case: &Case, trigger: &Trigger, seen: &Landed) {
    let id = case.id;
    let how = trigger.label();
    let field = |name: &str| format!("navigation.{name} ({how})");
    report.check(
        id,
        &field("document_replaced"),
        case.outcome("navigation", "document_replaced"),
        &json!(seen.replaced),
    );
    report.check(
        id,
        &field("history_entry_added"),
        case.outcome("navigation", "history_entry_added"),
        &json!(seen.history_after > seen.history_before),
    );
    report.check(
        id,
        &field("url_changed"),
        case.outcome("navigation", "url_changed"),
        &json!(seen.url_after != seen.url_before),
    );
    if let Trigger::Form { typed, .. } = trigger {
        // Only meaningful while the document (and so the form) is still there.
        match &seen.input_value {
            Some(value) => report.check(
                id,
                &field("form_reset"),
                case.outcome("navigation", "form_reset"),
                &json!(value != typed),
            ),
            None => report.harness(
                id,
                format!(
                    "{}: no form left to inspect (document replaced)",
                    field("form_reset")
                ),
            ),
        }
    }
    if let Trigger::Iframe = trigger {
        report.check(
            id,
            &field("iframe_load_event"),
            case.outcome("navigation", "iframe_load_event"),
            &json!(seen.iframe_loads.unwrap_or(0) > 0),
        );
    }
}

async fn navigations_match_the_chromium_column_in(engine: Engine) -> Result<(), Error> {
    let test = "navigations_match_the_chromium_column";
    let Some((server, cases, browser)) = serve_cases(engine, test, |c| {
        matches!(c.kind.as_str(), "form" | "navigation" | "iframe")
    })
    .await?
    else {
        return Ok(());
    };
    assert!(!cases.is_empty(), "the catalog has no navigation scenarios");
    let mut report = Report::new("navigation");

    // Controls: the same triggers aimed at a plain 200 must replace the document (iframe: fire
    // load), add a history entry and change the URL, or the observations below mean nothing.
    let controls = [
        Trigger::Form {
            method: "post".into(),
            enctype: "application/x-www-form-urlencoded".into(),
            name: "t".into(),
            typed: "typed-text".into(),
        },
        Trigger::Location,
        Trigger::Link,
        Trigger::Iframe,
    ];
    for trigger in &controls {
        let target = format!("/ok?k=control-{}", trigger.label().replace('.', "-"));
        println!("navigation control ({}) to {target}", trigger.label());
        match navigate(&browser, &server, trigger, &target).await {
            Ok(seen) => {
                let loaded =
                    !matches!(trigger, Trigger::Iframe) || seen.iframe_loads.unwrap_or(0) > 0;
                if seen.replaced
                    && loaded
                    && seen.history_after > seen.history_before
                    && seen.url_after != seen.url_before
                {
                    println!(
                        "  ok   control ({}): replaced, history +1, URL changed",
                        trigger.label()
                    );
                } else {
                    report.harness(
                        "control",
                        format!(
                            "{} to a 200 did not visibly navigate: {seen:?}",
                            trigger.label()
                        ),
                    );
                }
            }
            Err(e) => report.harness("control", format!("{}: {e}", trigger.label())),
        }
    }

    for case in &cases {
        let triggers: Vec<(Trigger, bool)> = match case.kind.as_str() {
            "form" => vec![form_trigger(case)],
            "navigation" => vec![(Trigger::Location, true), (Trigger::Link, true)],
            _ => vec![(Trigger::Iframe, true)],
        };
        for (trigger, exact_body) in &triggers {
            let target = case.target(&trigger.label().replace('.', "-"));
            println!("navigation {} ({}) to {target}", case.id, trigger.label());
            let seen = match navigate(&browser, &server, trigger, &target).await {
                Ok(seen) => seen,
                Err(e) => {
                    report.harness(case.id, format!("{}: {e}", trigger.label()));
                    continue;
                }
            };
            if let Some(request) = &seen.request {
                if let Trigger::Form { method, .. } = trigger {
                    if !request.method.eq_ignore_ascii_case(method) {
                        report.harness(
                            case.id,
                            format!("form: sent {} instead of {method}", request.method),
                        );
                    }
                    if *exact_body && request.body != case.body() {
                        report.harness(
                            case.id,
                            format!(
                                "form: sent body {:?} instead of {:?}",
                                request.body,
                                case.body()
                            ),
                        );
                    }
                }
            }
            check_navigation(&mut report, case, trigger, &seen);
        }
    }
    browser.close().await;
    report.finish();
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn navigations_match_the_chromium_column() -> Result<(), Error> {
    navigations_match_the_chromium_column_in(Engine::Chromium).await
}

const PREFLIGHT_SCRIPT: &str = r#"
const [a, done] = arguments;
const init = {method: a.method, headers: a.headers, cache: 'no-store'};
if (a.body !== null) init.body = a.body;
fetch(a.url, init)
  .then(async (r) => done({rejects: null, status: r.status, text: await r.text()}),
        (e) => done({rejects: e.name + ': ' + e.message}));
"#;

async fn preflights_match_the_chromium_column_in(engine: Engine) -> Result<(), Error> {
    let test = "preflights_match_the_chromium_column";
    let Some(browser) = start_or_skip(engine, test).await? else {
        return Ok(());
    };
    let page = RawServer::start();
    let other = RawServer::start();
    let cases: Vec<Case> = cases()
        .into_iter()
        .filter(|c| c.kind == "preflight")
        .collect();
    assert!(!cases.is_empty(), "the catalog has no preflight scenarios");
    for case in &cases {
        // The scenario's bytes answer the OPTIONS preflight, with the documentation origin in
        // Access-Control-Allow-Origin swapped for the real page origin (see
        // `rewrite_allow_origin`). The actual request then gets a plain CORS-enabled 200.
        let wire = rewrite_allow_origin(
            case.wire(),
            nocontent_engine::wire::PAGE_ORIGIN,
            &page.origin(),
        );
        other.route(
            &case.route(),
            Some("OPTIONS"),
            Reply::raw(wire, case.server_closes()),
        );
        other.route(
            &case.route(),
            Some(case.method()),
            Reply::framed(
                "200 OK",
                &[
                    ("Access-Control-Allow-Origin", &page.origin()),
                    ("Content-Type", "text/plain"),
                ],
                "put-ok",
            ),
        );
    }
    open_page(&browser, &page).await;
    let mut report = Report::new("preflight");
    for case in &cases {
        let id = case.id;
        let target = case.target("preflight");
        println!(
            "preflight {id} ({} {} from {})",
            case.method(),
            other.url(&target),
            page.origin()
        );
        let got = run_async(
            &browser,
            PREFLIGHT_SCRIPT,
            json!({
                "url": other.url(&target),
                "method": case.method(),
                "headers": case.script_headers(),
                "body": case.script_body(),
            }),
        )
        .await;
        // The fetch has settled: a preflight, if any, and the actual request (if it was sent)
        // are in the log by now; the wait only covers the server thread's bookkeeping.
        let preflight = &case.ex["outcomes"]["preflight"];
        let options = blocking(|| other.wait_request("OPTIONS", &target, Duration::from_secs(2)));
        report.check(
            id,
            "preflight.needed",
            &preflight["needed"],
            &json!(options.is_some()),
        );
        if let Some(options) = &options {
            report.check(
                id,
                "preflight.request_method",
                &preflight["request_method"],
                &json!(options.header("access-control-request-method")),
            );
            let asked: Vec<String> = options
                .header("access-control-request-headers")
                .map(|v| v.split(',').map(|h| h.trim().to_string()).collect())
                .unwrap_or_default();
            report.check(
                id,
                "preflight.request_headers",
                &preflight["request_headers"],
                &json!(asked),
            );
        }
        let actual = if got["rejects"].is_null() {
            blocking(|| other.wait_request(case.method(), &target, Duration::from_secs(2)))
        } else {
            other
                .requests()
                .into_iter()
                .find(|r| r.method == case.method() && r.target == target)
        };
        let passes = got["rejects"].is_null() && actual.is_some();
        println!(
            "       (page saw {got}; actual request arrived: {})",
            actual.is_some()
        );
        report.check(
            id,
            "preflight.passes",
            chromium(&preflight["passes"]),
            &json!(passes),
        );
        if passes {
            if got["status"] != json!(200) || got["text"] != json!("put-ok") {
                report.harness(
                    id,
                    format!("the actual request's answer did not reach the page: {got}"),
                );
            }
            if let Some(actual) = &actual {
                check_request(&mut report, case, "actual request", actual, true);
            }
        } else {
            report.check(
                id,
                "preflight failure (fetch rejects)",
                &json!("TypeError: Failed to fetch"),
                &got["rejects"],
            );
        }
    }
    browser.close().await;
    report.finish();
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn preflights_match_the_chromium_column() -> Result<(), Error> {
    preflights_match_the_chromium_column_in(Engine::Chromium).await
}

#[test]
fn the_allow_origin_rewrite_touches_only_that_header() {
    let wire = "HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: https://app.example.com\r\nX-Other: https://app.example.com\r\n\r\n";
    assert_eq!(
        rewrite_allow_origin(wire, "https://app.example.com", "http://127.0.0.1:9"),
        "HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: http://127.0.0.1:9\r\nX-Other: https://app.example.com\r\n\r\n"
    );
}

#[test]
fn chromium_picks_the_chromium_side_of_a_claim() {
    assert_eq!(
        chromium(&json!({"spec": true, "chromium": false, "firefox": true, "webkit": false})),
        &json!(false)
    );
    assert_eq!(chromium(&json!(true)), &json!(true));
    assert_eq!(chromium(&json!({"value": ""})), &json!({"value": ""}));
    assert_eq!(
        chromium(&json!({"spec": 1, "chromium": 2, "x": 3})),
        &json!({"spec": 1, "chromium": 2, "x": 3})
    );
}
