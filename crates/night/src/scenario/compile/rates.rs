//! The scenario's travel and panic rates, kept within what the simulation can use. A value
//! brought back into range still compiles, with a warning where it is written.

use super::Compiler;
use crate::scenario::model::{DAY, Lint, PanicRules, Travel};
use crate::scenario::raw::ScenarioRaw;
use std::ops::{Range, RangeInclusive};

impl Compiler<'_> {
    /// The travel speeds (at least a metre a minute) and the first minute of driving.
    pub(super) fn travel(&self, raw: &ScenarioRaw, lints: &mut Vec<Lint>) -> Travel {
        let t = &raw.travel;
        let speed = 1..=u32::MAX;
        let mut rate = |key, value, range: &RangeInclusive<u32>| {
            self.within("travel", key, value, range, lints)
        };
        Travel {
            walk: rate("walk", t.walk, &speed),
            run: rate("run", t.run, &speed),
            drive: rate("drive", t.drive, &speed),
            drive_start: rate("drive_start", t.drive_start, &(0..=u32::from(DAY))),
        }
    }

    /// How panic grows, spreads, fades, slows the cars and blocks the streets.
    pub(super) fn panic_rules(&self, raw: &ScenarioRaw, lints: &mut Vec<Lint>) -> PanicRules {
        let p = &raw.panic;
        let mut rate = |key, value, most: u32| self.within("panic", key, value, &(0..=most), lints);
        PanicRules {
            per_believer: rate("per_believer", p.per_believer, 100),
            spread_percent: rate("spread_percent", p.spread_percent, 100),
            decay: rate("decay", p.decay, 100),
            drive_slowdown_percent: rate("drive_slowdown_percent", p.drive_slowdown_percent, 1000),
            block_at: rate("block_at", p.block_at, 101),
        }
    }

    /// `value` brought into `range`; if it had to be, a warning at `section: (key: ...)`.
    fn within(
        &self,
        section: &str,
        key: &str,
        value: u32,
        range: &RangeInclusive<u32>,
        lints: &mut Vec<Lint>,
    ) -> u32 {
        let kept = value.clamp(*range.start(), *range.end());
        if kept != value {
            let bounds = if *range.end() == u32::MAX {
                format!("at least {}", range.start())
            } else {
                format!("from {} to {}", range.start(), range.end())
            };
            lints.push(Lint {
                span: number_span(self.source, section, key).unwrap_or(0..0),
                message: format!("`{section}.{key}` is {value}; the night uses {kept}"),
                help: Some(format!("`{key}` must be {bounds}")),
            });
        }
        kept
    }
}

/// Where `key`'s number is written inside `section: ( ... )` in `source`, if it is found
/// outside comments (a number has no span of its own: ron keeps positions only for errors).
fn number_span(source: &str, section: &str, key: &str) -> Option<Range<usize>> {
    // The section's own `key: (`, not a field of the same name elsewhere (`panic: 30`).
    let mut from = 0;
    let body = loop {
        let after = find_key(source, from, section)?;
        let value = source[after..].trim_start();
        if value.starts_with('(') {
            break source.len() - value.len();
        }
        from = after;
    };
    let at = find_key(source, body, key)?;
    let rest = &source[at..];
    let start = at + rest.find(|c: char| c.is_ascii_digit() || c == '-')?;
    let len = source[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '_'))
        .unwrap_or(source.len() - start);
    Some(start..start + len)
}

/// The offset just after `key:` (a whole word, not in a `//` comment) at or after `from`.
fn find_key(source: &str, from: usize, key: &str) -> Option<usize> {
    let mut at = from;
    while let Some(found) = source[at..].find(key) {
        let start = at + found;
        let end = start + key.len();
        let before = source[..start].chars().next_back();
        let word_start = !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
        let line = &source[source[..start].rfind('\n').map_or(0, |n| n + 1)..start];
        let after = source[end..].trim_start();
        if word_start && !line.contains("//") && after.starts_with(':') {
            return Some(source.len() - after.len() + 1);
        }
        at = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::number_span;

    #[test]
    fn a_number_is_found_under_its_section_and_not_in_comments() {
        let source = "// walk: 9\n(travel: 3, panic: (walk: 5), travel: (run: 3, walk: 0))";
        let span = number_span(source, "travel", "walk").unwrap();
        assert_eq!(&source[span.clone()], "0");
        assert!(span.start > source.find("travel: (").unwrap());
        assert_eq!(number_span(source, "travel", "drive"), None);
    }
}
