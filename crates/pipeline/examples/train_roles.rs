//! Trains and scores the line-role model (issue #12) on documents made by
//! `scripts/make-seg-data.sh`: each document as a PDF and three text dumps, with the role of every
//! printed line (`ID.lines.jsonl`) and the articles (`ID.gold.json`).
//!
//! ```text
//! cargo run --release -p cuttings-pipeline --example train_roles -- train \
//!     --data /work/seg-data --out crates/segment/data/roles.model [--epochs 8] [--limit N]
//! cargo run --release -p cuttings-pipeline --example train_roles -- eval \
//!     --data /work/seg-data --model crates/segment/data/roles.model --split tune [--predict DIR]
//! ```
//!
//! The split is the one the generator wrote into each gold file (by hash of the document's id:
//! train, tune, test). `train` learns on `train` and picks the epoch and the temperature on
//! `tune`; `eval` reports line accuracy per form and per role, and with `--predict DIR` writes
//! each document's articles as `DIR/FORM/ID.jsonl` for `../shared/eval/score-digests.py`.
//! The test split is only for the final figures: nothing is tuned on it.
//!
//! How a read line gets its role: in a PDF, from the generated line whose box overlaps it most;
//! in a text dump, from the generated line on the same page with the same text, else the one that
//! holds most of its words.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use cuttings_model::{Role, Source, TextLayout};
use cuttings_segment::roles::{self, Features, RoleModel, Trainer, N_ROLES};
use rayon::prelude::*;
use serde::Deserialize;

const FORMS: [&str; 4] = ["raw", "layout", "seedlike", "pdf"];

#[derive(Deserialize)]
struct GenLine {
    page: u32,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    text: String,
    role: String,
}

#[derive(Deserialize)]
struct Gold {
    digest: String,
    split: String,
    #[serde(default)]
    kind: Option<String>,
}

/// One document in one form, read and labelled.
struct Doc {
    id: String,
    form: &'static str,
    kind: String,
    features: Features,
    gold: Vec<u8>,
    /// Lines whose role came from a weak match (few shared words).
    weak: usize,
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn load_source(path: &Path) -> Option<Source> {
    match cuttings_pipeline::read_file(path, 256 << 20) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!("train_roles: {}: {e}", path.display());
            None
        }
    }
}

fn layout_of(source: &Source) -> TextLayout {
    match source.layout.as_deref() {
        Some(l) => l.clone(),
        None => cuttings_read::layout(source),
    }
}

/// The role of each read line, from the generated lines.
fn align(source: &Source, read: &roles::ReadLines, gen: &[GenLine], pdf: bool) -> (Vec<u8>, usize) {
    let role_of = |g: &GenLine| Role::parse(&g.role).unwrap_or(Role::Other).index() as u8;
    let mut by_text: HashMap<(u32, String), Vec<usize>> = HashMap::new();
    let mut by_text_any: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_page: HashMap<u32, Vec<usize>> = HashMap::new();
    for (k, g) in gen.iter().enumerate() {
        let t = norm(&g.text);
        by_text.entry((g.page, t.clone())).or_default().push(k);
        by_text_any.entry(t).or_default().push(k);
        by_page.entry(g.page).or_default().push(k);
    }
    let gen_words: Vec<Vec<String>> = gen.iter().map(|g| words(&g.text)).collect();
    let mut used = vec![false; gen.len()];
    let mut out = Vec::with_capacity(read.lines.len());
    let mut weak = 0;
    for (i, line) in read.lines.iter().enumerate() {
        let text = norm(source.slice(line.span));
        // PDFs: the generated line whose box overlaps this one most.
        if pdf {
            if let Some(b) = read.boxes[i] {
                let best = by_page.get(&b.page).and_then(|ks| {
                    ks.iter()
                        .map(|&k| {
                            let g = &gen[k];
                            let w = (b.x1.min(g.x1) - b.x0.max(g.x0)).max(0.0);
                            let h = (b.y1.min(g.y1) - b.y0.max(g.y0)).max(0.0);
                            (k, w * h)
                        })
                        .filter(|&(_, a)| a > 0.0)
                        .max_by(|a, b| a.1.total_cmp(&b.1))
                });
                if let Some((k, _)) = best {
                    out.push(role_of(&gen[k]));
                    continue;
                }
            }
        }
        // The same text on the same page (the first not taken yet), or anywhere.
        let exact = by_text
            .get(&(line.page, text.clone()))
            .or_else(|| by_text_any.get(&text));
        if let Some(ks) = exact {
            let k = ks.iter().copied().find(|&k| !used[k]).unwrap_or(ks[0]);
            used[k] = true;
            out.push(role_of(&gen[k]));
            continue;
        }
        // The generated line that holds most of its words, on its page or the next ones.
        let ws = words(&text);
        let mut best: Option<(usize, f32)> = None;
        for p in [line.page, line.page.saturating_sub(1), line.page + 1] {
            for &k in by_page.get(&p).into_iter().flatten() {
                let gw = &gen_words[k];
                if gw.is_empty() || ws.is_empty() {
                    continue;
                }
                let shared = ws.iter().filter(|w| gw.contains(w)).count() as f32;
                let score = shared / ws.len().max(1) as f32 + 0.01 * shared / gw.len() as f32
                    - if p == line.page { 0.0 } else { 0.05 };
                if best.is_none_or(|b| score > b.1) {
                    best = Some((k, score));
                }
            }
        }
        match best {
            Some((k, s)) if s >= 0.5 => out.push(role_of(&gen[k])),
            Some((k, _)) => {
                weak += 1;
                out.push(role_of(&gen[k]));
            }
            None => {
                weak += 1;
                out.push(Role::Other.index() as u8);
            }
        }
    }
    (out, weak)
}

fn read_lines(path: &Path) -> Option<Vec<GenLine>> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// Reads every document of the wanted splits in every form.
fn load(data: &Path, splits: &[&str], limit: usize, forms: &[&'static str]) -> Vec<Doc> {
    let dir = data.join("docs");
    let mut golds: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    golds.sort();
    let picked: Vec<(Gold, PathBuf)> = golds
        .into_iter()
        .filter_map(|p| {
            let g: Gold = serde_json::from_str(&std::fs::read_to_string(&p).ok()?).ok()?;
            splits.contains(&g.split.as_str()).then_some((g, p))
        })
        .take(limit)
        .collect();
    picked
        .par_iter()
        .flat_map_iter(|(g, _)| {
            let gen = read_lines(&dir.join(format!("{}.lines.jsonl", g.digest)));
            forms.iter().filter_map(move |&form| {
                let gen = gen.as_ref()?;
                let file = if form == "pdf" {
                    dir.join(format!("{}.pdf", g.digest))
                } else {
                    dir.join(format!("{}.{form}.txt", g.digest))
                };
                let source = load_source(&file)?;
                let layout = layout_of(&source);
                let read = roles::read(&source, &layout);
                let (gold, weak) = align(&source, &read, gen, form == "pdf");
                Some(Doc {
                    id: g.digest.clone(),
                    form,
                    kind: g.kind.clone().unwrap_or_default(),
                    features: read.features,
                    gold,
                    weak,
                })
            })
        })
        .collect()
}

fn accuracy(model: &RoleModel, docs: &[Doc]) -> f64 {
    let (right, total) = docs
        .par_iter()
        .map(|d| {
            let best = model.best(&d.features);
            let right = best.iter().zip(&d.gold).filter(|(a, b)| a == b).count();
            (right, d.gold.len())
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    right as f64 / total.max(1) as f64
}

/// The temperature that gives the tune documents' roles the highest likelihood.
fn fit_temperature(model: &RoleModel, docs: &[Doc]) -> f32 {
    let nll = |t: f32| -> f64 {
        docs.par_iter()
            .map(|d| {
                let probs = model.probabilities(&d.features, t);
                probs
                    .iter()
                    .zip(&d.gold)
                    .map(|(p, &g)| -f64::from(p[g as usize].max(1e-6)).ln())
                    .sum::<f64>()
            })
            .sum()
    };
    let mut best = (1.0f32, f64::INFINITY);
    for k in -12..=12 {
        let t = 2f32.powf(k as f32 / 3.0);
        let v = nll(t);
        if v < best.1 {
            best = (t, v);
        }
    }
    best.0
}

fn arg<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

fn forms_of(args: &[String]) -> Vec<&'static str> {
    match arg(args, "--forms") {
        Some(list) => FORMS
            .iter()
            .copied()
            .filter(|f| list.split(',').any(|x| x == *f))
            .collect(),
        None => FORMS.to_vec(),
    }
}

fn train(args: &[String]) {
    let data = PathBuf::from(arg(args, "--data").unwrap_or("/work/seg-data"));
    let out = PathBuf::from(arg(args, "--out").unwrap_or("crates/segment/data/roles.model"));
    let epochs: usize = arg(args, "--epochs")
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let limit: usize = arg(args, "--limit")
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let prune: f32 = arg(args, "--prune")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.01);
    let forms = forms_of(args);
    let t0 = Instant::now();
    let train_docs = load(&data, &["train"], limit, &forms);
    let tune_docs = load(&data, &["tune"], limit / 8 + 1, &forms);
    let lines: usize = train_docs.iter().map(|d| d.gold.len()).sum();
    let weak: usize = train_docs.iter().map(|d| d.weak).sum();
    eprintln!(
        "train_roles: {} training sequences ({lines} lines, {weak} weakly labelled), {} tune, read in {:.0?}",
        train_docs.len(),
        tune_docs.len(),
        t0.elapsed()
    );
    let mut trainer = Trainer::new();
    let mut order: Vec<usize> = (0..train_docs.len()).collect();
    let mut best: Option<(f64, RoleModel, usize)> = None;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for epoch in 1..=epochs {
        // A fixed shuffle per epoch (xorshift), so runs are repeatable.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let t = Instant::now();
        let wrong: usize = order
            .iter()
            .map(|&k| trainer.train(&train_docs[k].features, &train_docs[k].gold))
            .sum();
        let model = trainer.finish(prune);
        let acc = accuracy(&model, &tune_docs);
        eprintln!(
            "epoch {epoch}: {wrong} training lines wrong ({:.2} %), tune accuracy {:.4}, {} rows, {:.0?}",
            100.0 * wrong as f64 / lines.max(1) as f64,
            acc,
            model.rows(),
            t.elapsed()
        );
        if best.as_ref().is_none_or(|b| acc > b.0) {
            best = Some((acc, model, epoch));
        }
    }
    let (acc, mut model, epoch) = best.expect("at least one epoch");
    let t = fit_temperature(&model, &tune_docs);
    model.set_temperature(t);
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    eprintln!(
        "train_roles: kept epoch {epoch} (tune accuracy {acc:.4}), temperature {t:.3}, {} rows, {} bytes -> {}",
        model.rows(),
        bytes.len(),
        out.display()
    );
}

fn eval(args: &[String]) {
    let data = PathBuf::from(arg(args, "--data").unwrap_or("/work/seg-data"));
    let model_path = arg(args, "--model").unwrap_or("crates/segment/data/roles.model");
    let split = arg(args, "--split").unwrap_or("tune");
    let limit: usize = arg(args, "--limit")
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let forms = forms_of(args);
    let bytes = std::fs::read(model_path).unwrap_or_else(|e| panic!("{model_path}: {e}"));
    let model = RoleModel::from_bytes(&bytes).unwrap_or_else(|e| panic!("{model_path}: {e}"));
    let docs = load(&data, &[split], limit, &forms);
    // Per form, and per role: (gold count, predicted count, right).
    let mut per_form: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut per_kind: HashMap<String, (usize, usize)> = HashMap::new();
    let mut per_role = vec![(0usize, 0usize, 0usize); N_ROLES];
    let mut confusion: HashMap<(u8, u8), usize> = HashMap::new();
    for d in &docs {
        let best = model.best(&d.features);
        let e = per_form.entry(d.form).or_default();
        let k = per_kind.entry(d.kind.clone()).or_default();
        for (&p, &g) in best.iter().zip(&d.gold) {
            e.1 += 1;
            k.1 += 1;
            per_role[g as usize].0 += 1;
            per_role[p as usize].1 += 1;
            if p == g {
                e.0 += 1;
                k.0 += 1;
                per_role[g as usize].2 += 1;
            } else {
                *confusion.entry((g, p)).or_default() += 1;
            }
        }
    }
    println!("split {split}: {} sequences", docs.len());
    for f in FORMS {
        if let Some((r, t)) = per_form.get(f) {
            println!(
                "{f:9} line accuracy {:.4} ({t} lines)",
                *r as f64 / *t as f64
            );
        }
    }
    let mut kinds: Vec<_> = per_kind.into_iter().collect();
    kinds.sort();
    for (k, (r, t)) in kinds {
        println!(
            "kind {k:11} line accuracy {:.4} ({t} lines)",
            r as f64 / t as f64
        );
    }
    println!(
        "{:20} {:>7} {:>7} {:>7} {:>6}",
        "role", "P", "R", "F1", "gold"
    );
    for (k, (g, p, r)) in per_role.iter().enumerate() {
        if *g == 0 && *p == 0 {
            continue;
        }
        let prec = *r as f64 / (*p).max(1) as f64;
        let rec = *r as f64 / (*g).max(1) as f64;
        let f1 = if prec + rec > 0.0 {
            2.0 * prec * rec / (prec + rec)
        } else {
            0.0
        };
        println!(
            "{:20} {prec:7.3} {rec:7.3} {f1:7.3} {g:6}",
            Role::ALL[k].as_str()
        );
    }
    let mut conf: Vec<_> = confusion.into_iter().collect();
    conf.sort_by(|a, b| b.1.cmp(&a.1));
    println!("most confused (gold -> predicted):");
    for ((g, p), n) in conf.iter().take(25) {
        println!(
            "  {:18} -> {:18} {n}",
            Role::ALL[*g as usize].as_str(),
            Role::ALL[*p as usize].as_str()
        );
    }
    if let Some(dir) = arg(args, "--predict") {
        predict(&data, &model, split, limit, &forms, Path::new(dir));
    }
}

/// Writes every document's articles, as the scorer reads them, to `DIR/FORM/ID.jsonl`.
fn predict(data: &Path, model: &RoleModel, split: &str, limit: usize, forms: &[&str], dir: &Path) {
    let docs = data.join("docs");
    let mut ids: Vec<String> = std::fs::read_dir(&docs)
        .expect("docs")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let id = name.strip_suffix(".gold.json")?.to_string();
            let g: Gold = serde_json::from_str(&std::fs::read_to_string(e.path()).ok()?).ok()?;
            (g.split == split).then_some(id)
        })
        .collect();
    ids.sort();
    ids.truncate(limit);
    for form in forms {
        let out = dir.join(form);
        std::fs::create_dir_all(&out).expect("mkdir");
        ids.par_iter().for_each(|id| {
            let file = if *form == "pdf" {
                docs.join(format!("{id}.pdf"))
            } else {
                docs.join(format!("{id}.{form}.txt"))
            };
            let Some(source) = load_source(&file) else {
                return;
            };
            let processed = cuttings_pipeline::process_with_model(&source, model);
            let mut w = std::io::BufWriter::new(
                std::fs::File::create(out.join(format!("{id}.jsonl"))).expect("create"),
            );
            for a in &processed.articles {
                let v = serde_json::json!({
                    "title": a.title, "subtitle": a.subtitle,
                    "date": a.date.map(|d| d.to_string()), "outlet": a.outlet,
                    "authors": a.authors, "body": a.body,
                });
                writeln!(w, "{v}").expect("write");
            }
        });
    }
    eprintln!("predictions in {}/FORM/ID.jsonl", dir.display());
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("train") => train(&args),
        Some("eval") => eval(&args),
        _ => {
            eprintln!("usage: train_roles train|eval --data DIR [...] (see the file's doc)");
            std::process::exit(2);
        }
    }
}
