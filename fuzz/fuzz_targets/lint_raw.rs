//! Raw response linting: any bytes, with any method, must give findings and never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first line (up to 16 bytes) picks the method; the rest is the response.
    let (method, bytes) = match data.iter().position(|&b| b == b'\n') {
        Some(at) if at <= 16 => data.split_at(at),
        _ => (&b"GET"[..], data),
    };
    let method = String::from_utf8_lossy(method);
    let bytes = bytes.strip_prefix(b"\n").unwrap_or(bytes);
    let findings = nocontent_engine::lint::lint_raw(&method, bytes);
    let _ = serde_json::to_string(&findings);
});
