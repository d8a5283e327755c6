//! The live lab: "Run in this browser" runs the composed exchange for real, through a service
//! worker, and shows each real result beside the engine's prediction for the visitor's engine;
//! where the lab cannot reproduce what a network answer does in that engine, it says so
//! instead (see `compare::GAPS`).

pub mod compare;
#[cfg(target_arch = "wasm32")]
mod runner;

use std::rc::Rc;

use nocontent_engine::{Exchange, Scenario};
use yew::prelude::*;

use compare::{caveats, compare, expected_refusal, unrunnable, Observed, Verdict};
use nocontent_engine::engines::Engine;

#[derive(Clone, Debug, PartialEq)]
enum Run {
    Idle,
    Running,
    // Only the wasm runner produces results; native builds render the other states.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    Done {
        scenario: Scenario,
        seen: Rc<Observed>,
    },
    Failed(String),
}

/// Where a run sends its requests.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    /// The lab service worker, playing the server in this browser.
    ServiceWorker,
    /// The native lab server this page was loaded from (byte-exact).
    LabServer,
}

#[cfg(target_arch = "wasm32")]
fn start(scenario: Scenario, exchange: Rc<Exchange>, target: Target, run: UseStateHandle<Run>) {
    wasm_bindgen_futures::spawn_local(async move {
        let result = match target {
            Target::ServiceWorker => runner::run(scenario.clone(), exchange).await,
            Target::LabServer => runner::run_native(scenario.clone()).await,
        };
        run.set(match result {
            Ok(seen) => Run::Done {
                scenario,
                seen: Rc::new(seen),
            },
            Err(message) => Run::Failed(message),
        });
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn start(_: Scenario, _: Rc<Exchange>, _: Target, run: UseStateHandle<Run>) {
    run.set(Run::Failed("the live lab runs only in a browser".into()));
}

/// Checks once whether the page comes from the native lab server.
#[cfg(target_arch = "wasm32")]
fn detect_native(found: UseStateHandle<bool>) {
    wasm_bindgen_futures::spawn_local(
        async move { found.set(runner::native_lab_available().await) },
    );
}

#[cfg(not(target_arch = "wasm32"))]
fn detect_native(_: UseStateHandle<bool>) {}

/// Asks the browser to update an installed lab worker, so one left by an earlier version of
/// the app is replaced as soon as the app is opened again.
pub fn refresh_worker() {
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(runner::refresh_worker());
}

/// What the lab does to every answer it serves, and why; shown before and after a run.
const SAFETY: &str = "Every answer the lab serves carries Content-Security-Policy: sandbox and X-Content-Type-Options: nosniff, added by the lab: a page built from it gets an origin of its own and runs no script, whatever the answer says. Headers that would act on the whole site (Set-Cookie, Clear-Site-Data) are left out.";

#[derive(Properties, PartialEq)]
pub struct LabProps {
    pub scenario: Scenario,
    pub exchange: Rc<Exchange>,
    /// Inside an embed: readers get no instructions meant for the app's developers.
    #[prop_or_default]
    pub embedded: bool,
}

#[component]
pub fn LabPanel(props: &LabProps) -> Html {
    let run = use_state(|| Run::Idle);
    let native = use_state(|| false);
    {
        let native = native.clone();
        use_effect_with((), move |_| detect_native(native));
    }
    let launch = |target: Target| {
        let (run, scenario, exchange) =
            (run.clone(), props.scenario.clone(), props.exchange.clone());
        Callback::from(move |_| {
            run.set(Run::Running);
            start(scenario.clone(), exchange.clone(), target, run.clone());
        })
    };
    let onclick = launch(Target::ServiceWorker);
    let run_native = launch(Target::LabServer);
    let blocked = unrunnable(&props.scenario, !props.embedded);
    let running = *run == Run::Running;
    let predicted_refusal = expected_refusal(&props.exchange);
    let developer = !props.embedded;
    html! {
        <div class="lab" id="lab">
            <p class="hint">
                { "Runs this exchange in your own browser: a service worker plays the server, and fetch, XHR, a form, location.href, an iframe and sendBeacon each meet the answer. Every result is shown beside the prediction for your browser's engine (Chromium, Firefox or WebKit)." }
            </p>
            <p class="hint" id="lab-safety">{ SAFETY }</p>
            if let Some(reason) = blocked {
                <p class="banner" role="status">{ reason }</p>
            } else {
                <button type="button" id="lab-run" {onclick} disabled={running}>
                    { if running { "Running…" } else { "Run in this browser" } }
                </button>
                if *native {
                    <button type="button" class="secondary" id="lab-run-native" onclick={run_native} disabled={running}>
                        { "Run byte-exact against this lab server" }
                    </button>
                } else if developer {
                    <p class="hint">{ "For byte-exact answers, violations included, run cargo xtask lab and open the app it serves: a second button then sends this exchange through the native lab server." }</p>
                }
                if let Some(kind) = predicted_refusal {
                    <p class="hint">{ format!("Expect a refusal: a browser will not build this response ({kind}), which is itself the lesson.") }
                        if developer { { " The native lab server sends it byte for byte: cargo xtask lab." } }</p>
                }
            }
            { match &*run {
                Run::Idle | Run::Running => html! {},
                Run::Failed(message) => html! { <p class="banner" role="alert" id="lab-error">{ format!("The lab could not run: {message}") }</p> },
                Run::Done { scenario, seen } => {
                    let stale = *scenario != props.scenario;
                    let engine = seen.engine.unwrap_or(Engine::Chromium);
                    let rows = compare(&props.exchange, seen, engine);
                    let count = |v: Verdict| rows.iter().filter(|r| r.verdict == v).count();
                    let (mismatches, unmeasured, gaps) = (count(Verdict::Mismatch), count(Verdict::NotMeasured), count(Verdict::Gap));
                    let measured = rows.len() - unmeasured - gaps;
                    let mut summary = match (mismatches, measured) {
                        (0, 1) => "The one check matches the prediction.".to_string(),
                        (0, n) => format!("All {n} checks match the prediction."),
                        (k, n) => format!("{k} of {n} checks differ from the prediction."),
                    };
                    match unmeasured {
                        0 => {}
                        1 => summary.push_str(" One more was not measured in this engine."),
                        n => summary.push_str(&format!(" {n} more were not measured in this engine.")),
                    }
                    match gaps {
                        0 => {}
                        1 => summary.push_str(" One more cannot be reproduced by the lab in this engine."),
                        n => summary.push_str(&format!(" {n} more cannot be reproduced by the lab in this engine.")),
                    }
                    html! {
                        <div class="lab-result" id="lab-result" aria-live="polite">
                            <p id="lab-browser"><strong>{ "Browser: " }</strong>{ seen.browser.clone() }</p>
                            <p id="lab-engine">
                                { match seen.engine {
                                    Some(Engine::Webkit) => format!("Compared with the {} column: measured in WebKitGTK, whose network stack (libsoup) is not Safari's, so framing and connection results may not carry over to Safari.", Engine::Webkit.label()),
                                    Some(e) => format!("Compared with the {} column.", e.label()),
                                    None => format!("This browser's engine is not recognised: compared with the {} column.", Engine::Chromium.label()),
                                } }
                            </p>
                            if stale {
                                <p class="banner" role="status">{ "These results are for an earlier version of the scenario: run again." }</p>
                            }
                            if let Some(refused) = &seen.refused {
                                <p class="refusal" id="lab-refusal">
                                    <strong>{ "Your browser refused to build this response: " }</strong>
                                    <code>{ refused.clone() }</code>
                                    { " A real server can still send these bytes." }
                                    if developer { { " Run cargo xtask lab and point the browser at it to see what happens on the wire." } }
                                </p>
                            }
                            <p id="lab-summary">{ summary }</p>
                            if seen.native {
                                <p class="hint" id="lab-native">{ "These requests went to the native lab server, which sent the composed bytes as they are." }</p>
                            }
                            if seen.form.is_some() {
                                <p class="hint" id="lab-form-scripted">{ "The lab submits its form by script (form.requestSubmit()), not with a click on a submit button, which is how the engines were measured." }</p>
                            }
                            if seen.frames_allow_scripts {
                                <p class="hint" id="lab-frames">{ "This browser lets no service worker answer a frame sandboxed without allow-scripts, so the lab's frames here allow scripts. No script runs in them all the same: every answer the lab serves carries Content-Security-Policy: sandbox, and the lab's own pages a policy that allows no script." }</p>
                            }
                            <table class="lab-table">
                                <caption class="visually-hidden">{ "Prediction and real result, check by check" }</caption>
                                <thead><tr><th scope="col">{ "Check" }</th><th scope="col">{ format!("Predicted ({})", engine.label()) }</th><th scope="col">{ "This browser" }</th><th scope="col">{ "Result" }</th></tr></thead>
                                <tbody>
                                    { for rows.iter().map(|r| {
                                        let (class, badge, word) = match r.verdict {
                                            Verdict::Match => ("match", "badge-good", "match"),
                                            Verdict::Mismatch => ("mismatch", "badge-error", "mismatch"),
                                            Verdict::NotMeasured => ("unmeasured", "badge-info", "not measured"),
                                            Verdict::Gap => ("gap", "badge-info", "cannot reproduce"),
                                        };
                                        html! {
                                            // The data attributes let the browser tests read each check's result.
                                            <tr class={class} data-check={r.check.clone()} data-predicted={r.predicted.clone().unwrap_or_default()} data-actual={r.actual.clone()} data-verdict={class}>
                                                <th scope="row">{ r.check.clone() }</th>
                                                <td class="mono">{ r.predicted.clone().unwrap_or_else(|| "not measured".into()) }</td>
                                                <td class="mono">{ r.actual.clone() }</td>
                                                <td>
                                                    <span class={classes!("badge", badge)}>{ word }</span>
                                                    if let Some(reason) = r.gap {
                                                        <span class="gap-reason">{ format!(" The lab cannot reproduce this here: {reason}") }</span>
                                                    }
                                                </td>
                                            </tr>
                                        }
                                    }) }
                                </tbody>
                            </table>
                            if !seen.added.is_empty() || !seen.dropped.is_empty() {
                                <div class="lab-wire" id="lab-wire">
                                    <p><strong>{ "What the lab changed on the wire" }</strong></p>
                                    <ul>
                                        { for seen.added.iter().map(|(name, value)| html! { <li>{ "Added " }<code>{ format!("{name}: {value}") }</code></li> }) }
                                        { for seen.dropped.iter().map(|(name, why)| html! { <li>{ "Left out " }<code>{ name.clone() }</code>{ format!(": {why}") }</li> }) }
                                    </ul>
                                </div>
                            }
                            <ul class="hint">{ for caveats(&props.scenario, &props.exchange, developer).into_iter().map(|c| html! { <li>{ c }</li> }) }</ul>
                        </div>
                    }
                }
            } }
        </div>
    }
}
