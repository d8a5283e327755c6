//! The browser side: the chosen client's timeline, every client side by side with a column
//! for the spec and each engine, what the response leaves behind (cache, connection), a
//! badge saying whether the engines agree, the findings, the matching notes, code to send
//! and call this answer, and what style guides advise.

use std::rc::Rc;

use nocontent_engine::engines::Column;
use nocontent_engine::outcome::Claim;
use nocontent_engine::rules::Level;
use nocontent_engine::scenario::ClientKind;
use nocontent_engine::{Exchange, Scenario};
use nocontent_explain::{
    self as explain, cells, glossary, Agreement, Basis, Cell, MatrixRow, Step,
};
use yew::prelude::*;

use crate::browser;
use crate::notes;
use crate::view::common::{agreement, detail, note, note_summary_id, why, NOT_MEASURED};
use crate::view::composer::use_editor;
use crate::view::glossary::Term;

#[derive(Properties, PartialEq)]
pub struct OutcomeProps {
    pub scenario: Scenario,
    pub exchange: Rc<Exchange>,
}

/// Whether a step's columns differ, and if so the sentences on why.
fn differences(x: &Exchange, s: &Step) -> (bool, Vec<&'static explain::Divergence>) {
    if s.differs() {
        (true, explain::divergences(x, s.fields))
    } else {
        (false, Vec::new())
    }
}

/// A step of the timeline (or an item of the aftermath): its title, its badge when the
/// columns differ, its detail and the sentences on why they differ.
fn step(x: &Exchange, s: &Step, seen: &mut Vec<&'static str>) -> Html {
    let (differs, rows) = differences(x, s);
    html! {
        <li class={classes!("step", differs.then_some("has-diff"))}>
            <span class="step-head">
                <strong>{ s.title.clone() }</strong>
                if differs { { agreement(&Agreement::of([(s.title.as_str(), &s.detail)]), None) } }
            </span>
            <span class="detail">{ detail(s) }</span>
            { why(&rows, seen) }
        </li>
    }
}

/// One cell of the matrix, labelled with its column for the stacked layout of narrow
/// screens, and marked in words (not only in colour) when it differs.
fn matrix_cell(cell: &Cell<'_>) -> Html {
    let label = html! { <span class="cell-label">{ cell.column.label() }</span> };
    let Some(value) = cell.value else {
        return html! {
            <td class="unmeasured">{ label }<span class="value">{ NOT_MEASURED }</span></td>
        };
    };
    html! {
        <td class={classes!(cell.marked().then_some("marked"))}>
            { label }
            <span class="value">{ value.to_string() }</span>
            if cell.departs_from_spec {
                <span class="mark"><span aria-hidden="true">{ "≠ spec" }</span><span class="visually-hidden">{ "(differs from the spec)" }</span></span>
            }
            if cell.differs_from_an_engine {
                <span class="mark"><span aria-hidden="true">{ "≠ engine" }</span><span class="visually-hidden">{ "(differs from another engine)" }</span></span>
            }
        </td>
    }
}

/// A client's name with a line-break opportunity after each dot, so that
/// "navigator.sendBeacon()" wraps in a narrow column instead of breaking mid-word.
fn breakable(label: &str) -> Html {
    let parts: Vec<&str> = label.split_inclusive('.').collect();
    html! {
        { for parts.iter().enumerate().map(|(i, part)| html! {
            <>
                if i > 0 { <wbr /> }
                { part.to_string() }
            </>
        }) }
    }
}

/// A row of the matrix: one cell across the four columns where they agree, else a cell per
/// column, and below a differing row the sentences on why.
fn matrix_row(x: &Exchange, row: &MatrixRow, current: bool, seen: &mut Vec<&'static str>) -> Html {
    let class = classes!(current.then_some("current"));
    let head = if row.client == ClientKind::Preflight {
        html! { <th scope="row"><Term id={glossary::PREFLIGHT}>{ breakable(row.label) }</Term></th> }
    } else {
        html! { <th scope="row">{ breakable(row.label) }</th> }
    };
    if !row.applies {
        // A client that cannot send this request at all: one muted cell saying why.
        return html! {
            <tr class={classes!(class, "not-applicable")}>
                { head }
                <td colspan="4" class="agreed">
                    <span class="value">{ row.result.spec().clone() }</span>
                </td>
            </tr>
        };
    }
    if let Some(value) = row.result.agreed() {
        return html! {
            <tr class={class}>
                { head }
                <td colspan="4" class="agreed">
                    <span class="cell-label">{ "Spec and every engine" }</span>
                    <span class="value">{ value.clone() }</span>
                </td>
            </tr>
        };
    }
    let rows = explain::divergences(x, row.fields);
    html! {
        <>
            <tr class={classes!(class, "differs")}>
                { head }
                { for cells(&row.result).iter().map(matrix_cell) }
            </tr>
            if !rows.is_empty() {
                <tr class="why-row">
                    <td colspan="5">{ why(&rows, seen) }</td>
                </tr>
            }
        </>
    }
}

/// An item of the aftermath: its title, then its value with its badge and the sentences on
/// why the columns differ.
fn fact(x: &Exchange, s: &Step, seen: &mut Vec<&'static str>) -> Html {
    let (differs, rows) = differences(x, s);
    html! {
        <>
            <dt>
                if s.title == explain::FRESHNESS {
                    <Term id={glossary::HEURISTIC_FRESHNESS}>{ explain::FRESHNESS }</Term>
                } else {
                    { s.title.clone() }
                }
            </dt>
            <dd>
                { detail(s) }
                if differs { { agreement(&Agreement::of([(s.title.as_str(), &s.detail)]), None) } }
                { why(&rows, seen) }
            </dd>
        </>
    }
}

/// The steps the engines decide, with their titles, for a badge.
fn engine_steps(list: &[Step]) -> impl Iterator<Item = (&str, &Claim<String>)> {
    list.iter()
        .filter(|s| s.basis == Basis::Engines)
        .map(|s| (s.title.as_str(), &s.detail))
}

/// What the browser does: the chosen client's timeline, the matrix of every client, and the
/// aftermath, under one badge that covers every claim the panel shows that the engines
/// decide.
#[component]
pub fn BrowserPanel(props: &OutcomeProps) -> Html {
    let x = &props.exchange;
    let steps = explain::timeline(x);
    let matrix = explain::matrix(x);
    let after = explain::aftermath(x);
    let panel = Agreement::of(
        engine_steps(&steps)
            .chain(matrix.iter().map(|r| (r.label, &r.result)))
            .chain(engine_steps(&after)),
    );
    // The panel says each divergence row in full once, where it first applies, and refers
    // back to it after that.
    let mut seen = Vec::new();
    let timeline: Vec<Html> = steps.iter().map(|s| step(x, s, &mut seen)).collect();
    let rows: Vec<Html> = matrix
        .iter()
        .map(|row| matrix_row(x, row, row.client == props.scenario.client.kind, &mut seen))
        .collect();
    let facts: Vec<Html> = after.iter().map(|s| fact(x, s, &mut seen)).collect();
    html! {
        <div class="outcomes">
            { timeline_head(&props.scenario, &panel, timeline) }
            <h3>{ "Every client, same response" }</h3>
            <table class="matrix" id="matrix">
                <caption class="visually-hidden">{ "What each browser client gets from this response: by the specs and in each engine measured" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Client" }</th>
                        { for Column::ALL.iter().map(|c| html! { <th scope="col">{ c.label() }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for rows }
                </tbody>
            </table>
            <h3>{ "Afterwards" }</h3>
            <dl class="facts" id="aftermath">
                { for facts }
            </dl>
            { clients_table(x) }
        </div>
    }
}

/// The chosen client's name, the badge and its timeline: the top of the browser panel.
fn timeline_head(scenario: &Scenario, badge: &Agreement, timeline: Vec<Html>) -> Html {
    html! {
        <>
            <div class="outcomes-head">
                <h3>{ format!("What {} does", scenario.client.kind.label()) }</h3>
                { agreement(badge, Some("agreement")) }
            </div>
            <ol class="timeline" id="timeline">
                { for timeline }
            </ol>
        </>
    }
}

/// The chosen client's timeline alone, for a compact embed: the badge covers only its steps.
#[component]
pub fn TimelinePanel(props: &OutcomeProps) -> Html {
    let x = &props.exchange;
    let steps = explain::timeline(x);
    let badge = Agreement::of(engine_steps(&steps));
    let mut seen = Vec::new();
    let timeline: Vec<Html> = steps.iter().map(|s| step(x, s, &mut seen)).collect();
    html! {
        <div class="outcomes">
            { timeline_head(&props.scenario, &badge, timeline) }
        </div>
    }
}

/// The clients outside the browser: what each call returns, the next request on the same
/// client, and the client's own JSON read, each client with the build that was measured.
fn clients_table(x: &Exchange) -> Html {
    let lines = explain::client_table(x);
    let cell = |label: &'static str, text: &str, wrong: bool| {
        html! {
            <td class={classes!(wrong.then_some("marked"))}>
                <span class="cell-label">{ label }</span>
                <span class="value">{ text.to_string() }</span>
            </td>
        }
    };
    html! {
        <>
            <h3 id="clients-title">{ "Outside the browser: the same request from HTTP clients" }</h3>
            <table class="matrix clients-matrix" id="clients-matrix" aria-labelledby="clients-title">
                <thead>
                    <tr>
                        <th scope="col">{ "Client" }</th>
                        <th scope="col">{ "The call" }</th>
                        <th scope="col">{ "The next request" }</th>
                        <th scope="col">{ "Its JSON read" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for lines.iter().map(|l| html! {
                        <tr data-client={l.key}>
                            <th scope="row">{ l.label }<span class="client-version">{ l.version }</span></th>
                            if let Some(c) = &l.cells {
                                { cell("The call", &c.returns, c.fails) }
                                { cell("The next request", &c.next, c.next_wrong) }
                                { cell("Its JSON read", &c.json, false) }
                            } else {
                                <td class="unmeasured" colspan="3"><span class="value">{ NOT_MEASURED }</span></td>
                            }
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="hint">{ "Each client sends this request to a server that answers with exactly these bytes, then makes a second request on the same client, answered 200 \"ok\". A call counts as never returning when it is still running after 6 s. Highlighted: the call fails or hangs, or the next request does not get its own answer." }</p>
        </>
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
    // The note chosen in the search comes first and open, then the exchange's own notes and
    // the one on send modes, each once.
    let opened = use_editor().opened_note;
    let chosen = opened.and_then(|o| notes::by_slug(o.slug));
    let mut shown: Vec<&'static notes::Note> = chosen.into_iter().collect();
    let rest = notes::matching(x.response.status, &ids, x.client.kind)
        .into_iter()
        .chain(notes::by_slug("as-written-vs-conforming"));
    for n in rest {
        if !shown.iter().any(|s| s.slug == n.slug) {
            shown.push(n);
        }
    }
    use_effect_with(opened, |opened| {
        if let Some(o) = opened {
            browser::focus_id(&note_summary_id(o.slug));
        }
    });
    html! {
        <div class="findings" id="findings">
            if x.findings.is_empty() {
                <p class="hint">{ "No findings: nothing here that the RFCs comment on." }</p>
            }
            { for groups }
            <h3>{ "Notes" }</h3>
            <div class="notes" id="notes">
                { for shown.iter().map(|n| note(n, chosen.is_some_and(|c| c.slug == n.slug))) }
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
