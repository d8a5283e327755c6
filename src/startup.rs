//! What the app knows when it starts: the scenario and options in the URL, read once.
//!
//! The root component (`crate::Root`) reads the page's address and stored theme here, at the edge, and hands
//! the result down as props, so every component below it is a plain function of its inputs
//! (and renders natively in tests with any start-up it is given).

use nocontent_engine::Scenario;

use crate::browser;
use crate::embed::EmbedOptions;
use crate::permalink;
use crate::values::Theme;

/// Everything the URL (and, outside embeds, the stored theme) says at start-up.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Startup {
    /// The scenario in the fragment, or the default one.
    pub scenario: Scenario,
    /// Why the fragment's scenario could not be used, shown once.
    pub link_problem: Option<String>,
    /// Embed mode and its options (`?embed…`).
    pub embed: Option<EmbedOptions>,
    pub theme: Theme,
    /// `?crashtest`: panic on purpose, for the crash-banner test.
    pub crash_test: bool,
}

impl Startup {
    /// From the fragment (without `#`), the query's decoded pairs and, only outside an embed
    /// (an embed never reads the app's stored theme), the stored theme.
    pub fn from_parts(
        fragment: &str,
        query: &[(String, String)],
        stored_theme: impl FnOnce() -> Theme,
    ) -> Startup {
        let (scenario, link_problem) = match permalink::decode(fragment) {
            Ok(Some(scenario)) => (scenario, None),
            Ok(None) => (Scenario::default(), None),
            Err(message) => (Scenario::default(), Some(message)),
        };
        let embed = EmbedOptions::from_pairs(query);
        let theme = match &embed {
            Some(options) => options.theme.unwrap_or(Theme::System),
            None => stored_theme(),
        };
        Startup {
            scenario,
            link_problem,
            embed,
            theme,
            crash_test: query.iter().any(|(k, _)| k == "crashtest"),
        }
    }

    /// Reads the page's address and stored theme.
    pub fn read() -> Startup {
        Startup::from_parts(
            &browser::fragment(),
            &browser::query_pairs(),
            browser::stored_theme,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_the_scenario_the_embed_options_and_the_theme() {
        let mut linked = Scenario::default();
        linked.answer.status = 205;
        let fragment = permalink::encode(&linked);
        let s = Startup::from_parts(&fragment, &[], || Theme::Dark);
        assert_eq!((s.scenario.answer.status, s.link_problem), (205, None));
        assert_eq!((s.embed, s.theme, s.crash_test), (None, Theme::Dark, false));

        let s = Startup::from_parts(
            "2.damaged!",
            &pairs(&[("embed", ""), ("theme", "light")]),
            || panic!("an embed must not read the stored theme"),
        );
        assert!(s.link_problem.is_some());
        assert_eq!(s.scenario, Scenario::default());
        assert_eq!(s.theme, Theme::Light);
        assert!(s.embed.is_some_and(|o| !o.editable));

        let s = Startup::from_parts("", &pairs(&[("crashtest", "")]), || Theme::System);
        assert!(s.crash_test);
    }
}
