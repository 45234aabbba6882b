//! Output formats shared by the listing commands: aligned tables, JSON, JSON Lines and CSV.
//!
//! Commands build rows of strings (tables, CSV) or `wire` values (JSON) and hand them here; all
//! output goes through one buffered stdout so that a closed pipe surfaces as an `io::Error` that
//! `main` turns into a quiet exit.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use serde::Serialize;

/// How a listing is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people (the default).
    #[default]
    Table,
    /// One pretty-printed JSON value.
    Json,
    /// One JSON value per line.
    Jsonl,
    /// Comma-separated values with a header row (RFC 4180 quoting).
    Csv,
}

/// When to mark search matches with ANSI bold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// Bold when stdout is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always bold.
    Always,
    /// Never; matches are marked with `[...]`.
    Never,
}

impl Color {
    /// Whether to use ANSI escapes on stdout.
    pub fn enabled(self) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// Buffered, locked stdout.
pub fn stdout() -> io::BufWriter<io::StdoutLock<'static>> {
    io::BufWriter::with_capacity(64 * 1024, io::stdout().lock())
}

/// Writes one value as pretty JSON followed by a newline.
pub fn json<W: Write, T: Serialize>(out: &mut W, value: &T) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Writes one value as a single JSON line.
pub fn jsonl<W: Write, T: Serialize>(out: &mut W, value: &T) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Prints a listing in `format`: a table built from `columns` and `cells`, the lines as JSON or
/// JSON Lines, or CSV with `header` and one record of `cells` per line (the same cells as the
/// table, so the two never disagree).
pub fn listing<W: Write, T: Serialize>(
    out: &mut W,
    format: Format,
    lines: &[T],
    columns: &[(&'static str, Align)],
    header: &[&str],
    cells: impl Fn(&T) -> Vec<String>,
    csv_cells: impl Fn(&T) -> Vec<String>,
) -> anyhow::Result<()> {
    match format {
        Format::Table => {
            let mut t = Table::new(columns);
            for l in lines {
                t.row(cells(l));
            }
            if !t.is_empty() {
                t.write(out)?;
            }
        }
        Format::Json => json(out, &lines)?,
        Format::Jsonl => {
            for l in lines {
                jsonl(out, l)?;
            }
        }
        Format::Csv => {
            csv_row(out, header)?;
            for l in lines {
                csv_row(out, &csv_cells(l))?;
            }
        }
    }
    Ok(())
}

/// Writes one CSV record, quoting fields that need it; a field a spreadsheet would take for a
/// formula gets a leading `'` (the exports' writer: one rule for every CSV cuttings prints).
pub fn csv_row<W: Write, S: AsRef<str>>(out: &mut W, fields: &[S]) -> io::Result<()> {
    cuttings_export::csv::row(out, fields)
}

/// Column alignment in a [`Table`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Pad on the right.
    Left,
    /// Pad on the left (numbers).
    Right,
}

/// An aligned text table; cells are measured in characters.
pub struct Table {
    headers: Vec<&'static str>,
    aligns: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headers and alignments.
    pub fn new(columns: &[(&'static str, Align)]) -> Table {
        Table {
            headers: columns.iter().map(|c| c.0).collect(),
            aligns: columns.iter().map(|c| c.1).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (as many cells as columns).
    pub fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.headers.len());
        self.rows.push(cells);
    }

    /// True when no row was added.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Writes the header, a rule and the rows; the last column is never padded.
    pub fn write<W: Write>(&self, out: &mut W) -> io::Result<()> {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(visible_width(cell));
            }
        }
        let header: Vec<String> = self.headers.iter().map(|h| h.to_uppercase()).collect();
        self.write_row(out, &header, &widths)?;
        for row in &self.rows {
            self.write_row(out, row, &widths)?;
        }
        Ok(())
    }

    fn write_row<W: Write>(&self, out: &mut W, row: &[String], widths: &[usize]) -> io::Result<()> {
        let mut line = String::new();
        let last = row.len().saturating_sub(1);
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            let pad = widths[i].saturating_sub(visible_width(cell));
            match self.aligns[i] {
                Align::Right => {
                    line.extend(std::iter::repeat_n(' ', pad));
                    line.push_str(cell);
                }
                Align::Left => {
                    line.push_str(cell);
                    if i != last {
                        line.extend(std::iter::repeat_n(' ', pad));
                    }
                }
            }
        }
        writeln!(out, "{}", line.trim_end())
    }
}

/// Characters on screen, not counting ANSI escape sequences.
fn visible_width(s: &str) -> usize {
    let mut n = 0;
    let mut in_escape = false;
    for c in s.chars() {
        if in_escape {
            if c.is_ascii_alphabetic() {
                in_escape = false;
            }
        } else if c == '\u{1b}' {
            in_escape = true;
        } else {
            n += 1;
        }
    }
    n
}

/// Whether `c` must not reach a terminal from ingested text: control characters (C0 but tab and
/// line feed, DEL, C1, so no escape sequence can move the cursor, retitle the window or hide
/// text) and the bidirectional overrides and isolates (which reorder what is shown).
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` without the characters [`is_unsafe`] refuses (a carriage return becomes a line feed
/// when no line feed follows it), for text printed to a terminal.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() != Some(&'\n') {
                out.push('\n');
            }
        } else if !is_unsafe(c) {
            out.push(c);
        }
    }
    out
}

/// A writer that drops the characters [`clean`] drops from everything written through it: the
/// text outputs that print ingested text (`show`, `reuse show`, tables) wrap stdout in it, so
/// that an article cannot send escape sequences to the terminal.
pub struct Clean<W: Write>(pub W);

impl<W: Write> Write for Clean<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match std::str::from_utf8(buf) {
            Ok(s) if !s.chars().any(|c| c == '\r' || is_unsafe(c)) => self.0.write_all(buf)?,
            Ok(s) => self.0.write_all(clean(s).as_bytes())?,
            // Pieces of formatted text are whole strings; anything else is passed on with
            // its C0 control bytes and DEL removed.
            Err(_) => {
                let kept: Vec<u8> = buf
                    .iter()
                    .copied()
                    .filter(|&b| b == b'\n' || b == b'\t' || (b >= 0x20 && b != 0x7f))
                    .collect();
                self.0.write_all(&kept)?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Shortens `s` to at most `max` characters, ending with `…` when cut; collapses white space
/// and drops control characters (cells of tables hold ingested text).
pub fn truncate(s: &str, max: usize) -> String {
    let flat: String = clean(s).split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut out: String = flat.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// `-` for a missing value in tables.
pub fn or_dash(s: Option<&str>) -> String {
    match s {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => "-".to_string(),
    }
}

/// `value (count), …` for facet and stats lines.
pub fn count_list(pairs: &[(String, u64)], max: usize) -> String {
    let mut parts: Vec<String> = pairs
        .iter()
        .take(max)
        .map(|(v, c)| format!("{v} ({c})"))
        .collect();
    if pairs.len() > max {
        parts.push(format!("… {} more", pairs.len() - max));
    }
    if parts.is_empty() {
        "-".to_string()
    } else {
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        let mut out = Vec::new();
        csv_row(&mut out, &["plain", "a,b", "say \"hi\"", "two\nlines", ""]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n"
        );
    }

    #[test]
    fn csv_keeps_formulas_as_text() {
        let mut out = Vec::new();
        csv_row(
            &mut out,
            &[
                "=HYPERLINK(\"http://x\")",
                "+cmd",
                "@SUM(A1)",
                "-0.5",
                "-",
                "a=b",
            ],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"'=HYPERLINK(\"\"http://x\"\")\",'+cmd,'@SUM(A1),-0.5,-,a=b\r\n"
        );
    }

    #[test]
    fn clean_drops_escapes_and_bidi_controls() {
        let s = "a\u{1b}]0;title\u{7}b\u{1b}[2Jc\u{9b}d\u{202e}e\r\nf\rg\th\u{7f}";
        assert_eq!(clean(s), "a]0;titleb[2Jcde\nf\ng\th");
        assert_eq!(truncate("x\u{1b}[8my", 10), "x[8my");
        let mut out = Clean(Vec::new());
        let two = "two\u{1b}";
        write!(out, "one\u{1b}[31m {two} \u{7}").unwrap();
        assert_eq!(String::from_utf8(out.0).unwrap(), "one[31m two ");
    }

    #[test]
    fn truncate_counts_characters() {
        assert_eq!(truncate("Tirana  talks", 20), "Tirana talks");
        assert_eq!(truncate("Ça va très bien merci", 8), "Ça va t…");
    }

    #[test]
    fn table_aligns_and_ignores_escapes() {
        let mut t = Table::new(&[("n", Align::Right), ("title", Align::Left)]);
        t.row(vec!["1".into(), "\u{1b}[1mab\u{1b}[0m".into()]);
        t.row(vec!["10".into(), "c".into()]);
        let mut out = Vec::new();
        t.write(&mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s, " N  TITLE\n 1  \u{1b}[1mab\u{1b}[0m\n10  c\n");
    }
}
