//! `cuttings sources`: list the files ingested into the corpus.

/// One-line help.
pub const ABOUT: &str = "List the source files in the corpus";

/// Full help.
pub const LONG_ABOUT: &str = "\
List the source files in the corpus, in ingest order: path as given to `ingest`, sha256, the
encoding it was decoded from, the detected dump flavor (raw, layout, seedlike, plain), pages and
size.

Formats: table (default), json (one array), jsonl (one object per line), csv.";

use std::io::Write;
use std::path::Path;

use crate::cmd;
use crate::output::{self, Align, Format};
use crate::Status;
use cuttings_cli::wire::SourceLine;
use cuttings_store::FileRecord;

/// Flags of `sources`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// The wire shape of a file record.
pub fn source_line(f: &FileRecord) -> SourceLine {
    SourceLine {
        path: f.path.clone(),
        sha256: f.sha256.clone(),
        encoding: f.encoding.clone(),
        flavor: f.flavor.clone(),
        pages: f.pages,
        bytes: f.bytes,
    }
}

/// Runs `sources`.
pub fn run(corpus: &Path, args: Args) -> anyhow::Result<Status> {
    let corpus = cmd::open_existing(corpus)?;
    let files = corpus.sources()?;
    let lines: Vec<SourceLine> = files.iter().map(source_line).collect();
    let mut out = output::stdout();
    output::listing(
        &mut out,
        args.format,
        &lines,
        &[
            ("sha256", Align::Left),
            ("encoding", Align::Left),
            ("flavor", Align::Left),
            ("pages", Align::Right),
            ("bytes", Align::Right),
            ("path", Align::Left),
        ],
        &["path", "sha256", "encoding", "flavor", "pages", "bytes"],
        |l| {
            vec![
                l.sha256.chars().take(12).collect(),
                l.encoding.clone(),
                output::or_dash(l.flavor.as_deref()),
                l.pages.to_string(),
                l.bytes.to_string(),
                l.path.clone(),
            ]
        },
        |l| {
            vec![
                l.path.clone(),
                l.sha256.clone(),
                l.encoding.clone(),
                l.flavor.clone().unwrap_or_default(),
                l.pages.to_string(),
                l.bytes.to_string(),
            ]
        },
    )?;
    out.flush()?;
    Ok(Status::Ok)
}
