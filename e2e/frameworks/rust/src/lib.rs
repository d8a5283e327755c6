//! What both apps share: the answers file, and the READY and MARK lines the runner reads.

use std::collections::HashMap;

use serde::Deserialize;

/// One catalog answer: the status, headers and body a handler is asked to send.
#[derive(Clone, Debug, Deserialize)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// Reads the answers file named by the first argument; a bad file ends the app with a
/// message, since nothing can be measured without it.
pub fn answers() -> HashMap<String, Answer> {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| fail(&format!("cannot read the answers file {path:?}: {e}")));
    serde_json::from_str(&text).unwrap_or_else(|e| fail(&format!("bad answers file: {e}")))
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(2)
}

/// Tells the runner the port and the framework's version.
pub fn ready(port: u16, version: &str) {
    let line = serde_json::json!({"port": port, "version": version});
    println!("READY {line}");
}

/// Everything logged before this line belongs to scenario `id`.
pub fn mark(id: &str) {
    eprintln!("MARK {id}");
}
