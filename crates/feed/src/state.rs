//! What `watch` remembers between runs: per feed, the validators of the last fetch and the items
//! already stored. One JSON file in the corpus folder, replaced atomically (write, sync, rename),
//! so a crash leaves the old state or the new one, never half of either.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result, Validators};

/// The file name inside the corpus folder.
pub const STATE_FILE: &str = "watch-state.json";

/// Items remembered per feed; older ones are forgotten first (feeds list their newest items).
const MAX_SEEN: usize = 5000;

/// The state of every watched feed.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct WatchState {
    /// Format version of the file.
    #[serde(default)]
    pub version: u32,
    /// Per feed URL (or path).
    #[serde(default)]
    pub feeds: BTreeMap<String, FeedState>,
}

/// What is known of one feed.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct FeedState {
    /// For the next conditional GET.
    #[serde(default)]
    pub validators: Validators,
    /// Ids (and links) of items already stored, oldest first.
    #[serde(default)]
    pub seen: Vec<String>,
    /// When the feed was last fetched (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_fetch: Option<String>,
}

impl FeedState {
    /// True when the item id was stored before.
    pub fn has_seen(&self, id: &str) -> bool {
        self.seen.iter().any(|s| s == id)
    }

    /// Remembers an item id.
    pub fn mark_seen(&mut self, id: &str) {
        if !self.has_seen(id) {
            self.seen.push(id.to_string());
        }
        if self.seen.len() > MAX_SEEN {
            let extra = self.seen.len() - MAX_SEEN;
            self.seen.drain(..extra);
        }
    }
}

impl WatchState {
    /// Reads the state of the corpus at `dir` (empty when there is none yet).
    pub fn load(dir: &Path) -> Result<WatchState> {
        let path = dir.join(STATE_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| Error::State {
                path: path.clone(),
                why: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(WatchState {
                version: 1,
                ..WatchState::default()
            }),
            Err(e) => Err(Error::State {
                path,
                why: e.to_string(),
            }),
        }
    }

    /// Writes the state atomically into the corpus at `dir`.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let path = dir.join(STATE_FILE);
        let tmp: PathBuf = dir.join(format!(".{STATE_FILE}.tmp"));
        let io = |e: std::io::Error| Error::State {
            path: path.clone(),
            why: e.to_string(),
        };
        let json = serde_json::to_vec_pretty(self).map_err(|e| Error::State {
            path: path.clone(),
            why: e.to_string(),
        })?;
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        f.write_all(&json).map_err(io)?;
        f.sync_all().map_err(io)?;
        drop(f);
        std::fs::rename(&tmp, &path).map_err(io)?;
        Ok(())
    }

    /// The state of one feed (created empty).
    pub fn feed(&mut self, url: &str) -> &mut FeedState {
        self.feeds.entry(url.to_string()).or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_cap() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = WatchState::load(dir.path()).unwrap();
        let f = s.feed("https://example.org/feed");
        f.mark_seen("a");
        f.mark_seen("a");
        f.validators.etag = Some("\"x\"".into());
        s.save(dir.path()).unwrap();
        let mut back = WatchState::load(dir.path()).unwrap();
        let f = back.feed("https://example.org/feed");
        assert!(f.has_seen("a"));
        assert_eq!(f.seen.len(), 1);
        assert_eq!(f.validators.etag.as_deref(), Some("\"x\""));
        for i in 0..MAX_SEEN + 3 {
            f.mark_seen(&i.to_string());
        }
        assert_eq!(f.seen.len(), MAX_SEEN);
        assert!(!f.has_seen("a"));
    }
}
