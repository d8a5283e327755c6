//! The bench's figures, its targets, and the one table and JSON file it writes.

use serde_json::{json, Value};

use super::sizes::{Size, Sizes, KINDS};
use super::transfer::Transfer;

/// Brotli bytes fetched before the ready mark (1 KB = 1,000 bytes).
pub const CRITICAL_TARGET_BYTES: u64 = 120_000;
/// The app's first contentful paint at most this many times the static page's.
pub const FCP_RATIO_TARGET: f64 = 1.2;
/// The app's ready mark at most this many times the counter's.
pub const READY_RATIO_TARGET: f64 = 1.5;
/// One frame at 60 Hz.
pub const KEYSTROKE_P95_TARGET_MS: f64 = 16.7;
pub const KEYSTROKE_P95_THROTTLED_TARGET_MS: f64 = 50.0;
pub const MEMORY_GROWTH_TARGET: f64 = 0.05;
pub const THROTTLE: f64 = 4.0;

/// Median first contentful paint and ready time of one page at one CPU speed, in ms (`ready`
/// is `None` for the static page, which has no script to be ready).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Load {
    pub fcp: f64,
    pub ready: Option<f64>,
}

/// The three pages at one CPU speed.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Loads {
    pub app: Load,
    pub counter: Load,
    pub static_page: Load,
}

impl Loads {
    /// The app's first contentful paint over the static page's.
    pub fn fcp_ratio(&self) -> f64 {
        ratio(self.app.fcp, self.static_page.fcp)
    }

    /// The app's ready mark over the counter's.
    pub fn ready_ratio(&self) -> f64 {
        match (self.app.ready, self.counter.ready) {
            (Some(app), Some(counter)) => ratio(app, counter),
            _ => f64::INFINITY,
        }
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        f64::INFINITY
    }
}

/// Event Timing's view of the same keystrokes (trusted `input` events of 16 ms and more).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct EventTiming {
    /// Keystrokes it reported.
    pub reported: usize,
    /// Median of its durations, and of the bench's own figure for the same keystrokes.
    pub p50: f64,
    pub ours_p50: f64,
}

/// One keystroke row: end-to-end latency and the app's own work, in ms.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Keystrokes {
    /// From the `input` event to the end of the frame that painted its last DOM change.
    pub p50: f64,
    pub p95: f64,
    pub max: f64,
    /// From the `input` event to its last DOM change.
    pub work_p50: f64,
    pub work_p95: f64,
    /// The painting frame's style, layout and paint (from its callback to its end).
    pub render_p50: f64,
    pub render_p95: f64,
    pub edits: usize,
    /// Edits that the browser made (trusted events).
    pub trusted: usize,
    /// Edits painted after the first frame.
    pub later_frame: usize,
    /// Edits with a DOM change after the confirming quiet frame.
    pub late: usize,
    /// DOM changes while no edit was being recorded (between keystrokes), and what the first
    /// few changed.
    pub stray: usize,
    pub stray_what: Vec<String>,
    /// Every time the page gave was a whole millisecond (Firefox rounds its clock so).
    pub whole_ms_clock: bool,
    /// `None` where the browser has no Event Timing.
    pub event_timing: Option<EventTiming>,
}

/// A figure, or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub enum Measured<T> {
    Yes(T),
    Not(String),
}

impl<T> Measured<T> {
    pub fn get(&self) -> Option<&T> {
        match self {
            Measured::Yes(t) => Some(t),
            Measured::Not(_) => None,
        }
    }
}

impl<T> Default for Measured<T> {
    fn default() -> Self {
        Measured::Not("not measured".to_string())
    }
}

/// One browser at one speed: the app, and the floor (the same keystrokes typed into an input
/// of the static page, where no script runs: the wait for the frame and the browser's own
/// work).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeystrokeRow {
    pub app: Keystrokes,
    pub floor: Keystrokes,
}

/// The keystroke rows, in table order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeystrokeRows {
    /// At 1× and 4× CPU.
    pub chromium: [KeystrokeRow; 2],
    pub firefox: Measured<KeystrokeRow>,
    /// Why Firefox has no 4× row.
    pub firefox_throttled: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Memory {
    pub heap_half: f64,
    pub heap_end: f64,
    pub wasm_half: f64,
    pub wasm_end: f64,
}

/// What each page fetched.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Transfers {
    pub app: Transfer,
    pub counter: Transfer,
    pub static_page: Transfer,
}

#[derive(Debug, Default)]
pub struct Figures {
    /// At 1× and at 4× CPU.
    pub loads: [Loads; 2],
    pub transfers: Transfers,
    pub keystrokes: KeystrokeRows,
    pub memory: Memory,
}

// ---------------------------------------------------------------------------------------
// Statistics

pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let upper = *sorted.get(n / 2)?;
    if n % 2 == 1 {
        Some(upper)
    } else {
        Some((sorted.get(n / 2 - 1)? + upper) / 2.0)
    }
}

/// The nearest-rank percentile: the smallest value with at least `p`% of values at or below it.
pub fn percentile(values: &[f64], p: f64) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted.get(rank - 1).copied()
}

/// Growth from `before` to `after` as a fraction (0.05 is 5%).
pub fn growth(before: f64, after: f64) -> f64 {
    if before > 0.0 {
        (after - before) / before
    } else {
        0.0
    }
}

// ---------------------------------------------------------------------------------------
// Verdicts

/// Whether a target is met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Met,
    Missed,
    /// No figure to judge (a browser missing, or a transfer with unmatched fetches that is
    /// within the target only because something was left out).
    NotMeasured,
}

impl Verdict {
    fn of(met: bool) -> Verdict {
        if met {
            Verdict::Met
        } else {
            Verdict::Missed
        }
    }

    fn cell(self) -> String {
        match self {
            Verdict::Met => "met",
            Verdict::Missed => "MISSED",
            Verdict::NotMeasured => "not measured",
        }
        .to_string()
    }
}

// ---------------------------------------------------------------------------------------
// The report

/// Everything one bench run measured.
pub struct Report {
    /// `Chromium 156.0…` and, when it ran, `Firefox 153.0…`.
    pub browsers: Vec<String>,
    /// loads, edits, memory edits
    pub options: (usize, usize, usize),
    pub app_sizes: Sizes,
    pub counter_sizes: Sizes,
    pub figures: Figures,
}

/// Bytes as KB (1,000 bytes) with one decimal.
pub fn kb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1000.0)
}

const SPEEDS: [&str; 2] = ["1×", "4×"];

impl Report {
    fn memory_growth(&self) -> (f64, f64) {
        let m = &self.figures.memory;
        (
            growth(m.heap_half, m.heap_end),
            growth(m.wasm_half, m.wasm_end),
        )
    }

    fn critical_verdict(&self) -> Verdict {
        let app = &self.figures.transfers.app;
        let within = app.critical <= CRITICAL_TARGET_BYTES;
        if within && !app.whole() {
            Verdict::NotMeasured
        } else {
            Verdict::of(within)
        }
    }

    /// Each target with its verdict, in table order.
    pub fn verdicts(&self) -> Vec<(&'static str, Verdict)> {
        let l = &self.figures.loads;
        let (heap, wasm) = self.memory_growth();
        let k = &self.figures.keystrokes;
        let firefox = match &k.firefox {
            Measured::Yes(f) => Verdict::of(f.app.p95 <= KEYSTROKE_P95_TARGET_MS),
            Measured::Not(_) => Verdict::NotMeasured,
        };
        vec![
            ("critical transfer", self.critical_verdict()),
            ("fcp 1×", Verdict::of(l[0].fcp_ratio() <= FCP_RATIO_TARGET)),
            (
                "ready 1×",
                Verdict::of(l[0].ready_ratio() <= READY_RATIO_TARGET),
            ),
            ("fcp 4×", Verdict::of(l[1].fcp_ratio() <= FCP_RATIO_TARGET)),
            (
                "ready 4×",
                Verdict::of(l[1].ready_ratio() <= READY_RATIO_TARGET),
            ),
            (
                "keystroke Chromium 1×",
                Verdict::of(k.chromium[0].app.p95 <= KEYSTROKE_P95_TARGET_MS),
            ),
            (
                "keystroke Chromium 4×",
                Verdict::of(k.chromium[1].app.p95 <= KEYSTROKE_P95_THROTTLED_TARGET_MS),
            ),
            ("keystroke Firefox 1×", firefox),
            ("JS heap growth", Verdict::of(heap < MEMORY_GROWTH_TARGET)),
            (
                "wasm memory growth",
                Verdict::of(wasm < MEMORY_GROWTH_TARGET),
            ),
        ]
    }

    pub fn table(&self) -> String {
        let (loads, edits, memory_edits) = self.options;
        let verdicts = self.verdicts();
        let verdict = |name: &str| {
            verdicts
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.cell())
                .unwrap_or_default()
        };
        let mut rows: Vec<[String; 6]> = Vec::new();
        let dash = || "-".to_string();
        let size_cell = |s: Option<&Size>| {
            s.map(|s| format!("{} / {} / {}", kb(s.raw), kb(s.gzip), kb(s.brotli)))
                .unwrap_or_else(dash)
        };
        for kind in KINDS {
            rows.push([
                format!("{kind} file KB raw / gzip / brotli"),
                size_cell(self.app_sizes.by_kind.get(kind)),
                size_cell(self.counter_sizes.by_kind.get(kind)),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        rows.push([
            "files index.html loads, KB raw / gzip / brotli".into(),
            size_cell(Some(&self.app_sizes.total())),
            size_cell(Some(&self.counter_sizes.total())),
            String::new(),
            String::new(),
            String::new(),
        ]);

        let t = &self.figures.transfers;
        rows.push([
            "critical transfer KB brotli (fetched before ready)".into(),
            kb(t.app.critical),
            kb(t.counter.critical),
            format!("{} (all)", kb(t.static_page.total)),
            format!("≤ {}", kb(CRITICAL_TARGET_BYTES)),
            verdict("critical transfer"),
        ]);
        let lazy_note = match t.app.lazy_at {
            Some(at) => format!("lazy assets by {at:.0} ms"),
            None => "no nocontent-prose mark".to_string(),
        };
        rows.push([
            "total transfer KB brotli (settled, with lazy assets)".into(),
            format!("{} ({lazy_note})", kb(t.app.total)),
            kb(t.counter.total),
            kb(t.static_page.total),
            "(reported beside)".into(),
            String::new(),
        ]);
        for (name, transfer) in [
            ("nocontent", &t.app),
            ("counter", &t.counter),
            ("static page", &t.static_page),
        ] {
            let mut problems = Vec::new();
            if !transfer.unknown.is_empty() {
                problems.push(format!(
                    "not matched to a file: {}",
                    transfer.unknown.join(", ")
                ));
            }
            if !transfer.mismatched.is_empty() {
                problems.push(format!("size differs: {}", transfer.mismatched.join(", ")));
            }
            if !transfer.repeated.is_empty() {
                problems.push(format!("fetched again: {}", transfer.repeated.join(", ")));
            }
            if !problems.is_empty() {
                rows.push([
                    format!("  fetches of {name} to check"),
                    problems.join("; "),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
            }
        }

        for (i, speed) in SPEEDS.iter().enumerate() {
            let l = self.figures.loads.get(i).copied().unwrap_or_default();
            let ms = |v: Option<f64>| v.map(|v| format!("{v:.0}")).unwrap_or_else(dash);
            rows.push([
                format!("first contentful paint ms, {speed} CPU"),
                ms(Some(l.app.fcp)),
                ms(Some(l.counter.fcp)),
                ms(Some(l.static_page.fcp)),
                format!("≤ {FCP_RATIO_TARGET}× static: {:.2}×", l.fcp_ratio()),
                verdict(&format!("fcp {speed}")),
            ]);
            rows.push([
                format!("app ready ms, {speed} CPU"),
                ms(l.app.ready),
                ms(l.counter.ready),
                dash(),
                format!("≤ {READY_RATIO_TARGET}× counter: {:.2}×", l.ready_ratio()),
                verdict(&format!("ready {speed}")),
            ]);
        }

        let k = &self.figures.keystrokes;
        let figure = |f: &Keystrokes| format!("{:.1} / {:.1} ({:.1})", f.p50, f.p95, f.max);
        let mut keystroke_rows =
            |label: String, row: Option<&KeystrokeRow>, why: &str, target: f64, name: &str| {
                let Some(KeystrokeRow { app: f, floor }) = row else {
                    rows.push([
                        label,
                        why.to_string(),
                        dash(),
                        dash(),
                        format!("p95 ≤ {target}"),
                        if name.is_empty() {
                            String::new()
                        } else {
                            verdict(name)
                        },
                    ]);
                    return;
                };
                rows.push([
                    label,
                    figure(f),
                    dash(),
                    figure(floor),
                    format!("p95 ≤ {target}"),
                    verdict(name),
                ]);
                rows.push([
                    "  of which app work (to its last DOM change) p50 / p95".into(),
                    format!("{:.1} / {:.1}", f.work_p50, f.work_p95),
                    String::new(),
                    String::new(),
                    "(no target)".into(),
                    String::new(),
                ]);
                rows.push([
                    "  of which the frame's style, layout, paint p50 / p95".into(),
                    format!("{:.1} / {:.1}", f.render_p50, f.render_p95),
                    String::new(),
                    format!("{:.1} / {:.1}", floor.render_p50, floor.render_p95),
                    "(no target)".into(),
                    String::new(),
                ]);
                let mut notes = vec![format!(
                    "{} of {} painted after the first frame",
                    f.later_frame, f.edits
                )];
                if f.late > 0 {
                    notes.push(format!("{} with a DOM change after a quiet frame", f.late));
                }
                if f.whole_ms_clock {
                    notes.push("the page's clock ticks in whole ms".to_string());
                }
                if f.stray > 0 {
                    notes.push(format!(
                        "{} DOM changes between keystrokes ({})",
                        f.stray,
                        f.stray_what.join("; ")
                    ));
                }
                for (what, k) in [("", f), (" on the static page", floor)] {
                    if k.trusted < k.edits {
                        notes.push(format!(
                            "only {} of {} trusted events{what}",
                            k.trusted, k.edits
                        ));
                    }
                }
                rows.push([
                    "  frames".into(),
                    notes.join("; "),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
                let cross = match f.event_timing {
                    None => "no Event Timing in this browser".to_string(),
                    Some(e) if e.reported == 0 => {
                        "reported none (it reports only keystrokes of 16 ms and more)".to_string()
                    }
                    Some(e) => format!(
                        "reported {} of {}: p50 {:.0} against ours {:.1} for the same",
                        e.reported, f.edits, e.p50, e.ours_p50
                    ),
                };
                rows.push([
                    "  Event Timing cross-check ms".into(),
                    cross,
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
            };
        keystroke_rows(
            "keystroke ms p50 / p95 (max), Chromium 1× CPU".into(),
            k.chromium.first(),
            "",
            KEYSTROKE_P95_TARGET_MS,
            "keystroke Chromium 1×",
        );
        keystroke_rows(
            "keystroke ms p50 / p95 (max), Chromium 4× CPU".into(),
            k.chromium.get(1),
            "",
            KEYSTROKE_P95_THROTTLED_TARGET_MS,
            "keystroke Chromium 4×",
        );
        let firefox_why = match &k.firefox {
            Measured::Not(why) => why.clone(),
            Measured::Yes(_) => String::new(),
        };
        keystroke_rows(
            "keystroke ms p50 / p95 (max), Firefox 1× CPU".into(),
            k.firefox.get(),
            &firefox_why,
            KEYSTROKE_P95_TARGET_MS,
            "keystroke Firefox 1×",
        );
        keystroke_rows(
            "keystroke ms p50 / p95 (max), Firefox 4× CPU".into(),
            None,
            &k.firefox_throttled,
            KEYSTROKE_P95_THROTTLED_TARGET_MS,
            "",
        );

        let m = &self.figures.memory;
        let (heap, wasm) = self.memory_growth();
        let mb = |b: f64| format!("{:.2}", b / 1_000_000.0);
        for (what, half, end, grew, name) in [
            ("JS heap", m.heap_half, m.heap_end, heap, "JS heap growth"),
            (
                "wasm memory",
                m.wasm_half,
                m.wasm_end,
                wasm,
                "wasm memory growth",
            ),
        ] {
            rows.push([
                format!(
                    "{what} MB at edit {} → {memory_edits}, Chromium",
                    memory_edits / 2
                ),
                format!("{} → {} ({:+.1}%)", mb(half), mb(end), grew * 100.0),
                dash(),
                dash(),
                format!("growth < {:.0}%", MEMORY_GROWTH_TARGET * 100.0),
                verdict(name),
            ]);
        }
        let title = format!(
            "nocontent bench: release build, {}, headless, localhost; loads are medians of {loads} cold loads of each page, alternated; {edits} edits per keystroke row; 1 KB = 1,000 bytes",
            self.browsers.join(" and ")
        );
        format!(
            "{title}\n{}",
            render_table(
                &[
                    "measure",
                    "nocontent",
                    "counter app",
                    "static page",
                    "target",
                    "verdict"
                ],
                &rows
            )
        )
    }

    pub fn json(&self) -> Value {
        let sizes = |s: &Sizes| {
            let mut kinds = serde_json::Map::new();
            for (kind, size) in &s.by_kind {
                kinds.insert(
                    kind.to_string(),
                    json!({"raw": size.raw, "gzip": size.gzip, "brotli": size.brotli}),
                );
            }
            let t = s.total();
            json!({"files": s.files, "by_kind": kinds,
                   "total": {"raw": t.raw, "gzip": t.gzip, "brotli": t.brotli}})
        };
        let transfer = |t: &Transfer| {
            json!({
                "critical_brotli": t.critical,
                "total_brotli": t.total,
                "lazy_mark_ms": t.lazy_at,
                "fetches": t.fetches.iter().map(|c| json!({
                    "url": c.fetch.url,
                    "file": c.file,
                    "initiator": c.fetch.initiator,
                    "fetch_start_ms": c.fetch.start,
                    "response_end_ms": c.fetch.end,
                    "body_bytes": c.fetch.body,
                    "brotli": c.brotli,
                    "critical": c.critical,
                })).collect::<Vec<_>>(),
                "unknown": t.unknown,
                "mismatched": t.mismatched,
                "repeated": t.repeated,
            })
        };
        let load = |l: Load| json!({"fcp_ms": l.fcp, "ready_ms": l.ready});
        let loads = |l: &Loads| {
            json!({"app": load(l.app), "counter": load(l.counter), "static": load(l.static_page),
                   "fcp_ratio_to_static": l.fcp_ratio(), "ready_ratio_to_counter": l.ready_ratio()})
        };
        let keys = |k: &Keystrokes| {
            json!({"p50_ms": k.p50, "p95_ms": k.p95, "max_ms": k.max,
            "work_p50_ms": k.work_p50, "work_p95_ms": k.work_p95,
            "render_p50_ms": k.render_p50, "render_p95_ms": k.render_p95,
            "edits": k.edits, "trusted": k.trusted,
            "painted_after_first_frame": k.later_frame, "late_changes": k.late,
            "changes_between_keystrokes": k.stray,
            "changes_between_keystrokes_first": k.stray_what,
            "whole_ms_clock": k.whole_ms_clock,
            "event_timing": k.event_timing.map(|e| json!({
                "reported": e.reported, "p50_ms": e.p50, "ours_p50_ms": e.ours_p50,
            }))})
        };
        let row =
            |r: &KeystrokeRow| json!({"app": keys(&r.app), "static_page_floor": keys(&r.floor)});
        let k = &self.figures.keystrokes;
        let m = &self.figures.memory;
        let (heap, wasm) = self.memory_growth();
        let targets: serde_json::Map<String, Value> = self
            .verdicts()
            .into_iter()
            .map(|(name, v)| (name.to_string(), Value::String(v.cell())))
            .collect();
        let t = &self.figures.transfers;
        json!({
            "browsers": self.browsers,
            "unix_time": std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or_default(),
            "loads": self.options.0,
            "edits": self.options.1,
            "memory_edits": self.options.2,
            "sizes": {"app": sizes(&self.app_sizes), "counter": sizes(&self.counter_sizes)},
            "transfer": {"app": transfer(&t.app), "counter": transfer(&t.counter),
                         "static": transfer(&t.static_page)},
            "load": {"cpu_1x": loads(&self.figures.loads[0]), "cpu_4x": loads(&self.figures.loads[1])},
            "keystroke": {
                "chromium_cpu_1x": row(&k.chromium[0]),
                "chromium_cpu_4x": row(&k.chromium[1]),
                "firefox_cpu_1x": match &k.firefox {
                    Measured::Yes(f) => row(f),
                    Measured::Not(why) => json!({"not_measured": why}),
                },
                "firefox_cpu_4x": {"not_measured": k.firefox_throttled},
            },
            "memory": {
                "js_heap_bytes": {"half": m.heap_half, "end": m.heap_end, "growth": heap},
                "wasm_memory_bytes": {"half": m.wasm_half, "end": m.wasm_end, "growth": wasm},
            },
            "targets": targets,
        })
    }
}

/// A plain-text table with a header rule; columns as wide as their widest cell.
pub fn render_table<const N: usize>(headers: &[&str; N], rows: &[[String; N]]) -> String {
    let mut widths = headers.map(|h| h.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        format!("| {} |", padded.join(" | ")).trim_end().to_string()
    };
    let mut out = vec![line(headers.to_vec())];
    out.push(format!(
        "|{}|",
        widths
            .iter()
            .map(|w| "-".repeat(w + 2))
            .collect::<Vec<_>>()
            .join("|")
    ));
    for row in rows {
        out.push(line(row.iter().map(String::as_str).collect()));
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_percentiles() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        let hundred: Vec<f64> = (1..=100).rev().map(f64::from).collect();
        assert_eq!(percentile(&hundred, 50.0), Some(50.0));
        assert_eq!(percentile(&hundred, 95.0), Some(95.0));
        assert_eq!(percentile(&hundred, 100.0), Some(100.0));
        assert_eq!(percentile(&[7.0], 95.0), Some(7.0));
        assert_eq!(percentile(&[], 95.0), None);
        let two_hundred: Vec<f64> = (1..=200).map(f64::from).collect();
        assert_eq!(percentile(&two_hundred, 95.0), Some(190.0));
        assert!((growth(100.0, 104.0) - 0.04).abs() < 1e-9);
        assert_eq!(growth(0.0, 5.0), 0.0);
    }

    #[test]
    fn tables_line_up() {
        let table = render_table(
            &["measure", "value"],
            &[
                ["wasm".to_string(), "176.0".to_string()],
                ["ready 4×".to_string(), "1".to_string()],
            ],
        );
        assert_eq!(
            table,
            "| measure  | value |\n|----------|-------|\n| wasm     | 176.0 |\n| ready 4× | 1     |"
        );
        assert_eq!(kb(176_049), "176.0");
    }

    /// A report that meets every target by a small margin.
    fn passing() -> Report {
        let load = |fcp: f64, ready: Option<f64>| Load { fcp, ready };
        let speed = |scale: f64| Loads {
            app: load(60.0 * scale, Some(75.0 * scale)),
            counter: load(40.0 * scale, Some(50.0 * scale)),
            static_page: load(50.0 * scale, None),
        };
        let keys = |p95: f64| {
            let app = Keystrokes {
                p50: p95 / 2.0,
                p95,
                max: p95 * 2.0,
                edits: 200,
                trusted: 200,
                ..Keystrokes::default()
            };
            // The floor does not count for the targets.
            let floor = Keystrokes {
                p95: 100.0,
                ..app.clone()
            };
            KeystrokeRow { app, floor }
        };
        Report {
            browsers: vec!["Chromium 156".into(), "Firefox 153".into()],
            options: (15, 200, 1_000),
            app_sizes: Sizes::default(),
            counter_sizes: Sizes::default(),
            figures: Figures {
                loads: [speed(1.0), speed(4.0)],
                transfers: Transfers {
                    app: Transfer {
                        critical: 120_000,
                        total: 180_000,
                        ..Transfer::default()
                    },
                    ..Transfers::default()
                },
                keystrokes: KeystrokeRows {
                    chromium: [keys(16.7), keys(50.0)],
                    firefox: Measured::Yes(keys(16.7)),
                    firefox_throttled: "no CPU throttling over WebDriver".into(),
                },
                memory: Memory {
                    heap_half: 1_000_000.0,
                    heap_end: 1_049_000.0,
                    wasm_half: 2_000_000.0,
                    wasm_end: 2_000_000.0,
                },
            },
        }
    }

    fn missed(report: &Report) -> Vec<&'static str> {
        report
            .verdicts()
            .into_iter()
            .filter(|(_, v)| *v != Verdict::Met)
            .map(|(name, _)| name)
            .collect()
    }

    #[test]
    fn targets_are_met_up_to_their_limits() {
        let report = passing();
        assert_eq!(missed(&report), Vec::<&str>::new());
        assert_eq!(report.verdicts().len(), 10);
        // 60 / 50 and 75 / 50: exactly at 1.2× and 1.5×.
        assert_eq!(report.figures.loads[0].fcp_ratio(), 1.2);
        assert_eq!(report.figures.loads[1].ready_ratio(), 1.5);
        let table = report.table();
        assert!(table.contains("≤ 1.2× static: 1.20×"), "{table}");
        assert!(
            table.contains("no CPU throttling over WebDriver"),
            "{table}"
        );
        assert!(!table.contains("MISSED"), "{table}");
    }

    #[test]
    fn each_target_is_missed_just_past_its_limit() {
        let mut r = passing();
        r.figures.transfers.app.critical = 120_001;
        assert_eq!(missed(&r), vec!["critical transfer"]);

        let mut r = passing();
        r.figures.loads[0].app.fcp = 60.1;
        assert_eq!(missed(&r), vec!["fcp 1×"]);
        let mut r = passing();
        r.figures.loads[1].static_page.fcp = 199.0;
        assert_eq!(missed(&r), vec!["fcp 4×"]);

        let mut r = passing();
        r.figures.loads[0].counter.ready = Some(49.9);
        assert_eq!(missed(&r), vec!["ready 1×"]);
        let mut r = passing();
        r.figures.loads[1].app.ready = None;
        assert_eq!(missed(&r), vec!["ready 4×"]);

        let mut r = passing();
        r.figures.keystrokes.chromium[0].app.p95 = 16.8;
        assert_eq!(missed(&r), vec!["keystroke Chromium 1×"]);
        let mut r = passing();
        r.figures.keystrokes.chromium[1].app.p95 = 50.1;
        assert_eq!(missed(&r), vec!["keystroke Chromium 4×"]);
        let mut r = passing();
        if let Measured::Yes(f) = &mut r.figures.keystrokes.firefox {
            f.app.p95 = 17.0;
        }
        assert_eq!(missed(&r), vec!["keystroke Firefox 1×"]);

        let mut r = passing();
        r.figures.memory.heap_end = 1_050_000.0;
        assert_eq!(missed(&r), vec!["JS heap growth"]);
        let mut r = passing();
        r.figures.memory.wasm_end = 2_100_001.0;
        assert_eq!(missed(&r), vec!["wasm memory growth"]);
    }

    #[test]
    fn what_was_not_measured_is_not_met() {
        let mut r = passing();
        r.figures.keystrokes.firefox = Measured::Not("Firefox not found".into());
        let verdicts = r.verdicts();
        assert!(verdicts.contains(&("keystroke Firefox 1×", Verdict::NotMeasured)));
        assert!(r.table().contains("Firefox not found"));

        // A fetch the bench could not size: within the target only by leaving it out.
        let mut r = passing();
        r.figures.transfers.app.unknown = vec!["http://elsewhere/x.js".into()];
        assert!(r
            .verdicts()
            .contains(&("critical transfer", Verdict::NotMeasured)));
        assert!(r
            .table()
            .contains("not matched to a file: http://elsewhere/x.js"));
        r.figures.transfers.app.critical = 130_000;
        assert!(r
            .verdicts()
            .contains(&("critical transfer", Verdict::Missed)));
    }
}
