//! Main-content extraction: which part of the page is the article's running text.
//!
//! Four linear passes over the tree, all generic (no site is named anywhere):
//! 1. visible text per element, bottom up;
//! 2. *furniture* top down: elements that are navigation, forms, sharing, comments, ads, captions
//!    by tag, ARIA role, `hidden`/`display:none`, or the words of their class and id ([`hints`]);
//!    an element holding most of the page's text is never furniture (layout wrappers are often
//!    named `page-sidebar-left` or `app`), unless it is a comment thread;
//! 3. every paragraph-like block (a `p`, `pre`, `blockquote`, or an element with prose as direct
//!    text) scores by its length and commas, scaled down by its share of link text, and passes its
//!    score up to three ancestors; the element with the best score times `1 - link density` is
//!    the article; when several strong candidates share a close ancestor the ancestor wins, and
//!    siblings that also read like prose are added;
//! 4. the chosen elements are written out block by block ([`Builder`]), dropping blocks that are
//!    mostly links, the `h1` (the title is metadata) and one-line boilerplate phrases.
//!
//! Set `CUTTINGS_HTML_TRACE=WORDS` to print, on stderr, the ancestors of the first text holding
//! `WORDS`, with their class, id, furniture flag and text size (a debugging aid).
//!
//! [`hints`]: crate::hints

use cuttings_model::{OffsetMap, Span};

use crate::dom::{Dom, Kind, NodeId, Tag, NONE};
use crate::entities::{pieces, Piece};
use crate::hints::{hint, is_furniture_role};

/// The article's running text.
#[derive(Clone, Debug, Default)]
pub struct Body {
    /// Paragraphs separated by `"\n\n"`, words by one space.
    pub text: String,
    /// Body offsets back to source offsets.
    pub map: OffsetMap,
    /// For each paragraph, the source span from its first to its last copied byte.
    pub paragraphs: Vec<Span>,
    /// The element chosen as the article (for metadata that prefers what lies inside it).
    pub root: Option<NodeId>,
}

impl Body {
    /// Removes the first paragraph, shifting the map.
    pub(crate) fn drop_first_paragraph(&mut self) {
        let first_end = self.text.find("\n\n").unwrap_or(self.text.len());
        let cut = (first_end + 2).min(self.text.len());
        self.text.drain(..cut);
        let mut map = OffsetMap::default();
        for &(b, s, l) in &self.map.runs {
            if b + l <= cut {
                continue;
            }
            let skip = cut.saturating_sub(b);
            map.push(b + skip - cut, s + skip, l - skip);
        }
        self.map = map;
        if !self.paragraphs.is_empty() {
            self.paragraphs.remove(0);
        }
    }

    /// Drops leading lines of two or three words without a full stop before the prose
    /// ("Text size", "Listen to this article"): controls, not text.
    fn trim_leading_controls(&mut self) {
        for _ in 0..3 {
            let first_end = match self.text.find("\n\n") {
                Some(e) => e,
                None => return,
            };
            let first = &self.text[..first_end];
            if first.split_whitespace().count() <= 3 && is_title_like(first) {
                self.drop_first_paragraph();
            } else {
                return;
            }
        }
    }
}

/// Per-node figures.
#[derive(Clone, Copy, Default)]
struct Stat {
    /// Non-white bytes of visible text.
    text: u32,
    /// Of which inside links.
    link: u32,
    /// Commas (and other clause marks) in the text.
    commas: u32,
}

/// Extracts the running text of the page.
pub fn extract(dom: &Dom) -> Body {
    let n = dom.nodes.len();
    // Pass 1: raw visible text per element, and how much of it lies in paragraphs.
    let mut raw = vec![0u32; n];
    let mut ptext = vec![0u32; n];
    for i in (1..n).rev() {
        let node = &dom.nodes[i];
        let own = match node.kind {
            Kind::Text => {
                let parent_tag = dom.tag(node.parent);
                if parent_tag.is_some_and(invisible_tag) {
                    0
                } else {
                    visible_len(&dom.text[node.span.range()])
                }
            }
            Kind::Element(t) if invisible_tag(t) => 0,
            Kind::Element(_) => raw[i],
        };
        raw[i] = own;
        let p = node.parent as usize;
        raw[p] = raw[p].saturating_add(own);
        if dom.tag(i as NodeId) == Some(Tag::P) {
            ptext[i] = own;
        }
        ptext[p] = ptext[p].saturating_add(ptext[i]);
    }
    let total = raw[0].max(1);
    let ptotal = ptext[0].max(1);

    // Pass 2: furniture, top down (parents come before children in the arena).
    let mut junk = vec![false; n];
    let mut positive = vec![false; n];
    for i in 1..n {
        let node = &dom.nodes[i];
        let p = node.parent as usize;
        if junk[p] {
            junk[i] = true;
            continue;
        }
        let Kind::Element(tag) = node.kind else {
            continue;
        };
        let id = i as NodeId;
        let h = hint(dom.attr(id, "class"), dom.attr(id, "id"));
        positive[i] = h.positive;
        let share = raw[i] as f32 / total as f32;
        let pshare = ptext[i] as f32 / ptotal as f32;
        let protected = (share > 0.5 || (pshare > 0.5 && ptext[i] >= 500)) && !h.comments;
        junk[i] = invisible_tag(tag)
            || matches!(tag, Tag::Head | Tag::Title | Tag::Figcaption)
            || (!protected && is_furniture(dom, id, tag, h, ptext[i]));
    }

    if let Ok(needle) = std::env::var("CUTTINGS_HTML_TRACE") {
        trace(dom, &needle, &junk, &raw);
    }
    // Pass 3: stats without furniture, then scores.
    let mut stat = vec![Stat::default(); n];
    // Paragraph text (not in links) under each element.
    let mut pstat = vec![0u32; n];
    let mut in_link = vec![false; n];
    for i in 1..n {
        let node = &dom.nodes[i];
        in_link[i] = in_link[node.parent as usize] || dom.tag(i as NodeId) == Some(Tag::A);
    }
    for i in (1..n).rev() {
        if junk[i] {
            continue;
        }
        let node = &dom.nodes[i];
        if node.kind == Kind::Text {
            let t = &dom.text[node.span.range()];
            let len = visible_len(t);
            stat[i].text = len;
            if in_link[i] {
                stat[i].link = len;
            }
            stat[i].commas = t.matches([',', '，', '、', ';']).count() as u32;
        }
        let s = stat[i];
        let p = node.parent as usize;
        if dom.tag(i as NodeId).is_some_and(is_paragraph_tag) {
            pstat[i] = s.text.saturating_sub(s.link);
        }
        pstat[p] += pstat[i];
        stat[p].text += s.text;
        stat[p].link += s.link;
        stat[p].commas += s.commas;
    }

    let mut score = vec![0f32; n];
    let mut scored = vec![false; n];
    for i in 1..n {
        if junk[i] {
            continue;
        }
        // Units: paragraph elements (scored from their parent up), and runs of text outside
        // them, such as `<br>`-separated text in a `div` (scored from their container up).
        let start = match dom.nodes[i].kind {
            Kind::Element(t) if is_paragraph_tag(t) => dom.nodes[i].parent,
            Kind::Text if !in_link[i] => match container(dom, i as NodeId) {
                Some(c) => c,
                None => continue,
            },
            _ => continue,
        };
        let s = stat[i];
        if s.text < 25 {
            continue;
        }
        let ld = s.link as f32 / s.text as f32;
        let value = (1.0 + s.commas.min(10) as f32 + (s.text as f32 / 100.0).min(3.0)) * (1.0 - ld);
        if value <= 0.0 {
            continue;
        }
        let mut a = start;
        for level in 0..4 {
            let ai = a as usize;
            if ai == 0 {
                break;
            }
            if !scored[ai] {
                scored[ai] = true;
                score[ai] += initial_score(dom, a, positive[ai]);
            }
            score[ai] += match level {
                0 => value,
                1 => value / 2.0,
                _ => value / (level as f32 * 3.0),
            };
            a = dom.nodes[ai].parent;
        }
    }
    let mut best: Option<(usize, f32)> = None;
    let mut finals: Vec<(usize, f32)> = Vec::new();
    for i in 1..n {
        if !scored[i] || junk[i] {
            continue;
        }
        let s = stat[i];
        let ld = if s.text > 0 {
            s.link as f32 / s.text as f32
        } else {
            0.0
        };
        let f = score[i] * (1.0 - ld);
        finals.push((i, f));
        if best.is_none_or(|(_, b)| f > b) {
            best = Some((i, f));
        }
    }
    let Some((mut top, top_score)) = best else {
        return write(dom, &[0], &junk);
    };

    // Several strong candidates under one close ancestor: the article is split into parts.
    finals.sort_by(|a, b| b.1.total_cmp(&a.1));
    let strong: Vec<usize> = finals
        .iter()
        .skip(1)
        .take(5)
        .filter(|(_, s)| *s >= top_score * 0.75)
        .map(|(i, _)| *i)
        .collect();
    if strong.len() >= 2 {
        let mut a = dom.nodes[top].parent as usize;
        let mut hops = 0;
        while a != 0 && hops < 3 {
            let end = dom.subtree_end(a as NodeId);
            let inside = strong.iter().filter(|&&s| s > a && s < end).count();
            if inside >= 2 {
                top = a;
                break;
            }
            a = dom.nodes[a].parent as usize;
            hops += 1;
        }
    }
    // The candidate holds only part of a container that is mostly prose: climb while the parent
    // adds prose rather than furniture.
    loop {
        let p = dom.nodes[top].parent as usize;
        if p == 0 || junk[p] || dom.tag(p as NodeId) == Some(Tag::Body) {
            break;
        }
        let (sp, st) = (stat[p], stat[top]);
        let extra = sp.text.saturating_sub(st.text);
        let extra_links = sp.link.saturating_sub(st.link);
        if extra > 0 && extra_links * 3 < extra && score[p] > score[top] * 1.1 && sp.text > 0 {
            top = p;
        } else {
            break;
        }
    }

    // The article split into sections further up: climb while an ancestor adds paragraph text
    // (at least a quarter more) with few links.
    {
        let mut a = dom.nodes[top].parent as usize;
        let mut hops = 0;
        while a != 0
            && hops < 6
            && !junk[a]
            && !matches!(dom.tag(a as NodeId), Some(Tag::Body | Tag::Html))
        {
            let extra_p = pstat[a].saturating_sub(pstat[top]);
            let extra = stat[a].text.saturating_sub(stat[top].text);
            let extra_links = stat[a].link.saturating_sub(stat[top].link);
            if extra_p * 4 >= pstat[top]
                && extra_p > 0
                && extra_links * 5 < extra
                && extra_p * 2 > extra
            {
                top = a;
            }
            a = dom.nodes[a].parent as usize;
            hops += 1;
        }
    }

    // Siblings that read like prose join the article.
    let threshold = (top_score * 0.2).max(10.0);
    let parent = dom.nodes[top].parent;
    let mut roots: Vec<NodeId> = Vec::new();
    if parent as usize != 0 || top != 0 {
        for c in dom.children(parent) {
            let ci = c as usize;
            if ci == top {
                roots.push(c);
                continue;
            }
            if junk[ci] {
                continue;
            }
            let s = stat[ci];
            if s.text == 0 {
                continue;
            }
            let ld = s.link as f32 / s.text as f32;
            let keep = (scored[ci] && score[ci] * (1.0 - ld) >= threshold)
                || (dom.tag(c) == Some(Tag::P)
                    && ((s.text > 80 && ld < 0.25)
                        || (ld == 0.0 && ends_sentence(&dom.text_of(c)))));
            if keep {
                roots.push(c);
            }
        }
    }
    if roots.is_empty() {
        roots.push(top as NodeId);
    }
    let mut body = write(dom, &roots, &junk);
    body.trim_leading_controls();
    body.root = Some(top as NodeId);
    body
}

/// Prints the ancestors of the first text node containing `needle` (debugging aid).
fn trace(dom: &Dom, needle: &str, junk: &[bool], raw: &[u32]) {
    let Some(i) = dom
        .nodes
        .iter()
        .position(|n| n.kind == Kind::Text && dom.text[n.span.range()].contains(needle))
    else {
        eprintln!("trace: {needle:?} not found");
        return;
    };
    let mut a = i;
    loop {
        let id = a as NodeId;
        eprintln!(
            "trace: {:?} class={:?} id={:?} junk={} raw={}",
            dom.tag(id),
            dom.attr(id, "class"),
            dom.attr(id, "id"),
            junk[a],
            raw[a]
        );
        if a == 0 {
            break;
        }
        a = dom.nodes[a].parent as usize;
    }
}

/// Tags whose content is never visible text.
fn invisible_tag(t: Tag) -> bool {
    matches!(
        t,
        Tag::Script
            | Tag::Style
            | Tag::Noscript
            | Tag::Template
            | Tag::Svg
            | Tag::Math
            | Tag::Iframe
            | Tag::Head
            | Tag::Title
            | Tag::Textarea
            | Tag::Select
            | Tag::Option
            | Tag::Canvas
            | Tag::Object
    )
}

fn is_furniture(dom: &Dom, id: NodeId, tag: Tag, h: crate::hints::Hint, ptext: u32) -> bool {
    if matches!(
        tag,
        Tag::Nav
            | Tag::Aside
            | Tag::Footer
            | Tag::Header
            | Tag::Form
            | Tag::Button
            | Tag::Input
            | Tag::Label
            | Tag::Dialog
            | Tag::Menu
            | Tag::Fieldset
    ) {
        return true;
    }
    if tag == Tag::Html || tag == Tag::Body {
        return false;
    }
    if dom.attr_span(id, "hidden").is_some() {
        return true;
    }
    if dom
        .attr(id, "aria-hidden")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if dom.attr(id, "role").is_some_and(is_furniture_role) {
        return true;
    }
    if let Some(style) = dom.attr(id, "style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if matches!(tag, Tag::Article | Tag::Main) && !h.comments {
        return false;
    }
    if dom
        .attr(id, "itemprop")
        .is_some_and(|v| v.eq_ignore_ascii_case("articleBody") || v.eq_ignore_ascii_case("text"))
    {
        return false;
    }
    // Weak words (`widget`, `header`, `meta`...) name page-builder wrappers too: they make an
    // element furniture only when it holds no real paragraph of text.
    h.negative && (h.strong || ptext < 200)
}

/// Elements scored as one paragraph.
fn is_paragraph_tag(t: Tag) -> bool {
    matches!(t, Tag::P | Tag::Pre | Tag::Blockquote | Tag::Dd)
}

/// The block that holds a text node outside any paragraph element, if there is one.
fn container(dom: &Dom, text: NodeId) -> Option<NodeId> {
    let mut a = dom.node(text).parent;
    loop {
        match dom.tag(a) {
            Some(t) if is_paragraph_tag(t) || t.is_heading() || invisible_tag(t) => return None,
            Some(t) if t.is_block() || matches!(t, Tag::Article | Tag::Main | Tag::Section) => {
                return Some(a)
            }
            _ => {}
        }
        if a == 0 {
            return None;
        }
        a = dom.node(a).parent;
    }
}

fn initial_score(dom: &Dom, id: NodeId, positive: bool) -> f32 {
    let base = match dom.tag(id) {
        Some(Tag::Div | Tag::Article | Tag::Main | Tag::Section) => 5.0,
        Some(Tag::Pre | Tag::Td | Tag::Blockquote) => 3.0,
        Some(
            Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form,
        ) => -3.0,
        Some(t) if t.is_heading() || t == Tag::Th => -5.0,
        _ => 0.0,
    };
    let mut s = base;
    if positive {
        s += 25.0;
    }
    if dom.tag(id) == Some(Tag::Article) {
        s += 10.0;
    }
    if dom
        .attr(id, "itemprop")
        .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
    {
        s += 30.0;
    }
    s
}

/// Non-white bytes, not counting what entity references add.
fn visible_len(s: &str) -> u32 {
    s.bytes().filter(|b| !b.is_ascii_whitespace()).count() as u32
}

fn ends_sentence(s: &str) -> bool {
    let t = s
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')'));
    t.len() > 20 && t.ends_with(['.', '!', '?', '…'])
}

/// Writes the chosen elements out, paragraph by paragraph.
fn write(dom: &Dom, roots: &[NodeId], junk: &[bool]) -> Body {
    let mut b = Builder::new(dom.text);
    for &r in roots {
        b.walk(dom, r, junk, false, 0);
        b.end_block();
    }
    b.finish()
}

/// Accumulates paragraphs with their offset map; drops a paragraph when it ends badly.
struct Builder<'a> {
    src: &'a str,
    text: String,
    map: OffsetMap,
    paragraphs: Vec<Span>,
    /// Where the current paragraph starts in `text`.
    para_start: usize,
    para_src: Option<Span>,
    para_link: usize,
    para_heading: Option<Tag>,
    pending_space: bool,
    /// The last kept paragraph when it reads as a heading: (its start in `text`, paragraphs before).
    lead: Option<(usize, usize)>,
    /// The last kept paragraph was a heading element.
    last_heading: bool,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str) -> Builder<'a> {
        Builder {
            src,
            text: String::new(),
            map: OffsetMap::default(),
            paragraphs: Vec::new(),
            para_start: 0,
            para_src: None,
            para_link: 0,
            para_heading: None,
            pending_space: false,
            lead: None,
            last_heading: false,
        }
    }

    fn walk(&mut self, dom: &Dom, id: NodeId, junk: &[bool], link: bool, depth: usize) {
        if junk[id as usize] || depth > 512 {
            return;
        }
        let node = dom.node(id);
        match node.kind {
            Kind::Text => self.push_raw(node.span, link),
            Kind::Element(tag) => {
                if invisible_tag(tag) {
                    return;
                }
                if tag == Tag::Br {
                    self.end_block();
                    return;
                }
                let block = tag.is_block() || tag.is_heading();
                if block {
                    self.end_block();
                    if tag.is_heading() {
                        self.para_heading = Some(tag);
                    }
                } else if matches!(tag, Tag::Img | Tag::Hr) {
                    self.pending_space = true;
                }
                let link = link || tag == Tag::A;
                let mut c = node.first_child;
                while c != NONE {
                    self.walk(dom, c, junk, link, depth + 1);
                    c = dom.nodes[c as usize].next_sibling;
                }
                if block {
                    self.end_block();
                }
            }
        }
    }

    /// Appends raw source text at `span`, collapsing white space and decoding references.
    fn push_raw(&mut self, span: Span, link: bool) {
        let raw = &self.src[span.range()];
        let before = self.text.len();
        let mut first: Option<usize> = None;
        let mut last = 0;
        pieces(raw, |p| match p {
            Piece::Raw(s, e) => {
                let chunk = &raw[s..e];
                // Words are runs of non-white characters (white space may be several bytes:
                // no-break and ideographic spaces).
                let mut word: Option<usize> = None;
                let ends = chunk
                    .char_indices()
                    .map(|(i, c)| (i, c.is_whitespace()))
                    .chain(std::iter::once((chunk.len(), true)));
                for (i, white) in ends {
                    match (white, word) {
                        (true, Some(ws)) => {
                            let start = span.start + s + ws;
                            self.sep();
                            let body_at = self.text.len();
                            self.text.push_str(&chunk[ws..i]);
                            self.map.push(body_at, start, i - ws);
                            first.get_or_insert(start);
                            last = start + (i - ws);
                            word = None;
                            if i < chunk.len() {
                                self.pending_space = true;
                            }
                        }
                        (true, None) => {
                            if i < chunk.len() {
                                self.pending_space = true;
                            }
                        }
                        (false, None) => word = Some(i),
                        (false, Some(_)) => {}
                    }
                }
            }
            Piece::Char(c, at, len) => {
                if c.is_whitespace() || c == '\u{ad}' || c == '\u{200b}' {
                    if c != '\u{ad}' && c != '\u{200b}' {
                        self.pending_space = true;
                    }
                    return;
                }
                self.sep();
                self.text.push(c);
                first.get_or_insert(span.start + at);
                last = span.start + at + len;
            }
        });
        if let Some(f) = first {
            let s = Span::new(f, last.max(f));
            self.para_src = Some(match self.para_src {
                Some(p) => p.cover(s),
                None => s,
            });
        }
        if link {
            self.para_link += self.text.len() - before;
        }
    }

    fn sep(&mut self) {
        if self.text.len() > self.para_start && self.pending_space {
            self.text.push(' ');
        }
        self.pending_space = false;
    }

    fn end_block(&mut self) {
        self.pending_space = false;
        let len = self.text.len() - self.para_start;
        if len == 0 {
            self.para_heading = None;
            return;
        }
        let para = &self.text[self.para_start..];
        let keep = keep_paragraph(para, self.para_link, self.para_heading);
        if keep {
            // A heading (or a short line without a full stop) introduces what follows; it goes
            // if what follows is a list of links ("More stories", "Related").
            self.lead = (self.para_heading.is_some() || is_title_like(para))
                .then_some((self.para_start, self.paragraphs.len()));
            self.last_heading = self.para_heading.is_some();
            if let Some(s) = self.para_src {
                self.paragraphs.push(s);
            }
            self.text.push_str("\n\n");
        } else {
            let cut = match self.lead.take() {
                Some((at, paras)) if self.para_link * 2 > len => {
                    self.paragraphs.truncate(paras);
                    at
                }
                _ => self.para_start,
            };
            self.text.truncate(cut);
            truncate_map(&mut self.map, cut);
        }
        self.para_start = self.text.len();
        self.para_src = None;
        self.para_link = 0;
        self.para_heading = None;
    }

    fn finish(mut self) -> Body {
        self.end_block();
        // A heading left at the very end introduces nothing.
        if let Some((at, paras)) = self.lead.take().filter(|_| self.last_heading) {
            self.paragraphs.truncate(paras);
            self.text.truncate(at);
            truncate_map(&mut self.map, at);
        }
        let trimmed = self.text.trim_end().len();
        self.text.truncate(trimmed);
        truncate_map(&mut self.map, trimmed);
        Body {
            text: self.text,
            map: self.map,
            paragraphs: self.paragraphs,
            root: None,
        }
    }
}

/// A short line that does not end a sentence ("More stories", "Write to the author").
fn is_title_like(para: &str) -> bool {
    let t = para.trim_end();
    t.chars().count() < 80 && !t.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', ')', '…'])
}

/// Whether a written paragraph stays.
fn keep_paragraph(para: &str, link_bytes: usize, heading: Option<Tag>) -> bool {
    if heading == Some(Tag::H1) {
        return false;
    }
    let len = para.len();
    if link_bytes * 10 > len * 6 && len < 400 {
        return false;
    }
    let words = para.split_whitespace().count();
    if words <= 6 && is_boilerplate_phrase(para) {
        return false;
    }
    if words <= 30 && is_promotion(para) {
        return false;
    }
    para.chars().any(char::is_alphanumeric)
}

/// Short paragraphs that sell a newsletter or a social account, or ask for tips.
fn is_promotion(para: &str) -> bool {
    let l = para.to_lowercase();
    const PHRASES: &[&str] = &[
        "subscribe to our",
        "newsletters.",
        "newsletter.",
        "sign up for our",
        "sign up to our",
        "follow us on",
        "have a tip?",
        "got a tip?",
        "to keep up with the latest",
        "right in your inbox",
        "download our app",
    ];
    PHRASES.iter().any(|p| l.contains(p))
}

/// Short lines that are page furniture in any article ("Advertisement", "Share this article").
fn is_boilerplate_phrase(para: &str) -> bool {
    let l = para.trim().to_lowercase();
    const STARTS: &[&str] = &[
        "advertisement",
        "share this",
        "share on",
        "share:",
        "read more",
        "read next",
        "click here",
        "sign up",
        "subscribe",
        "follow us",
        "related:",
        "related articles",
        "related stories",
        "see also",
        "image:",
        "photo:",
        "image credit",
        "photo credit",
        "getty images",
        "copyright ©",
        "© ",
        "all rights reserved",
        "continue reading",
        "story continues",
        "scroll to continue",
        "comments",
        "leave a comment",
        "tweet",
        "email this",
        "print this",
    ];
    STARTS.iter().any(|s| l.starts_with(s))
}

/// Removes every mapped run at or past `at` in the body.
fn truncate_map(map: &mut OffsetMap, at: usize) {
    while let Some(last) = map.runs.last_mut() {
        if last.0 >= at {
            map.runs.pop();
        } else {
            if last.0 + last.2 > at {
                last.2 = at - last.0;
            }
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> String {
        extract(&Dom::parse(html)).text
    }

    #[test]
    fn picks_the_prose_and_drops_furniture() {
        let html = r##"<html><body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <div class="main"><article>
          <h1>River ferries stay in port</h1>
          <div class="share-bar"><a href="#">Share on social</a></div>
          <p>The ferries that cross the estuary stayed in port on Friday, as the wind rose over the hills.</p>
          <p>Harbour staff said the crossings would resume, weather permitting, on Saturday morning.</p>
          <figure><img src="x.jpg"><figcaption>The quay at dawn. Photo: A. Lens</figcaption></figure>
          <p>Commuters were offered buses &amp; trains instead.</p>
        </article>
        <aside><h3>Related</h3><ul><li><a href="/a">Another story about ferries</a></li></ul></aside>
        <div id="comments"><p>Great article, thanks for writing it, I agree with every word.</p></div>
        </div>
        <footer>Copyright, the Estuary Gazette</footer></body></html>"##;
        assert_eq!(
            body(html),
            "The ferries that cross the estuary stayed in port on Friday, as the wind rose over the hills.\n\n\
             Harbour staff said the crossings would resume, weather permitting, on Saturday morning.\n\n\
             Commuters were offered buses & trains instead."
        );
    }

    #[test]
    fn map_points_back_into_the_source() {
        let html = "<div><p>First   words of a paragraph that is long enough to count, surely.</p><p>Second one,\n here, with a comma or two.</p></div>";
        let dom = Dom::parse(html);
        let b = extract(&dom);
        for (i, w) in b.text.split_whitespace().enumerate() {
            let at = b
                .text
                .split_whitespace()
                .take(i)
                .map(|w| w.len() + 1)
                .sum::<usize>();
            let _ = at;
            assert!(html.contains(w));
        }
        let start = b.text.find("Second").unwrap();
        let nb = "<div><p>Words\u{a0}with\u{3000}wide spaces, and a paragraph long enough to count.</p></div>";
        let w = extract(&Dom::parse(nb));
        assert!(w.text.starts_with("Words with wide spaces"), "{}", w.text);
        for &(bs, ss, l) in &w.map.runs {
            assert_eq!(&w.text[bs..bs + l], &nb[ss..ss + l]);
        }
        let src = b.map.to_source(start).unwrap();
        assert!(html[src..].starts_with("Second"));
        assert_eq!(b.paragraphs.len(), 2);
        assert_eq!(
            &html[b.paragraphs[1].range()],
            "Second one,\n here, with a comma or two."
        );
    }
}
