//! Articles back from an `articles.parquet` table (the export's, or one written the same way by a
//! cluster job): the way back for `cuttings import --parquet` (issue #15), with the links of
//! its reuse table.
//!
//! The table must have the columns of the export's `articles.parquet` (see
//! [`crate::Format::Parquet`]); extra columns are ignored. Offsets are turned back from
//! characters into bytes of the body. What the table does not hold is left empty: provenance
//! spans (so `show` has no source text to print), dropped furniture and line roles.

use std::fs::File;
use std::path::{Path, PathBuf};

use arrow_array::{
    Array, BooleanArray, Date32Array, Float32Array, Int32Array, Int64Array, ListArray, RecordBatch,
    StringArray, StructArray,
};
use cuttings_model::{
    Article, ArticleId, ArticleKind, Confidence, Date, EntityKind, EntityMention, Provenance,
    QuoteMention, SourceRef,
};
use cuttings_wire::{LinkLine, LinkPassageLine};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::{Error, Result};

/// The articles of one source, in table order.
#[derive(Clone, Debug)]
pub struct SourceArticles {
    /// The source's path, as in the table.
    pub path: String,
    /// Its SHA-256.
    pub sha256: String,
    /// Its articles.
    pub articles: Vec<Article>,
}

fn bad(path: &Path, what: String) -> Error {
    Error::Table {
        path: path.to_path_buf(),
        what,
    }
}

fn column<'a, T: 'static>(b: &'a RecordBatch, name: &str, path: &Path) -> Result<&'a T> {
    b.column_by_name(name)
        .and_then(|c| c.as_any().downcast_ref::<T>())
        .ok_or_else(|| bad(path, format!("no column {name} of the export's type")))
}

fn field<'a, T: 'static>(s: &'a StructArray, name: &str, path: &Path) -> Result<&'a T> {
    s.column_by_name(name)
        .and_then(|c| c.as_any().downcast_ref::<T>())
        .ok_or_else(|| bad(path, format!("no field {name} of the export's type")))
}

fn opt(a: &StringArray, i: usize) -> Option<String> {
    a.is_valid(i).then(|| a.value(i).to_string())
}

/// Byte offsets of character offsets into `text` (clamped to its end).
fn byte_offset(text: &str, chars: i64) -> usize {
    let n = usize::try_from(chars).unwrap_or(0);
    text.char_indices().nth(n).map_or(text.len(), |(b, _)| b)
}

/// A `date32` as a date.
fn date(days: i32) -> Option<Date> {
    Date::constant(1970, 1, 1)
        .checked_add(jiff::Span::new().days(i64::from(days)))
        .ok()
}

/// The Parquet files of table `name` in `dir`: `DIR/NAME.parquet` as one file (the export's),
/// or the part files inside a folder `DIR/NAME.parquet/` or `DIR/NAME/` (a cluster job's, as
/// Spark writes them), in name order. Hidden files, `_SUCCESS` and checksums are not parts.
/// `None` when there is no such table.
pub fn table_files(dir: &Path, name: &str) -> Result<Option<Vec<PathBuf>>> {
    for candidate in [dir.join(format!("{name}.parquet")), dir.join(name)] {
        if candidate.is_file() {
            return Ok(Some(vec![candidate]));
        }
        if !candidate.is_dir() {
            continue;
        }
        let listing = std::fs::read_dir(&candidate).map_err(|source| Error::File {
            path: candidate.clone(),
            source,
        })?;
        let mut parts = Vec::new();
        for entry in listing {
            let entry = entry.map_err(|source| Error::File {
                path: candidate.clone(),
                source,
            })?;
            let file_name = entry.file_name();
            let n = file_name.to_string_lossy();
            if n.ends_with(".parquet") && !n.starts_with(['.', '_']) {
                parts.push(entry.path());
            }
        }
        parts.sort();
        return Ok(Some(parts));
    }
    Ok(None)
}

/// The record batches of one Parquet file, a thousand rows at a time.
fn batches(path: &Path) -> Result<impl Iterator<Item = Result<RecordBatch>>> {
    let file = File::open(path).map_err(|source| Error::File {
        path: path.to_path_buf(),
        source,
    })?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|b| b.with_batch_size(1024).build())
        .map_err(|source| Error::Parquet {
            path: path.to_path_buf(),
            source,
        })?;
    let path = path.to_path_buf();
    Ok(reader.map(move |b| {
        b.map_err(|source| Error::Arrow {
            path: path.clone(),
            source,
        })
    }))
}

/// Reads the `articles` table of `dir` (see [`table_files`]) and calls `f` with the articles of
/// each source, a source at a time (a row group at a time is read). The articles of one source
/// must stand together in the table, as the export and the cluster job write them.
pub fn read_articles(dir: &Path, f: &mut dyn FnMut(SourceArticles) -> Result<()>) -> Result<u64> {
    let files = table_files(dir, "articles")?
        .filter(|f| !f.is_empty())
        .ok_or_else(|| {
            bad(
                dir,
                "no articles.parquet (a file, or a folder of parts)".into(),
            )
        })?;
    let mut current: Option<SourceArticles> = None;
    let mut done: std::collections::HashSet<String> = Default::default();
    let mut count = 0u64;
    for path in &files {
        for b in batches(path)? {
            for a in articles_of(&b?, path)? {
                count += 1;
                if current
                    .as_ref()
                    .is_some_and(|c| c.sha256 != a.source.sha256)
                {
                    let c = current.take().expect("checked");
                    done.insert(c.sha256.clone());
                    f(c)?;
                }
                if done.contains(&a.source.sha256) {
                    return Err(bad(
                        path,
                        format!(
                            "the articles of source {} do not stand together (sort the table by source.sha256)",
                            a.source.sha256
                        ),
                    ));
                }
                current
                    .get_or_insert_with(|| SourceArticles {
                        path: a.source.path.clone(),
                        sha256: a.source.sha256.clone(),
                        articles: Vec::new(),
                    })
                    .articles
                    .push(a);
            }
        }
    }
    if let Some(c) = current {
        f(c)?;
    }
    Ok(count)
}

/// Reads the `reuse` table of `dir` (see [`table_files`]) and calls `f` with each link, a
/// record batch at a time; `Ok(None)` when there is no reuse table. Passages without a
/// `quoted` column (exports made before it) count as not quoted.
pub fn read_reuse(
    dir: &Path,
    f: &mut dyn FnMut(Vec<LinkLine>) -> Result<()>,
) -> Result<Option<u64>> {
    let Some(files) = table_files(dir, "reuse")? else {
        return Ok(None);
    };
    let mut count = 0u64;
    for path in &files {
        for b in batches(path)? {
            let links = links_of(&b?, path)?;
            count += links.len() as u64;
            f(links)?;
        }
    }
    Ok(Some(count))
}

/// The links of one record batch of a reuse table.
fn links_of(b: &RecordBatch, path: &Path) -> Result<Vec<LinkLine>> {
    let a = column::<StringArray>(b, "a", path)?;
    let b_id = column::<StringArray>(b, "b", path)?;
    let kind = column::<StringArray>(b, "kind", path)?;
    let words = column::<Int32Array>(b, "words", path)?;
    let share_a = column::<Float32Array>(b, "share_a", path)?;
    let share_b = column::<Float32Array>(b, "share_b", path)?;
    let passages = column::<ListArray>(b, "passages", path)?;
    let mut out = Vec::with_capacity(b.num_rows());
    for i in 0..b.num_rows() {
        let p = passages.value(i);
        let p = p
            .as_any()
            .downcast_ref::<StructArray>()
            .ok_or_else(|| bad(path, "passages is no list of structs".into()))?;
        let ints: Vec<&Int64Array> = ["a_start", "a_end", "b_start", "b_end"]
            .iter()
            .map(|n| field::<Int64Array>(p, n, path))
            .collect::<Result<_>>()?;
        let p_words = field::<Int32Array>(p, "words", path)?;
        let quoted = p
            .column_by_name("quoted")
            .and_then(|c| c.as_any().downcast_ref::<BooleanArray>());
        let at = |col: usize, j: usize| usize::try_from(ints[col].value(j)).unwrap_or(0);
        out.push(LinkLine {
            a: a.value(i).to_string(),
            b: b_id.value(i).to_string(),
            kind: kind.value(i).to_string(),
            words: u32::try_from(words.value(i)).unwrap_or(0),
            share_a: share_a.value(i),
            share_b: share_b.value(i),
            passages: (0..p.len())
                .map(|j| LinkPassageLine {
                    a_start: at(0, j),
                    a_end: at(1, j),
                    b_start: at(2, j),
                    b_end: at(3, j),
                    words: u32::try_from(p_words.value(j)).unwrap_or(0),
                    quoted: quoted.is_some_and(|q| q.is_valid(j) && q.value(j)),
                })
                .collect(),
        });
    }
    Ok(out)
}

/// The articles of one record batch.
fn articles_of(b: &RecordBatch, path: &Path) -> Result<Vec<Article>> {
    let id = column::<StringArray>(b, "id", path)?;
    let title = column::<StringArray>(b, "title", path)?;
    let subtitle = column::<StringArray>(b, "subtitle", path)?;
    let dates = column::<Date32Array>(b, "date", path)?;
    let outlet = column::<StringArray>(b, "outlet", path)?;
    let authors = column::<ListArray>(b, "authors", path)?;
    let language = column::<StringArray>(b, "language", path)?;
    let body = column::<StringArray>(b, "body", path)?;
    let kind = column::<StringArray>(b, "kind", path)?;
    let source = column::<StructArray>(b, "source", path)?;
    let s_path = field::<StringArray>(source, "path", path)?;
    let s_sha = field::<StringArray>(source, "sha256", path)?;
    let s_first = field::<Int32Array>(source, "first_page", path)?;
    let s_last = field::<Int32Array>(source, "last_page", path)?;
    let entities = column::<ListArray>(b, "entities", path)?;
    let quotes = column::<ListArray>(b, "quotes", path)?;
    let confidence = column::<StructArray>(b, "confidence", path)?;
    let conf: Vec<&Float32Array> = ["boundary", "title", "date", "outlet", "authors"]
        .iter()
        .map(|n| field::<Float32Array>(confidence, n, path))
        .collect::<Result<_>>()?;
    let mut out = Vec::with_capacity(b.num_rows());
    for i in 0..b.num_rows() {
        let body = body.value(i).to_string();
        let a = authors.value(i);
        let a = a
            .as_any()
            .downcast_ref::<StringArray>()
            .ok_or_else(|| bad(path, "authors is no list of strings".into()))?;
        let e = entities.value(i);
        let e = e
            .as_any()
            .downcast_ref::<StructArray>()
            .ok_or_else(|| bad(path, "entities is no list of structs".into()))?;
        let (e_name, e_type, e_canon) = (
            field::<StringArray>(e, "name", path)?,
            field::<StringArray>(e, "type", path)?,
            field::<StringArray>(e, "canonical", path)?,
        );
        let (e_start, e_end) = (
            field::<Int64Array>(e, "start", path)?,
            field::<Int64Array>(e, "end", path)?,
        );
        let mut names = Vec::with_capacity(e.len());
        for j in 0..e.len() {
            let kind = EntityKind::parse(e_type.value(j))
                .ok_or_else(|| bad(path, format!("entity type {:?}", e_type.value(j))))?;
            names.push(EntityMention {
                name: e_name.value(j).to_string(),
                kind,
                canonical: e_canon.value(j).to_string(),
                start: byte_offset(&body, e_start.value(j)),
                end: byte_offset(&body, e_end.value(j)),
            });
        }
        let q = quotes.value(i);
        let q = q
            .as_any()
            .downcast_ref::<StructArray>()
            .ok_or_else(|| bad(path, "quotes is no list of structs".into()))?;
        let (q_speaker, q_canon, q_text) = (
            field::<StringArray>(q, "speaker", path)?,
            field::<StringArray>(q, "canonical", path)?,
            field::<StringArray>(q, "text", path)?,
        );
        let (q_start, q_end) = (
            field::<Int64Array>(q, "start", path)?,
            field::<Int64Array>(q, "end", path)?,
        );
        let said = (0..q.len())
            .map(|j| QuoteMention {
                speaker: opt(q_speaker, j),
                canonical: opt(q_canon, j),
                text: q_text.value(j).to_string(),
                start: byte_offset(&body, q_start.value(j)),
                end: byte_offset(&body, q_end.value(j)),
            })
            .collect();
        let kind_name = kind.value(i);
        out.push(Article {
            id: ArticleId(id.value(i).to_string()),
            title: opt(title, i),
            subtitle: opt(subtitle, i),
            date: if dates.is_valid(i) {
                date(dates.value(i))
            } else {
                None
            },
            outlet: opt(outlet, i),
            authors: (0..a.len()).map(|j| a.value(j).to_string()).collect(),
            language: opt(language, i),
            kind: ArticleKind::parse(kind_name)
                .ok_or_else(|| bad(path, format!("kind {kind_name:?}")))?,
            source: SourceRef {
                path: s_path.value(i).to_string(),
                sha256: s_sha.value(i).to_string(),
                first_page: u32::try_from(s_first.value(i)).unwrap_or(1),
                last_page: u32::try_from(s_last.value(i)).unwrap_or(1),
            },
            provenance: Provenance::default(),
            entities: names,
            quotes: said,
            confidence: confidence.is_valid(i).then(|| Confidence {
                boundary: conf[0].value(i),
                title: conf[1].value(i),
                date: conf[2].value(i),
                outlet: conf[3].value(i),
                authors: conf[4].value(i),
            }),
            body,
        });
    }
    Ok(out)
}
