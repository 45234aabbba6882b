//! `cuttings ner`: plain text on stdin, entities out (issue 5).

mod util;

use std::io::Write;
use std::process::Stdio;

use cuttings_cli::wire::NerLine;
use util::Dir;

/// Runs `cuttings ner ARGS` with `input` on stdin; returns (exit code, stdout).
fn ner(args: &[&str], input: &str) -> (i32, String) {
    let dir = Dir::new();
    let mut cmd = dir.command(&[&["ner"], args].concat());
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn jsonl_has_character_offsets() {
    // "José Martínez" and the curly quotes are multi-byte: offsets count characters, not bytes
    let input = "“José Martínez flew from Stockholm to Paris,” said the Associated Press.\n";
    let (code, out) = ner(&[], input);
    assert_eq!(code, 0);
    let chars: Vec<char> = input.chars().collect();
    let lines: Vec<NerLine> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!lines.is_empty());
    for l in &lines {
        assert!(l.start < l.end && l.end <= chars.len());
        let span: String = chars[l.start..l.end].iter().collect();
        assert_eq!(span, l.text);
        assert!(["PER", "ORG", "LOC", "MISC"].contains(&l.r#type.as_str()));
    }
    let got: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| (l.text.as_str(), l.r#type.as_str()))
        .collect();
    assert!(got.contains(&("José Martínez", "PER")), "{got:?}");
    assert!(got.contains(&("Stockholm", "LOC")), "{got:?}");
    assert!(got.contains(&("Paris", "LOC")), "{got:?}");
    assert!(got.contains(&("Associated Press", "ORG")), "{got:?}");
    // exactly the four keys
    let v: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 4);
}

#[test]
fn conll_format_tags_each_token() {
    let input = "-DOCSTART- -X- O O\n\nAngela B-PER\nMerkel I-PER\nvisited O\nWarsaw B-LOC\n.\n\nShe\nleft\n.\n";
    let (code, out) = ner(&["--format", "conll"], input);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "-DOCSTART- -X- O O\n\nAngela\tB-PER\nMerkel\tI-PER\nvisited\tO\nWarsaw\tB-LOC\n.\tO\n\nShe\tO\nleft\tO\n.\tO\n\n"
    );
}

#[test]
fn nothing_found_exits_1_and_empty_input_is_fine() {
    assert_eq!(
        ner(&[], "nothing here but lower case words.\n"),
        (1, String::new())
    );
    assert_eq!(ner(&[], ""), (1, String::new()));
    assert_eq!(ner(&["--format", "conll"], ""), (1, String::new()));
}
