//! The few places the app talks to the browser outside Yew's rendering: the URL fragment,
//! the theme, and the crash banner. Natively (in tests) these are harmless no-ops.

/// The colour theme: follow the system, or force one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "Theme: system",
            Theme::Light => "Theme: light",
            Theme::Dark => "Theme: dark",
        }
    }

    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn key(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn from_key(key: &str) -> Theme {
        match key {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::Theme;

    const THEME_KEY: &str = "nocontent-theme";

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

    /// Marks the first complete render, for the benchmark (`performance.mark`).
    pub fn mark_ready() {
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
    use super::Theme;

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
}

pub use imp::{apply_theme, fragment, mark_ready, replace_fragment, show_crash_banner, stored_theme};

/// Installs the panic hook: log the panic, then show the reload banner.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        #[cfg(target_arch = "wasm32")]
        web_sys::console::error_1(&format!("nocontent: {info}").into());
        #[cfg(not(target_arch = "wasm32"))]
        let _ = info;
        show_crash_banner();
    }));
}
