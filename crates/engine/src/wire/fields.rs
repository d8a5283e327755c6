//! Header fields: the [`Fields`] list every part of the engine looks headers up in, and the
//! validation that decides which composed fields may go on the wire at all (RFC 9110 §5).

use serde::Serialize;

/// Header fields in wire order. Names keep the spelling they were written with; lookups
/// ignore ASCII case, as field names are case-insensitive (RFC 9110 §5.1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    pub fn new() -> Fields {
        Fields(Vec::new())
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name`, in order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The comma-separated items of every `name` field, trimmed, empty ones included.
    pub fn items<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.get_all(name).flat_map(|v| v.split(',')).map(str::trim)
    }

    /// Does a comma-separated field (Connection, Transfer-Encoding) list `token`?
    pub fn lists(&self, name: &str, token: &str) -> bool {
        self.items(name).any(|t| t.eq_ignore_ascii_case(token))
    }

    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push((name.into(), value.into()));
    }

    /// Removes every `name` field; returns how many there were.
    pub fn remove(&mut self, name: &str) -> usize {
        let before = self.0.len();
        self.0.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        before - self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, (String, String)> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn as_slice(&self) -> &[(String, String)] {
        &self.0
    }
}

impl From<Vec<(String, String)>> for Fields {
    fn from(fields: Vec<(String, String)>) -> Fields {
        Fields(fields)
    }
}

impl From<&[(String, String)]> for Fields {
    fn from(fields: &[(String, String)]) -> Fields {
        Fields(fields.to_vec())
    }
}

impl<'a> IntoIterator for &'a Fields {
    type Item = &'a (String, String);
    type IntoIter = std::slice::Iter<'a, (String, String)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// A header the engine would not put on the wire, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BadField {
    /// Where it came from, e.g. `answer.headers[2].name`.
    pub field: String,
    pub problem: FieldProblem,
    pub detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldProblem {
    Name,
    Value,
}

/// Splits headers into those that can go on the wire and those that cannot.
pub fn check_fields(headers: &[(String, String)], side: &str) -> (Fields, Vec<BadField>) {
    let mut good = Fields::new();
    let mut bad = Vec::new();
    for (i, (name, value)) in headers.iter().enumerate() {
        if let Some(detail) = name_problem(name) {
            bad.push(BadField {
                field: format!("{side}.headers[{i}].name"),
                problem: FieldProblem::Name,
                detail,
            });
        } else if let Some(detail) = value_problem(value) {
            bad.push(BadField {
                field: format!("{side}.headers[{i}].value"),
                problem: FieldProblem::Value,
                detail,
            });
        } else {
            good.push(name.clone(), value.trim_matches([' ', '\t']));
        }
    }
    (good, bad)
}

/// Why `name` is not a field name (RFC 9110 §5.1: a token), or None when it is one.
pub fn name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("the header name is empty".into());
    }
    if http::HeaderName::from_bytes(name.as_bytes()).is_ok() {
        return None;
    }
    let bad = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(*c)))
        .map(crate::scenario::describe_char)
        .unwrap_or_else(|| "a character outside the token set".into());
    Some(format!(
        "the header name contains {bad}; names may only use letters, digits and !#$%&'*+-.^_`|~"
    ))
}

/// Why `value` cannot be sent (RFC 9110 §5.5), or None when it can. CR and LF get their own
/// message because they would start a new header line: header injection.
pub fn value_problem(value: &str) -> Option<String> {
    if value.contains(['\r', '\n']) {
        return Some(
            "the value contains a line break (CR or LF), which would end the header line and inject whatever follows"
                .into(),
        );
    }
    if http::HeaderValue::from_bytes(value.as_bytes()).is_ok() {
        return None;
    }
    let bad = value
        .chars()
        .find(|c| c.is_control() && *c != '\t')
        .map(crate::scenario::describe_char);
    Some(format!(
        "the value contains {}, which no header value may hold",
        bad.unwrap_or_else(|| "a forbidden byte".into())
    ))
}

/// Request headers a script cannot set, because the browser controls them: the Fetch
/// standard's forbidden request-header names (https://fetch.spec.whatwg.org/#forbidden-request-header).
pub fn is_forbidden_request_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("proxy-")
        || name.starts_with("sec-")
        || matches!(
            name.as_str(),
            "accept-charset"
                | "accept-encoding"
                | "access-control-request-headers"
                | "access-control-request-method"
                | "connection"
                | "content-length"
                | "cookie"
                | "cookie2"
                | "date"
                | "dnt"
                | "expect"
                | "host"
                | "keep-alive"
                | "origin"
                | "referer"
                | "set-cookie"
                | "te"
                | "trailer"
                | "transfer-encoding"
                | "upgrade"
                | "via"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value with a control character names that character, not another.
    #[test]
    fn a_bad_value_names_its_control_character() {
        let message = value_problem("ab\tc\u{1}d").expect("a problem");
        assert!(
            message.contains(&crate::scenario::describe_char('\u{1}')),
            "{message}"
        );
        assert_eq!(value_problem("plain, with\ttab"), None);
    }

    /// A bad header name names its first character outside the token set.
    #[test]
    fn a_bad_name_names_its_first_bad_character() {
        let message = name_problem("X Bad(").unwrap_or_default();
        assert!(
            message.starts_with("the header name contains a space;"),
            "{message}"
        );
        assert_eq!(name_problem("X-Good_1"), None);
    }

    /// The Fetch standard's forbidden request-header names: listed names, and any name
    /// starting with `proxy-` or `sec-`, in any case.
    #[test]
    fn forbidden_request_headers_are_the_fetch_standards() {
        for name in [
            "Host",
            "Proxy-Authorization",
            "sec-fetch-mode",
            "Accept-Encoding",
            "Cookie",
        ] {
            assert!(is_forbidden_request_header(name), "{name}");
        }
        for name in [
            "X-Token",
            "Accept",
            "Authorization",
            "Content-Type",
            "secret",
        ] {
            assert!(!is_forbidden_request_header(name), "{name}");
        }
    }

    #[test]
    fn a_field_list_counts_its_lines() {
        let none = Fields::from(Vec::<(String, String)>::new());
        assert_eq!((none.len(), none.is_empty()), (0, true));
        let two = Fields::from(vec![
            ("A".to_string(), "1".to_string()),
            ("a".to_string(), "2".to_string()),
        ]);
        assert_eq!((two.len(), two.is_empty()), (2, false));
    }

    fn check_field(name: &str, value: &str, expected: Option<FieldProblem>) {
        let (_, bad) = check_fields(&[(name.into(), value.into())], "answer");
        assert_eq!(bad.first().map(|b| b.problem), expected, "{name}: {value}");
    }

    #[test]
    fn field_names_and_values() {
        check_field("ETag", "\"v1\"", None);
        check_field("X Custom", "1", Some(FieldProblem::Name));
        check_field("", "1", Some(FieldProblem::Name));
        check_field("Bad:Name", "1", Some(FieldProblem::Name));
        check_field("X-Ok", "a\r\nSet-Cookie: x=1", Some(FieldProblem::Value));
        check_field("X-Ok", "nul\0", Some(FieldProblem::Value));
        check_field("X-Ok", "tab\tinside", None);
        assert!(value_problem("a\nb").is_some_and(|m| m.contains("line break")));
    }

    #[test]
    fn lookups_ignore_the_case_of_names_only() {
        let mut fields = Fields::from(vec![
            ("Connection".to_string(), "keep-alive, Close".to_string()),
            ("ETag".to_string(), "\"A\"".to_string()),
            ("etag".to_string(), "\"b\"".to_string()),
        ]);
        assert_eq!(fields.get("ETAG"), Some("\"A\""));
        assert_eq!(
            fields.get_all("etag").collect::<Vec<_>>(),
            ["\"A\"", "\"b\""]
        );
        assert!(fields.lists("connection", "close"));
        assert!(!fields.lists("connection", "upgrade"));
        assert!(!fields.contains("Content-Length"));
        assert_eq!(fields.remove("ETag"), 2);
        assert_eq!(fields.len(), 1);
        assert_eq!(
            serde_json::to_string(&fields).ok().as_deref(),
            Some(r#"[["Connection","keep-alive, Close"]]"#)
        );
    }
}
