//! The scenario gallery: the engine's catalog, one click to load, its explanation shown.

use nocontent_engine::catalog::{self, Entry};
use yew::prelude::*;

use crate::state::Action;
use crate::view::composer::use_editor;

#[component]
pub fn Gallery() -> Html {
    let editor = use_editor();
    let entries = use_memo((), |_| catalog::catalog());
    let current: Option<&Entry> = editor
        .loaded
        .and_then(|id| entries.iter().find(|e| e.id == id));
    html! {
        <section id="gallery" class="gallery" aria-labelledby="gallery-title">
            <h2 id="gallery-title">{ "Scenario gallery" }</h2>
            <ul class="gallery-list">
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
            </ul>
            if let Some(e) = current {
                <div class="explanation" id="explanation" aria-live="polite">
                    <h3>{ e.title }</h3>
                    <p>{ e.explanation }</p>
                    <p class="hint">{ "Everything below stays editable." }</p>
                </div>
            }
        </section>
    }
}
