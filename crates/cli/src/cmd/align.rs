//! `cuttings align`: candidate pairs in, text-reuse links out, without a corpus: the second
//! worker of the cluster job (issue #15), after a join on shared fingerprints of
//! `cuttings process`'s sketches has found the candidates.

/// One-line help.
pub const ABOUT: &str =
    "Align candidate pairs of articles and print their text-reuse links as JSON lines (for Spark workers)";

/// Full help.
pub const LONG_ABOUT: &str = "\
Align pairs of articles given on stdin, one JSON object per line,
  {\"a\": {\"id\": ..., \"body\": ...}, \"b\": {\"id\": ..., \"body\": ...}}
and print one JSON object per pair that shares passages (a pair that shares none prints
nothing), as `ingest` links a corpus:
  {\"a\", \"b\", \"kind\", \"words\", \"share_a\", \"share_b\",
   \"passages\": [{\"a_start\", \"a_end\", \"b_start\", \"b_end\", \"words\", \"quoted\"}]}
with `a` the smaller id and character offsets into both bodies. The candidates are the pairs
whose sketches (printed by `cuttings process`) share enough fingerprints held by few texts;
`--config` prints the settings a join must use.

A line that is not a pair gives {\"error\": ..., \"line\": N} and the others go on.

Exit status: 0 when every line was taken (error lines included), 2 when some line was bad and
--strict is given, or on an error that stops everything (stdin unreadable).";

use std::io::{BufRead, Write};

use anyhow::Context;
use cuttings_cli::wire::{AlignPairLine, LinkLine, ProcessErrorLine};
use cuttings_model::ArticleId;

use crate::output;
use crate::Status;

/// Pairs aligned together (on all cores): bounds memory to their bodies.
const CHUNK: usize = 256;

/// Flags of `align`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the linking settings as JSON (`ngram`, `min_shared`, `max_df`, ..., `signature`)
    /// and exit: what a candidate join must use.
    #[arg(long)]
    config: bool,
    /// Exit with 2 when some line was bad.
    #[arg(long)]
    strict: bool,
}

/// Aligns a chunk of pairs and prints their links, in input order.
fn flush(
    out: &mut impl Write,
    pairs: &mut Vec<AlignPairLine>,
    cfg: &cuttings_link::LinkConfig,
) -> anyhow::Result<()> {
    let ids: Vec<(ArticleId, ArticleId)> = pairs
        .iter()
        .map(|p| (ArticleId(p.a.id.clone()), ArticleId(p.b.id.clone())))
        .collect();
    // Two documents a pair; an article in several pairs of the chunk is aligned each time.
    let docs: Vec<cuttings_link::Doc> = pairs
        .iter()
        .zip(&ids)
        .flat_map(|(p, (a, b))| {
            [
                cuttings_link::Doc {
                    id: a,
                    body: &p.a.body,
                },
                cuttings_link::Doc {
                    id: b,
                    body: &p.b.body,
                },
            ]
        })
        .collect();
    let local: Vec<(u32, u32)> = (0..pairs.len() as u32)
        .map(|i| (2 * i, 2 * i + 1))
        .collect();
    let links = cuttings_link::compare_pairs(&docs, &local, cfg);
    let body = |id: &ArticleId| {
        docs.iter()
            .find(|d| d.id == id)
            .map(|d| d.body)
            .unwrap_or_default()
    };
    for l in &links {
        let line = LinkLine::of(l, body(&l.a), body(&l.b));
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    drop(docs);
    pairs.clear();
    Ok(())
}

/// The settings as `--config` prints them.
fn config_json(cfg: &cuttings_link::LinkConfig) -> serde_json::Value {
    serde_json::json!({
        "ngram": cfg.ngram,
        "window": cfg.window,
        "min_shared": cfg.min_shared,
        "max_df": cfg.max_df,
        "signature": cfg.signature(),
    })
}

/// Runs `align`.
pub fn run(args: Args) -> anyhow::Result<Status> {
    let cfg = cuttings_link::LinkConfig::default();
    let mut out = output::stdout();
    if args.config {
        serde_json::to_writer(&mut out, &config_json(&cfg))?;
        out.write_all(b"\n")?;
        return Ok(Status::Ok);
    }
    let mut bad = 0usize;
    let mut chunk: Vec<AlignPairLine> = Vec::with_capacity(CHUNK);
    for (i, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line.context("reading stdin")?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<AlignPairLine>(&line) {
            Ok(p) => chunk.push(p),
            Err(e) => {
                bad += 1;
                let l = ProcessErrorLine {
                    error: format!("not a pair {{\"a\": {{\"id\", \"body\"}}, \"b\": ...}}: {e}"),
                    path: None,
                    name: None,
                    line: Some(i + 1),
                };
                serde_json::to_writer(&mut out, &l)?;
                out.write_all(b"\n")?;
            }
        }
        if chunk.len() == CHUNK {
            flush(&mut out, &mut chunk, &cfg)?;
        }
    }
    flush(&mut out, &mut chunk, &cfg)?;
    Ok(if bad > 0 && args.strict {
        Status::SomeFailed
    } else {
        Status::Ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(a: &str, body_a: &str, b: &str, body_b: &str) -> AlignPairLine {
        let doc = |id: &str, body: &str| cuttings_cli::wire::AlignDoc {
            id: id.into(),
            body: body.into(),
        };
        AlignPairLine {
            a: doc(a, body_a),
            b: doc(b, body_b),
        }
    }

    #[test]
    fn a_reprint_is_aligned_and_unrelated_texts_are_not() {
        let cfg = cuttings_link::LinkConfig::default();
        let text = "The regional council voted on Tuesday to close the old copper mine above the \
                    village of Arnfeld, ending two centuries of extraction in the valley, and \
                    miners' representatives said they would appeal against the decision.";
        let other = "Heavy snow closed the mountain pass for a third day running, and drivers \
                     were told to expect further delays until the ploughs could reach the summit \
                     of the road, which has been shut since the storm began last week.";
        let mut out = Vec::new();
        let mut pairs = vec![
            pair("bb", text, "aa", &text.to_uppercase()),
            pair("cc", text, "dd", other),
        ];
        flush(&mut out, &mut pairs, &cfg).unwrap();
        let lines: Vec<LinkLine> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 1, "{lines:?}");
        let l = &lines[0];
        assert_eq!(
            (l.a.as_str(), l.b.as_str(), l.kind.as_str()),
            ("aa", "bb", "reprint")
        );
        let p = &l.passages[0];
        assert_eq!(
            text[p.b_start..p.b_end].to_uppercase(),
            text.to_uppercase()[p.a_start..p.a_end]
        );
        assert!(pairs.is_empty());
    }
}
