//! The nocontent engine: a pure model of one HTTP exchange.
//!
//! Nothing here touches the DOM, the network or the file system; the app and the
//! command line both drive it with plain values, so every rule is testable natively. What the
//! views say about an exchange (timelines, snippets, fact tables) lives in the
//! `nocontent-explain` crate.
//!
//! It reads user-derived data everywhere, so it returns errors and never panics: the workspace's
//! lints (Cargo.toml) keep `unwrap`, `expect`, `panic!` and unchecked indexing out of the library code.

pub mod catalog;
pub mod cite;
pub mod clients;
pub mod engines;
pub mod exchange;
pub mod frameworks;
pub mod lint;
pub mod method;
pub mod outcome;
pub mod paste;
pub mod scenario;
pub mod status;
pub mod wire;

pub use engines::{Engine, CHROMIUM, FIREFOX, WEBKIT};
pub use exchange::{simulate, Exchange};
pub use lint::rules;
pub use scenario::Scenario;
