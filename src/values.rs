//! Small value types several parts of the app share: the page's regions and the colour theme.
//!
//! They live here, depending on nothing else in the app, so that the page layout, embed mode
//! and the browser glue can all use them without importing one another.

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

/// The colour theme: follow the system, or force one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
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

    /// The value stored in localStorage and set as `data-theme`.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub fn key(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub fn from_key(key: &str) -> Theme {
        match key {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}
