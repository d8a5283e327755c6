//! The static page: the app's prerendered first view with no script, the physical floor for
//! first contentful paint. It is `dist/index.html` with every `<script>` element and every
//! `modulepreload` or `preload` link removed (rewritten with `lol_html`, an HTML tokenizer,
//! so the inline module script and its contents go as one element), beside the same
//! stylesheet. What is left is exactly what a browser needs to paint the first view.

use std::fs;
use std::path::{Path, PathBuf};

use lol_html::{element, rewrite_str, RewriteStrSettings};

use super::sizes;
use crate::error::{Context, Error};

/// `index_html` without scripts and without the links that fetch the app's code ahead of time.
pub fn without_scripts(index_html: &str) -> Result<String, Error> {
    rewrite_str(
        index_html,
        RewriteStrSettings {
            element_content_handlers: vec![element!(
                "script, link[rel~=modulepreload], link[rel~=preload]",
                |el| {
                    el.remove();
                    Ok(())
                }
            )],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| Error::new(format!("cannot rewrite index.html: {e}")))
}

/// Writes the static page of the app in `app_dir` into `out_dir` (its `index.html` and every
/// file of `app_dir` that page still loads: the stylesheet) and returns `out_dir`.
pub fn write(app_dir: &Path, out_dir: &Path) -> Result<PathBuf, Error> {
    let index_path = app_dir.join("index.html");
    let index =
        fs::read_to_string(&index_path).context(format!("cannot read {}", index_path.display()))?;
    let page = without_scripts(&index)?;
    if out_dir.exists() {
        fs::remove_dir_all(out_dir).context(format!("cannot empty {}", out_dir.display()))?;
    }
    fs::create_dir_all(out_dir).context(format!("cannot create {}", out_dir.display()))?;
    let names: Vec<String> = fs::read_dir(app_dir)
        .context(format!("cannot read {}", app_dir.display()))?
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for name in sizes::loaded_files(&page, &names) {
        if name != "index.html" {
            fs::copy(app_dir.join(&name), out_dir.join(&name))
                .context(format!("cannot copy {name} into {}", out_dir.display()))?;
        }
    }
    let out_index = out_dir.join("index.html");
    fs::write(&out_index, page).context(format!("cannot write {}", out_index.display()))?;
    Ok(out_dir.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The head and body as trunk and the prerender write them, shortened.
    const INDEX: &str = r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <link rel="icon" href="data:,">
  <script>
(function () { document.documentElement.classList.add('nc-link-pending'); })();
  </script>
  <link rel="stylesheet" href="./style-1.css" integrity="sha384-x"/>
<script type="module">
import init, * as bindings from './app-1.js';
const wasm = await init({ module_or_path: './app-1_bg.wasm' });
if (1 < 2) { document.title = "</div>"; }
</script>
<link rel="modulepreload" href="./app-1.js" crossorigin="anonymous"><link rel="preload" href="./app-1_bg.wasm" as="fetch" type="application/wasm"></head>
<body>
  <div id="app" data-prerendered><div class="shell"><h1>nocontent</h1><button type="button">Copy link</button></div></div>
  <noscript>needs JavaScript</noscript>
</body>
</html>"#;

    #[test]
    fn the_static_page_keeps_the_view_and_the_stylesheet_and_no_script() {
        let page = without_scripts(INDEX).unwrap_or_else(|e| panic!("{e}"));
        for gone in [
            "<script",
            "nc-link-pending",
            "app-1.js",
            "app-1_bg.wasm",
            "preload",
            "init(",
        ] {
            assert!(!page.contains(gone), "`{gone}` is still in:\n{page}");
        }
        for kept in [
            r#"<link rel="stylesheet" href="./style-1.css" integrity="sha384-x"/>"#,
            r#"<link rel="icon" href="data:,">"#,
            r#"<div id="app" data-prerendered><div class="shell"><h1>nocontent</h1><button type="button">Copy link</button></div></div>"#,
            "<noscript>needs JavaScript</noscript>",
            "</head>\n<body>",
        ] {
            assert!(page.contains(kept), "`{kept}` is missing from:\n{page}");
        }
        let names: Vec<String> = ["index.html", "style-1.css", "app-1.js", "app-1_bg.wasm"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            sizes::loaded_files(&page, &names),
            vec!["index.html", "style-1.css"]
        );
    }

    #[test]
    fn writes_the_page_beside_its_stylesheet() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (app, out) = (dir.path().join("dist"), dir.path().join("static"));
        fs::create_dir_all(&app).unwrap_or_else(|e| panic!("{e}"));
        for (name, text) in [
            ("index.html", INDEX),
            ("style-1.css", "body{}"),
            ("app-1.js", "js"),
            ("app-1_bg.wasm", "wasm"),
            ("sw.js", "worker"),
        ] {
            fs::write(app.join(name), text).unwrap_or_else(|e| panic!("{e}"));
        }
        // A file left from an earlier run goes.
        fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
        fs::write(out.join("old.js"), "old").unwrap_or_else(|e| panic!("{e}"));
        write(&app, &out).unwrap_or_else(|e| panic!("{e}"));
        let mut written: Vec<String> = fs::read_dir(&out)
            .unwrap_or_else(|e| panic!("{e}"))
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        written.sort();
        assert_eq!(written, vec!["index.html", "style-1.css"]);
        let page = fs::read_to_string(out.join("index.html")).unwrap_or_default();
        assert!(!page.contains("<script") && page.contains("data-prerendered"));
    }
}
