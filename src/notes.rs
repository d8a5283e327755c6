//! The prose notes: short explanations of statuses, findings and browser clients.
//!
//! The notes are written in Markdown under `content/notes/` and turned into static data by
//! `build.rs` at build time, through the `nocontent-notes` crate, which also holds their types.
//! A note's body is a tree of [`Block`]s and [`Inline`]s, never an HTML string, so rendering it
//! cannot inject markup. Links are `https://` or relative only (the build fails otherwise).

use nocontent_engine::scenario::ClientKind;
pub use nocontent_notes::{Block, Inline, Note};

// Defines `pub static NOTES: &[Note]`, sorted by slug.
include!(concat!(env!("OUT_DIR"), "/notes.rs"));

/// The note with this slug.
pub fn by_slug(slug: &str) -> Option<&'static Note> {
    nocontent_notes::by_slug(NOTES, slug)
}

/// The notes about this status code, by slug.
pub fn for_status(status: u16) -> impl Iterator<Item = &'static Note> {
    NOTES.iter().filter(move |n| n.statuses.contains(&status))
}

/// The notes that explain this lint rule id, by slug.
pub fn for_finding(id: &str) -> impl Iterator<Item = &'static Note> + '_ {
    NOTES.iter().filter(move |n| n.explains(id))
}

/// The notes about this browser client, by slug.
pub fn for_client(client: ClientKind) -> impl Iterator<Item = &'static Note> {
    NOTES.iter().filter(move |n| n.clients.contains(&client))
}

/// The notes that fit one exchange, each once: the status's notes first, then the notes for
/// each finding in the order given, then the client's notes.
pub fn matching(status: u16, finding_ids: &[&str], client: ClientKind) -> Vec<&'static Note> {
    nocontent_notes::matching(NOTES, status, finding_ids, client)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inlines_of(block: &Block, out: &mut Vec<&'static Inline>) {
        fn walk(inlines: &'static [Inline], out: &mut Vec<&'static Inline>) {
            for inline in inlines {
                out.push(inline);
                match inline {
                    Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => {
                        walk(c, out)
                    }
                    Inline::Text(_) | Inline::Code(_) | Inline::LineBreak => {}
                }
            }
        }
        match *block {
            Block::Paragraph(i) | Block::Heading(_, i) => walk(i, out),
            Block::List { items, .. } => {
                for item in items {
                    for b in item.iter() {
                        inlines_of(b, out);
                    }
                }
            }
            Block::Quote(blocks) => {
                for b in blocks {
                    inlines_of(b, out);
                }
            }
            Block::Code(_) => {}
        }
    }

    fn all_inlines(note: &Note) -> Vec<&'static Inline> {
        let mut out = Vec::new();
        for block in note.blocks {
            inlines_of(block, &mut out);
        }
        out
    }

    fn word_count(note: &Note) -> usize {
        fn code_words(block: &Block) -> usize {
            match *block {
                Block::Code(c) => c.split_whitespace().count(),
                Block::List { items, .. } => {
                    items.iter().flat_map(|i| i.iter()).map(code_words).sum()
                }
                Block::Quote(blocks) => blocks.iter().map(code_words).sum(),
                Block::Paragraph(_) | Block::Heading(..) => 0,
            }
        }
        let inline_words: usize = all_inlines(note)
            .iter()
            .map(|i| match i {
                Inline::Text(t) | Inline::Code(t) => t.split_whitespace().count(),
                _ => 0,
            })
            .sum();
        inline_words + note.blocks.iter().map(code_words).sum::<usize>()
    }

    #[test]
    fn every_note_has_a_title_and_a_body() {
        assert!(!NOTES.is_empty(), "no notes were generated");
        for note in NOTES {
            assert!(!note.title.trim().is_empty(), "{}: empty title", note.slug);
            assert!(!note.blocks.is_empty(), "{}: no blocks", note.slug);
        }
    }

    #[test]
    fn notes_are_sorted_unique_and_found_by_slug() {
        for pair in NOTES.windows(2) {
            assert!(
                pair[0].slug < pair[1].slug,
                "{} / {}",
                pair[0].slug,
                pair[1].slug
            );
        }
        for note in NOTES {
            assert_eq!(by_slug(note.slug), Some(note));
        }
        assert_eq!(by_slug("no-such-note"), None);
    }

    #[test]
    fn notes_are_short() {
        for note in NOTES {
            let words = word_count(note);
            assert!(
                (80..=250).contains(&words),
                "{}: {words} words; a note has 80 to 250",
                note.slug
            );
        }
    }

    #[test]
    fn every_featured_status_has_a_note() {
        for status in [200, 201, 204, 205, 304] {
            assert!(
                for_status(status).next().is_some(),
                "no note lists status {status}"
            );
        }
    }

    #[test]
    fn every_client_has_a_note() {
        for client in ClientKind::ALL {
            assert!(
                for_client(client).next().is_some(),
                "no note lists client {client:?}"
            );
        }
    }

    #[test]
    fn every_rule_of_the_engine_has_a_note() {
        let missing: Vec<&str> = nocontent_engine::rules::ALL
            .iter()
            .map(|r| r.id)
            .filter(|id| for_finding(id).next().is_none())
            .collect();
        assert!(missing.is_empty(), "rules without a note: {missing:?}");
    }

    #[test]
    fn links_are_https_or_relative() {
        let mut links = 0;
        for note in NOTES {
            for inline in all_inlines(note) {
                if let Inline::Link { href, children } = inline {
                    links += 1;
                    assert!(
                        href.starts_with("https://")
                            || href.starts_with('#')
                            || href.starts_with('/'),
                        "{}: link {href:?}",
                        note.slug
                    );
                    assert!(!children.is_empty(), "{}: empty link text", note.slug);
                }
            }
        }
        assert!(links > 0, "the notes cite their sources with links");
    }

    #[test]
    fn matching_orders_status_then_findings_then_client_without_repeats() {
        let findings = ["NO_CONTENT_WITH_BODY", "LEFTOVER_BYTES"];
        let found = matching(204, &findings, ClientKind::Iframe);
        let slugs: Vec<&str> = found.iter().map(|n| n.slug).collect();

        // Which part of the query brought each note in first.
        let group = |note: &Note| {
            if note.statuses.contains(&204) {
                0
            } else if let Some(i) = findings.iter().position(|f| note.explains(f)) {
                1 + i
            } else if note.clients.contains(&ClientKind::Iframe) {
                1 + findings.len()
            } else {
                panic!("{} matches nothing in the query", note.slug)
            }
        };
        let groups: Vec<usize> = found.iter().map(|n| group(n)).collect();
        assert!(
            groups.windows(2).all(|w| w[0] <= w[1]),
            "out of order: {slugs:?} in groups {groups:?}"
        );
        // Status, a finding and the client each contribute a note with this data.
        assert_eq!(groups.first(), Some(&0), "{slugs:?}");
        assert!(
            groups.iter().any(|g| (1..=findings.len()).contains(g)),
            "{slugs:?}"
        );
        assert_eq!(groups.last(), Some(&(1 + findings.len())), "{slugs:?}");

        // Nothing is missing and nothing is listed twice.
        let mut expected: Vec<&str> = for_status(204)
            .chain(findings.iter().flat_map(|f| for_finding(f)))
            .chain(for_client(ClientKind::Iframe))
            .map(|n| n.slug)
            .collect();
        expected.sort_unstable();
        expected.dedup();
        let mut sorted = slugs.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, expected);
        assert_eq!(
            sorted.len(),
            slugs.len(),
            "a note is listed twice: {slugs:?}"
        );

        let beacon: Vec<&str> = matching(999, &[], ClientKind::Beacon)
            .iter()
            .map(|n| n.slug)
            .collect();
        let expected: Vec<&str> = for_client(ClientKind::Beacon).map(|n| n.slug).collect();
        assert_eq!(beacon, expected);
    }

    /// Every kind of block and inline appears in some note, so the renderer is exercised on all
    /// of them (and none of the variants is dead code).
    #[test]
    fn every_block_and_inline_kind_is_used() {
        fn block_kinds(block: &Block, out: &mut Vec<&'static str>) {
            out.push(match block {
                Block::Paragraph(_) => "Paragraph",
                Block::Heading(..) => "Heading",
                Block::List { .. } => "List",
                Block::Code(_) => "Code",
                Block::Quote(_) => "Quote",
            });
            match *block {
                Block::List { items, .. } => items
                    .iter()
                    .flat_map(|i| i.iter())
                    .for_each(|b| block_kinds(b, out)),
                Block::Quote(blocks) => blocks.iter().for_each(|b| block_kinds(b, out)),
                _ => {}
            }
        }
        let mut used = Vec::new();
        for note in NOTES {
            note.blocks.iter().for_each(|b| block_kinds(b, &mut used));
            for inline in all_inlines(note) {
                used.push(match inline {
                    Inline::Text(_) => "Text",
                    Inline::Code(_) => "InlineCode",
                    Inline::Emphasis(_) => "Emphasis",
                    Inline::Strong(_) => "Strong",
                    Inline::Link { .. } => "Link",
                    Inline::LineBreak => "LineBreak",
                });
            }
        }
        for kind in [
            "Paragraph",
            "Heading",
            "List",
            "Code",
            "Quote",
            "Text",
            "InlineCode",
            "Emphasis",
            "Strong",
            "Link",
            "LineBreak",
        ] {
            assert!(used.contains(&kind), "no note uses {kind}");
        }
    }
}
