//! Side-by-side columns of `pdftotext -layout` pages, split back into reading order.
//!
//! A page is cut recursively (an XY cut): find the best *gutter* — a character column that is
//! blank in a vertical run of rows while text lies on both sides of it in several of them — then
//! read the rows above the run, the run's left part, its right part and the rows below, each
//! cut again the same way. Rows at the top or bottom of a run whose text right of the gutter
//! does not start near the column's left edge (page headers, footers, page numbers) are left
//! out of the run, so they stay whole, as full-width lines.
//!
//! Positions are character columns (a tab advances to the next multiple of 8); spans stay bytes.

use std::ops::Range;

/// Regions wider than this many character columns are not split (no real page is this wide,
/// and it bounds the work per row).
const MAX_WIDTH: usize = 512;
/// How deep the cut may recurse; bounds the work per page to a constant number of sweeps.
const MAX_DEPTH: usize = 12;
/// How far right of a column's usual left edge a header's text may start and still count as
/// column text.
const EDGE_TOLERANCE: usize = 12;
/// How many candidate gutters to try per region before giving up.
const MAX_TRIES: usize = 8;

/// One non-white-space character of a row.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cell {
    /// Character column (tabs expanded).
    pub col: usize,
    /// First byte in the source (the character's length is read from the source when needed,
    /// which keeps cells small).
    pub start: usize,
}

/// A physical line as positioned characters.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Row<'a> {
    /// Its non-white-space characters, by column.
    pub cells: &'a [Cell],
}

/// Positions the characters of `line`, which starts at byte `start` of the source, appending
/// its non-white-space characters to `cells` (one buffer for many rows saves an allocation per
/// row).
pub(crate) fn push_cells(line: &str, start: usize, cells: &mut Vec<Cell>) {
    let mut col = 0usize;
    for (i, c) in line.char_indices() {
        if c == '\t' {
            col = (col / 8 + 1) * 8;
            continue;
        }
        if !c.is_whitespace() {
            cells.push(Cell {
                col,
                start: start + i,
            });
        }
        col += 1;
    }
}

impl Row<'_> {
    /// The cells in columns `lo..hi`, as an index range.
    fn within(&self, lo: usize, hi: usize) -> Range<usize> {
        let cells = &self.cells;
        // Fast paths: most calls ask for a whole row or for nothing.
        let a = match cells.first() {
            Some(c) if c.col < lo => cells.partition_point(|c| c.col < lo),
            _ => 0,
        };
        let b = match cells.last() {
            Some(c) if c.col >= hi => a + cells[a..].partition_point(|c| c.col < hi),
            _ => cells.len(),
        };
        a..b
    }

    fn is_blank(&self) -> bool {
        self.cells.is_empty()
    }
}

/// One piece of a row in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Index of the row on the page.
    pub row: usize,
    /// Its cells (non-empty).
    pub cells: Range<usize>,
    /// 0-based column within its band.
    pub column: u16,
    /// True when the row was left whole on a page that has columns elsewhere.
    pub full_width: bool,
    /// True when a blank line or a column or page start precedes it.
    pub gap_before: bool,
    /// Leading spaces relative to the column's left edge.
    pub indent: u16,
    /// How deep the innermost band it was read in was cut (0: in no band, a whole row).
    band: usize,
}

/// Splits a page's rows into pieces in reading order.
pub(crate) fn split_page(rows: &[Row<'_>]) -> Vec<Piece> {
    let mut out = Vec::new();
    split(rows, 0..rows.len(), 0, usize::MAX, 0, 0, &mut out);
    out
}

/// A gutter: column `col` is blank in rows `rows`, which it splits into two columns.
#[derive(Clone, Debug)]
struct Gutter {
    col: usize,
    rows: Range<usize>,
}

fn split(
    rows: &[Row<'_>],
    range: Range<usize>,
    lo: usize,
    hi: usize,
    depth: usize,
    band: usize,
    out: &mut Vec<Piece>,
) {
    if range.is_empty() {
        return;
    }
    let gutter = if depth < MAX_DEPTH {
        find_gutter(rows, range.clone(), lo, hi)
    } else {
        None
    };
    let Some(g) = gutter else {
        leaf(rows, range, lo, hi, band, out);
        return;
    };
    // Pieces above and below the band that are in no band cut here or deeper cross its gutter.
    let whole = |out: &mut Vec<Piece>, from: usize| {
        for p in &mut out[from..] {
            if p.band <= depth {
                p.full_width = true;
            }
        }
    };
    let n = out.len();
    split(
        rows,
        range.start..g.rows.start,
        lo,
        hi,
        depth + 1,
        band,
        out,
    );
    whole(out, n);
    let left = out.len();
    split(rows, g.rows.clone(), lo, g.col, depth + 1, depth + 1, out);
    let right = out.len();
    let shift = out[left..right]
        .iter()
        .map(|p| p.column + 1)
        .max()
        .unwrap_or(1);
    split(rows, g.rows.clone(), g.col, hi, depth + 1, depth + 1, out);
    for p in &mut out[right..] {
        p.column = p.column.saturating_add(shift);
    }
    let n = out.len();
    split(rows, g.rows.end..range.end, lo, hi, depth + 1, band, out);
    whole(out, n);
}

/// Emits the rows of a region that is not split further, one piece per non-blank row.
fn leaf(
    rows: &[Row<'_>],
    range: Range<usize>,
    lo: usize,
    hi: usize,
    band: usize,
    out: &mut Vec<Piece>,
) {
    // In a column the indent is relative to the column's left edge, else to the line start.
    let edge = if band > 0 {
        range
            .clone()
            .filter_map(|r| {
                let w = rows[r].within(lo, hi);
                (!w.is_empty()).then(|| rows[r].cells[w.start].col)
            })
            .min()
            .unwrap_or(lo)
    } else {
        lo
    };
    let mut prev: Option<usize> = None;
    for r in range {
        let cells = rows[r].within(lo, hi);
        if cells.is_empty() {
            continue;
        }
        let gap_before = match prev {
            None => true,
            Some(p) => gap_between(rows, p, r, lo, hi),
        };
        let indent = rows[r].cells[cells.start].col.saturating_sub(edge);
        out.push(Piece {
            row: r,
            cells,
            column: 0,
            full_width: false,
            gap_before,
            indent: indent.min(u16::MAX as usize) as u16,
            band,
        });
        prev = Some(r);
    }
}

/// Whether rows strictly between `p` and `r` (blank within `lo..hi`) separate them like a blank
/// line does.
///
/// A fully blank row does. A single row with text only in other columns does not when either
/// neighbour is alone on its row: that is two columns on offset baselines, interleaved by
/// pdftotext, not a paragraph gap.
fn gap_between(rows: &[Row<'_>], p: usize, r: usize, lo: usize, hi: usize) -> bool {
    let between = &rows[p + 1..r];
    if between.is_empty() {
        return false;
    }
    if between.len() >= 2 || between.iter().any(Row::is_blank) {
        return true;
    }
    let elsewhere = |row: &Row<'_>| row.within(lo, hi).len() < row.cells.len();
    elsewhere(&rows[p]) && elsewhere(&rows[r])
}

/// Per-column state of the sweep: the current vertical run of rows in which the column is blank.
///
/// Counters are `u32` to keep the sweep's working set small; a region has at most
/// [`crate::text`]'s chunk size of rows, far below `u32::MAX`.
#[derive(Clone, Copy, Default)]
struct Run {
    /// First row of the run.
    top: usize,
    /// Non-blank rows of the region before `top` (the run's non-blank count is derived).
    nonblank_before: u32,
    /// Rows of the run with text on both sides of the column (inside a gap of 2+ spaces).
    straddle: u32,
    /// Straddling rows whose gap is 4+ wide.
    wide: u32,
    /// Rows with text left of the column, and their characters there.
    left_rows: u32,
    left_chars: u32,
    /// Rows with text right of the column, and their characters there.
    right_rows: u32,
    right_chars: u32,
}

impl Run {
    /// Rows on the thinner side: how many rows show there are columns on both sides.
    ///
    /// Rows need not straddle the gutter themselves: pdftotext interleaves the rows of columns
    /// whose baselines differ, so each row may have text on one side only.
    fn support(&self) -> u32 {
        self.left_rows.min(self.right_rows)
    }

    /// A run with `nonblank` non-blank rows is a gutter candidate when enough rows lie on each
    /// side of it, with real text (not just page numbers) on both sides, and it is not two
    /// chance double spaces.
    fn is_candidate(&self, nonblank: u32) -> bool {
        let support = self.support();
        support >= 2
            && (support >= 3 || (self.straddle == support && self.wide == support))
            && support.saturating_mul(4) >= nonblank
            && self.left_chars >= self.left_rows.saturating_mul(6)
            && self.right_chars >= self.right_rows.saturating_mul(6)
    }
}

/// Finds the best gutter of a region: the candidate run with most support that survives
/// trimming of misaligned rows at its top and bottom.
///
/// One sweep down the rows keeps, for every character column, the run of rows in which it is
/// blank; a run ends at a row with text there and is kept when it is a candidate.
fn find_gutter(rows: &[Row<'_>], range: Range<usize>, lo: usize, hi: usize) -> Option<Gutter> {
    let width = range
        .clone()
        .filter_map(|r| {
            let w = rows[r].within(lo, hi);
            (!w.is_empty()).then(|| rows[r].cells[w.end - 1].col + 1 - lo)
        })
        .max()?;
    if width > MAX_WIDTH {
        return None;
    }
    // Only columns inside some row's gap of 2+ spaces can be gutters (a gutter needs at least
    // one straddling row), so the sweep tracks just those: few on real pages.
    let mut inside = vec![false; width];
    for r in range.clone() {
        let cells = &rows[r].cells[rows[r].within(lo, hi)];
        for pair in cells.windows(2) {
            if pair[1].col - pair[0].col > 2 {
                inside[pair[0].col + 1 - lo..pair[1].col - 1 - lo].fill(true);
            }
        }
    }
    let cols: Vec<usize> = (0..width).filter(|&c| inside[c]).collect();
    if cols.is_empty() {
        return None;
    }
    let mut slot = vec![usize::MAX; width];
    for (i, &c) in cols.iter().enumerate() {
        slot[c] = i;
    }
    // The tracked columns in `a..b` (region-relative), as a range of slots.
    let slots =
        |a: usize, b: usize| cols.partition_point(|&c| c < a)..cols.partition_point(|&c| c < b);
    let fresh = |top: usize, nonblank_before: u32| Run {
        top,
        nonblank_before,
        ..Run::default()
    };
    let mut runs = vec![fresh(range.start, 0); cols.len()];
    let mut stamp = vec![usize::MAX; cols.len()];
    let mut found = Vec::new();
    let mut nonblank = 0u32;
    let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    for r in range.clone() {
        let cells = &rows[r].cells[rows[r].within(lo, hi)];
        if cells.is_empty() {
            continue;
        }
        let n = small(cells.len());
        let first = cells[0].col - lo;
        let last = cells[cells.len() - 1].col - lo;
        for run in &mut runs[slots(0, first.saturating_sub(1))] {
            run.right_rows += 1;
            run.right_chars = run.right_chars.saturating_add(n);
        }
        for run in &mut runs[slots(last + 1, width)] {
            run.left_rows += 1;
            run.left_chars = run.left_chars.saturating_add(n);
        }
        // One pass over the row (the runs it touches are disjoint, so order does not matter).
        for (k, cell) in cells.iter().enumerate() {
            let c = cell.col - lo;
            // Close the runs this row has text in. A column counts as occupied when it or the
            // next one holds text, so a gutter is at least two blank columns wide in every row:
            // one blank column shared by two bands of different layouts is a coincidence.
            for p in [c.saturating_sub(1), c] {
                let i = slot[p];
                if i == usize::MAX || stamp[i] == r {
                    continue;
                }
                stamp[i] = r;
                let run = &mut runs[i];
                let n = nonblank - run.nonblank_before;
                if run.is_candidate(n) {
                    found.push((cols[i] + lo, run.top..r, run.support()));
                }
                *run = fresh(r + 1, nonblank + 1);
            }
            // Count this row on both sides of the columns inside its gap before this cell; a
            // word space is no evidence of a gutter.
            let Some(prev) = k.checked_sub(1).map(|j| cells[j].col - lo) else {
                continue;
            };
            let gap = c - prev - 1;
            if gap < 2 {
                continue;
            }
            let left = small(k);
            for run in &mut runs[slots(prev + 1, c - 1)] {
                run.left_rows += 1;
                run.left_chars = run.left_chars.saturating_add(left);
                run.right_rows += 1;
                run.right_chars = run.right_chars.saturating_add(n - left);
                run.straddle += 1;
                run.wide += u32::from(gap >= 4);
            }
        }
        nonblank += 1;
    }
    for (i, run) in runs.iter().enumerate() {
        if run.is_candidate(nonblank - run.nonblank_before) {
            found.push((cols[i] + lo, run.top..range.end, run.support()));
        }
    }
    // Best supported first; among equals the longest run, then the leftmost column.
    found.sort_by(|a, b| {
        b.2.cmp(&a.2)
            .then(b.1.len().cmp(&a.1.len()))
            .then(a.0.cmp(&b.0))
    });
    found
        .into_iter()
        .take(MAX_TRIES)
        .find_map(|(col, run, _)| trim(rows, col, run, range.end, lo, hi))
}

/// Drops blank rows, and rows whose text right of the gutter starts away from the right
/// column's usual left edge, from the top and bottom of a run; `None` when too little is left.
fn trim(
    rows: &[Row<'_>],
    col: usize,
    run: Range<usize>,
    region_end: usize,
    lo: usize,
    hi: usize,
) -> Option<Gutter> {
    let first_right = |r: usize| {
        let w = rows[r].within(col, hi);
        (!w.is_empty()).then(|| rows[r].cells[w.start].col)
    };
    // The right column's left edge: the most common start of its text.
    let mut starts: Vec<usize> = run.clone().filter_map(first_right).collect();
    starts.sort_unstable();
    let edge = mode(&starts)?;
    let keep = |r: usize| {
        !rows[r].within(lo, hi).is_empty()
            && first_right(r).is_none_or(|s| s <= edge + EDGE_TOLERANCE)
    };
    let mut top = run.start;
    let mut end = run.end;
    while top < end && !keep(top) {
        top += 1;
    }
    while end > top && !keep(end - 1) {
        end -= 1;
    }
    // Rows above the first aligned row of the right column whose right-hand text starts
    // elsewhere (page numbers at the far right of a contents list over a band of columns) are
    // no part of the band: the run starts after the last of them.
    let aligned = |r: usize| first_right(r).is_some_and(|s| s <= edge + EDGE_TOLERANCE);
    if let Some(first) = (top..end).find(|&r| aligned(r)) {
        if let Some(last_off) = (top..first).rev().find(|&r| first_right(r).is_some()) {
            top = last_off + 1;
        }
    }
    // Rows with text on the left only, above a blank row above the first row with text on the
    // right, are as likely the end of the region above (or a title over the band) as column
    // text: leave them out, so they keep their place either way.
    if let Some(first) = (top..end).find(|&r| first_right(r).is_some()) {
        if let Some(blank) = (top..first)
            .rev()
            .find(|&r| rows[r].within(lo, hi).is_empty())
        {
            top = blank + 1;
        }
    }
    // A band ends where, after two blank rows or more, a few rows with text on the left only
    // (the head of the next piece, set over its own columns) stand over rows with text on both
    // sides again: the next piece is a band of its own, read after this one.
    let blank = |r: usize| rows[r].within(lo, hi).is_empty();
    let straddles = |r: usize| first_right(r).is_some() && !rows[r].within(lo, col).is_empty();
    if let Some(first) = (top..end).find(|&r| first_right(r).is_some()) {
        let cut = gap_where(first + 1, end, blank, |_, after_gap| {
            let head_end = (after_gap..end)
                .find(|&x| blank(x) || first_right(x).is_some())
                .unwrap_or(end);
            head_end > after_gap
                && head_end - after_gap <= 4
                && head_end < end
                && straddles(head_end)
        });
        if let Some(r) = cut {
            end = r;
        }
    }
    // The same below: rows with text on the left only, under a blank row below the last row with
    // text on the right, and glued to a row right under the run that crosses the gutter, are a
    // heading over what follows (a headline across the page under a band of columns).
    let crosses = |r: usize| {
        rows[r].cells[rows[r].within(lo, hi)]
            .iter()
            .any(|c| c.col + 1 >= col && c.col <= col + 1)
    };
    if end == run.end && run.end < region_end && crosses(run.end) {
        if let Some(last) = (top..end).rev().find(|&r| first_right(r).is_some()) {
            if let Some(blank) = (last + 1..end)
                .rev()
                .find(|&r| rows[r].within(lo, hi).is_empty())
            {
                end = blank;
            }
        }
    }
    // A band also ends at two blank rows or more under which only the left side has text, when
    // that text runs across a gutter of the left side's own columns: a piece set wider than the
    // columns over it (a headline and text under a band of three columns, narrower than the
    // page) is read after the whole band, not inside its left column.
    // The columns the left side uses above a gap, filled in as the gaps are tried top down.
    let mut used = vec![false; col.saturating_sub(lo)];
    let mut used_to = top;
    let cut = gap_where(top, end, blank, |r, after| {
        let tail_end = (after..end)
            .find(|&x| first_right(x).is_some())
            .unwrap_or(end);
        if tail_end <= after || !(top..r).any(|x| first_right(x).is_some()) {
            return false;
        }
        for row in &rows[used_to..r] {
            for c in &row.cells[row.within(lo, col)] {
                used[c.col - lo] = true;
            }
        }
        used_to = r;
        let (first_used, last_used) = (used.iter().position(|&u| u), used.iter().rposition(|&u| u));
        let inner_gutter = |c: usize| {
            let k = c - lo;
            !used[k] && first_used.is_some_and(|f| f < k) && last_used.is_some_and(|l| k < l)
        };
        (after..tail_end).any(|x| {
            rows[x].cells[rows[x].within(lo, col)]
                .iter()
                .any(|c| inner_gutter(c.col))
        })
    });
    if let Some(r) = cut {
        end = r;
    }
    let left = (top..end)
        .filter(|&r| !rows[r].within(lo, col).is_empty())
        .count();
    let right = (top..end).filter(|&r| first_right(r).is_some()).count();
    (left.min(right) >= 2).then_some(Gutter {
        col,
        rows: top..end,
    })
}

/// The first gap of two blank rows or more in `from..end` (`blank` tells a blank row) for which
/// `cut(gap_start, first_row_after_it)` holds: the gap's first row.
fn gap_where(
    from: usize,
    end: usize,
    blank: impl Fn(usize) -> bool,
    mut cut: impl FnMut(usize, usize) -> bool,
) -> Option<usize> {
    let mut r = from;
    while r + 1 < end {
        if !(blank(r) && blank(r + 1)) {
            r += 1;
            continue;
        }
        let after = (r..end).find(|&x| !blank(x)).unwrap_or(end);
        if cut(r, after) {
            return Some(r);
        }
        r = after.max(r + 1);
    }
    None
}

/// The most frequent value of a sorted slice (the smallest among ties).
fn mode(sorted: &[usize]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for chunk in sorted.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, n)| chunk.len() > n) {
            best = Some((chunk[0], chunk.len()));
        }
    }
    best.map(|(v, _)| v)
}
