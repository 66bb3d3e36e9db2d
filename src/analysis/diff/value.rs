//! The serialized model as a tree: JSON's data model, with mappings kept in file order.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::{self, Write};

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// A node of the serialized model: JSON's data model, with mappings in file order and text
/// borrowed from the serialized file where it can be.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value<'a> {
    /// Also stands for "absent" on one side of a change.
    #[default]
    Null,
    Bool(bool),
    Number(serde_json::Number),
    Text(Cow<'a, str>),
    List(Vec<Value<'a>>),
    Map(Fields<'a>),
}

/// A mapping's entries in file order. Equality ignores the order.
#[derive(Debug, Clone, Default)]
pub struct Fields<'a>(pub Vec<(Cow<'a, str>, Value<'a>)>);

/// Above this many entries, looking keys up goes through a hash table.
const SMALL_MAP: usize = 32;

impl<'a> Fields<'a> {
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub(super) fn insert(&mut self, key: &'a str, value: Value<'a>) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, slot)) => *slot = value,
            None => self.0.push((Cow::Borrowed(key), value)),
        }
    }

    pub(super) fn remove(&mut self, key: &str) -> Option<Value<'a>> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(at).1)
    }

    /// A lookup that stays linear on large mappings.
    pub(super) fn lookup<'s>(&'s self) -> impl Fn(&str) -> Option<&'s Value<'a>> + 's {
        let table: Option<HashMap<&'s str, &'s Value<'a>>> = (self.0.len() > SMALL_MAP)
            .then(|| self.0.iter().map(|(k, v)| (k.as_ref(), v)).collect());
        move |key| match &table {
            Some(table) => table.get(key).copied(),
            None => self.get(key),
        }
    }
}

impl PartialEq for Fields<'_> {
    fn eq(&self, other: &Self) -> bool {
        if self.0.len() != other.0.len() {
            return false;
        }
        // Same order is the usual case: then one pass decides.
        if self.0.iter().zip(&other.0).all(|((a, _), (b, _))| a == b) {
            return self.0.iter().zip(&other.0).all(|((_, a), (_, b))| a == b);
        }
        let other = other.lookup();
        self.0.iter().all(|(k, v)| other(k) == Some(v))
    }
}

impl<'a> Value<'a> {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub(super) fn is_record(&self) -> bool {
        matches!(self, Value::List(_) | Value::Map(_))
    }

    /// The text of a scalar (a number as written, `true`; empty for null), None for a list or
    /// a mapping.
    pub fn scalar_text(&self) -> Option<Cow<'a, str>> {
        match self {
            Value::Null => Some(Cow::Borrowed("")),
            Value::Bool(b) => Some(Cow::Owned(b.to_string())),
            Value::Number(n) => Some(Cow::Owned(number_text(n))),
            Value::Text(s) => Some(s.clone()),
            Value::List(_) | Value::Map(_) => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Map(m) => m.get(key),
            _ => None,
        }
    }

    /// The same value, owning its text.
    pub fn to_owned_value(&self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(*b),
            Value::Number(n) => Value::Number(n.clone()),
            Value::Text(s) => Value::Text(Cow::Owned(s.clone().into_owned())),
            Value::List(items) => Value::List(items.iter().map(Value::to_owned_value).collect()),
            Value::Map(fields) => Value::Map(Fields(
                fields
                    .0
                    .iter()
                    .map(|(k, v)| (Cow::Owned(k.clone().into_owned()), v.to_owned_value()))
                    .collect(),
            )),
        }
    }
}

/// A number as the file would read: whole numbers without a trailing `.0`.
fn number_text(n: &serde_json::Number) -> String {
    match n.as_f64() {
        Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        _ => n.to_string(),
    }
}

impl fmt::Display for Value<'_> {
    /// Compact one-line form: scalars as written, `[a, b]`, `{key: value}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::List(items) => {
                f.write_char('[')?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_char(']')
            }
            Value::Map(fields) => {
                f.write_char('{')?;
                for (i, (key, value)) in fields.0.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{key}: {value}")?;
                }
                f.write_char('}')
            }
            scalar => f.write_str(&scalar.scalar_text().unwrap_or_default()),
        }
    }
}

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => n.serialize(serializer),
            Value::Text(s) => serializer.serialize_str(s),
            Value::List(items) => items.serialize(serializer),
            Value::Map(fields) => {
                let mut map = serializer.serialize_map(Some(fields.0.len()))?;
                for (key, value) in &fields.0 {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = Value<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Value<'de>, E> {
                Ok(Value::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Value<'de>, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value<'de>, D::Error> {
                Value::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value<'de>, E> {
                Ok(Value::Bool(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value<'de>, E> {
                Ok(Value::Number(v.into()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value<'de>, E> {
                Ok(Value::Number(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value<'de>, E> {
                Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Value<'de>, E> {
                Ok(Value::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Value<'de>, E> {
                Ok(Value::Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Value<'de>, E> {
                Ok(Value::Text(Cow::Owned(v)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Value::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value<'de>, A::Error> {
                let mut fields = Vec::with_capacity(access.size_hint().unwrap_or(0));
                while let Some((key, value)) = access.next_entry::<Value<'de>, Value<'de>>()? {
                    let key = match key {
                        Value::Text(key) => key,
                        other => Cow::Owned(other.to_string()),
                    };
                    fields.push((key, value));
                }
                Ok(Value::Map(Fields(fields)))
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(json: &str) -> Value<'_> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn whole_numbers_read_without_decimals() {
        assert_eq!(v("270000.0").to_string(), "270000");
        assert_eq!(v("0.25").to_string(), "0.25");
        assert_eq!(
            v(r#"{"b": 2, "a": [1, "x"]}"#).to_string(),
            "{b: 2, a: [1, x]}"
        );
    }
}
