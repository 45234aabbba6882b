//! Dates as digests print them: English month names, weekdays, ISO and numeric forms.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

/// One date found in a line: the date and its byte range within the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FoundDate {
    pub date: Date,
    pub start: usize,
    pub end: usize,
}

const MONTH: &str = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const WEEKDAY: &str =
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+)?";

static NAMED_MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{WEEKDAY}{MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b"
    ))
    .expect("valid regex")
});
static NAMED_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{WEEKDAY}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+(?P<y>\d{{4}})\b"
    ))
    .expect("valid regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b").expect("valid regex")
});
static NUMERIC_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{WEEKDAY}(?P<d>\d{{1,2}})(?P<sep>[./-])(?P<m>\d{{1,2}})[./-](?P<y>\d{{4}})\b"
    ))
    .expect("valid regex")
});

/// True for an English month name or its abbreviation ("Jul", "Sept", "July."), in any case.
pub(crate) fn is_month_name(word: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_ascii_lowercase();
    w.len() >= 3 && MONTHS.iter().any(|m| m.starts_with(&w))
}

fn month_number(name: &str) -> Option<i8> {
    let lower = name.to_ascii_lowercase();
    let m = match lower.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn make(y: &str, m: i8, d: &str) -> Option<Date> {
    let y: i16 = y.parse().ok()?;
    let d: i8 = d.parse().ok()?;
    if !(1000..=2999).contains(&y) {
        return None;
    }
    Date::new(y, m, d).ok()
}

/// The first date in `text`, if any.
pub(crate) fn find_date(text: &str) -> Option<FoundDate> {
    // Every form has a four-digit year: most lines have none and need no regex.
    let has_year = text
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit));
    if !has_year {
        return None;
    }
    let mut best: Option<FoundDate> = None;
    let mut consider = |found: Option<FoundDate>| {
        if let Some(f) = found {
            if best.is_none_or(|b| f.start < b.start || (f.start == b.start && f.end > b.end)) {
                best = Some(f);
            }
        }
    };
    for re in [&*NAMED_MDY, &*NAMED_DMY] {
        consider(re.captures(text).and_then(|c| {
            let whole = c.get(0)?;
            let m = month_number(c.name("mon")?.as_str())?;
            let date = make(c.name("y")?.as_str(), m, c.name("d")?.as_str())?;
            Some(FoundDate {
                date,
                start: whole.start(),
                end: whole.end(),
            })
        }));
    }
    consider(ISO.captures(text).and_then(|c| {
        let whole = c.get(0)?;
        let m: i8 = c.name("m")?.as_str().parse().ok()?;
        let date = make(c.name("y")?.as_str(), m, c.name("d")?.as_str())?;
        Some(FoundDate {
            date,
            start: whole.start(),
            end: whole.end(),
        })
    }));
    consider(NUMERIC_DMY.captures(text).and_then(|c| {
        let whole = c.get(0)?;
        let a: i8 = c.name("d")?.as_str().parse().ok()?;
        let b: i8 = c.name("m")?.as_str().parse().ok()?;
        // Day first unless that cannot be (US "12/25/2017").
        let (d, m) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
        let date = make(c.name("y")?.as_str(), m, &d.to_string())?;
        Some(FoundDate {
            date,
            start: whole.start(),
            end: whole.end(),
        })
    }));
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> String {
        find_date(s).map(|f| f.date.to_string()).unwrap_or_default()
    }

    #[test]
    fn forms() {
        assert_eq!(d("August 16, 2017"), "2017-08-16");
        assert_eq!(d("Aug. 6 2017"), "2017-08-06");
        assert_eq!(d("Wed 5 Oct 2005"), "2005-10-05");
        assert_eq!(d("Wednesday, 9 February 2005"), "2005-02-09");
        assert_eq!(d("2005-01-12"), "2005-01-12");
        assert_eq!(d("10.12.2004"), "2004-12-10");
        assert_eq!(d("12/25/2017"), "2017-12-25");
        assert_eq!(d("the 3rd of March, 1999"), "1999-03-03");
        assert_eq!(d("Outlet | Sun 6 Feb 2005"), "2005-02-06");
        assert_eq!(d("no date here 2005"), "");
        assert_eq!(d("February 30, 2005"), "");
    }

    #[test]
    fn span_covers_weekday() {
        let f = find_date("Baltic Monitor, Wed 5 Oct 2005").unwrap();
        assert_eq!(
            &"Baltic Monitor, Wed 5 Oct 2005"[f.start..f.end],
            "Wed 5 Oct 2005"
        );
    }
}
