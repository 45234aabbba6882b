//! JSON shapes of everything `cuttings` prints with `--format json|jsonl` (and reads back in tests).
//!
//! The core types of `cuttings-model` are deliberately not `Serialize`: this module is the one place
//! that decides what users see, so a refactoring of the model can never silently change the output
//! contract. Every struct rejects unknown fields when parsed, so a test that parses the binary's
//! output fails as soon as a key is added or renamed.
//!
//! **The contract** (issue 2, others build on it): `articles --format jsonl` prints one
//! [`ArticleLine`] per line with exactly the keys `id, title, subtitle, date, outlet, authors,
//! language, body, kind, source`; missing values are `null`, `authors` is an array, `date` is
//! `YYYY-MM-DD`, `body` separates paragraphs with one blank line and `source` is a [`SourceRef`].
//!
//! `search --format jsonl` prints tagged [`Message`]s instead (`{"type":"hit","data":…}` per hit and a
//! final `{"type":"summary","data":…}`), in the style of ripgrep's JSON printer.

use serde::{Deserialize, Serialize};

/// The keys of an [`ArticleLine`], in the order they are printed.
pub const ARTICLE_KEYS: [&str; 10] = [
    "id", "title", "subtitle", "date", "outlet", "authors", "language", "body", "kind", "source",
];

/// One article as printed by `articles --format json|jsonl` (the output contract).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleLine {
    /// Stable content hash, 32 hex digits.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Standfirst or subtitle.
    pub subtitle: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Publishing outlet.
    pub outlet: Option<String>,
    /// Authors, possibly empty.
    pub authors: Vec<String>,
    /// ISO 639-1 code.
    pub language: Option<String>,
    /// Clean text, paragraphs separated by one blank line.
    pub body: String,
    /// `article` or `letter`.
    pub kind: String,
    /// Where it came from.
    pub source: SourceRef,
}

/// Where an article came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// The source path as it was given to `ingest` (`-` for stdin).
    pub path: String,
    /// Lower-case hex SHA-256 of the source's bytes.
    pub sha256: String,
    /// First page, 1-based.
    pub first_page: u32,
    /// Last page, 1-based.
    pub last_page: u32,
}

impl From<&cuttings_model::Article> for ArticleLine {
    fn from(a: &cuttings_model::Article) -> ArticleLine {
        ArticleLine {
            id: a.id.0.clone(),
            title: a.title.clone(),
            subtitle: a.subtitle.clone(),
            date: a.date.map(|d| d.to_string()),
            outlet: a.outlet.clone(),
            authors: a.authors.clone(),
            language: a.language.clone(),
            body: a.body.clone(),
            kind: a.kind.as_str().to_string(),
            source: SourceRef {
                path: a.source.path.clone(),
                sha256: a.source.sha256.clone(),
                first_page: a.source.first_page,
                last_page: a.source.last_page,
            },
        }
    }
}

/// A tagged JSON Lines record of `search --format jsonl`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum Message {
    /// One matching article, best first.
    Hit(Box<HitLine>),
    /// The last record: totals and facets over all matches.
    Summary(SearchSummary),
}

/// One search hit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HitLine {
    /// BM25 relevance; only comparable within one search.
    pub score: f32,
    /// A passage of the body around the matches.
    pub snippet: SnippetLine,
    /// The article, in the shape of the output contract.
    pub article: ArticleLine,
}

/// A passage with the matched words marked by byte ranges into `text`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SnippetLine {
    /// The passage.
    pub text: String,
    /// `[start, end)` byte offsets into `text`, sorted and non-overlapping.
    pub highlights: Vec<[usize; 2]>,
}

/// The summary record of a search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchSummary {
    /// Matching articles in all (not only those shown).
    pub total: usize,
    /// Hits printed (at most `--limit`).
    pub shown: usize,
    /// Counts over all matches.
    pub facets: Facets,
}

/// The answer of `search --format json`: one object.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchOutput {
    /// Matching articles in all.
    pub total: usize,
    /// The best hits, best first.
    pub hits: Vec<HitLine>,
    /// Counts over all matches.
    pub facets: Facets,
}

/// Counts of matching articles per value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facets {
    /// Per outlet, highest count first.
    pub outlet: Vec<Count>,
    /// Per author, highest count first.
    pub author: Vec<Count>,
    /// Per year.
    pub year: Vec<Count>,
}

/// A value and how often it occurs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Count {
    /// The value (an outlet, an author, `2017`, `2017-08`, `running_header`).
    pub value: String,
    /// How many.
    pub count: u64,
}

/// Turns `(value, count)` pairs into [`Count`]s.
pub fn counts(pairs: &[(String, u64)]) -> Vec<Count> {
    pairs
        .iter()
        .map(|(value, count)| Count {
            value: value.clone(),
            count: *count,
        })
        .collect()
}

/// The answer of `stats --format json|jsonl`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatsOutput {
    /// Articles in the corpus.
    pub articles: u64,
    /// Source files ingested.
    pub sources: u64,
    /// Articles without a date.
    pub undated: u64,
    /// Articles without an outlet.
    pub no_outlet: u64,
    /// Articles per outlet.
    pub by_outlet: Vec<Count>,
    /// Articles per author.
    pub by_author: Vec<Count>,
    /// Articles per month (`2017-08`), in calendar order.
    pub by_month: Vec<Count>,
    /// Dropped furniture spans per reason.
    pub dropped_by_reason: Vec<Count>,
    /// Warnings about doubtful content, in ingest order.
    pub warnings: Vec<Warning>,
}

/// A warning about one source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    /// The source path.
    pub source: String,
    /// What is doubtful.
    pub message: String,
}

/// One ingested file, as printed by `sources`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceLine {
    /// Path as given to `ingest`.
    pub path: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Encoding it was decoded from.
    pub encoding: String,
    /// Detected producer of the dump (`raw`, `layout`, `seedlike`, `plain`).
    pub flavor: Option<String>,
    /// Pages.
    pub pages: u32,
    /// Size in bytes.
    pub bytes: u64,
}

/// The answer of `show --format json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowOutput {
    /// The article (output contract shape).
    pub article: ArticleLine,
    /// Its source file.
    pub file: SourceLine,
    /// Whether the source text below could be read back: `ok`, `missing`, `changed` or `unreadable`.
    pub source_status: String,
    /// The spans each field came from, with the source text at each span when it could be read back.
    pub provenance: Vec<FieldSpans>,
    /// Furniture spans dropped from the article's source file, per reason.
    pub dropped_in_file: Vec<Count>,
}

/// The source spans of one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpans {
    /// `title`, `subtitle`, `date`, `outlet`, `author` or `body`.
    pub field: String,
    /// Byte spans into the decoded source text.
    pub spans: Vec<SpanText>,
}

/// A byte span and the source text it covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpanText {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The source text, when the source could be read back.
    pub text: Option<String>,
}

/// One entity as printed by `ner --format jsonl`: character offsets (Unicode scalar values) into
/// the input, end exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NerLine {
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
    /// The entity's text as in the input.
    pub text: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    #[serde(rename = "type")]
    pub r#type: String,
}
