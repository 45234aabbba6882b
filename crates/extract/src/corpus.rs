//! Joining the entities of many texts into the entities of a corpus.
//!
//! The input is a list of *units*: the mentions gathered under one [`name_key`] of a canonical
//! name (every article that calls the MEK "Mojahedin-e Khalq Organization" adds to one unit),
//! each with the keys of every form it was mentioned under. Units are joined when:
//!
//! 1. they share an alias key and both are people or neither is ("MEK" in a unit named
//!    "Mojahedin-e Khalq Organization" and in one named "MEK (MKO)");
//! 2. a many-word person unit ("Mujahedin-e Khalq" tagged as a person in one article) is keyed
//!    like a name the corpus mentions more often as something else (the organisation
//!    "Mojahedin-e Khalq" of other articles): the tagger's slip is outvoted and the units join;
//! 3. a one-word name of an organisation or a place that is no known place ("Mojahedin" of
//!    "the Iranian People's Mojahedin", tagged a place) joins the one organisation whose many-word
//!    name starts with it ("Mojahedin-e Khalq") when that is mentioned more often: the short
//!    form of its name;
//! 4. a one-word person unit ("Rajavi") matches the surname of exactly one many-word person
//!    (a surname shared by two people, "Maryam Rajavi" and "Massoud Rajavi", joins neither, and
//!    surnames never join two full names);
//! 5. a user merged two names.
//!
//! Alias keys a user split off never join anything: the mentions under them form their own unit
//! (the store puts them there).
//!
//! Everything is a key made by [`name_key`]; the caller keys user input the same way.
//!
//! [`name_key`]: crate::name_key

use std::collections::HashMap;

/// The mentions gathered under one canonical name key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unit {
    /// `name_key` of the canonical name.
    pub key: String,
    /// True when the unit's mentions are of a person.
    pub person: bool,
    /// `name_key`s of every form it is mentioned under (the key itself need not be among them).
    pub aliases: Vec<String>,
    /// How many mentions the unit gathers (the weight of its vote on a name's class).
    pub mentions: u64,
    /// True when most of its mentions are of an organisation.
    pub org: bool,
    /// True when it is one word, not an acronym, mostly an organisation's or a place's name,
    /// and no known place ([`crate::gazetteer::is_known_place`]): it may be the short form of a
    /// longer organisation's name.
    pub short_name: bool,
}

/// Joins units; returns, for each unit, the index of its entity (entities are numbered from 0
/// in order of their first unit).
///
/// `merges` are pairs of keys a user declared one entity, applied after the automatic joins:
/// every unit with either key (as its own key or as an alias) joins. `split` keys are never
/// used to join.
pub fn join(units: &[Unit], merges: &[(String, String)], split: &[String]) -> Vec<usize> {
    let mut uf = UnionFind::new(units.len());
    let is_split = |k: &str| split.iter().any(|s| s == k);
    // 1. shared alias keys, people apart from the rest; one-word person keys wait for step 2
    let mut first: HashMap<(&str, bool), usize> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        for k in std::iter::once(&u.key).chain(&u.aliases) {
            if k.is_empty() || is_split(k) || (u.person && !k.contains(' ')) {
                continue;
            }
            match first.get(&(k.as_str(), u.person)) {
                Some(&j) => uf.union(i, j),
                None => {
                    first.insert((k.as_str(), u.person), i);
                }
            }
        }
    }
    // 2. a many-word person key mentioned more often as something else joins that
    let mut other_mentions: HashMap<&str, (u64, usize)> = HashMap::new();
    let mut person_mentions: HashMap<&str, u64> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        for k in std::iter::once(&u.key).chain(&u.aliases) {
            if k.is_empty() || is_split(k) || !k.contains(' ') {
                continue;
            }
            if u.person {
                *person_mentions.entry(k.as_str()).or_default() += u.mentions;
            } else {
                let e = other_mentions.entry(k.as_str()).or_insert((0, i));
                e.0 += u.mentions;
            }
        }
    }
    for (i, u) in units.iter().enumerate() {
        if !u.person || !u.key.contains(' ') || is_split(&u.key) {
            continue;
        }
        if let Some(&(others, j)) = other_mentions.get(u.key.as_str()) {
            if others > person_mentions.get(u.key.as_str()).copied().unwrap_or(0) {
                uf.union(i, j);
            }
        }
    }
    // 3. a short name joins the one organisation whose name starts with it
    let mut org_by_head: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        if u.org && !u.person && !is_split(&u.key) {
            if let Some((head, _)) = u.key.split_once(' ') {
                org_by_head.entry(head).or_default().push(i);
            }
        }
    }
    for (i, u) in units.iter().enumerate() {
        if !u.short_name || u.person || is_split(&u.key) {
            continue;
        }
        let Some(orgs) = org_by_head.get(u.key.as_str()) else {
            continue;
        };
        let weight: u64 = orgs.iter().map(|&j| units[j].mentions).sum();
        if let Some(only) = uf.only_root(orgs) {
            if weight > u.mentions {
                uf.union(i, only);
            }
        }
    }
    // 4. a lone surname joins the one full name that ends with it
    let mut full_by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        if !u.person {
            continue;
        }
        if let Some((_, surname)) = u.key.rsplit_once(' ') {
            if !is_split(surname) {
                full_by_surname.entry(surname).or_default().push(i);
            }
        }
    }
    for (i, u) in units.iter().enumerate() {
        if !u.person || u.key.contains(' ') || u.key.is_empty() || is_split(&u.key) {
            continue;
        }
        let Some(full) = full_by_surname.get(u.key.as_str()) else {
            continue;
        };
        if let Some(only) = uf.only_root(full) {
            uf.union(i, only);
        }
    }
    // 5. the users' merges
    if !merges.is_empty() {
        let named = Named::new(units);
        for (a, b) in merges {
            let members: Vec<usize> = [a, b].iter().flat_map(|k| named.units(k)).collect();
            for w in members.windows(2) {
                uf.union(w[0], w[1]);
            }
        }
    }
    let mut numbers: HashMap<usize, usize> = HashMap::new();
    (0..units.len())
        .map(|i| {
            let r = uf.find(i);
            let next = numbers.len();
            *numbers.entry(r).or_insert(next)
        })
        .collect()
}

/// Which units a name a user typed designates: the units keyed by it, or, when there are none,
/// those mentioned under it ("Rajavi" is the unit of the lone "Rajavi" when there is one, not
/// every full name ending in it).
pub struct Named<'a> {
    by_key: HashMap<&'a str, Vec<usize>>,
    by_alias: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Named<'a> {
    /// Indexes `units`.
    pub fn new(units: &'a [Unit]) -> Named<'a> {
        let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_alias: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, u) in units.iter().enumerate() {
            by_key.entry(u.key.as_str()).or_default().push(i);
            for k in &u.aliases {
                let v = by_alias.entry(k.as_str()).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        Named { by_key, by_alias }
    }

    /// The units the name keyed `k` designates (people and others alike).
    pub fn units(&self, k: &str) -> Vec<usize> {
        self.by_key
            .get(k)
            .or_else(|| self.by_alias.get(k))
            .cloned()
            .unwrap_or_default()
    }
}

/// The name an entity is shown under, from its names and how often each is mentioned: the
/// many-word name (not an acronym) mentioned most often, else the name mentioned most often;
/// ties go to the alphabetically first. `None` when there is no name.
pub fn display_name<'a>(names: impl IntoIterator<Item = (&'a str, usize)>) -> Option<String> {
    names
        .into_iter()
        .max_by(|a, b| {
            let rank = |(n, c): (&str, usize)| (n.contains(' ') && !crate::alias::is_acronym(n), c);
            rank(*a).cmp(&rank(*b)).then_with(|| b.0.cmp(a.0))
        })
        .map(|(n, _)| n.to_string())
}

/// Union-find over `0..n` with path halving.
pub(crate) struct UnionFind(Vec<usize>);

impl UnionFind {
    pub(crate) fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }

    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    /// The root all of `members` share, when they are in one set.
    pub(crate) fn only_root(&mut self, members: &[usize]) -> Option<usize> {
        let (&first, rest) = members.split_first()?;
        let root = self.find(first);
        rest.iter().all(|&j| self.find(j) == root).then_some(root)
    }

    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // the smaller index stays root, so results do not depend on hash order
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(key: &str, person: bool, aliases: &[&str]) -> Unit {
        weighed(key, person, aliases, 1)
    }

    fn weighed(key: &str, person: bool, aliases: &[&str], mentions: u64) -> Unit {
        Unit {
            key: key.to_string(),
            person,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            mentions,
            org: !person,
            short_name: false,
        }
    }

    #[test]
    fn a_short_name_joins_the_one_organisation_it_starts() {
        let short = |key: &str, mentions| Unit {
            short_name: true,
            org: false,
            ..weighed(key, false, &[key], mentions)
        };
        let units = [
            weighed("mujahidin khalq", false, &["mik", "mujahidin khalq"], 40),
            short("mujahidin", 2),
            // two organisations start with it: neither
            weighed("baltic shipping", false, &["baltic shipping"], 5),
            weighed("baltic exchange", false, &["baltic exchange"], 5),
            short("baltic", 1),
            // a name mentioned more often alone is no short form
            weighed("apex holdings", false, &["apex holdings"], 1),
            short("apex", 9),
        ];
        assert_eq!(join(&units, &[], &[]), [0, 0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_name_mostly_of_an_organisation_outvotes_one_tagged_a_person() {
        let units = [
            weighed("mujahidin khalq", false, &["mik", "mujahidin khalq"], 40),
            weighed("mujahidin khalq", true, &["mujahidin khalq"], 1),
            // a person's name mostly a person's stays apart from the few that tag it otherwise
            weighed("jhn smith", true, &["jhn smith"], 9),
            weighed("jhn smith", false, &["jhn smith"], 2),
            // one word is too little to overrule the tagger: "Washington" the man and the city
            weighed("washingtun", true, &["washingtun"], 1),
            weighed("washingtun", false, &["washingtun"], 30),
        ];
        assert_eq!(join(&units, &[], &[]), [0, 0, 1, 2, 3, 4]);
    }

    #[test]
    fn shared_aliases_join_within_class() {
        let units = [
            unit("mujahidin khalq", false, &["mik", "mku"]),
            unit("mik", false, &["mik"]),
            unit("national council", false, &["ncri"]),
            unit("mik", true, &["mik"]),
        ];
        assert_eq!(join(&units, &[], &[]), [0, 0, 1, 2]);
    }

    #[test]
    fn surnames_join_only_one_full_name() {
        let one = [
            unit("maryam rajavi", true, &["maryam rajavi", "rajavi"]),
            unit("rajavi", true, &["rajavi"]),
        ];
        assert_eq!(join(&one, &[], &[]), [0, 0]);
        let two = [
            unit("maryam rajavi", true, &["maryam rajavi", "rajavi"]),
            unit("masud rajavi", true, &["masud rajavi", "rajavi"]),
            unit("rajavi", true, &["rajavi"]),
        ];
        assert_eq!(join(&two, &[], &[]), [0, 1, 2]);
    }

    #[test]
    fn user_merges_and_splits() {
        let units = [
            unit("mujahidin khalq", false, &["mik", "rajavi cult"]),
            unit("rajavi cult", false, &["rajavi cult"]),
            unit("pmui", false, &["pmui"]),
        ];
        assert_eq!(join(&units, &[], &[]), [0, 0, 1]);
        assert_eq!(join(&units, &[], &["rajavi cult".into()]), [0, 1, 2]);
        let merges = [("pmui".to_string(), "mik".to_string())];
        assert_eq!(join(&units, &merges, &[]), [0, 0, 0]);
        // a merge naming nothing known changes nothing
        let nothing = [("nobody".to_string(), "mik".to_string())];
        assert_eq!(join(&units, &nothing, &[]), [0, 0, 1]);
    }
}
