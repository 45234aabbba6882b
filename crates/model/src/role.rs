//! The role of each line of a document, as the line-role model reads it (issue #12), and what
//! becomes of a line of each role when articles are assembled.

use std::fmt;

use crate::{DropReason, Span};

/// What one line of a document is.
///
/// Metadata printed before an article's body has a head role (`Date`, `Byline`...); the same
/// metadata printed after the body, ending the article, has the `Tail*` role of the same name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// A line of an article's headline.
    Headline,
    /// The standfirst (deck, summary) under a headline: the article's subtitle.
    Standfirst,
    /// A rubric over a headline ("ANALYSIS", "Opinion | Energy", an agency's name in a gazette).
    Kicker,
    /// The article's date alone.
    Date,
    /// A dateline set apart over the body ("BRUSSELS, 5 May").
    Dateline,
    /// The article's outlet alone ("Source: The Herald" too).
    Outlet,
    /// The article's authors ("By A and B", with roles).
    Byline,
    /// Authors and outlet on one line ("By A, The Herald").
    BylineOutlet,
    /// Outlet and date on one line ("The Herald | 5 May 2005").
    OutletDate,
    /// A date printed after the body.
    TailDate,
    /// An outlet printed after the body.
    TailOutlet,
    /// Authors printed after the body ("— Jane Roe").
    TailByline,
    /// Authors and outlet printed after the body ("Jonas Moreau, Capital Observer").
    TailBylineOutlet,
    /// Outlet and date printed after the body.
    TailOutletDate,
    /// Running text of an article.
    Body,
    /// A heading inside an article (a report's "2. Background"): part of its body.
    SectionHeading,
    /// A letter's salutation ("Dear Sir,"): part of its body.
    Salutation,
    /// A letter's signature ("Yours faithfully, Jane Roe"): part of its body; names its author.
    Signature,
    /// A photo caption or credit.
    Caption,
    /// A pull quote repeating the article's text.
    PullQuote,
    /// A boxed aside that is not the article's running text.
    Sidebar,
    /// A row of a table.
    Table,
    /// A reference or bibliography entry.
    Reference,
    /// A line of a form (fields to fill in).
    Form,
    /// A line repeated at the top of pages.
    RunningHeader,
    /// A line repeated at the bottom of pages.
    RunningFooter,
    /// A page number.
    PageNumber,
    /// An article's title repeated on its continuation pages.
    RunningTitle,
    /// "Continued on page 4", "Continued from page 1".
    Continuation,
    /// The document's own title block (name, issue, date, compiler).
    Masthead,
    /// A line of a contents list.
    Contents,
    /// Anything else outside the articles: ornaments, disclaimers, stray fragments.
    Other,
}

/// What becomes of a line of a role when articles are assembled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Metadata before the body: opens an article.
    Head,
    /// The article's running text.
    Body,
    /// Metadata after the body: ends an article.
    Tail,
    /// In no article, for this reason.
    Drop(DropReason),
}

impl Role {
    /// Every role, in declaration order (the order of the model's label ids).
    pub const ALL: [Role; 32] = [
        Role::Headline,
        Role::Standfirst,
        Role::Kicker,
        Role::Date,
        Role::Dateline,
        Role::Outlet,
        Role::Byline,
        Role::BylineOutlet,
        Role::OutletDate,
        Role::TailDate,
        Role::TailOutlet,
        Role::TailByline,
        Role::TailBylineOutlet,
        Role::TailOutletDate,
        Role::Body,
        Role::SectionHeading,
        Role::Salutation,
        Role::Signature,
        Role::Caption,
        Role::PullQuote,
        Role::Sidebar,
        Role::Table,
        Role::Reference,
        Role::Form,
        Role::RunningHeader,
        Role::RunningFooter,
        Role::PageNumber,
        Role::RunningTitle,
        Role::Continuation,
        Role::Masthead,
        Role::Contents,
        Role::Other,
    ];

    /// Stable snake-case name, used in training data, the corpus and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Headline => "headline",
            Role::Standfirst => "standfirst",
            Role::Kicker => "kicker",
            Role::Date => "date",
            Role::Dateline => "dateline",
            Role::Outlet => "outlet",
            Role::Byline => "byline",
            Role::BylineOutlet => "byline_outlet",
            Role::OutletDate => "outlet_date",
            Role::TailDate => "tail_date",
            Role::TailOutlet => "tail_outlet",
            Role::TailByline => "tail_byline",
            Role::TailBylineOutlet => "tail_byline_outlet",
            Role::TailOutletDate => "tail_outlet_date",
            Role::Body => "body",
            Role::SectionHeading => "section_heading",
            Role::Salutation => "salutation",
            Role::Signature => "signature",
            Role::Caption => "caption",
            Role::PullQuote => "pull_quote",
            Role::Sidebar => "sidebar",
            Role::Table => "table",
            Role::Reference => "reference",
            Role::Form => "form",
            Role::RunningHeader => "running_header",
            Role::RunningFooter => "running_footer",
            Role::PageNumber => "page_number",
            Role::RunningTitle => "running_title",
            Role::Continuation => "continuation",
            Role::Masthead => "masthead",
            Role::Contents => "contents",
            Role::Other => "other",
        }
    }

    /// Parses [`Role::as_str`].
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The role's index in [`Role::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// What becomes of a line of this role.
    pub fn part(self) -> Part {
        use Role::*;
        match self {
            Headline | Standfirst | Kicker | Date | Dateline | Outlet | Byline | BylineOutlet
            | OutletDate => Part::Head,
            TailDate | TailOutlet | TailByline | TailBylineOutlet | TailOutletDate => Part::Tail,
            Body | SectionHeading | Salutation | Signature => Part::Body,
            Caption => Part::Drop(DropReason::Caption),
            PullQuote => Part::Drop(DropReason::PullQuote),
            Sidebar => Part::Drop(DropReason::Sidebar),
            Table => Part::Drop(DropReason::Table),
            Reference => Part::Drop(DropReason::ReferenceList),
            Form => Part::Drop(DropReason::Form),
            RunningHeader => Part::Drop(DropReason::RunningHeader),
            RunningFooter => Part::Drop(DropReason::RunningFooter),
            PageNumber => Part::Drop(DropReason::PageNumber),
            RunningTitle => Part::Drop(DropReason::RunningTitle),
            Continuation => Part::Drop(DropReason::Continuation),
            Masthead => Part::Drop(DropReason::Masthead),
            Contents => Part::Drop(DropReason::Contents),
            Other => Part::Drop(DropReason::Fragment),
        }
    }

    /// The head role a tail role mirrors (`TailDate` → `Date`); any other role as it is.
    pub fn as_head(self) -> Role {
        match self {
            Role::TailDate => Role::Date,
            Role::TailOutlet => Role::Outlet,
            Role::TailByline => Role::Byline,
            Role::TailBylineOutlet => Role::BylineOutlet,
            Role::TailOutletDate => Role::OutletDate,
            r => r,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One line of a document with the role segmentation gave it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineRole {
    /// The line's bytes in the source.
    pub span: Span,
    /// 1-based page.
    pub page: u32,
    /// The role.
    pub role: Role,
    /// The index of the article (in `Segmented::drafts`) the line belongs to, for head, body and
    /// tail lines.
    pub article: Option<usize>,
    /// The model's probability for this role, in `[0, 1]` (1 for a role a user set).
    pub prob: f32,
}

// Probabilities are finite numbers, so equality is an equivalence.
impl Eq for LineRole {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_indices_follow_all() {
        for (i, r) in Role::ALL.into_iter().enumerate() {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            assert_eq!(r.index(), i);
        }
        assert_eq!(Role::parse("nonsense"), None);
    }

    #[test]
    fn tail_roles_mirror_head_roles() {
        for r in Role::ALL {
            let head = r.as_head();
            if r.part() == Part::Tail {
                assert_eq!(head.part(), Part::Head, "{r}");
            } else {
                assert_eq!(head, r);
            }
        }
    }
}
