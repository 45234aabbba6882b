//! Property tests: no panic and valid spans on arbitrary bytes and on mangled HTML.

use cuttings_html::{decode, extract};
use proptest::prelude::*;

fn check(bytes: &[u8]) {
    if let Ok(src) = decode("p.html", bytes, None) {
        let page = extract(&src, Some("https://example.org/2020/01/02/x"));
        for &(b, s, l) in &page.body.map.runs {
            assert_eq!(&page.body.text[b..b + l], &src.text[s..s + l]);
        }
        for p in &page.body.paragraphs {
            assert!(
                p.end <= src.text.len()
                    && src.text.is_char_boundary(p.start)
                    && src.text.is_char_boundary(p.end)
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        check(&bytes);
    }

    #[test]
    fn mangled_markup(parts in proptest::collection::vec(prop_oneof![
        Just("<p>".to_string()), Just("</p>".to_string()), Just("<div class=\"content\">".to_string()),
        Just("</div>".to_string()), Just("<script>".to_string()), Just("<!--".to_string()),
        Just("-->".to_string()), Just("&amp;".to_string()), Just("&#x1F600;".to_string()),
        Just("&#99999999;".to_string()), Just("<a href='x'>".to_string()), Just("<br>".to_string()),
        Just("<li>".to_string()), Just("<table><td>".to_string()), Just("</".to_string()), Just("<".to_string()),
        Just("\u{a0}".to_string()), Just("\u{3000}".to_string()), Just("&nbsp;".to_string()),
        "[a-zé ,.\u{a0}\u{2009}]{0,40}",
    ], 0..80)) {
        check(parts.concat().as_bytes());
    }
}

#[test]
fn deep_nesting_and_big_pages() {
    let deep = "<div>".repeat(100_000)
        + "text, with commas, and words enough to count"
        + &"</div>".repeat(10);
    check(deep.as_bytes());
    let para = "<p>Words of a paragraph, with commas, long enough to be read as prose by the scorer.</p>\n";
    let big = format!("<html><body>{}</body></html>", para.repeat(120_000));
    assert!(big.len() > 10 << 20);
    let t = std::time::Instant::now();
    check(big.as_bytes());
    eprintln!("{} MB page in {:?}", big.len() >> 20, t.elapsed());
}
