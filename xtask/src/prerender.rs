//! The prerendered first view: the app's default render, as HTML, put into `dist/index.html`
//! so the browser paints real content before the wasm has loaded.

/// The empty mount point trunk's page carries.
const MOUNT: &str = "<div id=\"app\"></div>";

/// `index` with `rendered` inside its mount point, marked so the app knows to replace it.
pub fn insert(index: &str, rendered: &str) -> Result<String, String> {
    if rendered.trim().is_empty() {
        return Err("the prerender printed nothing".into());
    }
    if index.matches(MOUNT).count() != 1 {
        return Err(format!("index.html must hold exactly one empty {MOUNT}"));
    }
    Ok(index.replace(
        MOUNT,
        &format!("<div id=\"app\" data-prerendered>{rendered}</div>"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_render_goes_into_the_one_mount_point() {
        let page = "<body><div id=\"app\"></div><noscript>x</noscript></body>";
        assert_eq!(
            insert(page, "<div class=\"shell\">hi</div>").as_deref(),
            Ok("<body><div id=\"app\" data-prerendered><div class=\"shell\">hi</div></div><noscript>x</noscript></body>")
        );
        assert!(insert("<body></body>", "<p>x</p>").is_err());
        assert!(insert(&page.repeat(2), "<p>x</p>").is_err());
        assert!(insert(page, "  ").is_err());
    }
}
