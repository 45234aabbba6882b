//! `cuttings serve`: the corpus in a browser and as a JSON API (issue #14).

/// One-line help.
pub const ABOUT: &str =
    "Serve the corpus as web pages and a JSON API (search, articles, entities, outlets)";

/// Full help.
pub const LONG_ABOUT: &str = "\
Serve the corpus over HTTP: web pages to search it (facets, snippets, sort, paging, reprints
collapsed), read articles (names, quotations and shared passages marked; provenance with the
source text of every field and, for PDFs, the page drawing with the article's boxes), follow
entities (names and alias log, mentions per month, outlets, co-mention network, quotations),
see outlets over time and who copies whom, and check the corpus (sources, dropped furniture,
warnings, doubtful splits). No page needs JavaScript, and none is sent.

The JSON API lives under /api/ and is described by /api/openapi.json: /api/search,
/api/articles/{id}, /api/entities, /api/entities/{name}, /api/quotes, /api/stats. Articles carry
the keys of `cuttings articles --format jsonl`; errors are {\"message\", \"code\"}.

The first line on stdout is the address, e.g. http://127.0.0.1:8080/ (with --bind 127.0.0.1:0
the system picks a free port). serve binds to 127.0.0.1 unless told otherwise; listening on any
other address needs a token (--token or --token-file, at least 16 characters), which every
request must then carry as `Authorization: Bearer TOKEN` or through the cookie the /login form
sets. Without --allow-edits nothing changes the corpus; with it, entity pages offer alias merges,
renames and splits (logged as by `cuttings alias`), protected against cross-site requests.

serve reads the corpus while `cuttings ingest` writes it in another process: pages show the last
committed state, and new articles appear within a second, without a restart. Requests time out
after --timeout seconds, headers must arrive within 10 s, a connection lives at most 2 minutes,
and bodies are limited to 64 KiB.

Exits with 2 when it cannot start (no corpus, address in use, no token for a public address).";

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use cuttings_store::{Corpus, StoredArticle};
use cuttings_wire::{BoxLine, ShowOutput};

use crate::cmd;
use crate::Status;

/// Flags of `serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    bind: SocketAddr,
    /// The access token every request must carry (needed to listen beyond 127.0.0.1).
    #[arg(
        long,
        env = "CUTTINGS_TOKEN",
        value_name = "TOKEN",
        conflicts_with = "token_file",
        hide_env_values = true
    )]
    token: Option<String>,
    /// Read the token from the first line of this file.
    #[arg(long, value_name = "PATH")]
    token_file: Option<PathBuf>,
    /// Allow alias merges, renames and splits from the entity pages.
    #[arg(long)]
    allow_edits: bool,
    /// Longest time a request may take, in seconds.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    timeout: u64,
    /// Longest time a client may take to send its request headers, in seconds (for tests).
    #[arg(long, default_value_t = 10, value_name = "SECONDS", hide = true)]
    header_timeout: u64,
    /// Refuse searches nesting groups and NOTs deeper than this (issue #17).
    #[arg(long, value_name = "N", default_value_t = cuttings_model::limits::MAX_QUERY_DEPTH)]
    max_query_depth: usize,
}

/// Runs `serve` (until the process is stopped).
pub fn run(corpus: &Path, args: Args) -> anyhow::Result<Status> {
    // A clear message when there is no corpus, before anything listens.
    drop(cmd::open_for_search(corpus)?);
    let token = match (&args.token, &args.token_file) {
        (Some(t), _) => Some(t.trim().to_string()),
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read the token file", path.display()))?;
            let first = text.lines().next().unwrap_or("").trim().to_string();
            anyhow::ensure!(
                !first.is_empty(),
                "{}: the token file is empty",
                path.display()
            );
            Some(first)
        }
        (None, None) => None,
    };
    let mut config = cuttings_web::Config::new(corpus.to_path_buf(), args.bind, Arc::new(Reread));
    config.token = token;
    config.allow_edits = args.allow_edits;
    config.request_timeout = Duration::from_secs(args.timeout.max(1));
    config.header_timeout = Duration::from_secs(args.header_timeout.max(1));
    config.max_query_depth = args.max_query_depth;
    cuttings_web::serve(config, |addr| {
        use std::io::Write;
        let mut out = std::io::stdout();
        let _ = writeln!(out, "http://{addr}/");
        let _ = out.flush();
    })?;
    Ok(Status::Ok)
}

/// Re-reads sources for the web pages, as `show` and `pages` do.
struct Reread;

impl cuttings_web::Sources for Reread {
    fn show(&self, corpus: &Corpus, stored: &StoredArticle) -> Result<ShowOutput, String> {
        cmd::show::Shown::of(corpus, stored, 0.5)
            .map(|s| s.value)
            .map_err(|e| format!("{e:#}"))
    }

    fn page_svg(&self, stored: &StoredArticle, page: u32) -> Result<String, String> {
        let a = &stored.article;
        if a.provenance.boxes.is_empty() {
            return Err("this article was not read from a PDF".into());
        }
        let boxes: Vec<BoxLine> = a.provenance.boxes.iter().map(BoxLine::from).collect();
        cmd::pages::page_svg(&stored.file.path, &stored.file.sha256, page, &boxes)
            .map_err(|e| format!("{e:#}"))
    }

    fn correct(
        &self,
        corpus: &mut Corpus,
        id: &str,
        edit: &cuttings_web::Edit,
    ) -> Result<Vec<String>, String> {
        cmd::fix::from_web(corpus, id, edit).map_err(|e| format!("{e:#}"))
    }
}
