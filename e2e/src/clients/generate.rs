//! Random scenarios for the client runner, from a seed.
//!
//! A small generator of its own, written while the difflab generator (`e2e/src/difflab/`) was
//! still being written elsewhere; once that one is merged the runner can take its scenarios
//! instead, since both give [`Case`]s. This one draws what matters to a client library: every
//! method it sends, statuses that forbid content (204, 304, 1xx-free), 205, ordinary ones and
//! odd ones (299, 600, 999), bodies where none may be, every framing, right, wrong, repeated and
//! invalid Content-Length, Transfer-Encoding beside it, a Content-Encoding the body does not
//! have, `Connection: close`, and both send modes.
//!
//! [`ChaCha8Rng`] gives the same stream for the same seed on every platform, so a seed names a
//! run.

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use nocontent_engine::scenario::{Answer, Client, ClientKind, Framing, Request, SendMode};
use nocontent_engine::Scenario;

use crate::error::Error;
use crate::observe::Case;

/// `n` scenarios for `seed`, each simulated, with ids `c<seed>-<i>`.
pub fn cases(seed: u64, n: usize) -> Result<Vec<Case>, Error> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n)
        .map(|i| Case::new(&format!("c{seed}-{i}"), scenario(&mut rng)))
        .collect()
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    rng.random_bool(p)
}

fn pair(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_string(), value.into())
}

/// One scenario.
pub fn scenario(rng: &mut ChaCha8Rng) -> Scenario {
    let method = *pick(
        rng,
        &[
            "GET", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "DELETE", "OPTIONS",
        ],
    );
    let mut request_headers = Vec::new();
    let mut request_body = String::new();
    if matches!(method, "POST" | "PUT" | "PATCH") {
        request_headers.push(pair("Content-Type", "application/json"));
        request_body = pick(rng, &["{\"done\":true}", "{}", "[1,2]"]).to_string();
    }
    if chance(rng, 0.3) {
        request_headers.push(pair("Accept", "application/json"));
    }
    let status = *pick(
        rng,
        &[
            204, 204, 204, 205, 205, 205, 304, 304, 200, 200, 201, 202, 404, 500, 299, 600, 999,
        ],
    );
    let body = pick(rng, &["", "", "", "hello", "{}", "{\"ok\":true}"]).to_string();
    let mut headers = Vec::new();
    if !body.is_empty() || chance(rng, 0.3) {
        let kind = if body.starts_with('{') || chance(rng, 0.5) {
            "application/json"
        } else {
            "text/plain"
        };
        headers.push(pair("Content-Type", kind));
    }
    // Framing headers as a careless server writes them.
    match rng.random_range(0..10) {
        0 => headers.push(pair("Content-Length", body.len().to_string())),
        1 => headers.push(pair("Content-Length", (body.len() + 3).to_string())),
        2 if !body.is_empty() => headers.push(pair("Content-Length", (body.len() - 1).to_string())),
        3 => {
            headers.push(pair("Content-Length", body.len().to_string()));
            headers.push(pair("Content-Length", body.len().to_string()));
        }
        4 => {
            headers.push(pair("Content-Length", body.len().to_string()));
            headers.push(pair("Content-Length", (body.len() + 1).to_string()));
        }
        5 => headers.push(pair("Content-Length", "abc")),
        6 => {
            headers.push(pair("Transfer-Encoding", "chunked"));
            if chance(rng, 0.5) {
                headers.push(pair("Content-Length", body.len().to_string()));
            }
        }
        _ => {}
    }
    if chance(rng, 0.1) {
        headers.push(pair("Content-Encoding", "gzip"));
    }
    if chance(rng, 0.15) {
        headers.push(pair("Connection", "close"));
    }
    if chance(rng, 0.2) {
        headers.push(pair("ETag", "\"v7\""));
    }
    let framing = *pick(rng, &Framing::ALL);
    let send = if chance(rng, 0.25) {
        SendMode::Conforming
    } else {
        SendMode::AsWritten
    };
    Scenario {
        request: Request {
            method: method.to_string(),
            target: "/items/42".into(),
            headers: request_headers,
            body: request_body,
        },
        client: Client {
            kind: ClientKind::Fetch,
            ..Client::default()
        },
        answer: Answer {
            status,
            headers,
            body,
            framing,
            send,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_names_its_scenarios_and_all_simulate() {
        let a = cases(7, 60).unwrap();
        let b = cases(7, 60).unwrap();
        assert_eq!(
            a.iter().map(|c| &c.scenario).collect::<Vec<_>>(),
            b.iter().map(|c| &c.scenario).collect::<Vec<_>>()
        );
        let other = cases(8, 60).unwrap();
        assert_ne!(
            a.iter().map(|c| &c.scenario).collect::<Vec<_>>(),
            other.iter().map(|c| &c.scenario).collect::<Vec<_>>()
        );
        assert_eq!(a[3].id, "c7-3");
        // The draw covers what it promises: bodiless statuses with bodies, and every framing.
        let many = cases(1, 400).unwrap();
        assert!(many
            .iter()
            .any(|c| c.scenario.answer.status == 204 && !c.scenario.answer.body.is_empty()));
        for framing in Framing::ALL {
            assert!(many.iter().any(|c| c.scenario.answer.framing == framing));
        }
    }
}
