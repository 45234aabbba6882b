//! `cuttings entities`: the people, organisations and places the corpus names, most mentioned first.

/// One-line help.
pub const ABOUT: &str = "List the people, organisations and places named in the corpus";

/// Full help.
pub const LONG_ABOUT: &str = "\
List the entities named in the corpus's articles, most mentioned first: the canonical name (the
spelling printed most often), its type (person, org, place, misc), how many times it is mentioned
and in how many articles. Mentions are gathered by canonical name, in any case, and type; within
an article, aliases (\"Mrs. Rajavi\", an acronym in brackets) are already gathered under one name
when the corpus is built.

Formats: table (default), json (one array), jsonl (one object per line), csv.
Exit status 1 when there is none.";

use std::io::Write;
use std::path::Path;

use crate::cmd;
use crate::output::{self, Align, Format};
use crate::Status;
use cuttings_cli::wire::{self, EntityCountLine};
use cuttings_model::EntityKind;

/// Which entities `--type` keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// People.
    Person,
    /// Organisations.
    Org,
    /// Places.
    Place,
    /// Other names.
    Misc,
}

impl From<Kind> for EntityKind {
    fn from(k: Kind) -> EntityKind {
        match k {
            Kind::Person => EntityKind::Person,
            Kind::Org => EntityKind::Org,
            Kind::Place => EntityKind::Place,
            Kind::Misc => EntityKind::Misc,
        }
    }
}

/// Flags of `entities`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only entities of this type.
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    kind: Option<Kind>,
    /// How many to list.
    #[arg(long, default_value_t = 50, value_name = "N")]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs `entities`.
pub fn run(corpus: &Path, args: Args) -> anyhow::Result<Status> {
    let corpus = cmd::open_existing(corpus)?;
    let found = corpus.entities(args.kind.map(EntityKind::from), args.top)?;
    let lines: Vec<EntityCountLine> = found.iter().map(wire::entity_count_line).collect();
    let mut out = output::stdout();
    output::listing(
        &mut out,
        args.format,
        &lines,
        &[
            ("mentions", Align::Right),
            ("articles", Align::Right),
            ("type", Align::Left),
            ("name", Align::Left),
        ],
        &["name", "type", "mentions", "articles"],
        |l| {
            vec![
                l.mentions.to_string(),
                l.articles.to_string(),
                l.r#type.clone(),
                l.name.clone(),
            ]
        },
        |l| {
            vec![
                l.name.clone(),
                l.r#type.clone(),
                l.mentions.to_string(),
                l.articles.to_string(),
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
