//! The request composer and the server-answer panel.

use nocontent_engine::frameworks::FrameworkId;
use nocontent_engine::scenario::{ClientKind, Framing, ResponseType, Scenario, SendMode};
use nocontent_engine::status;
use nocontent_engine::wire::Change;
use nocontent_explain::glossary;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::state::{Action, Editor, Side};
use crate::view::common::{message_id, FieldMessage};
use crate::view::glossary::Term;
use crate::view::headers::HeaderRows;
use crate::view::paste::PastePanel;

/// Methods offered in the method field; any other token can be typed.
const METHODS: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

fn input_value(e: InputEvent) -> String {
    let target: HtmlInputElement = e.target_unchecked_into();
    target.value()
}

fn text_value(e: InputEvent) -> String {
    let target: HtmlTextAreaElement = e.target_unchecked_into();
    target.value()
}

pub(crate) fn select_value(e: Event) -> String {
    let target: HtmlSelectElement = e.target_unchecked_into();
    target.value()
}

/// The editor shared by the app's context; the default (an empty scenario that changes
/// nothing) only where a panel is rendered on its own.
#[hook]
pub fn use_editor() -> Editor {
    use_context::<Editor>().unwrap_or_default()
}

#[component]
pub fn RequestPanel() -> Html {
    let editor = use_editor();
    let s: &Scenario = &editor.scenario;
    let d = &editor.dispatch;
    let on = |f: fn(String) -> Action| {
        let d = d.clone();
        Callback::from(move |e: InputEvent| d.emit(f(input_value(e))))
    };
    let on_body = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| d.emit(Action::SetRequestBody(text_value(e))))
    };
    let on_client = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let value = select_value(e);
            if let Some(kind) = ClientKind::ALL.iter().find(|k| format!("{k:?}") == value) {
                d.emit(Action::SetClient(*kind));
            }
        })
    };
    let on_response_type = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let value = select_value(e);
            if let Some(t) = ResponseType::ALL.iter().find(|t| t.as_str() == value) {
                d.emit(Action::SetResponseType(*t));
            }
        })
    };
    let msg = |field: &str| html! { <FieldMessage field={field.to_string()} messages={editor.messages.clone()} /> };
    let invalid = |field: &str| editor.messages.contains_key(field).to_string();
    html! {
        <div class="form">
            <div class="row">
                <label class="field narrow">
                    <span>{ "Method" }</span>
                    <input class="mono" type="text" list="methods" value={s.request.method.clone()}
                        oninput={on(Action::SetMethod)} spellcheck="false" autocomplete="off"
                        aria-invalid={invalid("request.method")} aria-describedby={format!("{} method-sent", message_id("request.method"))} />
                    <datalist id="methods">{ for METHODS.iter().map(|m| html! { <option value={*m} /> }) }</datalist>
                </label>
                <label class="field grow">
                    <span>{ "Target" }</span>
                    <input class="mono" type="text" value={s.request.target.clone()} oninput={on(Action::SetTarget)}
                        spellcheck="false" autocomplete="off"
                        aria-invalid={invalid("request.target")} aria-describedby={message_id("request.target")} />
                </label>
            </div>
            { msg("request.method") }
            if let Some(c) = &editor.method_change {
                <p class="hint" id="method-sent">
                    { c.what.clone() }{ " (" }<a href={c.url} target="_blank" rel="noopener noreferrer">{ c.section }</a>{ ")" }
                </p>
            }
            { msg("request.target") }
            <HeaderRows side={Side::Request} headers={s.request.headers.clone()} />
            <label class="field">
                <span>{ "Body" }</span>
                <textarea class="mono" rows="3" value={s.request.body.clone()} oninput={on_body} spellcheck="false"
                    aria-invalid={invalid("request.body")} aria-describedby={message_id("request.body")} />
            </label>
            { msg("request.body") }
            <div class="row">
                <label class="field grow">
                    <span>{ "Sent by" }</span>
                    <select onchange={on_client}>
                        { for ClientKind::ALL.iter().map(|k| html! {
                            <option value={format!("{k:?}")} selected={*k == s.client.kind}>{ k.label() }</option>
                        }) }
                    </select>
                </label>
                if s.client.kind == ClientKind::Xhr {
                    <label class="field narrow">
                        <span>{ "responseType" }</span>
                        <select onchange={on_response_type}>
                            { for ResponseType::ALL.iter().map(|t| html! {
                                <option value={t.as_str()} selected={*t == s.client.response_type}>{ t.as_str() }</option>
                            }) }
                        </select>
                    </label>
                }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct AnswerProps {
    /// What a conforming server changed, from the exchange.
    pub changes: Vec<Change>,
    /// The framing header fields the chosen framing added, from the exchange.
    #[prop_or_default]
    pub framing_added: Vec<String>,
    /// What the chosen framework's log showed, from the exchange.
    #[prop_or_default]
    pub framework_log: Vec<String>,
}

#[component]
pub fn AnswerPanel(props: &AnswerProps) -> Html {
    let editor = use_editor();
    let s: &Scenario = &editor.scenario;
    let d = &editor.dispatch;
    let pick = |code: u16| {
        let d = d.clone();
        Callback::from(move |_| d.emit(Action::SetStatus(code.to_string())))
    };
    let on_status = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| d.emit(Action::SetStatus(input_value(e))))
    };
    let on_body = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| d.emit(Action::SetAnswerBody(text_value(e))))
    };
    let on_framing = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let value = select_value(e);
            if let Some(f) = Framing::ALL.iter().find(|f| format!("{f:?}") == value) {
                d.emit(Action::SetFraming(*f));
            }
        })
    };
    let send = |mode: SendMode| {
        let d = d.clone();
        Callback::from(move |_| d.emit(Action::SetSend(mode)))
    };
    let on_framework = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            if let Some(f) = FrameworkId::parse(&select_value(e)) {
                d.emit(Action::SetSend(f.send_mode()));
            }
        })
    };
    let framework = FrameworkId::of(s.answer.send);
    let mut status_messages = (*editor.messages).clone();
    if let Some(problem) = &editor.status_problem {
        status_messages.insert("answer.status".into(), problem.clone());
    }
    let status_messages = std::rc::Rc::new(status_messages);
    let status_bad = status_messages.contains_key("answer.status");
    let reason = status::reason(s.answer.status);
    html! {
        <div class="form">
            <PastePanel />
            <fieldset class="status-picker">
                <legend>{ "Status" }</legend>
                <div class="chips">
                    { for status::FEATURED.iter().map(|code| html! {
                        <button type="button" class="chip" data-status={code.to_string()} aria-pressed={(s.answer.status == *code).to_string()} onclick={pick(*code)}>
                            <span class="mono">{ code }</span>{ " " }{ status::reason(*code) }
                        </button>
                    }) }
                </div>
                <label class="field narrow">
                    <span>{ "Any code" }</span>
                    <input class="mono" type="text" inputmode="numeric" value={editor.status_input.clone()} oninput={on_status}
                        aria-invalid={status_bad.to_string()} aria-describedby={message_id("answer.status")} />
                </label>
                // While the field is wrong the scenario may still hold the last valid code: never
                // name it here as if it were the one typed.
                if !status_bad {
                    <p class="hint">{ if reason.is_empty() { "No registered reason phrase".to_string() } else { format!("{} {}", s.answer.status, reason) } }</p>
                }
                <FieldMessage field="answer.status" messages={status_messages.clone()} />
            </fieldset>
            <HeaderRows side={Side::Answer} headers={s.answer.headers.clone()} />
            <label class="field">
                <span>{ if s.request.method.eq_ignore_ascii_case("HEAD") { "Body (what a GET would get)" } else { "Body" } }</span>
                <textarea class="mono" rows="3" value={s.answer.body.clone()} oninput={on_body} spellcheck="false"
                    aria-invalid={editor.messages.contains_key("answer.body").to_string()} aria-describedby={message_id("answer.body")} />
            </label>
            <FieldMessage field="answer.body" messages={editor.messages.clone()} />
            <div class="row">
                <label class="field grow">
                    <span><Term id={glossary::FRAMING}>{ "Framing" }</Term></span>
                    // A framework frames the answer itself, so the setting has nothing to say.
                    <select onchange={on_framing} disabled={framework.is_some()} aria-describedby={framework.map(|_| "framing-by-framework")}>
                        { for Framing::ALL.iter().map(|f| html! {
                            <option value={format!("{f:?}")} selected={*f == s.answer.framing}>{ f.label() }</option>
                        }) }
                    </select>
                </label>
                <fieldset class="segmented">
                    <legend>{ "Send" }</legend>
                    <button type="button" aria-pressed={(s.answer.send == SendMode::AsWritten).to_string()} onclick={send(SendMode::AsWritten)}>{ "As written" }</button>
                    <button type="button" aria-pressed={(s.answer.send == SendMode::Conforming).to_string()} onclick={send(SendMode::Conforming)}>{ "Conforming server" }</button>
                </fieldset>
                <label class="field grow">
                    <span>{ "Or as a framework sends it" }</span>
                    <select id="send-framework" onchange={on_framework}>
                        <option value="" disabled=true selected={framework.is_none()}>{ "Choose a framework" }</option>
                        { for FrameworkId::ALL.iter().map(|f| html! {
                            <option value={f.key()} selected={framework == Some(*f)}>{ f.label() }</option>
                        }) }
                    </select>
                </label>
            </div>
            if let Some(f) = framework {
                <p class="hint" id="framing-by-framework">{ format!("{} frames the answer itself: the framing setting does not apply.", f.label()) }</p>
                <FrameworkSent framework={f} changes={props.changes.clone()} log={props.framework_log.clone()} />
            } else if s.answer.send == SendMode::Conforming {
                <div class="changes" aria-live="polite">
                    if props.changes.is_empty() {
                        <p class="hint">{ "A conforming server would send this answer unchanged." }</p>
                    } else {
                        <p class="hint">{ "What a " }<Term id={glossary::CONFORMING_SERVER}>{ "conforming server" }</Term>{ " changed:" }</p>
                        <ul>{ for props.changes.iter().map(|c| html! {
                            <li>{ c.what.clone() }{ " (" }<a href={c.url} target="_blank" rel="noopener noreferrer">{ c.section }</a>{ ")" }</li>
                        }) }</ul>
                    }
                </div>
            } else if props.framing_added.is_empty() {
                <p class="hint">{ "Sent exactly as composed, violations included." }</p>
            } else {
                <p class="hint" id="framing-added">
                    { "Sent as composed, violations included, with what the framing setting adds: " }
                    { for props.framing_added.iter().enumerate().map(|(i, field)| html! {
                        <>{ if i > 0 { ", " } else { "" } }<code>{ field.clone() }</code></>
                    }) }
                    { "." }
                </p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FrameworkSentProps {
    framework: FrameworkId,
    /// What the framework changed or refused, from the exchange.
    changes: Vec<Change>,
    /// What its log showed, from the exchange.
    log: Vec<String>,
}

/// What the chosen framework did with the composed answer, the versions that were measured
/// doing it and the handler that was measured.
#[component]
fn FrameworkSent(props: &FrameworkSentProps) -> Html {
    let f = props.framework;
    let handler = nocontent_explain::facts::send_handler(f.key());
    html! {
        <div class="changes" id="framework-sent" aria-live="polite">
            <p class="hint">
                { format!("As {} sends it when a handler returns exactly this status, these headers and this body. Measured with {}, served by {}.", f.label(), f.version(), f.server()) }
            </p>
            if props.changes.is_empty() {
                <p class="hint">{ format!("{} sent the answer as the handler returned it.", f.label()) }</p>
            } else {
                <p class="hint">{ format!("What {} changed or refused:", f.label()) }</p>
                <ul>{ for props.changes.iter().map(|c| html! { <li>{ c.what.clone() }</li> }) }</ul>
            }
            if !props.log.is_empty() {
                <p class="hint">{ "Its log showed:" }</p>
                <pre class="mono framework-log">{ props.log.join("\n") }</pre>
            }
            if let Some(h) = handler {
                <details class="framework-handler" open=true>
                    <summary>{ format!("The {} handler that was measured ({})", f.label(), h.language) }</summary>
                    <pre class="mono"><code>{ h.snippet }</code></pre>
                    <p class="hint"><a href={f.docs()} target="_blank" rel="noopener noreferrer">{ format!("{} documentation of the call", f.label()) }</a></p>
                </details>
            }
        </div>
    }
}
