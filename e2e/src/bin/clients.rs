//! `cargo run -p nocontent-e2e --bin clients -- [--only ID] [--client KEY]… [--random N --seed S]`
//!
//! Runs every catalog scenario (or one, or `N` seeded random scenarios) through every client
//! (or the ones named) against the raw-socket server, and writes `target/e2e/clients.json` and
//! `clients.md` (random runs: `clients-random-<seed>.*`). `--setup` only installs the clients;
//! a run installs whatever is missing first.

use std::process::ExitCode;
use std::time::Instant;

use nocontent_e2e::clients::driver::Tools;
use nocontent_e2e::clients::{generate, report, runner, ClientId, ClientsFile, Run};
use nocontent_e2e::install::{self, Step};
use nocontent_e2e::raw::RawServer;
use nocontent_e2e::{observe, Error};

const USAGE: &str = "clients [--setup] [--compare] [--compare-file PATH] [--only ID] [--client curl|node_fetch|node_http|axios|requests|httpx]... [--random N [--seed S]] [--pending-ms MS] [--jobs J] [--quiet]";

#[derive(Debug)]
struct Options {
    setup_only: bool,
    only: Option<String>,
    clients: Vec<ClientId>,
    random: Option<usize>,
    seed: u64,
    pending_ms: u64,
    jobs: usize,
    quiet: bool,
    /// Set the engine's client model against the run and fail on any mismatch.
    compare: bool,
    /// Compare a stored run instead of measuring.
    compare_file: Option<std::path::PathBuf>,
}

fn value<'a>(rest: &mut impl Iterator<Item = &'a String>, flag: &str) -> Result<String, Error> {
    rest.next()
        .cloned()
        .ok_or_else(|| Error::new(format!("{flag} needs a value; usage: {USAGE}")))
}

fn number<T: std::str::FromStr>(text: &str, flag: &str) -> Result<T, Error> {
    text.parse()
        .map_err(|_| Error::new(format!("{flag} takes a number, not {text:?}")))
}

fn parse(args: &[String]) -> Result<Options, Error> {
    let mut options = Options {
        setup_only: false,
        only: None,
        clients: Vec::new(),
        random: None,
        seed: 1,
        pending_ms: 6000,
        jobs: 2,
        quiet: false,
        compare: false,
        compare_file: None,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--setup" => options.setup_only = true,
            "--only" => options.only = Some(value(&mut rest, arg)?),
            "--client" => {
                let key = value(&mut rest, arg)?;
                let client = ClientId::parse(&key)
                    .ok_or_else(|| Error::new(format!("unknown client `{key}`; usage: {USAGE}")))?;
                options.clients.push(client);
            }
            "--random" => options.random = Some(number(&value(&mut rest, arg)?, arg)?),
            "--seed" => options.seed = number(&value(&mut rest, arg)?, arg)?,
            "--pending-ms" => options.pending_ms = number(&value(&mut rest, arg)?, arg)?,
            "--jobs" => options.jobs = number(&value(&mut rest, arg)?, arg)?,
            "--quiet" => options.quiet = true,
            "--compare" => options.compare = true,
            "--compare-file" => {
                options.compare_file = Some(value(&mut rest, arg)?.into());
            }
            "-h" | "--help" => return Err(Error::new(USAGE)),
            other => {
                return Err(Error::new(format!(
                    "unknown argument `{other}`; usage: {USAGE}"
                )))
            }
        }
    }
    if options.clients.is_empty() {
        options.clients = ClientId::ALL.to_vec();
    }
    Ok(options)
}

fn write(path: &std::path::Path, text: &str) -> Result<(), Error> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::new(format!("cannot create {}: {e}", dir.display())))?;
    }
    std::fs::write(path, text)
        .map_err(|e| Error::new(format!("cannot write {}: {e}", path.display())))
}

/// Compares `file` with the model, prints the figures per client and every mismatch, and
/// writes them beside the run.
fn compare(file: &ClientsFile, stem: &str) -> Result<bool, Error> {
    let comparison = nocontent_e2e::clients::compare::compare(file);
    print!("{}", comparison.summary());
    let path = nocontent_e2e::out_dir().join(format!("{stem}-compare.json"));
    let json = serde_json::to_string_pretty(&comparison)
        .map_err(|e| Error::new(format!("cannot write the comparison as JSON: {e}")))?;
    write(&path, &json)?;
    Ok(comparison.is_clean())
}

fn main_result(options: Options) -> Result<bool, Error> {
    if let Some(path) = &options.compare_file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::new(format!("cannot read {}: {e}", path.display())))?;
        let file: ClientsFile = serde_json::from_str(&text)
            .map_err(|e| Error::new(format!("{} is not a client run: {e}", path.display())))?;
        let stem = path
            .file_stem()
            .map_or_else(|| "clients".into(), |s| s.to_string_lossy().into_owned());
        return compare(&file, &stem);
    }
    install::setup(&Step::CLIENTS)?;
    if options.setup_only {
        return Ok(true);
    }
    let tools = Tools::locate()?;
    let cases = match options.random {
        Some(n) => random_cases(options.seed, n, options.only.as_deref())?,
        None => observe::catalog_cases(options.only.as_deref())?,
    };
    let server = RawServer::start();
    let started = Instant::now();
    let scenarios = runner::run_all(
        &server,
        &tools,
        &cases,
        &options.clients,
        options.pending_ms,
        options.jobs,
        !options.quiet,
    );
    let mut versions: Vec<(ClientId, String)> = Vec::new();
    for &client in &options.clients {
        let version = scenarios
            .iter()
            .flat_map(|s| &s.runs)
            .find_map(|r| match r {
                Run::Measured(m) if m.client == client => Some(m.version.clone()),
                _ => None,
            })
            .unwrap_or_else(|| "not measured (every driver run failed)".into());
        versions.push((client, version));
    }
    let failed = scenarios
        .iter()
        .flat_map(|s| &s.runs)
        .filter(|r| matches!(r, Run::DriverFailed { .. }))
        .count();
    let file = ClientsFile {
        measured: httpdate::fmt_http_date(std::time::SystemTime::now()),
        pending_ms: options.pending_ms,
        versions,
        scenarios,
    };
    // A rerun of one random scenario gets files of its own, so the whole run's stay.
    let stem = match (options.random, &options.only) {
        (Some(_), Some(id)) => format!("clients-random-{}-{id}", options.seed),
        (Some(_), None) => format!("clients-random-{}", options.seed),
        (None, Some(id)) => format!("clients-{id}"),
        (None, None) => "clients".into(),
    };
    let dir = nocontent_e2e::out_dir();
    let json = serde_json::to_string_pretty(&file)
        .map_err(|e| Error::new(format!("cannot write the runs as JSON: {e}")))?;
    write(&dir.join(format!("{stem}.json")), &json)?;
    write(&dir.join(format!("{stem}.md")), &report::markdown(&file))?;
    println!(
        "{} scenarios × {} clients in {:.1} s; {failed} driver failures; wrote {}",
        cases.len(),
        options.clients.len(),
        started.elapsed().as_secs_f64(),
        dir.join(format!("{stem}.{{json,md}}")).display()
    );
    let clean = !options.compare || compare(&file, &stem)?;
    Ok(failed == 0 && clean)
}

/// The seed's `n` random scenarios, or only the one with id `only` among them.
fn random_cases(seed: u64, n: usize, only: Option<&str>) -> Result<Vec<observe::Case>, Error> {
    let mut cases = generate::cases(seed, n)?;
    if let Some(id) = only {
        cases.retain(|c| c.id == id);
        if cases.is_empty() {
            return Err(Error::new(format!(
                "no scenario of --random {n} --seed {seed} has the id {id:?}"
            )));
        }
    }
    Ok(cases)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = parse(&args).and_then(main_result);
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("clients: {e}");
            ExitCode::FAILURE
        }
    }
}
