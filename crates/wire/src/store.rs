//! The wire shapes of what the store answers, shared by the CLI and the web API.

use cuttings_store::{Doubtful, EntityCount, EntityReport, Hit, QuoteRecord, Stats};

use crate::{
    counts, round3, ArticleLine, ConfidenceValue, DoubtfulLine, EntityCountLine, EntityReportLine,
    Facets, HitLine, QuoteRecordLine, SnippetLine, StatsOutput, Warning,
};

/// An entity of a listing.
pub fn entity_count_line(e: &EntityCount) -> EntityCountLine {
    EntityCountLine {
        name: e.name.clone(),
        r#type: e.kind.as_str().to_string(),
        mentions: e.mentions,
        articles: e.articles,
    }
}

/// Everything about one entity.
pub fn entity_report_line(e: EntityReport) -> EntityReportLine {
    EntityReportLine {
        name: e.name,
        r#type: e.kind.as_str().to_string(),
        aliases: e.aliases,
        mentions: e.mentions,
        articles: e.articles,
        outlets: e.outlets,
        months: e.months,
        co_mentions: e
            .co_mentions
            .into_iter()
            .map(|(n, k, c)| (n, k.as_str().to_string(), c))
            .collect(),
        quotes: e.quotes.into_iter().map(quote_record_line).collect(),
    }
}

/// A stored quotation with its article.
pub fn quote_record_line(q: QuoteRecord) -> QuoteRecordLine {
    QuoteRecordLine {
        speaker: q.quote.speaker,
        canonical: q.quote.canonical,
        text: q.quote.text,
        article: q.article_id,
        title: q.title,
        date: q.date.map(|d| d.to_string()),
        outlet: q.outlet,
    }
}

/// An article whose least sure part is doubtful.
pub fn doubtful_line(d: Doubtful) -> DoubtfulLine {
    let (part, value) = d.confidence.weakest();
    DoubtfulLine {
        id: d.id,
        title: d.title,
        part: part.to_string(),
        value: ConfidenceValue(round3(value)),
    }
}

/// Totals over the corpus, with its doubtful articles.
pub fn stats_output(s: &Stats, doubtful: Vec<DoubtfulLine>) -> StatsOutput {
    StatsOutput {
        articles: s.articles,
        sources: s.sources,
        undated: s.undated,
        no_outlet: s.no_outlet,
        by_outlet: counts(&s.by_outlet),
        by_author: counts(&s.by_author),
        by_month: counts(&s.by_month),
        dropped_by_reason: counts(&s.dropped_by_reason),
        warnings: s
            .warnings
            .iter()
            .map(|(source, message)| Warning {
                source: source.clone(),
                message: message.clone(),
            })
            .collect(),
        doubtful,
    }
}

/// Facet counts of a search.
pub fn facets(f: &cuttings_store::Facets) -> Facets {
    Facets {
        outlet: counts(&f.outlet),
        author: counts(&f.author),
        year: counts(&f.year),
        month: counts(&f.month),
        entity: counts(&f.entity),
        language: counts(&f.language),
        kind: counts(&f.kind),
    }
}

/// One search hit (its article's `reuse` key empty).
pub fn hit_line(h: &Hit) -> HitLine {
    HitLine {
        score: h.score,
        snippet: SnippetLine {
            text: h.snippet.text.clone(),
            highlights: h
                .snippet
                .highlights
                .iter()
                .map(|r| [r.start, r.end])
                .collect(),
        },
        article: ArticleLine::from(&h.article),
        reprints: h.printed,
    }
}
