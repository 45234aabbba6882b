//! Helpers for running the built `cuttings` binary in a temporary folder (after ripgrep's
//! `tests/util.rs`): every test gets its own folder, with the bundled samples copied into
//! `samples/`, and runs the binary there with a clean environment.

#![allow(dead_code)]

pub mod gen;
pub mod http;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use cuttings_cli::wire::ArticleLine;

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` next to the workspace, when it exists.
pub fn shared() -> Option<PathBuf> {
    let p = workspace().join("../shared");
    p.is_dir().then_some(p)
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary folder to run `cuttings` in.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    /// A fresh folder holding a copy of `samples/`.
    pub fn new() -> Dir {
        let tmp = tempfile::Builder::new()
            .prefix("cuttings-cli-")
            .tempdir()
            .unwrap();
        let samples = tmp.path().join("samples");
        std::fs::create_dir(&samples).unwrap();
        for entry in std::fs::read_dir(workspace().join("samples")).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                std::fs::copy(entry.path(), samples.join(entry.file_name())).unwrap();
            }
        }
        Dir { tmp }
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// Writes a file into the folder.
    pub fn create(&self, name: &str, bytes: &[u8]) {
        let p = self.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(p, bytes).unwrap();
    }

    /// `cuttings ARGS` run in the folder, with no `$CUTTINGS_CORPUS` and stdin closed.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cuttings"));
        cmd.current_dir(self.path())
            .args(args)
            .env_remove("CUTTINGS_CORPUS")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        cmd
    }

    /// Runs `cuttings ARGS` and returns its output.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().unwrap(), args)
    }

    /// Runs `cuttings ARGS` and asserts it exits with `code`.
    pub fn expect(&self, code: i32, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code, code, "cuttings {args:?}\n{}", run.describe());
        run
    }

    /// `articles --format jsonl ARGS`, parsed strictly.
    pub fn articles(&self, args: &[&str]) -> Vec<ArticleLine> {
        let mut all = vec!["articles", "--format", "jsonl"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert!(run.code == 0 || run.code == 1, "{}", run.describe());
        parse_articles(&run.stdout)
    }
}

/// Parses `articles --format jsonl` output, checking the exact key set of every line.
pub fn parse_articles(stdout: &str) -> Vec<ArticleLine> {
    stdout
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            let keys: Vec<&str> = value
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let mut want = cuttings_cli::wire::ARTICLE_KEYS.to_vec();
            let mut got = keys.clone();
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, want, "keys of {line}");
            serde_json::from_str::<ArticleLine>(line).unwrap()
        })
        .collect()
}

/// What one run printed.
pub struct Run {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output, args: &[&str]) -> Run {
        Run {
            args: args.iter().map(|s| s.to_string()).collect(),
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    /// Everything, for assertion messages.
    pub fn describe(&self) -> String {
        format!(
            "args: {:?}\nexit code: {}\n--- stdout\n{}\n--- stderr\n{}",
            self.args, self.code, self.stdout, self.stderr
        )
    }
}
