//! A small, forgiving HTML tokenizer and tree builder that keeps byte spans.
//!
//! Not a full HTML5 parser: it knows void and raw-text elements, closes paragraphs, list items,
//! table cells and options the way browsers do, ignores stray end tags, and never fails. What it
//! buys over html5ever is speed (one pass, no string copies) and a [`Span`] into the decoded text
//! for every node and attribute, which provenance needs.

use cuttings_model::Span;
use memchr::memchr;

/// Index of a node in [`Dom::nodes`]; nodes are stored in document (pre-)order.
pub type NodeId = u32;

/// Elements the extractor cares about; everything else is `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Tag {
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Script,
    Style,
    Noscript,
    Template,
    Svg,
    Math,
    Iframe,
    Nav,
    Header,
    Footer,
    Aside,
    Form,
    Button,
    Input,
    Select,
    Textarea,
    Label,
    Option,
    P,
    Div,
    Span,
    A,
    Article,
    Main,
    Section,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Code,
    Table,
    Tr,
    Td,
    Th,
    Tbody,
    Thead,
    Tfoot,
    Caption,
    Figure,
    Figcaption,
    Img,
    Picture,
    Source,
    Video,
    Audio,
    Br,
    Hr,
    Time,
    Address,
    Details,
    Summary,
    Dialog,
    Menu,
    Canvas,
    Object,
    Embed,
    Center,
    Font,
    B,
    I,
    Em,
    Strong,
    Small,
    Sup,
    Sub,
    Abbr,
    Cite,
    Q,
    U,
    S,
    Mark,
    Area,
    Base,
    Col,
    Param,
    Track,
    Wbr,
    Fieldset,
    Legend,
    Xmp,
    Plaintext,
    Noembed,
    Noframes,
    Other,
}

impl Tag {
    /// The tag for a lower- or mixed-case name.
    pub fn from_name(name: &[u8]) -> Tag {
        let mut buf = [0u8; 12];
        if name.len() > buf.len() {
            return Tag::Other;
        }
        for (b, n) in buf.iter_mut().zip(name) {
            *b = n.to_ascii_lowercase();
        }
        match &buf[..name.len()] {
            b"html" => Tag::Html,
            b"head" => Tag::Head,
            b"body" => Tag::Body,
            b"title" => Tag::Title,
            b"meta" => Tag::Meta,
            b"link" => Tag::Link,
            b"script" => Tag::Script,
            b"style" => Tag::Style,
            b"noscript" => Tag::Noscript,
            b"template" => Tag::Template,
            b"svg" => Tag::Svg,
            b"math" => Tag::Math,
            b"iframe" => Tag::Iframe,
            b"nav" => Tag::Nav,
            b"header" => Tag::Header,
            b"footer" => Tag::Footer,
            b"aside" => Tag::Aside,
            b"form" => Tag::Form,
            b"button" => Tag::Button,
            b"input" => Tag::Input,
            b"select" => Tag::Select,
            b"textarea" => Tag::Textarea,
            b"label" => Tag::Label,
            b"option" => Tag::Option,
            b"p" => Tag::P,
            b"div" => Tag::Div,
            b"span" => Tag::Span,
            b"a" => Tag::A,
            b"article" => Tag::Article,
            b"main" => Tag::Main,
            b"section" => Tag::Section,
            b"h1" => Tag::H1,
            b"h2" => Tag::H2,
            b"h3" => Tag::H3,
            b"h4" => Tag::H4,
            b"h5" => Tag::H5,
            b"h6" => Tag::H6,
            b"ul" => Tag::Ul,
            b"ol" => Tag::Ol,
            b"li" => Tag::Li,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"dd" => Tag::Dd,
            b"blockquote" => Tag::Blockquote,
            b"pre" => Tag::Pre,
            b"code" => Tag::Code,
            b"table" => Tag::Table,
            b"tr" => Tag::Tr,
            b"td" => Tag::Td,
            b"th" => Tag::Th,
            b"tbody" => Tag::Tbody,
            b"thead" => Tag::Thead,
            b"tfoot" => Tag::Tfoot,
            b"caption" => Tag::Caption,
            b"figure" => Tag::Figure,
            b"figcaption" => Tag::Figcaption,
            b"img" => Tag::Img,
            b"picture" => Tag::Picture,
            b"source" => Tag::Source,
            b"video" => Tag::Video,
            b"audio" => Tag::Audio,
            b"br" => Tag::Br,
            b"hr" => Tag::Hr,
            b"time" => Tag::Time,
            b"address" => Tag::Address,
            b"details" => Tag::Details,
            b"summary" => Tag::Summary,
            b"dialog" => Tag::Dialog,
            b"menu" => Tag::Menu,
            b"canvas" => Tag::Canvas,
            b"object" => Tag::Object,
            b"embed" => Tag::Embed,
            b"center" => Tag::Center,
            b"font" => Tag::Font,
            b"b" => Tag::B,
            b"i" => Tag::I,
            b"em" => Tag::Em,
            b"strong" => Tag::Strong,
            b"small" => Tag::Small,
            b"sup" => Tag::Sup,
            b"sub" => Tag::Sub,
            b"abbr" => Tag::Abbr,
            b"cite" => Tag::Cite,
            b"q" => Tag::Q,
            b"u" => Tag::U,
            b"s" => Tag::S,
            b"mark" => Tag::Mark,
            b"area" => Tag::Area,
            b"base" => Tag::Base,
            b"col" => Tag::Col,
            b"param" => Tag::Param,
            b"track" => Tag::Track,
            b"wbr" => Tag::Wbr,
            b"fieldset" => Tag::Fieldset,
            b"legend" => Tag::Legend,
            b"xmp" => Tag::Xmp,
            b"plaintext" => Tag::Plaintext,
            b"noembed" => Tag::Noembed,
            b"noframes" => Tag::Noframes,
            _ => Tag::Other,
        }
    }

    /// Elements that never have children.
    pub fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Area
                | Tag::Base
                | Tag::Br
                | Tag::Col
                | Tag::Embed
                | Tag::Hr
                | Tag::Img
                | Tag::Input
                | Tag::Link
                | Tag::Meta
                | Tag::Param
                | Tag::Source
                | Tag::Track
                | Tag::Wbr
        )
    }

    /// Elements whose content is raw text up to the matching end tag.
    fn is_raw_text(self) -> bool {
        matches!(
            self,
            Tag::Script
                | Tag::Style
                | Tag::Textarea
                | Tag::Title
                | Tag::Xmp
                | Tag::Iframe
                | Tag::Noembed
                | Tag::Noframes
                | Tag::Noscript
                | Tag::Plaintext
        )
    }

    /// Elements that close an open `<p>`.
    fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::Address
                | Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Details
                | Tag::Div
                | Tag::Dl
                | Tag::Fieldset
                | Tag::Figcaption
                | Tag::Figure
                | Tag::Footer
                | Tag::Form
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Header
                | Tag::Hr
                | Tag::Main
                | Tag::Menu
                | Tag::Nav
                | Tag::Ol
                | Tag::P
                | Tag::Pre
                | Tag::Section
                | Tag::Table
                | Tag::Ul
        )
    }

    /// Block-level elements: their text is a paragraph of its own.
    pub fn is_block(self) -> bool {
        self.closes_p()
            || matches!(
                self,
                Tag::Li
                    | Tag::Dt
                    | Tag::Dd
                    | Tag::Tr
                    | Tag::Td
                    | Tag::Th
                    | Tag::Table
                    | Tag::Tbody
                    | Tag::Thead
                    | Tag::Tfoot
                    | Tag::Caption
                    | Tag::Body
                    | Tag::Html
                    | Tag::Center
                    | Tag::Legend
                    | Tag::Summary
                    | Tag::Dialog
                    | Tag::Br
                    | Tag::Option
                    | Tag::Select
                    | Tag::Textarea
            )
    }

    /// `h1` to `h6`.
    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }
}

/// One attribute: spans of its name and of its raw (undecoded) value, without quotes.
#[derive(Clone, Copy, Debug)]
pub struct Attr {
    /// The name as written.
    pub name: Span,
    /// The value as written (entities not decoded); empty for a bare attribute.
    pub value: Span,
}

/// What a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An element.
    Element(Tag),
    /// A run of text (raw; entities not decoded).
    Text,
}

/// One node of the tree.
#[derive(Clone, Debug)]
pub struct Node {
    /// Element or text.
    pub kind: Kind,
    /// For elements the start tag up to the end of the end tag (or of the last child when the end
    /// tag is missing); for text the text itself.
    pub span: Span,
    /// For elements, the part between the start and the end tag.
    pub inner: Span,
    /// Parent; the root (index 0) is its own parent.
    pub parent: NodeId,
    /// First child, or `NONE`.
    pub first_child: NodeId,
    /// Next sibling, or `NONE`.
    pub next_sibling: NodeId,
    /// Attributes: a range of [`Dom::attrs`].
    pub attrs: (u32, u32),
    /// Depth below the root.
    pub depth: u16,
}

/// No node.
pub const NONE: NodeId = u32::MAX;

/// The parsed tree: an arena of nodes in document order, root first (a synthetic `Html` element).
#[derive(Debug)]
pub struct Dom<'a> {
    /// The decoded text the spans index.
    pub text: &'a str,
    /// Nodes in document order; index 0 is the root.
    pub nodes: Vec<Node>,
    /// Attributes of all elements.
    pub attrs: Vec<Attr>,
    last_child: Vec<NodeId>,
}

impl<'a> Dom<'a> {
    /// Parses `text`; never fails. Elements nested deeper than
    /// [`cuttings_model::limits::MAX_DEPTH`] are attached to the deepest open one instead.
    pub fn parse(text: &'a str) -> Dom<'a> {
        Dom::parse_with(text, cuttings_model::limits::MAX_DEPTH)
    }

    /// Parses `text`, attaching elements nested deeper than `max_depth` to the deepest open one
    /// instead (keeps the stack and every later pass bounded; issue #17).
    pub fn parse_with(text: &'a str, max_depth: usize) -> Dom<'a> {
        let mut dom = Dom {
            text,
            nodes: Vec::with_capacity(text.len() / 40 + 16),
            attrs: Vec::with_capacity(text.len() / 60 + 16),
            last_child: Vec::with_capacity(text.len() / 40 + 16),
        };
        dom.push_node(
            Kind::Element(Tag::Html),
            Span::new(0, text.len()),
            0,
            (0, 0),
        );
        dom.nodes[0].inner = Span::new(0, text.len());
        Builder {
            dom: &mut dom,
            stack: vec![(0, Tag::Html)],
            max_depth: max_depth.max(1),
        }
        .run();
        dom
    }

    fn push_node(&mut self, kind: Kind, span: Span, parent: NodeId, attrs: (u32, u32)) -> NodeId {
        let id = self.nodes.len() as NodeId;
        let depth = if id == 0 {
            0
        } else {
            self.nodes[parent as usize].depth.saturating_add(1)
        };
        self.nodes.push(Node {
            kind,
            span,
            inner: Span::new(span.end, span.end),
            parent,
            first_child: NONE,
            next_sibling: NONE,
            attrs,
            depth,
        });
        self.last_child.push(NONE);
        if id != 0 {
            let last = self.last_child[parent as usize];
            if last == NONE {
                self.nodes[parent as usize].first_child = id;
            } else {
                self.nodes[last as usize].next_sibling = id;
            }
            self.last_child[parent as usize] = id;
        }
        id
    }

    /// The node.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// The element's tag, or `None` for text.
    pub fn tag(&self, id: NodeId) -> Option<Tag> {
        match self.nodes[id as usize].kind {
            Kind::Element(t) => Some(t),
            Kind::Text => None,
        }
    }

    /// Children in order.
    pub fn children(&self, id: NodeId) -> Children<'_, 'a> {
        Children {
            dom: self,
            next: self.nodes[id as usize].first_child,
        }
    }

    /// The raw value of attribute `name` (ASCII case-insensitive), as a span.
    pub fn attr_span(&self, id: NodeId, name: &str) -> Option<Span> {
        let (a, b) = self.nodes[id as usize].attrs;
        self.attrs[a as usize..b as usize]
            .iter()
            .find(|at| self.text[at.name.range()].eq_ignore_ascii_case(name))
            .map(|at| at.value)
    }

    /// The raw value of attribute `name`.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&'a str> {
        self.attr_span(id, name).map(|s| &self.text[s.range()])
    }

    /// The decoded value of attribute `name`, trimmed.
    pub fn attr_decoded(&self, id: NodeId, name: &str) -> Option<String> {
        self.attr(id, name)
            .map(|v| crate::entities::decode(v).trim().to_string())
    }

    /// The node's visible text, decoded, with white space collapsed (skips scripts and styles).
    pub fn text_of(&self, id: NodeId) -> String {
        let mut out = String::new();
        self.collect_text(id, &mut out);
        let mut norm = String::with_capacity(out.len());
        for w in out.split_whitespace() {
            if !norm.is_empty() {
                norm.push(' ');
            }
            norm.push_str(w);
        }
        norm
    }

    fn collect_text(&self, id: NodeId, out: &mut String) {
        let n = &self.nodes[id as usize];
        match n.kind {
            Kind::Text => {
                out.push_str(&crate::entities::decode(&self.text[n.span.range()]));
            }
            Kind::Element(t) => {
                if matches!(t, Tag::Script | Tag::Style | Tag::Template | Tag::Noscript) {
                    return;
                }
                if t.is_block() {
                    out.push(' ');
                }
                let mut c = n.first_child;
                while c != NONE {
                    self.collect_text(c, out);
                    c = self.nodes[c as usize].next_sibling;
                }
                if t.is_block() {
                    out.push(' ');
                }
            }
        }
    }

    /// The span of the first and last non-white text inside the node, when there is text.
    pub fn text_span(&self, id: NodeId) -> Option<Span> {
        let end = self.subtree_end(id);
        let mut first: Option<Span> = None;
        let mut last: Option<Span> = None;
        for n in &self.nodes[id as usize..end] {
            if n.kind == Kind::Text {
                let raw = &self.text[n.span.range()];
                let lead = raw.len() - raw.trim_start().len();
                let trail = raw.len() - raw.trim_end().len();
                if lead == raw.len() {
                    continue;
                }
                let s = Span::new(n.span.start + lead, n.span.end - trail);
                if first.is_none() {
                    first = Some(s);
                }
                last = Some(s);
            }
        }
        Some(first?.cover(last?))
    }

    /// One past the last node of the subtree rooted at `id` (subtrees are contiguous).
    pub fn subtree_end(&self, id: NodeId) -> usize {
        let mut n = id;
        loop {
            let node = &self.nodes[n as usize];
            if node.next_sibling != NONE {
                return node.next_sibling as usize;
            }
            if n == 0 || node.parent == n {
                return self.nodes.len();
            }
            n = node.parent;
        }
    }
}

/// Iterator over a node's children.
pub struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: NodeId,
}

impl Iterator for Children<'_, '_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.nodes[id as usize].next_sibling;
        Some(id)
    }
}

struct Builder<'d, 'a> {
    dom: &'d mut Dom<'a>,
    stack: Vec<(NodeId, Tag)>,
    /// Open elements at most (the root included).
    max_depth: usize,
}

impl Builder<'_, '_> {
    fn top(&self) -> NodeId {
        self.stack.last().map(|s| s.0).unwrap_or(0)
    }

    fn run(&mut self) {
        let text = self.dom.text;
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut text_start = 0;
        while i < bytes.len() {
            let Some(off) = memchr(b'<', &bytes[i..]) else {
                break;
            };
            let lt = i + off;
            let next = bytes.get(lt + 1).copied().unwrap_or(0);
            if next.is_ascii_alphabetic() {
                self.flush_text(text_start, lt);
                let end = self.start_tag(lt);
                i = end;
                text_start = end;
            } else if next == b'/' && bytes.get(lt + 2).is_some_and(|b| b.is_ascii_alphabetic()) {
                self.flush_text(text_start, lt);
                let end = self.end_tag(lt);
                i = end;
                text_start = end;
            } else if next == b'!' || next == b'?' || next == b'/' {
                self.flush_text(text_start, lt);
                let end = if bytes[lt..].starts_with(b"<!--") {
                    find(bytes, lt + 4, b"-->")
                        .map(|e| e + 3)
                        .unwrap_or(bytes.len())
                } else if bytes[lt..].starts_with(b"<![CDATA[") {
                    find(bytes, lt + 9, b"]]>")
                        .map(|e| e + 3)
                        .unwrap_or(bytes.len())
                } else {
                    memchr(b'>', &bytes[lt..])
                        .map(|e| lt + e + 1)
                        .unwrap_or(bytes.len())
                };
                i = end;
                text_start = end;
            } else {
                i = lt + 1;
            }
        }
        self.flush_text(text_start, bytes.len());
        // Elements left open end with the document.
        let len = bytes.len();
        for &(id, _) in self.stack.iter().skip(1) {
            let n = &mut self.dom.nodes[id as usize];
            n.span.end = len;
            n.inner.end = len;
        }
    }

    fn flush_text(&mut self, start: usize, end: usize) {
        if end > start {
            let parent = self.top();
            self.dom
                .push_node(Kind::Text, Span::new(start, end), parent, (0, 0));
        }
    }

    /// Parses a start tag at `lt`; returns the offset after it (and after raw text content).
    fn start_tag(&mut self, lt: usize) -> usize {
        let text = self.dom.text;
        let bytes = text.as_bytes();
        let mut i = lt + 1;
        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' && bytes[i] != b'/' {
            i += 1;
        }
        let tag = Tag::from_name(&bytes[lt + 1..i]);
        let attr_start = self.dom.attrs.len() as u32;
        let mut self_closing = false;
        // Attributes.
        loop {
            while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
                if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'>') {
                    self_closing = true;
                }
                i += 1;
            }
            if i >= bytes.len() {
                break;
            }
            if bytes[i] == b'>' {
                i += 1;
                break;
            }
            let name_start = i;
            while i < bytes.len()
                && !is_space(bytes[i])
                && bytes[i] != b'>'
                && bytes[i] != b'='
                && !(bytes[i] == b'/' && i > name_start)
            {
                i += 1;
            }
            let name = Span::new(name_start, i);
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            let mut value = Span::new(i, i);
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && is_space(bytes[i]) {
                    i += 1;
                }
                if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let q = bytes[i];
                    let vs = i + 1;
                    let ve = memchr(q, &bytes[vs..])
                        .map(|e| vs + e)
                        .unwrap_or(bytes.len());
                    value = Span::new(vs, ve);
                    i = (ve + 1).min(bytes.len());
                } else {
                    let vs = i;
                    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = Span::new(vs, i);
                }
            }
            if !name.is_empty() && self.dom.attrs.len() < u32::MAX as usize - 1 {
                self.dom.attrs.push(Attr { name, value });
            }
        }
        let tag_end = i.min(bytes.len());
        let attrs = (attr_start, self.dom.attrs.len() as u32);
        self.implied_end_tags(tag, lt);
        let parent = self.top();
        let id = self
            .dom
            .push_node(Kind::Element(tag), Span::new(lt, tag_end), parent, attrs);
        self.dom.nodes[id as usize].inner = Span::new(tag_end, tag_end);
        if tag.is_void() || self_closing {
            return tag_end;
        }
        if tag.is_raw_text() {
            // Raw text up to the matching end tag.
            let close = find_end_tag(
                bytes,
                tag_end,
                &bytes[lt + 1..lt + 1 + tag_name_len(bytes, lt + 1)],
            );
            let (content_end, after) = match close {
                Some((s, e)) => (s, e),
                None if tag == Tag::Plaintext => (bytes.len(), bytes.len()),
                // An unclosed script swallows nothing: browsers would, but a truncated page
                // should still show its text.
                None => (tag_end, tag_end),
            };
            if content_end > tag_end {
                self.dom
                    .push_node(Kind::Text, Span::new(tag_end, content_end), id, (0, 0));
            }
            let n = &mut self.dom.nodes[id as usize];
            n.inner = Span::new(tag_end, content_end);
            n.span = Span::new(lt, after);
            return after;
        }
        if self.stack.len() < self.max_depth {
            self.stack.push((id, tag));
        }
        tag_end
    }

    fn implied_end_tags(&mut self, tag: Tag, at: usize) {
        if tag.closes_p() {
            self.close_if_open(Tag::P, &[], at);
        }
        match tag {
            Tag::Li => self.close_if_open(Tag::Li, &[Tag::Ul, Tag::Ol, Tag::Menu], at),
            Tag::Dt | Tag::Dd => {
                self.close_if_open(Tag::Dt, &[Tag::Dl], at);
                self.close_if_open(Tag::Dd, &[Tag::Dl], at);
            }
            Tag::Option => self.close_if_open(Tag::Option, &[Tag::Select], at),
            Tag::Tr => self.close_if_open(Tag::Tr, &[Tag::Table], at),
            Tag::Td | Tag::Th => {
                self.close_if_open(Tag::Td, &[Tag::Tr, Tag::Table], at);
                self.close_if_open(Tag::Th, &[Tag::Tr, Tag::Table], at);
            }
            _ => {}
        }
    }

    /// Closes the nearest open `tag` unless a scope boundary (or any block for `p`) comes first.
    fn close_if_open(&mut self, tag: Tag, scope: &[Tag], at: usize) {
        for k in (1..self.stack.len()).rev() {
            let t = self.stack[k].1;
            if t == tag {
                self.pop_to(k, at, at);
                return;
            }
            if scope.contains(&t)
                || matches!(
                    t,
                    Tag::Table | Tag::Td | Tag::Th | Tag::Html | Tag::Body | Tag::Template
                )
                || (tag == Tag::P && t != Tag::P && t.is_block() && !matches!(t, Tag::Br))
            {
                return;
            }
        }
    }

    /// Pops the stack down to (and including) index `k`.
    fn pop_to(&mut self, k: usize, inner_end: usize, end: usize) {
        while self.stack.len() > k {
            if let Some((id, _)) = self.stack.pop() {
                let n = &mut self.dom.nodes[id as usize];
                n.inner.end = inner_end.max(n.inner.start);
                n.span.end = end.max(n.span.start);
            }
        }
    }

    fn end_tag(&mut self, lt: usize) -> usize {
        let bytes = self.dom.text.as_bytes();
        let name_len = tag_name_len(bytes, lt + 2);
        let tag = Tag::from_name(&bytes[lt + 2..lt + 2 + name_len]);
        let end = memchr(b'>', &bytes[lt..])
            .map(|e| lt + e + 1)
            .unwrap_or(bytes.len());
        if tag == Tag::Other || tag == Tag::Html || tag == Tag::Body {
            // Unknown names: match by text. html/body: never closed early.
            if tag == Tag::Other {
                let name = &bytes[lt + 2..lt + 2 + name_len];
                for k in (1..self.stack.len()).rev() {
                    let (id, t) = self.stack[k];
                    if t == Tag::Other {
                        let s = self.dom.nodes[id as usize].span.start + 1;
                        let n = tag_name_len(bytes, s);
                        if bytes[s..s + n].eq_ignore_ascii_case(name) {
                            self.pop_to(k, lt, end);
                            return end;
                        }
                    }
                    if matches!(t, Tag::Table | Tag::Td | Tag::Th) {
                        break;
                    }
                }
            }
            return end;
        }
        for k in (1..self.stack.len()).rev() {
            if self.stack[k].1 == tag {
                self.pop_to(k, lt, end);
                return end;
            }
        }
        end
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn tag_name_len(bytes: &[u8], from: usize) -> usize {
    bytes[from.min(bytes.len())..]
        .iter()
        .take_while(|b| !is_space(**b) && **b != b'>' && **b != b'/')
        .count()
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|i| from + i)
}

/// Finds `</name` (case-insensitive) from `from`; returns (start of `</`, end after `>`).
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<(usize, usize)> {
    let mut i = from;
    while let Some(off) = memchr::memmem::find(bytes.get(i..)?, b"</") {
        let s = i + off;
        let n = s + 2;
        if bytes.len() >= n + name.len() && bytes[n..n + name.len()].eq_ignore_ascii_case(name) {
            let after = bytes.get(n + name.len()).copied();
            if after.is_none_or(|b| is_space(b) || b == b'>' || b == b'/') {
                let end = memchr(b'>', &bytes[s..])
                    .map(|e| s + e + 1)
                    .unwrap_or(bytes.len());
                return Some((s, end));
            }
        }
        i = s + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(dom: &Dom, id: NodeId, out: &mut String) {
        match dom.node(id).kind {
            Kind::Text => out.push_str(dom.text[dom.node(id).span.range()].trim()),
            Kind::Element(t) => {
                out.push_str(&format!("({t:?}"));
                for c in dom.children(id) {
                    out.push(' ');
                    outline(dom, c, out);
                }
                out.push(')');
            }
        }
    }

    fn tree(html: &str) -> String {
        let dom = Dom::parse(html);
        let mut s = String::new();
        outline(&dom, 0, &mut s);
        s
    }

    #[test]
    fn implied_ends_and_void_elements() {
        assert_eq!(
            tree("<p>one<p>two<br>three<div>x</div>"),
            "(Html (P one) (P two (Br) three) (Div x))"
        );
        assert_eq!(tree("<ul><li>a<li>b</ul>"), "(Html (Ul (Li a) (Li b)))");
    }

    #[test]
    fn raw_text_and_comments() {
        assert_eq!(
            tree("<script>if (a<b) {}</p></script><!-- <p>no</p> --><p>yes"),
            "(Html (Script if (a<b) {}</p>) (P yes))"
        );
    }

    #[test]
    fn stray_end_tags_and_attributes() {
        let html = r#"<div class="a b" id=x data-y>t</span></div>"#;
        let dom = Dom::parse(html);
        assert_eq!(dom.attr(1, "CLASS"), Some("a b"));
        assert_eq!(dom.attr(1, "id"), Some("x"));
        assert_eq!(dom.attr(1, "data-y"), Some(""));
        assert_eq!(tree(html), "(Html (Div t))");
    }

    #[test]
    fn truncated_input_does_not_panic() {
        for html in [
            "<",
            "<a",
            "<a href=\"",
            "<p>x</",
            "<!--",
            "<script>x",
            "</",
            "<a b='c",
        ] {
            let _ = tree(html);
        }
    }
}
