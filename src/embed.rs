//! Embed mode: one scenario, compact, inside another site's page (`?embed` in the query).
//!
//! Options, all in the query string (the scenario stays in the fragment):
//!
//! - `embed`: turns embed mode on.
//! - `panels=request,answer,response,browser`: the regions to show, in any order (shown in the
//!   page's usual order). Unknown names are ignored; none left means `response,browser`.
//! - `theme=light|dark|system`: the colour theme (default: follow the system). An embed never
//!   reads or writes the app's stored theme.
//! - `readonly` (the default) or `editable`: whether the request and answer can be changed.
//! - `origin=https://docs.example.org`: the host page's origin, which receives the height
//!   messages. Without it the embed uses the origin of `document.referrer`.
//! - `lab`: shows the live lab ("Run in this browser"). Off unless asked for: the lab
//!   registers a service worker on the app's origin, and the frame's sandbox must allow forms.
//!
//! Everything here is pure string handling over the query's decoded pairs, tested natively.

use crate::values::{Region, Theme};

/// The embed options read from the query string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedOptions {
    /// The regions shown, in the page's order.
    pub panels: Vec<Region>,
    /// `None` follows the system.
    pub theme: Option<Theme>,
    pub editable: bool,
    /// The host page's origin, when `?origin=` names a valid one.
    pub origin: Option<String>,
    /// The live lab is shown (`lab` in the query).
    pub lab: bool,
}

/// The panels an embed shows when the query names none.
pub const DEFAULT_PANELS: [Region; 2] = [Region::Response, Region::Browser];

/// The tallest height an embed reports, in CSS pixels; the host snippet caps lower.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub const MAX_REPORTED_HEIGHT: u32 = 20_000;

impl EmbedOptions {
    /// Reads the query's decoded key–value pairs (the browser decodes them, see
    /// `browser::query_pairs`); `None` when `embed` is not among them.
    pub fn from_pairs(pairs: &[(String, String)]) -> Option<EmbedOptions> {
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        get("embed")?;
        let mut wanted = Vec::new();
        for name in get("panels").unwrap_or_default().split(',') {
            if let Some(region) = region_named(name.trim()) {
                wanted.push(region);
            }
        }
        let panels: Vec<Region> = if wanted.is_empty() {
            DEFAULT_PANELS.to_vec()
        } else {
            ALL_REGIONS
                .into_iter()
                .filter(|r| wanted.contains(r))
                .collect()
        };
        let theme = match get("theme") {
            Some("light") => Some(Theme::Light),
            Some("dark") => Some(Theme::Dark),
            _ => None,
        };
        Some(EmbedOptions {
            panels,
            theme,
            editable: get("editable").is_some() && get("readonly").is_none(),
            origin: get("origin").and_then(origin_of),
            lab: get("lab").is_some(),
        })
    }

    pub fn shows(&self, region: Region) -> bool {
        self.panels.contains(&region)
    }
}

const ALL_REGIONS: [Region; 4] = [
    Region::Request,
    Region::Answer,
    Region::Response,
    Region::Browser,
];

fn region_named(name: &str) -> Option<Region> {
    ALL_REGIONS.into_iter().find(|r| r.id() == name)
}

/// The origin (`scheme://host[:port]`) of an http(s) URL, or `None`. Used for the
/// `postMessage` target, so anything unusual is refused rather than guessed.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let ok = !authority.is_empty()
        && !authority.contains('@')
        && authority
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b));
    ok.then(|| format!("{scheme}://{}", authority.to_ascii_lowercase()))
}

/// A height in CSS pixels fit to send: finite, rounded up, at least 1, capped.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn sane_height(height: f64) -> Option<u32> {
    if !height.is_finite() || height <= 0.0 {
        return None;
    }
    Some((height.ceil() as u32).clamp(1, MAX_REPORTED_HEIGHT))
}

/// The app's address without query or fragment, from a full `location.href`.
pub fn base_url(href: &str) -> &str {
    href.split(['?', '#']).next().unwrap_or_default()
}

/// The folder of the app's address, ending in `/`, where `embed-host.js` is served.
pub fn base_dir(href: &str) -> &str {
    let base = base_url(href);
    match base.rfind('/') {
        Some(i) => base.get(..=i).unwrap_or(base),
        None => base,
    }
}

/// Escapes text for an HTML attribute value in double quotes.
fn attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The sandbox an embed needs: scripts and its own origin to run the app, popups for "Open
/// in nocontent". The live lab also submits a form inside the embed, and nested frames inherit
/// the embed's sandbox, so `lab` adds `allow-forms`.
pub fn sandbox(lab: bool) -> &'static str {
    if lab {
        "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox"
    } else {
        "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"
    }
}

/// The `<iframe>` snippet (and the resizing script) for a documentation page.
pub fn snippet(href: &str, fragment: &str, theme: Theme, status: u16, lab: bool) -> String {
    let mut src = format!("{}?embed&panels=response,browser&readonly", base_url(href));
    match theme {
        Theme::Light => src.push_str("&theme=light"),
        Theme::Dark => src.push_str("&theme=dark"),
        Theme::System => {}
    }
    if lab {
        src.push_str("&lab");
    }
    src.push('#');
    src.push_str(fragment);
    format!(
        "<iframe src=\"{}\" title=\"nocontent: a {status} scenario\" width=\"100%\" height=\"480\" \
         loading=\"lazy\" sandbox=\"{}\" data-nocontent></iframe>\n<script src=\"{}embed-host.js\" defer></script>",
        attr(&src),
        sandbox(lab),
        attr(base_dir(href)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pairs a browser's URLSearchParams gives for an already-decoded query.
    fn pairs(query: &str) -> Vec<(String, String)> {
        query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (k.to_string(), v.to_string())
            })
            .collect()
    }

    impl EmbedOptions {
        fn from_query(query: &str) -> Option<EmbedOptions> {
            EmbedOptions::from_pairs(&pairs(query))
        }
    }

    #[test]
    fn no_embed_key_means_the_full_app() {
        assert_eq!(EmbedOptions::from_query(""), None);
        assert_eq!(EmbedOptions::from_query("panels=response"), None);
        assert_eq!(EmbedOptions::from_query("embedded"), None);
    }

    #[test]
    fn reads_panels_theme_editing_and_origin() {
        let o = EmbedOptions::from_query("embed").unwrap();
        assert_eq!(o.panels, DEFAULT_PANELS.to_vec());
        assert_eq!((o.theme, o.editable, o.origin.clone()), (None, false, None));

        let o = EmbedOptions::from_query(
            "embed=1&panels=browser,request,bogus&theme=dark&editable&origin=https://Docs.Example.org/path",
        )
        .unwrap();
        assert_eq!(o.panels, vec![Region::Request, Region::Browser]);
        assert_eq!(o.theme, Some(Theme::Dark));
        assert!(o.editable && o.shows(Region::Request) && !o.shows(Region::Answer));
        assert_eq!(o.origin.as_deref(), Some("https://docs.example.org"));

        let o = EmbedOptions::from_query("embed&panels=,,&editable&readonly&theme=x").unwrap();
        assert_eq!(o.panels, DEFAULT_PANELS.to_vec());
        assert!(!o.editable && o.theme.is_none());
    }

    #[test]
    fn refuses_odd_origins() {
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "https://",
            "https://user@evil.example",
            "https://a b",
            "*",
            "%",
        ] {
            assert_eq!(origin_of(bad), None, "{bad}");
        }
        assert_eq!(
            origin_of("http://127.0.0.1:8080/x?y#z").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        let o = EmbedOptions::from_query("embed&origin=javascript:alert(1)").unwrap();
        assert_eq!(o.origin, None);
    }

    #[test]
    fn heights_are_sane() {
        assert_eq!(sane_height(f64::NAN), None);
        assert_eq!(sane_height(-3.0), None);
        assert_eq!(sane_height(10.2), Some(11));
        assert_eq!(sane_height(1e12), Some(MAX_REPORTED_HEIGHT));
    }

    #[test]
    fn the_snippet_points_at_the_embed_and_the_host_script() {
        let s = snippet(
            "https://example.org/tools/nocontent/index.html?x#1.abc",
            "2.xyz",
            Theme::Dark,
            204,
            false,
        );
        assert!(!s.contains("allow-forms") && !s.contains("&amp;lab"), "{s}");
        let with_lab = snippet("https://example.org/n/", "2.xyz", Theme::System, 205, true);
        assert!(with_lab.contains("readonly&amp;lab#2.xyz"), "{with_lab}");
        assert!(with_lab.contains("allow-forms"), "{with_lab}");
        assert_eq!(
            EmbedOptions::from_query("embed&lab").map(|o| o.lab),
            Some(true)
        );
        assert_eq!(
            EmbedOptions::from_query("embed").map(|o| o.lab),
            Some(false)
        );
        assert!(s.starts_with("<iframe src=\"https://example.org/tools/nocontent/index.html?embed&amp;panels=response,browser&amp;readonly&amp;theme=dark#2.xyz\""), "{s}");
        assert!(
            s.contains("sandbox=\"allow-scripts allow-same-origin"),
            "{s}"
        );
        assert!(
            s.ends_with(
                "<script src=\"https://example.org/tools/nocontent/embed-host.js\" defer></script>"
            ),
            "{s}"
        );
        assert_eq!(base_dir("http://h/a/"), "http://h/a/");
    }
}
