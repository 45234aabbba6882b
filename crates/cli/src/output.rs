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

/// Buffered, locked stdout behind the [`Clean`] writer: whatever a command prints, ingested
/// text cannot send escape sequences to the terminal (issue #17).
pub fn stdout() -> Clean<io::BufWriter<io::StdoutLock<'static>>> {
    Clean::new(io::BufWriter::with_capacity(64 * 1024, io::stdout().lock()))
}

/// Buffered, locked stdout as it is, for exports (data for other tools: a control character in
/// an article is part of it) when stdout is not a terminal; [`stdout`] when it is.
pub fn data_stdout() -> Clean<io::BufWriter<io::StdoutLock<'static>>> {
    let mut out = stdout();
    out.active = io::stdout().is_terminal();
    out
}

/// An error and its causes on one line, as `{:#}` prints them, without a cause whose message
/// the line already ends with (issue #17: a library error that shows its I/O error and also
/// gives it as its source printed "No such file or directory (os error 2)" twice).
pub fn chain(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let message = cause.to_string();
        if line.ends_with(&message) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&message);
    }
    line
}

/// Prints one line to stderr through [`visible`]: messages quote file names, titles and
/// backends' errors, which must not reach the terminal raw either. The binary's `eprintln!`
/// is this (see `main.rs`).
pub fn eprint_line(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", visible(line));
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

/// A JSON array written an element at a time, as [`json`] would write the whole `Vec`:
/// pretty, two spaces an indent level, `[]` when empty.
pub struct JsonArray {
    started: bool,
    /// The indent level of the array's brackets (0: a value of its own, ended by a newline).
    depth: usize,
}

impl JsonArray {
    /// An array with nothing written yet, a value of its own.
    pub fn new() -> JsonArray {
        JsonArray {
            started: false,
            depth: 0,
        }
    }

    /// An array inside an object at indent level `depth` (its closing bracket ends no line).
    pub fn inner(depth: usize) -> JsonArray {
        JsonArray {
            started: false,
            depth,
        }
    }

    /// Writes one element.
    pub fn push<W: Write, T: Serialize>(&mut self, out: &mut W, value: &T) -> anyhow::Result<()> {
        out.write_all(if self.started { b",\n" } else { b"[\n" })?;
        self.started = true;
        // Pretty JSON holds no raw line break inside a string: indenting each line is exact.
        let indent = "  ".repeat(self.depth + 1);
        let text = serde_json::to_string_pretty(value)?;
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            write!(out, "{indent}{line}")?;
        }
        Ok(())
    }

    /// Closes the array (and ends the line when it is a value of its own).
    pub fn finish<W: Write>(self, out: &mut W) -> io::Result<()> {
        if self.started {
            write!(out, "\n{}]", "  ".repeat(self.depth))?;
        } else {
            out.write_all(b"[]")?;
        }
        if self.depth == 0 {
            out.write_all(b"\n")?;
        }
        Ok(())
    }
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
    ///
    /// Cells pass [`visible`] before they are measured, so escaped characters keep the columns.
    /// Returns the widths of the columns.
    pub fn write<W: Write>(&self, out: &mut W) -> io::Result<Vec<usize>> {
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().map(|c| visible(c).into_owned()).collect())
            .collect();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(visible_width(cell));
            }
        }
        let header: Vec<String> = self.headers.iter().map(|h| h.to_uppercase()).collect();
        self.write_row(out, &header, &widths)?;
        for row in &rows {
            self.write_row(out, row, &widths)?;
        }
        Ok(widths)
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

/// A [`Table`] written as it goes, for listings as long as the corpus: the first
/// [`TableStream::MEASURED`] rows set the column widths and are written together; later rows
/// are written at once with those widths (a wider cell pushes only its own row's columns).
pub struct TableStream {
    table: Table,
    widths: Option<Vec<usize>>,
}

impl TableStream {
    /// Rows measured before the first is written.
    pub const MEASURED: usize = 1000;

    /// A table with these column headers and alignments.
    pub fn new(columns: &[(&'static str, Align)]) -> TableStream {
        TableStream {
            table: Table::new(columns),
            widths: None,
        }
    }

    /// Adds a row, writing what can be written.
    pub fn row<W: Write>(&mut self, out: &mut W, cells: Vec<String>) -> io::Result<()> {
        match &self.widths {
            Some(widths) => {
                let cells: Vec<String> = cells.iter().map(|c| visible(c).into_owned()).collect();
                self.table.write_row(out, &cells, widths)
            }
            None => {
                self.table.row(cells);
                if self.table.rows.len() >= Self::MEASURED {
                    self.widths = Some(self.table.write(out)?);
                    self.table.rows.clear();
                }
                Ok(())
            }
        }
    }

    /// Writes what is left; returns whether any row was written.
    pub fn finish<W: Write>(self, out: &mut W) -> io::Result<bool> {
        if self.widths.is_some() {
            return Ok(true);
        }
        if self.table.is_empty() {
            return Ok(false);
        }
        self.table.write(out)?;
        Ok(true)
    }
}

/// Characters on screen, not counting ANSI escape sequences and the [`BOLD`] and [`PLAIN`]
/// marks.
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
        } else if c != BOLD && c != PLAIN {
            n += 1;
        }
    }
    n
}

/// Marks the start of bold text in output: [`Clean`] writes it as `ESC [1m` when it may style
/// ([`Clean::styled`]), as itself otherwise. Our own styling travels as these private-use
/// characters so that every escape byte of ingested text can be escaped at the edge.
pub const BOLD: char = '\u{e000}';

/// Marks the end of bold text (see [`BOLD`]); written as `ESC [0m`.
pub const PLAIN: char = '\u{e001}';

/// Whether `c` must not reach a terminal from ingested text: control characters (C0 but tab and
/// line feed, DEL, C1, so no escape sequence can move the cursor, retitle the window or hide
/// text) and the bidirectional overrides and isolates (which reorder what is shown).
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every character [`is_unsafe`] refuses shown as JSON's escape of it, `\u001b` for
/// ESC, `\u0007` for BEL, `\u202e` for a right-to-left override (issue #17); a carriage
/// return is kept before a line feed (CSV's line ends).
///
/// This is the one function between ingested text and the terminal: [`Clean`] applies it to
/// everything a command prints on stdout, [`eprint_line`] to every line on stderr, and tables
/// apply it to their cells before measuring them. JSON's own escape was chosen so that JSON
/// output passes through unchanged in meaning (`serde_json` already escapes C0 controls, and
/// a C1 control or a bidirectional override it writes raw becomes its `\u` escape).
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            out.push(c);
        } else if is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The writer at the edge of every command's stdout ([`stdout`]): everything written through
/// it passes [`visible`], so that an article cannot send escape sequences to the terminal,
/// and [`BOLD`] and [`PLAIN`] become ANSI bold when [`Clean::styled`] allows it.
pub struct Clean<W: Write> {
    inner: W,
    /// Whether text is escaped at all (exports to a file are written as they are).
    active: bool,
    /// Whether [`BOLD`] and [`PLAIN`] become ANSI escapes.
    style: bool,
}

impl<W: Write> Clean<W> {
    /// Escapes what is written to `inner`, without styles.
    pub fn new(inner: W) -> Clean<W> {
        Clean {
            inner,
            active: true,
            style: false,
        }
    }

    /// Writes [`BOLD`] and [`PLAIN`] as ANSI bold when `on`.
    pub fn styled(mut self, on: bool) -> Clean<W> {
        self.style = on;
        self
    }
}

impl<W: Write> Write for Clean<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.active {
            return self.inner.write(buf);
        }
        match std::str::from_utf8(buf) {
            Ok(s) => {
                let v = visible(s);
                if self.style && v.contains([BOLD, PLAIN]) {
                    let styled = v.replace(BOLD, "\u{1b}[1m").replace(PLAIN, "\u{1b}[0m");
                    self.inner.write_all(styled.as_bytes())?;
                } else {
                    self.inner.write_all(v.as_bytes())?;
                }
            }
            // Pieces of formatted text are whole strings; anything else is passed on with
            // its C0 control bytes and DEL escaped.
            Err(_) => {
                let mut kept = Vec::with_capacity(buf.len());
                for (i, &b) in buf.iter().enumerate() {
                    let crlf = b == b'\r' && buf.get(i + 1) == Some(&b'\n');
                    if b == b'\n' || b == b'\t' || crlf || (b >= 0x20 && b != 0x7f) {
                        kept.push(b);
                    } else {
                        kept.extend_from_slice(format!("\\u{b:04x}").as_bytes());
                    }
                }
                self.inner.write_all(&kept)?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Shortens `s` to at most `max` characters, ending with `…` when cut; collapses white space
/// and shows control characters as [`visible`] does (cells of tables hold ingested text).
pub fn truncate(s: &str, max: usize) -> String {
    let flat: String = visible(s).split_whitespace().collect::<Vec<_>>().join(" ");
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
    fn a_streamed_json_array_is_what_json_writes_of_the_vec() {
        let values = [
            serde_json::json!({"id": "a", "authors": ["X", "Y"], "n": 1}),
            serde_json::json!({"id": "b", "nested": {"k": [1, 2]}}),
        ];
        for n in [0, 1, 2] {
            let mut whole = Vec::new();
            json(&mut whole, &values[..n].to_vec()).unwrap();
            let mut streamed = Vec::new();
            let mut array = JsonArray::new();
            for v in &values[..n] {
                array.push(&mut streamed, v).unwrap();
            }
            array.finish(&mut streamed).unwrap();
            assert_eq!(String::from_utf8(streamed), String::from_utf8(whole));
        }
    }

    #[test]
    fn a_streamed_table_measures_its_first_rows_and_writes_the_rest_at_once() {
        let columns = [("n", Align::Right), ("name", Align::Left)];
        let row = |i: usize| vec![i.to_string(), format!("name {i}")];
        // Short: exactly what a table writes.
        let mut whole = Table::new(&columns);
        let mut streamed = TableStream::new(&columns);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for i in 0..3 {
            whole.row(row(i));
            streamed.row(&mut b, row(i)).unwrap();
        }
        assert!(
            b.is_empty(),
            "nothing is written before the widths are known"
        );
        whole.write(&mut a).unwrap();
        assert!(streamed.finish(&mut b).unwrap());
        assert_eq!(a, b);
        // Long: rows after the measured ones are written as they come, with the same widths.
        let mut streamed = TableStream::new(&columns);
        let mut out = Vec::new();
        for i in 0..TableStream::MEASURED {
            streamed.row(&mut out, row(i)).unwrap();
        }
        let written = out.len();
        assert!(written > 0);
        streamed.row(&mut out, row(5)).unwrap();
        let last = String::from_utf8(out[written..].to_vec()).unwrap();
        assert_eq!(last, "  5  name 5\n");
        assert!(streamed.finish(&mut out).unwrap());
        assert!(!TableStream::new(&columns).finish(&mut out).unwrap());
    }

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
    fn control_characters_are_shown_escaped() {
        let s = "a\u{1b}]0;title\u{7}b\u{1b}[2Jc\u{9b}d\u{202e}e\r\nf\rg\th\u{7f}";
        assert_eq!(
            visible(s),
            "a\\u001b]0;title\\u0007b\\u001b[2Jc\\u009bd\\u202ee\r\nf\\u000dg\th\\u007f"
        );
        assert_eq!(truncate("x\u{1b}[8my", 20), "x\\u001b[8my");
        let mut out = Clean::new(Vec::new());
        let two = "two\u{1b}";
        write!(out, "one\u{1b}[31m {two} \u{7}{BOLD}b{PLAIN}").unwrap();
        assert_eq!(
            String::from_utf8(out.inner).unwrap(),
            "one\\u001b[31m two\\u001b \\u0007\u{e000}b\u{e001}"
        );
        let mut out = Clean::new(Vec::new()).styled(true);
        write!(out, "\u{1b}{BOLD}b{PLAIN}").unwrap();
        assert_eq!(
            String::from_utf8(out.inner).unwrap(),
            "\\u001b\u{1b}[1mb\u{1b}[0m"
        );
    }

    #[test]
    fn json_through_the_clean_writer_means_the_same() {
        let value = serde_json::json!({"t": "a\u{1b}[2J\u{7}\u{9b}\u{202e}\u{7f}\\\u{9b}"});
        let mut out = Clean::new(Vec::new());
        jsonl(&mut out, &value).unwrap();
        let text = String::from_utf8(out.inner).unwrap();
        assert!(!text.chars().any(is_unsafe), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn truncate_counts_characters() {
        assert_eq!(truncate("Tirana  talks", 20), "Tirana talks");
        assert_eq!(truncate("Ça va très bien merci", 8), "Ça va t…");
    }

    #[test]
    fn table_aligns_and_ignores_escapes() {
        let mut t = Table::new(&[("n", Align::Right), ("title", Align::Left)]);
        t.row(vec!["1".into(), format!("{BOLD}ab{PLAIN}")]);
        t.row(vec!["10".into(), "c\u{7}".into()]);
        t.row(vec!["2".into(), "dd".into()]);
        let mut out = Vec::new();
        t.write(&mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            " N  TITLE\n 1  \u{e000}ab\u{e001}\n10  c\\u0007\n 2  dd\n"
        );
    }
}
