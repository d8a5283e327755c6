//! The glossary: short definitions of the words the views use that a newcomer may not know
//! (framing, leftover bytes, null body status, preflight, heuristic freshness, conforming
//! server). The text is `content/glossary.md`, compiled in; the app shows an entry where its
//! term appears and lists them all in its glossary.

/// The ids the views use, so a missing or misspelt entry fails a test, not a reader.
pub const FRAMING: &str = "framing";
pub const LEFTOVER: &str = "leftover";
pub const NULL_BODY_STATUS: &str = "null-body-status";
pub const PREFLIGHT: &str = "preflight";
pub const HEURISTIC_FRESHNESS: &str = "heuristic-freshness";
pub const CONFORMING_SERVER: &str = "conforming-server";

/// Every id the views use.
pub const USED: [&str; 6] = [
    FRAMING,
    LEFTOVER,
    NULL_BODY_STATUS,
    PREFLIGHT,
    HEURISTIC_FRESHNESS,
    CONFORMING_SERVER,
];

const SOURCE: &str = include_str!("../../../content/glossary.md");

/// One entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: &'static str,
    pub term: &'static str,
    /// One paragraph, with line breaks joined by spaces. Backticks mark code, as in the notes.
    pub definition: String,
}

/// Every entry, in the file's order, read from the file once (every term on the page asks
/// for its entry on each render). Entries whose heading is not `id: Term` are skipped (a test
/// checks there are none).
pub fn entries() -> &'static [Entry] {
    static ALL: std::sync::OnceLock<Vec<Entry>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        SOURCE
            .split("\n## ")
            .skip(1)
            .filter_map(|section| {
                let (heading, body) = section.split_once('\n')?;
                let (id, term) = heading.split_once(':')?;
                Some(Entry {
                    id: id.trim(),
                    term: term.trim(),
                    definition: body.split_whitespace().collect::<Vec<_>>().join(" "),
                })
            })
            .collect()
    })
}

/// The entry with this id.
pub fn entry(id: &str) -> Option<&'static Entry> {
    entries().iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_the_views_use_has_a_short_definition() {
        let all = entries();
        assert_eq!(
            all.len(),
            SOURCE.matches("\n## ").count(),
            "a heading is not `id: Term`"
        );
        for id in USED {
            let e = entry(id).unwrap_or_else(|| panic!("no glossary entry {id}"));
            let words = e.definition.split_whitespace().count();
            assert!((12..=60).contains(&words), "{id}: {words} words");
            assert!(!e.term.is_empty() && e.definition.ends_with('.'), "{e:?}");
        }
        let mut ids: Vec<&str> = all.iter().map(|e| e.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), all.len(), "an id is repeated");
        assert!(entry("nope").is_none());
    }
}
