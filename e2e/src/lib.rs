//! The project's one browser harness.
//!
//! Three real engines (Chromium, Firefox ESR, WebKitGTK) are started through their own
//! WebDriver servers and driven with fantoccini over plain HTTP on loopback ([`session`]).
//! Pages come from a static file server ([`serve`]) or from a raw-socket server that writes
//! byte-exact replies and logs which connection every request arrived on ([`raw`]).
//! [`page`] is the page object the app's browser tests use; [`probes`] holds the JavaScript
//! that runs inside the page, as `.js` files; [`observe`] runs every probe that applies to a
//! catalog scenario and returns what the engine did, and [`compare`] sets that against the
//! engine crate's spec and Chromium columns. [`need`] finds what a test needs (the built app,
//! a browser, the lab's binary) and skips the test, saying why, when the machine lacks it;
//! [`hosts`] starts the servers that are programs (python's, the lab's); [`bench`] measures
//! the release build for `cargo xtask bench`.
//!
//! Nothing here sleeps for a fixed time and hopes: every wait is on a condition with a
//! deadline, and every process the harness starts ends when its owner is dropped.

pub mod args;
pub mod bench;
pub mod clients;
pub mod devtools;
pub mod difflab;
pub mod engine;
pub mod error;
pub mod fixture;
pub mod frameworks;
pub mod hosts;
pub mod install;
pub mod need;
pub mod observe;
pub mod page;
pub mod probes;
pub mod process;
pub mod raw;
pub mod report;
pub mod serve;
pub mod session;
pub mod xvfb;

pub use engine::{Engine, Installed, Version};
pub use error::Error;
pub use page::App;
pub use session::Browser;

use std::path::PathBuf;
use std::time::Duration;

/// How long any single condition may take before the harness gives up on it.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// The longest one WebDriver command may take: more than the session's script and page-load
/// timeouts, so a command that ends by itself always does first. A driver that has stopped
/// answering (WebKitWebDriver does, now and then, with its browser idle) then fails the
/// command with [`Error::hung`] instead of stalling the whole run.
pub const COMMAND_DEADLINE: Duration = Duration::from_secs(75);

/// `target/e2e/` of the workspace (or of `CARGO_TARGET_DIR`): observations, reports, logs.
pub fn out_dir() -> PathBuf {
    need::target_dir().join("e2e")
}

/// Runs a browser test, and once more in a fresh session if a browser stopped answering in it
/// (an [`Error::hung`]): WebKitWebDriver now and then leaves a command unanswered while its
/// browser sits idle, which says nothing about what the test checks. A check that fails is
/// never run again, and the hang is printed either way.
pub async fn once_more_if_hung<F, Fut>(test: &str, run: F) -> Result<(), Error>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<(), Error>>,
{
    match run().await {
        Err(e) if e.is_hang() => {
            eprintln!("⚠ {test}: {e}; running it once more in a fresh session");
            run().await
        }
        other => other,
    }
}
