//! Linking the names of one article: which mentions name the same person or organisation.
//!
//! Rules, in order (each links mentions into one [`Group`] with a union-find):
//!
//! 0. **Ezafe.** Two names with only a space between, the first ending in "-e", "-i" or
//!    "-ye", are one name ("Mojahedin-e" + "Khalq").
//!
//! 1. **Titles.** A name after a personal title ("Mr.", "Mrs.", "Madam", "Dr."...) is a person;
//!    the title is not part of the name.
//! 2. **Parentheses.** `Expansion (A, B, C)`: every item in the parentheses right after a name is
//!    another name of it ("Mojahedin-e Khalq Organization (MEK, MKO, Rajavi cult)"), and takes
//!    its type. An acronym in the middle of its expansion is also understood:
//!    "National Council for Resistance (NCRI) in Iran" gives the name
//!    "National Council for Resistance in Iran". Such a name with common words ("Rajavi cult")
//!    then also covers "the Rajavi cult" elsewhere in the text where only "Rajavi" was tagged.
//! 3. **Acronyms.** An all-capital word is linked to a multi-word name of the article whose
//!    initials it spells (capitalised words only, or every word and hyphen part, optionally
//!    without the last word): MKO ↔ Mojahedin-e Khalq Organization, MEK ↔ Mojahedin-e Khalq.
//! 4. **Surnames.** A one-word person name is linked to the nearest full name (before it, else
//!    after it) whose last word it is: "Rajavi", "Mrs. Rajavi" → "Maryam Rajavi".
//! 5. **Spelling.** Mentions with the same [`name_key`] are linked (Mojahedin = Mujahideen).
//!
//! A group's canonical name is its longest multi-word name (an expansion wins), else its most
//! frequent form; its type is the type most of its mentions have (a title makes it a person;
//! an acronym among its names makes a would-be person an organisation).

use std::collections::HashMap;

use crate::corpus::{join, UnionFind, Unit};
use crate::key::name_key;
use crate::ner::Entity;
use crate::EntityType;

/// Personal titles (lower case, without the full stop).
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "madam",
    "madame",
    "mme",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lady",
    "lord",
    "mister",
];

/// Words that may stand inside a name without a capital ("Council *for* Resistance").
const NAME_FUNCTION_WORDS: &[&str] = &[
    "of", "for", "the", "and", "in", "on", "de", "e", "al", "el", "&",
];

/// A mention of a name in the text, linked to its group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The type of this mention (as tagged, or as its group decided).
    pub kind: EntityType,
    /// Index of its group in [`Linked::groups`].
    pub group: usize,
}

/// The mentions of one entity in one article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The canonical name: the longest full name, or the expansion of an acronym.
    pub name: String,
    /// The group's type.
    pub kind: EntityType,
    /// [`name_key`] of the canonical name, for merging across articles.
    pub key: String,
    /// Every distinct form it is named by (titles stripped), in order of first appearance,
    /// the canonical name included.
    pub aliases: Vec<String>,
    /// Indices into [`Linked::mentions`].
    pub mentions: Vec<usize>,
}

/// The result of [`link`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Linked {
    /// Mentions sorted by position, never overlapping.
    pub mentions: Vec<Mention>,
    /// The groups, in order of first mention.
    pub groups: Vec<Group>,
}

#[derive(Clone, Debug)]
struct M {
    start: usize,
    end: usize,
    kind: EntityType,
    form: String,  // the name without title, possessive, leading "the"
    titled: bool,  // after a personal title
    aliased: bool, // an item of a parenthesis after a name
}

/// Strips a possessive and a leading "the" from a name.
fn clean_form(s: &str) -> String {
    let mut s = s.trim();
    for p in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(x) = s.strip_suffix(p) {
            s = x.trim_end();
            break;
        }
    }
    for the in ["the ", "The "] {
        if let Some(x) = s.strip_prefix(the) {
            s = x;
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// If `s` (the text before a name) ends with a personal title, its byte length with the space.
fn title_before(s: &str) -> Option<usize> {
    let t = s.trim_end_matches([' ', '\t']);
    let gap = s.len() - t.len();
    if gap == 0 || t.contains('\n') && t.ends_with('\n') {
        return None;
    }
    let t2 = t.strip_suffix('.').unwrap_or(t);
    let word_start = t2
        .rfind(|c: char| !c.is_alphabetic())
        .map_or(0, |i| i + t2[i..].chars().next().unwrap().len_utf8());
    let word = &t2[word_start..];
    (TITLES.iter().any(|x| x.eq_ignore_ascii_case(word))
        && word.chars().next().is_some_and(char::is_uppercase))
    .then_some(s.len() - word_start)
}

/// A leading title inside a name ("Madam Rajavi" tagged whole): the title's byte length with
/// the space after it.
fn title_inside(s: &str) -> Option<usize> {
    let (first, _) = s.split_once(' ')?;
    let w = first.strip_suffix('.').unwrap_or(first);
    TITLES
        .iter()
        .any(|x| x.eq_ignore_ascii_case(w))
        .then_some(first.len() + 1)
}

/// A name without a leading title ("Mrs. Rajavi" → "Rajavi", "Dr Smith" → "Smith"), as
/// mentions are stored; other names unchanged.
pub fn without_title(name: &str) -> &str {
    let name = name.trim();
    match title_inside(name) {
        Some(n) if n < name.len() => name[n..].trim_start(),
        _ => name,
    }
}

pub(crate) fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| *c != '.').collect();
    (2..=8).contains(&letters.len())
        && letters
            .iter()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
        && letters[0].is_alphabetic()
}

/// Initials of a name: (capitalised words only, every word and hyphen part).
fn initials(name: &str) -> (String, String, String) {
    let mut caps = String::new();
    let mut all = String::new();
    let mut all_but_last = String::new();
    let words: Vec<&str> = name.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        for (j, part) in w.split(['-', '\u{2010}']).enumerate() {
            let Some(c) = part.chars().next() else {
                continue;
            };
            if c.is_uppercase() && j == 0 || c.is_uppercase() {
                caps.extend(c.to_uppercase());
            }
            if c.is_alphabetic()
                && !NAME_FUNCTION_WORDS[..4].contains(&part.to_lowercase().as_str())
            {
                all.extend(c.to_uppercase());
                if i + 1 < words.len() {
                    all_but_last.extend(c.to_uppercase());
                }
            }
        }
    }
    (caps, all, all_but_last)
}

/// The [`initials`] of a name an acronym may spell (two words or more, or a hyphen).
fn spellable_initials(name: &str) -> Option<(String, String, String)> {
    if name.split_whitespace().count() < 2 && !name.contains('-') {
        return None;
    }
    Some(initials(name))
}

/// Whether an acronym without its dots spells a name with these initials.
fn spelled(a: &str, (caps, all, but_last): &(String, String, String)) -> bool {
    a == caps || a == all || (a == but_last && a.len() >= 2)
}

const EZAFE: [&str; 4] = ["-e", "-i", "-ye", "\u{2010}e"];

/// Joins two names with only a space between when the first ends in a Persian ezafe ("-e",
/// "-i", "-ye"): "Mojahedin-e" + "Khalq" → "Mojahedin-e Khalq" (the type of the second, unless
/// it is MISC). A capitalised word in an ezafe just before a name belongs to it even when the
/// tagger left it out: "the Mujahedin-e Khalq cult" → "Mujahedin-e Khalq".
pub fn join_ezafe(text: &str, entities: &[Entity]) -> Vec<Entity> {
    let mut joined: Vec<Entity> = Vec::with_capacity(entities.len());
    for e in entities {
        let mut e = *e;
        if let Some(start) = ezafe_word_before(text, e.start) {
            if joined.last().is_none_or(|prev| prev.end <= start) {
                e.start = start;
            }
        }
        if let Some(prev) = joined.last_mut() {
            let head = &text[prev.start..prev.end];
            let gap = &text[prev.end..e.start];
            let ezafe = EZAFE.iter().any(|x| head.ends_with(x));
            if ezafe && gap.len() <= 2 && gap.chars().all(char::is_whitespace) {
                prev.end = e.end;
                if e.kind != EntityType::Misc {
                    prev.kind = e.kind;
                }
                continue;
            }
        }
        joined.push(e);
    }
    joined
}

/// The start of the word before `at` (one or two spaces away) if it is a capitalised word in an
/// ezafe ("Mujahedin-e"), with at least three letters before the hyphen.
fn ezafe_word_before(text: &str, at: usize) -> Option<usize> {
    let before = &text[..at];
    let word_end = before.trim_end().len();
    if at - word_end == 0
        || at - word_end > 2
        || !before[word_end..].chars().all(char::is_whitespace)
    {
        return None;
    }
    let start = before[..word_end]
        .rfind(char::is_whitespace)
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[start..word_end];
    let suffix = EZAFE.iter().find(|x| word.ends_with(*x))?;
    let stem = &word[..word.len() - suffix.len()];
    let capitalised = stem.chars().next().is_some_and(char::is_uppercase);
    (capitalised && stem.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some(start)
}

/// Links the mentions of one text. `entities` are the tagger's spans (byte offsets, sorted).
pub fn link(text: &str, entities: &[Entity]) -> Linked {
    // 0. a name cut at a Persian ezafe ("Mojahedin-e" + "Khalq") is one name
    let joined = join_ezafe(text, entities);
    let entities = &joined[..];

    // 1. mentions, with titles stripped
    let mut ms: Vec<M> = Vec::with_capacity(entities.len());
    for e in entities {
        let (mut start, mut kind, mut titled) = (e.start, e.kind, false);
        if let Some(n) = title_inside(&text[e.start..e.end]) {
            start += n;
            titled = true;
        }
        if title_before(&text[..e.start]).is_some() {
            titled = true;
        }
        if titled {
            kind = EntityType::Person;
        }
        let form = clean_form(&text[start..e.end]);
        if form.is_empty() {
            continue;
        }
        ms.push(M {
            start,
            end: e.end,
            kind,
            form,
            titled,
            aliased: false,
        });
    }
    // 2. parentheses after a name: their items replace what the tagger found inside
    let mut links: Vec<(usize, usize)> = Vec::new(); // (owner start, item start)
    let mut expansion_at: HashMap<usize, String> = HashMap::new(); // owner start → expansion
    let mut with_items: Vec<M> = Vec::with_capacity(ms.len());
    let mut skip_until = 0;
    for m in &ms {
        if m.start < skip_until {
            continue;
        }
        with_items.push(m.clone());
        let Some(p) = parenthesis_after(text, m) else {
            continue;
        };
        for &(s, e) in &p.items {
            with_items.push(M {
                start: s,
                end: e,
                kind: m.kind,
                form: clean_form(&text[s..e]),
                titled: false,
                aliased: true,
            });
            links.push((m.start, s));
        }
        if let Some(x) = p.expansion {
            expansion_at.insert(m.start, x);
        }
        skip_until = p.end;
    }
    let mut ms = with_items;
    // a name given in parentheses with common words ("Rajavi cult") is that name wherever the
    // tagger found only its capitalised part ("the Rajavi cult")
    let phrases: Vec<String> = ms
        .iter()
        .filter(|m| m.aliased && m.form.split(' ').any(|w| w.starts_with(char::is_lowercase)))
        .map(|m| m.form.clone())
        .collect();
    for m in ms.iter_mut().filter(|m| !m.aliased) {
        for p in &phrases {
            let Some(rest) = p.strip_prefix(m.form.as_str()) else {
                continue;
            };
            let tail = &text[m.end..];
            if rest.starts_with(' ')
                && tail.starts_with(rest)
                && !tail[rest.len()..].starts_with(char::is_alphanumeric)
            {
                m.end += rest.len();
                m.form = p.clone();
                break;
            }
        }
    }
    let index: HashMap<usize, usize> = ms.iter().enumerate().map(|(i, m)| (m.start, i)).collect();
    let expansion: HashMap<usize, String> = expansion_at
        .into_iter()
        .map(|(s, x)| (index[&s], x))
        .collect();
    let mut uf = UnionFind::new(ms.len());
    for (a, b) in links {
        uf.union(index[&a], index[&b]);
    }

    // 3. acronyms ↔ multi-word names
    // Each acronym is tried against every mention: what depends on one mention only is computed
    // once per mention, not once per pair (issue #2, speed).
    let acronym: Vec<bool> = ms.iter().map(|m| is_acronym(&m.form)).collect();
    let mut initials_of: HashMap<&str, Option<(String, String, String)>> = HashMap::new();
    for j in 0..ms.len() {
        if !acronym[j] {
            continue;
        }
        let a: String = ms[j].form.chars().filter(|c| *c != '.').collect();
        let target = (0..ms.len()).filter(|&k| k != j && !acronym[k]).find(|&k| {
            [expansion.get(&k).unwrap_or(&ms[k].form), &ms[k].form]
                .into_iter()
                .any(|name| {
                    initials_of
                        .entry(name)
                        .or_insert_with(|| spellable_initials(name))
                        .as_ref()
                        .is_some_and(|i| spelled(&a, i))
                })
        });
        if let Some(k) = target {
            uf.union(j, k);
        }
    }

    // 4. surnames → full names
    // The key of the last word of each full name of a person, once per mention (as above).
    let last_key: Vec<Option<String>> = ms
        .iter()
        .map(|f| {
            (f.kind == EntityType::Person && f.form.contains(' '))
                .then(|| f.form.rsplit(' ').next().map(name_key))
                .flatten()
        })
        .collect();
    for j in 0..ms.len() {
        let m = &ms[j];
        if m.form.contains(' ') || acronym[j] || !(m.kind == EntityType::Person || m.titled) {
            continue;
        }
        let key = name_key(&m.form);
        let full = |k: &usize| last_key[*k].as_ref() == Some(&key);
        let before = (0..j).rev().find(full);
        let target = before.or_else(|| (j + 1..ms.len()).find(full));
        if let Some(k) = target {
            uf.union(j, k);
        }
    }

    // 5. same key
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (j, m) in ms.iter().enumerate() {
        let k = name_key(&m.form);
        if k.is_empty() {
            continue;
        }
        match by_key.get(&k) {
            Some(&first) => uf.union(first, j),
            None => {
                by_key.insert(k, j);
            }
        }
    }

    // groups
    let mut root_group: HashMap<usize, usize> = HashMap::new();
    let mut out = Linked::default();
    for (j, m) in ms.iter().enumerate() {
        let r = uf.find(j);
        let g = *root_group.entry(r).or_insert_with(|| {
            out.groups.push(Group {
                name: String::new(),
                kind: m.kind,
                key: String::new(),
                aliases: vec![],
                mentions: vec![],
            });
            out.groups.len() - 1
        });
        out.groups[g].mentions.push(j);
        if !out.groups[g].aliases.contains(&m.form) {
            out.groups[g].aliases.push(m.form.clone());
        }
    }
    for g in &mut out.groups {
        // type: a title decides; else the most frequent among non-alias mentions
        let mut votes = [0usize; 4];
        let mut titled = false;
        for &j in &g.mentions {
            titled |= ms[j].titled;
            votes[ms[j].kind as usize] += if ms[j].aliased { 1 } else { 2 };
        }
        // people are not named by acronyms: a group with one is an organisation (or a place)
        if g.aliases.iter().any(|a| is_acronym(a)) && !titled {
            votes[EntityType::Organization as usize] += votes[EntityType::Person as usize];
            votes[EntityType::Person as usize] = 0;
        }
        let best = (0..4)
            .max_by_key(|&t| (votes[t], std::cmp::Reverse(t)))
            .unwrap_or(0);
        g.kind = if titled {
            EntityType::Person
        } else {
            EntityType::ALL[best]
        };
        // name: an expansion, else the longest multi-word non-acronym form, else the most frequent
        let exp = g.mentions.iter().find_map(|j| expansion.get(j)).cloned();
        let longest = g
            .aliases
            .iter()
            .filter(|a| a.contains(' ') && !is_acronym(a))
            .max_by_key(|a| (a.split_whitespace().count(), a.len()))
            .cloned();
        let frequent = || {
            let mut count: HashMap<&str, usize> = HashMap::new();
            for &j in &g.mentions {
                *count.entry(ms[j].form.as_str()).or_default() += 1;
            }
            g.aliases
                .iter()
                .max_by_key(|a| (count.get(a.as_str()).copied().unwrap_or(0), !is_acronym(a)))
                .cloned()
                .unwrap_or_default()
        };
        g.name = exp.or(longest).unwrap_or_else(frequent);
        if !g.aliases.contains(&g.name) {
            g.aliases.insert(0, g.name.clone());
        }
        g.key = name_key(&g.name);
    }
    let mut mentions: Vec<Mention> = ms
        .iter()
        .map(|m| Mention {
            start: m.start,
            end: m.end,
            kind: m.kind,
            group: usize::MAX,
        })
        .collect();
    for (g, group) in out.groups.iter().enumerate() {
        for &j in &group.mentions {
            mentions[j].group = g;
            mentions[j].kind = group.kind;
        }
    }
    out.mentions = mentions;
    out
}

struct Parenthesis {
    items: Vec<(usize, usize)>,
    end: usize,
    expansion: Option<String>,
}

/// The parenthesis right after a mention, if its items look like names.
fn parenthesis_after(text: &str, m: &M) -> Option<Parenthesis> {
    let after = &text[m.end..];
    let rest = after
        .strip_prefix(" (")
        .or_else(|| after.strip_prefix('('))?;
    let close = rest.find(')')?;
    let inner = &rest[..close];
    if inner.trim().is_empty() || inner.len() > 120 || inner.contains('\n') {
        return None;
    }
    let inner_start = m.end + (after.len() - rest.len());
    let inner_end = inner_start + close;
    let mut items = Vec::new();
    let mut pos = inner_start;
    for part in inner.split([',', ';', '/']) {
        let t = part.trim_start();
        let mut s = pos + (part.len() - t.len());
        let mut t = t.trim_end();
        for lead in ["or ", "aka ", "also ", "the ", "The "] {
            if let Some(x) = t.strip_prefix(lead) {
                s += lead.len();
                t = x;
            }
        }
        pos += part.len() + 1;
        if t.is_empty() {
            continue;
        }
        // a name: starts with a capital, at most five words, no digits only
        if !t.chars().next().is_some_and(char::is_uppercase) || t.split_whitespace().count() > 5 {
            return None;
        }
        items.push((s, s + t.len()));
    }
    if items.is_empty() {
        return None;
    }
    // an acronym in the middle of its expansion: "Council for Resistance (NCRI) in Iran"
    let mut expansion = None;
    if let [(s, e)] = items[..] {
        let acr: String = text[s..e].chars().filter(|c| *c != '.').collect();
        let (caps, _, _) = initials(&m.form);
        if is_acronym(&acr) && acr.len() > caps.len() && acr.starts_with(&caps) {
            let mut got = caps.clone();
            let mut extra: Vec<&str> = Vec::new();
            for w in text[inner_end + 1..].split_whitespace().take(6) {
                let w2 = w.trim_end_matches(|c: char| !c.is_alphanumeric());
                if let Some(c) = w2.chars().next().filter(|c| c.is_uppercase()) {
                    got.extend(c.to_uppercase());
                    extra.push(w2);
                } else if NAME_FUNCTION_WORDS.contains(&w2) {
                    extra.push(w2);
                } else {
                    break;
                }
                if got.len() >= acr.len() || w2.len() != w.len() {
                    break;
                }
            }
            if got == acr {
                expansion = Some(format!("{} {}", m.form, extra.join(" ")));
            }
        }
    }
    Some(Parenthesis {
        items,
        end: inner_end,
        expansion,
    })
}

/// True when `name`, of type `kind`, may be the short form of a longer organisation's name:
/// one word, not an acronym, an organisation's or place's name, and no known place.
pub fn is_short_name(name: &str, kind: EntityType) -> bool {
    matches!(kind, EntityType::Organization | EntityType::Place)
        && !name.trim().contains(char::is_whitespace)
        && !is_acronym(name)
        && !crate::gazetteer::is_known_place(name)
}

/// An entity of a whole corpus: the groups of many articles that name the same thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusEntity {
    /// The canonical name: the multi-word name mentioned most often, else the name mentioned
    /// most often.
    pub name: String,
    /// The type most mentions have.
    pub kind: EntityType,
    /// [`name_key`] of the canonical name.
    pub key: String,
    /// Every alias of every member group, in order of first appearance.
    pub aliases: Vec<String>,
    /// The member groups as (article index, group index).
    pub members: Vec<(usize, usize)>,
    /// Mentions over all members.
    pub mentions: usize,
}

/// Merges the groups of many articles (`articles[i]` = the groups of article `i`) by
/// [`crate::corpus::join`]: two groups are one entity when any alias of one has the same
/// [`name_key`] as an alias of the other, and both are people or neither is (a lone surname
/// joins the one full name it ends). So "Mojahedin-e Khalq (MEK)" in one article and "MEK (MKO)" in
/// another make one entity with the aliases of both.
pub fn merge_articles(articles: &[Vec<Group>]) -> Vec<CorpusEntity> {
    let mut ids: Vec<(usize, usize)> = Vec::new();
    let mut units: Vec<Unit> = Vec::new();
    for (a, groups) in articles.iter().enumerate() {
        for (g, group) in groups.iter().enumerate() {
            ids.push((a, g));
            units.push(Unit {
                key: group.key.clone(),
                person: group.kind == EntityType::Person,
                aliases: group.aliases.iter().map(|x| name_key(x)).collect(),
                mentions: group.mentions.len() as u64,
                org: group.kind == EntityType::Organization,
                short_name: is_short_name(&group.name, group.kind),
            });
        }
    }
    let entity_of = join(&units, &[], &[]);
    let mut root_index: HashMap<usize, usize> = HashMap::new();
    let mut out: Vec<CorpusEntity> = Vec::new();
    let mut name_counts: Vec<HashMap<String, usize>> = Vec::new();
    let mut votes: Vec<[usize; 4]> = Vec::new();
    for (i, &(a, g)) in ids.iter().enumerate() {
        let e = *root_index.entry(entity_of[i]).or_insert_with(|| {
            out.push(CorpusEntity {
                name: String::new(),
                kind: EntityType::Misc,
                key: String::new(),
                aliases: vec![],
                members: vec![],
                mentions: 0,
            });
            name_counts.push(HashMap::new());
            votes.push([0; 4]);
            out.len() - 1
        });
        let group = &articles[a][g];
        out[e].members.push((a, g));
        out[e].mentions += group.mentions.len();
        *name_counts[e].entry(group.name.clone()).or_default() += group.mentions.len();
        votes[e][group.kind as usize] += group.mentions.len();
        for alias in &group.aliases {
            if !out[e].aliases.contains(alias) {
                out[e].aliases.push(alias.clone());
            }
        }
    }
    for (e, ent) in out.iter_mut().enumerate() {
        ent.kind = EntityType::ALL[(0..4)
            .max_by_key(|&t| (votes[e][t], std::cmp::Reverse(t)))
            .unwrap_or(0)];
        ent.name =
            crate::corpus::display_name(name_counts[e].iter().map(|(n, c)| (n.as_str(), *c)))
                .unwrap_or_default();
        ent.key = name_key(&ent.name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entities for every `[[TYPE:name]]` in `marked`; returns the clean text too.
    fn marked(marked: &str) -> (String, Vec<Entity>) {
        let mut text = String::new();
        let mut ents = Vec::new();
        let mut rest = marked;
        while let Some(i) = rest.find("[[") {
            text.push_str(&rest[..i]);
            let j = rest[i..].find("]]").unwrap() + i;
            let (ty, name) = rest[i + 2..j].split_once(':').unwrap();
            let start = text.len();
            text.push_str(name);
            ents.push(Entity {
                start,
                end: text.len(),
                kind: EntityType::parse(ty).unwrap(),
            });
            rest = &rest[j + 2..];
        }
        text.push_str(rest);
        (text, ents)
    }

    fn groups(text: &str, l: &Linked) -> Vec<(String, &'static str, Vec<String>)> {
        l.groups
            .iter()
            .map(|g| {
                let ms = g
                    .mentions
                    .iter()
                    .map(|&m| text[l.mentions[m].start..l.mentions[m].end].to_string());
                (g.name.clone(), g.kind.as_str(), ms.collect())
            })
            .collect()
    }

    #[test]
    fn a_name_cut_at_an_ezafe_takes_the_word_before() {
        let (text, ents) = marked(
            "held by the Mujahedin-e [[ORG:Khalq]] cult; the [[MISC:Hezb-e]] [[ORG:Islami]] met; \
             a re-e [[PER:Smith]] stays",
        );
        let names: Vec<_> = join_ezafe(&text, &ents)
            .iter()
            .map(|e| (&text[e.start..e.end], e.kind.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("Mujahedin-e Khalq", "ORG"),
                ("Hezb-e Islami", "ORG"),
                ("Smith", "PER")
            ]
        );
    }

    #[test]
    fn rules() {
        let (text, ents) = marked(
            "The [[MISC:Mojahedin-e]] [[ORG:Khalq Organization]] (MEK, MKO, the Rajavi cult) and its \
             leader [[PER:Maryam Rajavi]]. Mrs. [[ORG:Rajavi]] spoke; [[PER:Madam Rajavi]] left. \
             The [[ORG:National Council for Resistance]] (NCRI) in [[LOC:Iran]] said the \
             [[ORG:NCRI]] and the [[ORG:MKO]] agree. [[LOC:Teheran]] and [[LOC:Tehran]]. \
             The [[PER:Rajavi]] cult is old.",
        );
        let l = link(&text, &ents);
        let got = groups(&text, &l);
        let want: Vec<(String, &str, Vec<String>)> = vec![
            (
                "Mojahedin-e Khalq Organization".into(),
                "ORG",
                vec![
                    "Mojahedin-e Khalq Organization".into(),
                    "MEK".into(),
                    "MKO".into(),
                    "Rajavi cult".into(),
                    "MKO".into(),
                    "Rajavi cult".into(),
                ],
            ),
            (
                "Maryam Rajavi".into(),
                "PER",
                vec!["Maryam Rajavi".into(), "Rajavi".into(), "Rajavi".into()],
            ),
            (
                "National Council for Resistance in Iran".into(),
                "ORG",
                vec![
                    "National Council for Resistance".into(),
                    "NCRI".into(),
                    "NCRI".into(),
                ],
            ),
            ("Iran".into(), "LOC", vec!["Iran".into()]),
            (
                "Tehran".into(),
                "LOC",
                vec!["Teheran".into(), "Tehran".into()],
            ),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn merge_across_articles() {
        let a = link(
            "The Khalq Party (KP) met.",
            &[Entity {
                start: 4,
                end: 15,
                kind: EntityType::Organization,
            }],
        );
        let b = link(
            "The KP and the Khalq Front (KF) met.",
            &[
                Entity {
                    start: 4,
                    end: 6,
                    kind: EntityType::Organization,
                },
                Entity {
                    start: 15,
                    end: 26,
                    kind: EntityType::Organization,
                },
            ],
        );
        let merged = merge_articles(&[a.groups, b.groups]);
        let names: Vec<(&str, usize)> = merged
            .iter()
            .map(|e| (e.name.as_str(), e.members.len()))
            .collect();
        assert_eq!(names, [("Khalq Party", 2), ("Khalq Front", 1)]);
    }
}
