//! Small pieces every panel uses: field messages, spec-versus-Chromium claims, notes.

use nocontent_engine::engines::Column;
use nocontent_engine::outcome::Claim;
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
/// and the engines without a measurement as "not measured".
pub fn claim(value: &Claim<String>) -> Html {
    if let Some(v) = value.agreed() {
        return html! { <span>{ v.clone() }</span> };
    }
    let groups = value.groups();
    let unmeasured = value.not_measured();
    html! {
        <span class="differs">
            { for groups.into_iter().map(|(text, columns)| {
                let spec = columns.contains(&Column::Spec);
                let label = columns.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ");
                html! {
                    <span class="side">
                        <span class={classes!("tag", if spec { "tag-spec" } else { "tag-engine" })}>{ label }</span>
                        { text.clone() }
                    </span>
                }
            }) }
            if !unmeasured.is_empty() {
                <span class="side unmeasured">
                    <span class="tag tag-unmeasured">{ unmeasured.iter().map(|e| e.label()).collect::<Vec<_>>().join(", ") }</span>
                    { "not measured" }
                </span>
            }
        </span>
    }
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

/// A note, rendered from the static data build.rs made of its Markdown.
pub fn note(note: &Note) -> Html {
    html! {
        <details class="note">
            <summary>{ note.title }</summary>
            { for note.blocks.iter().map(block) }
        </details>
    }
}
