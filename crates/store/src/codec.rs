//! Compact JSON text for the parts of an article that SQLite has no column type for.
//!
//! Provenance is stored as one JSON object per article, with spans as `[start, end]` pairs and
//! body-map runs as `[body_start, source_start, len]` triples, so that it round-trips exactly.

use cuttings_model::{OffsetMap, Provenance, Span};
use serde_json::Value;

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
    fn bad_provenance_is_an_error() {
        assert!(decode_provenance("{}").is_err());
        assert!(decode_provenance("not json").is_err());
    }
}
