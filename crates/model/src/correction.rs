//! The users' corrections of segmentation (`cuttings fix`, issue #12), anchored in the source
//! rather than in article ids, so that they apply again whenever the source is segmented again.
//!
//! Article ids are content hashes and change with a title or a body; byte offsets into
//! [`crate::Source::text`] do not (the text is immutable, and a file is known by its SHA-256).
//! A correction names its article by a byte offset inside one of the article's lines, and
//! `cuttings_segment::correct::apply` finds the draft holding that offset in a fresh
//! [`crate::Segmented`].

use std::fmt;

use crate::Date;

/// One correction of one article, as a user made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    /// Its number in the corpus's correction log (from 1); corrections apply in this order.
    pub number: u64,
    /// A byte offset into the source's text inside a line of the article it corrects.
    pub anchor: usize,
    /// What it changes.
    pub change: Change,
}

/// What a [`Correction`] changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A field takes a value the user typed (or is cleared); the value has no source span.
    Set(FieldValue),
    /// The article is cut in two before the line holding byte `at`, which opens the second
    /// article as its headline.
    Split {
        /// A byte offset inside the line that starts the second article.
        at: usize,
    },
    /// The article and the one holding byte `with` (the next or the previous one in reading
    /// order) are one article.
    Merge {
        /// A byte offset inside a line of the other article.
        with: usize,
    },
}

/// A field's new value (`None` or an empty list: cleared).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldValue {
    /// The headline.
    Title(Option<String>),
    /// The standfirst.
    Subtitle(Option<String>),
    /// The article's date.
    Date(Option<Date>),
    /// The outlet.
    Outlet(Option<String>),
    /// The authors, in order.
    Authors(Vec<String>),
}

impl FieldValue {
    /// The names of the fields a user can set, in the order of the output contract.
    pub const FIELDS: [&'static str; 5] = ["title", "subtitle", "date", "outlet", "authors"];

    /// The field's stable lower-case name (one of [`FieldValue::FIELDS`]).
    pub fn field(&self) -> &'static str {
        match self {
            FieldValue::Title(_) => "title",
            FieldValue::Subtitle(_) => "subtitle",
            FieldValue::Date(_) => "date",
            FieldValue::Outlet(_) => "outlet",
            FieldValue::Authors(_) => "authors",
        }
    }

    /// True when the value clears the field.
    pub fn is_cleared(&self) -> bool {
        match self {
            FieldValue::Title(v) | FieldValue::Subtitle(v) | FieldValue::Outlet(v) => v.is_none(),
            FieldValue::Date(d) => d.is_none(),
            FieldValue::Authors(a) => a.is_empty(),
        }
    }
}

impl fmt::Display for FieldValue {
    /// The value as a user reads it: the text, the date, the authors joined with `; `, or
    /// nothing when cleared.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Title(v) | FieldValue::Subtitle(v) | FieldValue::Outlet(v) => {
                f.write_str(v.as_deref().unwrap_or(""))
            }
            FieldValue::Date(d) => match d {
                Some(d) => write!(f, "{d}"),
                None => Ok(()),
            },
            FieldValue::Authors(a) => f.write_str(&a.join("; ")),
        }
    }
}

impl Change {
    /// Stable lower-case name of the kind of change: `set`, `split` or `merge`.
    pub fn action(&self) -> &'static str {
        match self {
            Change::Set(_) => "set",
            Change::Split { .. } => "split",
            Change::Merge { .. } => "merge",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_name_their_field_and_print_as_typed() {
        let authors = FieldValue::Authors(vec!["Ann Smith".into(), "Bo Li".into()]);
        assert_eq!(authors.field(), "authors");
        assert_eq!(authors.to_string(), "Ann Smith; Bo Li");
        let date = FieldValue::Date(Some(Date::constant(2020, 11, 4)));
        assert_eq!(date.to_string(), "2020-11-04");
        assert!(!date.is_cleared());
        assert!(FieldValue::Title(None).is_cleared());
        assert!(FieldValue::Authors(Vec::new()).is_cleared());
        for v in [
            FieldValue::Title(None),
            FieldValue::Subtitle(None),
            FieldValue::Date(None),
            FieldValue::Outlet(None),
            authors,
        ] {
            assert!(FieldValue::FIELDS.contains(&v.field()));
        }
        assert_eq!(Change::Split { at: 3 }.action(), "split");
    }
}
