//! FollowTheMoney entities as JSON lines (`{"id", "schema", "properties"}`), the format
//! Aleph/OpenAleph's tools (`ftm`, `alephclient write-entities`) import.
//!
//! - Each article is an `Article` (a `Document`): `title`, `summary` (subtitle), `date` and
//!   `publishedAt`, `publisher` (outlet), `author`, `bodyText`, `language` (ISO 639-2),
//!   `fileName` (its source's file name) and `sourceUrl` when the source is a web address.
//! - Each entity named by the exported articles, once, after all the articles:
//!   `Person` (people), `Organization` (organisations), `Address` (places, `full` = the name)
//!   or `LegalEntity` (other names), with `name` and the other forms it is printed under in
//!   `alias`.
//! - Each (article, entity) pair: a `Mention` (`document` = the article, `resolved` = the
//!   entity, `name` = the forms printed in the article) for people, organisations and other
//!   names; an `UnknownLink` (`subject` = the place, `object` = the article, `role` =
//!   `mentioned in`) for places, since a `Mention` resolves only to legal entities.
//!
//! Ids are stable across exports: `a` + the article id, the entity id of [`crate::entity_id`],
//! and for links a hash of the article id and the entity key.

use std::collections::BTreeMap;
use std::io::Write;

use cuttings_model::EntityKind;
use cuttings_store::{Corpus, EntityRecord, Selection};
use serde_json::{json, Map, Value};

use crate::{entity_id, stable_id, walk, Error, Named, Result, Summary};

/// ISO 639-1 codes (what cuttings stores) to the ISO 639-2 codes FtM's `language` type takes;
/// other languages are left out.
const LANGUAGES: [(&str, &str); 24] = [
    ("ar", "ara"),
    ("cs", "ces"),
    ("da", "dan"),
    ("de", "deu"),
    ("el", "ell"),
    ("en", "eng"),
    ("es", "spa"),
    ("fa", "fas"),
    ("fi", "fin"),
    ("fr", "fra"),
    ("he", "heb"),
    ("hu", "hun"),
    ("it", "ita"),
    ("ja", "jpn"),
    ("ko", "kor"),
    ("nl", "nld"),
    ("no", "nor"),
    ("pl", "pol"),
    ("pt", "por"),
    ("ro", "ron"),
    ("ru", "rus"),
    ("sv", "swe"),
    ("tr", "tur"),
    ("zh", "zho"),
];

/// Writes one FtM entity.
fn entity(out: &mut dyn Write, id: &str, schema: &str, props: Map<String, Value>) -> Result<()> {
    serde_json::to_writer(
        &mut *out,
        &json!({"id": id, "schema": schema, "properties": props}),
    )?;
    out.write_all(b"\n").map_err(Error::Write)
}

/// Adds a property with its values, when there are any.
fn put(props: &mut Map<String, Value>, name: &str, values: Vec<String>) {
    let values: Vec<Value> = values
        .into_iter()
        .filter(|v| !v.trim().is_empty())
        .map(Value::String)
        .collect();
    if !values.is_empty() {
        props.insert(name.to_string(), Value::Array(values));
    }
}

/// The FtM schema of an entity of this kind.
pub(crate) fn schema_of(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Org => "Organization",
        EntityKind::Place => "Address",
        EntityKind::Misc => "LegalEntity",
    }
}

fn write_entity(out: &mut dyn Write, e: &EntityRecord) -> Result<()> {
    let mut props = Map::new();
    put(&mut props, "name", vec![e.name.clone()]);
    let aliases: Vec<String> = e
        .aliases
        .iter()
        .map(|(n, _)| n.clone())
        .filter(|n| n != &e.name)
        .collect();
    put(&mut props, "alias", aliases);
    if e.kind == EntityKind::Place {
        put(&mut props, "full", vec![e.name.clone()]);
    }
    entity(out, &entity_id(&e.key), schema_of(e.kind), props)
}

/// Writes the selected articles, their entities and the links between them.
pub(crate) fn write(
    corpus: &Corpus,
    selection: &Selection,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(u64),
) -> Result<Summary> {
    let mut named = Named::new(corpus)?;
    let mut mentions = 0u64;
    let articles = walk(corpus, selection, progress, &mut |item| {
        let a = &item.article;
        let article_id = format!("a{}", a.id.0);
        let mut props = Map::new();
        put(&mut props, "title", a.title.iter().cloned().collect());
        put(&mut props, "summary", a.subtitle.iter().cloned().collect());
        let date: Vec<String> = a.date.iter().map(|d| d.to_string()).collect();
        put(&mut props, "date", date.clone());
        put(&mut props, "publishedAt", date);
        put(&mut props, "publisher", a.outlet.iter().cloned().collect());
        put(&mut props, "author", a.authors.clone());
        put(&mut props, "bodyText", vec![a.body.clone()]);
        let language = a
            .language
            .as_deref()
            .and_then(|l| LANGUAGES.iter().find(|(two, _)| *two == l))
            .map(|(_, three)| three.to_string());
        put(&mut props, "language", language.into_iter().collect());
        let path = &a.source.path;
        if path.starts_with("http://") || path.starts_with("https://") {
            put(&mut props, "sourceUrl", vec![path.clone()]);
        }
        let file_name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        put(&mut props, "fileName", vec![file_name.to_string()]);
        entity(out, &article_id, "Article", props)?;
        // the forms each entity is printed under in this article
        let rows = corpus.mention_entities(&a.id.0)?;
        let mut forms: BTreeMap<(i64, String, EntityKind), Vec<String>> = BTreeMap::new();
        for (m, e) in a.entities.iter().zip(&rows) {
            if let Some(e) = e {
                let f = forms.entry((e.row, e.key.clone(), e.kind)).or_default();
                if !f.contains(&m.name) {
                    f.push(m.name.clone());
                }
            }
        }
        named.add(&rows);
        for ((_, key, kind), names) in forms {
            let link_id = format!("m{}", stable_id(&[&a.id.0, &key]));
            let mut props = Map::new();
            // the entity's type over the corpus decides its schema, so the link's too
            if kind == EntityKind::Place {
                put(&mut props, "subject", vec![entity_id(&key)]);
                put(&mut props, "object", vec![article_id.clone()]);
                put(&mut props, "role", vec!["mentioned in".to_string()]);
                entity(out, &link_id, "UnknownLink", props)?;
            } else {
                put(&mut props, "document", vec![article_id.clone()]);
                put(&mut props, "resolved", vec![entity_id(&key)]);
                put(&mut props, "name", names);
                entity(out, &link_id, "Mention", props)?;
            }
            mentions += 1;
        }
        Ok(())
    })?;
    let mut entities = 0;
    named.for_each(corpus, &mut |e| {
        write_entity(out, &e)?;
        entities += 1;
        Ok(())
    })?;
    out.flush().map_err(Error::Write)?;
    Ok(Summary {
        articles,
        entities,
        mentions,
        ..Summary::default()
    })
}
