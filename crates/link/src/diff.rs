//! Word differences between the two sides of a passage, for showing them side by side.

use cuttings_model::Span;

use crate::tokenize;

/// A stretch of a passage: the same words on both sides, or a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiffPart {
    /// Bytes of the first text (empty span when the words are only in the second).
    pub a: Span,
    /// Bytes of the second text (empty span when the words are only in the first).
    pub b: Span,
    /// True when the words are the same (after normalisation).
    pub same: bool,
}

/// The longest common subsequence of words of `a` and `b` (normalised as for linking), as
/// alternating same and changed stretches. Texts of more than 4,000 words a side are compared
/// as one change.
///
/// ```
/// let a = "the council voted to close the mine";
/// let b = "The council decided to close the mine";
/// let parts = cuttings_link::diff(a, b);
/// let changed: Vec<(&str, &str)> = parts.iter().filter(|p| !p.same)
///     .map(|p| (&a[p.a.start..p.a.end], &b[p.b.start..p.b.end])).collect();
/// assert_eq!(changed, [("voted", "decided")]);
/// ```
pub fn diff(a: &str, b: &str) -> Vec<DiffPart> {
    let ta = tokenize(a);
    let tb = tokenize(b);
    let (n, m) = (ta.len(), tb.len());
    let whole = |x: &[crate::Token]| match (x.first(), x.last()) {
        (Some(f), Some(l)) => Span::new(f.start as usize, l.end as usize),
        _ => Span::new(0, 0),
    };
    if n > 4000 || m > 4000 || n == 0 || m == 0 {
        return vec![DiffPart {
            a: whole(&ta),
            b: whole(&tb),
            same: false,
        }];
    }
    // lcs[i][j]: longest common subsequence of ta[i..] and tb[j..].
    let w = m + 1;
    let mut lcs = vec![0u16; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * w + j] = if ta[i].hash == tb[j].hash {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    // Walk it, marking each word of a and b as matched or not.
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && ta[i].hash == tb[j].hash {
            pairs.push((Some(i), Some(j)));
            i += 1;
            j += 1;
        } else if j == m || (i < n && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
            pairs.push((Some(i), None));
            i += 1;
        } else {
            pairs.push((None, Some(j)));
            j += 1;
        }
    }
    let mut out: Vec<DiffPart> = Vec::new();
    let mut pos_a = ta[0].start as usize;
    let mut pos_b = tb[0].start as usize;
    for (x, y) in pairs {
        let same = x.is_some() && y.is_some();
        let sa = x.map(|i| Span::new(ta[i].start as usize, ta[i].end as usize));
        let sb = y.map(|j| Span::new(tb[j].start as usize, tb[j].end as usize));
        let sa = sa.unwrap_or(Span::new(pos_a, pos_a));
        let sb = sb.unwrap_or(Span::new(pos_b, pos_b));
        pos_a = sa.end;
        pos_b = sb.end;
        match out.last_mut() {
            Some(last) if last.same == same => {
                last.a = if last.a.is_empty() {
                    sa
                } else {
                    last.a.cover(sa)
                };
                last.b = if last.b.is_empty() {
                    sb
                } else {
                    last.b.cover(sb)
                };
            }
            _ => out.push(DiffPart { a: sa, b: sb, same }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertions_and_deletions() {
        let a = "one two three four five";
        let b = "one two and a half three five six";
        let parts = diff(a, b);
        let show: Vec<(bool, &str, &str)> = parts
            .iter()
            .map(|p| (p.same, &a[p.a.start..p.a.end], &b[p.b.start..p.b.end]))
            .collect();
        assert_eq!(
            show,
            [
                (true, "one two", "one two"),
                (false, "", "and a half"),
                (true, "three", "three"),
                (false, "four", ""),
                (true, "five", "five"),
                (false, "", "six"),
            ]
        );
    }
}
