//! Hyphenation and reflow measured on the shared dev digests (`../shared/dev-digests`).
//!
//! Slow and dependent on data outside the repository, so gated: run with
//! `CUTTINGS_DEV_DATA=1 cargo test -p cuttings-repair --release --test dev_data -- --nocapture`.
//! Errors are counted like `score-digests.py`'s `hyphen_errors()` (ported below), per 1,000 words.
//!
//! Two measurements per flavor:
//! - *simulated*: each gold paragraph is wrapped at 62 columns and every gold hyphen break is put
//!   at a line end the way the producer prints it (`prefix-` / `suffix` when hyphens are kept;
//!   `prefix` + `suffix` with the rest of the next line appended for `pdftotext`'s raw mode);
//! - *whole file*: the real dump, read as plain lines (or with `cuttings_read::layout` when
//!   `CUTTINGS_DEV_READ=1`, which splits side-by-side columns) and repaired as one body, against
//!   the vocabulary of every gold article (furniture adds a little noise); the output must also be
//!   idempotent. `CUTTINGS_DEV_VERBOSE=1` lists every error.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use cuttings_model::{Flavor, Line, Source, Span};
use cuttings_repair::{plain_lines, repair, vocabulary};
use serde_json::Value;

fn dev_dir() -> Option<PathBuf> {
    if std::env::var("CUTTINGS_DEV_DATA").as_deref() != Ok("1") {
        eprintln!("dev_data: skipped (set CUTTINGS_DEV_DATA=1 to run)");
        return None;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/dev-digests");
    if !dir.is_dir() {
        eprintln!("dev_data: skipped: {} is absent", dir.display());
        return None;
    }
    Some(dir)
}

fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => out.push('"'),
            '\u{2010}'..='\u{2015}' => out.push('-'),
            '\u{00AD}' => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn hyph_tokens(text: &str) -> Vec<String> {
    let n = norm(text);
    let mut out = Vec::new();
    for t in n.split_whitespace() {
        let t = t.trim_start_matches(|c: char| !word(c));
        let t = t.trim_end_matches(|c: char| !word(c) && c != '-');
        let t = {
            // (?<=\w)[^\w-]+$ — already covered by the line above.
            t
        };
        if !t.is_empty() {
            out.push(t.to_string());
        }
    }
    out
}

/// `(split, join, words)` as in `score-digests.py`, with gold vocabulary `g`.
fn hyphen_errors(pred: &str, g: &[String]) -> (usize, usize, usize, Vec<String>) {
    let v: HashSet<&str> = g.iter().map(String::as_str).collect();
    let mut j: HashSet<String> = HashSet::new();
    for w in g.windows(2) {
        if w[0].chars().all(char::is_alphabetic) && w[1].chars().all(char::is_alphabetic) {
            j.insert(format!("{}{}", w[0], w[1]));
        }
    }
    for t in &v {
        if t.contains('-') {
            j.insert(t.replace('-', ""));
        }
    }
    j.retain(|t| !v.contains(t.as_str()));
    let p = hyph_tokens(pred);
    let (mut split, mut join, mut bad) = (0, 0, Vec::new());
    let mut i = 0;
    while i < p.len() {
        let t = &p[i];
        let nxt = p.get(i + 1);
        if let Some(n) = nxt {
            if t.ends_with('-')
                && (v.contains(format!("{t}{n}").as_str())
                    || v.contains(format!("{}{n}", &t[..t.len() - 1]).as_str()))
                && !v.contains(t.as_str())
            {
                split += 1;
                bad.push(format!("split {t} {n}"));
                i += 2;
                continue;
            }
        }
        if !v.contains(t.as_str()) && t.chars().any(|c| c.is_ascii_lowercase()) {
            if t.contains('-') && v.contains(t.replace('-', "").as_str()) {
                split += 1;
                bad.push(format!("split {t}"));
            } else if j.contains(t) {
                join += 1;
                bad.push(format!("join {t}"));
            } else if let Some(n) = nxt {
                if !v.contains(n.as_str()) && v.contains(format!("{t}{n}").as_str()) {
                    split += 1;
                    bad.push(format!("split {t} {n}"));
                    i += 2;
                    continue;
                }
            }
        }
        i += 1;
    }
    (split, join, p.len(), bad)
}

/// One simulated article: its text and its lines as spans of it.
fn simulate(paragraphs: &[String], breaks: &[Value], raw: bool, text: &mut String) -> Vec<Line> {
    const WIDTH: usize = 62;
    let mut pending: Vec<(String, String, String)> = breaks
        .iter()
        .map(|b| {
            let s = |k: &str| b[k].as_str().unwrap_or("").to_string();
            let prefix = if b["kind"] == "soft" {
                format!("{}-", s("prefix"))
            } else {
                s("prefix")
            };
            (s("word"), prefix, s("suffix"))
        })
        .collect();
    let mut lines = Vec::new();
    for para in paragraphs {
        // Logical lines: (text, ends_with_break)
        let mut logical: Vec<(String, bool)> = Vec::new();
        let mut cur = String::new();
        for tok in para.split_whitespace() {
            let hit = pending.iter().position(|(w, _, _)| {
                tok.trim_matches(|c: char| !c.is_alphanumeric()) == w
                    || tok.starts_with(w.as_str())
                    || tok
                        .trim_start_matches(|c: char| !c.is_alphanumeric())
                        .starts_with(w.as_str())
            });
            if let Some(k) = hit {
                let (w, prefix, suffix) = pending.remove(k);
                let at = tok.find(w.as_str()).unwrap_or(0);
                let (lead, rest) = tok.split_at(at);
                let tail = &rest[w.len()..];
                if !cur.is_empty() {
                    cur.push(' ');
                }
                cur.push_str(lead);
                cur.push_str(&prefix);
                logical.push((std::mem::take(&mut cur), true));
                cur.push_str(&suffix);
                cur.push_str(tail);
                continue;
            }
            if !cur.is_empty() && cur.chars().count() + 1 + tok.chars().count() > WIDTH {
                logical.push((std::mem::take(&mut cur), false));
            }
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(tok);
        }
        if !cur.is_empty() {
            logical.push((cur, false));
        }
        let mut physical: Vec<String> = Vec::new();
        let mut k = 0;
        while k < logical.len() {
            let (mut l, mut brk) = logical[k].clone();
            k += 1;
            if raw {
                while brk && k < logical.len() {
                    // pdftotext: hyphen removed, the next line appended.
                    if l.ends_with('-') {
                        l.pop();
                    }
                    l.push_str(&logical[k].0);
                    brk = logical[k].1;
                    k += 1;
                }
            }
            physical.push(l);
        }
        for (n, l) in physical.iter().enumerate() {
            let start = text.len();
            text.push_str(l);
            lines.push(Line {
                span: Span::new(start, text.len()),
                page: 1,
                column: 0,
                gap_before: n == 0,
                indent: 0,
                full_width: false,
            });
            text.push('\n');
        }
        text.push('\n');
    }
    lines
}

#[test]
fn dev_digests_hyphenation() {
    let Some(dir) = dev_dir() else { return };
    let verbose = std::env::var("CUTTINGS_DEV_VERBOSE").is_ok();
    for (name, flavor) in [
        ("layout", Flavor::Layout),
        ("seedlike", Flavor::Seedlike),
        ("raw", Flavor::Raw),
    ] {
        let (mut s_split, mut s_join, mut s_words) = (0, 0, 0);
        let (mut f_split, mut f_join, mut f_words) = (0, 0, 0);
        let (mut para_ok, mut para_all) = (0, 0);
        let (mut nogap_ok, mut nogap_all) = (0, 0);
        let (mut file_para_ok, mut file_para_all) = (0, 0);
        for n in 1..=12 {
            let gold: Value = serde_json::from_str(
                &std::fs::read_to_string(dir.join(format!("{n:03}.gold.json"))).unwrap(),
            )
            .unwrap();
            let arts = gold["articles"].as_array().unwrap();
            // Simulated.
            let mut text = String::new();
            let mut bodies = Vec::new();
            for a in arts {
                let paras: Vec<String> = a["paragraphs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_str().unwrap().to_string())
                    .collect();
                let breaks = a["hyphen_breaks"].as_array().cloned().unwrap_or_default();
                let lines = simulate(&paras, &breaks, flavor == Flavor::Raw, &mut text);
                bodies.push((paras, lines));
            }
            let src = Source::from_text("sim", text);
            let all: Vec<Line> = bodies.iter().flat_map(|b| b.1.clone()).collect();
            let vocab = vocabulary(&src, &all);
            // Reflow without blank lines: only indents... none here, so only short last lines.
            for (paras, lines) in &bodies {
                let mut lines = lines.clone();
                for l in lines.iter_mut().skip(1) {
                    l.gap_before = false;
                }
                let out = repair(&src, &lines, flavor, &vocab);
                let got: Vec<&str> = out.text.split("\n\n").collect();
                nogap_all += paras.len();
                nogap_ok += paras.iter().filter(|p| got.contains(&p.as_str())).count();
            }
            let mut gold_all = Vec::new();
            let mut gold_paras: Vec<String> = Vec::new();
            for (paras, lines) in &bodies {
                let out = repair(&src, lines, flavor, &vocab);
                let g = hyph_tokens(&paras.join("\n\n"));
                let (s, j, w, bad) = hyphen_errors(&out.text, &g);
                if verbose && !bad.is_empty() {
                    eprintln!("sim {name} {n:03}: {bad:?}");
                    let mut lens: Vec<usize> = lines
                        .iter()
                        .map(|l| src.slice(l.span).chars().count())
                        .collect();
                    lens.sort();
                    for b in &bad {
                        let t = b.split(' ').nth(1).unwrap_or("");
                        for l in lines {
                            let lt = src.slice(l.span);
                            if lt.to_lowercase().contains(t) {
                                eprintln!("    {} chars (lens {lens:?}): {lt}", lt.chars().count());
                            }
                        }
                    }
                }
                s_split += s;
                s_join += j;
                s_words += w;
                let got: Vec<&str> = out.text.split("\n\n").collect();
                para_all += paras.len();
                para_ok += paras.iter().filter(|p| got.contains(&p.as_str())).count();
                gold_all.extend(g);
                gold_paras.extend(paras.iter().cloned());
            }
            // Whole file.
            let path = dir.join(format!("{n:03}.{name}.txt"));
            let src = Source::from_text(
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            );
            let lines = if std::env::var_os("CUTTINGS_DEV_READ").is_some() {
                cuttings_read::layout(&src).lines
            } else {
                plain_lines(&src)
            };
            let vocab = vocabulary(&src, &lines);
            let out = repair(&src, &lines, flavor, &vocab);
            let again_src = Source::from_text("again", out.text.clone());
            let again_lines = plain_lines(&again_src);
            let again = repair(
                &again_src,
                &again_lines,
                Flavor::Plain,
                &vocabulary(&again_src, &again_lines),
            );
            assert!(
                again.text == out.text,
                "{} is not idempotent",
                path.display()
            );
            let (s, j, w, bad) = hyphen_errors(&out.text, &gold_all);
            if verbose && !bad.is_empty() {
                eprintln!("file {name} {n:03}: {bad:?}");
            }
            let got: HashSet<&str> = out.text.split("\n\n").collect();
            file_para_all += gold_paras.len();
            file_para_ok += gold_paras
                .iter()
                .filter(|p| got.contains(p.as_str()))
                .count();
            f_split += s;
            f_join += j;
            f_words += w;
        }
        let k = |e: usize, w: usize| e as f64 * 1000.0 / w.max(1) as f64;
        eprintln!(
            "{name:9} simulated: split {:.2}/1k join {:.2}/1k ({s_words} words; paragraphs exact: {para_ok}/{para_all}, without blank lines {nogap_ok}/{nogap_all}) | whole file: split {:.2}/1k join {:.2}/1k ({f_words} words; gold paragraphs found exactly: {file_para_ok}/{file_para_all})",
            k(s_split, s_words),
            k(s_join, s_words),
            k(f_split, f_words),
            k(f_join, f_words),
        );
    }
}
