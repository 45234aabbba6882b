//! Fast 64-bit hashing of strings and feature templates (no allocation).

/// Mixes two 64-bit values into one (a multiply-xorshift step).
#[inline(always)]
pub const fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(23)).wrapping_add(0x9E37_79B9_7F4A_7C15);
    let x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01B3;

/// FNV-1a of the string's lower-cased characters.
#[inline]
pub fn hash_lower(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    if s.is_ascii() {
        for &b in s.as_bytes() {
            h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
        }
    } else {
        for c in s.chars().flat_map(char::to_lowercase) {
            h = (h ^ u64::from(c as u32)).wrapping_mul(FNV_PRIME);
        }
    }
    h
}

/// FNV-1a of the string as it is.
#[inline]
pub fn hash_exact(s: &str) -> u64 {
    let mut h = FNV_OFFSET ^ 0x55;
    for &b in s.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    h
}

/// FNV-1a over a sequence of characters.
#[inline]
pub fn hash_chars(cs: impl Iterator<Item = char>) -> u64 {
    let mut h = FNV_OFFSET;
    for c in cs {
        h = (h ^ u64::from(c as u32)).wrapping_mul(FNV_PRIME);
    }
    h
}
