//! Parsing the `--from` and `--to` date flags: `2017-08-16`, `2017-08` or `2017`.
//!
//! A partial date is widened to the whole month or year: `--from 2017-08` starts on August 1st and
//! `--to 2017-08` ends on August 31st, so `--from 2017 --to 2017` means "in 2017".

use anyhow::{bail, Context};
use cuttings_model::Date;

/// Which end of a range a partial date stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// The first day of the month or year.
    Start,
    /// The last day of the month or year.
    End,
}

/// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
pub fn parse(s: &str, bound: Bound) -> anyhow::Result<Date> {
    let s = s.trim();
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| -> anyhow::Result<i16> {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            bail!("invalid date {s:?}: expected YYYY-MM-DD, YYYY-MM or YYYY");
        }
        p.parse::<i16>()
            .with_context(|| format!("invalid date {s:?}: number out of range"))
    };
    let date = match parts.as_slice() {
        [y, m, d] => Date::new(num(y)?, num(m)? as i8, num(d)? as i8),
        [y, m] => {
            let first = Date::new(num(y)?, num(m)? as i8, 1);
            match bound {
                Bound::Start => first,
                Bound::End => first.map(|d| d.last_of_month()),
            }
        }
        [y] => match bound {
            Bound::Start => Date::new(num(y)?, 1, 1),
            Bound::End => Date::new(num(y)?, 12, 31),
        },
        _ => bail!("invalid date {s:?}: expected YYYY-MM-DD, YYYY-MM or YYYY"),
    };
    date.with_context(|| format!("invalid date {s:?}"))
}

/// Clap value parser for `--from`.
pub fn parse_from(s: &str) -> Result<Date, String> {
    parse(s, Bound::Start).map_err(|e| format!("{e:#}"))
}

/// Clap value parser for `--to`.
pub fn parse_to(s: &str) -> Result<Date, String> {
    parse(s, Bound::End).map_err(|e| format!("{e:#}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_and_partial_dates() {
        assert_eq!(
            parse("2017-08-16", Bound::Start).unwrap().to_string(),
            "2017-08-16"
        );
        assert_eq!(
            parse("2017-02", Bound::End).unwrap().to_string(),
            "2017-02-28"
        );
        assert_eq!(
            parse("2016-02", Bound::End).unwrap().to_string(),
            "2016-02-29"
        );
        assert_eq!(
            parse("2017-08", Bound::Start).unwrap().to_string(),
            "2017-08-01"
        );
        assert_eq!(
            parse("2017", Bound::Start).unwrap().to_string(),
            "2017-01-01"
        );
        assert_eq!(parse("2017", Bound::End).unwrap().to_string(), "2017-12-31");
    }

    #[test]
    fn bad_dates_are_errors() {
        for bad in [
            "",
            "17-8-x",
            "2017-13-01",
            "2017-02-30",
            "August 2017",
            "2017-08-16-1",
        ] {
            assert!(parse(bad, Bound::Start).is_err(), "{bad}");
        }
    }
}
