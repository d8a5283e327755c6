//! Table-driven tests of the engine: every catalog scenario's findings and outcomes, lint on
//! raw bytes, input errors, and a check that every lint rule is produced somewhere.

// A test reports failure by panicking; clippy.toml allows that inside #[test] functions,
// and this allows it in the helpers they share.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::sync::Mutex;

use nocontent_engine::scenario::{
    Answer, Client, ClientKind, Framing, Request, ResponseType, SendMode,
};
use nocontent_engine::{catalog, lint, rules, simulate, Scenario};
use serde_json::{json, Value};

/// Every rule id some check below saw produced.
static PRODUCED: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

fn record(ids: &[&'static str]) {
    PRODUCED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .extend(ids.iter().copied());
}

/// Simulates and checks the exact list of finding ids plus values at JSON pointers.
fn check(name: &str, scenario: &Scenario, findings: &[&str], values: &[(&str, Value)]) {
    let exchange = simulate(scenario).unwrap_or_else(|e| panic!("{name}: input errors {e:?}"));
    let ids: Vec<&'static str> = exchange.findings.iter().map(|f| f.id).collect();
    assert_eq!(ids, findings, "{name}: findings");
    record(&ids);
    let json = serde_json::to_value(&exchange).expect("exchange serializes");
    for (pointer, expected) in values {
        let got = json
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{name}: no value at {pointer}"));
        assert_eq!(got, expected, "{name}: {pointer}");
    }
}

/// A claim whose columns differ: the spec's value and each engine's.
fn columns(spec: Value, chromium: Value, firefox: Value, webkit: Value) -> Value {
    json!({ "spec": spec, "chromium": chromium, "firefox": firefox, "webkit": webkit })
}

fn catalog_entry(id: &str) -> Scenario {
    catalog::find(id)
        .unwrap_or_else(|| panic!("no catalog entry {id}"))
        .scenario
}

#[test]
fn catalog_scenarios() {
    let cols = columns;
    let empty_body_fetch = || {
        vec![
            ("/outcomes/fetch/ok", json!(true)),
            (
                "/outcomes/fetch/body_null",
                cols(json!(true), json!(false), json!(false), json!(false)),
            ),
            ("/outcomes/fetch/text", json!({"value": ""})),
            ("/outcomes/fetch/json", json!({"error": "SyntaxError"})),
        ]
    };
    let kept_page = || {
        vec![
            ("/outcomes/navigation/document_replaced", json!(false)),
            ("/outcomes/navigation/history_entry_added", json!(false)),
            ("/outcomes/navigation/url_changed", json!(false)),
            ("/outcomes/navigation/iframe_load_event", json!(false)),
        ]
    };
    type Case = (
        &'static str,
        &'static [&'static str],
        Vec<(&'static str, Value)>,
    );
    let cases: Vec<Case> = vec![
        (
            "delete-204",
            &["UNSAFE_INVALIDATES", "NO_CONTENT_CLEAN"],
            [
                empty_body_fetch(),
                vec![
                    ("/wire", json!("HTTP/1.1 204 No Content\r\n\r\n")),
                    ("/outcomes/fetch/status", json!(204)),
                    ("/outcomes/cache/invalidates_cached_get", json!(true)),
                    // WebKitGTK closes the connection after a 204 without Content-Length.
                    (
                        "/outcomes/connection/reusable",
                        cols(json!(true), json!(true), json!(true), json!(false)),
                    ),
                ],
            ]
            .concat(),
        ),
        (
            "put-204-etag",
            &[
                "VALIDATOR_AFTER_WRITE",
                "UNSAFE_INVALIDATES",
                "NO_CONTENT_CLEAN",
            ],
            vec![("/response/headers", json!([["ETag", "\"v2\""]]))],
        ),
        (
            "put-200-json",
            &["UNSAFE_INVALIDATES"],
            vec![
                ("/outcomes/fetch/json/value/id", json!(42)),
                ("/outcomes/fetch/body_null", json!(false)),
                ("/outcomes/navigation/document_replaced", json!(true)),
            ],
        ),
        (
            "patch-autosave-204",
            &["UNSAFE_INVALIDATES", "NO_CONTENT_CLEAN"],
            empty_body_fetch(),
        ),
        (
            "form-post-204",
            &["UNSAFE_INVALIDATES", "NO_CONTENT_CLEAN"],
            [
                kept_page(),
                vec![("/outcomes/navigation/form_reset", json!(false))],
            ]
            .concat(),
        ),
        (
            "form-post-205",
            &["UNSAFE_INVALIDATES", "RESET_CONTENT_CLEAN"],
            [
                kept_page(),
                vec![
                    (
                        "/outcomes/navigation/form_reset",
                        cols(json!(true), json!(false), json!(false), json!(false)),
                    ),
                    (
                        "/wire",
                        json!("HTTP/1.1 205 Reset Content\r\nContent-Length: 0\r\n\r\n"),
                    ),
                    ("/changes/0/section", json!("RFC 9110 §15.3.6")),
                ],
            ]
            .concat(),
        ),
        (
            "fetch-204-json",
            &[
                "NO_CONTENT_TO_GET",
                "NO_CONTENT_CACHEABLE",
                "NO_CONTENT_CLEAN",
            ],
            [
                empty_body_fetch(),
                vec![
                    ("/outcomes/cache/storable", json!(true)),
                    ("/outcomes/cache/stored", json!(false)),
                    ("/outcomes/cache/heuristically_fresh", json!(false)),
                ],
            ]
            .concat(),
        ),
        (
            "xhr-json-204",
            &[
                "NO_CONTENT_TO_GET",
                "NO_CONTENT_CACHEABLE",
                "NO_CONTENT_CLEAN",
            ],
            vec![
                ("/outcomes/xhr/response_type", json!("json")),
                ("/outcomes/xhr/response", json!({"value": null})),
                (
                    "/outcomes/xhr/response_text",
                    json!({"error": "InvalidStateError"}),
                ),
                ("/outcomes/xhr/load_event", json!(true)),
                ("/outcomes/xhr/status", json!(204)),
            ],
        ),
        (
            "keepalive-204-body",
            &[
                "NO_CONTENT_WITH_BODY",
                "CONTENT_LENGTH_FORBIDDEN",
                "LEFTOVER_BYTES",
                "NO_CONTENT_TO_GET",
                "NO_CONTENT_CACHEABLE",
            ],
            [
                empty_body_fetch(),
                vec![
                    (
                        "/wire",
                        json!("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello"),
                    ),
                    ("/framing/header_end", json!(46)),
                    ("/framing/body_end", json!(46)),
                    ("/framing/leftover", json!("hello")),
                    (
                        "/outcomes/connection/reusable",
                        cols(json!(true), json!(false), json!(true), json!(false)),
                    ),
                    (
                        "/outcomes/connection/leftover_bytes",
                        cols(json!(5), json!(5), json!(0), json!(5)),
                    ),
                    ("/outcomes/fetch/headers", json!([["content-length", "5"]])),
                ],
            ]
            .concat(),
        ),
        (
            "reset-205-no-length",
            &["RESET_CONTENT_UNFRAMED", "NEVER_ENDS", "UNSAFE_INVALIDATES"],
            vec![
                (
                    "/outcomes/fetch/text",
                    cols(
                        json!({"pending": true}),
                        json!({"value": ""}),
                        json!({"value": ""}),
                        json!({"pending": true}),
                    ),
                ),
                (
                    "/outcomes/fetch/json",
                    cols(
                        json!({"pending": true}),
                        json!({"error": "SyntaxError"}),
                        json!({"error": "SyntaxError"}),
                        json!({"pending": true}),
                    ),
                ),
                (
                    "/outcomes/xhr/load_event",
                    cols(json!(false), json!(true), json!(true), json!(false)),
                ),
                (
                    "/outcomes/connection/reusable",
                    cols(json!(false), json!(true), json!(true), json!(false)),
                ),
                ("/framing/rule_number", json!(8)),
            ],
        ),
        (
            "preflight-204",
            &["PREFLIGHT_OK", "NO_CONTENT_CLEAN"],
            vec![
                ("/outcomes/preflight/needed", json!(true)),
                ("/outcomes/preflight/passes", json!(true)),
                (
                    "/outcomes/preflight/request_headers",
                    json!(["content-type", "x-request-id"]),
                ),
                ("/outcomes/preflight/cache_seconds", json!(600)),
                ("/request/method", json!("PUT")),
            ],
        ),
        (
            "preflight-200",
            &["PREFLIGHT_OK"],
            vec![("/outcomes/preflight/passes", json!(true))],
        ),
        (
            "preflight-404",
            &["PREFLIGHT_NOT_OK"],
            vec![
                ("/outcomes/preflight/passes", json!(false)),
                (
                    "/outcomes/preflight/failure",
                    json!("the preflight got 404, not an ok status (200 to 299)"),
                ),
            ],
        ),
        (
            "head-200",
            &[],
            vec![
                (
                    "/wire",
                    json!(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: 1020\r\n\r\n"
                    ),
                ),
                (
                    "/outcomes/fetch/body_null",
                    cols(json!(true), json!(false), json!(true), json!(false)),
                ),
                ("/outcomes/fetch/text", json!({"value": ""})),
                ("/changes/0/section", json!("RFC 9110 §9.3.2")),
            ],
        ),
        (
            "iframe-204",
            &[
                "NO_CONTENT_TO_GET",
                "NO_CONTENT_CACHEABLE",
                "NO_CONTENT_CLEAN",
            ],
            kept_page(),
        ),
        (
            "location-204",
            &[
                "NO_CONTENT_TO_GET",
                "NO_CONTENT_CACHEABLE",
                "NO_CONTENT_CLEAN",
            ],
            kept_page(),
        ),
        (
            "conditional-304",
            &[],
            vec![
                ("/outcomes/fetch/status", json!(304)),
                ("/outcomes/fetch/ok", json!(false)),
                ("/outcomes/cache/storable", json!(false)),
                (
                    "/outcomes/navigation/document_replaced",
                    cols(json!(true), json!(false), json!(true), json!(false)),
                ),
                (
                    "/outcomes/navigation/iframe_load_event",
                    cols(json!(true), json!(false), json!(true), json!(false)),
                ),
            ],
        ),
        (
            "post-201-location",
            &["UNSAFE_INVALIDATES", "CREATED_WITH_LOCATION"],
            vec![
                ("/outcomes/fetch/status", json!(201)),
                ("/outcomes/fetch/json/value/id", json!(43)),
                (
                    "/outcomes/fetch/headers/2",
                    json!(["location", "/items/43"]),
                ),
            ],
        ),
        (
            "delete-200-empty-object",
            &["EMPTY_200", "UNSAFE_INVALIDATES"],
            vec![("/outcomes/fetch/json", json!({"value": {}}))],
        ),
        (
            "link-304",
            &["NOT_MODIFIED_UNCONDITIONAL"],
            vec![
                // HTML: only 204 and 205 abort a navigation; Firefox follows it.
                (
                    "/outcomes/navigation/document_replaced",
                    cols(json!(true), json!(false), json!(true), json!(false)),
                ),
                (
                    "/outcomes/navigation/url_changed",
                    cols(json!(true), json!(false), json!(true), json!(false)),
                ),
            ],
        ),
        (
            "keepalive-204-smuggled",
            &[
                "NO_CONTENT_WITH_BODY",
                "CONTENT_LENGTH_FORBIDDEN",
                "LEFTOVER_BYTES",
                "NO_CONTENT_TO_GET",
                "NO_CONTENT_CACHEABLE",
            ],
            vec![
                (
                    "/wire",
                    json!("HTTP/1.1 204 No Content\r\nContent-Length: 42\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nfake"),
                ),
                (
                    "/outcomes/connection/leftover_bytes",
                    cols(json!(42), json!(42), json!(0), json!(42)),
                ),
                (
                    "/outcomes/connection/reusable",
                    cols(json!(true), json!(false), json!(true), json!(false)),
                ),
                (
                    "/outcomes/connection/next_clean",
                    cols(json!(false), json!(true), json!(true), json!(true)),
                ),
            ],
        ),
        (
            "head-fetch-body",
            &[],
            vec![
                (
                    "/wire",
                    json!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nETag: \"v2\"\r\nContent-Length: 40\r\n\r\n"),
                ),
                (
                    "/outcomes/fetch/body_null",
                    cols(json!(true), json!(false), json!(true), json!(false)),
                ),
                ("/outcomes/fetch/text", json!({"value": ""})),
            ],
        ),
        (
            "poll-204-keepalive",
            &["NO_CONTENT_TO_GET", "NO_CONTENT_CACHEABLE", "NO_CONTENT_CLEAN"],
            vec![
                ("/wire", json!("HTTP/1.1 204 No Content\r\n\r\n")),
                (
                    "/outcomes/connection/reusable",
                    cols(json!(true), json!(true), json!(true), json!(false)),
                ),
            ],
        ),
        (
            "api-204-json-clients",
            &["UNSAFE_INVALIDATES", "NO_CONTENT_CLEAN"],
            vec![
                ("/outcomes/clients/axios/json", json!({"value": ""})),
                (
                    "/outcomes/clients/requests/json",
                    json!({"error": "JSONDecodeError: Expecting value: line 1 column 1 (char 0)"}),
                ),
                (
                    "/outcomes/clients/node_fetch/json",
                    json!({"error": "SyntaxError: Unexpected end of JSON input"}),
                ),
            ],
        ),
        (
            "api-205-no-length",
            &["RESET_CONTENT_UNFRAMED", "NEVER_ENDS", "UNSAFE_INVALIDATES"],
            vec![
                (
                    "/outcomes/clients/node_fetch/result",
                    json!({"value": {"status": 205, "body": ""}}),
                ),
                ("/outcomes/clients/curl/result", json!({"pending": true})),
                (
                    "/outcomes/clients/httpx/result",
                    json!({"error": "ReadTimeout: timed out"}),
                ),
            ],
        ),
        (
            "api-204-planted-next",
            &[
                "NO_CONTENT_WITH_BODY",
                "CONTENT_LENGTH_FORBIDDEN",
                "LEFTOVER_BYTES",
                "NO_CONTENT_TO_GET",
                "NO_CONTENT_CACHEABLE",
            ],
            vec![
                (
                    "/outcomes/clients/httpx/next",
                    json!({"value": {"status": 200, "body": "{\"admin\":true}"}}),
                ),
                (
                    "/outcomes/clients/requests/next",
                    json!({"value": {"status": 200, "body": "ok"}}),
                ),
                ("/outcomes/clients/axios/connection_reused", json!(false)),
            ],
        ),
        (
            "handler-204-json",
            &[
                "NO_CONTENT_WITH_BODY",
                "CONTENT_LENGTH_FORBIDDEN",
                "LEFTOVER_BYTES",
                "CONTENT_TYPE_WITHOUT_CONTENT",
                "UNSAFE_INVALIDATES",
            ],
            vec![
                ("/framing/leftover", json!("{}")),
                (
                    "/outcomes/clients/node_http/result",
                    json!({"error": "Error: Parse Error: Expected HTTP/, RTSP/ or ICE/"}),
                ),
            ],
        ),
        (
            "handler-head-length",
            &[],
            vec![
                (
                    "/wire",
                    json!("HTTP/1.1 200 OK\r\nX-Powered-By: Express\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 5\r\nETag: W/\"5-qvTGHdzF6KLavt4PO0gs2a6pQ00\"\r\nDate: Tue, 01 Dec 2026 12:00:00 GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n"),
                ),
                ("/outcomes/fetch/text", json!({"value": ""})),
            ],
        ),
        (
            "iframe-204-frame-denied",
            &["NO_CONTENT_TO_GET", "NO_CONTENT_CACHEABLE", "NO_CONTENT_CLEAN"],
            vec![
                (
                    "/outcomes/navigation/iframe_load_event",
                    cols(json!(false), json!(false), json!(false), json!(true)),
                ),
                (
                    "/outcomes/navigation/iframe_document_replaced",
                    cols(json!(false), json!(false), json!(false), json!(true)),
                ),
                ("/outcomes/navigation/document_replaced", json!(false)),
            ],
        ),
    ];
    let ids: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let all: Vec<&str> = catalog::catalog().iter().map(|e| e.id).collect();
    assert_eq!(
        ids, all,
        "every catalog scenario has exactly one case, in catalog order"
    );
    for (id, findings, values) in &cases {
        check(id, &catalog_entry(id), findings, values);
    }
}

#[test]
fn catalog_is_complete_and_tidy() {
    let entries = catalog::catalog();
    assert!(entries.len() >= 14, "at least 14 canonical scenarios");
    let mut ids = BTreeSet::new();
    for e in &entries {
        assert!(ids.insert(e.id), "duplicate id {}", e.id);
        assert!(
            e.id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{}",
            e.id
        );
        assert!(
            e.explanation.len() > 120 && e.explanation.ends_with('.'),
            "{}: explanation is a paragraph",
            e.id
        );
        assert!(simulate(&e.scenario).is_ok(), "{} simulates", e.id);
    }
    // The scenarios the gallery sets apart are catalog entries on which the measured engines
    // really do different things: some claim with two engine values, not counting the
    // wording of rejections (each engine has its own for every network error) nor the
    // preflight, which every scenario also gets as if its answer were one.
    for id in catalog::ENGINES_DIFFER {
        let e = catalog::find(id).unwrap_or_else(|| panic!("{id} is not in the catalog"));
        assert!(
            engines_split(&outcomes_but_preflight(&e.scenario)),
            "{id}: the engines agree on everything"
        );
    }
    // The client entries: the six client libraries do not all return the same thing.
    for id in catalog::CLIENTS_DIFFER {
        let e = catalog::find(id).unwrap_or_else(|| panic!("{id} is not in the catalog"));
        assert!(
            clients_split(&e.scenario),
            "{id}: the clients agree on everything"
        );
    }
    assert!(
        !clients_split(&catalog_entry("put-200-json")),
        "put-200-json: the clients split"
    );
    // The framework entries: sent through a framework, and the frameworks' bytes differ
    // (Date aside, which every framework writes from its clock).
    for id in catalog::FRAMEWORKS_DIFFER {
        let e = catalog::find(id).unwrap_or_else(|| panic!("{id} is not in the catalog"));
        assert!(
            nocontent_engine::frameworks::FrameworkId::of(e.scenario.answer.send).is_some(),
            "{id}: not sent through a framework"
        );
        let wires: BTreeSet<String> = nocontent_engine::frameworks::FrameworkId::ALL
            .iter()
            .map(|f| {
                let mut s = e.scenario.clone();
                s.answer.send = f.send_mode();
                simulate(&s).expect("simulates").wire
            })
            .collect();
        assert!(
            wires.len() >= 4,
            "{id}: the frameworks send alike: {wires:?}"
        );
    }
    // And the check can tell: on a plain 200 the engines split on nothing.
    let plain = outcomes_but_preflight(&catalog_entry("put-200-json"));
    assert!(!engines_split(&plain), "put-200-json: {plain}");
}

/// The outcomes of a scenario as JSON, without the preflight.
fn outcomes_but_preflight(scenario: &Scenario) -> Value {
    let mut json = serde_json::to_value(simulate(scenario).expect("simulates").outcomes)
        .expect("outcomes serialize");
    if let Some(outcomes) = json.as_object_mut() {
        outcomes.remove("preflight");
    }
    json
}

/// Do the client libraries return different things for this scenario: a different result,
/// connection reuse, next response or JSON step? A null (curl has no JSON step) is no
/// value to differ in, and the `because` lines are explanations, not results.
fn clients_split(scenario: &Scenario) -> bool {
    let json = serde_json::to_value(simulate(scenario).expect("simulates").outcomes)
        .expect("outcomes serialize");
    let Some(clients) = json.pointer("/clients").and_then(Value::as_object) else {
        return false;
    };
    ["result", "connection_reused", "next", "json"]
        .iter()
        .any(|key| {
            let seen: BTreeSet<String> = clients
                .values()
                .filter_map(|v| v.get(*key).filter(|x| !x.is_null()))
                .map(Value::to_string)
                .collect();
            seen.len() > 1
        })
}

/// Is there a claim in this JSON, other than a rejection's wording, whose engine columns
/// hold two different values?
fn engines_split(json: &Value) -> bool {
    match json {
        Value::Object(map) if map.contains_key("spec") && map.contains_key("webkit") => {
            let engines = [&map["chromium"], &map["firefox"], &map["webkit"]];
            engines.iter().any(|v| *v != engines[0])
        }
        Value::Object(map) => map
            .iter()
            .any(|(key, value)| key != "rejects" && engines_split(value)),
        Value::Array(items) => items.iter().any(engines_split),
        _ => false,
    }
}

fn scenario(
    method: &str,
    kind: ClientKind,
    status: u16,
    headers: &[(&str, &str)],
    body: &str,
    framing: Framing,
) -> Scenario {
    Scenario {
        request: Request {
            method: method.into(),
            target: "/r".into(),
            headers: Vec::new(),
            body: String::new(),
        },
        client: Client {
            kind,
            response_type: ResponseType::Text,
        },
        answer: Answer {
            status,
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            body: body.into(),
            framing,
            send: SendMode::AsWritten,
        },
    }
}

#[test]
fn composed_answers() {
    use ClientKind::*;
    use Framing::*;
    check(
        "204 with TE chunked",
        &scenario("DELETE", Fetch, 204, &[], "", Chunked),
        &[
            "NO_CONTENT_WITH_BODY",
            "TRANSFER_ENCODING_FORBIDDEN",
            "LEFTOVER_BYTES",
            "UNSAFE_INVALIDATES",
        ],
        &[("/framing/leftover", json!("0\r\n\r\n"))],
    );
    check(
        "205 with a body",
        &scenario("POST", Form, 205, &[], "hello", ContentLength),
        &[
            "RESET_CONTENT_WITH_BODY",
            "RESET_CONTENT_UNFRAMED",
            "UNSAFE_INVALIDATES",
        ],
        &[
            (
                "/outcomes/connection/leftover_bytes",
                columns(json!(0), json!(5), json!(0), json!(0)),
            ),
            // Fetch gives a 205 a null body; WebKitGTK delivers its content.
            (
                "/outcomes/fetch/text",
                columns(
                    json!({"value": ""}),
                    json!({"value": ""}),
                    json!({"value": ""}),
                    json!({"value": "hello"}),
                ),
            ),
        ],
    );
    check(
        "205 closed after the headers",
        &scenario("POST", Fetch, 205, &[], "", Close),
        &["UNSAFE_INVALIDATES", "RESET_CONTENT_CLEAN"],
        &[],
    );
    check(
        "304 with content",
        &scenario("GET", Fetch, 304, &[], "stale", ContentLength),
        &[
            "NOT_MODIFIED_WITH_BODY",
            "LEFTOVER_BYTES",
            "NOT_MODIFIED_UNCONDITIONAL",
        ],
        &[],
    );
    check(
        "HEAD as written",
        &scenario("HEAD", Fetch, 200, &[("Content-Length", "99")], "abc", None),
        &["HEAD_WITH_BODY", "LEFTOVER_BYTES", "HEAD_LENGTH_MISMATCH"],
        &[],
    );
    check(
        "204 with Content-Type",
        &scenario(
            "DELETE",
            Fetch,
            204,
            &[("Content-Type", "application/json")],
            "",
            Auto,
        ),
        &[
            "CONTENT_TYPE_WITHOUT_CONTENT",
            "UNSAFE_INVALIDATES",
            "NO_CONTENT_CLEAN",
        ],
        &[],
    );
    check(
        "empty 200 to DELETE",
        &scenario("DELETE", Fetch, 200, &[], "", Auto),
        &["EMPTY_200", "UNSAFE_INVALIDATES"],
        &[],
    );
    check(
        "201 without Location",
        &scenario("POST", Fetch, 201, &[], "{}", Auto),
        &["CREATED_WITHOUT_LOCATION", "UNSAFE_INVALIDATES"],
        &[],
    );
    check(
        "299",
        &scenario("GET", Fetch, 299, &[], "x", Auto),
        &["STATUS_UNREGISTERED"],
        &[("/outcomes/fetch/ok", json!(true))],
    );
    check(
        "799",
        &scenario("GET", Fetch, 799, &[], "x", Auto),
        &["STATUS_OUT_OF_RANGE"],
        // Fetch has no range check; every measured engine delivers the status as it came.
        &[
            ("/outcomes/fetch/rejects", json!(null)),
            ("/outcomes/fetch/status", json!(799)),
        ],
    );
    check(
        "short Content-Length",
        &scenario("GET", Fetch, 200, &[("Content-Length", "9")], "hello", Auto),
        &["CONTENT_LENGTH_MISMATCH"],
        // The head arrived, so fetch resolves; the body waits for 4 more bytes forever.
        &[
            ("/outcomes/fetch/rejects", json!(null)),
            ("/outcomes/fetch/text", json!({"pending": true})),
        ],
    );
    check(
        "long Content-Length",
        &scenario("GET", Fetch, 200, &[("Content-Length", "2")], "hello", Auto),
        &["CONTENT_LENGTH_MISMATCH", "LEFTOVER_BYTES"],
        &[("/outcomes/fetch/text", json!({"value": "he"}))],
    );
    check(
        "bad Content-Length",
        &scenario(
            "GET",
            Fetch,
            200,
            &[("Content-Length", "5, 6")],
            "hello",
            Auto,
        ),
        &["CONTENT_LENGTH_INVALID"],
        &[("/outcomes/connection/reusable", json!(false))],
    );
    check(
        "TE and CL",
        &scenario(
            "GET",
            Fetch,
            200,
            &[("Content-Length", "3")],
            "abc",
            Chunked,
        ),
        &["TRANSFER_ENCODING_WITH_CONTENT_LENGTH"],
        &[],
    );
    check(
        "close-delimited",
        &scenario("GET", Fetch, 200, &[], "abc", Close),
        &["CLOSE_DELIMITED"],
        &[
            ("/outcomes/fetch/text", json!({"value": "abc"})),
            ("/outcomes/connection/reusable", json!(false)),
        ],
    );
    check(
        "never ends",
        &scenario("GET", Fetch, 200, &[], "abc", None),
        &["NEVER_ENDS"],
        &[("/outcomes/fetch/text", json!({"pending": true}))],
    );
    let mut no_origin = scenario(
        "PUT",
        Preflight,
        204,
        &[("Access-Control-Allow-Methods", "PUT")],
        "",
        Auto,
    );
    check(
        "preflight without ACAO",
        &no_origin,
        &["PREFLIGHT_NO_ALLOW_ORIGIN", "NO_CONTENT_CLEAN"],
        &[],
    );
    no_origin.answer.headers = vec![("Access-Control-Allow-Origin".into(), "*".into())];
    check(
        "preflight without methods",
        &no_origin,
        &["PREFLIGHT_METHOD_NOT_ALLOWED", "NO_CONTENT_CLEAN"],
        &[],
    );
    no_origin
        .answer
        .headers
        .push(("Access-Control-Allow-Methods".into(), "PUT".into()));
    no_origin.request.headers = vec![("X-Trace".into(), "1".into())];
    check("preflight without headers", &no_origin, &["PREFLIGHT_HEADERS_NOT_ALLOWED", "NO_CONTENT_CLEAN"], &[
        ("/request/wire", json!("OPTIONS /r HTTP/1.1\r\nHost: api.example.com\r\nOrigin: https://app.example.com\r\nAccess-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: x-trace\r\n\r\n")),
    ]);

    let mut bad = scenario(
        "GE T",
        Fetch,
        204,
        &[("X Bad", "1"), ("X-Inject", "a\r\nSet-Cookie: s=1")],
        "",
        Auto,
    );
    bad.request.headers = vec![("Accept".into(), "*/*".into())];
    check(
        "bad method and headers",
        &bad,
        &[
            "FIELD_NAME_INVALID",
            "FIELD_VALUE_INVALID",
            "METHOD_INVALID",
            "UNSAFE_INVALIDATES",
            "NO_CONTENT_CLEAN",
        ],
        &[
            ("/findings/0/field", json!("answer.headers[0].name")),
            ("/findings/1/field", json!("answer.headers[1].value")),
            ("/findings/2/field", json!("request.method")),
            ("/response/headers", json!([])),
            ("/wire", json!("HTTP/1.1 204 No Content\r\n\r\n")),
        ],
    );

    // What e2e/tests/methods.rs measured: fetch() and XHR refuse a forbidden method before
    // sending anything, each engine with its own message; a form sends GET for DELETE.
    check(
        "a forbidden method",
        &scenario("trace", Fetch, 204, &[], "", Auto),
        &["METHOD_FORBIDDEN", "UNSAFE_INVALIDATES", "NO_CONTENT_CLEAN"],
        &[
            ("/request/method_change/section", json!("Fetch: forbidden method")),
            ("/outcomes/fetch/rejects/spec", json!("TypeError")),
            (
                "/outcomes/fetch/rejects/chromium",
                json!("TypeError: Failed to execute 'fetch' on 'Window': 'trace' HTTP method is unsupported."),
            ),
            ("/outcomes/fetch/rejects/webkit", json!("TypeError: Method is forbidden.")),
            ("/outcomes/xhr/throws/firefox", json!("SecurityError: The operation is insecure.")),
            ("/outcomes/xhr/events", json!([])),
            ("/outcomes/preflight/rejects/firefox", json!("TypeError: Window.fetch: Invalid request method trace.")),
        ],
    );
    let mut form = scenario("delete", Form, 204, &[], "", Auto);
    form.request.body = "a=1".into();
    check(
        "a form asked to DELETE",
        &form,
        &[
            "NO_CONTENT_TO_GET",
            "NO_CONTENT_CACHEABLE",
            "NO_CONTENT_CLEAN",
        ],
        &[
            ("/request/method", json!("GET")),
            ("/request/body", json!("")),
            (
                "/request/wire",
                json!("GET /r HTTP/1.1\r\nHost: api.example.com\r\n\r\n"),
            ),
            (
                "/request/method_change/section",
                json!("HTML: the form method attribute"),
            ),
            ("/outcomes/xhr/throws", json!(null)),
        ],
    );

    let cached = scenario(
        "GET",
        Fetch,
        204,
        &[("Cache-Control", "max-age=3600")],
        "",
        Auto,
    );
    check(
        "204 with max-age",
        &cached,
        &["NO_CONTENT_TO_GET", "NO_CONTENT_CLEAN"],
        &[
            ("/outcomes/cache/stored", json!(true)),
            ("/outcomes/cache/freshness_seconds", json!(3600)),
        ],
    );
    let heuristic = |status| {
        scenario(
            "GET",
            Fetch,
            status,
            &[
                ("Date", "Sat, 21 Nov 2026 10:00:00 GMT"),
                ("Last-Modified", "Fri, 11 Sep 2026 10:00:00 GMT"),
            ],
            "",
            Auto,
        )
    };
    check(
        "204 with Last-Modified",
        &heuristic(204),
        &[
            "NO_CONTENT_TO_GET",
            "NO_CONTENT_CACHEABLE",
            "NO_CONTENT_CLEAN",
        ],
        &[
            ("/outcomes/cache/heuristically_fresh", json!(true)),
            (
                "/outcomes/cache/stored",
                columns(json!(true), json!(false), json!(true), json!(true)),
            ),
            ("/outcomes/cache/freshness_seconds", json!(71 * 86_400 / 10)),
        ],
    );
    check(
        "200 with Last-Modified",
        &heuristic(200),
        &[],
        &[("/outcomes/cache/stored", json!(true))],
    );
}

#[test]
fn raw_responses() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "GET",
            "HTTP/1.1 204 No Content\r\n\r\n",
            &[
                "NO_CONTENT_TO_GET",
                "NO_CONTENT_CACHEABLE",
                "NO_CONTENT_CLEAN",
            ],
        ),
        (
            "DELETE",
            "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n",
            &["CONTENT_LENGTH_FORBIDDEN", "UNSAFE_INVALIDATES"],
        ),
        (
            "GET",
            "HTTP/1.1 100 Continue\r\nContent-Length: 0\r\n\r\n",
            &["CONTENT_LENGTH_FORBIDDEN"],
        ),
        (
            "GET",
            "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n",
            &["FIELD_NAME_INVALID"],
        ),
        (
            "GET",
            "HTTP/1.1 200 OK\r\nX: a\x01b\r\n\r\n",
            &["FIELD_VALUE_INVALID"],
        ),
        ("GET", "hello\r\n\r\n", &["MESSAGE_UNPARSEABLE"]),
        (
            "G E",
            "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nx",
            &["METHOD_INVALID", "CLOSE_DELIMITED", "UNSAFE_INVALIDATES"],
        ),
    ];
    for (method, bytes, expected) in cases {
        let ids: Vec<&'static str> = lint::lint_raw(method, bytes.as_bytes())
            .iter()
            .map(|f| f.id)
            .collect();
        assert_eq!(&ids, expected, "{method} {bytes:?}");
        record(&ids);
    }
}

#[test]
fn input_errors_name_their_field() {
    let cases: &[(&str, &str)] = &[
        (r#"{"answer":{"status":42}}"#, "answer.status"),
        (r#"{"request":{"target":"no slash"}}"#, "request.target"),
    ];
    for (json, field) in cases {
        let scenario = Scenario::from_json(json).expect("valid JSON");
        let errors = simulate(&scenario).expect_err("input error");
        assert_eq!(errors[0].field, *field, "{json}");
    }
    let many = Scenario {
        answer: Answer {
            headers: vec![("X".into(), "1".into()); 101],
            ..Answer::default()
        },
        ..Scenario::default()
    };
    assert_eq!(
        simulate(&many).expect_err("too many headers")[0].field,
        "answer.headers"
    );
}

/// Runs last by name order in practice, but does its own producing so order does not matter.
#[test]
fn every_rule_is_produced_by_some_check() {
    catalog_scenarios();
    composed_answers();
    raw_responses();
    let produced = PRODUCED.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let missing: Vec<&str> = rules::ALL
        .iter()
        .map(|r| r.id)
        .filter(|id| !produced.contains(id))
        .collect();
    assert!(missing.is_empty(), "rules no check produces: {missing:?}");
}

/// Methods are case-sensitive (RFC 9110 §9.1), and fetch() upper-cases only DELETE, GET,
/// HEAD, OPTIONS, POST and PUT: the wire, lint, the cache and the preflight all see the
/// method as fetch() sends it.
#[test]
fn methods_go_out_as_fetch_sends_them() {
    use ClientKind::*;
    let etag = [("ETag", "\"v2\"")];
    check(
        "get",
        &scenario("get", Fetch, 204, &[], "", Framing::Auto),
        &[
            "NO_CONTENT_TO_GET",
            "NO_CONTENT_CACHEABLE",
            "NO_CONTENT_CLEAN",
        ],
        &[
            ("/request/method", json!("GET")),
            (
                "/request/wire",
                json!("GET /r HTTP/1.1\r\nHost: api.example.com\r\n\r\n"),
            ),
            ("/outcomes/cache/storable", json!(true)),
            ("/outcomes/cache/invalidates_cached_get", json!(false)),
            ("/outcomes/preflight/needed", json!(false)),
        ],
    );
    check(
        "patch",
        &scenario("patch", Fetch, 204, &etag, "", Framing::Auto),
        &["UNSAFE_INVALIDATES", "NO_CONTENT_CLEAN"],
        &[
            ("/request/method", json!("patch")),
            (
                "/request/wire",
                json!("patch /r HTTP/1.1\r\nHost: api.example.com\r\n\r\n"),
            ),
            // Measured: Chromium invalidates only for POST, PUT, DELETE and PATCH, case by
            // case; `patch` is an unknown, so unsafe, method to the RFC and the others.
            (
                "/outcomes/cache/invalidates_cached_get",
                columns(json!(true), json!(false), json!(true), json!(true)),
            ),
            ("/outcomes/preflight/needed", json!(true)),
            ("/outcomes/preflight/request_method", json!("patch")),
        ],
    );
    check(
        "Patch",
        &scenario("Patch", Fetch, 204, &etag, "", Framing::Auto),
        &["UNSAFE_INVALIDATES", "NO_CONTENT_CLEAN"],
        &[("/request/method", json!("Patch"))],
    );
    check(
        "PATCH",
        &scenario("PATCH", Fetch, 204, &etag, "", Framing::Auto),
        &[
            "VALIDATOR_AFTER_WRITE",
            "UNSAFE_INVALIDATES",
            "NO_CONTENT_CLEAN",
        ],
        &[("/request/method", json!("PATCH"))],
    );
    check(
        "head",
        &scenario("head", Fetch, 200, &[], "abc", Framing::Auto),
        &["HEAD_WITH_BODY", "LEFTOVER_BYTES"],
        &[
            ("/request/method", json!("HEAD")),
            ("/framing/rule", json!("no-body")),
            (
                "/outcomes/fetch/body_null",
                columns(json!(true), json!(false), json!(true), json!(false)),
            ),
        ],
    );
}
