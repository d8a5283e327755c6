//! The page: header, gallery and the four regions, wired to the one state.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use nocontent_engine::scenario::InputError;
use nocontent_engine::{simulate, Exchange, Scenario, PRODUCT, TAGLINE};
use yew::prelude::*;

use crate::browser;
use crate::permalink;
use crate::state::{Action, State};
use crate::view::common::FieldMessages;
use crate::view::composer::{AnswerPanel, RequestPanel};
use crate::view::gallery::Gallery;
use crate::view::outcomes::{BrowserPanel, CodePanel, FindingsPanel};
use crate::view::response::ResponsePanel;

/// One region of the playground, in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    Request,
    Answer,
    Response,
    Browser,
}

impl Region {
    #[cfg(test)]
    pub const ALL: [Region; 4] = [
        Region::Request,
        Region::Answer,
        Region::Response,
        Region::Browser,
    ];

    /// The element id, used by the stylesheet's grid and by the browser tests.
    pub fn id(self) -> &'static str {
        match self {
            Region::Request => "request",
            Region::Answer => "answer",
            Region::Response => "response",
            Region::Browser => "browser",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Region::Request => "Request",
            Region::Answer => "Server answer",
            Region::Response => "Response",
            Region::Browser => "Browser outcomes & notes",
        }
    }
}

/// The scenario in the URL, or the default one and a message saying why the URL was not used.
fn from_url() -> (Scenario, Option<String>) {
    match permalink::decode(&browser::fragment()) {
        Ok(Some(scenario)) => (scenario, None),
        Ok(None) => (Scenario::default(), None),
        Err(message) => (Scenario::default(), Some(message)),
    }
}

/// Messages for fields: input errors first, then findings that point at a field.
fn field_messages(result: &Result<Rc<Exchange>, Vec<InputError>>) -> FieldMessages {
    let mut map = HashMap::new();
    match result {
        Err(errors) => {
            for e in errors {
                map.insert(e.field.clone(), e.message.clone());
            }
        }
        Ok(x) => {
            for f in &x.findings {
                if let Some(field) = &f.field {
                    let text = match &f.note {
                        Some(note) => format!("{}: {note}", f.summary),
                        None => f.summary.to_string(),
                    };
                    map.entry(field.clone()).or_insert(text);
                }
            }
        }
    }
    Rc::new(map)
}

#[derive(Properties, PartialEq)]
struct RegionProps {
    region: Region,
    children: Html,
}

#[component]
fn RegionPanel(props: &RegionProps) -> Html {
    let r = props.region;
    let heading = format!("{}-title", r.id());
    html! {
        <section id={r.id()} class="region" aria-labelledby={heading.clone()}>
            <h2 id={heading}>{ r.title() }</h2>
            { props.children.clone() }
        </section>
    }
}

#[component]
pub fn App() -> Html {
    let initial = use_memo((), |_| from_url());
    let state = use_reducer({
        let scenario = initial.0.clone();
        move || State::new(scenario)
    });
    let link_problem = use_state(|| initial.1.clone());
    let theme = use_state(browser::stored_theme);

    use_effect_with(state.scenario.clone(), |scenario| {
        browser::replace_fragment(&permalink::encode(scenario))
    });
    use_effect_with(*theme, |theme| browser::apply_theme(*theme));
    // Effects run after the DOM is updated, so this marks the first complete render.
    use_effect_with((), |_| browser::mark_ready());

    let result = use_memo(state.scenario.clone(), |s| simulate(s).map(Rc::new));
    // When the input cannot be simulated, the panels keep showing the last good exchange.
    let last_good: Rc<RefCell<Option<Rc<Exchange>>>> = use_mut_ref(|| None);
    if let Ok(x) = &*result {
        *last_good.borrow_mut() = Some(x.clone());
    }
    // Before any good exchange exists (a link with a bad field), fall back to the default.
    let shown = last_good
        .borrow()
        .clone()
        .or_else(|| simulate(&Scenario::default()).ok().map(Rc::new));
    let Some(shown) = shown else {
        return html! { <p class="banner" role="alert">{ "The engine could not simulate even the default scenario." }</p> };
    };
    let stale = result.is_err();
    let messages = field_messages(&result);

    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let undo = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::Undo))
    };
    let toggle_theme = {
        let theme = theme.clone();
        Callback::from(move |_| theme.set(theme.next()))
    };
    let dismiss = {
        let link_problem = link_problem.clone();
        Callback::from(move |_| link_problem.set(None))
    };
    let changes = shown.changes.clone();

    html! {
        <div class="shell">
            <header class="masthead">
                <div class="title">
                    <h1 class="brand">{ PRODUCT }</h1>
                    <p class="tagline">{ TAGLINE }</p>
                </div>
                <div class="toolbar">
                    <button type="button" class="secondary" onclick={undo} disabled={!state.can_undo()} id="undo">{ "Undo last change" }</button>
                    <button type="button" class="secondary" onclick={toggle_theme} id="theme">{ theme.label() }</button>
                </div>
            </header>
            if let Some(problem) = &*link_problem {
                <div class="banner" role="alert" id="link-problem">
                    <span>{ problem.clone() }{ " Showing the default scenario." }</span>
                    <button type="button" class="secondary" onclick={dismiss}>{ "Dismiss" }</button>
                </div>
            }
            <main>
            <Gallery loaded={state.loaded} dispatch={dispatch.clone()} />
            <div class="regions">
                <RegionPanel region={Region::Request}>
                    <RequestPanel scenario={state.scenario.clone()} dispatch={dispatch.clone()} messages={messages.clone()} />
                </RegionPanel>
                <RegionPanel region={Region::Answer}>
                    <AnswerPanel scenario={state.scenario.clone()} status_input={state.status_input.clone()}
                        status_problem={state.status_input_problem()} {changes} dispatch={dispatch.clone()} messages={messages.clone()} />
                </RegionPanel>
                <RegionPanel region={Region::Response}>
                    if stale {
                        <p class="banner" role="status" id="stale">{ "Fix the highlighted field: showing the last exchange that could be sent." }</p>
                    }
                    <ResponsePanel exchange={shown.clone()} />
                </RegionPanel>
                <RegionPanel region={Region::Browser}>
                    <BrowserPanel scenario={state.scenario.clone()} exchange={shown.clone()} />
                    <h3>{ "What the RFCs say" }</h3>
                    <FindingsPanel scenario={state.scenario.clone()} exchange={shown.clone()} />
                    <h3>{ "Code" }</h3>
                    <CodePanel scenario={state.scenario.clone()} exchange={shown.clone()} />
                </RegionPanel>
            </div>
            </main>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn render() -> String {
        yew::LocalServerRenderer::<App>::new().render().await
    }

    #[tokio::test]
    async fn renders_name_tagline_and_every_region() {
        let html = render().await;
        assert!(html.contains(PRODUCT), "{html}");
        assert!(html.contains("204, 205"), "{html}");
        for r in Region::ALL {
            assert!(
                html.contains(&format!("id=\"{}\"", r.id())),
                "missing region {}: {html}",
                r.id()
            );
            // The renderer escapes text, so "&" arrives as "&amp;".
            let title = r.title().replace('&', "&amp;");
            assert!(html.contains(&title), "missing title {title}: {html}");
        }
    }
}
