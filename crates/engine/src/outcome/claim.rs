//! A claim about browser behaviour: what the specs say and what each engine was measured to
//! do, with "not measured" where the harness has no probe for it in that engine.
//!
//! JSON (the contract other tools read): a value on which the spec and all three engines
//! agree is the plain value; otherwise an object with exactly the keys `spec`, `chromium`,
//! `firefox` and `webkit`, where an engine that was not measured reads
//! `{"not_measured": true}`.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::Value;

use crate::engines::{Column, Engine};

/// One engine's side of a claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seen<T> {
    Measured(T),
    /// The harness has no probe for this value in this engine: the app says "not measured".
    NotMeasured,
}

impl<T> Seen<T> {
    pub fn get(&self) -> Option<&T> {
        match self {
            Seen::Measured(v) => Some(v),
            Seen::NotMeasured => None,
        }
    }
}

impl<T: Serialize> Serialize for Seen<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Seen::Measured(v) => v.serialize(serializer),
            Seen::NotMeasured => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("not_measured", &true)?;
                map.end()
            }
        }
    }
}

/// The spec's value and each engine's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim<T> {
    spec: T,
    chromium: Seen<T>,
    firefox: Seen<T>,
    webkit: Seen<T>,
}

impl<T> Claim<T> {
    /// Builds a claim from the value of each column; `None` for an engine means not measured.
    /// The spec always has a value: `at(Column::Spec)` is the value `spec` computes.
    pub fn from_columns(spec: T, engine: impl Fn(Engine) -> Option<T>) -> Claim<T> {
        let seen = |e: Engine| match engine(e) {
            Some(v) => Seen::Measured(v),
            None => Seen::NotMeasured,
        };
        Claim {
            spec,
            chromium: seen(Engine::Chromium),
            firefox: seen(Engine::Firefox),
            webkit: seen(Engine::Webkit),
        }
    }

    /// The same value in every column, every engine measured: for text that describes what
    /// the page itself does (the request it makes), not what an engine decides.
    pub fn uniform(value: T) -> Claim<T>
    where
        T: Clone,
    {
        Claim::from_columns(value.clone(), |_| Some(value.clone()))
    }

    /// Builds a claim from other claims, column by column: `f` gives a column's value, or
    /// `None` where one of its inputs is not measured. The spec column always has its inputs;
    /// should `f` still give nothing for it, the spec's value is `T::default()`.
    pub fn by_column(f: impl Fn(Column) -> Option<T>) -> Claim<T>
    where
        T: Default,
    {
        Claim::from_columns(f(Column::Spec).unwrap_or_default(), |e| {
            f(Column::Engine(e))
        })
    }

    pub fn spec(&self) -> &T {
        &self.spec
    }

    /// What an engine does, or `Seen::NotMeasured`.
    pub fn seen(&self, engine: Engine) -> &Seen<T> {
        match engine {
            Engine::Chromium => &self.chromium,
            Engine::Firefox => &self.firefox,
            Engine::Webkit => &self.webkit,
        }
    }

    /// What an engine does; `None` when not measured.
    pub fn engine(&self, engine: Engine) -> Option<&T> {
        self.seen(engine).get()
    }

    /// The value of a column; `None` for an engine that was not measured.
    pub fn at(&self, column: Column) -> Option<&T> {
        match column {
            Column::Spec => Some(&self.spec),
            Column::Engine(e) => self.engine(e),
        }
    }

    /// Applies `f` to every column; engines not measured stay not measured.
    pub fn map<'a, U>(&'a self, f: impl Fn(&'a T) -> U) -> Claim<U> {
        Claim::from_columns(f(&self.spec), |e| self.engine(e).map(&f))
    }

    /// Combines two claims column by column; an engine is measured only if it is in both.
    pub fn zip<'a, B, U>(&'a self, other: &'a Claim<B>, f: impl Fn(&'a T, &'a B) -> U) -> Claim<U> {
        Claim::from_columns(f(&self.spec, &other.spec), |e| {
            Some(f(self.engine(e)?, other.engine(e)?))
        })
    }
}

impl<T: PartialEq> Claim<T> {
    /// The one value, when the spec and every engine (all measured) agree.
    pub fn agreed(&self) -> Option<&T> {
        Engine::ALL
            .iter()
            .all(|e| self.engine(*e) == Some(&self.spec))
            .then_some(&self.spec)
    }

    /// Do the columns differ, or is some engine not measured?
    pub fn differs(&self) -> bool {
        self.agreed().is_none()
    }

    /// Do the measured engines all do the same thing (which may not be what the spec says)?
    pub fn engines_agree(&self) -> bool {
        let mut measured = Engine::ALL.iter().filter_map(|e| self.engine(*e));
        match measured.next() {
            Some(first) => measured.all(|v| v == first),
            None => true,
        }
    }

    /// The columns grouped by value, in column order: each distinct value with the columns
    /// that have it; engines not measured are left out (see [`Claim::not_measured`]).
    pub fn groups(&self) -> Vec<(&T, Vec<Column>)> {
        let mut out: Vec<(&T, Vec<Column>)> = Vec::new();
        for column in Column::ALL {
            let Some(value) = self.at(column) else {
                continue;
            };
            match out.iter_mut().find(|(v, _)| *v == value) {
                Some((_, columns)) => columns.push(column),
                None => out.push((value, vec![column])),
            }
        }
        out
    }

    /// The engines with no measurement for this value.
    pub fn not_measured(&self) -> Vec<Engine> {
        Engine::ALL
            .into_iter()
            .filter(|e| self.engine(*e).is_none())
            .collect()
    }
}

impl<T: Serialize + PartialEq> Serialize for Claim<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Some(value) = self.agreed() {
            return value.serialize(serializer);
        }
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("spec", &self.spec)?;
        map.serialize_entry("chromium", &self.chromium)?;
        map.serialize_entry("firefox", &self.firefox)?;
        map.serialize_entry("webkit", &self.webkit)?;
        map.end()
    }
}

/// What a script gets from a call that may throw or never finish.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JsResult {
    Value(Value),
    /// The name of the exception, such as `SyntaxError`.
    Error(String),
    /// The promise never settles (the body never ends).
    Pending(bool),
}

impl Eq for JsResult {}

impl JsResult {
    pub fn text(s: &str) -> JsResult {
        JsResult::Value(Value::String(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(
        spec: u16,
        chromium: Option<u16>,
        firefox: Option<u16>,
        webkit: Option<u16>,
    ) -> Claim<u16> {
        Claim::from_columns(spec, |e| match e {
            Engine::Chromium => chromium,
            Engine::Firefox => firefox,
            Engine::Webkit => webkit,
        })
    }

    #[test]
    fn agreement_is_a_plain_value_and_anything_else_names_every_column() {
        let agreed = claim(204, Some(204), Some(204), Some(204));
        assert_eq!(
            serde_json::to_value(&agreed).unwrap(),
            serde_json::json!(204)
        );
        let differs = claim(204, Some(200), Some(204), Some(204));
        assert_eq!(
            serde_json::to_value(&differs).unwrap(),
            serde_json::json!({ "spec": 204, "chromium": 200, "firefox": 204, "webkit": 204 })
        );
        // An engine without a measurement is never shown as agreeing, even with equal values.
        let unmeasured = claim(204, Some(204), Some(204), None);
        assert_eq!(
            serde_json::to_value(&unmeasured).unwrap(),
            serde_json::json!({ "spec": 204, "chromium": 204, "firefox": 204, "webkit": { "not_measured": true } })
        );
        assert!(unmeasured.differs() && unmeasured.engines_agree());
        assert_eq!(unmeasured.not_measured(), vec![Engine::Webkit]);
    }

    /// A claim differs when a column does something else or an engine was not measured.
    #[test]
    fn a_claim_differs_on_another_value_or_a_gap() {
        assert!(!claim(204, Some(204), Some(204), Some(204)).differs());
        assert!(claim(204, Some(204), Some(200), Some(204)).differs());
        assert!(claim(204, Some(204), Some(204), None).differs());
    }

    #[test]
    fn map_zip_and_groups_keep_columns_apart() {
        let a = claim(1, Some(2), Some(1), None);
        let b = claim(10, Some(10), None, Some(30));
        let sum = a.zip(&b, |x, y| x + y);
        assert_eq!(sum.spec(), &11);
        assert_eq!(sum.engine(Engine::Chromium), Some(&12));
        assert_eq!(sum.engine(Engine::Firefox), None);
        assert_eq!(sum.engine(Engine::Webkit), None);
        assert_eq!(a.map(|x| x * 2).engine(Engine::Chromium), Some(&4));
        let groups = a.groups();
        assert_eq!(groups.len(), 2);
        assert_eq!(
            groups[0],
            (&1, vec![Column::Spec, Column::Engine(Engine::Firefox)])
        );
        assert_eq!(groups[1], (&2, vec![Column::Engine(Engine::Chromium)]));
    }
}
