//! What class names, ids and roles say about an element: boilerplate, content, or nothing.
//!
//! Generic words that CMSs and front-end frameworks use, matched as whole words of a class or id
//! (split on `-`, `_`, spaces and lower-to-upper case changes); nothing is keyed to a site.

/// What the class and id of an element suggest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hint {
    /// Boilerplate (navigation, sharing, comments, ads, related links, captions...).
    pub negative: bool,
    /// Comment threads and cookie notices: never protected even when they hold most of the
    /// page's text.
    pub comments: bool,
    /// Boilerplate words that the content words do not outweigh.
    pub strong: bool,
    /// Boilerplate words that a content word outweighs.
    weak: bool,
    /// The article's own text (`article-body`, `entry-content`, `story`...).
    pub positive: bool,
}

/// Whole words that mark boilerplate wherever they appear.
const STRONG: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "advertising",
    "adslot",
    "adunit",
    "sponsor",
    "sponsored",
    "promo",
    "promotion",
    "promoted",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "share",
    "sharing",
    "sharebar",
    "social",
    "socials",
    "sociable",
    "follow",
    "related",
    "recommended",
    "recommendations",
    "recirc",
    "outbrain",
    "taboola",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "navbar",
    "nav",
    "navigation",
    "menu",
    "caption",
    "credit",
    "credits",
    "byline",
    "tags",
    "comment",
    "comments",
    "disqus",
    "respond",
    "replies",
    "nocontent",
    "noprint",
    "readmore",
    "sronly",
    "screenreader",
    "visually",
    "shoutbox",
];

/// Whole words that mark boilerplate unless the element is also named as content
/// (`article-header`, `widget Blog`, WordPress' `post has-post-thumbnail tag-x`).
const WEAK: &[&str] = &[
    "header",
    "meta",
    "more",
    "most",
    "next",
    "prev",
    "previous",
    "widget",
    "widgets",
    "modal",
    "overlay",
    "popup",
    "thumbnail",
    "thumb",
    "tag",
    "video",
    "player",
    "gallery",
    "slideshow",
    "carousel",
    "extra",
    "supplemental",
    "teaser",
    "teasers",
    "app",
    "download",
    "email",
    "search",
    "login",
    "register",
    "alert",
    "notice",
    "toc",
    "jump",
    "rating",
    "author",
    "authors",
    "bio",
    "timestamp",
    "dateline",
    "banner",
    "aside",
    "pagination",
    "pager",
    "skip",
    "masthead",
    "topbar",
    "toolbar",
    "trending",
    "popular",
    "mostread",
    "keywords",
    "tagline",
    "infobox",
    "pullquote",
    "reply",
    "date",
    "published",
    "posted",
    "pubdate",
    "updated",
    "discussion",
    "sidebar",
    "paywall",
];

/// Words that mark what is never the article, however much text it holds: comment threads and
/// cookie notices.
const COMMENTS: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "comment",
    "comments",
    "disqus",
    "respond",
    "reply",
    "replies",
    "discussion",
];

/// Whole words that mark the article text.
const POSITIVE: &[&str] = &[
    "article",
    "articlebody",
    "content",
    "body",
    "story",
    "storybody",
    "entry",
    "post",
    "text",
    "main",
    "blog",
    "prose",
    "richtext",
    "rte",
    "copy",
    "page",
    "news",
    "column",
    "hentry",
];

/// Classifies an element by its `class` and `id` values (raw attribute values).
pub fn hint(class: Option<&str>, id: Option<&str>) -> Hint {
    let mut h = Hint::default();
    let mut word = String::new();
    for value in [class, id].into_iter().flatten() {
        let mut prev_lower = false;
        for c in value.chars().chain(std::iter::once(' ')) {
            let boundary = !c.is_ascii_alphanumeric() || (prev_lower && c.is_ascii_uppercase());
            if boundary && !word.is_empty() {
                judge(&word, &mut h);
                word.clear();
            }
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        }
    }
    h.negative = h.strong || (h.weak && !h.positive);
    h.positive &= !h.strong;
    h
}

fn judge(word: &str, h: &mut Hint) {
    if STRONG.contains(&word) {
        h.strong = true;
    }
    if WEAK.contains(&word) {
        h.weak = true;
    }
    if COMMENTS.contains(&word) {
        h.comments = true;
    }
    if POSITIVE.contains(&word) {
        h.positive = true;
    }
    // Glued words: "sharebuttons", "relatedarticles", "commentlist", "adcontainer".
    for stem in [
        "share",
        "related",
        "comment",
        "cookie",
        "social",
        "advert",
        "newsletter",
        "breadcrumb",
        "subscri",
        "promo",
        "sponsor",
        "outbrain",
        "taboola",
        "disqus",
        "recommend",
    ] {
        if word.len() > stem.len() + 2 && word.starts_with(stem) {
            h.strong = true;
            if stem == "comment" || stem == "disqus" || stem == "cookie" {
                h.comments = true;
            }
        }
    }
    for stem in [
        "articlebody",
        "storybody",
        "postbody",
        "entrycontent",
        "postcontent",
    ] {
        if word.contains(stem) {
            h.positive = true;
        }
    }
}

/// ARIA roles of page furniture.
pub fn is_furniture_role(role: &str) -> bool {
    role.split_ascii_whitespace().any(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "navigation"
                | "complementary"
                | "banner"
                | "contentinfo"
                | "dialog"
                | "alertdialog"
                | "menu"
                | "menubar"
                | "search"
                | "toolbar"
                | "tablist"
                | "alert"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_not_substrings() {
        assert!(hint(Some("share-buttons"), None).negative);
        assert!(hint(Some("ShareBar"), None).negative);
        assert!(!hint(Some("shared-layout"), None).negative);
        assert!(hint(Some("article-body"), None).positive);
        assert!(!hint(Some("article-body"), None).negative);
        assert!(hint(None, Some("comments")).comments);
        assert!(!hint(Some("loading"), None).negative);
        assert!(hint(Some("entry-content"), Some("post-12")).positive);
        assert!(!hint(Some("post has-post-thumbnail tag-news"), None).negative);
        assert!(hint(Some("post-share"), None).negative);
        assert!(hint(Some("widget"), None).negative);
    }
}
