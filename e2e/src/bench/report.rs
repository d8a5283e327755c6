//! The bench's figures, its targets, and the one table and JSON file it writes.

use serde_json::{json, Value};

use super::sizes::{Size, Sizes, KINDS};

/// Total brotli bytes of everything the page loads (1 KB = 1,000 bytes).
pub const SIZE_TARGET_BYTES: u64 = 120_000;
/// App load figures at most this many times the counter app's.
pub const LOAD_RATIO_TARGET: f64 = 1.5;
pub const KEYSTROKE_P95_TARGET_MS: f64 = 16.0;
pub const KEYSTROKE_P95_THROTTLED_TARGET_MS: f64 = 50.0;
pub const MEMORY_GROWTH_TARGET: f64 = 0.05;
pub const THROTTLE: f64 = 4.0;

/// Median first contentful paint and ready time of one app at one CPU speed, in ms.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Load {
    pub fcp: f64,
    pub ready: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Keystrokes {
    /// From the input event to the next animation frame.
    pub p50: f64,
    pub p95: f64,
    pub max: f64,
    /// From the input event to the end of the app's work for it.
    pub work_p50: f64,
    pub work_p95: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Memory {
    pub heap_half: f64,
    pub heap_end: f64,
    pub wasm_half: f64,
    pub wasm_end: f64,
}

#[derive(Debug, Default)]
pub struct Figures {
    /// [app 1×, counter 1×, app 4×, counter 4×]
    pub loads: [Load; 4],
    /// [1×, 4×]
    pub keystrokes: [Keystrokes; 2],
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
// The report

/// Everything one bench run measured.
pub struct Report {
    pub browser: String,
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

fn verdict(met: bool) -> String {
    if met { "met" } else { "MISSED" }.to_string()
}

impl Report {
    fn load_ratios(&self) -> [(f64, f64); 2] {
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { f64::INFINITY };
        let l = &self.figures.loads;
        [
            (ratio(l[0].fcp, l[1].fcp), ratio(l[0].ready, l[1].ready)),
            (ratio(l[2].fcp, l[3].fcp), ratio(l[2].ready, l[3].ready)),
        ]
    }

    fn memory_growth(&self) -> (f64, f64) {
        let m = &self.figures.memory;
        (
            growth(m.heap_half, m.heap_end),
            growth(m.wasm_half, m.wasm_end),
        )
    }

    /// Each target with whether it is met, in table order.
    pub fn verdicts(&self) -> Vec<(&'static str, bool)> {
        let ratios = self.load_ratios();
        let (heap, wasm) = self.memory_growth();
        let k = &self.figures.keystrokes;
        vec![
            ("size", self.app_sizes.total().brotli <= SIZE_TARGET_BYTES),
            (
                "load 1×",
                ratios[0].0 <= LOAD_RATIO_TARGET && ratios[0].1 <= LOAD_RATIO_TARGET,
            ),
            (
                "load 4×",
                ratios[1].0 <= LOAD_RATIO_TARGET && ratios[1].1 <= LOAD_RATIO_TARGET,
            ),
            ("keystroke 1×", k[0].p95 <= KEYSTROKE_P95_TARGET_MS),
            (
                "keystroke 4×",
                k[1].p95 <= KEYSTROKE_P95_THROTTLED_TARGET_MS,
            ),
            (
                "memory",
                heap < MEMORY_GROWTH_TARGET && wasm < MEMORY_GROWTH_TARGET,
            ),
        ]
    }

    pub fn table(&self) -> String {
        let (loads, edits, memory_edits) = self.options;
        let mut rows: Vec<[String; 5]> = Vec::new();
        let size_cell = |s: Option<&Size>| {
            s.map(|s| format!("{} / {} / {}", kb(s.raw), kb(s.gzip), kb(s.brotli)))
                .unwrap_or_else(|| "-".into())
        };
        for kind in KINDS {
            rows.push([
                format!("{kind} KB raw / gzip / brotli"),
                size_cell(self.app_sizes.by_kind.get(kind)),
                size_cell(self.counter_sizes.by_kind.get(kind)),
                String::new(),
                String::new(),
            ]);
        }
        let (app_total, counter_total) = (self.app_sizes.total(), self.counter_sizes.total());
        rows.push([
            "total KB raw / gzip / brotli".into(),
            size_cell(Some(&app_total)),
            size_cell(Some(&counter_total)),
            format!("brotli ≤ {}", kb(SIZE_TARGET_BYTES)),
            verdict(app_total.brotli <= SIZE_TARGET_BYTES),
        ]);
        let ratios = self.load_ratios();
        let l = &self.figures.loads;
        for (i, speed) in ["1×", "4×"].iter().enumerate() {
            let (app, counter) = (l[i * 2], l[i * 2 + 1]);
            let (fcp_ratio, ready_ratio) = ratios[i];
            rows.push([
                format!("first contentful paint ms, {speed} CPU"),
                format!("{:.0}", app.fcp),
                format!("{:.0}", counter.fcp),
                format!("≤ {LOAD_RATIO_TARGET}× counter: {fcp_ratio:.2}×"),
                verdict(fcp_ratio <= LOAD_RATIO_TARGET),
            ]);
            rows.push([
                format!("app ready ms, {speed} CPU"),
                format!("{:.0}", app.ready),
                format!("{:.0}", counter.ready),
                format!("≤ {LOAD_RATIO_TARGET}× counter: {ready_ratio:.2}×"),
                verdict(ready_ratio <= LOAD_RATIO_TARGET),
            ]);
        }
        for (i, (speed, target)) in [
            ("1×", KEYSTROKE_P95_TARGET_MS),
            ("4×", KEYSTROKE_P95_THROTTLED_TARGET_MS),
        ]
        .iter()
        .enumerate()
        {
            let k = self.figures.keystrokes.get(i).copied().unwrap_or_default();
            rows.push([
                format!("keystroke ms p50 / p95 (max), {speed} CPU"),
                format!("{:.1} / {:.1} ({:.1})", k.p50, k.p95, k.max),
                "-".into(),
                format!("p95 ≤ {target:.0}"),
                verdict(k.p95 <= *target),
            ]);
            rows.push([
                format!("  of which app work ms p50 / p95, {speed} CPU"),
                format!("{:.1} / {:.1}", k.work_p50, k.work_p95),
                "-".into(),
                "(no target)".into(),
                String::new(),
            ]);
        }
        let m = &self.figures.memory;
        let (heap, wasm) = self.memory_growth();
        let mb = |b: f64| format!("{:.2}", b / 1_000_000.0);
        rows.push([
            format!("JS heap MB at edit {} → {memory_edits}", memory_edits / 2),
            format!(
                "{} → {} ({:+.1}%)",
                mb(m.heap_half),
                mb(m.heap_end),
                heap * 100.0
            ),
            "-".into(),
            format!("growth < {:.0}%", MEMORY_GROWTH_TARGET * 100.0),
            verdict(heap < MEMORY_GROWTH_TARGET),
        ]);
        rows.push([
            format!(
                "wasm memory MB at edit {} → {memory_edits}",
                memory_edits / 2
            ),
            format!(
                "{} → {} ({:+.1}%)",
                mb(m.wasm_half),
                mb(m.wasm_end),
                wasm * 100.0
            ),
            "-".into(),
            format!("growth < {:.0}%", MEMORY_GROWTH_TARGET * 100.0),
            verdict(wasm < MEMORY_GROWTH_TARGET),
        ]);
        let title = format!(
            "nocontent bench: release build, {}, localhost; loads are medians of {loads} cold loads; {edits} edits per keystroke row; 1 KB = 1,000 bytes",
            self.browser
        );
        format!(
            "{title}\n{}",
            render_table(
                &["measure", "nocontent", "counter app", "target", "verdict"],
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
        let load = |l: Load| json!({"fcp_ms": l.fcp, "ready_ms": l.ready});
        let l = &self.figures.loads;
        let ratios = self.load_ratios();
        let k = &self.figures.keystrokes;
        let keys = |k: Keystrokes| {
            json!({"p50_ms": k.p50, "p95_ms": k.p95, "max_ms": k.max,
                   "work_p50_ms": k.work_p50, "work_p95_ms": k.work_p95})
        };
        let m = &self.figures.memory;
        let (heap, wasm) = self.memory_growth();
        let targets: serde_json::Map<String, Value> = self
            .verdicts()
            .into_iter()
            .map(|(name, met)| (name.to_string(), Value::Bool(met)))
            .collect();
        json!({
            "browser": self.browser,
            "unix_time": std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or_default(),
            "loads": self.options.0,
            "edits": self.options.1,
            "memory_edits": self.options.2,
            "sizes": {"app": sizes(&self.app_sizes), "counter": sizes(&self.counter_sizes)},
            "load": {
                "cpu_1x": {"app": load(l[0]), "counter": load(l[1]),
                           "fcp_ratio": ratios[0].0, "ready_ratio": ratios[0].1},
                "cpu_4x": {"app": load(l[2]), "counter": load(l[3]),
                           "fcp_ratio": ratios[1].0, "ready_ratio": ratios[1].1},
            },
            "keystroke": {"cpu_1x": keys(k[0]), "cpu_4x": keys(k[1])},
            "memory": {
                "js_heap_bytes": {"half": m.heap_half, "end": m.heap_end, "growth": heap},
                "wasm_memory_bytes": {"half": m.wasm_half, "end": m.wasm_end, "growth": wasm},
            },
            "targets_met": targets,
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
}
