//! The line-role model: a first-order structured perceptron over hashed features, decoded with
//! Viterbi; the same scores, scaled by a temperature fitted on held-out documents, give each
//! line's probability for every role (forward-backward), from which confidences are made.

use std::collections::HashMap;

use cuttings_model::Role;

use super::features::{Features, BITS, MASK, N_PREV};
use crate::fx::FxBuild;
use crate::{Error, Result};

/// Number of roles (labels).
pub const N_ROLES: usize = Role::ALL.len();
/// Bumped whenever the features change, so that a model trained on others is refused.
pub const FEATURE_VERSION: u32 = 4;
const MAGIC: &[u8; 8] = b"CUTROLE2";

/// The feature `h` joined with the previous line's role `p`.
#[inline]
pub(crate) fn joined(h: u64, p: usize) -> u64 {
    (h ^ (p as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)).rotate_left(17)
}

/// Where a model's weights come from: a dense table while training, sparse rows once trained.
pub(crate) trait Weights {
    /// Adds the weights of the feature in `bucket` for every role into `scores`.
    fn add(&self, bucket: u32, scores: &mut [f32; N_ROLES]);

    /// The weights of the feature in `bucket` for every role, `None` when all are zero (adding
    /// them would change no sum).
    fn row(&self, bucket: u32) -> Option<&[f32; N_ROLES]>;
}

/// The bucket of a feature hash.
#[inline]
pub(crate) fn bucket(h: u64) -> u32 {
    (h & MASK) as u32
}

/// Dense weights: `2^BITS` rows of [`N_ROLES`].
pub(crate) struct Dense<'a> {
    pub w: &'a [f32],
}

impl Weights for Dense<'_> {
    #[inline]
    fn add(&self, bucket: u32, scores: &mut [f32; N_ROLES]) {
        let b = bucket as usize * N_ROLES;
        for (s, w) in scores.iter_mut().zip(&self.w[b..b + N_ROLES]) {
            *s += w;
        }
    }

    #[inline]
    fn row(&self, bucket: u32) -> Option<&[f32; N_ROLES]> {
        let b = bucket as usize * N_ROLES;
        self.w[b..b + N_ROLES].try_into().ok()
    }
}

/// Every line's score for every role, and for every pair (previous role, role) the score of the
/// features joined with the previous role. Those features take few values (a flag, a kind of
/// line), so lines share their transition matrices: each distinct one is computed (and, for
/// probabilities, exponentiated) once per document.
pub(crate) struct Scores {
    pub emit: Vec<[f32; N_ROLES]>,
    /// The distinct transition matrices: `mats[k][p][r]`, role `r` after role `p`.
    pub mats: Vec<[[f32; N_ROLES]; N_ROLES]>,
    /// Line `i`'s transition matrix is `mats[trans_of[i]]`.
    pub trans_of: Vec<u32>,
}

impl Scores {
    /// Line `i`'s transition matrix: `trans(i)[p][r]`.
    #[inline]
    pub fn trans(&self, i: usize) -> &[[f32; N_ROLES]; N_ROLES] {
        &self.mats[self.trans_of[i] as usize]
    }
}

pub(crate) fn scores(w: &impl Weights, feats: &Features) -> Scores {
    let n = feats.len();
    let mut emit = vec![[0f32; N_ROLES]; n];
    let mut mats: Vec<[[f32; N_ROLES]; N_ROLES]> = Vec::new();
    // The transition features of each line are looked up (issue #16: SipHash was visible).
    let mut seen: HashMap<[u64; N_PREV], u32, FxBuild> = HashMap::default();
    let mut trans_of = Vec::with_capacity(n);
    let mut rows = Vec::with_capacity(256);
    for (i, e) in emit.iter_mut().enumerate() {
        // Issue #16: all the line's rows are looked up first, so that the reads of the sparse
        // table overlap, then added in the features' order (the same sums to the bit).
        rows.clear();
        rows.extend(feats.emit_of(i).iter().filter_map(|&h| w.row(h)));
        add_rows(e, &rows);
        let prev: [u64; N_PREV] = feats.prev_of(i).try_into().expect("N_PREV features");
        let k = *seen.entry(prev).or_insert_with(|| {
            let mut t = [[0f32; N_ROLES]; N_ROLES];
            for (p, row) in t.iter_mut().enumerate() {
                for &h in &prev {
                    w.add(bucket(joined(h, p)), row);
                }
            }
            mats.push(t);
            (mats.len() - 1) as u32
        });
        trans_of.push(k);
    }
    Scores {
        emit,
        mats,
        trans_of,
    }
}

/// Adds `rows` into `e`, one after the other, each role's sum in a register.
#[inline]
fn add_rows(e: &mut [f32; N_ROLES], rows: &[&[f32; N_ROLES]]) {
    let mut acc = *e;
    for row in rows {
        for (a, x) in acc.iter_mut().zip(row.iter()) {
            *a += x;
        }
    }
    *e = acc;
}

/// The best-scoring sequence of roles (as indices of [`Role::ALL`]).
pub(crate) fn viterbi(s: &Scores) -> Vec<u8> {
    let n = s.emit.len();
    if n == 0 {
        return Vec::new();
    }
    let mut back = vec![[0u8; N_ROLES]; n];
    // The first line has only its own score.
    let mut delta = s.emit[0];
    for (i, bp) in back.iter_mut().enumerate().skip(1) {
        let mut next = [f32::NEG_INFINITY; N_ROLES];
        for (p, &from) in delta.iter().enumerate() {
            // Selects rather than branches, so that the roles go in vectors (issue #16); the
            // first `p` with the best score still wins.
            for ((x, b), &t) in next.iter_mut().zip(bp.iter_mut()).zip(&s.trans(i)[p]) {
                let v = from + t;
                let better = v > *x;
                *x = if better { v } else { *x };
                *b = if better { p as u8 } else { *b };
            }
        }
        for ((d, x), e) in delta.iter_mut().zip(next).zip(&s.emit[i]) {
            *d = x + e;
        }
    }
    let mut r = (0..N_ROLES)
        .max_by(|&a, &b| delta[a].total_cmp(&delta[b]))
        .unwrap_or(0);
    let mut out = vec![0u8; n];
    for i in (0..n).rev() {
        out[i] = r as u8;
        r = back[i][r] as usize;
    }
    out
}

/// Each line's probability for every role: forward-backward over the scores divided by
/// `temperature` (a linear-chain CRF's marginals, with the perceptron's scores as potentials).
/// Scaled sums rather than logarithms: each step's vector is normalised, and the potentials of a
/// step are exponentiated once and shared by both passes.
pub(crate) fn marginals(s: &Scores, temperature: f32) -> Vec<[f32; N_ROLES]> {
    let n = s.emit.len();
    if n == 0 {
        return Vec::new();
    }
    let t = temperature.max(1e-6);
    // exp(emit / t), each line scaled by its largest score.
    let emit: Vec<[f32; N_ROLES]> = s
        .emit
        .iter()
        .map(|e| {
            let m = e.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
            e.map(|x| ((x - m) / t).exp())
        })
        .collect();
    // exp(trans / t) for each distinct matrix, scaled by its largest entry.
    let mats: Vec<[[f32; N_ROLES]; N_ROLES]> = s
        .mats
        .iter()
        .map(|tr| {
            let m = tr
                .iter()
                .flat_map(|row| row.iter())
                .fold(f32::NEG_INFINITY, |a, &b| a.max(b));
            tr.map(|row| row.map(|x| ((x - m) / t).exp()))
        })
        .collect();
    let trans = |i: usize| &mats[s.trans_of[i] as usize];
    // The same matrices transposed, `[r][p]`, for the backward pass: each `b[p]` is still the
    // sum over `r` in order, but all `p` advance together in vectors (issue #16).
    let transposed: Vec<[[f32; N_ROLES]; N_ROLES]> = mats
        .iter()
        .map(|m| std::array::from_fn(|r| std::array::from_fn(|p| m[p][r])))
        .collect();
    let normalise = |v: &mut [f32; N_ROLES]| {
        let sum: f32 = v.iter().sum();
        if sum > 0.0 && sum.is_finite() {
            v.iter_mut().for_each(|x| *x /= sum);
        } else {
            *v = [1.0 / N_ROLES as f32; N_ROLES];
        }
    };
    let mut alpha = vec![[0f32; N_ROLES]; n];
    alpha[0] = emit[0];
    normalise(&mut alpha[0]);
    for i in 1..n {
        let mut next = [0f32; N_ROLES];
        for (p, &a) in alpha[i - 1].iter().enumerate() {
            if a == 0.0 {
                continue;
            }
            for (x, &e) in next.iter_mut().zip(&trans(i)[p]) {
                *x += a * e;
            }
        }
        for (x, &e) in next.iter_mut().zip(&emit[i]) {
            *x *= e;
        }
        normalise(&mut next);
        alpha[i] = next;
    }
    let mut beta = vec![[1f32; N_ROLES]; n];
    for i in (0..n - 1).rev() {
        let mut w = [0f32; N_ROLES];
        for r in 0..N_ROLES {
            w[r] = emit[i + 1][r] * beta[i + 1][r];
        }
        // -0.0, where `Iterator::sum` starts (the products are never -0.0: 0.0 would do too).
        let mut b = [-0.0f32; N_ROLES];
        let t = &transposed[s.trans_of[i + 1] as usize];
        for (col, &w) in t.iter().zip(&w) {
            for (x, &e) in b.iter_mut().zip(col) {
                *x += e * w;
            }
        }
        normalise(&mut b);
        beta[i] = b;
    }
    alpha
        .iter()
        .zip(&beta)
        .map(|(a, b)| {
            let mut m = [0f32; N_ROLES];
            for r in 0..N_ROLES {
                m[r] = a[r] * b[r];
            }
            normalise(&mut m);
            m
        })
        .collect()
}

/// One trained layer: sparse rows of weights, and the temperature that turns its scores into
/// probabilities.
pub struct Layer {
    bits: u32,
    /// For each of the `2^bits` buckets, its row in `rows` plus one, or 0 for an all-zero row.
    index: Vec<u32>,
    rows: Vec<[f32; N_ROLES]>,
    temperature: f32,
}

impl std::fmt::Debug for Layer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Layer")
            .field("bits", &self.bits)
            .field("rows", &self.rows.len())
            .field("temperature", &self.temperature)
            .finish()
    }
}

impl Weights for Layer {
    #[inline]
    fn add(&self, bucket: u32, scores: &mut [f32; N_ROLES]) {
        let k = self.index[bucket as usize];
        if k == 0 {
            return;
        }
        for (s, w) in scores.iter_mut().zip(&self.rows[k as usize - 1]) {
            *s += w;
        }
    }

    #[inline]
    fn row(&self, bucket: u32) -> Option<&[f32; N_ROLES]> {
        let k = self.index[bucket as usize];
        (k != 0).then(|| &self.rows[k as usize - 1])
    }
}

impl Layer {
    /// A layer from dense weights (`2^bits` rows of [`N_ROLES`]), keeping rows with a weight
    /// over `prune` in absolute value.
    pub(crate) fn from_dense(w: &[f32], bits: u32, prune: f32) -> Layer {
        let mut index = vec![0u32; 1 << bits];
        let mut rows = Vec::new();
        for (b, row) in w.chunks_exact(N_ROLES).enumerate() {
            if row.iter().any(|x| x.abs() > prune) {
                rows.push(<[f32; N_ROLES]>::try_from(row).expect("row"));
                index[b] = rows.len() as u32;
            }
        }
        Layer {
            bits,
            index,
            rows,
            temperature: 1.0,
        }
    }

    /// The temperature that turns scores into probabilities.
    pub fn temperature(&self) -> f32 {
        self.temperature
    }

    /// Sets the temperature (fitted on held-out documents by the trainer).
    pub fn set_temperature(&mut self, t: f32) {
        self.temperature = t;
    }

    /// Number of non-zero rows.
    pub fn rows(&self) -> usize {
        self.rows.len()
    }

    /// The best roles (as indices of [`Role::ALL`]).
    pub fn best(&self, feats: &Features) -> Vec<u8> {
        viterbi(&scores(self, feats))
    }

    /// Each line's probabilities under a given temperature.
    pub fn probabilities(&self, feats: &Features, temperature: f32) -> Vec<[f32; N_ROLES]> {
        marginals(&scores(self, feats), temperature)
    }

    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&self.temperature.to_le_bytes());
        out.extend_from_slice(&(self.rows.len() as u32).to_le_bytes());
        for (b, &k) in self.index.iter().enumerate() {
            if k == 0 {
                continue;
            }
            let row = &self.rows[k as usize - 1];
            let max = row.iter().fold(0f32, |m, x| m.max(x.abs()));
            let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
            out.extend_from_slice(&(b as u32).to_le_bytes());
            out.extend_from_slice(&scale.to_le_bytes());
            for x in row {
                out.extend_from_slice(&((x / scale).round() as i16).to_le_bytes());
            }
        }
    }

    /// Reads a layer written by [`Layer::write`] at the start of `b`; returns it and its length.
    fn read(b: &[u8]) -> Result<(Layer, usize)> {
        let bad = |why: &str| Error::Model(why.to_string());
        if b.len() < 12 {
            return Err(bad("line-role model is truncated"));
        }
        let u32_at = |at: usize| u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"));
        let bits = u32_at(0);
        if bits != BITS {
            return Err(bad("line-role model has a bad table size"));
        }
        let temperature = f32::from_le_bytes(b[4..8].try_into().expect("4 bytes"));
        let n = u32_at(8) as usize;
        let row_bytes = 8 + 2 * N_ROLES;
        let len = 12 + n * row_bytes;
        if b.len() < len {
            return Err(bad("line-role model is truncated"));
        }
        let mut index = vec![0u32; 1 << bits];
        let mut rows = Vec::with_capacity(n);
        for k in 0..n {
            let at = 12 + k * row_bytes;
            let bucket = u32_at(at) as usize;
            let scale = f32::from_le_bytes(b[at + 4..at + 8].try_into().expect("4 bytes"));
            if bucket >= index.len() {
                return Err(bad("line-role model has a row out of range"));
            }
            let mut row = [0f32; N_ROLES];
            for (r, x) in row.iter_mut().enumerate() {
                let o = at + 8 + 2 * r;
                *x = f32::from(i16::from_le_bytes([b[o], b[o + 1]])) * scale;
            }
            rows.push(row);
            index[bucket] = rows.len() as u32;
        }
        Ok((
            Layer {
                bits,
                index,
                rows,
                temperature,
            },
            len,
        ))
    }
}

/// A document's roles as the model reads them.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The best sequence of roles, one per line.
    pub roles: Vec<Role>,
    /// Each line's probability for every role, in the order of [`Role::ALL`].
    pub probs: Vec<[f32; N_ROLES]>,
}

/// The trained line-role model: a first layer over each line's own features, and optionally a
/// second that also sees what the first made of the whole document (stacking: the roles of the
/// lines around, of the lines that repeat this one, and the document's habits, such as printing
/// bylines after the body).
pub struct RoleModel {
    layers: Vec<Layer>,
}

impl std::fmt::Debug for RoleModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.layers).finish()
    }
}

static BUILTIN: &[u8] = include_bytes!("../../data/roles.model");

impl RoleModel {
    /// The model built into the binary (`crates/segment/data/roles.model`, made by
    /// `scripts/train-roles.sh`).
    pub fn builtin() -> Result<&'static RoleModel> {
        static MODEL: std::sync::OnceLock<std::result::Result<RoleModel, String>> =
            std::sync::OnceLock::new();
        MODEL
            .get_or_init(|| RoleModel::from_bytes(BUILTIN).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| Error::Model(e.clone()))
    }

    /// A model of one or two layers (the second stacked on the first).
    pub fn from_layers(layers: Vec<Layer>) -> RoleModel {
        assert!((1..=2).contains(&layers.len()), "one or two layers");
        RoleModel { layers }
    }

    /// The layers.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Number of non-zero rows in all layers.
    pub fn rows(&self) -> usize {
        self.layers.iter().map(Layer::rows).sum()
    }

    /// The features the last layer reads: the lines' own, plus (with two layers) what the first
    /// layer made of the document.
    pub fn last_features(&self, feats: &Features) -> Features {
        match self.layers.as_slice() {
            [first, _] => {
                let probs = first.probabilities(feats, first.temperature);
                super::features::stack(feats, &probs)
            }
            _ => feats.clone(),
        }
    }

    /// The roles of a document's lines, and each line's probabilities.
    pub fn decode(&self, feats: &Features) -> Decoded {
        let last = self.layers.last().expect("a layer");
        let feats = self.last_features(feats);
        let mut s = scores(last, &feats);
        let mut best = viterbi(&s);
        // Text read as no article at all (a short piece on its own reads like a masthead and
        // loose lines to a model trained on whole documents): decoded again without the roles
        // of text outside articles, so that it becomes one. Forms and tables stay what they are.
        let is = |r: Role| best.iter().any(|&b| Role::ALL[b as usize] == r);
        if !is(Role::Body) && (is(Role::Other) || is(Role::Masthead)) {
            for e in &mut s.emit {
                e[Role::Other.index()] = -1e9;
                e[Role::Masthead.index()] = -1e9;
            }
            best = viterbi(&s);
        }
        let probs = marginals(&s, last.temperature);
        Decoded {
            roles: best.iter().map(|&r| Role::ALL[r as usize]).collect(),
            probs,
        }
    }

    /// The best roles only (no probabilities), as indices of [`Role::ALL`].
    pub fn best(&self, feats: &Features) -> Vec<u8> {
        let last = self.layers.last().expect("a layer");
        last.best(&self.last_features(feats))
    }

    /// The model as bytes: a header, then each layer.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        out.extend_from_slice(&(self.layers.len() as u32).to_le_bytes());
        for l in &self.layers {
            l.write(&mut out);
        }
        out
    }

    /// Reads [`RoleModel::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<RoleModel> {
        let bad = |why: &str| Error::Model(why.to_string());
        if b.len() < 16 || &b[..8] != MAGIC {
            return Err(bad("not a line-role model (run scripts/train-roles.sh)"));
        }
        let u32_at = |at: usize| u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"));
        let version = u32_at(8);
        if version != FEATURE_VERSION {
            return Err(Error::Model(format!(
                "line-role model has feature version {version}, this build needs {FEATURE_VERSION} (retrain with scripts/train-roles.sh)"
            )));
        }
        let n = u32_at(12) as usize;
        if !(1..=2).contains(&n) {
            return Err(bad("line-role model has a bad number of layers"));
        }
        let mut at = 16;
        let mut layers = Vec::with_capacity(n);
        for _ in 0..n {
            let (l, len) = Layer::read(&b[at..])?;
            layers.push(l);
            at += len;
        }
        if at != b.len() {
            return Err(bad("line-role model has trailing bytes"));
        }
        Ok(RoleModel { layers })
    }
}

/// Trains a model: averaged structured perceptron, each document decoded as in use (Viterbi)
/// and the features of the gold and the guessed sequences updated where they differ.
pub struct Trainer {
    bits: u32,
    w: Vec<f32>,
    acc: Vec<f64>,
    stamp: Vec<u32>,
    clock: u32,
    margin: f32,
}

impl std::fmt::Debug for Trainer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Trainer")
            .field("bits", &self.bits)
            .field("clock", &self.clock)
            .finish()
    }
}

impl Trainer {
    /// A trainer with all weights zero.
    pub fn new() -> Trainer {
        let n = (1usize << BITS) * N_ROLES;
        Trainer {
            bits: BITS,
            w: vec![0.0; n],
            acc: vec![0.0; n],
            stamp: vec![0; n],
            clock: 0,
            margin: 0.0,
        }
    }

    /// Training with a margin (cost-augmented decoding): while learning, every wrong role of a
    /// line gets `margin` added to its score, twice that when the mistake is about where an
    /// article starts or ends (a head or tail role on either side), so that the weights learn
    /// to keep those mistakes further away than the many harmless ones among body lines.
    pub fn with_margin(mut self, margin: f32) -> Trainer {
        self.margin = margin;
        self
    }

    fn update(&mut self, bucket: u32, role: usize, delta: f32) {
        let k = bucket as usize * N_ROLES + role;
        self.acc[k] += f64::from(self.clock - self.stamp[k]) * f64::from(self.w[k]);
        self.stamp[k] = self.clock;
        self.w[k] += delta;
    }

    /// One document: decode it with the current weights and learn from the lines it got wrong.
    /// `gold` holds each line's role as an index of [`Role::ALL`]. Returns the lines it got
    /// wrong.
    pub fn train(&mut self, feats: &Features, gold: &[u8]) -> usize {
        assert_eq!(feats.len(), gold.len(), "one role per line");
        self.clock += 1;
        let dense = Dense { w: &self.w };
        let mut s = scores(&dense, feats);
        if self.margin > 0.0 {
            let frame = |r: usize| {
                matches!(
                    Role::ALL[r].part(),
                    cuttings_model::Part::Head | cuttings_model::Part::Tail
                )
            };
            for (e, &g) in s.emit.iter_mut().zip(gold) {
                let g = g as usize;
                for (r, x) in e.iter_mut().enumerate() {
                    if r != g {
                        let cost = if frame(g) || frame(r) { 2.0 } else { 1.0 };
                        *x += self.margin * cost;
                    }
                }
            }
        }
        let guess = viterbi(&s);
        let mut wrong = 0;
        for i in 0..gold.len() {
            let (g, p) = (gold[i] as usize, guess[i] as usize);
            if g != p {
                wrong += 1;
                for &h in feats.emit_of(i) {
                    self.update(h, g, 1.0);
                    self.update(h, p, -1.0);
                }
            }
            if i > 0 {
                let (gp, pp) = (gold[i - 1] as usize, guess[i - 1] as usize);
                if g != p || gp != pp {
                    for &h in feats.prev_of(i) {
                        self.update(bucket(joined(h, gp)), g, 1.0);
                        self.update(bucket(joined(h, pp)), p, -1.0);
                    }
                }
            }
        }
        wrong
    }

    /// The averaged weights as a layer; rows whose weights all stay under `prune` times the
    /// largest weight are dropped (features seen too seldom to matter).
    pub fn finish(&self, prune: f32) -> Layer {
        let c = f64::from(self.clock.max(1));
        let avg: Vec<f32> = self
            .w
            .iter()
            .enumerate()
            .map(|(k, &w)| {
                let total = self.acc[k] + f64::from(self.clock - self.stamp[k]) * f64::from(w);
                (total / c) as f32
            })
            .collect();
        // The scale of a perceptron's weights means nothing (only their ratios do): the largest
        // becomes 1, so that temperatures are comparable from one training to the next.
        let max = avg
            .iter()
            .fold(0f32, |m, x| m.max(x.abs()))
            .max(f32::MIN_POSITIVE);
        let avg: Vec<f32> = avg.iter().map(|w| w / max).collect();
        Layer::from_dense(&avg, self.bits, prune)
    }
}

impl Default for Trainer {
    fn default() -> Trainer {
        Trainer::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn random_scores(n: usize, seed: u64) -> Scores {
        let mut x = seed;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 2000) as f32 / 1000.0 - 1.0
        };
        let emit = (0..n).map(|_| std::array::from_fn(|_| next())).collect();
        let mats = (0..n)
            .map(|_| std::array::from_fn(|_| std::array::from_fn(|_| next())))
            .collect();
        Scores {
            emit,
            mats,
            trans_of: (0..n as u32).collect(),
        }
    }

    fn path_score(s: &Scores, path: &[u8]) -> f32 {
        let mut v = s.emit[0][path[0] as usize];
        for i in 1..path.len() {
            v += s.trans(i)[path[i - 1] as usize][path[i] as usize] + s.emit[i][path[i] as usize];
        }
        v
    }

    /// The decoder as it was before issue #16's speed-ups (branches, sums by rows): the fast
    /// one must give the same roles and the same probabilities, to the bit.
    fn reference_viterbi(s: &Scores) -> Vec<u8> {
        let n = s.emit.len();
        let mut back = vec![[0u8; N_ROLES]; n];
        let mut delta = s.emit[0];
        for (i, bp) in back.iter_mut().enumerate().skip(1) {
            let mut next = [f32::NEG_INFINITY; N_ROLES];
            for (p, &from) in delta.iter().enumerate() {
                for (r, &t) in s.trans(i)[p].iter().enumerate() {
                    let v = from + t;
                    if v > next[r] {
                        next[r] = v;
                        bp[r] = p as u8;
                    }
                }
            }
            for ((d, x), e) in delta.iter_mut().zip(next).zip(&s.emit[i]) {
                *d = x + e;
            }
        }
        let mut r = (0..N_ROLES)
            .max_by(|&a, &b| delta[a].total_cmp(&delta[b]))
            .unwrap_or(0);
        let mut out = vec![0u8; n];
        for i in (0..n).rev() {
            out[i] = r as u8;
            r = back[i][r] as usize;
        }
        out
    }

    fn reference_marginals(s: &Scores, temperature: f32) -> Vec<[f32; N_ROLES]> {
        let n = s.emit.len();
        if n == 0 {
            return Vec::new();
        }
        let t = temperature.max(1e-6);
        // exp(emit / t), each line scaled by its largest score.
        let emit: Vec<[f32; N_ROLES]> = s
            .emit
            .iter()
            .map(|e| {
                let m = e.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
                e.map(|x| ((x - m) / t).exp())
            })
            .collect();
        // exp(trans / t) for each distinct matrix, scaled by its largest entry.
        let mats: Vec<[[f32; N_ROLES]; N_ROLES]> = s
            .mats
            .iter()
            .map(|tr| {
                let m = tr
                    .iter()
                    .flat_map(|row| row.iter())
                    .fold(f32::NEG_INFINITY, |a, &b| a.max(b));
                tr.map(|row| row.map(|x| ((x - m) / t).exp()))
            })
            .collect();
        let trans = |i: usize| &mats[s.trans_of[i] as usize];
        let normalise = |v: &mut [f32; N_ROLES]| {
            let sum: f32 = v.iter().sum();
            if sum > 0.0 && sum.is_finite() {
                v.iter_mut().for_each(|x| *x /= sum);
            } else {
                *v = [1.0 / N_ROLES as f32; N_ROLES];
            }
        };
        let mut alpha = vec![[0f32; N_ROLES]; n];
        alpha[0] = emit[0];
        normalise(&mut alpha[0]);
        for i in 1..n {
            let mut next = [0f32; N_ROLES];
            for (p, &a) in alpha[i - 1].iter().enumerate() {
                if a == 0.0 {
                    continue;
                }
                for (x, &e) in next.iter_mut().zip(&trans(i)[p]) {
                    *x += a * e;
                }
            }
            for (x, &e) in next.iter_mut().zip(&emit[i]) {
                *x *= e;
            }
            normalise(&mut next);
            alpha[i] = next;
        }
        let mut beta = vec![[1f32; N_ROLES]; n];
        for i in (0..n - 1).rev() {
            let mut w = [0f32; N_ROLES];
            for r in 0..N_ROLES {
                w[r] = emit[i + 1][r] * beta[i + 1][r];
            }
            let mut b = [0f32; N_ROLES];
            for (p, x) in b.iter_mut().enumerate() {
                *x = trans(i + 1)[p].iter().zip(&w).map(|(e, w)| e * w).sum();
            }
            normalise(&mut b);
            beta[i] = b;
        }
        alpha
            .iter()
            .zip(&beta)
            .map(|(a, b)| {
                let mut m = [0f32; N_ROLES];
                for r in 0..N_ROLES {
                    m[r] = a[r] * b[r];
                }
                normalise(&mut m);
                m
            })
            .collect()
    }

    #[test]
    fn the_fast_decoder_gives_the_reference_roles_and_probabilities() {
        for seed in 1..40 {
            let mut s = random_scores(30, seed);
            // Ties, as quantised weights make them.
            for e in s.emit.iter_mut().step_by(3) {
                e.iter_mut().for_each(|x| *x = (*x * 4.0).round() / 4.0);
            }
            assert_eq!(viterbi(&s), reference_viterbi(&s), "seed {seed}");
            let bits = |m: Vec<[f32; N_ROLES]>| -> Vec<[u32; N_ROLES]> {
                m.iter().map(|r| r.map(f32::to_bits)).collect()
            };
            assert_eq!(
                bits(marginals(&s, 0.7)),
                bits(reference_marginals(&s, 0.7)),
                "seed {seed}"
            );
        }
    }

    #[test]
    fn scores_by_rows_are_the_sums_feature_by_feature() {
        let m = RoleModel::builtin().unwrap();
        let layer = &m.layers()[0];
        let mut feats = Features::default();
        let mut x = 12345u64;
        for _ in 0..50 {
            feats.emit_at.push(feats.emit.len() as u32);
            for _ in 0..120 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                feats.emit.push(bucket(x >> 11));
            }
            feats.prev.extend_from_slice(&[1, 2, 3, x & 3, 5, 6]);
        }
        feats.emit_at.push(feats.emit.len() as u32);
        let s = scores(layer, &feats);
        for i in 0..feats.len() {
            let mut want = [0f32; N_ROLES];
            for &h in feats.emit_of(i) {
                layer.add(h, &mut want);
            }
            assert_eq!(s.emit[i].map(f32::to_bits), want.map(f32::to_bits));
            let mut t = [[0f32; N_ROLES]; N_ROLES];
            for (p, row) in t.iter_mut().enumerate() {
                for &h in feats.prev_of(i) {
                    layer.add(bucket(joined(h, p)), row);
                }
            }
            assert_eq!(s.trans(i), &t);
        }
    }

    #[test]
    fn viterbi_beats_greedy_and_random_paths() {
        let s = random_scores(12, 7);
        let best = viterbi(&s);
        let best_score = path_score(&s, &best);
        let mut x = 99u64;
        for _ in 0..2000 {
            let path: Vec<u8> = (0..12)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                    ((x >> 33) % N_ROLES as u64) as u8
                })
                .collect();
            assert!(path_score(&s, &path) <= best_score + 1e-4);
        }
    }

    #[test]
    fn marginals_sum_to_one_and_favour_the_best_path() {
        let s = random_scores(6, 3);
        let m = marginals(&s, 0.2);
        for row in &m {
            let total: f32 = row.iter().sum();
            assert!((total - 1.0).abs() < 1e-3, "{total}");
        }
        let best = viterbi(&s);
        // At a low temperature the best path's roles are the likeliest.
        for (i, &r) in best.iter().enumerate() {
            let top = (0..N_ROLES)
                .max_by(|&a, &b| m[i][a].total_cmp(&m[i][b]))
                .unwrap();
            assert!(m[i][r as usize] > 0.2 || top == r as usize);
        }
    }

    #[test]
    fn bytes_round_trip() {
        let mut w = vec![0f32; (1 << BITS) * N_ROLES];
        w[5 * N_ROLES + 3] = 1.5;
        w[200 * N_ROLES] = -0.25;
        let mut l = Layer::from_dense(&w, BITS, 0.0);
        l.set_temperature(0.7);
        let m = RoleModel::from_layers(vec![l]);
        let back = RoleModel::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.rows(), 2);
        assert_eq!(back.layers()[0].temperature(), 0.7);
        let mut s = [0f32; N_ROLES];
        back.layers()[0].add(5, &mut s);
        assert!((s[3] - 1.5).abs() < 1e-3);
        assert!(RoleModel::from_bytes(b"junk").is_err());
    }

    #[test]
    fn the_trainer_learns_a_separable_sequence() {
        // Two kinds of line, each with its own feature: the trainer must tell them apart.
        let mut feats = Features::default();
        let gold: Vec<u8> = (0..20).map(|i| if i % 3 == 0 { 0 } else { 14 }).collect();
        for &g in &gold {
            feats.emit_at.push(feats.emit.len() as u32);
            feats.emit.push(if g == 0 { 11 } else { 22 });
            feats.prev.extend_from_slice(&[1, 2, 3, 4, 5, 6]);
        }
        feats.emit_at.push(feats.emit.len() as u32);
        let mut t = Trainer::new();
        for _ in 0..5 {
            t.train(&feats, &gold);
        }
        let m = t.finish(0.0);
        assert_eq!(m.best(&feats), gold);
    }

    #[test]
    fn the_builtin_model_reads_todays_features() {
        // A change of the features (FEATURE_VERSION) needs a model trained on them:
        // scripts/train-roles.sh, then commit crates/segment/data/roles.model.
        let m = RoleModel::builtin().expect("the built-in model is stale: retrain it");
        assert_eq!(m.layers().len(), 2, "the built-in model has two layers");
    }
}
