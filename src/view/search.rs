//! "Find by question": a search box over the gallery's scenarios and the notes, ranked by
//! `nocontent_explain::search` on every keystroke. Choosing a scenario loads it as its
//! gallery button does; choosing a note shows it open, first among the notes of the browser
//! region. Arrow keys move between the box and the results, Enter chooses, Escape clears, and
//! a live region announces how many results there are.

use std::rc::Rc;

use nocontent_engine::catalog;
use nocontent_explain::search::{Found, Hit, Index, Kind};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser;
use crate::notes;
use crate::state::{Action, Editor};
use crate::view::composer::use_editor;

/// The id of the search box.
const INPUT_ID: &str = "search-input";

/// The id of the result at this position, counting scenarios first, then notes.
fn result_id(position: usize) -> String {
    format!("search-result-{position}")
}

/// Loads a scenario or opens a note, as the result says.
fn choose(editor: &Editor, hit: &Hit) {
    match hit.kind {
        Kind::Scenario => {
            if let Some(entry) = catalog::find(hit.id) {
                editor
                    .dispatch
                    .emit(Action::Load(Box::new(entry.scenario), Some(entry.id)));
            }
        }
        Kind::Note => editor.dispatch.emit(Action::OpenNote(hit.id)),
    }
}

#[derive(Properties, PartialEq, Default)]
pub struct SearchProps {
    /// What the box holds when it first renders (empty in the app; a question in tests).
    #[prop_or_default]
    pub question: String,
}

#[component]
pub fn Search(props: &SearchProps) -> Html {
    let editor = use_editor();
    let question = use_state(|| props.question.clone());
    // The index is built on the first question, not at start-up, so a reader who never
    // searches never pays for it.
    let index = use_mut_ref(|| None::<Rc<Index>>);
    let found: Rc<Found> = {
        let index = index.clone();
        use_memo((*question).clone(), move |q| {
            if q.trim().is_empty() {
                return Found::default();
            }
            let built = index
                .borrow_mut()
                .get_or_insert_with(|| Rc::new(Index::new(&catalog::catalog(), notes::NOTES)))
                .clone();
            built.search(q)
        })
    };
    let count = found.scenarios.len() + found.notes.len();

    let oninput = {
        let question = question.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            question.set(input.value());
        })
    };
    let on_box_key = {
        let question = question.clone();
        let found = found.clone();
        let editor = editor.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowDown" if count > 0 => {
                e.prevent_default();
                browser::focus_id(&result_id(0));
            }
            "Enter" => {
                e.prevent_default();
                if let Some(hit) = found.first() {
                    choose(&editor, hit);
                }
            }
            "Escape" => {
                e.prevent_default();
                question.set(String::new());
            }
            _ => {}
        })
    };
    let result = |position: usize, hit: &Hit| -> Html {
        let onclick = {
            let editor = editor.clone();
            let hit = hit.clone();
            Callback::from(move |_: MouseEvent| choose(&editor, &hit))
        };
        let onkeydown = {
            let question = question.clone();
            Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                "ArrowDown" => {
                    e.prevent_default();
                    if position + 1 < count {
                        browser::focus_id(&result_id(position + 1));
                    }
                }
                "ArrowUp" => {
                    e.prevent_default();
                    match position.checked_sub(1) {
                        Some(above) => browser::focus_id(&result_id(above)),
                        None => browser::focus_id(INPUT_ID),
                    }
                }
                "Escape" => {
                    e.prevent_default();
                    question.set(String::new());
                    browser::focus_id(INPUT_ID);
                }
                _ => {}
            })
        };
        let current = match hit.kind {
            Kind::Scenario => editor.loaded == Some(hit.id),
            Kind::Note => editor.opened_note.is_some_and(|n| n.slug == hit.id),
        };
        let kind = match hit.kind {
            Kind::Scenario => "scenario",
            Kind::Note => "note",
        };
        html! {
            <li>
                <button type="button" class="search-result" id={result_id(position)}
                    data-kind={kind} data-id={hit.id} aria-current={current.then_some("true")}
                    {onclick} {onkeydown}>{ hit.title }</button>
            </li>
        }
    };
    let scenarios = found.scenarios.len();
    let announcement = if question.trim().is_empty() {
        String::new()
    } else {
        found.announcement()
    };
    html! {
        <div class="search" role="search" aria-label="Find by question">
            <label class="search-label" for={INPUT_ID}>{ "Find by question" }</label>
            <input type="search" id={INPUT_ID} value={(*question).clone()} {oninput}
                onkeydown={on_box_key} autocomplete="off" spellcheck="false"
                placeholder="json() fails on 204" aria-describedby="search-hint search-status"
                aria-controls="search-results" />
            <p class="hint" id="search-hint">{ "Scenarios and notes appear as you type. ↓ and ↑ move through them, Enter chooses, Escape clears." }</p>
            <p class="search-status" id="search-status" role="status" aria-live="polite">{ announcement }</p>
            <div id="search-results" class="search-results">
                if scenarios > 0 {
                    <h3 id="search-scenarios" class="gallery-subtitle">{ "Scenarios" }</h3>
                    <ul class="search-list" aria-labelledby="search-scenarios">
                        { for found.scenarios.iter().enumerate().map(|(i, h)| result(i, h)) }
                    </ul>
                }
                if !found.notes.is_empty() {
                    <h3 id="search-notes" class="gallery-subtitle">{ "Notes" }</h3>
                    <ul class="search-list" aria-labelledby="search-notes">
                        { for found.notes.iter().enumerate().map(|(i, h)| result(scenarios + i, h)) }
                    </ul>
                    <p class="hint">{ "A note opens first among the notes, under What the RFCs say." }</p>
                }
            </div>
        </div>
    }
}
