//! The page: header, gallery and the four regions, wired to the one state; or, in embed mode
//! (`?embed`, see `embed.rs`), a compact view of the chosen regions of one scenario.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use nocontent_engine::scenario::InputError;
use nocontent_engine::{simulate, Exchange, Scenario};
use nocontent_explain::{PRODUCT, TAGLINE};
use yew::prelude::*;

use crate::browser;
use crate::embed;
use crate::permalink;
use crate::startup::Startup;
use crate::state::{Action, Editor, State};
use crate::values::Region;
use crate::view::common::FieldMessages;
use crate::view::composer::{AnswerPanel, RequestPanel};
use crate::view::gallery::Gallery;
use crate::view::outcomes::{BrowserPanel, CodePanel, FindingsPanel, TimelinePanel};
use crate::view::response::ResponsePanel;

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
    /// In an embed a reader can fold a region away (its heading is the toggle), so a short
    /// docs frame can show one region at a time.
    #[prop_or_default]
    foldable: bool,
}

#[component]
fn RegionPanel(props: &RegionProps) -> Html {
    let r = props.region;
    let heading = format!("{}-title", r.id());
    let title = html! { <h2 id={heading.clone()}>{ r.title() }</h2> };
    let inner = if props.foldable {
        html! {
            <details class="fold" open=true>
                <summary>{ title }</summary>
                { props.children.clone() }
            </details>
        }
    } else {
        html! { <>{ title }{ props.children.clone() }</> }
    };
    // Outside embeds a region is focusable from script only (the skip link), never a stop
    // in the tab order; embeds have no skip link.
    let tabindex = (!props.foldable).then_some("-1");
    html! {
        <section id={r.id()} class="region" aria-labelledby={heading} {tabindex}>
            { inner }
        </section>
    }
}

/// The one line a newcomer reads first: what to do.
const START_HERE: &str = "Start here: pick a scenario from the gallery, or change the request and the server's answer. The raw response, what each browser does and what the RFCs say follow every change.";

/// What the copy buttons produced: the text to copy (none when refused) and a message.
#[derive(Clone, Debug, PartialEq)]
struct Shared {
    /// "Link" (the embed builder has its own copy button).
    what: &'static str,
    text: Option<String>,
    message: String,
    problem: bool,
}

/// Shows `text` (or why there is none) and tries to put it on the clipboard. The text stays
/// visible, selected, either way, so the user can always copy it by hand.
fn offer(
    shared: &UseStateHandle<Option<Shared>>,
    what: &'static str,
    text: Result<String, String>,
) {
    let text = match text {
        Err(message) => {
            shared.set(Some(Shared {
                what,
                text: None,
                message,
                problem: true,
            }));
            return;
        }
        Ok(text) => text,
    };
    shared.set(Some(Shared {
        what,
        text: Some(text.clone()),
        message: format!("{what}: copying to the clipboard…"),
        problem: false,
    }));
    let shared = shared.clone();
    yew::platform::spawn_local(async move {
        let copied = browser::copy_text(&text).await;
        let message = if copied {
            format!("{what} copied.")
        } else {
            format!(
                "The clipboard is not available here: copy the {} from the box below (it is selected).",
                what.to_lowercase()
            )
        };
        shared.set(Some(Shared {
            what,
            text: Some(text),
            message,
            problem: false,
        }));
    });
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// What the URL said when the page opened (read once by `startup::Root`).
    #[prop_or_default]
    pub startup: Rc<Startup>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let startup = &props.startup;
    let embed = &startup.embed;
    let embedded = embed.is_some();
    let read_only = embed.as_ref().is_some_and(|o| !o.editable);
    // The live lab is on in the app, and in an embed only when its code asks for it.
    let lab_on = embed.as_ref().is_none_or(|o| o.lab);
    let state = use_reducer({
        let scenario = startup.scenario.clone();
        move || State::new(scenario)
    });
    let link_problem = use_state(|| startup.link_problem.clone());
    let theme = use_state(|| startup.theme);
    let shared = use_state(|| None::<Shared>);
    let building = use_state(|| false);
    let share_box = use_node_ref();

    use_effect_with(state.scenario.clone(), |scenario| {
        browser::replace_fragment(&permalink::encode(scenario))
    });
    use_effect_with(*theme, move |theme| {
        if embedded {
            browser::show_theme(*theme)
        } else {
            browser::apply_theme(*theme)
        }
    });
    use_effect_with(embed.clone(), |embed| {
        if let Some(o) = embed {
            browser::report_height(o.origin.clone());
        }
    });
    use_effect_with(shared.clone(), {
        let share_box = share_box.clone();
        move |_| browser::select_text(&share_box)
    });
    // Effects run after the DOM is updated, so this marks the first complete render.
    let crash_test = startup.crash_test;
    use_effect_with((), move |_| {
        browser::mark_ready();
        crate::lab::refresh_worker();
        // `?crashtest` panics on purpose, so the crash banner can be checked in a real browser
        // (tests/playground.rs); no link the app writes contains it.
        #[allow(clippy::panic)]
        if crash_test {
            panic!("crash test requested with ?crashtest");
        }
    });

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
    let stale = stale_message(&state, result.is_ok(), &shown);
    let messages = field_messages(&result);

    let dispatch = {
        let state = state.clone();
        // A read-only embed shows the scenario and never changes it.
        Callback::from(move |action: Action| {
            if !read_only {
                state.dispatch(action)
            }
        })
    };
    let mut editor = Editor::of(&state, messages.clone(), dispatch.clone());
    editor.method_change = match &*result {
        Ok(x) => x.request.method_change.clone(),
        Err(_) => None,
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
    let copy_link = {
        let shared = shared.clone();
        let building = building.clone();
        let scenario = state.scenario.clone();
        Callback::from(move |_: MouseEvent| {
            building.set(false);
            let link = permalink::share(&scenario)
                .map(|f| format!("{}#{f}", embed::base_url(&browser::href())));
            offer(&shared, "Link", link);
        })
    };
    let open_builder = {
        let building = building.clone();
        let shared = shared.clone();
        Callback::from(move |_: MouseEvent| {
            shared.set(None);
            building.set(!*building);
        })
    };
    let close_builder = {
        let building = building.clone();
        Callback::from(move |_: ()| {
            building.set(false);
            browser::focus_id("copy-embed");
        })
    };
    // The fragment holds the scenario, so the skip link moves focus itself instead of
    // following its `#request` (which would replace the permalink).
    let skip_gallery = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        browser::focus_id("request");
    });
    let close_share = {
        let shared = shared.clone();
        Callback::from(move |_| shared.set(None))
    };
    let changes = shown.changes.clone();
    let framing_added = shown.framing_added.clone();
    let framework_log = shown.framework_log.clone();

    // In a read-only embed the editing controls are disabled as a group.
    let lock = |inner: Html| {
        if read_only {
            html! {
                <fieldset class="locked" disabled=true>
                    <legend class="visually-hidden">{ "Read-only" }</legend>
                    { inner }
                </fieldset>
            }
        } else {
            inner
        }
    };
    let request_region = html! {
        <RegionPanel region={Region::Request} foldable={embedded}>
            { lock(html! { <RequestPanel /> }) }
        </RegionPanel>
    };
    let answer_region = html! {
        <RegionPanel region={Region::Answer} foldable={embedded}>
            { lock(html! { <AnswerPanel {changes} {framing_added} {framework_log} /> }) }
        </RegionPanel>
    };
    let response_region = html! {
        <RegionPanel region={Region::Response} foldable={embedded}>
            if let Some(message) = stale {
                <p class="banner" role="status" id="stale">{ message }</p>
            }
            <ResponsePanel exchange={shown.clone()} />
        </RegionPanel>
    };
    // A compact embed shows only some parts of this region; everywhere else, all of it.
    let parts = embed.as_ref().and_then(|o| o.browser_parts());
    let part = |p: embed::Part| parts.is_none_or(|parts| parts.contains(&p));
    let whole = parts.is_none();
    let browser_region = html! {
        <RegionPanel region={Region::Browser} foldable={embedded}>
            if part(embed::Part::Timeline) {
                if whole {
                    <BrowserPanel scenario={state.scenario.clone()} exchange={shown.clone()} />
                } else {
                    <TimelinePanel scenario={state.scenario.clone()} exchange={shown.clone()} />
                }
            }
            if lab_on {
                <h3>{ "Live lab: run it in this browser" }</h3>
                <crate::lab::LabPanel scenario={state.scenario.clone()} exchange={shown.clone()} {embedded} />
            }
            if part(embed::Part::Findings) {
                <h3>{ "What the RFCs say" }</h3>
                <FindingsPanel scenario={state.scenario.clone()} exchange={shown.clone()} />
            }
            if whole {
                <h3>{ "Code" }</h3>
                <CodePanel scenario={state.scenario.clone()} exchange={shown.clone()} />
            }
        </RegionPanel>
    };
    let link_banner = html! {
        if let Some(problem) = &*link_problem {
            <div class="banner" role="alert" id="link-problem">
                <span>{ problem.clone() }{ " Showing the default scenario." }</span>
                <button type="button" class="secondary" onclick={dismiss}>{ "Dismiss" }</button>
            </div>
        }
    };

    if let Some(options) = embed {
        let s = &state.scenario;
        let full = format!(
            "{}#{}",
            embed::base_url(&browser::href()),
            permalink::encode(s)
        );
        let regions = [
            (Region::Request, request_region),
            (Region::Answer, answer_region),
            (Region::Response, response_region),
            (Region::Browser, browser_region),
        ];
        return html! {
            <ContextProvider<Editor> context={editor}>
            <div class="shell embed">
                <header class="embed-bar">
                    <p class="embed-title"><span class="brand-small">{ PRODUCT }</span>
                        <span class="mono">{ format!("{} {} → {}", s.request.method, s.request.target, s.answer.status) }</span></p>
                    <a class="open-full" id="open-full" href={full} target="_blank" rel="noopener noreferrer">{ "Open in nocontent" }</a>
                </header>
                { link_banner }
                <main>
                    <div class="regions">
                        { for regions.into_iter().filter(|(r, _)| options.shows(*r)).map(|(_, html)| html) }
                    </div>
                </main>
            </div>
            </ContextProvider<Editor>>
        };
    }

    html! {
        <ContextProvider<Editor> context={editor}>
        <div class="shell">
            <a class="skip-link" href="#request" id="skip-gallery" onclick={skip_gallery}>{ "Skip the gallery: go to the request" }</a>
            <header class="masthead">
                <div class="title">
                    <h1 class="brand">{ PRODUCT }</h1>
                    <p class="tagline">{ TAGLINE }</p>
                    <p class="start-here" id="start-here">{ START_HERE }</p>
                </div>
                <div class="toolbar">
                    <button type="button" class="secondary" onclick={copy_link} id="copy-link">{ "Copy link" }</button>
                    <button type="button" class="secondary" onclick={open_builder} id="copy-embed"
                        aria-expanded={building.to_string()} aria-controls="embed-builder">{ "Embed in your docs" }</button>
                    <button type="button" class="secondary" onclick={undo} disabled={!state.can_undo()} id="undo">{ "Undo last change" }</button>
                    <button type="button" class="secondary" onclick={toggle_theme} id="theme">{ theme.label() }</button>
                </div>
            </header>
            if let Some(s) = &*shared {
                <div class="share" id="share">
                    <p id="share-status" role={if s.problem { "alert" } else { "status" }}>{ s.message.clone() }</p>
                    if let Some(text) = &s.text {
                        <label class="field">
                            <span>{ s.what }</span>
                            <textarea id="share-text" readonly=true rows="3" ref={share_box.clone()} value={text.clone()} />
                        </label>
                    }
                    <button type="button" class="secondary" onclick={close_share}>{ "Close" }</button>
                </div>
            }
            if *building {
                <crate::view::embed_builder::EmbedBuilder scenario={state.scenario.clone()}
                    loaded={state.loaded} onclose={close_builder} />
            }
            { link_banner }
            <main>
            <Gallery />
            // On wide screens the composer is the left column and the results the right one,
            // which stays in view (with its own scroll) while the composer scrolls, so an edit
            // and its effect are on screen together; narrower, the four regions flow as before.
            <div class="regions workbench">
                <div class="column composer-column">
                    { request_region }
                    { answer_region }
                </div>
                <div class="column results-column">
                    { response_region }
                    { browser_region }
                </div>
            </div>
            <crate::view::compare::ComparePanel scenario={state.scenario.clone()} />
            <crate::view::glossary::Glossary />
            </main>
        </div>
        </ContextProvider<Editor>>
    }
}

/// The banner over the results when they are not those of what the fields now say: the
/// scenario cannot be simulated, or the status field holds text that is no status code (the
/// scenario then keeps its last code). It names the answer the results belong to, so the
/// previous status never looks chosen.
fn stale_message(state: &State, simulated: bool, shown: &Exchange) -> Option<String> {
    if simulated && state.status_input_problem().is_none() {
        return None;
    }
    let status = format!("{} {}", shown.response.status, shown.response.reason);
    Some(format!(
        "Fix the highlighted field: everything below is still for the last answer that could be sent ({}), not for what the fields say now.",
        status.trim_end()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Theme;

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

    async fn render_with(startup: Startup) -> String {
        yew::LocalServerRenderer::<App>::with_props(AppProps {
            startup: Rc::new(startup),
        })
        .render()
        .await
    }

    fn embed(query: &str) -> Startup {
        let pairs: Vec<(String, String)> = query
            .split('&')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (k.to_string(), v.to_string())
            })
            .collect();
        Startup::from_parts("", &pairs, || Theme::System)
    }

    #[tokio::test]
    async fn the_live_lab_is_in_the_app_and_in_an_embed_only_when_asked_for() {
        let full = render_with(Startup::default()).await;
        assert!(full.contains("id=\"lab-run\"") && full.contains("cargo xtask lab"));
        let plain = render_with(embed("embed&panels=browser")).await;
        assert!(
            plain.contains("id=\"browser\"") && !plain.contains("id=\"lab\""),
            "{plain}"
        );
        let with_lab = render_with(embed("embed&panels=browser&lab")).await;
        assert!(with_lab.contains("id=\"lab-run\""), "{with_lab}");
        // Readers of an embed get no instructions meant for the app's developers.
        assert!(!with_lab.contains("cargo"), "{with_lab}");
    }

    /// A compact embed shows the chosen client's timeline and the findings, nothing else of
    /// the browser region, and every region in an embed folds under its heading.
    #[tokio::test]
    async fn a_compact_embed_shows_the_timeline_and_the_findings_in_folding_regions() {
        let compact = render_with(embed("embed&panels=timeline,findings")).await;
        for needle in [
            "id=\"timeline\"",
            "id=\"findings\"",
            "<details open=\"open\" class=\"fold\">",
            "<summary><h2 id=\"browser-title\"",
        ] {
            assert!(compact.contains(needle), "missing {needle}: {compact}");
        }
        for absent in [
            "id=\"matrix\"",
            "id=\"aftermath\"",
            "id=\"clients-matrix\"",
            "aria-label=\"Code examples\"",
            "id=\"wire\"",
        ] {
            assert!(!compact.contains(absent), "{absent}: {compact}");
        }
        let timeline_only = render_with(embed("embed&panels=timeline")).await;
        assert!(
            timeline_only.contains("id=\"timeline\"") && !timeline_only.contains("id=\"findings\""),
            "{timeline_only}"
        );
        let whole = render_with(embed("embed&panels=browser")).await;
        assert!(
            whole.contains("id=\"matrix\"") && whole.contains("id=\"findings\""),
            "{whole}"
        );
        // The app's own regions do not fold, and its toolbar opens the embed builder.
        let app = render_with(Startup::default()).await;
        assert!(!app.contains("class=\"fold\""), "{app}");
        // A newcomer is told what to do, and can skip the gallery.
        assert!(
            app.contains("id=\"start-here\"") && app.contains("id=\"skip-gallery\""),
            "{app}"
        );
        assert!(
            !compact.contains("start-here") && !compact.contains("skip-gallery"),
            "{compact}"
        );
        assert!(app.contains("aria-controls=\"embed-builder\""), "{app}");
    }

    /// The search sits in the gallery of the app; an embed, which has no gallery to load
    /// from, has no search either.
    #[tokio::test]
    async fn the_search_is_in_the_app_and_not_in_embeds() {
        let full = render_with(Startup::default()).await;
        assert!(full.contains("id=\"search-input\""), "{full}");
        for query in ["embed", "embed&editable", "embed&panels=browser&lab"] {
            let embedded = render_with(embed(query)).await;
            assert!(!embedded.contains("role=\"search\""), "{query}: {embedded}");
        }
    }

    #[tokio::test]
    async fn a_damaged_link_shows_its_problem_and_the_default_scenario() {
        let html = render_with(Startup::from_parts("2.@@@", &[], || Theme::System)).await;
        assert!(html.contains("id=\"link-problem\""), "{html}");
        assert!(html.contains("204 No Content"), "{html}");
    }

    use crate::state::Action;

    fn after(actions: &[&str]) -> (State, Result<Exchange, Vec<InputError>>) {
        let mut state = Rc::new(State::new(Scenario::default()));
        for text in actions {
            state = state.reduce(Action::SetStatus((*text).to_string()));
        }
        let result = simulate(&state.scenario);
        ((*state).clone(), result)
    }

    /// Typing a code out of range, or text that is no code, never leaves the last valid code
    /// on screen as if it were chosen.
    #[test]
    fn results_that_are_not_the_fields_say_whose_they_are() {
        let shown = simulate(&Scenario::default()).unwrap_or_else(|e| panic!("{e:?}"));
        for typed in ["1000", "70000", "20x", ""] {
            let (state, result) = after(&["2", "20", "204", typed]);
            let message = stale_message(&state, result.is_ok(), &shown)
                .unwrap_or_else(|| panic!("no banner after typing {typed:?}"));
            assert!(
                message.contains("(204 No Content)")
                    && message.contains("not for what the fields say now"),
                "{typed:?}: {message}"
            );
        }
        let (state, result) = after(&["205"]);
        assert_eq!(stale_message(&state, result.is_ok(), &shown), None);
    }
}
