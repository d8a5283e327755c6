//! The Content-Security-Policy of the built app, written into `dist/index.html` as a meta tag.
//!
//! Trunk emits one inline `<script type="module">` loader; the policy allows exactly that
//! script by its SHA-256 hash, so it needs neither `'unsafe-inline'` nor `'unsafe-eval'` (the
//! WebAssembly compile needs only `'wasm-unsafe-eval'`). `frame-ancestors` is ignored in a
//! meta tag: a host that wants to restrict who may frame the app sends it as a header.

use base64::Engine;
use sha2::{Digest, Sha256};

/// Every directive except the script hashes, which are computed per build.
fn policy(script_hashes: &[String]) -> String {
    let scripts: String = script_hashes
        .iter()
        .map(|h| format!(" 'sha256-{h}'"))
        .collect();
    [
        "default-src 'self'".to_string(),
        format!("script-src 'self'{scripts} 'wasm-unsafe-eval'"),
        "style-src 'self'".into(),
        "img-src 'self' data:".into(),
        "font-src 'self'".into(),
        "connect-src 'self'".into(),
        // The live lab registers ./sw.js and loads its pages in iframes from ./lab/.
        "worker-src 'self'".into(),
        "frame-src 'self'".into(),
        "manifest-src 'self'".into(),
        "base-uri 'none'".into(),
        "form-action 'self'".into(),
        "object-src 'none'".into(),
    ]
    .join("; ")
}

/// The base64 SHA-256 of a script's exact text, as CSP hashes it.
pub fn hash(script: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()))
}

/// The text of every inline `<script>` (one without `src`), exactly as written.
fn inline_scripts(html: &str) -> Result<Vec<&str>, String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let open_end = after
            .find('>')
            .ok_or("an unterminated <script> tag in index.html")?;
        let tag = &after[..open_end];
        let body = &after[open_end + 1..];
        let close = body
            .find("</script>")
            .ok_or("a <script> without </script> in index.html")?;
        if !tag.contains(" src=") {
            found.push(&body[..close]);
        }
        rest = &body[close..];
    }
    Ok(found)
}

/// Adds the policy to a built `index.html`, right after `<meta charset>` so that it governs
/// everything that follows. Refuses a page the policy would break (inline styles or event
/// handlers) rather than weakening the policy.
pub fn apply(html: &str) -> Result<String, String> {
    if html.contains("http-equiv=\"Content-Security-Policy\"") {
        return Err("index.html already has a Content-Security-Policy".into());
    }
    let lower = html.to_ascii_lowercase();
    for banned in ["<style", " style=\"", " onload=", " onerror=", " onclick="] {
        if lower.contains(banned) {
            return Err(format!(
                "index.html contains `{}`, which the Content-Security-Policy blocks; move it to a file",
                banned.trim()
            ));
        }
    }
    let scripts = inline_scripts(html)?;
    if scripts.is_empty() {
        return Err("index.html has no inline loader script; has trunk's output changed?".into());
    }
    let hashes: Vec<String> = scripts.iter().map(|s| hash(s)).collect();
    let meta = format!(
        "\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        policy(&hashes)
    );
    let anchor = "<meta charset=\"utf-8\">";
    let at = html
        .find(anchor)
        .map(|i| i + anchor.len())
        .ok_or("index.html has no <meta charset=\"utf-8\"> to put the policy after")?;
    Ok(format!("{}{meta}{}", &html[..at], &html[at..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\">\n<title>x</title>\n<script type=\"module\">\nimport init from './a.js';\nawait init();\n</script><script src=\"./b.js\"></script></head><body></body></html>";

    #[test]
    fn hashes_the_inline_loader_and_nothing_else() {
        let out = apply(PAGE).unwrap();
        let expected = hash("\nimport init from './a.js';\nawait init();\n");
        assert!(out.contains(&format!("'sha256-{expected}'")), "{out}");
        assert_eq!(out.matches("'sha256-").count(), 1, "{out}");
        let at = |s: &str| out.find(s).unwrap();
        assert!(at("Content-Security-Policy") < at("<script"));
        for forbidden in ["unsafe-inline", "'unsafe-eval'", "frame-ancestors"] {
            assert!(!out.contains(forbidden), "{forbidden}: {out}");
        }
        assert!(out.contains("'wasm-unsafe-eval'") && out.contains("worker-src 'self'"));
        // The known value of an empty script, from the CSP specification's examples.
        assert_eq!(hash(""), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    #[test]
    fn refuses_what_the_policy_would_break() {
        assert!(apply(&PAGE.replace("<title>", "<style>p{}</style><title>")).is_err());
        assert!(apply(&PAGE.replace("<body>", "<body style=\"x\">")).is_err());
        assert!(apply("<meta charset=\"utf-8\"><p>no loader</p>").is_err());
        assert!(apply(&apply(PAGE).unwrap()).is_err());
    }
}
