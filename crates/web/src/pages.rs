//! The HTML pages: search, article, entities, entity, outlets, corpus, login.
//!
//! Each handler gathers what it shows in one blocking call on a corpus handle, then writes it
//! with `maud` (every value escaped). No page sends or needs a script.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Form, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use cuttings_model::{Article, ReuseKind, ReuseLink};
use cuttings_store::{
    AliasAction, AliasChange, EntityCount, EntityReport, SearchResults, Sort, Stats, StoredArticle,
};
use cuttings_wire::ShowOutput;
use maud::{html, Markup};
use serde::Deserialize;

use crate::api::{self, SearchParams};
use crate::auth;
use crate::pool::Failure;
use crate::render::{
    self, article_href, clean, entity_href, frame, num, query_string, Mark, MarkKind,
};
use crate::server::Shared;
use crate::svg::{self, Edge, Node};
use crate::Edit;

/// Hits per page.
const PER_PAGE: usize = 20;

type PageResult = Result<Markup, Failure>;

fn page(r: PageResult) -> Response {
    match r {
        Ok(m) => html_response(StatusCode::OK, m),
        Err(f) => failure(f),
    }
}

/// A failure as a page.
pub(crate) fn failure(f: Failure) -> Response {
    let body = frame(
        "Error",
        "",
        html! {
            h1 { (f.status.as_u16()) " " (f.status.canonical_reason().unwrap_or("")) }
            p.error { (f.message) }
            p { a href="/" { "Back to search" } }
        },
    );
    html_response(f.status, body)
}

/// The 401 page, with the login form.
pub(crate) fn unauthorised() -> Response {
    html_response(StatusCode::UNAUTHORIZED, login_page(None))
}

fn login_page(error: Option<&str>) -> Markup {
    frame(
        "Log in",
        "",
        html! {
            h1 { "Log in" }
            p { "This corpus is served with a token. Enter it to read on (it is kept in a cookie for this site only)." }
            @if let Some(e) = error { p.error { (e) } }
            form method="post" action="/login" {
                label { "Token " input type="password" name="token" autocomplete="current-password" required; }
                button type="submit" { "Log in" }
            }
        },
    )
}

/// `GET /login`.
pub(crate) async fn login_form() -> Response {
    html_response(StatusCode::OK, login_page(None))
}

/// A page as a response.
fn html_response(status: StatusCode, page: Markup) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page.into_string(),
    )
        .into_response()
}

#[derive(Deserialize)]
pub(crate) struct Login {
    token: String,
}

/// `POST /login`: sets the cookie when the token is right.
pub(crate) async fn login(
    State(app): State<Shared>,
    form: Result<Form<Login>, axum::extract::rejection::FormRejection>,
) -> Response {
    let Some(token) = &app.token else {
        return Redirect::to("/").into_response();
    };
    let given = match form {
        Ok(Form(l)) => l.token,
        Err(e) => return failure(Failure::new(e.status(), "bad_request", e.body_text())),
    };
    if !auth::same(given.trim().as_bytes(), token.as_bytes()) {
        return html_response(
            StatusCode::UNAUTHORIZED,
            login_page(Some("That is not the token.")),
        );
    }
    let cookie = format!(
        "{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000",
        auth::COOKIE,
        render::enc(token)
    );
    ([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response()
}

/// `GET /static/style.css`.
pub(crate) async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("../assets/style.css"),
    )
        .into_response()
}

/// Any other path.
pub(crate) async fn not_found() -> Response {
    failure(Failure::not_found("There is no such page."))
}

// ---------------------------------------------------------------------------------------------
// Search

/// `GET /`: the search page.
pub(crate) async fn search(
    State(app): State<Shared>,
    q: Result<Query<SearchParams>, QueryRejection>,
) -> Response {
    let work = async {
        let p = q
            .map(|Query(p)| p)
            .map_err(|e| Failure::bad_request(e.body_text()))?;
        let request = p.request(PER_PAGE, true)?;
        let results = app.pool.read(move |c| api::run_search(c, &request)).await?;
        Ok(search_page(&p, &results))
    };
    page(work.await)
}

/// The parameters of the current search, to rebuild links with one changed.
fn search_pairs(p: &SearchParams) -> Vec<(&'static str, String)> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        ("q", p.q.clone()),
        ("sort", o(&p.sort)),
        ("from", o(&p.from)),
        ("to", o(&p.to)),
        ("outlet", o(&p.outlet)),
        ("author", o(&p.author)),
        ("source", o(&p.source)),
        ("entity", o(&p.entity)),
        ("language", o(&p.language)),
        ("kind", o(&p.kind)),
        ("collapse", o(&p.collapse)),
    ]
}

/// The current search with some parameters replaced (and the offset reset unless given).
fn search_href(p: &SearchParams, changes: &[(&'static str, String)]) -> String {
    let mut pairs = search_pairs(p);
    for (k, v) in changes {
        match pairs.iter_mut().find(|(key, _)| key == k) {
            Some(pair) => pair.1 = v.clone(),
            None => pairs.push((k, v.clone())),
        }
    }
    format!("/{}", query_string(&pairs))
}

fn search_page(p: &SearchParams, r: &SearchResults) -> Markup {
    let collapsed = !matches!(p.collapse.as_deref(), Some("false" | "0" | "off" | "no"));
    let offset = p.offset.unwrap_or(0);
    let sort = p.sort.clone().unwrap_or_default();
    let filters: Vec<(&str, &'static str, String)> = [
        ("outlet", "outlet", &p.outlet),
        ("author", "author", &p.author),
        ("entity", "entity", &p.entity),
        ("language", "language", &p.language),
        ("kind", "kind", &p.kind),
        ("from", "from", &p.from),
        ("to", "to", &p.to),
        ("source", "source", &p.source),
    ]
    .into_iter()
    .filter_map(|(label, key, v)| {
        v.as_ref()
            .filter(|v| !v.trim().is_empty())
            .map(|v| (label, key, v.clone()))
    })
    .collect();
    let facet = |title: &str, key: &'static str, counts: &[(String, u64)], period: bool| {
        html! {
            @if !counts.is_empty() {
                section.facet {
                    h3 { (title) }
                    ul {
                        @for (value, n) in counts.iter().take(12) {
                            @let href = if period {
                                search_href(p, &[("from", value.clone()), ("to", value.clone())])
                            } else {
                                search_href(p, &[(key, value.clone())])
                            };
                            li { a href=(href) { (clean(value)) } " " span.count { (num(*n)) } }
                        }
                    }
                }
            }
        }
    };
    let mut years = r.facets.year.clone();
    years.sort();
    let mut months = r.facets.month.clone();
    months.sort();
    let shown_to = offset + r.hits.len();
    let title = if p.q.trim().is_empty() {
        "Search".to_string()
    } else {
        format!("{} – search", clean(&p.q))
    };
    frame(
        &title,
        "Search",
        html! {
            form.search method="get" action="/" role="search" {
                input type="search" name="q" value=(p.q) placeholder="words, \"a phrase\", entity:MEK, outlet names…" aria-label="Query";
                select name="sort" aria-label="Order" {
                    option value="relevance" selected[sort.is_empty() || sort == "relevance"] { "Best match" }
                    option value="newest" selected[sort == "newest" || sort == "date"] { "Newest" }
                    option value="oldest" selected[sort == "oldest"] { "Oldest" }
                }
                select name="collapse" aria-label="Reprints" {
                    option value="true" selected[collapsed] { "Reprints collapsed" }
                    option value="false" selected[!collapsed] { "Every reprint" }
                }
                @for (_, key, value) in &filters {
                    input type="hidden" name=(key) value=(value);
                }
                button type="submit" { "Search" }
            }
            @if !filters.is_empty() {
                p.filters {
                    "Filtered by "
                    @for (label, key, value) in &filters {
                        a.chip href=(search_href(p, &[(key, String::new())])) title="remove this filter" {
                            (label) ": " (clean(value)) " ×"
                        }
                        " "
                    }
                }
            }
            div.results {
                section.hits {
                    p.total {
                        @if r.total == 0 {
                            "Nothing matches."
                        } @else {
                            (num(r.total as u64)) " " (if collapsed { "stories" } else { "articles" })
                            @if !r.hits.is_empty() { ", " (num(offset as u64 + 1)) "–" (num(shown_to as u64)) " shown" }
                        }
                    }
                    ol.hits start=(offset + 1) {
                        @for h in &r.hits {
                            @let a = &h.article;
                            li.hit {
                                a.title href=(article_href(&a.id.0)) { (clean(a.title.as_deref().unwrap_or("(untitled)"))) }
                                p.meta {
                                    (byline(a))
                                    @if let Some(n) = h.printed.filter(|&n| n > 1) { " · " span.printed { "printed " (n) "×" } }
                                }
                                p.snippet {
                                    (render::marked_snippet(&h.snippet.text, &h.snippet.highlights))
                                }
                            }
                        }
                    }
                    nav.pager {
                        @if offset > 0 {
                            a rel="prev" href=(search_href(p, &[("offset", offset.saturating_sub(PER_PAGE).to_string())])) { "← Previous" }
                        }
                        @if shown_to < r.total {
                            a rel="next" href=(search_href(p, &[("offset", shown_to.to_string())])) { "Next →" }
                        }
                    }
                }
                aside.facets {
                    (facet("Outlet", "outlet", &r.facets.outlet, false))
                    (facet("Author", "author", &r.facets.author, false))
                    (facet("Entity", "entity", &r.facets.entity, false))
                    (facet("Year", "year", &years, true))
                    (facet("Month", "month", &months, true))
                    (facet("Language", "language", &r.facets.language, false))
                    (facet("Kind", "kind", &r.facets.kind, false))
                }
            }
        },
    )
}

/// `date · outlet · authors` of an article.
fn byline(a: &Article) -> Markup {
    let mut parts: Vec<String> = Vec::new();
    if let Some(d) = a.date {
        parts.push(d.to_string());
    }
    if let Some(o) = &a.outlet {
        parts.push(clean(o));
    }
    if !a.authors.is_empty() {
        parts.push(clean(&a.authors.join(", ")));
    }
    if parts.is_empty() {
        parts.push("undated, no outlet".into());
    }
    html! { (parts.join(" · ")) }
}

// ---------------------------------------------------------------------------------------------
// Article

struct ArticleView {
    stored: StoredArticle,
    show: Result<ShowOutput, String>,
    links: Vec<ReuseLink>,
    others: HashMap<String, Article>,
    /// The articles before and after it in its source (id, title), for merges.
    neighbours: Vec<(String, Option<String>)>,
    /// The CSRF token, when edits are allowed.
    edit: Option<String>,
}

/// `GET /articles/{id}`.
pub(crate) async fn article(State(app): State<Shared>, Path(id): Path<String>) -> Response {
    let sources = std::sync::Arc::clone(&app.sources);
    let edit = app.allow_edits.then(|| app.csrf.clone());
    let r = app
        .pool
        .read(move |c| {
            let Some(stored) = c.article(&id)? else {
                return Err(Failure::not_found(format!("No article has the id {id:?}.")));
            };
            let show = sources.show(c, &stored);
            let links = c.reuse_of(&stored.article.id.0)?;
            let mut others = HashMap::new();
            for l in &links {
                let other = if l.a == stored.article.id { &l.b } else { &l.a };
                if let Some(o) = c.article(&other.0)? {
                    others.insert(other.0.clone(), o.article);
                }
            }
            let mut neighbours = Vec::new();
            if edit.is_some() {
                let filter = cuttings_store::Filter {
                    source: Some(stored.file.sha256.clone()),
                    ..Default::default()
                };
                let all = c.articles(&filter)?;
                if let Some(i) = all.iter().position(|x| x.id == stored.article.id) {
                    for j in [i.checked_sub(1), Some(i + 1)].into_iter().flatten() {
                        if let Some(n) = all.get(j) {
                            neighbours.push((n.id.0.clone(), n.title.clone()));
                        }
                    }
                }
            }
            Ok(ArticleView {
                stored,
                show,
                links,
                others,
                neighbours,
                edit,
            })
        })
        .await;
    page(r.map(|v| article_page(&v)))
}

fn article_page(v: &ArticleView) -> Markup {
    let a = &v.stored.article;
    let mut marks: Vec<Mark> = Vec::new();
    for e in &a.entities {
        marks.push(Mark {
            range: e.start..e.end,
            kind: MarkKind::Entity {
                canonical: e.canonical.clone(),
                kind: e.kind.as_str().to_string(),
            },
        });
    }
    for q in &a.quotes {
        marks.push(Mark {
            range: q.start..q.end,
            kind: MarkKind::Quote {
                speaker: q.speaker.clone(),
            },
        });
    }
    for l in &v.links {
        let mine_is_a = l.a == a.id;
        let other = if mine_is_a { &l.b } else { &l.a };
        for p in &l.passages {
            let span = if mine_is_a { p.a } else { p.b };
            marks.push(Mark {
                range: span.start..span.end,
                kind: MarkKind::Shared {
                    other: other.0.clone(),
                },
            });
        }
    }
    let title = clean(a.title.as_deref().unwrap_or("(untitled)"));
    let f = &v.stored.file;
    let pdf = !a.provenance.boxes.is_empty();
    frame(
        &title,
        "",
        html! {
            article.article {
                h1 { (title) }
                @if let Some(s) = &a.subtitle { p.standfirst { (clean(s)) } }
                dl.meta {
                    dt { "Date" } dd { (a.date.map(|d| d.to_string()).unwrap_or_else(|| "—".into())) }
                    dt { "Outlet" } dd {
                        @if let Some(o) = &a.outlet { a href=(format!("/{}", query_string(&[("outlet", o.clone())]))) { (clean(o)) } } @else { "—" }
                    }
                    dt { "Authors" } dd {
                        @if a.authors.is_empty() { "—" }
                        @for (i, au) in a.authors.iter().enumerate() {
                            @if i > 0 { ", " }
                            a href=(format!("/{}", query_string(&[("author", au.clone())]))) { (clean(au)) }
                        }
                    }
                    dt { "Language" } dd { (a.language.as_deref().map(clean).unwrap_or_else(|| "—".into())) }
                    dt { "Kind" } dd { (a.kind.as_str()) }
                    @if let Some(c) = &a.confidence {
                        dt { "Confidence" } dd {
                            @for (i, (part, value)) in c.parts().into_iter().enumerate() {
                                @if i > 0 { ", " }
                                span class=(if value < 0.5 { "doubtful" } else { "" }) { (part) " " (format!("{value:.2}")) }
                            }
                        }
                    }
                    dt { "Id" } dd { code { (a.id.0) } }
                }
                p.legend { span.mention { "name" } " " span.quote { "quotation" } " " span.shared { "shared with another article" } }
                div.body { (render::marked_body(&a.body, &mut marks)) }
            }
            @if !a.quotes.is_empty() {
                section {
                    h2 { "Quotations" }
                    ul.quotes {
                        @for q in &a.quotes {
                            li {
                                q { (clean(&q.text)) }
                                " — "
                                @match (&q.canonical, &q.speaker) {
                                    (Some(c), _) => a href=(entity_href(c)) { (clean(q.speaker.as_deref().unwrap_or(c))) },
                                    (None, Some(s)) => (clean(s)),
                                    (None, None) => em { "speaker not found" },
                                }
                            }
                        }
                    }
                }
            }
            @if !v.links.is_empty() {
                section {
                    h2 { "Reprints and shared passages" }
                    table.reuse {
                        thead { tr { th { "Article" } th { "Outlet" } th { "Date" } th { "Kind" } th { "Words" } th { "Shared passages" } } }
                        tbody {
                            @for l in &v.links {
                                @let other = if l.a == a.id { &l.b } else { &l.a };
                                @let o = v.others.get(&other.0);
                                tr {
                                    td { a href=(article_href(&other.0)) { (clean(o.and_then(|o| o.title.as_deref()).unwrap_or(&other.0))) } }
                                    td { (o.and_then(|o| o.outlet.as_deref()).map(clean).unwrap_or_else(|| "—".into())) }
                                    td { (o.and_then(|o| o.date).map(|d| d.to_string()).unwrap_or_else(|| "—".into())) }
                                    td { (reuse_kind(l.kind)) }
                                    td { (l.words) }
                                    td {
                                        @for p in l.passages.iter().take(3) {
                                            @let span = if l.a == a.id { p.a } else { p.b };
                                            blockquote { (svg::short(a.body.get(span.start..span.end).unwrap_or(""), 240)) }
                                        }
                                        @if l.passages.len() > 3 { p { "and " (l.passages.len() - 3) " more" } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            section.provenance {
                h2 { "Provenance" }
                dl.meta {
                    dt { "Source" } dd { (render::external_link(&f.path)) }
                    dt { "SHA-256" } dd { code { (f.sha256) } }
                    dt { "Pages" } dd { (a.source.first_page) "–" (a.source.last_page) " of " (f.pages) }
                    dt { "Read as" } dd { (f.encoding) @if let Some(fl) = &f.flavor { ", " (fl) } }
                }
                @match &v.show {
                    Ok(show) => {
                        p { "Source text: " (show.source_status) }
                        table.spans {
                            thead { tr { th { "Field" } th { "Bytes" } th { "Line" } th { "Source text" } } }
                            tbody {
                                @for fs in &show.provenance {
                                    @if fs.spans.is_empty() {
                                        tr { td { (fs.field) } td colspan="3" { @if let Some(n) = fs.corrected_by { "set by correction #" (n) } @else { "no span" } } }
                                    }
                                    @for s in fs.spans.iter().take(if fs.field == "body" { 6 } else { 20 }) {
                                        tr {
                                            td { (fs.field) }
                                            td { (s.start) "–" (s.end) }
                                            td { (s.line.clone().unwrap_or_default()) }
                                            td { (svg::short(s.text.as_deref().unwrap_or(""), 160)) }
                                        }
                                    }
                                    @if fs.field == "body" && fs.spans.len() > 6 {
                                        tr { td { "body" } td colspan="3" { "and " (fs.spans.len() - 6) " more lines" } }
                                    }
                                }
                            }
                        }
                        @if !show.dropped_in_file.is_empty() {
                            p { "Furniture dropped from this file: "
                                @for (i, c) in show.dropped_in_file.iter().enumerate() { @if i > 0 { ", " } (c.value) " " (c.count) } }
                        }
                    }
                    Err(reason) => p.error { "The source could not be read back: " (reason) }
                }
                @if pdf {
                    h3 { "Where it was printed" }
                    div.pages {
                        @for n in a.source.first_page..=a.source.last_page.min(a.source.first_page + 5) {
                            figure {
                                img src=(format!("{}/pages/{n}", article_href(&a.id.0))) alt=(format!("page {n} with the article's boxes")) loading="lazy";
                                figcaption { "page " (n) }
                            }
                        }
                    }
                }
            }
            @if let Some(csrf) = &v.edit {
                section.edits {
                    h2 { "Correct the split" }
                    p { "Corrections are logged (see " code { "cuttings fix list" } ") and apply again whenever the source is read." }
                    form.edit method="post" action=(format!("{}/fix", article_href(&a.id.0))) {
                        input type="hidden" name="csrf" value=(csrf);
                        input type="hidden" name="action" value="title";
                        input type="text" name="value" value=(clean(a.title.as_deref().unwrap_or(""))) aria-label="Title";
                        input type="text" name="reason" placeholder="reason";
                        button type="submit" { "Set the title" }
                    }
                    form.edit method="post" action=(format!("{}/fix", article_href(&a.id.0))) {
                        input type="hidden" name="csrf" value=(csrf);
                        input type="hidden" name="action" value="split";
                        input type="text" name="value" placeholder="source line (see the table)" aria-label="Line" required;
                        input type="text" name="reason" placeholder="reason";
                        button type="submit" { "Split before this line" }
                    }
                    @for (id, title) in &v.neighbours {
                        form.edit method="post" action=(format!("{}/fix", article_href(&a.id.0))) {
                            input type="hidden" name="csrf" value=(csrf);
                            input type="hidden" name="action" value="merge";
                            input type="hidden" name="value" value=(id);
                            input type="text" name="reason" placeholder="reason";
                            button type="submit" { "Merge with “" (svg::short(title.as_deref().unwrap_or("(untitled)"), 50)) "”" }
                        }
                    }
                }
            }
        },
    )
}

fn reuse_kind(k: ReuseKind) -> &'static str {
    match k {
        ReuseKind::Reprint => "reprint",
        ReuseKind::Partial => "shared passages",
        ReuseKind::Quote => "same quotation",
    }
}

/// `GET /articles/{id}/pages/{page}`: the page drawing (SVG, served as an image).
pub(crate) async fn page_drawing(
    State(app): State<Shared>,
    Path((id, n)): Path<(String, u32)>,
) -> Response {
    let sources = std::sync::Arc::clone(&app.sources);
    let r = app
        .pool
        .read(move |c| {
            let Some(stored) = c.article(&id)? else {
                return Err(Failure::not_found(format!("No article has the id {id:?}.")));
            };
            sources.page_svg(&stored, n).map_err(Failure::not_found)
        })
        .await;
    match r {
        // Served as an image with its own policy: even a script in it could not run.
        Ok(svg) => (
            [
                (header::CONTENT_TYPE, "image/svg+xml"),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'",
                ),
            ],
            svg,
        )
            .into_response(),
        Err(f) => failure(f),
    }
}

// ---------------------------------------------------------------------------------------------
// Entities

#[derive(Deserialize)]
pub(crate) struct EntitiesParams {
    r#type: Option<String>,
}

/// `GET /entities`: the most mentioned entities, by type.
pub(crate) async fn entities(
    State(app): State<Shared>,
    q: Result<Query<EntitiesParams>, QueryRejection>,
) -> Response {
    let work = async {
        let p = q
            .map(|Query(p)| p)
            .map_err(|e| Failure::bad_request(e.body_text()))?;
        let kind = api::entity_kind(p.r#type.as_deref())?;
        let list: Vec<EntityCount> = app.pool.read(move |c| Ok(c.entities(kind, 200)?)).await?;
        Ok(frame(
            "Entities",
            "Entities",
            html! {
                h1 { "Entities" }
                p.tabs {
                    a href="/entities" { "all" } " · "
                    a href="/entities?type=person" { "people" } " · "
                    a href="/entities?type=org" { "organisations" } " · "
                    a href="/entities?type=place" { "places" } " · "
                    a href="/entities?type=misc" { "other" }
                }
                @if list.is_empty() { p { "No names have been found in this corpus yet." } }
                table.list {
                    thead { tr { th { "Name" } th { "Type" } th.n { "Articles" } th.n { "Mentions" } } }
                    tbody {
                        @for e in &list {
                            tr {
                                td { a href=(entity_href(&e.name)) { (clean(&e.name)) } }
                                td { span class={"kind " (e.kind.as_str())} { (e.kind.as_str()) } }
                                td.n { (num(e.articles)) }
                                td.n { (num(e.mentions)) }
                            }
                        }
                    }
                }
            },
        ))
    };
    page(work.await)
}

struct EntityView {
    report: EntityReport,
    log: Vec<AliasChange>,
    /// Co-mentions among the neighbours: (i, j, shared articles), indexes into `co_mentions`.
    among: Vec<(usize, usize, u64)>,
    quoted_about: Vec<cuttings_store::QuoteRecord>,
    articles: SearchResults,
}

/// How many neighbours the network shows.
const NETWORK_NODES: usize = 14;

/// `GET /entities/{name}`.
pub(crate) async fn entity(State(app): State<Shared>, Path(name): Path<String>) -> Response {
    let allow_edits = app.allow_edits;
    let csrf = app.csrf.clone();
    let r = app
        .pool
        .read(move |c| {
            let Some((report, articles)) = entity_report(c, &name)? else {
                return Err(Failure::not_found(format!(
                    "Nothing in the corpus is mentioned as {name:?}."
                )));
            };
            let names: Vec<String> = std::iter::once(report.name.to_lowercase())
                .chain(report.aliases.iter().map(|(a, _)| a.to_lowercase()))
                .collect();
            let log = c
                .alias_log()?
                .into_iter()
                .filter(|ch| {
                    names.contains(&ch.name.to_lowercase())
                        || ch
                            .target
                            .as_deref()
                            .is_some_and(|t| names.contains(&t.to_lowercase()))
                })
                .collect();
            // Edges among the neighbours: articles naming both, counted by the index.
            let shown: Vec<&str> = report
                .co_mentions
                .iter()
                .take(NETWORK_NODES)
                .map(|(n, _, _)| n.as_str())
                .collect();
            let mut among = Vec::new();
            for (i, a) in shown.iter().enumerate() {
                for (j, b) in shown.iter().enumerate().skip(i + 1) {
                    let both = format!("{} AND {}", entity_term(a), entity_term(b));
                    let n = c.count(&both, &cuttings_store::Filter::default())?;
                    if n > 0 {
                        among.push((i, j, n as u64));
                    }
                }
            }
            let quoted_about = c.quotes(None, Some(&report.name), 20)?;
            Ok(EntityView {
                report,
                log,
                among,
                quoted_about,
                articles,
            })
        })
        .await;
    page(r.map(|v| entity_page(&v, allow_edits, &csrf)))
}

/// `entity:"NAME"` as a query term.
fn entity_term(name: &str) -> String {
    format!("entity:\"{}\"", name.replace(['"', '\\'], " "))
}

/// What the entity page shows of an entity: its names from the records, its outlets, months
/// and co-mentions from the index (facets of a search for it, fast however many articles name
/// it), its quotations; and its latest articles, from the same search.
fn entity_report(
    c: &cuttings_store::Corpus,
    name: &str,
) -> Result<Option<(EntityReport, SearchResults)>, Failure> {
    let Some(names) = c.entity_names(name)? else {
        return Ok(None);
    };
    let latest = cuttings_store::Page {
        offset: 0,
        limit: 15,
        sort: Sort::Newest,
        collapse_reprints: false,
    };
    let found = c.search_page(
        &entity_term(&names.name),
        &cuttings_store::Filter::default(),
        &latest,
    )?;
    let mut months = found.facets.month.clone();
    months.sort();
    let co: Vec<(String, u64)> = found
        .facets
        .entity
        .iter()
        .filter(|(n, _)| *n != names.name)
        .take(40)
        .cloned()
        .collect();
    let kinds = c.entity_kinds(&co.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>())?;
    let report = EntityReport {
        co_mentions: co
            .into_iter()
            .map(|(n, count)| {
                let kind = kinds
                    .get(&n)
                    .copied()
                    .unwrap_or(cuttings_model::EntityKind::Misc);
                (n, kind, count)
            })
            .collect(),
        outlets: found
            .facets
            .outlet
            .iter()
            .map(|(o, n)| (Some(o.clone()), *n))
            .collect(),
        months,
        quotes: c.quotes(Some(&names.name), None, 20)?,
        name: names.name,
        kind: names.kind,
        aliases: names.aliases,
        mentions: names.mentions,
        articles: names.articles,
    };
    Ok(Some((report, found)))
}

fn entity_page(v: &EntityView, allow_edits: bool, csrf: &str) -> Markup {
    let e = &v.report;
    let mut nodes = vec![Node {
        label: e.name.clone(),
        class: e.kind.as_str().to_string(),
        weight: e.articles,
        href: entity_href(&e.name),
    }];
    let mut edges = Vec::new();
    for (i, (n, k, shared)) in e.co_mentions.iter().take(NETWORK_NODES).enumerate() {
        nodes.push(Node {
            label: n.clone(),
            class: k.as_str().to_string(),
            weight: *shared,
            href: entity_href(n),
        });
        edges.push(Edge {
            from: 0,
            to: i + 1,
            weight: *shared,
            directed: false,
        });
    }
    for &(i, j, w) in &v.among {
        edges.push(Edge {
            from: i + 1,
            to: j + 1,
            weight: w,
            directed: false,
        });
    }
    let name = clean(&e.name);
    let search_entity = format!("/{}", query_string(&[("entity", e.name.clone())]));
    frame(
        &name,
        "Entities",
        html! {
            h1 { (name) " " span class={"kind " (e.kind.as_str())} { (e.kind.as_str()) } }
            p { (num(e.mentions)) " mentions in " a href=(search_entity) { (num(e.articles)) " articles" } }
            div.grid {
                section {
                    h2 { "Names" }
                    ul.names { @for (n, c) in &e.aliases { li { (clean(n)) " " span.count { (num(*c)) } } } }
                    @if !v.log.is_empty() {
                        h3 { "Alias log" }
                        ul.log {
                            @for ch in &v.log {
                                li class=(if ch.active { "" } else { "undone" }) {
                                    "#" (ch.id) " " (ch.time) ": " (ch.action.as_str()) " " (clean(&ch.name))
                                    @if let Some(t) = &ch.target { " → " (clean(t)) }
                                    @if let Some(r) = &ch.reason { " (" (clean(r)) ")" }
                                    @if !ch.active { " — undone" }
                                }
                            }
                        }
                    }
                    @if allow_edits {
                        h3 { "Edit" }
                        form.edit method="post" action=(format!("{}/alias", entity_href(&e.name))) {
                            input type="hidden" name="csrf" value=(csrf);
                            select name="action" aria-label="Action" {
                                option value="merge" { "Merge into" }
                                option value="rename" { "Rename to" }
                                option value="split" { "Split off the name" }
                            }
                            input type="text" name="target" placeholder="other entity, new name, or the name to split" required;
                            input type="text" name="reason" placeholder="reason (kept in the log)";
                            button type="submit" { "Apply" }
                        }
                    }
                }
                section {
                    h2 { "Mentioned per month" }
                    @if e.months.is_empty() { p { "Only in undated articles." } } @else { (svg::month_bars(&format!("Articles naming {} per month", e.name), &e.months)) }
                    h2 { "Articles by outlet" }
                    table.list {
                        tbody {
                            @for (o, n) in &e.outlets {
                                tr {
                                    td { @if let Some(o) = o { a href=(format!("/{}", query_string(&[("entity", e.name.clone()), ("outlet", o.clone())]))) { (clean(o)) } } @else { "(no outlet)" } }
                                    td.n { (num(*n)) }
                                }
                            }
                        }
                    }
                }
            }
            section {
                h2 { "Named with" }
                @if e.co_mentions.is_empty() { p { "No other name appears in its articles." } } @else {
                    (svg::network(&format!("Entities named in the same articles as {}", e.name), &nodes, &edges, true))
                }
            }
            section {
                h2 { "Latest articles" }
                ul.articles {
                    @for h in &v.articles.hits {
                        li { a href=(article_href(&h.article.id.0)) { (clean(h.article.title.as_deref().unwrap_or("(untitled)"))) } " " span.meta { (byline(&h.article)) } }
                    }
                }
            }
            div.grid {
                section {
                    h2 { "Quotations by " (name) }
                    (quote_list(&e.quotes))
                }
                section {
                    h2 { "Quotations about " (name) }
                    (quote_list(&v.quoted_about))
                }
            }
        },
    )
}

fn quote_list(quotes: &[cuttings_store::QuoteRecord]) -> Markup {
    html! {
        @if quotes.is_empty() { p { "None found." } }
        ul.quotes {
            @for q in quotes {
                li {
                    q { (svg::short(&q.quote.text, 400)) }
                    " — " (clean(q.quote.speaker.as_deref().unwrap_or("?"))) ", "
                    a href=(article_href(&q.article_id)) { (clean(q.title.as_deref().unwrap_or("(untitled)"))) }
                    @if let Some(d) = q.date { " (" (d) ")" }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct AliasForm {
    csrf: String,
    action: String,
    target: String,
    reason: Option<String>,
}

/// `POST /entities/{name}/alias` (with `--allow-edits`): merge, rename or split, logged.
pub(crate) async fn alias_edit(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(name): Path<String>,
    form: Result<Form<AliasForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let work = async {
        let Form(f) = form.map_err(|e| Failure::new(e.status(), "bad_request", e.body_text()))?;
        may_edit(&app, &headers, &f.csrf)?;
        let action = match f.action.as_str() {
            "merge" => AliasAction::Merge,
            "rename" => AliasAction::Rename,
            "split" => AliasAction::Split,
            other => return Err(Failure::bad_request(format!("unknown action {other:?}"))),
        };
        let target = f.target.trim().to_string();
        let reason = f.reason.filter(|r| !r.trim().is_empty());
        let (subject, target) = match action {
            // A split names the form that leaves: that form is the subject.
            AliasAction::Split => (target, None),
            _ => (name.clone(), Some(target)),
        };
        let shown = app
            .pool
            .write(move |c| {
                c.alias(action, &subject, target.as_deref(), reason.as_deref())
                    .map_err(|e| match e {
                        e @ cuttings_store::Error::Locked { .. } => Failure::from(e),
                        e => Failure::bad_request(e.to_string()),
                    })?;
                Ok(target.unwrap_or(subject))
            })
            .await?;
        Ok(Redirect::to(&entity_href(
            if action == AliasAction::Merge || action == AliasAction::Rename {
                &shown
            } else {
                &name
            },
        ))
        .into_response())
    };
    match work.await {
        Ok(r) => r,
        Err(f) => failure(f),
    }
}

/// Edits need `--allow-edits`, the form's CSRF token, and a request from this site.
fn may_edit(app: &crate::server::App, headers: &HeaderMap, csrf: &str) -> Result<(), Failure> {
    if !app.allow_edits {
        return Err(Failure::forbidden(
            "This server is read-only: start it with --allow-edits to edit.",
        ));
    }
    if !auth::same(csrf.as_bytes(), app.csrf.as_bytes()) || !same_origin(headers) {
        return Err(Failure::forbidden(
            "The form is stale or came from another site; reload the page and try again.",
        ));
    }
    Ok(())
}

#[derive(Deserialize)]
pub(crate) struct FixForm {
    csrf: String,
    action: String,
    value: String,
    reason: Option<String>,
}

/// `POST /articles/{id}/fix` (with `--allow-edits`): a correction of segmentation, logged as
/// `cuttings fix` logs it; answers with the (first) article it leaves.
pub(crate) async fn fix_edit(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: Result<Form<FixForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let work = async {
        let Form(f) = form.map_err(|e| Failure::new(e.status(), "bad_request", e.body_text()))?;
        may_edit(&app, &headers, &f.csrf)?;
        let reason = f.reason.filter(|r| !r.trim().is_empty());
        let value = f.value.trim().to_string();
        let edit = match f.action.as_str() {
            "title" => Edit::Title {
                title: value,
                reason,
            },
            "split" => Edit::SplitAt {
                line: value,
                reason,
            },
            "merge" => Edit::MergeWith {
                other: value,
                reason,
            },
            other => return Err(Failure::bad_request(format!("unknown action {other:?}"))),
        };
        let sources = std::sync::Arc::clone(&app.sources);
        let ids = app
            .pool
            .write(move |c| sources.correct(c, &id, &edit).map_err(Failure::bad_request))
            .await?;
        let to = ids
            .first()
            .map_or_else(|| "/".to_string(), |id| article_href(id));
        Ok(Redirect::to(&to).into_response())
    };
    match work.await {
        Ok(r) => r,
        Err(f) => failure(f),
    }
}

/// True when the request's `Origin` (or `Referer`) is this host, or absent.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let from = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|h| h.to_str().ok());
    match from {
        None => true,
        Some(o) => {
            let rest = o.split_once("://").map_or(o, |(_, r)| r);
            rest.split('/').next() == Some(host)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Outlets and corpus

struct OutletsView {
    stats: Stats,
    rows: Vec<(String, Vec<(String, u64)>)>,
    pairs: Vec<cuttings_link::OutletPair>,
}

/// How many outlets get a row of their own.
const OUTLET_ROWS: usize = 15;

/// `GET /outlets`.
pub(crate) async fn outlets(State(app): State<Shared>) -> Response {
    let r = app
        .pool
        .read(|c| {
            let stats = c.stats()?;
            let mut rows = Vec::new();
            for (outlet, _) in stats.by_outlet.iter().take(OUTLET_ROWS) {
                let filter = cuttings_store::Filter {
                    outlet: Some(outlet.clone()),
                    ..Default::default()
                };
                let found = c.search_page("", &filter, &cuttings_store::Page::first(0))?;
                rows.push((outlet.clone(), found.facets.month));
            }
            let links = c.reuse_links(None)?;
            let pairs = if links.is_empty() {
                Vec::new()
            } else {
                let meta = c.article_meta()?;
                let info = |id: &cuttings_model::ArticleId| {
                    meta.get(&id.0)
                        .map(|m| m.info())
                        .unwrap_or(cuttings_link::ArticleInfo {
                            date: None,
                            outlet: None,
                        })
                };
                cuttings_link::outlet_pairs(&links, info)
            };
            Ok(OutletsView { stats, rows, pairs })
        })
        .await;
    page(r.map(|v| outlets_page(&v)))
}

fn outlets_page(v: &OutletsView) -> Markup {
    // The copy network: outlets in the strongest pairs.
    let mut pairs: Vec<&cuttings_link::OutletPair> = v.pairs.iter().collect();
    pairs.sort_by(|a, b| b.pairs.cmp(&a.pairs).then_with(|| a.from.cmp(&b.from)));
    pairs.truncate(40);
    let mut names: Vec<String> = Vec::new();
    let index = |n: &str, names: &mut Vec<String>| match names.iter().position(|x| x == n) {
        Some(i) => i,
        None => {
            names.push(n.to_string());
            names.len() - 1
        }
    };
    let mut edges = Vec::new();
    for p in &pairs {
        let from = index(&p.from, &mut names);
        let to = index(&p.to, &mut names);
        edges.push(Edge {
            from,
            to,
            weight: p.pairs as u64,
            directed: p.directed,
        });
    }
    let counts: HashMap<&str, u64> = v
        .stats
        .by_outlet
        .iter()
        .map(|(o, n)| (o.as_str(), *n))
        .collect();
    let nodes: Vec<Node> = names
        .iter()
        .map(|n| Node {
            label: n.clone(),
            class: "outlet".into(),
            weight: counts.get(n.as_str()).copied().unwrap_or(1),
            href: format!("/{}", query_string(&[("outlet", n.clone())])),
        })
        .collect();
    frame(
        "Outlets",
        "Outlets",
        html! {
            h1 { "Outlets" }
            section {
                h2 { "Articles per month" }
                @if v.rows.is_empty() { p { "No article has an outlet yet." } } @else {
                    (svg::month_rows("Articles per outlet per month", &v.rows))
                }
            }
            @if !v.pairs.is_empty() {
                section {
                    h2 { "Who copies whom" }
                    p { "An arrow runs from the outlet that printed first to the one that printed the same text later; a line without arrow joins outlets that printed it on the same day or undated. Thickness: article pairs." }
                    (svg::network("Text reuse between outlets", &nodes, &edges, false))
                    table.list {
                        thead { tr { th { "First" } th { "Then" } th.n { "Pairs" } th.n { "Reprints" } } }
                        tbody {
                            @for p in &pairs {
                                tr { td { (clean(&p.from)) } td { (clean(&p.to)) @if !p.directed { " (same day or undated)" } } td.n { (p.pairs) } td.n { (p.reprints) } }
                            }
                        }
                    }
                }
            }
            section {
                h2 { "All outlets" }
                table.list {
                    thead { tr { th { "Outlet" } th.n { "Articles" } } }
                    tbody {
                        @for (o, n) in &v.stats.by_outlet {
                            tr { td { a href=(format!("/{}", query_string(&[("outlet", o.clone())]))) { (clean(o)) } } td.n { (num(*n)) } }
                        }
                    }
                }
            }
        },
    )
}

struct CorpusView {
    stats: Stats,
    sources: Vec<cuttings_store::FileRecord>,
    doubtful: Vec<cuttings_store::Doubtful>,
}

/// `GET /corpus`.
pub(crate) async fn corpus(State(app): State<Shared>) -> Response {
    let dir = app.pool.dir().display().to_string();
    let r = app
        .pool
        .read(|c| {
            Ok(CorpusView {
                stats: c.stats()?,
                sources: c.sources()?,
                doubtful: c.doubtful(0.5)?,
            })
        })
        .await;
    page(r.map(|v| {
        let s = &v.stats;
        frame(
            "Corpus",
            "Corpus",
            html! {
                h1 { "Corpus" }
                p { code { (clean(&dir)) } ": " (num(s.articles)) " articles from " (num(s.sources)) " sources; " (num(s.undated)) " undated, " (num(s.no_outlet)) " without outlet." }
                section {
                    h2 { "Articles per month" }
                    (svg::month_bars("Articles per month", &s.by_month))
                }
                div.grid {
                    section {
                        h2 { "Dropped furniture" }
                        table.list { tbody { @for (r, n) in &s.dropped_by_reason { tr { td { (r) } td.n { (num(*n)) } } } } }
                    }
                    section {
                        h2 { "Doubtful splits" }
                        @if v.doubtful.is_empty() { p { "None under 0.5." } }
                        ul {
                            @for d in v.doubtful.iter().take(100) {
                                @let (part, value) = d.confidence.weakest();
                                li { a href=(article_href(&d.id)) { (clean(d.title.as_deref().unwrap_or("(untitled)"))) } " — " (part) " " (format!("{value:.2}")) }
                            }
                        }
                    }
                }
                section {
                    h2 { "Warnings" }
                    @if s.warnings.is_empty() { p { "None." } }
                    ul { @for (src, w) in s.warnings.iter().take(200) { li { code { (clean(src)) } ": " (clean(w)) } } }
                }
                section {
                    h2 { "Sources" }
                    table.list {
                        thead { tr { th { "Path" } th { "Read as" } th.n { "Pages" } th.n { "Bytes" } th { "Articles" } } }
                        tbody {
                            @for f in &v.sources {
                                tr {
                                    td { (render::external_link(&f.path)) }
                                    td { (f.encoding) @if let Some(fl) = &f.flavor { ", " (fl) } }
                                    td.n { (f.pages) }
                                    td.n { (num(f.bytes)) }
                                    td { a href=(format!("/{}", query_string(&[("source", f.sha256.clone())]))) { "list" } }
                                }
                            }
                        }
                    }
                }
            },
        )
    }))
}
