//! The embed builder, for documentation authors: choose what an embed of the current scenario
//! shows (a preset or panel by panel), its theme, whether readers may edit it and whether it
//! carries the live lab; see it live at the width of a docs column; copy the snippet.
//!
//! What the choices mean is `embed::Spec` (tested natively, including that the embed reads
//! the query back as the same choice); this component only holds the choice and shows it. The
//! preview is the real embed, in an iframe sized by the same host script a docs page loads.

use nocontent_engine::Scenario;
use yew::prelude::*;

use crate::browser;
use crate::embed::{self, Part, Preset, Spec, ALL_REGIONS};
use crate::permalink;
use crate::values::{Region, Theme};
use crate::view::composer::select_value;

/// The preview's width: the columns docs pages commonly have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Width {
    Narrow,
    Column,
    Full,
}

impl Width {
    const ALL: [Width; 3] = [Width::Narrow, Width::Column, Width::Full];

    fn id(self) -> &'static str {
        match self {
            Width::Narrow => "400",
            Width::Column => "700",
            Width::Full => "full",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Width::Narrow => "400 px (a phone, or a narrow column)",
            Width::Column => "700 px (a docs column)",
            Width::Full => "The width of this page",
        }
    }
}

/// The scenario's name for an embed's title, as readers should hear it: its gallery title,
/// or what it asks and answers.
fn scenario_title(loaded: Option<&str>, s: &Scenario) -> String {
    loaded
        .and_then(nocontent_engine::catalog::find)
        .map(|e| e.title.to_string())
        .unwrap_or_else(|| {
            format!(
                "{} {} answered {}",
                s.request.method, s.request.target, s.answer.status
            )
        })
}

#[derive(Properties, PartialEq)]
pub struct BuilderProps {
    pub scenario: Scenario,
    /// The gallery entry the scenario is, if it is one: its title names the embed.
    pub loaded: Option<&'static str>,
    pub onclose: Callback<()>,
}

#[component]
pub fn EmbedBuilder(props: &BuilderProps) -> Html {
    let spec = use_state(Spec::default);
    let width = use_state(|| Width::Column);
    let copied = use_state(String::new);
    let snippet_box = use_node_ref();
    use_effect_with((), |_| {
        // The preview is sized by the host page's script, as on a docs page.
        browser::load_embed_host();
        browser::focus_id("embed-preset");
    });
    // A new choice makes an earlier "copied" untrue.
    use_effect_with((*spec).clone(), {
        let copied = copied.clone();
        move |_| copied.set(String::new())
    });

    let href = browser::href();
    // The builder re-renders on every choice (and with the app); the link, a compression of
    // the scenario, is only redone when the scenario changes.
    let fragment = use_memo(props.scenario.clone(), permalink::share);
    let title = use_memo((props.loaded, props.scenario.clone()), |(loaded, s)| {
        scenario_title(*loaded, s)
    });
    let snippet = (*fragment)
        .as_ref()
        .map(|f| embed::snippet(&href, f, &spec, &title));

    let update = |change: fn(&mut Spec, &str)| {
        let spec = spec.clone();
        move |value: String| {
            let mut next = (*spec).clone();
            change(&mut next, &value);
            spec.set(next);
        }
    };
    let on_preset = {
        let set = update(|s, v| {
            if let Some(p) = Preset::named(v) {
                let (theme, lab) = (s.theme, s.lab);
                *s = Spec {
                    theme,
                    lab,
                    ..Spec::preset(p)
                };
            }
        });
        Callback::from(move |e: Event| set(select_value(e)))
    };
    let on_theme = {
        let set = update(|s, v| {
            s.theme = match v {
                "light" => Theme::Light,
                "dark" => Theme::Dark,
                _ => Theme::System,
            }
        });
        Callback::from(move |e: Event| set(select_value(e)))
    };
    let toggle = |change: Box<dyn Fn(&mut Spec)>| {
        let spec = spec.clone();
        Callback::from(move |_: Event| {
            let mut next = (*spec).clone();
            change(&mut next);
            spec.set(next);
        })
    };
    let on_width = {
        let width = width.clone();
        Callback::from(move |e: Event| {
            let value = select_value(e);
            if let Some(w) = Width::ALL.into_iter().find(|w| w.id() == value) {
                width.set(w);
            }
        })
    };
    let copy = {
        let copied = copied.clone();
        let snippet_box = snippet_box.clone();
        let text = snippet.clone().ok();
        Callback::from(move |_: MouseEvent| {
            let Some(text) = text.clone() else { return };
            browser::select_text(&snippet_box);
            let copied = copied.clone();
            yew::platform::spawn_local(async move {
                copied.set(if browser::copy_text(&text).await {
                    "Snippet copied.".into()
                } else {
                    "The clipboard is not available here: copy the snippet from the box (it is selected).".into()
                });
            });
        })
    };
    let close = {
        let onclose = props.onclose.clone();
        Callback::from(move |_: MouseEvent| onclose.emit(()))
    };
    let on_key = {
        let onclose = props.onclose.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                onclose.emit(());
            }
        })
    };

    let preset = spec.matches();
    let region_box = |region: Region| {
        let checked = spec.panels.contains(&region);
        let onchange = toggle(Box::new(move |s| s.toggle_region(region)));
        html! {
            <label class="check">
                <input type="checkbox" id={format!("embed-panel-{}", region.id())} {checked} {onchange} />
                { region.title() }
            </label>
        }
    };
    let part_box = |part: Part| {
        let checked = spec.parts.contains(&part);
        let whole = spec.panels.contains(&Region::Browser);
        let onchange = toggle(Box::new(move |s| s.toggle_part(part)));
        html! {
            <label class="check sub">
                <input type="checkbox" id={format!("embed-part-{}", part.id())}
                    checked={checked || whole} {onchange} />
                { part.label() }
            </label>
        }
    };

    html! {
        <section id="embed-builder" class="builder" aria-labelledby="embed-builder-title" onkeydown={on_key}>
            <div class="builder-head">
                <h2 id="embed-builder-title">{ "Embed this scenario in your docs" }</h2>
                <button type="button" class="secondary" id="embed-close" onclick={close}>{ "Close" }</button>
            </div>
            <div class="builder-body">
                <div class="builder-options">
                    <label class="field">
                        <span>{ "Preset" }</span>
                        <select id="embed-preset" onchange={on_preset}>
                            { for Preset::ALL.into_iter().map(|p| html! {
                                <option value={p.id()} selected={preset == Some(p)}>{ p.label() }</option>
                            }) }
                            if preset.is_none() {
                                <option value="custom" selected=true disabled=true>{ "Your own choice (below)" }</option>
                            }
                        </select>
                    </label>
                    <fieldset class="checks">
                        <legend>{ "Show" }</legend>
                        { for ALL_REGIONS.into_iter().map(region_box) }
                        { for Part::ALL.into_iter().map(part_box) }
                        if spec.is_empty() {
                            <p class="hint" id="embed-nothing">{ "Nothing chosen: the embed shows the response and the browser outcomes." }</p>
                        }
                    </fieldset>
                    <label class="field">
                        <span>{ "Theme" }</span>
                        <select id="embed-theme" onchange={on_theme}>
                            { for [(Theme::System, "system", "Follow the reader's system"), (Theme::Light, "light", "Light"), (Theme::Dark, "dark", "Dark")]
                                .into_iter().map(|(t, v, label)| html! {
                                    <option value={v} selected={spec.theme == t}>{ label }</option>
                                }) }
                        </select>
                    </label>
                    <label class="check">
                        <input type="checkbox" id="embed-editable" checked={spec.editable && spec.has_fields()}
                            disabled={!spec.has_fields()} onchange={toggle(Box::new(|s| s.editable = !s.editable))} />
                        { "Readers may edit the request and the answer" }
                    </label>
                    if !spec.has_fields() {
                        <p class="hint" id="embed-editable-hint">{ "Show the request or the answer to let readers edit." }</p>
                    }
                    <label class="check">
                        <input type="checkbox" id="embed-lab" checked={spec.lab} onchange={toggle(Box::new(|s| s.lab = !s.lab))} />
                        { "Include the live lab (readers run the scenario in their own browser)" }
                    </label>
                    <label class="field">
                        <span>{ "Preview width" }</span>
                        <select id="embed-width" onchange={on_width}>
                            { for Width::ALL.into_iter().map(|w| html! {
                                <option value={w.id()} selected={*width == w}>{ w.label() }</option>
                            }) }
                        </select>
                    </label>
                    if let Ok(code) = &snippet {
                            <label class="field">
                                <span>{ "The snippet for your page" }</span>
                                <textarea id="embed-snippet" class="mono" readonly=true rows="6" ref={snippet_box.clone()} value={code.clone()} />
                            </label>
                            <div class="builder-copy">
                                <button type="button" id="copy-snippet" onclick={copy}>{ "Copy snippet" }</button>
                                <p id="embed-copy-status" role="status">{ (*copied).clone() }</p>
                            </div>
                    }
                    if let Err(message) = &snippet {
                            <p class="banner" role="alert" id="embed-problem">{ message.to_string() }</p>
                    }
                </div>
                <div class="builder-preview">
                    <h3>{ "Live preview" }</h3>
                    if let Ok(f) = &*fragment {
                        <div class={classes!("preview-frame", format!("preview-{}", width.id()))} id="embed-preview-box">
                            <iframe id="embed-preview" data-nocontent=""
                                src={spec.src(&href, f)}
                                title={format!("Preview: nocontent: {title}")}
                                height={spec.height().to_string()}
                                sandbox={embed::sandbox(spec.lab)} />
                        </div>
                    }
                </div>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Properties, PartialEq)]
    struct Wrap {
        scenario: Scenario,
    }

    #[component]
    fn Host(props: &Wrap) -> Html {
        html! { <EmbedBuilder scenario={props.scenario.clone()} loaded={Some("delete-204")} onclose={Callback::noop()} /> }
    }

    #[tokio::test]
    async fn the_builder_starts_at_the_results_preset_with_a_snippet_and_its_preview() {
        let html = yew::LocalServerRenderer::<Host>::with_props(Wrap {
            scenario: Scenario::default(),
        })
        .render()
        .await;
        for needle in [
            "id=\"embed-preset\"",
            "value=\"compact\"",
            "id=\"embed-panel-request\"",
            "id=\"embed-part-timeline\"",
            "id=\"embed-theme\"",
            "id=\"embed-editable\"",
            "id=\"embed-lab\"",
            "id=\"embed-width\"",
            "id=\"embed-snippet\"",
            "id=\"copy-snippet\"",
            "id=\"embed-preview\"",
            "class=\"preview-frame preview-700\"",
            "title=\"nocontent: DELETE answered 204\"",
            "?embed&amp;panels=response,browser&amp;readonly#",
        ] {
            assert!(html.contains(needle), "missing {needle}: {html}");
        }
        // With only results shown there is nothing to edit, so the box is disabled.
        assert!(html.contains("id=\"embed-editable-hint\""), "{html}");
    }

    #[tokio::test]
    async fn a_scenario_too_big_to_link_gets_the_reason_instead_of_a_snippet() {
        let mut scenario = Scenario::default();
        scenario.answer.body = crate::permalink::incompressible(12_000, 7);
        let html = yew::LocalServerRenderer::<Host>::with_props(Wrap { scenario })
            .render()
            .await;
        assert!(html.contains("id=\"embed-problem\""), "{html}");
        assert!(
            !html.contains("id=\"embed-snippet\"") && !html.contains("id=\"embed-preview\""),
            "{html}"
        );
    }
}
