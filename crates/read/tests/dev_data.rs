//! Checks `layout` on the shared dev digests when `CUTTINGS_DEV_DATA=1` (skipped otherwise).
//!
//! For each `N.{raw,layout,seedlike}.txt` it checks the detected flavor and page count, and measures, per gold
//! article, the share of its body's word bigrams found as consecutive words of the reading-order
//! stream (line-end hyphens joined). Figures are printed; run with `--nocapture` to see them.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use cuttings_read::{decode, layout, Flavor};

/// A just-enough JSON value.
#[derive(Debug)]
enum Json {
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
    Num(f64),
    Other,
}

impl Json {
    fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(kv) => kv.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

fn parse(s: &[u8], i: &mut usize) -> Json {
    while s[*i].is_ascii_whitespace() {
        *i += 1;
    }
    match s[*i] {
        b'{' => {
            *i += 1;
            let mut kv = Vec::new();
            loop {
                while s[*i].is_ascii_whitespace() || s[*i] == b',' {
                    *i += 1;
                }
                if s[*i] == b'}' {
                    *i += 1;
                    return Json::Obj(kv);
                }
                let Json::Str(k) = parse(s, i) else {
                    panic!("bad key")
                };
                while s[*i] != b':' {
                    *i += 1;
                }
                *i += 1;
                kv.push((k, parse(s, i)));
            }
        }
        b'[' => {
            *i += 1;
            let mut v = Vec::new();
            loop {
                while s[*i].is_ascii_whitespace() || s[*i] == b',' {
                    *i += 1;
                }
                if s[*i] == b']' {
                    *i += 1;
                    return Json::Arr(v);
                }
                v.push(parse(s, i));
            }
        }
        b'"' => {
            *i += 1;
            let mut out = Vec::new();
            loop {
                match s[*i] {
                    b'"' => break,
                    b'\\' => {
                        *i += 1;
                        match s[*i] {
                            b'n' => out.push(b'\n'),
                            b't' => out.push(b'\t'),
                            b'u' => {
                                let hex = std::str::from_utf8(&s[*i + 1..*i + 5]).unwrap();
                                let mut cp = u32::from_str_radix(hex, 16).unwrap();
                                *i += 4;
                                if (0xd800..0xdc00).contains(&cp) && s[*i + 1] == b'\\' {
                                    let hex = std::str::from_utf8(&s[*i + 3..*i + 7]).unwrap();
                                    let lo = u32::from_str_radix(hex, 16).unwrap();
                                    cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                                    *i += 6;
                                }
                                let c = char::from_u32(cp).unwrap_or('\u{fffd}');
                                out.extend_from_slice(c.to_string().as_bytes());
                            }
                            c => out.push(c),
                        }
                    }
                    c => out.push(c),
                }
                *i += 1;
            }
            *i += 1;
            Json::Str(String::from_utf8(out).unwrap())
        }
        _ => {
            let start = *i;
            while !matches!(s[*i], b',' | b']' | b'}') {
                *i += 1;
            }
            let token = std::str::from_utf8(&s[start..*i]).unwrap().trim();
            token.parse().map_or(Json::Other, Json::Num)
        }
    }
}

fn norm(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(norm)
        .filter(|w| !w.is_empty())
        .collect()
}

/// The reading-order stream of a file as normalized words, line-end hyphens joined.
fn stream(text: &str) -> (Flavor, Vec<String>, usize, usize) {
    let src = decode("dev", text.as_bytes()).unwrap();
    let l = layout(&src);
    let mut joined = String::new();
    for line in &l.lines {
        let t = src.slice(line.span);
        joined.push_str(t);
        let hyphen = t.ends_with('-')
            && t[..t.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
        if !hyphen {
            joined.push(' ');
        }
    }
    let cols = l
        .pages
        .iter()
        .map(|p| p.columns as usize)
        .max()
        .unwrap_or(1);
    (l.flavor.unwrap(), words(&joined), cols, l.pages.len())
}

#[test]
fn dev_digests() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/dev-digests");
    if std::env::var("CUTTINGS_DEV_DATA").as_deref() != Ok("1") {
        eprintln!("dev_digests: set CUTTINGS_DEV_DATA=1 to run");
        return;
    }
    if !dir.exists() {
        eprintln!("dev_digests: {} is absent, skipped", dir.display());
        return;
    }
    let mut wrong = Vec::new();
    let mut scores: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for n in 1..=99 {
        let gold = dir.join(format!("{n:03}.gold.json"));
        let Ok(gold) = std::fs::read(&gold) else {
            continue;
        };
        let gold = parse(&gold, &mut 0);
        let Some(Json::Arr(articles)) = gold.get("articles") else {
            panic!("no articles")
        };
        for (kind, want) in [
            ("raw", Flavor::Raw),
            ("layout", Flavor::Layout),
            ("seedlike", Flavor::Seedlike),
        ] {
            let path = dir.join(format!("{n:03}.{kind}.txt"));
            let text = std::fs::read_to_string(&path).unwrap();
            let (flavor, w, cols, pages) = stream(&text);
            if let Some(Json::Num(want)) = gold.get("pages") {
                if pages != *want as usize {
                    wrong.push(format!("{}: {pages} pages, want {want}", path.display()));
                }
            }
            if flavor != want {
                wrong.push(format!("{}: {flavor:?}", path.display()));
            }
            let bigrams: HashSet<(&str, &str)> = w
                .windows(2)
                .map(|p| (p[0].as_str(), p[1].as_str()))
                .collect();
            let mut worst = 1.0f64;
            for a in articles {
                let Some(Json::Arr(paras)) = a.get("paragraphs") else {
                    continue;
                };
                let mut gw = Vec::new();
                for p in paras {
                    if let Json::Str(p) = p {
                        gw.extend(words(p));
                    }
                }
                let total = gw.len().saturating_sub(1);
                if total == 0 {
                    continue;
                }
                let hit = gw
                    .windows(2)
                    .filter(|p| bigrams.contains(&(p[0].as_str(), p[1].as_str())))
                    .count();
                let s = hit as f64 / total as f64;
                worst = worst.min(s);
                if s < 0.99 {
                    let title = match a.get("title") {
                        Some(Json::Str(t)) => t.as_str(),
                        _ => "",
                    };
                    println!("  {n:03} {kind} {s:.3} {title}");
                }
                scores.entry(kind).or_default().push(s);
            }
            println!("{n:03} {kind:8} {flavor:?} columns={cols} worst article {worst:.4}");
        }
    }
    let sample = dir.join("../samples/digest-2017-08.txt");
    if let Ok(text) = std::fs::read_to_string(&sample) {
        let (flavor, _, _, _) = stream(&text);
        if flavor != Flavor::Seedlike {
            wrong.push(format!("{}: {flavor:?}", sample.display()));
        }
    }
    for (kind, s) in &scores {
        let mean = s.iter().sum::<f64>() / s.len() as f64;
        let min = s.iter().cloned().fold(1.0, f64::min);
        println!(
            "{kind:8} articles={} mean bigram recall {mean:.4} min {min:.4}",
            s.len()
        );
    }
    assert!(wrong.is_empty(), "wrong flavors or pages: {wrong:#?}");
}
