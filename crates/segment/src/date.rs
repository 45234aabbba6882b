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

/// Month names and their usual abbreviations in the languages digests clip from, lower case:
/// English, German, French, Spanish, Italian, Portuguese, Dutch, Polish (genitive forms), Turkish.
/// A table, not rules: adding a language is adding its twelve names.
const MONTHS: [&[&str]; 12] = [
    &[
        "january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen",
        "janeiro", "januari", "stycznia", "ocak",
    ],
    &[
        "february",
        "feb",
        "februar",
        "février",
        "fevrier",
        "févr",
        "fevr",
        "febrero",
        "febbraio",
        "fevereiro",
        "fev",
        "februari",
        "lutego",
        "şubat",
        "subat",
    ],
    &[
        "march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "marca",
        "mart",
    ],
    &[
        "april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "nisan",
    ],
    &[
        "may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maja", "mayıs", "mayis",
    ],
    &[
        "june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwca", "haziran",
    ],
    &[
        "july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipca",
        "temmuz",
    ],
    &[
        "august", "aug", "août", "aout", "agosto", "ago", "augustus", "sierpnia", "ağustos",
        "agustos",
    ],
    &[
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "set",
        "setembro",
        "września",
        "wrzesnia",
        "eylül",
        "eylul",
    ],
    &[
        "october",
        "oct",
        "oktober",
        "okt",
        "octobre",
        "octubre",
        "ottobre",
        "ott",
        "outubro",
        "out",
        "października",
        "pazdziernika",
        "ekim",
    ],
    &[
        "november",
        "nov",
        "novembre",
        "noviembre",
        "novembro",
        "listopada",
        "kasım",
        "kasim",
    ],
    &[
        "december",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
        "grudnia",
        "aralık",
        "aralik",
    ],
];

/// Weekday names (and abbreviations) in the same languages, lower case.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "miercoles",
    "jueves",
    "viernes",
    "sábado",
    "sabado",
    "domingo",
    "lunedì",
    "lunedi",
    "martedì",
    "martedi",
    "mercoledì",
    "mercoledi",
    "giovedì",
    "giovedi",
    "venerdì",
    "venerdi",
    "segunda-feira",
    "terça-feira",
    "quarta-feira",
    "quinta-feira",
    "sexta-feira",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];

/// An alternation of `words`, longest first, escaped.
fn alternation(words: impl Iterator<Item = &'static str>) -> String {
    let mut ws: Vec<&str> = words.collect();
    ws.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    ws.dedup();
    ws.iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

static MONTH: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?P<mon>{})\.?",
        alternation(MONTHS.iter().flat_map(|m| m.iter().copied()))
    )
});
static WEEKDAY: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:(?:{})\.?,?\s+)?",
        alternation(WEEKDAYS.iter().copied())
    )
});

static NAMED_MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{}{}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
        *WEEKDAY, *MONTH
    ))
    .expect("valid regex")
});
/// Day before month: "5 May 2005", "5. Mai 2005", "5 de mayo de 2005", "le 5 mai 2005".
static NAMED_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{}(?:le\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|\.|º|°)?\s+(?:of\s+|de\s+)?{},?\s+(?:de\s+|del\s+)?(?P<y>\d{{4}})\b",
        *WEEKDAY, *MONTH
    ))
    .expect("valid regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b").expect("valid regex")
});
static NUMERIC_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{}(?P<d>\d{{1,2}})(?P<sep>[./-])(?P<m>\d{{1,2}})[./-](?P<y>\d{{4}})\b",
        *WEEKDAY
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
    let lower = name.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&lower.as_str()))
        .map(|m| m as i8 + 1)
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
    fn other_languages() {
        assert_eq!(d("5. Mai 2005"), "2005-05-05");
        assert_eq!(d("Donnerstag, 5. Mai 2005"), "2005-05-05");
        assert_eq!(d("le 5 mai 2005"), "2005-05-05");
        assert_eq!(d("jeudi 12 février 2004"), "2004-02-12");
        assert_eq!(d("5 de mayo de 2005"), "2005-05-05");
        assert_eq!(d("5 maggio 2005"), "2005-05-05");
        assert_eq!(d("5 de maio de 2005"), "2005-05-05");
        assert_eq!(d("5 mei 2005"), "2005-05-05");
        assert_eq!(d("12 grudnia 2004"), "2004-12-12");
        assert_eq!(d("3 Ağustos 2010"), "2010-08-03");
        assert_eq!(d("1er janvier 2006"), "2006-01-01");
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
