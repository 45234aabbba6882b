//! Dates as pages print them: ISO 8601, "March 5, 2019", "5 Mar 2019", and dates in URL paths.
//!
//! A timestamp keeps the calendar date printed in its own offset ("2019-03-05T23:30-05:00" is
//! March 5th), the date a reader of the outlet saw.

use std::sync::LazyLock;

use cuttings_model::Date;
use regex::Regex;

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\b|T)").expect("valid regex")
});
static MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
        .expect("valid regex")
});
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4})\b")
        .expect("valid regex")
});
static EURO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b").expect("valid regex"));
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-]?(\d{2})[/-]?(\d{2})(?:/|-|\.|_|$)|/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/")
        .expect("valid regex")
});

/// The first date in `s`, with its byte range in `s`.
pub fn parse(s: &str) -> Option<(Date, std::ops::Range<usize>)> {
    type Found = Option<(Date, std::ops::Range<usize>)>;
    let mut best: Found = None;
    fn consider(best: &mut Found, d: Option<Date>, r: std::ops::Range<usize>) {
        if let Some(d) = d {
            if best.as_ref().is_none_or(|(_, b)| r.start < b.start) {
                *best = Some((d, r));
            }
        }
    }
    if let Some(c) = ISO.captures(s) {
        let m = c.get(0).map(|m| m.range()).unwrap_or(0..0);
        let end = if s[..m.end].ends_with('T') {
            m.end - 1
        } else {
            m.end
        };
        consider(&mut best, ymd(&c[1], &c[2], &c[3]), m.start..end);
    }
    if let Some(c) = MDY.captures(s) {
        let m = c.get(0).map(|m| m.range()).unwrap_or(0..0);
        consider(
            &mut best,
            month(&c[1]).and_then(|mo| ymd_n(&c[3], mo, &c[2])),
            m,
        );
    }
    if let Some(c) = DMY.captures(s) {
        let m = c.get(0).map(|m| m.range()).unwrap_or(0..0);
        consider(
            &mut best,
            month(&c[2]).and_then(|mo| ymd_n(&c[3], mo, &c[1])),
            m,
        );
    }
    if best.is_none() {
        if let Some(c) = EURO.captures(s) {
            let m = c.get(0).map(|m| m.range()).unwrap_or(0..0);
            consider(&mut best, ymd(&c[3], &c[2], &c[1]), m);
        }
    }
    best
}

/// A date in a URL path (`/2019/03/05/`, `/2019-03-05-slug`, `/20190305/`), with its range.
pub fn from_url(url: &str) -> Option<(Date, std::ops::Range<usize>)> {
    let path_start = url.find("://").map(|i| i + 3).unwrap_or(0);
    let path_start = url[path_start..].find('/').map(|i| path_start + i)?;
    let path = &url[path_start..];
    for c in URL.captures_iter(path) {
        let m = c.get(0)?.range();
        let d = if c.get(1).is_some() {
            ymd(&c[1], &c[2], &c[3])
        } else {
            ymd(&c[4], &c[5], &c[6])
        };
        if let Some(d) = d {
            return Some((d, path_start + m.start + 1..path_start + m.end));
        }
    }
    None
}

fn ymd(y: &str, m: &str, d: &str) -> Option<Date> {
    let m: i8 = m.parse().ok()?;
    ymd_n(y, m, d)
}

fn ymd_n(y: &str, m: i8, d: &str) -> Option<Date> {
    let y: i16 = y.parse().ok()?;
    let d: i8 = d.parse().ok()?;
    if !(1990..=2100).contains(&y) {
        return None;
    }
    Date::new(y, m, d).ok()
}

/// Month number from an English, French, German or Spanish name or abbreviation.
fn month(name: &str) -> Option<i8> {
    let l = name.to_lowercase();
    const NAMES: &[(&str, i8)] = &[
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("may", 5),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
        ("sept", 9),
        ("janvier", 1),
        ("février", 2),
        ("fevrier", 2),
        ("mars", 3),
        ("avril", 4),
        ("mai", 5),
        ("juin", 6),
        ("juillet", 7),
        ("août", 8),
        ("aout", 8),
        ("septembre", 9),
        ("octobre", 10),
        ("novembre", 11),
        ("décembre", 12),
        ("januar", 1),
        ("februar", 2),
        ("märz", 3),
        ("juni", 6),
        ("juli", 7),
        ("oktober", 10),
        ("dezember", 12),
        ("enero", 1),
        ("febrero", 2),
        ("marzo", 3),
        ("abril", 4),
        ("mayo", 5),
        ("junio", 6),
        ("julio", 7),
        ("agosto", 8),
        ("septiembre", 9),
        ("octubre", 10),
        ("noviembre", 11),
        ("diciembre", 12),
    ];
    if let Some((_, m)) = NAMES.iter().find(|(n, _)| *n == l) {
        return Some(*m);
    }
    if l.len() == 3 {
        return NAMES[..12]
            .iter()
            .find(|(n, _)| n.starts_with(&l))
            .map(|(_, m)| *m);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse(s).map(|(d, r)| format!("{d} {}", &s[r]))
    }

    #[test]
    fn forms() {
        assert_eq!(
            d("2019-03-05T23:30:00-05:00").as_deref(),
            Some("2019-03-05 2019-03-05")
        );
        assert_eq!(
            d("Updated March 5th, 2019 at 10:00").as_deref(),
            Some("2019-03-05 March 5th, 2019")
        );
        assert_eq!(
            d("Tue, 05 Mar 2019 10:00:00 CET").as_deref(),
            Some("2019-03-05 05 Mar 2019")
        );
        assert_eq!(
            d("le 5 mars 2019").as_deref(),
            Some("2019-03-05 5 mars 2019")
        );
        assert_eq!(d("05.03.2019").as_deref(), Some("2019-03-05 05.03.2019"));
        assert_eq!(d("no date here, 12 apples"), None);
        assert_eq!(d("2019-02-30"), None);
    }

    #[test]
    fn url_dates() {
        let u = "https://example.org/news/2019/03/05/ferries-stay";
        let (date, r) = from_url(u).unwrap();
        assert_eq!(date.to_string(), "2019-03-05");
        assert_eq!(&u[r], "2019/03/05/");
        assert!(from_url("https://example.org/item/123456").is_none());
        assert_eq!(
            from_url("https://example.org/2021-11-02-title.html")
                .unwrap()
                .0
                .to_string(),
            "2021-11-02"
        );
    }
}
