//! The tantivy half of the corpus: a full-text index derived from the SQLite records.
//!
//! Each article is one document: `id` (stored), `title`/`subtitle`/`body` (English stemming,
//! with positions for phrase queries), `outlet`/`author`/`source` (lower-cased exact keys for
//! filters), `entity` (the units of its names, see [`crate::entities`]: `entity:"MKO"` in a query
//! becomes the set of units of the entity the corpus knows under that name, so merges and
//! renames need no re-indexing; a fast field since version 3, so that a terms aggregation counts
//! the top units of a search), `language` and `kind` (version 3), `day` (`yyyymmdd` as i64, for
//! date ranges and date order) and `facet` (`/outlet/…`, `/author/…`, `/year/…`, `/month/…`,
//! `/language/…`, `/kind/…` for counts; versions 1 and 2 also `/entity/<unit>`). Only the id is
//! stored: texts are read back from SQLite.

use std::collections::{BTreeMap, HashMap};
use std::ops::{Bound, Range};
use std::path::{Path, PathBuf};

use cuttings_model::{Article, Date};
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard};
use tantivy::collector::{Count, DocSetCollector, FacetCollector, FacetCounts, TopDocs};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{Directory, MmapDirectory, INDEX_WRITER_LOCK};
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::query_grammar::{UserInputAst, UserInputLeaf};
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing,
    TextOptions, Value, FAST, STORED, STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument,
    Term,
};

use crate::error::{self, Error, Result};
use crate::stem::CachedEnglishStemmer;
use crate::types::{Facets, Filter, Page, Snippet, Sort};

/// The version of the index layout; a mismatch makes a write-mode open rebuild the index.
pub(crate) const INDEX_VERSION: &str = "3";

/// Index versions a read-only open still reads (what they lack is empty or refused, see
/// [`Fields::of`]).
pub(crate) const READABLE_INDEX_VERSIONS: [&str; 3] = ["1", "2", INDEX_VERSION];

/// Analyzer for running text: SimpleTokenizer, RemoveLongFilter, LowerCaser, English stemmer
/// (tantivy's, behind a cache: see [`crate::stem`]).
const TEXT_ANALYZER: &str = "cuttings_en";
/// Analyzer for exact keys: the whole value, lower-cased.
const KEY_ANALYZER: &str = "cuttings_key";

/// Memory budget of the index writer, split between its threads: the bigger each in-memory
/// segment, the fewer segments to write and merge.
const WRITER_MEMORY: usize = 128_000_000;

/// How many entity units a search counts (the corpus gathers them into its top 50 entities).
const ENTITY_UNITS: u32 = 200;

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 200;

/// The schema's fields.
#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    subtitle: Field,
    body: Field,
    outlet: Field,
    author: Field,
    source: Field,
    /// Absent from indexes written before version 2 (read mode only; writing rebuilds them).
    entity: Option<Field>,
    /// The body's language code (`en`); absent before version 3.
    language: Option<Field>,
    /// `article` or `letter`; absent before version 3.
    kind: Option<Field>,
    day: Field,
    facet: Field,
}

impl Fields {
    /// The fields of an index's own schema, by name: `None` when a field this version always
    /// writes is missing (not an index of ours).
    fn of(schema: &Schema) -> Option<Fields> {
        let get = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            id: get("id")?,
            title: get("title")?,
            subtitle: get("subtitle")?,
            body: get("body")?,
            outlet: get("outlet")?,
            author: get("author")?,
            source: get("source")?,
            entity: get("entity"),
            language: get("language"),
            kind: get("kind"),
            day: get("day")?,
            facet: get("facet")?,
        })
    }
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TEXT_ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let key = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(KEY_ANALYZER)
            .set_index_option(IndexRecordOption::Basic),
    );
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", text.clone()),
        subtitle: b.add_text_field("subtitle", text.clone()),
        body: b.add_text_field("body", text),
        outlet: b.add_text_field("outlet", key.clone()),
        author: b.add_text_field("author", key),
        source: b.add_text_field("source", STRING),
        entity: Some(b.add_text_field("entity", STRING | FAST)),
        language: Some(b.add_text_field("language", STRING)),
        kind: Some(b.add_text_field("kind", STRING)),
        day: b.add_i64_field("day", NumericOptions::default().set_indexed().set_fast()),
        facet: b.add_facet_field("facet", FacetOptions::default()),
    };
    (b.build(), fields)
}

fn register_analyzers(index: &Index) {
    index.tokenizers().register(
        TEXT_ANALYZER,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(CachedEnglishStemmer)
            .build(),
    );
    index.tokenizers().register(
        KEY_ANALYZER,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

/// `2017-08-03` as `20170803`, so that date order is integer order.
fn day(d: Date) -> i64 {
    i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
}

/// A facet step: facets have no escaping, so the separator and empty names are avoided.
fn facet_step(s: &str) -> Option<String> {
    let s = s.replace('\0', " ");
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Removes everything in `path` except the file named `keep`.
fn empty_folder(path: &Path, keep: &std::ffi::OsStr) -> Result<()> {
    for entry in std::fs::read_dir(path).map_err(|e| error::io(path, e))? {
        let entry = entry.map_err(|e| error::io(path, e))?;
        if entry.file_name() == keep {
            continue;
        }
        let p = entry.path();
        let removed = if entry.file_type().map_err(|e| error::io(&p, e))?.is_dir() {
            std::fs::remove_dir_all(&p)
        } else {
            std::fs::remove_file(&p)
        };
        removed.map_err(|e| error::io(&p, e))?;
    }
    Ok(())
}

/// What an index open found.
pub(crate) enum Opened {
    /// The index was there and has the expected schema.
    Ready(TextIndex),
    /// The index was (re)created empty: every article must be indexed again.
    Fresh(TextIndex),
}

/// The full-text index with its reader, and its writer once writing started.
pub(crate) struct TextIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    path: PathBuf,
    writer: Option<IndexWriter>,
    /// Why the index on disk could not be read, when this is a stand-in for it
    /// ([`TextIndex::unreadable`]).
    unreadable: Option<String>,
    /// How deep a query may nest ([`MAX_QUERY_DEPTH`] unless set).
    pub(crate) max_query_depth: usize,
}

impl TextIndex {
    /// Opens for writing, creating the index, or recreating it empty when `stale`, when its
    /// schema differs, or when it is damaged (it is derived from the records, so it can be).
    /// I/O errors (permissions...) are reported, never answered by deleting anything.
    pub fn open_write(path: &Path, stale: bool) -> Result<Opened> {
        let (schema, fields) = schema();
        std::fs::create_dir_all(path).map_err(|e| error::io(path, e))?;
        let dir = MmapDirectory::open(path).map_err(|e| error::index(path, e.into()))?;
        let existing = Index::exists(&dir).map_err(|e| error::index(path, e.into()))?;
        if existing && !stale {
            match Index::open_in_dir(path) {
                Ok(index) if index.schema() == schema => {
                    return Ok(Opened::Ready(TextIndex::new(index, fields, path)?));
                }
                Ok(_)
                | Err(
                    tantivy::TantivyError::DataCorruption(_)
                    | tantivy::TantivyError::IncompatibleIndex(_)
                    | tantivy::TantivyError::SchemaError(_),
                ) => {}
                Err(e) => return Err(error::index(path, e)),
            }
        }
        {
            // Hold the writer lock while emptying the folder, so that a live writer (of another
            // cuttings version, say) is never pulled from under its feet.
            let _lock = dir
                .acquire_lock(&INDEX_WRITER_LOCK)
                .map_err(|e| error::index(path, tantivy::TantivyError::LockFailure(e, None)))?;
            empty_folder(path, INDEX_WRITER_LOCK.filepath.as_os_str())?;
        }
        let index = Index::create_in_dir(path, schema).map_err(|e| error::index(path, e))?;
        Ok(Opened::Fresh(TextIndex::new(index, fields, path)?))
    }

    /// Takes the lock that a write-mode open of the corpus in `dir` holds while it creates or
    /// migrates the records and the index (issue #17): two ingests racing to create a corpus
    /// failed with "table sources already exists"; now the second fails with
    /// [`Error::Locked`]. The lock file is in the corpus folder, outside the index, which a
    /// stale open empties; it stays there, as tantivy's own lock files do: the lock is the
    /// operating system's lock on it, released when the open is done or the process ends.
    pub(crate) fn lock_opening(dir: &Path) -> Result<tantivy::directory::DirectoryLock> {
        let lock = tantivy::directory::Lock {
            filepath: PathBuf::from(OPENING_LOCK),
            is_blocking: false,
        };
        let file = dir.join(OPENING_LOCK);
        let mmap = MmapDirectory::open(dir).map_err(|e| error::index(&file, e.into()))?;
        mmap.acquire_lock(&lock)
            .map_err(|e| error::index(&file, tantivy::TantivyError::LockFailure(e, None)))
    }

    /// Opens for reading; never takes the writer lock, and on `read_only_media` no lock at all
    /// ([`ReadOnlyDirectory`]).
    pub fn open_read(path: &Path, read_only_media: bool) -> Result<TextIndex> {
        let (schema, fields) = schema();
        let outdated = || Error::IndexOutdated {
            path: path.to_path_buf(),
        };
        if !path.is_dir() {
            return Err(outdated());
        }
        let dir = MmapDirectory::open(path).map_err(|e| error::index(path, e.into()))?;
        if !Index::exists(&dir).map_err(|e| error::index(path, e.into()))? {
            return Err(outdated());
        }
        let index = if read_only_media {
            Index::open(ReadOnlyDirectory(dir))
        } else {
            Index::open(dir)
        }
        .map_err(|e| error::index(path, e))?;
        if index.schema() == schema {
            return TextIndex::new(index, fields, path);
        }
        // Older versions lack fields (version 1 `entity`, version 2 `language` and `kind`):
        // readable, with what they lack refused (`entity:`) or empty (facets); a write-mode open
        // rebuilds them.
        let Some(fields) = Fields::of(&index.schema()) else {
            return Err(outdated());
        };
        TextIndex::new(index, fields, path)
    }

    /// Makes later searches see what other processes committed since (a no-op when nothing
    /// changed is not guaranteed: it reopens the searcher).
    pub fn reload(&self) -> Result<()> {
        self.reader.reload().map_err(|e| self.err(e))
    }

    fn new(index: Index, fields: Fields, path: &Path) -> Result<TextIndex> {
        register_analyzers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| error::index(path, e))?;
        Ok(TextIndex {
            index,
            reader,
            fields,
            path: path.to_path_buf(),
            writer: None,
            unreadable: None,
            max_query_depth: MAX_QUERY_DEPTH,
        })
    }

    /// An empty index in memory standing in for the one at `path`, which could not be read
    /// because of `why`: queries fail with [`Error::IndexUnreadable`], so that a read-only
    /// open still serves what needs only the records (issue #17).
    pub fn unreadable(path: &Path, why: String) -> Result<TextIndex> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        let mut stand_in = TextIndex::new(index, fields, path)?;
        stand_in.unreadable = Some(why);
        Ok(stand_in)
    }

    fn err(&self, e: tantivy::TantivyError) -> Error {
        error::index(&self.path, e)
    }

    /// Takes the writer lock if not yet held.
    pub fn writer(&mut self) -> Result<&mut IndexWriter> {
        if self.writer.is_none() {
            let threads = std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
                .clamp(1, 2);
            let writer = self
                .index
                .writer_with_num_threads(threads, WRITER_MEMORY)
                .map_err(|e| self.err(e))?;
            self.writer = Some(writer);
        }
        let path = self.path.clone();
        self.writer.as_mut().ok_or(Error::Locked { path })
    }

    /// Queues an article; with `replace`, first removes any document with the same id.
    ///
    /// Freshly stored articles need no `replace`: the index never holds an id the records lack
    /// once [`crate::Corpus::open`] has repaired it, and deletes cost a term lookup per segment.
    /// `units` are the units of the article's names (see [`crate::entities`]).
    pub fn put(&mut self, article: &Article, units: &[String], replace: bool) -> Result<()> {
        let doc = self.document(article, units);
        let id = Term::from_field_text(self.fields.id, &article.id.0);
        let writer = self.writer()?;
        if replace {
            writer.delete_term(id);
        }
        writer
            .add_document(doc)
            .map_err(|e| error::index(&self.path, e))?;
        Ok(())
    }

    /// Queues the removal of an id.
    pub fn delete(&mut self, id: &str) -> Result<()> {
        let term = Term::from_field_text(self.fields.id, id);
        self.writer()?.delete_term(term);
        Ok(())
    }

    /// Commits queued changes and makes them visible to searches.
    pub fn commit(&mut self) -> Result<()> {
        let path = self.path.clone();
        self.writer()?
            .commit()
            .map_err(|e| error::index(&path, e))?;
        self.reader.reload().map_err(|e| self.err(e))
    }

    /// Forgets queued changes (after a failure), keeping the lock.
    pub fn rollback(&mut self) -> Result<()> {
        if let Some(w) = self.writer.as_mut() {
            w.rollback().map_err(|e| error::index(&self.path, e))?;
        }
        Ok(())
    }

    /// Releases the writer, waiting for background merges.
    pub fn close_writer(&mut self) {
        if let Some(w) = self.writer.take() {
            // Errors here only leave unmerged segments or garbage files, which the next writer
            // cleans up; there is nobody to report them to during drop.
            let _ = w.wait_merging_threads();
        }
    }

    /// Number of live documents in the committed index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// How many live documents each id has.
    pub fn id_counts(&self) -> Result<HashMap<String, usize>> {
        if let Some(why) = &self.unreadable {
            return Err(Error::IndexUnreadable {
                path: self.path.clone(),
                detail: why.clone(),
            });
        }
        let searcher = self.reader.searcher();
        let docs = searcher
            .search(&AllQuery, &DocSetCollector)
            .map_err(|e| self.err(e))?;
        let mut counts = HashMap::new();
        for addr in docs {
            if let Some(id) = self.stored_id(&searcher, addr)? {
                *counts.entry(id).or_insert(0) += 1;
            }
        }
        Ok(counts)
    }

    fn stored_id(&self, searcher: &Searcher, addr: DocAddress) -> Result<Option<String>> {
        let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.err(e))?;
        Ok(doc
            .get_first(self.fields.id)
            .and_then(|v| v.as_str())
            .map(str::to_string))
    }

    fn document(&self, a: &Article, units: &[String]) -> TantivyDocument {
        let f = self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &a.id.0);
        if let Some(t) = &a.title {
            doc.add_text(f.title, t);
        }
        if let Some(s) = &a.subtitle {
            doc.add_text(f.subtitle, s);
        }
        doc.add_text(f.body, &a.body);
        doc.add_text(f.source, &a.source.sha256);
        if let Some(o) = &a.outlet {
            doc.add_text(f.outlet, crate::db::key(o));
            if let Some(step) = facet_step(o) {
                doc.add_facet(f.facet, Facet::from_path(["outlet", &step]));
            }
        }
        let mut seen = Vec::new();
        for name in &a.authors {
            let k = crate::db::key(name);
            if seen.contains(&k) {
                continue;
            }
            doc.add_text(f.author, &k);
            seen.push(k);
            if let Some(step) = facet_step(name) {
                doc.add_facet(f.facet, Facet::from_path(["author", &step]));
            }
        }
        let mut units: Vec<&String> = units.iter().collect();
        units.sort_unstable();
        units.dedup();
        for u in units {
            if let Some(entity) = f.entity {
                doc.add_text(entity, u);
            }
        }
        if let Some(d) = a.date {
            doc.add_i64(f.day, day(d));
            doc.add_facet(f.facet, Facet::from_path(["year", &d.year().to_string()]));
            let month = format!("{:04}-{:02}", d.year(), d.month());
            doc.add_facet(f.facet, Facet::from_path(["month", &month]));
        }
        if let (Some(field), Some(lang)) = (f.language, a.language.as_deref()) {
            if let Some(step) = facet_step(lang) {
                doc.add_text(field, &step);
                doc.add_facet(f.facet, Facet::from_path(["language", &step]));
            }
        }
        if let Some(field) = f.kind {
            let kind = a.kind.as_str();
            doc.add_text(field, kind);
            doc.add_facet(f.facet, Facet::from_path(["kind", kind]));
        }
        doc
    }

    /// The term an exact-key field holds for `value`.
    fn key_term(&self, field: Field, value: &str) -> Term {
        Term::from_field_text(field, &crate::db::key(value))
    }

    /// Parses a user query and adds the filter clauses; `sources` are SHA-256s to restrict to;
    /// `units` gives the units of the entity a name designates (for `entity:` terms).
    fn query(
        &self,
        text: &str,
        filter: &Filter,
        sources: Option<&[String]>,
        units: &dyn Fn(&str) -> Result<Vec<String>>,
    ) -> Result<Box<dyn Query>> {
        if let Some(why) = &self.unreadable {
            return Err(Error::IndexUnreadable {
                path: self.path.clone(),
                detail: why.clone(),
            });
        }
        let f = self.fields;
        let user: Box<dyn Query> = if text.trim().is_empty() {
            Box::new(AllQuery)
        } else {
            let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.subtitle, f.body]);
            parser.set_field_boost(f.title, 2.0);
            parser.set_conjunction_by_default();
            let bad = |message: String| Error::Query {
                query: text.to_string(),
                message,
            };
            let limit = self.max_query_depth;
            if query_depth(text) > limit {
                // The query is cut in the message: it may be 100 kB of parentheses.
                let cut: String = text.chars().take(40).collect();
                return Err(Error::Query {
                    query: if cut.len() < text.len() {
                        format!("{cut}…")
                    } else {
                        cut
                    },
                    message: format!(
                        "query nested deeper than {limit} (parentheses and NOTs; --max-query-depth)"
                    ),
                });
            }
            let ast = tantivy::query_grammar::parse_query(text)
                .map_err(|_| bad("syntax error".to_string()))?;
            let ast = if f.entity.is_some() {
                entities_as_units(ast, units)?
            } else if mentions_entity(&ast) {
                return Err(bad(
                    "this corpus's index predates entity search; run `cuttings reindex --index-only`"
                        .to_string(),
                ));
            } else {
                ast
            };
            parser
                .build_query_from_user_input_ast(negations_from_all(ast))
                .map_err(|e| bad(e.to_string()))?
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, user)];
        if let Some(o) = &filter.outlet {
            let term = self.key_term(f.outlet, o);
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        if let Some(a) = &filter.author {
            let term = self.key_term(f.author, a);
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        if filter.from.is_some() || filter.to.is_some() {
            let bound = |d: Option<Date>| match d {
                Some(d) => Bound::Included(Term::from_field_i64(f.day, day(d))),
                None => Bound::Unbounded,
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(filter.from), bound(filter.to))),
            ));
        }
        if let Some(hashes) = sources {
            let any: Vec<(Occur, Box<dyn Query>)> = hashes
                .iter()
                .map(|h| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(f.source, h),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        Ok(if clauses.len() == 1 {
            clauses.remove(0).1
        } else {
            Box::new(BooleanQuery::new(clauses))
        })
    }

    /// Runs a search; returns the total, one page of ids with scores in the page's order, facet
    /// counts and a snippet maker. Without `resolve`, the page's ids are not read: the hits stay
    /// as addresses (a few bytes each), for [`Found::ids`] to read a part at a time.
    pub fn search(
        &self,
        text: &str,
        filter: &Filter,
        sources: Option<&[String]>,
        page: &Page,
        units: &dyn Fn(&str) -> Result<Vec<String>>,
        resolve: bool,
    ) -> Result<Found> {
        let query = self.query(text, filter, sources, units)?;
        let searcher = self.reader.searcher();
        let mut facets = FacetCollector::for_field("facet");
        for root in [
            "/outlet",
            "/author",
            "/year",
            "/month",
            "/language",
            "/kind",
        ] {
            facets.add_facet(root);
        }
        // Entity units are many (tens of thousands in a big corpus): an index of version 3 counts
        // them with a terms aggregation over a fast field, which names only the top ones; older
        // indexes have them as facets.
        let entity_fast = self
            .fields
            .entity
            .is_some_and(|f| self.index.schema().get_field_entry(f).is_fast());
        if !entity_fast {
            facets.add_facet("/entity");
        }
        // TopDocs allocates for its limit up front, so a "show everything" limit is capped.
        let cap = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let limit = page.limit.min(cap.saturating_sub(page.offset)).max(1);
        let top = TopDocs::with_limit(limit).and_offset(page.offset.min(cap));
        let (total, counts, addrs): (usize, FacetCounts, Vec<(f32, DocAddress)>) = match page.sort {
            Sort::Relevance => {
                let (total, top, counts) = searcher
                    .search(&*query, &(Count, top.order_by_score(), facets))
                    .map_err(|e| self.err(e))?;
                (total, counts, top)
            }
            Sort::Newest | Sort::Oldest => {
                let order = if page.sort == Sort::Newest {
                    Order::Desc
                } else {
                    Order::Asc
                };
                let by_day = top.order_by_fast_field::<i64>("day", order);
                let (total, top, counts) = searcher
                    .search(&*query, &(Count, by_day, facets))
                    .map_err(|e| self.err(e))?;
                // Scores are not computed when sorting by date.
                let top = top.into_iter().map(|(_, addr)| (0.0, addr)).collect();
                (total, counts, top)
            }
        };
        let (hits, rest) = if resolve {
            let mut hits = Vec::new();
            for (score, addr) in addrs.into_iter().take(page.limit) {
                if let Some(id) = self.stored_id(&searcher, addr)? {
                    hits.push((id, score));
                }
            }
            (hits, Vec::new())
        } else {
            (Vec::new(), addrs)
        };
        let mut snippets = SnippetGenerator::create(&searcher, &*query, self.fields.body)
            .map_err(|e| self.err(e))?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let entity = if entity_fast {
            self.top_units(&searcher, &*query)?
        } else {
            facet_counts(&counts, "/entity")
        };
        Ok(Found {
            total,
            hits,
            rest,
            searcher,
            facets: Facets {
                outlet: facet_counts(&counts, "/outlet"),
                author: facet_counts(&counts, "/author"),
                year: facet_counts(&counts, "/year"),
                month: facet_counts(&counts, "/month"),
                // units here; the corpus turns them into entities
                entity,
                language: facet_counts(&counts, "/language"),
                kind: facet_counts(&counts, "/kind"),
            },
            snippets,
        })
    }

    /// The entity units named in most matching articles (at most [`ENTITY_UNITS`]), most first.
    fn top_units(&self, searcher: &Searcher, query: &dyn Query) -> Result<Vec<(String, u64)>> {
        let request: Aggregations = serde_json::from_value(serde_json::json!({
            "units": {"terms": {"field": "entity", "size": ENTITY_UNITS, "shard_size": ENTITY_UNITS * 4}}
        }))
        .map_err(|e| self.err(tantivy::TantivyError::InvalidArgument(e.to_string())))?;
        let collector = AggregationCollector::from_aggs(
            request,
            AggContextParams::new(
                AggregationLimitsGuard::default(),
                self.index.tokenizers().clone(),
            ),
        );
        let result = searcher
            .search(query, &collector)
            .map_err(|e| self.err(e))?;
        let value = serde_json::to_value(&result)
            .map_err(|e| self.err(tantivy::TantivyError::InternalError(e.to_string())))?;
        let mut out: Vec<(String, u64)> = value["units"]["buckets"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|b| Some((b["key"].as_str()?.to_string(), b["doc_count"].as_u64()?)))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(out)
    }

    /// How many articles match.
    pub fn count(
        &self,
        text: &str,
        filter: &Filter,
        sources: Option<&[String]>,
        units: &dyn Fn(&str) -> Result<Vec<String>>,
    ) -> Result<usize> {
        let query = self.query(text, filter, sources, units)?;
        let searcher = self.reader.searcher();
        searcher.search(&*query, &Count).map_err(|e| self.err(e))
    }

    /// Which of `ids` match the query and filter (in no particular order).
    pub fn matching_among(
        &self,
        text: &str,
        filter: &Filter,
        sources: Option<&[String]>,
        units: &dyn Fn(&str) -> Result<Vec<String>>,
        ids: &[&str],
    ) -> Result<Vec<String>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let terms = ids
            .iter()
            .map(|id| Term::from_field_text(self.fields.id, id));
        let among: Box<dyn Query> = Box::new(TermSetQuery::new(terms));
        let query = BooleanQuery::new(vec![
            (Occur::Must, self.query(text, filter, sources, units)?),
            (Occur::Must, among),
        ]);
        let searcher = self.reader.searcher();
        let docs = searcher
            .search(&query, &DocSetCollector)
            .map_err(|e| self.err(e))?;
        // In storage order, so that each compressed block of the doc store is read once.
        let mut docs: Vec<DocAddress> = docs.into_iter().collect();
        docs.sort_unstable();
        let mut out = Vec::with_capacity(docs.len());
        for addr in docs {
            if let Some(id) = self.stored_id(&searcher, addr)? {
                out.push(id);
            }
        }
        Ok(out)
    }
}

/// The raw answer of the index to a search.
pub(crate) struct Found {
    pub total: usize,
    pub hits: Vec<(String, f32)>,
    /// The page's hits not yet read from the index (a search told not to resolve them), in
    /// order.
    rest: Vec<(f32, DocAddress)>,
    searcher: Searcher,
    pub facets: Facets,
    snippets: SnippetGenerator,
}

impl Found {
    /// How many hits were left unread ([`Found::ids`] reads them).
    pub fn unread(&self) -> usize {
        self.rest.len()
    }

    /// The ids and scores of the unread hits `range`, read from the index's doc store.
    pub fn ids(&self, index: &TextIndex, range: Range<usize>) -> Result<Vec<(String, f32)>> {
        let end = range.end.min(self.rest.len());
        let start = range.start.min(end);
        let mut ids = Vec::with_capacity(end - start);
        for &(score, addr) in &self.rest[start..end] {
            if let Some(id) = index.stored_id(&self.searcher, addr)? {
                ids.push((id, score));
            }
        }
        Ok(ids)
    }

    /// The best passage of `body` for the query, or its start when nothing in the body matched.
    pub fn snippet(&self, body: &str) -> Snippet {
        let s = self.snippets.snippet(body);
        if !s.fragment().is_empty() {
            return Snippet {
                text: s.fragment().to_string(),
                highlights: s.highlighted().to_vec(),
            };
        }
        let end = body
            .char_indices()
            .nth(SNIPPET_CHARS)
            .map_or(body.len(), |(i, _)| i);
        // Cut at the last space so the passage does not end mid-word.
        let end = if end < body.len() {
            body[..end].rfind(' ').unwrap_or(end)
        } else {
            end
        };
        Snippet {
            text: body[..end].to_string(),
            highlights: Vec::new(),
        }
    }
}

/// The index folder of a corpus on read-only media: tantivy's `MmapDirectory`, but taking no
/// lock (issue #17). A reader locks `.tantivy-meta.lock` while it reads `meta.json`, against a
/// writer's removal of old files; on read-only media there is no writer, and the lock file
/// cannot be created.
#[derive(Clone, Debug)]
struct ReadOnlyDirectory(MmapDirectory);

impl Directory for ReadOnlyDirectory {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> std::result::Result<std::sync::Arc<dyn tantivy::directory::FileHandle>, OpenReadError>
    {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> std::result::Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> std::result::Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(
        &self,
        path: &Path,
    ) -> std::result::Result<tantivy::directory::WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> std::result::Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(
        &self,
        _lock: &tantivy::directory::Lock,
    ) -> std::result::Result<tantivy::directory::DirectoryLock, LockError> {
        Ok(tantivy::directory::DirectoryLock::from(Box::new(())))
    }

    fn watch(
        &self,
        callback: tantivy::directory::WatchCallback,
    ) -> tantivy::Result<tantivy::directory::WatchHandle> {
        self.0.watch(callback)
    }
}

/// The file of the lock [`TextIndex::lock_opening`] takes, in the corpus folder.
const OPENING_LOCK: &str = "opening.lock";

/// How deep a query may nest groups `( … )` and `NOT`s by default: 64 (issue #17;
/// `cuttings_model::limits::MAX_QUERY_DEPTH`, set per corpus with
/// [`crate::Corpus::set_max_query_depth`]).
///
/// tantivy's query grammar, and the rewrites of its syntax tree here, recurse once per level; 10,000
/// parentheses or 30,000 `NOT`s overflowed the stack and aborted the process. No real query nests
/// a tenth as deep.
pub const MAX_QUERY_DEPTH: usize = cuttings_model::limits::MAX_QUERY_DEPTH;

/// An upper bound of how deep `text` nests groups and `NOT`s in tantivy's grammar: open
/// parentheses plus the `NOT`s in a row before a term.
///
/// In what looks like a quoted phrase (a closed quote where a term may start) a `)` closes
/// nothing, but a `(` still counts: should the grammar not read a phrase there, the bound only
/// grows, never shrinks.
pub(crate) fn query_depth(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut open, mut nots, mut max) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let term_start = i == 0
            || matches!(
                b[i - 1],
                b' ' | b'\t' | b'\n' | b'\r' | b'(' | b':' | b'+' | b'-'
            );
        if (c == b'"' || c == b'\'') && term_start {
            let mut j = i + 1;
            while j < b.len() && b[j] != c {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            if j < b.len() {
                open += b[i..j].iter().filter(|&&c| c == b'(').count();
                max = max.max(open + nots);
                i = j + 1;
                nots = 0;
                continue;
            }
        }
        match c {
            b'(' => open += 1,
            b')' => open = open.saturating_sub(1),
            c if c.is_ascii_whitespace() => {}
            _ => {
                let end = b[i..]
                    .iter()
                    .position(|c| c.is_ascii_whitespace() || *c == b'(' || *c == b')')
                    .map_or(b.len(), |p| i + p);
                if &b[i..end] == b"NOT" {
                    nots += 1;
                } else {
                    nots = 0;
                }
                max = max.max(open + nots);
                i = end;
                continue;
            }
        }
        max = max.max(open + nots);
        i += 1;
    }
    max
}

/// Replaces each `entity:NAME` term by the set of units of the entity `NAME` designates (an
/// empty set, matching nothing, when it designates none).
fn entities_as_units(
    ast: UserInputAst,
    units: &dyn Fn(&str) -> Result<Vec<String>>,
) -> Result<UserInputAst> {
    Ok(match ast {
        UserInputAst::Clause(children) => UserInputAst::Clause(
            children
                .into_iter()
                .map(|(occur, child)| Ok((occur, entities_as_units(child, units)?)))
                .collect::<Result<_>>()?,
        ),
        UserInputAst::Boost(inner, boost) => {
            UserInputAst::Boost(Box::new(entities_as_units(*inner, units)?), boost)
        }
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Literal(lit) if lit.field_name.as_deref() == Some("entity") => {
                UserInputAst::Leaf(Box::new(UserInputLeaf::Set {
                    field: Some("entity".to_string()),
                    elements: units(&lit.phrase)?,
                }))
            }
            leaf => UserInputAst::Leaf(Box::new(leaf)),
        },
    })
}

/// True when the query has an `entity:` term.
fn mentions_entity(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(children) => children.iter().any(|(_, c)| mentions_entity(c)),
        UserInputAst::Boost(inner, _) => mentions_entity(inner),
        UserInputAst::Leaf(leaf) => matches!(&**leaf,
            UserInputLeaf::Literal(lit) if lit.field_name.as_deref() == Some("entity")),
    }
}

/// Makes purely negative clauses (`NOT x`, `a AND NOT b`) mean "everything except x".
///
/// tantivy matches nothing for a boolean query with only `MustNot` clauses, which surprises users
/// who write `Tirana AND NOT Rajavi` (parsed as `+Tirana +(-Rajavi)`).
fn negations_from_all(ast: UserInputAst) -> UserInputAst {
    match ast {
        UserInputAst::Clause(children) => {
            let mut children: Vec<_> = children
                .into_iter()
                .map(|(occur, child)| (occur, negations_from_all(child)))
                .collect();
            if !children.is_empty()
                && children
                    .iter()
                    .all(|(occur, _)| *occur == Some(Occur::MustNot))
            {
                children.push((
                    Some(Occur::Must),
                    UserInputAst::Leaf(Box::new(UserInputLeaf::All)),
                ));
            }
            UserInputAst::Clause(children)
        }
        UserInputAst::Boost(inner, boost) => {
            UserInputAst::Boost(Box::new(negations_from_all(*inner)), boost)
        }
        leaf @ UserInputAst::Leaf(_) => leaf,
    }
}

fn facet_counts(counts: &FacetCounts, root: &str) -> Vec<(String, u64)> {
    let mut merged: BTreeMap<String, u64> = BTreeMap::new();
    for (facet, n) in counts.get(root) {
        if let Some(name) = facet.to_path().last() {
            *merged.entry((*name).to_string()).or_insert(0) += n;
        }
    }
    let mut out: Vec<(String, u64)> = merged.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

impl TextIndex {
    /// Calls `f` with the id of every article matching `text` and the filter, in no particular
    /// order, without scoring or ranking them (the exports of issue #15 stream every match:
    /// only one segment's document numbers, 4 bytes a match, are held at a time).
    pub(crate) fn for_each_match(
        &self,
        text: &str,
        filter: &Filter,
        sources: Option<&[String]>,
        units: &dyn Fn(&str) -> Result<Vec<String>>,
        f: &mut dyn FnMut(&str) -> Result<()>,
    ) -> Result<()> {
        let query = self.query(text, filter, sources, units)?;
        let searcher = self.reader.searcher();
        let weight = query
            .weight(tantivy::query::EnableScoring::disabled_from_searcher(
                &searcher,
            ))
            .map_err(|e| self.err(e))?;
        for segment in searcher.segment_readers() {
            let mut docs = Vec::new();
            weight
                .for_each_no_score(segment, &mut |found| docs.extend_from_slice(found))
                .map_err(|e| self.err(e))?;
            let store = segment
                .get_store_reader(16)
                .map_err(|e| self.err(e.into()))?;
            for doc in docs {
                if segment.is_deleted(doc) {
                    continue;
                }
                let stored: TantivyDocument = store.get(doc).map_err(|e| self.err(e))?;
                if let Some(id) = stored.get_first(self.fields.id).and_then(|v| v.as_str()) {
                    f(id)?;
                }
            }
        }
        Ok(())
    }
}
