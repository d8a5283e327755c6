//! The Markdown form of a framework run: per framework, one row per catalog answer with the
//! status that went out, what the framework changed, how the body was framed, whether the
//! connection stayed usable and what the app logged.

use std::fmt::Write;

use super::capture::Ended;
use super::diff::Change;
use super::{FrameworksFile, Next, Record};

/// Headers whose values differ on every run: only their presence is shown.
const VARIES: [&str; 1] = ["date"];

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace("\r\n", "␍␊")
        .replace('\n', "␊")
        .replace('\r', "␍")
}

/// The changes as a short list, with varying values left out.
pub fn changes_text(changes: &[Change]) -> String {
    let parts: Vec<String> = changes
        .iter()
        .map(|c| match c {
            Change::Added { name, .. } if VARIES.contains(&name.to_ascii_lowercase().as_str()) => {
                format!("+{name}")
            }
            other => other.phrase(),
        })
        .collect();
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(", ")
    }
}

fn framing(record: &Record) -> String {
    match &record.read {
        Some(r) => {
            let length = r
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                .map(|(_, v)| format!(" (Content-Length: {v})"))
                .unwrap_or_default();
            format!("{}{length}, {} body bytes", r.rule, r.body_bytes)
        }
        None => format!(
            "unreadable: {}",
            record.read_error.as_deref().unwrap_or("no bytes")
        ),
    }
}

fn next_text(next: &Next) -> String {
    match next {
        Next::Closed => "closed by the server".into(),
        Next::Answered { status } => format!("next: {status}"),
        Next::Unreadable { error, .. } => format!("next unreadable: {error}"),
        Next::NoAnswer { ended } => format!("next: no answer ({ended:?})"),
    }
}

fn ended_text(ended: Ended) -> &'static str {
    match ended {
        Ended::Complete => "complete",
        Ended::Closed => "closed",
        Ended::Idle => "idled incomplete",
    }
}

/// What the app logged, shortened to its telling lines.
pub fn log_text(log: &[String]) -> String {
    let telling: Vec<&String> = log.iter().filter(|l| !l.trim().is_empty()).collect();
    match telling.as_slice() {
        [] => String::new(),
        [one] => crate::clients::shorten(one, 120),
        [first, .., last] => format!(
            "{} … {} ({} lines)",
            crate::clients::shorten(first, 60),
            crate::clients::shorten(last, 100),
            telling.len()
        ),
    }
}

/// One line for the progress output.
pub fn summary(record: &Record) -> String {
    let status = record
        .read
        .as_ref()
        .map_or_else(|| "unreadable".into(), |r| r.status.to_string());
    format!(
        "{status} · {} · {}",
        changes_text(&record.changes),
        next_text(&record.next)
    )
}

pub fn markdown(file: &FrameworksFile) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Frameworks: what goes on the wire\n");
    let _ = writeln!(
        out,
        "Measured {}. Each handler was given the catalog answer's status, headers and body; a raw TCP client sent the scenario's request and kept the bytes. Changes are against what the handler was given (Date values vary and are left out).\n",
        file.measured
    );
    for run in &file.runs {
        let _ = writeln!(out, "## {} — {}\n", run.framework.key(), run.version);
        if let Some(failure) = &run.failure {
            let _ = writeln!(out, "Failed: {}\n", cell(failure));
        }
        if run.records.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "| scenario | request | given | sent | changes | framing | read | connection | log |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|");
        for r in &run.records {
            let sent = r.read.as_ref().map_or_else(
                || "—".to_string(),
                |read| format!("{} {}", read.status, read.reason),
            );
            let _ = writeln!(
                out,
                "| `{}` | {} | {} {:?} | {} | {} | {} | {} | {} | {} |",
                r.id,
                r.method,
                r.handed.status,
                crate::clients::shorten(&r.handed.body, 16),
                cell(&sent),
                cell(&changes_text(&r.changes)),
                cell(&framing(r)),
                ended_text(r.captured.ended),
                cell(&next_text(&r.next)),
                cell(&log_text(&r.log)),
            );
        }
        let _ = writeln!(out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varying_values_are_left_out_and_logs_are_shortened() {
        let changes = vec![
            Change::Added {
                name: "Date".into(),
                value: "Mon, 01 Dec 2026 10:00:00 GMT".into(),
            },
            Change::Added {
                name: "Content-Length".into(),
                value: "5".into(),
            },
            Change::BodyDropped { given: 5 },
        ];
        assert_eq!(
            changes_text(&changes),
            "+Date, +Content-Length: 5, body dropped (5 bytes)"
        );
        assert_eq!(changes_text(&[]), "none");
        let log = vec![
            "Traceback (most recent call last):".to_string(),
            "  File x".to_string(),
            "h11._util.LocalProtocolError: Too much data for declared Content-Length".to_string(),
        ];
        let text = log_text(&log);
        assert!(text.starts_with("Traceback"), "{text}");
        assert!(
            text.contains("Too much data") && text.ends_with("(3 lines)"),
            "{text}"
        );
    }
}
