//! A normalised key under which spelling and transliteration variants of a name meet.
//!
//! `name_key("Mujahideen-e-Khalq") == name_key("Mojahedin Khalq")`, `name_key("Teheran") ==
//! name_key("Tehran")`. Steps, each one a common source of variation in English renderings of
//! Persian, Arabic and other names:
//!
//! 1. lower case; Latin letters with diacritics folded to ASCII ("Téhéran" → "teheran");
//!    apostrophes and the possessive dropped, hyphens, dots and other punctuation → spaces;
//! 2. the words "the", and the ezafe particles "e", "i", "ye" (the "-e" of "Mojahedin-e Khalq")
//!    dropped;
//! 3. in each word, vowels reduced to two classes: back (o, u → u) and front (e, i → i);
//!    `a` and consonants stay; "ou" → "u" and "ee" → "i" by step 4;
//! 4. runs of one letter collapsed ("Hassan" = "Hasan", "Mujahideen" → "mujahidin");
//! 5. a vowel between a vowel + `h` and a consonant dropped ("Teheran" → "tihran" = "Tehran").
//!
//! Consonants are never changed or dropped (except doubling), so names that differ in a
//! consonant ("Iran"/"Iraq", "Rajavi"/"Rojava") keep different keys.

/// The normalised key of a name (empty when nothing is left).
pub fn name_key(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' || c == '\u{2019}' || c == '\u{2018}' || c == '\u{02BC}' || c == '`' {
            // possessive: drop "'s" at a word end
            if matches!(chars.peek(), Some('s' | 'S')) {
                let mut look = chars.clone();
                look.next();
                if look.peek().is_none_or(|n| !n.is_alphanumeric()) {
                    chars.next();
                }
            }
            continue;
        }
        if c.is_alphanumeric() {
            if c.is_ascii() {
                // `fold` maps no ASCII letter (issue #2, speed).
                cur.push(c.to_ascii_lowercase());
                continue;
            }
            for l in c.to_lowercase() {
                match fold(l) {
                    Some(s) => cur.push_str(s),
                    None => cur.push(l),
                }
            }
        } else if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    let mut out = String::new();
    for w in words {
        if matches!(w.as_str(), "the" | "e" | "i" | "ye") {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word_key(&w));
    }
    out
}

fn word_key(w: &str) -> String {
    // vowel classes
    let classed: Vec<char> = w
        .chars()
        .map(|c| match c {
            'o' | 'u' => 'u',
            'e' | 'i' => 'i',
            c => c,
        })
        .collect();
    // collapse runs
    let mut v: Vec<char> = Vec::with_capacity(classed.len());
    for c in classed {
        if v.last() != Some(&c) {
            v.push(c);
        }
    }
    // drop a vowel between h and a consonant
    let is_vowel = |c: char| matches!(c, 'a' | 'i' | 'u');
    let mut out = String::with_capacity(v.len());
    for i in 0..v.len() {
        let dropped = i > 1
            && v[i - 1] == 'h'
            && is_vowel(v[i - 2])
            && is_vowel(v[i])
            && v.get(i + 1)
                .is_some_and(|&n| n.is_alphabetic() && !is_vowel(n) && n != 'h');
        if !dropped {
            out.push(v[i]);
        }
    }
    out
}

/// ASCII for Latin letters with diacritics (lower case).
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' => "c",
        'ď' | 'đ' | 'ḍ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' | 'ġ' => "g",
        'ḥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'į' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' | 'ṣ' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ṭ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' | 'ẓ' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::name_key;

    #[test]
    fn variants_meet() {
        for group in [
            &[
                "Mojahedin",
                "Mujahedin",
                "Mujahideen",
                "Mojahedeen",
                "MOJAHEDIN",
            ][..],
            &["Tehran", "Teheran", "Téhéran"],
            &[
                "Mojahedin-e Khalq",
                "Mujahedin-e-Khalq",
                "Mojahedin e Khalq",
                "Mujahideen Khalq",
            ],
            &["Hassan Rouhani", "Hasan Rohani", "Hasan Rouhani"],
            &["the People's Mojahedin", "People’s Mujahedin"],
            &["Muhammad", "Mohammad", "Mohamad"],
            &["Khamenei", "Khamene'i"],
        ] {
            let k = name_key(group[0]);
            for v in &group[1..] {
                assert_eq!(name_key(v), k, "{v} vs {}", group[0]);
            }
        }
    }

    #[test]
    fn unrelated_names_stay_apart() {
        let names = [
            "Iran",
            "Iraq",
            "Rajavi",
            "Rojava",
            "Paris",
            "Peres",
            "Hassan",
            "Hussein",
            "Ali",
            "Tehran",
            "Tahrir",
            "Maryam",
            "Massoud",
            "Mojahedin",
            "Mujahid",
            "Khalq",
            "Albania",
            "Alabama",
            "Axworthy",
            "Ashworth",
            "Bolton",
            "Boulton Park",
            "Giuliani",
            "Gingrich",
        ];
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                assert_ne!(name_key(a), name_key(b), "{a} and {b} must not meet");
            }
        }
    }

    #[test]
    fn keys_are_stable_text() {
        assert_eq!(name_key("Mojahedin-e Khalq"), "mujahdin khalq");
        assert_eq!(name_key("Muhammad"), "muhmad");
        assert_eq!(name_key("Teheran"), "tihran");
        assert_eq!(name_key("  "), "");
    }
}
