//! Running one client's driver for one scenario: the command for each client, a hard time
//! limit on the child process, and reading what it printed into a [`DriverLine`].
//!
//! The Node and Python clients have scripts under `e2e/clients/`, which print the line
//! themselves. curl needs no script: one invocation makes both requests (`--next`, so the
//! second reuses the first's connection when curl keeps it), its `--write-out '%{json}'` and
//! `%{header_json}` say how each transfer ended, and [`curl_line`] turns that into the same
//! line.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::time::Duration;

use serde::Deserialize;

use super::{Call, ClientId, Delivered, DriverLine, Outcome, Spec};
use crate::error::{Context, Error};
use crate::install::e2e_dir;
use crate::process::{run_bounded, Finished};

/// Where the clients live, as [`crate::install`] left them.
#[derive(Clone, Debug)]
pub struct Tools {
    pub node: PathBuf,
    /// `e2e/clients/node`, with its `node_modules`.
    pub node_dir: PathBuf,
    /// The Python of the clients' virtual environment.
    pub python: PathBuf,
    /// `e2e/clients/python`.
    pub python_dir: PathBuf,
    pub curl: PathBuf,
}

impl Tools {
    /// The installed clients, or a message saying what is missing and how to install it.
    pub fn locate() -> Result<Tools, Error> {
        let node_dir = e2e_dir().join("clients/node");
        let python_dir = e2e_dir().join("clients/python");
        let python = crate::install::clients_python()?;
        let tools = Tools {
            node: PathBuf::from("node"),
            node_dir: node_dir.clone(),
            python,
            python_dir,
            curl: PathBuf::from("curl"),
        };
        if !node_dir.join("node_modules/axios").is_dir() {
            return Err(Error::new(format!(
                "axios is not installed in {}: run `cargo run -p nocontent-e2e --bin clients -- --setup`",
                node_dir.display()
            )));
        }
        if !tools.python.is_file() {
            return Err(Error::new(format!(
                "the Python clients are not installed ({} is missing): run `cargo run -p nocontent-e2e --bin clients -- --setup`",
                tools.python.display()
            )));
        }
        Ok(tools)
    }

    /// The command that runs `client` for `spec`, and the folder its output files go to.
    pub fn command(&self, client: ClientId, spec: &Spec, scratch: &Path) -> Command {
        let json = serde_json::to_string(spec).unwrap_or_default();
        let script = |dir: &Path, program: &Path, file: &str| {
            let mut command = Command::new(program);
            command.current_dir(dir).arg(file).arg(&json);
            command
        };
        match client {
            ClientId::Curl => curl_command(&self.curl, spec, scratch),
            ClientId::NodeFetch => script(&self.node_dir, &self.node, "fetch.mjs"),
            ClientId::NodeHttp => script(&self.node_dir, &self.node, "http.mjs"),
            ClientId::Axios => script(&self.node_dir, &self.node, "axios.mjs"),
            ClientId::Requests => script(&self.python_dir, &self.python, "requests_driver.py"),
            ClientId::Httpx => script(&self.python_dir, &self.python, "httpx_driver.py"),
        }
    }

    /// curl's version line, e.g. `curl 7.88.1`.
    pub fn curl_version(&self) -> Result<String, Error> {
        let mut command = Command::new(&self.curl);
        command.arg("--version");
        let done = run_bounded(command, Duration::from_secs(10), "curl --version")?;
        done.stdout
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ")
            .split(" (")
            .next()
            .map(str::to_string)
            .filter(|v| v.starts_with("curl "))
            .context(format!("curl --version printed {:?}", done.stdout))
    }
}

/// The hard limit for one driver: both calls may run out their bound, plus start-up.
pub fn hard_limit(pending_ms: u64) -> Duration {
    Duration::from_millis(2 * pending_ms + 15_000)
}

/// Runs `client` for `spec` and reads its line; an error is the harness's fault (the driver
/// crashed, printed no line, or outlived its hard limit), never the client's result.
pub fn run(tools: &Tools, client: ClientId, spec: &Spec) -> Result<DriverLine, Error> {
    let scratch = tempfile::tempdir().context("cannot create a temporary folder")?;
    let command = tools.command(client, spec, scratch.path());
    let done = run_bounded(command, hard_limit(spec.pending_ms), client.key())?;
    if done.timed_out {
        return Err(Error::new(format!(
            "the {} driver outlived its hard limit of {} s",
            client.key(),
            hard_limit(spec.pending_ms).as_secs()
        )));
    }
    match client {
        ClientId::Curl => {
            let version = tools.curl_version()?;
            curl_line(&done, spec, scratch.path(), version)
        }
        _ => script_line(&done, client),
    }
}

/// A script driver's line: the last line of its output, which must name this client.
pub fn script_line(done: &Finished, client: ClientId) -> Result<DriverLine, Error> {
    let last = done.stdout.lines().rfind(|l| !l.trim().is_empty());
    let Some(last) = last else {
        return Err(Error::new(format!(
            "the {} driver printed nothing ({}); its errors: {}",
            client.key(),
            exit_text(done.status),
            done.stderr.trim()
        )));
    };
    let line: DriverLine = serde_json::from_str(last).context(format!(
        "the {} driver printed a line that is not its result ({last:?})",
        client.key()
    ))?;
    if line.client != client {
        return Err(Error::new(format!(
            "the {} driver reported itself as {}",
            client.key(),
            line.client.key()
        )));
    }
    Ok(line)
}

fn exit_text(status: Option<ExitStatus>) -> String {
    status.map_or_else(|| "no exit status".into(), |s| s.to_string())
}

/// curl's command line for both requests: the scenario's as a developer types it (`-I` for
/// HEAD, `-X` only where the method is not implied, the body with `--data-binary`), then the
/// follow-up after `--next`. Each transfer writes its body to a file and its outcome to
/// standard output.
pub fn curl_command(curl: &Path, spec: &Spec, scratch: &Path) -> Command {
    let seconds = format!("{:.3}", spec.pending_ms as f64 / 1000.0);
    let write_out = "%{json}\n%{header_json}\n";
    let mut command = Command::new(curl);
    command.args(["-sS", "--max-time", &seconds]);
    let method = spec.method.as_str();
    if method == "HEAD" {
        command.arg("-I");
    } else if !(method == "GET" && spec.body.is_empty()
        || method == "POST" && !spec.body.is_empty())
    {
        command.args(["-X", method]);
    }
    for (name, value) in &spec.headers {
        command.args(["-H", &format!("{name}: {value}")]);
    }
    if !spec.body.is_empty() {
        command.args(["--data-binary", &spec.body]);
    }
    command
        .arg("-o")
        .arg(scratch.join("first"))
        .args(["-w", write_out, &spec.url]);
    command.args(["--next", "-sS", "--max-time", &seconds]);
    command
        .arg("-o")
        .arg(scratch.join("next"))
        .args(["-w", write_out, &spec.next_url]);
    command
}

/// The fields of curl's `%{json}` the runner reads.
#[derive(Deserialize)]
struct CurlTransfer {
    http_code: u16,
    exitcode: i32,
    #[serde(default)]
    errormsg: Option<String>,
    #[serde(default)]
    time_total: f64,
}

/// curl's exit code for "Operation timed out": the transfer was still waiting at the bound.
const CURL_TIMED_OUT: i32 = 28;

/// Turns curl's write-out (for each transfer, `%{json}` then `%{header_json}`) and body files
/// into a driver line.
pub fn curl_line(
    done: &Finished,
    spec: &Spec,
    scratch: &Path,
    version: String,
) -> Result<DriverLine, Error> {
    let values: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&done.stdout)
        .into_iter()
        .collect::<Result<_, _>>()
        .context(format!(
            "curl's write-out is not JSON ({:?}); stderr: {}",
            done.stdout,
            done.stderr.trim()
        ))?;
    let [first, first_headers, next, next_headers] = values.as_slice() else {
        return Err(Error::new(format!(
            "curl wrote {} JSON values instead of 4 ({}); stderr: {}",
            values.len(),
            exit_text(done.status),
            done.stderr.trim()
        )));
    };
    let head = spec.method == "HEAD";
    let call = |transfer: &serde_json::Value, headers: &serde_json::Value, file: &str, head| {
        let transfer: CurlTransfer = serde_json::from_value(transfer.clone())
            .context("curl's %{json} lacks http_code or exitcode")?;
        let body = std::fs::read(scratch.join(file)).unwrap_or_default();
        Ok::<Call, Error>(curl_call(&transfer, headers, &body, head))
    };
    Ok(DriverLine {
        client: ClientId::Curl,
        version,
        first: call(first, first_headers, "first", head)?,
        next: call(next, next_headers, "next", false)?,
    })
}

/// One transfer: exit 0 is a value, a time-out is pending, any other exit is curl's error.
fn curl_call(
    transfer: &CurlTransfer,
    headers: &serde_json::Value,
    body: &[u8],
    head: bool,
) -> Call {
    let ms = (transfer.time_total * 1000.0).round() as u64;
    let message = transfer.errormsg.clone().unwrap_or_default();
    let known_status = (transfer.http_code != 0).then_some(transfer.http_code);
    let (result, cause) = match transfer.exitcode {
        0 => (
            Outcome::Value(Delivered {
                status: transfer.http_code,
                // With -I curl writes the header section where the body would go; a HEAD
                // response has no body to show.
                body: if head {
                    String::new()
                } else {
                    String::from_utf8_lossy(body).into_owned()
                },
                headers: header_pairs(headers),
            }),
            None,
        ),
        CURL_TIMED_OUT => (
            Outcome::pending(),
            Some(format!("curl: ({CURL_TIMED_OUT}) {message}")),
        ),
        code => (Outcome::Error(format!("curl: ({code}) {message}")), None),
    };
    Call {
        stage: matches!(result, Outcome::Pending(_)).then(|| {
            if known_status.is_some() {
                "body"
            } else {
                "response"
            }
            .to_string()
        }),
        status: (!matches!(result, Outcome::Value(_)))
            .then_some(known_status)
            .flatten(),
        result,
        json: None,
        cause,
        ms,
    }
}

/// `%{header_json}` is an object of lower-cased names, each with an array of values.
fn header_pairs(headers: &serde_json::Value) -> Vec<(String, String)> {
    let Some(object) = headers.as_object() else {
        return Vec::new();
    };
    object
        .iter()
        .flat_map(|(name, values)| {
            let values: Vec<String> = match values {
                serde_json::Value::Array(items) => items
                    .iter()
                    .map(|v| v.as_str().unwrap_or_default().to_string())
                    .collect(),
                other => vec![other.as_str().unwrap_or_default().to_string()],
            };
            values.into_iter().map(move |v| (name.clone(), v))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn spec(method: &str, body: &str) -> Spec {
        Spec {
            url: "http://127.0.0.1:9/s/x?k=curl".into(),
            method: method.into(),
            headers: vec![("Accept".into(), "application/json".into())],
            body: body.into(),
            next_url: "http://127.0.0.1:9/ok?k=x-curl".into(),
            pending_ms: 2500,
        }
    }

    fn args(command: &Command) -> Vec<String> {
        command
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn curl_is_called_as_a_developer_types_it() {
        let scratch = Path::new("/tmp/x");
        let get = args(&curl_command(Path::new("curl"), &spec("GET", ""), scratch));
        assert!(!get.contains(&"-X".to_string()), "{get:?}");
        assert!(get.contains(&"--next".to_string()));
        assert!(get.contains(&"2.500".to_string()));
        let head = args(&curl_command(Path::new("curl"), &spec("HEAD", ""), scratch));
        assert!(head.contains(&"-I".to_string()) && !head.contains(&"-X".to_string()));
        let post = args(&curl_command(
            Path::new("curl"),
            &spec("POST", "a=1"),
            scratch,
        ));
        assert!(!post.contains(&"-X".to_string()));
        assert!(post.windows(2).any(|w| w == ["--data-binary", "a=1"]));
        let put = args(&curl_command(
            Path::new("curl"),
            &spec("PUT", "{}"),
            scratch,
        ));
        assert!(put.windows(2).any(|w| w == ["-X", "PUT"]));
        // The method belongs to the first transfer only.
        let next = put.iter().position(|a| a == "--next").unwrap();
        assert!(!put[next..].contains(&"-X".to_string()));
    }

    fn finished(stdout: &str) -> Finished {
        Finished {
            status: None,
            stdout: stdout.into(),
            stderr: String::new(),
            timed_out: false,
        }
    }

    #[test]
    fn curl_transfers_are_classified_by_exit_code() {
        let scratch = tempfile::tempdir().unwrap();
        std::fs::write(scratch.path().join("next"), "ok").unwrap();
        let out = r#"{"http_code":205,"exitcode":28,"errormsg":"Operation timed out after 2500 milliseconds with 0 bytes received","time_total":2.5}
{"content-length":["0"]}
{"http_code":200,"exitcode":0,"errormsg":null,"time_total":0.001}
{"content-type":["text/plain"],"x-two":["a","b"]}
"#;
        let line = curl_line(
            &finished(out),
            &spec("GET", ""),
            scratch.path(),
            "curl 7.88.1".into(),
        )
        .unwrap();
        assert_eq!(line.first.result, Outcome::pending());
        assert_eq!(line.first.stage.as_deref(), Some("body"));
        assert_eq!(line.first.status, Some(205));
        assert_eq!(line.first.ms, 2500);
        assert!(line
            .first
            .cause
            .as_deref()
            .unwrap()
            .starts_with("curl: (28)"));
        let Outcome::Value(next) = &line.next.result else {
            panic!("{:?}", line.next.result)
        };
        assert_eq!((next.status, next.body.as_str()), (200, "ok"));
        assert_eq!(next.headers.len(), 3);
        let failed = out.replace("\"exitcode\":28", "\"exitcode\":18");
        let line = curl_line(
            &finished(&failed),
            &spec("GET", ""),
            scratch.path(),
            "curl".into(),
        )
        .unwrap();
        assert!(
            matches!(&line.first.result, Outcome::Error(e) if e.starts_with("curl: (18) Operation"))
        );
        assert!(curl_line(
            &finished("{}"),
            &spec("GET", ""),
            scratch.path(),
            "curl".into()
        )
        .is_err());
    }

    #[test]
    fn a_script_line_must_be_there_and_name_its_client() {
        let line = r#"{"client":"httpx","version":"httpx 0.28.1","first":{"result":{"pending":true},"ms":6000},"next":{"result":{"error":"ReadTimeout: timed out"},"ms":5000}}"#;
        let read = script_line(&finished(&format!("noise\n{line}\n")), ClientId::Httpx).unwrap();
        assert_eq!(read.first.result, Outcome::pending());
        assert_eq!(
            read.next.result,
            Outcome::Error("ReadTimeout: timed out".into())
        );
        assert!(script_line(&finished(line), ClientId::Requests).is_err());
        assert!(script_line(&finished(""), ClientId::Httpx).is_err());
        assert!(script_line(&finished("Traceback"), ClientId::Httpx).is_err());
    }

    #[test]
    fn a_bounded_run_ends_a_hang_and_keeps_the_exit_code() {
        let mut hang = Command::new("sleep");
        hang.arg("30");
        let started = Instant::now();
        let done = run_bounded(hang, Duration::from_millis(200), "sleep").unwrap();
        assert!(done.timed_out && done.status.is_none());
        assert!(started.elapsed() < Duration::from_secs(10));
        let mut fail = Command::new("sh");
        fail.args(["-c", "echo out; echo err >&2; exit 3"]);
        let done = run_bounded(fail, Duration::from_secs(10), "sh").unwrap();
        assert_eq!(done.status.and_then(|s| s.code()), Some(3));
        assert_eq!(
            (done.stdout.as_str(), done.stderr.as_str()),
            ("out\n", "err\n")
        );
    }
}
