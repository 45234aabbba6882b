//! Graphs as GEXF 1.3 (Gephi's format): the co-mention network of the entities and the outlet
//! reuse network.
//!
//! - [`Format::Gexf`](crate::Format::Gexf): one node per entity named by the exported articles
//!   (id the entity's stable id, label its shown name; attributes `type`, `mentions` and
//!   `articles` over the whole corpus, `exported` the exported articles naming it), one
//!   undirected edge per pair of entities named in the same article, weighted by the number of
//!   exported articles naming both.
//! - [`Format::GexfOutlets`](crate::Format::GexfOutlets): one node per outlet of the exported
//!   articles (attribute `articles`), one undirected edge per pair of outlets whose exported
//!   articles share passages (reprints and partial reuse, not shared quotations), weighted by
//!   the number of article pairs (attribute `reprints`: how many of them are whole-story
//!   reprints). A pair counts when both articles are exported.
//!
//! A GEXF file lists every node before the first edge, so the graph (not the articles) is held
//! in memory until the end. Every text is XML-escaped ([`escape`]).

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use cuttings_model::ReuseKind;
use cuttings_store::{Corpus, Selection};

use crate::{entity_id, walk, Error, Named, Result, Summary};

/// `s` escaped for XML text and attribute values; characters XML 1.0 cannot hold (most
/// control characters, lone surrogates cannot occur in a `str`, U+FFFE and U+FFFF) are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The head of a GEXF 1.3 file, up to the opening of the graph and its attribute declarations.
fn head(out: &mut dyn Write, description: &str, attributes: &[(&str, &str)]) -> Result<()> {
    write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <gexf xmlns=\"http://gexf.net/1.3\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n\
         \x20 <meta>\n    <creator>cuttings</creator>\n    <description>{}</description>\n  </meta>\n\
         \x20 <graph mode=\"static\" defaultedgetype=\"undirected\">\n\
         \x20   <attributes class=\"node\">\n",
        escape(description)
    )
    .map_err(Error::Write)?;
    for (i, (title, ty)) in attributes.iter().enumerate() {
        writeln!(
            out,
            "      <attribute id=\"{i}\" title=\"{title}\" type=\"{ty}\"/>"
        )
        .map_err(Error::Write)?;
    }
    out.write_all(b"    </attributes>\n").map_err(Error::Write)
}

fn node(out: &mut dyn Write, id: &str, label: &str, values: &[String]) -> Result<()> {
    write!(
        out,
        "      <node id=\"{}\" label=\"{}\"><attvalues>",
        escape(id),
        escape(label)
    )
    .map_err(Error::Write)?;
    for (i, v) in values.iter().enumerate() {
        write!(out, "<attvalue for=\"{i}\" value=\"{}\"/>", escape(v)).map_err(Error::Write)?;
    }
    out.write_all(b"</attvalues></node>\n")
        .map_err(Error::Write)
}

fn edge(out: &mut dyn Write, n: u64, source: &str, target: &str, weight: u64) -> Result<()> {
    writeln!(
        out,
        "      <edge id=\"{n}\" source=\"{}\" target=\"{}\" weight=\"{weight}\"/>",
        escape(source),
        escape(target)
    )
    .map_err(Error::Write)
}

fn tail(out: &mut dyn Write) -> Result<()> {
    out.write_all(b"    </edges>\n  </graph>\n</gexf>\n")
        .map_err(Error::Write)?;
    out.flush().map_err(Error::Write)
}

/// Writes the co-mention network of the selected articles' entities.
pub(crate) fn entities(
    corpus: &Corpus,
    selection: &Selection,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(u64),
) -> Result<Summary> {
    let mut named = Named::new(corpus)?;
    let mut pairs: HashMap<(u32, u32), u32> = HashMap::new();
    let articles = walk(corpus, selection, progress, &mut |item| {
        let rows = named.add(&corpus.mention_entities(&item.article.id.0)?);
        let rows: Vec<u32> = rows.iter().filter_map(|&r| u32::try_from(r).ok()).collect();
        for (i, &x) in rows.iter().enumerate() {
            for &y in &rows[i + 1..] {
                *pairs.entry((x, y)).or_default() += 1;
            }
        }
        Ok(())
    })?;
    head(
        out,
        "entities named in the same articles (edge weight: articles naming both)",
        &[
            ("type", "string"),
            ("mentions", "long"),
            ("articles", "long"),
            ("exported", "long"),
        ],
    )?;
    out.write_all(b"    <nodes>\n").map_err(Error::Write)?;
    // stable ids of the rows, for the edges
    let mut ids: HashMap<u32, String> = HashMap::new();
    let mut nodes = 0;
    named.for_each(corpus, &mut |e| {
        let id = entity_id(&e.key);
        node(
            out,
            &id,
            &e.name,
            &[
                e.kind.as_str().to_string(),
                e.mentions.to_string(),
                e.articles.to_string(),
                named.articles(e.row).to_string(),
            ],
        )?;
        if let Ok(row) = u32::try_from(e.row) {
            ids.insert(row, id);
        }
        nodes += 1;
        Ok(())
    })?;
    out.write_all(b"    </nodes>\n    <edges>\n")
        .map_err(Error::Write)?;
    let mut sorted: Vec<((u32, u32), u32)> = pairs.into_iter().collect();
    sorted.sort_unstable();
    let mut edges = 0;
    for ((x, y), w) in sorted {
        if let (Some(a), Some(b)) = (ids.get(&x), ids.get(&y)) {
            edge(out, edges, a, b, u64::from(w))?;
            edges += 1;
        }
    }
    tail(out)?;
    Ok(Summary {
        articles,
        entities: nodes,
        nodes,
        edges,
        ..Summary::default()
    })
}

/// Writes the outlet reuse network of the selected articles.
pub(crate) fn outlets(
    corpus: &Corpus,
    selection: &Selection,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(u64),
) -> Result<Summary> {
    let mut outlets: BTreeMap<String, u64> = BTreeMap::new();
    let mut pairs: BTreeMap<(String, String), (u64, u64)> = BTreeMap::new();
    let articles = walk(corpus, selection, progress, &mut |item| {
        let Some(outlet) = item.article.outlet.clone() else {
            return Ok(());
        };
        *outlets.entry(outlet.clone()).or_default() += 1;
        for l in &item.links {
            // each pair once, from its first article, when both are exported
            if l.a != item.article.id || l.kind == ReuseKind::Quote {
                continue;
            }
            if !corpus.is_selected(selection, &l.b.0)? {
                continue;
            }
            let Some(other) = corpus.outlet_of(&l.b.0)? else {
                continue;
            };
            if other == outlet {
                continue;
            }
            let key = if outlet < other {
                (outlet.clone(), other)
            } else {
                (other, outlet.clone())
            };
            let e = pairs.entry(key).or_default();
            e.0 += 1;
            if l.kind == ReuseKind::Reprint {
                e.1 += 1;
            }
        }
        Ok(())
    })?;
    head(
        out,
        "outlets whose articles share passages (edge weight: pairs of articles)",
        &[("articles", "long")],
    )?;
    // GEXF edges carry attributes of their own class; declared after the node ones
    out.write_all(
        b"    <attributes class=\"edge\">\n      <attribute id=\"0\" title=\"reprints\" type=\"long\"/>\n    </attributes>\n    <nodes>\n",
    )
    .map_err(Error::Write)?;
    for (name, n) in &outlets {
        node(out, name, name, &[n.to_string()])?;
    }
    out.write_all(b"    </nodes>\n    <edges>\n")
        .map_err(Error::Write)?;
    for (i, ((a, b), (w, reprints))) in pairs.iter().enumerate() {
        writeln!(
            out,
            "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" weight=\"{w}\"><attvalues><attvalue for=\"0\" value=\"{reprints}\"/></attvalues></edge>",
            escape(a),
            escape(b)
        )
        .map_err(Error::Write)?;
    }
    tail(out)?;
    Ok(Summary {
        articles,
        nodes: outlets.len() as u64,
        edges: pairs.len() as u64,
        ..Summary::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            escape("<a href=\"x\">Tom & 'Jerry'</a>\u{1b}[2J\u{0}\u{7}\tend\u{ffff}"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;[2J&#9;end"
        );
        assert_eq!(escape("Zürich — 東京"), "Zürich — 東京");
    }
}
