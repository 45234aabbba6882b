//! The `cuttings` binary: flags, output formats, exit codes and progress, over the stage crates.
//!
//! This is glue code (ripgrep's `crates/core` is the model): each subcommand lives in its own file
//! under `cmd/` with its help text at the top; the work is done by `cuttings-read`,
//! `cuttings-pipeline` and `cuttings-store`. Errors travel as `anyhow` values with context, are
//! printed once as `cuttings: {:#}`, and a closed stdout (`cuttings articles | head`) ends the
//! program quietly with status 0.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Every line printed to stderr goes through `output::visible` (issue #17): messages quote file
/// names, titles and backends' errors, whose control characters must not reach the terminal.
/// Defined before the modules, this shadows the standard macro in all of them.
macro_rules! eprintln {
    ($($arg:tt)*) => {
        $crate::output::eprint_line(&format!($($arg)*))
    };
}

mod cmd;
mod dates;
mod output;

const AFTER_HELP: &str = "\
Exit status:
  0  success
  1  nothing found (search, articles or export matched no article, show found no such id, ner
     found no entity, fix list or fix export found no correction, reuse found nothing to list)
  2  an error (fix changes nothing then), or some files, pages or feeds could not be ingested
  3  check found differences between the records and what derives from them (with --repair:
     differences remain after the repair)

The corpus is one folder (SQLite records + a tantivy full-text index); it is taken from --corpus,
else $CUTTINGS_CORPUS, else ./corpus.";

/// Turn press digests, web pages and feeds into a clean, searchable corpus.
#[derive(Debug, Parser)]
#[command(name = "cuttings", version, after_help = AFTER_HELP, max_term_width = 100)]
struct Cli {
    /// The corpus folder (created by `ingest`, read by every other command).
    #[arg(
        long,
        global = true,
        env = "CUTTINGS_CORPUS",
        default_value = "./corpus",
        value_name = "DIR"
    )]
    corpus: PathBuf,

    /// Commands that write (ingest, watch, import, alias, fix, reuse --relink, reindex, check
    /// --repair): when another process is writing to the corpus, wait for it to finish instead
    /// of failing with the lock message.
    #[arg(long, global = true)]
    wait: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    #[command(about = cmd::ingest::ABOUT, long_about = cmd::ingest::LONG_ABOUT, after_help = AFTER_HELP)]
    Ingest(cmd::ingest::Args),
    #[command(about = cmd::articles::ABOUT, long_about = cmd::articles::LONG_ABOUT, after_help = AFTER_HELP)]
    Articles(cmd::articles::Args),
    #[command(about = cmd::show::ABOUT, long_about = cmd::show::LONG_ABOUT, after_help = AFTER_HELP)]
    Show(cmd::show::Args),
    #[command(about = cmd::search::ABOUT, long_about = cmd::search::LONG_ABOUT, after_help = AFTER_HELP)]
    Search(cmd::search::Args),
    #[command(about = cmd::check::ABOUT, long_about = cmd::check::LONG_ABOUT, after_help = AFTER_HELP)]
    Check(cmd::check::Args),
    #[command(about = cmd::stats::ABOUT, long_about = cmd::stats::LONG_ABOUT, after_help = AFTER_HELP)]
    Stats(cmd::stats::Args),
    #[command(about = cmd::sources::ABOUT, long_about = cmd::sources::LONG_ABOUT, after_help = AFTER_HELP)]
    Sources(cmd::sources::Args),
    #[command(about = cmd::entities::ABOUT, long_about = cmd::entities::LONG_ABOUT, after_help = AFTER_HELP)]
    Entities(cmd::entities::Args),
    #[command(about = cmd::entity::ABOUT, long_about = cmd::entity::LONG_ABOUT, after_help = AFTER_HELP)]
    Entity(cmd::entity::Args),
    #[command(about = cmd::quotes::ABOUT, long_about = cmd::quotes::LONG_ABOUT, after_help = AFTER_HELP)]
    Quotes(cmd::quotes::Args),
    #[command(about = cmd::alias::ABOUT, long_about = cmd::alias::LONG_ABOUT, after_help = AFTER_HELP)]
    Alias(cmd::alias::Args),
    #[command(about = cmd::fix::ABOUT, long_about = cmd::fix::LONG_ABOUT, after_help = AFTER_HELP)]
    Fix(cmd::fix::Args),
    #[command(about = cmd::reuse::ABOUT, long_about = cmd::reuse::LONG_ABOUT, after_help = AFTER_HELP)]
    Reuse(cmd::reuse::Args),
    #[command(about = cmd::reindex::ABOUT, long_about = cmd::reindex::LONG_ABOUT, after_help = AFTER_HELP)]
    Reindex(cmd::reindex::Args),
    #[command(about = cmd::ner::ABOUT, long_about = cmd::ner::LONG_ABOUT, after_help = AFTER_HELP)]
    Ner(cmd::ner::Args),
    #[command(about = cmd::pages::ABOUT, long_about = cmd::pages::LONG_ABOUT, after_help = AFTER_HELP)]
    Pages(cmd::pages::Args),
    #[command(about = cmd::watch::ABOUT, long_about = cmd::watch::LONG_ABOUT, after_help = AFTER_HELP)]
    Watch(cmd::watch::Args),
    #[command(about = cmd::serve::ABOUT, long_about = cmd::serve::LONG_ABOUT, after_help = AFTER_HELP)]
    Serve(cmd::serve::Args),
    #[command(about = cmd::export::ABOUT, long_about = cmd::export::LONG_ABOUT, after_help = AFTER_HELP)]
    Export(cmd::export::Args),
    #[command(about = cmd::process::ABOUT, long_about = cmd::process::LONG_ABOUT, after_help = AFTER_HELP)]
    Process(cmd::process::Args),
    #[command(about = cmd::import::ABOUT, long_about = cmd::import::LONG_ABOUT, after_help = AFTER_HELP)]
    Import(cmd::import::Args),
    #[command(about = cmd::align::ABOUT, long_about = cmd::align::LONG_ABOUT, after_help = AFTER_HELP)]
    Align(cmd::align::Args),
}

/// How a command ended, when it did not fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Everything went well.
    Ok,
    /// The query or filter matched nothing.
    NothingFound,
    /// Some inputs failed (each was reported); the rest was done.
    SomeFailed,
    /// `check` found the corpus out of step with itself.
    Differences,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        match s {
            Status::Ok => ExitCode::SUCCESS,
            Status::NothingFound => ExitCode::from(1),
            Status::SomeFailed => ExitCode::from(2),
            Status::Differences => ExitCode::from(3),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    cmd::set_wait(cli.wait);
    let result = match cli.command {
        Command::Ingest(args) => cmd::ingest::run(&cli.corpus, args),
        Command::Articles(args) => cmd::articles::run(&cli.corpus, args),
        Command::Show(args) => cmd::show::run(&cli.corpus, args),
        Command::Search(args) => cmd::search::run(&cli.corpus, args),
        Command::Check(args) => cmd::check::run(&cli.corpus, args),
        Command::Stats(args) => cmd::stats::run(&cli.corpus, args),
        Command::Sources(args) => cmd::sources::run(&cli.corpus, args),
        Command::Entities(args) => cmd::entities::run(&cli.corpus, args),
        Command::Entity(args) => cmd::entity::run(&cli.corpus, args),
        Command::Quotes(args) => cmd::quotes::run(&cli.corpus, args),
        Command::Alias(args) => cmd::alias::run(&cli.corpus, args),
        Command::Fix(args) => cmd::fix::run(&cli.corpus, args),
        Command::Reuse(args) => cmd::reuse::run(&cli.corpus, args),
        Command::Reindex(args) => cmd::reindex::run(&cli.corpus, args),
        Command::Ner(args) => cmd::ner::run(args),
        Command::Pages(args) => cmd::pages::run(args),
        Command::Watch(args) => cmd::watch::run(&cli.corpus, args),
        Command::Serve(args) => cmd::serve::run(&cli.corpus, args),
        Command::Export(args) => cmd::export::run(&cli.corpus, args),
        Command::Process(args) => cmd::process::run(args),
        Command::Import(args) => cmd::import::run(&cli.corpus, args),
        Command::Align(args) => cmd::align::run(args),
    };
    match result {
        Ok(status) => status.into(),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("cuttings: {}", output::chain(&err));
            ExitCode::from(2)
        }
    }
}

/// True when the error chain holds a broken pipe (the reader of stdout went away).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .and_then(|e| e.io_error_kind())
                .is_some_and(|k| k == io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn flags_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn corpus_defaults_and_is_global() {
        let cli = Cli::try_parse_from(["cuttings", "stats"]).unwrap();
        if std::env::var_os("CUTTINGS_CORPUS").is_none() {
            assert_eq!(cli.corpus, PathBuf::from("./corpus"));
        }
        let cli = Cli::try_parse_from(["cuttings", "stats", "--corpus", "x"]).unwrap();
        assert_eq!(cli.corpus, PathBuf::from("x"));
    }

    #[test]
    fn broken_pipe_is_recognised_through_context() {
        let err =
            anyhow::Error::from(io::Error::from(io::ErrorKind::BrokenPipe)).context("writing");
        assert!(is_broken_pipe(&err));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }
}
