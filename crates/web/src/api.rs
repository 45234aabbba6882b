//! The JSON API under `/api/` (described by `assets/openapi.json`), in the shapes of
//! `cuttings-wire`: what the CLI prints with `--format json` is what the API answers.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use cuttings_model::{Date, EntityKind};
use cuttings_store::{Corpus, Filter, Page, Sort};
use cuttings_wire::{self as wire, SearchOutput};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::pool::Failure;
use crate::server::Shared;

/// The most hits one request returns.
pub(crate) const MAX_LIMIT: usize = 1000;

/// The parameters of a search, shared by `/api/search` and the search page.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct SearchParams {
    /// The query, in the CLI's syntax.
    #[serde(default)]
    pub q: String,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
    /// `relevance`, `date` (newest first), `newest` or `oldest`.
    pub sort: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: from the start of that period.
    pub from: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: to the end of that period.
    pub to: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    /// Only articles naming this entity (any of its names).
    pub entity: Option<String>,
    /// Only articles in this language (`en`).
    pub language: Option<String>,
    /// Only articles of this kind (`article`, `letter`).
    pub kind: Option<String>,
    /// `true`: one hit per reprint group.
    pub collapse: Option<String>,
}

/// A parsed search request.
pub(crate) struct SearchRequest {
    pub query: String,
    pub filter: Filter,
    pub page: Page,
}

impl SearchParams {
    /// The store's request; `collapse_default` applies when `collapse` is absent.
    pub fn request(
        &self,
        default_limit: usize,
        collapse_default: bool,
    ) -> Result<SearchRequest, Failure> {
        let sort = match self.sort.as_deref().map(str::trim) {
            None | Some("" | "relevance") => Sort::Relevance,
            Some("date" | "newest") => Sort::Newest,
            Some("oldest") => Sort::Oldest,
            Some(other) => {
                return Err(Failure::bad_request(format!(
                    "sort must be relevance, date, newest or oldest, not {other:?}"
                )))
            }
        };
        let collapse = match self.collapse.as_deref().map(str::trim) {
            None | Some("") => collapse_default,
            Some("true" | "1" | "on" | "yes") => true,
            Some("false" | "0" | "off" | "no") => false,
            Some(other) => {
                return Err(Failure::bad_request(format!(
                    "collapse must be true or false, not {other:?}"
                )))
            }
        };
        let limit = self.limit.unwrap_or(default_limit);
        if limit > MAX_LIMIT {
            return Err(Failure::bad_request(format!(
                "limit is at most {MAX_LIMIT}; page with offset"
            )));
        }
        let nonblank = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let mut terms: Vec<String> = Vec::new();
        for (field, value) in [
            ("entity", &self.entity),
            ("language", &self.language),
            ("kind", &self.kind),
        ] {
            if let Some(v) = nonblank(value) {
                terms.push(format!("{field}:\"{}\"", v.replace(['"', '\\'], " ")));
            }
        }
        // The query as typed when nothing is added (so that errors quote it as typed).
        let q = self.q.trim();
        let mut parts: Vec<String> = Vec::new();
        if !q.is_empty() {
            parts.push(if terms.is_empty() {
                q.to_string()
            } else {
                format!("({q})")
            });
        }
        parts.extend(terms);
        Ok(SearchRequest {
            query: parts.join(" AND "),
            filter: Filter {
                source: nonblank(&self.source),
                outlet: nonblank(&self.outlet),
                author: nonblank(&self.author),
                from: date_bound(nonblank(&self.from).as_deref(), false)?,
                to: date_bound(nonblank(&self.to).as_deref(), true)?,
            },
            page: Page {
                offset: self.offset.unwrap_or(0),
                limit,
                sort,
                collapse_reprints: collapse,
            },
        })
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first day of that period, or the last with `end`.
pub(crate) fn date_bound(s: Option<&str>, end: bool) -> Result<Option<Date>, Failure> {
    let Some(s) = s else { return Ok(None) };
    let bad = || Failure::bad_request(format!("{s:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"));
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<i16>().map_err(|_| bad());
    let date = match parts.as_slice() {
        [y] => {
            let y = num(y)?;
            if end {
                Date::new(y, 12, 31)
            } else {
                Date::new(y, 1, 1)
            }
        }
        [y, m] => {
            let first = Date::new(num(y)?, i8::try_from(num(m)?).map_err(|_| bad())?, 1);
            if end {
                first.map(|d| d.last_of_month())
            } else {
                first
            }
        }
        [y, m, d] => Date::new(
            num(y)?,
            i8::try_from(num(m)?).map_err(|_| bad())?,
            i8::try_from(num(d)?).map_err(|_| bad())?,
        ),
        _ => return Err(bad()),
    };
    date.map(Some).map_err(|_| bad())
}

/// A failure as JSON: `{"message", "code"}` with its status.
pub(crate) fn failure(f: Failure) -> Response {
    (
        f.status,
        Json(json!({"message": f.message, "code": f.code})),
    )
        .into_response()
}

/// `Err` as JSON, `Ok` as JSON.
fn answer<T: serde::Serialize>(r: Result<T, Failure>) -> Response {
    match r {
        Ok(v) => Json(v).into_response(),
        Err(f) => failure(f),
    }
}

fn params<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, Failure> {
    q.map(|Query(p)| p)
        .map_err(|e| Failure::bad_request(format!("bad parameters: {}", e.body_text())))
}

/// Runs a search (shared with the search page).
pub(crate) fn run_search(
    corpus: &Corpus,
    r: &SearchRequest,
) -> Result<cuttings_store::SearchResults, Failure> {
    Ok(corpus.search_page(&r.query, &r.filter, &r.page)?)
}

/// `GET /api/search`.
pub(crate) async fn search(
    State(app): State<Shared>,
    q: Result<Query<SearchParams>, QueryRejection>,
) -> Response {
    let work = async {
        let request = params(q)?.request(20, false)?;
        app.pool
            .read(move |c| {
                let results = run_search(c, &request)?;
                Ok(SearchOutput {
                    total: results.total,
                    hits: results.hits.iter().map(wire::hit_line).collect(),
                    facets: wire::facets(&results.facets),
                })
            })
            .await
    };
    answer(work.await)
}

/// `GET /api/articles/{id}`: the output contract's keys plus `provenance`.
pub(crate) async fn article(State(app): State<Shared>, Path(id): Path<String>) -> Response {
    let sources = std::sync::Arc::clone(&app.sources);
    let r = app
        .pool
        .read(move |c| {
            let Some(stored) = c.article(&id)? else {
                return Err(Failure::not_found(format!(
                    "no article with id or prefix {id:?}"
                )));
            };
            let show = sources.show(c, &stored).map_err(internal)?;
            let mut value = serde_json::to_value(&show.article).map_err(internal)?;
            let provenance = json!({
                "file": show.file,
                "source_status": show.source_status,
                "fields": show.provenance,
                "boxes": show.boxes,
                "dropped_in_file": show.dropped_in_file,
                "corrections": show.corrections,
            });
            if let Value::Object(map) = &mut value {
                map.insert("provenance".into(), provenance);
            }
            Ok(value)
        })
        .await;
    answer(r)
}

fn internal(e: impl std::fmt::Display) -> Failure {
    eprintln!("cuttings serve: {e}");
    Failure::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "the answer could not be written",
    )
}

#[derive(Debug, Deserialize)]
pub(crate) struct EntitiesParams {
    r#type: Option<String>,
    top: Option<usize>,
}

/// An entity type from a parameter.
pub(crate) fn entity_kind(s: Option<&str>) -> Result<Option<EntityKind>, Failure> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(t) => EntityKind::parse(t).map(Some).ok_or_else(|| {
            Failure::bad_request(format!(
                "type must be person, org, place or misc, not {t:?}"
            ))
        }),
    }
}

/// `GET /api/entities?type=&top=`.
pub(crate) async fn entities(
    State(app): State<Shared>,
    q: Result<Query<EntitiesParams>, QueryRejection>,
) -> Response {
    let work = async {
        let p = params(q)?;
        let kind = entity_kind(p.r#type.as_deref())?;
        let top = p.top.unwrap_or(50).min(10_000);
        app.pool
            .read(move |c| {
                let found = c.entities(kind, top)?;
                Ok(found
                    .iter()
                    .map(wire::entity_count_line)
                    .collect::<Vec<_>>())
            })
            .await
    };
    answer(work.await)
}

/// `GET /api/entities/{name}`.
pub(crate) async fn entity(State(app): State<Shared>, Path(name): Path<String>) -> Response {
    let r = app
        .pool
        .read(move |c| match c.entity(&name, 30)? {
            Some(e) => Ok(wire::entity_report_line(e)),
            None => Err(Failure::not_found(format!(
                "nothing in the corpus is mentioned as {name:?}"
            ))),
        })
        .await;
    answer(r)
}

#[derive(Debug, Deserialize)]
pub(crate) struct QuotesParams {
    speaker: Option<String>,
    about: Option<String>,
    limit: Option<usize>,
}

/// `GET /api/quotes?speaker=&about=&limit=`.
pub(crate) async fn quotes(
    State(app): State<Shared>,
    q: Result<Query<QuotesParams>, QueryRejection>,
) -> Response {
    let work = async {
        let p = params(q)?;
        let limit = p.limit.unwrap_or(100).min(MAX_LIMIT);
        app.pool
            .read(move |c| {
                let found = c.quotes(p.speaker.as_deref(), p.about.as_deref(), limit)?;
                Ok(found
                    .into_iter()
                    .map(wire::quote_record_line)
                    .collect::<Vec<_>>())
            })
            .await
    };
    answer(work.await)
}

/// `GET /api/stats`: what `cuttings stats --format json` prints.
pub(crate) async fn stats(State(app): State<Shared>) -> Response {
    let r = app
        .pool
        .read(|c| {
            let s = c.stats()?;
            let doubtful = c
                .doubtful(0.5)?
                .into_iter()
                .map(wire::doubtful_line)
                .collect();
            Ok(wire::stats_output(&s, doubtful))
        })
        .await;
    answer(r)
}

/// `GET /api/openapi.json`.
pub(crate) async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("../assets/openapi.json"),
    )
        .into_response()
}

/// Any other path under `/api/`.
pub(crate) async fn not_found() -> Response {
    failure(Failure::not_found(
        "no such endpoint; see /api/openapi.json",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_bound_whole_periods() {
        let d = |s, end| date_bound(Some(s), end).unwrap().unwrap().to_string();
        assert_eq!(d("2017", false), "2017-01-01");
        assert_eq!(d("2017", true), "2017-12-31");
        assert_eq!(d("2016-02", true), "2016-02-29");
        assert_eq!(d("2017-08-03", true), "2017-08-03");
        assert!(date_bound(Some("2017-13"), false).is_err());
        assert!(date_bound(Some("August"), false).is_err());
    }

    #[test]
    fn filters_in_parameters_become_query_terms() {
        let p = SearchParams {
            q: "talks OR deal".into(),
            entity: Some("Maryam \"Rajavi\"".into()),
            language: Some("en".into()),
            ..SearchParams::default()
        };
        let r = p.request(20, false).unwrap();
        assert_eq!(
            r.query,
            "(talks OR deal) AND entity:\"Maryam  Rajavi \" AND language:\"en\""
        );
        let bad = SearchParams {
            sort: Some("size".into()),
            ..SearchParams::default()
        };
        assert!(bad.request(20, false).is_err());
    }
}
