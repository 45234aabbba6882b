//! Repair: an article draft's lines → clean paragraphs (hyphenation, compounds, reflow).
#![deny(missing_docs)]
