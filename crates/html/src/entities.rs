//! Character references: `&amp;`, `&#8217;`, `&#x2019;` and the named ones that occur in prose.

use std::borrow::Cow;

/// A piece of raw text: copied as is, or one decoded character standing for `len` source bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Bytes `start..end` of the raw text, unchanged.
    Raw(usize, usize),
    /// A decoded reference that took `len` bytes of the raw text starting at `at`.
    Char(char, usize, usize),
}

/// Splits `raw` into unchanged runs and decoded references, in order.
pub fn pieces(raw: &str, mut f: impl FnMut(Piece)) {
    let bytes = raw.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'&', &bytes[i..]) {
        let amp = i + off;
        if let Some((c, len)) = reference(&raw[amp..]) {
            if amp > start {
                f(Piece::Raw(start, amp));
            }
            f(Piece::Char(c, amp, len));
            start = amp + len;
            i = start;
        } else {
            i = amp + 1;
        }
    }
    if bytes.len() > start {
        f(Piece::Raw(start, bytes.len()));
    }
}

/// Decodes every reference in `raw`.
pub fn decode(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    pieces(raw, |p| match p {
        Piece::Raw(s, e) => out.push_str(&raw[s..e]),
        Piece::Char(c, _, _) => out.push(c),
    });
    Cow::Owned(out)
}

/// The character a reference at the start of `s` (which begins with `&`) stands for, and its length.
fn reference(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (digits_from, radix) = if matches!(b.get(2), Some(b'x' | b'X')) {
            (3, 16)
        } else {
            (2, 10)
        };
        let n = b[digits_from.min(b.len())..]
            .iter()
            .take(8)
            .take_while(|c| c.is_ascii_hexdigit() && (radix == 16 || c.is_ascii_digit()))
            .count();
        if n == 0 {
            return None;
        }
        let v = u32::from_str_radix(&s[digits_from..digits_from + n], radix).ok()?;
        let mut len = digits_from + n;
        if b.get(len) == Some(&b';') {
            len += 1;
        }
        let c = match v {
            0 => '\u{fffd}',
            // Windows-1252 code points that pages write as numeric references.
            0x80..=0x9f => windows_1252(v as u8),
            _ => char::from_u32(v).unwrap_or('\u{fffd}'),
        };
        return Some((c, len));
    }
    let n = b[1..]
        .iter()
        .take(10)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if n == 0 {
        return None;
    }
    let name = &s[1..1 + n];
    let c = named(name)?;
    let mut len = 1 + n;
    if b.get(len) == Some(&b';') {
        len += 1;
    } else if !matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp" | "copy" | "reg") {
        // Only the legacy names may omit the semicolon.
        return None;
    }
    Some((c, len))
}

fn windows_1252(b: u8) -> char {
    let byte = [b];
    let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
    s.chars().next().unwrap_or('\u{fffd}')
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "shy" => '\u{ad}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "prime" => '′',
        "Prime" => '″',
        "dagger" => '†',
        "Dagger" => '‡',
        "permil" => '‰',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "curren" => '¤',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup1" => '¹',
        "sup2" => '²',
        "sup3" => '³',
        "micro" => 'µ',
        "para" => '¶',
        "sect" => '§',
        "iexcl" => '¡',
        "iquest" => '¿',
        "ordf" => 'ª',
        "ordm" => 'º',
        "not" => '¬',
        "macr" => '¯',
        "acute" => '´',
        "cedil" => '¸',
        "uml" => '¨',
        "brvbar" => '¦',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "hearts" => '♥',
        "check" => '✓',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Acirc" => 'Â',
        "Atilde" => 'Ã',
        "Auml" => 'Ä',
        "Aring" => 'Å',
        "AElig" => 'Æ',
        "Ccedil" => 'Ç',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Ecirc" => 'Ê',
        "Euml" => 'Ë',
        "Igrave" => 'Ì',
        "Iacute" => 'Í',
        "Icirc" => 'Î',
        "Iuml" => 'Ï',
        "ETH" => 'Ð',
        "Ntilde" => 'Ñ',
        "Ograve" => 'Ò',
        "Oacute" => 'Ó',
        "Ocirc" => 'Ô',
        "Otilde" => 'Õ',
        "Ouml" => 'Ö',
        "Oslash" => 'Ø',
        "Ugrave" => 'Ù',
        "Uacute" => 'Ú',
        "Ucirc" => 'Û',
        "Uuml" => 'Ü',
        "Yacute" => 'Ý',
        "THORN" => 'Þ',
        "szlig" => 'ß',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "atilde" => 'ã',
        "auml" => 'ä',
        "aring" => 'å',
        "aelig" => 'æ',
        "ccedil" => 'ç',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "igrave" => 'ì',
        "iacute" => 'í',
        "icirc" => 'î',
        "iuml" => 'ï',
        "eth" => 'ð',
        "ntilde" => 'ñ',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ouml" => 'ö',
        "oslash" => 'ø',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "yacute" => 'ý',
        "thorn" => 'þ',
        "yuml" => 'ÿ',
        "OElig" => 'Œ',
        "oelig" => 'œ',
        "Scaron" => 'Š',
        "scaron" => 'š',
        "Yuml" => 'Ÿ',
        "fnof" => 'ƒ',
        "circ" => 'ˆ',
        "tilde" => '˜',
        "alpha" => 'α',
        "beta" => 'β',
        "gamma" => 'γ',
        "delta" => 'δ',
        "pi" => 'π',
        "mu" => 'μ',
        "sigma" => 'σ',
        "omega" => 'ω',
        "Delta" => 'Δ',
        "Omega" => 'Ω',
        "minus" => '−',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "asymp" => '≈',
        "infin" => '∞',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_and_numeric() {
        assert_eq!(
            decode("a &amp; b &#8217;s &#x201C;q&#x201D; &eacute;t&eacute;"),
            "a & b ’s “q” été"
        );
        assert_eq!(decode("AT&T &unknown; &#; &"), "AT&T &unknown; &#; &");
        assert_eq!(decode("&nbsp&copy 2019"), "\u{a0}© 2019");
        assert_eq!(decode("&#150;"), "–");
    }
}
