//! Header fields (RFC 9110 §5): names must be tokens and values must not hold CR, LF or NUL.
//! A composed field that breaks either rule is left off the wire; raw bytes that break them
//! do not parse as a response.

use crate::cite;
use crate::wire::{FieldProblem, ParseError};

use super::{framing, Rule};

rules! {
    FIELD_NAME_INVALID: Error, cite::RFC9110_FIELD_NAMES,
        "A header name is not a valid token",
        "Field names are tokens: letters, digits and a few symbols, with no spaces, colons or control characters. Servers and browsers reject or misread such a header, so it was left out.";
    FIELD_VALUE_INVALID: Error, cite::RFC9110_FIELD_VALUES,
        "A header value holds CR, LF or another forbidden character",
        "A line break inside a value ends the header line, letting the rest inject new headers or even a body (response splitting). Values must not contain CR, LF or NUL, so it was left out.";
}

/// The rule for a composed field that cannot go on the wire.
pub fn rule_for(problem: FieldProblem) -> Rule {
    match problem {
        FieldProblem::Name => FIELD_NAME_INVALID,
        FieldProblem::Value => FIELD_VALUE_INVALID,
    }
}

/// The rule for bytes that do not parse as a response.
pub(super) fn rule_for_parse_error(error: ParseError) -> Rule {
    match error {
        ParseError::HeaderName => FIELD_NAME_INVALID,
        ParseError::HeaderValue => FIELD_VALUE_INVALID,
        ParseError::HeadNeverEnds | ParseError::Head(_) => framing::MESSAGE_UNPARSEABLE,
    }
}

#[cfg(test)]
pub(super) const CASES: &[super::cases::Case] = &[
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 200 OK\n\
               Bad Name: x\n\n",
        &["FIELD_NAME_INVALID"],
    ),
    super::cases::Case::new(
        "GET /r HTTP/1.1\n\n",
        "HTTP/1.1 200 OK\n\
               X: a\x01b\n\n",
        &["FIELD_VALUE_INVALID"],
    ),
];
