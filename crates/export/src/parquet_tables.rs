//! Five Parquet tables in a folder, typed, written a row group per page of articles.
//!
//! - `articles.parquet`: one row per article with the keys of the output contract (`date` a
//!   `date32`, `authors` a list of strings, `source` and `confidence` structs, `entities`,
//!   `quotes` and `reuse` lists of structs with `int64` character offsets), so a row read back
//!   is the JSON line.
//! - `mentions.parquet`: one row per name in a body: `article_id`, `position`, `name`, `type`,
//!   `canonical`, `entity_id` (see [`crate::entity_id`]; null when the name is in no entity),
//!   `start`, `end`.
//! - `entities.parquet`: one row per entity named by the exported articles: `id`, `name`,
//!   `type`, `mentions` and `articles` (whole corpus), `exported_articles`, `aliases` (a list).
//! - `quotes.parquet`: one row per quotation: `article_id`, `position`, `speaker`, `canonical`,
//!   `speaker_entity_id`, `text`, `start`, `end`.
//! - `reuse.parquet`: one row per pair of articles sharing passages, at least one of them
//!   exported: `a`, `b` (ids, `a < b`), `kind`, `words`, `share_a`, `share_b`, `passages` (a
//!   list of `{a_start, a_end, b_start, b_end, words, quoted}`, character offsets into both bodies).

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float32Array, Int32Array, Int64Array, ListArray,
    RecordBatch, StringArray, StructArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use cuttings_model::Date;
use cuttings_store::{Corpus, Selection};
use cuttings_wire::char_offset;

use crate::{entity_id, walk, Error, Item, Named, Result, Summary};

/// Days since 1970-01-01 (Arrow's `date32`).
pub(crate) fn days(d: Date) -> i32 {
    // Howard Hinnant's days_from_civil
    let (y, m, day) = (
        i32::from(d.year()),
        i32::from(d.month()),
        i32::from(d.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn utf8(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Utf8, nullable)
}

fn int64(name: &str) -> Field {
    Field::new(name, DataType::Int64, false)
}

fn list_of(name: &str, item: DataType) -> Field {
    Field::new(
        name,
        DataType::List(Arc::new(Field::new("item", item, false))),
        false,
    )
}

fn entity_fields() -> Fields {
    Fields::from(vec![
        utf8("name", false),
        utf8("type", false),
        utf8("canonical", false),
        int64("start"),
        int64("end"),
    ])
}

fn quote_fields() -> Fields {
    Fields::from(vec![
        utf8("speaker", true),
        utf8("canonical", true),
        utf8("text", false),
        int64("start"),
        int64("end"),
    ])
}

fn reuse_fields() -> Fields {
    Fields::from(vec![
        utf8("other", false),
        int64("start"),
        int64("end"),
        int64("other_start"),
        int64("other_end"),
        Field::new("words", DataType::Int32, false),
    ])
}

fn source_fields() -> Fields {
    Fields::from(vec![
        utf8("path", false),
        utf8("sha256", false),
        Field::new("first_page", DataType::Int32, false),
        Field::new("last_page", DataType::Int32, false),
    ])
}

fn confidence_fields() -> Fields {
    Fields::from(
        ["boundary", "title", "date", "outlet", "authors"]
            .map(|n| Field::new(n, DataType::Float32, false))
            .to_vec(),
    )
}

fn passage_fields() -> Fields {
    Fields::from(vec![
        int64("a_start"),
        int64("a_end"),
        int64("b_start"),
        int64("b_end"),
        Field::new("words", DataType::Int32, false),
        Field::new("quoted", DataType::Boolean, false),
    ])
}

fn articles_schema() -> Schema {
    Schema::new(vec![
        utf8("id", false),
        utf8("title", true),
        utf8("subtitle", true),
        Field::new("date", DataType::Date32, true),
        utf8("outlet", true),
        list_of("authors", DataType::Utf8),
        utf8("language", true),
        utf8("body", false),
        utf8("kind", false),
        Field::new("source", DataType::Struct(source_fields()), false),
        list_of("entities", DataType::Struct(entity_fields())),
        list_of("quotes", DataType::Struct(quote_fields())),
        Field::new("confidence", DataType::Struct(confidence_fields()), true),
        list_of("reuse", DataType::Struct(reuse_fields())),
    ])
}

fn mentions_schema() -> Schema {
    Schema::new(vec![
        utf8("article_id", false),
        Field::new("position", DataType::Int32, false),
        utf8("name", false),
        utf8("type", false),
        utf8("canonical", false),
        utf8("entity_id", true),
        int64("start"),
        int64("end"),
    ])
}

fn entities_schema() -> Schema {
    Schema::new(vec![
        utf8("id", false),
        utf8("name", false),
        utf8("type", false),
        int64("mentions"),
        int64("articles"),
        int64("exported_articles"),
        list_of("aliases", DataType::Utf8),
    ])
}

fn quotes_schema() -> Schema {
    Schema::new(vec![
        utf8("article_id", false),
        Field::new("position", DataType::Int32, false),
        utf8("speaker", true),
        utf8("canonical", true),
        utf8("speaker_entity_id", true),
        utf8("text", false),
        int64("start"),
        int64("end"),
    ])
}

fn reuse_schema() -> Schema {
    Schema::new(vec![
        utf8("a", false),
        utf8("b", false),
        utf8("kind", false),
        Field::new("words", DataType::Int32, false),
        Field::new("share_a", DataType::Float32, false),
        Field::new("share_b", DataType::Float32, false),
        list_of("passages", DataType::Struct(passage_fields())),
    ])
}

/// One Parquet file being written.
struct Table {
    path: PathBuf,
    schema: SchemaRef,
    writer: ArrowWriter<BufWriter<File>>,
    rows: u64,
}

impl Table {
    fn create(dir: &Path, name: &str, schema: Schema) -> Result<Table> {
        let path = dir.join(name);
        let file = File::create(&path).map_err(|source| Error::File {
            path: path.clone(),
            source,
        })?;
        let schema = Arc::new(schema);
        let props = WriterProperties::builder()
            .set_compression(Compression::LZ4_RAW)
            .set_created_by(format!("cuttings {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = ArrowWriter::try_new(BufWriter::new(file), schema.clone(), Some(props))
            .map_err(|source| Error::Parquet {
                path: path.clone(),
                source,
            })?;
        Ok(Table {
            path,
            schema,
            writer,
            rows: 0,
        })
    }

    /// Writes one row group (nothing when `rows` is 0).
    fn write(&mut self, rows: usize, columns: Vec<ArrayRef>) -> Result<()> {
        if rows == 0 {
            return Ok(());
        }
        let batch =
            RecordBatch::try_new(self.schema.clone(), columns).map_err(|source| Error::Arrow {
                path: self.path.clone(),
                source,
            })?;
        let parquet = |source| Error::Parquet {
            path: self.path.clone(),
            source,
        };
        self.writer.write(&batch).map_err(parquet)?;
        // one row group per batch, so that what is buffered stays one page's worth
        self.writer.flush().map_err(parquet)?;
        self.rows += rows as u64;
        Ok(())
    }

    fn close(self) -> Result<u64> {
        let path = self.path;
        self.writer
            .close()
            .map_err(|source| Error::Parquet { path, source })?;
        Ok(self.rows)
    }
}

fn strings(v: Vec<String>) -> ArrayRef {
    Arc::new(StringArray::from(v))
}

fn opt_strings(v: Vec<Option<String>>) -> ArrayRef {
    Arc::new(StringArray::from(v))
}

fn i64s(v: Vec<i64>) -> ArrayRef {
    Arc::new(Int64Array::from(v))
}

fn i32s(v: Vec<i32>) -> ArrayRef {
    Arc::new(Int32Array::from(v))
}

fn f32s(v: Vec<f32>) -> ArrayRef {
    Arc::new(Float32Array::from(v))
}

fn list(item: DataType, offsets: Vec<i32>, values: ArrayRef) -> ArrayRef {
    Arc::new(ListArray::new(
        Arc::new(Field::new("item", item, false)),
        OffsetBuffer::new(ScalarBuffer::from(offsets)),
        values,
        None,
    ))
}

fn structs(fields: Fields, arrays: Vec<ArrayRef>, nulls: Option<NullBuffer>) -> StructArray {
    StructArray::new(fields, arrays, nulls)
}

fn offset(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn offset32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Columns of a list of structs being filled: the list offsets and one vector per field.
struct Lists<T> {
    offsets: Vec<i32>,
    items: Vec<T>,
}

impl<T> Default for Lists<T> {
    fn default() -> Lists<T> {
        Lists {
            offsets: Vec::new(),
            items: Vec::new(),
        }
    }
}

impl<T> Lists<T> {
    fn push(&mut self, items: impl IntoIterator<Item = T>) {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        self.items.extend(items);
        self.offsets.push(offset32(self.items.len()));
    }

    fn take(&mut self) -> (Vec<i32>, Vec<T>) {
        let offsets = std::mem::take(&mut self.offsets);
        (
            if offsets.is_empty() { vec![0] } else { offsets },
            std::mem::take(&mut self.items),
        )
    }
}

/// The columns of `articles.parquet` for one page.
#[derive(Default)]
struct Articles {
    id: Vec<String>,
    title: Vec<Option<String>>,
    subtitle: Vec<Option<String>>,
    date: Vec<Option<i32>>,
    outlet: Vec<Option<String>>,
    authors: Lists<String>,
    language: Vec<Option<String>>,
    body: Vec<String>,
    kind: Vec<String>,
    source: Vec<(String, String, i32, i32)>,
    entities: Lists<cuttings_wire::EntityLine>,
    quotes: Lists<cuttings_wire::QuoteLine>,
    confidence: Vec<Option<cuttings_wire::ConfidenceLine>>,
    reuse: Lists<cuttings_wire::ReuseLine>,
}

impl Articles {
    fn push(&mut self, item: &Item) {
        let l = &item.line;
        self.id.push(l.id.clone());
        self.title.push(l.title.clone());
        self.subtitle.push(l.subtitle.clone());
        self.date.push(item.article.date.map(days));
        self.outlet.push(l.outlet.clone());
        self.authors.push(l.authors.iter().cloned());
        self.language.push(l.language.clone());
        self.body.push(l.body.clone());
        self.kind.push(l.kind.clone());
        self.source.push((
            l.source.path.clone(),
            l.source.sha256.clone(),
            i32::try_from(l.source.first_page).unwrap_or(i32::MAX),
            i32::try_from(l.source.last_page).unwrap_or(i32::MAX),
        ));
        self.entities.push(l.entities.iter().cloned());
        self.quotes.push(l.quotes.iter().cloned());
        self.confidence.push(l.confidence);
        self.reuse.push(l.reuse.iter().cloned());
    }

    fn columns(&mut self) -> (usize, Vec<ArrayRef>) {
        let rows = self.id.len();
        let (a_off, a_items) = self.authors.take();
        let source = std::mem::take(&mut self.source);
        let source = structs(
            source_fields(),
            vec![
                strings(source.iter().map(|s| s.0.clone()).collect()),
                strings(source.iter().map(|s| s.1.clone()).collect()),
                i32s(source.iter().map(|s| s.2).collect()),
                i32s(source.iter().map(|s| s.3).collect()),
            ],
            None,
        );
        let (e_off, es) = self.entities.take();
        let entities = structs(
            entity_fields(),
            vec![
                strings(es.iter().map(|e| e.name.clone()).collect()),
                strings(es.iter().map(|e| e.r#type.clone()).collect()),
                strings(es.iter().map(|e| e.canonical.clone()).collect()),
                i64s(es.iter().map(|e| offset(e.start)).collect()),
                i64s(es.iter().map(|e| offset(e.end)).collect()),
            ],
            None,
        );
        let (q_off, qs) = self.quotes.take();
        let quotes = structs(
            quote_fields(),
            vec![
                opt_strings(qs.iter().map(|q| q.speaker.clone()).collect()),
                opt_strings(qs.iter().map(|q| q.canonical.clone()).collect()),
                strings(qs.iter().map(|q| q.text.clone()).collect()),
                i64s(qs.iter().map(|q| offset(q.start)).collect()),
                i64s(qs.iter().map(|q| offset(q.end)).collect()),
            ],
            None,
        );
        let conf = std::mem::take(&mut self.confidence);
        let present = NullBuffer::from(conf.iter().map(Option::is_some).collect::<Vec<bool>>());
        let field = |f: fn(&cuttings_wire::ConfidenceLine) -> f32| {
            f32s(conf.iter().map(|c| c.as_ref().map_or(0.0, f)).collect())
        };
        let confidence = structs(
            confidence_fields(),
            vec![
                field(|c| c.boundary),
                field(|c| c.title),
                field(|c| c.date),
                field(|c| c.outlet),
                field(|c| c.authors),
            ],
            Some(present),
        );
        let (r_off, rs) = self.reuse.take();
        let reuse = structs(
            reuse_fields(),
            vec![
                strings(rs.iter().map(|r| r.other.clone()).collect()),
                i64s(rs.iter().map(|r| offset(r.start)).collect()),
                i64s(rs.iter().map(|r| offset(r.end)).collect()),
                i64s(rs.iter().map(|r| offset(r.other_start)).collect()),
                i64s(rs.iter().map(|r| offset(r.other_end)).collect()),
                i32s(
                    rs.iter()
                        .map(|r| i32::try_from(r.words).unwrap_or(i32::MAX))
                        .collect(),
                ),
            ],
            None,
        );
        let columns = vec![
            strings(std::mem::take(&mut self.id)),
            opt_strings(std::mem::take(&mut self.title)),
            opt_strings(std::mem::take(&mut self.subtitle)),
            Arc::new(Date32Array::from(std::mem::take(&mut self.date))) as ArrayRef,
            opt_strings(std::mem::take(&mut self.outlet)),
            list(DataType::Utf8, a_off, strings(a_items)),
            opt_strings(std::mem::take(&mut self.language)),
            strings(std::mem::take(&mut self.body)),
            strings(std::mem::take(&mut self.kind)),
            Arc::new(source) as ArrayRef,
            list(DataType::Struct(entity_fields()), e_off, Arc::new(entities)),
            list(DataType::Struct(quote_fields()), q_off, Arc::new(quotes)),
            Arc::new(confidence) as ArrayRef,
            list(DataType::Struct(reuse_fields()), r_off, Arc::new(reuse)),
        ];
        (rows, columns)
    }
}

/// The columns of `mentions.parquet` for one page.
#[derive(Default)]
struct Mentions {
    article: Vec<String>,
    position: Vec<i32>,
    name: Vec<String>,
    kind: Vec<String>,
    canonical: Vec<String>,
    entity: Vec<Option<String>>,
    start: Vec<i64>,
    end: Vec<i64>,
}

/// The columns of `quotes.parquet` for one page.
#[derive(Default)]
struct Quotes {
    article: Vec<String>,
    position: Vec<i32>,
    speaker: Vec<Option<String>>,
    canonical: Vec<Option<String>>,
    entity: Vec<Option<String>>,
    text: Vec<String>,
    start: Vec<i64>,
    end: Vec<i64>,
}

/// The columns of `reuse.parquet` for one page.
#[derive(Default)]
struct Reuse {
    a: Vec<String>,
    b: Vec<String>,
    kind: Vec<String>,
    words: Vec<i32>,
    share_a: Vec<f32>,
    share_b: Vec<f32>,
    passages: Lists<[i64; 6]>,
}

/// Writes the five tables of the selected articles into `dir`.
pub(crate) fn write(
    corpus: &Corpus,
    selection: &Selection,
    dir: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<Summary> {
    std::fs::create_dir_all(dir).map_err(|source| Error::File {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut t_articles = Table::create(dir, "articles.parquet", articles_schema())?;
    let mut t_mentions = Table::create(dir, "mentions.parquet", mentions_schema())?;
    let mut t_quotes = Table::create(dir, "quotes.parquet", quotes_schema())?;
    let mut t_reuse = Table::create(dir, "reuse.parquet", reuse_schema())?;
    let mut named = Named::new(corpus)?;
    let mut articles = Articles::default();
    let mut mentions = Mentions::default();
    let mut quotes = Quotes::default();
    let mut reuse = Reuse::default();
    let mut flush = |articles: &mut Articles,
                     mentions: &mut Mentions,
                     quotes: &mut Quotes,
                     reuse: &mut Reuse|
     -> Result<()> {
        let (rows, columns) = articles.columns();
        t_articles.write(rows, columns)?;
        let m = std::mem::take(mentions);
        t_mentions.write(
            m.article.len(),
            vec![
                strings(m.article),
                i32s(m.position),
                strings(m.name),
                strings(m.kind),
                strings(m.canonical),
                opt_strings(m.entity),
                i64s(m.start),
                i64s(m.end),
            ],
        )?;
        let q = std::mem::take(quotes);
        t_quotes.write(
            q.article.len(),
            vec![
                strings(q.article),
                i32s(q.position),
                opt_strings(q.speaker),
                opt_strings(q.canonical),
                opt_strings(q.entity),
                strings(q.text),
                i64s(q.start),
                i64s(q.end),
            ],
        )?;
        let rows = reuse.a.len();
        let (p_off, ps) = reuse.passages.take();
        let r = std::mem::take(reuse);
        let passages = structs(
            passage_fields(),
            vec![
                i64s(ps.iter().map(|p| p[0]).collect()),
                i64s(ps.iter().map(|p| p[1]).collect()),
                i64s(ps.iter().map(|p| p[2]).collect()),
                i64s(ps.iter().map(|p| p[3]).collect()),
                i32s(
                    ps.iter()
                        .map(|p| i32::try_from(p[4]).unwrap_or(i32::MAX))
                        .collect(),
                ),
                Arc::new(BooleanArray::from(
                    ps.iter().map(|p| p[5] == 1).collect::<Vec<bool>>(),
                )),
            ],
            None,
        );
        t_reuse.write(
            rows,
            vec![
                strings(r.a),
                strings(r.b),
                strings(r.kind),
                i32s(r.words),
                f32s(r.share_a),
                f32s(r.share_b),
                list(
                    DataType::Struct(passage_fields()),
                    p_off,
                    Arc::new(passages),
                ),
            ],
        )
    };
    let done = walk(corpus, selection, progress, &mut |item| {
        let id = &item.article.id.0;
        let refs = corpus.mention_entities(id)?;
        named.add(&refs);
        for (i, m) in item.line.entities.iter().enumerate() {
            mentions.article.push(id.clone());
            mentions.position.push(offset32(i));
            mentions.name.push(m.name.clone());
            mentions.kind.push(m.r#type.clone());
            mentions.canonical.push(m.canonical.clone());
            mentions.entity.push(
                refs.get(i)
                    .and_then(Option::as_ref)
                    .map(|e| entity_id(&e.key)),
            );
            mentions.start.push(offset(m.start));
            mentions.end.push(offset(m.end));
        }
        let speakers = corpus.quote_entities(id)?;
        for (i, q) in item.line.quotes.iter().enumerate() {
            quotes.article.push(id.clone());
            quotes.position.push(offset32(i));
            quotes.speaker.push(q.speaker.clone());
            quotes.canonical.push(q.canonical.clone());
            quotes.entity.push(
                speakers
                    .get(i)
                    .and_then(Option::as_ref)
                    .map(|e| entity_id(&e.key)),
            );
            quotes.text.push(q.text.clone());
            quotes.start.push(offset(q.start));
            quotes.end.push(offset(q.end));
        }
        for l in &item.links {
            // each pair once: from `a`, or from `b` when `a` is not exported
            let from_a = l.a == item.article.id;
            if !from_a && corpus.is_selected(selection, &l.a.0)? {
                continue;
            }
            let (body_a, body_b) = if from_a {
                (
                    Some(item.article.body.as_str()),
                    item.others.get(&l.b.0).map(String::as_str),
                )
            } else {
                (
                    item.others.get(&l.a.0).map(String::as_str),
                    Some(item.article.body.as_str()),
                )
            };
            let (Some(body_a), Some(body_b)) = (body_a, body_b) else {
                continue;
            };
            reuse.a.push(l.a.0.clone());
            reuse.b.push(l.b.0.clone());
            reuse.kind.push(l.kind.as_str().to_string());
            reuse.words.push(i32::try_from(l.words).unwrap_or(i32::MAX));
            reuse.share_a.push(cuttings_wire::round3(l.share_a));
            reuse.share_b.push(cuttings_wire::round3(l.share_b));
            reuse.passages.push(l.passages.iter().map(|p| {
                [
                    offset(char_offset(body_a, p.a.start)),
                    offset(char_offset(body_a, p.a.end)),
                    offset(char_offset(body_b, p.b.start)),
                    offset(char_offset(body_b, p.b.end)),
                    i64::from(p.words),
                    i64::from(p.quoted),
                ]
            }));
        }
        articles.push(&item);
        if articles.id.len() >= crate::PAGE {
            flush(&mut articles, &mut mentions, &mut quotes, &mut reuse)?;
        }
        Ok(())
    })?;
    flush(&mut articles, &mut mentions, &mut quotes, &mut reuse)?;
    let mut t_entities = Table::create(dir, "entities.parquet", entities_schema())?;
    let mut ents: Vec<cuttings_store::EntityRecord> = Vec::new();
    let mut exported: Vec<i64> = Vec::new();
    let mut write_entities =
        |ents: &mut Vec<cuttings_store::EntityRecord>, exported: &mut Vec<i64>| -> Result<()> {
            let es = std::mem::take(ents);
            let counts = std::mem::take(exported);
            let mut aliases: Lists<String> = Lists::default();
            for e in &es {
                aliases.push(e.aliases.iter().map(|(n, _)| n.clone()));
            }
            let (a_off, a_items) = aliases.take();
            t_entities.write(
                es.len(),
                vec![
                    strings(es.iter().map(|e| entity_id(&e.key)).collect()),
                    strings(es.iter().map(|e| e.name.clone()).collect()),
                    strings(es.iter().map(|e| e.kind.as_str().to_string()).collect()),
                    i64s(
                        es.iter()
                            .map(|e| i64::try_from(e.mentions).unwrap_or(i64::MAX))
                            .collect(),
                    ),
                    i64s(
                        es.iter()
                            .map(|e| i64::try_from(e.articles).unwrap_or(i64::MAX))
                            .collect(),
                    ),
                    i64s(counts),
                    list(DataType::Utf8, a_off, strings(a_items)),
                ],
            )
        };
    named.for_each(corpus, &mut |e| {
        exported.push(i64::from(named.articles(e.row)));
        ents.push(e);
        if ents.len() >= 10_000 {
            write_entities(&mut ents, &mut exported)?;
        }
        Ok(())
    })?;
    write_entities(&mut ents, &mut exported)?;
    let articles = t_articles.close()?;
    debug_assert_eq!(articles, done);
    Ok(Summary {
        articles,
        entities: t_entities.close()?,
        mentions: t_mentions.close()?,
        quotes: t_quotes.close()?,
        reuse: t_reuse.close()?,
        ..Summary::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_the_epoch() {
        let d = |y, m, day| days(Date::constant(y, m, day));
        assert_eq!(d(1970, 1, 1), 0);
        assert_eq!(d(1969, 12, 31), -1);
        assert_eq!(d(2000, 3, 1), 11_017);
        assert_eq!(d(2024, 2, 29), 19_782);
        assert_eq!(d(1600, 1, 1), -135_140);
    }
}
