//! What a framework changed: the response it put on the wire, read back with the engine's
//! reader, set against the answer its handler was given (status, headers, body).

use serde::{Deserialize, Serialize};

use nocontent_engine::wire::{parse_response, LengthRule};

/// The answer a handler is asked to send.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handed {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// The response as read off the wire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Read {
    /// The status line's protocol version (`HTTP/1.1`, `HTTP/1.0`).
    pub version: String,
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    /// The content a client delivers.
    pub content: String,
    /// The bytes of the message body on the wire (chunk framing included).
    pub body_bytes: usize,
    /// Which rule of RFC 9112 §6.3 decided the length, as the engine names it
    /// (`no-body`, `content-length`, `chunked`, `until-close`, …).
    pub rule: String,
    /// Bytes after the end of the message.
    pub leftover: String,
}

/// One difference between what the handler gave and what went out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "change")]
pub enum Change {
    /// The status line names another protocol version than HTTP/1.1.
    Version {
        to: String,
    },
    Status {
        from: u16,
        to: u16,
    },
    /// A header the framework added.
    Added {
        name: String,
        value: String,
    },
    /// A header the handler set that did not go out.
    Removed {
        name: String,
        value: String,
    },
    /// A header that went out with another value.
    Changed {
        name: String,
        from: String,
        to: String,
    },
    /// Same header and value, its name written in another case.
    Renamed {
        from: String,
        to: String,
    },
    /// The handler's body did not go out (the bytes count).
    BodyDropped {
        given: usize,
    },
    /// Another body went out.
    Body {
        from: String,
        to: String,
    },
    /// Bytes after the end of the response on the wire.
    Leftover {
        bytes: String,
    },
}

impl Change {
    /// A short phrase for the tables.
    pub fn phrase(&self) -> String {
        match self {
            Change::Version { to } => format!("status line {to}"),
            Change::Status { from, to } => format!("status {from} → {to}"),
            Change::Added { name, value } => format!("+{name}: {value}"),
            Change::Removed { name, value } => format!("−{name}: {value}"),
            Change::Changed { name, from, to } => format!("{name}: {from} → {to}"),
            Change::Renamed { from, to } => format!("{from} → {to}"),
            Change::BodyDropped { given } => format!("body dropped ({given} bytes)"),
            Change::Body { from, to } => format!("body {from:?} → {to:?}"),
            Change::Leftover { bytes } => {
                format!("{} bytes after the response: {bytes:?}", bytes.len())
            }
        }
    }
}

/// The engine's name for a length rule, as its JSON writes it.
pub fn rule_name(rule: LengthRule) -> String {
    serde_json::to_value(rule)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Reads `wire` as the answer to `method`; `closed` says whether the server closed after it.
pub fn read(method: &str, wire: &str, closed: bool) -> Result<Read, String> {
    let parsed = parse_response(method, wire.as_bytes(), closed).map_err(|e| e.to_string())?;
    let version = wire.split(' ').next().unwrap_or_default().to_string();
    Ok(Read {
        version,
        status: parsed.status,
        reason: parsed.reason,
        headers: parsed.headers.as_slice().to_vec(),
        content: parsed.content,
        body_bytes: parsed.body_bytes,
        rule: rule_name(parsed.rule),
        leftover: parsed.leftover_text,
    })
}

/// Every difference between `handed` and `read`. A HEAD response carries no body by
/// definition, so a body that is absent from one is not counted as dropped.
pub fn changes(handed: &Handed, read: &Read, head: bool) -> Vec<Change> {
    let mut out = Vec::new();
    if read.version != "HTTP/1.1" {
        out.push(Change::Version {
            to: read.version.clone(),
        });
    }
    if handed.status != read.status {
        out.push(Change::Status {
            from: handed.status,
            to: read.status,
        });
    }
    // Headers are matched by name, case-insensitively, value by value in order; what is left
    // on either side was removed or added.
    let mut sent: Vec<Option<&(String, String)>> = read.headers.iter().map(Some).collect();
    let mut unmatched = Vec::new();
    for given in &handed.headers {
        let exact = sent.iter().position(|s| {
            s.is_some_and(|(n, v)| n.eq_ignore_ascii_case(&given.0) && *v == given.1)
        });
        match exact {
            Some(i) => {
                if let Some((name, _)) = sent[i].take() {
                    if *name != given.0 {
                        out.push(Change::Renamed {
                            from: given.0.clone(),
                            to: name.clone(),
                        });
                    }
                }
            }
            None => unmatched.push(given),
        }
    }
    for given in unmatched {
        let same_name = sent
            .iter()
            .position(|s| s.is_some_and(|(n, _)| n.eq_ignore_ascii_case(&given.0)));
        match same_name.and_then(|i| sent[i].take()) {
            Some((_, value)) => out.push(Change::Changed {
                name: given.0.clone(),
                from: given.1.clone(),
                to: value.clone(),
            }),
            None => out.push(Change::Removed {
                name: given.0.clone(),
                value: given.1.clone(),
            }),
        }
    }
    for (name, value) in sent.into_iter().flatten() {
        out.push(Change::Added {
            name: name.clone(),
            value: value.clone(),
        });
    }
    if !head && handed.body != read.content {
        if read.content.is_empty() {
            out.push(Change::BodyDropped {
                given: handed.body.len(),
            });
        } else {
            out.push(Change::Body {
                from: handed.body.clone(),
                to: read.content.clone(),
            });
        }
    }
    if !read.leftover.is_empty() {
        out.push(Change::Leftover {
            bytes: read.leftover.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handed(status: u16, headers: &[(&str, &str)], body: &str) -> Handed {
        Handed {
            status,
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            body: body.into(),
        }
    }

    #[test]
    fn a_framework_that_keeps_the_length_but_drops_the_body_is_caught() {
        let given = handed(204, &[("ETag", "\"v2\"")], "hello");
        let wire =
            "HTTP/1.1 204 No Content\r\netag: \"v2\"\r\nContent-Length: 5\r\nDate: x\r\n\r\n";
        let read = read("GET", wire, false).unwrap();
        assert_eq!(read.rule, "no-body");
        assert_eq!(
            changes(&given, &read, false),
            vec![
                Change::Renamed {
                    from: "ETag".into(),
                    to: "etag".into()
                },
                Change::Added {
                    name: "Content-Length".into(),
                    value: "5".into()
                },
                Change::Added {
                    name: "Date".into(),
                    value: "x".into()
                },
                Change::BodyDropped { given: 5 },
            ]
        );
    }

    #[test]
    fn changed_removed_status_and_leftovers() {
        let given = handed(
            205,
            &[("Content-Type", "application/json"), ("X-A", "1")],
            "{}",
        );
        let wire = "HTTP/1.0 500 Internal Server Error\r\nContent-Type: text/html\r\nContent-Length: 0\r\n\r\nhello";
        let sent = read("POST", wire, false).unwrap();
        assert_eq!(
            changes(&given, &sent, false),
            vec![
                Change::Version {
                    to: "HTTP/1.0".into()
                },
                Change::Status { from: 205, to: 500 },
                Change::Changed {
                    name: "Content-Type".into(),
                    from: "application/json".into(),
                    to: "text/html".into()
                },
                Change::Removed {
                    name: "X-A".into(),
                    value: "1".into()
                },
                Change::Added {
                    name: "Content-Length".into(),
                    value: "0".into()
                },
                Change::BodyDropped { given: 2 },
                Change::Leftover {
                    bytes: "hello".into()
                },
            ]
        );
        // HEAD: no body is expected, so none is dropped.
        let head = read(
            "HEAD",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n",
            false,
        )
        .unwrap();
        assert!(changes(&handed(200, &[], "{}"), &head, true)
            .iter()
            .all(|c| !matches!(c, Change::BodyDropped { .. })));
        assert!(read("GET", "garbage", true).is_err());
    }
}
