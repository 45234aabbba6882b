//! The references between a PDF's objects, checked before the backend follows them (issue #17).
//!
//! `pdf_oxide` walks the page tree (`/Kids`) by recursion, one call per level, without a depth
//! bound: a tree nesting 100,000 levels through references would overflow the stack of the
//! thread reading it, which aborts the process. So the objects of the raw file, and those packed
//! in the object streams the guard inflates, are read here just enough to know each object's
//! `/Kids` and whether it is nothing but a reference to another object; a page tree deeper than
//! [`Limits::max_depth`] or a chain of references longer than it is refused
//! ([`Error::DeepTree`]), and one that leads back to where it started is refused as a loop
//! ([`Error::Loop`]). A `/Parent` pointing back up is how a page tree is meant to be, and is
//! not followed.

use std::collections::HashMap;

use crate::{Error, Limits, Result};

/// What the checks need of each object, by object number.
#[derive(Default)]
pub(crate) struct Graph {
    /// The objects a page tree node lists in `/Kids`.
    kids: HashMap<u32, Vec<u32>>,
    /// Objects that are only a reference to another (`7 0 obj 8 0 R endobj`).
    alias: HashMap<u32, u32>,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The integer at the start of `b` (after white space), and the rest.
fn integer(b: &[u8]) -> Option<(u32, &[u8])> {
    let start = b.iter().position(|&c| !is_white(c))?;
    let b = &b[start..];
    let len = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if len == 0 || len > 9 {
        return None;
    }
    let n = std::str::from_utf8(&b[..len]).ok()?.parse().ok()?;
    Some((n, &b[len..]))
}

/// The references (`N G R`) in `b`, in order.
fn references(b: &[u8]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut rest = b;
    while !rest.is_empty() {
        if let Some((n, after)) = integer(rest) {
            if let Some((_, after_gen)) = integer(after) {
                let t = after_gen.trim_ascii_start();
                if t.first() == Some(&b'R') && t.get(1).is_none_or(|&c| !c.is_ascii_alphanumeric())
                {
                    out.push(n);
                    rest = &t[1..];
                    continue;
                }
            }
            rest = after;
        } else {
            rest = &rest[1..];
        }
    }
    out
}

impl Graph {
    /// Reads object `num` from its text (up to `stream` for a stream object).
    fn add(&mut self, num: u32, body: &[u8]) {
        // A later definition (an incremental update) replaces an earlier one.
        self.kids.remove(&num);
        self.alias.remove(&num);
        if let Some(k) = find(body, b"/Kids", 0) {
            let list = &body[k + 5..];
            if let Some(o) = list
                .iter()
                .position(|&c| !is_white(c))
                .filter(|&o| list[o] == b'[')
            {
                let close = list[o..]
                    .iter()
                    .position(|&c| c == b']')
                    .map_or(list.len(), |c| c + o);
                self.kids.insert(num, references(&list[o + 1..close]));
            }
        }
        let refs = references(body);
        let only_ref = refs.len() == 1 && {
            let t = body.trim_ascii();
            t.ends_with(b"R") && !t.contains(&b'/') && !t.contains(&b'[') && !t.contains(&b'<')
        };
        if only_ref {
            self.alias.insert(num, refs[0]);
        }
    }

    /// Reads the objects of the file's own text (`N G obj … endobj`).
    pub(crate) fn add_file(&mut self, b: &[u8]) {
        let mut i = 0;
        while let Some(at) = find(b, b"obj", i) {
            i = at + 3;
            let before_ok = at > 0 && is_white(b[at - 1]);
            let after_ok = b.get(at + 3).is_none_or(|&c| !c.is_ascii_alphanumeric());
            if !before_ok || !after_ok {
                continue;
            }
            let Some(num) = object_number(&b[..at]) else {
                continue;
            };
            let end = find(b, b"endobj", i).unwrap_or(b.len());
            let body_end = find(&b[..end], b"stream", i).unwrap_or(end);
            self.add(num, &b[i..body_end]);
            // On after the object's text (not its end): an object without `endobj` must not
            // hide the ones after it.
            i = body_end;
        }
    }

    /// Reads the objects packed in an object stream: `data` is the inflated stream, `dict` its
    /// dictionary's text (for `/First`).
    pub(crate) fn add_object_stream(&mut self, dict: &[u8], data: &[u8]) {
        let Some(first) = find(dict, b"/First", 0)
            .and_then(|p| integer(&dict[p + 6..]))
            .map(|(n, _)| n as usize)
        else {
            return;
        };
        let Some(header) = data.get(..first) else {
            return;
        };
        let mut pairs = Vec::new();
        let mut rest = header;
        while let Some((num, after)) = integer(rest) {
            let Some((off, after)) = integer(after) else {
                break;
            };
            pairs.push((num, first + off as usize));
            rest = after;
        }
        for (k, &(num, start)) in pairs.iter().enumerate() {
            let end = pairs.get(k + 1).map_or(data.len(), |p| p.1).min(data.len());
            if start < end {
                self.add(num, &data[start..end]);
            }
        }
    }

    /// Refuses page trees deeper than `limits.max_depth` and chains of references longer than
    /// it, and both when they loop.
    pub(crate) fn check(&self, path: &str, limits: &Limits) -> Result<()> {
        let limit = limits.max_depth;
        self.deepest(path, limit, "page tree", |n| {
            self.kids.get(&n).map(Vec::as_slice).unwrap_or(&[])
        })?;
        self.deepest(path, limit, "references", |n| {
            self.alias.get(&n).map(std::slice::from_ref).unwrap_or(&[])
        })
    }

    /// Walks the graph given by `next` from every object, without recursion, refusing a path
    /// longer than `limit` or one that comes back to an object on it.
    fn deepest<'g>(
        &'g self,
        path: &str,
        limit: usize,
        what: &str,
        next: impl Fn(u32) -> &'g [u32],
    ) -> Result<()> {
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            Open,
            /// Done, with the depth below it.
            Done(usize),
        }
        let mut state: HashMap<u32, State> = HashMap::new();
        // In order, so that the message names the same object each time (the root, usually).
        let mut roots: Vec<u32> = self.kids.keys().chain(self.alias.keys()).copied().collect();
        roots.sort_unstable();
        for root in roots {
            if state.contains_key(&root) {
                continue;
            }
            // (object, index of the next child to visit)
            let mut stack: Vec<(u32, usize)> = vec![(root, 0)];
            state.insert(root, State::Open);
            while let Some(&(node, child)) = stack.last() {
                let children = next(node);
                if let Some(&kid) = children.get(child) {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                    }
                    match state.get(&kid) {
                        Some(State::Open) => {
                            return Err(Error::Loop {
                                path: path.to_string(),
                                at: format!("{what} at object {kid}"),
                            })
                        }
                        Some(State::Done(_)) => {}
                        None => {
                            if stack.len() > limit {
                                return Err(Error::DeepTree {
                                    path: path.to_string(),
                                    limit,
                                    at: format!("{what} from object {root}"),
                                });
                            }
                            state.insert(kid, State::Open);
                            stack.push((kid, 0));
                        }
                    }
                    continue;
                }
                let below = children
                    .iter()
                    .filter_map(|k| match state.get(k) {
                        Some(State::Done(d)) => Some(d + 1),
                        _ => None,
                    })
                    .max()
                    .unwrap_or(0);
                if below + stack.len() > limit + 1 {
                    return Err(Error::DeepTree {
                        path: path.to_string(),
                        limit,
                        at: format!("{what} from object {root}"),
                    });
                }
                state.insert(node, State::Done(below));
                stack.pop();
            }
        }
        Ok(())
    }
}

/// The object number of `N G obj` whose `obj` keyword follows `before`.
fn object_number(before: &[u8]) -> Option<u32> {
    let b = before.trim_ascii_end();
    let gen_len = b.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    if gen_len == 0 {
        return None;
    }
    let b = b[..b.len() - gen_len].trim_ascii_end();
    let num_len = b.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    if num_len == 0 || num_len > 9 {
        return None;
    }
    std::str::from_utf8(&b[b.len() - num_len..])
        .ok()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(depth: usize) -> Limits {
        Limits {
            max_depth: depth,
            ..Limits::default()
        }
    }

    fn graph(text: &str) -> Graph {
        let mut g = Graph::default();
        g.add_file(text.as_bytes());
        g
    }

    /// A page tree `depth` levels deep: object 1 → 2 → … → depth + 1 (a page).
    fn chain(depth: u32) -> String {
        let mut s = String::new();
        for i in 1..=depth {
            s.push_str(&format!(
                "{i} 0 obj\n<< /Type /Pages /Kids [{} 0 R] /Count 1 >>\nendobj\n",
                i + 1
            ));
        }
        s.push_str(&format!("{} 0 obj\n<< /Type /Page >>\nendobj\n", depth + 1));
        s
    }

    #[test]
    fn page_trees_deeper_than_the_limit_are_refused() {
        graph(&chain(8)).check("f", &limits(8)).unwrap();
        let err = graph(&chain(9)).check("f", &limits(8)).unwrap_err();
        assert!(matches!(err, Error::DeepTree { limit: 8, .. }), "{err}");
        // Many pages side by side are no depth.
        let wide: String = (2..200)
            .map(|i| format!("{i} 0 obj << /Type /Page /Parent 1 0 R >> endobj\n"))
            .collect();
        let kids: Vec<String> = (2..200).map(|i| format!("{i} 0 R")).collect();
        let text = format!("1 0 obj << /Kids [{}] >> endobj\n{wide}", kids.join(" "));
        graph(&text).check("f", &limits(8)).unwrap();
    }

    #[test]
    fn loops_are_refused_but_parents_pointing_up_are_not() {
        let looping =
            "1 0 obj << /Kids [2 0 R] >> endobj 2 0 obj << /Kids [1 0 R] /Parent 1 0 R >> endobj";
        let err = graph(looping).check("f", &limits(8)).unwrap_err();
        assert!(matches!(err, Error::Loop { .. }), "{err}");
        let aliases = "5 0 obj 6 0 R endobj 6 0 obj 5 0 R endobj";
        let err = graph(aliases).check("f", &limits(8)).unwrap_err();
        assert!(err.to_string().contains("references"), "{err}");
        let fine = "1 0 obj << /Kids [2 0 R 3 0 R] >> endobj 2 0 obj << /Parent 1 0 R >> endobj \
                    3 0 obj << /Parent 1 0 R >> endobj";
        graph(fine).check("f", &limits(8)).unwrap();
    }

    #[test]
    fn chains_of_references_and_object_streams_count() {
        let chain: String = (1..=20)
            .map(|i| format!("{i} 0 obj {} 0 R endobj\n", i + 1))
            .collect();
        assert!(graph(&chain).check("f", &limits(30)).is_ok());
        assert!(graph(&chain).check("f", &limits(10)).is_err());
        let mut g = Graph::default();
        let objects = "<< /Kids [11 0 R] >> << /Kids [10 0 R] >>";
        let data = format!("10 0 11 21 {objects}");
        g.add_object_stream(b"<< /Type /ObjStm /N 2 /First 11 >>", data.as_bytes());
        assert!(matches!(g.check("f", &limits(8)), Err(Error::Loop { .. })));
    }
}
