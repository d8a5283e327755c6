//! Embed mode: one scenario, compact, inside another site's page (`?embed` in the query).
//!
//! Options, all in the query string (the scenario stays in the fragment):
//!
//! - `embed`: turns embed mode on.
//! - `panels=request,answer,response,browser,timeline,findings`: what to show, in any order
//!   (shown in the page's usual order). `timeline` and `findings` are parts of the browser
//!   region, for a compact embed of the chosen client's timeline and the RFC findings alone;
//!   naming `browser` shows all of it. Unknown names are ignored; none left means
//!   `response,browser`.
//! - `theme=light|dark|system`: the colour theme (default: follow the system). An embed never
//!   reads or writes the app's stored theme.
//! - `readonly` (the default) or `editable`: whether the request and answer can be changed.
//! - `origin=https://docs.example.org`: the host page's origin, which receives the height
//!   messages. Without it the embed uses the origin of `document.referrer`.
//! - `lab`: shows the live lab ("Run in this browser"). Off unless asked for: the lab
//!   registers a service worker on the app's origin, and the frame's sandbox must allow forms.
//!
//! The embed builder (`view/embed_builder.rs`) writes these options back as a query with
//! [`Spec`]; reading its output gives the same options (tested below).
//!
//! Everything here is pure string handling over the query's decoded pairs, tested natively.

use crate::values::{Region, Theme};

/// The embed options read from the query string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedOptions {
    /// The regions shown, in the page's order.
    pub panels: Vec<Region>,
    /// Parts of the browser region shown without the rest of it (empty: none, or all of it
    /// when `panels` has the browser region).
    pub parts: Vec<Part>,
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
        let mut wanted_parts = Vec::new();
        for name in get("panels").unwrap_or_default().split(',') {
            let name = name.trim();
            if let Some(region) = region_named(name) {
                wanted.push(region);
            } else if let Some(part) = Part::named(name) {
                wanted_parts.push(part);
            }
        }
        let (panels, parts): (Vec<Region>, Vec<Part>) =
            if wanted.is_empty() && wanted_parts.is_empty() {
                (DEFAULT_PANELS.to_vec(), Vec::new())
            } else {
                let panels = in_order(&ALL_REGIONS, &wanted);
                // A part is redundant beside the whole browser region.
                let parts = if panels.contains(&Region::Browser) {
                    Vec::new()
                } else {
                    in_order(&Part::ALL, &wanted_parts)
                };
                (panels, parts)
            };
        let theme = match get("theme") {
            Some("light") => Some(Theme::Light),
            Some("dark") => Some(Theme::Dark),
            _ => None,
        };
        Some(EmbedOptions {
            panels,
            parts,
            theme,
            editable: get("editable").is_some() && get("readonly").is_none(),
            origin: get("origin").and_then(origin_of),
            lab: get("lab").is_some(),
        })
    }

    /// Whether the region is shown, whole or (the browser region) in part.
    pub fn shows(&self, region: Region) -> bool {
        self.panels.contains(&region) || (region == Region::Browser && !self.parts.is_empty())
    }

    /// The parts of the browser region to show when it is not shown whole; `None` for all.
    pub fn browser_parts(&self) -> Option<&[Part]> {
        (!self.parts.is_empty()).then_some(self.parts.as_slice())
    }
}

/// A part of the browser region that an embed can show on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// What the chosen client does, step by step.
    Timeline,
    /// What the RFCs say: the lint findings.
    Findings,
}

impl Part {
    pub const ALL: [Part; 2] = [Part::Timeline, Part::Findings];

    /// The name in `panels=`.
    pub fn id(self) -> &'static str {
        match self {
            Part::Timeline => "timeline",
            Part::Findings => "findings",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Part::Timeline => "The chosen client's timeline",
            Part::Findings => "What the RFCs say (findings)",
        }
    }

    fn named(name: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.id() == name)
    }
}

pub const ALL_REGIONS: [Region; 4] = [
    Region::Request,
    Region::Answer,
    Region::Response,
    Region::Browser,
];

/// The items of `wanted` that `order` lists, in `order`'s order (the page's, for regions).
fn in_order<T: Copy + PartialEq>(order: &[T], wanted: &[T]) -> Vec<T> {
    order
        .iter()
        .copied()
        .filter(|t| wanted.contains(t))
        .collect()
}

/// Removes `item` from `list`, or adds it in `order`'s place; true when it was added.
fn toggle<T: Copy + PartialEq>(list: &mut Vec<T>, item: T, order: &[T]) -> bool {
    if list.contains(&item) {
        list.retain(|t| *t != item);
        false
    } else {
        list.push(item);
        *list = in_order(order, list);
        true
    }
}

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

/// What a documentation author chose in the embed builder: everything the embed's query says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    pub panels: Vec<Region>,
    pub parts: Vec<Part>,
    pub theme: Theme,
    pub editable: bool,
    pub lab: bool,
}

impl Default for Spec {
    fn default() -> Spec {
        Spec::preset(Preset::Results)
    }
}

/// The builder's ready-made choices of what an embed shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// The response and the browser outcomes: the embed the app always offered.
    Results,
    /// The chosen client's timeline and the findings only, for a narrow docs column.
    Compact,
    /// All four regions, editable: a small playground inside the docs.
    Playground,
}

impl Preset {
    pub const ALL: [Preset; 3] = [Preset::Results, Preset::Compact, Preset::Playground];

    pub fn id(self) -> &'static str {
        match self {
            Preset::Results => "results",
            Preset::Compact => "compact",
            Preset::Playground => "playground",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Preset::Results => "Results: the response and what browsers do",
            Preset::Compact => "Compact: the timeline and the findings only",
            Preset::Playground => "Playground: everything, and readers may edit",
        }
    }

    pub fn named(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }
}

impl Spec {
    pub fn preset(preset: Preset) -> Spec {
        let (panels, parts, editable) = match preset {
            Preset::Results => (DEFAULT_PANELS.to_vec(), Vec::new(), false),
            Preset::Compact => (Vec::new(), Part::ALL.to_vec(), false),
            Preset::Playground => (ALL_REGIONS.to_vec(), Vec::new(), true),
        };
        Spec {
            panels,
            parts,
            theme: Theme::System,
            editable,
            lab: false,
        }
    }

    /// The preset this spec is, if any (the theme and the lab are not part of a preset).
    pub fn matches(&self) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| {
            let made = Spec::preset(*p);
            (made.panels.as_slice(), made.parts.as_slice(), made.editable)
                == (self.panels.as_slice(), self.parts.as_slice(), self.editable)
        })
    }

    /// Shows or hides one region, keeping the page's order. Showing the browser region drops
    /// its parts, which it contains.
    pub fn toggle_region(&mut self, region: Region) {
        if toggle(&mut self.panels, region, &ALL_REGIONS) && region == Region::Browser {
            self.parts.clear();
        }
    }

    /// Shows or hides one part of the browser region; showing one drops the whole region.
    pub fn toggle_part(&mut self, part: Part) {
        if toggle(&mut self.parts, part, &Part::ALL) {
            self.panels.retain(|r| *r != Region::Browser);
        }
    }

    /// Whether readers could edit anything: only the request and answer regions have fields.
    pub fn has_fields(&self) -> bool {
        self.panels.contains(&Region::Request) || self.panels.contains(&Region::Answer)
    }

    /// Nothing chosen: the embed would fall back to its default panels.
    pub fn is_empty(&self) -> bool {
        self.panels.is_empty() && self.parts.is_empty()
    }

    /// The query after `?`, which [`EmbedOptions::from_pairs`] reads back.
    pub fn query(&self) -> String {
        let names: Vec<&str> = self
            .panels
            .iter()
            .map(|r| r.id())
            .chain(self.parts.iter().map(|p| p.id()))
            .collect();
        let mut query = String::from("embed");
        if !names.is_empty() {
            query.push_str("&panels=");
            query.push_str(&names.join(","));
        }
        query.push_str(if self.editable && self.has_fields() {
            "&editable"
        } else {
            "&readonly"
        });
        match self.theme {
            Theme::Light => query.push_str("&theme=light"),
            Theme::Dark => query.push_str("&theme=dark"),
            Theme::System => {}
        }
        if self.lab {
            query.push_str("&lab");
        }
        query
    }

    /// The embed's address for the app at `href` showing the scenario in `fragment`.
    pub fn src(&self, href: &str, fragment: &str) -> String {
        format!("{}?{}#{fragment}", base_url(href), self.query())
    }

    /// The height the snippet starts with, in CSS pixels, before the embed reports its own,
    /// and the height that stays on a page without the host script: what the chosen parts
    /// add up to, but never more than one screen ([`START_HEIGHT_MAX`]), so a page that
    /// cannot run the script shows a screenful that scrolls rather than a frame taller than
    /// the reader's window. Each figure is what that part of the default scenario measured at
    /// 700 px wide in Chromium 156 (the embed bar about 50 px), rounded.
    pub fn height(&self) -> u32 {
        let shown = |region| {
            self.panels.contains(&region) || self.is_empty() && DEFAULT_PANELS.contains(&region)
        };
        let mut height = 50;
        for (region, each) in [
            (Region::Request, 470),
            (Region::Answer, 820),
            (Region::Response, 450),
            (Region::Browser, 4020),
        ] {
            if shown(region) {
                height += each;
            }
        }
        for (part, each) in [(Part::Timeline, 800), (Part::Findings, 670)] {
            if self.parts.contains(&part) {
                height += each;
            }
        }
        height.min(START_HEIGHT_MAX)
    }
}

/// The tallest start height a snippet gets: about one laptop screen.
pub const START_HEIGHT_MAX: u32 = 900;

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

/// The `<iframe>` snippet (and the resizing script) for a documentation page. `title` names
/// the scenario (screen readers announce it for the frame). The frame fits its column: full
/// width, no border, and the host script then sets the height the embed reports.
pub fn snippet(href: &str, fragment: &str, spec: &Spec, title: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{}\" \
         style=\"border:0;width:100%;max-width:100%\" loading=\"lazy\" sandbox=\"{}\" data-nocontent></iframe>\n\
         <script src=\"{}embed-host.js\" defer></script>",
        attr(&spec.src(href, fragment)),
        attr(&format!("nocontent: {title}")),
        spec.height(),
        sandbox(spec.lab),
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
        let mut spec = Spec {
            theme: Theme::Dark,
            ..Spec::default()
        };
        let s = snippet(
            "https://example.org/tools/nocontent/index.html?x#1.abc",
            "2.xyz",
            &spec,
            "A \"quoted\" <title>",
        );
        assert!(!s.contains("allow-forms") && !s.contains("&amp;lab"), "{s}");
        assert!(s.starts_with("<iframe src=\"https://example.org/tools/nocontent/index.html?embed&amp;panels=response,browser&amp;readonly&amp;theme=dark#2.xyz\""), "{s}");
        assert!(
            s.contains("title=\"nocontent: A &quot;quoted&quot; &lt;title&gt;\""),
            "{s}"
        );
        assert!(
            s.contains("style=\"border:0;width:100%;max-width:100%\""),
            "{s}"
        );
        assert!(s.contains(&format!("height=\"{}\"", spec.height())), "{s}");
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
        spec.lab = true;
        spec.theme = Theme::System;
        let with_lab = snippet("https://example.org/n/", "2.xyz", &spec, "t");
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
        assert_eq!(base_dir("http://h/a/"), "http://h/a/");
    }

    #[test]
    fn the_timeline_and_the_findings_can_be_shown_without_the_rest() {
        let o = EmbedOptions::from_query("embed&panels=findings,timeline").unwrap();
        assert_eq!(
            (o.panels.clone(), o.parts.clone()),
            (vec![], Part::ALL.to_vec())
        );
        assert!(o.shows(Region::Browser) && !o.shows(Region::Response));
        assert_eq!(o.browser_parts(), Some(Part::ALL.as_slice()));
        // The whole region makes its parts redundant.
        let o = EmbedOptions::from_query("embed&panels=timeline,browser").unwrap();
        assert_eq!(
            (o.panels.clone(), o.browser_parts()),
            (vec![Region::Browser], None)
        );
        let o = EmbedOptions::from_query("embed&panels=request,findings").unwrap();
        assert_eq!(o.panels, vec![Region::Request]);
        assert_eq!(o.browser_parts(), Some([Part::Findings].as_slice()));
    }

    /// What the builder writes, the embed reads back as the same choice.
    #[test]
    fn every_builder_choice_reads_back_as_itself() {
        let mut specs: Vec<Spec> = Preset::ALL.into_iter().map(Spec::preset).collect();
        let mut custom = Spec::preset(Preset::Compact);
        custom.toggle_region(Region::Answer);
        custom.toggle_part(Part::Timeline);
        custom.editable = true;
        specs.push(custom);
        for base in specs {
            for theme in [Theme::System, Theme::Light, Theme::Dark] {
                for lab in [false, true] {
                    let spec = Spec {
                        theme,
                        lab,
                        ..base.clone()
                    };
                    let o = EmbedOptions::from_query(&spec.query()).unwrap();
                    let theme_read = o.theme.unwrap_or(Theme::System);
                    assert_eq!(
                        (o.panels, o.parts, theme_read, o.editable, o.lab),
                        (
                            spec.panels.clone(),
                            spec.parts.clone(),
                            theme,
                            spec.editable,
                            lab
                        ),
                        "{}",
                        spec.query()
                    );
                }
            }
        }
    }

    #[test]
    fn presets_are_recognised_and_choices_keep_the_page_order() {
        for p in Preset::ALL {
            assert_eq!(Spec::preset(p).matches(), Some(p));
            assert_eq!(Preset::named(p.id()), Some(p));
        }
        let mut spec = Spec::preset(Preset::Compact);
        spec.toggle_region(Region::Response);
        spec.toggle_region(Region::Request);
        assert_eq!(spec.panels, vec![Region::Request, Region::Response]);
        assert_eq!(spec.matches(), None);
        // The whole browser region replaces its parts, and a part replaces the whole.
        spec.toggle_region(Region::Browser);
        assert!(spec.parts.is_empty());
        spec.toggle_part(Part::Findings);
        assert_eq!(
            (spec.panels.contains(&Region::Browser), spec.parts.clone()),
            (false, vec![Part::Findings])
        );
        // Without fields to edit, "editable" is not written.
        let mut results = Spec::preset(Preset::Results);
        results.editable = true;
        assert!(results.query().contains("&readonly"), "{}", results.query());
    }

    #[test]
    fn start_heights_grow_with_what_is_shown_up_to_one_screen() {
        let one = |panels: Vec<Region>, parts: Vec<Part>| {
            Spec {
                panels,
                parts,
                ..Spec::default()
            }
            .height()
        };
        let response = one(vec![Region::Response], vec![]);
        let request_and_response = one(vec![Region::Request, Region::Response], vec![]);
        assert!(
            response < request_and_response,
            "{response} {request_and_response}"
        );
        assert!(one(vec![], vec![Part::Findings]) < START_HEIGHT_MAX);
        for p in Preset::ALL {
            assert!(Spec::preset(p).height() <= START_HEIGHT_MAX, "{p:?}");
        }
        // Nothing chosen is the default panels, as the embed itself reads it.
        assert_eq!(one(vec![], vec![]), Spec::preset(Preset::Results).height());
    }
}
