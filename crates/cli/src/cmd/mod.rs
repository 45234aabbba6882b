//! The subcommands, one per file, each with its help text at the top; plus what they share.

use std::path::Path;

use anyhow::anyhow;
use cuttings_model::{Article, Date};
use cuttings_store::{Corpus, Filter};

use crate::dates;

pub mod alias;
pub mod articles;
pub mod entities;
pub mod entity;
pub mod ingest;
pub mod ner;
pub mod pages;
pub mod quotes;
pub mod reindex;
pub mod search;
pub mod show;
pub mod sources;
pub mod stats;
pub mod watch;

/// Opens an existing corpus for reading, with a hint when there is none yet.
pub fn open_existing(dir: &Path) -> anyhow::Result<Corpus> {
    match Corpus::open_existing(dir) {
        Ok(c) => Ok(c),
        Err(e @ cuttings_store::Error::NotACorpus { .. }) => Err(anyhow!(
            "{e} (create one with `cuttings ingest --corpus {} FILES...`, or set --corpus / $CUTTINGS_CORPUS)",
            dir.display()
        )),
        Err(e) => Err(e.into()),
    }
}

/// A progress bar on stderr when it is a terminal (hidden otherwise, or when `quiet`):
/// elapsed time, bar, `pos/len unit` and a message.
pub fn progress(len: u64, unit: &str, quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::with_draw_target(
        Some(len),
        indicatif::ProgressDrawTarget::stderr(),
    );
    pb.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{spinner}} [{{elapsed}}] {{wide_bar}} {{pos}}/{{len}} {unit}  {{msg}}"
        ))
        .expect("valid template"),
    );
    pb.enable_steady_tick(std::time::Duration::from_millis(120));
    pb
}

/// Flags that restrict `articles` and `search`.
#[derive(Debug, Default, clap::Args)]
pub struct FilterArgs {
    /// Only articles from this source file (the path as ingested, or 4+ hex digits of its sha256).
    #[arg(long, value_name = "PATH")]
    pub source: Option<String>,
    /// Only articles from this outlet (whole name, any case).
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// Only articles by this author (whole name, any case).
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// Only articles dated on or after this day (YYYY-MM-DD, YYYY-MM or YYYY); drops undated ones.
    #[arg(long, value_name = "DATE", value_parser = dates::parse_from)]
    pub from: Option<Date>,
    /// Only articles dated on or before this day (YYYY-MM-DD, YYYY-MM or YYYY); drops undated ones.
    #[arg(long, value_name = "DATE", value_parser = dates::parse_to)]
    pub to: Option<Date>,
}

impl FilterArgs {
    /// The store's filter.
    pub fn to_filter(&self) -> Filter {
        Filter {
            source: self.source.clone(),
            outlet: self.outlet.clone(),
            author: self.author.clone(),
            from: self.from,
            to: self.to,
        }
    }
}

/// Authors joined for tables and CSV.
pub fn authors(a: &Article) -> String {
    a.authors.join("; ")
}

/// `p. 3` or `pp. 3-4`.
pub fn pages(first: u32, last: u32) -> String {
    if first == last {
        format!("{first}")
    } else {
        format!("{first}-{last}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct T {
        #[command(flatten)]
        f: FilterArgs,
    }

    #[test]
    fn filter_flags_parse() {
        let t = T::try_parse_from([
            "t",
            "--outlet",
            "The Courier",
            "--author",
            "Ann Smith",
            "--from",
            "2017-08",
            "--to",
            "2017",
            "--source",
            "a.txt",
        ])
        .unwrap();
        let f = t.f.to_filter();
        assert_eq!(f.outlet.as_deref(), Some("The Courier"));
        assert_eq!(f.author.as_deref(), Some("Ann Smith"));
        assert_eq!(f.from.unwrap().to_string(), "2017-08-01");
        assert_eq!(f.to.unwrap().to_string(), "2017-12-31");
        assert_eq!(f.source.as_deref(), Some("a.txt"));
        assert!(T::try_parse_from(["t", "--from", "yesterday"]).is_err());
    }
}
