//! tantivy's English stemmer behind a per-analyzer cache.
//!
//! Stemming is most of the cost of indexing running text, and running text repeats the same few
//! thousand words over and over, so each analyzer (tantivy clones one per field per segment
//! writer thread) remembers the stems it computed. The stems are exactly tantivy's, so indexing
//! and querying agree whether or not a word was cached.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Entries kept before the cache starts over (bounds memory on odd input).
const MAX_ENTRIES: usize = 100_000;

/// A fast hash for short words (FxHash): the default SipHash showed in profiles, and a collision
/// here only costs time, never a wrong stem.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Cache = HashMap<String, String, BuildHasherDefault<WordHasher>>;

/// A [`TokenFilter`] that stems like `Stemmer::new(Language::English)`, with a cache.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CachedEnglishStemmer;

type Stem = <Stemmer as TokenFilter>::Tokenizer<RawTokenizer>;

impl TokenFilter for CachedEnglishStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stem: Stemmer::new(Language::English).transform(RawTokenizer::default()),
            cache: Cache::default(),
        }
    }
}

/// The tokenizer [`CachedEnglishStemmer`] makes.
#[derive(Clone)]
pub(crate) struct CachedStemmerFilter<T> {
    inner: T,
    /// Stems one whole word: the raw tokenizer yields it as a single token.
    stem: Stem,
    cache: Cache,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.cache.len() > MAX_ENTRIES {
            self.cache.clear();
        }
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stem: &mut self.stem,
            cache: &mut self.cache,
        }
    }
}

/// The token stream of [`CachedStemmerFilter`].
pub(crate) struct CachedStemmerStream<'a, S> {
    tail: S,
    stem: &'a mut Stem,
    cache: &'a mut Cache,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.cache.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let mut stream = self.stem.token_stream(&token.text);
        let stem = if stream.advance() {
            stream.token().text.clone()
        } else {
            token.text.clone()
        };
        self.cache
            .insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer};

    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn stems_exactly_like_tantivy_cached_or_not() {
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedEnglishStemmer)
            .build();
        let text = "The agreements were agreed; Agreeing parties agree. Running runs ran \
                    généralement Tiranë naïve cafés a I é 2017 x-ray";
        let expected = tokens(&mut plain, text);
        assert!(expected.iter().any(|t| t.0 == "agreement"));
        // Twice: the second pass hits the cache for every word.
        assert_eq!(tokens(&mut cached, text), expected);
        assert_eq!(tokens(&mut cached, text), expected);
        // A clone (as tantivy makes per segment) keeps giving the same stems.
        let mut clone = cached.clone();
        assert_eq!(tokens(&mut clone, text), expected);
    }
}
