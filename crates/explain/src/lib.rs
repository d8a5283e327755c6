//! What the views of nocontent say: the engine's exchange turned into the sentences, rows and
//! code the web app shows as they are, so the UI stays a thin layer of markup.
//!
//! - [`timeline`]: the chosen client's steps; [`matrix`]: every client in a line;
//!   [`aftermath`]: the cache, invalidation and the connection; [`headline`]: the exchange in
//!   one line.
//! - [`Agreement`]: the "all engines agree" / "engines differ" badge over the claims a view
//!   shows, and [`cells`], a claim's columns with what sets each apart; [`divergences`]: the
//!   rows of [`DIVERGENCES`] (where the specs are silent or the engines depart from them, with
//!   the sections) that explain a difference.
//! - [`client_table`]: the clients outside the browser (curl, Node, axios, requests, httpx),
//!   what each call returns, what the next request gets, and the client's JSON read.
//! - [`client_snippets`]: code that makes the request; [`server_snippets`],
//!   [`body_on_no_content`] and [`status_constants`]: how frameworks answer with a status;
//!   [`style_advice`]: what API style guides say about a method.
//! - [`facts`]: the tables behind those, each row with its source URL.
//! - [`glossary`]: short definitions of the words a newcomer may not know.
//! - [`compare`]: the same request answered with several statuses, side by side.
//! - [`search`]: "find by question", the scenarios and notes ranked against typed words.
//!
//! Like the engine, it does no I/O and never panics on any input.

mod aftermath;
mod agreement;
mod client_code;
mod clients;
pub mod compare;
pub mod divergence;
pub mod facts;
pub mod glossary;
mod matrix;
pub mod search;
mod text;
pub use text::{thousands, truncate};
mod timeline;

use nocontent_engine::scenario::ClientKind;
use nocontent_engine::Exchange;

pub use aftermath::{aftermath, FRESHNESS};
pub use agreement::{cells, Agreement, Cell, Verdict};
pub use client_code::{client_snippets, Snippet};
pub use clients::{client_table, ClientCells, ClientLine};
pub use divergence::{divergences, Divergence, Stance, DIVERGENCES};
use facts::{BodyOn204, FrameworkAnswer, StatusConstant, StyleGuideAdvice};
pub use matrix::{matrix, MatrixRow};
use text::{status_line, wire_method};
pub use timeline::{timeline, Basis, Step};

/// The product name, shown by the app.
pub const PRODUCT: &str = "nocontent";

/// One line that says what the product is.
pub const TAGLINE: &str =
    "See what 204, 205 and their neighbours really do: on the wire, in the RFCs and in the browser.";

/// How to send this answer's status in each framework: the rows of
/// [`facts::FRAMEWORK_ANSWERS`] for the status (none when the table has no row for it). What
/// each framework does with a body on such a status is [`body_on_no_content`].
pub fn server_snippets(status: u16) -> Vec<&'static FrameworkAnswer> {
    facts::FRAMEWORK_ANSWERS
        .iter()
        .filter(|a| a.status == status)
        .collect()
}

/// How each ecosystem names this status as a constant, in table order (none when the table
/// has no row for it).
pub fn status_constants(status: u16) -> Vec<&'static StatusConstant> {
    facts::STATUS_CONSTANTS
        .iter()
        .filter(|c| c.status == status)
        .collect()
}

/// What each framework does when handler code puts a body on the response: the rows of
/// [`facts::BODY_ON_204`] when the status is 204, 205 or 304, else none.
pub fn body_on_no_content(status: u16) -> Vec<&'static BodyOn204> {
    if matches!(status, 204 | 205 | 304) {
        facts::BODY_ON_204.iter().collect()
    } else {
        Vec::new()
    }
}

/// What the style guides advise for this method (case-insensitive).
pub fn style_advice(method: &str) -> Vec<&'static StyleGuideAdvice> {
    let method = method.trim();
    facts::STYLE_GUIDES
        .iter()
        .filter(|g| g.method.eq_ignore_ascii_case(method))
        .collect()
}

/// A one-line human summary of the exchange for a heading, e.g.
/// "DELETE /items/42 → 204 No Content". When the answer went to an OPTIONS preflight, the
/// line says so.
pub fn headline(exchange: &Exchange) -> String {
    let method = wire_method(&exchange.request.method);
    let target = truncate(&exchange.request.target, 60);
    let answer = status_line(exchange.response.status, &exchange.response.reason);
    // A preflight of an OPTIONS request is just that OPTIONS request again.
    if exchange.client.kind == ClientKind::Preflight && !method.eq_ignore_ascii_case("OPTIONS") {
        format!("OPTIONS {target} (preflight for {method}) → {answer}")
    } else {
        format!("{method} {target} → {answer}")
    }
}
