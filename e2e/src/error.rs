//! The harness's one error type: a sentence saying what could not be done and why.
//!
//! Its `Debug` form is the same sentence, so a test that returns `Result<(), Error>` fails
//! with a readable message rather than a struct dump.

use std::fmt;

/// What went wrong, as one readable sentence, and whether it was a browser that stopped
/// answering rather than a check that failed.
#[derive(Clone, PartialEq, Eq)]
pub struct Error(String, bool);

impl Error {
    pub fn new(message: impl Into<String>) -> Error {
        Error(message.into(), false)
    }

    /// A WebDriver command that got no answer at all in time: the browser or its driver hung.
    pub fn hung(message: impl Into<String>) -> Error {
        Error(message.into(), true)
    }

    pub fn message(&self) -> &str {
        &self.0
    }

    /// Did a browser stop answering (see [`Error::hung`])?
    pub fn is_hang(&self) -> bool {
        self.1
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// Adds what was being done to any displayable error.
pub trait Context<T> {
    fn context(self, what: impl fmt::Display) -> Result<T, Error>;
}

impl<T, E: fmt::Display> Context<T> for Result<T, E> {
    fn context(self, what: impl fmt::Display) -> Result<T, Error> {
        self.map_err(|e| Error(format!("{what}: {e}"), false))
    }
}

impl<T> Context<T> for Option<T> {
    fn context(self, what: impl fmt::Display) -> Result<T, Error> {
        self.ok_or_else(|| Error(what.to_string(), false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_prefixes_the_cause() {
        let failed: Result<(), &str> = Err("connection refused");
        assert_eq!(
            failed.context("cannot reach chromedriver").unwrap_err(),
            Error::new("cannot reach chromedriver: connection refused")
        );
        assert_eq!(
            format!("{:?}", None::<u8>.context("no port").unwrap_err()),
            "no port"
        );
    }
}
