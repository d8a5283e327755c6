//! Tests of what the views say about the engines: the divergence table (where the specs are
//! silent or the engines depart from them), the agreement badge, the matrix's cell marks, the
//! aftermath items, and the timelines of the gallery's "where the engines differ" scenarios.

// A test reports failure by panicking; clippy.toml allows that inside #[test] functions,
// and this allows it in the helpers they share.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use nocontent_engine::catalog;
use nocontent_engine::cite;
use nocontent_engine::engines::{Column, Engine};
use nocontent_engine::outcome::Claim;
use nocontent_engine::scenario::{ClientKind, Framing};
use nocontent_engine::{simulate, Exchange, Scenario};
use nocontent_explain::{self as present, Agreement, Basis, Step, Verdict, DIVERGENCES};

fn entry(id: &str) -> Scenario {
    catalog::find(id)
        .unwrap_or_else(|| panic!("no catalog entry {id}"))
        .scenario
}

fn exchange(scenario: &Scenario) -> Exchange {
    simulate(scenario).unwrap_or_else(|e| panic!("input errors {e:?}"))
}

fn with_client(id: &str, kind: ClientKind) -> Scenario {
    let mut s = entry(id);
    s.client.kind = kind;
    s
}

/// A GET answered 204 with Last-Modified a year before its Date and no Cache-Control: fresh
/// by heuristics, if a cache applies them to 204.
fn heuristic_204() -> Scenario {
    let mut s = entry("fetch-204-json");
    s.answer.headers = vec![
        ("Date".into(), "Sat, 21 Nov 2026 10:00:00 GMT".into()),
        (
            "Last-Modified".into(),
            "Thu, 20 Nov 2025 10:00:00 GMT".into(),
        ),
    ];
    s
}

/// A 200 whose Content-Length does not parse: a network error in every column.
fn invalid_length() -> Scenario {
    let mut s = entry("delete-204");
    s.answer.status = 200;
    s.answer.headers = vec![("Content-Length".into(), "abc".into())];
    s
}

/// Every row's ids (and the scenario that must reach it).
fn reached_by() -> Vec<(&'static str, Scenario)> {
    vec![
        ("fetch.body_null", entry("head-fetch-body")),
        ("fetch.rejects", invalid_length()),
        ("a refused method", {
            let mut s = entry("delete-204");
            s.request.method = "trace".into();
            s
        }),
        ("preflight.rejects", entry("preflight-404")),
        ("framing of a 205", entry("reset-205-no-length")),
        (
            "xhr.events on an empty body",
            with_client("delete-204", ClientKind::Xhr),
        ),
        (
            "xhr.ready_state while the body never ends",
            with_client("reset-205-no-length", ClientKind::Xhr),
        ),
        (
            "connection.leftover_bytes after a 204 with Content-Length",
            entry("keepalive-204-smuggled"),
        ),
        (
            "connection.reusable after leftover bytes",
            entry("keepalive-204-smuggled"),
        ),
        (
            "connection.reusable after a 204 or 304 without Content-Length",
            entry("poll-204-keepalive"),
        ),
        ("navigation.document_replaced on a 304", entry("link-304")),
        (
            "navigation.iframe_document_replaced on a 204 or 205 that forbids framing",
            entry("iframe-204-frame-denied"),
        ),
        ("navigation.form_reset on a 205", entry("form-post-205")),
        ("cache.stored for a 204 by heuristics", heuristic_204()),
    ]
}

/// The outcome field names the exchange JSON really has: `fetch.body_null`, ….
fn outcome_fields(x: &Exchange) -> BTreeSet<String> {
    let json = serde_json::to_value(&x.outcomes).unwrap_or_default();
    let mut out = BTreeSet::new();
    for (client, fields) in json.as_object().into_iter().flatten() {
        for field in fields.as_object().into_iter().flatten().map(|(k, _)| k) {
            out.insert(format!("{client}.{field}"));
        }
    }
    out
}

#[test]
fn the_divergence_table_is_tidy_and_every_row_is_reached() {
    let real = outcome_fields(&exchange(&entry("delete-204")));
    let mut ids = BTreeSet::new();
    for d in DIVERGENCES {
        assert!(ids.insert(d.id), "duplicate row {}", d.id);
        assert!(!d.cites.is_empty(), "{}: no section", d.id);
        for c in d.cites {
            assert!(cite::ALL.contains(c), "{}: {c:?} is not in cite::ALL", d.id);
        }
        for f in d.fields {
            assert!(real.contains(*f), "{}: no outcome field {f}", d.id);
        }
        // One sentence: a capital, one full stop at the end and none inside.
        let s = d.sentence;
        assert!(
            s.ends_with('.') && !s.trim_end_matches('.').contains(". "),
            "{}: not one sentence: {s}",
            d.id
        );
        assert!(s.chars().next().is_some_and(char::is_uppercase), "{}", d.id);
        // The sentences leave the engines' names to the values they sit under.
        for e in Engine::ALL {
            assert!(!s.contains(e.label()), "{}: names {}", d.id, e.label());
        }
    }
    let reached: Vec<&str> = reached_by().iter().map(|(id, _)| *id).collect();
    assert_eq!(
        reached,
        DIVERGENCES.iter().map(|d| d.id).collect::<Vec<_>>(),
        "every row has a scenario that reaches it, in table order"
    );
    for (id, scenario) in reached_by() {
        let x = exchange(&scenario);
        let row = DIVERGENCES.iter().find(|d| d.id == id);
        assert!(row.is_some_and(|d| d.applies(&x)), "{id} does not apply");
    }
}

#[test]
fn rows_apply_only_where_their_field_really_differs() {
    // A 200 with JSON content: the engines agree on everything a row is about.
    let x = exchange(&entry("put-200-json"));
    let applying: Vec<&str> = DIVERGENCES
        .iter()
        .filter(|d| d.applies(&x))
        .map(|d| d.id)
        .collect();
    // The preflight row applies to every answer treated as a preflight, since each engine
    // words the rejection its own way.
    assert_eq!(applying, ["preflight.rejects"]);
    // A 304 on a fetch is no navigation, but the navigation row is about the outcome field,
    // which a navigation to it would show; the 205 and 204 rows stay out.
    let x = exchange(&entry("conditional-304"));
    assert!(present::divergences(&x, &["navigation.document_replaced"])
        .iter()
        .any(|d| d.id == "navigation.document_replaced on a 304"));
    assert!(present::divergences(&x, &["navigation.form_reset"]).is_empty());
    // Fields pick the rows: the body row is not shown under the text() step.
    let x = exchange(&entry("head-fetch-body"));
    assert!(present::divergences(&x, &["fetch.text"]).is_empty());
    assert_eq!(present::divergences(&x, &["fetch.body_null"]).len(), 1);
}

fn step<'a>(steps: &'a [Step], title: &str) -> &'a Step {
    steps
        .iter()
        .find(|s| s.title.contains(title))
        .unwrap_or_else(|| panic!("no step {title:?} in {steps:#?}"))
}

/// The step's value in each column, `None` where not measured.
fn columns(s: &Step) -> [Option<&str>; 4] {
    Column::ALL.map(|c| s.detail.at(c).map(String::as_str))
}

fn divergence_ids(x: &Exchange, s: &Step) -> Vec<&'static str> {
    present::divergences(x, s.fields)
        .iter()
        .map(|d| d.id)
        .collect()
}

#[test]
fn the_gallery_of_differences_shows_each_engine_under_its_own_label() {
    // A link to a 304: Firefox replaces the page as HTML says; Chromium and WebKitGTK keep it.
    let x = exchange(&entry("link-304"));
    let steps = present::timeline(&x);
    let page = step(&steps, "The page");
    let [spec, chromium, firefox, webkit] = columns(page);
    assert!(
        spec.is_some_and(|t| t.contains("replaces the page")),
        "{page:?}"
    );
    assert_eq!(firefox, spec);
    assert!(chromium.is_some_and(|t| t.contains("aborted")), "{page:?}");
    assert_eq!(webkit, chromium);
    assert_eq!(
        divergence_ids(&x, page),
        ["navigation.document_replaced on a 304"]
    );
    let badge = Agreement::of([(page.title.as_str(), &page.detail)]);
    assert_eq!(badge.verdict, Some(Verdict::Differ));

    // A 205 without framing: WebKitGTK waits for the close, the others end it at once.
    let x = exchange(&entry("reset-205-no-length"));
    let steps = present::timeline(&x);
    let text = step(&steps, "text()");
    let [spec, chromium, firefox, webkit] = columns(text);
    assert!(spec.is_some_and(|t| t.contains("never settles")));
    assert_eq!(webkit, spec);
    assert_eq!(chromium, Some("resolves to \"\""));
    assert_eq!(firefox, chromium);
    assert_eq!(divergence_ids(&x, text), ["framing of a 205"]);
    let xhr = exchange(&with_client("reset-205-no-length", ClientKind::Xhr));
    let steps = present::timeline(&xhr);
    let ends = step(&steps, "The request ends");
    assert!(columns(ends)[3].is_some_and(|t| t.contains("readyState stays at 1 (OPENED)")));
    assert_eq!(
        divergence_ids(&xhr, ends),
        [
            "framing of a 205",
            "xhr.ready_state while the body never ends"
        ]
    );

    // A 204 whose body is a whole response: Firefox drops it and reuses the connection.
    let x = exchange(&entry("keepalive-204-smuggled"));
    let steps = present::timeline(&x);
    let conn = step(&steps, "The connection afterwards");
    let [spec, chromium, firefox, webkit] = columns(conn);
    assert!(spec
        .is_some_and(|t| t.contains("42 bytes left over") && t.contains("not a valid response")));
    assert!(firefox.is_some_and(
        |t| t.starts_with("No bytes left over after the response; the client keeps the connection")
    ));
    assert!(chromium.is_some_and(|t| t.contains("closes this connection")));
    assert_eq!(webkit, chromium);
    assert_eq!(
        divergence_ids(&x, conn),
        [
            "connection.leftover_bytes after a 204 with Content-Length",
            "connection.reusable after leftover bytes"
        ]
    );

    // HEAD in fetch: null in Firefox, as Fetch says; an empty stream in the others.
    let x = exchange(&entry("head-fetch-body"));
    let steps = present::timeline(&x);
    let body = step(&steps, "response.body");
    let [spec, chromium, firefox, webkit] = columns(body);
    assert!(spec.is_some_and(|t| t.starts_with("response.body is null")));
    assert_eq!(firefox, spec);
    assert!(chromium.is_some_and(|t| t.contains("empty ReadableStream")));
    assert_eq!(webkit, chromium);

    // A 204 without Content-Length: WebKitGTK alone closes the connection.
    let x = exchange(&entry("poll-204-keepalive"));
    let steps = present::timeline(&x);
    let conn = step(&steps, "The connection afterwards");
    let [spec, chromium, firefox, webkit] = columns(conn);
    assert_eq!(chromium, spec);
    assert_eq!(firefox, spec);
    assert!(webkit.is_some_and(|t| t.contains("the connection is not reused")));
    assert_eq!(
        divergence_ids(&x, conn),
        ["connection.reusable after a 204 or 304 without Content-Length"]
    );
}

#[test]
fn every_scenario_the_gallery_sets_apart_differs_between_engines() {
    for id in catalog::ENGINES_DIFFER {
        let x = exchange(&entry(id));
        let shown: Vec<Step> = present::timeline(&x)
            .into_iter()
            .chain(present::aftermath(&x))
            .collect();
        let badge = Agreement::of(
            shown
                .iter()
                .filter(|s| s.basis == Basis::Engines)
                .map(|s| (s.title.as_str(), &s.detail)),
        );
        assert_eq!(badge.verdict, Some(Verdict::Differ), "{id}: {shown:#?}");
        // And each difference it shows has a sentence that explains it.
        for s in shown
            .iter()
            .filter(|s| s.differs() && !s.detail.engines_agree())
        {
            assert!(
                !present::divergences(&x, s.fields).is_empty(),
                "{id}: the step {:?} differs between engines and no divergence row explains it",
                s.title
            );
        }
    }
}

fn claim(
    spec: &str,
    chromium: Option<&str>,
    firefox: Option<&str>,
    webkit: Option<&str>,
) -> Claim<String> {
    Claim::from_columns(spec.to_string(), |e| {
        match e {
            Engine::Chromium => chromium,
            Engine::Firefox => firefox,
            Engine::Webkit => webkit,
        }
        .map(str::to_string)
    })
}

#[test]
fn the_badge_says_agree_differ_or_not_measured() {
    let all = claim("a", Some("a"), Some("a"), Some("a"));
    let against = claim("a", Some("b"), Some("b"), Some("b"));
    let split = claim("a", Some("a"), Some("b"), Some("a"));
    let beacon = claim("a", None, None, None);
    let half = claim("a", Some("a"), None, Some("a"));
    let badge = |claims: &[(&str, &Claim<String>)]| Agreement::of(claims.iter().copied()).text();
    assert_eq!(badge(&[("x", &all)]), "all engines agree");
    assert_eq!(
        badge(&[("x", &all), ("y", &against)]),
        "all engines agree; the spec says otherwise"
    );
    assert_eq!(badge(&[("x", &against), ("y", &split)]), "engines differ");
    assert_eq!(
        badge(&[("x", &all), ("sendBeacon", &beacon)]),
        "all engines agree; not measured in Chromium 156, Firefox 153 and WebKitGTK 2.50 (sendBeacon)"
    );
    assert_eq!(
        badge(&[("sendBeacon", &beacon), ("x", &half), ("y", &half)]),
        "all engines agree; not measured in Chromium 156, Firefox 153 and WebKitGTK 2.50 (sendBeacon); not measured in Firefox 153 (x, y)"
    );
    // Nothing measured: no verdict at all, only what is missing.
    let none = Agreement::of([("sendBeacon", &beacon)]);
    assert_eq!(none.verdict, None);
    assert_eq!(
        none.text(),
        "not measured in Chromium 156, Firefox 153 and WebKitGTK 2.50 (sendBeacon)"
    );
}

#[test]
fn cells_mark_what_departs_from_the_spec_or_from_another_engine() {
    let x = exchange(&entry("reset-205-no-length"));
    let rows = present::matrix(&x);
    let fetch = &rows[0].result;
    let cells = present::cells(fetch);
    let marks: Vec<(Column, bool, bool)> = cells
        .iter()
        .map(|c| (c.column, c.departs_from_spec, c.differs_from_an_engine))
        .collect();
    assert_eq!(
        marks,
        [
            (Column::Spec, false, false),
            (Column::Engine(Engine::Chromium), true, true),
            (Column::Engine(Engine::Firefox), true, true),
            (Column::Engine(Engine::Webkit), false, true),
        ]
    );
    assert!(!cells[0].marked() && cells[3].marked());
    // Engines that agree with each other, not with the spec: marked for the spec only.
    let form = exchange(&entry("form-post-205"));
    let rows = present::matrix(&form);
    let row = rows.iter().find(|r| r.client == ClientKind::Form);
    let cells = present::cells(&row.unwrap_or_else(|| panic!("no form row")).result);
    assert!(cells
        .iter()
        .skip(1)
        .all(|c| c.departs_from_spec && !c.differs_from_an_engine));
    // An engine not measured has no value and no mark.
    let beacon = claim("a", None, Some("a"), Some("b"));
    let cells = present::cells(&beacon);
    assert_eq!(cells[1].value, None);
    assert!(!cells[1].marked());
    assert!(cells[2].differs_from_an_engine && !cells[2].departs_from_spec);
}

#[test]
fn the_aftermath_says_which_values_the_specs_alone_decide() {
    let x = exchange(&heuristic_204());
    let items = present::aftermath(&x);
    let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Cache",
            "Invalidation",
            "Connection",
            "Storable",
            "Freshness"
        ]
    );
    let cache = &items[0];
    assert_eq!(cache.basis, Basis::Engines);
    assert_eq!(
        present::divergences(&x, cache.fields)
            .iter()
            .map(|d| d.id)
            .collect::<Vec<_>>(),
        ["cache.stored for a 204 by heuristics"]
    );
    assert_eq!(items[3].basis, Basis::Spec);
    assert_eq!(items[3].detail.not_measured(), Engine::ALL);
    assert!(
        items[4].detail.spec().contains("by heuristics"),
        "{:?}",
        items[4]
    );
    // An answer no cache may store has no freshness item.
    let mut post = entry("form-post-204");
    post.answer.framing = Framing::Auto;
    let items = present::aftermath(&exchange(&post));
    assert_eq!(items.len(), 4);
    assert!(items[3].detail.spec().contains("lets no cache store"));
}

#[test]
fn steps_say_what_they_rest_on() {
    let x = exchange(&entry("form-post-205"));
    let steps = present::timeline(&x);
    assert_eq!(step(&steps, "beforeunload").basis, Basis::Spec);
    assert_eq!(step(&steps, "The form is submitted").basis, Basis::Scenario);
    let fields = step(&steps, "The typed fields");
    assert_eq!(fields.basis, Basis::Engines);
    assert!(fields.differs());
    let badge = Agreement::of([(fields.title.as_str(), &fields.detail)]);
    assert_eq!(badge.verdict, Some(Verdict::AgreeAgainstSpec));
    assert_eq!(
        divergence_ids(&x, fields),
        ["navigation.form_reset on a 205"]
    );
    // A spec step never counts as differing, though its engines are not measured.
    assert!(!step(&steps, "beforeunload").differs());
}

/// A refused method is one step in the timeline of each script client, with each engine's own
/// error under its label; a form sends GET instead and its timeline says so.
#[test]
fn a_refused_method_is_never_shown_as_sent() {
    let refused = |kind: ClientKind, method: &str| {
        let mut s = with_client("delete-204", kind);
        s.request.method = method.into();
        present::timeline(&exchange(&s))
    };
    let steps = refused(ClientKind::Fetch, "trace");
    assert_eq!(steps.len(), 1, "{steps:#?}");
    assert_eq!(steps[0].title, "fetch() refuses the method");
    let [spec, chromium, _, webkit] = columns(&steps[0]);
    assert!(
        spec.is_some_and(|t| t.contains("rejects with TypeError before anything is sent")),
        "{spec:?}"
    );
    assert!(
        chromium.is_some_and(|t| t.contains("'trace' HTTP method is unsupported")),
        "{chromium:?}"
    );
    assert!(
        webkit.is_some_and(|t| t.contains("Method is forbidden")),
        "{webkit:?}"
    );
    let steps = refused(ClientKind::Xhr, "GE T");
    assert_eq!(steps.len(), 1, "{steps:#?}");
    let [spec, ..] = columns(&steps[0]);
    assert!(
        spec.is_some_and(|t| t.contains("throws SyntaxError: nothing is sent")),
        "{spec:?}"
    );
    let steps = refused(ClientKind::Preflight, "CONNECT");
    assert_eq!(steps.len(), 1, "{steps:#?}");
    // A form cannot send DELETE: it sends GET, and no step is refused.
    let steps = refused(ClientKind::Form, "DELETE");
    let sends = steps
        .iter()
        .flat_map(|s| columns(s))
        .flatten()
        .find(|t| t.contains("/items/42"));
    assert!(
        sends.is_some_and(|t| t.contains("GET /items/42") && !t.contains("DELETE")),
        "{steps:#?}"
    );
}

/// A client that cannot send the request is marked not applicable instead of given an outcome
/// for a request it never makes: a form and a link for HEAD, sendBeacon() for GET.
#[test]
fn rows_for_clients_that_cannot_send_the_request_say_so() {
    let applies = |method: &str| {
        let mut s = entry("delete-204");
        s.request.method = method.into();
        present::matrix(&exchange(&s))
            .into_iter()
            .map(|r| (r.client, r.applies, r.result.spec().clone()))
            .collect::<Vec<_>>()
    };
    let head = applies("HEAD");
    for (client, applies, text) in &head {
        let expected = matches!(
            client,
            ClientKind::Fetch | ClientKind::Xhr | ClientKind::Preflight
        );
        assert_eq!(*applies, expected, "{client:?} for HEAD: {text}");
        if !applies {
            assert!(
                text.starts_with("not applicable") && text.contains("HEAD"),
                "{text}"
            );
        }
    }
    let get: Vec<ClientKind> = applies("GET")
        .into_iter()
        .filter(|r| !r.1)
        .map(|r| r.0)
        .collect();
    assert_eq!(get, [ClientKind::Beacon]);
    let post: Vec<ClientKind> = applies("POST")
        .into_iter()
        .filter(|r| !r.1)
        .map(|r| r.0)
        .collect();
    assert_eq!(post, [ClientKind::Navigation, ClientKind::Iframe]);
}
