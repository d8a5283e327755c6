//! Where the specs are silent and where the engines depart from them: one row per outcome
//! field (and, where it matters, per case) on which the columns of a claim can differ, each
//! with one sentence that says which is which and the sections it rests on.
//!
//! A row applies to an exchange when its field's claim really has more than one value there
//! and its case holds (a 304, a 205, a 204 with Content-Length...). The views show the rows
//! that apply under the step, matrix row or fact built from the row's fields, beside each
//! column's value, so the sentences never need to name an engine: the values above them do.

use serde::Serialize;

use nocontent_engine::cite::{self, Cite};
use nocontent_engine::outcome::{Claim, JsResult};
use nocontent_engine::Exchange;

/// What the specs do about a difference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// The specs decide; a column that does otherwise departs from them.
    Decides,
    /// The specs say nothing about it: each engine chose.
    Silent,
    /// The specs allow more than one behaviour (a MAY): each engine chose one.
    Allows,
    /// Two specs say different things.
    Conflict,
}

impl Stance {
    /// How the views label the row.
    pub fn label(self) -> &'static str {
        match self {
            Stance::Decides => "The spec decides",
            Stance::Silent => "The spec is silent",
            Stance::Allows => "The spec allows either",
            Stance::Conflict => "The specs disagree",
        }
    }
}

/// One place where the columns of a claim can differ.
#[derive(Clone, Debug, Serialize)]
pub struct Divergence {
    /// The outcome field, as the exchange JSON names it, and the case when it needs one:
    /// `fetch.body_null`, `navigation.document_replaced on a 304`.
    pub id: &'static str,
    pub stance: Stance,
    /// One sentence: what the specs say (or that they say nothing) and what a column that
    /// differs does instead.
    pub sentence: &'static str,
    /// The sections the sentence rests on, the first one the main one.
    pub cites: &'static [Cite],
    /// The outcome fields whose steps, matrix rows and facts this row explains.
    pub fields: &'static [&'static str],
    /// Does the row apply to this exchange?
    #[serde(skip)]
    applies: fn(&Exchange) -> bool,
}

impl Divergence {
    pub fn applies(&self, exchange: &Exchange) -> bool {
        (self.applies)(exchange)
    }
}

/// Does `fetch()` (and XHR) refuse the exchange's method before sending anything?
fn refused(x: &Exchange) -> bool {
    nocontent_engine::method::refusal(&x.request.method).is_some()
}

/// Does the claim have more than one value among its measured columns?
fn varies<T: PartialEq>(claim: &Claim<T>) -> bool {
    claim.groups().len() > 1
}

fn status(x: &Exchange) -> u16 {
    x.response.status
}

fn declares_length(x: &Exchange) -> bool {
    x.response.headers.contains("content-length")
}

fn spec_leftover(x: &Exchange) -> usize {
    *x.outcomes.connection.leftover_bytes.spec()
}

/// Do the columns that end with `load` differ on whether a `progress` event came first?
fn progress_differs(x: &Exchange) -> bool {
    let with_progress: Vec<bool> = x
        .outcomes
        .xhr
        .events
        .groups()
        .into_iter()
        .filter(|(events, _)| events.iter().any(|e| e == "load"))
        .map(|(events, _)| events.iter().any(|e| e == "progress"))
        .collect();
    with_progress.iter().any(|p| *p) && with_progress.iter().any(|p| !*p)
}

/// Does some column keep an XMLHttpRequest OPENED (readyState 1) while its body never ends?
fn opened_while_waiting(x: &Exchange) -> bool {
    let xhr = &x.outcomes.xhr;
    varies(&xhr.ready_state)
        && xhr
            .ready_state
            .zip(&xhr.response, |state, response| {
                *state == 1 && matches!(response, JsResult::Pending(_))
            })
            .groups()
            .iter()
            .any(|(waiting, _)| **waiting)
}

/// Every row, in the order the views list them.
pub const DIVERGENCES: &[Divergence] = &[
    Divergence {
        id: "fetch.body_null",
        stance: Stance::Decides,
        sentence: "Fetch gives a response to HEAD, and one with a null body status (101, 103, 204, 205 or 304), a null body, so response.body should be null; an engine that hands out an empty ReadableStream instead departs from it.",
        cites: &[cite::FETCH_NULL_BODY],
        fields: &["fetch.body_null"],
        applies: |x| varies(&x.outcomes.fetch.body_null),
    },
    Divergence {
        id: "fetch.rejects",
        stance: Stance::Silent,
        sentence: "Fetch says only that fetch() rejects with a TypeError when the response is a network error and leaves the message to each engine, so code should test the error's type and never its text.",
        cites: &[cite::FETCH_METHOD],
        fields: &["fetch.rejects", "fetch.settles"],
        applies: |x| {
            let rejects = &x.outcomes.fetch.rejects;
            !refused(x) && varies(rejects) && rejects.groups().iter().any(|(r, _)| r.is_some())
        },
    },
    Divergence {
        id: "a refused method",
        stance: Stance::Silent,
        sentence: "For a method they refuse, Fetch and XMLHttpRequest name only the error's type (a TypeError from fetch(), a SyntaxError or SecurityError from open()) and leave its message to each engine, so code should test the type and never the text.",
        cites: &[cite::FETCH_FORBIDDEN_METHOD, cite::XHR_OPEN],
        fields: &["fetch.rejects", "fetch.settles", "xhr.throws", "preflight.rejects"],
        applies: refused,
    },
    Divergence {
        id: "preflight.rejects",
        stance: Stance::Silent,
        sentence: "A failed CORS preflight makes the real request a network error, so fetch() rejects with a TypeError whose message Fetch leaves to each engine; the reason itself reaches only the console.",
        cites: &[cite::FETCH_PREFLIGHT, cite::FETCH_METHOD],
        fields: &["preflight.rejects"],
        applies: |x| {
            let rejects = &x.outcomes.preflight.rejects;
            !refused(x) && varies(rejects) && rejects.groups().iter().any(|(r, _)| r.is_some())
        },
    },
    Divergence {
        id: "framing of a 205",
        stance: Stance::Decides,
        sentence: "RFC 9112 ends a response at its header section only for 1xx, 204 and 304 answers and for HEAD, so a 205 is framed like any other response and one with neither Content-Length nor chunked framing lasts until the server closes; an engine that ends every 205 at its headers, as it does a 204, departs from it.",
        cites: &[cite::RFC9112_MESSAGE_LENGTH, cite::RFC9110_205],
        fields: &[
            "fetch.text",
            "fetch.json",
            "xhr.load_event",
            "xhr.response",
            "xhr.response_text",
            "xhr.ready_state",
            "xhr.events",
            "xhr.status",
            "connection.leftover_bytes",
            "connection.reusable",
            "connection.next_response",
        ],
        applies: |x| {
            let o = &x.outcomes;
            status(x) == 205
                && (varies(&o.fetch.text)
                    || varies(&o.xhr.ready_state)
                    || varies(&o.connection.leftover_bytes)
                    || varies(&o.connection.reusable))
        },
    },
    Divergence {
        id: "xhr.events on an empty body",
        stance: Stance::Decides,
        sentence: "XMLHttpRequest fires one progress event just before load even when no body bytes arrived; an engine that leaves it out for an empty body departs from the standard.",
        cites: &[cite::XHR_END_OF_BODY],
        fields: &["xhr.events"],
        applies: progress_differs,
    },
    Divergence {
        id: "xhr.ready_state while the body never ends",
        stance: Stance::Decides,
        sentence: "XMLHttpRequest moves to HEADERS_RECEIVED (readyState 2), with the status readable, as soon as the headers arrive; an engine that stays OPENED with status 0 while the body is still arriving departs from it.",
        cites: &[cite::XHR_READY_STATE],
        fields: &["xhr.ready_state", "xhr.status", "xhr.events"],
        applies: opened_while_waiting,
    },
    Divergence {
        id: "connection.leftover_bytes after a 204 with Content-Length",
        stance: Stance::Decides,
        sentence: "RFC 9112 ends a 204 at its header section whatever its Content-Length says, so the declared bytes that follow belong to the next response; an engine that reads them as a body and throws them away departs from it, and keeps the connection clean by doing so.",
        cites: &[cite::RFC9112_MESSAGE_LENGTH, cite::RFC9110_204],
        fields: &[
            "connection.leftover_bytes",
            "connection.next_response",
            "connection.reusable",
        ],
        applies: |x| {
            status(x) == 204
                && declares_length(x)
                && varies(&x.outcomes.connection.leftover_bytes)
        },
    },
    Divergence {
        id: "connection.reusable after leftover bytes",
        stance: Stance::Silent,
        sentence: "RFC 9112 reads the bytes that follow a complete response as the start of the next one and says nothing about distrusting them, so closing the connection when they appear is an engine's own defence, which keeps the next response clean at the price of the kept-alive connection.",
        cites: &[cite::RFC9112_PERSISTENCE],
        fields: &[
            "connection.reusable",
            "connection.next_response",
            "connection.leftover_bytes",
        ],
        applies: |x| spec_leftover(x) > 0 && varies(&x.outcomes.connection.reusable),
    },
    Divergence {
        id: "connection.reusable after a 204 or 304 without Content-Length",
        stance: Stance::Allows,
        sentence: "RFC 9112 keeps HTTP/1.1 connections open by default and a 204 or 304 is complete at its headers, so nothing asks the client to close, though it may; an engine that closes after one without Content-Length makes the next request open a new connection.",
        cites: &[cite::RFC9112_PERSISTENCE, cite::RFC9112_MESSAGE_LENGTH],
        fields: &["connection.reusable", "connection.next_response"],
        applies: |x| {
            matches!(status(x), 204 | 304)
                && !declares_length(x)
                && spec_leftover(x) == 0
                && varies(&x.outcomes.connection.reusable)
        },
    },
    Divergence {
        id: "navigation.document_replaced on a 304",
        stance: Stance::Decides,
        sentence: "HTML abandons a navigation only when the answer is 204 or 205, so a 304 that reaches a navigation (one the browser's own cache did not ask for) becomes the new, empty document; an engine that keeps the current page, as it does for a 204, departs from it.",
        cites: &[cite::HTML_NAVIGATE_204, cite::RFC9110_304],
        fields: &[
            "navigation.document_replaced",
            "navigation.history_entry_added",
            "navigation.url_changed",
            "navigation.iframe_document_replaced",
            "navigation.iframe_load_event",
        ],
        applies: |x| status(x) == 304 && varies(&x.outcomes.navigation.document_replaced),
    },
    Divergence {
        id: "navigation.iframe_document_replaced on a 204 or 205 that forbids framing",
        stance: Stance::Decides,
        sentence: "HTML ends a navigation answered by 204 or 205 before it checks X-Frame-Options, so an iframe keeps what it had and fires no load event; an engine that applies the framing rule first shows its blocked-frame page and fires the load event.",
        cites: &[cite::HTML_NAVIGATE_204, cite::HTML_X_FRAME_OPTIONS],
        fields: &[
            "navigation.iframe_document_replaced",
            "navigation.iframe_load_event",
        ],
        applies: |x| {
            matches!(status(x), 204 | 205)
                && varies(&x.outcomes.navigation.iframe_document_replaced)
        },
    },
    Divergence {
        id: "navigation.form_reset on a 205",
        stance: Stance::Conflict,
        sentence: "RFC 9110 asks the user agent to reset the document view after a 205, but HTML handles a 205 like a 204 and leaves the page and its form as they are, so an engine that follows HTML keeps the typed values.",
        cites: &[cite::RFC9110_205, cite::HTML_NAVIGATE_204],
        fields: &["navigation.form_reset"],
        applies: |x| status(x) == 205 && varies(&x.outcomes.navigation.form_reset),
    },
    Divergence {
        id: "cache.stored for a 204 by heuristics",
        stance: Stance::Allows,
        sentence: "RFC 9110 counts 204 among the heuristically cacheable statuses, so RFC 9111 lets a cache give one with Last-Modified a lifetime of its own without requiring it; whether a repeated GET is answered from the cache is each engine's choice.",
        cites: &[cite::RFC9111_HEURISTIC, cite::RFC9110_HEURISTIC],
        fields: &["cache.stored"],
        applies: |x| status(x) == 204 && varies(&x.outcomes.cache.stored),
    },
];

/// The rows that apply to this exchange and explain one of these fields, in table order.
pub fn divergences(exchange: &Exchange, fields: &[&str]) -> Vec<&'static Divergence> {
    DIVERGENCES
        .iter()
        .filter(|d| d.fields.iter().any(|f| fields.contains(f)))
        .filter(|d| d.applies(exchange))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use nocontent_engine::{catalog, simulate, Scenario};

    /// Every catalog scenario sent by every client, and three answers the catalog lacks (a
    /// refused method, a Content-Length that does not parse, a 204 fresh by heuristics): the
    /// exchanges the row tests below range over.
    fn corpus() -> Vec<nocontent_engine::Exchange> {
        use nocontent_engine::scenario::ClientKind;
        let mut scenarios: Vec<Scenario> =
            catalog::catalog().into_iter().map(|e| e.scenario).collect();
        let mut refused = Scenario::default();
        refused.request.method = "TRACE".into();
        let mut invalid_length = Scenario::default();
        invalid_length.answer.status = 200;
        invalid_length.answer.framing = nocontent_engine::scenario::Framing::None;
        invalid_length.answer.headers = vec![("Content-Length".into(), "abc".into())];
        let mut heuristic = catalog::find("fetch-204-json").expect("listed").scenario;
        heuristic.answer.headers = vec![
            ("Date".into(), "Sat, 21 Nov 2026 10:00:00 GMT".into()),
            (
                "Last-Modified".into(),
                "Thu, 20 Nov 2025 10:00:00 GMT".into(),
            ),
        ];
        scenarios.extend([refused, invalid_length, heuristic]);
        let mut out = Vec::new();
        for scenario in scenarios {
            for kind in ClientKind::ALL {
                let mut s = scenario.clone();
                s.client.kind = kind;
                if let Ok(x) = simulate(&s) {
                    out.push(x);
                }
            }
        }
        out
    }

    /// Do the measured columns of the outcome field `path` (`fetch.body_null`) hold more
    /// than one value? Read from the exchange's JSON, where a claim the columns agree on is a
    /// plain value and any other an object keyed by column.
    fn field_varies(x: &nocontent_engine::Exchange, path: &str) -> bool {
        let json = serde_json::to_value(&x.outcomes).unwrap_or_default();
        let value = path
            .split('.')
            .try_fold(&json, |v, key| v.get(key))
            .unwrap_or_else(|| panic!("no outcome field {path}"));
        let Some(columns) = value.as_object().filter(|o| o.contains_key("spec")) else {
            return false;
        };
        let seen: Vec<&serde_json::Value> = columns
            .values()
            .filter(|v| v.get("not_measured").is_none())
            .collect();
        seen.iter().any(|v| *v != seen[0])
    }

    /// A row explains a split, so it applies only where one of its fields splits.
    #[test]
    fn a_row_applies_only_where_one_of_its_fields_splits() {
        for x in corpus() {
            for d in DIVERGENCES.iter().filter(|d| d.applies(&x)) {
                assert!(
                    d.fields.iter().any(|f| field_varies(&x, f)),
                    "{} applies to {} {} ({:?}), where none of {:?} splits",
                    d.id,
                    x.request.method,
                    x.response.status,
                    x.client.kind,
                    d.fields
                );
            }
        }
    }

    /// Every row is there for a case that happens: each applies to some exchange of the
    /// catalog sent by some client.
    #[test]
    fn every_row_applies_somewhere() {
        let corpus = corpus();
        let unused: Vec<&str> = DIVERGENCES
            .iter()
            .filter(|d| !corpus.iter().any(|x| d.applies(x)))
            .map(|d| d.id)
            .collect();
        assert!(unused.is_empty(), "rows that never apply: {unused:?}");
    }

    fn ids(s: &Scenario, field: &str) -> Vec<&'static str> {
        let x = simulate(s).expect("simulates");
        divergences(&x, &[field]).iter().map(|d| d.id).collect()
    }

    /// The engines' own rejection messages are a divergence only when the preflight fails,
    /// and never when fetch() refuses the method before any preflight is sent.
    #[test]
    fn the_preflight_rejection_sentence_applies_only_to_a_failed_preflight() {
        let failed = catalog::find("preflight-404").expect("listed").scenario;
        assert_eq!(ids(&failed, "preflight.rejects"), vec!["preflight.rejects"]);
        let passed = catalog::find("preflight-204").expect("listed").scenario;
        assert!(!ids(&passed, "preflight.rejects").contains(&"preflight.rejects"));
        let mut refused = failed.clone();
        refused.request.method = "TRACE".into();
        // The refusal has its own sentence instead.
        let said = ids(&refused, "preflight.rejects");
        assert!(!said.contains(&"preflight.rejects"), "{said:?}");
        assert!(!said.is_empty(), "the refusal is explained");
    }

    /// The 304 sentence is for a 304 only: the catalog's 304 navigation gets it, and no
    /// other catalog answer does, however its engines differ.
    #[test]
    fn the_304_navigation_sentence_is_for_304s_only() {
        let id = "navigation.document_replaced on a 304";
        let field = "navigation.document_replaced";
        let mut seen = false;
        for e in catalog::catalog() {
            let said = ids(&e.scenario, field).contains(&id);
            if e.scenario.answer.status == 304 {
                seen |= said;
            } else {
                assert!(!said, "{}", e.id);
            }
        }
        assert!(seen, "no 304 in the catalog got the sentence");
        // Engines differ on this 500 (Chromium commits the iframe on raw bytes), but it is
        // no 304.
        let s = raw_bytes_500();
        assert!(!ids(&s, field).contains(&id), "{:?}", ids(&s, field));
    }

    /// An iframe pointed at a chunked 500 whose body holds no chunk-size line: Chromium
    /// commits the frame on the raw bytes, Firefox and WebKitGTK keep the old document.
    fn raw_bytes_500() -> Scenario {
        let mut s = Scenario::default();
        s.client.kind = nocontent_engine::scenario::ClientKind::Iframe;
        s.request.method = "GET".into();
        s.answer.status = 500;
        s.answer.framing = nocontent_engine::scenario::Framing::None;
        s.answer.headers = vec![
            ("Content-Type".into(), "application/json".into()),
            ("Transfer-Encoding".into(), "chunked".into()),
        ];
        s.answer.body = "not json".into();
        s
    }

    /// The readyState sentence is for a split: WebKitGTK alone stays OPENED on an unframed
    /// 205; after a lone 103 every column waits alike, so there is nothing to explain.
    #[test]
    fn the_ready_state_sentence_needs_a_split() {
        let id = "xhr.ready_state while the body never ends";
        let mut s = catalog::find("reset-205-no-length")
            .expect("listed")
            .scenario;
        s.client.kind = nocontent_engine::scenario::ClientKind::Xhr;
        assert!(
            ids(&s, "xhr.ready_state").contains(&id),
            "{:?}",
            ids(&s, "xhr.ready_state")
        );
        s.answer.status = 103;
        let x = simulate(&s).expect("simulates");
        assert!(
            !varies(&x.outcomes.xhr.ready_state),
            "{:?}",
            x.outcomes.xhr.ready_state
        );
        assert!(!ids(&s, "xhr.ready_state").contains(&id));
    }

    /// The readyState sentence is about a column that stays OPENED: on a 205 whose body
    /// never ends, the columns differ (LOADING against DONE) but none stays OPENED.
    #[test]
    fn the_ready_state_sentence_is_about_opened_only() {
        let id = "xhr.ready_state while the body never ends";
        let mut s = Scenario::default();
        s.client.kind = nocontent_engine::scenario::ClientKind::Xhr;
        s.answer.status = 205;
        s.answer.framing = nocontent_engine::scenario::Framing::None;
        s.answer.headers = vec![("Content-Length".into(), "10".into())];
        s.answer.body = "hello".into();
        let x = simulate(&s).expect("simulates");
        assert!(varies(&x.outcomes.xhr.ready_state));
        assert!(
            !ids(&s, "xhr.ready_state").contains(&id),
            "{:?}",
            ids(&s, "xhr.ready_state")
        );
    }

    /// The 205 sentence needs only one of its fields to split: here fetch()'s text alone
    /// (an invalid Content-Length, with the server closing, so no column reuses the
    /// connection and none leaves bytes over).
    #[test]
    fn the_205_sentence_needs_only_one_field_to_split() {
        let field = "fetch.text";
        let mut s = catalog::find("reset-205-no-length")
            .expect("listed")
            .scenario;
        s.answer.framing = nocontent_engine::scenario::Framing::None;
        s.answer.headers = vec![
            ("Content-Length".into(), "abc".into()),
            ("Connection".into(), "close".into()),
        ];
        let x = simulate(&s).expect("simulates");
        let o = &x.outcomes;
        assert!(varies(&o.fetch.text), "{:?}", o.fetch.text);
        assert!(
            !varies(&o.xhr.ready_state)
                && !varies(&o.connection.leftover_bytes)
                && !varies(&o.connection.reusable)
        );
        let said = divergences(&x, &[field]);
        assert!(
            said.iter()
                .any(|d| d.fields.contains(&"connection.reusable") && d.fields.contains(&field)),
            "{:?}",
            said.iter().map(|d| d.id).collect::<Vec<_>>()
        );
    }

    /// The sentence on closing after a 204 or 304 without Content-Length is for those two
    /// statuses: an unframed 205, on which the columns split on reuse too, does not get it.
    #[test]
    fn the_close_after_no_content_sentence_is_for_204_and_304() {
        let field = "connection.reusable";
        let poll = catalog::find("poll-204-keepalive")
            .expect("listed")
            .scenario;
        let reset = catalog::find("reset-205-no-length")
            .expect("listed")
            .scenario;
        let closing = |s: &Scenario| {
            let x = simulate(s).expect("simulates");
            let ids: Vec<&str> = divergences(&x, &[field]).iter().map(|d| d.id).collect();
            (varies(&x.outcomes.connection.reusable), ids)
        };
        let (splits, with) = closing(&poll);
        assert!(splits);
        let (splits, without) = closing(&reset);
        assert!(splits);
        let only: Vec<&&str> = with.iter().filter(|id| !without.contains(id)).collect();
        assert_eq!(only.len(), 1, "{with:?} against {without:?}");
    }

    /// The sentence on a framed-out 204 or 205 is for those two statuses, and only where
    /// the engines do differ on it.
    #[test]
    fn the_framing_sentence_is_for_a_204_or_205_the_engines_split_on() {
        use nocontent_engine::scenario::ClientKind;
        let id = "navigation.iframe_document_replaced on a 204 or 205 that forbids framing";
        let field = "navigation.iframe_document_replaced";
        let mut s = Scenario::default();
        s.client.kind = ClientKind::Iframe;
        s.request.method = "GET".into();
        s.answer.headers = vec![("X-Frame-Options".into(), "DENY".into())];
        assert!(ids(&s, field).contains(&id), "{:?}", ids(&s, field));
        s.answer.headers.clear();
        assert!(!ids(&s, field).contains(&id), "no framing rule, no split");
        // The engines split on this 500's iframe too, for another reason.
        let s = raw_bytes_500();
        let x = simulate(&s).expect("simulates");
        assert!(varies(&x.outcomes.navigation.iframe_document_replaced));
        assert!(!ids(&s, field).contains(&id), "{:?}", ids(&s, field));
    }
}
