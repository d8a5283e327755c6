//! The browser side: the chosen client's timeline, every client side by side, the findings,
//! the matching notes, code to send and call this answer, and what style guides advise.

use std::rc::Rc;

use nocontent_engine::outcome::Claim;
use nocontent_engine::rules::Level;
use nocontent_engine::{Exchange, Scenario};
use nocontent_explain as explain;
use yew::prelude::*;

use crate::notes;
use crate::view::common::{claim, note};

fn yes_no(value: &Claim<bool>, yes: &str, no: &str) -> Claim<String> {
    value.map(|b| if *b { yes.to_string() } else { no.to_string() })
}

#[derive(Properties, PartialEq)]
pub struct OutcomeProps {
    pub scenario: Scenario,
    pub exchange: Rc<Exchange>,
}

#[component]
pub fn BrowserPanel(props: &OutcomeProps) -> Html {
    let x = &props.exchange;
    let steps = explain::timeline(x);
    let matrix = explain::matrix(x);
    let cache = &x.outcomes.cache;
    let conn = &x.outcomes.connection;
    html! {
        <div class="outcomes">
            <h3>{ format!("What {} does", props.scenario.client.kind.label()) }</h3>
            <ol class="timeline" id="timeline">
                { for steps.iter().map(|s| html! {
                    <li class={classes!(s.detail.differs().then_some("has-diff"))}>
                        <strong>{ s.title.clone() }</strong>
                        <span class="detail">{ claim(&s.detail) }</span>
                    </li>
                }) }
            </ol>
            <h3>{ "Every client, same response" }</h3>
            <table class="matrix" id="matrix">
                <caption class="visually-hidden">{ "What each browser client gets from this response" }</caption>
                <thead><tr><th scope="col">{ "Client" }</th><th scope="col">{ "Result" }</th></tr></thead>
                <tbody>
                    { for matrix.iter().map(|row| html! {
                        <tr class={classes!((row.client == props.scenario.client.kind).then_some("current"))}>
                            <th scope="row">{ row.label }</th>
                            <td>{ claim(&row.result) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <dl class="facts">
                <dt>{ "Cache" }</dt>
                <dd>{ claim(&yes_no(&cache.stored, "a repeat GET is served from the browser cache", "a repeat GET goes to the server")) }</dd>
                <dt>{ "Invalidation" }</dt>
                <dd>{ claim(&yes_no(&cache.invalidates_cached_get, "drops a cached GET of this URL", "leaves a cached GET of this URL alone")) }</dd>
                <dt>{ "Connection" }</dt>
                <dd>{ claim(&yes_no(&conn.reusable, "reused for the next request", "not reused")) }</dd>
            </dl>
        </div>
    }
}

fn level_title(level: Level) -> &'static str {
    match level {
        Level::Error => "Errors",
        Level::Warn => "Warnings",
        Level::Info => "Notes from the RFCs",
        Level::Good => "Done right",
    }
}

#[component]
pub fn FindingsPanel(props: &OutcomeProps) -> Html {
    let x = &props.exchange;
    let groups = Level::ALL.iter().filter_map(|level| {
        let items: Vec<_> = x.findings.iter().filter(|f| f.level == *level).collect();
        (!items.is_empty()).then(|| html! {
            <section class={classes!("finding-group", format!("level-{}", level.label()))} aria-label={level_title(*level)}>
                <h4>{ level_title(*level) }{ format!(" ({})", items.len()) }</h4>
                <ul>
                    { for items.iter().map(|f| html! {
                        <li class="finding" data-id={f.id}>
                            <span class={classes!("badge", format!("badge-{}", level.label()))}>{ level.label() }</span>
                            <strong>{ f.summary }</strong>
                            if let Some(n) = &f.note { <span class="note-text">{ format!(" — {n}") }</span> }
                            <p class="detail">{ f.detail }{ " " }
                                <a href={f.url} target="_blank" rel="noopener noreferrer">{ f.section }</a>
                                { format!(" · {}", f.id) }
                            </p>
                        </li>
                    }) }
                </ul>
            </section>
        })
    });
    let ids: Vec<&str> = x.findings.iter().map(|f| f.id).collect();
    let matching = notes::matching(x.response.status, &ids, x.client.kind);
    html! {
        <div class="findings" id="findings">
            if x.findings.is_empty() {
                <p class="hint">{ "No findings: nothing here that the RFCs comment on." }</p>
            }
            { for groups }
            <h3>{ "Notes" }</h3>
            <div class="notes" id="notes">
                { for matching.iter().map(|n| note(n)) }
                if let Some(n) = notes::by_slug("as-written-vs-conforming") { { note(n) } }
            </div>
        </div>
    }
}

#[component]
pub fn CodePanel(props: &OutcomeProps) -> Html {
    let client = explain::client_snippets(&props.scenario);
    let servers = explain::server_snippets(props.exchange.response.status);
    let advice = explain::style_advice(&props.scenario.request.method);
    let status = props.exchange.response.status;
    let body_rules = explain::body_on_no_content(status);
    let constants = explain::status_constants(status);
    let meaning = nocontent_engine::status::fact(status).map(|f| f.meaning);
    let reason = props.exchange.response.reason.trim();
    let named = if reason.is_empty() {
        status.to_string()
    } else {
        format!("{status} {reason}")
    };
    let tabs: Vec<(String, String)> = client
        .iter()
        .map(|s| (s.label.clone(), s.code.clone()))
        .chain(
            servers
                .iter()
                .map(|f| (f.framework.to_string(), f.snippet.to_string())),
        )
        .collect();
    let selected = use_state(|| 0usize);
    let current = if *selected < tabs.len() { *selected } else { 0 };
    html! {
        <div class="code">
            if tabs.is_empty() {
                <p class="hint">{ "No snippets for this status." }</p>
            } else {
                <div class="chips" role="group" aria-label="Code examples">
                    { for tabs.iter().enumerate().map(|(i, (label, _))| {
                        let selected = selected.clone();
                        html! {
                            <button type="button" class="chip" aria-pressed={(i == current).to_string()}
                                onclick={Callback::from(move |_| selected.set(i))}>{ label.clone() }</button>
                        }
                    }) }
                </div>
                <pre class="code mono" tabindex="0" aria-label="Code example"><code>{ tabs.get(current).map(|t| t.1.clone()).unwrap_or_default() }</code></pre>
            }
            if !body_rules.is_empty() {
                <details class="body-rules">
                    <summary>{ format!("What frameworks do with a body on a {}", props.exchange.response.status) }</summary>
                    <ul>{ for body_rules.iter().map(|b| html! {
                        <li><strong>{ b.framework }</strong>{ ": " }{ b.behaviour }{ " " }
                            <a href={b.source} target="_blank" rel="noopener noreferrer" aria-label={format!("{} source", b.framework)}>{ "source" }</a></li>
                    }) }</ul>
                </details>
            }
            <h3>{ format!("{named} in code") }</h3>
            if let Some(meaning) = meaning { <p class="hint">{ meaning }</p> }
            if constants.is_empty() {
                <p class="hint">{ format!("The ecosystems we track have no named constant for {status}.") }</p>
            } else {
                <table class="constants" id="status-constants">
                    <caption class="visually-hidden">{ format!("Named constants for status {status}") }</caption>
                    <thead><tr><th scope="col">{ "Ecosystem" }</th><th scope="col">{ "Constant" }</th><th scope="col">{ "Source" }</th></tr></thead>
                    <tbody>
                        { for constants.iter().map(|c| html! {
                            <tr>
                                <th scope="row">{ c.ecosystem }</th>
                                <td><code>{ c.constant }</code></td>
                                <td><a href={c.source} target="_blank" rel="noopener noreferrer" aria-label={format!("{} {} docs", c.ecosystem, c.constant)}>{ "docs" }</a></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            <h3>{ format!("What API style guides say about {}", props.scenario.request.method.to_ascii_uppercase()) }</h3>
            if advice.is_empty() {
                <p class="hint">{ "The style guides we track say nothing specific about this method." }</p>
            } else {
                <ul class="advice">
                    { for advice.iter().map(|a| html! {
                        <li><strong>{ a.guide }</strong>{ ": " }{ a.advice }{ " " }
                            <a href={a.source} target="_blank" rel="noopener noreferrer" aria-label={format!("{} style guide source", a.guide)}>{ "source" }</a></li>
                    }) }
                </ul>
            }
        </div>
    }
}
