//! `cuttings process`: documents in, articles out, without a corpus: the worker that Spark (or
//! any other engine) runs over its share of the documents (issue #15).

/// One-line help.
pub const ABOUT: &str =
    "Read documents and print their articles as JSON lines, without a corpus (for Spark workers)";

/// Full help.
pub const LONG_ABOUT: &str = "\
Read documents (digests, PDFs, web pages, JSON Lines of articles) and print their articles on
stdout, one JSON object per line, without a corpus. It is meant to run under a cluster engine:
Spark's RDD.pipe or mapPartitions feed it documents and read its lines.

Input: the files named as arguments; with none, JSON lines on stdin, each either
  {\"path\": \"digests/2017-08.txt\"}                  a file to read, or
  {\"name\": \"2017-08.pdf\", \"bytes_b64\": \"JVBERi0...\"}   the document's bytes in base64.

Output, in the order of the inputs (documents are read on all cores, printed in order): for each
article one object with the keys of the output contract (see `cuttings articles --help`; `reuse`
is empty, since reuse is found between articles) plus
  input   the path or name of the document it came from;
  sketch  its text-reuse sketch: {config, digest, text, quotes}, the winnowed fingerprints of
          its word n-grams outside and inside quotation marks, 16 hex digits each, made under
          the linking configuration `config` (compare only equal ones). Two articles that share
          a passage of 15 words or more share a fingerprint, so a join on fingerprints finds
          every candidate pair.
An input that cannot be read (missing, too large, broken, bad base64, a bad line of stdin) gives
one line {\"error\": ..., \"path\": ...} (or \"name\", or \"line\" for a line of stdin that is not
an input) in its place, and the others go on; a bad line of a JSON Lines document gives an
error line too, after the document's articles.

Exit status: 0 when every input was taken (error lines included, so that a cluster engine does
not fail the task: count them instead), 2 when some input failed and --strict is given, or on
an error that stops everything (stdin unreadable).";

use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::Context;
use base64::Engine;
use cuttings_cli::wire::{ArticleLine, ProcessErrorLine, ProcessedLine, SketchLine};
use rayon::prelude::*;

use crate::Status;
use crate::{cmd, output};

/// Inputs read and processed together: bounds memory (the documents of one chunk).
const CHUNK: usize = 32;

/// Flags of `process`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Documents to read; with none, JSON lines on stdin.
    #[arg(value_name = "FILE")]
    files: Vec<String>,
    /// Larger documents are refused (an error line), e.g. 256MiB, 10M, 4096.
    #[arg(long, value_name = "SIZE", default_value_t = cmd::limits::MAX_FILE_SIZE, alias = "max-bytes")]
    max_file_size: cmd::limits::Size,
    /// Limits on each document (issue #17); one over a limit is an error line.
    #[command(flatten)]
    limits: cmd::limits::LimitArgs,
    /// Exit with 2 when some input could not be read.
    #[arg(long)]
    strict: bool,
}

/// One input.
enum Input {
    Path(String),
    Bytes {
        name: String,
        b64: String,
    },
    /// A line of stdin that is no input.
    Bad {
        line: usize,
        error: String,
    },
}

/// One line of stdin.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct InputLine {
    path: Option<String>,
    name: Option<String>,
    bytes_b64: Option<String>,
}

fn parse_line(n: usize, line: &str) -> Input {
    match serde_json::from_str::<InputLine>(line) {
        Ok(InputLine {
            path: Some(path),
            name: None,
            bytes_b64: None,
        }) => Input::Path(path),
        Ok(InputLine {
            path: None,
            name: Some(name),
            bytes_b64: Some(b64),
        }) => Input::Bytes { name, b64 },
        Ok(_) => Input::Bad {
            line: n,
            error: "expected {\"path\"} or {\"name\", \"bytes_b64\"}".into(),
        },
        Err(e) => Input::Bad {
            line: n,
            error: format!("not an input line: {e}"),
        },
    }
}

/// The sketch of a body, as printed.
fn sketch_line(body: &str, cfg: &cuttings_link::LinkConfig) -> SketchLine {
    let s = cuttings_link::sketch(&cuttings_link::tokenize(body), cfg);
    let hex = |v: &[u64]| v.iter().map(|x| format!("{x:016x}")).collect();
    SketchLine {
        config: cfg.signature(),
        digest: format!("{:016x}", s.digest()),
        text: hex(&s.text),
        quotes: hex(&s.quotes),
    }
}

/// What one input gives: JSON lines, and whether it failed.
fn run_one(
    input: &Input,
    limits: &cuttings_model::Limits,
    cfg: &cuttings_link::LinkConfig,
) -> (Vec<String>, bool) {
    let max_bytes = limits.max_file_size;
    let error = |e: String, path: Option<&str>, name: Option<&str>, line: Option<usize>| {
        let l = ProcessErrorLine {
            error: e,
            path: path.map(str::to_string),
            name: name.map(str::to_string),
            line,
        };
        serde_json::to_string(&l).expect("an error line serialises")
    };
    let (label, path, name) = match input {
        Input::Bad { line, error: e } => {
            return (vec![error(e.clone(), None, None, Some(*line))], true)
        }
        Input::Path(p) => (p.as_str(), Some(p.as_str()), None),
        Input::Bytes { name, .. } => (name.as_str(), None, Some(name.as_str())),
    };
    let fail = |e: String| (vec![error(e, path, name, None)], true);
    let source = match input {
        Input::Path(p) => {
            cuttings_pipeline::read_file_with(Path::new(p), limits).map_err(|e| format!("{e:#}"))
        }
        Input::Bytes { name, b64 } => {
            match base64::engine::general_purpose::STANDARD.decode(b64.trim()) {
                Err(e) => Err(format!("bytes_b64 is not base64: {e}")),
                Ok(bytes) if bytes.len() as u64 > max_bytes => Err(format!(
                    "{name}: {} bytes, more than the limit of {max_bytes} (--max-file-size)",
                    bytes.len()
                )),
                Ok(bytes) => cuttings_pipeline::decode_with(name, &bytes, None, limits)
                    .map_err(|e| format!("{e:#}")),
            }
        }
        Input::Bad { .. } => unreachable!("handled above"),
    };
    let source = match source {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    // A bug in a stage must not end the batch: it becomes the input's error line.
    let processed = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        cuttings_pipeline::process_with(&source, &[], limits)
    })) {
        Ok(p) => p,
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            return fail(format!("internal error, please report it: {why}"));
        }
    };
    let mut lines: Vec<String> = processed
        .articles
        .iter()
        .map(|a| {
            let l = ProcessedLine::new(
                label.to_string(),
                ArticleLine::from(a),
                sketch_line(&a.body, cfg),
            );
            serde_json::to_string(&l).expect("an article line serialises")
        })
        .collect();
    let failed = !processed.errors.is_empty();
    lines.extend(
        processed
            .errors
            .iter()
            .map(|e| error(e.clone(), path, name, None)),
    );
    (lines, failed)
}

/// Processes a chunk on all cores and prints it in order; returns how many inputs failed.
fn flush(
    out: &mut impl Write,
    chunk: &mut Vec<Input>,
    limits: &cuttings_model::Limits,
    cfg: &cuttings_link::LinkConfig,
) -> anyhow::Result<usize> {
    let results: Vec<(Vec<String>, bool)> = chunk
        .par_iter()
        .map(|input| run_one(input, limits, cfg))
        .collect();
    chunk.clear();
    let mut failed = 0;
    for (lines, bad) in results {
        for l in lines {
            out.write_all(l.as_bytes())?;
            out.write_all(b"\n")?;
        }
        failed += usize::from(bad);
    }
    // Whole documents at a time, so that a reader sees each one's lines as soon as it is done.
    out.flush()?;
    Ok(failed)
}

/// Runs `process`.
pub fn run(args: Args) -> anyhow::Result<Status> {
    let cfg = cuttings_link::LinkConfig::default();
    let limits = args.limits.limits(args.max_file_size);
    let mut out = output::stdout();
    let mut failed = 0;
    let mut chunk: Vec<Input> = Vec::with_capacity(CHUNK);
    if !args.files.is_empty() {
        for f in &args.files {
            chunk.push(Input::Path(f.clone()));
            if chunk.len() == CHUNK {
                failed += flush(&mut out, &mut chunk, &limits, &cfg)?;
            }
        }
    } else {
        let stdin = std::io::stdin().lock();
        for (i, line) in stdin.lines().enumerate() {
            let line = line.context("reading stdin")?;
            if line.trim().is_empty() {
                continue;
            }
            chunk.push(parse_line(i + 1, &line));
            if chunk.len() == CHUNK {
                failed += flush(&mut out, &mut chunk, &limits, &cfg)?;
            }
        }
    }
    failed += flush(&mut out, &mut chunk, &limits, &cfg)?;
    Ok(if failed > 0 && args.strict {
        Status::SomeFailed
    } else {
        Status::Ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_lines_are_one_of_two_shapes() {
        assert!(matches!(parse_line(1, r#"{"path": "a.txt"}"#), Input::Path(p) if p == "a.txt"));
        assert!(matches!(
            parse_line(2, r#"{"name": "a.pdf", "bytes_b64": "JVBERg=="}"#),
            Input::Bytes { name, .. } if name == "a.pdf"
        ));
        for bad in [
            r#"{"path": "a", "name": "b", "bytes_b64": ""}"#,
            r#"{"name": "a.pdf"}"#,
            r#"{"paht": "a.txt"}"#,
            "not json",
        ] {
            assert!(
                matches!(parse_line(3, bad), Input::Bad { line: 3, .. }),
                "{bad}"
            );
        }
    }

    #[test]
    fn sketches_are_hex_and_ignore_case() {
        let cfg = cuttings_link::LinkConfig::default();
        let a = sketch_line(
            "The council voted on Tuesday to close the old mine for good and all.",
            &cfg,
        );
        let b = sketch_line(
            "THE COUNCIL VOTED, ON TUESDAY, TO CLOSE THE OLD MINE FOR GOOD AND ALL",
            &cfg,
        );
        assert_eq!(a, b);
        assert!(!a.text.is_empty());
        assert!(a
            .text
            .iter()
            .all(|h| h.len() == 16 && h.bytes().all(|c| c.is_ascii_hexdigit())));
        assert_eq!(a.config, cfg.signature());
    }
}
