//! Tests of "find by question" over the real gallery and the real notes: the questions of
//! issue 14 each put a fitting scenario and a fitting note first, and questions that name
//! nothing find nothing.

// A test reports failure by panicking; clippy.toml allows that inside #[test] functions,
// and this allows it in the helpers they share.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::OnceLock;

use nocontent_engine::catalog;
use nocontent_explain::search::{Found, Index, Kind, MAX_PER_KIND};
use nocontent_notes::Note;

/// The index over the catalog and the notes as `content/notes/` holds them now (read at run
/// time, as the app's build script reads them at build time).
fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/notes");
        let (notes, _) = nocontent_notes::parse::read_dir(&dir).expect("the notes parse");
        let notes: Vec<Note> = notes.iter().map(|n| n.leak()).collect();
        Index::new(&catalog::catalog(), &notes)
    })
}

fn ids(found: &Found) -> (Vec<&'static str>, Vec<&'static str>) {
    (
        found.scenarios.iter().map(|h| h.id).collect(),
        found.notes.iter().map(|h| h.id).collect(),
    )
}

/// `question` puts `scenario` first among the scenarios and `note` first among the notes.
fn check(question: &str, scenario: &str, note: &str) {
    let found = index().search(question);
    let (scenarios, notes) = ids(&found);
    assert_eq!(
        scenarios.first(),
        Some(&scenario),
        "{question:?}: scenarios {scenarios:?}"
    );
    assert_eq!(notes.first(), Some(&note), "{question:?}: notes {notes:?}");
}

/// "json() fails on 204": the scenario whose title is exactly that bug, fetch's json() on a
/// 204 (its text says json() rejects, which is what the question calls failing), and the note
/// "Calling response.json() on a 204". Enter chooses the scenario.
#[test]
fn json_fails_on_204_finds_the_fetch_json_scenario() {
    check("json() fails on 204", "fetch-204-json", "fetch-json-on-204");
    let found = index().search("json() fails on 204");
    let best = found.first().expect("a first result");
    assert_eq!((best.kind, best.id), (Kind::Scenario, "fetch-204-json"));
}

/// "does 205 reset my form": the form POST answered 205 Reset Content, and the note "Why a
/// 205 does not reset your form", which answers the question (no engine resets it).
#[test]
fn does_205_reset_my_form_finds_the_form_205_scenario_and_note() {
    check(
        "does 205 reset my form",
        "form-post-205",
        "reset-content-in-browsers",
    );
}

/// "body with 204": the scenario "204 with a body on a kept-alive connection", and the note
/// on what 204 No Content means, which explains the error of a 204 with content (the notes
/// say "content" where the question says "body", as RFC 9110 does, and the two are one word
/// to the search).
#[test]
fn body_with_204_finds_the_204_with_a_body() {
    check(
        "body with 204",
        "keepalive-204-body",
        "status-204-no-content",
    );
}

/// "DELETE 200 or 204": "DELETE answered 200 with {} instead of 204", the choice the question
/// asks about, and the note on 200 OK, which says what a 200 to a DELETE carries and that a
/// server with nothing to say sends 204 instead. The note that weighs 204 against an empty
/// 200 comes among the notes too, though it never says DELETE.
#[test]
fn delete_200_or_204_finds_the_choice_between_them() {
    check(
        "DELETE 200 or 204",
        "delete-200-empty-object",
        "status-200-ok",
    );
    let (scenarios, notes) = ids(&index().search("DELETE 200 or 204"));
    assert!(scenarios.contains(&"delete-204"), "{scenarios:?}");
    assert!(notes.contains(&"empty-200-vs-204"), "{notes:?}");
}

#[test]
fn nonsense_and_empty_questions_find_nothing() {
    for question in ["", "   ", "the or with my", "xyzzy plugh", "?!", "zz"] {
        let found = index().search(question);
        assert!(found.is_empty(), "{question:?}: {:?}", ids(&found));
        assert_eq!(found.announcement(), "Nothing matches");
        assert_eq!(found.first(), None);
    }
}

#[test]
fn the_count_is_announced_in_words() {
    let found = index().search("does 205 reset my form");
    let expected = format!(
        "{} scenario{}, {} note{}",
        found.scenarios.len(),
        if found.scenarios.len() == 1 { "" } else { "s" },
        found.notes.len(),
        if found.notes.len() == 1 { "" } else { "s" },
    );
    assert_eq!(found.announcement(), expected);
    assert!(!found.scenarios.is_empty() && !found.notes.is_empty());
}

/// While the last word is being typed it matches as a prefix, so results come as you type.
#[test]
fn an_unfinished_last_word_matches_as_a_prefix() {
    let (scenarios, _) = ids(&index().search("iframe 20"));
    assert_eq!(scenarios.first(), Some(&"iframe-204"), "{scenarios:?}");
    let (scenarios, notes) = ids(&index().search("prefli"));
    assert!(
        scenarios.contains(&"preflight-204") && notes.contains(&"cors-preflight"),
        "{scenarios:?} {notes:?}"
    );
    // Finished by a space, the same letters are a whole word that matches nothing.
    assert!(index().search("prefli ").is_empty());
}

/// Every result matches a word of the question, and no list is longer than its limit, even
/// for a question every document matches.
#[test]
fn results_are_bounded_and_each_matches() {
    let found = index().search("204");
    assert!(found.scenarios.len() <= MAX_PER_KIND && found.notes.len() <= MAX_PER_KIND);
    assert!(found
        .scenarios
        .iter()
        .chain(&found.notes)
        .all(|h| h.matched >= 1 && h.score > 0.0));
    for question in ["json() fails on 204", "DELETE 200 or 204"] {
        let found = index().search(question);
        for pair in found.scenarios.windows(2).chain(found.notes.windows(2)) {
            assert!(pair[0].score >= pair[1].score, "{question:?}: {pair:?}");
        }
    }
}

/// Prints the ranking of a few questions, for tuning: `cargo test -p nocontent-explain
/// --test search show -- --ignored --nocapture`.
#[test]
#[ignore]
fn show() {
    for q in [
        "json() fails on 204",
        "does 205 reset my form",
        "body with 204",
        "DELETE 200 or 204",
    ] {
        let found = index().search(q);
        println!("{q:?}: {}", found.announcement());
        for h in found.scenarios.iter().chain(&found.notes) {
            println!("  {:?} {} {} {:.2}", h.kind, h.id, h.matched, h.score);
        }
    }
}

/// Prints how long building the index and one search take, natively:
/// `cargo test --release -p nocontent-explain --test search speed -- --ignored --nocapture`.
#[test]
#[ignore]
fn speed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/notes");
    let (notes, _) = nocontent_notes::parse::read_dir(&dir).expect("the notes parse");
    let notes: Vec<Note> = notes.iter().map(|n| n.leak()).collect();
    let entries = catalog::catalog();
    let started = std::time::Instant::now();
    let index = Index::new(&entries, &notes);
    println!(
        "index of {} documents: {:?}",
        entries.len() + notes.len(),
        started.elapsed()
    );
    let questions = [
        "json() fails on 204",
        "does 205 reset my form",
        "body with 204",
        "DELETE 200 or 204",
    ];
    let rounds = 250;
    let started = std::time::Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        for q in questions {
            found += index.search(q).scenarios.len();
        }
    }
    let each = started.elapsed() / (rounds * questions.len() as u32);
    println!("one search: {each:?} ({found} results in all)");
}
