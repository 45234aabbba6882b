//! The tagger's weight rows, laid out for reading at random (issue #16).
//!
//! A model has `2^bits` hashed feature buckets × [`N_TAGS`] weights, but three quarters of the
//! buckets are all zero and every token reads some 85 of them at random, so the speed of the
//! tagger is that of its memory. [`Packed`] keeps only the rows that are not all zero, each as
//! the model file stores it (nine `i16` and an `f32` scale) in 32 bytes, so a row is one aligned
//! half of a cache line; a small index (a bit per bucket and a running count per 64 buckets,
//! half a megabyte, which stays in the core's L2 cache) says where a bucket's row is, and sends
//! an empty bucket to row 0, all zeros, without reading any other memory.
//!
//! A weight is decoded as the model file has always been read (`f32::from(q) * scale`) and
//! added in the same order as before, so the scores, and the tags, are the same to the bit.
//! [`Dense`] is the plain `f32` table the trainer updates.

use crate::ner::N_TAGS;

/// The width of the tagger's score vectors: [`N_TAGS`] scores and three that are always zero,
/// so that a row is added in whole vectors (3 of 4, or 1½ of 8 lanes) rather than eight and one.
pub(crate) const LANES: usize = 12;

/// The scores of the tags (the first [`N_TAGS`] lanes).
pub(crate) type Scores = [f32; LANES];

/// A table of weight rows the tagger can score with.
pub(crate) trait Rows {
    /// The row of the feature hash `h` (an index into this table's rows).
    fn locate(&self, h: u64) -> u32;
    /// Adds row `r` into `acc`, tag by tag.
    fn add(&self, r: u32, acc: &mut Scores);
    /// An identity of the weights, the same for as long as they do not change; `None` when
    /// they may (then sums of rows must not be remembered).
    fn memo_id(&self) -> Option<u64>;
}

/// Plain `f32` rows for every bucket (`2^bits × N_TAGS` values), as training writes them.
pub(crate) struct Dense<'a> {
    pub(crate) weights: &'a [f32],
    pub(crate) mask: usize,
}

impl Rows for Dense<'_> {
    #[inline(always)]
    fn locate(&self, h: u64) -> u32 {
        (h as usize & self.mask) as u32
    }

    #[inline(always)]
    fn add(&self, r: u32, acc: &mut Scores) {
        let b = r as usize * N_TAGS;
        let row: &[f32; N_TAGS] = self.weights[b..b + N_TAGS].try_into().unwrap();
        for t in 0..N_TAGS {
            acc[t] += row[t];
        }
    }

    fn memo_id(&self) -> Option<u64> {
        None
    }
}

/// One row of weights as the model file stores it: weight `t` is `f32::from(q[t]) * scale`
/// (`q[N_TAGS..]` is zero).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[repr(C, align(32))]
pub(crate) struct Row {
    pub(crate) q: [i16; LANES],
    pub(crate) scale: f32,
}

impl Row {
    /// The row of these weights.
    pub(crate) fn new(q: [i16; N_TAGS], scale: f32) -> Row {
        let mut row = Row {
            q: [0; LANES],
            scale,
        };
        row.q[..N_TAGS].copy_from_slice(&q);
        row
    }

    /// The weights of the tags.
    pub(crate) fn tags(&self) -> &[i16; N_TAGS] {
        self.q.first_chunk().unwrap()
    }
}

/// 64 buckets of the index: which have a row, and the row of the first of them that has one.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(16))]
struct Block {
    bits: u64,
    first: u32,
}

/// The rows that are not all zero, found through a bitmap with running counts.
#[derive(Clone)]
pub(crate) struct Packed {
    /// Tells this table from every other made by the process ([`Rows::memo_id`]); a clone,
    /// having the same weights, keeps it.
    id: u64,
    index: Vec<Block>,
    /// Row 0 is all zero: the row of every empty bucket.
    rows: Vec<Row>,
    mask: usize,
}

impl Packed {
    /// The table of `2^bits` buckets whose non-zero rows are `rows`, given in bucket order with
    /// their buckets.
    pub(crate) fn new(bits: u32, rows: impl ExactSizeIterator<Item = (usize, Row)>) -> Packed {
        let buckets = 1usize << bits;
        let mut index = vec![Block::default(); buckets.div_ceil(64)];
        // allocated whole and advised before anything is written to it, so that the kernel
        // can back it with huge pages from the first write (`vec![row; n]` writes every row)
        let mut packed = Vec::with_capacity(rows.len() + 1);
        crate::ner::advise_huge_pages(packed.spare_capacity_mut());
        packed.push(Row::default());
        for (b, row) in rows {
            index[b / 64].bits |= 1 << (b % 64);
            packed.push(row);
        }
        let mut next = 1u32;
        for block in &mut index {
            block.first = next;
            next += block.bits.count_ones();
        }
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Packed {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            index,
            rows: packed,
            mask: buckets - 1,
        }
    }

    /// The number of buckets.
    pub(crate) fn buckets(&self) -> usize {
        self.mask + 1
    }

    /// The row of bucket `b` (all zero for an empty bucket).
    pub(crate) fn bucket_row(&self, b: usize) -> Row {
        self.rows[self.locate(b as u64) as usize]
    }
}

impl Rows for Packed {
    #[inline(always)]
    fn locate(&self, h: u64) -> u32 {
        let b = h as usize & self.mask;
        let block = self.index[b >> 6];
        let bit = b & 63;
        let below = block.bits & ((1u64 << bit) - 1);
        let present = (block.bits >> bit) & 1;
        // branch-free: an empty bucket gives row 0
        (block.first + below.count_ones()) * present as u32
    }

    #[inline(always)]
    fn add(&self, r: u32, acc: &mut Scores) {
        let row = &self.rows[r as usize];
        for (a, &q) in acc.iter_mut().zip(&row.q) {
            *a += f32::from(q) * row.scale;
        }
    }

    fn memo_id(&self) -> Option<u64> {
        Some(self.id)
    }
}

/// Whether the processor has the instructions of x86-64-v3 (2013 on) that the tagger's fast
/// path uses: AVX2 for the rows, POPCNT and BMI2 for the index (`is_x86_feature_detected!`
/// remembers its answers: a load and a test per call).
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn has_x86_64_v3() -> bool {
    std::arch::is_x86_feature_detected!("avx2")
        && std::arch::is_x86_feature_detected!("popcnt")
        && std::arch::is_x86_feature_detected!("bmi2")
}

/// [`Packed`] on a processor known to have x86-64-v3 ([`Packed::v3`]): rows are widened,
/// scaled and added eight and four tags at a time.
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy)]
pub(crate) struct PackedV3<'a>(&'a Packed);

#[cfg(target_arch = "x86_64")]
impl Packed {
    /// This table with the x86-64-v3 way of adding rows, if the processor has it.
    pub(crate) fn v3(&self) -> Option<PackedV3<'_>> {
        has_x86_64_v3().then_some(PackedV3(self))
    }
}

#[cfg(target_arch = "x86_64")]
impl Rows for PackedV3<'_> {
    #[inline(always)]
    fn locate(&self, h: u64) -> u32 {
        self.0.locate(h)
    }

    #[inline(always)]
    fn add(&self, r: u32, acc: &mut Scores) {
        // SAFETY: a `PackedV3` is only made where the processor has AVX2 (`Packed::v3`).
        unsafe { add_avx2(&self.0.rows[r as usize], acc) }
    }

    fn memo_id(&self) -> Option<u64> {
        self.0.memo_id()
    }
}

/// `acc[t] += f32::from(row.q[t]) * row.scale` for every lane, as [`Packed`] adds, in vectors.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn add_avx2(row: &Row, acc: &mut Scores) {
    use std::arch::x86_64::*;
    let (q8, q4) = row.q.split_first_chunk::<8>().unwrap();
    let (a8, a4) = acc.split_first_chunk_mut::<8>().unwrap();
    // SAFETY: each load and store reads or writes inside the array it is given (8 × i16,
    // 4 × i16, 8 × f32, 4 × f32); unaligned accesses are allowed.
    unsafe {
        let w8 = _mm256_cvtepi32_ps(_mm256_cvtepi16_epi32(_mm_loadu_si128(q8.as_ptr().cast())));
        let w8 = _mm256_mul_ps(w8, _mm256_set1_ps(row.scale));
        _mm256_storeu_ps(
            a8.as_mut_ptr(),
            _mm256_add_ps(_mm256_loadu_ps(a8.as_ptr()), w8),
        );
        let w4 = _mm_cvtepi32_ps(_mm_cvtepi16_epi32(_mm_loadl_epi64(q4.as_ptr().cast())));
        let w4 = _mm_mul_ps(w4, _mm_set1_ps(row.scale));
        _mm_storeu_ps(a4.as_mut_ptr(), _mm_add_ps(_mm_loadu_ps(a4.as_ptr()), w4));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_half_a_cache_line() {
        assert_eq!(std::mem::size_of::<Row>(), 32);
        assert_eq!(std::mem::align_of::<Row>(), 32);
    }

    #[test]
    fn buckets_find_their_rows_and_empty_ones_row_zero() {
        let row = |x: i16| Row::new([x; N_TAGS], 0.5);
        let filled = [0usize, 1, 63, 64, 200, 1023];
        let t = Packed::new(10, filled.iter().map(|&b| (b, row(b as i16 + 1))));
        assert_eq!(t.rows.len(), filled.len() + 1);
        assert_eq!(t.buckets(), 1024);
        for b in 0..1024 {
            let want = if filled.contains(&b) {
                row(b as i16 + 1)
            } else {
                Row::default()
            };
            assert_eq!(t.bucket_row(b), want, "bucket {b}");
            // the hash's high bits are ignored
            assert_eq!(t.locate(b as u64 | 0xABC << 40), t.locate(b as u64));
        }
        let mut acc = [1.0; LANES];
        t.add(t.locate(200), &mut acc);
        assert_eq!(acc[..N_TAGS], [1.0 + 201.0 * 0.5; N_TAGS]);
        assert_eq!(acc[N_TAGS..], [1.0; LANES - N_TAGS]);
        #[cfg(target_arch = "x86_64")]
        if let Some(v3) = t.v3() {
            let row = Row::new([1, -2, 3, -4, 5, -6, 7, -8, 32767], 0.1);
            let t = Packed::new(10, [(5, row)].into_iter());
            let (mut plain, mut fast) = ([0.3; LANES], [0.3; LANES]);
            t.add(t.locate(5), &mut plain);
            t.v3().unwrap().add(t.locate(5), &mut fast);
            assert_eq!(plain, fast);
            let _ = v3;
        }
    }
}
