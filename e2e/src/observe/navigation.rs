//! Navigations: a form submitted by a real click, `location.href`, a clicked link, and an
//! iframe pointed at the URL; each watched from the page afterwards.
//!
//! An aborted navigation fires no event, so "the document stayed" can only be concluded after
//! a bound ([`SETTLE`]) counted from the moment the server answered; the control navigations
//! to a plain 200 show that a real replacement is seen well within it.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::{json, Value};

use super::{Case, NavigationSeen, Observation, Runner};
use crate::error::Error;
use crate::probes;
use crate::raw::MARKER;
use crate::PATIENCE;

/// After the server has seen (and answered) a navigation request, how long to watch for the
/// document to be replaced.
pub const SETTLE: Duration = Duration::from_millis(1500);

/// How long a replacing document may take to finish loading once it is seen.
pub const FINISH: Duration = Duration::from_secs(5);

/// Why a navigation could not be observed: after it, the page ran no script within the
/// bounds (WebKitGTK's driver runs none while a document is still loading).
pub const UNOBSERVABLE: &str = "the page never answered a script after the navigation";

/// How a navigation is started.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trigger {
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
    /// Point an existing iframe (showing a plain 200) at the URL.
    Iframe,
}

impl Trigger {
    pub fn label(&self) -> &'static str {
        match self {
            Trigger::Form { .. } => "form",
            Trigger::Location => "location.href",
            Trigger::Link => "link",
            Trigger::Iframe => "iframe",
        }
    }

    fn slug(&self) -> String {
        self.label().replace('.', "-")
    }

    /// The request target the server sees for a navigation to `target`: a GET form replaces
    /// the action's query with its fields (HTML, "mutate action URL").
    pub fn arrives_as(&self, target: &str) -> String {
        match self {
            Trigger::Form {
                method,
                name,
                typed,
                ..
            } if method.eq_ignore_ascii_case("get") => {
                let path = target.split('?').next().unwrap_or(target);
                let query: String = form_urlencoded::Serializer::new(String::new())
                    .append_pair(name, typed)
                    .finish();
                format!("{path}?{query}")
            }
            _ => target.to_string(),
        }
    }
}

/// The form trigger for a scenario: the form's method and enctype from the request, and one
/// input named and filled from the single field of its urlencoded body, so that the engine's
/// submission reproduces the scenario's body exactly. Returns whether it does.
pub fn form_trigger(case: &Case) -> (Trigger, bool) {
    let content_type = case
        .exchange
        .request
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.to_ascii_lowercase())
        .unwrap_or_default();
    let enctype = ["multipart/form-data", "text/plain"]
        .into_iter()
        .find(|t| content_type.starts_with(t))
        .unwrap_or("application/x-www-form-urlencoded");
    let fields: Vec<(String, String)> = form_urlencoded::parse(case.body().as_bytes())
        .into_owned()
        .collect();
    let single = match fields.as_slice() {
        [(name, value)] if enctype == "application/x-www-form-urlencoded" => {
            Some((name.clone(), value.clone()))
        }
        _ => None,
    };
    let exact = single.is_some();
    let (name, typed) = single.unwrap_or_else(|| ("t".to_string(), "typed-text".to_string()));
    let trigger = Trigger::Form {
        method: case.method().to_ascii_lowercase(),
        enctype: enctype.to_string(),
        name,
        typed,
    };
    (trigger, exact)
}

/// Runs `script` and returns its value, or `None` while a navigation makes scripts fail.
async fn try_eval(runner: &Runner<'_>, script: &str, args: Vec<Value>) -> Option<Value> {
    runner
        .browser
        .answered(
            "a navigation probe's script",
            runner.browser.client.execute(script, args),
        )
        .await
        .ok()
}

/// Opens the page, starts a navigation to `target` on the page server, waits until the server
/// has seen the request, then watches for up to [`SETTLE`] for the document to be replaced
/// (for an iframe: for its load event), and reports the page's state.
pub async fn navigate(
    runner: &Runner<'_>,
    trigger: &Trigger,
    target: &str,
) -> Result<NavigationSeen, Error> {
    let browser = runner.browser;
    let server = &runner.servers.page;
    browser.fresh_tab().await?;
    runner.open_page().await?;
    let url = server.url(target);
    let (history_before, url_before) = if let Trigger::Iframe = trigger {
        let base = server.url(&format!(
            "/ok?k=frame-base-{}",
            target.replace(['/', '?', '='], "-")
        ));
        let setup = browser
            .eval_async(probes::IFRAME_SETUP, vec![json!(base)])
            .await?;
        if let Some(e) = setup.get("error") {
            return Err(Error::new(format!("iframe setup: {e}")));
        }
        (
            setup["history"].as_i64().unwrap_or(-1),
            setup["url"].as_str().unwrap_or_default().to_string(),
        )
    } else {
        let before = browser
            .eval_with(probes::TOP_STATE, vec![json!(MARKER)])
            .await?;
        (
            before["history"].as_i64().unwrap_or(-1),
            before["url"].as_str().unwrap_or_default().to_string(),
        )
    };

    // Starting a navigation can make the WebDriver command itself report an error while the
    // page changes; the outcome is judged from the server log and the page state below.
    let mut typed_value = None;
    match trigger {
        Trigger::Form {
            method,
            enctype,
            name,
            typed,
        } => {
            browser
                .eval_with(
                    probes::FORM_SETUP,
                    vec![json!(url), json!(method), json!(enctype), json!(name)],
                )
                .await?;
            let input = browser
                .client
                .find(Locator::Css("#t"))
                .await
                .map_err(|e| Error::new(format!("no input: {e}")))?;
            input
                .send_keys(typed)
                .await
                .map_err(|e| Error::new(format!("typing: {e}")))?;
            typed_value = Some(typed.clone());
            let button = browser
                .client
                .find(Locator::Css("#submit"))
                .await
                .map_err(|e| Error::new(format!("no submit button: {e}")))?;
            let _ = button.click().await;
        }
        Trigger::Location => {
            let _ = browser
                .client
                .execute(probes::LOCATION, vec![json!(url)])
                .await;
        }
        Trigger::Link => {
            browser
                .eval_with(probes::LINK_SETUP, vec![json!(url)])
                .await?;
            let link = browser
                .client
                .find(Locator::Css("#lnk"))
                .await
                .map_err(|e| Error::new(format!("no link: {e}")))?;
            let _ = link.click().await;
        }
        Trigger::Iframe => {
            let _ = browser
                .client
                .execute(probes::IFRAME_POINT, vec![json!(url)])
                .await;
        }
    }

    let arrived = server
        .wait_target_async(&trigger.arrives_as(target), PATIENCE)
        .await;
    if arrived.is_none() {
        return Err(Error::new(format!(
            "the server never saw the navigation request {target}"
        )));
    }

    // Bounded settle: poll until the document is replaced (iframe: its load event fired) or
    // SETTLE has passed since the server answered.
    let deadline = Instant::now() + SETTLE;
    let mut state;
    loop {
        state = match trigger {
            Trigger::Iframe => try_eval(runner, probes::IFRAME_STATE, vec![]).await,
            _ => try_eval(runner, probes::TOP_STATE, vec![json!(MARKER)]).await,
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
    // Error pages may never report "complete" (Firefox's), so the bound is short; the state
    // read last is used either way.
    let wait_until = Instant::now() + FINISH;
    while !matches!(trigger, Trigger::Iframe)
        && state
            .as_ref()
            .is_none_or(|s| s["marker"] == json!(false) && s["ready"] != json!("complete"))
        && Instant::now() < wait_until
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
        state = try_eval(runner, probes::TOP_STATE, vec![json!(MARKER)]).await;
    }
    let Some(state) = state else {
        return Err(Error::new(UNOBSERVABLE));
    };
    let replaced = state["marker"] == json!(false);
    Ok(NavigationSeen {
        trigger: trigger.label().to_string(),
        target: target.to_string(),
        arrived: arrived.as_ref().map(Into::into),
        replaced,
        history_before,
        history_after: state["history"].as_i64().unwrap_or(-1),
        url_before,
        url_after: state["url"].as_str().unwrap_or_default().to_string(),
        input_value: if replaced || !matches!(trigger, Trigger::Form { .. }) {
            None
        } else {
            state["value"].as_str().map(str::to_string)
        },
        typed: typed_value,
        iframe_loads: state["loads"].as_i64(),
    })
}

/// The navigations of one scenario.
pub async fn observe(runner: &Runner<'_>, case: &Case, obs: &mut Observation) -> Result<(), Error> {
    let triggers: Vec<(Trigger, bool)> = match case.kind() {
        nocontent_engine::scenario::ClientKind::Form => vec![form_trigger(case)],
        nocontent_engine::scenario::ClientKind::Navigation => {
            vec![(Trigger::Location, true), (Trigger::Link, true)]
        }
        _ => vec![(Trigger::Iframe, true)],
    };
    for (trigger, exact_body) in &triggers {
        let target = case.target(&trigger.slug());
        runner.say(format!(
            "navigation {} ({}) to {target}",
            case.id,
            trigger.label()
        ));
        let seen = match navigate(runner, trigger, &target).await {
            Ok(seen) => seen,
            Err(e) if e.message() == UNOBSERVABLE => {
                obs.not_run.push(super::NotRun {
                    probe: format!("navigation ({})", trigger.label()),
                    why: UNOBSERVABLE.into(),
                });
                continue;
            }
            Err(e) => {
                obs.problems.push(format!("{}: {e}", trigger.label()));
                continue;
            }
        };
        if let Trigger::Form { method, .. } = trigger {
            let request = runner
                .servers
                .page
                .requests_for(&trigger.arrives_as(&target));
            if let Some(request) = request.first() {
                if !request.method.eq_ignore_ascii_case(method) {
                    obs.problems
                        .push(format!("form: sent {} instead of {method}", request.method));
                }
                if *exact_body && request.body != case.body() {
                    obs.problems.push(format!(
                        "form: sent body {:?} instead of {:?}",
                        request.body,
                        case.body()
                    ));
                }
            }
        }
        obs.navigation.push(seen);
    }
    Ok(())
}

/// The same triggers aimed at a plain 200: each must replace the document (iframe: fire load),
/// add a history entry and change the URL, or the navigation observations mean nothing.
pub async fn controls(runner: &Runner<'_>) -> (Vec<NavigationSeen>, Vec<String>) {
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
    let mut seen = Vec::new();
    let mut problems = Vec::new();
    for trigger in &controls {
        let target = format!("/ok?k=control-{}", trigger.slug());
        runner.say(format!(
            "navigation control ({}) to {target}",
            trigger.label()
        ));
        match navigate(runner, trigger, &target).await {
            Ok(landed) => {
                let loaded =
                    !matches!(trigger, Trigger::Iframe) || landed.iframe_loaded() == Some(true);
                if !(landed.replaced && loaded && landed.history_added() && landed.url_changed()) {
                    problems.push(format!(
                        "control: {} to a 200 did not visibly navigate: {landed:?}",
                        trigger.label()
                    ));
                }
                seen.push(landed);
            }
            Err(e) => problems.push(format!("control: {}: {e}", trigger.label())),
        }
    }
    (seen, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nocontent_engine::catalog::find;

    #[test]
    fn form_triggers_reproduce_a_single_urlencoded_field() {
        let case = Case::from_entry(&find("form-post-204").unwrap()).unwrap();
        let (trigger, exact) = form_trigger(&case);
        assert!(exact);
        assert_eq!(
            trigger,
            Trigger::Form {
                method: "post".into(),
                enctype: "application/x-www-form-urlencoded".into(),
                name: "email".into(),
                typed: "ada@example.com".into(),
            }
        );
        let mut scenario = case.scenario.clone();
        scenario.request.body = "a=1&b=2".into();
        let two = Case::new("two-fields", scenario).unwrap();
        let (trigger, exact) = form_trigger(&two);
        assert!(!exact);
        assert!(matches!(trigger, Trigger::Form { ref name, .. } if name == "t"));
    }
}
