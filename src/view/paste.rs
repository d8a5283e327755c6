//! "Paste a real response": what a server really sent (curl output, raw HTTP/1.1 text or a
//! HAR entry) becomes the answer as written. Reading it is the engine's `paste` module; this
//! panel only holds the pasted text and shows what was read, or where reading failed.

use std::rc::Rc;

use nocontent_engine::paste::{self, PasteError, Pasted};
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::state::Action;
use crate::view::composer::use_editor;

#[component]
pub fn PastePanel() -> Html {
    let editor = use_editor();
    // The pasted text lives here, not in the scenario: a paste that cannot be read changes
    // nothing in the composer, and the text stays so it can be corrected.
    let text = use_state(String::new);
    let outcome = use_state(|| None::<Result<Pasted, PasteError>>);
    let read = {
        let text = text.clone();
        let outcome = outcome.clone();
        let dispatch = editor.dispatch.clone();
        let method = editor.scenario.request.method.clone();
        Rc::new(move |entry: Option<usize>| {
            let result = paste::read(&text, &method, entry);
            if let Ok(pasted) = &result {
                dispatch.emit(Action::Paste(Box::new(pasted.clone())));
            }
            outcome.set(Some(result));
        })
    };
    let on_input = {
        let text = text.clone();
        let outcome = outcome.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            text.set(area.value());
            outcome.set(None);
        })
    };
    let on_use = {
        let read = read.clone();
        Callback::from(move |_: MouseEvent| read(None))
    };
    let on_entry = {
        let read = read.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                read(Some(i));
            }
        })
    };
    let failed = matches!(*outcome, Some(Err(_)));
    html! {
        <details class="paste" id="paste">
            <summary>{ "Paste a real response" }</summary>
            <label class="field">
                <span>{ "What a server sent: curl -i or curl -v output, raw HTTP/1.1 text, or a HAR entry from the network panel" }</span>
                <textarea id="paste-input" class="mono" rows="6" value={(*text).clone()} oninput={on_input}
                    spellcheck="false" autocomplete="off"
                    aria-invalid={failed.to_string()} aria-describedby="paste-result" />
            </label>
            <button type="button" id="paste-use" onclick={on_use} disabled={text.trim().is_empty()}>{ "Use this response" }</button>
            <div id="paste-result" role="status">
                { match &*outcome {
                    None => html! {},
                    Some(Err(e)) => html! {
                        <p class="field-msg">
                            { match e.line {
                                Some(line) => format!("Line {line} of the paste: {}. ", e.message),
                                None => format!("The paste cannot be read: {}. ", e.message),
                            } }
                            { "The composer is unchanged." }
                        </p>
                    },
                    Some(Ok(p)) => html! {
                        <>
                            <p class="hint">{ p.summary() }{ " It is now the answer, sent as written." }</p>
                            if !p.notes.is_empty() {
                                <ul class="hint">{ for p.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                            }
                        </>
                    },
                } }
            </div>
            if let Some(Ok(p)) = &*outcome {
                if p.entries.len() > 1 {
                    <label class="field">
                        <span>{ "HAR entry" }</span>
                        <select id="paste-entry" onchange={on_entry}>
                            { for p.entries.iter().enumerate().map(|(i, e)| html! {
                                <option value={i.to_string()} selected={i == p.entry}>{ e.clone() }</option>
                            }) }
                        </select>
                    </label>
                }
            }
        </details>
    }
}
