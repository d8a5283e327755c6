//! "Compare statuses": the same request answered by 200, 204 and 205 (or the codes the user
//! names) side by side, with the rows where they differ marked. The table is the
//! presentation crate's `compare`; this panel holds which codes are compared and whether the
//! table is open.

use nocontent_engine::Scenario;
use nocontent_explain::compare::{compare, parse_statuses, Comparison, DEFAULT_STATUSES};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::view::common::claim;

/// The bytes shown in a column before "…": enough for a head and a short body.
const WIRE_CHARS: usize = 600;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub scenario: Scenario,
}

fn list(codes: &[u16]) -> String {
    match codes {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!(
            "{} and {last}",
            rest.iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn shorten(wire: &str) -> String {
    nocontent_explain::truncate(wire, WIRE_CHARS)
}

#[component]
pub fn ComparePanel(props: &CompareProps) -> Html {
    let open = use_state(|| false);
    let statuses = use_state(|| DEFAULT_STATUSES.to_vec());
    let text = use_state(|| {
        DEFAULT_STATUSES
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    });
    let problem = use_state(|| None::<String>);
    // Computed only while the table is open: each column is a whole simulation.
    let comparison = use_memo(
        (props.scenario.clone(), (*statuses).clone(), *open),
        |(scenario, codes, open)| open.then(|| compare(scenario, codes)),
    );
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            text.set(input.value());
        })
    };
    let apply = {
        let text = text.clone();
        let statuses = statuses.clone();
        let problem = problem.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match parse_statuses(&text) {
                Ok(codes) => {
                    statuses.set(codes);
                    problem.set(None);
                }
                Err(message) => problem.set(Some(message)),
            }
        })
    };
    html! {
        <section class="region compare" id="compare" aria-labelledby="compare-title">
            <div class="compare-bar">
                <h2 id="compare-title">{ "Compare statuses" }</h2>
                <button type="button" class="secondary" id="compare-toggle" aria-expanded={open.to_string()}
                    aria-controls="compare-body" onclick={toggle}>
                    { if *open { "Hide the comparison".to_string() } else { format!("Compare {} side by side", list(&statuses)) } }
                </button>
            </div>
            if *open {
                <div id="compare-body">
                    <p class="hint">{ "The same request and answer with only the status changed: the bytes, the findings and what every client gets. Rows where the statuses differ are marked." }</p>
                    <form class="row compare-form" onsubmit={apply}>
                        <label class="field grow">
                            <span>{ "Statuses to compare (2 to 6)" }</span>
                            <input class="mono" type="text" id="compare-statuses" inputmode="numeric" value={(*text).clone()}
                                oninput={on_input} autocomplete="off" spellcheck="false"
                                aria-invalid={problem.is_some().to_string()} aria-describedby="compare-problem" />
                        </label>
                        <button type="submit" id="compare-apply">{ "Compare" }</button>
                    </form>
                    <p class="field-msg" id="compare-problem" role="status">{ (*problem).clone().unwrap_or_default() }</p>
                    if let Some(c) = &*comparison {
                        { table(c) }
                    }
                </div>
            }
        </section>
    }
}

fn differs_tag(differs: bool) -> Html {
    if differs {
        html! { <span class="tag tag-differs">{ "differs" }</span> }
    } else {
        html! {}
    }
}

pub(crate) fn table(c: &Comparison) -> Html {
    let width = c.columns.len() + 1;
    let mut group = "";
    html! {
        <div class="table-scroll">
            <table class="compare-table" id="compare-table">
                <caption class="visually-hidden">{ "The same request answered with each status" }</caption>
                <thead>
                    <tr>
                        <td></td>
                        { for c.columns.iter().map(|col| html! {
                            <th scope="col" class="mono" data-status={col.status.to_string()}>{ col.status_line.clone() }</th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    <tr class={classes!(c.wire_differs.then_some("differs"))} data-row="wire">
                        <th scope="row">{ "On the wire" }{ differs_tag(c.wire_differs) }</th>
                        { for c.columns.iter().map(|col| html! {
                            <td>
                                if let Some(error) = &col.error {
                                    <p class="field-msg">{ error.clone() }</p>
                                } else {
                                    // Each line ends in a visible \r\n, so a wrapped line never looks
                                    // like two; the box scrolls, so it takes the focus.
                                    <pre class="wire mono compare-wire" tabindex="0"
                                        aria-label={format!("Bytes on the wire for {}", col.status_line)}>
                                        { crate::view::response::bytes(&shorten(&col.wire)) }
                                    </pre>
                                }
                            </td>
                        }) }
                    </tr>
                    <tr class={classes!(c.findings_differ.then_some("differs"))} data-row="findings">
                        <th scope="row">{ "Findings" }{ differs_tag(c.findings_differ) }</th>
                        { for c.columns.iter().map(|col| html! {
                            <td>
                                if col.findings.is_empty() {
                                    { "none" }
                                } else {
                                    <ul class="compare-findings">
                                        { for col.findings.iter().map(|(id, level, summary)| html! {
                                            <li class={format!("level-{}", level.label())} title={*summary}>
                                                <span class="visually-hidden">{ format!("{}: ", level.label()) }</span><code>{ *id }</code>
                                            </li>
                                        }) }
                                    </ul>
                                }
                            </td>
                        }) }
                    </tr>
                    { for c.rows.iter().map(|row| {
                        let head = (row.group != group).then(|| {
                            group = row.group;
                            html! { <tr class="compare-group"><th scope="colgroup" colspan={width.to_string()}>{ row.group }</th></tr> }
                        });
                        html! {
                            <>
                                { for head }
                                <tr class={classes!(row.differs.then_some("differs"))} data-row={row.label.clone()}>
                                    <th scope="row">{ row.label.clone() }{ differs_tag(row.differs) }</th>
                                    { for row.cells.iter().map(|cell| html! {
                                        <td>{ match cell { Some(value) => claim(value), None => html! { { "—" } } } }</td>
                                    }) }
                                </tr>
                            </>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
