//! The header-row editor shared by the request and the answer: add, remove, reorder, edit,
//! with each row's message shown under it as the user types.

use nocontent_engine::wire;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{Action, Part, Side};
use crate::view::common::{message_id, FieldMessage};
use crate::view::composer::use_editor;
use crate::view::escape::{typed, visible};

#[derive(Properties, PartialEq)]
pub struct HeaderRowsProps {
    pub side: Side,
    pub headers: Vec<(String, String)>,
}

#[component]
pub fn HeaderRows(props: &HeaderRowsProps) -> Html {
    let editor = use_editor();
    let side = props.side;
    let count = props.headers.len();
    // Where keyboard focus goes once the list has re-rendered after an add or a remove: into
    // the new row, or to the control that took the removed row's place.
    let focus_next: std::rc::Rc<std::cell::RefCell<Option<String>>> = use_mut_ref(|| None);
    {
        let focus_next = focus_next.clone();
        use_effect_with(count, move |_| {
            if let Some(id) = focus_next.borrow_mut().take() {
                crate::browser::focus_id(&id);
            }
        });
    }
    let add_id = format!("{}-add-header", side.key());
    let add = {
        let dispatch = editor.dispatch.clone();
        let focus_next = focus_next.clone();
        Callback::from(move |_| {
            *focus_next.borrow_mut() = Some(name_id(side, count));
            dispatch.emit(Action::AddHeader(side))
        })
    };
    let rows = props.headers.iter().enumerate().map(|(i, (name, value))| {
        let field = |part: &str| format!("{}.headers[{i}].{part}", side.key());
        let (name_field, value_field) = (field("name"), field("value"));
        let edit = |part: Part| {
            let dispatch = editor.dispatch.clone();
            Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                // The field shows CR, LF and NUL as \r, \n and \0; the model holds them raw.
                dispatch.emit(Action::EditHeader(side, i, part, typed(&input.value())));
            })
        };
        let action = |a: Action| {
            let dispatch = editor.dispatch.clone();
            Callback::from(move |_| dispatch.emit(a.clone()))
        };
        let remove = |i: usize| {
            let dispatch = editor.dispatch.clone();
            let focus_next = focus_next.clone();
            // The next row takes the removed row's index; after the last row, the add button.
            let next = if i + 1 < count { name_id(side, i) } else { add_id.clone() };
            Callback::from(move |_| {
                *focus_next.borrow_mut() = Some(next.clone());
                dispatch.emit(Action::RemoveHeader(side, i))
            })
        };
        // The engine's own checks, so the message appears while typing, before simulation.
        let name_bad = editor.messages.contains_key(&name_field) || (!name.is_empty() && wire::name_problem(name).is_some());
        let value_bad = editor.messages.contains_key(&value_field) || wire::value_problem(value).is_some();
        let row_label = if name.is_empty() { format!("header {}", i + 1) } else { name.clone() };
        html! {
            <li class="header-row">
                <div class="header-inputs">
                    <input class="mono" type="text" id={name_id(side, i)} value={visible(name)} oninput={edit(Part::Name)}
                        placeholder="Name" spellcheck="false" autocomplete="off"
                        aria-label={format!("{} header {} name", side.key(), i + 1)}
                        aria-invalid={name_bad.to_string()} aria-describedby={message_id(&name_field)} />
                    <input class="mono" type="text" value={visible(value)} oninput={edit(Part::Value)}
                        placeholder="Value" spellcheck="false" autocomplete="off"
                        aria-label={format!("{} header {} value", side.key(), i + 1)}
                        aria-invalid={value_bad.to_string()} aria-describedby={message_id(&value_field)} />
                    <span class="row-tools">
                        <button type="button" class="icon" onclick={action(Action::MoveHeader(side, i, -1))}
                            disabled={i == 0} aria-label={format!("Move {row_label} up")} title="Move up">{ "↑" }</button>
                        <button type="button" class="icon" onclick={action(Action::MoveHeader(side, i, 1))}
                            disabled={i + 1 == count} aria-label={format!("Move {row_label} down")} title="Move down">{ "↓" }</button>
                        <button type="button" class="icon" onclick={remove(i)}
                            aria-label={format!("Remove {row_label}")} title="Remove">{ "×" }</button>
                    </span>
                </div>
                <FieldMessage field={name_field} messages={editor.messages.clone()} />
                <FieldMessage field={value_field} messages={editor.messages.clone()} />
            </li>
        }
    });
    html! {
        <fieldset class="headers">
            <legend>{ "Headers" }</legend>
            if count == 0 {
                <p class="hint">{ "No headers." }</p>
            }
            <ul class="header-list">{ for rows }</ul>
            <p class="hint">{ "Type \\r for a carriage return and \\n for a line feed, as a header-injection attack would; \\\\r is a backslash followed by r." }</p>
            <button type="button" class="secondary" id={add_id} onclick={add}>{ "Add header" }</button>
            <FieldMessage field={format!("{}.headers", side.key())} messages={editor.messages.clone()} />
        </fieldset>
    }
}

/// The DOM id of a header row's name field (`answer-header-2-name`).
fn name_id(side: Side, i: usize) -> String {
    format!("{}-header-{i}-name", side.key())
}
