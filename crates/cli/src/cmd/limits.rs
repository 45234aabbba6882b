//! The flags of [`Limits`] (issue #17), shared by the commands that read files (`ingest`, `watch`,
//! `process`, `pages`), and sizes for people (`256MiB`, `64M`, `1G`, `4096`).

use std::fmt;
use std::str::FromStr;

use cuttings_model::limits::{self, Limits};

/// The limits that bound reading one input, but its size (each command says what it reads, and
/// `watch` fetches with a lower bound of its own); see the README's table of limits.
#[derive(Clone, Debug, clap::Args)]
pub struct LimitArgs {
    /// Refuse PDFs with more pages than this.
    #[arg(long, value_name = "N", default_value_t = limits::MAX_PAGES)]
    pub max_pages: usize,
    /// Refuse PDFs nesting arrays, dictionaries or page trees deeper than this; in web pages,
    /// deeper elements are read as children of the deepest open one.
    #[arg(long, value_name = "N", default_value_t = limits::MAX_DEPTH)]
    pub max_depth: usize,
    /// Refuse PDFs with a compressed stream inflating beyond this (a decompression bomb).
    #[arg(long, value_name = "SIZE", default_value_t = Size(limits::MAX_INFLATED))]
    pub max_inflated: Size,
    /// Refuse web pages with more elements than this.
    #[arg(long, value_name = "N", default_value_t = limits::MAX_HTML_NODES)]
    pub max_html_nodes: usize,
}

impl LimitArgs {
    /// The limits these flags set, with `max_file_size` (the query depth stays at its default:
    /// reading takes no query).
    pub fn limits(&self, max_file_size: Size) -> Limits {
        Limits {
            max_file_size: max_file_size.0,
            max_pages: self.max_pages,
            max_depth: self.max_depth,
            max_inflated: self.max_inflated.0,
            max_html_nodes: self.max_html_nodes,
            ..Limits::default()
        }
    }
}

/// The default of `--max-file-size`.
pub const MAX_FILE_SIZE: Size = Size(limits::MAX_FILE_SIZE);

/// A number of bytes, written for people: `4096`, `64K`, `64KiB`, `256MiB`, `1G`, `1.5GB`.
///
/// Units are binary whatever their spelling (`K`, `KB`, `KiB` are all 1024): a limit is a bound,
/// not a measurement, and one meaning is easier to remember than two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size(pub u64);

impl FromStr for Size {
    type Err = String;

    fn from_str(s: &str) -> Result<Size, String> {
        let t = s.trim();
        let split = t
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(t.len());
        let (num, unit) = t.split_at(split);
        let num: f64 = num
            .parse()
            .map_err(|_| format!("{s:?} is not a size (say 4096, 64KiB, 256MiB or 1G)"))?;
        let shift = match unit.trim().to_ascii_lowercase().as_str() {
            "" | "b" => 0,
            "k" | "kb" | "kib" => 10,
            "m" | "mb" | "mib" => 20,
            "g" | "gb" | "gib" => 30,
            "t" | "tb" | "tib" => 40,
            other => {
                return Err(format!(
                    "unknown unit {other:?} in {s:?} (say K, M, G or T)"
                ))
            }
        };
        let bytes = num * (1u64 << shift) as f64;
        if !bytes.is_finite() || bytes >= u64::MAX as f64 {
            return Err(format!("{s:?} is too large"));
        }
        Ok(Size(bytes as u64))
    }
}

impl fmt::Display for Size {
    /// The shortest exact form: `256MiB`, `1GiB`, `1000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            &limits::human_bytes(self.0)
                .replace(' ', "")
                .replace("bytes", ""),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_and_print_for_people() {
        for (text, bytes) in [
            ("4096", 4096),
            ("64K", 64 << 10),
            ("64 KiB", 64 << 10),
            ("256MiB", 256 << 20),
            ("256mb", 256 << 20),
            ("1G", 1 << 30),
            ("1.5GiB", 3 << 29),
        ] {
            assert_eq!(text.parse::<Size>(), Ok(Size(bytes)), "{text}");
        }
        for bad in ["", "MiB", "12 parsecs", "-1"] {
            assert!(bad.parse::<Size>().is_err(), "{bad}");
        }
        assert_eq!(Size(256 << 20).to_string(), "256MiB");
        assert_eq!(Size(1 << 30).to_string(), "1GiB");
        assert_eq!(Size(1000).to_string(), "1000");
        assert_eq!(Size(0).to_string(), "0");
    }
}
