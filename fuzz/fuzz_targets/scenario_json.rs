//! Scenario JSON: any text is either refused with an error or simulated and presented.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nocontent_engine::{simulate, Scenario};
use nocontent_explain as explain;

fuzz_target!(|text: &str| {
    let Ok(scenario) = Scenario::from_json(text) else {
        return;
    };
    let _ = explain::client_snippets(&scenario);
    if let Ok(exchange) = simulate(&scenario) {
        let _ = serde_json::to_string(&exchange);
        let _ = explain::timeline(&exchange);
        let _ = explain::matrix(&exchange);
        let _ = explain::headline(&exchange);
    }
});
