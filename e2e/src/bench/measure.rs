//! The figures a browser gives: load times, keystroke latency and memory, measured in the
//! page by the scripts in `probes/bench/`, with DevTools commands for CPU throttling and
//! garbage collection.

use serde_json::{json, Value};

use super::report::{median, percentile, Figures, Keystrokes, Load, Memory, THROTTLE};
use super::{step, Options};
use crate::error::Error;
use crate::probes;
use crate::session::Browser;

async fn throttle(browser: &Browser, rate: f64) -> Result<(), Error> {
    browser
        .devtools("Emulation.setCPUThrottlingRate", json!({ "rate": rate }))
        .await
        .map(|_| ())
}

async fn load_once(browser: &Browser, url: &str) -> Result<Load, Error> {
    browser.open_fresh(url).await?;
    let value = browser.eval_async(probes::BENCH_LOAD, vec![]).await?;
    let pair = value.as_array().filter(|a| a.len() == 2).ok_or_else(|| {
        Error::new(format!(
            "{url}: no first contentful paint and `nocontent-ready` mark within 60 s"
        ))
    })?;
    let number = |i: usize| pair.get(i).and_then(Value::as_f64).unwrap_or_default();
    Ok(Load {
        fcp: number(0),
        ready: number(1),
    })
}

/// Loads the app and the counter alternately, so drift in the machine affects both alike.
async fn loads(browser: &Browser, options: &Options, urls: [&str; 2]) -> Result<[Load; 2], Error> {
    let mut samples = [Vec::new(), Vec::new()];
    for _ in 0..options.loads {
        for (url, sample) in urls.iter().zip(samples.iter_mut()) {
            sample.push(load_once(browser, url).await?);
        }
    }
    let summary = |s: &Vec<Load>| Load {
        fcp: median(&s.iter().map(|l| l.fcp).collect::<Vec<_>>()).unwrap_or_default(),
        ready: median(&s.iter().map(|l| l.ready).collect::<Vec<_>>()).unwrap_or_default(),
    };
    Ok([summary(&samples[0]), summary(&samples[1])])
}

async fn open_editor(browser: &Browser, app_url: &str) -> Result<(), Error> {
    load_once(browser, app_url).await?;
    let answer = browser.eval_async(probes::BENCH_EDITOR, vec![]).await?;
    match answer.as_str() {
        Some("ok") => Ok(()),
        other => Err(Error::new(format!(
            "could not open the header editor: {}",
            other.unwrap_or("no answer")
        ))),
    }
}

async fn edits(browser: &Browser, count: usize) -> Result<(Vec<f64>, Vec<f64>), Error> {
    let value = browser
        .eval_async(probes::BENCH_EDITS, vec![json!(count)])
        .await?;
    if let Some(error) = value.get("error").and_then(Value::as_str) {
        return Err(Error::new(format!("edits in the header editor: {error}")));
    }
    let list = |key: &str| -> Vec<f64> {
        value
            .get(key)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default()
    };
    let (times, work) = (list("times"), list("work"));
    if times.len() != count || work.len() != count {
        return Err(Error::new(format!(
            "edits in the header editor: {} of {count} reached a frame, {} finished their work",
            times.len(),
            work.len()
        )));
    }
    Ok((times, work))
}

async fn keystrokes(browser: &Browser, app_url: &str, count: usize) -> Result<Keystrokes, Error> {
    open_editor(browser, app_url).await?;
    let (times, work) = edits(browser, count).await?;
    Ok(Keystrokes {
        p50: percentile(&times, 50.0).unwrap_or_default(),
        p95: percentile(&times, 95.0).unwrap_or_default(),
        max: percentile(&times, 100.0).unwrap_or_default(),
        work_p50: percentile(&work, 50.0).unwrap_or_default(),
        work_p95: percentile(&work, 95.0).unwrap_or_default(),
    })
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

/// Every browser figure, in a session started with [`super::launch`].
pub async fn in_browser(
    browser: &Browser,
    options: &Options,
    app_url: &str,
    counter_url: &str,
) -> Result<Figures, Error> {
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
    // One load first, so Chromium's own start-up work is not in the first sample.
    load_once(browser, app_url).await?;
    let mut figures = Figures::default();
    let urls = [app_url, counter_url];
    for (slot, rate) in [(0, 1.0), (1, THROTTLE)] {
        throttle(browser, rate).await?;
        let [app, counter] = step(
            &format!(
                "loaded the app and the counter {} times each at {rate}× CPU",
                options.loads
            ),
            loads(browser, options, urls),
        )
        .await?;
        figures.loads[slot * 2] = app;
        figures.loads[slot * 2 + 1] = counter;
        figures.keystrokes[slot] = step(
            &format!(
                "timed {} edits in the header editor at {rate}× CPU",
                options.edits
            ),
            keystrokes(browser, app_url, options.edits),
        )
        .await?;
    }
    throttle(browser, 1.0).await?;
    figures.memory = step(
        &format!("measured memory over {} edits", options.memory_edits),
        async {
            open_editor(browser, app_url).await?;
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
    Ok(figures)
}
