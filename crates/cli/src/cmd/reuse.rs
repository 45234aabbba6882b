//! `cuttings reuse`: text reuse between articles: pairs, clusters, passages, outlets (issue #13).

/// One-line help.
pub const ABOUT: &str =
    "Reprinted and copied passages: article pairs, clusters, the earliest source, who copies whom";

/// Full help.
pub const LONG_ABOUT: &str = "\
Text reuse between the articles of the corpus. Ingest compares every new article with the corpus
(winnowed fingerprints of word 5-grams outside quotation marks, then local alignment on the
words), so this only reads what is stored; `cuttings reuse --rebuild` links the whole corpus
again. The result does not depend on the order files were ingested in.

Each linked pair of articles shares one or more passages (exact character spans in both bodies,
found through case, punctuation, typographic quotes, hyphenation, light rewording and reordered
paragraphs) and is of one kind:
  reprint  the passages cover at least 80 % of both articles (a whole-story reprint)
  partial  some text is shared outside quotations, less than a whole story
  quote    only quotations are shared (a widely quoted sentence does not make a copy)

Subcommands:
  pairs     article pairs that share passages, most words first
  clusters  groups of articles joined by reprints and partial reuse (shared quotations join
            nothing), earliest first; the earliest source by date, with ties and missing dates
            said as such (earliest null), never guessed
  show ID   an article's links (or a cluster's, by cluster id), each passage from both articles
            side by side (as wide as the terminal, else $COLUMNS, else 120 columns), the words
            only one of them has marked [-only in a-] and {+only in b+}
  outlets   who copies whom: outlet pairs with counts and the median lag in days (from the
            outlet that printed first; same-day and undated pairs are undirected), and the share
            of each outlet's articles that reprint an article another outlet printed earlier

Formats (pairs, clusters, outlets): table (the default), json, jsonl, csv. `pairs --format jsonl`
prints {\"a\", \"b\", \"earlier\", \"words\", \"share_a\", \"share_b\", \"kind\", \"passages\":
[{\"a_start\", \"a_end\", \"b_start\", \"b_end\", \"words\"}]} per pair, offsets in characters;
`clusters --format jsonl` prints {\"id\", \"articles\", \"earliest\", \"dated\"}; `outlets --format
jsonl` prints {\"type\": \"pair\"|\"outlet\", \"data\": ...} records, and its csv a `type` column
(`pair` rows from `outlet` to `to`, then `outlet` rows with `articles` and `share`). Text from
the corpus is printed without its control characters, and a csv field that a spreadsheet would
read as a formula starts with '.

Exits with 1 when there is nothing to list.";

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use cuttings_cli::wire::{
    char_offset, round3, OutletMessage, OutletPairLine, OutletShareLine, OutletsOutput,
    ReuseClusterLine, ReusePairLine, ReusePassageLine,
};
use cuttings_link::ArticleInfo;
use cuttings_model::{ArticleId, Earliest, ReuseCluster, ReuseKind, ReuseLink};
use cuttings_store::{ArticleMeta, Corpus};

use crate::cmd;
use crate::output::{self, Align, Format, Table};
use crate::Status;

/// Flags of `reuse`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    /// Forget every link and link the whole corpus again.
    #[arg(long)]
    rebuild: bool,
    /// No progress bar or summary (with --rebuild).
    #[arg(long, short = 'q')]
    quiet: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Article pairs that share passages, most words first.
    Pairs(PairsArgs),
    /// Groups of articles joined by reuse, earliest first.
    Clusters(ClustersArgs),
    /// The passages of an article's links (or a cluster's) side by side, differences marked.
    Show(ShowArgs),
    /// Who copies whom: outlet pairs and each outlet's share of reprints.
    Outlets(OutletsArgs),
}

#[derive(Debug, clap::Args)]
struct PairsArgs {
    /// Only pairs sharing at least this many words.
    #[arg(long, default_value_t = 15, value_name = "N")]
    min_words: u32,
    /// Only pairs with an article of this outlet (whole name, any case).
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,
    /// Only pairs of this kind.
    #[arg(long, value_parser = ["reprint", "partial", "quote"])]
    kind: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Debug, clap::Args)]
struct ClustersArgs {
    /// Only clusters of at least this many articles.
    #[arg(long, default_value_t = 2, value_name = "N")]
    min_size: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Debug, clap::Args)]
struct ShowArgs {
    /// An article id (or a unique prefix of 4+ hex digits) or a cluster id.
    #[arg(value_name = "CLUSTER_OR_ID")]
    id: String,
    /// `text` (the default) or `json`.
    #[arg(long, value_parser = ["text", "json"], default_value = "text")]
    format: String,
}

#[derive(Debug, clap::Args)]
struct OutletsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs `reuse`.
pub fn run(corpus_dir: &Path, args: Args) -> anyhow::Result<Status> {
    if args.rebuild {
        let mut corpus = cmd::open_writer(corpus_dir)?;
        let total = corpus.stats()?.articles;
        let bar = cmd::progress(total, "articles", args.quiet);
        let started = std::time::Instant::now();
        let out = corpus
            .relink(&mut |done, _| bar.set_position(done as u64))
            .context("linking the corpus")?;
        bar.finish_and_clear();
        if !args.quiet {
            eprintln!(
                "{} articles linked in {:.1} s: {} pairs compared, {} share passages",
                out.articles,
                started.elapsed().as_secs_f64(),
                out.compared,
                // Links made while a passage was still rare go when it turns out boilerplate.
                out.links.saturating_sub(out.dropped)
            );
        }
        return Ok(Status::Ok);
    }
    let corpus = cmd::open_existing(corpus_dir)?;
    match args.command {
        None => summary(&corpus),
        Some(Command::Pairs(a)) => pairs(&corpus, a),
        Some(Command::Clusters(a)) => clusters(&corpus, a),
        Some(Command::Show(a)) => show(&corpus, a),
        Some(Command::Outlets(a)) => outlets(&corpus, a),
    }
}

/// Counts by kind, and the clusters.
fn summary(corpus: &Corpus) -> anyhow::Result<Status> {
    let links = corpus.reuse_links(None)?;
    let meta = corpus.article_meta()?;
    let mut out = output::stdout();
    for kind in ReuseKind::ALL {
        let n = links.iter().filter(|l| l.kind == kind).count();
        writeln!(out, "{:<8} {n} pairs", kind.as_str())?;
    }
    let c = cuttings_link::clusters(&links, info_of(&meta));
    let in_clusters: usize = c.iter().map(|c| c.articles.len()).sum();
    writeln!(
        out,
        "{} clusters holding {in_clusters} of {} articles",
        c.len(),
        meta.len()
    )?;
    out.flush()?;
    Ok(if links.is_empty() {
        Status::NothingFound
    } else {
        Status::Ok
    })
}

/// What ingest says about links that went because their passages became boilerplate.
pub fn dropped_note(dropped: usize) -> String {
    match dropped {
        0 => String::new(),
        1 => ", 1 link dropped (its passage is now boilerplate)".into(),
        n => format!(", {n} links dropped (their passages are now boilerplate)"),
    }
}

static NONE: ArticleMeta = ArticleMeta {
    date: None,
    outlet: None,
};

fn info_of<'m>(meta: &'m HashMap<String, ArticleMeta>) -> impl Fn(&ArticleId) -> ArticleInfo<'m> {
    move |id| meta.get(&id.0).unwrap_or(&NONE).info()
}

/// The article of a pair printed first, by date; `None` on equal or missing dates.
fn earlier<'a>(l: &'a ReuseLink, meta: &HashMap<String, ArticleMeta>) -> Option<&'a ArticleId> {
    let da = meta.get(&l.a.0).and_then(|m| m.date)?;
    let db = meta.get(&l.b.0).and_then(|m| m.date)?;
    match da.cmp(&db) {
        std::cmp::Ordering::Less => Some(&l.a),
        std::cmp::Ordering::Greater => Some(&l.b),
        std::cmp::Ordering::Equal => None,
    }
}

/// Bodies of articles, fetched once each.
struct Bodies<'c> {
    corpus: &'c Corpus,
    cache: HashMap<String, String>,
}

impl<'c> Bodies<'c> {
    fn new(corpus: &'c Corpus) -> Bodies<'c> {
        Bodies {
            corpus,
            cache: HashMap::new(),
        }
    }

    fn get(&mut self, id: &str) -> anyhow::Result<&str> {
        if !self.cache.contains_key(id) {
            let a = self
                .corpus
                .article(id)?
                .with_context(|| format!("article {id} is linked but not stored"))?;
            self.cache.insert(id.to_string(), a.article.body);
        }
        Ok(&self.cache[id])
    }
}

fn pair_line(
    l: &ReuseLink,
    meta: &HashMap<String, ArticleMeta>,
    bodies: &mut Bodies<'_>,
) -> anyhow::Result<ReusePairLine> {
    let ba = bodies.get(&l.a.0)?.to_string();
    let bb = bodies.get(&l.b.0)?;
    Ok(ReusePairLine {
        a: l.a.0.clone(),
        b: l.b.0.clone(),
        earlier: earlier(l, meta).map(|id| id.0.clone()),
        words: l.words,
        share_a: round3(l.share_a),
        share_b: round3(l.share_b),
        kind: l.kind.as_str().to_string(),
        passages: l
            .passages
            .iter()
            .map(|p| ReusePassageLine {
                a_start: char_offset(&ba, p.a.start),
                a_end: char_offset(&ba, p.a.end),
                b_start: char_offset(bb, p.b.start),
                b_end: char_offset(bb, p.b.end),
                words: p.words,
            })
            .collect(),
    })
}

fn outlet_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn pairs(corpus: &Corpus, args: PairsArgs) -> anyhow::Result<Status> {
    let meta = corpus.article_meta()?;
    let kind = args.kind.as_deref().and_then(ReuseKind::parse);
    let want = args.outlet.as_deref().map(outlet_key);
    let mut links: Vec<ReuseLink> = corpus
        .reuse_links(kind)?
        .into_iter()
        .filter(|l| l.words >= args.min_words)
        .filter(|l| {
            want.as_ref().is_none_or(|w| {
                [&l.a, &l.b].iter().any(|id| {
                    meta.get(&id.0)
                        .and_then(|m| m.outlet.as_deref())
                        .is_some_and(|o| outlet_key(o) == *w)
                })
            })
        })
        .collect();
    links.sort_by(|x, y| y.words.cmp(&x.words).then((&x.a, &x.b).cmp(&(&y.a, &y.b))));
    let mut bodies = Bodies::new(corpus);
    let mut out = output::stdout();
    let describe = |id: &ArticleId| {
        let m = meta.get(&id.0).unwrap_or(&NONE);
        format!(
            "{} {} {}",
            &id.0[..10.min(id.0.len())],
            output::or_dash(m.date.map(|d| d.to_string()).as_deref()),
            output::truncate(&output::or_dash(m.outlet.as_deref()), 22)
        )
    };
    match args.format {
        Format::Table => {
            let mut t = Table::new(&[
                ("kind", Align::Left),
                ("words", Align::Right),
                ("share a", Align::Right),
                ("share b", Align::Right),
                ("earlier", Align::Left),
                ("a", Align::Left),
                ("b", Align::Left),
            ]);
            for l in &links {
                t.row(vec![
                    l.kind.as_str().to_string(),
                    l.words.to_string(),
                    format!("{:.2}", l.share_a),
                    format!("{:.2}", l.share_b),
                    match earlier(l, &meta) {
                        Some(e) if *e == l.a => "a".into(),
                        Some(_) => "b".into(),
                        None => "-".into(),
                    },
                    describe(&l.a),
                    describe(&l.b),
                ]);
            }
            if !t.is_empty() {
                t.write(&mut out)?;
            }
        }
        Format::Json => {
            let lines = links
                .iter()
                .map(|l| pair_line(l, &meta, &mut bodies))
                .collect::<anyhow::Result<Vec<_>>>()?;
            output::json(&mut out, &lines)?;
        }
        Format::Jsonl => {
            for l in &links {
                output::jsonl(&mut out, &pair_line(l, &meta, &mut bodies)?)?;
            }
        }
        Format::Csv => {
            output::csv_row(
                &mut out,
                &[
                    "a", "b", "earlier", "kind", "words", "share_a", "share_b", "passages",
                ],
            )?;
            for l in &links {
                output::csv_row(
                    &mut out,
                    &[
                        l.a.0.clone(),
                        l.b.0.clone(),
                        earlier(l, &meta).map(|e| e.0.clone()).unwrap_or_default(),
                        l.kind.as_str().to_string(),
                        l.words.to_string(),
                        format!("{:.3}", l.share_a),
                        format!("{:.3}", l.share_b),
                        l.passages.len().to_string(),
                    ],
                )?;
            }
        }
    }
    out.flush()?;
    Ok(if links.is_empty() {
        Status::NothingFound
    } else {
        Status::Ok
    })
}

fn cluster_line(c: &ReuseCluster) -> ReuseClusterLine {
    ReuseClusterLine {
        id: c.id.clone(),
        articles: c.articles.iter().map(|a| a.0.clone()).collect(),
        earliest: c.earliest.article().map(|a| a.0.clone()),
        dated: c.dated,
    }
}

/// What the earliest of a cluster is, in words.
fn earliest_text(c: &ReuseCluster) -> String {
    let short = |ids: &[ArticleId]| {
        ids.iter()
            .map(|i| i.0.chars().take(10).collect::<String>())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match &c.earliest {
        Earliest::Article(id) => id.0.chars().take(10).collect(),
        Earliest::Tie(ids) => format!("tie: {}", short(ids)),
        Earliest::Undated(ids) if ids.is_empty() => "unknown: no dates".into(),
        Earliest::Undated(ids) => format!("unknown: undated members; first dated {}", short(ids)),
    }
}

fn clusters(corpus: &Corpus, args: ClustersArgs) -> anyhow::Result<Status> {
    let links = corpus.reuse_links(None)?;
    let meta = corpus.article_meta()?;
    let list: Vec<ReuseCluster> = cuttings_link::clusters(&links, info_of(&meta))
        .into_iter()
        .filter(|c| c.articles.len() >= args.min_size)
        .collect();
    let mut out = output::stdout();
    match args.format {
        Format::Table => {
            let mut t = Table::new(&[
                ("cluster", Align::Left),
                ("articles", Align::Right),
                ("first date", Align::Left),
                ("outlets", Align::Left),
                ("earliest", Align::Left),
            ]);
            for c in &list {
                let mut outlets: Vec<&str> = c
                    .articles
                    .iter()
                    .filter_map(|a| meta.get(&a.0).and_then(|m| m.outlet.as_deref()))
                    .collect();
                outlets.sort_unstable();
                outlets.dedup();
                t.row(vec![
                    c.id.clone(),
                    c.articles.len().to_string(),
                    output::or_dash(c.first_date.map(|d| d.to_string()).as_deref()),
                    output::truncate(&outlets.join(", "), 40),
                    earliest_text(c),
                ]);
            }
            if !t.is_empty() {
                t.write(&mut out)?;
            }
        }
        Format::Json => {
            let lines: Vec<ReuseClusterLine> = list.iter().map(cluster_line).collect();
            output::json(&mut out, &lines)?;
        }
        Format::Jsonl => {
            for c in &list {
                output::jsonl(&mut out, &cluster_line(c))?;
            }
        }
        Format::Csv => {
            output::csv_row(&mut out, &["id", "articles", "earliest", "dated"])?;
            for c in &list {
                output::csv_row(
                    &mut out,
                    &[
                        c.id.clone(),
                        c.articles
                            .iter()
                            .map(|a| a.0.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                        c.earliest
                            .article()
                            .map(|a| a.0.clone())
                            .unwrap_or_default(),
                        c.dated.to_string(),
                    ],
                )?;
            }
        }
    }
    out.flush()?;
    Ok(if list.is_empty() {
        Status::NothingFound
    } else {
        Status::Ok
    })
}

/// One side of a passage with the words the other side lacks marked `open`...`close`.
fn marked(
    text: &str,
    parts: &[cuttings_link::DiffPart],
    side_a: bool,
    open: &str,
    close: &str,
) -> String {
    let mut s = String::new();
    let mut at = 0;
    for p in parts {
        let span = if side_a { p.a } else { p.b };
        if span.is_empty() {
            continue;
        }
        s.push_str(&text[at..span.start]);
        if p.same {
            s.push_str(&text[span.start..span.end]);
        } else {
            s.push_str(open);
            s.push_str(&text[span.start..span.end]);
            s.push_str(close);
        }
        at = span.end;
    }
    s.push_str(&text[at..]);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Width of the text outputs: the terminal's, else `$COLUMNS`, else 120 columns.
fn text_width() -> usize {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
            return w as usize;
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&c: &usize| c > 0)
        .unwrap_or(120)
}

/// `text` in lines of at most `width` characters, broken between words (a longer word is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        if len > 0 && len + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
            len = 0;
        }
        while word.len() > width {
            let rest = word.split_off(width);
            lines.push(word.into_iter().collect());
            word = rest;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        len += word.len();
        line.extend(word);
    }
    if len > 0 {
        lines.push(line);
    }
    lines
}

/// The two sides of a passage side by side, in columns of `col` characters: the text is cut
/// after each stretch the two sides share, and both columns start the next stretch on the same
/// row, so that the words only one side has (`[-...-]` on the left, `{+...+}` on the right)
/// stand beside what the other side has there.
fn side_by_side(ta: &str, tb: &str, parts: &[cuttings_link::DiffPart], col: usize) -> Vec<String> {
    let mut rows = Vec::new();
    let (mut at_a, mut at_b) = (0, 0);
    let (mut left, mut right) = (String::new(), String::new());
    let mut flush = |left: &mut String, right: &mut String| {
        let (l, r) = (
            wrap(&output::visible(left), col),
            wrap(&output::visible(right), col),
        );
        for k in 0..l.len().max(r.len()) {
            let l = l.get(k).map_or("", String::as_str);
            let r = r.get(k).map_or("", String::as_str);
            rows.push(format!("{l:<col$} | {r}").trim_end().to_string());
        }
        left.clear();
        right.clear();
    };
    for p in parts {
        for (text, span, at, piece, open, close) in [
            (ta, p.a, &mut at_a, &mut left, "[-", "-]"),
            (tb, p.b, &mut at_b, &mut right, "{+", "+}"),
        ] {
            if span.is_empty() {
                continue;
            }
            piece.push_str(&text[*at..span.start]);
            if !p.same {
                piece.push_str(open);
            }
            // The punctuation after the last word goes with it.
            let end = span.end
                + text[span.end..]
                    .find(|c: char| c.is_whitespace() || c.is_alphanumeric())
                    .unwrap_or(text.len() - span.end);
            piece.push_str(&text[span.start..end]);
            if !p.same {
                piece.push_str(close);
            }
            *at = end;
        }
        if p.same && !std::ptr::eq(p, parts.last().unwrap_or(p)) {
            flush(&mut left, &mut right);
        }
    }
    left.push_str(&ta[at_a..]);
    right.push_str(&tb[at_b..]);
    if !left.trim().is_empty() || !right.trim().is_empty() {
        flush(&mut left, &mut right);
    }
    rows
}

fn show(corpus: &Corpus, args: ShowArgs) -> anyhow::Result<Status> {
    let links = corpus.reuse_links(None)?;
    let meta = corpus.article_meta()?;
    let all = cuttings_link::clusters(&links, info_of(&meta));
    let (title, members, cluster): (String, Vec<ArticleId>, Option<&ReuseCluster>) =
        if let Some(c) = all.iter().find(|c| c.id == args.id) {
            (
                format!("cluster {} ({} articles)", c.id, c.articles.len()),
                c.articles.clone(),
                Some(c),
            )
        } else {
            let Some(a) = corpus.article(&args.id)? else {
                eprintln!("cuttings: no article or cluster {}", args.id);
                return Ok(Status::NothingFound);
            };
            (
                format!("article {}", a.article.id),
                vec![a.article.id.clone()],
                None,
            )
        };
    let chosen: Vec<&ReuseLink> = links
        .iter()
        .filter(|l| match cluster {
            Some(_) => members.contains(&l.a) && members.contains(&l.b),
            None => members.contains(&l.a) || members.contains(&l.b),
        })
        .collect();
    let mut bodies = Bodies::new(corpus);
    let mut out = output::stdout();
    if args.format == "json" {
        let mut lines = Vec::new();
        for l in &chosen {
            let p = pair_line(l, &meta, &mut bodies)?;
            let ba = bodies.get(&l.a.0)?.to_string();
            let bb = bodies.get(&l.b.0)?.to_string();
            let passages: Vec<serde_json::Value> = l
                .passages
                .iter()
                .zip(&p.passages)
                .map(|(q, w)| {
                    let (ta, tb) = (&ba[q.a.start..q.a.end], &bb[q.b.start..q.b.end]);
                    let parts = cuttings_link::diff(ta, tb);
                    serde_json::json!({
                        "a_start": w.a_start, "a_end": w.a_end, "b_start": w.b_start,
                        "b_end": w.b_end, "words": w.words, "quoted": q.quoted,
                        "a_text": ta, "b_text": tb,
                        "a_marked": marked(ta, &parts, true, "[-", "-]"),
                        "b_marked": marked(tb, &parts, false, "{+", "+}"),
                    })
                })
                .collect();
            lines.push(serde_json::json!({
                "a": p.a, "b": p.b, "earlier": p.earlier, "kind": p.kind, "words": p.words,
                "share_a": p.share_a, "share_b": p.share_b, "passages": passages,
            }));
        }
        let value = serde_json::json!({
            "cluster": cluster.map(cluster_line),
            "articles": members.iter().map(|m| &m.0).collect::<Vec<_>>(),
            "pairs": lines,
        });
        output::json(&mut out, &value)?;
        out.flush()?;
        return Ok(if chosen.is_empty() {
            Status::NothingFound
        } else {
            Status::Ok
        });
    }
    // Passages are ingested text: `output::stdout` escapes their control characters.
    let col = (text_width().saturating_sub(7) / 2).max(20);
    writeln!(out, "{title}")?;
    if let Some(c) = cluster {
        writeln!(out, "earliest: {}", earliest_text(c))?;
    }
    if chosen.is_empty() {
        writeln!(out, "no passage shared with another article")?;
    }
    let head = |id: &ArticleId| {
        let m = meta.get(&id.0).unwrap_or(&NONE);
        format!(
            "{} ({}, {})",
            id.0,
            output::or_dash(m.outlet.as_deref()),
            output::or_dash(m.date.map(|d| d.to_string()).as_deref())
        )
    };
    for l in &chosen {
        writeln!(out)?;
        writeln!(
            out,
            "{} {} words, {:.0} % of a, {:.0} % of b{}",
            l.kind,
            l.words,
            l.share_a * 100.0,
            l.share_b * 100.0,
            match earlier(l, &meta) {
                Some(e) if *e == l.a => ", a first",
                Some(_) => ", b first",
                None => "",
            }
        )?;
        writeln!(out, "  a: {}", head(&l.a))?;
        writeln!(out, "  b: {}", head(&l.b))?;
        let ba = bodies.get(&l.a.0)?.to_string();
        let bb = bodies.get(&l.b.0)?.to_string();
        for (n, p) in l.passages.iter().enumerate() {
            let (ta, tb) = (&ba[p.a.start..p.a.end], &bb[p.b.start..p.b.end]);
            let parts = cuttings_link::diff(ta, tb);
            writeln!(
                out,
                "  passage {} ({} words{}): a {}..{}, b {}..{}",
                n + 1,
                p.words,
                if p.quoted { ", a quotation" } else { "" },
                char_offset(&ba, p.a.start),
                char_offset(&ba, p.a.end),
                char_offset(&bb, p.b.start),
                char_offset(&bb, p.b.end)
            )?;
            writeln!(out, "    {:<col$} | b", "a")?;
            for row in side_by_side(ta, tb, &parts, col) {
                writeln!(out, "    {row}")?;
            }
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}

fn outlets(corpus: &Corpus, args: OutletsArgs) -> anyhow::Result<Status> {
    let links = corpus.reuse_links(None)?;
    let meta = corpus.article_meta()?;
    let pairs: Vec<OutletPairLine> = cuttings_link::outlet_pairs(&links, info_of(&meta))
        .into_iter()
        .map(|p| OutletPairLine {
            from: p.from,
            to: p.to,
            directed: p.directed,
            pairs: p.pairs,
            reprints: p.reprints,
            median_lag_days: p.median_lag_days,
            undated: p.undated,
        })
        .collect();
    let ids: Vec<ArticleId> = meta.keys().map(|k| ArticleId(k.clone())).collect();
    let shares: Vec<OutletShareLine> =
        cuttings_link::outlet_shares(&links, ids.iter().map(|id| (id, meta[&id.0].info())))
            .into_iter()
            .map(|s| OutletShareLine {
                outlet: s.outlet,
                articles: s.articles,
                reprints: s.reprints,
                partial: s.partial,
                share: (s.share * 1000.0).round() / 1000.0,
            })
            .collect();
    let mut out = output::stdout();
    match args.format {
        Format::Table => {
            let mut t = Table::new(&[
                ("from", Align::Left),
                ("", Align::Left),
                ("to", Align::Left),
                ("pairs", Align::Right),
                ("reprints", Align::Right),
                ("median lag (days)", Align::Right),
                ("undated", Align::Right),
            ]);
            for p in &pairs {
                t.row(vec![
                    output::truncate(&p.from, 30),
                    if p.directed { "->" } else { "--" }.into(),
                    output::truncate(&p.to, 30),
                    p.pairs.to_string(),
                    p.reprints.to_string(),
                    p.median_lag_days.map_or("-".into(), |d| format!("{d:.1}")),
                    p.undated.to_string(),
                ]);
            }
            if !t.is_empty() {
                t.write(&mut out)?;
                writeln!(out)?;
            }
            let mut t = Table::new(&[
                ("outlet", Align::Left),
                ("articles", Align::Right),
                ("reprints", Align::Right),
                ("partial", Align::Right),
                ("share reprinted", Align::Right),
            ]);
            for s in &shares {
                t.row(vec![
                    output::truncate(&s.outlet, 40),
                    s.articles.to_string(),
                    s.reprints.to_string(),
                    s.partial.to_string(),
                    format!("{:.1} %", s.share * 100.0),
                ]);
            }
            if !t.is_empty() {
                t.write(&mut out)?;
            }
        }
        Format::Json => output::json(
            &mut out,
            &OutletsOutput {
                pairs: pairs.clone(),
                outlets: shares.clone(),
            },
        )?,
        Format::Jsonl => {
            for p in &pairs {
                output::jsonl(&mut out, &OutletMessage::Pair(p.clone()))?;
            }
            for s in &shares {
                output::jsonl(&mut out, &OutletMessage::Outlet(s.clone()))?;
            }
        }
        Format::Csv => {
            // One table for both record kinds, as `stats` does: `pair` rows fill the columns
            // up to `undated`, `outlet` rows `outlet` and the columns from `articles`.
            output::csv_row(
                &mut out,
                &[
                    "type",
                    "outlet",
                    "to",
                    "directed",
                    "pairs",
                    "reprints",
                    "median_lag_days",
                    "undated",
                    "articles",
                    "partial",
                    "share",
                ],
            )?;
            for p in &pairs {
                output::csv_row(
                    &mut out,
                    &[
                        "pair".to_string(),
                        p.from.clone(),
                        p.to.clone(),
                        p.directed.to_string(),
                        p.pairs.to_string(),
                        p.reprints.to_string(),
                        p.median_lag_days.map(|d| d.to_string()).unwrap_or_default(),
                        p.undated.to_string(),
                        String::new(),
                        String::new(),
                        String::new(),
                    ],
                )?;
            }
            for s in &shares {
                output::csv_row(
                    &mut out,
                    &[
                        "outlet".to_string(),
                        s.outlet.clone(),
                        String::new(),
                        String::new(),
                        String::new(),
                        s.reprints.to_string(),
                        String::new(),
                        String::new(),
                        s.articles.to_string(),
                        s.partial.to_string(),
                        format!("{:.3}", s.share),
                    ],
                )?;
            }
        }
    }
    out.flush()?;
    Ok(if links.is_empty() {
        Status::NothingFound
    } else {
        Status::Ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_between_words() {
        assert_eq!(wrap("the council  voted", 11), ["the council", "voted"]);
        assert_eq!(wrap("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
        assert!(wrap(" ", 5).is_empty());
    }

    #[test]
    fn side_by_side_keeps_changes_on_one_row() {
        let a = "The council voted on Tuesday to close the mine, ending two centuries of work.";
        let b = "THE COUNCIL DECIDED ON TUESDAY TO CLOSE THE MINE, ENDING TWO CENTURIES OF WORK.";
        let rows = side_by_side(a, b, &cuttings_link::diff(a, b), 30);
        assert_eq!(
            rows,
            [
                "The council                    | THE COUNCIL",
                "[-voted-] on Tuesday to close  | {+DECIDED+} ON TUESDAY TO",
                "the mine, ending two centuries | CLOSE THE MINE, ENDING TWO",
                "of work.                       | CENTURIES OF WORK.",
            ]
        );
        // Control characters of the bodies never reach the rows.
        let rows = side_by_side(
            "a\u{1b}[2Jb",
            "a\u{1b}[2Jb",
            &cuttings_link::diff("a b", "a b"),
            30,
        );
        assert!(rows.iter().all(|r| !r.contains('\u{1b}')), "{rows:?}");
    }
}
