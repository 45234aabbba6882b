//! Compact JSON text for the parts of an article that SQLite has no column type for.
//!
//! Provenance is stored as one JSON object per article, with spans as `[start, end]` pairs and
//! body-map runs as `[body_start, source_start, len]` triples, so that it round-trips exactly.

use cuttings_model::{LineRole, OffsetMap, Provenance, Role, Span};
use serde_json::Value;

/// The first byte of a line-roles blob: the version of its format.
const LINES_FORMAT: u8 = 1;

/// Encodes a source's line roles as a compact blob (a few bytes a line): after a version byte,
/// for each line in reading order its start (zig-zag varint, the difference from the previous
/// line's start), its length and page (varints; the page as the difference from the previous
/// line's), its role (one byte, `Role::index`), its article plus one (varint, 0 for none) and
/// its probability in 255ths (one byte).
pub(crate) fn encode_lines(lines: &[LineRole]) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 + lines.len() * 6);
    out.push(LINES_FORMAT);
    let (mut start, mut page) = (0i64, 0i64);
    for l in lines {
        let s = i64::try_from(l.span.start).unwrap_or(i64::MAX);
        let p = i64::from(l.page);
        varint(zigzag(s - start), &mut out);
        varint(l.span.len() as u64, &mut out);
        varint(zigzag(p - page), &mut out);
        out.push(u8::try_from(l.role.index()).unwrap_or(u8::MAX));
        varint(l.article.map_or(0, |a| a as u64 + 1), &mut out);
        out.push((l.prob.clamp(0.0, 1.0) * 255.0).round() as u8);
        (start, page) = (s, p);
    }
    out
}

/// Decodes [`encode_lines`]; the error says what is wrong.
pub(crate) fn decode_lines(blob: &[u8]) -> Result<Vec<LineRole>, String> {
    let bad = |what: &str| format!("line roles: {what}");
    let Some((&version, mut rest)) = blob.split_first() else {
        return Ok(Vec::new());
    };
    if version != LINES_FORMAT {
        return Err(bad(&format!("unknown format {version}")));
    }
    let mut out = Vec::new();
    let (mut start, mut page) = (0i64, 0i64);
    while !rest.is_empty() {
        start += unzigzag(read_varint(&mut rest).ok_or_else(|| bad("cut short"))?);
        let len = read_varint(&mut rest).ok_or_else(|| bad("cut short"))?;
        page += unzigzag(read_varint(&mut rest).ok_or_else(|| bad("cut short"))?);
        let (&role, tail) = rest.split_first().ok_or_else(|| bad("cut short"))?;
        rest = tail;
        let article = read_varint(&mut rest).ok_or_else(|| bad("cut short"))?;
        let (&prob, tail) = rest.split_first().ok_or_else(|| bad("cut short"))?;
        rest = tail;
        let role = *Role::ALL
            .get(usize::from(role))
            .ok_or_else(|| bad(&format!("role {role}")))?;
        let s = usize::try_from(start).map_err(|_| bad("negative offset"))?;
        let e = usize::try_from(len)
            .ok()
            .and_then(|l| s.checked_add(l))
            .ok_or_else(|| bad("span too long"))?;
        out.push(LineRole {
            span: Span::new(s, e),
            page: u32::try_from(page).map_err(|_| bad("bad page"))?,
            role,
            article: match article {
                0 => None,
                a => Some(usize::try_from(a - 1).map_err(|_| bad("bad article"))?),
            },
            prob: f32::from(prob) / 255.0,
        });
    }
    Ok(out)
}

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn unzigzag(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

fn varint(mut n: u64, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_varint(bytes: &mut &[u8]) -> Option<u64> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        n |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

/// Encodes provenance as compact JSON text.
#[cfg(test)]
pub(crate) fn encode_provenance(p: &Provenance) -> String {
    let mut out = String::new();
    encode_provenance_into(p, &mut out);
    out
}

/// Writes provenance as compact JSON text into `out` (cleared first), without building a
/// `serde_json::Value`: this runs once per stored article.
///
/// The output is byte for byte what `serde_json` makes of the same object (keys in sorted order,
/// no spaces), so stored rows do not depend on which of the two wrote them.
pub(crate) fn encode_provenance_into(p: &Provenance, out: &mut String) {
    out.clear();
    out.push_str("{\"authors\":[");
    for (i, a) in p.authors.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        spans_into(a, out);
    }
    out.push_str("],\"body\":");
    spans_into(&p.body, out);
    out.push_str(",\"body_map\":[");
    for (i, &(b, s, l)) in p.body_map.runs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        number_into(b, out);
        out.push(',');
        number_into(s, out);
        out.push(',');
        number_into(l, out);
        out.push(']');
    }
    out.push_str("],\"date\":");
    spans_into(&p.date, out);
    out.push_str(",\"outlet\":");
    spans_into(&p.outlet, out);
    out.push_str(",\"subtitle\":");
    spans_into(&p.subtitle, out);
    out.push_str(",\"title\":");
    spans_into(&p.title, out);
    out.push('}');
}

fn spans_into(spans: &[Span], out: &mut String) {
    out.push('[');
    for (i, s) in spans.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        number_into(s.start, out);
        out.push(',');
        number_into(s.end, out);
        out.push(']');
    }
    out.push(']');
}

fn number_into(mut n: usize, out: &mut String) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

/// Decodes [`encode_provenance`]; the error says what is wrong.
pub(crate) fn decode_provenance(text: &str) -> Result<Provenance, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("provenance: {e}"))?;
    let field = |name: &str| -> Result<&Vec<Value>, String> {
        v.get(name)
            .and_then(Value::as_array)
            .ok_or_else(|| format!("provenance: missing {name}"))
    };
    let authors = field("authors")?
        .iter()
        .map(|a| spans_of(a, "authors"))
        .collect::<Result<Vec<_>, _>>()?;
    let mut runs = Vec::new();
    for r in field("body_map")? {
        let t = numbers(r, "body_map")?;
        match t[..] {
            [b, s, l] => runs.push((b, s, l)),
            _ => return Err("provenance: body_map run is not a triple".into()),
        }
    }
    Ok(Provenance {
        title: spans_of(&v["title"], "title")?,
        subtitle: spans_of(&v["subtitle"], "subtitle")?,
        date: spans_of(&v["date"], "date")?,
        outlet: spans_of(&v["outlet"], "outlet")?,
        authors,
        body: spans_of(&v["body"], "body")?,
        body_map: OffsetMap { runs },
        boxes: Vec::new(),
    })
}

fn spans_of(v: &Value, name: &str) -> Result<Vec<Span>, String> {
    let list = v
        .as_array()
        .ok_or_else(|| format!("provenance: {name} is not a list"))?;
    list.iter()
        .map(|s| match numbers(s, name)?[..] {
            [start, end] if start <= end => Ok(Span { start, end }),
            _ => Err(format!("provenance: bad span in {name}")),
        })
        .collect()
}

fn numbers(v: &Value, name: &str) -> Result<Vec<usize>, String> {
    v.as_array()
        .ok_or_else(|| format!("provenance: {name} entry is not a list"))?
        .iter()
        .map(|n| {
            n.as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| format!("provenance: {name} entry is not an offset"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provenance_round_trips() {
        let mut map = OffsetMap::default();
        map.push(0, 10, 4);
        map.push(5, 20, 3);
        let p = Provenance {
            title: vec![Span::new(0, 5)],
            subtitle: vec![],
            date: vec![Span::new(6, 16)],
            outlet: vec![Span::new(17, 20), Span::new(21, 30)],
            authors: vec![vec![Span::new(31, 40)], vec![]],
            body: vec![Span::new(10, 14), Span::new(20, 23)],
            body_map: map,
            boxes: Vec::new(),
        };
        let text = encode_provenance(&p);
        assert_eq!(decode_provenance(&text), Ok(p));
    }

    /// What the store wrote before `encode_provenance_into`: the output must not change.
    fn reference(p: &Provenance) -> String {
        use serde_json::json;
        let spans = |v: &[Span]| -> Value { v.iter().map(|s| json!([s.start, s.end])).collect() };
        json!({
            "title": spans(&p.title),
            "subtitle": spans(&p.subtitle),
            "date": spans(&p.date),
            "outlet": spans(&p.outlet),
            "authors": p.authors.iter().map(|a| spans(a)).collect::<Value>(),
            "body": spans(&p.body),
            "body_map": p.body_map.runs.iter().map(|r| json!([r.0, r.1, r.2])).collect::<Value>(),
        })
        .to_string()
    }

    #[test]
    fn encoding_matches_serde_json_byte_for_byte() {
        let mut map = OffsetMap::default();
        map.push(0, 10, 4);
        map.push(5, 1_234_567, 3);
        let full = Provenance {
            title: vec![Span::new(0, 5)],
            subtitle: vec![Span::new(9, 10), Span::new(11, 12)],
            date: vec![Span::new(6, 16)],
            outlet: vec![Span::new(17, 20), Span::new(21, 30)],
            authors: vec![
                vec![Span::new(31, 40)],
                vec![],
                vec![Span::new(usize::MAX - 1, usize::MAX)],
            ],
            body: vec![Span::new(10, 14), Span::new(20, 23)],
            body_map: map,
            boxes: Vec::new(),
        };
        for p in [Provenance::default(), full] {
            let mut buf = String::from("left over");
            encode_provenance_into(&p, &mut buf);
            assert_eq!(buf, reference(&p));
        }
    }

    #[test]
    fn line_roles_round_trip_in_a_few_bytes_a_line() {
        let lines: Vec<LineRole> = (0..200usize)
            .map(|i| LineRole {
                // Reading order is not the text's order in columns side by side.
                span: Span::new(
                    if i % 2 == 0 { i * 40 } else { 100_000 - i * 40 },
                    if i % 2 == 0 {
                        i * 40 + 35
                    } else {
                        100_000 - i * 40 + 60
                    },
                ),
                page: 1 + (i / 50) as u32,
                role: Role::ALL[i % Role::ALL.len()],
                article: (i % 3 != 0).then_some(i / 10),
                prob: (i % 256) as f32 / 255.0,
            })
            .collect();
        let blob = encode_lines(&lines);
        assert!(blob.len() <= 1 + lines.len() * 9, "{} bytes", blob.len());
        assert_eq!(decode_lines(&blob), Ok(lines));
        assert_eq!(decode_lines(&[]), Ok(Vec::new()));
        assert_eq!(decode_lines(&encode_lines(&[])), Ok(Vec::new()));
        assert!(decode_lines(&blob[..blob.len() - 1]).is_err());
        assert!(decode_lines(&[9, 0]).is_err());
    }

    #[test]
    fn bad_provenance_is_an_error() {
        assert!(decode_provenance("{}").is_err());
        assert!(decode_provenance("not json").is_err());
    }
}
