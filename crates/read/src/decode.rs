//! Bytes to UTF-8: byte-order marks, UTF-16, Windows-1252 fallback, binary detection.

use std::io::Read;
use std::path::Path;

use cuttings_model::{sha256_hex, Source, SourceFormat};

use crate::{Error, Result};

/// Text of at most this many characters besides white space, without a word (two letters or
/// digits in a row), is refused as too short (issue #17): 3.
const TOO_SHORT: usize = 3;

/// Files larger than this are refused by [`read_file`] (256 MiB,
/// [`cuttings_model::limits::MAX_FILE_SIZE`]).
pub const DEFAULT_MAX_BYTES: u64 = cuttings_model::limits::MAX_FILE_SIZE;

/// Reads and decodes one file, refusing files over `max_bytes`.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Source> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let display = path.display().to_string();
    // Opening a FIFO blocks until someone writes to it (issue #17): look before opening.
    if !std::fs::metadata(path).map_err(io)?.is_file() {
        return Err(Error::NotAFile { path: display });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > max_bytes {
        return Err(Error::TooLarge {
            path: display,
            size,
            limit: max_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // One byte more than allowed shows a file that grew since it was measured; no limit at
    // all (`u64::MAX`) must not wrap to a take of nothing.
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::TooLarge {
            path: display,
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    decode(&display, &bytes)
}

/// Decodes `bytes` (named `path` in errors) into a [`Source`].
///
/// Order of trust: a byte-order mark; valid UTF-8; UTF-16 without a mark when every other byte is
/// zero; Windows-1252. Archives and compressed files are refused as such, and input with NUL
/// bytes or many control characters as binary.
pub fn decode(path: &str, bytes: &[u8]) -> Result<Source> {
    if let Some(kind) = crate::sniff_archive(bytes) {
        return Err(Error::Archive {
            path: path.into(),
            kind,
        });
    }
    let sha256 = sha256_hex(bytes);
    let (text, encoding, bom_len) =
        if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            if had_errors && enc != encoding_rs::UTF_8 {
                return Err(Error::Binary {
                    path: path.into(),
                    why: format!("invalid {}", enc.name()),
                });
            }
            (text.into_owned(), enc.name(), bom_len)
        } else if let Ok(s) = std::str::from_utf8(bytes) {
            (s.to_owned(), "UTF-8", 0)
        } else if let Some((enc, text)) = sniff_utf16(bytes) {
            (text, enc, 0)
        } else {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), "windows-1252", 0)
        };
    check_text(path, &text)?;
    Ok(Source {
        path: path.into(),
        sha256,
        encoding,
        bom_len,
        format: SourceFormat::TextDump,
        text,
        layout: None,
    })
}

/// UTF-16 without a BOM: most odd (LE) or even (BE) bytes of the first KiB are zero.
fn sniff_utf16(bytes: &[u8]) -> Option<(&'static str, String)> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let head = &bytes[..bytes.len().min(1024)];
    let pairs = head.len() / 2;
    let zero_hi = head
        .chunks_exact(2)
        .filter(|c| c[1] == 0 && c[0] != 0)
        .count();
    let zero_lo = head
        .chunks_exact(2)
        .filter(|c| c[0] == 0 && c[1] != 0)
        .count();
    let enc = if zero_hi * 10 >= pairs * 9 {
        encoding_rs::UTF_16LE
    } else if zero_lo * 10 >= pairs * 9 {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    (!had_errors).then(|| (enc.name(), text.into_owned()))
}

/// Refuses empty text and binary data that happened to decode.
fn check_text(path: &str, text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::Empty { path: path.into() });
    }
    if memchr::memchr(0, text.as_bytes()).is_some() {
        return Err(Error::Binary {
            path: path.into(),
            why: "NUL bytes".into(),
        });
    }
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c')) || c == '\u{fffd}' {
            control += 1;
        }
    }
    if control * 20 > total {
        return Err(Error::Binary {
            path: path.into(),
            why: format!("{control} of the first {total} characters are control codes"),
        });
    }
    // A byte or two of anything decodes as some character (issue #17: a 1-byte random file
    // became an article). A few characters without a word are refused; a longer file without
    // words (ornaments, page numbers) is read and gives no article, which is a warning.
    let mut run = 0;
    let word = text.chars().any(|c| {
        run = if c.is_alphanumeric() { run + 1 } else { 0 };
        run >= 2
    });
    let visible = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(TOO_SHORT + 1);
    if !word && visible.count() <= TOO_SHORT {
        return Err(Error::NoText { path: path.into() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_limit_reads_the_whole_file() {
        let dir = std::env::temp_dir().join(format!("cuttings-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.txt");
        std::fs::write(
            &path,
            "Talks in Tirana ended on Tuesday without an agreement.",
        )
        .unwrap();
        let read = read_file(&path, u64::MAX).unwrap();
        assert!(read.text.starts_with("Talks in Tirana"), "{:?}", read.text);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn utf8_with_bom() {
        let s = decode("a", b"\xef\xbb\xbfHello").unwrap();
        assert_eq!(s.text, "Hello");
        assert_eq!(s.bom_len, 3);
        assert_eq!(s.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xff, 0xfe];
        for u in "Tirana \u{2019}".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let s = decode("a", &b).unwrap();
        assert_eq!(s.text, "Tirana \u{2019}");
        assert_eq!(s.encoding, "UTF-16LE");
    }

    #[test]
    fn windows_1252_fallback() {
        let s = decode("a", b"caf\xe9 \x93quoted\x94").unwrap();
        assert_eq!(s.text, "caf\u{e9} \u{201c}quoted\u{201d}");
        assert_eq!(s.encoding, "windows-1252");
    }

    #[test]
    fn refuses_empty_and_binary() {
        assert!(matches!(decode("e", b" \n\n"), Err(Error::Empty { .. })));
        for bytes in [&b"\xa7"[..], b"x", b"- 1 -", b"\x93"] {
            let err = decode("r", bytes).unwrap_err();
            assert!(matches!(err, Error::NoText { .. }), "{err}");
            assert_eq!(err.to_string(), "r: too short: no text (not one word)");
        }
        assert!(decode("w", b"ok").is_ok());
        assert!(decode("o", b"* * *\n\n- 1 -\n").is_ok());
        let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        let err = decode("junk.bin", &junk).unwrap_err();
        assert!(matches!(err, Error::Binary { .. }), "{err}");
        assert!(err.to_string().starts_with("junk.bin: binary data"));
    }
}
