//! Hand-built files and articles for the store tests.
#![allow(dead_code)]

use cuttings_model::{
    sha256_hex, Article, ArticleId, ArticleKind, Confidence, Date, DropReason, Dropped, EntityKind,
    EntityMention, OffsetMap, Provenance, QuoteMention, SourceRef, Span,
};
use cuttings_store::FileRecord;

/// A file record whose hash is derived from its name.
pub fn file(path: &str) -> FileRecord {
    FileRecord {
        path: path.to_string(),
        sha256: sha256_hex(path.as_bytes()),
        encoding: "UTF-8".to_string(),
        flavor: Some("layout".to_string()),
        pages: 3,
        bytes: 12_345,
    }
}

/// A builder for articles with non-trivial provenance.
pub struct A {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub date: Option<Date>,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
    pub body: String,
    pub id: Option<String>,
    pub entities: Vec<EntityMention>,
    pub quotes: Vec<QuoteMention>,
    pub confidence: Option<Confidence>,
}

/// An article with this title and body and nothing else.
pub fn a(title: &str, body: &str) -> A {
    A {
        title: Some(title.to_string()),
        subtitle: None,
        date: None,
        outlet: None,
        authors: Vec::new(),
        body: body.to_string(),
        id: None,
        entities: Vec::new(),
        quotes: Vec::new(),
        confidence: None,
    }
}

impl A {
    pub fn subtitle(mut self, s: &str) -> A {
        self.subtitle = Some(s.to_string());
        self
    }
    pub fn date(mut self, y: i16, m: i8, d: i8) -> A {
        self.date = Some(Date::new(y, m, d).unwrap());
        self
    }
    pub fn outlet(mut self, o: &str) -> A {
        self.outlet = Some(o.to_string());
        self
    }
    pub fn author(mut self, name: &str) -> A {
        self.authors.push(name.to_string());
        self
    }
    /// How sure segmentation was: boundary, title, date, outlet, authors.
    pub fn confidence(mut self, c: [f32; 5]) -> A {
        self.confidence = Some(Confidence {
            boundary: c[0],
            title: c[1],
            date: c[2],
            outlet: c[3],
            authors: c[4],
        });
        self
    }
    pub fn id(mut self, id: &str) -> A {
        self.id = Some(id.to_string());
        self
    }
    /// A name found in the body (its first occurrence), gathered under `canonical`.
    pub fn entity(self, name: &str, kind: EntityKind, canonical: &str) -> A {
        self.entity_nth(name, kind, canonical, 0)
    }
    /// A name found in the body (its `n`th occurrence, from 0), gathered under `canonical`.
    pub fn entity_nth(mut self, name: &str, kind: EntityKind, canonical: &str, n: usize) -> A {
        let start = self
            .body
            .match_indices(name)
            .nth(n)
            .expect("name in body")
            .0;
        self.entities.push(EntityMention {
            name: name.to_string(),
            kind,
            canonical: canonical.to_string(),
            start,
            end: start + name.len(),
        });
        self
    }
    /// A quotation of words in the body.
    pub fn quote(mut self, text: &str, speaker: Option<&str>, canonical: Option<&str>) -> A {
        let start = self.body.find(text).expect("quote in body");
        self.quotes.push(QuoteMention {
            speaker: speaker.map(str::to_string),
            canonical: canonical.map(str::to_string),
            text: text.to_string(),
            start,
            end: start + text.len(),
        });
        self
    }

    /// The article as found in `file`, with made-up but exact provenance.
    pub fn build(self, file: &FileRecord) -> Article {
        let id = match self.id {
            Some(id) => ArticleId(id),
            None => ArticleId::of(&file.sha256, self.title.as_deref(), &self.body),
        };
        let mut map = OffsetMap::default();
        // Body copied in two runs with an inserted byte between them.
        let half = self.body.len() / 2;
        let half = (half..=self.body.len())
            .find(|&i| self.body.is_char_boundary(i))
            .unwrap_or(0);
        map.push(0, 100, half);
        if half < self.body.len() {
            map.push(half + 1, 100 + half + 7, self.body.len() - half - 1);
        }
        let provenance = Provenance {
            title: vec![Span::new(10, 20)],
            subtitle: if self.subtitle.is_some() {
                vec![Span::new(21, 30), Span::new(31, 35)]
            } else {
                vec![]
            },
            date: if self.date.is_some() {
                vec![Span::new(40, 50)]
            } else {
                vec![]
            },
            outlet: if self.outlet.is_some() {
                vec![Span::new(51, 60)]
            } else {
                vec![]
            },
            authors: self
                .authors
                .iter()
                .enumerate()
                .map(|(i, _)| vec![Span::new(61 + i, 62 + i)])
                .collect(),
            body: vec![
                Span::new(100, 100 + half),
                Span::new(100 + half + 7, 120 + self.body.len()),
            ],
            body_map: map,
            boxes: Vec::new(),
        };
        Article {
            id,
            title: self.title,
            subtitle: self.subtitle,
            date: self.date,
            outlet: self.outlet,
            authors: self.authors,
            language: Some("en".to_string()),
            body: self.body,
            kind: ArticleKind::Article,
            source: SourceRef {
                path: file.path.clone(),
                sha256: file.sha256.clone(),
                first_page: 1,
                last_page: 2,
            },
            provenance,
            entities: self.entities,
            quotes: self.quotes,
            confidence: self.confidence,
        }
    }
}

/// A few dropped spans.
pub fn dropped() -> Vec<Dropped> {
    vec![
        Dropped {
            span: Span::new(0, 9),
            page: 1,
            reason: DropReason::RunningHeader,
        },
        Dropped {
            span: Span::new(500, 503),
            page: 2,
            reason: DropReason::PageNumber,
        },
        Dropped {
            span: Span::new(900, 903),
            page: 3,
            reason: DropReason::PageNumber,
        },
    ]
}

/// A temporary corpus folder (the folder itself does not exist yet).
pub fn tempdir() -> (tempfile::TempDir, std::path::PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("corpus");
    (t, dir)
}
