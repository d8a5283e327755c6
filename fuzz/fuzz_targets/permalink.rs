//! Permalink decoding: any URL fragment is either a scenario or a message, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|fragment: &str| {
    if let Ok(Some(scenario)) = nocontent::permalink::decode(fragment) {
        // What decodes must encode and decode back to the same scenario.
        let again = nocontent::permalink::encode(&scenario);
        assert_eq!(
            nocontent::permalink::decode(&again),
            Ok(Some(scenario)),
            "permalink round trip"
        );
    }
});
