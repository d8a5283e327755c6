//! Words explained where they appear: a [`Term`] shows its glossary definition when it is
//! hovered or focused (Escape hides it again), and [`Glossary`] lists every definition. The
//! definitions are the presentation crate's `glossary`, written in `content/glossary.md`.

use std::sync::atomic::{AtomicUsize, Ordering};

use nocontent_explain::glossary;
use yew::prelude::*;

use crate::view::common::prose;

/// Numbers the tooltips, so a term that appears twice gets two ids.
static NEXT: AtomicUsize = AtomicUsize::new(0);

#[derive(Properties, PartialEq)]
pub struct TermProps {
    /// A `glossary` id, such as `glossary::FRAMING`.
    pub id: &'static str,
    pub children: Html,
}

#[component]
pub fn Term(props: &TermProps) -> Html {
    let number = use_state(|| NEXT.fetch_add(1, Ordering::Relaxed));
    let dismissed = use_state(|| false);
    let Some(entry) = glossary::entry(props.id) else {
        return props.children.clone();
    };
    let tip = format!("term-{}-{}", props.id, *number);
    // WCAG 1.4.13: content shown on hover or focus can be dismissed without moving either.
    let on_key = {
        let dismissed = dismissed.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                dismissed.set(true);
            }
        })
    };
    let show = {
        let dismissed = dismissed.clone();
        Callback::from(move |_: FocusEvent| dismissed.set(false))
    };
    let hover = {
        let dismissed = dismissed.clone();
        Callback::from(move |_: MouseEvent| dismissed.set(false))
    };
    html! {
        <span class={classes!("term", dismissed.then_some("dismissed"))} onmouseenter={hover}>
            <span class="term-word" tabindex="0" aria-describedby={tip.clone()} onkeydown={on_key} onfocus={show}>
                { props.children.clone() }
            </span>
            <span class="term-tip" role="tooltip" id={tip}>
                <strong>{ entry.term }</strong>{ ": " }{ prose(&entry.definition) }
            </span>
        </span>
    }
}

/// Every definition, closed until asked for.
#[component]
pub fn Glossary() -> Html {
    html! {
        <details class="region glossary" id="glossary">
            <summary><h2>{ "Glossary" }</h2></summary>
            <dl>
                { for glossary::entries().iter().map(|e| html! {
                    <>
                        <dt id={format!("glossary-{}", e.id)}>{ e.term }</dt>
                        <dd>{ prose(&e.definition) }</dd>
                    </>
                }) }
            </dl>
        </details>
    }
}
