//! Sizes of what a built page loads: raw, gzip -9 and brotli q11 per kind of file (html, css,
//! js, wasm), computed in-process so that no system tool is needed.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// The kinds of file the size target counts, in table order.
pub const KINDS: [&str; 4] = ["html", "css", "js", "wasm"];

/// Raw, gzip and brotli bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Size {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

impl Size {
    fn add(&mut self, other: Size) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

/// Sizes per kind (html, css, js, wasm) plus the files counted.
#[derive(Debug, Default)]
pub struct Sizes {
    pub by_kind: BTreeMap<&'static str, Size>,
    pub files: Vec<String>,
}

impl Sizes {
    pub fn total(&self) -> Size {
        let mut total = Size::default();
        for size in self.by_kind.values() {
            total.add(*size);
        }
        total
    }
}

/// The files `index.html` loads (the files of `dist/` it names), and itself; files the page
/// does not load, such as a snippet for host pages, are not part of its download.
pub fn loaded_files(index_html: &str, names: &[String]) -> Vec<String> {
    let mut files: Vec<String> = names
        .iter()
        .filter(|n| *n == "index.html" || index_html.contains(&format!("./{n}")))
        .cloned()
        .collect();
    files.sort();
    files
}

pub fn kind_of(name: &str) -> Option<&'static str> {
    let ext = name.rsplit('.').next()?;
    KINDS.iter().copied().find(|k| *k == ext)
}

pub fn compressed(bytes: &[u8]) -> Result<Size, Error> {
    use flate2::{write::GzEncoder, Compression};
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(bytes)
        .map_err(|e| Error::new(format!("gzip: {e}")))?;
    let gzip = gz.finish().map_err(|e| Error::new(format!("gzip: {e}")))?;
    let mut brotli = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut brotli, &params)
        .map_err(|e| Error::new(format!("brotli: {e}")))?;
    Ok(Size {
        raw: bytes.len() as u64,
        gzip: gzip.len() as u64,
        brotli: brotli.len() as u64,
    })
}

pub fn measure(dir: &Path) -> Result<Sizes, Error> {
    let read_dir =
        fs::read_dir(dir).map_err(|e| Error::new(format!("cannot read {}: {e}", dir.display())))?;
    let names: Vec<String> = read_dir
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let index = fs::read_to_string(dir.join("index.html"))
        .map_err(|e| Error::new(format!("cannot read {}/index.html: {e}", dir.display())))?;
    let mut sizes = Sizes::default();
    for name in loaded_files(&index, &names) {
        let Some(kind) = kind_of(&name) else { continue };
        let bytes = fs::read(dir.join(&name))
            .map_err(|e| Error::new(format!("cannot read {name}: {e}")))?;
        sizes
            .by_kind
            .entry(kind)
            .or_default()
            .add(compressed(&bytes)?);
        sizes.files.push(name);
    }
    Ok(sizes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_only_what_the_page_loads() {
        let names: Vec<String> = [
            "index.html",
            "app-1.js",
            "app-1_bg.wasm",
            "style.css",
            "embed-host.js",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let index = r#"<link rel="stylesheet" href="./style.css"><script type="module">import init from './app-1.js'; await init({ module_or_path: './app-1_bg.wasm' });</script>"#;
        assert_eq!(
            loaded_files(index, &names),
            vec!["app-1.js", "app-1_bg.wasm", "index.html", "style.css"]
        );
        assert_eq!(kind_of("app-1_bg.wasm"), Some("wasm"));
        assert_eq!(kind_of("notes.txt"), None);
    }

    #[test]
    fn compresses() {
        let text = "no content ".repeat(200);
        let size = compressed(text.as_bytes()).unwrap_or_default();
        assert_eq!(size.raw, 2_200);
        assert!(size.gzip < 100 && size.brotli < 100, "{size:?}");
    }
}
