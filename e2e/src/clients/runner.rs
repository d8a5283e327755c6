//! Runs every client over a list of scenarios against one raw-socket server, a few drivers at a
//! time, and gathers the runs in scenario order.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::driver::{self, Tools};
use super::{targets, ClientId, Measurement, Run, ScenarioRuns, ServerLog, Spec};
use crate::observe::Case;
use crate::raw::RawServer;

/// Runs `client` for `case` on `server` and reads the server's log for its two requests.
pub fn run_one(
    server: &RawServer,
    tools: &Tools,
    case: &Case,
    client: ClientId,
    pending_ms: u64,
) -> Run {
    let spec = Spec::new(case, client, &server.origin(), pending_ms);
    match driver::run(tools, client, &spec) {
        Ok(line) => {
            let (first, next) = targets(case, client);
            let log = ServerLog::from_requests(&server.requests(), &first, &next);
            Run::Measured(Box::new(Measurement::new(line, log)))
        }
        Err(e) => Run::DriverFailed {
            client,
            reason: e.to_string(),
        },
    }
}

/// Every client in `clients` over every case, `jobs` drivers at a time. Each case's exact
/// response is registered on `server` at `/s/<id>` first.
pub fn run_all(
    server: &RawServer,
    tools: &Tools,
    cases: &[Case],
    clients: &[ClientId],
    pending_ms: u64,
    jobs: usize,
    progress: bool,
) -> Vec<ScenarioRuns> {
    for case in cases {
        server.route(&format!("/s/{}", case.id), None, case.reply());
    }
    let work: Vec<(usize, ClientId)> = (0..cases.len())
        .flat_map(|i| clients.iter().map(move |&c| (i, c)))
        .collect();
    let results: Mutex<Vec<Option<Run>>> = Mutex::new(vec![None; work.len()]);
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| loop {
                let at = next.fetch_add(1, Ordering::SeqCst);
                let Some(&(i, client)) = work.get(at) else {
                    return;
                };
                let case = &cases[i];
                let run = run_one(server, tools, case, client, pending_ms);
                if progress {
                    println!("{:<28} {:<10} {}", case.id, client.key(), run_cell(&run));
                }
                let mut slots = results.lock().unwrap_or_else(|p| p.into_inner());
                slots[at] = Some(run);
            });
        }
    });
    let mut runs = results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter();
    cases
        .iter()
        .map(|case| ScenarioRuns {
            id: case.id.clone(),
            scenario: case.scenario.clone(),
            wire: case.wire().to_string(),
            runs: clients
                .iter()
                .filter_map(|_| runs.next().flatten())
                .collect(),
        })
        .collect()
}

/// A run as one table cell: the result, then `reused`, `new conn` or `—`.
pub fn run_cell(run: &Run) -> String {
    match run {
        Run::Measured(m) => format!(
            "{} · {}",
            m.result.summary(),
            reuse_text(m.connection_reused)
        ),
        Run::DriverFailed { reason, .. } => {
            format!("driver failed: {}", super::shorten(reason, 60))
        }
    }
}

pub fn reuse_text(reused: Option<bool>) -> &'static str {
    match reused {
        Some(true) => "reused",
        Some(false) => "new conn",
        None => "—",
    }
}
