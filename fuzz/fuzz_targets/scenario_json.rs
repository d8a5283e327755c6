//! Scenario JSON: any text is either refused with an error or simulated and presented.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nocontent_engine::{present, simulate, Scenario};

fuzz_target!(|text: &str| {
    let Ok(scenario) = Scenario::from_json(text) else {
        return;
    };
    let _ = present::client_snippets(&scenario);
    if let Ok(exchange) = simulate(&scenario) {
        let _ = serde_json::to_string(&exchange);
        let _ = present::timeline(&exchange);
        let _ = present::matrix(&exchange);
        let _ = present::headline(&exchange);
    }
});
