//! Diagnostics for scenario files: where (file, line, column, byte span), what is wrong,
//! what was expected, and a suggestion when there is one. Rendered with codespan-reporting;
//! very long lines (a 10 MB one-line file) are shown as a window around the fault.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};
use std::fmt;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in a scenario file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Byte range of the offending text.
    pub span: Range<usize>,
    /// 1-based line and column (in characters) of the span's start.
    pub line: usize,
    pub column: usize,
    /// What was expected there.
    pub expected: Option<String>,
    /// A suggestion, such as the nearest known id.
    pub help: Option<String>,
}

/// All the diagnostics of one file, with the text they point into.
#[derive(Clone, Debug)]
pub struct Diagnostics {
    pub file: String,
    pub source: String,
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new(file: &str, source: &str) -> Self {
        Diagnostics {
            file: file.to_owned(),
            source: source.to_owned(),
            items: Vec::new(),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Adds a diagnostic at a byte span of the source.
    pub fn push(
        &mut self,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
        expected: Option<String>,
        help: Option<String>,
    ) {
        let span = clamp_span(&self.source, span);
        let (line, column) = line_column(&self.source, span.start);
        self.items.push(Diagnostic {
            severity,
            message: message.into(),
            span,
            line,
            column,
            expected,
            help,
        });
    }

    /// The diagnostics as text: `error: ...`, then `┌─ FILE:LINE:COLUMN`, the source line with
    /// the fault underlined, what was expected and the suggestion.
    pub fn render(&self) -> String {
        self.items.iter().map(|d| self.render_one(d)).collect()
    }

    fn render_one(&self, d: &Diagnostic) -> String {
        // A very long line (a 10 MB one-line file) is shown as a window around the fault: the
        // excerpt keeps the line number (empty lines before it) and the header keeps the real
        // column.
        let (source, span) = excerpt(&self.source, d.span.clone());
        let file = SimpleFile::new(self.file.as_str(), source.as_str());
        let label =
            Label::primary((), span.clone()).with_message(d.expected.clone().unwrap_or_default());
        let base = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        };
        let notes = d.help.iter().map(|h| format!("help: {h}")).collect();
        let diagnostic = base
            .with_message(&d.message)
            .with_labels(vec![label])
            .with_notes(notes);
        let mut out = String::new();
        if term::emit_to_string(&mut out, &Config::default(), &file, &diagnostic).is_err() {
            // The renderer refused (it should not): fall back to one plain line.
            return format!(
                "error: {}\n  --> {}:{}:{}\n",
                d.message, self.file, d.line, d.column
            );
        }
        let (_, shown_column) = line_column(&source, span.start);
        let shown = format!("{}:{}:{}", self.file, d.line, shown_column);
        let real = format!("{}:{}:{}", self.file, d.line, d.column);
        out.replacen(&shown, &real, 1)
    }
}

/// How much of a long line is shown on each side of the fault.
const WINDOW: usize = 100;

/// The text to render a diagnostic against, and the span within it: the source itself, or
/// for a line longer than two windows, blank lines up to the faulty line and a window of it.
fn excerpt(source: &str, span: Range<usize>) -> (String, Range<usize>) {
    let line_start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[span.start..]
        .find('\n')
        .map_or(source.len(), |i| span.start + i);
    if line_end - line_start <= 2 * WINDOW {
        return (source.to_owned(), span);
    }
    // A span longer than the window (a 10 MB string) is underlined only at its start.
    let span = span.start..span.end.min(ceil_char(source, span.start + WINDOW));
    let from = floor_char(source, span.start.saturating_sub(WINDOW).max(line_start));
    let to = ceil_char(source, (span.end.max(span.start) + WINDOW).min(line_end));
    let mut text = "\n".repeat(source[..line_start].matches('\n').count());
    if from > line_start {
        text.push('…');
    }
    let shift = text.len();
    text.push_str(&source[from..to]);
    if to < line_end {
        text.push('…');
    }
    let start = span.start - from + shift;
    let end = span.end.min(to).max(span.start) - from + shift;
    (text, start..end)
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, i: usize) -> usize {
    // Past the end is not a boundary: clamp first, or this would never stop.
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for Diagnostics {}

/// Makes a span safe to slice: inside the text and on character boundaries.
fn clamp_span(source: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, source.len());
    while !source.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// 1-based line and character column of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

/// The byte offset of a 1-based line and character column (as ron reports them).
pub fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match source[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return source.len(),
        }
    }
    let rest = &source[start..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    rest[..line_end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(start + line_end, |(i, _)| start + i)
}
