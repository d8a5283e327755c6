//! Small pieces every panel uses: field messages, claims with the spec's and each engine's
//! values, agreement badges, the sentences on why columns differ, notes.

use nocontent_engine::engines::Column;
use nocontent_engine::outcome::Claim;
use nocontent_explain::{Agreement, Basis, Divergence, Step, Verdict};
use yew::prelude::*;

use crate::notes::{Block, Inline, Note};

pub use crate::state::FieldMessages;

/// The DOM id of a field's message, for `aria-describedby`.
pub fn message_id(field: &str) -> String {
    let slug: String = field
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("msg-{slug}")
}

#[derive(Properties, PartialEq)]
pub struct FieldMessageProps {
    pub field: String,
    pub messages: FieldMessages,
}

/// The inline message under a field, when it has one.
#[component]
pub fn FieldMessage(props: &FieldMessageProps) -> Html {
    match props.messages.get(&props.field) {
        Some(message) => html! {
            <p class="field-msg" id={message_id(&props.field)} role="status">{ message.clone() }</p>
        },
        None => html! {},
    }
}

/// Shows a claim: its one value where the spec and every engine agree; otherwise each
/// distinct value under the columns that have it ("Spec", "Chromium 156, WebKitGTK 2.50"),
/// the spec's group first, and the engines without a measurement as "not measured".
pub fn claim(value: &Claim<String>) -> Html {
    if let Some(v) = value.agreed() {
        return html! { <span>{ v.clone() }</span> };
    }
    let groups = value.groups();
    let unmeasured = value.not_measured();
    html! {
        <span class="sides">
            { for groups.into_iter().map(|(text, columns)| {
                let spec = columns.contains(&Column::Spec);
                let label = columns.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ");
                html! {
                    <span class="side">
                        <span class={classes!("tag", if spec { "tag-spec" } else { "tag-engine" })}>{ label }</span>
                        <span class="value">{ text.clone() }</span>
                    </span>
                }
            }) }
            if !unmeasured.is_empty() {
                <span class="side unmeasured">
                    <span class="tag tag-unmeasured">{ unmeasured.iter().map(|e| e.label()).collect::<Vec<_>>().join(", ") }</span>
                    <span class="value">{ NOT_MEASURED }</span>
                </span>
            }
        </span>
    }
}

/// What the app shows for an engine without a measurement, never a value.
pub const NOT_MEASURED: &str = "not measured";

/// What the views add to a value the specs alone decide.
pub const SPEC_ALONE: &str = "the specs alone decide this; no engine is measured on it";

/// A step's detail as its basis asks: the scenario's own text as it is, the specs' text
/// labelled "Spec" and said to be theirs alone, or the engines' claim.
pub fn detail(step: &Step) -> Html {
    match step.basis {
        Basis::Scenario => html! { <span>{ step.detail.spec().clone() }</span> },
        Basis::Spec => html! {
            <span class="sides">
                <span class="side">
                    <span class="tag tag-spec">{ Column::Spec.label() }</span>
                    <span class="value">{ step.detail.spec().clone() }</span>
                </span>
                <span class="spec-alone">{ SPEC_ALONE }</span>
            </span>
        },
        Basis::Engines => claim(&step.detail),
    }
}

/// The badge over some claims: "all engines agree", "engines differ", and what was not
/// measured. Text, not colour, carries the verdict.
pub fn agreement(agreement: &Agreement, id: Option<&'static str>) -> Html {
    let class = match agreement.verdict {
        Some(Verdict::Agree) => "agree-yes",
        Some(Verdict::AgreeAgainstSpec) => "agree-spec",
        Some(Verdict::Differ) => "agree-no",
        None => "agree-none",
    };
    html! {
        <span class={classes!("agreement", class)} id={id}>
            if let Some(label) = agreement.label() {
                <span class="verdict">{ label }</span>
            }
            { for agreement.not_measured_labels().into_iter().map(|l| html! {
                <span class="unmeasured-note">{ l }</span>
            }) }
        </span>
    }
}

/// The divergence rows that explain a difference, each one's stance, its sentence and its
/// sections; a row already shown higher up in the same list (`seen`) gets a short reference
/// instead of its sentence again.
pub fn why(rows: &[&'static Divergence], seen: &mut Vec<&'static str>) -> Html {
    if rows.is_empty() {
        return html! {};
    }
    let items: Vec<Html> = rows
        .iter()
        .map(|d| {
            let again = seen.contains(&d.id);
            if !again {
                seen.push(d.id);
            }
            let links = d.cites.iter().enumerate().map(|(i, c)| html! {
                <>
                    if i > 0 { { ", " } }
                    <a href={c.url} target="_blank" rel="noopener noreferrer">{ c.section }</a>
                </>
            });
            if again {
                html! {
                    <li data-id={d.id} class="again">
                        <span class="stance">{ format!("{}:", d.stance.label()) }</span>{ " as above (" }
                        { for links }{ ")" }
                    </li>
                }
            } else {
                html! {
                    <li data-id={d.id}>
                        <span class="stance">{ format!("{}:", d.stance.label()) }</span>{ " " }
                        { d.sentence }{ " " }{ for links }
                    </li>
                }
            }
        })
        .collect();
    html! { <ul class="why">{ for items }</ul> }
}

fn inlines(items: &[Inline]) -> Html {
    items.iter().map(inline).collect::<Html>()
}

fn inline(item: &Inline) -> Html {
    match item {
        Inline::Text(t) => html! { { *t } },
        Inline::Code(t) => html! { <code>{ *t }</code> },
        Inline::Emphasis(c) => html! { <em>{ inlines(c) }</em> },
        Inline::Strong(c) => html! { <strong>{ inlines(c) }</strong> },
        Inline::Link { href, children } => {
            if href.starts_with("https://") {
                html! { <a href={*href} target="_blank" rel="noopener noreferrer">{ inlines(children) }</a> }
            } else {
                html! { <a href={*href}>{ inlines(children) }</a> }
            }
        }
        Inline::LineBreak => html! { <br /> },
    }
}

fn block(item: &Block) -> Html {
    match item {
        Block::Paragraph(c) => html! { <p>{ inlines(c) }</p> },
        // Notes sit under the panel's own headings, so their headings start at h4.
        Block::Heading(level, c) => {
            let tag = if *level <= 1 { "h4" } else { "h5" };
            html! { <@{tag}>{ inlines(c) }</@> }
        }
        Block::List { ordered, items } => {
            let rows = items
                .iter()
                .map(|blocks| html! { <li>{ for blocks.iter().map(block) }</li> });
            if *ordered {
                html! { <ol>{ for rows }</ol> }
            } else {
                html! { <ul>{ for rows }</ul> }
            }
        }
        Block::Code(code) => html! { <pre class="code"><code>{ *code }</code></pre> },
        Block::Quote(blocks) => html! { <blockquote>{ for blocks.iter().map(block) }</blockquote> },
    }
}

/// The id of a note's summary, which the search moves focus to when the note is chosen.
pub fn note_summary_id(slug: &str) -> String {
    format!("note-{slug}-summary")
}

/// A note, rendered from the static data build.rs made of its Markdown; open when `open`
/// (the note chosen in the search).
pub fn note(note: &Note, open: bool) -> Html {
    html! {
        <details class={classes!("note", open.then_some("chosen"))} id={format!("note-{}", note.slug)} {open}>
            <summary id={note_summary_id(note.slug)}>{ note.title }</summary>
            { for note.blocks.iter().map(block) }
        </details>
    }
}

/// Plain prose in which `backticks` mark code, as the catalog's explanations write it: the
/// marked spans become `<code>` elements and the rest text nodes, so no character of it is
/// ever read as markup. An unmatched backtick stays as it is.
pub fn prose(text: &str) -> Html {
    let parts: Vec<&str> = text.split('`').collect();
    // An even number of parts means one backtick has no partner: keep the last one literal.
    let paired = parts.len() % 2 == 1;
    let last = parts.len().saturating_sub(1);
    html! {
        <>{ for parts.iter().enumerate().map(|(i, part)| {
            if i % 2 == 1 && (paired || i < last) {
                html! { <code>{ *part }</code> }
            } else if i % 2 == 1 {
                html! { { format!("`{part}") } }
            } else {
                html! { { *part } }
            }
        }) }</>
    }
}
