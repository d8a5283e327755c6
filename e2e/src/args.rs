//! The `observe` binary's command line.

use std::path::PathBuf;

use crate::engine::Engine;
use crate::error::{Context, Error};

pub const USAGE: &str = "observe --engine chromium|firefox|webkit [--only ID | --scenario FILE.json ...] [--quiet]\n       observe --summary    (target/e2e/engines.md from the observations already written)\n       observe --docs       (docs/measurements/<engine>.md from the catalog and difflab runs already written)";

/// What `observe` was asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Run the catalog in one engine.
    Observe {
        engine: Engine,
        /// One catalog scenario instead of all of them.
        only: Option<String>,
        /// Scenario files (JSON, as the app and the command line write them) instead of the
        /// catalog; each is named after its file.
        scenarios: Vec<PathBuf>,
        quiet: bool,
    },
    /// Combine the observation files already written into one table.
    Summary,
    /// Write `docs/measurements/<engine>.md` from the observation and lab files.
    Docs,
}

pub fn parse(args: &[String]) -> Result<Command, Error> {
    let mut engine = None;
    let mut only = None;
    let mut quiet = false;
    let mut scenarios = Vec::new();
    let mut summary = false;
    let mut docs = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--engine" => {
                let value = rest
                    .next()
                    .context(format!("--engine needs a value; usage: {USAGE}"))?;
                engine = Some(crate::engine::parse(value)?);
            }
            "--only" => {
                let value = rest
                    .next()
                    .context(format!("--only needs a scenario id; usage: {USAGE}"))?;
                only = Some(value.clone());
            }
            "--scenario" => {
                let value = rest
                    .next()
                    .context(format!("--scenario needs a file; usage: {USAGE}"))?;
                scenarios.push(PathBuf::from(value));
            }
            "--quiet" => quiet = true,
            "--summary" => summary = true,
            "--docs" => docs = true,
            "-h" | "--help" => return Err(Error::new(USAGE)),
            other => {
                return Err(Error::new(format!(
                    "unknown argument `{other}`; usage: {USAGE}"
                )))
            }
        }
    }
    if only.is_some() && !scenarios.is_empty() {
        return Err(Error::new(format!(
            "--only picks a catalog scenario and --scenario replaces the catalog: give one of them; usage: {USAGE}"
        )));
    }
    if docs {
        return if summary || engine.is_some() || only.is_some() || !scenarios.is_empty() {
            Err(Error::new(format!(
                "--docs takes no other option; usage: {USAGE}"
            )))
        } else {
            Ok(Command::Docs)
        };
    }
    match (summary, engine) {
        (true, None) if only.is_none() && scenarios.is_empty() => Ok(Command::Summary),
        (true, _) => Err(Error::new(format!(
            "--summary takes no other option; usage: {USAGE}"
        ))),
        (false, Some(engine)) => Ok(Command::Observe {
            engine,
            only,
            scenarios,
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
                scenarios: vec![],
                quiet: false
            })
        );
        assert_eq!(
            parse(&args("--quiet --engine firefox")),
            Ok(Command::Observe {
                engine: Engine::Firefox,
                only: None,
                scenarios: vec![],
                quiet: true
            })
        );
        assert_eq!(parse(&args("--summary")), Ok(Command::Summary));
        assert_eq!(parse(&args("--docs")), Ok(Command::Docs));
        assert_eq!(
            parse(&args(
                "--engine chromium --scenario a.json --scenario b/c.json"
            )),
            Ok(Command::Observe {
                engine: Engine::Chromium,
                only: None,
                scenarios: vec!["a.json".into(), "b/c.json".into()],
                quiet: false
            })
        );
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
            ("--docs --engine webkit", "--docs takes no other option"),
        ] {
            let err = parse(&args(given)).unwrap_err();
            assert!(err.message().contains(says), "{given:?}: {err}");
        }
    }
}
