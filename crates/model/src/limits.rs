//! [`Limits`]: the one table of bounds that protect memory, time and stack from hostile or huge
//! inputs (issue #17).
//!
//! Every reader takes the same `Limits`, so a limit means the same thing whichever reader meets
//! it, and the CLI sets them all from one set of flags (`--max-file-size`, `--max-pages`,
//! `--max-depth`, `--max-inflated`, `--max-html-nodes`, `--max-query-depth`). The README's table
//! lists each limit with its default, its flag and what happens when it is hit.

/// The default of [`Limits::max_file_size`]: 256 MiB.
pub const MAX_FILE_SIZE: u64 = 256 << 20;

/// The default of [`Limits::max_pages`]: 2,000 pages.
pub const MAX_PAGES: usize = 2000;

/// The default of [`Limits::max_depth`]: 256 levels.
///
/// Real PDFs nest arrays and dictionaries a dozen levels at most, and real pages nest elements a
/// few dozen; `pdf_oxide` parses nesting by recursion, and 256 levels stay far inside the 2 MiB
/// stack of a worker thread even in a debug build.
pub const MAX_DEPTH: usize = 256;

/// The default of [`Limits::max_inflated`]: 64 MiB from one compressed stream.
///
/// A page's content stream is rarely over a few megabytes.
pub const MAX_INFLATED: u64 = 64 << 20;

/// The default of [`Limits::max_html_nodes`]: 500,000 elements.
///
/// A long news page has a few thousand; each element costs the parser about 100 bytes and the
/// extractor more, so this bounds a page's memory to tens of megabytes beyond its own size.
pub const MAX_HTML_NODES: usize = 500_000;

/// The default of [`Limits::max_query_depth`]: 64 levels of groups and `NOT`s.
///
/// The query grammar recurses once per level; no real query nests a tenth as deep.
pub const MAX_QUERY_DEPTH: usize = 64;

/// Bounds on what one input may cost; [`Limits::default`] holds the defaults above.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// A file (or stdin, or a fetched page) larger than this many bytes is refused before it is
    /// read.
    pub max_file_size: u64,
    /// A PDF with more pages than this is refused.
    pub max_pages: usize,
    /// A PDF whose arrays and dictionaries (in the file or in a content stream), or whose page
    /// tree or chain of indirect references, nest deeper than this is refused; in a web page,
    /// elements deeper than this are read as children of the deepest open one (as browsers do).
    pub max_depth: usize,
    /// A compressed stream of a PDF that inflates to more than this many bytes is refused as a
    /// decompression bomb.
    pub max_inflated: u64,
    /// A web page with more elements (start tags) than this is refused.
    pub max_html_nodes: usize,
    /// A search query nesting groups and `NOT`s deeper than this is refused.
    pub max_query_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_size: MAX_FILE_SIZE,
            max_pages: MAX_PAGES,
            max_depth: MAX_DEPTH,
            max_inflated: MAX_INFLATED,
            max_html_nodes: MAX_HTML_NODES,
            max_query_depth: MAX_QUERY_DEPTH,
        }
    }
}

/// `n` bytes for people: in GiB, MiB, KiB or bytes, whichever divides it.
pub fn human_bytes(n: u64) -> String {
    const KIB: u64 = 1024;
    for (unit, size) in [("GiB", KIB * KIB * KIB), ("MiB", KIB * KIB), ("KiB", KIB)] {
        if n >= size && n.is_multiple_of(size) {
            return format!("{} {unit}", n / size);
        }
    }
    format!("{n} bytes")
}
