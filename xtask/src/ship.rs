//! What may be shipped: checks of a built `dist/` before it is tested or handed out.
//!
//! A `dist/` is only worth testing if it is what a host would deploy. A debug build left there
//! by a development server (absolute URLs, trunk's live-reload script, no CSP, debug sections
//! in the wasm) passes nothing a visitor would see, so `cargo xtask dist` and `cargo xtask
//! test` refuse it with the reason.

use std::fs;
use std::path::Path;

/// Every reason `dir` is not a release build that works from any path; empty when it is.
pub fn problems(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let index = dir.join("index.html");
    let html = match fs::read_to_string(&index) {
        Ok(html) => html,
        Err(e) => return vec![format!("cannot read {}: {e}", index.display())],
    };
    if !html.contains("<meta http-equiv=\"Content-Security-Policy\"") {
        found.push("index.html has no Content-Security-Policy".to_string());
    }
    // What the page loads: every `src`, and the `href` of `<link>` tags (not of `<a>`, whose
    // links to RFC sections in the prerendered view are meant to be absolute).
    let link_hrefs: Vec<&str> = html
        .split("<link")
        .skip(1)
        .filter_map(|tag| tag.split('>').next())
        .flat_map(|tag| attribute_values(tag, "href=\""))
        .collect();
    for url in attribute_values(&html, "src=\"")
        .into_iter()
        .chain(link_hrefs)
    {
        {
            let relative = !(url.starts_with('/')
                || url.starts_with("http:")
                || url.starts_with("https:")
                || url.starts_with("//"));
            if !relative && !url.starts_with("data:") {
                found.push(format!(
                    "index.html loads {url}, an absolute URL: the folder would break on a sub-path"
                ));
            }
        }
    }
    let Ok(entries) = fs::read_dir(dir) else {
        found.push(format!("cannot list {}", dir.display()));
        return found;
    };
    let mut wasm_files = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        match path.extension().and_then(|e| e.to_str()) {
            Some("html" | "js") => {
                let text = fs::read_to_string(&path).unwrap_or_default();
                // trunk serve's live-reload client connects to this path.
                if text.contains(".well-known/trunk") {
                    found.push(format!(
                        "{name} holds trunk's live-reload script (a development build)"
                    ));
                }
            }
            Some("wasm") => {
                wasm_files += 1;
                match fs::read(&path) {
                    Ok(bytes) => found.extend(
                        debug_sections(&bytes)
                            .into_iter()
                            .map(|s| format!("{name} carries the debug section `{s}`")),
                    ),
                    Err(e) => found.push(format!("cannot read {name}: {e}")),
                }
            }
            _ => {}
        }
    }
    if wasm_files != 1 {
        found.push(format!("expected one .wasm file, found {wasm_files}"));
    }
    found
}

/// The values of every `attr"…"` in the page, in order.
fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    html.match_indices(attr)
        .filter_map(|(at, _)| {
            let rest = html.get(at + attr.len()..)?;
            rest.split('"').next()
        })
        .collect()
}

/// Custom sections that only a debugger needs: DWARF (`.debug_*`), the name section and
/// source maps. A release build has none.
pub fn debug_sections(wasm: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        match payload {
            Ok(wasmparser::Payload::CustomSection(section)) => {
                let name = section.name();
                if name.starts_with(".debug") || name == "name" || name == "sourceMappingURL" {
                    out.push(name.to_string());
                }
            }
            Ok(_) => {}
            Err(e) => {
                out.push(format!("(unreadable wasm: {e})"));
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal wasm module with the given custom sections.
    fn module(custom: &[&str]) -> Vec<u8> {
        let mut bytes = b"\0asm\x01\0\0\0".to_vec();
        for name in custom {
            let payload_len = 1 + name.len();
            bytes.push(0);
            bytes.push(payload_len as u8);
            bytes.push(name.len() as u8);
            bytes.extend_from_slice(name.as_bytes());
        }
        bytes
    }

    fn dist(index: &str, wasm: &[u8]) -> std::path::PathBuf {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "nocontent-ship-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("index.html"), index).unwrap();
        fs::write(dir.join("app_bg.wasm"), wasm).unwrap();
        dir
    }

    const GOOD: &str =
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">\
        <link rel=\"icon\" href=\"data:,\"><script type=\"module\" src=\"./app.js\"></script>";

    #[test]
    fn a_release_build_passes() {
        assert_eq!(
            problems(&dist(GOOD, &module(&["producers"]))),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_development_build_is_refused_with_each_reason() {
        let served = "<link rel=\"preload\" href=\"/app_bg.wasm\"><script>const url = protocol + '://' + address + base + '.well-known/trunk/ws';</script>";
        let found = problems(&dist(served, &module(&[".debug_info", "name"])));
        let text = found.join("\n");
        for needed in [
            "no Content-Security-Policy",
            "/app_bg.wasm, an absolute URL",
            "live-reload",
            "`.debug_info`",
            "`name`",
        ] {
            assert!(text.contains(needed), "missing {needed:?} in {text}");
        }
    }

    #[test]
    fn debug_sections_are_found_by_name() {
        assert_eq!(
            debug_sections(&module(&[".debug_line", "target_features"])),
            vec![".debug_line"]
        );
        assert!(debug_sections(b"not wasm")
            .iter()
            .any(|s| s.contains("unreadable")));
    }
}
