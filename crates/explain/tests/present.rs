//! Tests of the presentation helpers: timelines, the client matrix, client and server
//! snippets, style advice and headlines, for every catalog scenario and a few composed ones.

// A test reports failure by panicking; clippy.toml allows that inside #[test] functions,
// and this allows it in the helpers they share.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use nocontent_engine::catalog;
use nocontent_engine::engines::{Column, Engine};
use nocontent_engine::outcome::Claim;
use nocontent_engine::scenario::{ClientKind, Request};
use nocontent_engine::{simulate, Exchange, Scenario};
use nocontent_explain::facts::{BODY_ON_204, FRAMEWORK_ANSWERS};
use nocontent_explain::{self as present, Basis, Snippet, Step};
use proptest::prelude::*;

fn entry(id: &str) -> Scenario {
    catalog::find(id)
        .unwrap_or_else(|| panic!("no catalog entry {id}"))
        .scenario
}

fn exchange(name: &str, scenario: &Scenario) -> Exchange {
    simulate(scenario).unwrap_or_else(|e| panic!("{name}: input errors {e:?}"))
}

/// Every column's text of a step's detail, for searching.
fn texts(step: &Step) -> Vec<&str> {
    Column::ALL
        .iter()
        .filter_map(|c| step.detail.at(*c))
        .map(String::as_str)
        .collect()
}

/// The same text in every column.
fn agreed(text: &str) -> Claim<&str> {
    Claim::uniform(text)
}

/// A text per column; `None` for an engine that is not measured.
fn columns<'a>(
    spec: &'a str,
    chromium: Option<&'a str>,
    firefox: Option<&'a str>,
    webkit: Option<&'a str>,
) -> Claim<&'a str> {
    Claim::from_columns(spec, |e| match e {
        Engine::Chromium => chromium,
        Engine::Firefox => firefox,
        Engine::Webkit => webkit,
    })
}

/// What a check expects of a timeline.
enum Expect<'a> {
    /// Some step's detail (either side) contains this.
    Mentions(&'a str),
    /// Some step whose title contains the first string differs spec vs Chromium, and its
    /// spec side contains the second.
    DiffersAt(&'a str, &'a str),
    /// Some step differs spec vs Chromium.
    SomeDiffers,
}

/// Checks the timeline of `scenario` with its own client against each expectation.
fn check(name: &str, scenario: &Scenario, expect: &[Expect<'_>]) {
    let x = exchange(name, scenario);
    let steps = present::timeline(&x);
    assert!(!steps.is_empty(), "{name}: empty timeline");
    for step in &steps {
        assert!(
            !step.title.trim().is_empty(),
            "{name}: untitled step {step:?}"
        );
        for text in texts(step) {
            assert!(!text.trim().is_empty(), "{name}: empty detail in {step:?}");
        }
    }
    for e in expect {
        let found = match e {
            Expect::Mentions(needle) => steps
                .iter()
                .any(|s| texts(s).iter().any(|t| t.contains(needle))),
            Expect::DiffersAt(title, needle) => steps.iter().any(|s| {
                s.detail.differs() && s.title.contains(title) && s.detail.spec().contains(needle)
            }),
            Expect::SomeDiffers => steps.iter().any(|s| s.detail.differs()),
        };
        let what = match e {
            Expect::Mentions(n) => format!("a step mentioning {n:?}"),
            Expect::DiffersAt(t, n) => format!("a differing step {t:?} mentioning {n:?}"),
            Expect::SomeDiffers => "a differing step".to_string(),
        };
        assert!(found, "{name}: no {what} in {steps:#?}");
    }
}

/// The title of the first step of each client's timeline.
fn first_title(kind: ClientKind) -> &'static str {
    match kind {
        ClientKind::Fetch => "fetch() sends the request",
        ClientKind::Xhr => "open() and send()",
        ClientKind::Form | ClientKind::Navigation => "beforeunload may fire",
        ClientKind::Iframe => "src is set",
        ClientKind::Beacon => "sendBeacon() returns",
        ClientKind::Preflight => "The OPTIONS preflight",
    }
}

#[test]
fn every_catalog_timeline_is_complete() {
    for e in catalog::catalog() {
        // Every client kind, not just the scenario's own, yields its own timeline about this
        // very response.
        for kind in ClientKind::ALL {
            let mut s = e.scenario.clone();
            s.client.kind = kind;
            let name = format!("{} as {kind:?}", e.id);
            check(&name, &s, &[]);
            let x = exchange(&name, &s);
            let steps = present::timeline(&x);
            assert_eq!(steps[0].title, first_title(kind), "{name}");
            let status = x.response.status.to_string();
            assert!(
                steps
                    .iter()
                    .any(|st| texts(st).iter().any(|t| t.contains(&status))),
                "{name}: no step names the status {status}: {steps:#?}"
            );
            let connection = &x.outcomes.connection;
            let last = steps.last().map(|st| st.title.as_str());
            assert_eq!(
                last == Some("The connection afterwards"),
                connection
                    .leftover_bytes
                    .groups()
                    .iter()
                    .any(|(n, _)| **n > 0)
                    || connection.reusable.groups().len() > 1,
                "{name}: a connection step exactly when bytes are left over or the columns differ on reuse"
            );
            for st in &steps {
                match st.basis {
                    // What the page does is the same text everywhere; what the specs alone
                    // decide has no engine value at all; only engine steps name fields.
                    Basis::Scenario => assert!(st.detail.agreed().is_some(), "{name}: {st:?}"),
                    Basis::Spec => assert_eq!(st.detail.not_measured(), Engine::ALL, "{name}"),
                    Basis::Engines => assert!(!st.fields.is_empty(), "{name}: {st:?}"),
                }
                assert!(
                    st.basis == Basis::Engines || st.fields.is_empty(),
                    "{name}: {st:?}"
                );
            }
        }
    }
}

#[test]
fn timelines_show_what_differs() {
    use Expect::*;
    check(
        "reset-205-no-length",
        &entry("reset-205-no-length"),
        &[SomeDiffers, DiffersAt("text()", "never settles")],
    );
    check(
        "keepalive-204-body",
        &entry("keepalive-204-body"),
        &[
            SomeDiffers,
            DiffersAt("connection", "5 bytes left over"),
            DiffersAt("response.body", "null"),
        ],
    );
    check(
        "fetch-204-json",
        &entry("fetch-204-json"),
        &[Mentions("SyntaxError"), Mentions("status 204")],
    );
    check(
        "form-post-205",
        &entry("form-post-205"),
        &[
            DiffersAt("fields", "reset"),
            Mentions("beforeunload"),
            Mentions("No history entry"),
        ],
    );
    check(
        "form-post-204",
        &entry("form-post-204"),
        &[Mentions("typed values stay"), Mentions("aborted")],
    );
    check(
        "xhr-json-204",
        &entry("xhr-json-204"),
        &[
            Mentions("load event fires"),
            Mentions("xhr.response is null"),
            Mentions("InvalidStateError"),
        ],
    );
    check(
        "iframe-204",
        &entry("iframe-204"),
        &[Mentions("No load event fires")],
    );
    check(
        "location-204",
        &entry("location-204"),
        &[Mentions("URL stays")],
    );
    check(
        "preflight-204",
        &entry("preflight-204"),
        &[
            Mentions("Access-Control-Request-Headers: content-type,x-request-id"),
            Mentions("passes"),
            Mentions("600 s"),
        ],
    );
    check(
        "preflight-404",
        &entry("preflight-404"),
        &[
            Mentions("not an ok status"),
            Mentions("TypeError: Failed to fetch"),
        ],
    );
    let mut beacon = entry("delete-204");
    beacon.client.kind = ClientKind::Beacon;
    check(
        "delete-204 as beacon",
        &beacon,
        &[
            Mentions("returns true"),
            // The catalog's DELETE has no body: sendBeacon(url) sends no data and no type.
            Mentions("no Content-Type"),
            Mentions("never sees"),
        ],
    );
    let mut broken = entry("delete-204");
    broken.answer.status = 200;
    broken.answer.headers = vec![("Content-Length".into(), "abc".into())];
    check(
        "invalid Content-Length",
        &broken,
        // Measured: Chromium ignores an invalid Content-Length and reads until close;
        // Firefox and WebKitGTK fail the fetch.
        &[Mentions(
            "rejects with TypeError: NetworkError when attempting to fetch resource.",
        )],
    );
}

#[test]
fn matrix_has_every_client_in_order() {
    for e in catalog::catalog() {
        let x = exchange(e.id, &e.scenario);
        let rows = present::matrix(&x);
        let clients: Vec<ClientKind> = rows.iter().map(|r| r.client).collect();
        assert_eq!(clients, ClientKind::ALL, "{}", e.id);
        for r in &rows {
            assert_eq!(r.label, r.client.label(), "{}", e.id);
            // Each cell starts the way its client's cells do, on both sides.
            let starts: &[&str] = match r.client {
                ClientKind::Fetch => &["ok ", "not ok ", "rejects: "],
                ClientKind::Xhr => &["load, ", "error, ", "never ends, "],
                ClientKind::Form | ClientKind::Navigation => &["page "],
                ClientKind::Iframe => &["load event fires", "no load event"],
                ClientKind::Beacon => &["queued (true); ", "not queued (false); "],
                ClientKind::Preflight => &["as a preflight answer: "],
            };
            let starts: &[&str] = if r.applies {
                starts
            } else {
                &["not applicable: "]
            };
            for side in Column::ALL.iter().filter_map(|c| r.result.at(*c)) {
                assert!(
                    starts.iter().any(|p| side.starts_with(p)),
                    "{}: {:?} cell {side:?}",
                    e.id,
                    r.client
                );
            }
        }
        let fetch = &rows[0].result;
        if x.outcomes.fetch.rejects.spec().is_none() {
            assert!(
                fetch.spec().contains(&format!("ok {},", x.response.status)),
                "{}: {fetch:?}",
                e.id
            );
        }
    }
}

/// Checks the matrix cell of one client for a catalog scenario.
fn check_cell(id: &str, client: ClientKind, expected: Claim<&str>) {
    let x = exchange(id, &entry(id));
    let rows = present::matrix(&x);
    let row = rows
        .iter()
        .find(|r| r.client == client)
        .unwrap_or_else(|| panic!("{id}: no {client:?} row"));
    let got = row.result.map(String::as_str);
    assert_eq!(got, expected, "{id}: {client:?}");
}

#[test]
fn matrix_cells() {
    use ClientKind::*;
    check_cell(
        "fetch-204-json",
        Fetch,
        agreed("ok 204, text() \"\", json() SyntaxError"),
    );
    check_cell(
        "xhr-json-204",
        Xhr,
        agreed("load, status 204, response null"),
    );
    check_cell("form-post-204", Form, agreed("page stays, fields kept"));
    check_cell(
        "form-post-205",
        Form,
        columns(
            "page stays, fields reset",
            Some("page stays, fields kept"),
            Some("page stays, fields kept"),
            Some("page stays, fields kept"),
        ),
    );
    // A form cannot send PUT, so its row says so rather than describe a request it never makes.
    check_cell(
        "put-200-json",
        Form,
        agreed("not applicable: a form cannot send PUT, only GET or POST"),
    );
    check_cell(
        "location-204",
        Navigation,
        agreed("page stays, no history entry"),
    );
    check_cell("iframe-204", Iframe, agreed("no load event"));
    check_cell(
        "form-post-204",
        Beacon,
        // Measured by the harness's beacon probe in every engine (a beacon sends POST).
        agreed("queued (true); response ignored"),
    );
    check_cell(
        "preflight-204",
        Preflight,
        agreed("as a preflight answer: passes (cached 600 s)"),
    );
    check_cell(
        "preflight-404",
        Preflight,
        agreed(
            "as a preflight answer: fails: the preflight got 404, not an ok status (200 to 299)",
        ),
    );
    check_cell(
        "reset-205-no-length",
        Fetch,
        // Chromium and Firefox end a 205 at its headers; WebKitGTK waits for the close.
        columns(
            "ok 205, text() never settles, json() never settles",
            Some("ok 205, text() \"\", json() SyntaxError"),
            Some("ok 205, text() \"\", json() SyntaxError"),
            Some("ok 205, text() never settles, json() never settles"),
        ),
    );
}

fn snippet<'a>(snippets: &'a [Snippet], label: &str) -> &'a Snippet {
    snippets
        .iter()
        .find(|s| s.label == label)
        .unwrap_or_else(|| panic!("no {label} snippet in {snippets:#?}"))
}

/// Checks the labels of a scenario's client snippets, and that each `(label, needle)`
/// snippet contains the needle.
fn check_snippets(name: &str, scenario: &Scenario, labels: &[&str], contains: &[(&str, &str)]) {
    let snippets = present::client_snippets(scenario);
    let got: Vec<&str> = snippets.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(got, labels, "{name}");
    for (label, needle) in contains {
        let code = &snippet(&snippets, label).code;
        assert!(
            code.contains(needle),
            "{name}: {label} lacks {needle:?}:\n{code}"
        );
    }
}

#[test]
fn client_snippets_per_client() {
    check_snippets(
        "fetch-204-json",
        &entry("fetch-204-json"),
        &["fetch", "curl"],
        &[
            ("fetch", "\"Accept\": \"application/json\""),
            (
                "curl",
                "curl -i 'https://api.example.com/api/notifications/latest'",
            ),
        ],
    );
    check_snippets(
        "xhr-json-204",
        &entry("xhr-json-204"),
        &["fetch", "curl", "XMLHttpRequest"],
        &[
            ("XMLHttpRequest", "xhr.responseType = \"json\";"),
            ("XMLHttpRequest", "xhr.response is null"),
        ],
    );
    check_snippets(
        "form-post-205",
        &entry("form-post-205"),
        &["fetch", "curl", "HTML form"],
        &[
            (
                "HTML form",
                "<form method=\"post\" action=\"https://api.example.com/comments\">",
            ),
            ("HTML form", "<input name=\"text\" value=\"First!\">"),
            ("fetch", "res.status === 205"),
            ("fetch", ".reset()"),
        ],
    );
    check_snippets(
        "form-post-204",
        &entry("form-post-204"),
        &["fetch", "curl", "HTML form"],
        &[(
            "HTML form",
            "<input name=\"email\" value=\"ada@example.com\">",
        )],
    );
    check_snippets(
        "location-204",
        &entry("location-204"),
        &["fetch", "curl", "location.href"],
        &[(
            "location.href",
            "location.href = \"https://api.example.com/track?event=download\";",
        )],
    );
    check_snippets(
        "iframe-204",
        &entry("iframe-204"),
        &["fetch", "curl", "iframe"],
        &[(
            "iframe",
            "<iframe src=\"https://api.example.com/widgets/status\"></iframe>",
        )],
    );
    let mut beacon = entry("patch-autosave-204");
    beacon.client.kind = ClientKind::Beacon;
    check_snippets(
        "beacon",
        &beacon,
        &["fetch", "curl", "navigator.sendBeacon"],
        &[(
            "navigator.sendBeacon",
            "navigator.sendBeacon(\"https://api.example.com/drafts/7\", \"{\\\"body\\\":\\\"Dear team,\\\"}\");",
        )],
    );
    check_snippets(
        "preflight-204",
        &entry("preflight-204"),
        &["fetch", "curl", "curl (the OPTIONS preflight)"],
        &[
            ("curl (the OPTIONS preflight)", "-X OPTIONS"),
            (
                "curl (the OPTIONS preflight)",
                "-H 'Access-Control-Request-Headers: content-type,x-request-id'",
            ),
            ("fetch", "TypeError: Failed to fetch"),
        ],
    );
    check_snippets(
        "head-200",
        &entry("head-200"),
        &["fetch", "curl"],
        &[
            ("curl", "curl -I "),
            ("fetch", "res.headers.get(\"Content-Length\")"),
        ],
    );
}

#[test]
fn fetch_snippet_checks_204_before_json() {
    let snippets = present::client_snippets(&entry("fetch-204-json"));
    let code = &snippet(&snippets, "fetch").code;
    let check = code.find("res.status === 204");
    let json = code.find("res.json()");
    assert!(
        matches!((check, json), (Some(c), Some(j)) if c < j),
        "the status check must come before res.json():\n{code}"
    );
    assert_eq!(snippet(&snippets, "fetch").language, "javascript");
    assert_eq!(snippet(&snippets, "curl").language, "shell");
}

/// Checks the exact fetch and curl code for a composed request.
fn check_code(name: &str, request: Request, fetch: Option<&str>, curl: &str) {
    let scenario = Scenario {
        request,
        ..Scenario::default()
    };
    let snippets = present::client_snippets(&scenario);
    if let Some(fetch) = fetch {
        assert_eq!(snippet(&snippets, "fetch").code, fetch, "{name}: fetch");
    }
    assert_eq!(snippet(&snippets, "curl").code, curl, "{name}: curl");
}

#[test]
fn exact_fetch_and_curl_code() {
    check_code(
        "single quote in the body",
        Request {
            method: "POST".into(),
            target: "/notes".into(),
            headers: vec![("Content-Type".into(), "text/plain".into())],
            body: "it's done".into(),
        },
        None,
        "curl -i -X POST 'https://api.example.com/notes' \\\n  -H 'Content-Type: text/plain' \\\n  --data-raw 'it'\\''s done'",
    );
    check_code(
        "quotes in header and target",
        Request {
            method: "PUT".into(),
            target: "/it's".into(),
            headers: vec![("X-Note".into(), "'quoted'".into())],
            body: String::new(),
        },
        None,
        "curl -i -X PUT 'https://api.example.com/it'\\''s' \\\n  -H 'X-Note: '\\''quoted'\\'''",
    );
    check_code(
        "DELETE answered 204",
        Request::default(),
        Some(concat!(
            "const res = await fetch(\"https://api.example.com/items/42\", {\n",
            "  method: \"DELETE\",\n",
            "});\n",
            "if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);\n",
            "// 204 No Content has no body: check the status before parsing, or json() rejects with SyntaxError.\n",
            "const data = res.status === 204 ? null : await res.json();\n",
        )),
        "curl -i -X DELETE 'https://api.example.com/items/42'",
    );
    check_code(
        "forbidden header and a GET body",
        Request {
            method: "GET".into(),
            target: "/q".into(),
            headers: vec![("Host".into(), "evil".into()), ("Accept".into(), "\"x\"".into())],
            body: "b".into(),
        },
        Some(concat!(
            "// Left out: the browser sets Host itself.\n",
            "// fetch() cannot send a body with GET, so the body is left out.\n",
            "const res = await fetch(\"https://api.example.com/q\", {\n",
            "  headers: {\n",
            "    \"Accept\": \"\\\"x\\\"\",\n",
            "  },\n",
            "});\n",
            "if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);\n",
            "// 204 No Content has no body: check the status before parsing, or json() rejects with SyntaxError.\n",
            "const data = res.status === 204 ? null : await res.json();\n",
        )),
        "curl -i 'https://api.example.com/q' \\\n  -H 'Host: evil' \\\n  -H 'Accept: \"x\"' \\\n  --data-raw 'b'",
    );
}

#[test]
fn server_snippets_and_style_advice() {
    let rows = present::server_snippets(204);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.status == 204));
    for a in FRAMEWORK_ANSWERS {
        assert!(
            rows.iter().any(|r| r.framework == a.framework),
            "{} has no 204 row",
            a.framework
        );
    }
    assert!(present::server_snippets(418).is_empty());
    assert_eq!(present::body_on_no_content(205).len(), BODY_ON_204.len());
    assert!(present::body_on_no_content(200).is_empty());

    let put = present::style_advice("PUT");
    assert!(!put.is_empty());
    assert!(put.iter().all(|g| g.method == "PUT"));
    assert_eq!(present::style_advice(" put "), put);
    assert!(present::style_advice("BREW").is_empty());
}

#[test]
fn headlines() {
    for (id, expected) in [
        ("delete-204", "DELETE /items/42 → 204 No Content"),
        ("form-post-205", "POST /comments → 205 Reset Content"),
        (
            "preflight-404",
            "OPTIONS /items/42 (preflight for PUT) → 404 Not Found",
        ),
    ] {
        let x = exchange(id, &entry(id));
        assert_eq!(present::headline(&x), expected, "{id}");
    }
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::char::range('a', 'z'),
            1 => Just('\''),
            1 => Just('"'),
            1 => Just('%'),
            1 => Just('é'),
            1 => Just('\n'),
            1 => Just('&'),
            1 => Just('='),
        ],
        0..20,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// The words a POSIX shell makes of a curl snippet (`\` line ends continue the command).
fn shell_words(code: &str) -> Vec<String> {
    shlex::split(code).unwrap_or_else(|| panic!("the shell cannot split {code:?}"))
}

proptest! {
    /// No scenario makes the helpers panic, and the curl snippet reads back through the
    /// shell's quoting rules: its URL and its body are the scenario's, byte for byte.
    #[test]
    fn helpers_never_panic(
        body in text(),
        target in text(),
        method in text(),
        status in 100u16..1000,
        kind in prop::sample::select(ClientKind::ALL.to_vec()),
    ) {
        let mut s = Scenario::default();
        s.request.body = body.clone();
        s.request.method = method.clone();
        s.request.target = format!("/{target}");
        s.request.headers = vec![("Content-Type".into(), body.clone())];
        s.answer.status = status;
        s.answer.body = body.clone();
        s.client.kind = kind;
        let snippets = present::client_snippets(&s);
        prop_assert!(snippets.len() >= 2);
        let words = shell_words(&snippet(&snippets, "curl").code);
        prop_assert_eq!(words.first().map(String::as_str), Some("curl"));
        let url = format!("https://api.example.com/{target}");
        prop_assert!(words.contains(&url), "{:?} lacks {:?}", words, url);
        let data = words
            .iter()
            .position(|w| w == "--data-raw")
            .and_then(|i| words.get(i + 1));
        let is_head = method.trim().eq_ignore_ascii_case("head");
        if body.is_empty() || is_head {
            prop_assert_eq!(data, None);
        } else {
            prop_assert_eq!(data, Some(&body));
        }
        let _ = present::style_advice(&method);
        let _ = present::server_snippets(status);
        if let Ok(x) = simulate(&s) {
            prop_assert!(!present::timeline(&x).is_empty());
            prop_assert_eq!(present::matrix(&x).len(), 7);
            let headline = present::headline(&x);
            let answer = format!(" → {status}");
            prop_assert!(headline.contains(&answer), "{}", headline);
        }
    }
}

/// The snippets send a method as fetch() and XHR do: the six standard methods upper-cased,
/// every other one (PATCH included) exactly as typed.
#[test]
fn snippets_send_methods_as_fetch_does() {
    let code_for = |method: &str, label: &str| {
        let mut s = Scenario::default();
        s.request.method = method.into();
        s.client.kind = ClientKind::Xhr;
        snippet(&present::client_snippets(&s), label).code.clone()
    };
    assert!(code_for("patch", "fetch").contains("  method: \"patch\",\n"));
    assert!(code_for("Patch", "fetch").contains("  method: \"Patch\",\n"));
    assert!(code_for("patch", "curl").starts_with("curl -i -X patch "));
    assert!(code_for("patch", "XMLHttpRequest").contains("xhr.open(\"patch\", "));
    assert!(code_for("delete", "fetch").contains("  method: \"DELETE\",\n"));
    let get = code_for("get", "fetch");
    assert!(!get.contains("method:"), "{get}");
    assert!(code_for("get", "curl").starts_with("curl -i 'https://"));
}
