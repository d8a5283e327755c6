//! Property tests: no input makes the engine panic, and the bytes it writes read back through
//! `httparse` to the status and headers it reports.

// A test reports failure by panicking; clippy.toml allows that inside #[test] functions,
// and this allows it in the helpers they share.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use nocontent_engine::scenario::{
    Answer, Client, ClientKind, Framing, Request, ResponseType, SendMode,
};
use nocontent_engine::{lint, simulate, Scenario};
use proptest::prelude::*;

/// Text that mixes ordinary characters with the ones that break HTTP: CR, LF, NUL, colons,
/// spaces and non-ASCII.
fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::char::range('a', 'z'),
            1 => Just('\r'),
            1 => Just('\n'),
            1 => Just('\0'),
            1 => Just(':'),
            1 => Just(' '),
            1 => Just('é'),
            1 => Just('\t'),
            1 => Just('{'),
        ],
        0..max,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn header() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        3 => (text(12), text(24)),
        1 => (Just("Content-Length".to_string()), prop_oneof![Just("0".to_string()), Just("5".to_string()), Just("5, 6".to_string()), text(4)]),
        1 => (Just("Transfer-Encoding".to_string()), prop_oneof![Just("chunked".to_string()), Just("gzip".to_string())]),
        1 => (Just("Connection".to_string()), Just("close".to_string())),
        1 => (Just("Cache-Control".to_string()), prop_oneof![Just("max-age=60".to_string()), Just("no-store".to_string()), text(10)]),
        1 => (Just("Access-Control-Allow-Origin".to_string()), Just("*".to_string())),
    ]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    let method = prop_oneof![
        Just("GET".to_string()),
        Just("HEAD".to_string()),
        Just("POST".to_string()),
        Just("PUT".to_string()),
        Just("PATCH".to_string()),
        Just("DELETE".to_string()),
        Just("OPTIONS".to_string()),
        Just("CONNECT".to_string()),
        text(8),
    ];
    let target = prop_oneof![
        Just("/items/1".to_string()),
        text(10).prop_map(|t| format!("/{t}")),
        text(6)
    ];
    let status = prop_oneof![
        Just(200u16),
        Just(201),
        Just(204),
        Just(205),
        Just(304),
        Just(101),
        0u16..1100
    ];
    let framing = prop::sample::select(Framing::ALL.to_vec());
    let send = prop_oneof![Just(SendMode::AsWritten), Just(SendMode::Conforming)];
    let kind = prop::sample::select(ClientKind::ALL.to_vec());
    let response_type = prop::sample::select(ResponseType::ALL.to_vec());
    (
        (
            method,
            target,
            proptest::collection::vec(header(), 0..6),
            text(40),
        ),
        (kind, response_type),
        (
            status,
            proptest::collection::vec(header(), 0..8),
            text(60),
            framing,
            send,
        ),
    )
        .prop_map(
            |((method, target, rh, rb), (kind, response_type), (status, ah, ab, framing, send))| {
                Scenario {
                    request: Request {
                        method,
                        target,
                        headers: rh,
                        body: rb,
                    },
                    client: Client {
                        kind,
                        response_type,
                    },
                    answer: Answer {
                        status,
                        headers: ah,
                        body: ab,
                        framing,
                        send,
                    },
                }
            },
        )
}

/// Cases per property: 2,000, or `NOCONTENT_PROPTEST_CASES` when set. `cargo xtask
/// mutants` sets fewer, because it runs this file once per mutant.
fn cases() -> u32 {
    std::env::var("NOCONTENT_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(2000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn simulate_never_panics_and_its_bytes_parse_back(s in scenario()) {
        let Ok(exchange) = simulate(&s) else { return Ok(()) };
        let mut storage = [httparse::EMPTY_HEADER; 128];
        let mut response = httparse::Response::new(&mut storage);
        let parsed = response.parse(exchange.wire.as_bytes());
        prop_assert!(matches!(parsed, Ok(httparse::Status::Complete(_))), "{:?} does not parse: {parsed:?}", exchange.wire);
        prop_assert_eq!(response.code, Some(exchange.response.status));
        let headers: Vec<(String, String)> = response
            .headers
            .iter()
            .map(|h| (h.name.to_string(), String::from_utf8_lossy(h.value).into_owned()))
            .collect();
        prop_assert_eq!(headers.as_slice(), exchange.response.headers.as_slice());
        // The JSON form is what the app and the CLI consume: it must always serialize.
        prop_assert!(serde_json::to_string(&exchange).is_ok());
    }

    /// A response pasted back from its own bytes sends the same bytes, for any scenario the
    /// engine simulates, except where raw text cannot tell two framings apart (a body that
    /// "just follows" on a status with content reads as one that ends at a close) or the
    /// bytes are not one whole response (a 1xx, a status the paste would skip past).
    #[test]
    fn a_response_pasted_back_sends_the_same_bytes(s in scenario()) {
        let Ok(x) = simulate(&s) else { return Ok(()) };
        let status = x.response.status;
        let method = x.request.method.clone();
        let just_follows = s.answer.framing == Framing::None
            && !nocontent_engine::status::never_has_content(status)
            && !nocontent_engine::method::is_head(&method);
        // A Transfer-Encoding: chunked field over bytes that are not chunked reads as content
        // curl already decoded, which is what such a paste nearly always is.
        let te = s.answer.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("transfer-encoding"));
        let unchunked = te && s.answer.framing != Framing::Chunked;
        // One newline after the declared length is what copying from a terminal adds, so a
        // paste drops it.
        let newline_left = x.framing.as_ref().is_some_and(|f| f.leftover == "\n" || f.leftover == "\r\n");
        if just_follows || unchunked || newline_left || (100..200).contains(&status) || status >= 600 {
            return Ok(());
        }
        let pasted = nocontent_engine::paste::read(&x.wire, &method, None);
        let pasted = match pasted {
            Ok(p) => p,
            Err(e) => return Err(TestCaseError::fail(format!("{e}: {:?}", x.wire))),
        };
        let mut again = Scenario::default();
        again.request.method = method;
        again.answer = pasted.answer;
        let wire = simulate(&again).map(|y| y.wire).unwrap_or_default();
        prop_assert_eq!(wire, x.wire);
    }

    #[test]
    fn paste_never_panics(prefix in prop_oneof![Just(""), Just("HTTP/1.1 204 X\n"), Just("< HTTP/2 200\n"), Just("> GET / HTTP/1.1\n< HTTP/1.1 200 OK\n<\n"), Just("{\"log\": {\"entries\": ["), Just("{\"response\": {\"status\": 204, \"headers\": [")], body in text(120), method in text(6)) {
        let text = format!("{prefix}{body}");
        if let Ok(p) = nocontent_engine::paste::read(&text, &method, None) {
            let mut s = Scenario::default();
            let _ = p.summary();
            s.answer = p.answer;
            let _ = simulate(&s);
        }
    }

    #[test]
    fn lint_raw_never_panics(method in text(8), bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = lint::lint_raw(&method, &bytes);
    }

    #[test]
    fn lint_raw_handles_response_shaped_noise(status in 0u16..1000, head in text(80), tail in text(40)) {
        let bytes = format!("HTTP/1.1 {status} X\r\n{head}\r\n\r\n{tail}");
        let _ = lint::lint_raw("GET", bytes.as_bytes());
    }

    #[test]
    fn scenario_json_never_panics(input in text(120)) {
        let _ = Scenario::from_json(&input);
    }
}
