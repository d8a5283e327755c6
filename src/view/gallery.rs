//! The scenario gallery: the engine's catalog, one click to load, its explanation shown. The
//! search box over the scenarios and notes ("find by question", `search.rs`) opens it. The
//! scenarios on which the engines differ most (`catalog::ENGINES_DIFFER`), the client
//! libraries (`catalog::CLIENTS_DIFFER`) and the server frameworks
//! (`catalog::FRAMEWORKS_DIFFER`) are listed apart, each under its own heading.

use std::cell::RefCell;
use std::rc::Rc;

use nocontent_engine::catalog::{self, Entry};
use yew::prelude::*;

use crate::browser;
use crate::state::{Action, Editor};
use crate::view::composer::use_editor;
use crate::view::search::Search;

/// The gallery buttons for some entries. `chosen` is set when one is clicked, so the card
/// can be brought into view once it shows the new scenario.
fn items(entries: &[&Entry], editor: &Editor, chosen: &Rc<RefCell<bool>>) -> Html {
    html! {
        { for entries.iter().map(|e| {
            let dispatch = editor.dispatch.clone();
            let scenario = e.scenario.clone();
            let id = e.id;
            let chosen = chosen.clone();
            let onclick = Callback::from(move |_| {
                *chosen.borrow_mut() = true;
                dispatch.emit(Action::Load(Box::new(scenario.clone()), Some(id)))
            });
            html! {
                <li>
                    <button type="button" class="gallery-item" data-id={e.id}
                        aria-pressed={(editor.loaded == Some(e.id)).to_string()} {onclick}>{ e.title }</button>
                </li>
            }
        }) }
    }
}

#[component]
pub fn Gallery() -> Html {
    let editor = use_editor();
    let entries = use_memo((), |_| catalog::catalog());
    let chosen = use_mut_ref(|| false);
    // After a click, once the card shows the chosen scenario: on a phone the card is far
    // below the button, so it is scrolled into view (effects run after the DOM is updated).
    use_effect_with(editor.loaded, {
        let chosen = chosen.clone();
        move |_| {
            if chosen.replace(false) {
                browser::reveal_on_narrow("explanation");
            }
        }
    });
    let current: Option<&Entry> = editor
        .loaded
        .and_then(|id| entries.iter().find(|e| e.id == id));
    // Each list apart is shown in the order its constant gives, which puts the starkest
    // difference first; everything else is the everyday list, in catalog order.
    let apart = [
        (
            "gallery-differ",
            "Where the engines differ",
            catalog::ENGINES_DIFFER,
        ),
        (
            "gallery-clients",
            "Where HTTP clients differ",
            catalog::CLIENTS_DIFFER,
        ),
        (
            "gallery-frameworks",
            "Where frameworks differ",
            catalog::FRAMEWORKS_DIFFER,
        ),
    ];
    let everyday: Vec<&Entry> = entries
        .iter()
        .filter(|e| !apart.iter().any(|(_, _, ids)| ids.contains(&e.id)))
        .collect();
    html! {
        <section id="gallery" class="gallery" aria-labelledby="gallery-title">
            <h2 id="gallery-title">{ "Scenario gallery" }</h2>
            <Search />
            <ul class="gallery-list">{ items(&everyday, &editor, &chosen) }</ul>
            { for apart.iter().map(|(id, title, ids)| {
                let listed: Vec<&Entry> = ids
                    .iter()
                    .filter_map(|wanted| entries.iter().find(|e| e.id == *wanted))
                    .collect();
                html! {
                    <>
                        <h3 id={*id} class="gallery-subtitle">{ *title }</h3>
                        <ul class="gallery-list" aria-labelledby={*id}>{ items(&listed, &editor, &chosen) }</ul>
                    </>
                }
            }) }
            if let Some(e) = current {
                <div class="explanation" id="explanation" aria-live="polite">
                    <h3>{ e.title }</h3>
                    <p>{ super::common::prose(e.explanation) }</p>
                    <p class="hint">{ "Everything below stays editable." }</p>
                </div>
            }
        </section>
    }
}
