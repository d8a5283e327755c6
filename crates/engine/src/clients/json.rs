//! JSON read and written back the way a runtime does it: `JSON.stringify(JSON.parse(text))`,
//! what axios hands its caller as `data` for a JSON body, and Python's
//! `json.dumps(json.loads(text), separators=(",", ":"), ensure_ascii=False)`, what Django REST
//! framework's renderer sends for a handler's data. serde_json's own `Value` sorts object keys
//! (the crate is built without `preserve_order`), so the text is read here into a value that
//! keeps the order both runtimes keep: keys in first-insertion order, a repeated key's last
//! value in its first place.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A JavaScript value as `JSON.parse` builds it.
#[derive(Debug)]
enum Js {
    Null,
    Bool(bool),
    Integer(i128),
    Number(f64),
    String(String),
    Array(Vec<Js>),
    Object(Vec<(String, Js)>),
}

struct JsVisitor;

impl<'de> Visitor<'de> for JsVisitor {
    type Value = Js;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Js, E> {
        Ok(Js::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Js, E> {
        Ok(Js::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Js, E> {
        Ok(Js::Integer(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Js, E> {
        Ok(Js::Integer(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Js, E> {
        Ok(Js::Number(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Js, E> {
        Ok(Js::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Js, E> {
        Ok(Js::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Js, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Js::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Js, A::Error> {
        let mut entries: Vec<(String, Js)> = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Js>()? {
            match entries.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = value,
                None => entries.push((key, value)),
            }
        }
        Ok(Js::Object(entries))
    }
}

impl<'de> Deserialize<'de> for Js {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Js, D::Error> {
        d.deserialize_any(JsVisitor)
    }
}

/// A double as JavaScript's `Number.prototype.toString` writes it: integers without a
/// fraction, exponents below 1e-6 and from 1e21 on.
fn number(n: f64, out: &mut String) {
    if !n.is_finite() {
        out.push_str("null");
    } else if n == 0.0 {
        out.push('0');
    } else if n.abs() < 1e-6 || n.abs() >= 1e21 {
        let text = format!("{n:e}");
        match text.split_once('e') {
            Some((mantissa, exp)) if !exp.starts_with('-') => {
                out.push_str(&format!("{mantissa}e+{exp}"));
            }
            _ => out.push_str(&text),
        }
    } else {
        out.push_str(&format!("{n}"));
    }
}

/// A float as Python's `repr` writes it, for the common cases: a fraction always shown,
/// exponents below 1e-4 and from 1e16 on, with at least two exponent digits.
fn py_float(n: f64, out: &mut String) {
    if !n.is_finite() {
        out.push_str(if n.is_nan() {
            "NaN"
        } else if n > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        });
    } else if n != 0.0 && (n.abs() < 1e-4 || n.abs() >= 1e16) {
        let text = format!("{n:e}");
        if let Some((mantissa, exp)) = text.split_once('e') {
            let (sign, digits) = exp.strip_prefix('-').map_or(("+", exp), |d| ("-", d));
            out.push_str(&format!("{mantissa}e{sign}{digits:0>2}"));
        }
    } else if n.fract() == 0.0 {
        out.push_str(&format!("{n:.1}"));
    } else {
        out.push_str(&format!("{n}"));
    }
}

/// Which runtime writes the value back.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    JavaScript,
    Python,
}

fn write(value: &Js, out: &mut String, flavour: Flavour) {
    match value {
        Js::Null => out.push_str("null"),
        Js::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Js::Integer(n) if flavour == Flavour::Python => out.push_str(&n.to_string()),
        Js::Integer(n) => number(*n as f64, out),
        Js::Number(n) if flavour == Flavour::Python => py_float(*n, out),
        Js::Number(n) => number(*n, out),
        Js::String(s) => out.push_str(&serde_json::to_string(s).unwrap_or_default()),
        Js::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out, flavour);
            }
            out.push(']');
        }
        Js::Object(entries) => {
            out.push('{');
            for (i, (key, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(key).unwrap_or_default());
                out.push(':');
                write(item, out, flavour);
            }
            out.push('}');
        }
    }
}

/// `JSON.stringify(JSON.parse(text))`, or None when `text` is not JSON.
pub fn js_stringify(text: &str) -> Option<String> {
    let value: Js = serde_json::from_str(text).ok()?;
    let mut out = String::new();
    write(&value, &mut out, Flavour::JavaScript);
    Some(out)
}

/// `json.dumps(json.loads(text), separators=(",", ":"), ensure_ascii=False)`, or None when
/// `text` is not JSON.
pub fn py_dumps(text: &str) -> Option<String> {
    let value: Js = serde_json::from_str(text).ok()?;
    let mut out = String::new();
    write(&value, &mut out, Flavour::Python);
    Some(out)
}

/// `json.dumps(text, ensure_ascii=False)`: a string as a JSON string.
pub fn py_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_back_as_a_javascript_engine_writes_it() {
        for (text, expected) in [
            ("{}", Some("{}")),
            (
                " { \"b\" : 1 , \"a\" : [ true , null ] } ",
                Some("{\"b\":1,\"a\":[true,null]}"),
            ),
            ("{\"a\":1,\"b\":2,\"a\":3}", Some("{\"a\":3,\"b\":2}")),
            ("[1.0, 2.5, 1e21, 1e-7, -0]", Some("[1,2.5,1e+21,1e-7,0]")),
            ("\"h\\u00e9\\n\"", Some("\"hé\\n\"")),
            // Past 2^53 a JavaScript number is the nearest double, not the integer written.
            ("[9007199254740993]", Some("[9007199254740992]")),
            ("hello", None),
            ("", None),
            ("{\"ok\":true", None),
        ] {
            assert_eq!(js_stringify(text).as_deref(), expected, "{text}");
        }
    }

    #[test]
    fn written_back_as_python_writes_it() {
        for (text, expected) in [
            (
                "{\"id\": 42, \"done\": true}",
                Some("{\"id\":42,\"done\":true}"),
            ),
            (
                "[1.0, 2.5, 1e21, 1e-7, -3]",
                Some("[1.0,2.5,1e+21,1e-07,-3]"),
            ),
            // repr() switches to an exponent below 1e-4 and from 1e16 on.
            (
                "[0.0001, 0.00001, 1e16, 9999999999999998.0]",
                Some("[0.0001,1e-05,1e+16,9999999999999998.0]"),
            ),
            // Python's integers have no size limit, so it writes the integer it read.
            ("[9007199254740993]", Some("[9007199254740993]")),
            ("hello", None),
        ] {
            assert_eq!(py_dumps(text).as_deref(), expected, "{text}");
        }
        assert_eq!(py_string("a\nb\"é"), "\"a\\nb\\\"é\"");
    }
}
