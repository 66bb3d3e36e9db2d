//! Mappings that refuse a repeated key, unless the caller reports repeats itself.

use indexmap::IndexMap;
use serde::Deserialize;

thread_local! {
    /// Set while the position scan, which reports duplicate keys with their places, has already
    /// run: the parse then keeps going so that validation can report every other problem too.
    static DUPLICATES_REPORTED_ELSEWHERE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `parse` with duplicate keys tolerated (the last one kept) because the caller reports them.
pub(crate) fn with_duplicates_reported_elsewhere<T>(parse: impl FnOnce() -> T) -> T {
    DUPLICATES_REPORTED_ELSEWHERE.set(true);
    let result = parse();
    DUPLICATES_REPORTED_ELSEWHERE.set(false);
    result
}

/// A mapping whose keys must be unique: YAML libraries keep the last of two equal keys, which
/// would silently drop data.
pub(super) fn unique_keys<'de, D, V>(deserializer: D) -> Result<IndexMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct UniqueKeys<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for UniqueKeys<V> {
        type Value = IndexMap<String, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a mapping")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut access: A,
        ) -> Result<Self::Value, A::Error> {
            let mut map = IndexMap::with_capacity(access.size_hint().unwrap_or(0));
            while let Some((key, value)) = access.next_entry::<String, V>()? {
                if map.contains_key(&key) && !DUPLICATES_REPORTED_ELSEWHERE.get() {
                    return Err(serde::de::Error::custom(format_args!(
                        "duplicate key `{key}`"
                    )));
                }
                map.insert(key, value);
            }
            Ok(map)
        }
    }
    deserializer.deserialize_map(UniqueKeys(std::marker::PhantomData))
}
