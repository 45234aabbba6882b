//! The rules of issues #2 and #3 that split a digest into articles, kept as a source of
//! features for the line-role model (`roles::features`): what they make of each line is one of
//! its features, weighed by training against the rest. Nothing else calls them.
//!
//! Article boundaries and metadata.
//!
//! Content lines are either *body* or *candidates* (metadata-like: dates, bylines, sources,
//! short headline-like lines). Between two runs of body lines sits a cluster of candidates; it
//! holds the end of one article (its *tail*: "By X", "Source: Y", a repeated title) and the start
//! of the next (its *head*: title, date, outlet, byline, in any order). A tail always starts with
//! a byline, a source line or a repeated title, and takes only fields the article's head did not
//! already give; everything after it is the next head.

use std::collections::{HashMap, HashSet};

use cuttings_model::{
    ArticleDraft, Date, Diagnostic, DropReason, Dropped, Field, Flavor, Line, Segmented, Source,
    Span, TextLayout,
};

use crate::classify::{headline_like, known_given_name, Info, Kind};

/// What each content line is after looking at its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Drop(DropReason),
    Candidate,
    Body,
}

/// One element of a cluster: a single metadata line or a (multi-line) short group.
#[derive(Clone, Debug)]
struct Item {
    lines: Vec<usize>,
    kind: Kind,
}

/// An article being assembled.
#[derive(Default)]
struct Acc {
    draft: ArticleDraft,
    lines: Vec<usize>,
    has_body: bool,
    /// The head had metadata besides the title (so the tail cannot carry a date first).
    head_meta: bool,
    /// The tail repeated the article's title.
    tail_title: bool,
}

/// Runs the split twice: the second time with titles repeated elsewhere dropped as running titles.
pub(crate) fn split(
    source: &Source,
    layout: &TextLayout,
    infos: &[Info],
    furniture: &[Option<DropReason>],
) -> Segmented {
    let first = split_once(source, layout, infos, furniture);
    let titles: Vec<(String, Vec<Span>)> = first
        .drafts
        .iter()
        .filter_map(|d| d.title.as_ref().map(|t| (norm(&t.value), t.spans.clone())))
        .filter(|(t, _)| t.len() >= 12)
        .collect();
    if titles.is_empty() {
        return first;
    }
    let mut furniture2 = furniture.to_vec();
    let lines = &layout.lines;
    // A contents list repeats every title; it stays a contents list.
    let listed: HashSet<Span> = first
        .dropped
        .iter()
        .filter(|d| d.reason == DropReason::Contents)
        .map(|d| d.span)
        .collect();
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| furniture[i].is_none() && !listed.contains(&lines[i].span))
        .collect();
    // Only lines that start with a title's first word can start a repeated title: the rest are
    // never normalised (most of a digest).
    let first_words: HashSet<&str> = titles
        .iter()
        .filter_map(|(t, _)| t.split(' ').next())
        .collect();
    let mut word = String::new();
    let starts_title = |text: &str, word: &mut String| {
        word.clear();
        let first = text
            .split_whitespace()
            .find(|w| w.chars().any(char::is_alphanumeric));
        word.extend(
            first
                .unwrap_or("")
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
        first_words.contains(word.as_str())
    };
    let mut normed: Vec<Option<String>> = vec![None; content.len()];
    let by_text: std::collections::HashMap<&str, &Vec<Span>> =
        titles.iter().map(|(t, s)| (t.as_str(), s)).collect();
    let longest = titles.iter().map(|(t, _)| t.len()).max().unwrap_or(0);
    let mut changed = false;
    for w in 0..content.len() {
        if !starts_title(source.slice(lines[content[w]].span), &mut word) {
            continue;
        }
        let mut joined = String::new();
        for span_len in 1..=3 {
            let Some(&i) = content.get(w + span_len - 1) else {
                break;
            };
            if span_len > 1 && lines[i].page != lines[content[w]].page {
                break;
            }
            if !joined.is_empty() {
                joined.push(' ');
            }
            let n =
                normed[w + span_len - 1].get_or_insert_with(|| norm(source.slice(lines[i].span)));
            joined.push_str(n);
            if joined.len() > longest {
                break;
            }
            let found = by_text
                .get(joined.as_str())
                .is_some_and(|spans| !spans.contains(&lines[content[w]].span));
            if found {
                for &j in &content[w..w + span_len] {
                    furniture2[j] = Some(DropReason::RunningTitle);
                }
                changed = true;
                break;
            }
        }
    }
    if changed {
        split_once(source, layout, infos, &furniture2)
    } else {
        first
    }
}

fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
    }
    out
}

fn split_once(
    source: &Source,
    layout: &TextLayout,
    infos: &[Info],
    furniture: &[Option<DropReason>],
) -> Segmented {
    let lines = &layout.lines;
    let typical = typical_lengths(lines, infos);
    let roles = assign_roles(layout.flavor, source, lines, infos, furniture, &typical);
    if std::env::var_os("CUTTINGS_TRACE").is_some() {
        for (i, l) in lines.iter().enumerate() {
            let r = match roles[i] {
                Role::Drop(d) => d.as_str().to_string(),
                Role::Candidate => "CAND".into(),
                Role::Body => "".into(),
            };
            eprintln!(
                "p{} c{} {}{:>14} {:?} | {}",
                l.page,
                l.column,
                if l.gap_before { "_" } else { " " },
                r,
                infos[i].kind,
                source.slice(l.span)
            );
        }
    }

    let mut out = Segmented::default();
    let mut articles: Vec<Acc> = Vec::new();
    let mut prelude: Vec<usize> = Vec::new();
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| !matches!(roles[i], Role::Drop(_)))
        .collect();

    let mut prior_titles: HashSet<String> = HashSet::new();
    let mut titled = 0;
    let mut k = 0;
    while k < content.len() {
        let i = content[k];
        if roles[i] == Role::Body {
            match articles.last_mut() {
                Some(acc) => {
                    acc.draft.body.push(lines[i]);
                    acc.lines.push(i);
                    acc.has_body = true;
                }
                None => prelude.push(i),
            }
            k += 1;
            continue;
        }
        // A cluster: candidates up to the next body line.
        let mut end = k;
        while end < content.len() && roles[content[end]] == Role::Candidate {
            end += 1;
        }
        let cluster: Vec<usize> = content[k..end].to_vec();
        k = end;
        let items = group(&cluster, lines, infos, source);
        // Titles of the articles so far, kept up to date as articles are made (the current
        // article's title may come late, from its tail).
        for a in &articles[titled..] {
            if let Some(t) = &a.draft.title {
                prior_titles.insert(norm(&t.value));
            }
        }
        titled = articles.len().saturating_sub(1);
        let mut pos = 0;
        let tail_first = items.first().is_some_and(|it| {
            matches!(it.kind, Kind::Byline | Kind::SourceLine | Kind::OutletDate)
        });
        if articles.is_empty() && tail_first && prelude.len() >= 3 {
            // The first article had no heading we could see: what came before its byline is it.
            let mut acc = Acc::default();
            let first = prelude[0];
            if infos[first].kind == Kind::Short && !infos[first].ends_sentence {
                acc.draft.title = Some(Field::new(
                    source.slice(lines[first].span),
                    lines[first].span,
                ));
                acc.draft.meta_lines.push(lines[first]);
            } else {
                acc.draft.body.push(lines[first]);
            }
            acc.lines.push(first);
            for &p in &prelude[1..] {
                acc.draft.body.push(lines[p]);
                acc.lines.push(p);
            }
            acc.has_body = true;
            prelude.clear();
            articles.push(acc);
        }
        if let Some(cur) = articles.last_mut().filter(|a| a.has_body) {
            pos = take_tail(
                cur,
                &items,
                source,
                lines,
                infos,
                &prior_titles,
                &mut out.dropped,
            );
        }
        let head = &items[pos..];
        if head.is_empty() {
            continue;
        }
        if layout.flavor == Some(Flavor::Raw) {
            if let (Some(cur), [item]) = (articles.last_mut(), head) {
                if paragraph_start(cur, item, lines, &roles, content.get(k).copied()) {
                    let i = item.lines[0];
                    cur.draft.body.push(lines[i]);
                    cur.lines.push(i);
                    continue;
                }
            }
        }
        if articles.is_empty() && !prelude.is_empty() {
            // Lines before the first article belong to the digest's own title block.
            for &p in &prelude {
                out.dropped.push(Dropped {
                    span: lines[p].span,
                    page: lines[p].page,
                    reason: DropReason::Masthead,
                });
            }
            prelude.clear();
        }
        let target = match articles.last_mut() {
            Some(cur) if completes(cur, head, lines, infos) => cur,
            _ => {
                articles.push(Acc::default());
                articles.last_mut().expect("just pushed")
            }
        };
        fill_head(
            target,
            head,
            source,
            lines,
            infos,
            &prior_titles,
            &mut out.dropped,
        );
    }

    if articles.is_empty() && !prelude.is_empty() {
        let mut acc = Acc::default();
        for &p in &prelude {
            acc.draft.body.push(lines[p]);
            acc.lines.push(p);
        }
        articles.push(acc);
        out.diagnostics.push(Diagnostic::warning(
            "no article heading found: the whole text is one article",
            None,
        ));
    } else {
        for &p in &prelude {
            out.dropped.push(Dropped {
                span: lines[p].span,
                page: lines[p].page,
                reason: DropReason::Masthead,
            });
        }
    }

    if layout.flavor == Some(Flavor::Raw) {
        fold_headless_text(&mut articles, source, lines, infos, &typical);
    }

    for (i, role) in roles.iter().enumerate() {
        if let Role::Drop(reason) = role {
            out.dropped.push(Dropped {
                span: lines[i].span,
                page: lines[i].page,
                reason: *reason,
            });
        }
    }
    let line_at: HashMap<usize, usize> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (l.span.start, i))
        .collect();
    for mut acc in articles {
        if acc.lines.is_empty() {
            continue;
        }
        let pages = acc.lines.iter().map(|&i| lines[i].page);
        acc.draft.first_page = pages.clone().min().unwrap_or(1);
        acc.draft.last_page = pages.max().unwrap_or(1);
        strip_signature(&mut acc, source, infos, &line_at, &mut out.dropped);
        if acc.draft.body.is_empty() {
            // A head with nothing under it: keep its lines accounted for as furniture.
            for &i in &acc.lines {
                out.dropped.push(Dropped {
                    span: lines[i].span,
                    page: lines[i].page,
                    reason: DropReason::Fragment,
                });
            }
            continue;
        }
        out.drafts.push(acc.draft);
    }
    out
}

/// Raw dumps: a lone short line that would head a new piece but stands inside a block of the
/// current piece's text (no blank line before it, right under the piece's last body line, and
/// running text right under it in the same block) is the short first line of a paragraph in a
/// narrow column: `pdftotext` leaves a blank line before a headline's larger type.
fn paragraph_start(
    cur: &Acc,
    item: &Item,
    lines: &[Line],
    roles: &[Role],
    next: Option<usize>,
) -> bool {
    let [i] = item.lines[..] else {
        return false;
    };
    item.kind == Kind::Short
        && cur.has_body
        && i > 0
        && !lines[i].gap_before
        && cur
            .draft
            .body
            .last()
            .is_some_and(|l| l.span == lines[i - 1].span)
        && next.is_some_and(|n| {
            n == i + 1
                && roles[n] == Role::Body
                && !lines[n].gap_before
                && lines[n].page == lines[i].page
        })
}

/// Raw dumps: text read after a piece's metadata that makes no piece of its own goes back to
/// that piece.
///
/// When a headline spans a piece's columns and its date, outlet or byline stand under it in the
/// first column, `pdftotext` may read the headline, then the other column's text, and only then
/// the metadata with the first column's text under it. The split then sees a bare headline, a
/// body, a tail, and after it text that opens a piece of its own: its first line (or a name)
/// taken for a headline, and no date, outlet or author anywhere. Such a piece is no piece:
/// every piece of a digest carries some metadata, and its supposed headline is no headline (a
/// line as long as the running text, where a headline's larger type fits fewer characters, or a
/// person's name alone). When the piece before it on the same page
/// had a bare headline and got all its metadata from that tail, the text (with its supposed
/// headline) goes back to it, in front of its body, since the metadata printed above it is the
/// piece's head; a supposed headline that is a person's name is the piece's author.
fn fold_headless_text(
    articles: &mut Vec<Acc>,
    source: &Source,
    lines: &[Line],
    infos: &[Info],
    typical: &[usize],
) {
    let mut j = 1;
    while j < articles.len() {
        let (before, after) = articles.split_at_mut(j);
        let prev = &mut before[j - 1];
        let cur = &after[0];
        let bare =
            |d: &ArticleDraft| d.date.is_none() && d.outlet.is_none() && d.authors.is_empty();
        let common = cur.has_body
            && cur.draft.title.is_some()
            && bare(&cur.draft)
            && cur.draft.subtitle.is_none()
            && prev.has_body
            && prev.draft.title.is_some()
            && match (prev.lines.last(), cur.lines.first()) {
                (Some(&a), Some(&b)) => lines[a].page == lines[b].page,
                _ => false,
            };
        // The supposed headline: one line of text as long as the running text around it (a
        // headline's larger type fits fewer characters on a line), or a person's name alone.
        let heading: Vec<usize> = cur
            .lines
            .iter()
            .copied()
            .filter(|&i| {
                cur.draft.title.as_ref().is_some_and(|t| {
                    t.spans
                        .iter()
                        .any(|s| s.start >= lines[i].span.start && s.end <= lines[i].span.end)
                })
            })
            .collect();
        let textlike = |i: usize| infos[i].chars * 10 >= typical[i] * 8;
        // (a given name we know, or just two capitalised words: a headline of two words with
        // no metadata anywhere is less likely than a name missing from our list)
        let namelike = |i: usize| {
            infos[i].name_like
                && !infos[i].outlet_like
                && (known_given_name(source.slice(lines[i].span)) || infos[i].words == 2)
        };
        let after_tail = common
            && !prev.head_meta
            && !prev.tail_title
            && !bare(&prev.draft)
            && match heading[..] {
                [i] => textlike(i) || (namelike(i) && prev.draft.authors.is_empty()),
                _ => false,
            };
        if !after_tail {
            j += 1;
            continue;
        }
        let cur = articles.remove(j);
        let prev = &mut articles[j - 1];
        if std::env::var_os("CUTTINGS_TRACE").is_some() {
            let title = cur.draft.title.as_ref().map_or("", |t| t.value.as_str());
            eprintln!("segment: fold {title:?} into the piece before");
        }
        let body_lines: HashSet<Span> = cur.draft.body.iter().map(|l| l.span).collect();
        let mut front: Vec<Line> = Vec::new();
        for &i in &cur.lines {
            let line = lines[i];
            let is_name = !body_lines.contains(&line.span)
                && !textlike(i)
                && namelike(i)
                && prev.draft.authors.is_empty();
            if is_name {
                let f = Field::new(source.slice(line.span), line.span);
                prev.draft.authors.push(Field {
                    value: strip_name(&f.value),
                    spans: f.spans,
                });
                prev.draft.meta_lines.push(line);
            } else {
                front.push(line);
            }
        }
        front.append(&mut prev.draft.body);
        prev.draft.body = front;
        prev.lines.extend(cur.lines);
    }
}

/// The article's last paragraph when it only signs the piece: its author or outlet again
/// ("Dr. Ana Ruiz, Centre for Coastal Studies, Lis-" / "bon,") goes to the metadata; a one-line
/// scrap of text after it on the next page is an orphan. An article with no outlet whose text
/// ends in "Name, Country," right above its repeated title takes that name as its outlet.
fn strip_signature(
    acc: &mut Acc,
    source: &Source,
    infos: &[Info],
    line_at: &HashMap<usize, usize>,
    dropped: &mut Vec<Dropped>,
) {
    let body = &acc.draft.body;
    let n = body.len();
    if n < 3 {
        return;
    }
    let info = |l: &Line| line_at.get(&l.span.start).map(|&i| &infos[i]);
    let mut end = n;
    let mut orphan = None;
    let last = &body[n - 1];
    if let Some(li) = info(last) {
        if li.starts_lower && li.ends_sentence && li.words <= 8 && last.page != body[n - 2].page {
            orphan = Some(n - 1);
            end = n - 1;
        }
    }
    // "Chloe Stavros" / "The Strand Review" under the last sentence: a name and an outlet alone
    // on their lines sign the piece.
    // A letter's writer: "Helen Moss, Kestrel Bakery, Norwich" (names, then where they are).
    let writer = |l: &Line| {
        let text = source.slice(l.span);
        let first = text.split(',').next().unwrap_or(text).trim();
        (text.contains(',')
            && text.split_whitespace().count() <= 8
            && crate::classify::name_like(first)
            && known_given_name(first))
        .then(|| {
            let lead = text.len() - text.trim_start().len();
            vec![(strip_name(first), (lead, lead + first.len()))]
        })
    };
    let signer = |l: &Line| {
        info(l).is_some_and(|i| {
            i.kind == Kind::Short
                && i.words <= 5
                && (i.outlet_like || (i.name_like && known_given_name(source.slice(l.span))))
        }) || writer(l).is_some()
    };
    let mut from = end;
    while from > end.saturating_sub(2) && from > 1 && signer(&body[from - 1]) {
        from -= 1;
    }
    // "Yours faithfully," above the signature.
    let closing = |l: &Line| {
        let t = source
            .slice(l.span)
            .trim()
            .trim_end_matches([',', '.'])
            .to_lowercase();
        t.starts_with("yours ")
            || matches!(
                t.as_str(),
                "regards" | "kind regards" | "best regards" | "sincerely"
            )
    };
    if from < end && from > 1 && closing(&body[from - 1]) {
        from -= 1;
    }
    if from < end && info(&body[from - 1]).is_some_and(|i| i.ends_sentence) {
        let block: Vec<Line> = body[from..end].to_vec();
        for l in &block {
            if closing(l) {
                continue;
            }
            if let Some(names) = writer(l) {
                if acc.draft.authors.is_empty() {
                    for (name, (s, e)) in names {
                        let span = Span::new(l.span.start + s, l.span.start + e);
                        acc.draft.authors.push(Field::new(name, span));
                    }
                }
                continue;
            }
            let i = info(l).expect("signer");
            let text = source.slice(l.span).trim_end_matches(['.', ',']);
            let span = Span::new(l.span.start, l.span.start + text.len());
            if i.outlet_like && acc.draft.outlet.is_none() {
                acc.draft.outlet = Some(Field::new(text, span));
            } else if !i.outlet_like && acc.draft.authors.is_empty() {
                acc.draft.authors.push(Field::new(strip_name(text), span));
            }
        }
        acc.draft.body.drain(from..end);
        acc.draft.meta_lines.extend(block);
        if orphan.is_some() {
            drop_last_line(acc, line_at, dropped);
        }
        return;
    }
    let body = &acc.draft.body;
    let mut names: Vec<String> = acc.draft.authors.iter().map(|a| norm(&a.value)).collect();
    if let Some(o) = &acc.draft.outlet {
        names.push(norm(&o.value));
    }
    names.retain(|n| n.len() >= 4);
    for take in 1..=3usize {
        let Some(from) = end.checked_sub(take).filter(|&f| f >= 1) else {
            break;
        };
        let before = &body[from - 1];
        if !info(before).is_some_and(|i| i.ends_sentence) {
            continue;
        }
        let mut joined = String::new();
        for l in &body[from..end] {
            let t = source.slice(l.span).trim();
            if let Some(stem) = joined.strip_suffix('-') {
                joined = stem.to_string();
            } else if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(t);
        }
        if joined.split_whitespace().count() > 18 || joined.ends_with(['.', '!', '?', '"', '”']) {
            continue;
        }
        let signed = norm(crate::classify::strip_honorific_pub(&joined));
        let by_name = names.iter().any(|name| {
            signed.starts_with(name.as_str())
                && signed[name.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        });
        // "Guido Fawkes, UK," over the repeated title: the outlet and where it is.
        let source_line = take == 1
            && orphan.is_none()
            && acc.tail_title
            && acc.draft.outlet.is_none()
            && joined.ends_with(',')
            && info(&body[from]).is_some_and(|i| i.words <= 6 && i.capitalised >= 0.9);
        if !(by_name || source_line) {
            continue;
        }
        if source_line {
            let l = body[from];
            let text = source.slice(l.span);
            let lead = text.len() - text.trim_start().len();
            let name_end = text.find(',').unwrap_or(text.len());
            let span = Span::new(l.span.start + lead, l.span.start + name_end);
            acc.draft.outlet = Some(Field::new(source.slice(span), span));
        }
        let moved: Vec<Line> = acc.draft.body.drain(from..end).collect();
        acc.draft.meta_lines.extend(moved);
        if orphan.is_some() {
            drop_last_line(acc, line_at, dropped);
        }
        return;
    }
}

/// True when `head` completes the current article `cur` instead of starting one: a dump (raw
/// `pdftotext` above all) moved scraps of text between a headline and its metadata.
///
/// - Metadata with no headline of its own, after a bare headline whose text so far is a few
///   scraps starting mid-sentence: the metadata is the headline's.
/// - The reverse: metadata with no headline over text that starts mid-sentence, then a bare
///   headline over the text's real beginning: one piece.
fn completes(cur: &Acc, head: &[Item], lines: &[Line], infos: &[Info]) -> bool {
    let starts_mid_sentence = cur.draft.body.first().is_some_and(|first| {
        cur.lines
            .iter()
            .find(|&&i| lines[i].span == first.span)
            .is_some_and(|&i| infos[i].starts_lower)
    });
    if !starts_mid_sentence {
        return false;
    }
    let headline = |it: &Item| {
        let info = &infos[it.lines[0]];
        it.kind == Kind::Short && !info.outlet_like && !info.name_like
    };
    let untitled = !head.iter().any(headline);
    let bare_title = head.iter().all(|it| it.kind == Kind::Short) && head.iter().any(headline);
    let d = &cur.draft;
    (untitled
        && d.title.is_some()
        && !cur.head_meta
        && d.date.is_none()
        && d.outlet.is_none()
        && d.authors.is_empty()
        && d.body.len() <= 6)
        || (bare_title && d.title.is_none() && cur.head_meta)
}

/// Drops the last line of `acc`'s body as an orphan fragment.
fn drop_last_line(acc: &mut Acc, line_at: &HashMap<usize, usize>, dropped: &mut Vec<Dropped>) {
    let Some(l) = acc.draft.body.pop() else {
        return;
    };
    if let Some(&i) = line_at.get(&l.span.start) {
        acc.lines.retain(|&x| x != i);
    }
    dropped.push(Dropped {
        span: l.span,
        page: l.page,
        reason: DropReason::Fragment,
    });
}

/// The median length of body lines, for "is this short": per page when the page has enough
/// running text (digests mix one-column pages with pages of three narrow columns), else over
/// the whole text. One value per line.
fn typical_lengths(lines: &[Line], infos: &[Info]) -> Vec<usize> {
    const WINDOW: usize = 8;
    fn median(mut lens: Vec<usize>) -> Option<usize> {
        if lens.is_empty() {
            return None;
        }
        lens.sort_unstable();
        Some(lens[lens.len() / 2].max(20))
    }
    let body = |k: usize| infos[k].kind == Kind::Body;
    let overall = median(
        (0..infos.len())
            .filter(|&k| body(k))
            .map(|k| infos[k].chars)
            .collect(),
    )
    .unwrap_or(60);
    let mut out = vec![overall; lines.len()];
    let mut start = 0;
    while start < lines.len() {
        let page = lines[start].page;
        let end = (start..lines.len())
            .find(|&k| lines[k].page != page)
            .unwrap_or(lines.len());
        let bodies: Vec<usize> = (start..end).filter(|&k| body(k)).collect();
        if bodies.len() >= 8 {
            // The body lines nearest each line: narrow columns and a wide piece may share a page.
            for (k, slot) in out[start..end].iter_mut().enumerate() {
                let at = bodies.partition_point(|&b| b < start + k);
                let width = (2 * WINDOW).min(bodies.len());
                let from = at.saturating_sub(WINDOW).min(bodies.len() - width);
                let to = from + width;
                *slot = median(bodies[from..to].iter().map(|&b| infos[b].chars).collect())
                    .unwrap_or(overall);
            }
        }
        start = end;
    }
    out
}

fn is_meta(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::Date | Kind::OutletDate | Kind::Byline | Kind::SourceLine
    )
}

fn assign_roles(
    flavor: Option<cuttings_model::Flavor>,
    source: &Source,
    lines: &[Line],
    infos: &[Info],
    furniture: &[Option<DropReason>],
    typical_at: &[usize],
) -> Vec<Role> {
    let n = lines.len();
    let mut roles: Vec<Role> = (0..n)
        .map(|i| match furniture[i] {
            Some(r) => Role::Drop(r),
            None => match infos[i].kind {
                Kind::Caption => Role::Drop(DropReason::Caption),
                Kind::Sidebar => Role::Drop(DropReason::Sidebar),
                Kind::Masthead => Role::Drop(DropReason::Masthead),
                Kind::Ornament => Role::Drop(DropReason::Ornament),
                Kind::PageNumber => Role::Drop(DropReason::PageNumber),
                _ => Role::Body,
            },
        })
        .collect();

    // A sidebar note ("About the author: ... a correspondent at" / "Sahel Courier.") goes on
    // until its sentence ends.
    for i in 0..n {
        if roles[i] != Role::Drop(DropReason::Sidebar) || infos[i].ends_sentence {
            continue;
        }
        for j in i + 1..n.min(i + 3) {
            if roles[j] != Role::Body || lines[j].page != lines[i].page || infos[j].words > 12 {
                break;
            }
            roles[j] = Role::Drop(DropReason::Sidebar);
            if infos[j].ends_sentence {
                break;
            }
        }
    }

    let layout_dump = flavor == Some(cuttings_model::Flavor::Layout);
    // The digest's title block: on the first page, everything above a contents heading or a
    // "compiled by" line.
    let first_contents =
        (0..n.min(12)).find(|&i| lines[i].page == lines[0].page && infos[i].kind == Kind::Contents);
    let last_masthead = (0..n.min(8)).rev().find(|&i| {
        lines[i].page == lines[0].page
            && infos[i].kind == Kind::Masthead
            && furniture[i] != Some(DropReason::RunningFooter)
    });
    if let Some(end) = first_contents.or(last_masthead) {
        for role in roles.iter_mut().take(end) {
            if *role == Role::Body {
                *role = Role::Drop(DropReason::Masthead);
            }
        }
    }
    // The date right under the digest's name, set apart from what follows by a blank
    // line, belongs to the name ("ENERGY PRESS DIGEST" / "Thursday, 7th March 2019").
    if let Some(m) = last_masthead {
        if let Some(d) = (m + 1..n.min(m + 3)).find(|&d| roles[d] == Role::Body) {
            let set_apart = (d + 1..n)
                .find(|&x| !matches!(roles[x], Role::Drop(_)))
                .is_some_and(|x| lines[x].gap_before || lines[x].page != lines[d].page);
            if infos[d].kind == Kind::Date && lines[d].page == lines[m].page && set_apart {
                roles[d] = Role::Drop(DropReason::Masthead);
            }
        }
    }

    // Contents lists: the heading and the numbered entries under it.
    let mut i = 0;
    while i < n {
        if infos[i].kind == Kind::Contents && !matches!(roles[i], Role::Drop(_)) {
            roles[i] = Role::Drop(DropReason::Contents);
            let mut j = i + 1;
            let mut taken = 0;
            let mut last_entry: Option<usize> = None;
            while j < n && taken < 40 {
                if matches!(roles[j], Role::Drop(_)) {
                    j += 1;
                    continue;
                }
                let text = source.slice(lines[j].span);
                let numbered = text
                    .rsplit_once(|c: char| c.is_whitespace() || c == '.')
                    .is_some_and(|(_, n)| {
                        !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit())
                    });
                // The entry right above (page numbers set beside entries are dropped already).
                let prev_entry = last_entry
                    .is_some_and(|e| (e + 1..j).all(|x| matches!(roles[x], Role::Drop(_))));
                // In a layout dump the page number may stand apart on the same row.
                let number_beside = infos.get(j + 1).is_some_and(|n| n.kind == Kind::PageNumber)
                    && lines[j + 1].page == lines[j].page;
                // A raw dump sets the page number on a line of its own under the entry.
                let number_below = number_beside && infos[j].kind == Kind::Short;
                let numbered = numbered
                    || (number_beside && layout_dump)
                    || number_below
                    || (infos[j].kind == Kind::PageNumber && prev_entry);
                let entry = numbered || (is_meta(&infos[j].kind) && prev_entry);
                if !entry || (taken > 0 && lines[j].page != lines[i].page) {
                    break;
                }
                if numbered {
                    last_entry = Some(j);
                } else {
                    last_entry = last_entry.map(|_| j);
                }
                roles[j] = Role::Drop(DropReason::Contents);
                taken += 1;
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }

    let content: Vec<usize> = (0..n)
        .filter(|&i| !matches!(roles[i], Role::Drop(_)))
        .collect();
    // Pages set in columns, where a line across the columns is a headline or furniture.
    let multi_column: std::collections::HashSet<u32> = lines
        .iter()
        .filter(|l| l.column > 0)
        .map(|l| l.page)
        .collect();
    // Ornaments and rules between pieces separate like a blank line.
    let mut lines_owned: Vec<Line> = lines.to_vec();
    let mut after_ornament = vec![false; n];
    for i in 1..n {
        if roles[i - 1] == Role::Drop(DropReason::Ornament) {
            lines_owned[i].gap_before = true;
            after_ornament[i] = true;
        }
    }
    // A blank line inside a sentence is no paragraph break: layout dumps leave blank rows where
    // neighbouring columns' baselines differ.
    for (k, w) in content.windows(2).enumerate() {
        let (p, i) = (w[0], w[1]);
        let typical = typical_at[i];
        let same_block = lines[p].page == lines[i].page && lines[p].column == lines[i].column;
        let finished = infos[p].ends_sentence
            || infos[p].kind != Kind::Body && !(infos[p].kind == Kind::Short && infos[p].ends_open);
        // A headline with its metadata under it stays apart, whatever ends above it (a dump may
        // have cut the text above short).
        let heads = headline_like(&infos[i])
            && content
                .get(k + 2)
                .is_some_and(|&x| is_meta(&infos[x].kind) && lines[x].page == lines[i].page);
        if same_block
            && lines_owned[i].gap_before
            && !finished
            && !heads
            && !infos[p].ends_hyphen
            && (infos[i].starts_lower
                || (infos[p].ends_open && !source.slice(lines[p].span).ends_with(','))
                || (layout_dump && infos[p].kind == Kind::Body))
        {
            lines_owned[i].gap_before = false;
        }
        if same_block && lines_owned[i].gap_before && infos[p].ends_hyphen {
            lines_owned[i].gap_before = false;
        }
        // A full line of running text that goes on in lower case continues what stands above it.
        if same_block
            && lines_owned[i].gap_before
            && !infos[p].ends_sentence
            && infos[i].starts_lower
            && infos[i].chars * 4 >= typical * 3
        {
            lines_owned[i].gap_before = false;
        }
    }
    let lines = &lines_owned[..];
    // One pass in reading order: inside a cluster of metadata the first headline-like line is the
    // title; after it, only metadata, outlets, names and the title's own second line stay in the
    // cluster, and the first line of running text ends it.
    // A name-like line is surely a person's when it starts with a known given name or has
    // just two words ("Ferry Fares Frozen" is a headline).
    let person = |info: &Info, i: usize| {
        info.name_like && (info.words == 2 || known_given_name(source.slice(lines[i].span)))
    };
    let mut in_cluster = false;
    let mut has_title = false;
    let mut title_line: Option<usize> = None;
    for (k, &i) in content.iter().enumerate() {
        let info = &infos[i];
        let typical = typical_at[i];
        let prev = k.checked_sub(1).map(|p| content[p]);
        let next = content.get(k + 1).copied();
        let next_meta = next.is_some_and(|x| is_meta(&infos[x].kind));
        if is_meta(&info.kind) {
            roles[i] = Role::Candidate;
            in_cluster = true;
            title_line = None;
            continue;
        }
        if in_cluster
            && prev.is_some_and(|p| {
                infos[p].kind == Kind::Byline
                    && lines[p].page == lines[i].page
                    && byline_continues(
                        source.slice(lines[p].span),
                        source.slice(lines[i].span),
                        info,
                    )
            })
        {
            // The second line of a wrapped byline is no headline.
            roles[i] = Role::Candidate;
            title_line = None;
            continue;
        }
        // A new page after a headline starts the next head afresh.
        if in_cluster
            && has_title
            && prev.is_some_and(|p| lines[p].page != lines[i].page)
            && headline_like(info)
            && !info.outlet_like
            && (!info.name_like || info.words >= 3)
        {
            has_title = false;
            title_line = None;
        }
        if in_cluster
            && prev.is_some_and(|p| {
                roles[p] == Role::Candidate
                    && lines[p].page == lines[i].page
                    && continues_outlet(source.slice(lines[p].span), &infos[p], info)
            })
        {
            // "The Moshe Center, Tel" / "Aviv university": the outlet's place wrapped.
            roles[i] = Role::Candidate;
            title_line = None;
            continue;
        }
        if in_cluster {
            let continues = title_line
                .is_some_and(|t| continues_wrapped_title(t, i, next, lines, infos, typical));
            let keep = if continues {
                true
            } else if info.kind != Kind::Short {
                false
            } else if !has_title
                && info.ends_open
                && !info.ends_hyphen
                && next.is_some_and(|x| {
                    let n = &infos[x];
                    n.words <= 6
                        && n.chars * 10 <= typical * 7
                        && (!n.ends_sentence || n.ends_query)
                        && (!n.ends_open || n.starts_lower)
                        && !is_meta(&n.kind)
                })
            {
                // "Iraqi voters turn to" / "economic issues": a headline wrapped after a small word.
                true
            } else if !has_title {
                // Running text goes on in lower case onto a full line; a headline's last word
                // or two stand alone ("India's rupee hits five-year" / "high").
                let runs_on = next.is_some_and(|x| {
                    infos[x].starts_lower
                        && !lines[x].gap_before
                        && (infos[x].chars * 2 >= typical || infos[x].ends_sentence)
                }) && info.chars * 10 >= typical * 7
                    // Title case is a headline's, whatever follows.
                    && !(info.capitalised >= 0.9 && info.words >= 3);
                !runs_on
                    && !reported(source.slice(lines[i].span), info)
                    && (info.outlet_like
                        || info.name_like
                        || headline_like(info)
                        || info.all_caps
                        || next_meta)
            } else {
                next_meta
                    || info.outlet_like
                    || (info.name_like && next.is_some_and(|x| infos[x].kind == Kind::Short))
                    // A person named under the outlet or date ("Dr. Ankit Srivastava"), or
                    // a name of two words alone under the head, over the text ("Henrik
                    // Gallagher"): the byline without its "By".
                    || (info.name_like && known_given_name(source.slice(lines[i].span)))
                    || (person(info, i)
                        && prev.is_some_and(|p| roles[p] == Role::Candidate)
                        && next.is_some_and(|x| {
                            infos[x].chars * 4 >= typical * 3 && !is_meta(&infos[x].kind)
                        }))
            };
            if keep {
                roles[i] = Role::Candidate;
                if !continues && !has_title && !info.outlet_like && !person(info, i) {
                    has_title = true;
                    title_line = Some(i);
                } else if continues {
                    title_line = Some(i);
                } else {
                    title_line = None;
                }
                continue;
            }
            in_cluster = false;
            has_title = false;
            title_line = None;
            continue;
        }
        if info.kind != Kind::Short {
            continue;
        }
        let breaks_before = prev.is_none_or(|p| {
            lines[i].gap_before
                || lines[p].page != lines[i].page
                || lines[p].column != lines[i].column
                || infos[p].ends_sentence
        });
        if !breaks_before {
            continue;
        }
        let isolated = lines[i].gap_before
            && next.is_none_or(|x| lines[x].gap_before || lines[x].page != lines[i].page);
        // A full line of capitalised words running on, without a break, into a full line of
        // running text is a paragraph that starts with a name ("Separately, the International
        // Labour Organisation" / "(ILO) said that at least one million people have lost"); so
        // is a line that ends in a possessive, whatever its length ("Wellington Harbour Board
        // Workers'" / "Union secretary Ross Wilson told reporters").
        let text_i = source.slice(lines[i].span).trim_end();
        let possessive = ["'s", "\u{2019}s", "s'", "s\u{2019}"]
            .iter()
            .any(|p| text_i.ends_with(p));
        let runs_into_text = next.is_some_and(|x| {
            lines[x].page == lines[i].page
                && lines[x].column == lines[i].column
                && !lines[x].gap_before
                && infos[x].chars * 4 >= typical * 3
                && !is_meta(&infos[x].kind)
                && ((info.chars * 10 >= typical * 9 && infos[x].capitalised < 0.5)
                    || (possessive && infos[x].capitalised < 0.9))
        });
        let capitalised = info.all_caps
            || (info.capitalised >= 0.9
                && info.words >= 4
                && !runs_into_text
                && next.is_some_and(|x| {
                    !infos[x].starts_lower
                        && (!infos[x].ends_sentence || infos[x].chars * 10 >= typical * 7)
                }))
            || (lines[i].full_width
                && multi_column.contains(&lines[i].page)
                && next.is_some_and(|x| !lines[x].full_width && lines[x].page == lines[i].page));
        let fresh = lines[i].gap_before
            || prev.is_none_or(|p| {
                lines[p].page != lines[i].page || lines[p].column != lines[i].column
            });
        // A short line with no final stop after a finished sentence, followed by a full line,
        // cannot be the end of a paragraph: it is a headline.
        let lone_short = !info.ends_open
            && info.chars * 10 < typical * 7
            && next.is_some_and(|x| {
                infos[x].chars * 4 >= typical * 3
                    && !infos[x].starts_lower
                    && !is_meta(&infos[x].kind)
            })
            && prev.is_none_or(|p| {
                infos[p].ends_sentence || lines[p].page != lines[i].page || lines[i].gap_before
            });
        // The same for a headline wrapped onto two lines ("Loophole for Tankers in" / "Norway's
        // S. Africa Ban", "WorldCom bosses' $54m" / "payout") right above a new paragraph: a
        // paragraph does not end without a final stop, so the pair is a heading.
        let wrapped_short = !info.ends_sentence
            && !info.ends_hyphen
            && info.words <= 12
            && info.chars <= typical + typical / 4
            && next.zip(content.get(k + 2).copied()).is_some_and(|(x, y)| {
                let (b, c) = (&infos[x], &infos[y]);
                lines[x].page == lines[i].page
                    && lines[x].column == lines[i].column
                    && !lines[x].gap_before
                    && !is_meta(&b.kind)
                    && !b.ends_sentence
                    && !b.ends_open
                    && !b.ends_hyphen
                    && b.words <= 6
                    && b.chars * 10 < typical * 7
                    && (b.kind == Kind::Short || b.starts_lower)
                    && (info.ends_open
                        || b.starts_lower
                        || info.capitalised >= 0.9
                        || (b.kind == Kind::Short && !source.slice(lines[x].span).ends_with(':')))
                    && c.chars * 4 >= typical * 3
                    && !c.starts_lower
                    && !is_meta(&c.kind)
            })
            && prev.is_none_or(|p| {
                infos[p].ends_sentence || lines[p].page != lines[i].page || lines[i].gap_before
            });
        let strong = next_meta
            || lone_short
            || wrapped_short
            || after_ornament[i]
            || (capitalised && fresh)
            || isolated
            || (capitalised
                && info.chars * 3 < typical * 2
                && next.is_some_and(|x| infos[x].kind == Kind::Short || lines[x].gap_before));
        // Layouts with boxes: a headline set in its own type and wrapped onto the next line in
        // that type ("Timber trains return to the" / "coast line"), whatever word ends the line.
        let typed_wrap = info.heading
            && info.type_run.is_some()
            && next.is_some_and(|x| infos[x].type_run == info.type_run);
        if strong
            && (headline_like(info) || info.all_caps || next_meta || wrapped_short || typed_wrap)
            && (!reported(source.slice(lines[i].span), info) || next_meta)
        {
            roles[i] = Role::Candidate;
            in_cluster = true;
            has_title = !info.outlet_like && !person(info, i);
            title_line = has_title.then_some(i);
        }
    }
    extend_back(source, &content, lines, infos, typical_at, &mut roles);
    drop_orphans(&content, lines, infos, &mut roles);
    drop_lines_inside_flowing_text(&content, lines, infos, &mut roles);
    for w in content.windows(2) {
        let (b, j) = (w[0], w[1]);
        if infos[b].kind == Kind::Byline
            && byline_continues(
                source.slice(lines[b].span),
                source.slice(lines[j].span),
                &infos[j],
            )
            && lines[b].page == lines[j].page
        {
            roles[j] = Role::Candidate;
        }
    }
    // Layouts with boxes: a standfirst set in its own type under a headline belongs to the head.
    for w in content.windows(2) {
        let (p, j) = (w[0], w[1]);
        if infos[j].standfirst && roles[p] == Role::Candidate {
            roles[j] = Role::Candidate;
        }
    }
    roles
}

/// Headlines speak in the present: a long line that "said" is reported speech ("A military
/// source in the Gulf has said" / "Iran also set up...").
fn reported(text: &str, info: &Info) -> bool {
    info.words >= 8
        && text
            .split_whitespace()
            .any(|w| w.trim_matches(|c: char| !c.is_alphabetic()) == "said")
}

/// True when `next` carries on a byline that wrapped ("By A, B" / "and C"; "By A and Mehmet" /
/// "Kaur").
pub(crate) fn byline_continues(byline: &str, next: &str, info: &Info) -> bool {
    if is_meta(&info.kind)
        || info.words == 0
        || info.words > 8
        || info.ends_sentence && info.words > 3
    {
        return false;
    }
    let lower = byline.to_lowercase();
    let open = lower.ends_with([',', '&', '-', '–', '—']) || lower.ends_with(" and");
    let next_lower = next.to_lowercase();
    let starts_and = next_lower.starts_with("and ") || next_lower.starts_with("& ");
    let last_part_words = byline
        .rsplit([',', '&', '|'])
        .next()
        .map(|p| {
            p.rsplit(" and ")
                .next()
                .unwrap_or(p)
                .rsplit(" AND ")
                .next()
                .unwrap_or(p)
        })
        .map(|p| p.split_whitespace().count())
        .unwrap_or(0);
    let starts_upper = next.chars().next().is_some_and(char::is_uppercase);
    // "By Sofia Demir, Foreign Affairs" / "Reporter": the role wrapped.
    let role = info.words <= 3 && crate::classify::is_role(next);
    open || starts_and
        || role
        || (last_part_words == 1 && info.words <= 2 && starts_upper && info.chars <= 30)
}

/// A line at a page break that interrupts a sentence (often a word broken by a hyphen) running
/// from one page to the next is a running title or header, whatever it says.
fn drop_lines_inside_flowing_text(
    content: &[usize],
    lines: &[Line],
    infos: &[Info],
    roles: &mut [Role],
) {
    for k in 1..content.len() {
        for width in 1..=2 {
            let (Some(&after), Some(&before)) =
                (content.get(k + width - 1 + 1), content.get(k - 1))
            else {
                continue;
            };
            let inside = &content[k..k + width];
            let crosses_page = lines[before].page != lines[after].page;
            let flows = (infos[before].ends_hyphen
                || (infos[before].kind == Kind::Body && !infos[before].ends_sentence))
                && infos[after].starts_lower
                && roles[before] == Role::Body
                && roles[after] == Role::Body;
            let furniture_like = inside.iter().all(|&j| {
                matches!(infos[j].kind, Kind::Short | Kind::Date)
                    && roles[j] == Role::Body
                    && !infos[j].starts_lower
                    && !infos[j].ends_sentence
            });
            if crosses_page && flows && furniture_like {
                for &j in inside {
                    roles[j] = Role::Drop(DropReason::RunningTitle);
                }
            }
        }
    }
}

/// An orphan: one or two lines at the top of a page that start mid-sentence although the text
/// before the page break had finished its sentence, followed straight away by a new heading.
fn drop_orphans(content: &[usize], lines: &[Line], infos: &[Info], roles: &mut [Role]) {
    for k in 1..content.len() {
        let i = content[k];
        let p = content[k - 1];
        // After a page break; or anywhere, for a scrap of a few words in lower case between a
        // finished sentence and a heading.
        let scrap = infos[i].words <= 6 && infos[i].ends_sentence && infos[p].ends_sentence;
        if (lines[p].page == lines[i].page && !scrap) || roles[i] != Role::Body {
            continue;
        }
        let text_start_lower = infos[i].starts_lower || infos[i].words == 0;
        let finished_before = infos[p].ends_sentence || roles[p] == Role::Candidate;
        if !text_start_lower || !finished_before {
            continue;
        }
        // The orphan ends within two lines, on a full stop, and a heading follows.
        let Some(len) =
            (0..2).find(|&d| content.get(k + d).is_some_and(|&j| infos[j].ends_sentence))
        else {
            continue;
        };
        let after = content.get(k + len + 1).copied();
        if content[k..=k + len]
            .iter()
            .all(|&j| roles[j] == Role::Body && lines[j].page == lines[i].page)
            && after.is_some_and(|a| roles[a] == Role::Candidate)
        {
            for &j in &content[k..=k + len] {
                roles[j] = Role::Drop(DropReason::Fragment);
            }
        }
    }
}

/// A headline and an author's name printed just above a date or byline line belong to the
/// cluster too, when running text ended a sentence (or a gap or page break came) before them.
fn extend_back(
    source: &Source,
    content: &[usize],
    lines: &[Line],
    infos: &[Info],
    typical_at: &[usize],
    roles: &mut [Role],
) {
    for k in 0..content.len() {
        let m = content[k];
        let typical = typical_at[m];
        if roles[m] != Role::Candidate || !is_meta(&infos[m].kind) {
            continue;
        }
        let mut first = k;
        while first > 0 && k - first < 3 {
            let j = content[first - 1];
            let info = &infos[j];
            let first_of_page = content
                .get(first.wrapping_sub(2))
                .is_none_or(|&p| lines[p].page != lines[j].page);
            let short_title = (info.kind == Kind::Short
                && (info.chars * 10 < typical * 9
                    || crate::classify::name_list(source.slice(lines[j].span)).is_some()))
                || (info.words <= 8 && !info.ends_sentence && info.chars * 3 <= typical * 2 && !info.ends_hyphen)
                // A long headline heading its page, right above the date.
                || (first == k && first_of_page && info.words <= 24 && !info.ends_sentence && !info.ends_open && !info.starts_lower);
            if roles[j] != Role::Body || !short_title || lines[j].page != lines[m].page {
                break;
            }
            first -= 1;
        }
        if first == k {
            continue;
        }
        let start = content[first];
        let boundary = first == 0 || {
            let p = content[first - 1];
            roles[p] == Role::Candidate
                || infos[p].ends_sentence
                || lines[start].gap_before
                || lines[p].page != lines[start].page
                || lines[p].column != lines[start].column
        };
        if boundary && !infos[start].starts_lower {
            for &j in &content[first..k] {
                roles[j] = Role::Candidate;
            }
            // The headline stands above the metadata now: a full line under the metadata that
            // runs straight on into the text is the text's first line, not a second headline.
            let headline = content[first..k].iter().any(|&j| {
                let i = &infos[j];
                i.kind == Kind::Short && !i.outlet_like && !i.name_like && i.words >= 3
            });
            let mut last = k;
            while content
                .get(last + 1)
                .is_some_and(|&j| roles[j] == Role::Candidate)
            {
                last += 1;
            }
            let l = content[last];
            let runs_on = content.get(last + 1).is_some_and(|&x| {
                roles[x] == Role::Body
                    && !lines[x].gap_before
                    && lines[x].page == lines[l].page
                    && infos[x].chars * 4 >= typical_at[x] * 3
            });
            if headline
                && last > k
                && infos[l].kind == Kind::Short
                && !is_meta(&infos[l].kind)
                && !infos[l].outlet_like
                && !infos[l].name_like
                && infos[l].chars * 4 >= typical * 3
                && runs_on
            {
                roles[l] = Role::Body;
            }
        }
    }
}

/// The second line of a wrapped headline: short, no final stop, and followed by metadata, a gap
/// or longer running text.
fn continues_wrapped_title(
    t: usize,
    i: usize,
    next: Option<usize>,
    lines: &[Line],
    infos: &[Info],
    typical: usize,
) -> bool {
    let (a, b) = (&infos[t], &infos[i]);
    // Layouts with boxes (PDF): a headline is the run of lines set in its type.
    if let (Some(x), Some(y), true) = (a.type_run, b.type_run, a.heading) {
        return x == y && !is_meta(&b.kind);
    }
    if lines[t].page != lines[i].page
        || lines[t].column != lines[i].column
        || a.outlet_like
        || b.outlet_like
        || is_meta(&b.kind)
    {
        return false;
    }
    // Headlines are set larger: a layout dump often leaves a blank row between their lines.
    // Past a blank row, a line in title case carries on a short line in title case ("Chances
    // of Direct" / "U.S.-IRAN Gulf Clash"); other lines half a column wide start the text.
    let title_cased = a.capitalised >= 0.9
        && b.capitalised >= 0.9
        && a.words >= 2
        && b.words >= 2
        && a.chars * 2 <= typical
        && !b.ends_sentence;
    if lines[i].gap_before
        && !a.ends_open
        && !b.starts_lower
        && b.chars * 2 > typical
        && !title_cased
    {
        return false;
    }
    // A headline set on three lines: "Hate Mojahedin-e Khalq: SNS" / "Respond to a Conference
    // of" / "the Iranian Opposition".
    let closes_next = next.is_some_and(|x| {
        let c = &infos[x];
        lines[x].page == lines[i].page
            && c.starts_lower
            && !c.ends_open
            && !c.ends_sentence
            && c.words <= 6
            && c.chars * 3 <= typical * 2
    });
    if b.ends_sentence && !b.all_caps && !b.ends_query
        || b.words > 9
        || b.chars * 3 > typical * 2
            && !(closes_next && b.chars * 10 <= typical * 9)
            // "Independent Chairman" / "for Dutch Cargo Dispute": the rest of a headline in
            // title case after a small word, nearly a column wide.
            && !(b.starts_lower && b.capitalised >= 0.9 && b.words >= 3 && b.chars * 10 <= typical * 9)
        || b.ends_hyphen
        || (b.ends_open && !(a.ends_open && b.starts_lower) && !closes_next)
    {
        return false;
    }
    if a.all_caps && !b.all_caps && !a.ends_open {
        return false;
    }
    let next_ok = next.is_none_or(|x| {
        is_meta(&infos[x].kind)
            || lines[x].gap_before
            || lines[x].page != lines[i].page
            || lines[x].column != lines[i].column
    });
    // A word or two without a final stop above a new paragraph ends the headline ("TV presenter
    // Deeley drops" / "CD:UK"); a name there is a byline.
    let tail_words = b.words <= 2
        && b.kind == Kind::Short
        && !b.name_like
        && !b.ends_open
        && next.is_some_and(|x| {
            let c = &infos[x];
            c.chars * 4 >= typical * 3 && !c.starts_lower && !is_meta(&c.kind)
        });
    a.ends_open
        || b.starts_lower
        || next_ok
        || tail_words
        || (a.all_caps && b.all_caps)
        || (a.capitalised >= 0.9
            && b.capitalised >= 0.9
            && !b.ends_sentence
            && (b.words >= 2
                // "Zambian Currency Falls at Foreign Exchange" / "Auction": one capitalised word
                // under a long headline line, with running text below it.
                || (a.words >= 4
                    && next.is_some_and(|x| infos[x].chars > b.chars * 3 && !infos[x].starts_lower))))
}

/// True when `next` carries on an outlet line cut inside its last part: "The Moshe Dyan Center,
/// Tel" / "Aviv university".
fn continues_outlet(outlet: &str, a: &Info, b: &Info) -> bool {
    let Some((_, tail)) = outlet.trim_end().rsplit_once(',') else {
        return false;
    };
    a.outlet_like
        && !a.ends_sentence
        && tail.split_whitespace().count() == 1
        && tail.trim().chars().next().is_some_and(char::is_uppercase)
        && b.words <= 3
        && !b.ends_sentence
        && !is_meta(&b.kind)
        && !b.name_like
}

/// Groups a cluster's lines into items: metadata lines stay single, short lines that continue a
/// wrapped headline are merged.
fn group(cluster: &[usize], lines: &[Line], infos: &[Info], source: &Source) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for &i in cluster {
        let kind = match infos[i].kind {
            k @ (Kind::Date | Kind::OutletDate | Kind::Byline | Kind::SourceLine) => k,
            _ => Kind::Short,
        };
        if let Some(last) = items.last_mut() {
            let p = *last.lines.last().expect("non-empty item");
            if last.kind == Kind::Byline
                && last.lines.len() == 1
                && lines[p].page == lines[i].page
                && byline_continues(
                    source.slice(lines[p].span),
                    source.slice(lines[i].span),
                    &infos[i],
                )
            {
                last.lines.push(i);
                continue;
            }
        }
        if kind == Kind::Short {
            if let Some(last) = items.last_mut() {
                let p = *last.lines.last().expect("non-empty item");
                if last.kind == Kind::Short
                    && last.lines.len() == 1
                    && lines[p].page == lines[i].page
                    && continues_outlet(source.slice(lines[p].span), &infos[p], &infos[i])
                {
                    last.lines.push(i);
                    continue;
                }
                if last.kind == Kind::Short
                    && continues_title(p, i, lines, infos, source, |x| cluster.contains(&x))
                {
                    last.lines.push(i);
                    continue;
                }
            }
        }
        items.push(Item {
            lines: vec![i],
            kind,
        });
    }
    items
}

fn continues_title(
    p: usize,
    i: usize,
    lines: &[Line],
    infos: &[Info],
    source: &Source,
    in_cluster: impl Fn(usize) -> bool,
) -> bool {
    if lines[p].page != lines[i].page || lines[p].column != lines[i].column {
        return false;
    }
    let (a, b) = (&infos[p], &infos[i]);
    // Layouts with boxes (PDF): a headline is the run of lines set in its type.
    if let (Some(x), Some(y), true) = (a.type_run, b.type_run, a.heading || a.standfirst) {
        return x == y;
    }
    if a.outlet_like || b.outlet_like {
        return false;
    }
    // "Leila Rahman, Jonas Kessler and Jonas Sorensen, Sahel Courier" under a headline is a byline.
    if crate::classify::name_list(source.slice(lines[i].span)).is_some() {
        return false;
    }
    // A blank row between headline lines is only allowed for a short second line.
    if lines[i].gap_before && !a.ends_open && !b.starts_lower && b.chars > 30 {
        return false;
    }
    // An author's name printed above or below the headline is not part of it.
    let person = |info: &Info, line: usize| {
        info.name_like && (known_given_name(source.slice(lines[line].span)) || info.words == 2)
    };
    let known = |line: usize| known_given_name(source.slice(lines[line].span));
    // Two capitalised words right above a byline end the headline ("... Gulf Clash" / "Seen
    // Low" / "By Emily Okafor"): the byline names the author.
    let above_byline = !known(i)
        && infos
            .get(i + 1)
            .is_some_and(|n| n.kind == Kind::Byline && lines[i + 1].page == lines[i].page);
    if (a.name_like && known(p) && !a.ends_open)
        || (person(b, i) && !above_byline && !a.ends_open && !b.starts_lower)
    {
        return false;
    }
    if a.ends_open || b.starts_lower || a.ends_hyphen {
        return true;
    }
    // "12.05.1987" / "Northbridge Analytics" / "Dutch Port Employers": a short name right under
    // the date is the outlet, not the first line of the headline.
    if p > 0
        && in_cluster(p - 1)
        && infos[p - 1].kind == Kind::Date
        && lines[p - 1].page == lines[p].page
        && a.words <= 4
        && a.capitalised >= 0.9
        && !a.all_caps
    {
        return false;
    }
    // A headline may end on an acronym ("... drops" / "CD:UK"), but a line in capitals under
    // one in lower case is otherwise something else.
    let acronym_end = b.all_caps && !a.all_caps && b.words <= 2 && !b.name_like;
    if a.all_caps != b.all_caps && !acronym_end {
        return false;
    }
    // Both headline-like: merge when the first line is long enough to have wrapped.
    b.words <= 10 && a.chars >= 14
}

fn text_of(item: &Item, source: &Source, lines: &[Line]) -> String {
    let mut out = String::new();
    for &i in &item.lines {
        let t = source.slice(lines[i].span);
        if out.ends_with('-') && t.starts_with(|c: char| c.is_lowercase()) {
            out.pop();
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

fn field_of(item: &Item, source: &Source, lines: &[Line]) -> Field {
    Field {
        value: text_of(item, source, lines),
        spans: item.lines.iter().map(|&i| lines[i].span).collect(),
    }
}

fn sub_field(line: &Line, (s, e): (usize, usize), source: &Source) -> Field {
    let span = Span::new(line.span.start + s, line.span.start + e);
    Field::new(source.slice(span).trim(), span)
}

fn date_of(line: &Line, info: &Info) -> Option<(Date, Span)> {
    info.date.map(|d| {
        (
            d.date,
            Span::new(line.span.start + d.start, line.span.start + d.end),
        )
    })
}

/// Takes the tail of the current article from the front of a cluster; returns how many items.
fn take_tail(
    cur: &mut Acc,
    items: &[Item],
    source: &Source,
    lines: &[Line],
    infos: &[Info],
    prior_titles: &HashSet<String>,
    dropped: &mut Vec<Dropped>,
) -> usize {
    let own_title = cur.draft.title.as_ref().map(|t| norm(&t.value));
    let mut taken = 0;
    let mut got_byline = false;
    let mut got_source = false;
    for (k, item) in items.iter().enumerate() {
        let first = item.lines[0];
        let line = &lines[first];
        let info = &infos[first];
        let text = norm(&text_of(item, source, lines));
        let repeated = own_title.as_deref() == Some(text.as_str()) || prior_titles.contains(&text);
        // Only an article whose head was a bare title ends with its date.
        let dated_tail = !cur.head_meta
            && match item.kind {
                Kind::OutletDate => cur.draft.date.is_none() && cur.draft.outlet.is_none(),
                Kind::Date => {
                    cur.draft.date.is_none()
                        && items[k + 1..].iter().any(|it| it.kind == Kind::Short)
                }
                _ => false,
            };
        // A headline printed after the text, when the head had none: the next item starts the
        // next article's head (a date) or nothing follows on this page.
        let late_title = item.kind == Kind::Short
            && cur.draft.title.is_none()
            // Printed after the text on its page, not heading the next page.
            && cur.draft.body.last().is_some_and(|l| l.page == line.page)
            && !info.outlet_like
            && !info.name_like
            // With nothing after it but running text, a headline heads that text.
            && items.get(k + 1).is_some_and(|n| {
                matches!(n.kind, Kind::Date | Kind::OutletDate)
                    || lines[n.lines[0]].page != lines[*item.lines.last().expect("non-empty")].page
            });
        // An author's name alone under the text, before the next heading's date or over the
        // piece's "Source:" line.
        let tail_name = item.kind == Kind::Short
            && item.lines.len() == 1
            && info.name_like
            && (known_given_name(source.slice(line.span))
                // ...or, for two words, the next heading has a headline of its own, so this is
                // no headline.
                || items[k + 1..].iter().any(|it| {
                    let n = &infos[it.lines[0]];
                    it.kind == Kind::Short && !n.outlet_like && !n.name_like && n.words >= 3
                }))
            && cur.draft.authors.is_empty()
            && items.get(k + 1).is_none_or(|n| {
                matches!(n.kind, Kind::Date | Kind::OutletDate | Kind::SourceLine)
                    || lines[n.lines[0]].page != line.page
            });
        let same_byline = item.kind == Kind::Byline
            && !cur.draft.authors.is_empty()
            && info
                .authors
                .first()
                .is_some_and(|(a, _)| cur.draft.authors.iter().any(|f| norm(&f.value) == norm(a)));
        // An outlet alone at the foot of the text, when the next head starts on another page.
        let tail_outlet = item.kind == Kind::Short
            && item.lines.len() == 1
            && info.outlet_like
            && cur.draft.outlet.is_none()
            && items
                .get(k + 1)
                .is_none_or(|n| lines[n.lines[0]].page != line.page);
        let same_outlet = item.kind == Kind::Short
            && cur
                .draft
                .outlet
                .as_ref()
                .is_some_and(|o| norm(&o.value) == text);
        if k == 0
            && !(matches!(item.kind, Kind::Byline | Kind::SourceLine)
                || repeated
                || dated_tail
                || late_title
                || tail_name
                || tail_outlet)
        {
            break;
        }
        match item.kind {
            _ if tail_outlet => {
                cur.draft.outlet = Some(field_of(item, source, lines));
                cur.draft.meta_lines.push(*line);
            }
            _ if tail_name => {
                let f = field_of(item, source, lines);
                cur.draft.authors.push(Field {
                    value: strip_name(&f.value),
                    spans: f.spans,
                });
                cur.draft.meta_lines.push(*line);
            }
            _ if late_title => {
                cur.tail_title = true;
                cur.draft.title = Some(field_of(item, source, lines));
                for &i in &item.lines {
                    cur.draft.meta_lines.push(lines[i]);
                }
            }
            _ if same_byline || same_outlet => {
                for &i in &item.lines {
                    cur.draft.meta_lines.push(lines[i]);
                }
            }
            _ if repeated => {
                cur.tail_title = true;
                for &i in &item.lines {
                    dropped.push(Dropped {
                        span: lines[i].span,
                        page: lines[i].page,
                        reason: DropReason::RunningTitle,
                    });
                }
            }
            Kind::Byline if !got_byline && cur.draft.authors.is_empty() => {
                got_byline = true;
                add_byline(&mut cur.draft, item, lines, info, source);
                for &i in &item.lines {
                    cur.draft.meta_lines.push(lines[i]);
                }
            }
            Kind::SourceLine => {
                got_source = true;
                if let Some(o) = info.outlet {
                    if cur.draft.outlet.is_none() {
                        cur.draft.outlet = Some(sub_field(line, o, source));
                    }
                }
                if cur.draft.date.is_none() {
                    cur.draft.date = date_of(line, info);
                }
                cur.draft.meta_lines.push(*line);
            }
            // A "Source:" line closes a signature: a date after it heads the next piece.
            Kind::Date
                if cur.draft.date.is_none() && (got_byline || !cur.head_meta) && !got_source =>
            {
                cur.draft.date = date_of(line, info);
                cur.draft.meta_lines.push(*line);
            }
            Kind::OutletDate
                if cur.draft.date.is_none()
                    && cur.draft.outlet.is_none()
                    && (got_byline || !cur.head_meta) =>
            {
                cur.draft.date = date_of(line, info);
                cur.draft.outlet = info.outlet.map(|o| sub_field(line, o, source));
                cur.draft.meta_lines.push(*line);
            }
            Kind::Short
                if item.lines.len() == 1
                    && info.outlet_like
                    && cur.draft.outlet.is_none()
                    && (got_byline || !cur.head_meta) =>
            {
                cur.draft.outlet = Some(field_of(item, source, lines));
                cur.draft.meta_lines.push(*line);
            }
            Kind::Short
                if item.lines.len() == 1
                    && got_byline
                    && cur.draft.outlet.is_none()
                    && !info.name_like
                    && info.words <= 6
                    && items.get(k + 1).is_some_and(|n| n.kind == Kind::Short) =>
            {
                // "By X" then an outlet without media words, then the next title.
                cur.draft.outlet = Some(field_of(item, source, lines));
                cur.draft.meta_lines.push(*line);
            }
            _ => break,
        }
        for &i in &item.lines {
            cur.lines.push(i);
        }
        taken = k + 1;
    }
    taken
}

fn add_byline(draft: &mut ArticleDraft, item: &Item, lines: &[Line], info: &Info, source: &Source) {
    let line = &lines[item.lines[0]];
    if item.lines.len() > 1 {
        // A wrapped byline: parse the lines as one text, then map each name back to its lines.
        let first = source.slice(line.span);
        let second_line = &lines[item.lines[1]];
        let joined = format!("{first} {}", source.slice(second_line.span));
        let rest = crate::classify::BYLINE
            .captures(&joined)
            .and_then(|c| c.name("rest"))
            .map(|m| m.start());
        if let Some(rest) = rest {
            let (authors, outlet) = crate::classify::parse_byline(&joined, rest);
            let split = first.len();
            let to_spans = |(s, e): (usize, usize)| -> Vec<Span> {
                let mut spans = Vec::new();
                if s < split {
                    spans.push(Span::new(
                        line.span.start + s,
                        line.span.start + e.min(split),
                    ));
                }
                if e > split + 1 {
                    let s2 = s.max(split + 1) - split - 1;
                    spans.push(Span::new(
                        second_line.span.start + s2,
                        second_line.span.start + e - split - 1,
                    ));
                }
                spans
            };
            for (name, range) in authors {
                draft.authors.push(Field {
                    value: name,
                    spans: to_spans(range),
                });
            }
            if draft.outlet.is_none() {
                if let Some(o) = outlet {
                    draft.outlet = Some(Field {
                        value: joined[o.0..o.1].trim().to_string(),
                        spans: to_spans(o),
                    });
                }
            }
            if draft.date.is_none() {
                draft.date = date_of(line, info);
            }
            return;
        }
    }
    for (name, (s, e)) in &info.authors {
        let span = Span::new(line.span.start + s, line.span.start + e);
        draft.authors.push(Field {
            value: name.clone(),
            spans: vec![span],
        });
    }
    if draft.outlet.is_none() {
        if let Some(o) = info.outlet {
            draft.outlet = Some(sub_field(line, o, source));
        }
    }
    if draft.date.is_none() {
        draft.date = date_of(line, info);
    }
}

/// Fills a new article's metadata from its head items.
fn fill_head(
    acc: &mut Acc,
    head: &[Item],
    source: &Source,
    lines: &[Line],
    infos: &[Info],
    prior_titles: &HashSet<String>,
    dropped: &mut Vec<Dropped>,
) {
    let mut shorts: Vec<&Item> = Vec::new();
    // Short items printed right under a bare date (where "date, outlet, headline" heads put the
    // outlet).
    let after_date: HashSet<usize> = head
        .windows(2)
        .filter(|w| w[0].kind == Kind::Date && w[1].kind == Kind::Short)
        .map(|w| w[1].lines[0])
        .collect();
    for item in head {
        let first = item.lines[0];
        let line = &lines[first];
        let info = &infos[first];
        if item.kind == Kind::Short && prior_titles.contains(&norm(&text_of(item, source, lines))) {
            for &i in &item.lines {
                dropped.push(Dropped {
                    span: lines[i].span,
                    page: lines[i].page,
                    reason: DropReason::RunningTitle,
                });
            }
            continue;
        }
        for &i in &item.lines {
            acc.lines.push(i);
            acc.draft.meta_lines.push(lines[i]);
        }
        if item.kind != Kind::Short {
            acc.head_meta = true;
        }
        match item.kind {
            Kind::Byline => add_byline(&mut acc.draft, item, lines, info, source),
            Kind::Date => {
                if acc.draft.date.is_none() {
                    acc.draft.date = date_of(line, info);
                }
            }
            Kind::OutletDate | Kind::SourceLine => {
                if acc.draft.date.is_none() {
                    acc.draft.date = date_of(line, info);
                }
                if acc.draft.outlet.is_none() {
                    acc.draft.outlet = info.outlet.map(|o| sub_field(line, o, source));
                }
            }
            _ => shorts.push(item),
        }
    }
    // Lists of names without "By" are bylines, whatever their length.
    if acc.draft.authors.is_empty() {
        // Lines joined by single spaces, with where each line starts in the joined text.
        let joined = |it: &Item| {
            let mut text = String::new();
            let mut starts = Vec::new();
            for &i in &it.lines {
                if !text.is_empty() {
                    text.push(' ');
                }
                starts.push((text.len(), i));
                text.push_str(source.slice(lines[i].span));
            }
            (text, starts)
        };
        let found = shorts.iter().enumerate().find_map(|(k, it)| {
            let (text, starts) = joined(it);
            crate::classify::name_list(&text).map(|found| (k, found, starts))
        });
        if let Some((k, (names, outlet), starts)) = found {
            // Back from a range of the joined text to spans of the lines it covers.
            let to_spans = |(s, e): (usize, usize)| -> Vec<Span> {
                let mut spans = Vec::new();
                for (n, &(at, i)) in starts.iter().enumerate() {
                    let end = starts.get(n + 1).map_or(usize::MAX, |x| x.0 - 1);
                    let (from, to) = (s.max(at), e.min(end.min(at + lines[i].span.len())));
                    if from < to {
                        spans.push(Span::new(
                            lines[i].span.start + from - at,
                            lines[i].span.start + to - at,
                        ));
                    }
                }
                spans
            };
            let (text, _) = joined(shorts[k]);
            for (name, range) in names {
                acc.draft.authors.push(Field {
                    value: name,
                    spans: to_spans(range),
                });
            }
            if let (Some(o), None) = (outlet, &acc.draft.outlet) {
                acc.draft.outlet = Some(Field {
                    value: text[o.0..o.1].trim().to_string(),
                    spans: to_spans(o),
                });
            }
            shorts.remove(k);
        }
    }
    if shorts.is_empty() {
        return;
    }
    // Which short item is the title: not an outlet, not a person, the most headline-like.
    // A head names one outlet: a second line that reads like one ("FILE-SWAPPERS READY NEW
    // NETWORK") is more likely the headline.
    // So is any such line when another line of the head names the outlet ("Report Date Set"
    // over "17 March 2005, Valley Courier").
    let outlet_named = head.iter().any(|it| {
        matches!(it.kind, Kind::OutletDate | Kind::SourceLine)
            && infos[it.lines[0]].outlet.is_some()
    });
    let first_outlet = shorts
        .iter()
        .position(|it| infos[it.lines[0]].outlet_like)
        .map(|k| shorts[k].lines[0])
        .filter(|_| !outlet_named);
    let score = |item: &Item| -> i32 {
        let info = &infos[item.lines[0]];
        let text = text_of(item, source, lines);
        let mut s = text.chars().count().min(120) as i32;
        if info.outlet_like {
            s -= if Some(item.lines[0]) == first_outlet {
                100
            } else {
                30
            };
        }
        if info.name_like {
            s -= if known_given_name(&text) { 100 } else { 30 };
        }
        if item.lines.len() > 1 {
            s += 20;
        }
        // A standfirst under the headline runs longer, in sentence case with clauses ("Planners
        // are running out of time, and money, for the northern route").
        let first_candidate = shorts
            .iter()
            .find(|it| {
                let i = &infos[it.lines[0]];
                !i.outlet_like && !i.name_like
            })
            .is_some_and(|it| it.lines[0] == item.lines[0]);
        if !first_candidate && info.words >= 8 && info.capitalised < 0.5 && text.contains(", ") {
            s -= 60;
        }
        // Set in a standfirst's type (layouts with boxes).
        if info.standfirst {
            s -= 150;
        }
        s
    };
    if std::env::var_os("CUTTINGS_TRACE").is_some() {
        for it in &shorts {
            eprintln!(
                "HEAD short {:?} score {}",
                text_of(it, source, lines),
                score(it)
            );
        }
    }
    let best = (0..shorts.len())
        .max_by_key(|&k| (score(shorts[k]), usize::MAX - k))
        .expect("non-empty");
    // A head of nothing but an outlet and a name has no headline.
    let title_idx = if score(shorts[best]) > -40
        || (shorts.len() == 1 && !infos[shorts[0].lines[0]].outlet_like)
    {
        best
    } else {
        usize::MAX
    };
    if shorts.len() > 1 {
        acc.head_meta = true;
    }
    // Of two name-like lines, the one with a known given name is the author.
    let author_idx = (0..shorts.len())
        .filter(|&k| {
            let first = shorts[k].lines[0];
            k != title_idx
                && infos[first].name_like
                && (k > title_idx
                    || !after_date.contains(&first)
                    || known_given_name(&text_of(shorts[k], source, lines)))
        })
        .max_by_key(|&k| {
            (
                known_given_name(&text_of(shorts[k], source, lines)),
                usize::MAX - k,
            )
        });
    for (k, item) in shorts.iter().enumerate() {
        let info = &infos[item.lines[0]];
        let text = text_of(item, source, lines);
        if Some(k) == author_idx && acc.draft.authors.is_empty() {
            let clean = text.trim_start_matches(|c: char| !c.is_alphabetic());
            let f = field_of(item, source, lines);
            acc.draft.authors.push(Field {
                value: strip_name(clean),
                spans: f.spans,
            });
            continue;
        }
        if k != title_idx && item.lines.len() == 1 && acc.draft.authors.is_empty() {
            if let Some((names, outlet)) = crate::classify::name_list(&text) {
                let line = &lines[item.lines[0]];
                for (name, (s, e)) in names {
                    acc.draft.authors.push(Field::new(
                        name,
                        Span::new(line.span.start + s, line.span.start + e),
                    ));
                }
                if let (Some(o), None) = (outlet, &acc.draft.outlet) {
                    acc.draft.outlet = Some(sub_field(line, o, source));
                }
                continue;
            }
        }
        if k == title_idx {
            acc.draft.title = Some(field_of(item, source, lines));
        } else if acc.draft.outlet.is_none()
            && (info.outlet_like || (k < title_idx && info.words <= 6))
        {
            acc.draft.outlet = Some(field_of(item, source, lines));
        } else if acc.draft.outlet.is_none()
            && info.words <= 6
            && info.capitalised >= 0.9
            && !info.ends_sentence
        {
            // A capitalised name after the headline, in a head with no outlet yet.
            acc.draft.outlet = Some(field_of(item, source, lines));
        } else if acc.draft.subtitle.is_none() && k > title_idx {
            acc.draft.subtitle = Some(field_of(item, source, lines));
        } else if acc.draft.outlet.is_none() && info.words <= 6 {
            acc.draft.outlet = Some(field_of(item, source, lines));
        }
    }
}

fn strip_name(name: &str) -> String {
    let mut t = name.trim();
    for h in [
        "Dr. ",
        "Dr ",
        "Prof. ",
        "Professor ",
        "Mr ",
        "Mr. ",
        "Mrs ",
        "Mrs. ",
        "Ms ",
        "Ms. ",
    ] {
        if let Some(rest) = t.strip_prefix(h) {
            t = rest.trim_start();
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::classify;

    fn continues(byline: &str, next: &str) -> bool {
        byline_continues(byline, next, &classify(next))
    }

    /// True when `b` carries on the headline line `a` in one column, with a blank row between
    /// them when `gap`; `typical` is the column's usual line length.
    fn wraps(a: &str, b: &str, gap: bool, typical: usize) -> bool {
        let line = |gap_before| Line {
            span: Span { start: 0, end: 0 },
            page: 1,
            column: 0,
            gap_before,
            indent: 0,
            full_width: false,
        };
        let lines = [line(false), line(gap)];
        let infos = [classify(a), classify(b)];
        continues_wrapped_title(0, 1, None, &lines, &infos, typical)
    }

    #[test]
    fn headlines_wrapped_in_narrow_columns() {
        // title case on both sides of a blank row, the first line short
        assert!(wraps(
            "Chances of Direct",
            "Harbour Gulf Clash Seen",
            true,
            36
        ));
        // the rest after a small word, nearly a column wide
        assert!(wraps(
            "Independent Chairman",
            "for Dutch Cargo Dispute",
            true,
            32
        ));
        // running text after a blank row is no part of the headline
        assert!(!wraps(
            "Chances of Direct",
            "The two sides in the port have",
            true,
            36
        ));
        assert!(!wraps(
            "Independent Chairman",
            "for the dispute said it would",
            true,
            32
        ));
    }

    /// True when the second of `rows` (one column, no blank rows) joins the first in a headline.
    fn joins_title(rows: &[&str]) -> bool {
        let text = rows.join("\n");
        let source = Source::from_text("t.txt", text.clone());
        let mut at = 0;
        let lines: Vec<Line> = rows
            .iter()
            .map(|r| {
                let span = Span {
                    start: at,
                    end: at + r.len(),
                };
                at += r.len() + 1;
                Line {
                    span,
                    page: 1,
                    column: 0,
                    gap_before: false,
                    indent: 0,
                    full_width: false,
                }
            })
            .collect();
        let infos: Vec<Info> = rows.iter().map(|r| classify(r)).collect();
        continues_title(0, 1, &lines, &infos, &source, |_| true)
    }

    #[test]
    fn two_capitalised_words_over_a_byline_end_the_headline() {
        assert!(joins_title(&[
            "Harbour Gulf Clash",
            "Seen Low",
            "By Emily Okafor"
        ]));
        // a person's name stays apart from the headline
        assert!(!joins_title(&[
            "Harbour Gulf Clash",
            "Emily Okafor",
            "Harbour Times"
        ]));
        assert!(!joins_title(&[
            "Harbour Gulf Clash",
            "Mara Quint",
            "The cranes stood idle."
        ]));
    }

    #[test]
    fn wrapped_bylines() {
        assert!(continues("By Ana Ruiz, Tomas Berg", "and Lena Holm"));
        assert!(continues("By Ana Ruiz, Political", "Correspondent"));
        assert!(continues("By Ana Ruiz and Mehmet", "Kaya"));
        assert!(!continues(
            "By Ana Ruiz",
            "Harbour Cranes Stand Idle After Strike"
        ));
        assert!(!continues(
            "By Ana Ruiz",
            "The cranes stood idle for a second day."
        ));
    }
}
