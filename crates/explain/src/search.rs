//! "Find by question": ranks the gallery's scenarios and the notes against a question typed
//! in plain words ("json() fails on 204", "does 205 reset my form").
//!
//! The app builds one [`Index`] when the reader types a first question and calls
//! [`Index::search`] on every keystroke after it, so the index holds each document's words
//! already normalised and counted, and a search only looks them up. Words are lower-cased,
//! split at anything that is not a letter or digit, stripped of stop words ("does", "my",
//! "with") and reduced to a crude stem, so "fails", "failed" and "failing" all meet "fail";
//! status codes stay whole tokens ("204"), and a call written `json()` is a token of its own
//! besides the word, so texts that write the call rank above texts that only say JSON. A few
//! words the texts use for what a question calls otherwise are folded into one ("rejects",
//! "throws" and "raises" into "fails"; "content", RFC 9110's word, into "body"). Ranking is
//! BM25 in each of three fields, weighted: the title counts most, then the keys (a scenario's
//! id, method, status and client; a note's slug, statuses, clients and rule ids), then the
//! text. A result must match at least half of the question's words and score at least
//! [`RELATIVE_FLOOR`] of the best result of its kind, so a question never drowns in results
//! that share only "204". While the last word is being typed it also matches as a prefix.

use std::collections::HashMap;

use nocontent_engine::catalog::Entry;
use nocontent_notes::{Block, Inline, Note};

/// Words that carry no meaning in a question about HTTP answers.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "being", "but", "by", "can", "could", "did", "do", "does", "doesnt", "dont", "each",
    "for", "from", "had", "has", "have", "how", "i", "if", "in", "into", "is", "isnt", "it", "its",
    "me", "might", "must", "my", "no", "not", "of", "on", "one", "or", "our", "should", "so",
    "some", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "to", "us", "vs", "versus", "was", "we", "were", "what", "when", "where", "which",
    "who", "why", "will", "with", "would", "you", "your",
];

/// Stems the texts use for what a question may call by another word, and the stem they are
/// counted as. Both sides are stems (see [`stem`]).
const SAME_AS: &[(&str, &str)] = &[
    ("reject", "fail"),
    ("throw", "fail"),
    ("rais", "fail"),
    ("content", "body"),
];

/// How much a word counts in each field.
const TITLE_WEIGHT: f32 = 3.0;
const KEY_WEIGHT: f32 = 2.0;
const TEXT_WEIGHT: f32 = 1.0;
/// BM25's term-frequency saturation and length normalisation.
const K1: f32 = 1.2;
const B: f32 = 0.5;
/// An unfinished last word matched as a prefix counts this much of a whole match.
const PREFIX_SHARE: f32 = 0.8;
/// The shortest unfinished word that is matched as a prefix.
const MIN_PREFIX: usize = 2;
/// A result scoring less than this share of the best of its kind is left out: it shares
/// only common words with the question.
const RELATIVE_FLOOR: f32 = 0.3;
/// The most results shown of each kind.
pub const MAX_PER_KIND: usize = 8;

/// What a result is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A gallery scenario; the hit's `id` is its catalog id.
    Scenario,
    /// A note; the hit's `id` is its slug.
    Note,
}

/// One result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub kind: Kind,
    pub id: &'static str,
    pub title: &'static str,
    /// How many of the question's words it matches.
    pub matched: usize,
    /// Its BM25 score times the share of the question's words it matches.
    pub score: f32,
}

/// The results of one question, best first within each kind.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    pub scenarios: Vec<Hit>,
    pub notes: Vec<Hit>,
}

impl Found {
    pub fn is_empty(&self) -> bool {
        self.scenarios.is_empty() && self.notes.is_empty()
    }

    /// The first result as the list shows them, scenarios before notes: the one Enter in the
    /// search box chooses.
    pub fn first(&self) -> Option<&Hit> {
        self.scenarios.first().or(self.notes.first())
    }

    /// What a screen reader announces: "3 scenarios, 2 notes", or "Nothing matches".
    pub fn announcement(&self) -> String {
        if self.is_empty() {
            return "Nothing matches".to_string();
        }
        let count = |n: usize, one: &str, many: &str| match n {
            0 => format!("no {many}"),
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        };
        format!(
            "{}, {}",
            count(self.scenarios.len(), "scenario", "scenarios"),
            count(self.notes.len(), "note", "notes")
        )
    }
}

/// The fields of a document, in the order of [`WEIGHTS`].
const FIELDS: usize = 3;
/// How much a match counts in each field: the title most, then the keys, then the text.
const WEIGHTS: [f32; FIELDS] = [TITLE_WEIGHT, KEY_WEIGHT, TEXT_WEIGHT];

/// One searchable document with its words counted.
#[derive(Debug)]
struct Doc {
    kind: Kind,
    id: &'static str,
    title: &'static str,
    /// Each term with its count in each field, sorted by term.
    terms: Vec<(String, [f32; FIELDS])>,
    /// The number of words in each field, for BM25's length normalisation.
    lengths: [f32; FIELDS],
}

impl Doc {
    fn new(kind: Kind, id: &'static str, title: &'static str, fields: [&str; FIELDS]) -> Doc {
        let mut counts: HashMap<String, [f32; FIELDS]> = HashMap::new();
        let mut lengths = [0.0; FIELDS];
        for ((text, length), field) in fields.iter().zip(lengths.iter_mut()).zip(0..) {
            for term in terms(text) {
                if let Some(c) = counts.entry(term).or_default().get_mut(field) {
                    *c += 1.0;
                }
                *length += 1.0;
            }
        }
        let mut terms: Vec<(String, [f32; FIELDS])> = counts.into_iter().collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        Doc {
            kind,
            id,
            title,
            terms,
            lengths,
        }
    }

    fn count(&self, term: &str) -> Option<&[f32; FIELDS]> {
        self.terms
            .binary_search_by(|(t, _)| t.as_str().cmp(term))
            .ok()
            .and_then(|i| self.terms.get(i))
            .map(|(_, c)| c)
    }

    /// The terms that begin with `prefix`, with their counts.
    fn starting_with<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = &'a (String, [f32; FIELDS])> {
        let from = self.terms.partition_point(|(t, _)| t.as_str() < prefix);
        self.terms
            .iter()
            .skip(from)
            .take_while(move |(t, _)| t.starts_with(prefix))
    }
}

/// One word of a question.
#[derive(Debug, PartialEq)]
struct QueryWord {
    stem: String,
    /// The word written as a call, `json()`, when the question wrote it so: texts that write
    /// the same call score more.
    call: Option<String>,
    /// The word as typed (lower-cased) when it is the unfinished last word, matched as a
    /// prefix too.
    prefix: Option<String>,
}

/// The scenarios and notes, ready to search.
#[derive(Debug)]
pub struct Index {
    docs: Vec<Doc>,
    /// In how many documents each term occurs.
    frequency: HashMap<String, usize>,
    /// The average number of words in each field.
    average_lengths: [f32; FIELDS],
}

impl Index {
    /// Indexes the gallery's entries and the notes.
    pub fn new(entries: &[Entry], notes: &[Note]) -> Index {
        let mut docs = Vec::with_capacity(entries.len() + notes.len());
        for e in entries {
            let keys = format!(
                "{} {} {} {}",
                e.id,
                e.scenario.request.method,
                e.scenario.answer.status,
                e.scenario.client.kind.key()
            );
            docs.push(Doc::new(
                Kind::Scenario,
                e.id,
                e.title,
                [e.title, &keys, e.explanation],
            ));
        }
        for n in notes {
            let mut keys = n.slug.to_string();
            for status in n.statuses {
                keys.push_str(&format!(" {status}"));
            }
            for client in n.clients {
                keys.push(' ');
                keys.push_str(client.key());
            }
            for rule in n.findings {
                keys.push(' ');
                keys.push_str(rule.id);
            }
            let mut text = String::new();
            for block in n.blocks {
                block_text(block, &mut text);
            }
            docs.push(Doc::new(
                Kind::Note,
                n.slug,
                n.title,
                [n.title, &keys, &text],
            ));
        }
        let mut frequency: HashMap<String, usize> = HashMap::new();
        for doc in &docs {
            for (term, _) in &doc.terms {
                *frequency.entry(term.clone()).or_default() += 1;
            }
        }
        let mut average_lengths = [1.0; FIELDS];
        for (field, average) in average_lengths.iter_mut().enumerate() {
            let total: f32 = docs.iter().filter_map(|d| d.lengths.get(field)).sum();
            if total > 0.0 {
                *average = total / docs.len() as f32;
            }
        }
        Index {
            docs,
            frequency,
            average_lengths,
        }
    }

    /// How rare a stem is: BM25's inverse document frequency, never negative.
    fn rarity(&self, term: &str) -> f32 {
        let n = self.docs.len() as f32;
        let df = self.frequency.get(term).copied().unwrap_or(0) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// What one matched term adds to a document's score: BM25 in each field, weighted by
    /// the field, so a word in the title counts more than the same word said often in the
    /// text.
    fn contribution(&self, doc: &Doc, term: &str, counts: &[f32; FIELDS]) -> f32 {
        let mut sum = 0.0;
        for field in 0..FIELDS {
            let (Some(count), Some(length), Some(average), Some(weight)) = (
                counts.get(field),
                doc.lengths.get(field),
                self.average_lengths.get(field),
                WEIGHTS.get(field),
            ) else {
                continue;
            };
            if *count > 0.0 {
                let norm = 1.0 - B + B * length / average;
                sum += weight * count * (K1 + 1.0) / (count + K1 * norm);
            }
        }
        self.rarity(term) * sum
    }

    /// What a document gets from one word of the question, if it matches at all.
    fn word_score(&self, doc: &Doc, word: &QueryWord) -> Option<f32> {
        let whole = doc
            .count(&word.stem)
            .map(|c| self.contribution(doc, &word.stem, c));
        let partial = word.prefix.as_deref().and_then(|prefix| {
            doc.starting_with(prefix)
                .map(|(t, c)| PREFIX_SHARE * self.contribution(doc, t, c))
                .reduce(f32::max)
        });
        let plain = match (whole, partial) {
            (Some(a), Some(b)) => a.max(b),
            (a, b) => a.or(b)?,
        };
        let call = word
            .call
            .as_deref()
            .and_then(|call| doc.count(call).map(|c| self.contribution(doc, call, c)));
        Some(plain + call.unwrap_or(0.0))
    }

    /// The scenarios and notes that answer `question`, best first; nothing for an empty
    /// question or one whose words appear nowhere.
    pub fn search(&self, question: &str) -> Found {
        let words = query_words(question);
        if words.is_empty() {
            return Found::default();
        }
        let mut hits: Vec<Hit> = Vec::new();
        for doc in &self.docs {
            let mut matched = 0;
            let mut score = 0.0;
            for word in &words {
                if let Some(s) = self.word_score(doc, word) {
                    matched += 1;
                    score += s;
                }
            }
            if matched > 0 {
                hits.push(Hit {
                    kind: doc.kind,
                    id: doc.id,
                    title: doc.title,
                    matched,
                    score,
                });
            }
        }
        // A result that misses some of the question's words keeps that share of its score,
        // so one that matches every word usually leads, but two words in a title can still
        // beat three scattered in a text. Ties keep the catalog's and the notes' own order
        // (the sort is stable).
        let n = words.len() as f32;
        for hit in &mut hits {
            hit.score *= hit.matched as f32 / n;
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        let half = words.len().div_ceil(2);
        let keep = |kind: Kind| -> Vec<Hit> {
            let of_kind = hits.iter().filter(|h| h.kind == kind && h.matched >= half);
            let best = of_kind.clone().map(|h| h.score).fold(0.0, f32::max);
            of_kind
                .filter(|h| h.score >= best * RELATIVE_FLOOR)
                .take(MAX_PER_KIND)
                .cloned()
                .collect()
        };
        Found {
            scenarios: keep(Kind::Scenario),
            notes: keep(Kind::Note),
        }
    }
}

/// The plain text of a note's block, words separated by spaces.
fn block_text(block: &Block, out: &mut String) {
    fn inlines(items: &[Inline], out: &mut String) {
        for item in items {
            match item {
                Inline::Text(t) | Inline::Code(t) => {
                    out.push_str(t);
                    out.push(' ');
                }
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => {
                    inlines(c, out)
                }
                Inline::LineBreak => out.push(' '),
            }
        }
    }
    match block {
        Block::Paragraph(i) | Block::Heading(_, i) => inlines(i, out),
        Block::List { items, .. } => {
            for item in items.iter() {
                for b in item.iter() {
                    block_text(b, out);
                }
            }
        }
        Block::Code(code) => {
            out.push_str(code);
            out.push(' ');
        }
        Block::Quote(blocks) => {
            for b in blocks.iter() {
                block_text(b, out);
            }
        }
    }
}

/// A word of a text as written: lower-cased letters and digits (an apostrophe joins, so
/// "doesn't" is one word), and whether `()` follows it, as in `json()`.
#[derive(Debug, PartialEq)]
struct Written {
    word: String,
    call: bool,
}

/// The words of a text that carry meaning: no stop words, no single letters.
fn written(text: &str) -> Vec<Written> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    loop {
        let next = chars.next();
        match next {
            Some(c) if c.is_alphanumeric() => {
                word.extend(c.to_lowercase());
                continue;
            }
            Some('\'' | '’') if !word.is_empty() => continue,
            _ => {}
        }
        if !word.is_empty() {
            let call = next == Some('(') && chars.peek() == Some(&')');
            let w = std::mem::take(&mut word);
            if w.chars().count() > 1 && !STOP_WORDS.contains(&w.as_str()) {
                out.push(Written { word: w, call });
            }
        }
        if next.is_none() {
            return out;
        }
    }
}

/// The terms of a text, as the index counts them: each word's stem, and a call as written
/// (`json()`) besides.
fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in written(text) {
        if w.call {
            out.push(format!("{}()", w.word));
        }
        out.push(stem(&w.word));
    }
    out
}

/// The words of a question, each once. The last one is unfinished while the user is still
/// typing it (no space or punctuation after it), so it is matched as a prefix too.
fn query_words(question: &str) -> Vec<QueryWord> {
    let written = written(question);
    let mut out: Vec<QueryWord> = Vec::new();
    for w in &written {
        let stem = stem(&w.word);
        let call = w.call.then(|| format!("{}()", w.word));
        match out.iter_mut().find(|q| q.stem == stem) {
            Some(q) => q.call = q.call.take().or(call),
            None => out.push(QueryWord {
                stem,
                call,
                prefix: None,
            }),
        }
    }
    let unfinished = question.ends_with(char::is_alphanumeric);
    if let (true, Some(last)) = (unfinished, written.last()) {
        let stem = stem(&last.word);
        if last.word.chars().count() >= MIN_PREFIX {
            if let Some(q) = out.iter_mut().find(|q| q.stem == stem) {
                q.prefix = Some(last.word.clone());
            }
        }
    }
    out
}

/// A crude English stem: enough that a question's "fails", "resets" or "bodies" meets the
/// texts' "fail", "reset" or "body". Only lower-case ASCII words of four letters or more are
/// touched; numbers and codes stay whole. The result need not be a word, only the same for
/// the forms of one.
fn stem(word: &str) -> String {
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w = word.to_string();
    if let Some(base) = word.strip_suffix("ies") {
        w = format!("{base}y");
    } else if !(word.ends_with("ss") || word.ends_with("us") || word.ends_with("is")) {
        if let Some(base) = word.strip_suffix('s') {
            w = base.to_string();
        }
    }
    for suffix in ["ing", "ed"] {
        if let Some(base) = w.strip_suffix(suffix) {
            if base.len() >= 3 {
                w = base.to_string();
                break;
            }
        }
    }
    if w.len() > 3 {
        if let Some(base) = w.strip_suffix('e') {
            w = base.to_string();
        }
    }
    // "resetting" and "calling" lose their doubled consonant, and so do "reset" and "call"
    // themselves, so every form meets.
    let mut chars: Vec<char> = w.chars().collect();
    if let [.., a, b] = chars.as_slice() {
        if a == b && !"aeiou".contains(*a) {
            chars.pop();
        }
    }
    let w: String = chars.into_iter().collect();
    SAME_AS
        .iter()
        .find(|(from, _)| *from == w)
        .map(|(_, to)| to.to_string())
        .unwrap_or(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An apostrophe inside a word joins it ("engine's" is one word), one before any word is
    /// nothing, and `()` after a word marks a call.
    #[test]
    fn words_keep_their_apostrophes_and_calls() {
        let words: Vec<(String, bool)> = written("'json() engine's reset")
            .into_iter()
            .map(|w| (w.word, w.call))
            .collect();
        assert_eq!(
            words,
            vec![
                ("json".to_string(), true),
                ("engines".to_string(), false),
                ("reset".to_string(), false)
            ]
        );
    }

    use nocontent_engine::Scenario;

    fn entry(id: &'static str, title: &'static str, explanation: &'static str) -> Entry {
        Entry {
            id,
            title,
            explanation,
            scenario: Scenario::default(),
        }
    }

    /// Two scenarios alike but for where "widget" is: once in one's title, twice in the
    /// other's text. The title wins, for scenarios and for notes alike.
    #[test]
    fn a_word_in_the_title_counts_more_than_in_the_text() {
        let entries = [
            entry(
                "in-text",
                "Beta thing",
                "A widget, another widget, and words.",
            ),
            entry(
                "in-title",
                "Alpha widget",
                "Some other words, and more words.",
            ),
        ];
        static NOTES: &[Note] = &[
            Note {
                slug: "text",
                title: "Beta thing",
                statuses: &[],
                findings: &[],
                clients: &[],
                blocks: &[Block::Paragraph(&[Inline::Text(
                    "A widget, another widget.",
                )])],
            },
            Note {
                slug: "title",
                title: "Alpha widget",
                statuses: &[],
                findings: &[],
                clients: &[],
                blocks: &[Block::Paragraph(&[Inline::Text("Some other words here.")])],
            },
        ];
        let found = Index::new(&entries, NOTES).search("widgets");
        let ids: Vec<&str> = found.scenarios.iter().map(|h| h.id).collect();
        assert_eq!(ids, ["in-title", "in-text"]);
        let ids: Vec<&str> = found.notes.iter().map(|h| h.id).collect();
        assert_eq!(ids, ["title", "text"]);
    }

    #[test]
    fn forms_of_one_word_share_a_stem() {
        for group in [
            &["fail", "fails", "failed", "failing"][..],
            &["reset", "resets", "resetting"],
            &["body", "bodies"],
            &["call", "calls", "called", "calling"],
            &["cache", "cached", "caches", "caching"],
            &["status", "statuses"],
            &["response", "responses"],
            &["age", "ages"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(
                stems.windows(2).all(|p| p[0] == p[1]),
                "{group:?} → {stems:?}"
            );
        }
        assert_ne!(stem("fetch"), stem("fail"));
        assert_eq!(stem("204"), "204");
        assert_eq!(stem("rejects"), stem("fails"));
        // Header names and codes are not English words: they stay whole.
        assert_eq!(
            stem("access-control-allow-headers"),
            "access-control-allow-headers"
        );
        assert_eq!(stem("ETags"), "ETags");
    }

    /// Results of either kind make the results non-empty.
    #[test]
    fn results_of_one_kind_are_results() {
        let hit = Hit {
            kind: Kind::Scenario,
            id: "a",
            title: "A",
            matched: 1,
            score: 1.0,
        };
        assert!(Found::default().is_empty());
        let scenarios = Found {
            scenarios: vec![hit.clone()],
            notes: Vec::new(),
        };
        assert!(!scenarios.is_empty());
        let notes = Found {
            scenarios: Vec::new(),
            notes: vec![Hit {
                kind: Kind::Note,
                ..hit
            }],
        };
        assert!(!notes.is_empty());
    }

    /// The score of the one result `question` finds among two scenarios, one about widgets.
    fn widget_score(question: &str) -> f32 {
        let entries = [
            entry("one", "Widget", "A widget and words."),
            entry("two", "Other", "Nothing of the kind."),
        ];
        let found = Index::new(&entries, &[]).search(question);
        assert_eq!(found.scenarios.len(), 1, "{question}");
        found.scenarios.first().map(|h| h.score).unwrap_or_default()
    }

    /// A result keeps the share of its score that the words it matches are of the question.
    #[test]
    fn a_result_keeps_the_share_of_the_words_it_matches() {
        let alone = widget_score("widget ");
        let half = widget_score("widget zebra ");
        assert!(
            alone > 0.0 && (half - alone / 2.0).abs() < 1e-4,
            "{half} against {alone}"
        );
    }

    /// One-letter words and stop words are not searched for.
    #[test]
    fn single_letters_and_stop_words_are_not_words_of_the_question() {
        let words: Vec<String> = written("a b the json x")
            .into_iter()
            .map(|w| w.word)
            .collect();
        assert_eq!(words, ["json"]);
    }

    /// A prefix meets the term it equals as well as the longer ones it begins.
    #[test]
    fn a_prefix_meets_the_terms_it_begins_including_itself() {
        let entries = [entry("one", "Widget widgets widgetry", "Words.")];
        let index = Index::new(&entries, &[]);
        let doc = index.docs.first().expect("one document");
        let terms: Vec<&str> = doc
            .starting_with("widget")
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(terms, ["widget", "widgetry"]);
    }

    /// The score is BM25 (k1 = 1.2, b = 0.5) times the field weight: here one word, once in
    /// one document's text of three words, where the other document's text has one word.
    #[test]
    fn the_score_is_bm25() {
        let entries = [
            entry("one", "Alpha", "Widget and words."),
            entry("two", "Beta", "Other."),
        ];
        let index = Index::new(&entries, &[]);
        let found = index.search("widget ");
        let got = found.scenarios.first().map(|h| h.score).unwrap_or_default();
        let (n, df) = (2.0f32, 1.0f32);
        let rarity = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        let doc = index.docs.first().expect("one document");
        let (length, average) = (doc.lengths[2], index.average_lengths[2]);
        let norm = 1.0 - 0.5 + 0.5 * length / average;
        let expected = rarity * TEXT_WEIGHT * 1.0 * (1.2 + 1.0) / (1.0 + 1.2 * norm);
        assert!(length != average, "the lengths differ, so b matters");
        assert!((got - expected).abs() < 1e-4, "{got} against {expected}");
    }

    /// A word still being typed meets the words it begins, for a set share of what the whole
    /// word would score, so a finished word that matches outranks a guess.
    #[test]
    fn a_word_being_typed_scores_a_share_of_the_whole_word() {
        let whole = widget_score("widget ");
        let typing = widget_score("widge");
        assert!(whole > 0.0);
        assert!(
            (typing - PREFIX_SHARE * whole).abs() < 1e-4,
            "typing {typing}, whole {whole}"
        );
    }

    #[test]
    fn questions_lose_stop_words_and_punctuation() {
        let stems: Vec<String> = query_words("Does 205 reset MY form?")
            .into_iter()
            .map(|w| w.stem)
            .collect();
        assert_eq!(stems, ["205", "reset", "form"]);
        let words = query_words("json() fails on 204");
        let stems: Vec<&str> = words.iter().map(|w| w.stem.as_str()).collect();
        assert_eq!(stems, ["json", "fail", "204"]);
        // The last word is still being typed; after a space it is finished.
        assert_eq!(words.last().and_then(|w| w.prefix.as_deref()), Some("204"));
        assert!(query_words("json() ").iter().all(|w| w.prefix.is_none()));
        assert!(query_words("the, of; with!").is_empty());
    }
}
