//! The figures a browser gives: load times, what each page fetched, keystroke latency and
//! memory, measured in the page by the scripts in `probes/bench/`, with DevTools commands for
//! CPU throttling and garbage collection (Chromium only).

use std::path::{Path, PathBuf};

use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::{json, Value};

use super::keystroke::{self, Timeline};
use super::report::{
    median, percentile, EventTiming, KeystrokeRow, Keystrokes, Load, Loads, Memory, Transfers,
    THROTTLE,
};
use super::transfer::{self, Transfer};
use super::{sizes, step, Options};
use crate::error::{Context, Error};
use crate::probes;
use crate::session::Browser;

/// The three pages on the bench's static server.
pub struct Pages {
    pub app: String,
    pub counter: String,
    pub static_page: String,
    /// `http://127.0.0.1:PORT`, and the server's folders, to match fetched URLs to files.
    pub origin: String,
    pub mounts: Vec<(String, PathBuf)>,
}

/// How long a page without the `nocontent-prose` mark is given, after it is ready, to fetch
/// what it fetches lazily.
const SETTLE_MS: u64 = 2_000;

/// The header value the keystrokes type, one character per edit, and then delete.
const TYPED: &str = "no-store, max-age=0, must-revalidate, private";
const VALUE_INPUT: &str = r#"#answer input[aria-label="answer header 1 value"]"#;
const STATIC_INPUT: &str = r#"input[type="text"]"#;

async fn throttle(browser: &Browser, rate: f64) -> Result<(), Error> {
    browser
        .devtools("Emulation.setCPUThrottlingRate", json!({ "rate": rate }))
        .await
        .map(|_| ())
}

/// Opens `url` as a new document and waits for first contentful paint and, when `ready`, the
/// ready mark.
async fn load_once(browser: &Browser, url: &str, ready: bool) -> Result<Load, Error> {
    browser.open_fresh(url).await?;
    let value = browser
        .eval_async(probes::BENCH_LOAD, vec![json!(ready)])
        .await?;
    let pair = value.as_array().filter(|a| a.len() == 2).ok_or_else(|| {
        Error::new(format!(
            "{url}: no first contentful paint{} within 60 s",
            if ready {
                " and `nocontent-ready` mark"
            } else {
                ""
            }
        ))
    })?;
    Ok(Load {
        fcp: pair.first().and_then(Value::as_f64).unwrap_or_default(),
        ready: pair.get(1).and_then(Value::as_f64),
    })
}

/// Loads the app, the counter and the static page in turn, `options.loads` times, so that
/// drift in the machine affects all three alike; medians.
async fn loads(browser: &Browser, options: &Options, pages: &Pages) -> Result<Loads, Error> {
    let urls = [
        (&pages.app, true),
        (&pages.counter, true),
        (&pages.static_page, false),
    ];
    let mut samples: [Vec<Load>; 3] = Default::default();
    for _ in 0..options.loads {
        for ((url, ready), sample) in urls.iter().zip(samples.iter_mut()) {
            sample.push(load_once(browser, url, *ready).await?);
        }
    }
    let summary = |s: &Vec<Load>| {
        let readies: Vec<f64> = s.iter().filter_map(|l| l.ready).collect();
        Load {
            fcp: median(&s.iter().map(|l| l.fcp).collect::<Vec<_>>()).unwrap_or_default(),
            ready: median(&readies),
        }
    };
    let [app, counter, static_page] = samples;
    Ok(Loads {
        app: summary(&app),
        counter: summary(&counter),
        static_page: summary(&static_page),
    })
}

/// What one page fetched, once it has settled.
async fn transfer_of(
    browser: &Browser,
    url: &str,
    pages: &Pages,
    cache: &mut sizes::Cache,
) -> Result<Transfer, Error> {
    browser.open_fresh(url).await?;
    let value = browser
        .eval_async(probes::BENCH_SETTLE, vec![json!(SETTLE_MS)])
        .await?;
    let transfer::Settled {
        fetches,
        ready,
        lazy,
    } = transfer::parse(&value).context(url)?;
    // A page without the ready mark (the static page) is critical in all it fetches.
    let ready = ready.unwrap_or(f64::INFINITY);
    let mut tally = transfer::tally(&fetches, ready, &pages.origin, &pages.mounts, |path| {
        let size = sizes::of_file(path, cache)?;
        Ok((size.raw, size.brotli))
    })?;
    tally.lazy_at = lazy;
    Ok(tally)
}

async fn transfers(
    browser: &Browser,
    pages: &Pages,
    cache: &mut sizes::Cache,
) -> Result<Transfers, Error> {
    Ok(Transfers {
        app: transfer_of(browser, &pages.app, pages, cache).await?,
        counter: transfer_of(browser, &pages.counter, pages, cache).await?,
        static_page: transfer_of(browser, &pages.static_page, pages, cache).await?,
    })
}

/// Opens the app with header 1 of the server answer named and its value empty.
async fn open_editor(browser: &Browser, app_url: &str) -> Result<(), Error> {
    load_once(browser, app_url, true).await?;
    let answer = browser.eval_async(probes::BENCH_EDITOR, vec![]).await?;
    match answer.as_str() {
        Some("ok") => Ok(()),
        other => Err(Error::new(format!(
            "could not open the header editor: {}",
            other.unwrap_or("no answer")
        ))),
    }
}

/// The key of edit `i`: the next character of [`TYPED`], or, once it is all typed, Backspace
/// until the value is empty again.
pub fn key_of(i: usize) -> String {
    let chars: Vec<char> = TYPED.chars().collect();
    let n = chars.len().max(1);
    let position = i % (2 * n);
    match chars.get(position) {
        Some(c) => c.to_string(),
        None => Key::Backspace.to_string(),
    }
}

/// Sums up the timelines of one keystroke row, with Event Timing's durations for the same
/// events (`None` where the browser has none).
pub fn summarize(
    timelines: &[Timeline],
    event_timing: Option<&[(f64, f64)]>,
) -> Result<Keystrokes, Error> {
    let mut latencies = Vec::new();
    let mut work = Vec::new();
    let mut render = Vec::new();
    let mut summary = Keystrokes {
        edits: timelines.len(),
        ..Keystrokes::default()
    };
    let mut pairs: Vec<(f64, f64)> = Vec::new();
    for (i, timeline) in timelines.iter().enumerate() {
        let k = keystroke::end_of(timeline).map_err(|e| Error::new(format!("edit {i}: {e}")))?;
        latencies.push(k.latency);
        work.push(k.work.unwrap_or_default());
        render.push(k.render);
        summary.trusted += usize::from(timeline.trusted);
        summary.later_frame += usize::from(k.frame > 0);
        summary.late += usize::from(k.late > 0);
        // Event Timing's startTime is the event's timeStamp.
        if let Some(entry) = event_timing
            .unwrap_or_default()
            .iter()
            .find(|(start, _)| (start - timeline.start).abs() < 0.5)
        {
            pairs.push((entry.1, k.latency));
        }
    }
    let p = |v: &[f64], q: f64| percentile(v, q).unwrap_or_default();
    summary.p50 = p(&latencies, 50.0);
    summary.p95 = p(&latencies, 95.0);
    summary.max = p(&latencies, 100.0);
    summary.work_p50 = p(&work, 50.0);
    summary.work_p95 = p(&work, 95.0);
    summary.render_p50 = p(&render, 50.0);
    summary.render_p95 = p(&render, 95.0);
    summary.whole_ms_clock = !timelines.is_empty()
        && timelines.iter().all(|t| {
            std::iter::once(t.start)
                .chain(t.changes.iter().copied())
                .chain(t.frames.iter().map(|f| f.callback))
                .all(|v| v.fract() == 0.0)
        });
    summary.event_timing = event_timing.map(|_| EventTiming {
        reported: pairs.len(),
        p50: median(&pairs.iter().map(|p| p.0).collect::<Vec<_>>()).unwrap_or_default(),
        ours_p50: median(&pairs.iter().map(|p| p.1).collect::<Vec<_>>()).unwrap_or_default(),
    });
    Ok(summary)
}

/// Where the keystrokes are typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Header 1's value in the app's server answer, named and emptied first.
    HeaderValue,
    /// The first text input of the static page, where no script runs: the floor.
    StaticInput,
}

/// Types `count` keystrokes through WebDriver (trusted key events, as a person's), each after
/// the one before has settled, and measures them.
pub async fn keystrokes(
    browser: &Browser,
    url: &str,
    field: Field,
    count: usize,
) -> Result<Keystrokes, Error> {
    let css = match field {
        Field::HeaderValue => {
            open_editor(browser, url).await?;
            VALUE_INPUT
        }
        Field::StaticInput => {
            load_once(browser, url, false).await?;
            STATIC_INPUT
        }
    };
    browser.eval(probes::BENCH_KEYS).await?;
    let input = browser
        .client
        .find(Locator::Css(css))
        .await
        .context(format!("no `{css}` in {url}"))?;
    input
        .click()
        .await
        .context(format!("cannot focus `{css}`"))?;
    for i in 0..count {
        input
            .send_keys(&key_of(i))
            .await
            .context(format!("cannot type keystroke {i}"))?;
        // The next keystroke lands 0 to 15 ms after this one has settled (a fixed spread, the
        // same every run), on top of WebDriver's own round trip: a person's keystroke lands
        // anywhere between two frames.
        let answer = browser
            .eval_async(probes::BENCH_KEYS_WAIT, vec![json!(i), json!((i * 7) % 16)])
            .await?;
        if answer.as_str() != Some("ok") {
            return Err(Error::new(format!(
                "keystroke {i} in {}: {}",
                browser.engine.product(),
                answer
            )));
        }
    }
    let collected = browser
        .eval_async(probes::BENCH_KEYS_COLLECT, vec![])
        .await?;
    if let Some(error) = collected.get("error").and_then(Value::as_str) {
        return Err(Error::new(error.to_string()));
    }
    let timelines = keystroke::parse(collected.get("records").unwrap_or(&Value::Null))?;
    if timelines.len() != count {
        return Err(Error::new(format!(
            "{count} keystrokes in {} fired {} input events",
            browser.engine.product(),
            timelines.len()
        )));
    }
    let event_timing: Option<Vec<(f64, f64)>> = collected
        .get("eventTiming")
        .and_then(Value::as_array)
        .map(|entries| {
            entries
                .iter()
                .filter_map(|e| Some((e.get("start")?.as_f64()?, e.get("duration")?.as_f64()?)))
                .collect()
        });
    let mut summary = summarize(&timelines, event_timing.as_deref())?;
    summary.stray = collected
        .get("stray")
        .and_then(Value::as_u64)
        .unwrap_or_default() as usize;
    // Each delivery lists its first changes; the report names each kind once.
    for delivery in collected
        .get("strayWhat")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        for change in delivery.split(", ") {
            if !summary.stray_what.iter().any(|c| c == change) {
                summary.stray_what.push(change.to_string());
            }
        }
    }
    Ok(summary)
}

/// The keystrokes of one browser at its current speed: in the app, then on the static page.
pub async fn keystroke_row(
    browser: &Browser,
    options: &Options,
    pages: &Pages,
    speed: &str,
) -> Result<KeystrokeRow, Error> {
    let product = browser.engine.product();
    let app = step(
        &format!(
            "typed {} keystrokes into the app's header editor in {product} at {speed} CPU",
            options.edits
        ),
        keystrokes(browser, &pages.app, Field::HeaderValue, options.edits),
    )
    .await?;
    let floor = step(
        &format!(
            "typed {} keystrokes into the static page in {product} at {speed} CPU",
            options.edits
        ),
        keystrokes(
            browser,
            &pages.static_page,
            Field::StaticInput,
            options.edits,
        ),
    )
    .await?;
    Ok(KeystrokeRow { app, floor })
}

/// Synthetic edits for the memory row (see `probes/bench/edits.js`).
async fn edits(browser: &Browser, count: usize) -> Result<(), Error> {
    let value = browser
        .eval_async(probes::BENCH_EDITS, vec![json!(count)])
        .await?;
    match value.get("error").and_then(Value::as_str) {
        Some(error) => Err(Error::new(format!("edits in the header editor: {error}"))),
        None => Ok(()),
    }
}

async fn memory_now(browser: &Browser) -> Result<(f64, f64), Error> {
    browser
        .devtools("HeapProfiler.collectGarbage", json!({}))
        .await?;
    let value = browser.eval(probes::BENCH_MEMORY).await?;
    let number = |i: usize| value.get(i).and_then(Value::as_f64);
    match (number(0), number(1)) {
        (Some(heap), Some(wasm)) => Ok((heap, wasm)),
        (None, _) => Err(Error::new(
            "performance.memory is missing (Chromium without --enable-precise-memory-info?)",
        )),
        (_, None) => Err(Error::new(
            "the wasm memory is unknown: no TrunkApplicationStarted event with the instance",
        )),
    }
}

/// Everything Chromium measures.
pub struct Chromium {
    pub loads: [Loads; 2],
    pub transfers: Transfers,
    pub keystrokes: [KeystrokeRow; 2],
    pub memory: Memory,
}

/// Everything Chromium measures, in a session started with [`super::launch`]: the transfers
/// at 1×, then loads and keystrokes at each CPU speed, then memory at 1×.
pub async fn in_chromium(
    browser: &Browser,
    options: &Options,
    pages: &Pages,
    cache: &mut sizes::Cache,
) -> Result<Chromium, Error> {
    for (cmd, params) in [
        ("Page.enable", json!({})),
        // Every load is a first visit: no HTTP cache, no service worker answering from its
        // cache.
        ("Network.enable", json!({})),
        ("Network.setCacheDisabled", json!({ "cacheDisabled": true })),
        ("Network.setBypassServiceWorker", json!({ "bypass": true })),
        ("HeapProfiler.enable", json!({})),
        (
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": probes::BENCH_WASM_HOOK }),
        ),
    ] {
        browser.devtools(cmd, params).await?;
    }
    // One load of each first, so Chromium's own start-up work is not in the first samples.
    for (url, ready) in [
        (&pages.app, true),
        (&pages.counter, true),
        (&pages.static_page, false),
    ] {
        load_once(browser, url, ready).await?;
    }
    let transfers = step(
        "read what each page fetched, from resource timing",
        transfers(browser, pages, cache),
    )
    .await?;
    let mut loads_at = [Loads::default(); 2];
    let mut keys: [KeystrokeRow; 2] = Default::default();
    for (slot, rate) in [(0, 1.0), (1, THROTTLE)] {
        throttle(browser, rate).await?;
        loads_at[slot] = step(
            &format!(
                "loaded the app, the counter and the static page {} times each at {rate}× CPU",
                options.loads
            ),
            loads(browser, options, pages),
        )
        .await?;
        keys[slot] = keystroke_row(browser, options, pages, &format!("{rate}×")).await?;
    }
    throttle(browser, 1.0).await?;
    let memory = step(
        &format!("measured memory over {} edits", options.memory_edits),
        async {
            open_editor(browser, &pages.app).await?;
            edits(browser, options.memory_edits / 2).await?;
            let (heap_half, wasm_half) = memory_now(browser).await?;
            edits(browser, options.memory_edits / 2).await?;
            let (heap_end, wasm_end) = memory_now(browser).await?;
            Ok(Memory {
                heap_half,
                heap_end,
                wasm_half,
                wasm_end,
            })
        },
    )
    .await?;
    Ok(Chromium {
        loads: loads_at,
        transfers,
        keystrokes: keys,
        memory,
    })
}

/// The folder and URL prefix of each page, for the server and for [`Pages::mounts`].
pub fn mounts(app: &Path, counter: &Path, static_page: &Path) -> Vec<(String, PathBuf)> {
    vec![
        ("/app/".to_string(), app.to_path_buf()),
        ("/counter/".to_string(), counter.to_path_buf()),
        ("/static/".to_string(), static_page.to_path_buf()),
    ]
}

#[cfg(test)]
mod tests {
    use super::keystroke::Frame;
    use super::*;

    #[test]
    fn keys_type_the_value_then_delete_it() {
        let n = TYPED.chars().count();
        let typed: String = (0..n).map(key_of).collect();
        assert_eq!(typed, TYPED);
        let backspace = Key::Backspace.to_string();
        assert!((n..2 * n).all(|i| key_of(i) == backspace));
        assert_eq!(key_of(2 * n), "n");
    }

    #[test]
    fn rows_sum_up_their_keystrokes_and_cross_check_event_timing() {
        // Keystroke i starts at 1000·i, renders in the event's task, and its first frame has
        // rendered after 5 + i/10 ms; every tenth one changes the DOM again at 15 ms and needs a
        // second frame.
        let timelines: Vec<Timeline> = (0..100)
            .map(|i| {
                let start = 1_000.0 * i as f64;
                let second = i % 10 == 9;
                let mut changes = vec![start + 1.0];
                if second {
                    changes.push(start + 15.0);
                }
                let frames = (0..3)
                    .map(|k| Frame {
                        callback: start + 4.0 + i as f64 / 10.0 + 16.0 * k as f64,
                        rendered: Some(start + 5.0 + i as f64 / 10.0 + 16.0 * k as f64),
                    })
                    .collect();
                Timeline {
                    start,
                    changes,
                    frames,
                    trusted: i != 0,
                }
            })
            .collect();
        // Event Timing reported the ten slow ones, 24 ms each, and an event of no edit.
        let entries: Vec<(f64, f64)> = (0..10)
            .map(|j| (1_000.0 * (10 * j + 9) as f64, 24.0))
            .chain([(123.0, 16.0)])
            .collect();
        let k = summarize(&timelines, Some(&entries)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (k.edits, k.trusted, k.later_frame, k.late),
            (100, 99, 10, 0)
        );
        // The slow ones end at 21 + i/10 (i = 9, 19, … 99): 21.9 … 30.9 ms.
        assert!((k.max - 30.9).abs() < 1e-9, "{k:?}");
        assert!(k.p95 > 20.0 && k.p50 < 11.0, "{k:?}");
        assert!((k.render_p50 - 1.0).abs() < 1e-9 && (k.render_p95 - 1.0).abs() < 1e-9);
        let e = k.event_timing.unwrap_or_default();
        assert_eq!(e.reported, 10);
        assert_eq!(e.p50, 24.0);
        assert!((e.ours_p50 - 26.4).abs() < 1e-9, "{e:?}");
        assert_eq!(
            summarize(&timelines, None).map(|k| k.event_timing),
            Ok(None)
        );
        assert!(!k.whole_ms_clock);
        let whole: Vec<Timeline> = timelines
            .iter()
            .map(|t| Timeline {
                start: t.start.round(),
                changes: t.changes.iter().map(|c| c.round()).collect(),
                frames: t
                    .frames
                    .iter()
                    .map(|f| Frame {
                        callback: f.callback.round(),
                        rendered: f.rendered.map(f64::round),
                    })
                    .collect(),
                trusted: t.trusted,
            })
            .collect();
        assert!(summarize(&whole, None).is_ok_and(|k| k.whole_ms_clock));
        // A keystroke that never settled fails the row, naming it.
        let mut unsettled = timelines;
        unsettled[3].changes = vec![3_001.0, 3_020.0, 3_036.0, 3_052.0];
        assert!(summarize(&unsettled, None).is_err_and(|e| e.message().starts_with("edit 3:")));
    }
}
