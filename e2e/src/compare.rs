//! What an engine did, set field by field against the engine crate's claims: its spec column
//! and its Chromium column.
//!
//! Claims are read through their typed fields (`Claim::spec`, `Claim::chromium`), never
//! through JSON paths, so a renamed field is a compile error here rather than two `null`s that
//! compare equal.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use nocontent_engine::outcome::{Claim, Outcomes};

use crate::engine::Engine;
use crate::observe::{
    follow_up_ok, Case, FetchFate, NotRun, Observation, PreflightFate, Via, ENGINE_NETWORK_ERROR,
};

/// One field: the engine crate's two columns and what the engine did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Compared {
    /// Such as `fetch.status`, `xhr(json).response`, `navigation.url_changed (link)`.
    pub field: String,
    pub spec: Value,
    pub chromium: Value,
    pub observed: Value,
    /// `e2e/tests/chromium_catalog.rs` checks this field today (the rest are new probes).
    pub checked_today: bool,
}

impl Compared {
    pub fn matches_spec(&self) -> bool {
        self.observed == self.spec
    }

    pub fn matches_chromium(&self) -> bool {
        self.observed == self.chromium
    }
}

/// Collects the comparisons of one scenario.
struct Fields {
    out: Vec<Compared>,
}

impl Fields {
    fn claim<T: Serialize + PartialEq>(
        &mut self,
        field: impl Into<String>,
        claim: &Claim<T>,
        observed: &T,
        checked_today: bool,
    ) {
        self.out.push(Compared {
            field: field.into(),
            spec: json!(claim.spec()),
            chromium: json!(claim.chromium()),
            observed: json!(observed),
            checked_today,
        });
    }

    /// A value the engine crate states once, for the spec and Chromium alike.
    fn plain(
        &mut self,
        field: impl Into<String>,
        engine: Value,
        observed: Value,
        checked_today: bool,
    ) {
        self.out.push(Compared {
            field: field.into(),
            spec: engine.clone(),
            chromium: engine,
            observed,
            checked_today,
        });
    }
}

/// Is the follow-up response clean by the engine's connection claim (no leftover bytes read
/// as the next response)?
fn next_clean(outcomes: &Outcomes) -> Claim<bool> {
    let c = &outcomes.connection;
    Claim::new(
        !(*c.reusable.spec() && *c.leftover_bytes.spec() > 0),
        !(*c.reusable.chromium() && *c.leftover_bytes.chromium() > 0),
    )
}

/// The comparisons for one scenario, and the probes whose fields could not be compared.
pub fn compare(engine: Engine, case: &Case, obs: &Observation) -> (Vec<Compared>, Vec<NotRun>) {
    let outcomes = &case.exchange.outcomes;
    let mut f = Fields { out: Vec::new() };
    let mut not_compared = Vec::new();

    if let Some(fetch) = &obs.fetch {
        let claimed = &outcomes.fetch;
        let rejects = match &fetch.fate {
            FetchFate::Resolved(_) => Value::Null,
            FetchFate::Rejected(e) => json!(e.line()),
            FetchFate::Pending => json!("pending"),
        };
        f.plain("fetch.rejects", json!(claimed.rejects), rejects, true);
        if let FetchFate::Resolved(r) = &fetch.fate {
            f.claim("fetch.status", &claimed.status, &r.status, true);
            f.claim("fetch.ok", &claimed.ok, &r.ok, true);
            f.claim(
                "fetch.status_text",
                &claimed.status_text,
                &r.status_text,
                true,
            );
            f.claim("fetch.body_null", &claimed.body_null, &r.body_null, true);
            f.claim("fetch.text", &claimed.text, &r.text.as_engine(), true);
            f.claim("fetch.json", &claimed.json, &r.json.as_engine(), true);
            f.plain(
                "fetch.headers",
                json!(claimed.headers),
                json!(r.headers),
                true,
            );
        }
    }

    if let Some(connection) = &obs.connection {
        match connection.reused {
            Some(reused) => f.claim(
                "connection.reusable",
                &outcomes.connection.reusable,
                &reused,
                true,
            ),
            None => not_compared.push(NotRun {
                probe: "connection.reusable".into(),
                why: "inconclusive: the follow-up used another connection while the first stayed open".into(),
            }),
        }
        f.claim(
            "connection.next_clean",
            &next_clean(outcomes),
            &follow_up_ok(&connection.next),
            false,
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
        let claimed = &exchange.outcomes.xhr;
        let today = xhr.response_type == own_type;
        let name = |field: &str| format!("xhr({}).{field}", xhr.response_type.as_str());
        f.claim(name("status"), &claimed.status, &xhr.status, today);
        f.claim(
            name("status_text"),
            &claimed.status_text,
            &xhr.status_text,
            today,
        );
        f.claim(
            name("load_event"),
            &claimed.load_event,
            &(xhr.event == "load"),
            today,
        );
        f.claim(
            name("response_text"),
            &claimed.response_text,
            &xhr.response_text.as_engine(),
            today,
        );
        f.claim(
            name("response"),
            &claimed.response,
            &xhr.response.as_engine(),
            today,
        );
    }

    for nav in &obs.navigation {
        let claimed = &outcomes.navigation;
        let name = |field: &str| format!("navigation.{field} ({})", nav.trigger);
        f.claim(
            name("document_replaced"),
            &claimed.document_replaced,
            &nav.replaced,
            true,
        );
        f.claim(
            name("history_entry_added"),
            &claimed.history_entry_added,
            &nav.history_added(),
            true,
        );
        f.claim(
            name("url_changed"),
            &claimed.url_changed,
            &nav.url_changed(),
            true,
        );
        if nav.trigger == "form" {
            match nav.form_reset() {
                Some(reset) => f.claim(name("form_reset"), &claimed.form_reset, &reset, true),
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
                true,
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
            false,
        );
    }
    if let Some(invalidation) = obs.invalidation.iter().find(|c| c.via == via) {
        match invalidation.invalidated() {
            Some(invalidated) => f.claim(
                "cache.invalidates_cached_get",
                &outcomes.cache.invalidates_cached_get,
                &invalidated,
                false,
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
        f.plain(
            "preflight.needed",
            json!(claimed.needed),
            json!(preflight.options_arrived),
            true,
        );
        if preflight.options_arrived {
            f.plain(
                "preflight.request_method",
                json!(claimed.request_method),
                json!(preflight.request_method),
                true,
            );
            f.plain(
                "preflight.request_headers",
                json!(claimed.request_headers),
                json!(preflight.request_headers),
                true,
            );
        }
        f.claim(
            "preflight.passes",
            &claimed.passes,
            &preflight.passes(),
            true,
        );
        if !preflight.passes() {
            let observed = match &preflight.fate {
                PreflightFate::Rejected(e) => json!(e.line()),
                PreflightFate::Pending => json!("pending"),
                PreflightFate::Resolved { status, .. } => json!(format!("resolved {status}")),
            };
            f.plain(
                "preflight.rejects",
                json!(ENGINE_NETWORK_ERROR),
                observed,
                true,
            );
        }
    }
    // Only catalog scenarios are replayed by `e2e/tests/chromium_catalog.rs`.
    let in_catalog =
        nocontent_engine::catalog::find(&case.id).is_some_and(|e| e.scenario == case.scenario);
    if !in_catalog {
        for c in &mut f.out {
            c.checked_today = false;
        }
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
                status: *claimed.status.chromium(),
                ok: *claimed.ok.chromium(),
                status_text: claimed.status_text.chromium().clone(),
                body_null: *claimed.body_null.chromium(),
                headers: claimed.headers.clone(),
                redirected: false,
                url: String::new(),
                kind: "basic".into(),
                text: settled(claimed.text.chromium()),
                json: settled(claimed.json.chromium()),
            }),
            arrived: None,
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
        assert_eq!(compared.len(), 8);
        assert!(
            compared.iter().all(Compared::matches_chromium),
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
            .filter(|c| !c.matches_chromium())
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
            }),
            ..Observation::default()
        };
        let (compared, _) = compare(Engine::Firefox, &case, &obs);
        assert_eq!(compared.len(), 1);
        assert_eq!(
            compared[0].observed,
            json!("TypeError: NetworkError when attempting to fetch resource.")
        );
        assert!(!compared[0].matches_chromium());
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
        assert!(compared[0].matches_chromium());
    }
}
