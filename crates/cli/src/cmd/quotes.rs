//! `cuttings quotes`: who is quoted saying what, newest first.

/// One-line help.
pub const ABOUT: &str = "List direct quotations and who said them";

/// Full help.
pub const LONG_ABOUT: &str = "\
List the direct quotations found in the corpus's articles, newest article first: the speaker as
printed, the canonical name of the speaker's entity when it was resolved (pronouns resolve to the
last fitting person), the quoted words, and the article.

--speaker keeps the quotations of the entity the corpus knows under that name (any of its
names: \"Axworthy\" finds those of \"Michael Axworthy\"), and those whose speaker is printed with
the given words in the name; --about keeps those in articles that name the entity the corpus knows
under that name (any case; see `cuttings entity` and `cuttings alias`).

Formats: table (default), json (one array), jsonl (one object per line), csv.
Exit status 1 when there is none.";

use std::io::Write;
use std::path::Path;

use crate::cmd;
use crate::output::{self, Align, Format};
use crate::Status;
use cuttings_cli::wire::{self, QuoteRecordLine};

/// Flags of `quotes`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only quotations by this entity, or by speakers printed with this in the name (any case).
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
    /// Only quotations in articles naming this entity (any of its names, any case).
    #[arg(long, value_name = "NAME")]
    about: Option<String>,
    /// How many to list.
    #[arg(long, default_value_t = 100, value_name = "N")]
    limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs `quotes`.
pub fn run(corpus: &Path, args: Args) -> anyhow::Result<Status> {
    let corpus = cmd::open_existing(corpus)?;
    let found = corpus.quotes(args.speaker.as_deref(), args.about.as_deref(), args.limit)?;
    let lines: Vec<QuoteRecordLine> = found.into_iter().map(wire::quote_record_line).collect();
    let mut out = output::stdout();
    output::listing(
        &mut out,
        args.format,
        &lines,
        &[
            ("date", Align::Left),
            ("speaker", Align::Left),
            ("quote", Align::Left),
            ("article", Align::Left),
        ],
        &[
            "date",
            "speaker",
            "canonical",
            "text",
            "article",
            "title",
            "outlet",
        ],
        |l| {
            let who = match (&l.canonical, &l.speaker) {
                (Some(c), Some(s)) if c != s => format!("{s} ({c})"),
                (Some(c), _) => c.clone(),
                (None, Some(s)) => s.clone(),
                (None, None) => "-".to_string(),
            };
            vec![
                output::or_dash(l.date.as_deref()),
                who,
                l.text.chars().take(80).collect(),
                l.article.chars().take(12).collect(),
            ]
        },
        |l| {
            vec![
                l.date.clone().unwrap_or_default(),
                l.speaker.clone().unwrap_or_default(),
                l.canonical.clone().unwrap_or_default(),
                l.text.clone(),
                l.article.clone(),
                l.title.clone().unwrap_or_default(),
                l.outlet.clone().unwrap_or_default(),
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
