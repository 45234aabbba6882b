//! MHTML (`.mhtml`, `.mht`): a MIME `multipart/related` message whose first `text/html` part is
//! the page, usually quoted-printable or base64.
//!
//! The source text of such a page is its decoded HTML part; its SHA-256 is the archive's.

/// The HTML part of an archive.
pub struct Part {
    /// Decoded bytes (transfer encoding undone, charset not yet applied).
    pub body: Vec<u8>,
    /// The part's declared charset.
    pub charset: Option<String>,
}

/// True for MHTML by extension or by a MIME header naming `multipart/related`.
pub fn is_mhtml(path: &str, bytes: &[u8]) -> bool {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".mhtml") || lower.ends_with(".mht") {
        return true;
    }
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    (head.starts_with("from:")
        || head.starts_with("mime-version:")
        || head.starts_with("content-type:")
        || head.starts_with("subject:")
        || head.starts_with("date:")
        || head.starts_with("snapshot-content-location:"))
        && head.contains("multipart/related")
}

/// Headers of one part (or of the message), folded lines joined.
fn headers(block: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            out.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    out
}

fn param(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// Splits a header block from its body at the first blank line.
fn split_head(s: &str) -> (&str, &str) {
    for sep in ["\r\n\r\n", "\n\n"] {
        if let Some(i) = s.find(sep) {
            return (&s[..i], &s[i + sep.len()..]);
        }
    }
    (s, "")
}

/// Finds and decodes the first `text/html` part.
pub fn html_part(bytes: &[u8]) -> Option<Part> {
    // MIME headers and QP/base64 bodies are ASCII; a lossy view is enough to cut them.
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = split_head(&text);
    let hs = headers(head);
    let ctype = hs
        .iter()
        .find(|(k, _)| k == "content-type")
        .map(|(_, v)| v.as_str())?;
    let boundary = param(ctype, "boundary")?;
    let delim = format!("--{boundary}");
    for part in body.split(delim.as_str()).skip(1) {
        if part.starts_with("--") {
            break;
        }
        let part = part.trim_start_matches(['\r', '\n']);
        let (ph, pb) = split_head(part);
        let phs = headers(ph);
        let get = |k: &str| phs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let pt = get("content-type").unwrap_or("text/plain");
        if !pt.to_ascii_lowercase().starts_with("text/html") {
            continue;
        }
        let charset = param(pt, "charset");
        let body = match get("content-transfer-encoding")
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("quoted-printable") => quoted_printable(pb.as_bytes()),
            Some("base64") => base64(pb.as_bytes()),
            _ => {
                // 8bit/binary: take the original bytes of this part, when `pb` lies in
                // `text` (an empty body may be a literal elsewhere: found by fuzzing).
                let start = (pb.as_ptr() as usize)
                    .checked_sub(text.as_ptr() as usize)
                    .filter(|s| s + pb.len() <= text.len());
                match (&text, start) {
                    (std::borrow::Cow::Borrowed(_), Some(start)) => {
                        bytes[start..start + pb.len()].to_vec()
                    }
                    _ => pb.as_bytes().to_vec(),
                }
            }
        };
        return Some(Part { body, charset });
    }
    None
}

fn quoted_printable(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            if b.get(i + 1) == Some(&b'\r') && b.get(i + 2) == Some(&b'\n') {
                i += 3;
                continue;
            }
            if b.get(i + 1) == Some(&b'\n') {
                i += 2;
                continue;
            }
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (
                b.get(i + 1).copied().and_then(hex),
                b.get(i + 2).copied().and_then(hex),
            ) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

fn base64(b: &[u8]) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(b.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for &c in b {
        if c == b'=' {
            break;
        }
        let Some(v) = val(c) else { continue };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_without_a_body_is_empty_not_a_crash() {
        // found by `cargo fuzz run mhtml`: the part's headers run to the end, so its body is
        // an empty literal outside the text, and the offset of it underflowed
        let m =
            "Content-Type: multipart/related; boundary=\"b\"\n\n--b\nContent-Type: text/html\nX: y";
        let p = html_part(m.as_bytes()).unwrap();
        assert!(p.body.is_empty());
    }

    #[test]
    fn finds_the_html_part() {
        let m = "From: <Saved by a browser>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----B\"\r\n\r\n------B\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p class=3D\"x\">caf=C3=A9 long=\r\nline</p>\r\n------B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0K\r\n------B--\r\n";
        assert!(is_mhtml("page.bin", m.as_bytes()));
        let p = html_part(m.as_bytes()).unwrap();
        assert_eq!(
            String::from_utf8(p.body).unwrap().trim(),
            "<p class=\"x\">café longline</p>"
        );
        assert_eq!(p.charset.as_deref(), Some("utf-8"));
        assert_eq!(base64(b"aGVsbG8="), b"hello");
    }
}
