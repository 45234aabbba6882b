//! Words → lines → columns → blocks in reading order, for one page.
//!
//! 1. Words are grouped into rows by their vertical middles, and each row is cut into
//!    *fragments* wherever the space between two words is wider than about a font size
//!    (a gutter between columns is wider than any space inside a justified line).
//! 2. The page's fragments are cut recursively: at every gutter that runs down the whole region
//!    (columns, read left to right); when none does, the few fragments that cross the most
//!    likely gutter (a title spanning columns, a page-wide byline) are set apart in horizontal
//!    bands, so the columns above and below are read separately, and each band is cut again.
//! 3. In each leaf (one column), fragments of the same row are joined into lines, and lines are
//!    grouped into blocks at gaps wider than the leaf's usual leading and at changes of type.
//!
//! Linear-ish work: rows by one sort; each cut looks at a histogram of at most one bin per point
//! of page width; the recursion depth is capped.

use crate::words::{PageWords, Word};

/// One printed line (or a piece of one, in its column).
#[derive(Clone, Debug, PartialEq)]
pub struct TextLine {
    /// The words, in order.
    pub words: Vec<Word>,
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
    /// Font size of most of its characters.
    pub font_size: f32,
    /// Most characters bold.
    pub bold: bool,
    /// Most characters italic.
    pub italic: bool,
    /// The font family of most characters (`words::font_family`).
    pub font: u32,
}

impl TextLine {
    fn from_words(mut words: Vec<Word>) -> TextLine {
        words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut line = TextLine {
            x0: f32::MAX,
            y0: f32::MAX,
            x1: f32::MIN,
            y1: f32::MIN,
            font_size: 0.0,
            bold: false,
            italic: false,
            font: 0,
            words: Vec::new(),
        };
        let (mut chars, mut bold, mut italic) = (0usize, 0usize, 0usize);
        let mut sizes: Vec<(f32, usize)> = Vec::new();
        let mut fonts: Vec<(u32, usize)> = Vec::new();
        for w in &words {
            line.x0 = line.x0.min(w.x0);
            line.y0 = line.y0.min(w.y0);
            line.x1 = line.x1.max(w.x1);
            line.y1 = line.y1.max(w.y1);
            let n = w.text.chars().count();
            chars += n;
            if w.bold {
                bold += n;
            }
            if w.italic {
                italic += n;
            }
            match fonts.iter_mut().find(|f| f.0 == w.font) {
                Some(f) => f.1 += n,
                None => fonts.push((w.font, n)),
            }
            let size = (w.font_size * 2.0).round() / 2.0;
            match sizes.iter_mut().find(|s| s.0 == size) {
                Some(s) => s.1 += n,
                None => sizes.push((size, n)),
            }
        }
        line.font_size = sizes.iter().max_by_key(|s| s.1).map(|s| s.0).unwrap_or(0.0);
        line.bold = bold * 2 > chars;
        line.italic = italic * 2 > chars;
        line.font = fonts.iter().max_by_key(|f| f.1).map_or(0, |f| f.0);
        line.words = words;
        line
    }

    /// The line's text: its words joined by single spaces.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&w.text);
        }
        out
    }

    fn height(&self) -> f32 {
        self.y1 - self.y0
    }
}

/// A run of lines read together: a paragraph, a headline, a byline.
#[derive(Clone, Debug, PartialEq)]
pub struct TextBlock {
    /// 0-based column of the page (by the left edge of the leaf it came from).
    pub column: u16,
    /// Its lines in order.
    pub lines: Vec<TextLine>,
}

/// A word the reader left out, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct SkippedWord {
    /// The word.
    pub word: Word,
    /// Why: `off_page` or `rotated`.
    pub reason: &'static str,
}

/// One page read: its blocks in reading order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageLayout {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// Number of columns found (1 when none).
    pub columns: u16,
    /// Blocks in reading order.
    pub blocks: Vec<TextBlock>,
    /// Words left out of the text.
    pub skipped: Vec<SkippedWord>,
}

/// Reads one page.
pub fn read_page(page: PageWords) -> PageLayout {
    let mut skipped = Vec::new();
    let mut words = Vec::with_capacity(page.words.len());
    for w in page.words {
        let inside = w.x1 > 0.0 && w.x0 < page.width && w.y1 > 0.0 && w.y0 < page.height;
        if !inside {
            skipped.push(SkippedWord {
                word: w,
                reason: "off_page",
            });
        } else if w.x1.partial_cmp(&w.x0) != Some(std::cmp::Ordering::Greater)
            || w.y1.partial_cmp(&w.y0) != Some(std::cmp::Ordering::Greater)
            || w.font_size.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater)
        {
            skipped.push(SkippedWord {
                word: w,
                reason: "empty_box",
            });
        } else {
            words.push(w);
        }
    }
    let frags = fragments(words);
    let mut leaves = Vec::new();
    cut(frags, 0, &mut leaves);
    let mut out = PageLayout {
        width: page.width,
        height: page.height,
        columns: 1,
        blocks: Vec::new(),
        skipped,
    };
    // Columns: leaves ranked by their left edge, edges within a font size counting as one.
    let mut starts: Vec<f32> = leaves
        .iter()
        .filter_map(|l: &Vec<TextLine>| l.iter().map(|x| x.x0).reduce(f32::min))
        .collect();
    starts.sort_by(f32::total_cmp);
    starts.dedup_by(|a, b| (*a - *b).abs() < 12.0);
    out.columns = u16::try_from(starts.len().max(1)).unwrap_or(u16::MAX);
    for leaf in leaves {
        let left = leaf.iter().map(|x| x.x0).fold(f32::MAX, f32::min);
        let column = starts.iter().filter(|&&s| s < left - 12.0).count();
        let column = u16::try_from(column).unwrap_or(u16::MAX);
        for lines in blocks(leaf) {
            out.blocks.push(TextBlock { column, lines });
        }
    }
    out
}

/// Rows of words cut at wide spaces.
fn fragments(mut words: Vec<Word>) -> Vec<TextLine> {
    words.sort_by(|a, b| a.mid_y().total_cmp(&b.mid_y()));
    let mut rows: Vec<Vec<Word>> = Vec::new();
    let mut anchor = f32::MIN;
    let mut tol = 0.0;
    for w in words {
        if rows.is_empty() || w.mid_y() - anchor > tol {
            anchor = w.mid_y();
            tol = w.height().max(1.0) * 0.4;
            rows.push(Vec::new());
        }
        if let Some(row) = rows.last_mut() {
            row.push(w);
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut piece: Vec<Word> = Vec::new();
        for w in row {
            if let Some(last) = piece.last() {
                let gap = w.x0 - last.x1;
                // The smaller type decides: a headline in the next column, level with a line
                // of running text, is no wider apart from it than the gutter.
                let size = last.font_size.min(w.font_size);
                if gap > size * 1.0 {
                    out.push(TextLine::from_words(std::mem::take(&mut piece)));
                }
            }
            piece.push(w);
        }
        if !piece.is_empty() {
            out.push(TextLine::from_words(piece));
        }
    }
    out
}

fn median(mut v: Vec<f32>) -> f32 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f32::total_cmp);
    v[v.len() / 2]
}

/// A page number or figure: one to four digits.
fn is_number(text: &str) -> bool {
    (1..=4).contains(&text.len()) && text.chars().all(|c| c.is_ascii_digit())
}

/// A fragment narrower than half the region's typical line (a page number, a short centred
/// line, the last word of a paragraph) that does not count when looking for gutters: a centred
/// page number or ornament between two columns must not hide the gutter it stands in.
fn narrow_width(frags: &[TextLine]) -> f32 {
    median(frags.iter().map(|f| f.x1 - f.x0).collect()) * 0.5
}

/// How the fragments of a region cover its width, one bin per point (at most 4096 bins).
struct Coverage {
    min_x: f32,
    scale: f32,
    bins: usize,
    /// How many fragments cover each bin.
    cover: Vec<i32>,
    /// How many fragments end at or before each bin.
    left: Vec<u32>,
    /// How many fragments start after each bin.
    right: Vec<u32>,
}

impl Coverage {
    /// Coverage by the fragments `counted` says count; the bins span all of `frags`.
    fn new(frags: &[TextLine], counted: impl Fn(&TextLine) -> bool) -> Coverage {
        let min_x = frags.iter().map(|f| f.x0).fold(f32::MAX, f32::min);
        let max_x = frags.iter().map(|f| f.x1).fold(f32::MIN, f32::max);
        let bins = ((max_x - min_x).ceil() as usize).clamp(1, 4096);
        let scale = bins as f32 / (max_x - min_x).max(1.0);
        let mut c = Coverage {
            min_x,
            scale,
            bins,
            cover: vec![0; bins + 1],
            left: vec![0; bins + 1],
            right: vec![0; bins + 1],
        };
        let mut diff = vec![0i32; bins + 2];
        let mut ends = vec![0u32; bins + 2];
        let mut starts = vec![0u32; bins + 2];
        for f in frags.iter().filter(|f| counted(f)) {
            let (a, b) = c.span(f);
            diff[a] += 1;
            diff[b] -= 1;
            ends[b] += 1;
            starts[a] += 1;
        }
        let (mut run, mut l) = (0, 0);
        for i in 0..=bins {
            run += diff[i];
            c.cover[i] = run;
            l += ends[i];
            c.left[i] = l;
        }
        let mut r = 0;
        for i in (0..=bins).rev() {
            c.right[i] = r;
            r += starts[i];
        }
        c
    }

    fn bin(&self, x: f32) -> usize {
        (((x - self.min_x) * self.scale) as usize).min(self.bins)
    }

    /// The bins a fragment covers: `a..b`.
    fn span(&self, f: &TextLine) -> (usize, usize) {
        (self.bin(f.x0), self.bin(f.x1))
    }

    /// Gutters down the whole region: empty runs at least about a font size wide with text on
    /// both sides, as bin ranges.
    fn gutters(&self, size: f32) -> Vec<(usize, usize)> {
        let min_gutter = ((size * 0.9) * self.scale).max(1.0) as usize;
        let mut gutters = Vec::new();
        let mut i = 0;
        while i < self.bins {
            if self.cover[i] == 0 && self.left[i] > 0 && self.right[i] > 0 {
                let s = i;
                while i < self.bins && self.cover[i] == 0 {
                    i += 1;
                }
                if i - s >= min_gutter {
                    gutters.push((s, i));
                }
            } else {
                i += 1;
            }
        }
        gutters
    }
}

/// Cuts a region into leaves (single columns) in reading order.
fn cut(mut frags: Vec<TextLine>, depth: usize, out: &mut Vec<Vec<TextLine>>) {
    if frags.len() <= 1 || depth > 24 {
        if !frags.is_empty() {
            out.push(frags);
        }
        return;
    }
    let size = median(frags.iter().map(|f| f.font_size).collect()).max(1.0);
    let narrow = narrow_width(&frags);
    if let Some(y) = cut_above_spanning_title(&frags, size, narrow) {
        let (above, below): (Vec<TextLine>, Vec<TextLine>) =
            frags.into_iter().partition(|f| f.y1 <= y);
        cut(above, depth + 1, out);
        cut(below, depth + 1, out);
        return;
    }
    let all = Coverage::new(&frags, |_| true);
    let gutters = all.gutters(size);
    if !gutters.is_empty() {
        let mut cols: Vec<Vec<TextLine>> = vec![Vec::new(); gutters.len() + 1];
        for f in frags {
            let mid = all.bin((f.x0 + f.x1) / 2.0);
            let c = gutters.iter().filter(|g| g.1 <= mid).count();
            cols[c].push(f);
        }
        // A "column" of bare numbers is the page numbers of a contents list (or a table's
        // figures): each stays on the row of the entry it numbers.
        for c in (1..cols.len()).rev() {
            if cols[c].iter().all(|f| is_number(&f.text())) {
                let numbers = std::mem::take(&mut cols[c]);
                cols[c - 1].extend(numbers);
            }
        }
        for c in cols.into_iter().filter(|c| !c.is_empty()) {
            cut(c, depth + 1, out);
        }
        return;
    }
    // Gutters hidden by narrow fragments only (a page number centred between two columns): the
    // rows holding those fragments are read as bands of their own, so the columns above and
    // below them are cut apart cleanly.
    let long = Coverage::new(&frags, |f| f.x1 - f.x0 >= narrow);
    if let Some(&(s, e)) = long.gutters(size).iter().max_by_key(|g| g.1 - g.0) {
        let in_gutter = |f: &TextLine| {
            let (a, b) = long.span(f);
            a < e && b > s
        };
        match bands(frags, size, in_gutter) {
            Ok(bands) => {
                for band in bands {
                    cut(band, depth + 1, out);
                }
                return;
            }
            Err(back) => frags = back,
        }
    }
    // No clean gutter: find the most likely one, crossed by a few fragments only (narrow ones
    // not counted), in the middle of the widest stretch crossed by the fewest.
    let n = frags.len() as u32;
    let mut best: Option<(usize, i32)> = None;
    let mut best_run = 0usize;
    let mut run: Option<(usize, i32)> = None;
    for i in 0..=long.bins {
        let c = long.cover[i];
        let ok = i < long.bins
            && long.left[i] >= 2
            && long.right[i] >= 2
            && (c as u32) * 3 <= all.left[i] + all.right[i]
            && (c as u32) * 3 <= n;
        match run {
            Some((_, rc)) if ok && rc == c => {}
            _ => {
                if let Some((start, rc)) = run.take() {
                    let len = i - start;
                    if best.is_none_or(|(_, bc)| rc < bc || (rc == bc && len > best_run)) {
                        best = Some((start + len / 2, rc));
                        best_run = len;
                    }
                }
                if ok {
                    run = Some((i, c));
                }
            }
        }
    }
    let Some((at, _)) = best else {
        out.push(frags);
        return;
    };
    let blocker = |f: &TextLine| {
        let (a, b) = all.span(f);
        a <= at && b > at
    };
    match bands(frags, size, blocker) {
        Ok(bands) => {
            for band in bands {
                cut(band, depth + 1, out);
            }
        }
        Err(leaf) => out.push(leaf),
    }
}

/// The region in horizontal bands, top to bottom: rows (fragments overlapping vertically) with a
/// `blocker` form bands apart from rows without. When that makes a single band, the fragments
/// come back as the `Err`.
fn bands(
    mut frags: Vec<TextLine>,
    size: f32,
    blocker: impl Fn(&TextLine) -> bool,
) -> Result<Vec<Vec<TextLine>>, Vec<TextLine>> {
    frags.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    let mut bands: Vec<(bool, Vec<TextLine>)> = Vec::new();
    let mut row: Vec<TextLine> = Vec::new();
    let mut row_bottom = f32::MIN;
    let flush = |row: &mut Vec<TextLine>, bands: &mut Vec<(bool, Vec<TextLine>)>| {
        if row.is_empty() {
            return;
        }
        let kind = row.iter().any(&blocker);
        match bands.last_mut() {
            Some((k, b)) if *k == kind => b.append(row),
            _ => bands.push((kind, std::mem::take(row))),
        }
    };
    for f in frags {
        let overlap = f.y0 < row_bottom - 0.25 * f.height().min(size);
        if !overlap {
            flush(&mut row, &mut bands);
            row_bottom = f32::MIN;
        }
        row_bottom = row_bottom.max(f.y1);
        row.push(f);
    }
    flush(&mut row, &mut bands);
    if bands.len() > 1 {
        Ok(bands.into_iter().map(|b| b.1).collect())
    } else {
        Err(bands.into_iter().flat_map(|b| b.1).collect())
    }
}

/// A headline (bigger or bold type) that crosses a gutter of the text around it starts a band
/// across the whole region when nothing straddles the line right above it: the columns above
/// are read before it, and the columns under it after it ("a title spanning two of three
/// columns"). Returns the `y` to cut at.
fn cut_above_spanning_title(frags: &[TextLine], size: f32, narrow: f32) -> Option<f32> {
    let is_title = |f: &TextLine| f.font_size >= size * 1.15 || f.bold;
    // Narrow fragments (a centred page number) do not close a gutter.
    let text: Vec<&TextLine> = frags
        .iter()
        .filter(|f| !is_title(f) && f.x1 - f.x0 >= narrow)
        .collect();
    if text.len() < 4 {
        return None;
    }
    // Gutters of the running text: x ranges no text fragment covers, with text on both sides.
    let mut spans: Vec<(f32, f32)> = text.iter().map(|f| (f.x0, f.x1)).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut gutters = Vec::new();
    let mut reach = spans[0].1;
    for &(a, b) in &spans[1..] {
        if a - reach >= size * 0.9 {
            gutters.push((reach, a));
        }
        reach = reach.max(b);
    }
    if gutters.is_empty() {
        return None;
    }
    let top = frags.iter().map(|f| f.y0).fold(f32::MAX, f32::min);
    // A headline within one column starts a band too when the text beside it breaks off level
    // with it and goes on below: two pieces side by side in bands, each over both columns.
    let beside_breaks = |t: &TextLine| {
        let beside: Vec<&&TextLine> = text
            .iter()
            .filter(|f| f.x1 <= t.x0 || f.x0 >= t.x1)
            .collect();
        // Nothing beside the headline's rows or the half line over them (a paragraph gap
        // beside a headline is narrower than the headline).
        let top = t.y0 - 0.5 * t.height();
        beside.iter().any(|f| f.y1 <= top)
            && beside.iter().any(|f| f.y0 >= t.y1)
            && !beside.iter().any(|f| f.y1 > top && f.y0 < t.y1)
    };
    let mut titles: Vec<&TextLine> = frags
        .iter()
        .filter(|f| {
            is_title(f) && (gutters.iter().any(|g| f.x0 < g.0 && f.x1 > g.1) || beside_breaks(f))
        })
        .collect();
    titles.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    // Running text set larger than the region's usual type (one column above three) is no
    // headline: a headline has at most a few lines in its type under it. (The last lines of
    // such text may still be cut off as bands, in reading order.)
    let same_type_below = |t: &TextLine| {
        frags
            .iter()
            .filter(|f| {
                (f.font_size - t.font_size).abs() < 0.3
                    && f.bold == t.bold
                    && f.x0 < t.x1
                    && f.x1 > t.x0
                    && f.y0 > t.y0
                    && f.y0 < t.y0 + 8.0 * t.height()
            })
            .count()
    };
    for t in titles {
        if same_type_below(t) > 4 {
            continue;
        }
        if t.y0 <= top + 0.5 {
            continue;
        }
        let y = head_stack_top(frags, t, is_title).unwrap_or(t.y0) - 0.1;
        let clean = frags.iter().all(|f| f.y1 <= y || f.y0 >= y);
        let above = frags.iter().any(|f| f.y1 <= y);
        if clean && above {
            return Some(y);
        }
    }
    None
}

/// The top of the short lines set tight above headline `t` and apart from the text above them
/// (a dateline, a kicker, an outlet over a headline that spans the columns): they head the
/// headline, so the band it starts begins above them. `None` when there are none.
fn head_stack_top(
    frags: &[TextLine],
    t: &TextLine,
    is_title: impl Fn(&TextLine) -> bool,
) -> Option<f32> {
    let right_above = |y: f32| {
        frags
            .iter()
            .filter(|f| f.y1 <= y + 0.5 && f.y0 < y && f.x0 < t.x1 && f.x1 > t.x0)
            .max_by(|a, b| a.y1.total_cmp(&b.y1))
    };
    let mut top = t.y0;
    let mut widest_gap = 0.0f32;
    let mut stack = 0;
    while let Some(f) = right_above(top) {
        let gap = top - f.y1;
        if gap > 0.6 * f.height() {
            break;
        }
        if is_title(f) || f.font_size >= t.font_size || f.x1 - f.x0 > 0.6 * (t.x1 - t.x0) {
            return None;
        }
        stack += 1;
        if stack > 3 {
            return None;
        }
        widest_gap = widest_gap.max(gap);
        top = f.y0;
    }
    if stack == 0 {
        return None;
    }
    // Apart from what stands above: a gap wider than any inside the stack, by half a line.
    let apart = match right_above(top) {
        Some(f) => top - f.y1 > widest_gap + 0.5 * f.height(),
        None => true,
    };
    apart.then_some(top)
}

/// A leaf's fragments as lines (same row joined) grouped into blocks.
fn blocks(mut frags: Vec<TextLine>) -> Vec<Vec<TextLine>> {
    frags.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    let mut lines: Vec<TextLine> = Vec::new();
    for f in frags {
        if let Some(last) = lines.last_mut() {
            let same_row = f.mid_y_in(last);
            if same_row {
                let mut words = std::mem::take(&mut last.words);
                words.extend(f.words);
                *last = TextLine::from_words(words);
                continue;
            }
        }
        lines.push(f);
    }
    // The leaf's usual leading: the median step between the bottoms of consecutive lines of
    // the same size.
    let steps: Vec<f32> = lines
        .windows(2)
        .filter(|w| (w[0].font_size - w[1].font_size).abs() < 0.5)
        .map(|w| w[1].y1 - w[0].y1)
        .filter(|s| *s > 0.0)
        .collect();
    let lead = median(steps);
    let mut out: Vec<Vec<TextLine>> = Vec::new();
    for line in lines {
        let new_block = match out.last().and_then(|b| b.last()) {
            None => true,
            Some(prev) => {
                let step = line.y1 - prev.y1;
                let size = prev.font_size.max(line.font_size).max(1.0);
                let expected = if lead > 0.0 { lead } else { size * 1.3 };
                let other_type =
                    (prev.font_size - line.font_size).abs() > 0.1 * size || prev.bold != line.bold;
                other_type || step > expected * 1.3 + 0.5 || step < 0.0
            }
        };
        if new_block {
            out.push(Vec::new());
        }
        if let Some(b) = out.last_mut() {
            b.push(line);
        }
    }
    out
}

impl TextLine {
    fn mid_y_in(&self, other: &TextLine) -> bool {
        let mid = (self.y0 + self.y1) / 2.0;
        mid > other.y0 && mid < other.y1 && {
            let om = (other.y0 + other.y1) / 2.0;
            om > self.y0 && om < self.y1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x: f32, y: f32, size: f32) -> Word {
        Word {
            text: text.to_string(),
            x0: x,
            y0: y,
            x1: x + text.len() as f32 * size * 0.5,
            y1: y + size,
            font_size: size,
            bold: false,
            italic: false,
            font: 0,
        }
    }

    /// A column of `rows` lines of two words each, starting at (x, y).
    fn column(words: &mut Vec<Word>, tag: &str, x: f32, y: f32, rows: usize) {
        for r in 0..rows {
            let y = y + r as f32 * 12.0;
            words.push(word(&format!("{tag}{r}a"), x, y, 10.0));
            words.push(word(&format!("{tag}{r}b"), x + 20.0, y, 10.0));
        }
    }

    fn texts(p: &PageLayout) -> Vec<String> {
        p.blocks
            .iter()
            .flat_map(|b| b.lines.iter().map(|l| l.text()))
            .collect()
    }

    fn page(words: Vec<Word>) -> PageLayout {
        read_page(PageWords {
            width: 600.0,
            height: 800.0,
            words,
        })
    }

    #[test]
    fn two_columns_are_read_one_after_the_other() {
        let mut w = Vec::new();
        column(&mut w, "L", 50.0, 100.0, 3);
        column(&mut w, "R", 300.0, 100.0, 3);
        let p = page(w);
        assert_eq!(
            texts(&p),
            ["L0a L0b", "L1a L1b", "L2a L2b", "R0a R0b", "R1a R1b", "R2a R2b"]
        );
        assert_eq!(p.columns, 2);
        assert_eq!(p.blocks[0].column, 0);
        assert_eq!(p.blocks[1].column, 1);
    }

    #[test]
    fn a_title_across_columns_is_read_between_the_bands() {
        let mut w = Vec::new();
        column(&mut w, "A", 50.0, 100.0, 3);
        column(&mut w, "B", 300.0, 100.0, 3);
        w.push(word("Spanning", 50.0, 150.0, 18.0));
        w.push(word("headline", 130.0, 150.0, 18.0));
        w.push(word("across", 220.0, 150.0, 18.0));
        w.push(word("columns", 290.0, 150.0, 18.0));
        column(&mut w, "C", 50.0, 180.0, 3);
        column(&mut w, "D", 300.0, 180.0, 3);
        let t = texts(&page(w));
        let pos = |s: &str| t.iter().position(|x| x == s).unwrap();
        assert!(pos("A2a A2b") < pos("B0a B0b"));
        assert!(pos("B2a B2b") < pos("Spanning headline across columns"));
        assert!(pos("Spanning headline across columns") < pos("C0a C0b"));
        assert!(pos("C2a C2b") < pos("D0a D0b"));
    }

    #[test]
    fn a_dateline_tight_over_a_spanning_headline_is_read_with_it() {
        let mut w = Vec::new();
        column(&mut w, "A", 50.0, 100.0, 3);
        column(&mut w, "B", 300.0, 100.0, 3);
        // A small date in the left column's place, set tight over the headline and well apart
        // from the column above it.
        w.push(word("08.12.2004", 50.0, 148.0, 8.0));
        for (x, text) in [
            (50.0, "Spanning"),
            (130.0, "headline"),
            (220.0, "across"),
            (290.0, "columns"),
        ] {
            w.push(word(text, x, 157.0, 18.0));
        }
        column(&mut w, "C", 50.0, 185.0, 3);
        column(&mut w, "D", 300.0, 185.0, 3);
        let t = texts(&page(w));
        let pos = |s: &str| t.iter().position(|x| x == s).unwrap();
        assert!(pos("B2a B2b") < pos("08.12.2004"), "{t:?}");
        assert_eq!(
            pos("08.12.2004") + 1,
            pos("Spanning headline across columns"),
            "{t:?}"
        );
    }

    #[test]
    fn a_headline_in_one_column_starts_a_band_where_the_text_beside_it_breaks_off() {
        let mut w = Vec::new();
        column(&mut w, "A", 50.0, 100.0, 4);
        column(&mut w, "B", 300.0, 100.0, 4);
        // The next piece: its headline in the left column, its text in both columns below, and
        // nothing in the right column level with the headline.
        for (x, text) in [(50.0, "Second"), (102.0, "piece")] {
            w.push(word(text, x, 170.0, 16.0));
        }
        column(&mut w, "C", 50.0, 200.0, 3);
        column(&mut w, "D", 300.0, 200.0, 3);
        let t = texts(&page(w.clone()));
        let pos = |t: &[String], s: &str| t.iter().position(|x| x == s).unwrap();
        assert!(pos(&t, "B3a B3b") < pos(&t, "Second piece"), "{t:?}");
        assert!(pos(&t, "Second piece") < pos(&t, "C0a C0b"), "{t:?}");
        assert!(pos(&t, "C2a C2b") < pos(&t, "D0a D0b"), "{t:?}");

        // Text running on beside the headline: one flow, the headline read inside its column.
        column(&mut w, "R", 300.0, 148.0, 4);
        let t = texts(&page(w));
        assert!(pos(&t, "Second piece") < pos(&t, "B0a B0b"), "{t:?}");
    }

    /// Two columns of full lines (190 points wide) with a gutter from 240 to 255.
    fn wide_columns(words: &mut Vec<Word>, y: f32, rows: usize, first: usize) {
        for r in first..first + rows {
            let y = y + (r - first) as f32 * 12.0;
            for (tag, x) in [("L", 50.0), ("R", 255.0)] {
                words.push(word(&format!("{tag}{r}aaaaaaaaaaaaaaaa"), x, y, 10.0));
                words.push(word(
                    &format!("{tag}{r}bbbbbbbbbbbbbbbbb"),
                    x + 95.0,
                    y,
                    10.0,
                ));
            }
        }
    }

    fn assert_columns_apart(t: &[String], rows: usize) {
        let pos = |s: &str| t.iter().position(|x| x.starts_with(s)).unwrap();
        for r in 1..rows {
            assert!(
                pos(&format!("L{}a", r - 1)) < pos(&format!("L{r}a")),
                "{t:?}"
            );
            assert!(
                pos(&format!("R{}a", r - 1)) < pos(&format!("R{r}a")),
                "{t:?}"
            );
        }
        assert!(pos(&format!("L{}a", rows - 1)) < pos("R0a"), "{t:?}");
    }

    #[test]
    fn a_page_number_centred_across_the_gutter_does_not_join_the_columns() {
        // Issue #3: "- 2 -" centred on the page reaches into both columns' edges.
        let mut w = Vec::new();
        wide_columns(&mut w, 100.0, 6, 0);
        w.push(word("--", 232.0, 700.0, 8.0));
        w.push(word("2", 244.0, 700.0, 8.0));
        w.push(word("--", 252.0, 700.0, 8.0));
        let t = texts(&page(w));
        assert_columns_apart(&t, 6);
        assert_eq!(t.last().map(String::as_str), Some("-- 2 --"));
        let mut w = Vec::new();
        wide_columns(&mut w, 100.0, 6, 0);
        // Inside the gutter, splitting it into two gaps narrower than a font size.
        w.push(word("7", 246.0, 700.0, 8.0));
        assert_columns_apart(&texts(&page(w)), 6);
    }

    #[test]
    fn a_short_centred_line_between_two_column_bands_is_read_between_them() {
        let mut w = Vec::new();
        wide_columns(&mut w, 100.0, 3, 0);
        w.push(word("***", 238.0, 150.0, 10.0));
        wide_columns(&mut w, 180.0, 3, 3);
        let t = texts(&page(w));
        let pos = |s: &str| t.iter().position(|x| x.starts_with(s)).unwrap();
        assert!(pos("L2a") < pos("R0a"), "{t:?}");
        assert!(pos("R2a") < pos("***"), "{t:?}");
        assert!(pos("***") < pos("L3a"), "{t:?}");
        assert!(pos("L5a") < pos("R3a"), "{t:?}");
    }

    #[test]
    fn a_masthead_across_the_page_and_a_page_number_in_the_gutter_leave_columns_whole() {
        // A line ending a hair into the gutter must not be taken for what crosses it.
        let masthead = [
            ("Masthead", 50.0),
            ("across", 95.0),
            ("the", 130.0),
            ("whole", 150.0),
            ("page", 180.0),
            ("of", 205.0),
            ("the", 220.0),
            ("digest", 240.0),
            ("issue", 275.0),
        ];
        let mut w: Vec<Word> = masthead
            .iter()
            .map(|&(t, x)| word(t, x, 60.0, 10.0))
            .collect();
        wide_columns(&mut w, 100.0, 6, 0);
        w.push(word("L9long", 50.0, 172.0, 10.0));
        w.push(word("line", 83.0, 172.0, 10.0));
        w.push(word("reaching", 105.0, 172.0, 10.0));
        w.push(word("just", 147.0, 172.0, 10.0));
        w.push(word("into", 170.0, 172.0, 10.0));
        w.push(word("the", 193.0, 172.0, 10.0));
        w.push(word("gutter", 211.0, 172.0, 10.0));
        w.push(word("--", 241.5, 700.0, 8.0));
        w.push(word("2", 251.0, 700.0, 8.0));
        w.push(word("--", 257.0, 700.0, 8.0));
        let t = texts(&page(w));
        assert_columns_apart(&t[1..], 6);
        let pos = |s: &str| t.iter().position(|x| x.starts_with(s)).unwrap();
        assert!(pos("L5a") < pos("L9long"), "{t:?}");
        assert!(pos("L9long") < pos("R0a"), "{t:?}");
    }

    #[test]
    fn a_contents_list_keeps_its_page_numbers_on_the_entries_rows() {
        let mut w = Vec::new();
        for (k, (title, n)) in [
            ("Harbour works", "1"),
            ("Ferry fares", "3"),
            ("Port strike", "12"),
        ]
        .iter()
        .enumerate()
        {
            let y = 100.0 + k as f32 * 24.0;
            w.push(word(title, 50.0, y, 10.0));
            w.push(word("Kyiv Review, 17 March", 50.0, y + 12.0, 8.0));
            w.push(word(n, 500.0, y, 10.0));
        }
        let t = texts(&page(w));
        assert_eq!(t[0], "Harbour works 1");
        assert_eq!(t[2], "Ferry fares 3");
        assert_eq!(t[4], "Port strike 12");
    }

    #[test]
    fn a_headline_level_with_running_text_in_the_next_column_stays_apart_from_it() {
        let mut w = Vec::new();
        wide_columns(&mut w, 100.0, 4, 0);
        // The gutter (15 points) is narrower than the headline's type (18 points).
        let mut t = word("Headline", 255.0, 146.0, 18.0);
        t.bold = true;
        w.push(t);
        // A line of the left column level with it, ending at the gutter.
        w.push(word(&format!("Lmid{}", "m".repeat(34)), 50.0, 150.0, 10.0));
        wide_columns(&mut w, 172.0, 4, 4);
        let t = texts(&page(w));
        let pos = |s: &str| t.iter().position(|x| x.starts_with(s)).unwrap();
        assert!(
            t.iter().all(|l| !l.contains("Headline") || l == "Headline"),
            "{t:?}"
        );
        assert!(pos("Lmid") < pos("L4a"), "{t:?}");
        assert!(pos("L7a") < pos("Headline"), "{t:?}");
    }

    #[test]
    fn running_text_set_larger_above_three_columns_is_not_cut_line_by_line() {
        // One column of 10-point text over three columns of 8.5-point text: the larger lines
        // cross the gutters of the smaller ones, but they are no headline.
        let mut w = Vec::new();
        for r in 0..8 {
            let y = 100.0 + r as f32 * 12.5;
            w.push(word(&format!("Top{r}{}", "t".repeat(40)), 50.0, y, 10.0));
            w.push(word(&"u".repeat(40), 277.0, y, 10.0));
        }
        for r in 0..20 {
            let y = 220.0 + r as f32 * 11.0;
            for (tag, x) in [("A", 50.0), ("B", 220.0), ("C", 390.0)] {
                w.push(word(&format!("{tag}{r}{}", "x".repeat(30)), x, y, 8.5));
            }
        }
        let p = page(w);
        let top: Vec<&TextBlock> = p
            .blocks
            .iter()
            .filter(|b| b.lines[0].text().starts_with("Top"))
            .collect();
        assert!(top[0].lines.len() >= 3, "{:?}", texts(&p));
        let t = texts(&p);
        let pos = |s: &str| t.iter().position(|x| x.starts_with(s)).unwrap();
        assert!(pos("Top7") < pos("A0x"), "{t:?}");
        assert!(pos("A19x") < pos("B0x"), "{t:?}");
    }

    #[test]
    fn three_columns_and_paragraph_gaps_at_the_same_height() {
        let mut w = Vec::new();
        for (tag, x) in [("A", 40.0), ("B", 220.0), ("C", 400.0)] {
            column(&mut w, &format!("{tag}x"), x, 100.0, 2);
            // The same paragraph gap in every column must not cut the page across.
            column(&mut w, &format!("{tag}y"), x, 140.0, 2);
        }
        let t = texts(&page(w));
        assert_eq!(t[0], "Ax0a Ax0b");
        assert_eq!(t[3], "Ay1a Ay1b");
        assert_eq!(t[4], "Bx0a Bx0b");
        assert_eq!(t[11], "Cy1a Cy1b");
    }

    #[test]
    fn paragraph_gaps_and_type_changes_make_blocks() {
        let mut w = Vec::new();
        let mut title = word("Headline", 50.0, 80.0, 16.0);
        title.bold = true;
        w.push(title);
        column(&mut w, "P", 50.0, 100.0, 2);
        column(&mut w, "Q", 50.0, 140.0, 2);
        let p = page(w);
        let sizes: Vec<usize> = p.blocks.iter().map(|b| b.lines.len()).collect();
        assert_eq!(sizes, [1, 2, 2]);
    }

    #[test]
    fn words_off_the_page_are_skipped_with_a_reason() {
        let p = page(vec![
            word("in", 50.0, 50.0, 10.0),
            word("out", 50.0, 900.0, 10.0),
        ]);
        assert_eq!(texts(&p), ["in"]);
        assert_eq!(p.skipped[0].reason, "off_page");
    }
}
