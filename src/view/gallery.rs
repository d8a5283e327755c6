//! The scenario gallery: the engine's catalog, one click to load, its explanation shown. The
//! scenarios on which the engines differ most (`catalog::ENGINES_DIFFER`) are listed apart.

use nocontent_engine::catalog::{self, Entry};
use yew::prelude::*;

use crate::state::{Action, Editor};
use crate::view::composer::use_editor;

/// The gallery buttons for some entries.
fn items(entries: &[&Entry], editor: &Editor) -> Html {
    html! {
        { for entries.iter().map(|e| {
            let dispatch = editor.dispatch.clone();
            let scenario = e.scenario.clone();
            let id = e.id;
            let onclick = Callback::from(move |_| dispatch.emit(Action::Load(Box::new(scenario.clone()), Some(id))));
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
    let current: Option<&Entry> = editor
        .loaded
        .and_then(|id| entries.iter().find(|e| e.id == id));
    let (differ, everyday): (Vec<&Entry>, Vec<&Entry>) = entries
        .iter()
        .partition(|e| catalog::ENGINES_DIFFER.contains(&e.id));
    // Shown in the order ENGINES_DIFFER gives, which puts the starkest difference first.
    let differ: Vec<&Entry> = catalog::ENGINES_DIFFER
        .iter()
        .filter_map(|id| differ.iter().find(|e| e.id == *id).copied())
        .collect();
    html! {
        <section id="gallery" class="gallery" aria-labelledby="gallery-title">
            <h2 id="gallery-title">{ "Scenario gallery" }</h2>
            <ul class="gallery-list">{ items(&everyday, &editor) }</ul>
            <h3 id="gallery-differ" class="gallery-subtitle">{ "Where the engines differ" }</h3>
            <ul class="gallery-list" aria-labelledby="gallery-differ">{ items(&differ, &editor) }</ul>
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
