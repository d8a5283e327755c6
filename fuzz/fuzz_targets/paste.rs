//! Pasted responses: any text, read as curl output, raw HTTP/1.1 or a HAR, must give an
//! answer or a message and never panic, and an answer it gives must simulate without one.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(pasted) = nocontent_engine::paste::read(&text, "GET", None) {
        let _ = pasted.summary();
        let mut scenario = nocontent_engine::Scenario::default();
        if let Some(request) = pasted.request {
            scenario.request.method = request.method;
            scenario.request.target = request.target;
        }
        scenario.answer = pasted.answer;
        let _ = nocontent_engine::simulate(&scenario);
    }
});
