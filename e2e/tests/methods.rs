//! The method each browser client really sends for the one typed in the composer, measured in
//! each engine against the model: a form sends POST for `post` in any case, GET for anything
//! else and nothing for `dialog` (`method::sent_by`, `Scenario::input_errors`); `fetch()` and
//! XMLHttpRequest refuse a method that is not a token, or a forbidden one, before anything
//! is sent, with the errors the `Behaviour` rows name (`refused_method`).

use std::time::Duration;

use nocontent_e2e::raw::{RawServer, Reply};
use nocontent_e2e::session::start_or_skip;
use nocontent_e2e::{Engine, Error};
use nocontent_engine::method;
use nocontent_engine::scenario::ClientKind;
use serde_json::Value;

const WAIT: Duration = Duration::from_secs(10);

async fn methods(engine: Engine) -> Result<(), Error> {
    let Some(browser) = start_or_skip(engine, "the methods test").await? else {
        return Ok(());
    };
    let server = RawServer::start();
    browser.goto(&server.url("/")).await?;
    let forms = ["delete", "PoSt", "get", "PUT", "patch", "", "dialog"];
    for (i, typed) in forms.iter().enumerate() {
        // A GET form replaces the action's query with its fields, so each case has a path;
        // a 204 leaves the page where it is, so one page submits every form.
        let path = format!("/m/form{i}");
        server.route(&path, None, Reply::framed("204 No Content", &[], ""));
        browser
            .eval_with(
                "const f = document.createElement('form');
                 f.setAttribute('method', arguments[0]);
                 f.action = arguments[1];
                 const i = document.createElement('input');
                 i.name = 'a'; i.value = 'b';
                 f.append(i);
                 document.body.append(f);
                 try { f.submit(); } catch (e) { /* Firefox throws for a dialog form */ }
                 return true;",
                vec![Value::from(*typed), Value::from(path.clone())],
            )
            .await?;
        if *typed == "dialog" {
            continue;
        }
        let expected = method::sent_by(ClientKind::Form, typed).method;
        // A POST form sends its fields as the body; a GET form in the query.
        let target = if expected == "POST" {
            path.clone()
        } else {
            format!("{path}?a=b")
        };
        let seen = server.wait_request_async(&expected, &target, WAIT).await;
        assert!(
            seen.is_some(),
            "{engine}: a form with method={typed:?} did not send {expected} {target}; the server saw {:?}",
            server.requests().iter().map(|s| format!("{} {}", s.method, s.target)).collect::<Vec<_>>()
        );
    }

    let b = engine.behaviour();
    for typed in [
        "GE T", "", "CONNECT", "connect", "TRACE", "TRACK", "trace", "patch",
    ] {
        let fetched = browser
            .eval_async(
                "const done = arguments[arguments.length - 1];
                 try {
                   fetch('/m/fetch', { method: arguments[0] })
                     .then(() => done('resolves'), e => done(e.name + ': ' + e.message));
                 } catch (e) { done('throws ' + e.name + ': ' + e.message); }",
                vec![Value::from(typed)],
            )
            .await?;
        let opened = browser
            .eval_with(
                "const x = new XMLHttpRequest();
                 try { x.open(arguments[0], '/m/xhr'); return 'opens'; }
                 catch (e) { return e.name + ': ' + e.message; }",
                vec![Value::from(typed)],
            )
            .await?;
        let (fetch_expected, xhr_expected) = match method::refusal(typed) {
            Some(r) => (
                b.refused_method.error(true, r, typed),
                b.refused_method.error(false, r, typed),
            ),
            None => ("resolves".to_string(), "opens".to_string()),
        };
        assert_eq!(
            fetched,
            Value::from(fetch_expected),
            "{engine}: fetch() with {typed:?}"
        );
        assert_eq!(
            opened,
            Value::from(xhr_expected),
            "{engine}: xhr.open() with {typed:?}"
        );
    }
    // After every refusal, only the one method that was allowed reached the server, and the
    // dialog form sent nothing.
    let sent: Vec<String> = server
        .requests()
        .iter()
        .filter(|s| {
            s.path.starts_with("/m/fetch") || s.path.starts_with("/m/xhr") || s.path == "/m/form6"
        })
        .map(|s| format!("{} {}", s.method, s.target))
        .collect();
    assert_eq!(sent, ["patch /m/fetch"], "{engine}");
    browser.close().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn chromium() -> Result<(), Error> {
    methods(Engine::Chromium).await
}

#[tokio::test(flavor = "multi_thread")]
async fn firefox() -> Result<(), Error> {
    methods(Engine::Firefox).await
}

#[tokio::test(flavor = "multi_thread")]
async fn webkit() -> Result<(), Error> {
    methods(Engine::Webkit).await
}
