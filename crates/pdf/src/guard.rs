//! Checks on a PDF's raw bytes before the backend parses them (issue #17).
//!
//! `pdf_oxide` parses arrays and dictionaries, in the file and in content streams, by recursion
//! with no depth limit: a file nesting `[[[[…` a few thousand deep overflows the stack of the
//! thread reading it, which aborts the whole process (a stack overflow cannot be caught). So
//! the nesting of arrays and dictionaries is measured here first, with a lexer that knows just
//! enough PDF syntax to skip comments, strings, hex strings and the binary part of streams, and
//! a file nesting deeper than [`Limits::max_depth`] is refused with [`Error::TooDeep`].
//!
//! Streams that hold PDF syntax (page content streams, form XObjects and object streams) are
//! checked too, after inflating them when they are `FlateDecode`d; inflating stops at
//! [`Limits::max_inflated`] bytes, and a stream that would give more is refused as a
//! decompression bomb ([`Error::Bomb`]). Streams under other filters (images, fonts, ...) are
//! not parsed as syntax by the backend's text extraction and are skipped.
//!
//! Each page's content is measured once more as the backend decodes it
//! ([`check_page_content`], called by the `pdf_oxide` backend before extraction): that sees into
//! encrypted streams and other filters, and adds up nesting carried from one content stream of a
//! page into the next.
//!
//! Object streams under filters other than Flate are refused ([`Error::Unchecked`]): the backend
//! would parse what it unpacks, unchecked. The page tree and chains of references are bounded
//! by `graph.rs`, over the file's objects and those of the object streams inflated here.
//!
//! Known gaps: form XObjects and object streams that are encrypted are not measured (their
//! bytes do not inflate before the backend decrypts them; a page's content is measured after).

use std::io::Read;

use crate::graph::Graph;
use crate::{Error, Limits, Result};

/// Refuses `bytes` when arrays and dictionaries nest deeper than `limits.max_depth`, in the
/// file or in a stream holding PDF syntax, or when such a stream inflates beyond
/// `limits.max_inflated` bytes.
pub(crate) fn check(path: &str, bytes: &[u8], limits: &Limits) -> Result<()> {
    let mut scan = Scan {
        path,
        limits,
        file: true,
        base: 0,
        page: None,
        graph: Graph::default(),
    };
    scan.run(bytes)?;
    scan.graph.add_file(bytes);
    scan.graph.check(path, limits)
}

/// Refuses the decoded content of page `page` (1-based; its content streams joined, as the
/// backend parses them) when it nests deeper than `limits.max_depth`.
///
/// The check of the raw file cannot see into encrypted streams, streams under filters other
/// than Flate, or nesting that goes on from one content stream of a page into the next; the
/// backend's decoded content shows all three.
pub(crate) fn check_page_content(
    path: &str,
    page: usize,
    content: &[u8],
    limits: &Limits,
) -> Result<()> {
    let mut scan = Scan {
        path,
        limits,
        file: false,
        base: 0,
        page: Some(page),
        graph: Graph::default(),
    };
    scan.run(content)
}

/// Whether `bytes` end the way a complete PDF does: `%%EOF` within its last kilobyte (ISO
/// 32000-1 §7.5.5). A file cut short in transfer has lost it.
pub(crate) fn looks_complete(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

struct Scan<'a> {
    path: &'a str,
    limits: &'a Limits,
    /// The file itself (streams may follow), or the inside of a stream (inline images may).
    file: bool,
    /// Where the scanned bytes start in the file (a stream's data).
    base: usize,
    /// The page whose decoded content is scanned ([`check_page_content`]).
    page: Option<usize>,
    /// The objects of the object streams met, for the checks of references.
    graph: Graph,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

impl Scan<'_> {
    fn too_deep(&self, at: usize) -> Error {
        Error::TooDeep {
            path: self.path.to_string(),
            limit: self.limits.max_depth,
            at: match &self.page {
                Some(page) => format!("page {page}"),
                None if self.file => format!("byte {}", self.base + at),
                None => format!("byte {}", self.base),
            },
        }
    }

    fn run(&mut self, b: &[u8]) -> Result<()> {
        let mut depth = 0usize;
        // Where the last dictionary opened at depth 0 began: a stream's dictionary.
        let mut dict_start = 0usize;
        let mut i = 0usize;
        while i < b.len() {
            let c = b[i];
            match c {
                b'%' => {
                    while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                        i += 1;
                    }
                }
                b'(' => {
                    let mut level = 0usize;
                    while i < b.len() {
                        match b[i] {
                            b'\\' => i += 1,
                            b'(' => level += 1,
                            b')' => {
                                level -= 1;
                                if level == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        i += 1;
                    }
                    i += 1;
                }
                b'<' if b.get(i + 1) == Some(&b'<') => {
                    if depth == 0 {
                        dict_start = i;
                    }
                    depth += 1;
                    if depth > self.limits.max_depth {
                        return Err(self.too_deep(i));
                    }
                    i += 2;
                }
                b'<' => {
                    while i < b.len() && b[i] != b'>' {
                        i += 1;
                    }
                    i += 1;
                }
                b'>' if b.get(i + 1) == Some(&b'>') => {
                    depth = depth.saturating_sub(1);
                    i += 2;
                }
                b'[' => {
                    depth += 1;
                    if depth > self.limits.max_depth {
                        return Err(self.too_deep(i));
                    }
                    i += 1;
                }
                b']' => {
                    depth = depth.saturating_sub(1);
                    i += 1;
                }
                _ if is_white(c) || is_delimiter(c) && c != b'/' => i += 1,
                _ => {
                    // A name (`/...`), a number or a keyword.
                    let start = i;
                    i += 1;
                    while i < b.len() && !is_white(b[i]) && !is_delimiter(b[i]) {
                        i += 1;
                    }
                    let token = &b[start..i];
                    match token {
                        b"stream" if self.file => {
                            i = self.stream(b, dict_start, i)?;
                            depth = 0;
                        }
                        // An inline image's data runs from `ID` to `EI` (§8.9.7).
                        b"ID" if !self.file => {
                            i = inline_image_end(b, i);
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(())
    }

    /// Checks the stream whose keyword ends at `kw_end` with its dictionary from `dict_start`;
    /// returns where scanning goes on (after `endstream`).
    fn stream(&mut self, b: &[u8], dict_start: usize, kw_end: usize) -> Result<usize> {
        let mut start = kw_end;
        if b.get(start) == Some(&b'\r') {
            start += 1;
        }
        if b.get(start) == Some(&b'\n') {
            start += 1;
        }
        let end = find(b, b"endstream", start).unwrap_or(b.len());
        let resume = (end + b"endstream".len()).min(b.len());
        let dict = &b[dict_start.min(kw_end)..kw_end];
        let names = names(dict);
        let syntax = names.iter().any(|n| *n == b"ObjStm" || *n == b"Form")
            || names.iter().all(|n| {
                matches!(
                    *n,
                    b"Length" | b"Filter" | b"FlateDecode" | b"Fl" | b"DecodeParms" | b"DL"
                )
            });
        if !syntax {
            return Ok(resume);
        }
        let filtered = dict.windows(7).any(|w| w == b"/Filter");
        let decodes: Vec<&[u8]> = names
            .iter()
            .copied()
            .filter(|n| n.ends_with(b"Decode") || *n == b"Fl")
            .collect();
        let body = &b[start..end];
        let mut inner = Scan {
            path: self.path,
            limits: self.limits,
            file: false,
            base: self.base + start,
            page: None,
            graph: Graph::default(),
        };
        let objects = names.contains(&b"ObjStm".as_slice());
        if !filtered {
            inner.run(body)?;
            if objects {
                self.graph.add_object_stream(dict, body);
            }
        } else if decodes == [b"FlateDecode".as_slice()] || decodes == [b"Fl".as_slice()] {
            let data = self.inflate(body)?;
            inner.run(&data)?;
            if objects {
                self.graph.add_object_stream(dict, &data);
            }
        } else if objects {
            // The backend would parse what it unpacks unchecked (issue #17).
            return Err(Error::Unchecked {
                path: self.path.to_string(),
                what: format!(
                    "an object stream under {}",
                    decodes
                        .iter()
                        .map(|d| format!("/{}", String::from_utf8_lossy(d)))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            });
        }
        Ok(resume)
    }

    /// Inflates a zlib stream, refusing output beyond `max_inflated`; a damaged stream gives
    /// what inflated before the damage (the backend reads as much).
    fn inflate(&self, body: &[u8]) -> Result<Vec<u8>> {
        let limit = self.limits.max_inflated;
        let mut out = Vec::new();
        let _ = flate2::read::ZlibDecoder::new(body)
            .take(limit.saturating_add(1))
            .read_to_end(&mut out);
        if out.len() as u64 > limit {
            return Err(Error::Bomb {
                path: self.path.to_string(),
                limit,
            });
        }
        Ok(out)
    }
}

/// The names (`/Name`, without the slash) in a dictionary's text.
fn names(dict: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < dict.len() {
        if dict[i] == b'/' {
            let start = i + 1;
            i += 1;
            while i < dict.len() && !is_white(dict[i]) && !is_delimiter(dict[i]) {
                i += 1;
            }
            out.push(&dict[start..i]);
        } else {
            i += 1;
        }
    }
    out
}

/// Where an inline image's data that starts after `ID` at `from` ends (after `EI`).
fn inline_image_end(b: &[u8], from: usize) -> usize {
    let mut i = from + 1;
    while let Some(p) = find(b, b"EI", i) {
        let before = p == 0 || is_white(b[p - 1]);
        let after = b.get(p + 2).is_none_or(|&c| is_white(c) || is_delimiter(c));
        if before && after {
            return p + 2;
        }
        i = p + 2;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits {
            max_depth: 8,
            max_inflated: 1000,
            ..Limits::default()
        }
    }

    fn deep(n: usize) -> String {
        format!("{}{}", "[".repeat(n), "]".repeat(n))
    }

    #[test]
    fn nesting_is_counted_outside_strings_comments_and_binary_streams() {
        let ok = format!(
            "1 0 obj\n<< /A {} /S ([[[[[[[[[[[) /H <5b5b> >>\nendobj\n% [[[[[[[[[[[[[[\n",
            deep(6)
        );
        check("f", ok.as_bytes(), &limits()).unwrap();
        let image = format!(
            "2 0 obj\n<< /Subtype /Image /Length 20 >>\nstream\n{}\nendstream\nendobj\n",
            "[".repeat(20)
        );
        check("f", image.as_bytes(), &limits()).unwrap();
        let bad = format!("1 0 obj\n<< /A {} >>\nendobj\n", deep(8));
        let err = check("f", bad.as_bytes(), &limits()).unwrap_err();
        assert!(matches!(err, Error::TooDeep { limit: 8, .. }), "{err}");
        let dicts = format!("1 0 obj\n{}{}\nendobj\n", "<<".repeat(9), ">>".repeat(9));
        assert!(check("f", dicts.as_bytes(), &limits()).is_err());
    }

    #[test]
    fn content_streams_are_checked_plain_and_inflated() {
        let content = deep(9);
        let plain = format!(
            "4 0 obj\n<< /Length {} >>\nstream\n{content}\nendstream\nendobj\n",
            content.len()
        );
        assert!(check("f", plain.as_bytes(), &limits()).is_err());
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut z, content.as_bytes()).unwrap();
        let packed = z.finish().unwrap();
        let mut file = b"4 0 obj\n<< /Length 9 /Filter /FlateDecode >>\nstream\n".to_vec();
        file.extend_from_slice(&packed);
        file.extend_from_slice(b"\nendstream\nendobj\n");
        assert!(check("f", &file, &limits()).is_err());
        // An inline image's bytes are not syntax.
        let inline = "BI /W 1 /H 1 ID [[[[[[[[[[[[ EI Q";
        let plain = format!("4 0 obj\n<< /Length 1 >>\nstream\n{inline}\nendstream\nendobj\n");
        check("f", plain.as_bytes(), &limits()).unwrap();
    }

    #[test]
    fn a_stream_inflating_beyond_the_limit_is_a_bomb() {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut z, &[b' '; 5000]).unwrap();
        let packed = z.finish().unwrap();
        let mut file = b"4 0 obj\n<< /Length 9 /Filter /FlateDecode >>\nstream\n".to_vec();
        file.extend_from_slice(&packed);
        file.extend_from_slice(b"\nendstream\nendobj\n");
        let err = check("f", &file, &limits()).unwrap_err();
        assert!(matches!(err, Error::Bomb { limit: 1000, .. }), "{err}");
    }
}
