//! The scenario in the URL fragment, so a reload (or a shared link) restores it.
//!
//! Formats, told apart by the version before the first dot:
//!
//! - `#2.` then the scenario's JSON compressed with raw DEFLATE, in unpadded base64url. This is
//!   what [`encode`] writes.
//! - `#1.` then the scenario's JSON in unpadded base64url. Still read, since such links may
//!   already be shared.
//!
//! Every limit is checked before the next step does any work: the fragment's length before
//! decoding base64, the inflated size while inflating (so a "zip bomb" stops at the cap), and
//! the JSON against the scenario's schema. Anything else is an error message for the user;
//! nothing here panics, whatever the input.

use base64::Engine;
use nocontent_engine::Scenario;
use nocontent_explain::thousands;

/// The version [`encode`] writes: deflated JSON.
const VERSION_DEFLATE: &str = "2.";
/// The first version: plain JSON. Read, never written.
const VERSION_JSON: &str = "1.";
/// Fragments longer than this are refused before decoding anything.
pub const MAX_FRAGMENT: usize = 8_000;
/// The most bytes a fragment may inflate to (64 KiB).
pub const MAX_INFLATED: usize = 64 * 1024;
/// The longest link fragment the copy buttons hand out, so links survive chat tools, e-mail
/// and documentation sites. The address bar itself always holds the current scenario.
pub const MAX_SHARED: usize = 2_000;
/// DEFLATE effort, 0 to 10: scenarios are small, so the best level costs nothing noticeable.
const LEVEL: u8 = 9;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The fragment (without `#`) for a scenario, in the current version.
pub fn encode(scenario: &Scenario) -> String {
    let json = serde_json::to_string(scenario).unwrap_or_default();
    let deflated = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), LEVEL);
    format!("{VERSION_DEFLATE}{}", B64.encode(deflated))
}

/// The fragment for a link to hand out, or a message saying why the scenario is too large
/// for one. Never truncates.
pub fn share(scenario: &Scenario) -> Result<String, String> {
    let fragment = encode(scenario);
    if fragment.len() > MAX_SHARED {
        return Err(format!(
            "This scenario makes a link of {} characters; shared links are limited to {}. \
             Trim the request or answer body (or drop some headers) and copy again. \
             The address bar still holds the whole scenario for a reload.",
            thousands(fragment.len()),
            thousands(MAX_SHARED)
        ));
    }
    Ok(fragment)
}

/// Reads a fragment (with or without `#`). An empty fragment is `Ok(None)`; anything that is
/// not a scenario we wrote is an error message for the user.
pub fn decode(fragment: &str) -> Result<Option<Scenario>, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.is_empty() {
        return Ok(None);
    }
    if fragment.len() > MAX_FRAGMENT {
        return Err(format!(
            "This link is {} characters long; links longer than {} are not read.",
            thousands(fragment.len()),
            thousands(MAX_FRAGMENT)
        ));
    }
    let (payload, deflated) = if let Some(p) = fragment.strip_prefix(VERSION_DEFLATE) {
        (p, true)
    } else if let Some(p) = fragment.strip_prefix(VERSION_JSON) {
        (p, false)
    } else {
        return Err(
            "This link was not made by this version of nocontent (its version is unknown), \
             so it was not read."
                .into(),
        );
    };
    let bytes = B64.decode(payload).map_err(|_| {
        "This link is damaged (it is not valid base64url), so it was not read.".to_string()
    })?;
    let bytes = if deflated { inflate(&bytes)? } else { bytes };
    let text = String::from_utf8(bytes)
        .map_err(|_| "This link is damaged (not text), so it was not read.".to_string())?;
    Scenario::from_json(&text)
        .map(Some)
        .map_err(|e| format!("This link does not hold a valid scenario ({e}), so it was not read."))
}

/// Inflates raw DEFLATE data, stopping at [`MAX_INFLATED`] bytes.
fn inflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use miniz_oxide::inflate::TINFLStatus;
    miniz_oxide::inflate::decompress_to_vec_with_limit(bytes, MAX_INFLATED).map_err(|e| {
        if e.status == TINFLStatus::HasMoreOutput {
            format!(
                "This link unpacks to more than {} KB, so it was not read.",
                MAX_INFLATED / 1024
            )
        } else {
            "This link is damaged (it does not unpack), so it was not read.".to_string()
        }
    })
}

/// Text that does not compress (a linear congruential generator's top bits as printable
/// characters): a body no link can carry, for the tests of sharing.
#[cfg(test)]
pub(crate) fn incompressible(len: usize, seed: u64) -> String {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            char::from(b'!' + (x >> 58) as u8)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use nocontent_engine::scenario::{ClientKind, Framing, ResponseType, SendMode};
    use proptest::prelude::*;

    fn check(fragment: &str, expected: Result<Option<&str>, &str>) {
        let got = decode(fragment).map(|s| s.map(|s| s.request.target));
        match expected {
            Ok(target) => assert_eq!(got, Ok(target.map(str::to_string)), "{fragment}"),
            Err(needle) => assert!(
                got.as_ref().is_err_and(|m| m.contains(needle)),
                "{fragment}: {got:?}"
            ),
        }
    }

    fn v2(raw: &[u8]) -> String {
        format!(
            "#2.{}",
            B64.encode(miniz_oxide::deflate::compress_to_vec(raw, 9))
        )
    }

    #[test]
    fn round_trips_and_refuses_what_it_did_not_write() {
        let mut scenario = Scenario::default();
        scenario.request.target = "/über?x=<script>".into();
        let fragment = encode(&scenario);
        assert!(
            fragment.starts_with("2.")
                && fragment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
        );
        assert_eq!(decode(&format!("#{fragment}")), Ok(Some(scenario)));
        check("", Ok(None));
        check("#", Ok(None));
        check("#9.abc", Err("version is unknown"));
        check("#<script>alert(1)</script>", Err("version is unknown"));
        check("#javascript:alert(1)", Err("version is unknown"));
        check("#1.***", Err("damaged"));
        check("#1./w", Err("damaged"));
        check("#2.***", Err("not valid base64url"));
        check("#2.AAAA", Err("does not unpack"));
        check("#1.e30", Ok(Some("/items/42")));
        check("#1.eyJ4IjoxfQ", Err("not hold a valid scenario"));
        check(&v2(b"{}"), Ok(Some("/items/42")));
        check(
            &v2(b"<script>alert(1)</script>"),
            Err("not hold a valid scenario"),
        );
        check(&v2(&[0xff, 0xfe, 0x00]), Err("not text"));
        check(&format!("#1.{}", "A".repeat(MAX_FRAGMENT)), Err("not read"));
        check(
            &format!("#2.{}", "A".repeat(9_000)),
            Err("9,002 characters"),
        );
    }

    #[test]
    fn version_1_links_already_shared_still_open() {
        let mut scenario = Scenario::default();
        scenario.answer.status = 205;
        let json = serde_json::to_string(&scenario).unwrap();
        let v1 = format!("1.{}", B64.encode(json));
        assert_eq!(decode(&v1), Ok(Some(scenario)));
    }

    #[test]
    fn a_zip_bomb_stops_at_the_cap() {
        let body = "a".repeat(MAX_INFLATED * 4);
        let bomb = v2(format!(r#"{{"request":{{"body":"{body}"}}}}"#).as_bytes());
        assert!(bomb.len() < MAX_FRAGMENT, "{}", bomb.len());
        check(&bomb, Err("more than 64 KB"));
        // Just under the cap still opens.
        let body = "a".repeat(MAX_INFLATED - 100);
        let fits = v2(format!(r#"{{"request":{{"body":"{body}"}}}}"#).as_bytes());
        assert_eq!(
            decode(&fits).unwrap().unwrap().request.body.len(),
            body.len()
        );
    }

    #[test]
    fn sharing_refuses_long_links_with_a_message() {
        assert!(share(&Scenario::default()).is_ok());
        let mut big = Scenario::default();
        big.answer.body = incompressible(4_000, 42);
        let message = share(&big).unwrap_err();
        assert!(
            message.contains("2,000") && message.contains("Trim"),
            "{message}"
        );
        // The address bar still gets the whole scenario.
        assert_eq!(decode(&encode(&big)).unwrap().unwrap(), big);
    }

    fn text(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(any::<char>(), 0..max).prop_map(|v| v.into_iter().collect())
    }

    fn headers() -> impl Strategy<Value = Vec<(String, String)>> {
        prop::collection::vec((text(20), text(40)), 0..6)
    }

    fn scenario() -> impl Strategy<Value = Scenario> {
        let method = prop_oneof![
            Just("GET".to_string()),
            Just("HEAD".to_string()),
            Just("DELETE".to_string()),
            "[A-Z]{1,10}",
            text(12),
        ];
        let target = prop_oneof![Just("/".to_string()), "/[a-z0-9/?=&%]{0,40}", text(40)];
        let client = prop_oneof![
            Just(ClientKind::Fetch),
            Just(ClientKind::Xhr),
            Just(ClientKind::Form),
            Just(ClientKind::Navigation),
            Just(ClientKind::Iframe),
            Just(ClientKind::Beacon),
            Just(ClientKind::Preflight),
        ];
        let response_type = prop_oneof![
            Just(ResponseType::Text),
            Just(ResponseType::Json),
            Just(ResponseType::Arraybuffer),
            Just(ResponseType::Blob),
            Just(ResponseType::Document),
        ];
        let framing = prop_oneof![
            Just(Framing::Auto),
            Just(Framing::ContentLength),
            Just(Framing::Chunked),
            Just(Framing::Close),
            Just(Framing::None),
        ];
        let send = prop_oneof![
            Just(SendMode::AsWritten),
            Just(SendMode::Conforming),
            Just(SendMode::Express),
            Just(SendMode::Flask),
            Just(SendMode::Drf),
            Just(SendMode::Fastapi),
            Just(SendMode::Axum),
            Just(SendMode::Actix),
            Just(SendMode::Go),
        ];
        (
            (method, target, headers(), text(300)),
            (client, response_type),
            (any::<u16>(), headers(), text(300), framing, send),
        )
            .prop_map(|(req, cl, ans)| {
                let mut s = Scenario::default();
                (
                    s.request.method,
                    s.request.target,
                    s.request.headers,
                    s.request.body,
                ) = req;
                (s.client.kind, s.client.response_type) = cl;
                (
                    s.answer.status,
                    s.answer.headers,
                    s.answer.body,
                    s.answer.framing,
                    s.answer.send,
                ) = ans;
                s
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn encode_then_decode_round_trips_any_scenario(s in scenario()) {
            let fragment = encode(&s);
            prop_assert!(fragment.starts_with("2."));
            prop_assert_eq!(decode(&fragment), Ok(Some(s.clone())));
            prop_assert_eq!(decode(&format!("#{fragment}")), Ok(Some(s)));
        }

        #[test]
        fn any_string_decodes_or_is_refused_without_panicking(s in any::<String>()) {
            let _ = decode(&s);
            let _ = decode(&format!("#1.{s}"));
            let _ = decode(&format!("#2.{s}"));
        }

        #[test]
        fn random_base64_after_a_version_never_panics(
            payload in "[A-Za-z0-9_-]{0,3000}",
            version in prop_oneof![Just("1."), Just("2."), Just("3.")],
        ) {
            let _ = decode(&format!("#{version}{payload}"));
        }

        #[test]
        fn random_bytes_deflated_or_not_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
            let _ = decode(&format!("#2.{}", B64.encode(&bytes)));
            let _ = decode(&format!("#1.{}", B64.encode(&bytes)));
            let _ = decode(&v2(&bytes));
        }
    }
}
