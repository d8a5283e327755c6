//! Random valid scenarios, from a seed: every method a script can send, every status class
//! (1xx to 5xx and 600 to 999), every framing, right, wrong, repeated and invalid
//! Content-Length, Transfer-Encoding, Content-Encoding, cache headers, both send modes and
//! every client and responseType.
//!
//! The generator draws from [`ChaCha8Rng`], whose stream is fixed for a given seed, so the
//! same seed gives the same scenarios. The one other input is `now`, the time the dates
//! (`Date`, `Expires`, `Last-Modified`) are written relative to: a browser computes a
//! response's age from its `Date`, so those must be near the time of the run.

use std::time::{Duration, SystemTime};

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use nocontent_engine::scenario::{
    Answer, Client, ClientKind, Framing, Request, ResponseType, SendMode,
};
use nocontent_engine::{simulate, Scenario};

use crate::error::Error;
use crate::observe::Case;

/// Where the generated redirects point (path-absolute); the lab's servers answer it with
/// [`crate::observe::REDIRECT_BODY`].
pub const REDIRECT_PATH: &str = "/r/dest";

/// The scenario id of scenario `index` of run `seed`.
pub fn case_id(seed: u64, index: usize) -> String {
    format!("d{seed}-{index}")
}

/// `n` scenarios for `seed`, each simulated, with ids `d<seed>-<i>`.
pub fn cases(seed: u64, n: usize, now: SystemTime) -> Result<Vec<Case>, Error> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n)
        .map(|i| {
            let id = case_id(seed, i);
            let scenario = scenario(&mut rng, &id, now);
            if let Err(e) = simulate(&scenario) {
                return Err(Error::new(format!(
                    "the generator made a scenario the engine refuses ({id}): {e:?}"
                )));
            }
            Case::new(&id, scenario)
        })
        .collect()
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// True with probability `p`.
fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    rng.random_bool(p)
}

/// One scenario. Its target is the lab's route for it, so that a relative `Location` resolves
/// the same way in the engine crate as in the browser.
pub fn scenario(rng: &mut ChaCha8Rng, id: &str, now: SystemTime) -> Scenario {
    let kind = *pick(rng, &ClientKind::ALL);
    let response_type = *pick(rng, &ResponseType::ALL);
    let request = request(rng, kind, id);
    let answer = answer(rng, kind, &request.method, now);
    Scenario {
        request,
        client: Client {
            kind,
            response_type,
        },
        answer,
    }
}

fn request(rng: &mut ChaCha8Rng, kind: ClientKind, id: &str) -> Request {
    // Forms send GET or POST; links, location.href and iframes send GET; sendBeacon sends
    // POST. fetch, XHR and the preflight client send anything a script may send (CONNECT,
    // TRACE and TRACK are forbidden methods), as typed: `get` is upper-cased, `patch` is not.
    let method = match kind {
        ClientKind::Form => *pick(rng, &["GET", "POST"]),
        ClientKind::Navigation | ClientKind::Iframe => "GET",
        ClientKind::Beacon => "POST",
        ClientKind::Preflight => *pick(rng, &["PUT", "PATCH", "DELETE", "POST", "GET"]),
        _ => *pick(
            rng,
            &[
                "GET", "GET", "HEAD", "POST", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "get",
                "patch",
            ],
        ),
    }
    .to_string();
    let mut headers: Vec<(String, String)> = Vec::new();
    let bodiless = matches!(method.to_ascii_uppercase().as_str(), "GET" | "HEAD");
    let mut body = String::new();
    match kind {
        ClientKind::Form => {
            if !bodiless {
                headers.push((
                    "Content-Type".into(),
                    "application/x-www-form-urlencoded".into(),
                ));
                body = format!("email={}", pick(rng, &["ada%40example.com", "x", "a+b"]));
            }
        }
        ClientKind::Navigation | ClientKind::Iframe => {}
        ClientKind::Beacon => {
            body = pick(rng, &["", "ping", "{\"event\":\"left\"}"]).to_string();
        }
        _ => {
            if !bodiless && chance(rng, 0.6) {
                let (kind, text) = *pick(
                    rng,
                    &[
                        ("application/json", "{\"name\":\"ada\"}"),
                        ("text/plain", "hello"),
                        ("application/x-www-form-urlencoded", "a=1&b=2"),
                    ],
                );
                headers.push(("Content-Type".into(), kind.into()));
                body = text.into();
            }
            if chance(rng, 0.3) {
                headers.push(("Accept".into(), "application/json".into()));
            }
            // The preflight client nearly always needs a preflight: a non-safelisted header
            // when the method alone does not need one.
            let safelisted = matches!(method.as_str(), "GET" | "POST");
            if kind == ClientKind::Preflight && safelisted && chance(rng, 0.9) || chance(rng, 0.25)
            {
                headers.push(("X-Request-Id".into(), "7".into()));
            }
        }
    }
    Request {
        method,
        target: format!("/s/{id}"),
        headers,
        body,
    }
}

/// A status from one of the classes, weighted towards the ones this tool is about.
fn status(rng: &mut ChaCha8Rng) -> u16 {
    match rng.random_range(0..100) {
        0..=4 => *pick(rng, &[100, 102, 103]),
        5..=44 => *pick(rng, &[200, 200, 201, 202, 203, 204, 204, 205, 205, 206]),
        45..=64 => *pick(rng, &[300, 301, 302, 303, 304, 304, 305, 307, 308]),
        65..=79 => *pick(rng, &[400, 401, 403, 404, 405, 409, 410, 418, 429]),
        80..=91 => *pick(rng, &[500, 501, 502, 503]),
        _ => rng.random_range(600..=999),
    }
}

fn answer(rng: &mut ChaCha8Rng, kind: ClientKind, method: &str, now: SystemTime) -> Answer {
    let status = status(rng);
    let mut headers: Vec<(String, String)> = Vec::new();
    let body = pick(
        rng,
        &[
            "",
            "",
            "hello",
            "{\"ok\":true}",
            "<p>hi</p>",
            "not json",
            "0123456789abcdef",
        ],
    )
    .to_string();
    if chance(rng, 0.6) {
        let ct = *pick(
            rng,
            &[
                "text/plain",
                "application/json",
                "text/html; charset=utf-8",
                "application/xml",
            ],
        );
        headers.push(("Content-Type".into(), ct.into()));
    }
    if (300..400).contains(&status) && chance(rng, 0.7) {
        let location = *pick(rng, &[REDIRECT_PATH, REDIRECT_PATH, "dest?from=relative"]);
        headers.push(("Location".into(), location.into()));
    } else if status == 201 && chance(rng, 0.5) {
        headers.push(("Location".into(), "/items/7".into()));
    }
    // Content-Length as written: right, wrong (short or long), repeated, or invalid.
    let len = body.len();
    match rng.random_range(0..100) {
        0..=59 => {}
        60..=69 => headers.push(("Content-Length".into(), len.to_string())),
        70..=76 => headers.push(("Content-Length".into(), len.saturating_sub(2).to_string())),
        77..=82 => headers.push(("Content-Length".into(), (len + 3).to_string())),
        83..=86 => {
            headers.push(("Content-Length".into(), len.to_string()));
            headers.push(("Content-Length".into(), len.to_string()));
        }
        87..=89 => {
            headers.push(("Content-Length".into(), len.to_string()));
            headers.push(("Content-Length".into(), (len + 1).to_string()));
        }
        90..=92 => headers.push(("Content-Length".into(), format!("{len}, {len}"))),
        _ => headers.push((
            "Content-Length".into(),
            pick(rng, &["abc", "-1", "+5", "5.0", "0x10"]).to_string(),
        )),
    }
    if chance(rng, 0.08) {
        let te = *pick(rng, &["chunked", "gzip, chunked", "identity", "gzip"]);
        headers.push(("Transfer-Encoding".into(), te.into()));
    }
    if chance(rng, 0.12) {
        let ce = *pick(rng, &["gzip", "deflate", "br", "identity", "x-custom"]);
        headers.push(("Content-Encoding".into(), ce.into()));
    }
    cache_headers(rng, &mut headers, now);
    if kind == ClientKind::Preflight {
        preflight_headers(rng, &mut headers, method);
    }
    if chance(rng, 0.05) {
        headers.push(("Connection".into(), "close".into()));
    }
    if chance(rng, 0.15) {
        headers.push(("ETag".into(), "\"v1\"".into()));
    }
    let framing = match rng.random_range(0..100) {
        0..=44 => Framing::Auto,
        45..=59 => Framing::ContentLength,
        60..=74 => Framing::Chunked,
        75..=87 => Framing::Close,
        _ => Framing::None,
    };
    let send = if chance(rng, 0.3) {
        SendMode::Conforming
    } else {
        SendMode::AsWritten
    };
    Answer {
        status,
        headers,
        body,
        framing,
        send,
    }
}

fn cache_headers(rng: &mut ChaCha8Rng, headers: &mut Vec<(String, String)>, now: SystemTime) {
    let date = |offset: i64| {
        let t = if offset >= 0 {
            now + Duration::from_secs(offset.unsigned_abs())
        } else {
            now - Duration::from_secs(offset.unsigned_abs())
        };
        httpdate::fmt_http_date(t)
    };
    // An Expires is only computable against the response's Date (RFC 9111 §4.2.1); origin
    // servers with a clock send one (RFC 9110 §6.6.1), so it always comes with one here.
    let expires = chance(rng, 0.15);
    if expires || chance(rng, 0.4) {
        headers.push(("Date".into(), date(0)));
    }
    if chance(rng, 0.35) {
        let cc = *pick(
            rng,
            &[
                "max-age=3600",
                "max-age=3600",
                "max-age=0",
                "no-store",
                "no-cache",
                "public",
                "private, max-age=600",
                "max-age=3600, must-revalidate",
                "no-cache, max-age=3600",
            ],
        );
        headers.push(("Cache-Control".into(), cc.into()));
    }
    if expires {
        let expires = match rng.random_range(0..3) {
            0 => date(3600),
            1 => date(-3600),
            _ => "0".to_string(),
        };
        headers.push(("Expires".into(), expires));
    }
    if chance(rng, 0.25) {
        // Ten days old: a heuristic lifetime of a day where heuristics apply.
        headers.push(("Last-Modified".into(), date(-10 * 86_400)));
    }
}

fn preflight_headers(rng: &mut ChaCha8Rng, headers: &mut Vec<(String, String)>, method: &str) {
    match rng.random_range(0..10) {
        0 => {}
        1 => headers.push((
            "Access-Control-Allow-Origin".into(),
            "https://elsewhere.example".into(),
        )),
        2 | 3 => headers.push(("Access-Control-Allow-Origin".into(), "*".into())),
        _ => headers.push((
            "Access-Control-Allow-Origin".into(),
            nocontent_engine::wire::PAGE_ORIGIN.into(),
        )),
    }
    match rng.random_range(0..4) {
        0 => {}
        1 => headers.push(("Access-Control-Allow-Methods".into(), "GET, POST".into())),
        _ => headers.push((
            "Access-Control-Allow-Methods".into(),
            format!("GET, {method}"),
        )),
    }
    match rng.random_range(0..4) {
        0 => {}
        1 => headers.push(("Access-Control-Allow-Headers".into(), "*".into())),
        _ => headers.push((
            "Access-Control-Allow-Headers".into(),
            "Content-Type, X-Request-Id".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_scenarios_and_another_seed_others() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let a = cases(7, 40, now).unwrap();
        let b = cases(7, 40, now).unwrap();
        let c = cases(8, 40, now).unwrap();
        let scenarios =
            |cases: &[Case]| cases.iter().map(|c| c.scenario.clone()).collect::<Vec<_>>();
        assert_eq!(scenarios(&a), scenarios(&b));
        assert_ne!(scenarios(&a), scenarios(&c));
        assert_eq!(a[3].id, "d7-3");
    }

    #[test]
    fn a_few_hundred_scenarios_cover_every_client_framing_and_status_class() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let all = cases(1, 300, now).unwrap();
        for kind in ClientKind::ALL {
            assert!(all.iter().any(|c| c.kind() == kind), "{kind:?}");
        }
        for framing in Framing::ALL {
            assert!(
                all.iter().any(|c| c.scenario.answer.framing == framing),
                "{framing:?}"
            );
        }
        for class in 1..=9 {
            assert!(
                all.iter().any(|c| c.scenario.answer.status / 100 == class),
                "{class}xx"
            );
        }
        let has = |name: &str| {
            all.iter().any(|c| {
                c.scenario
                    .answer
                    .headers
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case(name))
            })
        };
        for name in [
            "Location",
            "Transfer-Encoding",
            "Content-Encoding",
            "Expires",
            "Last-Modified",
            "Cache-Control",
        ] {
            assert!(has(name), "{name}");
        }
        assert!(all
            .iter()
            .any(|c| c.scenario.answer.send == SendMode::Conforming));
    }
}
