//! `cuttings alias`: the users' decisions about which names are one entity.

/// One-line help.
pub const ABOUT: &str = "Merge, split and rename entities; list the logged decisions";

/// Full help.
pub const LONG_ABOUT: &str = "\
Correct how the corpus joins names into entities. cuttings joins on its own the names an article
links (\"Mojahedin-e Khalq Organization (MEK, MKO)\", \"Mrs. Rajavi\" after \"Maryam Rajavi\") and,
across articles, the names that share an alias or a spelling variant (Mojahedin / Mujahideen,
Tehran / Teheran). Where it is wrong or does not know, decide:

  alias merge NAME INTO     the entity named NAME is the entity named INTO (INTO's name is kept)
  alias split NAME          mentions under the name NAME are an entity of their own (undoes a
                            join that was wrong, e.g. an acronym two organisations share)
  alias rename NAME NEW     show the entity named NAME as NEW
  alias undo N              change number N no longer applies
  alias list                every decision with its number, time, reason and whether it applies

A NAME is any name the entity is shown or mentioned under, any case. Every decision is logged with
the time and the --reason given, applies at once to every command (entities, entity, quotes,
search entity:, articles), and keeps applying to articles ingested or re-extracted later
(`cuttings reindex`). Nothing is deleted: undo marks a decision as no longer applying.

Formats (list, and the change printed after merge/split/rename/undo): table (default), json,
jsonl, csv.
Exit status 2 when a name designates nothing in the corpus (nothing is changed); `list` exits
with 1 when there are no decisions.";

use std::io::Write;
use std::path::Path;

use cuttings_cli::wire::AliasChangeLine;
use cuttings_store::{AliasAction, AliasChange};

use crate::cmd;
use crate::output::{self, Align, Format};
use crate::Status;

/// Flags of `alias`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table, global = true)]
    format: Format,
}

/// What to do.
#[derive(Debug, clap::Subcommand)]
enum Action {
    /// The entity named NAME is the entity named INTO (INTO's name is kept).
    Merge {
        /// Any name of the entity to merge.
        name: String,
        /// Any name of the entity it joins.
        into: String,
        /// Why (kept in the log).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Mentions under the name NAME become an entity of their own.
    Split {
        /// The name as mentioned.
        name: String,
        /// Why (kept in the log).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Show the entity named NAME as NEW.
    Rename {
        /// Any name of the entity.
        name: String,
        /// The name to show.
        new: String,
        /// Why (kept in the log).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Change number N no longer applies.
    Undo {
        /// The number of the change (see `alias list`).
        number: i64,
        /// Why (kept in the log).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Every decision, oldest first.
    List,
}

/// Runs `alias`.
pub fn run(corpus_dir: &Path, args: Args) -> anyhow::Result<Status> {
    let changes = match args.action {
        Action::List => {
            let corpus = cmd::open_existing(corpus_dir)?;
            corpus.alias_log()?
        }
        action => {
            let mut corpus = cmd::open_writer(corpus_dir)?;
            let (what, name, target, reason) = match &action {
                Action::Merge { name, into, reason } => (
                    AliasAction::Merge,
                    name.clone(),
                    Some(into.as_str()),
                    reason,
                ),
                Action::Split { name, reason } => (AliasAction::Split, name.clone(), None, reason),
                Action::Rename { name, new, reason } => (
                    AliasAction::Rename,
                    name.clone(),
                    Some(new.as_str()),
                    reason,
                ),
                Action::Undo { number, reason } => {
                    (AliasAction::Undo, number.to_string(), None, reason)
                }
                Action::List => unreachable!("handled above"),
            };
            let change = corpus.alias(what, &name, target, reason.as_deref())?;
            vec![change]
        }
    };
    let lines: Vec<AliasChangeLine> = changes.iter().map(line).collect();
    let mut out = output::stdout();
    output::listing(
        &mut out,
        args.format,
        &lines,
        &[
            ("#", Align::Right),
            ("time", Align::Left),
            ("action", Align::Left),
            ("name", Align::Left),
            ("target", Align::Left),
            ("applies", Align::Left),
            ("reason", Align::Left),
        ],
        &["id", "time", "action", "name", "target", "reason", "active"],
        |l| {
            vec![
                l.id.to_string(),
                l.time.clone(),
                l.action.clone(),
                l.name.clone(),
                output::or_dash(l.target.as_deref()),
                if l.active { "yes" } else { "no" }.to_string(),
                output::or_dash(l.reason.as_deref()),
            ]
        },
        |l| {
            vec![
                l.id.to_string(),
                l.time.clone(),
                l.action.clone(),
                l.name.clone(),
                l.target.clone().unwrap_or_default(),
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

fn line(c: &AliasChange) -> AliasChangeLine {
    AliasChangeLine {
        id: c.id,
        time: c.time.clone(),
        action: c.action.as_str().to_string(),
        name: c.name.clone(),
        target: c.target.clone(),
        reason: c.reason.clone(),
        active: c.active,
    }
}
