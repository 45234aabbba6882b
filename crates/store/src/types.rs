//! The values the corpus takes in and hands back: file records, filters, search results, stats.

use std::ops::Range;

use cuttings_model::{
    Article, Change, Confidence, Correction, Date, Diagnostic, Dropped, FieldValue, LineRole,
};

/// One ingested input file, as the corpus remembers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRecord {
    /// The path as the user gave it.
    pub path: String,
    /// Lower-case hex SHA-256 of the raw bytes; a file is ingested once per hash.
    pub sha256: String,
    /// The encoding it was decoded from.
    pub encoding: String,
    /// The dump flavor `read` detected, if any.
    pub flavor: Option<String>,
    /// Number of pages.
    pub pages: u32,
    /// Size in bytes.
    pub bytes: u64,
}

/// Everything the pipeline made of one file, owned, for [`crate::Corpus::ingest_batch`].
#[derive(Clone, Debug)]
pub struct FileIngest {
    /// The file.
    pub file: FileRecord,
    /// Its articles in reading order.
    pub articles: Vec<Article>,
    /// Furniture dropped from it.
    pub dropped: Vec<Dropped>,
    /// Remarks on its content.
    pub diagnostics: Vec<Diagnostic>,
    /// Every line with its role, in reading order, `article` indexing `articles` (empty when
    /// the pipeline gave none, as for web pages). Stored compactly, one blob per source.
    pub lines: Vec<LineRole>,
}

/// Where a writer's ingest time went (see `Corpus::timings`); for benchmarks.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Timings {
    /// Writing records (SQLite transactions).
    pub records: std::time::Duration,
    /// Handing documents to the index writer (waits when its threads are behind).
    pub index_add: std::time::Duration,
    /// Index commits (including the indexing still queued when they start).
    pub index_commit: std::time::Duration,
    /// Number of index commits.
    pub commits: usize,
    /// Marking committed articles as indexed.
    pub mark_indexed: std::time::Duration,
}

/// What one ingest did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IngestOutcome {
    /// Articles added.
    pub added: usize,
    /// Articles that were already in the corpus (same file, or same id).
    pub already_present: usize,
}

impl std::ops::AddAssign for IngestOutcome {
    fn add_assign(&mut self, other: IngestOutcome) {
        self.added += other.added;
        self.already_present += other.already_present;
    }
}

/// An article with what the corpus knows about its source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredArticle {
    /// The article, exactly as ingested.
    pub article: Article,
    /// Furniture dropped from its source file (the whole file, in source order).
    pub dropped: Vec<Dropped>,
    /// Its source file.
    pub file: FileRecord,
}

/// Restricts [`crate::Corpus::articles`] and [`crate::Corpus::search`]; `None` means any.
///
/// Outlet and author match whole names, ignoring case and runs of white space.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// A source path (exact), or a prefix of at least 4 hex digits of its SHA-256.
    pub source: Option<String>,
    /// Outlet name.
    pub outlet: Option<String>,
    /// One of the authors.
    pub author: Option<String>,
    /// Earliest date (inclusive); undated articles never pass a date bound.
    pub from: Option<Date>,
    /// Latest date (inclusive).
    pub to: Option<Date>,
}

/// The answer to a search.
#[derive(Clone, Debug, Default)]
pub struct SearchResults {
    /// How many articles match in all.
    pub total: usize,
    /// The best `limit` of them, best first.
    pub hits: Vec<Hit>,
    /// Counts over all matching articles.
    pub facets: Facets,
}

/// One matching article.
#[derive(Clone, Debug)]
pub struct Hit {
    /// The article.
    pub article: Article,
    /// Relevance (BM25); only comparable within one search; 0 when sorted by date.
    pub score: f32,
    /// With [`Page::collapse_reprints`]: how many articles print this story (1 when it is not
    /// reprinted); otherwise `None`.
    pub printed: Option<u64>,
    /// A passage of the body around the matches.
    pub snippet: Snippet,
}

/// A passage of text with the matching words marked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The passage (a substring of the body).
    pub text: String,
    /// Byte ranges in `text` of the words that matched, sorted, non-overlapping.
    pub highlights: Vec<Range<usize>>,
}

/// Counts of matching articles per value, highest count first, then by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    /// Per outlet.
    pub outlet: Vec<(String, u64)>,
    /// Per author.
    pub author: Vec<(String, u64)>,
    /// Per year (`"2017"`).
    pub year: Vec<(String, u64)>,
    /// Per month (`"2017-08"`).
    pub month: Vec<(String, u64)>,
    /// Matching articles per entity named in them (shown name), most first.
    pub entity: Vec<(String, u64)>,
    /// Per language code (`"en"`).
    pub language: Vec<(String, u64)>,
    /// Per kind (`"article"`, `"letter"`).
    pub kind: Vec<(String, u64)>,
}

/// The order of search hits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first (BM25).
    #[default]
    Relevance,
    /// Latest date first; undated articles last.
    Newest,
    /// Earliest date first; undated articles last.
    Oldest,
}

/// Which hits of a search to return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    /// Hits to skip (in the chosen order).
    pub offset: usize,
    /// Hits to return at most.
    pub limit: usize,
    /// The order.
    pub sort: Sort,
    /// Count each reprint group (see [`crate::Corpus::reprint_heads`]) once, shown by its
    /// earliest article when that matches, else its best match; `total` then counts groups.
    pub collapse_reprints: bool,
}

impl Page {
    /// The first `limit` hits by relevance.
    pub fn first(limit: usize) -> Page {
        Page {
            offset: 0,
            limit,
            sort: Sort::Relevance,
            collapse_reprints: false,
        }
    }
}

/// Totals over the whole corpus.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Articles.
    pub articles: u64,
    /// Source files.
    pub sources: u64,
    /// Articles per outlet, highest count first.
    pub by_outlet: Vec<(String, u64)>,
    /// Articles per author, highest count first.
    pub by_author: Vec<(String, u64)>,
    /// Articles per month (`"2017-08"`), in calendar order.
    pub by_month: Vec<(String, u64)>,
    /// Dropped spans per reason (`"running_header"`), highest count first.
    pub dropped_by_reason: Vec<(String, u64)>,
    /// Warnings as `(source path, message)`, in ingest order.
    pub warnings: Vec<(String, String)>,
    /// Articles without a date.
    pub undated: u64,
    /// Articles without an outlet.
    pub no_outlet: u64,
}

/// One entity of the corpus: its mentions gathered by canonical name (any case) and type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityCount {
    /// The canonical name (its most frequent spelling).
    pub name: String,
    /// The entity's type.
    pub kind: cuttings_model::EntityKind,
    /// How many times it is mentioned.
    pub mentions: u64,
    /// In how many articles.
    pub articles: u64,
}

/// One quotation of the corpus, with the article it is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteRecord {
    /// The article's id.
    pub article_id: String,
    /// The article's title.
    pub title: Option<String>,
    /// The article's date.
    pub date: Option<cuttings_model::Date>,
    /// The article's outlet.
    pub outlet: Option<String>,
    /// The quotation.
    pub quote: cuttings_model::QuoteMention,
}

/// The names of one entity (`Corpus::entity_names`): the quick part of an [`EntityReport`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityNames {
    /// The canonical name printed most often.
    pub name: String,
    /// The type given most often.
    pub kind: cuttings_model::EntityKind,
    /// Every form it is mentioned under, with how many times, most frequent first.
    pub aliases: Vec<(String, u64)>,
    /// All mentions.
    pub mentions: u64,
    /// Articles that mention it.
    pub articles: u64,
}

/// Everything the corpus says of one entity (`Corpus::entity`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityReport {
    /// The canonical name printed most often.
    pub name: String,
    /// The type given most often.
    pub kind: cuttings_model::EntityKind,
    /// Every form it is mentioned under, with how many times, most frequent first.
    pub aliases: Vec<(String, u64)>,
    /// All mentions.
    pub mentions: u64,
    /// Articles that mention it.
    pub articles: u64,
    /// Articles per outlet (`None`: no outlet), most first.
    pub outlets: Vec<(Option<String>, u64)>,
    /// Articles per month (`YYYY-MM`), in order; undated articles left out.
    pub months: Vec<(String, u64)>,
    /// Other entities named in the same articles: name, type, shared articles; most first.
    pub co_mentions: Vec<(String, cuttings_model::EntityKind, u64)>,
    /// Its direct quotations, newest article first.
    pub quotes: Vec<QuoteRecord>,
}

/// What a user decided about the names of entities (`cuttings alias`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AliasAction {
    /// The entity named `name` and the entity named `target` are one; `target`'s name is kept.
    Merge,
    /// Mentions under the name `name` are an entity of their own.
    Split,
    /// The entity named `name` is shown as `target`.
    Rename,
    /// Change number `target` no longer applies.
    Undo,
}

impl AliasAction {
    /// Stable lower-case name, as stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            AliasAction::Merge => "merge",
            AliasAction::Split => "split",
            AliasAction::Rename => "rename",
            AliasAction::Undo => "undo",
        }
    }

    /// The action a stored name stands for.
    pub fn parse(s: &str) -> Option<AliasAction> {
        [
            AliasAction::Merge,
            AliasAction::Split,
            AliasAction::Rename,
            AliasAction::Undo,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }
}

/// One logged alias decision. Decisions are never deleted: an undo is a change of its own that
/// makes an earlier one inactive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliasChange {
    /// Its number in the log (from 1).
    pub id: i64,
    /// When it was made (RFC 3339, UTC).
    pub time: String,
    /// What was decided.
    pub action: AliasAction,
    /// The name it is about.
    pub name: String,
    /// The other name (merge: the entity joined; rename: the new name; undo: the change undone).
    pub target: Option<String>,
    /// Why, as the user said.
    pub reason: Option<String>,
    /// True while it applies (false once undone).
    pub active: bool,
}

/// An article whose segmentation is doubtful (`Corpus::doubtful`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doubtful {
    /// The article's id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// How sure segmentation was of it.
    pub confidence: Confidence,
}

/// What a logged correction does (`cuttings fix`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CorrectionAction {
    /// A field takes a typed value (or is cleared).
    Set,
    /// The article is cut in two before a line of its body.
    Split,
    /// The article and the next (or previous) one are one.
    Merge,
    /// An earlier correction no longer applies.
    Undo,
}

impl CorrectionAction {
    /// Stable lower-case name, as stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            CorrectionAction::Set => "set",
            CorrectionAction::Split => "split",
            CorrectionAction::Merge => "merge",
            CorrectionAction::Undo => "undo",
        }
    }

    /// The action a stored name stands for.
    pub fn parse(s: &str) -> Option<CorrectionAction> {
        [
            CorrectionAction::Set,
            CorrectionAction::Split,
            CorrectionAction::Merge,
            CorrectionAction::Undo,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }
}

/// One logged correction of the segmentation. Corrections are never deleted: an undo is a
/// correction of its own that makes an earlier one inactive.
///
/// The article is named by its source and an *anchor*, a byte offset of one of its lines in
/// the source's decoded text, not by its id: ids are content hashes, and the anchor finds the
/// article again whenever the source is segmented again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorrectionRecord {
    /// Its number in the log (from 1).
    pub id: i64,
    /// When it was made (RFC 3339, UTC); set by the store.
    pub time: String,
    /// The SHA-256 of the article's source.
    pub source: String,
    /// What it does.
    pub action: CorrectionAction,
    /// A byte offset inside a line of the article (none for an undo).
    pub anchor: Option<usize>,
    /// The 1-based line of the source text holding the anchor.
    pub line: Option<usize>,
    /// The field set (`title`, `subtitle`, `date`, `outlet`, `authors`), for `set`.
    pub field: Option<String>,
    /// The field's value before (`None`: empty; authors one a line).
    pub old: Option<String>,
    /// The field's value after (`None`: cleared; authors one a line).
    pub new: Option<String>,
    /// Split: a byte offset inside the line that starts the second article; merge: one inside
    /// a line of the other article; undo: the number of the correction undone.
    pub target: Option<i64>,
    /// The 1-based line of the source text holding the split or merge target.
    pub target_line: Option<usize>,
    /// The id of the article corrected, when the correction was made.
    pub article: Option<String>,
    /// Merge: the id of the other article.
    pub other: Option<String>,
    /// The ids of the articles the correction gave, when it was made.
    pub result: Vec<String>,
    /// Why, as the user said.
    pub reason: Option<String>,
    /// The number of the undo that made it inactive.
    pub undone_by: Option<i64>,
}

impl CorrectionRecord {
    /// True while it applies (not undone, and not an undo).
    pub fn is_active(&self) -> bool {
        self.undone_by.is_none() && self.action != CorrectionAction::Undo
    }

    /// The correction as the segmenter applies it; `None` for an undo or a record that does
    /// not make sense (a hand-edited database).
    pub fn to_correction(&self) -> Option<Correction> {
        let anchor = self.anchor?;
        let target = || self.target.and_then(|t| usize::try_from(t).ok());
        let change = match self.action {
            CorrectionAction::Set => {
                Change::Set(field_value(self.field.as_deref()?, self.new.as_deref())?)
            }
            CorrectionAction::Split => Change::Split { at: target()? },
            CorrectionAction::Merge => Change::Merge { with: target()? },
            CorrectionAction::Undo => return None,
        };
        Some(Correction {
            number: u64::try_from(self.id).ok()?,
            anchor,
            change,
        })
    }
}

/// A field's value as stored in the correction log (`None`: cleared; authors one a line).
pub fn field_value(field: &str, value: Option<&str>) -> Option<FieldValue> {
    let text = || value.map(str::to_string);
    Some(match field {
        "title" => FieldValue::Title(text()),
        "subtitle" => FieldValue::Subtitle(text()),
        "outlet" => FieldValue::Outlet(text()),
        "date" => FieldValue::Date(match value {
            Some(d) => Some(d.parse::<Date>().ok()?),
            None => None,
        }),
        "authors" => FieldValue::Authors(
            value
                .map(|v| v.lines().map(str::to_string).collect())
                .unwrap_or_default(),
        ),
        _ => return None,
    })
}

/// How a field's value is stored in the correction log: `None` when empty, authors one a line.
pub fn stored_value(value: &FieldValue) -> Option<String> {
    match value {
        FieldValue::Authors(a) => (!a.is_empty()).then(|| a.join("\n")),
        other => (!other.is_cleared()).then(|| other.to_string()),
    }
}
