//! Small pieces every panel uses: field messages, spec-versus-Chromium claims, notes.

use nocontent_engine::outcome::Claim;
use nocontent_engine::CHROMIUM;
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

/// Shows a claim: one value, or the spec's and Chromium's, each labelled.
pub fn claim(value: &Claim<String>) -> Html {
    match value {
        Claim::Agreed(v) => html! { <span>{ v.clone() }</span> },
        Claim::Differs { spec, chromium } => html! {
            <span class="differs">
                <span class="side"><span class="tag tag-spec">{ "Spec" }</span>{ spec.clone() }</span>
                <span class="side"><span class="tag tag-chromium">{ CHROMIUM }</span>{ chromium.clone() }</span>
            </span>
        },
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
