//! Which tool produced a text dump, from statistics of its lines (never from its words).

use cuttings_model::Flavor;

use crate::phys::Phys;

/// Counts over the physical lines that tell the producers apart.
#[derive(Clone, Copy, Debug, Default)]
struct Stats {
    form_feeds: usize,
    nonblank: usize,
    /// Lines ending in white space.
    trailing: usize,
    /// Lines starting with white space.
    leading: usize,
    /// Lines starting with exactly one space then text (Seedlike page marks).
    one_space: usize,
    /// Lines with a run of 3+ spaces or a tab between text (side-by-side columns).
    gutters: usize,
    /// A line ending `letter-` followed by a line starting in lower case.
    hyphen_breaks: usize,
}

fn stats(text: &str, lines: &[Phys]) -> Stats {
    let mut s = Stats {
        form_feeds: memchr::memchr_iter(b'\x0c', text.as_bytes()).count(),
        ..Stats::default()
    };
    let mut prev_hyphen = false;
    for l in lines {
        let line = &text[l.start..l.end];
        let body = line.trim();
        if body.is_empty() {
            continue;
        }
        s.nonblank += 1;
        if prev_hyphen && body.starts_with(|c: char| c.is_lowercase()) {
            s.hyphen_breaks += 1;
        }
        let mut tail = body.chars().rev();
        prev_hyphen = tail.next() == Some('-') && tail.next().is_some_and(|c| c.is_alphabetic());
        if line.ends_with(char::is_whitespace) {
            s.trailing += 1;
        }
        if line.starts_with(char::is_whitespace) {
            s.leading += 1;
            let b = line.as_bytes();
            if b[0] == b' ' && b.get(1).is_some_and(|c| !c.is_ascii_whitespace()) {
                s.one_space += 1;
            }
        }
        if body.contains("   ") || body.contains('\t') {
            s.gutters += 1;
        }
    }
    s
}

/// Detects the producer of `text` split into `lines`.
pub(crate) fn flavor(text: &str, lines: &[Phys]) -> Flavor {
    let s = stats(text, lines);
    let n = s.nonblank.max(1);
    let percent = |k: usize| k * 100 / n;
    if s.form_feeds == 0
        && (percent(s.trailing) >= 10 || (s.one_space >= 2 && s.leading <= 2 * s.one_space))
    {
        return Flavor::Seedlike;
    }
    if percent(s.gutters) >= 5
        || (s.form_feeds > 0 && (percent(s.leading) >= 2 || percent(s.hyphen_breaks) >= 2))
    {
        return Flavor::Layout;
    }
    if s.form_feeds > 0 {
        return Flavor::Raw;
    }
    Flavor::Plain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phys::scan;

    fn detect(text: &str) -> Flavor {
        flavor(text, &scan(text).0)
    }

    #[test]
    fn raw_has_form_feeds_and_no_hyphens() {
        let t = "Head line\nA joined line that goes on well past the column width here\n\x0cNext\n";
        assert_eq!(detect(t), Flavor::Raw);
    }

    #[test]
    fn layout_has_gutters() {
        let t = "One left line      One right line\nTwo left line      Two right line\n\x0c";
        assert_eq!(detect(t), Flavor::Layout);
    }

    #[test]
    fn seedlike_has_trailing_spaces_and_no_form_feeds() {
        let t = "Text of a pa-\nragraph here \n 2 May 2005 \nMore text \n";
        assert_eq!(detect(t), Flavor::Seedlike);
    }

    #[test]
    fn plain_is_the_rest() {
        assert_eq!(
            detect("Just text.\n\nMore text, hy-\nphenated.\n"),
            Flavor::Plain
        );
    }
}
