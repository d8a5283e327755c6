//! The few places the app talks to the browser outside Yew's rendering: the URL fragment and
//! query, the theme, the clipboard, the embed's height messages to its host page, and the
//! crash banner. Natively (in tests) these are harmless no-ops.

#[cfg(target_arch = "wasm32")]
mod imp {
    use crate::values::Theme;
    use wasm_bindgen::prelude::wasm_bindgen;

    const THEME_KEY: &str = "nocontent-theme";
    /// The width up to which the stylesheet lays the regions out in one column (its
    /// `max-width: 760px` rule).
    const NARROW_MAX_PX: f64 = 760.0;

    fn window() -> Option<web_sys::Window> {
        web_sys::window()
    }

    pub fn fragment() -> String {
        window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
    }

    /// Replaces the fragment without adding a history entry, so typing does not flood history.
    pub fn replace_fragment(fragment: &str) {
        let Some(w) = window() else { return };
        let Ok(history) = w.history() else { return };
        let url = format!("#{fragment}");
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }

    /// Where the app renders. When the page holds a prerendered first view, the app renders
    /// into a fresh element beside it; `finish_prerender` removes the old one.
    pub fn mount_point() -> Option<web_sys::Element> {
        let doc = window()?.document()?;
        let app = doc.get_element_by_id("app")?;
        if !app.has_attribute("data-prerendered") {
            return Some(app);
        }
        let live = doc.create_element("div").ok()?;
        app.set_id("prerendered");
        live.set_id("app");
        app.after_with_node_1(&live).ok()?;
        Some(live)
    }

    /// After the app's first render: drops the prerendered view and the classes the boot script in index.html set
    /// while the right scenario was not yet known.
    pub fn finish_prerender() {
        let Some(doc) = window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(old) = doc.get_element_by_id("prerendered") {
            old.remove();
        }
        if let Some(root) = doc.document_element() {
            let _ = root
                .class_list()
                .remove_2("nc-link-pending", "nc-embed-pending");
        }
    }

    /// Marks the first complete render, for the benchmark (`performance.mark`).
    pub fn mark_ready() {
        finish_prerender();
        if let Some(p) = window().and_then(|w| w.performance()) {
            let _ = p.mark("nocontent-ready");
        }
    }

    pub fn stored_theme() -> Theme {
        window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(THEME_KEY).ok().flatten())
            .map(|k| Theme::from_key(&k))
            .unwrap_or(Theme::System)
    }

    pub fn apply_theme(theme: Theme) {
        let Some(doc) = window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(root) = doc.document_element() {
            let _ = match theme {
                Theme::System => root.remove_attribute("data-theme"),
                other => root.set_attribute("data-theme", other.key()),
            };
        }
        if let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.set_item(THEME_KEY, theme.key());
        }
    }

    /// The query's key–value pairs, decoded by the browser's own `URLSearchParams`.
    pub fn query_pairs() -> Vec<(String, String)> {
        let search = window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
            return Vec::new();
        };
        let Ok(Some(entries)) = js_sys::try_iter(&params) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter_map(|entry| {
                let pair = js_sys::Array::from(&entry);
                Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
            })
            .collect()
    }

    /// `location.href`, the page's full address.
    pub fn href() -> String {
        window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default()
    }

    /// Sets the theme on `<html>` without storing it (embeds leave the app's setting alone).
    pub fn show_theme(theme: Theme) {
        let Some(root) = window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        else {
            return;
        };
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            other => root.set_attribute("data-theme", other.key()),
        };
    }

    #[wasm_bindgen]
    extern "C" {
        /// `navigator.clipboard.writeText`; throws (caught) where there is no clipboard, such
        /// as pages served over plain HTTP from another host.
        #[wasm_bindgen(js_namespace = ["navigator", "clipboard"], js_name = writeText, catch)]
        fn clipboard_write_text(text: &str) -> Result<js_sys::Promise, wasm_bindgen::JsValue>;
    }

    /// Puts text on the clipboard; `false` when the browser refuses or has no clipboard.
    pub async fn copy_text(text: &str) -> bool {
        match clipboard_write_text(text) {
            Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
            Err(_) => false,
        }
    }

    /// Moves keyboard focus to the element with this id, if it is on the page.
    pub fn focus_id(id: &str) {
        let element = window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        if let Some(element) = element {
            // Focusing can only fail for an element that cannot take focus; nothing to do then.
            let _ = element.focus();
        }
    }

    /// On a narrow screen (a phone, where the gallery's card is far below the button that
    /// changed it), scrolls the element with this id to the top of the view.
    pub fn reveal_on_narrow(id: &str) {
        let Some(w) = window() else { return };
        let narrow = w
            .inner_width()
            .ok()
            .and_then(|v| v.as_f64())
            .is_some_and(|width| width <= NARROW_MAX_PX);
        if !narrow {
            return;
        }
        if let Some(element) = w.document().and_then(|d| d.get_element_by_id(id)) {
            element.scroll_into_view_with_bool(true);
        }
    }

    /// Adds the host page's resizing script (`embed-host.js`, served beside the app) to this
    /// page once, so the embed builder's preview is sized exactly as on a docs page. The
    /// script ignores its second inclusion, and the page's policy allows it (same origin).
    pub fn load_embed_host() {
        let Some(document) = window().and_then(|w| w.document()) else {
            return;
        };
        if document.get_element_by_id("nc-embed-host").is_some() {
            return;
        }
        let Some(body) = document.body() else { return };
        let Ok(script) = document.create_element("script") else {
            return;
        };
        let src = format!("{}embed-host.js", crate::embed::base_dir(&href()));
        // Attributes on a new element only fail for invalid names, which these are not.
        let _ = script.set_attribute("id", "nc-embed-host");
        let _ = script.set_attribute("src", &src);
        let _ = body.append_child(&script);
    }

    /// Selects all text of a textarea, so the user can copy it by hand.
    pub fn select_text(node: &yew::NodeRef) {
        if let Some(area) = node.cast::<web_sys::HtmlTextAreaElement>() {
            area.select();
        }
    }

    /// The origin of `document.referrer` (the host page, for an embed), if any.
    fn referrer_origin() -> Option<String> {
        let referrer = window()?.document()?.referrer();
        crate::embed::origin_of(&referrer)
    }

    thread_local! {
        static LAST_HEIGHT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
        static REPORTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// Posts `{type: "nocontent:height", height}` to the parent window when it changed (or
    /// always, when `again`).
    fn post_height(target: &str, again: bool) {
        let Some(w) = window() else { return };
        let Ok(Some(parent)) = w.parent() else {
            return;
        };
        if parent == w {
            return;
        }
        let Some(root) = w.document().and_then(|d| d.document_element()) else {
            return;
        };
        let Some(height) = crate::embed::sane_height(root.get_bounding_client_rect().height())
        else {
            return;
        };
        if LAST_HEIGHT.with(|h| h.replace(height)) == height && !again {
            return;
        }
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"nocontent:height".into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &f64::from(height).into());
        // postMessage only fails for a malformed origin, which `origin_of` rules out.
        let _ = parent.post_message(&message, target);
    }

    /// Reports the document's height to the parent window now and whenever it changes, with
    /// a ResizeObserver on `<html>`. Because a host page may start listening after the first
    /// report (a deferred script), the height is also sent again once a second for the first
    /// 10 seconds; where there is no ResizeObserver, that polling goes on for 2 minutes.
    /// The target is `origin` (from `?origin=`), else the referrer's origin, else `*`: the
    /// message holds only a number, so a wrong receiver learns nothing.
    pub fn report_height(origin: Option<String>) {
        use std::cell::Cell;
        use std::rc::Rc;
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        if REPORTING.with(|r| r.replace(true)) {
            return;
        }
        let target = origin
            .or_else(referrer_origin)
            .unwrap_or_else(|| "*".to_string());
        let Some(w) = window() else { return };
        let Some(root) = w.document().and_then(|d| d.document_element()) else {
            return;
        };
        let observed = {
            let target = target.clone();
            Closure::<dyn FnMut()>::new(move || post_height(&target, false))
        };
        let observing = match web_sys::ResizeObserver::new(observed.as_ref().unchecked_ref()) {
            Ok(observer) => {
                observer.observe(&root);
                // Both live as long as the page.
                observed.forget();
                std::mem::forget(observer);
                true
            }
            Err(_) => false,
        };
        let last_tick = if observing { 10 } else { 120 };
        let ticks = Rc::new(Cell::new(0u32));
        let id = Rc::new(Cell::new(0i32));
        let poll = {
            let id = id.clone();
            Closure::<dyn FnMut()>::new(move || {
                ticks.set(ticks.get() + 1);
                post_height(&target, ticks.get() <= 10);
                if ticks.get() >= last_tick {
                    if let Some(w) = web_sys::window() {
                        w.clear_interval_with_handle(id.get());
                    }
                }
            })
        };
        if let Ok(handle) = w.set_interval_with_callback_and_timeout_and_arguments_0(
            poll.as_ref().unchecked_ref(),
            1000,
        ) {
            id.set(handle);
        }
        // The interval clears itself; the closure is small and lives as long as the page.
        poll.forget();
    }

    /// Shows a banner made of plain DOM, because after a panic the wasm app cannot render.
    pub fn show_crash_banner() {
        let Some(doc) = window().and_then(|w| w.document()) else {
            return;
        };
        if doc.get_element_by_id("crash").is_some() {
            return;
        }
        let Ok(banner) = doc.create_element("div") else {
            return;
        };
        banner.set_id("crash");
        let _ = banner.set_attribute("role", "alert");
        banner.set_text_content(Some(
            "Something broke — reload the page. Your scenario is kept in the address bar, so nothing is lost. ",
        ));
        if let Ok(link) = doc.create_element("a") {
            let href = window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_default();
            let _ = link.set_attribute("href", &href);
            link.set_text_content(Some("Reload"));
            let _ = banner.append_child(&link);
        }
        if let Some(body) = doc.body() {
            let _ = body.prepend_with_node_1(&banner);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use crate::values::Theme;

    pub fn fragment() -> String {
        String::new()
    }
    pub fn replace_fragment(_: &str) {}
    pub fn stored_theme() -> Theme {
        Theme::System
    }
    pub fn apply_theme(_: Theme) {}
    pub fn show_crash_banner() {}
    pub fn mark_ready() {}
    pub fn mount_point() -> Option<web_sys::Element> {
        None
    }
    pub fn query_pairs() -> Vec<(String, String)> {
        Vec::new()
    }
    pub fn href() -> String {
        String::new()
    }
    pub fn show_theme(_: Theme) {}
    pub async fn copy_text(_: &str) -> bool {
        false
    }
    pub fn select_text(_: &yew::NodeRef) {}
    pub fn focus_id(_: &str) {}
    pub fn load_embed_host() {}
    pub fn reveal_on_narrow(_: &str) {}
    pub fn report_height(_: Option<String>) {}
}

pub use imp::{
    apply_theme, copy_text, focus_id, fragment, href, load_embed_host, mark_ready, mount_point,
    query_pairs, replace_fragment, report_height, reveal_on_narrow, select_text, show_crash_banner,
    show_theme, stored_theme,
};

/// Installs the panic hook: log the panic, then show the reload banner.
pub fn install_panic_hook() {
    // Yew installs its own hook when the app renders unless a custom one is registered with it.
    yew::set_custom_panic_hook(Box::new(|info| {
        #[cfg(target_arch = "wasm32")]
        web_sys::console::error_1(&format!("nocontent: {info}").into());
        #[cfg(not(target_arch = "wasm32"))]
        let _ = info;
        show_crash_banner();
    }));
}
