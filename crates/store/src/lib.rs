//! The embedded corpus: SQLite records + tantivy index in one folder.
#![deny(missing_docs)]
