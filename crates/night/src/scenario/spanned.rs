//! Serde building blocks that remember where in the source text a value was written.
//!
//! ron reports positions only for syntax errors, so references (ids, times) carry their own
//! span: ron hands borrowed `&str` slices of the source to visitors for strings without escape
//! sequences, and the slice's address tells us its byte offset. Maps keep every entry in file
//! order (serde maps would silently keep the last duplicate), so duplicates can be reported at
//! the second definition.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;

/// A string from the scenario text together with the byte range it occupies (inside the
/// quotes). Ids, references and times are `Spanned`.
#[derive(Clone, Debug)]
pub struct Spanned {
    pub text: String,
    /// The slice's address while loading; [`Spanned::span`] turns it into a byte range.
    addr: usize,
}

impl Spanned {
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The byte range of this string in `source`, if it was read from that text.
    pub fn span(&self, source: &str) -> Option<Range<usize>> {
        let base = source.as_ptr() as usize;
        let start = self.addr.checked_sub(base)?;
        let end = start.checked_add(self.text.len())?;
        (self.addr != 0 && end <= source.len()).then_some(start..end)
    }
}

/// Two ids are equal when their text is: where they were written does not matter.
impl PartialEq for Spanned {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Spanned {}

impl<'de> Deserialize<'de> for Spanned {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpannedVisitor;
        impl<'de> Visitor<'de> for SpannedVisitor {
            type Value = Spanned;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string in double quotes")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Spanned, E> {
                Ok(spanned_from_source(v))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Spanned, E> {
                Err(escaped_id())
            }
        }
        deserializer.deserialize_str(SpannedVisitor)
    }
}

/// A [`Spanned`] for a slice of the source text.
fn spanned_from_source(v: &str) -> Spanned {
    Spanned {
        text: v.to_owned(),
        addr: v.as_ptr() as usize,
    }
}

/// ron hands over an owned string only when it had to unescape it: such a string has no
/// place in the source, and ids never need escapes.
fn escaped_id<E: de::Error>() -> E {
    E::custom("ids, references and times cannot contain escape sequences (`\\`)")
}

/// A RON map read as a list of entries in file order, duplicates included.
#[derive(Clone, Debug)]
pub struct Entries<T>(pub Vec<(Spanned, T)>);

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Entries<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for EntriesVisitor<T> {
            type Value = Entries<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map in braces: { \"id\": ..., }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor(PhantomData))
    }
}

/// One id or a list of ids: `from: "asleep"` or `from: ["asleep", "groggy"]`.
#[derive(Clone, Debug, Default)]
pub struct OneOrMany(pub Vec<Spanned>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor;
        impl<'de> Visitor<'de> for OneOrManyVisitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a state id or a list of state ids")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![spanned_from_source(v)]))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<OneOrMany, E> {
                Err(escaped_id())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut all = Vec::new();
                while let Some(s) = seq.next_element()? {
                    all.push(s);
                }
                Ok(OneOrMany(all))
            }
        }
        deserializer.deserialize_any(OneOrManyVisitor)
    }
}

/// Either a bare description string or a struct with more fields: `"Neon and coffee."` or
/// `(text: "The payphone rings.", ringing: true)`.
pub fn string_or_struct<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + From<String>,
{
    struct StringOrStruct<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de> + From<String>> Visitor<'de> for StringOrStruct<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a description string or a struct in parentheses")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v.to_owned()))
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map))
        }
    }
    deserializer.deserialize_any(StringOrStruct(PhantomData))
}
