//! Bytes to a [`Source`]: MHTML unpacking, binary refusal, and the charset of the page.
//!
//! Order of trust for the charset: a byte-order mark; valid UTF-8 with non-ASCII bytes (pages that
//! declare Latin-1 but are UTF-8 are common, the reverse is almost never valid UTF-8); the HTTP
//! `Content-Type` charset; a `<meta charset>` or `http-equiv` declaration in the first 4 KiB;
//! Windows-1252.

use cuttings_model::{sha256_hex, Limits, Source, SourceFormat};
use encoding_rs::Encoding;

use crate::{mhtml, Error, Result};

/// Decodes a page (or an MHTML archive) named `path`; `content_type` is the HTTP header, if any.
pub fn decode(path: &str, bytes: &[u8], content_type: Option<&str>) -> Result<Source> {
    decode_with(path, bytes, content_type, &Limits::default())
}

/// [`decode`] within `limits`: a page with more start tags than [`Limits::max_html_nodes`] is
/// refused ([`Error::TooManyElements`]) before it is parsed, which bounds the parser's and the
/// extractor's memory by the limit rather than by the page (issue #17: a 56 MB page of 2 million
/// paragraphs took 1.1 GB).
pub fn decode_with(
    path: &str,
    bytes: &[u8],
    content_type: Option<&str>,
    limits: &Limits,
) -> Result<Source> {
    let source = decode_page(path, bytes, content_type)?;
    if count_start_tags(&source.text, limits.max_html_nodes) > limits.max_html_nodes {
        return Err(Error::TooManyElements {
            path: path.into(),
            limit: limits.max_html_nodes,
        });
    }
    Ok(source)
}

/// How many start tags (`<` and a letter) `text` holds, counting no further than `limit + 1`.
///
/// An upper bound of the elements the parser makes (a `<a` inside a script or a comment counts
/// too); text nodes are at most one more than the elements.
fn count_start_tags(text: &str, limit: usize) -> usize {
    let b = text.as_bytes();
    memchr::memchr_iter(b'<', b)
        .filter(|&i| b.get(i + 1).is_some_and(u8::is_ascii_alphabetic))
        .take(limit.saturating_add(1))
        .count()
}

fn decode_page(path: &str, bytes: &[u8], content_type: Option<&str>) -> Result<Source> {
    let sha256 = sha256_hex(bytes);
    let (html, part_charset): (std::borrow::Cow<'_, [u8]>, Option<String>) =
        if mhtml::is_mhtml(path, bytes) {
            let part =
                mhtml::html_part(bytes).ok_or_else(|| Error::NoHtmlPart { path: path.into() })?;
            (std::borrow::Cow::Owned(part.body), part.charset)
        } else {
            (std::borrow::Cow::Borrowed(bytes), None)
        };
    let bytes = &html[..];
    if let Some(why) = binary_magic(bytes) {
        return Err(Error::Binary {
            path: path.into(),
            why: why.into(),
        });
    }
    let (text, encoding, bom_len) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (t, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        (t.into_owned(), enc.name(), bom_len)
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (s.to_owned(), "UTF-8", 0)
    } else {
        let declared = part_charset
            .as_deref()
            .and_then(|c| Encoding::for_label(c.as_bytes()))
            .or_else(|| {
                content_type
                    .and_then(charset_param)
                    .and_then(|c| Encoding::for_label(c.as_bytes()))
            })
            .or_else(|| meta_charset(bytes))
            // UTF-16 declared inside an 8-bit page is a lie; UTF-8 here is invalid already.
            .filter(|e| {
                *e != encoding_rs::UTF_16LE
                    && *e != encoding_rs::UTF_16BE
                    && *e != encoding_rs::UTF_8
            })
            .unwrap_or(encoding_rs::WINDOWS_1252);
        let (t, _) = declared.decode_without_bom_handling(bytes);
        (t.into_owned(), declared.name(), 0)
    };
    check_text(path, &text)?;
    Ok(Source {
        path: path.into(),
        sha256,
        encoding,
        bom_len,
        format: SourceFormat::Html,
        text,
        layout: None,
    })
}

/// True when a file name or the first bytes say "web page".
pub fn looks_like_html(path: &str, bytes: &[u8]) -> bool {
    let lower = path.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if matches!(ext, "html" | "htm" | "xhtml" | "shtml" | "mhtml" | "mht") {
        return true;
    }
    if mhtml::is_mhtml(path, bytes) {
        return true;
    }
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || (t.starts_with("<?xml") && t.contains("<html"))
        || (t.starts_with("<!--") && head.contains("<html"))
        || (t.starts_with("<head") || t.starts_with("<meta"))
}

/// `charset=` of a `Content-Type` value.
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
    })
}

/// A charset declared by a `<meta>` in the first 4 KiB.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + i;
        let end = memchr::memchr(b'>', &lower[start..])
            .map(|e| start + e)
            .unwrap_or(lower.len());
        let tag = &lower[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest
                .iter()
                .position(|b| *b == b'=')
                .map(|p| &rest[p + 1..])
                .unwrap_or(&[]);
            let value: Vec<u8> = rest
                .iter()
                .copied()
                .skip_while(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
                .take_while(|b| {
                    !b.is_ascii_whitespace() && !matches!(b, b'"' | b'\'' | b';' | b'/' | b'>')
                })
                .collect();
            if let Some(e) = Encoding::for_label(&value) {
                return Some(e);
            }
        }
        from = end.max(start + 5);
    }
    None
}

/// Well-known signatures of files that are not HTML.
fn binary_magic(b: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"%PDF", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1f\x8b", "gzip data"),
        (b"RIFF", "RIFF media"),
        (b"\x00\x00\x01\x00", "icon"),
        (b"\x7fELF", "executable"),
        (b"BZh", "bzip2 data"),
        (b"\xfd7zXZ", "xz data"),
        (b"OggS", "Ogg media"),
        (b"ID3", "MP3 audio"),
        (b"wOFF", "web font"),
        (b"wOF2", "web font"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| b.starts_with(m))
        .map(|(_, why)| *why)
}

/// Refuses empty text and binary data that happened to decode.
fn check_text(path: &str, text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::Empty { path: path.into() });
    }
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c')) || c == '\u{fffd}' {
            bad += 1;
        }
    }
    if bad * 20 > total {
        return Err(Error::Binary {
            path: path.into(),
            why: format!("{bad} control characters in the first {total}"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_order_of_trust() {
        // Declared Latin-1 but valid UTF-8: UTF-8 wins.
        let s = decode(
            "a.html",
            "<meta charset=iso-8859-1><p>café".as_bytes(),
            None,
        )
        .unwrap();
        assert_eq!(s.encoding, "UTF-8");
        assert!(s.text.ends_with("café"));
        // Real Latin-1 with a meta declaration.
        let s = decode("a.html", b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-15\"><p>caf\xe9", None).unwrap();
        assert_eq!(s.encoding, "ISO-8859-15");
        assert!(s.text.ends_with("café"));
        // HTTP header beats the meta.
        let s = decode(
            "u",
            b"<meta charset=koi8-r><p>\xe9",
            Some("text/html; charset=windows-1251"),
        )
        .unwrap();
        assert_eq!(s.encoding, "windows-1251");
        // Nothing declared.
        let s = decode("u", b"<p>caf\xe9", None).unwrap();
        assert_eq!(s.encoding, "windows-1252");
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode("x.html", b"\x89PNG\r\n\x1a\n....", None),
            Err(Error::Binary { .. })
        ));
        let junk: Vec<u8> = (0..4000u32).map(|i| (i * 7 % 32) as u8).collect();
        assert!(matches!(
            decode("x.html", &junk, None),
            Err(Error::Binary { .. })
        ));
        assert!(matches!(
            decode("x.html", b"  \n", None),
            Err(Error::Empty { .. })
        ));
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_html("page.HTM", b""));
        assert!(looks_like_html("page", b"  <!DOCTYPE html><html>"));
        assert!(!looks_like_html("digest.txt", b"Title\nBody"));
    }
}
