//! The observation runner: every probe that applies to a catalog scenario, run in one real
//! engine, with the scenario's response sent byte for byte from the raw-socket server.
//!
//! Which probes apply (see [`Aspect::applies`]):
//! - fetch, the follow-up request on the same connection, XHR with every responseType, the
//!   cache (the request twice) and, for methods other than GET and HEAD, invalidation (a
//!   cached GET, the request, the GET again): every scenario but preflights;
//! - navigations: form scenarios by a clicked submit, navigation scenarios by `location.href`
//!   and by a clicked link, iframe scenarios by pointing an iframe at the URL; each run starts
//!   with control navigations to a plain 200, which must visibly navigate;
//! - the CORS preflight: preflight scenarios, from the page's origin to a second server.
//!
//! Every probe gets its own URL, so no cache entry or log line is shared between probes.

pub mod compare;
mod navigation;
pub mod seen;
pub mod webkit_cache;

use std::time::Duration;

use serde_json::{json, Value};

use nocontent_engine::catalog::Entry;
use nocontent_engine::scenario::{ClientKind, ResponseType};
use nocontent_engine::{simulate, Exchange, Scenario};

use crate::error::{Context, Error};
use crate::probes;
use crate::raw::{rewrite_allow_origin, RawServer, Reply, Seen, MARKER, OK_BODY};
use crate::session::Browser;
use crate::PATIENCE;
pub use seen::*;

/// A body or a script callback that has not settled after this long counts as pending.
pub const PENDING_AFTER_MS: u64 = 2000;

/// How long a closed connection may take to be noticed.
pub const CLOSE_PATIENCE: Duration = Duration::from_secs(2);

/// One catalog scenario with the engine crate's exchange for it.
#[derive(Clone, Debug)]
pub struct Case {
    pub id: String,
    pub scenario: Scenario,
    pub exchange: Exchange,
}

impl Case {
    pub fn new(id: &str, scenario: Scenario) -> Result<Case, Error> {
        let exchange = simulate(&scenario)
            .map_err(|e| Error::new(format!("scenario {id} does not simulate: {e:?}")))?;
        Ok(Case {
            id: id.to_string(),
            scenario,
            exchange,
        })
    }

    pub fn from_entry(entry: &Entry) -> Result<Case, Error> {
        Case::new(entry.id, entry.scenario.clone())
    }

    pub fn kind(&self) -> ClientKind {
        self.scenario.client.kind
    }

    /// The exchange for the same scenario read by XHR with another responseType.
    pub fn with_response_type(&self, response_type: ResponseType) -> Result<Exchange, Error> {
        let mut scenario = self.scenario.clone();
        scenario.client.response_type = response_type;
        simulate(&scenario)
            .map_err(|e| Error::new(format!("scenario {} does not simulate: {e:?}", self.id)))
    }

    /// A target unique to this scenario and probe, on the scenario's route.
    pub fn target(&self, probe: &str) -> String {
        format!("/s/{}?k={probe}", self.id)
    }

    pub fn method(&self) -> &str {
        &self.exchange.request.method
    }

    pub fn body(&self) -> &str {
        &self.exchange.request.body
    }

    /// The body as a script can send it: none for GET and HEAD.
    pub fn script_body(&self) -> Value {
        if matches!(self.method(), "GET" | "HEAD") {
            Value::Null
        } else {
            Value::String(self.body().to_string())
        }
    }

    /// The request headers a script may set (the browser forbids Host, Content-Length, …).
    pub fn script_headers(&self) -> Vec<(String, String)> {
        self.exchange
            .request
            .headers
            .iter()
            .filter(|(name, _)| !nocontent_engine::wire::is_forbidden_request_header(name))
            .cloned()
            .collect()
    }

    pub fn wire(&self) -> &str {
        &self.exchange.wire
    }

    pub fn server_closes(&self) -> bool {
        self.exchange
            .framing
            .as_ref()
            .is_some_and(|f| f.server_closes)
    }

    /// The exact response bytes, and whether the server closes after them.
    pub fn reply(&self) -> Reply {
        Reply::raw(self.wire().to_string(), self.server_closes())
    }

    /// The arguments every request probe takes.
    fn request_args(&self, url: String) -> Value {
        json!({
            "url": url,
            "method": self.method(),
            "headers": self.script_headers(),
            "body": self.script_body(),
            "pendingMs": PENDING_AFTER_MS,
        })
    }
}

/// The control scenario: a GET answered by a plain `200` that is fresh for an hour. Every
/// engine must reuse its connection and answer its repeat from the cache; if it does not in
/// some engine, a "not reused" or "not stored" seen there for a catalog scenario proves
/// nothing, and the run says so.
pub const CONTROL_ID: &str = "control-fresh-200";

const CONTROL_SCENARIO: &str = r#"{
  "request": {"method": "GET", "target": "/control"},
  "client": {"kind": "fetch"},
  "answer": {"status": 200, "body": "fresh",
             "headers": [["Content-Type", "text/plain"], ["Cache-Control", "max-age=3600"]]}
}"#;

pub fn control_case() -> Result<Case, Error> {
    let scenario = Scenario::from_json(CONTROL_SCENARIO)
        .map_err(|e| Error::new(format!("the control scenario does not read: {e}")))?;
    Case::new(CONTROL_ID, scenario)
}

/// Every catalog scenario, or only the one with id `only`.
pub fn catalog_cases(only: Option<&str>) -> Result<Vec<Case>, Error> {
    let cases: Vec<Case> = nocontent_engine::catalog::catalog()
        .iter()
        .filter(|e| only.is_none_or(|id| e.id == id))
        .map(Case::from_entry)
        .collect::<Result<_, _>>()?;
    if cases.is_empty() {
        return Err(Error::new(format!(
            "no catalog scenario has the id {:?}",
            only.unwrap_or_default()
        )));
    }
    Ok(cases)
}

/// A group of probes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aspect {
    /// fetch() and the follow-up request on the same connection.
    Fetch,
    Xhr,
    Navigation,
    Cache,
    Invalidation,
    Preflight,
    /// `navigator.sendBeacon()`, as the server receives it.
    Beacon,
}

impl Aspect {
    pub const ALL: [Aspect; 7] = [
        Aspect::Fetch,
        Aspect::Xhr,
        Aspect::Navigation,
        Aspect::Cache,
        Aspect::Invalidation,
        Aspect::Preflight,
        Aspect::Beacon,
    ];

    pub fn applies(self, case: &Case) -> bool {
        let preflight = case.kind() == ClientKind::Preflight;
        match self {
            Aspect::Fetch | Aspect::Xhr | Aspect::Cache => !preflight,
            Aspect::Invalidation => !preflight && !matches!(case.method(), "GET" | "HEAD"),
            Aspect::Navigation => matches!(
                case.kind(),
                ClientKind::Form | ClientKind::Navigation | ClientKind::Iframe
            ),
            Aspect::Preflight => preflight,
            Aspect::Beacon => case.kind() == ClientKind::Beacon,
        }
    }
}

/// The route the invalidation probe uses: a cacheable GET and the scenario's own method.
fn invalidation_path(case: &Case) -> String {
    format!("/i/{}", case.id)
}

/// The body of the cacheable GET the invalidation probe stores.
pub const CACHED_GET_BODY: &str = "cached-get";

/// The route of the actual request after a preflight, on the other server.
fn preflight_path(case: &Case) -> String {
    format!("/p/{}", case.id)
}

/// The body every redirect target answers with: the generated scenarios' `Location`s point at
/// `/r/dest` or, relative to the probe's route, `dest` (see [`REDIRECT_TARGETS`]).
pub const REDIRECT_BODY: &str = "redirect-target";

/// The paths a redirect of a scenario can lead to: `/r/dest`, and `dest` resolved against
/// each probe route (`/s/…`, `/i/…`, `/p/…`).
pub const REDIRECT_TARGETS: [&str; 4] = ["/r/dest", "/s/dest", "/i/dest", "/p/dest"];

/// What a redirect target answers a request with `method`, as a scenario of its own: a plain
/// 200 that no cache stores and any origin may read (a redirected cross-origin request needs
/// that). The servers send its bytes, and the comparer checks what a client did after a
/// redirect against this scenario's claims.
pub fn redirect_target(method: &str) -> Result<Case, Error> {
    let scenario = Scenario::from_json(
        &json!({
            "request": {"method": method, "target": "/r/dest"},
            "client": {"kind": "fetch"},
            "answer": {"status": 200, "body": REDIRECT_BODY, "send": "conforming",
                       "headers": [["Content-Type", "text/plain"],
                                   ["Access-Control-Allow-Origin", "*"],
                                   ["Cache-Control", "no-store"]]}
        })
        .to_string(),
    )
    .map_err(|e| Error::new(format!("the redirect target does not read: {e}")))?;
    Case::new("redirect-target", scenario)
}

/// Registers the redirect targets on `server`.
fn redirect_targets(server: &RawServer) {
    for (method, route_method) in [("GET", None), ("HEAD", Some("HEAD"))] {
        let Ok(target) = redirect_target(method) else {
            continue;
        };
        for path in REDIRECT_TARGETS {
            server.route(path, route_method, target.reply());
        }
    }
}

/// The servers a run needs, with every case's routes registered.
pub struct Servers {
    /// The page's origin: the test page, the scenarios, the follow-ups.
    pub page: RawServer,
    /// A second origin, for preflights.
    pub other: RawServer,
}

impl Servers {
    pub fn start(cases: &[Case]) -> Servers {
        let page = RawServer::start();
        let other = RawServer::start();
        redirect_targets(&page);
        redirect_targets(&other);
        for case in cases {
            page.route(&format!("/s/{}", case.id), None, case.reply());
            if Aspect::Invalidation.applies(case) {
                let path = invalidation_path(case);
                page.route(
                    &path,
                    Some("GET"),
                    Reply::cacheable(
                        "200 OK",
                        &[("Content-Type", "text/plain")],
                        CACHED_GET_BODY,
                        3600,
                    ),
                );
                page.route(&path, Some(case.method()), case.reply());
            }
            if Aspect::Preflight.applies(case) {
                // The scenario's bytes answer the OPTIONS preflight, with the documentation
                // origin in Access-Control-Allow-Origin swapped for the real page origin (see
                // `rewrite_allow_origin`); the actual request then gets a CORS-enabled 200.
                let wire = rewrite_allow_origin(
                    case.wire(),
                    nocontent_engine::wire::PAGE_ORIGIN,
                    &page.origin(),
                );
                let path = preflight_path(case);
                other.route(
                    &path,
                    Some("OPTIONS"),
                    Reply::raw(wire, case.server_closes()),
                );
                other.route(
                    &path,
                    Some(case.method()),
                    Reply::framed(
                        "200 OK",
                        &[
                            ("Access-Control-Allow-Origin", &page.origin()),
                            ("Content-Type", "text/plain"),
                        ],
                        PREFLIGHT_OK_BODY,
                    ),
                );
            }
        }
        Servers { page, other }
    }
}

/// The body of the actual request's answer after a passed preflight.
pub const PREFLIGHT_OK_BODY: &str = "put-ok";

/// Checks that the server got the scenario's request as composed; returns the problems.
pub fn check_request(case: &Case, probe: &str, seen: &Seen, with_headers: bool) -> Vec<String> {
    let mut problems = Vec::new();
    if seen.method != case.method() {
        problems.push(format!(
            "{probe}: sent {} instead of {}",
            seen.method,
            case.method()
        ));
    }
    if seen.body != case.script_body().as_str().unwrap_or("") {
        problems.push(format!(
            "{probe}: sent body {:?} instead of {:?}",
            seen.body,
            case.body()
        ));
    }
    if with_headers {
        for (name, value) in case.script_headers() {
            if seen.header(&name) != Some(value.as_str()) {
                problems.push(format!(
                    "{probe}: header {name} arrived as {:?}, not {value:?}",
                    seen.header(&name)
                ));
            }
        }
    }
    problems
}

/// Runs the probes of one engine's session against the servers.
pub struct Runner<'a> {
    pub browser: &'a Browser,
    pub servers: &'a Servers,
    /// Print one line per probe as it runs.
    pub verbose: bool,
}

impl Runner<'_> {
    fn say(&self, line: impl AsRef<str>) {
        if self.verbose {
            println!("{}", line.as_ref());
        }
    }

    /// Loads the test page from the page server and checks its marker.
    pub async fn open_page(&self) -> Result<(), Error> {
        let url = self.servers.page.url("/");
        if self.browser.goto(&url).await.is_err() {
            // A document that never finishes loading (a navigation to a body that never
            // ends) can leave the tab unable to navigate: start again in a new one.
            self.browser.fresh_tab().await?;
            self.browser.goto(&url).await?;
        }
        let marker = self.browser.eval("return window.__marker;").await?;
        if marker != json!(MARKER) {
            return Err(Error::new(format!(
                "the test page did not load (marker {marker})"
            )));
        }
        Ok(())
    }

    async fn call(&self, probe: probes::Probe, args: Value) -> Result<Value, Error> {
        let got = self
            .browser
            .eval_async(&probes::call(probe), vec![args])
            .await?;
        if let Some(e) = got.get("harness_error") {
            return Err(Error::new(format!("{} failed: {e}", probe.function)));
        }
        Ok(got)
    }

    /// fetch() and the follow-up request.
    pub async fn fetch(&self, case: &Case, obs: &mut Observation) -> Result<(), Error> {
        self.open_page().await?;
        let server = &self.servers.page;
        let target = case.target("fetch");
        let next = format!("/ok?k=after-{}", case.id);
        self.say(format!("fetch {} ({} {target})", case.id, case.method()));
        let mut args = case.request_args(server.url(&target));
        args["next"] = json!(server.url(&next));
        let got = self.call(probes::NC_FETCH, args).await?;
        let fate = match got["settled"].as_str() {
            Some("resolved") => FetchFate::Resolved(FetchResponse {
                status: got["status"]
                    .as_u64()
                    .and_then(|s| u16::try_from(s).ok())
                    .context("fetch: no status")?,
                ok: got["ok"].as_bool().context("fetch: no ok")?,
                status_text: got["status_text"].as_str().unwrap_or_default().to_string(),
                body_null: got["body_null"].as_bool().context("fetch: no body_null")?,
                headers: serde_json::from_value(got["headers"].clone())
                    .context("fetch: headers are not pairs")?,
                redirected: got["redirected"].as_bool().unwrap_or(false),
                url: got["url"].as_str().unwrap_or_default().to_string(),
                kind: got["type"].as_str().unwrap_or_default().to_string(),
                text: Settled::from_js(&got["text"])?,
                json: Settled::from_js(&got["json"])?,
            }),
            Some("rejected") => FetchFate::Rejected(
                serde_json::from_value(got["rejection"].clone())
                    .context("fetch: a rejection without name and message")?,
            ),
            _ => FetchFate::Pending,
        };
        let seen = server.wait_target_async(&target, PATIENCE).await;
        match &seen {
            Some(seen) => obs
                .problems
                .extend(check_request(case, "fetch", seen, true)),
            None => obs
                .problems
                .push(format!("fetch: the server never saw {target}")),
        }
        let redirected_to = match &fate {
            FetchFate::Resolved(r) if r.redirected => {
                let target = url::Url::parse(&r.url)
                    .map(|u| path_and_query(&u))
                    .unwrap_or_default();
                server
                    .wait_target_async(&target, Duration::from_secs(2))
                    .await
                    .map(|a| Arrived::from(&a))
            }
            _ => None,
        };
        obs.fetch = Some(FetchSeen {
            fate,
            arrived: seen.as_ref().map(Arrived::from),
            redirected_to,
        });
        let Some(seen) = seen else { return Ok(()) };

        // Connection reuse: the follow-up went out only after the first response was read to
        // its end (or aborted), so a reusable connection is idle in the pool. Arriving on the
        // same connection proves reuse; a different connection counts as "not reused" only if
        // the first one was also closed.
        let next_got = PageGot::from_js(&got["next"])?;
        let after = server.wait_target_async(&next, PATIENCE).await;
        let client_closed = server
            .wait_client_closed_async(
                seen.conn,
                if after.as_ref().is_some_and(|a| a.conn == seen.conn) || case.server_closes() {
                    Duration::ZERO
                } else {
                    CLOSE_PATIENCE
                },
            )
            .await;
        let reused = match &after {
            Some(after) if after.conn == seen.conn => Some(true),
            Some(_) if case.server_closes() || client_closed => Some(false),
            _ => None,
        };
        if after.is_none() {
            obs.problems
                .push(format!("fetch: the server never saw the follow-up {next}"));
        }
        self.say(format!(
            "       scenario on connection {} #{}, follow-up on {:?}; reused {reused:?}",
            seen.conn,
            seen.index,
            after.as_ref().map(|a| (a.conn, a.index))
        ));
        obs.connection = Some(ConnectionSeen {
            scenario: Arrived::from(&seen),
            follow_up: after.as_ref().map(Arrived::from),
            reused,
            client_closed,
            next: next_got,
        });
        Ok(())
    }

    /// XMLHttpRequest with every responseType, all sent at once, each to its own URL; the
    /// server holds its replies until all of them have arrived, so every request has a
    /// connection of its own and none reads what another's reply left on a connection.
    pub async fn xhr(&self, case: &Case, obs: &mut Observation) -> Result<(), Error> {
        let server = &self.servers.page;
        server.route(
            &format!("/s/{}", case.id),
            None,
            case.reply()
                .together(ResponseType::ALL.len(), Duration::from_secs(3)),
        );
        self.open_page().await?;
        let runs: Vec<(ResponseType, String)> = ResponseType::ALL
            .iter()
            .map(|t| (*t, case.target(&format!("xhr-{}", t.as_str()))))
            .collect();
        self.say(format!(
            "xhr {} ({} with each responseType, together)",
            case.id,
            case.method()
        ));
        let mut args = case.request_args(String::new());
        args["runs"] = runs
            .iter()
            .map(|(t, target)| {
                // The DOM spells the default responseType as the empty string.
                let dom_type = match t {
                    ResponseType::Text => "",
                    other => other.as_str(),
                };
                json!({"url": server.url(target), "responseType": dom_type})
            })
            .collect();
        let all = self.call(probes::NC_XHR_ALL, args).await?;
        for ((response_type, target), got) in runs.iter().zip(all.as_array().into_iter().flatten())
        {
            let seen = server.wait_target_async(target, PATIENCE).await;
            match &seen {
                Some(seen) => obs.problems.extend(check_request(case, "xhr", seen, true)),
                None => obs
                    .problems
                    .push(format!("xhr: the server never saw {target}")),
            }
            obs.xhr.push(XhrSeen {
                response_type: *response_type,
                event: got["event"].as_str().unwrap_or_default().to_string(),
                events: serde_json::from_value(got["events"].clone()).unwrap_or_default(),
                ready_state: got["ready_state"]
                    .as_u64()
                    .and_then(|n| u8::try_from(n).ok())
                    .unwrap_or(0),
                status: got["status"]
                    .as_u64()
                    .and_then(|s| u16::try_from(s).ok())
                    .unwrap_or(0),
                status_text: got["status_text"].as_str().unwrap_or_default().to_string(),
                response_text: Settled::from_js(&got["response_text"])?,
                response: Settled::from_js(&got["response"])?,
                response_url: got["response_url"].as_str().unwrap_or_default().to_string(),
                arrived: seen.as_ref().map(Arrived::from),
            });
        }
        Ok(())
    }

    /// `navigator.sendBeacon()` with the scenario's body; what arrived is read from the log.
    pub async fn beacon(&self, case: &Case, obs: &mut Observation) -> Result<(), Error> {
        self.open_page().await?;
        let server = &self.servers.page;
        let target = case.target("beacon");
        self.say(format!("beacon {} (POST {target})", case.id));
        let got = self
            .call(
                probes::NC_BEACON,
                json!({"url": server.url(&target), "body": case.body()}),
            )
            .await?;
        let arrived = server.wait_target_async(&target, PATIENCE).await;
        if arrived.is_none() && got["queued"] == json!(true) {
            obs.problems
                .push(format!("beacon: queued, but the server never saw {target}"));
        }
        if let Some(seen) = &arrived {
            if seen.body != case.body() {
                obs.problems.push(format!(
                    "beacon: sent body {:?} instead of {:?}",
                    seen.body,
                    case.body()
                ));
            }
        }
        obs.beacon = Some(BeaconSeen {
            queued: got["queued"].as_bool().unwrap_or(false),
            returns: got["returns"].as_str().unwrap_or_default().to_string(),
            method: arrived.as_ref().map(|a| a.method.clone()),
            content_type: arrived
                .as_ref()
                .and_then(|a| a.header("content-type"))
                .map(str::to_string),
        });
        Ok(())
    }

    /// The scenario's request twice, through WebDriver.
    pub async fn cache(&self, case: &Case, obs: &mut Observation) -> Result<(), Error> {
        self.open_page().await?;
        let target = case.target("cache");
        self.say(format!(
            "cache {} ({} {target} twice)",
            case.id,
            case.method()
        ));
        let got = self
            .call(
                probes::NC_REPEAT,
                case.request_args(self.servers.page.url(&target)),
            )
            .await?;
        obs.cache.push(cache_seen(
            Via::Webdriver,
            &self.servers.page,
            &target,
            &got,
        )?);
        Ok(())
    }

    /// A cached GET, the scenario's request, the GET again, through WebDriver.
    pub async fn invalidation(&self, case: &Case, obs: &mut Observation) -> Result<(), Error> {
        self.open_page().await?;
        let target = format!("{}?k=invalidation", invalidation_path(case));
        self.say(format!(
            "invalidation {} (GET, GET, {} {target}, GET)",
            case.id,
            case.method()
        ));
        let got = self
            .call(
                probes::NC_INVALIDATE,
                case.request_args(self.servers.page.url(&target)),
            )
            .await?;
        obs.invalidation.push(invalidation_seen(
            Via::Webdriver,
            &self.servers.page,
            case,
            &target,
            &got,
        )?);
        Ok(())
    }

    /// The cross-origin request with its preflight.
    pub async fn preflight(&self, case: &Case, obs: &mut Observation) -> Result<(), Error> {
        self.open_page().await?;
        let other = &self.servers.other;
        let target = format!("{}?k=preflight", preflight_path(case));
        self.say(format!(
            "preflight {} ({} {} from {})",
            case.id,
            case.method(),
            other.url(&target),
            self.servers.page.origin()
        ));
        let got = self
            .call(probes::NC_PREFLIGHT, case.request_args(other.url(&target)))
            .await?;
        // The fetch has settled: the preflight, if any, and the actual request (if it was
        // sent) are in the log by now; the wait only covers the server thread's bookkeeping.
        let options = other
            .wait_request_async("OPTIONS", &target, Duration::from_secs(2))
            .await;
        let fate = match got["settled"].as_str() {
            Some("resolved") => PreflightFate::Resolved {
                status: got["status"]
                    .as_u64()
                    .and_then(|s| u16::try_from(s).ok())
                    .unwrap_or(0),
                text: Settled::from_js(&got["text"])?,
            },
            Some("rejected") => PreflightFate::Rejected(
                serde_json::from_value(got["rejection"].clone())
                    .context("preflight: a rejection without name and message")?,
            ),
            _ => PreflightFate::Pending,
        };
        let actual = if matches!(fate, PreflightFate::Resolved { .. }) {
            other
                .wait_request_async(case.method(), &target, Duration::from_secs(2))
                .await
        } else {
            other
                .requests()
                .into_iter()
                .find(|r| r.method == case.method() && r.target == target)
        };
        let seen = PreflightSeen {
            options_arrived: options.is_some(),
            request_method: options
                .as_ref()
                .and_then(|o| o.header("access-control-request-method"))
                .map(str::to_string),
            request_headers: options
                .as_ref()
                .and_then(|o| o.header("access-control-request-headers"))
                .map(|v| v.split(',').map(|h| h.trim().to_string()).collect())
                .unwrap_or_default(),
            actual_arrived: actual.is_some(),
            fate,
        };
        if seen.passes() {
            let delivered = matches!(&seen.fate, PreflightFate::Resolved { status: 200, text: Settled::Value(Value::String(t)) } if t == PREFLIGHT_OK_BODY);
            if !delivered {
                obs.problems.push(format!(
                    "preflight: the actual request's answer did not reach the page: {got}"
                ));
            }
            if let Some(actual) = &actual {
                obs.problems
                    .extend(check_request(case, "actual request", actual, true));
            }
        }
        obs.preflight = Some(seen);
        Ok(())
    }

    /// Every WebDriver probe that applies to `case`; a probe that fails is a problem of the
    /// observation, and the next probe still runs. Each probe gets servers of its own (new
    /// ports, so a new origin with an empty connection pool): whatever one probe leaves on a
    /// connection cannot reach the next.
    pub async fn observe(&self, case: &Case) -> Observation {
        let mut obs = Observation {
            id: case.id.clone(),
            response_type: case.scenario.client.response_type,
            ..Observation::default()
        };
        for aspect in Aspect::ALL {
            if !aspect.applies(case) {
                continue;
            }
            let servers = Servers::start(std::slice::from_ref(case));
            let runner = Runner {
                browser: self.browser,
                servers: &servers,
                verbose: self.verbose,
            };
            let done = match aspect {
                Aspect::Fetch => runner.fetch(case, &mut obs).await,
                Aspect::Xhr => runner.xhr(case, &mut obs).await,
                Aspect::Navigation => navigation::observe(&runner, case, &mut obs).await,
                // Also in WebKitGTK's automation session, whose results are kept (with `via`)
                // although its cache fields come from an ordinary window (`webkit_cache`).
                Aspect::Cache => runner.cache(case, &mut obs).await,
                Aspect::Invalidation => runner.invalidation(case, &mut obs).await,
                Aspect::Preflight => runner.preflight(case, &mut obs).await,
                Aspect::Beacon => runner.beacon(case, &mut obs).await,
            };
            if let Err(e) = done {
                obs.problems.push(format!("{aspect:?}: {e}"));
            }
        }
        obs
    }

    /// The navigation controls: the same triggers aimed at a plain 200.
    pub async fn controls(&self) -> (Vec<NavigationSeen>, Vec<String>) {
        navigation::controls(self).await
    }
}

/// Reads a cache probe's result and the server's log for its URL.
pub fn cache_seen(
    via: Via,
    server: &RawServer,
    target: &str,
    got: &Value,
) -> Result<CacheSeen, Error> {
    Ok(CacheSeen {
        via,
        requests_seen: server.requests_for(target).len(),
        first: PageGot::from_js(&got["first"])?,
        second: PageGot::from_js(&got["second"])?,
    })
}

/// Reads an invalidation probe's result and the server's log for its URL.
pub fn invalidation_seen(
    via: Via,
    server: &RawServer,
    case: &Case,
    target: &str,
    got: &Value,
) -> Result<InvalidationSeen, Error> {
    let log = server.requests_for(target);
    let unsafe_at = log.iter().position(|r| r.method == case.method());
    let gets = |from: usize, to: usize| {
        log.get(from..to)
            .unwrap_or_default()
            .iter()
            .filter(|r| r.method == "GET")
            .count()
    };
    let (gets_before, gets_after) = match unsafe_at {
        Some(at) => (gets(0, at), gets(at + 1, log.len())),
        None => (gets(0, log.len()), 0),
    };
    Ok(InvalidationSeen {
        via,
        gets_before,
        unsafe_arrived: unsafe_at.is_some(),
        gets_after,
        unsafe_got: PageGot::from_js(&got["unsafe"])?,
        last_get: PageGot::from_js(&got["third"])?,
    })
}

/// The path and query of a URL, as a request target.
pub fn path_and_query(url: &url::Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

/// The follow-up body the fetch probe expects.
pub fn follow_up_ok(next: &PageGot) -> bool {
    next.is_ok_with(OK_BODY)
}

/// Runs every probe of every case in `browser`'s engine (for WebKitGTK, the cache fields in
/// an ordinary window too) and compares each observation with the engine crate's columns.
pub async fn run(
    browser: &Browser,
    installed: &crate::engine::Installed,
    cases: &[Case],
    verbose: bool,
) -> Run {
    run_with_progress(browser, installed, cases, verbose, |_, _| {}).await
}

/// [`run`], calling `progress` with each case's position and observation as soon as its
/// WebDriver probes are done (before the comparison, and for WebKitGTK before its window).
pub async fn run_with_progress(
    browser: &Browser,
    installed: &crate::engine::Installed,
    cases: &[Case],
    verbose: bool,
    mut progress: impl FnMut(usize, &Observation),
) -> Run {
    let date = httpdate::fmt_http_date(std::time::SystemTime::now());
    let servers = Servers::start(cases);
    let runner = Runner {
        browser,
        servers: &servers,
        verbose,
    };
    let mut problems = Vec::new();
    let controls = if cases.iter().any(|c| Aspect::Navigation.applies(c)) {
        let (controls, failed) = runner.controls().await;
        problems.extend(failed);
        controls
    } else {
        Vec::new()
    };
    let mut observations = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let obs = runner.observe(case).await;
        progress(i, &obs);
        observations.push(obs);
    }
    let engine = browser.engine;
    if browser.engine == crate::engine::Engine::Webkit {
        match (
            browser.display(),
            cases.iter().any(|c| Aspect::Cache.applies(c)),
        ) {
            (Some(display), true) => {
                match crate::observe::webkit_cache::run(installed, display, cases, verbose).await {
                    Ok(seen) => {
                        for (obs, window) in observations.iter_mut().zip(seen) {
                            obs.cache.extend(window.cache);
                            obs.invalidation.extend(window.invalidation);
                            obs.problems.extend(window.problems);
                        }
                    }
                    Err(e) => problems.push(format!("cache window: {e}")),
                }
            }
            (None, true) => problems.push("cache window: the session has no display".into()),
            _ => {}
        }
    }
    for (case, obs) in cases.iter().zip(observations.iter_mut()) {
        let (compared, not_compared) = crate::observe::compare::compare(engine, case, obs);
        obs.compared = compared;
        obs.not_run.extend(not_compared);
        if case.id == CONTROL_ID {
            problems.extend(control_failures(obs));
        }
    }
    Run {
        engine: browser.engine,
        version: browser.version.clone(),
        date,
        capabilities: browser.capabilities.clone(),
        controls,
        observations,
        problems,
    }
}

/// The control's fields that must hold in every engine for the probes to mean anything.
fn control_failures(obs: &Observation) -> Vec<String> {
    let must = ["connection.reusable", "cache.stored"];
    must.iter()
        .filter_map(|field| {
            let seen = obs.compared.iter().find(|c| c.field == *field);
            match seen {
                Some(c) if c.observed == Value::Bool(true) => None,
                Some(c) => Some(format!(
                    "control: {field} was {} for a fresh 200, so a false {field} elsewhere in this engine proves nothing",
                    c.observed
                )),
                None => Some(format!("control: {field} was not measured")),
            }
        })
        .collect()
}
