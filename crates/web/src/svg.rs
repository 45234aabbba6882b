//! Charts and networks drawn here as SVG, so that pages need no script: a bar chart of counts
//! per month, rows of such bars for several series, and a network of named nodes.
//!
//! Labels come from the corpus and are escaped by `maud` like every other value.

use maud::{html, Markup};

use crate::render::{clean, num};

/// Every month from the first to the last of `counts` (`YYYY-MM`), with zero for those missing.
pub fn fill_months(counts: &[(String, u64)]) -> Vec<(String, u64)> {
    let parse = |m: &str| -> Option<(i32, u32)> {
        let (y, mo) = m.split_once('-')?;
        Some((y.parse().ok()?, mo.parse().ok()?))
    };
    let mut known: Vec<((i32, u32), u64)> = counts
        .iter()
        .filter_map(|(m, n)| parse(m).map(|k| (k, *n)))
        .filter(|((_, m), _)| (1..=12).contains(m))
        .collect();
    known.sort();
    let (Some(first), Some(last)) = (known.first().map(|k| k.0), known.last().map(|k| k.0)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut y, mut m) = first;
    let mut i = 0;
    // A corpus spans decades at most; the cap keeps a stray year 1 from drawing 24,000 bars.
    while (y, m) <= last && out.len() < 1200 {
        let mut n = 0;
        while i < known.len() && known[i].0 == (y, m) {
            n += known[i].1;
            i += 1;
        }
        out.push((format!("{y:04}-{m:02}"), n));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// A bar chart of counts per month: `title` says what is counted.
pub fn month_bars(title: &str, counts: &[(String, u64)]) -> Markup {
    let months = fill_months(counts);
    let (w, h, left, bottom) = (640.0_f64, 180.0_f64, 36.0_f64, 22.0_f64);
    let max = months.iter().map(|m| m.1).max().unwrap_or(0).max(1);
    let step = (w - left) / months.len().max(1) as f64;
    let plot = h - bottom - 8.0;
    html! {
        svg.chart viewBox={"0 0 " (w) " " (h)} role="img" aria-label=(title) xmlns="http://www.w3.org/2000/svg" {
            title { (title) }
            line x1=(left) y1=(h - bottom) x2=(w) y2=(h - bottom) stroke="#888" {}
            text x="2" y="14" font-size="11" { (num(max)) }
            text x="2" y=(h - bottom) font-size="11" { "0" }
            @for (i, (month, n)) in months.iter().enumerate() {
                @let bh = plot * (*n as f64) / (max as f64);
                @let x = left + step * i as f64;
                rect.bar x=(fmt(x + step * 0.1)) y=(fmt(h - bottom - bh)) width=(fmt((step * 0.8).max(0.5))) height=(fmt(bh)) {
                    title { (month) ": " (num(*n)) }
                }
            }
            @if let (Some(first), Some(last)) = (months.first(), months.last()) {
                text x=(left) y=(h - 6.0) font-size="11" { (first.0) }
                text x=(w) y=(h - 6.0) font-size="11" text-anchor="end" { (last.0) }
            }
        }
    }
}

/// Rows of month bars on one shared time axis, one row per series (`(label, counts)`).
pub fn month_rows(title: &str, rows: &[(String, Vec<(String, u64)>)]) -> Markup {
    let all: Vec<(String, u64)> = rows.iter().flat_map(|r| r.1.iter().cloned()).collect();
    let months: Vec<String> = fill_months(&all).into_iter().map(|m| m.0).collect();
    let (w, row_h, left) = (640.0_f64, 26.0_f64, 170.0_f64);
    let h = row_h * rows.len() as f64 + 24.0;
    let step = (w - left) / months.len().max(1) as f64;
    let at: std::collections::HashMap<&str, usize> = months
        .iter()
        .enumerate()
        .map(|(i, m)| (m.as_str(), i))
        .collect();
    html! {
        svg.chart viewBox={"0 0 " (w) " " (h)} role="img" aria-label=(title) xmlns="http://www.w3.org/2000/svg" {
            title { (title) }
            @for (r, (label, counts)) in rows.iter().enumerate() {
                @let y0 = row_h * r as f64;
                @let max = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1);
                text x="0" y=(fmt(y0 + row_h * 0.65)) font-size="11" { (short(label, 26)) }
                line x1=(left) y1=(fmt(y0 + row_h - 2.0)) x2=(w) y2=(fmt(y0 + row_h - 2.0)) stroke="#ddd" {}
                @for (month, n) in counts {
                    @if let Some(&i) = at.get(month.as_str()) {
                        @let bh = (row_h - 6.0) * (*n as f64) / (max as f64);
                        rect.bar x=(fmt(left + step * i as f64)) y=(fmt(y0 + row_h - 2.0 - bh)) width=(fmt((step * 0.85).max(0.5))) height=(fmt(bh)) {
                            title { (label) ", " (month) ": " (num(*n)) }
                        }
                    }
                }
            }
            @if let (Some(first), Some(last)) = (months.first(), months.last()) {
                text x=(left) y=(fmt(h - 6.0)) font-size="11" { (first) }
                text x=(w) y=(fmt(h - 6.0)) font-size="11" text-anchor="end" { (last) }
            }
        }
    }
}

/// A node of a network: its label, a class for its colour, its weight and where it links.
pub struct Node {
    /// The label.
    pub label: String,
    /// A CSS class (`person`, `org`, `place`, `misc`, `outlet`).
    pub class: String,
    /// Its size.
    pub weight: u64,
    /// The page it links to.
    pub href: String,
}

/// An edge between nodes `from` and `to` (indexes), with a weight; `directed` draws an arrow.
pub struct Edge {
    /// Index of the first node.
    pub from: usize,
    /// Index of the second node.
    pub to: usize,
    /// Its thickness.
    pub weight: u64,
    /// Drawn with an arrow from `from` to `to`.
    pub directed: bool,
}

/// A network on a circle (the first node in the middle when `centred`), labels outside.
pub fn network(title: &str, nodes: &[Node], edges: &[Edge], centred: bool) -> Markup {
    let (w, h) = (640.0_f64, 480.0_f64);
    let (cx, cy, radius) = (w / 2.0, h / 2.0, 170.0_f64);
    let ring = if centred {
        nodes.len().saturating_sub(1)
    } else {
        nodes.len()
    };
    let pos: Vec<(f64, f64)> = (0..nodes.len())
        .map(|i| {
            if centred && i == 0 {
                return (cx, cy);
            }
            let k = if centred { i - 1 } else { i };
            let a =
                std::f64::consts::TAU * k as f64 / ring.max(1) as f64 - std::f64::consts::FRAC_PI_2;
            (cx + radius * a.cos(), cy + radius * a.sin())
        })
        .collect();
    let max_node = nodes.iter().map(|n| n.weight).max().unwrap_or(1).max(1) as f64;
    let max_edge = edges.iter().map(|e| e.weight).max().unwrap_or(1).max(1) as f64;
    let size = |n: &Node| 5.0 + 13.0 * (n.weight as f64 / max_node).sqrt();
    html! {
        svg.chart.network viewBox={"0 0 " (w) " " (h)} role="img" aria-label=(title) xmlns="http://www.w3.org/2000/svg" {
            title { (title) }
            defs {
                marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse" {
                    path d="M 0 0 L 10 5 L 0 10 z" fill="#555" {}
                }
            }
            @for e in edges {
                @if let (Some(&(x1, y1)), Some(&(x2, y2)), Some(target)) = (pos.get(e.from), pos.get(e.to), nodes.get(e.to)) {
                    // Stop an arrow at the edge of its target's circle.
                    @let (dx, dy) = (x2 - x1, y2 - y1);
                    @let len = (dx * dx + dy * dy).sqrt().max(1.0);
                    @let cut = if e.directed { size(target) + 2.0 } else { 0.0 };
                    line.edge x1=(fmt(x1)) y1=(fmt(y1)) x2=(fmt(x2 - dx / len * cut)) y2=(fmt(y2 - dy / len * cut))
                        stroke-width=(fmt(0.8 + 5.0 * e.weight as f64 / max_edge))
                        marker-end=[e.directed.then_some("url(#arrow)")] {
                        title { (nodes[e.from].label) (if e.directed { " → " } else { " – " }) (target.label) ": " (num(e.weight)) }
                    }
                }
            }
            @for (n, &(x, y)) in nodes.iter().zip(&pos) {
                a href=(n.href) {
                    circle class={"node " (n.class)} cx=(fmt(x)) cy=(fmt(y)) r=(fmt(size(n))) {
                        title { (n.label) ": " (num(n.weight)) }
                    }
                    @let anchor = if (x - cx).abs() < 1.0 { "middle" } else if x > cx { "start" } else { "end" };
                    @let dx = if anchor == "start" { size(n) + 3.0 } else if anchor == "end" { -size(n) - 3.0 } else { 0.0 };
                    @let dy = if anchor == "middle" { -size(n) - 4.0 } else { 4.0 };
                    text x=(fmt(x + dx)) y=(fmt(y + dy)) font-size="12" text-anchor=(anchor) { (short(&n.label, 28)) }
                }
            }
        }
    }
}

fn fmt(v: f64) -> String {
    format!("{:.1}", if v.is_finite() { v } else { 0.0 })
}

/// At most `max` characters, with an ellipsis, control characters replaced.
pub(crate) fn short(s: &str, max: usize) -> String {
    let s = clean(s);
    if s.chars().count() <= max {
        s
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_filled_between_first_and_last() {
        let m = fill_months(&[
            ("2017-11".into(), 2),
            ("2018-02".into(), 1),
            ("junk".into(), 9),
        ]);
        let names: Vec<&str> = m.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, ["2017-11", "2017-12", "2018-01", "2018-02"]);
        assert_eq!(m.iter().map(|x| x.1).sum::<u64>(), 3);
    }

    #[test]
    fn charts_escape_labels() {
        let svg = month_bars("<x>", &[("2017-01".into(), 3)]).0;
        assert!(svg.contains("&lt;x&gt;") && !svg.contains("<x>"));
        let nodes = vec![
            Node {
                label: "<script>".into(),
                class: "org".into(),
                weight: 3,
                href: "/entities/a".into(),
            },
            Node {
                label: "B".into(),
                class: "person".into(),
                weight: 1,
                href: "/entities/b".into(),
            },
        ];
        let edges = vec![Edge {
            from: 0,
            to: 1,
            weight: 2,
            directed: true,
        }];
        let svg = network("n", &nodes, &edges, true).0;
        assert!(!svg.contains("<script>") && svg.contains("&lt;script&gt;"));
        assert_eq!(svg.matches("<circle").count(), 2);
        assert_eq!(svg.matches("<line").count(), 1);
    }
}
