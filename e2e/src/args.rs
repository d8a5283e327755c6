//! The `observe` binary's command line.

use crate::engine::Engine;
use crate::error::{Context, Error};

pub const USAGE: &str = "observe --engine chromium|firefox|webkit [--only ID] [--quiet]\n       observe --summary    (target/e2e/engines.md from the observations already written)";

/// What `observe` was asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Run the catalog in one engine.
    Observe {
        engine: Engine,
        only: Option<String>,
        quiet: bool,
    },
    /// Combine the observation files already written into one table.
    Summary,
}

pub fn parse(args: &[String]) -> Result<Command, Error> {
    let mut engine = None;
    let mut only = None;
    let mut quiet = false;
    let mut summary = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--engine" => {
                let value = rest
                    .next()
                    .context(format!("--engine needs a value; usage: {USAGE}"))?;
                engine = Some(Engine::parse(value)?);
            }
            "--only" => {
                let value = rest
                    .next()
                    .context(format!("--only needs a scenario id; usage: {USAGE}"))?;
                only = Some(value.clone());
            }
            "--quiet" => quiet = true,
            "--summary" => summary = true,
            "-h" | "--help" => return Err(Error::new(USAGE)),
            other => {
                return Err(Error::new(format!(
                    "unknown argument `{other}`; usage: {USAGE}"
                )))
            }
        }
    }
    match (summary, engine) {
        (true, None) if only.is_none() => Ok(Command::Summary),
        (true, _) => Err(Error::new(format!(
            "--summary takes no other option; usage: {USAGE}"
        ))),
        (false, Some(engine)) => Ok(Command::Observe {
            engine,
            only,
            quiet,
        }),
        (false, None) => Err(Error::new(format!("which engine? usage: {USAGE}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn parses_engines_scenarios_and_the_summary() {
        assert_eq!(
            parse(&args("--engine webkit --only delete-204")),
            Ok(Command::Observe {
                engine: Engine::Webkit,
                only: Some("delete-204".into()),
                quiet: false
            })
        );
        assert_eq!(
            parse(&args("--quiet --engine firefox")),
            Ok(Command::Observe {
                engine: Engine::Firefox,
                only: None,
                quiet: true
            })
        );
        assert_eq!(parse(&args("--summary")), Ok(Command::Summary));
    }

    #[test]
    fn refuses_what_it_cannot_do_with_a_sentence() {
        for (given, says) in [
            ("", "which engine"),
            ("--engine", "--engine needs a value"),
            ("--engine safari", "unknown engine `safari`"),
            ("--engine chromium --only", "--only needs a scenario id"),
            ("--engine chromium --fast", "unknown argument `--fast`"),
            (
                "--summary --engine chromium",
                "--summary takes no other option",
            ),
        ] {
            let err = parse(&args(given)).unwrap_err();
            assert!(err.message().contains(says), "{given:?}: {err}");
        }
    }
}
