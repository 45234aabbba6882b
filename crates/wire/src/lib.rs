//! JSON shapes of everything `cuttings` prints with `--format json|jsonl` (and reads back in tests),
//! also served by the JSON API (`cuttings-web`) and written by the exports.
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
//! Issue 5 added two keys, `entities` (a list of [`EntityLine`]) and `quotes` (a list of
//! [`QuoteLine`]), whose offsets are character offsets into `body`. Issue 12 added
//! `confidence` (a [`ConfidenceLine`] or `null`). Issue 13 added `reuse` (a list of
//! [`ReuseLine`]: the passages the article shares with others, character offsets into both
//! bodies).
//!
//! `search --format jsonl` prints tagged [`Message`]s instead (`{"type":"hit","data":…}` per hit and a
//! final `{"type":"summary","data":…}`), in the style of ripgrep's JSON printer.

#![deny(missing_docs)]

use serde::{Deserialize, Serialize};

mod store;
pub use store::{
    doubtful_line, entity_count_line, entity_report_line, facets, hit_line, quote_record_line,
    stats_output,
};

/// The keys of an [`ArticleLine`], in the order they are printed.
pub const ARTICLE_KEYS: [&str; 14] = [
    "id",
    "title",
    "subtitle",
    "date",
    "outlet",
    "authors",
    "language",
    "body",
    "kind",
    "source",
    "entities",
    "quotes",
    "confidence",
    "reuse",
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
    /// Names mentioned in the body, in body order.
    pub entities: Vec<EntityLine>,
    /// Direct quotations in the body, in body order.
    pub quotes: Vec<QuoteLine>,
    /// How sure segmentation was of the article's boundaries and fields; `null` for web pages
    /// and corpora written before it was stored.
    pub confidence: Option<ConfidenceLine>,
    /// Passages this article shares with others (text reuse), in body order.
    pub reuse: Vec<ReuseLine>,
}

/// A passage an article shares with another (issue #13): character offsets into this body
/// (`start`, `end`) and into the other's (`other_start`, `other_end`), end exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReuseLine {
    /// The other article's id.
    pub other: String,
    /// Character offset into this body.
    pub start: usize,
    /// Character offset one past the passage.
    pub end: usize,
    /// Character offset into the other body.
    pub other_start: usize,
    /// Character offset one past the passage there.
    pub other_end: usize,
    /// Words aligned one to one.
    pub words: u32,
}

/// How sure segmentation was of an article: probabilities in `[0, 1]`, rounded to 3 decimals.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfidenceLine {
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

// Confidences are finite numbers, so equality is an equivalence.
impl Eq for ConfidenceLine {}

/// A probability rounded to 3 decimals, as printed.
pub fn round3(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

impl From<&cuttings_model::Confidence> for ConfidenceLine {
    fn from(c: &cuttings_model::Confidence) -> ConfidenceLine {
        ConfidenceLine {
            boundary: round3(c.boundary),
            title: round3(c.title),
            date: round3(c.date),
            outlet: round3(c.outlet),
            authors: round3(c.authors),
        }
    }
}

/// A name mentioned in an article's body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityLine {
    /// The words as printed.
    pub name: String,
    /// `person`, `org`, `place` or `misc`.
    #[serde(rename = "type")]
    pub r#type: String,
    /// The name the article's mentions of this entity are gathered under.
    pub canonical: String,
    /// Character offset into `body`.
    pub start: usize,
    /// Character offset one past the name.
    pub end: usize,
}

/// A direct quotation in an article's body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteLine {
    /// Who is quoted, as printed, or `null`.
    pub speaker: Option<String>,
    /// The canonical name of the speaker's entity, or `null`.
    pub canonical: Option<String>,
    /// The quoted words.
    pub text: String,
    /// Character offset into `body`.
    pub start: usize,
    /// Character offset one past the quoted words.
    pub end: usize,
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
            entities: {
                let mut chars = CharOffsets::new(&a.body);
                a.entities
                    .iter()
                    .map(|m| EntityLine {
                        name: m.name.clone(),
                        r#type: m.kind.as_str().to_string(),
                        canonical: m.canonical.clone(),
                        start: chars.at(m.start),
                        end: chars.at(m.end),
                    })
                    .collect()
            },
            quotes: {
                let mut chars = CharOffsets::new(&a.body);
                a.quotes
                    .iter()
                    .map(|q| QuoteLine {
                        speaker: q.speaker.clone(),
                        canonical: q.canonical.clone(),
                        text: q.text.clone(),
                        start: chars.at(q.start),
                        end: chars.at(q.end),
                    })
                    .collect()
            },
            confidence: a.confidence.as_ref().map(ConfidenceLine::from),
            reuse: Vec::new(),
        }
    }
}

/// Byte offsets into a text as character offsets (clamped, rounded down to a boundary).
pub fn char_offset(text: &str, at: usize) -> usize {
    CharOffsets::new(text).at(at)
}

/// The `reuse` lines of `article` from its links (`body_of` gives the other bodies), in body
/// order.
pub fn reuse_lines<'a>(
    article: &cuttings_model::Article,
    links: &[&cuttings_model::ReuseLink],
    body_of: impl Fn(&str) -> Option<&'a str>,
) -> Vec<ReuseLine> {
    let mut out = Vec::new();
    for l in links {
        let mine_is_a = l.a == article.id;
        let other = if mine_is_a { &l.b } else { &l.a };
        let Some(other_body) = body_of(&other.0) else {
            continue;
        };
        for p in &l.passages {
            let (m, o) = if mine_is_a { (p.a, p.b) } else { (p.b, p.a) };
            out.push(ReuseLine {
                other: other.0.clone(),
                start: char_offset(&article.body, m.start),
                end: char_offset(&article.body, m.end),
                other_start: char_offset(other_body, o.start),
                other_end: char_offset(other_body, o.end),
                words: p.words,
            });
        }
    }
    out.sort_by(|x, y| (x.start, &x.other).cmp(&(y.start, &y.other)));
    out
}

/// One pair of `reuse pairs --format jsonl|json` (issue #13).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReusePairLine {
    /// The article with the smaller id.
    pub a: String,
    /// The other.
    pub b: String,
    /// The one printed first, by date; `null` when the dates are equal or one is missing.
    pub earlier: Option<String>,
    /// Words of all passages.
    pub words: u32,
    /// Share of `a`'s words in the passages, 0 to 1 (3 decimals).
    pub share_a: f32,
    /// Share of `b`'s words in the passages.
    pub share_b: f32,
    /// `reprint` (at least 80 % of both), `partial` or `quote` (only quotations shared).
    pub kind: String,
    /// The passages, in `a`'s order.
    pub passages: Vec<ReusePassageLine>,
}

/// One passage of a pair: character offsets into both bodies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReusePassageLine {
    /// Character offset into `a`'s body.
    pub a_start: usize,
    /// One past the passage in `a`.
    pub a_end: usize,
    /// Character offset into `b`'s body.
    pub b_start: usize,
    /// One past the passage in `b`.
    pub b_end: usize,
    /// Words aligned one to one.
    pub words: u32,
}

/// One cluster of `reuse clusters --format jsonl|json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReuseClusterLine {
    /// 16 hex digits, stable for the same members.
    pub id: String,
    /// Members, earliest first (undated last).
    pub articles: Vec<String>,
    /// The one printed first; `null` on a tie or when a date is missing.
    pub earliest: Option<String>,
    /// True when every member has a date.
    pub dated: bool,
}

/// One row of `reuse outlets`: outlet pairs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletPairLine {
    /// The outlet that printed first (when `directed`), else the first by name.
    pub from: String,
    /// The other outlet.
    pub to: String,
    /// True when `from` printed every pair of the row strictly first.
    pub directed: bool,
    /// Article pairs that share passages.
    pub pairs: usize,
    /// Of which whole-story reprints.
    pub reprints: usize,
    /// Median days between the printings (pairs with both dates), or `null`.
    pub median_lag_days: Option<f64>,
    /// Pairs with a date missing.
    pub undated: usize,
}

/// One row of `reuse outlets`: how much of an outlet's output reprints others.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletShareLine {
    /// The outlet.
    pub outlet: String,
    /// Its articles.
    pub articles: usize,
    /// Articles that reprint, whole, one another outlet printed earlier.
    pub reprints: usize,
    /// Articles that take passages from one another outlet printed earlier.
    pub partial: usize,
    /// `reprints / articles` (3 decimals).
    pub share: f64,
}

/// The answer of `reuse outlets --format json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletsOutput {
    /// Outlet pairs, most pairs first.
    pub pairs: Vec<OutletPairLine>,
    /// Outlets, most articles first.
    pub outlets: Vec<OutletShareLine>,
}

/// A tagged record of `reuse outlets --format jsonl`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum OutletMessage {
    /// One pair of outlets.
    Pair(OutletPairLine),
    /// One outlet.
    Outlet(OutletShareLine),
}

/// Byte offsets to character offsets, for offsets asked in (mostly) increasing order.
struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    char: usize,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> CharOffsets<'a> {
        CharOffsets {
            text,
            byte: 0,
            char: 0,
        }
    }

    /// The character offset of byte offset `at` (clamped to the text, rounded down to a
    /// character boundary).
    fn at(&mut self, at: usize) -> usize {
        let mut at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        if at < self.byte {
            self.byte = 0;
            self.char = 0;
        }
        self.char += self.text[self.byte..at].chars().count();
        self.byte = at;
        self.char
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
    /// With `--collapse-reprints`: how many articles the hit's reprint group holds (1 when it
    /// is in none); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reprints: Option<u64>,
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
    /// Per month (`2017-08`), highest count first.
    pub month: Vec<Count>,
    /// Per entity named in the matches (its shown name), highest count first (top 50).
    pub entity: Vec<Count>,
    /// Per language code (`en`), highest count first.
    pub language: Vec<Count>,
    /// Per kind (`article`, `letter`), highest count first.
    pub kind: Vec<Count>,
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
    /// Articles whose segmentation is doubtful (a confidence under `--doubtful-below`), the
    /// most doubtful first.
    pub doubtful: Vec<DoubtfulLine>,
}

/// An article whose segmentation is doubtful.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DoubtfulLine {
    /// The article's id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its least sure part: `boundary`, `title`, `date`, `outlet` or `authors`.
    pub part: String,
    /// The confidence of that part, rounded to 3 decimals.
    pub value: ConfidenceValue,
}

/// One confidence, rounded to 3 decimals.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ConfidenceValue(pub f32);

// Confidences are finite numbers, so equality is an equivalence.
impl Eq for ConfidenceValue {}

/// A part of an article's confidence under the threshold (`show`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeakPart {
    /// `boundary`, `title`, `date`, `outlet` or `authors`.
    pub part: String,
    /// Its confidence, rounded to 3 decimals.
    pub value: ConfidenceValue,
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// Where each field was printed (PDF sources only; absent for text dumps and web pages).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub boxes: Vec<BoxLine>,
    /// The parts of the article's confidence under `--doubtful-below` (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub doubtful: Vec<WeakPart>,
    /// The active corrections anchored in the article (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<CorrectionLine>,
}

/// Where a field of a PDF article was printed: a page and a box in PDF points from the page's
/// top-left corner, `y` growing down.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoxLine {
    /// `title`, `subtitle`, `date`, `outlet`, `author` or `body`.
    pub field: String,
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

impl From<&cuttings_model::FieldBox> for BoxLine {
    fn from(b: &cuttings_model::FieldBox) -> BoxLine {
        let r = |v: f32| (v * 10.0).round() / 10.0;
        BoxLine {
            field: b.field.as_str().to_string(),
            page: b.page,
            x0: r(b.x0),
            y0: r(b.y0),
            x1: r(b.x1),
            y1: r(b.y1),
        }
    }
}

/// The source spans of one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpans {
    /// `title`, `subtitle`, `date`, `outlet`, `author` or `body`.
    pub field: String,
    /// Byte spans into the decoded source text (none for a value a user typed).
    pub spans: Vec<SpanText>,
    /// How sure segmentation was of the field (title, date, outlet, authors), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<ConfidenceValue>,
    /// The number of the correction that set the value, for a value a user typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected_by: Option<i64>,
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
    /// The 1-based line of the source text the span starts on, when the source could be read
    /// back (the number `fix --split-at` takes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
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

/// One entity of the corpus, as printed by `entities --format json|jsonl`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityCountLine {
    /// The canonical name (its most frequent spelling).
    pub name: String,
    /// `person`, `org`, `place` or `misc`.
    #[serde(rename = "type")]
    pub r#type: String,
    /// How many times it is mentioned.
    pub mentions: u64,
    /// In how many articles.
    pub articles: u64,
}

/// One quotation, as printed by `quotes --format json|jsonl`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteRecordLine {
    /// Who is quoted, as printed, or `null`.
    pub speaker: Option<String>,
    /// The canonical name of the speaker's entity, or `null`.
    pub canonical: Option<String>,
    /// The quoted words.
    pub text: String,
    /// The article's id.
    pub article: String,
    /// The article's title.
    pub title: Option<String>,
    /// The article's date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The article's outlet.
    pub outlet: Option<String>,
}

/// What `entity --format json` prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityReportLine {
    /// The canonical name printed most often.
    pub name: String,
    /// `person`, `org`, `place` or `misc`.
    #[serde(rename = "type")]
    pub r#type: String,
    /// Every form it is mentioned under: `[name, count]`, most frequent first.
    pub aliases: Vec<(String, u64)>,
    /// All mentions.
    pub mentions: u64,
    /// Articles that mention it.
    pub articles: u64,
    /// Articles per outlet: `[outlet or null, count]`, most first.
    pub outlets: Vec<(Option<String>, u64)>,
    /// Articles per month: `["YYYY-MM", count]`, in order.
    pub months: Vec<(String, u64)>,
    /// Entities named in the same articles: `[name, type, shared articles]`, most first.
    pub co_mentions: Vec<(String, String, u64)>,
    /// Its quotations, newest article first.
    pub quotes: Vec<QuoteRecordLine>,
}

/// One alias decision, as printed by `alias list` and after each change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasChangeLine {
    /// Its number in the log.
    pub id: i64,
    /// When it was made (RFC 3339, UTC).
    pub time: String,
    /// `merge`, `split`, `rename` or `undo`.
    pub action: String,
    /// The name it is about (for `undo`, the number of the change undone).
    pub name: String,
    /// Merge: the entity joined; rename: the new name.
    pub target: Option<String>,
    /// Why, as the user said.
    pub reason: Option<String>,
    /// False once undone.
    pub active: bool,
}

/// One page of `cuttings pages --format json`: how the page was read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageLine {
    /// 1-based page number.
    pub page: u32,
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// Columns found on the page.
    pub columns: u16,
    /// Blocks in reading order.
    pub blocks: Vec<PageBlock>,
    /// Words left out of the text, with the reason (`off_page`, `empty_box`).
    pub skipped: Vec<PageWord>,
}

/// A block of lines read together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageBlock {
    /// 1-based position in the page's reading order.
    pub order: usize,
    /// 0-based column.
    pub column: u16,
    /// `[x0, y0, x1, y1]` in points from the page's top-left corner.
    pub bbox: [f32; 4],
    /// Its lines in order.
    pub lines: Vec<PageTextLine>,
}

/// A line of a block and what became of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageTextLine {
    /// The text.
    pub text: String,
    /// `[x0, y0, x1, y1]` in points from the page's top-left corner.
    pub bbox: [f32; 4],
    /// Font size in points.
    pub font_size: f32,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// `body`, `title`, `subtitle`, `date`, `outlet`, `author`, `meta` (another metadata line of
    /// an article) or `dropped`.
    pub role: String,
    /// Why it was dropped (a drop reason such as `running_header`), for dropped lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// 1-based position of its article in the file, for kept lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<usize>,
}

/// A word left out of the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageWord {
    /// The word.
    pub text: String,
    /// `[x0, y0, x1, y1]`.
    pub bbox: [f32; 4],
    /// Why.
    pub reason: String,
}

/// One logged correction of segmentation, as printed by `fix list` and after each `fix`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionLine {
    /// Its number in the log.
    pub id: i64,
    /// When it was made (RFC 3339, UTC).
    pub time: String,
    /// `set`, `split`, `merge` or `undo`.
    pub action: String,
    /// The SHA-256 of the article's source.
    pub source: String,
    /// The byte offset of the line of the article it is anchored to (none for an undo).
    pub anchor: Option<usize>,
    /// The 1-based line of the source text holding the anchor.
    pub line: Option<usize>,
    /// `set`: the field (`title`, `subtitle`, `date`, `outlet`, `authors`).
    pub field: Option<String>,
    /// `set`: the value before (authors joined with `; `).
    pub old: Option<String>,
    /// `set`: the value after (`null`: cleared).
    pub new: Option<String>,
    /// `split`: the line that starts the second article; `merge`: a line of the other
    /// article; `undo`: the number of the correction undone.
    pub target: Option<i64>,
    /// The id of the article corrected, when the correction was made.
    pub article: Option<String>,
    /// `merge`: the id of the other article.
    pub other: Option<String>,
    /// The ids of the articles the correction gave, when it was made.
    pub result: Vec<String>,
    /// Why, as the user said.
    pub reason: Option<String>,
    /// False once undone (and for undos themselves).
    pub active: bool,
}

/// The corrections of one source as training data for the segmenter (`fix export`): one JSON
/// object a line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingSource {
    /// The source.
    pub source: TrainingFile,
    /// Its articles after the corrections, in reading order.
    pub articles: Vec<TrainingArticle>,
    /// Every line of the source in reading order with its role after the corrections.
    pub lines: Vec<TrainingLine>,
}

/// The source file of a [`TrainingSource`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingFile {
    /// The path as ingested.
    pub path: String,
    /// The SHA-256 of its bytes.
    pub sha256: String,
}

/// One article of a [`TrainingSource`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingArticle {
    /// Headline.
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// The 1-based line of the source text of its first line (head included).
    pub first_line: usize,
    /// The 1-based line of the source text of its last line (tail included).
    pub last_line: usize,
}

/// One line of a [`TrainingSource`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingLine {
    /// First byte in the decoded source text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// 1-based page.
    pub page: u32,
    /// The line's text.
    pub text: String,
    /// Its role (`headline`, `body`, `running_header`...: `cuttings_model::Role`).
    pub role: String,
    /// The index of its article in `articles`, for head, body and tail lines.
    pub article: Option<usize>,
}

/// The text-reuse sketch of an article, as `cuttings process` prints it (issue #15): the
/// winnowed fingerprints `cuttings-link` compares, as 16 hex digits each (64-bit values do not
/// survive JSON readers that use doubles), so that a cluster can find candidate pairs with a
/// join on shared fingerprints and align only those.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SketchLine {
    /// The linking configuration the fingerprints were made with (`LinkConfig::signature`):
    /// sketches made under different ones are not comparable.
    pub config: String,
    /// A hash of all the fingerprints: equal for the same words.
    pub digest: String,
    /// Fingerprints of the words outside quotation marks, sorted.
    pub text: Vec<String>,
    /// Fingerprints of the words inside quotation marks, sorted.
    pub quotes: Vec<String>,
}

/// One article of `cuttings process`: the keys of [`ArticleLine`] plus `input` and `sketch`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessedLine {
    /// The path or name of the input it came from, as given.
    pub input: String,
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
    /// Names mentioned in the body, in body order.
    pub entities: Vec<EntityLine>,
    /// Direct quotations in the body, in body order.
    pub quotes: Vec<QuoteLine>,
    /// How sure segmentation was.
    pub confidence: Option<ConfidenceLine>,
    /// Always empty: reuse is found between articles, by a corpus or a cluster.
    pub reuse: Vec<ReuseLine>,
    /// The article's text-reuse sketch.
    pub sketch: SketchLine,
}

impl ProcessedLine {
    /// An article line with its input and sketch.
    pub fn new(input: String, l: ArticleLine, sketch: SketchLine) -> ProcessedLine {
        ProcessedLine {
            input,
            id: l.id,
            title: l.title,
            subtitle: l.subtitle,
            date: l.date,
            outlet: l.outlet,
            authors: l.authors,
            language: l.language,
            body: l.body,
            kind: l.kind,
            source: l.source,
            entities: l.entities,
            quotes: l.quotes,
            confidence: l.confidence,
            reuse: l.reuse,
            sketch,
        }
    }
}

/// An input `cuttings process` could not read: `{"error", "path"}` or `{"error", "name"}`, or
/// `{"error", "line"}` for a line of standard input that is no input at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessErrorLine {
    /// What went wrong.
    pub error: String,
    /// The path of the input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The name of the input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The 1-based line of standard input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// One article of a pair given to `cuttings align` (issue #15): its id and clean body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlignDoc {
    /// The article's id.
    pub id: String,
    /// Its body, as `process` printed it.
    pub body: String,
}

/// One line of `cuttings align`'s input: a candidate pair, as a cluster's join on shared
/// fingerprints finds them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlignPairLine {
    /// One article.
    pub a: AlignDoc,
    /// The other.
    pub b: AlignDoc,
}

/// A link between two articles as `cuttings align` prints it and the cluster job's
/// `reuse.parquet` holds it: the keys of the export's reuse table, with each passage's
/// `quoted` flag, character offsets into both bodies. Read back by `cuttings import`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkLine {
    /// The article with the smaller id.
    pub a: String,
    /// The other.
    pub b: String,
    /// `reprint`, `partial` or `quote`.
    pub kind: String,
    /// Words of all passages.
    pub words: u32,
    /// Share of `a`'s words in the passages, 0 to 1 (3 decimals).
    pub share_a: f32,
    /// Share of `b`'s words in the passages.
    pub share_b: f32,
    /// The passages, in `a`'s order.
    pub passages: Vec<LinkPassageLine>,
}

/// One passage of a [`LinkLine`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkPassageLine {
    /// Character offset into `a`'s body.
    pub a_start: usize,
    /// One past the passage in `a`.
    pub a_end: usize,
    /// Character offset into `b`'s body.
    pub b_start: usize,
    /// One past the passage in `b`.
    pub b_end: usize,
    /// Words aligned one to one.
    pub words: u32,
    /// Whether the passage is a quotation in one of the two articles.
    pub quoted: bool,
}

impl LinkLine {
    /// The line of a link between articles with these bodies.
    pub fn of(l: &cuttings_model::ReuseLink, body_a: &str, body_b: &str) -> LinkLine {
        let (mut ca, mut cb) = (CharOffsets::new(body_a), CharOffsets::new(body_b));
        LinkLine {
            a: l.a.0.clone(),
            b: l.b.0.clone(),
            kind: l.kind.as_str().to_string(),
            words: l.words,
            share_a: round3(l.share_a),
            share_b: round3(l.share_b),
            passages: l
                .passages
                .iter()
                .map(|p| LinkPassageLine {
                    a_start: ca.at(p.a.start),
                    a_end: ca.at(p.a.end),
                    b_start: cb.at(p.b.start),
                    b_end: cb.at(p.b.end),
                    words: p.words,
                    quoted: p.quoted,
                })
                .collect(),
        }
    }

    /// The link again, with byte offsets into these bodies; `None` when its kind is unknown.
    pub fn to_link(&self, body_a: &str, body_b: &str) -> Option<cuttings_model::ReuseLink> {
        let byte = |text: &str, chars: usize| {
            text.char_indices()
                .nth(chars)
                .map_or(text.len(), |(b, _)| b)
        };
        Some(cuttings_model::ReuseLink {
            a: cuttings_model::ArticleId(self.a.clone()),
            b: cuttings_model::ArticleId(self.b.clone()),
            kind: cuttings_model::ReuseKind::parse(&self.kind)?,
            words: self.words,
            share_a: self.share_a,
            share_b: self.share_b,
            passages: self
                .passages
                .iter()
                .map(|p| cuttings_model::Passage {
                    a: cuttings_model::Span::new(byte(body_a, p.a_start), byte(body_a, p.a_end)),
                    b: cuttings_model::Span::new(byte(body_b, p.b_start), byte(body_b, p.b_end)),
                    words: p.words,
                    quoted: p.quoted,
                })
                .collect(),
        })
    }
}
