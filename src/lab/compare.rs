//! What the live lab saw, what the engine predicted for the engine the visitor runs, and
//! whether they match.
//!
//! Pure data and logic, so the comparison is tested natively; `runner.rs` fills `Observed`.

use nocontent_engine::engines::Engine;
use nocontent_engine::outcome::{Claim, JsResult, Settles};
use nocontent_engine::scenario::ClientKind;
use nocontent_engine::wire::LengthRule;
use nocontent_engine::{status, Exchange, Scenario};
use serde_json::Value;

/// What fetch() gave in this browser.
#[derive(Clone, Debug, PartialEq)]
pub struct FetchSeen {
    /// Resolved, rejected (as `Name: message`), or never settled within the lab's wait.
    pub settles: Settles,
    pub status: u16,
    pub ok: bool,
    pub status_text: String,
    pub body_null: bool,
    pub text: JsResult,
    pub json: JsResult,
}

impl FetchSeen {
    /// A fetch that rejected, with the rejection as `Name: message`.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub fn rejected(reason: String) -> FetchSeen {
        FetchSeen {
            settles: Settles::Rejects(reason),
            status: 0,
            ok: false,
            status_text: String::new(),
            body_null: true,
            text: JsResult::Error("TypeError".into()),
            json: JsResult::Error("TypeError".into()),
        }
    }

    /// A fetch that had neither resolved nor rejected when the lab stopped waiting.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub fn never() -> FetchSeen {
        FetchSeen {
            settles: Settles::Never,
            status: 0,
            ok: false,
            status_text: String::new(),
            body_null: true,
            text: JsResult::Pending(true),
            json: JsResult::Pending(true),
        }
    }
}

/// What an XMLHttpRequest gave.
#[derive(Clone, Debug, PartialEq)]
pub struct XhrSeen {
    pub status: u16,
    /// `load` (true) or `error` (false) ended it; None: it had not ended when the lab stopped
    /// waiting (the engine's claim counts that as no load event).
    pub load_event: Option<bool>,
    pub response: JsResult,
}

/// What a navigation (form, iframe, location) did.
#[derive(Clone, Debug, PartialEq)]
pub struct NavSeen {
    pub document_replaced: bool,
    /// For a form: were the typed values cleared?
    pub form_reset: Option<bool>,
    pub history_entry_added: bool,
    /// For an iframe: did its load event fire?
    pub load_event: Option<bool>,
}

/// Everything one run observed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Observed {
    /// The browser's name and version, and its user-agent string.
    pub browser: String,
    /// The engine the user agent names, whose column the results are compared with.
    pub engine: Option<Engine>,
    /// Ran against the native lab server (byte-exact), not through the service worker.
    pub native: bool,
    /// The lab's frames allowed scripts, because this engine lets no service worker answer a
    /// frame sandboxed without `allow-scripts` (WebKit).
    pub frames_allow_scripts: bool,
    /// The service worker refused to build the response: `Name: message`.
    pub refused: Option<String>,
    pub fetch: Option<FetchSeen>,
    pub xhr: Option<XhrSeen>,
    pub form: Option<NavSeen>,
    pub iframe: Option<NavSeen>,
    pub navigation: Option<NavSeen>,
    /// sendBeacon's return value, and whether the service worker received the beacon.
    pub beacon: Option<(bool, bool)>,
    /// Headers the service worker added to the answer, as it reported them.
    pub added: Vec<(String, String)>,
    /// Headers of the composed answer the service worker left out, with the reason.
    pub dropped: Vec<(String, String)>,
}

/// How one compared value came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Match,
    Mismatch,
    /// The engine crate has no measurement of this value in this engine.
    NotMeasured,
    /// The lab cannot reproduce here what a network answer does (a listed [`Gap`]), so the
    /// value is neither a match nor a mismatch.
    Gap,
}

/// One compared value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub check: String,
    /// `None` where this engine was not measured.
    pub predicted: Option<String>,
    pub actual: String,
    pub verdict: Verdict,
    /// For [`Verdict::Gap`]: why the lab cannot reproduce this here.
    pub gap: Option<&'static str>,
}

/// Which answers a [`Gap`] concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Every answer.
    Always,
    /// Answers with this status code.
    Status(u16),
    /// Answers with this status code whose body, by RFC 9112 §6.3 rule 8 (no Content-Length,
    /// no Transfer-Encoding), ends only when the server closes the connection, which it keeps
    /// open.
    UntilClose(u16),
    /// A 204 or 205 whose X-Frame-Options forbids framing.
    FramingDenied,
}

impl When {
    fn applies(self, exchange: &Exchange) -> bool {
        let status = exchange.response.status;
        match self {
            When::Always => true,
            When::Status(code) => status == code,
            When::UntilClose(code) => {
                status == code
                    && exchange
                        .framing
                        .as_ref()
                        .is_some_and(|f| f.rule == LengthRule::UntilClose && !f.server_closes)
            }
            When::FramingDenied => {
                matches!(status, 204 | 205)
                    && nocontent_engine::outcome::denies_framing(&exchange.response.headers)
            }
        }
    }
}

/// Why a check's result in the lab is not what a network answer gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// The service worker's answer does not behave as the same answer from the network does
    /// (found by running the lab's checks through the worker and against the byte-exact lab
    /// server, in the same engine).
    Worker,
    /// The lab runs the check differently from how the engine was measured: it submits its
    /// form by script, where the measurement clicked a submit button. Applies to runs against
    /// the lab server too.
    Lab,
}

/// A check the lab cannot reproduce in one engine. `e2e/tests/lab.rs` runs every catalog
/// scenario's checks through the worker and against the lab server and fails when a gap
/// appears that [`GAPS`] does not list, or a listed one disappears.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gap {
    pub engine: Engine,
    /// The check, as the lab's table names it (`"form: history entry added"`).
    pub check: &'static str,
    pub when: When,
    pub cause: Cause,
    /// Why, in one sentence, shown in the lab instead of a match or a mismatch.
    pub reason: &'static str,
}

/// WebKitGTK's wait for a 205 that ends with the connection, which a worker cannot make.
const WEBKIT_205_UNTIL_CLOSE: &str = "WebKitGTK reads a 205 without Content-Length until the server closes the connection, so from the network this waits as long as the connection stays open, while the service worker's answer is complete at once.";

/// WebKitGTK's blocked-frame page, which the lab's framed form and link meet where a
/// top-level navigation does not.
const WEBKIT_FRAMED_NAVIGATION: &str = "The lab submits its form and follows its link inside a frame, and WebKitGTK shows its blocked-frame page there for an answer whose X-Frame-Options forbids framing, even a 204; a top-level navigation, as the engine was measured, is not framed and keeps the page.";

/// Every known gap, per engine and check, each found by `e2e/tests/lab.rs`.
pub const GAPS: &[Gap] = &[
    Gap {
        engine: Engine::Webkit,
        check: "fetch: text()",
        when: When::UntilClose(205),
        cause: Cause::Worker,
        reason: WEBKIT_205_UNTIL_CLOSE,
    },
    Gap {
        engine: Engine::Webkit,
        check: "fetch: json()",
        when: When::UntilClose(205),
        cause: Cause::Worker,
        reason: WEBKIT_205_UNTIL_CLOSE,
    },
    Gap {
        engine: Engine::Webkit,
        check: "XHR: load event",
        when: When::UntilClose(205),
        cause: Cause::Worker,
        reason: WEBKIT_205_UNTIL_CLOSE,
    },
    Gap {
        engine: Engine::Webkit,
        check: "XHR: status",
        when: When::UntilClose(205),
        cause: Cause::Worker,
        reason: "WebKitGTK shows an XMLHttpRequest no status while it waits for the end of a 205 without Content-Length, which from the network comes only when the server closes the connection; the service worker's answer is complete at once.",
    },
    Gap {
        engine: Engine::Webkit,
        check: "form: document replaced",
        when: When::FramingDenied,
        cause: Cause::Lab,
        reason: WEBKIT_FRAMED_NAVIGATION,
    },
    Gap {
        engine: Engine::Webkit,
        check: "form: history entry added",
        when: When::FramingDenied,
        cause: Cause::Lab,
        reason: WEBKIT_FRAMED_NAVIGATION,
    },
    Gap {
        engine: Engine::Webkit,
        check: "location.href: document replaced",
        when: When::FramingDenied,
        cause: Cause::Lab,
        reason: WEBKIT_FRAMED_NAVIGATION,
    },
    Gap {
        engine: Engine::Webkit,
        check: "location.href: history entry added",
        when: When::FramingDenied,
        cause: Cause::Lab,
        reason: WEBKIT_FRAMED_NAVIGATION,
    },
    Gap {
        engine: Engine::Webkit,
        check: "XHR: response",
        when: When::UntilClose(205),
        cause: Cause::Worker,
        reason: WEBKIT_205_UNTIL_CLOSE,
    },
];

/// A check's name without the detail in brackets that varies with the scenario
/// (`XHR: response (json)` is `XHR: response`).
fn check_key(check: &str) -> &str {
    match check.rfind(" (") {
        Some(at) if check.ends_with(')') => check.get(..at).unwrap_or(check),
        _ => check,
    }
}

/// The gap for `check` of this exchange in `engine`, if the lab cannot reproduce it there.
/// `native`: the run went to the lab server, where only the lab's own gaps apply.
pub fn gap(engine: Engine, exchange: &Exchange, check: &str, native: bool) -> Option<&'static Gap> {
    GAPS.iter().find(|g| {
        g.engine == engine
            && g.check == check_key(check)
            && g.when.applies(exchange)
            && (!native || g.cause == Cause::Lab)
    })
}

/// Why a service worker cannot run this scenario at all (it is shown instead of a run).
/// `developer` adds how to run it with the native lab server instead.
pub fn unrunnable(scenario: &Scenario, developer: bool) -> Option<String> {
    (scenario.client.kind == ClientKind::Preflight).then(|| {
        let mut why = "A service worker answers a request before any CORS preflight is sent, so a preflight cannot be reproduced here.".to_string();
        if developer {
            why.push_str(" Point a cross-origin page at the native lab server (cargo xtask lab) instead.");
        }
        why
    })
}

/// The refusal the engine expects when a service worker tries to build this response.
pub fn expected_refusal(exchange: &Exchange) -> Option<&'static str> {
    let r = &exchange.response;
    if !(200..=599).contains(&r.status) {
        Some("RangeError")
    } else if status::is_null_body_status(r.status) && !r.body.is_empty() {
        Some("TypeError")
    } else {
        None
    }
}

/// What the service worker can reproduce, and what it cannot, in sentences for the panel.
/// `developer` adds where the native lab server helps; readers of an embed do not get it.
pub fn caveats(scenario: &Scenario, exchange: &Exchange, developer: bool) -> Vec<String> {
    let mut first = "A service worker hands the browser a finished response: framing, Content-Length mismatches and leftover bytes on the connection are not reproduced.".to_string();
    if developer {
        first.push_str(" For byte-exact answers, run the native lab server (cargo xtask lab).");
    }
    let mut out = vec![first];
    if scenario.request.method.eq_ignore_ascii_case("HEAD") {
        out.push("Forms, links and iframes cannot send HEAD, so only fetch, XHR and sendBeacon run for this answer.".into());
    }
    if scenario.request.method.eq_ignore_ascii_case("HEAD") && !exchange.response.body.is_empty() {
        out.push("Chromium keeps the body of a service worker's answer to HEAD (measured), unlike a network answer, so fetch and XHR may see content here.".into());
    }
    out
}

fn js(value: &JsResult) -> String {
    match value {
        JsResult::Value(Value::String(s)) => format!("{s:?}"),
        JsResult::Value(v) => v.to_string(),
        JsResult::Error(name) => format!("throws {name}"),
        JsResult::Pending(_) => "never settles".into(),
    }
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

fn row(check: &str, predicted: Option<String>, actual: String) -> Row {
    let verdict = match &predicted {
        None => Verdict::NotMeasured,
        Some(p) if *p == actual => Verdict::Match,
        Some(_) => Verdict::Mismatch,
    };
    Row {
        check: check.into(),
        predicted,
        actual,
        verdict,
        gap: None,
    }
}

/// Rows for one engine's column of the claims.
struct Rows<'a> {
    engine: Engine,
    out: &'a mut Vec<Row>,
}

impl Rows<'_> {
    /// Compares a claim's value for this engine, shown by `show`, with what was seen.
    fn claim<T>(
        &mut self,
        check: &str,
        claim: &Claim<T>,
        show: impl Fn(&T) -> String,
        seen: String,
    ) {
        let predicted = claim.engine(self.engine).map(show);
        self.out.push(row(check, predicted, seen));
    }
}

fn nav_rows(rows: &mut Rows<'_>, label: &str, exchange: &Exchange, seen: &NavSeen) {
    let n = &exchange.outcomes.navigation;
    let yes_of = |b: &bool| yes(*b);
    // The iframe check has claims of its own; its history entry goes with its document.
    let (replaced, history) = if label == "iframe" {
        (&n.iframe_document_replaced, &n.iframe_document_replaced)
    } else {
        (&n.document_replaced, &n.history_entry_added)
    };
    rows.claim(
        &format!("{label}: document replaced"),
        replaced,
        yes_of,
        yes(seen.document_replaced),
    );
    if let Some(reset) = seen.form_reset {
        rows.claim(
            &format!("{label}: typed fields reset"),
            &n.form_reset,
            yes_of,
            yes(reset),
        );
    }
    rows.claim(
        &format!("{label}: history entry added"),
        history,
        yes_of,
        yes(seen.history_entry_added),
    );
    if let Some(load) = seen.load_event {
        rows.claim(
            &format!("{label}: load event"),
            &n.iframe_load_event,
            yes_of,
            yes(load),
        );
    }
}

/// Compares what was observed with the engine crate's column for `engine`, value by value.
pub fn compare(exchange: &Exchange, seen: &Observed, engine: Engine) -> Vec<Row> {
    let mut out = Vec::new();
    if !seen.native {
        sw_row(&mut out, exchange, seen);
        if seen.refused.is_some() {
            return out;
        }
    }
    client_rows(
        &mut Rows {
            engine,
            out: &mut out,
        },
        exchange,
        seen,
    );
    for row in &mut out {
        if let Some(g) = gap(engine, exchange, &row.check, seen.native) {
            row.verdict = Verdict::Gap;
            row.gap = Some(g.reason);
        }
    }
    out
}

/// Whether the service worker could build the response, as predicted.
fn sw_row(out: &mut Vec<Row>, exchange: &Exchange, seen: &Observed) {
    let expected = expected_refusal(exchange);
    let refused_name = seen
        .refused
        .as_deref()
        .map(|r| r.split(':').next().unwrap_or(r).trim().to_string());
    out.push(row(
        "service worker builds the response",
        Some(
            expected
                .map(|e| format!("refuses ({e})"))
                .unwrap_or_else(|| "yes".into()),
        ),
        refused_name
            .map(|n| format!("refuses ({n})"))
            .unwrap_or_else(|| "yes".into()),
    ));
}

/// The exception's name from `Name: message`.
fn error_name(line: &str) -> String {
    line.split(':').next().unwrap_or("").trim().to_string()
}

/// How fetch settled, with only the rejection's name (messages differ between engines and
/// versions; the name is what a script tests).
fn settles(s: &Settles) -> String {
    match s {
        Settles::Resolves => "resolves".into(),
        Settles::Rejects(line) => format!("rejects ({})", error_name(line)),
        Settles::Never => "never settles".into(),
    }
}

/// Each client's results against this engine's column.
fn client_rows(rows: &mut Rows<'_>, exchange: &Exchange, seen: &Observed) {
    let o = &exchange.outcomes;
    let yes_of = |b: &bool| yes(*b);
    if let Some(f) = &seen.fetch {
        rows.claim(
            "fetch: settles",
            &o.fetch.settles,
            settles,
            settles(&f.settles),
        );
        if f.settles == Settles::Resolves {
            rows.claim(
                "fetch: status",
                &o.fetch.status,
                u16::to_string,
                f.status.to_string(),
            );
            rows.claim("fetch: ok", &o.fetch.ok, yes_of, yes(f.ok));
            rows.claim(
                "fetch: statusText",
                &o.fetch.status_text,
                |t| format!("{t:?}"),
                format!("{:?}", f.status_text),
            );
            rows.claim(
                "fetch: body is null",
                &o.fetch.body_null,
                yes_of,
                yes(f.body_null),
            );
            rows.claim("fetch: text()", &o.fetch.text, js, js(&f.text));
            rows.claim("fetch: json()", &o.fetch.json, js, js(&f.json));
        }
    }
    if let Some(x) = &seen.xhr {
        rows.claim(
            "XHR: load event",
            &o.xhr.load_event,
            yes_of,
            // A request that never ends fires no load event either.
            yes(x.load_event == Some(true)),
        );
        rows.claim(
            "XHR: status",
            &o.xhr.status,
            u16::to_string,
            x.status.to_string(),
        );
        rows.claim(
            &format!("XHR: response ({})", o.xhr.response_type),
            &o.xhr.response,
            js,
            js(&x.response),
        );
    }
    if let Some(n) = &seen.form {
        nav_rows(rows, "form", exchange, n);
    }
    if let Some(n) = &seen.navigation {
        nav_rows(rows, "location.href", exchange, n);
    }
    if let Some(n) = &seen.iframe {
        nav_rows(rows, "iframe", exchange, n);
    }
    if let Some((queued, received)) = seen.beacon {
        rows.claim("sendBeacon: queued", &o.beacon.queued, yes_of, yes(queued));
        rows.out
            .push(row("sendBeacon: sent", Some("yes".into()), yes(received)));
    }
}

/// The engine a user agent belongs to: Chrome, Edge and Opera are Chromium; Safari and other
/// WebKit browsers are WebKit (the model's WebKit column was measured in WebKitGTK).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn engine_of(user_agent: &str) -> Option<Engine> {
    if user_agent.contains("Firefox/") {
        Some(Engine::Firefox)
    } else if user_agent.contains("Chrome/") || user_agent.contains("Chromium/") {
        Some(Engine::Chromium)
    } else if user_agent.contains("AppleWebKit/") {
        Some(Engine::Webkit)
    } else {
        None
    }
}

/// A readable browser name and version from a user-agent string.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn browser_name(user_agent: &str) -> String {
    let version_after = |marker: &str| {
        user_agent
            .split(marker)
            .nth(1)
            .map(|rest| rest.split([' ', ';', ')']).next().unwrap_or("").to_string())
    };
    // Safari runs only on Apple's systems; elsewhere a "Safari" token is another WebKit browser.
    let apple = ["Macintosh", "iPhone", "iPad"]
        .iter()
        .any(|p| user_agent.contains(p))
        && user_agent.contains("Safari/");
    let name = if let Some(v) = version_after("Firefox/") {
        format!("Firefox {v}")
    } else if let Some(v) = version_after("Edg/") {
        format!("Edge {v}")
    } else if let Some(v) = version_after("HeadlessChrome/") {
        format!("Headless Chrome/Chromium {v}")
    } else if let Some(v) = version_after("Chrome/") {
        format!("Chrome/Chromium {v}")
    } else if let (Some(v), true) = (version_after("Version/"), apple) {
        format!("Safari {v}")
    } else if user_agent.contains("AppleWebKit/") {
        // WebKitGTK and WPE browsers (GNOME Web, MiniBrowser) say "Safari" in their user agent
        // with a version of their own; they are WebKit, but not Safari.
        match version_after("AppleWebKit/") {
            Some(v) => format!("a WebKit browser, not Safari (AppleWebKit/{v})"),
            None => "a WebKit browser, not Safari".into(),
        }
    } else {
        "an unrecognised browser".into()
    };
    format!("{name} ({user_agent})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use nocontent_engine::{catalog, simulate};

    fn exchange(id: &str) -> (Scenario, Exchange) {
        let s = catalog::find(id).map(|e| e.scenario).unwrap_or_default();
        let x = simulate(&s).unwrap_or_else(|e| panic!("{e:?}"));
        (s, x)
    }

    fn check(id: &str, seen: Observed, mismatched: &[&str]) {
        check_in(Engine::Chromium, id, seen, mismatched);
    }

    fn check_in(engine: Engine, id: &str, seen: Observed, mismatched: &[&str]) {
        let (_, x) = exchange(id);
        let rows = compare(&x, &seen, engine);
        let bad: Vec<&str> = rows
            .iter()
            .filter(|r| r.verdict == Verdict::Mismatch)
            .map(|r| r.check.as_str())
            .collect();
        assert_eq!(bad, mismatched, "{id}: {rows:#?}");
    }

    fn fetch_204() -> FetchSeen {
        FetchSeen {
            settles: Settles::Resolves,
            status: 204,
            ok: true,
            status_text: "No Content".into(),
            body_null: false,
            text: JsResult::Value(Value::String(String::new())),
            json: JsResult::Error("SyntaxError".into()),
        }
    }

    #[test]
    fn comparisons() {
        check(
            "fetch-204-json",
            Observed {
                fetch: Some(fetch_204()),
                ..Observed::default()
            },
            &[],
        );
        check(
            "fetch-204-json",
            Observed {
                fetch: Some(FetchSeen {
                    body_null: true,
                    ..fetch_204()
                }),
                ..Observed::default()
            },
            &["fetch: body is null"],
        );
        check(
            "keepalive-204-body",
            Observed {
                refused: Some("TypeError: Failed to construct 'Response'".into()),
                ..Observed::default()
            },
            &[],
        );
        check(
            "keepalive-204-body",
            Observed {
                fetch: Some(fetch_204()),
                ..Observed::default()
            },
            &["service worker builds the response"],
        );
        // Byte-exact against the native lab server, the 204 with a body reaches fetch as a 204.
        check(
            "keepalive-204-body",
            Observed {
                native: true,
                fetch: Some(fetch_204()),
                ..Observed::default()
            },
            &[],
        );
        // A fetch that fails where Chromium resolves is one mismatch; nothing else is compared.
        let failed = FetchSeen::rejected("TypeError: Failed to fetch".into());
        check(
            "delete-204",
            Observed {
                native: true,
                fetch: Some(failed),
                ..Observed::default()
            },
            &["fetch: settles"],
        );
        let kept = NavSeen {
            document_replaced: false,
            form_reset: Some(false),
            history_entry_added: false,
            load_event: None,
        };
        check(
            "form-post-205",
            Observed {
                form: Some(kept.clone()),
                ..Observed::default()
            },
            &[],
        );
        check(
            "form-post-205",
            Observed {
                form: Some(NavSeen {
                    form_reset: Some(true),
                    ..kept
                }),
                ..Observed::default()
            },
            &["form: typed fields reset"],
        );
        // The same observation is compared with the column of the engine that made it.
        let fetch_head = FetchSeen {
            status: 200,
            status_text: "OK".into(),
            body_null: true,
            ..fetch_204()
        };
        let head = Observed {
            native: true,
            fetch: Some(fetch_head),
            ..Observed::default()
        };
        check_in(Engine::Firefox, "head-200", head.clone(), &[]);
        check_in(Engine::Chromium, "head-200", head, &["fetch: body is null"]);
    }

    #[test]
    fn values_not_measured_are_neither_matches_nor_mismatches() {
        let (_, mut x) = exchange("delete-204");
        // Every catalog value the lab compares is measured in each engine now, so the test
        // makes one unmeasured in WebKitGTK, as the engine crate writes it when no probe ran.
        x.outcomes.beacon.queued =
            Claim::from_columns(true, |e| (e != Engine::Webkit).then_some(true));
        let seen = Observed {
            native: true,
            beacon: Some((true, true)),
            ..Observed::default()
        };
        let rows = compare(&x, &seen, Engine::Webkit);
        let queued = rows
            .iter()
            .find(|r| r.check == "sendBeacon: queued")
            .unwrap_or_else(|| panic!("{rows:#?}"));
        assert_eq!(
            (queued.verdict, queued.predicted.as_deref()),
            (Verdict::NotMeasured, None)
        );
    }
    #[test]
    fn listed_gaps_replace_the_verdict_only_where_they_apply() {
        let (_, x) = exchange("reset-205-no-length");
        let seen = Observed {
            fetch: Some(FetchSeen {
                status: 205,
                status_text: "Reset Content".into(),
                ..fetch_204()
            }),
            xhr: Some(XhrSeen {
                status: 205,
                load_event: Some(true),
                response: JsResult::Value(Value::String(String::new())),
            }),
            ..Observed::default()
        };
        let verdicts = |engine: Engine, native: bool| -> Vec<(String, Verdict)> {
            let seen = Observed {
                native,
                ..seen.clone()
            };
            compare(&x, &seen, engine)
                .into_iter()
                .filter(|r| r.verdict == Verdict::Gap)
                .map(|r| (r.check, r.verdict))
                .collect()
        };
        let gaps: Vec<String> = verdicts(Engine::Webkit, false)
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert_eq!(
            gaps,
            [
                "fetch: text()",
                "fetch: json()",
                "XHR: load event",
                "XHR: status",
                "XHR: response (text)"
            ]
        );
        let rows = compare(&x, &seen, Engine::Webkit);
        let text = rows.iter().find(|r| r.check == "fetch: text()").unwrap();
        assert!(text
            .gap
            .is_some_and(|g| g.contains("closes the connection")));
        // The worker's gap is not the network's, nor another engine's.
        assert!(verdicts(Engine::Webkit, true).is_empty());
        assert!(verdicts(Engine::Chromium, false).is_empty());
        // A 205 with a length ends without the connection: no gap.
        let (_, with_length) = exchange("form-post-205");
        assert!(gap(Engine::Webkit, &with_length, "fetch: text()", false).is_none());
        assert_eq!(check_key("XHR: response (json)"), "XHR: response");
        assert_eq!(check_key("fetch: text()"), "fetch: text()");
        assert!(When::Always.applies(&x) && When::Status(205).applies(&x));
        assert!(!When::Status(204).applies(&x));
    }

    #[test]
    fn refusals_and_caveats() {
        assert_eq!(
            expected_refusal(&exchange("keepalive-204-body").1),
            Some("TypeError")
        );
        assert_eq!(expected_refusal(&exchange("delete-204").1), None);
        assert!(unrunnable(&exchange("preflight-204").0, true)
            .is_some_and(|w| w.contains("cargo xtask lab")));
        // Readers of an embed get the reason but no developer instructions.
        assert!(
            unrunnable(&exchange("preflight-204").0, false).is_some_and(|w| !w.contains("cargo"))
        );
        assert!(unrunnable(&exchange("delete-204").0, true).is_none());
        let (mut s, _) = exchange("head-200");
        s.answer.send = nocontent_engine::scenario::SendMode::AsWritten;
        let x = simulate(&s).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(caveats(&s, &x, true).len(), 3);
        assert!(caveats(&s, &x, true)
            .iter()
            .any(|c| c.contains("cargo xtask lab")));
        assert!(caveats(&s, &x, false).iter().all(|c| !c.contains("cargo")));
    }

    #[test]
    fn browser_names() {
        let chromium = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36";
        assert!(browser_name(chromium).starts_with("Headless Chrome/Chromium 156.0.0.0 ("));
        assert!(
            browser_name("Mozilla/5.0 (X11; rv:133.0) Gecko/20100101 Firefox/133.0")
                .starts_with("Firefox 133.0")
        );
        assert!(browser_name("curl/8").starts_with("an unrecognised browser"));
        let minibrowser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15";
        assert!(browser_name(minibrowser).starts_with("a WebKit browser, not Safari"));
        let safari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15";
        assert!(browser_name(safari).starts_with("Safari 18.1"));
        assert_eq!(engine_of(minibrowser), Some(Engine::Webkit));
        assert_eq!(engine_of(safari), Some(Engine::Webkit));
        assert_eq!(engine_of(chromium), Some(Engine::Chromium));
        let edge = "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36 Edg/140.0";
        assert_eq!(engine_of(edge), Some(Engine::Chromium));
        assert_eq!(
            engine_of("Mozilla/5.0 (X11; rv:153.0) Gecko/20100101 Firefox/153.0"),
            Some(Engine::Firefox)
        );
        assert_eq!(engine_of("curl/8"), None);
    }
}
