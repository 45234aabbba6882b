//! Text reuse (issue #13): passages two articles share, and what the `link` stage makes of them.
//!
//! Offsets here are byte offsets into [`crate::Article::body`] (on character boundaries); the CLI
//! turns them into character offsets at the edge, as it does for names and quotations.

use std::fmt;

use crate::{ArticleId, Date, Span};

/// One passage that two articles share: where it stands in each body, and how many words match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Passage {
    /// Bytes of the first article's body.
    pub a: Span,
    /// Bytes of the second article's body.
    pub b: Span,
    /// Words aligned one to one inside the two spans (the same in both directions).
    pub words: u32,
    /// True when the passage is a quotation: fewer than the passage minimum of its words stand
    /// outside quotation marks in one of the two articles.
    pub quoted: bool,
}

/// What sort of reuse joins two articles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReuseKind {
    /// A whole-story reprint: the passages cover at least 80 % of each body.
    Reprint,
    /// Some passages outside quotations are shared, less than a whole story.
    Partial,
    /// Only quotations are shared (a widely quoted sentence, not a copied story).
    Quote,
}

impl ReuseKind {
    /// Every kind, in declaration order.
    pub const ALL: [ReuseKind; 3] = [ReuseKind::Reprint, ReuseKind::Partial, ReuseKind::Quote];

    /// Stable lower-case name: `reprint`, `partial` or `quote`.
    pub fn as_str(&self) -> &'static str {
        match self {
            ReuseKind::Reprint => "reprint",
            ReuseKind::Partial => "partial",
            ReuseKind::Quote => "quote",
        }
    }

    /// Parses [`ReuseKind::as_str`].
    pub fn parse(s: &str) -> Option<ReuseKind> {
        ReuseKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for ReuseKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Two articles that share passages.
///
/// Invariant: `a < b` (by id), passages are sorted by `a` and overlap neither in `a` nor in `b`.
#[derive(Clone, Debug, PartialEq)]
pub struct ReuseLink {
    /// The article with the smaller id.
    pub a: ArticleId,
    /// The other one.
    pub b: ArticleId,
    /// What sort of reuse.
    pub kind: ReuseKind,
    /// Words of all passages.
    pub words: u32,
    /// Share of `a`'s words inside the passages, in `[0, 1]`.
    pub share_a: f32,
    /// Share of `b`'s words inside the passages, in `[0, 1]`.
    pub share_b: f32,
    /// The passages, in the order of `a`'s body.
    pub passages: Vec<Passage>,
}

// Shares are finite numbers, so equality is an equivalence.
impl Eq for ReuseLink {}

/// The first article of a cluster, as far as the dates tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Earliest {
    /// One article is dated before all the others.
    Article(ArticleId),
    /// Several articles share the earliest date: these.
    Tie(Vec<ArticleId>),
    /// Some articles have no date, so the first cannot be told; the earliest dated ones.
    Undated(Vec<ArticleId>),
}

impl Earliest {
    /// The article known to come first, if one does.
    pub fn article(&self) -> Option<&ArticleId> {
        match self {
            Earliest::Article(id) => Some(id),
            _ => None,
        }
    }
}

/// Articles joined by reuse (reprints and partial reuse; shared quotations do not join).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReuseCluster {
    /// Stable over the same members: 16 hex digits of a hash of the sorted member ids.
    pub id: String,
    /// Members, earliest first (undated last), then by id.
    pub articles: Vec<ArticleId>,
    /// Which came first.
    pub earliest: Earliest,
    /// The earliest date of the cluster, when any member is dated.
    pub first_date: Option<Date>,
    /// True when every member has a date.
    pub dated: bool,
}
