//! The nocontent web app: the only code in the project that touches the DOM.
//!
//! The engine crate computes everything; this crate lays it out and wires user input back to it.

mod browser;
pub mod embed;
pub mod lab;
mod layout;
pub mod notes;
pub mod permalink;
mod startup;
mod state;
mod values;
mod view;

use std::rc::Rc;

use yew::prelude::*;

pub use layout::App;
pub use startup::Startup;

/// The root: reads the start-up (the URL and stored theme) once and renders the app with it.
#[component]
pub fn Root() -> Html {
    let startup = use_memo((), |_| Startup::read());
    html! { <App startup={Rc::clone(&startup)} /> }
}

/// Mounts the app on the page's `<div id="app">` element, or on `<body>` when the host page
/// has none. A prerendered first view (`data-prerendered`) stays on screen until the app's own
/// first render replaces it, in the same task, so nothing flashes in between.
pub fn start() {
    browser::install_panic_hook();
    match browser::mount_point() {
        Some(root) => yew::Renderer::<Root>::with_root(root).render(),
        None => yew::Renderer::<Root>::new().render(),
    };
}

/// The default first view as static HTML (no hydration markers), for `dist/index.html`.
#[cfg(feature = "prerender")]
pub async fn prerender() -> String {
    yew::LocalServerRenderer::<App>::new()
        .hydratable(false)
        .render()
        .await
}
