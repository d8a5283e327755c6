//! The scenario in the URL fragment, so a reload (or a shared link) restores it.
//!
//! Format: `#1.` then the scenario's JSON in unpadded base64url. The leading version lets a
//! later, more compact format coexist with links already shared.

use base64::Engine;
use nocontent_engine::Scenario;

const VERSION: &str = "1.";
/// Fragments longer than this are refused before decoding anything.
pub const MAX_FRAGMENT: usize = 8_000;

/// The fragment (without `#`) for a scenario.
pub fn encode(scenario: &Scenario) -> String {
    let json = serde_json::to_string(scenario).unwrap_or_default();
    format!(
        "{VERSION}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    )
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
            "This link is {} characters long; links longer than {MAX_FRAGMENT} are not read.",
            fragment.len()
        ));
    }
    let Some(payload) = fragment.strip_prefix(VERSION) else {
        return Err(
            "This link was not made by this version of nocontent, so it was not read.".into(),
        );
    };
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| {
            "This link is damaged (it is not valid base64url), so it was not read.".to_string()
        })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| "This link is damaged (not text), so it was not read.".to_string())?;
    Scenario::from_json(&text)
        .map(Some)
        .map_err(|e| format!("This link does not hold a valid scenario ({e}), so it was not read."))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn round_trips_and_refuses_what_it_did_not_write() {
        let mut scenario = Scenario::default();
        scenario.request.target = "/über?x=<script>".into();
        let fragment = encode(&scenario);
        assert!(
            fragment.starts_with("1.")
                && fragment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
        );
        assert_eq!(decode(&format!("#{fragment}")), Ok(Some(scenario)));
        check("", Ok(None));
        check("#", Ok(None));
        check("#9.abc", Err("not made by this version"));
        check("#1.***", Err("damaged"));
        check("#1./w", Err("damaged"));
        check("#1.e30", Ok(Some("/items/42")));
        check("#1.eyJ4IjoxfQ", Err("not hold a valid scenario"));
        check(&format!("#1.{}", "A".repeat(MAX_FRAGMENT)), Err("not read"));
    }
}
