//! Property tests of linking: spans in bounds and on character boundaries, passages one to one,
//! and results that do not depend on the order of the articles (issue #13).

use cuttings_link::{link, ArticleId, Doc, LinkConfig};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "council",
    "mine",
    "valley",
    "river",
    "“",
    "”",
    "\"",
    "'",
    "-",
    "—",
    ",",
    ".",
    "\n\n",
    "Ça",
    "naïve",
    "co-operate",
    "don’t",
    "the",
    "of",
    "strike",
    "miners",
    "said",
    "harbour",
    "crane",
    "winter",
    "storm",
    "élan",
    "東京",
    "report",
    "vote",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..120).prop_map(|w| w.join(" "))
}

/// Articles that share pieces: some bodies are made of pieces of others.
fn corpus() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 2..8).prop_flat_map(|base| {
        let n = base.len();
        prop::collection::vec((0..n, 0..n, any::<bool>()), 0..6).prop_map(move |mixes| {
            let mut out = base.clone();
            for (x, y, whole) in mixes {
                let b = if whole {
                    base[x].to_uppercase()
                } else {
                    format!("{} {}", base[x], base[y])
                };
                out.push(b);
            }
            out
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn spans_are_valid_and_order_does_not_matter(bodies in corpus(), seed in any::<u64>()) {
        let cfg = LinkConfig { min_words: 6, seed: 2, ..LinkConfig::default() };
        let ids: Vec<ArticleId> = (0..bodies.len()).map(|i| ArticleId(format!("{i:032x}"))).collect();
        let docs: Vec<Doc> = ids.iter().zip(&bodies).map(|(id, body)| Doc { id, body }).collect();
        let links = link(&docs, &cfg);
        for l in &links {
            prop_assert!(l.a < l.b);
            let (ba, bb) = (&bodies[usize::from_str_radix(&l.a.0, 16).unwrap()], &bodies[usize::from_str_radix(&l.b.0, 16).unwrap()]);
            for (k, p) in l.passages.iter().enumerate() {
                prop_assert!(p.a.start < p.a.end && p.a.end <= ba.len());
                prop_assert!(p.b.start < p.b.end && p.b.end <= bb.len());
                prop_assert!(ba.is_char_boundary(p.a.start) && ba.is_char_boundary(p.a.end));
                prop_assert!(bb.is_char_boundary(p.b.start) && bb.is_char_boundary(p.b.end));
                for q in &l.passages[k + 1..] {
                    prop_assert!(p.a.end <= q.a.start, "passages overlap in a");
                    prop_assert!(p.b.end <= q.b.start || q.b.end <= p.b.start, "passages overlap in b");
                }
            }
            prop_assert!((0.0..=1.0).contains(&l.share_a) && (0.0..=1.0).contains(&l.share_b));
        }
        // Shuffle the articles: the same links.
        let mut order: Vec<usize> = (0..docs.len()).collect();
        let mut s = seed;
        for i in (1..order.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (s >> 33) as usize % (i + 1));
        }
        let shuffled: Vec<Doc> = order.iter().map(|&i| docs[i]).collect();
        prop_assert_eq!(link(&shuffled, &cfg), links);
    }
}
