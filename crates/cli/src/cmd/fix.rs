//! `cuttings fix`: the users' corrections of segmentation, logged, applied at once, and applied
//! again whenever a source is segmented again (issue #12).

/// One-line help.
pub const ABOUT: &str =
    "Correct an article's fields or boundaries; list, undo and export the logged corrections";

/// Full help.
pub const LONG_ABOUT: &str = "\
Correct what segmentation made of a digest:

  fix ID --title T --subtitle S --date YYYY-MM-DD --outlet O --authors \"A; B\"
                            set fields (an empty value clears the field)
  fix ID --split-at LINE    cut the article in two before LINE, a line of its body, which opens
                            the second article as its headline
  fix ID --merge-with ID2   the article and ID2, the article before or after it in the same
                            source, are one (the first one's fields are kept; what stood between
                            the two bodies becomes body)
  fix list                  every correction with its number, time, source line, change, the
                            articles it gave, whether it applies, and the reason
  fix undo N                correction number N no longer applies
  fix export FILE.jsonl     the corrected sources as training data for the segmenter: one JSON
                            object per source, {source, articles, lines}, lines with their roles
                            after the corrections (- writes to stdout)

LINE is the 1-based line number of the source text (for a PDF, of the text cuttings renders from
it), as `cuttings show ID` prints it for every body line; `57.2` is the second of several lines of
the article printed side by side on line 57 (columns of a layout dump).

Every correction is logged with the time, its source (sha256), an anchor (the byte offset of a
line of the article in the source, which finds the article again however it is segmented; ids
are content hashes and would not), the old and new values and the --reason given. It applies at
once: fix reads the source file again (it must still be at its path, unchanged) and segments it
again with the source's corrections, and the source's articles are replaced. Corrections apply
again, in order, whenever the source is segmented again (`cuttings ingest --resegment`, or an
ingest of the file into a corpus that holds its corrections); `cuttings reindex` keeps them.
Nothing is deleted: undo marks a correction as no longer applying.

Ids: a corrected article keeps its id; the second article of a split gets an id derived from the
first one's and the split's number; a merge keeps the first article's id. The ids a correction
gave are printed (the `result` column).

Formats (list, and the corrections printed after a fix or an undo): table (default), json,
jsonl, csv.
Exit status 2 when the article, the line or the correction does not exist or does not fit (the
split line is not inside the body, the merged articles do not follow each other), or the source
cannot be read again: nothing is changed. `list` and `export` exit with 1 when there is nothing
to list; `export` with 2 when some sources could not be read again (the others are written).";

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use cuttings_cli::wire::{
    CorrectionLine, TrainingArticle, TrainingFile, TrainingLine, TrainingSource,
};
use cuttings_model::{Article, Correction, Date, FieldValue, Source};
use cuttings_store::{
    stored_value, Corpus, CorrectionAction, CorrectionRecord, FileRecord, Filter, StoredArticle,
};

use crate::cmd::{self, LineIndex, ReadBack};
use crate::output::{self, Align, Format};
use crate::Status;

/// Flags of `fix`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,
    /// The article, by id or a unique prefix of it (4+ hex digits).
    #[arg(value_name = "ID", required = true)]
    id: Option<String>,
    /// The title ("" clears it).
    #[arg(long, value_name = "T")]
    title: Option<String>,
    /// The subtitle ("" clears it).
    #[arg(long, value_name = "S")]
    subtitle: Option<String>,
    /// The date, YYYY-MM-DD ("" clears it).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<TypedDate>,
    /// The outlet ("" clears it).
    #[arg(long, value_name = "O")]
    outlet: Option<String>,
    /// The authors, separated by ";" ("" clears them).
    #[arg(long, value_name = "\"A; B\"")]
    authors: Option<String>,
    /// Cut the article before this line of its body (as `show` numbers it).
    #[arg(long, value_name = "LINE", conflicts_with_all = ["title", "subtitle", "date", "outlet", "authors", "merge_with"])]
    split_at: Option<String>,
    /// Join the article with this one, the one before or after it in the same source.
    #[arg(long, value_name = "ID", conflicts_with_all = ["title", "subtitle", "date", "outlet", "authors"])]
    merge_with: Option<String>,
    /// Why (kept in the log).
    #[arg(long)]
    reason: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table, global = true)]
    format: Format,
}

/// What to do besides correcting an article.
#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Every correction, oldest first.
    List,
    /// Correction number N no longer applies.
    Undo {
        /// The number of the correction (see `fix list`).
        number: i64,
        /// Why (kept in the log).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Write the corrected sources as training data, one JSON object per source a line.
    Export {
        /// Where to write (- for stdout).
        file: PathBuf,
    },
}

/// A date given to `--date`: a day, or nothing to clear it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypedDate(Option<Date>);

fn parse_date(s: &str) -> Result<TypedDate, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(TypedDate(None));
    }
    let bytes = s.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && s.bytes()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    match s.parse::<Date>() {
        Ok(d) if shape => Ok(TypedDate(Some(d))),
        _ => Err(format!(
            "invalid date {s:?}: expected YYYY-MM-DD, a day that exists"
        )),
    }
}

/// Runs `fix`.
pub fn run(corpus_dir: &Path, args: Args) -> anyhow::Result<Status> {
    let format = args.format;
    let records = match args.action {
        Some(Action::List) => {
            let corpus = cmd::open_existing(corpus_dir)?;
            corpus.corrections(None)?
        }
        Some(Action::Export { file }) => return export(corpus_dir, &file),
        Some(Action::Undo { number, reason }) => {
            let mut corpus = open(corpus_dir)?;
            undo(&mut corpus, number, reason)?
        }
        None => {
            let mut corpus = open(corpus_dir)?;
            correct(&mut corpus, &args)?
        }
    };
    let lines: Vec<CorrectionLine> = records.iter().map(correction_line).collect();
    let mut out = output::stdout();
    output::listing(
        &mut out,
        format,
        &lines,
        &[
            ("#", Align::Right),
            ("time", Align::Left),
            ("source", Align::Left),
            ("line", Align::Right),
            ("change", Align::Left),
            ("result", Align::Left),
            ("applies", Align::Left),
            ("reason", Align::Left),
        ],
        &[
            "id", "time", "action", "source", "anchor", "line", "field", "old", "new", "target",
            "article", "other", "result", "reason", "active",
        ],
        |l| {
            vec![
                l.id.to_string(),
                l.time.clone(),
                l.source.chars().take(8).collect(),
                l.line.map_or("-".into(), |n| n.to_string()),
                output::truncate(&what(l), 60),
                if l.result.is_empty() {
                    "-".into()
                } else {
                    l.result
                        .iter()
                        .map(|id| id.chars().take(10).collect::<String>())
                        .collect::<Vec<_>>()
                        .join(" ")
                },
                if l.active { "yes" } else { "no" }.to_string(),
                output::or_dash(l.reason.as_deref()),
            ]
        },
        |l| {
            vec![
                l.id.to_string(),
                l.time.clone(),
                l.action.clone(),
                l.source.clone(),
                l.anchor.map(|a| a.to_string()).unwrap_or_default(),
                l.line.map(|a| a.to_string()).unwrap_or_default(),
                l.field.clone().unwrap_or_default(),
                l.old.clone().unwrap_or_default(),
                l.new.clone().unwrap_or_default(),
                l.target.map(|a| a.to_string()).unwrap_or_default(),
                l.article.clone().unwrap_or_default(),
                l.other.clone().unwrap_or_default(),
                l.result.join(" "),
                l.reason.clone().unwrap_or_default(),
                l.active.to_string(),
            ]
        },
    )?;
    out.flush()?;
    Ok(if lines.is_empty() {
        Status::NothingFound
    } else {
        Status::Ok
    })
}

fn open(dir: &Path) -> anyhow::Result<Corpus> {
    if !dir.join(cuttings_store::DATABASE_FILE).is_file() {
        // Like the read commands: a missing corpus is an error, never created here.
        cmd::open_existing(dir)?;
    }
    cmd::open_writer(dir)
}

/// True when one of the article's spans (body lines, fields) holds byte `at`.
pub(crate) fn holds(a: &Article, at: usize) -> bool {
    let p = &a.provenance;
    p.body
        .iter()
        .chain(&p.title)
        .chain(&p.subtitle)
        .chain(&p.date)
        .chain(&p.outlet)
        .chain(p.authors.iter().flatten())
        .any(|s| s.start <= at && at < s.end)
}

/// A logged correction as printed.
pub(crate) fn correction_line(c: &CorrectionRecord) -> CorrectionLine {
    let shown = |v: &Option<String>| v.as_ref().map(|v| v.lines().collect::<Vec<_>>().join("; "));
    CorrectionLine {
        id: c.id,
        time: c.time.clone(),
        action: c.action.as_str().to_string(),
        source: c.source.clone(),
        anchor: c.anchor,
        line: c.line,
        field: c.field.clone(),
        old: shown(&c.old),
        new: shown(&c.new),
        target: match c.action {
            // The line a user typed, not the byte behind it.
            CorrectionAction::Split | CorrectionAction::Merge => {
                c.target_line.and_then(|l| i64::try_from(l).ok())
            }
            _ => c.target,
        },
        article: c.article.clone(),
        other: c.other.clone(),
        result: c.result.clone(),
        reason: c.reason.clone(),
        active: c.is_active(),
    }
}

/// What a correction changed, in a few words.
pub(crate) fn what(c: &CorrectionLine) -> String {
    let short = |id: &Option<String>| {
        id.as_deref()
            .map_or("-".to_string(), |i| i.chars().take(10).collect())
    };
    match c.action.as_str() {
        "set" => format!(
            "{} {:?} -> {}",
            c.field.as_deref().unwrap_or("?"),
            c.old.as_deref().unwrap_or(""),
            c.new
                .as_deref()
                .map_or("(cleared)".to_string(), |v| format!("{v:?}"))
        ),
        "split" => format!(
            "split {} at line {}",
            short(&c.article),
            c.target.unwrap_or(0)
        ),
        "merge" => format!("merge {} with {}", short(&c.article), short(&c.other)),
        "undo" => format!("undo #{}", c.target.unwrap_or(0)),
        other => other.to_string(),
    }
}

/// The source of a stored article, read again; an error saying why not.
fn source_of(file: &FileRecord) -> anyhow::Result<Source> {
    match cmd::read_back(file) {
        (ReadBack::Ok, Some(src)) => Ok(src),
        (status, _) => Err(anyhow!(
            "{}: {}; fix segments the source again, so it must be at its path, unchanged \
             (nothing was changed)",
            file.path,
            match status {
                ReadBack::Missing => "not found",
                ReadBack::Changed => "changed since it was ingested (sha256 differs)",
                ReadBack::Stdin => "was read from stdin and not kept",
                _ => "could not be read",
            }
        )),
    }
}

/// The article an id or prefix names, or an error.
fn article(corpus: &Corpus, id: &str) -> anyhow::Result<StoredArticle> {
    corpus
        .article(id.trim())?
        .ok_or_else(|| anyhow!("no article with id or prefix {:?}", id.trim()))
}

/// The byte offset a correction of `a` is anchored to: the start of the middle line of its
/// body, the line least likely to change article when the source is segmented otherwise.
fn anchor_of(a: &Article) -> anyhow::Result<usize> {
    let p = &a.provenance;
    p.body
        .get(p.body.len() / 2)
        .or_else(|| p.title.first())
        .map(|s| s.start)
        .ok_or_else(|| anyhow!("article {} has no source span to anchor a correction", a.id))
}

/// Segments `source` again with its active corrections and `new` ones, checks that the new
/// ones applied, fills in the ids they gave (of the articles holding the bytes `report` gives
/// each), and stores it all.
fn apply(
    corpus: &mut Corpus,
    source: &Source,
    skip: Option<i64>,
    mut new: Vec<CorrectionRecord>,
    report: &[Vec<usize>],
    undone: &[String],
) -> anyhow::Result<Vec<CorrectionRecord>> {
    let mut corrections: Vec<Correction> = corpus
        .active_corrections(&source.sha256)?
        .into_iter()
        .filter(|c| Some(c.number) != skip.and_then(|n| u64::try_from(n).ok()))
        .collect();
    corrections.extend(new.iter().filter_map(CorrectionRecord::to_correction));
    let processed = cuttings_pipeline::process_corrected(source, &corrections);
    for r in &new {
        if u64::try_from(r.id).is_ok_and(|n| processed.skipped.contains(&n)) {
            let why = processed
                .diagnostics
                .iter()
                .find(|d| d.message.starts_with(&format!("correction #{} ", r.id)))
                .map_or("it does not apply", |d| d.message.as_str());
            bail!("{why} (nothing was changed)");
        }
    }
    let file = cmd::ingest::file_ingest(processed);
    for (r, offsets) in new.iter_mut().zip(report) {
        for at in offsets {
            if let Some(a) = file.articles.iter().find(|a| holds(a, *at)) {
                if !r.result.contains(&a.id.0) {
                    r.result.push(a.id.0.clone());
                }
            }
        }
    }
    let removed = corpus.correct(&file, &new)?;
    // Segmenting again with another version of cuttings than the one that stored the source
    // changes more than the corrections: say so.
    let touched: Vec<&String> = new
        .iter()
        .flat_map(|r| r.result.iter().chain(&r.article).chain(&r.other))
        .chain(undone)
        .collect();
    let changed = removed
        .iter()
        .filter(|id| !touched.contains(id) && !file.articles.iter().any(|a| a.id.0 == **id))
        .count();
    if changed > 0 {
        eprintln!(
            "cuttings: note: {}: segmented again by this version of cuttings, {changed} other \
             article{} changed",
            source.path,
            if changed == 1 { "" } else { "s" }
        );
    }
    // As logged (with the time).
    let ids: Vec<i64> = new.iter().map(|r| r.id).collect();
    Ok(corpus
        .corrections(Some(&source.sha256))?
        .into_iter()
        .filter(|c| ids.contains(&c.id))
        .collect())
}

/// `fix ID ...`: logs and applies the corrections the flags ask for.
/// A correction asked for from the web UI (`serve --allow-edits`), as `fix` would make it from
/// the same flags; returns the ids of the articles it leaves.
pub fn from_web(
    corpus: &mut Corpus,
    id: &str,
    edit: &cuttings_web::Edit,
) -> anyhow::Result<Vec<String>> {
    use cuttings_web::Edit;
    let mut args = Args {
        action: None,
        id: Some(id.to_string()),
        title: None,
        subtitle: None,
        date: None,
        outlet: None,
        authors: None,
        split_at: None,
        merge_with: None,
        reason: None,
        format: Format::Table,
    };
    match edit {
        Edit::Title { title, reason } => {
            args.title = Some(title.clone());
            args.reason = reason.clone();
        }
        Edit::SplitAt { line, reason } => {
            args.split_at = Some(line.clone());
            args.reason = reason.clone();
        }
        Edit::MergeWith { other, reason } => {
            args.merge_with = Some(other.clone());
            args.reason = reason.clone();
        }
    }
    let records = correct(corpus, &args)?;
    Ok(records.into_iter().flat_map(|r| r.result).collect())
}

fn correct(corpus: &mut Corpus, args: &Args) -> anyhow::Result<Vec<CorrectionRecord>> {
    let id = args.id.as_deref().unwrap_or_default();
    let stored = article(corpus, id)?;
    let a = &stored.article;
    let mut sets: Vec<FieldValue> = Vec::new();
    let text = |v: &Option<String>| {
        v.as_ref()
            .map(|v| v.trim().to_string())
            .map(|v| (!v.is_empty()).then_some(v))
    };
    if let Some(v) = text(&args.title) {
        sets.push(FieldValue::Title(v));
    }
    if let Some(v) = text(&args.subtitle) {
        sets.push(FieldValue::Subtitle(v));
    }
    if let Some(TypedDate(d)) = args.date {
        sets.push(FieldValue::Date(d));
    }
    if let Some(v) = text(&args.outlet) {
        sets.push(FieldValue::Outlet(v));
    }
    if let Some(v) = &args.authors {
        sets.push(FieldValue::Authors(
            v.split(';')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect(),
        ));
    }
    if sets.is_empty() && args.split_at.is_none() && args.merge_with.is_none() {
        bail!(
            "nothing to fix: give --title, --subtitle, --date, --outlet, --authors, --split-at \
             or --merge-with (see cuttings fix --help)"
        );
    }
    let source = source_of(&stored.file)?;
    let index = LineIndex::new(&source.text);
    let anchor = anchor_of(a)?;
    let first = corpus.next_correction()?;
    let record = |n: i64, action: CorrectionAction| CorrectionRecord {
        id: first + n,
        time: String::new(),
        source: stored.file.sha256.clone(),
        action,
        anchor: Some(anchor),
        line: Some(index.line_of(anchor)),
        field: None,
        old: None,
        new: None,
        target: None,
        target_line: None,
        article: Some(a.id.0.clone()),
        other: None,
        result: Vec::new(),
        reason: args.reason.clone(),
        undone_by: None,
    };
    let mut new = Vec::new();
    // Where the articles a correction gives are: for a split, where the article starts and the
    // line the second one starts at.
    let mut report = Vec::new();
    for (n, value) in sets.iter().enumerate() {
        let old = match value {
            FieldValue::Title(_) => FieldValue::Title(a.title.clone()),
            FieldValue::Subtitle(_) => FieldValue::Subtitle(a.subtitle.clone()),
            FieldValue::Date(_) => FieldValue::Date(a.date),
            FieldValue::Outlet(_) => FieldValue::Outlet(a.outlet.clone()),
            FieldValue::Authors(_) => FieldValue::Authors(a.authors.clone()),
        };
        if old == *value {
            bail!(
                "the {} of article {} is already {:?} (nothing was changed)",
                value.field(),
                a.id,
                value.to_string()
            );
        }
        new.push(CorrectionRecord {
            field: Some(value.field().to_string()),
            old: stored_value(&old),
            new: stored_value(value),
            ..record(n as i64, CorrectionAction::Set)
        });
        report.push(vec![anchor]);
    }
    if let Some(line) = &args.split_at {
        let at = split_line(a, &index, line)?;
        new.push(CorrectionRecord {
            target: Some(i64::try_from(at).unwrap_or(i64::MAX)),
            target_line: Some(index.line_of(at)),
            ..record(0, CorrectionAction::Split)
        });
        report.push(vec![a.provenance.body[0].start, at]);
    }
    if let Some(other) = &args.merge_with {
        let b = article(corpus, other)?;
        if b.article.id == a.id {
            bail!("an article cannot be merged with itself (nothing was changed)");
        }
        if b.file.sha256 != stored.file.sha256 {
            bail!(
                "article {} comes from {} and article {} from {}: only articles of one source \
                 can be merged (nothing was changed)",
                a.id,
                stored.file.path,
                b.article.id,
                b.file.path
            );
        }
        let all = corpus.articles(&Filter {
            source: Some(stored.file.sha256.clone()),
            ..Filter::default()
        })?;
        let place = |id: &str| all.iter().position(|x| x.id.0 == id);
        match (place(&a.id.0), place(&b.article.id.0)) {
            (Some(i), Some(j)) if i.abs_diff(j) == 1 => {}
            (Some(i), Some(j)) => bail!(
                "articles {} and {} do not follow each other in reading order ({} articles \
                 between them): merge them one neighbour at a time (nothing was changed)",
                a.id,
                b.article.id,
                i.abs_diff(j) - 1
            ),
            _ => bail!("articles {} and {} are not both stored", a.id, b.article.id),
        }
        let with = anchor_of(&b.article)?;
        new.push(CorrectionRecord {
            target: Some(i64::try_from(with).unwrap_or(i64::MAX)),
            target_line: Some(index.line_of(with)),
            other: Some(b.article.id.0.clone()),
            ..record(0, CorrectionAction::Merge)
        });
        report.push(vec![anchor]);
    }
    apply(corpus, &source, None, new, &report, &[])
}

/// The byte offset of the body line of `a` that `--split-at LINE` names, or why it cannot be
/// split there.
fn split_line(a: &Article, index: &LineIndex, line: &str) -> anyhow::Result<usize> {
    let body = &a.provenance.body;
    let labels = cmd::line_labels(index, body);
    let line = line.trim();
    let bad = |why: String| -> anyhow::Result<usize> {
        let lines = |i: usize| labels.get(i).cloned().unwrap_or_default();
        bail!(
            "cannot split article {} at line {line}: {why} (its body is on lines {} to {}; \
             `cuttings show {}` numbers them; nothing was changed)",
            a.id,
            lines(0),
            lines(labels.len().saturating_sub(1)),
            a.id
        )
    };
    let mut parts = line.splitn(2, '.');
    let number = parts.next().and_then(|n| n.parse::<usize>().ok());
    let piece = parts.next().map(|k| k.parse::<usize>().ok());
    if number.is_none() || piece == Some(None) {
        return bad("LINE is a line number such as 57, or 57.2 for the second of several".into());
    }
    let found: Vec<usize> = labels
        .iter()
        .enumerate()
        .filter(|(_, l)| *l == line || (piece.is_none() && l.split('.').next() == Some(line)))
        .map(|(i, _)| i)
        .collect();
    let k = match found.as_slice() {
        [] => return bad("that line is not in the article's body".into()),
        [k] => *k,
        many => {
            let names: Vec<&str> = many.iter().map(|&k| labels[k].as_str()).collect();
            return bad(format!(
                "several lines of the body are printed side by side there: say which, {}",
                names.join(" or ")
            ));
        }
    };
    if k == 0 {
        return bad("that is the first line of the body: the article already starts there".into());
    }
    if k + 1 == body.len() {
        return bad("that is the last line of the body: nothing would be left after it".into());
    }
    Ok(body[k].start)
}

/// `fix undo N`.
fn undo(
    corpus: &mut Corpus,
    number: i64,
    reason: Option<String>,
) -> anyhow::Result<Vec<CorrectionRecord>> {
    let log = corpus.corrections(None)?;
    let Some(target) = log.iter().find(|c| c.id == number) else {
        bail!("there is no correction {number} (see cuttings fix list)");
    };
    if target.action == CorrectionAction::Undo {
        bail!("correction {number} is an undo; make the correction again");
    }
    if let Some(by) = target.undone_by {
        bail!("correction {number} was already undone by correction {by}");
    }
    let Some(file) = corpus
        .sources()?
        .into_iter()
        .find(|f| f.sha256 == target.source)
    else {
        bail!(
            "the source of correction {number} ({}) is not in the corpus",
            target.source
        );
    };
    let source = source_of(&file)?;
    let record = CorrectionRecord {
        id: corpus.next_correction()?,
        time: String::new(),
        source: target.source.clone(),
        action: CorrectionAction::Undo,
        anchor: target.anchor,
        line: target.line,
        field: None,
        old: None,
        new: None,
        target: Some(number),
        target_line: None,
        article: target.result.first().cloned(),
        other: None,
        result: Vec::new(),
        reason,
        undone_by: None,
    };
    // The articles where the undone correction was.
    let mut report: Vec<usize> = target.anchor.into_iter().collect();
    if target.action == CorrectionAction::Split {
        report.extend(target.target.and_then(|t| usize::try_from(t).ok()));
    }
    let undone = target.result.clone();
    apply(
        corpus,
        &source,
        Some(number),
        vec![record],
        &[report],
        &undone,
    )
}

/// `fix export FILE`: the corrected sources as training data.
fn export(corpus_dir: &Path, path: &Path) -> anyhow::Result<Status> {
    let corpus = cmd::open_existing(corpus_dir)?;
    let log = corpus.corrections(None)?;
    let mut shas: Vec<&str> = Vec::new();
    for c in log.iter().filter(|c| c.is_active()) {
        if !shas.contains(&c.source.as_str()) {
            shas.push(&c.source);
        }
    }
    let files = corpus.sources()?;
    let mut objects = Vec::new();
    let mut failed = 0;
    for sha in shas {
        let Some(file) = files.iter().find(|f| f.sha256 == sha) else {
            eprintln!("cuttings: warning: source {sha} is not in the corpus: its corrections are not exported");
            failed += 1;
            continue;
        };
        let (status, source) = cmd::read_back(file);
        let Some(source) = source else {
            eprintln!(
                "cuttings: {}: {}: its corrections are not exported",
                file.path,
                status.describe()
            );
            failed += 1;
            continue;
        };
        objects.push(training(&corpus, file, &source)?);
    }
    let write = |out: &mut dyn Write| -> anyhow::Result<()> {
        for o in &objects {
            serde_json::to_writer(&mut *out, o)?;
            writeln!(out)?;
        }
        out.flush()?;
        Ok(())
    };
    if path.as_os_str() == "-" {
        write(&mut output::stdout())?;
    } else {
        let mut f = std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        );
        write(&mut f).with_context(|| format!("writing {}", path.display()))?;
        let lines: usize = objects.iter().map(|o| o.lines.len()).sum();
        eprintln!(
            "{} corrected source{} ({lines} lines) written to {}",
            objects.len(),
            if objects.len() == 1 { "" } else { "s" },
            path.display()
        );
    }
    Ok(if failed > 0 {
        Status::SomeFailed
    } else if objects.is_empty() {
        Status::NothingFound
    } else {
        Status::Ok
    })
}

/// One corrected source as training data: its articles and its lines with their roles as the
/// store keeps them.
fn training(corpus: &Corpus, file: &FileRecord, source: &Source) -> anyhow::Result<TrainingSource> {
    let index = LineIndex::new(&source.text);
    let lines = corpus.line_roles(&file.sha256)?;
    let articles = corpus.articles(&Filter {
        source: Some(file.sha256.clone()),
        ..Filter::default()
    })?;
    let text = |s: cuttings_model::Span| source.text.get(s.range()).unwrap_or("").to_string();
    let articles = articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            // First and last line: of its lines with roles, else of its spans.
            let mut spans: Vec<cuttings_model::Span> = lines
                .iter()
                .filter(|l| l.article == Some(i))
                .map(|l| l.span)
                .collect();
            if spans.is_empty() {
                let p = &a.provenance;
                spans = p
                    .body
                    .iter()
                    .chain(&p.title)
                    .chain(&p.subtitle)
                    .chain(&p.date)
                    .chain(&p.outlet)
                    .chain(p.authors.iter().flatten())
                    .copied()
                    .collect();
            }
            let first = spans.iter().map(|s| s.start).min().unwrap_or(0);
            let last = spans
                .iter()
                .map(|s| s.end.saturating_sub(1).max(s.start))
                .max()
                .unwrap_or(0);
            TrainingArticle {
                title: a.title.clone(),
                date: a.date.map(|d| d.to_string()),
                outlet: a.outlet.clone(),
                authors: a.authors.clone(),
                first_line: index.line_of(first),
                last_line: index.line_of(last),
            }
        })
        .collect();
    Ok(TrainingSource {
        source: TrainingFile {
            path: file.path.clone(),
            sha256: file.sha256.clone(),
        },
        articles,
        lines: lines
            .iter()
            .map(|l| TrainingLine {
                start: l.span.start,
                end: l.span.end,
                page: l.page,
                text: text(l.span),
                role: l.role.as_str().to_string(),
                article: l.article,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct T {
        #[command(flatten)]
        a: Args,
    }

    fn parse(args: &[&str]) -> Result<Args, clap::Error> {
        let mut all = vec!["t"];
        all.extend_from_slice(args);
        T::try_parse_from(all).map(|t| t.a)
    }

    /// An article whose body is lines 2 and 3 of a layout dump, two columns of it side by side
    /// on each, then line 4.
    fn columns() -> (LineIndex, Article) {
        let text = "Title\nleft one      right one\nleft two      right two\nlast line\n";
        let at = |s: &str| {
            cuttings_model::Span::new(text.find(s).unwrap(), text.find(s).unwrap() + s.len())
        };
        let a = Article {
            id: cuttings_model::ArticleId("ab".repeat(16)),
            title: Some("Title".into()),
            subtitle: None,
            date: None,
            outlet: None,
            authors: vec![],
            language: None,
            body: String::new(),
            kind: cuttings_model::ArticleKind::Article,
            source: cuttings_model::SourceRef {
                path: "d.txt".into(),
                sha256: "cd".repeat(32),
                first_page: 1,
                last_page: 1,
            },
            provenance: cuttings_model::Provenance {
                body: vec![
                    at("left one"),
                    at("left two"),
                    at("right one"),
                    at("right two"),
                    at("last line"),
                ],
                ..Default::default()
            },
            entities: vec![],
            quotes: vec![],
            confidence: None,
        };
        (LineIndex::new(text), a)
    }

    #[test]
    fn split_lines_side_by_side_are_told_apart() {
        let (index, a) = columns();
        let body = &a.provenance.body;
        assert_eq!(
            cmd::line_labels(&index, body),
            ["2.1", "3.1", "2.2", "3.2", "4"]
        );
        let err = split_line(&a, &index, "3").unwrap_err().to_string();
        assert!(err.contains("say which, 3.1 or 3.2"), "{err}");
        assert_eq!(split_line(&a, &index, "3.1").unwrap(), body[1].start);
        assert_eq!(split_line(&a, &index, "2.2").unwrap(), body[2].start);
        for (line, why) in [
            ("2.1", "first line"),
            ("4", "last line"),
            ("1", "not in the article's body"),
            ("2.9", "not in the article's body"),
            ("x", "line number"),
            ("3.", "line number"),
        ] {
            let err = split_line(&a, &index, line).unwrap_err().to_string();
            assert!(err.contains(why), "{line}: {err}");
        }
    }

    #[test]
    fn flags_and_subcommands_parse() {
        let a = parse(&["13b2a7f8", "--title", "New", "--date", "2020-11-04"]).unwrap();
        assert_eq!(a.id.as_deref(), Some("13b2a7f8"));
        assert_eq!(a.title.as_deref(), Some("New"));
        assert_eq!(a.date, Some(TypedDate(Date::new(2020, 11, 4).ok())));
        let a = parse(&["13b2", "--date", "", "--authors", "A; B"]).unwrap();
        assert_eq!(a.date, Some(TypedDate(None)));
        assert!(parse(&["13b2", "--date", "4 Nov 2020"]).is_err());
        assert!(parse(&["13b2", "--date", "2020-02-30"]).is_err());
        assert!(parse(&["13b2", "--split-at", "5", "--title", "x"]).is_err());
        assert!(parse(&["13b2", "--split-at", "5", "--merge-with", "abcd"]).is_err());
        assert!(parse(&["--title", "x"]).is_err(), "the id is required");
        assert!(matches!(
            parse(&["list"]).unwrap().action,
            Some(Action::List)
        ));
        assert!(matches!(
            parse(&["list", "--format", "json"]).unwrap().format,
            Format::Json
        ));
        let u = parse(&["undo", "3", "--reason", "wrong"]).unwrap();
        assert!(matches!(u.action, Some(Action::Undo { number: 3, .. })));
        assert!(matches!(
            parse(&["export", "out.jsonl"]).unwrap().action,
            Some(Action::Export { .. })
        ));
    }
}
