//! Child processes that end, with everything they started, when their owner is dropped.
//!
//! A WebDriver server starts the browser, and the browser starts its own helpers (renderers,
//! a network process); none of those are our children, so killing the driver alone would leave
//! them running. Each driver (and Xvfb, and a plain MiniBrowser window) is therefore started as
//! the leader of a new process group, and ending it means signalling that group by its id: the
//! processes this harness started and nothing else. Dropping the owner does it, so a test that
//! panics still cleans up.

use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use rustix::process::{kill_process_group, test_kill_process_group, Pid, Signal};

use crate::error::{Context, Error};

/// How long a group gets to exit after SIGTERM before it is sent SIGKILL.
const GRACE: Duration = Duration::from_secs(5);

/// A child process leading its own process group.
pub struct Group {
    child: Child,
    name: String,
    ended: bool,
}

impl Group {
    /// Starts `command` as the leader of a new process group.
    pub fn spawn(mut command: Command, name: impl Into<String>) -> Result<Group, Error> {
        use std::os::unix::process::CommandExt;
        let name = name.into();
        command.process_group(0);
        let child = command
            .spawn()
            .context(format!("cannot start {name} ({:?})", command.get_program()))?;
        Ok(Group {
            child,
            name,
            ended: false,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The leader's standard output, when it was started with `Stdio::piped()` (once).
    pub fn take_stdout(&mut self) -> Option<std::process::ChildStdout> {
        self.child.stdout.take()
    }

    /// The leader's exit status, if it has exited (without waiting).
    pub fn exited(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// Ends the whole group: SIGTERM, then SIGKILL for whatever is left after [`GRACE`].
    pub fn end(&mut self) {
        if self.ended {
            return;
        }
        self.ended = true;
        let group = Pid::from_child(&self.child);
        let _ = kill_process_group(group, Signal::TERM);
        let deadline = Instant::now() + GRACE;
        while Instant::now() < deadline {
            // Reap the leader so that it does not keep the group alive as a zombie; the
            // browser it started is re-parented and reaped by init once it exits.
            let _ = self.child.try_wait();
            if test_kill_process_group(group).is_err() {
                return;
            }
            // The group is still shutting down: look again shortly.
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = kill_process_group(group, Signal::KILL);
        let _ = self.child.wait();
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.end();
    }
}

/// Is any process of the group led by `pid` still there? (Zombies count until reaped.)
pub fn group_alive(pid: u32) -> bool {
    i32::try_from(pid)
        .ok()
        .and_then(Pid::from_raw)
        .is_some_and(|p| test_kill_process_group(p).is_ok())
}

/// A child process that ended or was ended.
#[derive(Clone, Debug)]
pub struct Finished {
    pub status: Option<ExitStatus>,
    pub stdout: String,
    pub stderr: String,
    /// It outlived its limit and its process group was ended.
    pub timed_out: bool,
}

/// Runs `command` in its own process group, its output into files, and ends the group after
/// `limit`. Unlike [`output_within`], a non-zero exit or a time-out is a result here, not a
/// failure: a client's exit code is part of what it did.
pub fn run_bounded(mut command: Command, limit: Duration, what: &str) -> Result<Finished, Error> {
    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    let (out_path, err_path) = (dir.path().join("stdout"), dir.path().join("stderr"));
    let out = std::fs::File::create(&out_path).context("cannot create a temporary file")?;
    let err = std::fs::File::create(&err_path).context("cannot create a temporary file")?;
    command
        .stdin(Stdio::null())
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err));
    let mut group = Group::spawn(command, what)?;
    let deadline = Instant::now() + limit;
    let (status, timed_out) = loop {
        if let Some(status) = group.exited() {
            break (Some(status), false);
        }
        if Instant::now() >= deadline {
            break (None, true);
        }
        // The child is still running: look again shortly.
        std::thread::sleep(Duration::from_millis(10));
    };
    group.end();
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    Ok(Finished {
        status,
        stdout: read(&out_path),
        stderr: read(&err_path),
        timed_out,
    })
}

/// Runs a short command (such as `chromium --version`) and returns its standard output, or
/// fails after `limit`; the command runs in its own group so that a hang can be ended.
pub fn output_within(
    command: Command,
    limit: Duration,
    what: &str,
) -> Result<(String, String), Error> {
    let done = run_bounded(command, limit, what)?;
    if done.timed_out {
        return Err(Error::new(format!(
            "{what} did not finish within {} s",
            limit.as_secs()
        )));
    }
    match done.status {
        Some(status) if status.success() => Ok((done.stdout, done.stderr)),
        status => Err(Error::new(format!(
            "{what} failed ({}): {}",
            status.map_or("no status".to_string(), |s| s.to_string()),
            done.stderr.trim()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ending_a_group_ends_its_grandchildren() {
        // The shell starts a sleep in the background (a grandchild of this process) and waits.
        let mut command = Command::new("sh");
        command.args(["-c", "sleep 300 & echo $! ; wait"]);
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("pid");
        command.stdout(std::fs::File::create(&out).unwrap());
        let mut group = Group::spawn(command, "a shell").unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        let grandchild: i32 = loop {
            if let Ok(pid) = std::fs::read_to_string(&out).unwrap().trim().parse() {
                break pid;
            }
            assert!(
                Instant::now() < deadline,
                "the shell never printed its child"
            );
            std::thread::sleep(Duration::from_millis(10));
        };
        let grandchild = Pid::from_raw(grandchild).unwrap();
        assert!(rustix::process::test_kill_process(grandchild).is_ok());
        group.end();
        let deadline = Instant::now() + Duration::from_secs(10);
        while rustix::process::test_kill_process(grandchild).is_ok() {
            assert!(
                Instant::now() < deadline,
                "the grandchild outlived its group"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[test]
    fn output_within_reports_a_hang_and_a_failure() {
        let mut hang = Command::new("sleep");
        hang.arg("30");
        let err = output_within(hang, Duration::from_millis(200), "sleep").unwrap_err();
        assert!(err.message().contains("did not finish"), "{err}");
        let fail = Command::new("false");
        assert!(output_within(fail, Duration::from_secs(10), "false").is_err());
        let mut echo = Command::new("echo");
        echo.arg("Chromium 156.0");
        let (out, _) = output_within(echo, Duration::from_secs(10), "echo").unwrap();
        assert_eq!(out, "Chromium 156.0\n");
    }
}
