//! Scenarios: the RON format, loading with positions, validation and diagnostics.

mod compile;
pub mod diagnostic;
pub mod model;
pub mod raw;
pub mod spanned;
pub mod spans;

pub use compile::{fnv1a, parse_clock};
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use model::*;

use std::ops::Deref;
use std::sync::Arc;

/// A loaded, validated scenario. Cheap to clone (shared); read it through [`Model`].
#[derive(Clone, Debug)]
pub struct Scenario {
    model: Arc<Model>,
}

impl Deref for Scenario {
    type Target = Model;
    fn deref(&self) -> &Model {
        &self.model
    }
}

impl PartialEq for Scenario {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.model, &other.model) || self.model == other.model
    }
}

impl Scenario {
    /// Parses and validates a scenario. `name` is the file name used in diagnostics.
    pub fn from_ron(name: &str, text: &str) -> Result<Scenario, Diagnostics> {
        // Some editors start UTF-8 files with a byte-order mark; it is not part of the text.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut diags = Diagnostics::new(name, text);
        let raw = match parse(text) {
            Ok(raw) => raw,
            Err(e) => {
                let (span, message, expected) = describe_ron_error(text, &e);
                diags.push(Severity::Error, span, message, expected, None);
                return Err(diags);
            }
        };
        match compile::compile(&raw, text, &mut diags) {
            Some(model) => Ok(Scenario {
                model: Arc::new(model),
            }),
            None => Err(diags),
        }
    }

    /// Reads a scenario from raw bytes (a file's contents), reporting invalid UTF-8 with its
    /// position.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Scenario, Diagnostics> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Scenario::from_ron(name, text),
            Err(e) => {
                let valid = e.valid_up_to();
                let text = String::from_utf8_lossy(bytes);
                // The lossy text has the same bytes up to the first invalid one.
                let mut diags = Diagnostics::new(name, &text);
                diags.push(
                    Severity::Error,
                    valid..valid + 1,
                    "the file is not valid UTF-8 text",
                    Some("a UTF-8 text file".into()),
                    Some("save the scenario as UTF-8".into()),
                );
                Err(diags)
            }
        }
    }

    /// The model, for code that wants to hold it without the `Scenario` wrapper.
    pub fn model(&self) -> &Model {
        &self.model
    }
}

/// The known id closest to `id`, if it is close enough to be a likely typo: for "did you
/// mean" suggestions in diagnostics and in script errors alike.
pub fn nearest_id<'a>(id: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (id.chars().count() / 3).max(2);
    known
        .into_iter()
        .map(|k| (strsim::levenshtein(id, k), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn parse(text: &str) -> Result<raw::ScenarioRaw, ron::error::SpannedError> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
}

/// Turns a ron error into a span, a message and what was expected.
fn describe_ron_error(
    text: &str,
    e: &ron::error::SpannedError,
) -> (std::ops::Range<usize>, String, Option<String>) {
    use ron::Error as E;
    let start = diagnostic::offset_of(text, e.span.start.line, e.span.start.col);
    let end = diagnostic::offset_of(text, e.span.end.line, e.span.end.col).max(start);
    if matches!(e.code, E::Eof) {
        // Point at the last thing written: that is where more was expected.
        let last = text.trim_end().len();
        let start = text[..last]
            .chars()
            .next_back()
            .map_or(0, |c| last - c.len_utf8());
        return (
            start..last,
            "unexpected end of file".into(),
            Some("more text: the file ends too early".into()),
        );
    }
    let end = if end == start {
        // Underline at least the character at fault.
        text[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8())
    } else {
        end
    };
    let one_of = |names: &[&str]| {
        let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        Some(format!("one of {}", quoted.join(", ")))
    };
    let expected = match &e.code {
        E::NoSuchStructField { expected, .. } => one_of(expected),
        E::NoSuchEnumVariant { expected, .. } => one_of(expected),
        E::MissingStructField { field, .. } => Some(format!("the field `{field}`")),
        E::Eof => Some("more text: the file ends too early".into()),
        _ => None,
    };
    let message = match &e.code {
        E::NoSuchStructField { found, outer, .. } => match outer {
            Some(outer) => format!("unknown field `{found}` in {outer}"),
            None => format!("unknown field `{found}`"),
        },
        E::NoSuchEnumVariant { found, outer, .. } => match outer {
            Some(outer) => format!("unknown `{found}` in {outer}"),
            None => format!("unknown variant `{found}`"),
        },
        E::MissingStructField { field, outer } => match outer {
            Some(outer) => format!("missing field `{field}` in {outer}"),
            None => format!("missing field `{field}`"),
        },
        E::ExceededRecursionLimit => "brackets are nested too deeply (more than 128 levels)".into(),
        // ron's own sentences ("Expected comma"), lower-cased to match ours.
        other => lower_first(&other.to_string()),
    };
    (start..end, message, expected)
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
