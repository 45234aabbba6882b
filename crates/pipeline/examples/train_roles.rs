//! Trains and scores the line-role model (issue #12) on documents made by
//! `scripts/make-seg-data.sh`: each document as a PDF and three text dumps, with the role of every
//! printed line (`ID.lines.jsonl`) and the articles (`ID.gold.json`).
//!
//! ```text
//! cargo run --release -p cuttings-pipeline --example train_roles -- train \
//!     --data /work/seg-data --out crates/segment/data/roles.model [--epochs 10] [--epochs2 8] [--margin M] [--limit N]
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
use cuttings_segment::roles::{self, Features, Layer, RoleModel, Trainer, N_ROLES};
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
    let dir = &dir;
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
                // A panic is a bug to fix, but one document must not end a long run.
                let read = match std::panic::catch_unwind(|| roles::read(&source, &layout)) {
                    Ok(r) => r,
                    Err(_) => {
                        eprintln!("train_roles: {}: segmentation panicked", file.display());
                        return None;
                    }
                };
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

/// A document's features for one layer, and its gold roles.
type Example<'a> = (&'a Features, &'a [u8]);

fn accuracy(layer: &Layer, docs: &[Example]) -> f64 {
    let (right, total) = docs
        .par_iter()
        .map(|(f, gold)| {
            let best = layer.best(f);
            let right = best.iter().zip(gold.iter()).filter(|(a, b)| a == b).count();
            (right, gold.len())
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    right as f64 / total.max(1) as f64
}

/// The temperature that gives the tune documents' roles the highest likelihood (golden-section
/// search over its logarithm, on at most 300 documents).
fn fit_temperature(layer: &Layer, docs: &[Example]) -> f32 {
    let step = (docs.len() / 300).max(1);
    let sample: Vec<&Example> = docs.iter().step_by(step).collect();
    let nll = |log_t: f32| -> f64 {
        let t = log_t.exp();
        // Summed in order, so that the fit is the same whatever the threads did.
        let per_doc: Vec<f64> = sample
            .par_iter()
            .map(|(f, gold)| {
                let probs = layer.probabilities(f, t);
                probs
                    .iter()
                    .zip(gold.iter())
                    .map(|(p, &g)| -f64::from(p[g as usize].max(1e-6)).ln())
                    .sum::<f64>()
            })
            .collect();
        per_doc.iter().sum()
    };
    let (mut a, mut b) = ((1e-3f32).ln(), (1e3f32).ln());
    let g = 0.618_034f32;
    let (mut c, mut d) = (b - g * (b - a), a + g * (b - a));
    let (mut fc, mut fd) = (nll(c), nll(d));
    for _ in 0..30 {
        if fc < fd {
            b = d;
            d = c;
            fd = fc;
            c = b - g * (b - a);
            fc = nll(c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + g * (b - a);
            fd = nll(d);
        }
    }
    ((a + b) / 2.0).exp()
}

/// Trains one layer for `epochs` epochs (or exactly `epochs` when `keep_last`), keeping the epoch
/// best on `tune`; fits its temperature on `tune`. Returns the layer and its epoch.
fn train_layer(
    name: &str,
    train: &[Example],
    tune: &[Example],
    epochs: usize,
    keep_last: bool,
    prune: f32,
    margin: f32,
) -> (Layer, usize) {
    let lines: usize = train.iter().map(|e| e.1.len()).sum();
    let mut trainer = Trainer::new().with_margin(margin);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut best: Option<(f64, Layer, usize)> = None;
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
            .map(|&k| trainer.train(train[k].0, train[k].1))
            .sum();
        if keep_last && epoch < epochs {
            eprintln!(
                "{name} epoch {epoch}: {wrong} training lines wrong, {:.0?}",
                t.elapsed()
            );
            continue;
        }
        let layer = trainer.finish(prune);
        let acc = accuracy(&layer, tune);
        eprintln!(
            "{name} epoch {epoch}: {wrong} training lines wrong ({:.2} %), tune accuracy {acc:.4}, {} rows, {:.0?}",
            100.0 * wrong as f64 / lines.max(1) as f64,
            layer.rows(),
            t.elapsed()
        );
        if best.as_ref().is_none_or(|b| acc > b.0) {
            best = Some((acc, layer, epoch));
        }
    }
    let (_, mut layer, epoch) = best.expect("at least one epoch");
    let t = fit_temperature(&layer, tune);
    layer.set_temperature(t);
    eprintln!("{name}: kept epoch {epoch}, temperature {t:.4}");
    (layer, epoch)
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
    let number = |name: &str, default: f64| -> f64 {
        arg(args, name)
            .and_then(|s| s.parse().ok())
            .unwrap_or(default)
    };
    let epochs = number("--epochs", 10.0) as usize;
    let epochs2 = number("--epochs2", 8.0) as usize;
    let limit = number("--limit", 1e12) as usize;
    let prune = number("--prune", 1e-4) as f32;
    let margin = number("--margin", 0.0) as f32;
    let one_layer = args.iter().any(|a| a == "--one-layer");
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
    let train1: Vec<Example> = train_docs
        .iter()
        .map(|d| (&d.features, d.gold.as_slice()))
        .collect();
    let tune1: Vec<Example> = tune_docs
        .iter()
        .map(|d| (&d.features, d.gold.as_slice()))
        .collect();
    let (first, epoch) = train_layer("layer 1", &train1, &tune1, epochs, false, prune, margin);
    let model = if one_layer {
        RoleModel::from_layers(vec![first])
    } else {
        // The second layer learns from what a first layer makes of documents it was not trained
        // on: two first layers, each trained on half the documents (all forms of a document in
        // the same half), read the other half.
        let fold = |d: &Doc| {
            d.id.bytes()
                .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
                % 2
        };
        let halves: [Vec<Example>; 2] = [0, 1].map(|k| {
            train_docs
                .iter()
                .filter(|d| fold(d) == k)
                .map(|d| (&d.features, d.gold.as_slice()))
                .collect()
        });
        let folds: Vec<Layer> = halves
            .iter()
            .enumerate()
            .map(|(k, half)| {
                train_layer(
                    &format!("fold {k}"),
                    half,
                    &tune1,
                    epoch,
                    true,
                    prune,
                    margin,
                )
                .0
            })
            .collect();
        let stacked_train: Vec<Features> = train_docs
            .par_iter()
            .map(|d| {
                let other = &folds[1 - fold(d) as usize];
                roles::stack(
                    &d.features,
                    &other.probabilities(&d.features, other.temperature()),
                )
            })
            .collect();
        let stacked_tune: Vec<Features> = tune1
            .par_iter()
            .map(|(f, _)| roles::stack(f, &first.probabilities(f, first.temperature())))
            .collect();
        let train2: Vec<Example> = stacked_train
            .iter()
            .zip(&train1)
            .map(|(f, e)| (f, e.1))
            .collect();
        let tune2: Vec<Example> = stacked_tune
            .iter()
            .zip(&tune1)
            .map(|(f, e)| (f, e.1))
            .collect();
        let (second, _) = train_layer("layer 2", &train2, &tune2, epochs2, false, prune, margin);
        RoleModel::from_layers(vec![first, second])
    };
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    eprintln!(
        "train_roles: {} layers, {} rows, {} bytes -> {} ({:.0?} in all)",
        model.layers().len(),
        model.rows(),
        bytes.len(),
        out.display(),
        t0.elapsed()
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
    let mut worst: Vec<(f64, &str, &str)> = docs
        .iter()
        .map(|d| {
            let best = model.best(&d.features);
            let right = best.iter().zip(&d.gold).filter(|(a, b)| a == b).count();
            (
                right as f64 / d.gold.len().max(1) as f64,
                d.id.as_str(),
                d.form,
            )
        })
        .collect();
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("worst documents:");
    for (acc, id, form) in worst.iter().take(12) {
        println!("  {id} {form:9} {acc:.3}");
    }
    let mut conf: Vec<_> = confusion.into_iter().collect();
    conf.sort_by_key(|c| std::cmp::Reverse(c.1));
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
            write_articles(&out.join(format!("{id}.jsonl")), &processed.articles);
        });
    }
    eprintln!("predictions in {}/FORM/ID.jsonl", dir.display());
}

/// Writes the articles of every dev digest (`N.pdf`, `N.raw.txt`, `N.layout.txt`,
/// `N.seedlike.txt` of `--dev DIR`) as `OUT/FORM/N.jsonl`, for the shared scorer.
fn dev(args: &[String]) {
    let dev = PathBuf::from(arg(args, "--dev").unwrap_or("../shared/dev-digests"));
    let out = PathBuf::from(arg(args, "--out").unwrap_or("/tmp/dev-pred"));
    let model_path = arg(args, "--model").unwrap_or("crates/segment/data/roles.model");
    let bytes = std::fs::read(model_path).unwrap_or_else(|e| panic!("{model_path}: {e}"));
    let model = RoleModel::from_bytes(&bytes).unwrap_or_else(|e| panic!("{model_path}: {e}"));
    let mut stems: Vec<String> = std::fs::read_dir(&dev)
        .unwrap_or_else(|e| panic!("{}: {e}", dev.display()))
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            n.strip_suffix(".gold.json").map(str::to_string)
        })
        .collect();
    stems.sort();
    for form in forms_of(args) {
        let dir = out.join(form);
        std::fs::create_dir_all(&dir).expect("mkdir");
        stems.par_iter().for_each(|n| {
            let file = if form == "pdf" {
                dev.join(format!("{n}.pdf"))
            } else {
                dev.join(format!("{n}.{form}.txt"))
            };
            let Some(source) = load_source(&file) else {
                return;
            };
            let processed = cuttings_pipeline::process_with_model(&source, &model);
            write_articles(&dir.join(format!("{n}.jsonl")), &processed.articles);
        });
    }
    eprintln!("predictions in {}/FORM/N.jsonl", out.display());
}

fn write_articles(path: &Path, articles: &[cuttings_model::Article]) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    for a in articles {
        let v = serde_json::json!({
            "title": a.title, "subtitle": a.subtitle,
            "date": a.date.map(|d| d.to_string()), "outlet": a.outlet,
            "authors": a.authors, "body": a.body,
        });
        writeln!(w, "{v}").expect("write");
    }
}

/// Prints every line of one file with the role the model gives it and its probability.
fn show(args: &[String]) {
    let model_path = arg(args, "--model").unwrap_or("crates/segment/data/roles.model");
    let bytes = std::fs::read(model_path).unwrap_or_else(|e| panic!("{model_path}: {e}"));
    let model = RoleModel::from_bytes(&bytes).unwrap_or_else(|e| panic!("{model_path}: {e}"));
    let file = args.last().expect("FILE");
    let source = load_source(Path::new(file)).expect("readable file");
    let layout = layout_of(&source);
    let read = roles::read(&source, &layout);
    let decoded = model.decode(&read.features);
    for (i, l) in read.lines.iter().enumerate() {
        let r = decoded.roles[i];
        println!(
            "p{:<2} {:18} {:.2} | {}",
            l.page,
            r.as_str(),
            decoded.probs[i][r.index()],
            source.slice(l.span)
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("train") => train(&args),
        Some("eval") => eval(&args),
        Some("dev") => dev(&args),
        Some("show") => show(&args),
        _ => {
            eprintln!("usage: train_roles train|eval --data DIR [...] (see the file's doc)");
            std::process::exit(2);
        }
    }
}
