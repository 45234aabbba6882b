//! Drafts (what `segment` finds), articles (what `repair` makes of them) and what was dropped.

use std::fmt;

use crate::{Date, Line, LineRole, Span};

/// A metadata value with the spans of the source it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The cleaned value (e.g. an author without "By").
    pub value: String,
    /// Where it came from; more than one span when it was printed over several lines.
    pub spans: Vec<Span>,
}

impl Field {
    /// A field from one span.
    pub fn new(value: impl Into<String>, span: Span) -> Field {
        Field {
            value: value.into(),
            spans: vec![span],
        }
    }
}

/// Why a span of the source is not part of any article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DropReason {
    /// A line repeated at the top of pages (digest name, issue date).
    RunningHeader,
    /// A line repeated at the bottom of pages (disclaimers, copyright).
    RunningFooter,
    /// A page number ("3", "Page 3 of 9", "- 3 -").
    PageNumber,
    /// The digest's own title block on its first page.
    Masthead,
    /// An "In this issue" contents list.
    Contents,
    /// An article's title repeated on a continuation page or after its end.
    RunningTitle,
    /// A pull quote repeating a sentence of the body.
    PullQuote,
    /// A photo caption or credit.
    Caption,
    /// A boxed aside that is not part of the article's running text.
    Sidebar,
    /// Rules, stars and other ornaments.
    Ornament,
    /// A stray fragment of unrelated text.
    Fragment,
    /// A table (its rows are not running text).
    Table,
    /// A reference list or bibliography.
    ReferenceList,
    /// A form to fill in.
    Form,
    /// A jump line: "Continued on page 4", "Continued from page 1".
    Continuation,
}

impl DropReason {
    /// Every reason, in declaration order.
    pub const ALL: [DropReason; 15] = [
        DropReason::RunningHeader,
        DropReason::RunningFooter,
        DropReason::PageNumber,
        DropReason::Masthead,
        DropReason::Contents,
        DropReason::RunningTitle,
        DropReason::PullQuote,
        DropReason::Caption,
        DropReason::Sidebar,
        DropReason::Ornament,
        DropReason::Fragment,
        DropReason::Table,
        DropReason::ReferenceList,
        DropReason::Form,
        DropReason::Continuation,
    ];

    /// Parses [`DropReason::as_str`].
    pub fn parse(s: &str) -> Option<DropReason> {
        DropReason::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Stable snake-case name, used in the corpus and in output.
    pub fn as_str(&self) -> &'static str {
        match self {
            DropReason::RunningHeader => "running_header",
            DropReason::RunningFooter => "running_footer",
            DropReason::PageNumber => "page_number",
            DropReason::Masthead => "masthead",
            DropReason::Contents => "contents",
            DropReason::RunningTitle => "running_title",
            DropReason::PullQuote => "pull_quote",
            DropReason::Caption => "caption",
            DropReason::Sidebar => "sidebar",
            DropReason::Ornament => "ornament",
            DropReason::Fragment => "fragment",
            DropReason::Table => "table",
            DropReason::ReferenceList => "reference_list",
            DropReason::Form => "form",
            DropReason::Continuation => "continuation",
        }
    }
}

impl fmt::Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span of the source that no article keeps, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    /// The bytes dropped.
    pub span: Span,
    /// 1-based page.
    pub page: u32,
    /// Why.
    pub reason: DropReason,
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Something was probably misread.
    Warning,
}

/// A remark about bad or doubtful content; content problems are never `Err`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How bad.
    pub severity: Severity,
    /// Lower-case message without a final period.
    pub message: String,
    /// Where, when it is known.
    pub span: Option<Span>,
}

impl Diagnostic {
    /// A warning.
    pub fn warning(message: impl Into<String>, span: Option<Span>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            span,
        }
    }
}

/// One article as `segment` found it: metadata fields and the body's lines, not yet repaired.
#[derive(Clone, Debug, Default)]
pub struct ArticleDraft {
    /// Headline.
    pub title: Option<Field>,
    /// Standfirst or subtitle.
    pub subtitle: Option<Field>,
    /// Publication date of the article (never the digest's issue date).
    pub date: Option<(Date, Span)>,
    /// The outlet that published it.
    pub outlet: Option<Field>,
    /// Authors, without "By" or roles.
    pub authors: Vec<Field>,
    /// Body lines in reading order.
    pub body: Vec<Line>,
    /// Lines that were read as metadata (title, date, byline...), kept for provenance.
    pub meta_lines: Vec<Line>,
    /// First page (1-based).
    pub first_page: u32,
    /// Last page (1-based).
    pub last_page: u32,
    /// How sure segmentation is of this draft's boundaries and fields.
    pub confidence: Confidence,
}

/// How sure segmentation is of an article's boundaries and of each of its fields: estimated
/// probabilities that each is right, in `[0, 1]`.
///
/// A field that is absent has the confidence that it really is absent (a missing date the model
/// is sure of scores high). Splits the user corrected with `cuttings fix` score 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Confidence {
    /// That the article starts and ends where it does.
    pub boundary: f32,
    /// That the title is right.
    pub title: f32,
    /// That the date is right.
    pub date: f32,
    /// That the outlet is right.
    pub outlet: f32,
    /// That the authors are right.
    pub authors: f32,
}

impl Default for Confidence {
    /// Certain: what nobody had to guess (a web page's one article, a correction).
    fn default() -> Confidence {
        Confidence {
            boundary: 1.0,
            title: 1.0,
            date: 1.0,
            outlet: 1.0,
            authors: 1.0,
        }
    }
}

impl Confidence {
    /// The least of the five: how doubtful the article is as a whole.
    pub fn min(&self) -> f32 {
        self.boundary
            .min(self.title)
            .min(self.date)
            .min(self.outlet)
            .min(self.authors)
    }

    /// The five parts with their names, in a stable order: `boundary`, `title`, `date`,
    /// `outlet`, `authors`.
    pub fn parts(&self) -> [(&'static str, f32); 5] {
        [
            ("boundary", self.boundary),
            ("title", self.title),
            ("date", self.date),
            ("outlet", self.outlet),
            ("authors", self.authors),
        ]
    }

    /// The least sure part and its value (the first of equals, in the order of
    /// [`Confidence::parts`]).
    pub fn weakest(&self) -> (&'static str, f32) {
        self.parts()
            .into_iter()
            .fold(("boundary", f32::INFINITY), |best, p| {
                if p.1 < best.1 {
                    p
                } else {
                    best
                }
            })
    }
}

// Confidences are finite numbers, so equality is an equivalence.
impl Eq for Confidence {}

/// What `segment` makes of one source.
#[derive(Clone, Debug, Default)]
pub struct Segmented {
    /// Articles in reading order.
    pub drafts: Vec<ArticleDraft>,
    /// Everything that is in no article, with the reason.
    pub dropped: Vec<Dropped>,
    /// Remarks on doubtful content.
    pub diagnostics: Vec<Diagnostic>,
    /// Every line of the document in reading order with its role and article (empty when the
    /// source was not segmented line by line, as for a web page).
    pub lines: Vec<LineRole>,
}

/// Maps byte offsets of a repaired body back to the source.
///
/// A body is made of runs copied from the source plus a few inserted bytes (spaces that replace
/// line breaks, paragraph breaks, restored hyphens). Each run is `(body_start, source_start, len)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// Copied runs, sorted by `body_start`, non-overlapping.
    pub runs: Vec<(usize, usize, usize)>,
}

impl OffsetMap {
    /// Records that `len` bytes at `body_start` were copied from `source_start`.
    pub fn push(&mut self, body_start: usize, source_start: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.runs.last_mut() {
            if last.0 + last.2 == body_start && last.1 + last.2 == source_start {
                last.2 += len;
                return;
            }
        }
        self.runs.push((body_start, source_start, len));
    }

    /// The source offset of body offset `at`; inserted bytes map to the next copied byte.
    pub fn to_source(&self, at: usize) -> Option<usize> {
        let i = self.runs.partition_point(|r| r.0 + r.2 <= at);
        let run = self.runs.get(i)?;
        Some(if at >= run.0 {
            run.1 + (at - run.0)
        } else {
            run.1
        })
    }

    /// The source span covering body bytes `span`.
    pub fn span_to_source(&self, span: Span) -> Option<Span> {
        let start = self.to_source(span.start)?;
        let end = if span.end > span.start {
            self.to_source(span.end - 1)? + 1
        } else {
            start
        };
        Some(Span::new(start, end.max(start)))
    }
}

/// Stable content hash of an article: 32 lower-case hex digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// The id of an article with this body from the source with this SHA-256.
    ///
    /// The same file ingested twice gives the same ids, so nothing is added twice.
    pub fn of(source_sha256: &str, title: Option<&str>, body: &str) -> ArticleId {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(source_sha256.as_bytes());
        h.update(&[0]);
        h.update(title.unwrap_or("").as_bytes());
        h.update(&[0]);
        h.update(body.as_bytes());
        ArticleId(format!("{:032x}", h.digest128()))
    }

    /// The id of an article that correction number `correction` cut from the article with this
    /// id (the second part of a split; see `cuttings_segment::correct`).
    ///
    /// Derived, not a content hash: the part keeps it whatever else is corrected later.
    pub fn derive(&self, correction: u64) -> ArticleId {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(self.0.as_bytes());
        h.update(b"\0correction\0");
        h.update(&correction.to_le_bytes());
        ArticleId(format!("{:032x}", h.digest128()))
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What sort of piece an article is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleKind {
    /// A news or opinion article.
    Article,
    /// A letter (salutation or valediction).
    Letter,
}

impl ArticleKind {
    /// Stable lower-case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            ArticleKind::Article => "article",
            ArticleKind::Letter => "letter",
        }
    }

    /// Parses [`ArticleKind::as_str`].
    pub fn parse(s: &str) -> Option<ArticleKind> {
        match s {
            "article" => Some(ArticleKind::Article),
            "letter" => Some(ArticleKind::Letter),
            _ => None,
        }
    }
}

/// The type of a named entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation: party, company, agency, group.
    Org,
    /// A place: country, city, region.
    Place,
    /// Any other name: nationalities, events, works.
    Misc,
}

impl EntityKind {
    /// Every kind, in a stable order.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Org,
        EntityKind::Place,
        EntityKind::Misc,
    ];

    /// Stable lower-case name: `person`, `org`, `place` or `misc`.
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Org => "org",
            EntityKind::Place => "place",
            EntityKind::Misc => "misc",
        }
    }

    /// Parses [`EntityKind::as_str`].
    pub fn parse(s: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A name mentioned in an article's body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityMention {
    /// The words as printed.
    pub name: String,
    /// The entity's type.
    pub kind: EntityKind,
    /// The name the article's mentions of this entity are gathered under.
    pub canonical: String,
    /// Byte offset into [`Article::body`] (the source span follows from the body's offset map).
    pub start: usize,
    /// Byte offset one past the name.
    pub end: usize,
}

/// A direct quotation in an article's body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteMention {
    /// Who is quoted, as printed ("Axworthy", "one user"), when found.
    pub speaker: Option<String>,
    /// The canonical name of the speaker's entity, when resolved.
    pub canonical: Option<String>,
    /// The quoted words, without the quotation marks.
    pub text: String,
    /// Byte offset of the quoted words in [`Article::body`].
    pub start: usize,
    /// Byte offset one past them.
    pub end: usize,
}

/// Where an article came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRef {
    /// The source's path as given.
    pub path: String,
    /// SHA-256 of the source's bytes.
    pub sha256: String,
    /// First page (1-based).
    pub first_page: u32,
    /// Last page (1-based).
    pub last_page: u32,
}

/// The spans each field of an article came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Provenance {
    /// Title spans.
    pub title: Vec<Span>,
    /// Subtitle spans.
    pub subtitle: Vec<Span>,
    /// Date span.
    pub date: Vec<Span>,
    /// Outlet spans.
    pub outlet: Vec<Span>,
    /// One list of spans per author, in the order of `Article::authors`.
    pub authors: Vec<Vec<Span>>,
    /// The source lines the body was made from.
    pub body: Vec<Span>,
    /// Body offsets back to source offsets.
    pub body_map: OffsetMap,
    /// Where each field was printed, for sources read with boxes (PDF); empty otherwise.
    pub boxes: Vec<FieldBox>,
}

/// Which field of an article a [`FieldBox`] belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BoxField {
    /// The headline.
    Title,
    /// The standfirst.
    Subtitle,
    /// The date.
    Date,
    /// The outlet.
    Outlet,
    /// An author (the byline).
    Author,
    /// A line of the body.
    Body,
}

impl BoxField {
    /// Every field, in declaration order.
    pub const ALL: [BoxField; 6] = [
        BoxField::Title,
        BoxField::Subtitle,
        BoxField::Date,
        BoxField::Outlet,
        BoxField::Author,
        BoxField::Body,
    ];

    /// Stable lower-case name, used in the corpus and in output.
    pub fn as_str(&self) -> &'static str {
        match self {
            BoxField::Title => "title",
            BoxField::Subtitle => "subtitle",
            BoxField::Date => "date",
            BoxField::Outlet => "outlet",
            BoxField::Author => "author",
            BoxField::Body => "body",
        }
    }

    /// Parses [`BoxField::as_str`].
    pub fn parse(s: &str) -> Option<BoxField> {
        BoxField::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// Where a field of an article was printed: one box per printed line it came from.
///
/// Coordinates are PDF points from the page's top-left corner, `y` growing down, as in
/// [`crate::LineBox`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FieldBox {
    /// The field.
    pub field: BoxField,
    /// 1-based page.
    pub page: u32,
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

// Boxes are made from finite coordinates only, so equality is an equivalence.
impl Eq for FieldBox {}

/// A finished article: clean text, metadata and provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// Stable content hash.
    pub id: ArticleId,
    /// Headline.
    pub title: Option<String>,
    /// Standfirst or subtitle.
    pub subtitle: Option<String>,
    /// Publication date.
    pub date: Option<Date>,
    /// Publishing outlet.
    pub outlet: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// ISO 639-1 code of the body's language, when detected.
    pub language: Option<String>,
    /// Clean text; paragraphs separated by one blank line.
    pub body: String,
    /// What sort of piece.
    pub kind: ArticleKind,
    /// Where it came from.
    pub source: SourceRef,
    /// Spans of every field.
    pub provenance: Provenance,
    /// Names mentioned in the body, in body order.
    pub entities: Vec<EntityMention>,
    /// Direct quotations in the body, in body order.
    pub quotes: Vec<QuoteMention>,
    /// How sure segmentation is of the article's boundaries and fields: `None` for an article
    /// that was not cut from a document of several (a web page), and for corpora written before
    /// confidences were stored.
    pub confidence: Option<Confidence>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_map_round_trip() {
        // body "ab cd" from source "ab\ncd": run 0..2 <- 0, run 3..5 <- 3
        let mut m = OffsetMap::default();
        m.push(0, 0, 2);
        m.push(3, 3, 2);
        assert_eq!(m.to_source(1), Some(1));
        assert_eq!(m.to_source(2), Some(3)); // inserted space maps forward
        assert_eq!(m.to_source(4), Some(4));
        assert_eq!(m.to_source(5), None);
        assert_eq!(m.span_to_source(Span::new(0, 5)), Some(Span::new(0, 5)));
    }

    #[test]
    fn offset_map_merges_adjacent_runs() {
        let mut m = OffsetMap::default();
        m.push(0, 10, 2);
        m.push(2, 12, 3);
        assert_eq!(m.runs, vec![(0, 10, 5)]);
    }

    #[test]
    fn the_weakest_part_of_a_confidence() {
        let c = Confidence {
            date: 0.4,
            authors: 0.4,
            outlet: 0.7,
            ..Confidence::default()
        };
        assert_eq!(c.weakest(), ("date", 0.4));
        assert_eq!(c.min(), 0.4);
        assert_eq!(Confidence::default().weakest(), ("boundary", 1.0));
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = ArticleId::of("abc", Some("T"), "body");
        assert_eq!(a, ArticleId::of("abc", Some("T"), "body"));
        assert_ne!(a, ArticleId::of("abd", Some("T"), "body"));
        assert_eq!(a.0.len(), 32);
        let d = a.derive(3);
        assert_eq!(d, a.derive(3));
        assert_ne!(d, a.derive(4));
        assert_ne!(d, a);
        assert_eq!(d.0.len(), 32);
    }
}
