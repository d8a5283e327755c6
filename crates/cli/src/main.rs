//! `nocontent`: the engine on the command line. Reads JSON or raw bytes, writes JSON.
//!
//! A thin shell around the engine, which does no I/O itself: this crate reads files and
//! stdin, writes stdout and runs the lab server (`serve`). Bad input exits with status 2 and
//! one line on stderr; output is written only once it is complete.

mod serve;

use std::io::{Read, Write};
use std::process::ExitCode;

use nocontent_engine::{catalog, lint, paste, simulate, Scenario};

const USAGE: &str = "\
usage:
  nocontent simulate FILE|-              scenario JSON in, exchange JSON out
  nocontent lint --method METHOD FILE|-  raw HTTP/1.1 response bytes in, findings JSON out
  nocontent paste [--method M] [--entry N] FILE|-
                                         curl -i / curl -v output, raw HTTP/1.1 text or a HAR
                                         in; the scenario it becomes (and what was read) out
  nocontent scenarios                    the catalog of canonical scenarios as JSON
  nocontent serve [--port N] [--dist DIR]
                                         a loopback server sending each scenario byte for byte
";

/// A failure to report: the exit code and one line for stderr.
struct Fail(u8, String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not worth a panic.
            let _ = stdout
                .write_all(output.as_bytes())
                .and_then(|_| stdout.write_all(b"\n"));
            ExitCode::SUCCESS
        }
        Err(Fail(code, message)) => {
            eprintln!("nocontent: {message}");
            ExitCode::from(code)
        }
    }
}

fn usage(message: &str) -> Fail {
    Fail(2, format!("{message}\n{USAGE}").trim_end().to_string())
}

fn read_input(path: &str) -> Result<Vec<u8>, Fail> {
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map(|_| ())
    };
    result.map_err(|e| Fail(2, format!("{path}: cannot read: {e}")))?;
    Ok(bytes)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Fail> {
    serde_json::to_string_pretty(value).map_err(|e| Fail(1, format!("cannot write JSON: {e}")))
}

fn run(args: &[String]) -> Result<String, Fail> {
    match args.first().map(String::as_str) {
        Some("simulate") => {
            let [_, path] = args else {
                return Err(usage("simulate takes one FILE (or - for stdin)"));
            };
            let bytes = read_input(path)?;
            let text = std::str::from_utf8(&bytes)
                .map_err(|e| Fail(2, format!("{path}: not UTF-8 text: {e}")))?;
            let scenario =
                Scenario::from_json(text).map_err(|e| Fail(2, format!("{path}: {e}")))?;
            let exchange = simulate(&scenario).map_err(|errors| {
                let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
                Fail(2, format!("{path}: {}", all.join("; ")))
            })?;
            to_json(&exchange)
        }
        Some("lint") => {
            let (method, path) = match args {
                [_, flag, method, path] if flag == "--method" => (method, path),
                [_, path, flag, method] if flag == "--method" => (method, path),
                _ => return Err(usage("lint takes --method METHOD and one FILE (or -)")),
            };
            if method.is_empty() {
                return Err(usage("--method needs a method such as GET"));
            }
            let bytes = read_input(path)?;
            if bytes.len() > 1024 * 1024 {
                return Err(Fail(
                    2,
                    format!("{path}: {} bytes; the limit is 1 MiB", bytes.len()),
                ));
            }
            to_json(&lint::lint_raw(method, &bytes))
        }
        Some("paste") => {
            let mut method = "GET".to_string();
            let mut entry = None;
            let mut path = None;
            let mut rest = args.iter().skip(1);
            while let Some(arg) = rest.next() {
                match arg.as_str() {
                    "--method" => match rest.next() {
                        Some(m) if !m.is_empty() => method = m.clone(),
                        _ => return Err(usage("--method needs a method such as GET")),
                    },
                    "--entry" => match rest.next().and_then(|n| n.parse::<usize>().ok()) {
                        Some(n) if n > 0 => entry = Some(n - 1),
                        _ => return Err(usage("--entry needs a HAR entry number from 1")),
                    },
                    _ if path.is_none() => path = Some(arg.clone()),
                    _ => return Err(usage("paste takes one FILE (or -)")),
                }
            }
            let Some(path) = path else {
                return Err(usage("paste takes one FILE (or -)"));
            };
            let bytes = read_input(&path)?;
            let text = std::str::from_utf8(&bytes)
                .map_err(|e| Fail(2, format!("{path}: not UTF-8 text: {e}")))?;
            let pasted =
                paste::read(text, &method, entry).map_err(|e| Fail(2, format!("{path}: {e}")))?;
            let mut scenario = Scenario::default();
            scenario.request.method = method;
            if let Some(r) = &pasted.request {
                scenario.request.method = r.method.clone();
                scenario.request.target = r.target.clone();
            }
            scenario.answer = pasted.answer.clone();
            to_json(&serde_json::json!({
                "read": pasted.summary(),
                "notes": pasted.notes,
                "entries": pasted.entries,
                "scenario": scenario,
            }))
        }
        Some("scenarios") if args.len() == 1 => to_json(&catalog::catalog()),
        Some("scenarios") => Err(usage("scenarios takes no arguments")),
        Some("serve") => {
            let options =
                serve::Options::parse(args.get(1..).unwrap_or_default()).map_err(|m| usage(&m))?;
            serve::run(options)
                .map(|()| String::new())
                .map_err(|m| Fail(2, m))
        }
        Some("-h" | "--help" | "help") => Ok(USAGE.trim_end().to_string()),
        Some(other) => Err(usage(&format!("unknown command `{other}`"))),
        None => Err(usage("no command given")),
    }
}
