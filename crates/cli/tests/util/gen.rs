//! Made-up documents for the tests that need many articles (crash safety, concurrency): JSON
//! Lines files of invented text around a few names, organisations and places, with reprints
//! (text reuse to link). No third-party text; the same seed gives the same files.

use super::Dir;

/// A word every generated article holds, to count what search finds.
pub const COMMON: &str = "council";

/// xorshift64*: enough randomness for moments and made-up text, the same for the same seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

pub const FIRST: &[&str] = &[
    "Anna", "Jonas", "Marta", "Pieter", "Sofia", "Karim", "Elena", "Tomas", "Ines", "Lukas",
];
pub const LAST: &[&str] = &[
    "Keller",
    "Moreau",
    "Novak",
    "Haddad",
    "Lindqvist",
    "Ferreira",
    "Brandt",
    "Okafor",
];
pub const ORGS: &[&str] = &[
    "Ministry of Transport",
    "Regional Water Authority",
    "Northern Rail Company",
    "Union of Dock Workers",
    "National Audit Office",
];
pub const PLACES: &[&str] = &["Arnfeld", "Kessington", "Valmora", "Brackwater", "Lindholm"];
pub const THINGS: &[&str] = &[
    "bridge",
    "tunnel",
    "pipeline",
    "ferry service",
    "flood barrier",
];
pub const OUTLETS: &[&str] = &["Harbour Gazette", "Valley Courier", "The Northern Ledger"];
pub const SYLLABLES: &[&str] = &[
    "ba", "ri", "ton", "mel", "sa", "vor", "ka", "len", "di", "pra",
];

/// One made-up sentence: invented words around a name, an organisation and a place.
pub fn sentence(r: &mut Rng) -> String {
    let mut words: Vec<String> = (0..6 + r.below(6))
        .map(|_| (0..1 + r.below(3)).map(|_| r.pick(SYLLABLES)).collect())
        .collect();
    words[0] = format!("{} {}", r.pick(FIRST), r.pick(LAST));
    let org = r.pick(ORGS);
    let place = r.pick(PLACES);
    let thing = r.pick(THINGS);
    format!(
        "{} of the {org} said the {COMMON} in {place} would review the {thing} {}.",
        words[0],
        words[1..].join(" ")
    )
}

/// `files` JSON Lines files of `per_file` articles each; every fourth article prints an earlier
/// one again under another outlet (text reuse to link).
pub fn make_documents(dir: &Dir, files: usize, per_file: usize, r: &mut Rng) {
    let mut bodies: Vec<String> = Vec::new();
    for f in 0..files {
        let mut lines = String::new();
        for n in 0..per_file {
            let body = if n % 4 == 3 && !bodies.is_empty() {
                bodies[r.below(bodies.len())].clone()
            } else {
                let paragraphs: Vec<String> = (0..3)
                    .map(|_| (0..3).map(|_| sentence(r)).collect::<Vec<_>>().join(" "))
                    .collect();
                paragraphs.join("\n\n")
            };
            bodies.push(body.clone());
            let article = serde_json::json!({
                "title": format!("Report {f}-{n} on the {}", r.pick(THINGS)),
                "outlet": r.pick(OUTLETS),
                "date": format!("2021-{:02}-{:02}", 1 + f % 12, 1 + n % 28),
                "authors": [format!("{} {}", r.pick(FIRST), r.pick(LAST))],
                "body": body,
            });
            lines.push_str(&format!("{article}\n"));
        }
        dir.create(&format!("docs/file-{f:02}.jsonl"), lines.as_bytes());
    }
}
