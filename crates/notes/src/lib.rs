//! The prose notes: short explanations of statuses, findings and browser clients.
//!
//! The notes are Markdown files under `content/notes/`, each with a small front matter
//! (`title`, `statuses`, `findings`, `clients`). The app's build script reads them with
//! [`parse`] (feature `parse`) and includes the result as a static `&[Note]`. A note's body is
//! a tree of [`Block`]s and [`Inline`]s, never an HTML string, so rendering it cannot inject
//! markup. Its findings are the engine's [`Rule`]s and its clients the engine's
//! [`ClientKind`]s: the generated code names them, so a typo in a note does not build.

use nocontent_engine::rules::Rule;
use nocontent_engine::scenario::ClientKind;

#[cfg(any(test, feature = "parse"))]
pub mod parse;

/// One note, from `content/notes/<slug>.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Note {
    /// The file stem: lowercase letters, digits and `-`.
    pub slug: &'static str,
    pub title: &'static str,
    /// The status codes the note is about.
    pub statuses: &'static [u16],
    /// The lint rules the note explains.
    pub findings: &'static [Rule],
    /// The browser clients the note is about.
    pub clients: &'static [ClientKind],
    pub blocks: &'static [Block],
}

/// A block of a note's body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(&'static [Inline]),
    /// A heading with its level, 1 to 6.
    Heading(u8, &'static [Inline]),
    /// A list; each item is a sequence of blocks.
    List {
        ordered: bool,
        items: &'static [&'static [Block]],
    },
    /// A code block's text, without the final line break.
    Code(&'static str),
    Quote(&'static [Block]),
}

/// Inline content of a paragraph, heading or list item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(&'static str),
    Code(&'static str),
    Emphasis(&'static [Inline]),
    Strong(&'static [Inline]),
    /// A link; `href` is an `https://` URL or starts with `#` or `/`.
    Link {
        href: &'static str,
        children: &'static [Inline],
    },
    LineBreak,
}

impl Note {
    /// Does the note explain the rule with this id?
    pub fn explains(&self, rule_id: &str) -> bool {
        self.findings.iter().any(|r| r.id == rule_id)
    }
}

/// The note with this slug, in notes sorted by slug.
pub fn by_slug(notes: &'static [Note], slug: &str) -> Option<&'static Note> {
    notes
        .binary_search_by(|n| n.slug.cmp(slug))
        .ok()
        .and_then(|i| notes.get(i))
}

/// The notes that fit one exchange, each once: the status's notes first, then the notes for
/// each finding in the order given, then the client's notes.
pub fn matching(
    notes: &'static [Note],
    status: u16,
    finding_ids: &[&str],
    client: ClientKind,
) -> Vec<&'static Note> {
    let mut found: Vec<&'static Note> = Vec::new();
    let candidates = notes
        .iter()
        .filter(|n| n.statuses.contains(&status))
        .chain(
            finding_ids
                .iter()
                .flat_map(|id| notes.iter().filter(move |n| n.explains(id))),
        )
        .chain(notes.iter().filter(|n| n.clients.contains(&client)));
    for note in candidates {
        if !found.iter().any(|n| std::ptr::eq(*n, note)) {
            found.push(note);
        }
    }
    found
}
