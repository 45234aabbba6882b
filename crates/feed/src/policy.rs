//! Which links a fetched document may make cuttings follow (issue #17).
//!
//! A feed from the web is written by strangers: its item links, and the redirects of the
//! servers they lead to, must not make cuttings read the user's files (`file://`) or reach
//! machines only the user's own network can reach (loopback, private and link-local
//! addresses, whatever a host name resolves to). A local feed (a file, or a server on such an
//! address, which the user named) may link anywhere.

use std::net::{IpAddr, ToSocketAddrs};

use crate::fetch::is_http;

/// Why `link`, found in (or redirected to from) the document at `from`, must not be followed;
/// `None` when it may be.
pub fn refuse(from: &str, link: &str) -> Option<String> {
    if is_local(from) {
        return None;
    }
    if !is_http(link) {
        return Some(format!(
            "not followed: a link of a web document to {} (only http and https links are)",
            scheme_of(link)
        ));
    }
    let host = host_of(link);
    if host_is_local(host) {
        return Some(format!(
            "not followed: a link of a web document to {host}, a loopback or private address"
        ));
    }
    None
}

/// Whether a document's address is the user's own: a file or path, or an http(s) server on a
/// loopback or private address.
pub fn is_local(url: &str) -> bool {
    !is_http(url) || host_is_local(host_of(url))
}

fn scheme_of(link: &str) -> &str {
    match link.split_once("://") {
        Some((scheme, _)) if !scheme.is_empty() => scheme,
        _ => "a local path",
    }
}

/// The host of an http(s) URL, without port, user or brackets.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if let Some(v6) = host_port.strip_prefix('[') {
        return v6.split(']').next().unwrap_or(v6);
    }
    host_port.split(':').next().unwrap_or(host_port)
}

/// Whether `host` names the user's machine or network: `localhost`, an address of a local
/// range, or a name that resolves to one (checked when resolved; a name that does not resolve
/// is left to the fetch, which will fail).
fn host_is_local(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host == "localhost" || host.ends_with(".localhost") {
        return true;
    }
    if let Ok(ip) = host.parse::<IpAddr>() {
        return ip_is_local(ip);
    }
    match (host.as_str(), 80).to_socket_addrs() {
        Ok(addrs) => addrs.into_iter().any(|a| ip_is_local(a.ip())),
        Err(_) => false,
    }
}

fn ip_is_local(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                // 100.64.0.0/10, shared address space (carrier-grade NAT)
                || (v4.octets()[0] == 100 && (v4.octets()[1] & 0xc0) == 64)
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                // unique local fc00::/7 and link-local fe80::/10
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || v6.to_ipv4_mapped().is_some_and(|v4| ip_is_local(IpAddr::V4(v4)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_feed_links_only_to_the_web() {
        let feed = "https://93.184.216.34/feed.xml";
        assert_eq!(refuse(feed, "https://93.184.216.34/news/1"), None);
        for link in [
            "file:///etc/passwd",
            "/etc/passwd",
            "ftp://93.184.216.34/x",
            "http://127.0.0.1:8080/admin",
            "http://localhost/x",
            "http://api.localhost/x",
            "http://10.1.2.3/",
            "http://192.168.0.1/router",
            "http://172.16.0.5/",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]:80/",
            "http://[fd00::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://0.0.0.0/",
            "http://user@127.0.0.1/",
        ] {
            assert!(refuse(feed, link).is_some(), "{link} was let through");
        }
    }

    #[test]
    fn a_local_feed_may_link_anywhere() {
        for feed in [
            "feeds/local.xml",
            "file:///tmp/f.xml",
            "http://127.0.0.1:9000/f.xml",
        ] {
            assert!(is_local(feed), "{feed}");
            assert_eq!(refuse(feed, "file:///tmp/page.html"), None);
            assert_eq!(refuse(feed, "http://127.0.0.1:9000/p"), None);
        }
        assert!(!is_local("https://93.184.216.34/f.xml"));
    }

    #[test]
    fn hosts_are_read_from_urls() {
        assert_eq!(
            host_of("https://user:pw@example.org:8443/a?b#c"),
            "example.org"
        );
        assert_eq!(host_of("http://[::1]:8080/x"), "::1");
        assert_eq!(host_of("http://example.org"), "example.org");
    }
}
