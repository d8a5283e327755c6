//! Compare: the same request answered with several statuses side by side (200, 204 and 205
//! unless the user picks others), the table every guide to these codes prints, computed from
//! the engine so that each cell is what the rest of the app would show for that status.
//!
//! Only the status changes between columns: the request, the client, the headers, the body,
//! the framing and the send mode stay as composed.

use nocontent_engine::lint::Level;
use nocontent_engine::outcome::Claim;
use nocontent_engine::{simulate, Scenario};

use crate::{aftermath, client_table, matrix, ClientLine, MatrixRow, Step};

/// The statuses compared when the user has not chosen any.
pub const DEFAULT_STATUSES: [u16; 3] = [200, 204, 205];

/// The most columns a comparison has, so the table stays readable and quick to compute.
pub const MAX_STATUSES: usize = 6;

/// One status's column head: its status line, the bytes and the findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompareColumn {
    pub status: u16,
    /// `204 No Content`.
    pub status_line: String,
    /// The response bytes, or empty when the answer cannot be sent with this status.
    pub wire: String,
    /// `(id, level, summary)` of each finding, in the order the findings panel shows them.
    pub findings: Vec<(&'static str, Level, &'static str)>,
    /// Why the engine could not simulate this status (an input error), if it could not.
    pub error: Option<String>,
}

/// What the views say about one column's exchange.
struct Views {
    matrix: Vec<MatrixRow>,
    after: Vec<Step>,
    clients: Vec<ClientLine>,
}

/// One line of the comparison: the same question asked of every column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompareRow {
    /// Which part of the app the row comes from: `In the browser`, `Cache and connection`,
    /// `Outside the browser`.
    pub group: &'static str,
    /// `fetch()`, `Cache`, `curl 8.14.1`, …
    pub label: String,
    /// One cell per column, in column order; `None` where the column has no value (its
    /// status could not be simulated, or the model says nothing for that client).
    pub cells: Vec<Option<Claim<String>>>,
    /// Do the columns say different things?
    pub differs: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub columns: Vec<CompareColumn>,
    pub rows: Vec<CompareRow>,
    /// Do the columns' findings differ (as sets of ids)?
    pub findings_differ: bool,
    /// Do the columns' bytes differ after the status line?
    pub wire_differs: bool,
}

/// Reads the statuses a user typed (`200, 204 205`): each a number from 100 to 599, each once,
/// at most [`MAX_STATUSES`]. The message names the first thing that is wrong.
pub fn parse_statuses(text: &str) -> Result<Vec<u16>, String> {
    let mut out = Vec::new();
    for word in text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        let code: u16 = word
            .parse()
            .ok()
            .filter(|c| (100..=599).contains(c))
            .ok_or_else(|| format!("\"{word}\" is not a status code from 100 to 599"))?;
        if !out.contains(&code) {
            out.push(code);
        }
    }
    if out.len() < 2 {
        return Err("name at least two status codes to compare, such as 200 204 205".into());
    }
    if out.len() > MAX_STATUSES {
        return Err(format!(
            "at most {MAX_STATUSES} status codes can be compared at once"
        ));
    }
    Ok(out)
}

/// The comparison of `scenario` answered with each of `statuses`.
pub fn compare(scenario: &Scenario, statuses: &[u16]) -> Comparison {
    let exchanges: Vec<_> = statuses
        .iter()
        .take(MAX_STATUSES)
        .map(|&status| {
            let mut s = scenario.clone();
            s.answer.status = status;
            (status, simulate(&s))
        })
        .collect();
    let columns: Vec<CompareColumn> = exchanges
        .iter()
        .map(|(status, result)| {
            let status_line = match nocontent_engine::status::reason(*status) {
                "" => status.to_string(),
                reason => format!("{status} {reason}"),
            };
            match result {
                Ok(x) => CompareColumn {
                    status: *status,
                    status_line,
                    wire: x.wire.clone(),
                    findings: x
                        .findings
                        .iter()
                        .map(|f| (f.id, f.level, f.summary))
                        .collect(),
                    error: None,
                },
                Err(errors) => CompareColumn {
                    status: *status,
                    status_line,
                    wire: String::new(),
                    findings: Vec::new(),
                    error: Some(
                        errors
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                },
            }
        })
        .collect();

    let mut rows: Vec<CompareRow> = Vec::new();
    let mut add =
        |group: &'static str, label: String, cell: &dyn Fn(usize) -> Option<Claim<String>>| {
            let cells: Vec<Option<Claim<String>>> = (0..exchanges.len()).map(cell).collect();
            let differs = cells.windows(2).any(|w| w.first() != w.get(1));
            rows.push(CompareRow {
                group,
                label,
                cells,
                differs,
            });
        };
    // Each view is computed once per column; a row then reads its cell from every column.
    let views: Vec<Option<Views>> = exchanges
        .iter()
        .map(|(_, r)| {
            r.as_ref().ok().map(|x| Views {
                matrix: matrix(x),
                after: aftermath(x),
                clients: client_table(x),
            })
        })
        .collect();
    let view = |i: usize| views.get(i).and_then(Option::as_ref);
    if let Some(first) = views.iter().flatten().next() {
        for (n, row) in first.matrix.iter().enumerate() {
            add("In the browser", row.client.label().to_string(), &|i| {
                view(i).and_then(|v| v.matrix.get(n).map(|r| r.result.clone()))
            });
        }
        for (n, step) in first.after.iter().enumerate() {
            add("Cache and connection", step.title.clone(), &|i| {
                view(i).and_then(|v| v.after.get(n).map(|s| s.detail.clone()))
            });
        }
        for (n, line) in first.clients.iter().enumerate() {
            add("Outside the browser", line.version.to_string(), &|i| {
                let line = view(i)?.clients.get(n)?;
                line.cells
                    .as_ref()
                    .map(|c| Claim::uniform(c.returns.clone()))
            });
        }
    }
    let ids = |c: &CompareColumn| c.findings.iter().map(|f| f.0).collect::<Vec<_>>();
    let findings_differ = columns.windows(2).any(|w| match w {
        [a, b] => ids(a) != ids(b),
        _ => false,
    });
    let after_status_line =
        |c: &CompareColumn| c.wire.split_once("\r\n").map(|(_, r)| r.to_string());
    let wire_differs = columns.windows(2).any(|w| match w {
        [a, b] => after_status_line(a) != after_status_line(b),
        _ => false,
    });
    Comparison {
        columns,
        rows,
        findings_differ,
        wire_differs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nocontent_engine::catalog;

    fn scenario(id: &str) -> Scenario {
        catalog::find(id).map(|e| e.scenario).unwrap_or_default()
    }

    #[test]
    fn statuses_are_read_with_a_message_for_the_first_bad_one() {
        assert_eq!(parse_statuses("200, 204 205"), Ok(vec![200, 204, 205]));
        assert_eq!(parse_statuses("204 204 304"), Ok(vec![204, 304]));
        assert!(parse_statuses("200 2x4").unwrap_err().contains("\"2x4\""));
        assert!(parse_statuses("200 700").unwrap_err().contains("\"700\""));
        assert!(parse_statuses("204").unwrap_err().contains("at least two"));
        assert_eq!(
            parse_statuses("200 201 202 203 204 205").map(|v| v.len()),
            Ok(MAX_STATUSES)
        );
        assert!(parse_statuses("200 201 202 203 204 205 206")
            .unwrap_err()
            .contains("at most 6"));
    }

    /// A DELETE answered 200, 204 and 205: the rows the guides print, each column what the
    /// app would show for that status.
    #[test]
    fn delete_answered_200_204_205() {
        let c = compare(&scenario("delete-204"), &DEFAULT_STATUSES);
        let lines: Vec<&str> = c.columns.iter().map(|c| c.status_line.as_str()).collect();
        assert_eq!(lines, ["200 OK", "204 No Content", "205 Reset Content"]);
        assert!(c
            .columns
            .iter()
            .all(|c| c.error.is_none() && c.wire.starts_with("HTTP/1.1 ")));
        // A 200 with no body gets a Content-Length: 0 from the framing; a 204 does not.
        assert!(
            c.columns[0].wire.contains("Content-Length: 0"),
            "{}",
            c.columns[0].wire
        );
        assert!(
            !c.columns[1].wire.contains("Content-Length"),
            "{}",
            c.columns[1].wire
        );
        assert!(c.wire_differs && c.findings_differ);
        let row = |label: &str| {
            c.rows
                .iter()
                .find(|r| r.label == label)
                .unwrap_or_else(|| panic!("no row {label}: {:#?}", c.rows))
        };
        // fetch() sees a body on the 200 (an empty one, so json() fails) and a null body on
        // the 204 and 205: the row differs, and each cell is the matrix's own.
        let fetch = row("fetch()");
        assert!(fetch.differs);
        assert_eq!(fetch.cells.len(), 3);
        let spec = |i: usize| {
            fetch.cells[i]
                .as_ref()
                .map(|c| c.spec().clone())
                .unwrap_or_default()
        };
        assert!(spec(0).starts_with("ok 200"), "{}", spec(0));
        assert!(spec(1).starts_with("ok 204"), "{}", spec(1));
        assert!(row("XMLHttpRequest").differs);
        // A form cannot send DELETE: that row says so in every column.
        let form = row("form submission");
        assert!(!form.differs);
        assert!(form.cells[0]
            .as_ref()
            .is_some_and(|c| c.spec().starts_with("not applicable")));
        assert!(c.rows.iter().any(|r| r.group == "Outside the browser"));
    }

    /// The same status twice gives no difference anywhere, and a status the engine refuses
    /// gets its message and no cells.
    #[test]
    fn equal_columns_do_not_differ_and_impossible_ones_say_why() {
        let c = compare(&scenario("delete-204"), &[204, 204]);
        assert!(c.rows.iter().all(|r| !r.differs) && !c.findings_differ && !c.wire_differs);
        let c = compare(&scenario("delete-204"), &[204, 1000]);
        assert!(c.columns[1]
            .error
            .as_deref()
            .is_some_and(|e| e.contains("answer.status")));
        assert!(c.rows.iter().all(|r| r.cells[1].is_none()));
    }
}
