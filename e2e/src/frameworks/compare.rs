//! Sets the engine's framework model (`nocontent_engine::frameworks`) against the bytes each
//! real framework sent: for every record, the model's bytes and the captured bytes must be
//! equal once what must vary is normalised, the connection must be closed in both or kept in
//! both, and every log line the model expects must be in the framework's log.
//!
//! What is normalised, and why: the Date header's value (the time of sending), for every
//! framework; and for actix-web only, the order of the header lines, because actix-web keeps
//! response headers in a hash map seeded at random for each process, so the order changes
//! from one run to the next.

use std::fmt::Write;

use nocontent_engine::frameworks::{self as model, FrameworkId, Handed as ModelHanded};
use nocontent_engine::wire::Fields;
use serde::Serialize;

use super::capture::Ended;
use super::{Framework, FrameworkRun, FrameworksFile, Next, Record};

/// The engine's name for a measured framework.
pub fn model_id(framework: Framework) -> FrameworkId {
    match framework {
        Framework::Express => FrameworkId::Express,
        Framework::Flask => FrameworkId::Flask,
        Framework::Drf => FrameworkId::Drf,
        Framework::Fastapi => FrameworkId::Fastapi,
        Framework::Axum => FrameworkId::Axum,
        Framework::ActixWeb => FrameworkId::Actix,
        Framework::GoNetHttp => FrameworkId::Go,
    }
}

/// One difference between the model and a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    pub id: String,
    pub framework: Framework,
    /// `bytes`, `closes` or `log`.
    pub what: &'static str,
    pub predicted: String,
    pub measured: String,
}

/// Per framework: records compared, and how many had a mismatch.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub compared: usize,
    pub mismatched: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Comparison {
    pub mismatches: Vec<Mismatch>,
    pub tally: Vec<(Framework, Tally)>,
    /// Frameworks whose run failed, with why.
    pub failures: Vec<(Framework, String)>,
}

/// The bytes with every Date value replaced and, for actix-web, the header lines sorted.
pub fn normalise(framework: FrameworkId, wire: &str) -> String {
    let (head, body) = wire.split_once("\r\n\r\n").unwrap_or((wire, ""));
    let mut lines: Vec<String> = head
        .split("\r\n")
        .map(|line| match line.split_once(':') {
            Some((name, _)) if name.eq_ignore_ascii_case("date") => format!("{name}: <date>"),
            _ => line.to_string(),
        })
        .collect();
    if framework == FrameworkId::Actix && lines.len() > 1 {
        lines[1..].sort();
    }
    format!("{}\r\n\r\n{body}", lines.join("\r\n"))
}

/// Did the framework close the connection after the record's response?
pub fn closed(record: &Record) -> bool {
    record.captured.ended == Ended::Closed
        || matches!(
            record.next,
            Next::Closed
                | Next::NoAnswer {
                    ended: Ended::Closed
                }
        )
}

/// What the model says for the record's answer.
pub fn predict(framework: FrameworkId, record: &Record) -> model::Sent {
    let headers = Fields::from(record.handed.headers.clone());
    let request_has_body = record
        .request
        .split_once("\r\n\r\n")
        .is_some_and(|(_, body)| !body.is_empty());
    model::send(
        framework,
        &ModelHanded {
            method: &record.method,
            request_has_body,
            status: record.handed.status,
            headers: &headers,
            body: &record.handed.body,
        },
    )
}

/// The differences for one record.
pub fn compare_record(framework: Framework, record: &Record) -> Vec<Mismatch> {
    let id = model_id(framework);
    let predicted = predict(id, record);
    let mut out = Vec::new();
    let mut differ = |what: &'static str, predicted: String, measured: String| {
        if predicted != measured {
            out.push(Mismatch {
                id: record.id.clone(),
                framework,
                what,
                predicted,
                measured,
            });
        }
    };
    differ(
        "bytes",
        normalise(id, &predicted.wire),
        normalise(id, &record.captured.wire),
    );
    differ(
        "closes",
        predicted.closes.to_string(),
        closed(record).to_string(),
    );
    for line in &predicted.log {
        let found = record.log.iter().any(|l| l.contains(line.as_str()));
        differ(
            "log",
            line.clone(),
            if found {
                line.clone()
            } else {
                record.log.join(" / ")
            },
        );
    }
    out
}

pub fn compare(file: &FrameworksFile) -> Comparison {
    let mut comparison = Comparison::default();
    for FrameworkRun {
        framework,
        records,
        failure,
        ..
    } in &file.runs
    {
        let mut tally = Tally::default();
        for record in records {
            let found = compare_record(*framework, record);
            tally.compared += 1;
            if !found.is_empty() {
                tally.mismatched += 1;
            }
            comparison.mismatches.extend(found);
        }
        comparison.tally.push((*framework, tally));
        if let Some(failure) = failure {
            comparison.failures.push((*framework, failure.clone()));
        }
    }
    comparison
}

impl Comparison {
    pub fn is_clean(&self) -> bool {
        self.mismatches.is_empty() && self.failures.is_empty()
    }

    pub fn summary(&self) -> String {
        let mut out = String::new();
        for (framework, tally) in &self.tally {
            let _ = writeln!(
                out,
                "{:<12} {} answers compared, {} with a mismatch",
                framework.key(),
                tally.compared,
                tally.mismatched
            );
        }
        for (framework, failure) in &self.failures {
            let _ = writeln!(out, "FAILED {}: {failure}", framework.key());
        }
        for m in &self.mismatches {
            let _ = writeln!(
                out,
                "MISMATCH {} {} {}:\n  model    {:?}\n  measured {:?}",
                m.id,
                m.framework.key(),
                m.what,
                m.predicted,
                m.measured
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frameworks::capture::Captured;
    use crate::frameworks::diff::Handed;

    fn record(wire: &str, ended: Ended) -> Record {
        Record {
            id: "delete-204".into(),
            method: "DELETE".into(),
            request: "DELETE /s/delete-204 HTTP/1.1\r\nHost: a\r\n\r\n".into(),
            handed: Handed {
                status: 204,
                headers: vec![],
                body: String::new(),
            },
            captured: Captured {
                wire: wire.into(),
                ended,
            },
            read: None,
            read_error: None,
            changes: vec![],
            log: vec![],
            next: Next::Answered { status: 200 },
            engine_wire: String::new(),
        }
    }

    /// The comparer can fail: Go's bytes with another Date agree, with an extra header they
    /// do not, and a connection closed where the model keeps it is reported.
    #[test]
    fn only_the_date_is_forgiven() {
        let go = "HTTP/1.1 204 No Content\r\nDate: Wed, 02 Dec 2026 08:00:00 GMT\r\n\r\n";
        assert!(compare_record(Framework::GoNetHttp, &record(go, Ended::Complete)).is_empty());
        let extra =
            "HTTP/1.1 204 No Content\r\nX-Extra: 1\r\nDate: Wed, 02 Dec 2026 08:00:00 GMT\r\n\r\n";
        let found = compare_record(Framework::GoNetHttp, &record(extra, Ended::Complete));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].what, "bytes");
        let found = compare_record(Framework::GoNetHttp, &record(go, Ended::Closed));
        assert_eq!(found[0].what, "closes");
        // Only actix-web's header order is normalised.
        let a = "HTTP/1.1 200 OK\r\nb: 1\r\na: 2\r\n\r\n";
        let b = "HTTP/1.1 200 OK\r\na: 2\r\nb: 1\r\n\r\n";
        assert_eq!(
            normalise(FrameworkId::Actix, a),
            normalise(FrameworkId::Actix, b)
        );
        assert_ne!(normalise(FrameworkId::Go, a), normalise(FrameworkId::Go, b));
    }
}
