//! Archives and compressed files, known by their magic bytes (issue #17): they are refused with
//! what they are, before anything is inflated, so a zip or gzip bomb costs a look at its first
//! bytes and says what it is.

/// What `bytes` are when they start like an archive or a compressed file, as a phrase for the
/// error message ("a zip archive", "gzip-compressed data"); `None` for anything else.
pub fn sniff_archive(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"PK\x03\x04", "a zip archive"),
        (b"PK\x05\x06", "a zip archive (empty)"),
        (b"PK\x07\x08", "a zip archive (spanned)"),
        (b"\x1f\x8b", "gzip-compressed data"),
        (b"\x1f\x9d", "compress (.Z) data"),
        (b"\xfd7zXZ\x00", "xz-compressed data"),
        (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
        (b"Rar!\x1a\x07", "a rar archive"),
        (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
        (b"\x04\x22\x4d\x18", "lz4-compressed data"),
        (b"MSCF\x00\x00\x00\x00", "a cab archive"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(kind);
    }
    // bzip2: "BZh", the block size, then a block's or the end's magic (plain text may well
    // start with "BZh9").
    if bytes.len() >= 10
        && bytes.starts_with(b"BZh")
        && (b'1'..=b'9').contains(&bytes[3])
        && (bytes[4..10] == *b"\x31\x41\x59\x26\x53\x59"
            || bytes[4..10] == *b"\x17\x72\x45\x38\x50\x90")
    {
        return Some("bzip2-compressed data");
    }
    // tar: "ustar" and a NUL (POSIX) or two spaces and a NUL (GNU) at offset 257 of the first
    // header; the NUL keeps a text with "ustar" at that place a text.
    if bytes.get(257..263) == Some(b"ustar\0") || bytes.get(257..265) == Some(b"ustar  \0") {
        return Some("a tar archive");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archives_are_known_by_their_magic() {
        assert_eq!(sniff_archive(b"PK\x03\x04rest"), Some("a zip archive"));
        assert_eq!(
            sniff_archive(b"\x1f\x8b\x08\x00"),
            Some("gzip-compressed data")
        );
        assert_eq!(
            sniff_archive(b"BZh91AY&SY\x00\x00"),
            Some("bzip2-compressed data")
        );
        let mut tar = vec![b'a'; 512];
        tar[257..263].copy_from_slice(b"ustar\0");
        assert_eq!(sniff_archive(&tar), Some("a tar archive"));
        tar[257..265].copy_from_slice(b"ustar  \0");
        assert_eq!(sniff_archive(&tar), Some("a tar archive"));
        tar[257..265].copy_from_slice(b"ustard, ");
        assert_eq!(sniff_archive(&tar), None);
        let err = crate::decode("d.txt.gz", b"\x1f\x8b\x08\x00\x00\x00").unwrap_err();
        assert_eq!(
            err.to_string(),
            "d.txt.gz: gzip-compressed data: archives and compressed files are not read; \
             unpack it first"
        );
        // Text that merely starts like one is text.
        for text in [
            &b"BZh9 is a model number"[..],
            b"PK 7 road sign",
            b"Rar! said he",
        ] {
            assert_eq!(
                sniff_archive(text),
                None,
                "{}",
                String::from_utf8_lossy(text)
            );
        }
    }
}
