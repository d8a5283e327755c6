//! What an engine did, set field by field against the engine crate's claims: its spec column
//! and the column of the engine that was observed.
//!
//! Claims are read through their typed fields (`Claim::spec`, `Claim::engine`), never
//! through JSON paths, so a renamed field is a compile error here rather than two `null`s that
//! compare equal.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use nocontent_engine::outcome::{Claim, Settles};

use crate::engine::Engine;
use crate::observe::{
    follow_up_ok, path_and_query, redirect_target, Case, FetchFate, NotRun, Observation,
    PreflightFate, Via,
};

/// `location` resolved against the request target `requested`, as a request target (path and
/// query): where a client that follows the redirect goes.
pub fn resolve(requested: &str, location: &str) -> String {
    url::Url::parse("http://127.0.0.1")
        .and_then(|base| base.join(requested))
        .and_then(|base| base.join(location))
        .map(|u| path_and_query(&u))
        .unwrap_or_else(|_| location.to_string())
}

/// The request target (path and query) of a URL the page saw.
fn target_of(url: &str) -> String {
    url::Url::parse(url)
        .map(|u| path_and_query(&u))
        .unwrap_or_else(|_| url.to_string())
}

/// One field: the engine crate's spec column, its prediction for the observed engine, and
/// what the engine did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Compared {
    /// Such as `fetch.status`, `xhr(json).response`, `navigation.url_changed (link)`.
    pub field: String,
    pub spec: Value,
    /// The engine's column; `None` where the engine crate has no measurement for it.
    pub predicted: Option<Value>,
    pub observed: Value,
}

impl Compared {
    pub fn matches_spec(&self) -> bool {
        self.observed == self.spec
    }

    /// The observation equals the engine's column (false where it has none).
    pub fn matches_prediction(&self) -> bool {
        self.predicted.as_ref() == Some(&self.observed)
    }

    pub fn not_measured(&self) -> bool {
        self.predicted.is_none()
    }
}

/// Collects the comparisons of one scenario in one engine.
struct Fields {
    engine: nocontent_engine::Engine,
    out: Vec<Compared>,
}

impl Fields {
    fn claim<T: Serialize + PartialEq>(
        &mut self,
        field: impl Into<String>,
        claim: &Claim<T>,
        observed: &T,
    ) {
        self.out.push(Compared {
            field: field.into(),
            spec: json!(claim.spec()),
            predicted: claim.engine(self.engine).map(|v| json!(v)),
            observed: json!(observed),
        });
    }
}

/// The comparisons for one scenario, and the probes whose fields could not be compared.
pub fn compare(engine: Engine, case: &Case, obs: &Observation) -> (Vec<Compared>, Vec<NotRun>) {
    let outcomes = &case.exchange.outcomes;
    let mut f = Fields {
        engine,
        out: Vec::new(),
    };
    let mut not_compared = Vec::new();

    if let Some(fetch) = &obs.fetch {
        let claimed = &outcomes.fetch;
        let settles = match &fetch.fate {
            FetchFate::Resolved(_) => Settles::Resolves,
            FetchFate::Rejected(e) => Settles::Rejects(e.line()),
            FetchFate::Pending => Settles::Never,
        };
        f.claim("fetch.settles", &claimed.settles, &settles);
        if let FetchFate::Resolved(r) = &fetch.fate {
            let requested = fetch
                .arrived
                .as_ref()
                .map(|a| a.target.clone())
                .unwrap_or_else(|| case.target("fetch"));
            let claimed_redirect = claimed.redirect.map(|r| {
                r.as_ref()
                    .map(|r| json!({"to": resolve(&requested, &r.location), "method": r.method}))
            });
            let observed_redirect = r.redirected.then(|| {
                json!({
                    "to": target_of(&r.url),
                    "method": fetch.redirected_to.as_ref().map(|a| a.method.clone()),
                })
            });
            f.claim("fetch.redirect", &claimed_redirect, &observed_redirect);
            f.claim("fetch.redirected", &claimed.redirected, &r.redirected);
            // After a redirect the response is the redirect target's, whose claims come from
            // its own scenario.
            let target = if r.redirected {
                let method = fetch
                    .redirected_to
                    .as_ref()
                    .map(|a| a.method.clone())
                    .unwrap_or_else(|| case.method().to_string());
                redirect_target(&method).ok()
            } else {
                None
            };
            let claimed = target
                .as_ref()
                .map(|t| &t.exchange.outcomes.fetch)
                .unwrap_or(claimed);
            f.claim("fetch.status", &claimed.status, &r.status);
            f.claim("fetch.ok", &claimed.ok, &r.ok);
            f.claim("fetch.status_text", &claimed.status_text, &r.status_text);
            f.claim("fetch.body_null", &claimed.body_null, &r.body_null);
            f.claim("fetch.text", &claimed.text, &r.text.as_engine());
            f.claim("fetch.json", &claimed.json, &r.json.as_engine());
            f.claim("fetch.headers", &claimed.headers, &r.headers);
        }
    }

    if let Some(connection) = &obs.connection {
        match connection.reused {
            Some(reused) => f.claim("connection.reusable", &outcomes.connection.reusable, &reused),
            None => not_compared.push(NotRun {
                probe: "connection.reusable".into(),
                why: "inconclusive: the follow-up used another connection while the first stayed open".into(),
            }),
        }
        f.claim(
            "connection.next_clean",
            &outcomes.connection.next_clean,
            &follow_up_ok(&connection.next),
        );
    }

    let own_type = case.scenario.client.response_type;
    for xhr in &obs.xhr {
        let exchange = match xhr.response_type {
            t if t == own_type => Ok(case.exchange.clone()),
            t => case.with_response_type(t),
        };
        let Ok(exchange) = exchange else {
            not_compared.push(NotRun {
                probe: format!("xhr({})", xhr.response_type.as_str()),
                why: "the scenario does not simulate with this responseType".into(),
            });
            continue;
        };
        let name = |field: &str| format!("xhr({}).{field}", xhr.response_type.as_str());
        let requested = xhr
            .arrived
            .as_ref()
            .map(|a| a.target.clone())
            .unwrap_or_else(|| case.target(&format!("xhr-{}", xhr.response_type.as_str())));
        let claimed_redirect = exchange
            .outcomes
            .fetch
            .redirect
            .map(|r| r.as_ref().map(|r| resolve(&requested, &r.location)));
        let final_target = target_of(&xhr.response_url);
        let observed_redirect =
            (!xhr.response_url.is_empty() && final_target != requested).then_some(final_target);
        f.claim(name("redirected_to"), &claimed_redirect, &observed_redirect);
        // After a redirect the response is the redirect target's, with this responseType.
        let target = match (
            &observed_redirect,
            exchange.outcomes.fetch.redirect.engine(f.engine),
        ) {
            (Some(_), Some(Some(r))) => redirect_target(&r.method).ok(),
            (Some(_), _) => redirect_target(case.method()).ok(),
            (None, _) => None,
        }
        .and_then(|t| t.with_response_type(xhr.response_type).ok());
        let claimed = &target.as_ref().unwrap_or(&exchange).outcomes.xhr;
        f.claim(name("status"), &claimed.status, &xhr.status);
        f.claim(name("status_text"), &claimed.status_text, &xhr.status_text);
        f.claim(
            name("load_event"),
            &claimed.load_event,
            &(xhr.event == "load"),
        );
        f.claim(name("events"), &claimed.events, &xhr.events);
        f.claim(name("ready_state"), &claimed.ready_state, &xhr.ready_state);
        f.claim(
            name("response_text"),
            &claimed.response_text,
            &xhr.response_text.as_engine(),
        );
        f.claim(
            name("response"),
            &claimed.response,
            &xhr.response.as_engine(),
        );
    }

    if let Some(beacon) = &obs.beacon {
        let claimed = &outcomes.beacon;
        f.claim("beacon.queued", &claimed.queued, &beacon.queued);
        if let Some(method) = &beacon.method {
            f.claim("beacon.method", &claimed.method, method);
            f.claim(
                "beacon.content_type",
                &claimed.content_type,
                &beacon.content_type,
            );
        }
        f.claim(
            "beacon.response_visible",
            &claimed.response_visible,
            &(beacon.returns != "boolean"),
        );
    }

    for nav in &obs.navigation {
        let claimed = &outcomes.navigation;
        let name = |field: &str| format!("navigation.{field} ({})", nav.trigger);
        // An iframe's navigation has claims of its own; its history entry and URL change go
        // with its document.
        let framed = nav.trigger == "iframe";
        let (replaced, history, url) = if framed {
            (
                &claimed.iframe_document_replaced,
                &claimed.iframe_document_replaced,
                &claimed.iframe_document_replaced,
            )
        } else {
            (
                &claimed.document_replaced,
                &claimed.history_entry_added,
                &claimed.url_changed,
            )
        };
        f.claim(name("document_replaced"), replaced, &nav.replaced);
        f.claim(name("history_entry_added"), history, &nav.history_added());
        f.claim(name("url_changed"), url, &nav.url_changed());
        if nav.trigger == "form" {
            match nav.form_reset() {
                Some(reset) => f.claim(name("form_reset"), &claimed.form_reset, &reset),
                None => not_compared.push(NotRun {
                    probe: name("form_reset"),
                    why: "no form left to inspect: the document was replaced".into(),
                }),
            }
        }
        if nav.trigger == "iframe" {
            f.claim(
                name("iframe_load_event"),
                &claimed.iframe_load_event,
                &nav.iframe_loaded().unwrap_or(false),
            );
        }
    }

    // WebKitGTK's cache is what its ordinary window saw; the automation session has none.
    let via = if engine == Engine::Webkit {
        Via::Window
    } else {
        Via::Webdriver
    };
    if let Some(cache) = obs.cache.iter().find(|c| c.via == via) {
        f.claim(
            "cache.stored",
            &outcomes.cache.stored,
            &cache.second_from_cache(),
        );
    }
    if let Some(invalidation) = obs.invalidation.iter().find(|c| c.via == via) {
        match invalidation.invalidated() {
            Some(invalidated) => f.claim(
                "cache.invalidates_cached_get",
                &outcomes.cache.invalidates_cached_get,
                &invalidated,
            ),
            None => not_compared.push(NotRun {
                probe: "cache.invalidates_cached_get".into(),
                why: format!(
                    "the control GET was not answered from the cache ({} GETs reached the server before the {} request)",
                    invalidation.gets_before,
                    case.method()
                ),
            }),
        }
    }

    if let Some(preflight) = &obs.preflight {
        let claimed = &outcomes.preflight;
        f.claim(
            "preflight.needed",
            &claimed.needed,
            &preflight.options_arrived,
        );
        if preflight.options_arrived {
            let claimed_method = claimed.request_method.map(|m| Some(m.clone()));
            f.claim(
                "preflight.request_method",
                &claimed_method,
                &preflight.request_method,
            );
            f.claim(
                "preflight.request_headers",
                &claimed.request_headers,
                &preflight.request_headers,
            );
        }
        f.claim("preflight.passes", &claimed.passes, &preflight.passes());
        let settles = match &preflight.fate {
            PreflightFate::Rejected(e) => Settles::Rejects(e.line()),
            PreflightFate::Pending => Settles::Never,
            PreflightFate::Resolved { .. } => Settles::Resolves,
        };
        f.claim("preflight.settles", &claimed.settles, &settles);
    }
    (f.out, not_compared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observe::{
        catalog_cases, ConnectionSeen, FetchResponse, FetchSeen, PageGot, Settled,
    };

    fn case(id: &str) -> Case {
        catalog_cases(Some(id)).unwrap().remove(0)
    }

    fn chromium<T>(claim: &Claim<T>) -> &T {
        claim
            .engine(nocontent_engine::Engine::Chromium)
            .expect("Chromium is measured")
    }

    /// A fetch observation that says exactly what the engine crate's Chromium column says.
    fn as_claimed(case: &Case) -> FetchSeen {
        let claimed = &case.exchange.outcomes.fetch;
        let settled = |r: &nocontent_engine::outcome::JsResult| match r {
            nocontent_engine::outcome::JsResult::Value(v) => Settled::Value(v.clone()),
            nocontent_engine::outcome::JsResult::Error(name) => {
                Settled::Error(crate::observe::JsError {
                    name: name.clone(),
                    message: "whatever the engine says".into(),
                })
            }
            nocontent_engine::outcome::JsResult::Pending(_) => Settled::Pending,
        };
        FetchSeen {
            fate: FetchFate::Resolved(FetchResponse {
                status: *chromium(&claimed.status),
                ok: *chromium(&claimed.ok),
                status_text: chromium(&claimed.status_text).clone(),
                body_null: *chromium(&claimed.body_null),
                headers: chromium(&claimed.headers).clone(),
                redirected: false,
                url: String::new(),
                kind: "basic".into(),
                text: settled(chromium(&claimed.text)),
                json: settled(chromium(&claimed.json)),
            }),
            arrived: None,
            redirected_to: None,
        }
    }

    #[test]
    fn an_observation_equal_to_the_chromium_column_matches_it_and_a_changed_one_does_not() {
        let case = case("fetch-204-json");
        let mut obs = Observation {
            id: case.id.clone(),
            fetch: Some(as_claimed(&case)),
            ..Observation::default()
        };
        let (compared, _) = compare(Engine::Chromium, &case, &obs);
        assert_eq!(compared.len(), 10);
        assert!(
            compared.iter().all(Compared::matches_prediction),
            "{compared:#?}"
        );
        // The spec says a 204's body is null; Chromium gives an empty stream.
        let body_null = compared
            .iter()
            .find(|c| c.field == "fetch.body_null")
            .unwrap();
        assert!(!body_null.matches_spec());

        // One field off: exactly that field stops matching.
        if let Some(FetchSeen {
            fate: FetchFate::Resolved(r),
            ..
        }) = &mut obs.fetch
        {
            r.status_text = "No Content Here".into();
        }
        let (compared, _) = compare(Engine::Chromium, &case, &obs);
        let off: Vec<&str> = compared
            .iter()
            .filter(|c| !c.matches_prediction())
            .map(|c| c.field.as_str())
            .collect();
        assert_eq!(off, ["fetch.status_text"]);
    }

    #[test]
    fn a_rejection_is_compared_by_its_line_and_skips_the_response_fields() {
        let case = case("delete-204");
        let obs = Observation {
            fetch: Some(FetchSeen {
                fate: FetchFate::Rejected(crate::observe::JsError {
                    name: "TypeError".into(),
                    message: "NetworkError when attempting to fetch resource.".into(),
                }),
                arrived: None,
                redirected_to: None,
            }),
            ..Observation::default()
        };
        let (compared, _) = compare(Engine::Firefox, &case, &obs);
        assert_eq!(compared.len(), 1);
        assert_eq!(
            compared[0].observed,
            json!({"rejects": "TypeError: NetworkError when attempting to fetch resource."})
        );
        assert!(!compared[0].matches_prediction());
    }

    #[test]
    fn an_inconclusive_connection_is_not_compared_but_said() {
        let case = case("keepalive-204-body");
        let arrived = crate::observe::Arrived {
            conn: 1,
            index: 2,
            method: "GET".into(),
            target: "/s/x".into(),
        };
        let obs = Observation {
            connection: Some(ConnectionSeen {
                scenario: arrived.clone(),
                follow_up: Some(crate::observe::Arrived { conn: 2, ..arrived }),
                reused: None,
                client_closed: false,
                next: PageGot::Response {
                    status: 200,
                    text: Settled::Value(json!("ok")),
                },
            }),
            ..Observation::default()
        };
        let (compared, not_compared) = compare(Engine::Chromium, &case, &obs);
        assert_eq!(not_compared.len(), 1);
        assert_eq!(not_compared[0].probe, "connection.reusable");
        // The follow-up got a clean 200, as Chromium's column says.
        assert_eq!(compared.len(), 1);
        assert!(compared[0].matches_prediction());
    }
}
