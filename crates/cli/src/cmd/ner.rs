//! `cuttings ner`: named entities of plain text on stdin, no corpus needed.

/// One-line help.
pub const ABOUT: &str = "Find the names of people, organisations and places in text on stdin";

/// Full help.
pub const LONG_ABOUT: &str = "\
Find the named entities of plain text read from stdin (UTF-8): people (PER), organisations (ORG),
places (LOC) and other names such as nationalities or events (MISC). No corpus is needed; the
model is built into the binary.

Formats:
  jsonl  one JSON object per entity, in text order (the default):
         {\"start\":10,\"end\":23,\"text\":\"Maryam Rajavi\",\"type\":\"PER\"}
         start and end are character offsets (Unicode scalar values, not bytes, not UTF-16
         units) into the input, end exclusive, so text = input[start..end].
  conll  for evaluation: the input is already tokenised, one token per line (the first column is
         the token, other columns are ignored), a blank line between sentences and optionally
         -DOCSTART- lines between documents; prints token<TAB>IOB2-tag per line, a blank line
         between sentences, -DOCSTART- lines as given.";

use std::io::{self, Read, Write};

use anyhow::Context;
use cuttings_cli::wire::NerLine;
use cuttings_extract::Ner;

use crate::output;
use crate::Status;

/// Output formats of `ner`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum NerFormat {
    /// One JSON object per entity.
    #[default]
    Jsonl,
    /// `token<TAB>IOB2-tag` per input token.
    Conll,
}

/// Flags of `ner`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format (and, for conll, input format).
    #[arg(long, value_enum, default_value_t = NerFormat::Jsonl)]
    format: NerFormat,
}

/// Runs `ner`.
pub fn run(args: Args) -> anyhow::Result<Status> {
    let mut text = String::new();
    io::stdin()
        .read_to_string(&mut text)
        .context("reading stdin (it must be UTF-8 text)")?;
    let ner = Ner::builtin()?;
    let mut out = output::stdout();
    let found = match args.format {
        NerFormat::Jsonl => jsonl(ner, &text, &mut out)?,
        NerFormat::Conll => conll(ner, &text, &mut out)?,
    };
    out.flush()?;
    Ok(if found {
        Status::Ok
    } else {
        Status::NothingFound
    })
}

fn jsonl(ner: &Ner, text: &str, out: &mut impl Write) -> anyhow::Result<bool> {
    let entities = ner.entities(text);
    let bytes: Vec<usize> = entities.iter().flat_map(|e| [e.start, e.end]).collect();
    let chars = cuttings_extract::char_offsets(text, &bytes);
    for (e, c) in entities.iter().zip(chars.chunks(2)) {
        let line = NerLine {
            start: c[0],
            end: c[1],
            text: text[e.start..e.end].to_string(),
            r#type: e.kind.as_str().to_string(),
        };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    }
    Ok(!entities.is_empty())
}

/// One document of the conll input: sentences of tokens, and whether a -DOCSTART- line
/// came before it.
struct Doc<'a> {
    docstart: Option<&'a str>,
    sentences: Vec<Vec<&'a str>>,
}

fn conll(ner: &Ner, text: &str, out: &mut impl Write) -> anyhow::Result<bool> {
    let mut docs = vec![Doc {
        docstart: None,
        sentences: vec![],
    }];
    let mut cur: Vec<&str> = Vec::new();
    for line in text.lines() {
        let token = line.split_whitespace().next();
        match token {
            None => {
                if !cur.is_empty() {
                    docs.last_mut()
                        .unwrap()
                        .sentences
                        .push(std::mem::take(&mut cur));
                }
            }
            Some("-DOCSTART-") => {
                if !cur.is_empty() {
                    docs.last_mut()
                        .unwrap()
                        .sentences
                        .push(std::mem::take(&mut cur));
                }
                docs.push(Doc {
                    docstart: Some(line.trim_end()),
                    sentences: vec![],
                });
            }
            Some(t) => cur.push(t),
        }
    }
    if !cur.is_empty() {
        docs.last_mut().unwrap().sentences.push(cur);
    }
    let mut found = false;
    for doc in &docs {
        if let Some(d) = doc.docstart {
            writeln!(out, "{d}\n")?;
        }
        for (sentence, tags) in doc.sentences.iter().zip(ner.tag_document(&doc.sentences)) {
            for (t, tag) in sentence.iter().zip(tags) {
                found |= tag.0 != 0;
                writeln!(out, "{t}\t{}", tag.as_str())?;
            }
            writeln!(out)?;
        }
    }
    Ok(found)
}
