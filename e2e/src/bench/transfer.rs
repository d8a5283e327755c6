//! Critical transfer: what a page fetched before it was ready, read from the browser's
//! resource timing, and what it fetched in all once it had settled.
//!
//! The page reports its navigation entry and its resource entries (URL, when the fetch
//! started, the body bytes it received); each URL is matched to the file the bench's static
//! server sent for it (the server's own [`crate::serve::resolve`], so the bench and the server
//! can never disagree), and that file's brotli size stands for it: the server sends files
//! uncompressed, a host would send them compressed. A fetch counts as critical when it started
//! before the ready mark. An entry whose body size differs from its file's size, or whose URL
//! maps to no file, is reported: a figure built on it would be wrong.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::{Context, Error};
use crate::serve;

/// One fetch, as resource timing reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct Fetch {
    pub url: String,
    /// `fetchStart` of the entry, in ms from the navigation's start.
    pub start: f64,
    /// `responseEnd`: when its last byte arrived.
    pub end: f64,
    /// `navigation`, `script`, `link`, `fetch`, `css`, …
    pub initiator: String,
    /// `encodedBodySize`: the body's bytes as received (0 when the browser does not say).
    pub body: u64,
}

/// What one URL of an entry is on the bench's static server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A file below one of the server's folders.
    File(PathBuf),
    /// Inside the page already (`data:` and `blob:` URLs): nothing was transferred.
    Inline,
    /// Another origin, or a path the server has no file for.
    Unknown,
}

/// Matches a fetched URL to the file the server at `origin` (`http://127.0.0.1:PORT`) sent.
pub fn source_of(url: &str, origin: &str, mounts: &[(String, PathBuf)]) -> Source {
    let Ok(parsed) = url::Url::parse(url) else {
        return Source::Unknown;
    };
    if matches!(parsed.scheme(), "data" | "blob") {
        return Source::Inline;
    }
    if parsed.origin().ascii_serialization() != origin.trim_end_matches('/') {
        return Source::Unknown;
    }
    match serve::resolve(mounts, parsed.path()) {
        Some(file) => Source::File(file),
        None => Source::Unknown,
    }
}

/// One fetch with the file that answered it.
#[derive(Clone, Debug, PartialEq)]
pub struct Counted {
    pub fetch: Fetch,
    /// The file's name, or `None` for an inline URL.
    pub file: Option<String>,
    pub brotli: u64,
    pub critical: bool,
}

/// A page's transfer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Transfer {
    /// Brotli bytes of the fetches started before the ready mark.
    pub critical: u64,
    /// Brotli bytes of every fetch once the page had settled.
    pub total: u64,
    pub fetches: Vec<Counted>,
    /// URLs that map to no file (the figures above leave them out).
    pub unknown: Vec<String>,
    /// Entries whose body size is not their file's size (`url: received ≠ file`).
    pub mismatched: Vec<String>,
    /// Files fetched more than once (each fetch is counted).
    pub repeated: Vec<String>,
    /// When the page's lazy assets had arrived (its `nocontent-prose` mark), if it set one.
    pub lazy_at: Option<f64>,
}

impl Transfer {
    /// Whether every fetch was matched to its file, so that the figures are whole.
    pub fn whole(&self) -> bool {
        self.unknown.is_empty() && self.mismatched.is_empty()
    }
}

/// Sizes of the files: raw and brotli bytes.
pub type FileSize = (u64, u64);

/// Tallies `fetches` against the server's `mounts`; `size_of` gives a file's raw and brotli
/// bytes (computed once per file).
pub fn tally(
    fetches: &[Fetch],
    ready: f64,
    origin: &str,
    mounts: &[(String, PathBuf)],
    mut size_of: impl FnMut(&Path) -> Result<FileSize, Error>,
) -> Result<Transfer, Error> {
    let mut transfer = Transfer::default();
    let mut sizes: BTreeMap<PathBuf, FileSize> = BTreeMap::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for fetch in fetches {
        let critical = fetch.start < ready;
        let (file, brotli) = match source_of(&fetch.url, origin, mounts) {
            Source::Inline => (None, 0),
            Source::Unknown => {
                transfer.unknown.push(fetch.url.clone());
                continue;
            }
            Source::File(path) => {
                let (raw, brotli) = match sizes.get(&path) {
                    Some(size) => *size,
                    None => {
                        let size = size_of(&path)?;
                        sizes.insert(path.clone(), size);
                        size
                    }
                };
                if fetch.body != 0 && fetch.body != raw {
                    transfer.mismatched.push(format!(
                        "{}: received {} ≠ file {raw}",
                        fetch.url, fetch.body
                    ));
                }
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                *seen.entry(name.clone()).or_default() += 1;
                (Some(name), brotli)
            }
        };
        if critical {
            transfer.critical += brotli;
        }
        transfer.total += brotli;
        transfer.fetches.push(Counted {
            fetch: fetch.clone(),
            file,
            brotli,
            critical,
        });
    }
    transfer.repeated = seen
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(name, n)| format!("{name} ×{n}"))
        .collect();
    Ok(transfer)
}

/// What a settled page reported: its fetches, and the start times of its ready mark and of
/// its lazy-asset mark, when it set them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settled {
    pub fetches: Vec<Fetch>,
    pub ready: Option<f64>,
    pub lazy: Option<f64>,
}

/// The entries `probes/bench/settle.js` returns: `{entries: [{url, start, end, initiator,
/// body}], ready, lazy}`.
pub fn parse(value: &Value) -> Result<Settled, Error> {
    let entries = value
        .get("entries")
        .and_then(Value::as_array)
        .context(format!("no resource timing entries in {value}"))?;
    let mut fetches = Vec::new();
    for entry in entries {
        let text = |key: &str| entry.get(key).and_then(Value::as_str).map(str::to_string);
        fetches.push(Fetch {
            url: text("url").context(format!("an entry without a URL: {entry}"))?,
            start: entry
                .get("start")
                .and_then(Value::as_f64)
                .context(format!("an entry without a start: {entry}"))?,
            end: entry.get("end").and_then(Value::as_f64).unwrap_or_default(),
            initiator: text("initiator").unwrap_or_default(),
            body: entry
                .get("body")
                .and_then(Value::as_u64)
                .unwrap_or_default(),
        });
    }
    let number = |key: &str| value.get(key).and_then(Value::as_f64);
    Ok(Settled {
        fetches,
        ready: number("ready"),
        lazy: number("lazy"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fetch(url: &str, start: f64, body: u64) -> Fetch {
        Fetch {
            url: url.to_string(),
            start,
            end: start + 1.0,
            initiator: "link".to_string(),
            body,
        }
    }

    #[test]
    fn urls_are_matched_to_the_files_the_server_sent() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let app = dir.path().join("app");
        std::fs::create_dir_all(&app).unwrap_or_else(|e| panic!("{e}"));
        for name in ["index.html", "app-1.js", "prose-2.bin"] {
            std::fs::write(app.join(name), "x").unwrap_or_else(|e| panic!("{e}"));
        }
        let mounts = vec![("/app/".to_string(), app.clone())];
        let origin = "http://127.0.0.1:4000";
        let file = |name: &str| Source::File(app.join(name));
        assert_eq!(
            source_of("http://127.0.0.1:4000/app/", origin, &mounts),
            file("index.html")
        );
        assert_eq!(
            source_of("http://127.0.0.1:4000/app/#v2.abc", origin, &mounts),
            file("index.html")
        );
        assert_eq!(
            source_of("http://127.0.0.1:4000/app/app-1.js?x=1", origin, &mounts),
            file("app-1.js")
        );
        assert_eq!(
            source_of("http://127.0.0.1:4000/app/prose-2.bin", origin, &mounts),
            file("prose-2.bin")
        );
        assert_eq!(source_of("data:,", origin, &mounts), Source::Inline);
        for unknown in [
            "http://127.0.0.1:4001/app/app-1.js",
            "http://localhost:4000/app/app-1.js",
            "http://127.0.0.1:4000/counter/app-1.js",
            "http://127.0.0.1:4000/app/missing.js",
            "not a url",
        ] {
            assert_eq!(
                source_of(unknown, origin, &mounts),
                Source::Unknown,
                "{unknown}"
            );
        }
    }

    #[test]
    fn critical_is_what_started_before_ready() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let app = dir.path().to_path_buf();
        let files = [
            ("index.html", 1_000),
            ("app-1.js", 2_000),
            ("app-1_bg.wasm", 30_000),
            ("prose-2.bin", 400),
        ];
        for (name, raw) in files {
            std::fs::write(app.join(name), vec![b'x'; raw]).unwrap_or_else(|e| panic!("{e}"));
        }
        let mounts = vec![("/".to_string(), app.clone())];
        let origin = "http://127.0.0.1:4000";
        let url = |name: &str| format!("http://127.0.0.1:4000/{name}");
        let fetches = vec![
            fetch(&url(""), 0.0, 1_000),
            fetch("data:,", 1.0, 0),
            fetch(&url("app-1.js"), 5.0, 2_000),
            fetch(&url("app-1_bg.wasm"), 5.5, 30_000),
            // Started after the ready mark at 80 ms: lazy.
            fetch(&url("prose-2.bin"), 81.0, 400),
            fetch(&url("gone.js"), 90.0, 10),
        ];
        let mut asked = Vec::new();
        // A brotli size a tenth of the raw one, so that each file's share is visible.
        let transfer = tally(&fetches, 80.0, origin, &mounts, |path| {
            asked.push(path.to_path_buf());
            let raw = std::fs::metadata(path).map(|m| m.len()).unwrap_or_default();
            Ok((raw, raw / 10))
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(transfer.critical, 100 + 200 + 3_000);
        assert_eq!(transfer.total, 100 + 200 + 3_000 + 40);
        assert_eq!(transfer.unknown, vec![url("gone.js")]);
        assert!(!transfer.whole());
        assert_eq!(
            transfer
                .fetches
                .iter()
                .map(|c| (c.file.as_deref().unwrap_or("-"), c.critical))
                .collect::<Vec<_>>(),
            vec![
                ("index.html", true),
                ("-", true),
                ("app-1.js", true),
                ("app-1_bg.wasm", true),
                ("prose-2.bin", false)
            ]
        );
        assert_eq!(asked.len(), 4);

        // The same file fetched twice counts twice, and says so; a body that is not the
        // file's is reported.
        let twice = vec![
            fetch(&url("app-1_bg.wasm"), 5.0, 30_000),
            fetch(&url("app-1_bg.wasm"), 9.0, 29_999),
        ];
        let transfer = tally(&twice, 80.0, origin, &mounts, |_| Ok((30_000, 3_000)))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(transfer.critical, 6_000);
        assert_eq!(transfer.repeated, vec!["app-1_bg.wasm ×2"]);
        assert_eq!(transfer.mismatched.len(), 1, "{:?}", transfer.mismatched);
    }

    #[test]
    fn reads_the_pages_entries() {
        let value = serde_json::json!({
            "entries": [
                {"url": "http://127.0.0.1:1/", "start": 0.0, "initiator": "navigation", "body": 38082},
                {"url": "http://127.0.0.1:1/a.js", "start": 4.5, "end": 6.0, "initiator": "script", "body": 0}
            ],
            "ready": 61.2,
            "lazy": null
        });
        let Settled {
            fetches,
            ready,
            lazy,
        } = parse(&value).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fetches.len(), 2);
        assert_eq!(fetches[0].body, 38_082);
        assert_eq!(
            (fetches[1].initiator.as_str(), fetches[1].end),
            ("script", 6.0)
        );
        assert_eq!((ready, lazy), (Some(61.2), None));
        assert!(parse(&serde_json::json!({"entries": [{"start": 1}]})).is_err());
    }
}
