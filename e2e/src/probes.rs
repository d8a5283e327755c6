//! The JavaScript the probes run inside the page, kept as `.js` files under `e2e/probes/` and
//! compiled in with `include_str!`.
//!
//! Two kinds of file:
//! - probe functions (`common.js`, `fetch.js`, `xhr.js`, `cache.js`, `preflight.js`): each
//!   defines an `async function ncName(a)` that resolves with a JSON-able object. They run
//!   through WebDriver ([`call`] wraps them as an asynchronous script) and, for WebKitGTK's
//!   cache, in an ordinary window that loads them by `<script src>` ([`SOURCES`]);
//! - WebDriver script bodies for navigations (`top_state.js`, `iframe_setup.js`, …) and for
//!   the bench (`bench/*.js`), which read `arguments` and `return` directly.

/// `ncSettle` and `ncRequest`, used by every probe function.
pub const COMMON: &str = include_str!("../probes/common.js");
/// `ncFetch`: fetch(), its body both ways, its headers, and a follow-up request.
pub const FETCH: &str = include_str!("../probes/fetch.js");
/// `ncXhr`: one XMLHttpRequest with one responseType.
pub const XHR: &str = include_str!("../probes/xhr.js");
/// `ncRepeat` and `ncInvalidate`: the cache probes.
pub const CACHE: &str = include_str!("../probes/cache.js");
/// `ncBeacon`: `navigator.sendBeacon()` with the scenario's body.
pub const BEACON: &str = include_str!("../probes/beacon.js");
/// `ncPreflight`: a cross-origin fetch that needs a preflight.
pub const PREFLIGHT: &str = include_str!("../probes/preflight.js");

pub const TOP_STATE: &str = include_str!("../probes/top_state.js");
pub const IFRAME_SETUP: &str = include_str!("../probes/iframe_setup.js");
pub const IFRAME_STATE: &str = include_str!("../probes/iframe_state.js");
pub const IFRAME_POINT: &str = include_str!("../probes/iframe_point.js");
pub const FORM_SETUP: &str = include_str!("../probes/form_setup.js");
pub const LINK_SETUP: &str = include_str!("../probes/link_setup.js");
pub const LOCATION: &str = include_str!("../probes/location.js");

/// The bench's scripts: load timing, what a settled page fetched, the header editor, the
/// keystroke recorder (install, wait for one keystroke, collect), edits for the memory row,
/// memory, and the hook that keeps the wasm instance (run before every document's own scripts).
pub const BENCH_LOAD: &str = include_str!("../probes/bench/load.js");
pub const BENCH_SETTLE: &str = include_str!("../probes/bench/settle.js");
pub const BENCH_EDITOR: &str = include_str!("../probes/bench/editor.js");
pub const BENCH_KEYS: &str = include_str!("../probes/bench/keys.js");
pub const BENCH_KEYS_WAIT: &str = include_str!("../probes/bench/keys_wait.js");
pub const BENCH_KEYS_COLLECT: &str = include_str!("../probes/bench/keys_collect.js");
pub const BENCH_EDITS: &str = include_str!("../probes/bench/edits.js");
pub const BENCH_MEMORY: &str = include_str!("../probes/bench/memory.js");
pub const BENCH_WASM_HOOK: &str = include_str!("../probes/bench/wasm_hook.js");

/// The page of the cache window: it loads the probe files below and runs `/plan`.
pub const CACHE_WINDOW_PAGE: &str = include_str!("../probes/cache-window.html");
pub const CACHE_WINDOW: &str = include_str!("../probes/cache-window.js");

/// The files an ordinary page loads by `<script src="/probes/NAME">`.
pub const SOURCES: &[(&str, &str)] = &[
    ("common.js", COMMON),
    ("cache.js", CACHE),
    ("cache-window.js", CACHE_WINDOW),
    ("fetch.js", FETCH),
    ("xhr.js", XHR),
    ("preflight.js", PREFLIGHT),
    ("beacon.js", BEACON),
];

/// A probe function that can be called through WebDriver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Probe {
    /// The function's name, such as `ncFetch`.
    pub function: &'static str,
    /// The file that defines it.
    pub source: &'static str,
}

pub const NC_FETCH: Probe = Probe {
    function: "ncFetch",
    source: FETCH,
};
pub const NC_XHR: Probe = Probe {
    function: "ncXhr",
    source: XHR,
};
pub const NC_XHR_ALL: Probe = Probe {
    function: "ncXhrAll",
    source: XHR,
};
pub const NC_BEACON: Probe = Probe {
    function: "ncBeacon",
    source: BEACON,
};
pub const NC_REPEAT: Probe = Probe {
    function: "ncRepeat",
    source: CACHE,
};
pub const NC_INVALIDATE: Probe = Probe {
    function: "ncInvalidate",
    source: CACHE,
};
pub const NC_PREFLIGHT: Probe = Probe {
    function: "ncPreflight",
    source: PREFLIGHT,
};

/// Every probe function, for the checks below.
pub const ALL: [Probe; 7] = [
    NC_FETCH,
    NC_XHR,
    NC_XHR_ALL,
    NC_BEACON,
    NC_REPEAT,
    NC_INVALIDATE,
    NC_PREFLIGHT,
];

/// The asynchronous WebDriver script that runs `probe` with the first argument and calls back
/// with its result (or with `{harness_error}` if the probe itself threw).
pub fn call(probe: Probe) -> String {
    format!(
        "{COMMON}\n{}\nconst [a, done] = arguments;\n{}(a).then(done, (e) => done({{harness_error: String(e && e.stack || e)}}));\n",
        probe.source, probe.function
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_probe_file_defines_its_function() {
        for probe in ALL {
            let definition = format!("function {}(a)", probe.function);
            assert!(
                probe.source.contains(&definition),
                "{} is not defined in its file",
                probe.function
            );
            let script = call(probe);
            assert!(script.contains("function ncSettle("));
            assert!(script.contains(&format!("{}(a).then(done", probe.function)));
        }
        assert!(CACHE_WINDOW_PAGE.contains("/probes/cache-window.js"));
        for (name, _) in SOURCES {
            if CACHE_WINDOW_PAGE.contains(&format!("/probes/{name}")) {
                continue;
            }
            assert!(
                ["fetch.js", "xhr.js", "preflight.js", "beacon.js"].contains(name),
                "{name} is served but the window page does not load it"
            );
        }
    }

    /// Node parses every script as the body of a function, the way WebDriver runs it; a
    /// syntax error in a probe fails here instead of in a browser.
    #[test]
    fn every_script_parses() {
        let Ok(node) = std::process::Command::new("node").arg("--version").output() else {
            println!("skipped: node is not installed, so the probes were not parsed");
            return;
        };
        assert!(node.status.success());
        let dir = tempfile::tempdir().unwrap();
        let mut scripts: Vec<(String, String)> = ALL
            .iter()
            .map(|p| (p.function.to_string(), call(*p)))
            .collect();
        for (name, body) in [
            ("top_state", TOP_STATE),
            ("iframe_setup", IFRAME_SETUP),
            ("iframe_state", IFRAME_STATE),
            ("iframe_point", IFRAME_POINT),
            ("form_setup", FORM_SETUP),
            ("link_setup", LINK_SETUP),
            ("location", LOCATION),
            ("bench_load", BENCH_LOAD),
            ("bench_settle", BENCH_SETTLE),
            ("bench_editor", BENCH_EDITOR),
            ("bench_keys", BENCH_KEYS),
            ("bench_keys_wait", BENCH_KEYS_WAIT),
            ("bench_keys_collect", BENCH_KEYS_COLLECT),
            ("bench_edits", BENCH_EDITS),
            ("bench_memory", BENCH_MEMORY),
            ("bench_wasm_hook", BENCH_WASM_HOOK),
        ] {
            scripts.push((name.to_string(), body.to_string()));
        }
        scripts.push((
            "cache_window".into(),
            format!("{COMMON}\n{CACHE}\n{CACHE_WINDOW}"),
        ));
        for (name, body) in scripts {
            let file = dir.path().join(format!("{name}.js"));
            std::fs::write(&file, format!("(function () {{\n{body}\n}});\n")).unwrap();
            let checked = std::process::Command::new("node")
                .arg("--check")
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                checked.status.success(),
                "{name} does not parse: {}",
                String::from_utf8_lossy(&checked.stderr)
            );
        }
    }

    /// Node's own fetch() runs the fetch and cache probes against the raw server, so the
    /// probes' logic (settling, the follow-up, the repeat) is checked without a browser.
    #[test]
    fn the_fetch_and_cache_probes_run_in_node() {
        if std::process::Command::new("node")
            .arg("--version")
            .output()
            .is_err()
        {
            println!("skipped: node is not installed");
            return;
        }
        let server = crate::raw::RawServer::start();
        server.route(
            "/s/x",
            None,
            crate::raw::Reply::raw("HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n", false),
        );
        let args = serde_json::json!({
            "url": server.url("/s/x?k=fetch"),
            "next": server.url("/ok?k=next"),
            "method": "DELETE",
            "headers": [["X-Id", "7"]],
            "body": null,
            "pendingMs": 2000,
        });
        let script = format!(
            "{COMMON}\n{FETCH}\n{CACHE}\n(async () => {{ const a = {args}; \
             const fetched = await ncFetch(a); \
             const repeated = await ncRepeat({{...a, url: a.url.replace('k=fetch', 'k=cache')}}); \
             console.log(JSON.stringify({{fetched, repeated}})); }})();"
        );
        let out = std::process::Command::new("node")
            .arg("-e")
            .arg(&script)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let fetched = &got["fetched"];
        assert_eq!(fetched["settled"], "resolved", "{got}");
        assert_eq!(fetched["status"], 204);
        assert_eq!(fetched["text"], serde_json::json!({"value": ""}));
        assert_eq!(fetched["json"]["error"], "SyntaxError");
        assert!(fetched["headers"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(["x-a", "1"])));
        assert_eq!(
            fetched["next"],
            serde_json::json!({"status": 200, "text": {"value": "ok"}})
        );
        let sent = server.requests_for("/s/x?k=fetch");
        assert_eq!(sent.len(), 1);
        assert_eq!(
            (sent[0].method.as_str(), sent[0].header("x-id")),
            ("DELETE", Some("7"))
        );
        // Node keeps no HTTP cache: both requests of the repeat reach the server.
        assert_eq!(got["repeated"]["second"]["status"], 204);
        assert_eq!(server.requests_for("/s/x?k=cache").len(), 2);
    }
}
