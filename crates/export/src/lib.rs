//! Exports of a cuttings corpus to the formats other tools read (issue #15): JSON Lines and CSV
//! (articles with the keys of the output contract), Parquet (five typed tables), FollowTheMoney
//! entities (Aleph, OpenAleph) and GEXF graphs (Gephi).
//!
//! Every export streams: the articles a [`Selection`] takes are read from the corpus a page at
//! a time and written as they come, so memory does not grow with the number of articles.
//! What is kept across pages is small and said per format: the entity rows named so far (4
//! bytes per entity of the corpus) for Parquet, FtM and GEXF, and the graph itself for GEXF
//! (its nodes and weighted edges, which a GEXF file must list before anything is known of the
//! last article).
//!
//! Ingested text is untrusted: JSON is escaped by `serde_json`, XML by [`gexf`]'s escaper (control
//! characters XML cannot hold are dropped), and CSV fields a spreadsheet would run as formulas
//! start with `'` ([`csv::row`]).
//!
//! ```no_run
//! use cuttings_export::{export, Format, Target};
//! use cuttings_store::{Corpus, Filter};
//!
//! # fn main() -> Result<(), cuttings_export::Error> {
//! let corpus = Corpus::open_existing(std::path::Path::new("corpus"))?;
//! let selection = corpus.select(Some("entity:\"Maryam Rajavi\""), &Filter::default())?;
//! let mut out = std::io::stdout().lock();
//! let summary = export(&corpus, &selection, Format::Jsonl, Target::Writer(&mut out), &mut |_| {})?;
//! eprintln!("{} articles", summary.articles);
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

pub mod csv;
mod ftm;
pub mod gexf;
pub mod import;
mod parquet_tables;

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use cuttings_model::{Article, ReuseLink};
pub use cuttings_store::Selection;
use cuttings_store::{Corpus, EntityRecord, EntityRef};
use cuttings_wire::ArticleLine;

/// Articles read from the corpus at a time.
pub const PAGE: usize = 500;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The corpus could not be read.
    #[error(transparent)]
    Store(#[from] cuttings_store::Error),
    /// The output could not be written (a closed pipe included).
    #[error("writing the export")]
    Write(#[source] io::Error),
    /// A file or folder of the export could not be made or written.
    #[error("writing {path}: {source}")]
    File {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
    /// A Parquet file could not be written.
    #[error("writing {path}: {source}")]
    Parquet {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: parquet::errors::ParquetError,
    },
    /// An Arrow batch could not be built (a bug: the columns disagree).
    #[error("building a table for {path}: {source}")]
    Arrow {
        /// The file it was for.
        path: PathBuf,
        /// What went wrong.
        source: arrow_schema::ArrowError,
    },
    /// A table to import does not have the export's shape.
    #[error("reading {path}: {what}")]
    Table {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        what: String,
    },
    /// The format needs another kind of target (Parquet writes a folder, the others a stream).
    #[error("{0}")]
    Target(&'static str),
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        Error::Write(e.into())
    }
}

/// The crate's result.
pub type Result<T> = std::result::Result<T, Error>;

/// What an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One article a line, the keys of `articles --format jsonl`.
    Jsonl,
    /// The same articles as CSV (RFC 4180), lists flattened (see [`csv::HEADER`]).
    Csv,
    /// `articles`, `mentions`, `entities`, `quotes` and `reuse` `.parquet` files in a folder.
    Parquet,
    /// FollowTheMoney entities as JSON lines.
    Ftm,
    /// The co-mention network of the entities, GEXF 1.3.
    Gexf,
    /// The outlet reuse network (outlets joined by the reprints and partial reuse between their
    /// articles), GEXF 1.3.
    GexfOutlets,
}

/// Where an export goes.
pub enum Target<'a> {
    /// A stream (a file or stdout), for every format but Parquet.
    Writer(&'a mut dyn Write),
    /// A folder, created when missing, for Parquet.
    Dir(&'a Path),
}

/// What an export wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles exported.
    pub articles: u64,
    /// Entities exported (Parquet, FtM; GEXF: entity nodes).
    pub entities: u64,
    /// Mentions of entities in the articles (Parquet rows; FtM links).
    pub mentions: u64,
    /// Quotations (Parquet).
    pub quotes: u64,
    /// Pairs of articles sharing passages (Parquet).
    pub reuse: u64,
    /// Graph nodes (GEXF).
    pub nodes: u64,
    /// Graph edges (GEXF).
    pub edges: u64,
}

/// Exports the articles of `selection` in `format` to `target`; `progress` is called with the
/// number of articles done after each page.
pub fn export(
    corpus: &Corpus,
    selection: &Selection,
    format: Format,
    target: Target<'_>,
    progress: &mut dyn FnMut(u64),
) -> Result<Summary> {
    match (format, target) {
        (Format::Parquet, Target::Dir(dir)) => {
            parquet_tables::write(corpus, selection, dir, progress)
        }
        (Format::Parquet, Target::Writer(_)) => Err(Error::Target(
            "parquet writes a folder of files: give it one (--out DIR)",
        )),
        (_, Target::Dir(_)) => Err(Error::Target(
            "this format writes one stream: give it a file or stdout",
        )),
        (Format::Jsonl, Target::Writer(out)) => csv::jsonl(corpus, selection, out, progress),
        (Format::Csv, Target::Writer(out)) => csv::csv(corpus, selection, out, progress),
        (Format::Ftm, Target::Writer(out)) => ftm::write(corpus, selection, out, progress),
        (Format::Gexf, Target::Writer(out)) => gexf::entities(corpus, selection, out, progress),
        (Format::GexfOutlets, Target::Writer(out)) => {
            gexf::outlets(corpus, selection, out, progress)
        }
    }
}

/// One selected article as the exports see it.
pub(crate) struct Item {
    /// The article as stored.
    pub article: Article,
    /// It in the shape of the output contract, `reuse` filled in.
    pub line: ArticleLine,
    /// Its links with other articles (all of them, selected or not).
    pub links: Vec<ReuseLink>,
    /// The bodies of the other articles of its links, by id.
    pub others: HashMap<String, String>,
}

/// Calls `f` with every selected article, in the order they were stored, a page at a time.
pub(crate) fn walk(
    corpus: &Corpus,
    selection: &Selection,
    progress: &mut dyn FnMut(u64),
    f: &mut dyn FnMut(Item) -> Result<()>,
) -> Result<u64> {
    let mut cursor = 0;
    let mut done = 0u64;
    loop {
        let (page, next) = corpus.selected(selection, cursor, PAGE)?;
        if page.is_empty() {
            break;
        }
        cursor = next;
        for article in page {
            let links = corpus.reuse_of(&article.id.0)?;
            let mut bodies: HashMap<String, String> = HashMap::new();
            for l in &links {
                let other = if l.a == article.id { &l.b } else { &l.a };
                if let Some(body) = corpus.body_of(&other.0)? {
                    bodies.insert(other.0.clone(), body);
                }
            }
            let mut line = ArticleLine::from(&article);
            let refs: Vec<&ReuseLink> = links.iter().collect();
            line.reuse = cuttings_wire::reuse_lines(&article, &refs, |id| {
                bodies.get(id).map(String::as_str)
            });
            f(Item {
                article,
                line,
                links,
                others: bodies,
            })?;
            done += 1;
        }
        progress(done);
    }
    Ok(done)
}

/// The entity rows named by the exported articles, with how many of them name each (4 bytes
/// per entity row of the corpus).
pub(crate) struct Named {
    articles: Vec<u32>,
}

impl Named {
    pub fn new(corpus: &Corpus) -> Result<Named> {
        let rows = usize::try_from(corpus.entity_rows()?).unwrap_or(0);
        Ok(Named {
            articles: vec![0; rows + 1],
        })
    }

    /// Notes the distinct rows of one article; returns them sorted.
    pub fn add(&mut self, rows: &[Option<EntityRef>]) -> Vec<i64> {
        let mut distinct: Vec<i64> = rows.iter().flatten().map(|e| e.row).collect();
        distinct.sort_unstable();
        distinct.dedup();
        for &r in &distinct {
            if let Some(n) = usize::try_from(r)
                .ok()
                .and_then(|r| self.articles.get_mut(r))
            {
                *n += 1;
            }
        }
        distinct
    }

    /// How many exported articles name the entity of this row.
    pub fn articles(&self, row: i64) -> u32 {
        usize::try_from(row)
            .ok()
            .and_then(|r| self.articles.get(r))
            .copied()
            .unwrap_or(0)
    }

    /// Calls `f` with each entity named by the exported articles, by row.
    pub fn for_each(
        &self,
        corpus: &Corpus,
        f: &mut dyn FnMut(EntityRecord) -> Result<()>,
    ) -> Result<()> {
        corpus.for_each_entity::<Error>(&mut |e| {
            if self.articles(e.row) > 0 {
                f(e)?;
            }
            Ok(())
        })
    }
}

/// A stable id from parts: 32 hex digits of the SHA-256 of the parts joined by NUL.
pub(crate) fn stable_id(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.update([0u8]);
        }
        h.update(p.as_bytes());
    }
    h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The stable id of an entity in every export: `e` and a hash of its key (see
/// [`EntityRecord::key`]), the same in Parquet, FtM and GEXF.
pub fn entity_id(key: &str) -> String {
    format!("e{}", stable_id(&[key]))
}
