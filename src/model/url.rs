//! What a source URL may be: a web address that every output can show as a link without it
//! turning into markup, a second link or a script.

/// Why `url` is not a web address rechain links to, or `None` when it is one: `http` or
/// `https`, a host of letters, digits, dots and dashes (and a port), and no white space,
/// control character, `<`, `>`, `"` or backtick anywhere.
pub fn url_problem(url: &str) -> Option<&'static str> {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Some("is not an http(s) URL (it must start with `https://` or `http://`)");
    };
    if let Some(c) = url.chars().find(|&c| !allowed(c)) {
        return Some(if c.is_whitespace() {
            "contains white space (write a space as %20)"
        } else if c.is_control() || crate::text::is_unsafe(c) {
            "contains a control character"
        } else {
            "contains `<`, `>`, `\"` or a backtick (write them as %3C, %3E, %22 or %60)"
        });
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    let host_shaped = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && !host.starts_with(['.', '-']);
    if !host_shaped {
        return Some("has no host name of letters, digits, dots and dashes after `://`");
    }
    None
}

/// Whether `url` is one [`url_problem`] accepts.
pub fn is_web_url(url: &str) -> bool {
    url_problem(url).is_none()
}

fn allowed(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || crate::text::is_unsafe(c)
        || matches!(c, '<' | '>' | '"' | '`'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_pass() {
        for url in [
            "https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-rare-earths.pdf",
            "http://example.org",
            "https://example.org:8443/a?b=c&d=e#f",
            "https://de.wikipedia.org/wiki/Seltene_Erden_(Begriff)",
        ] {
            assert_eq!(url_problem(url), None, "{url}");
        }
    }

    #[test]
    fn scripts_markup_and_hostless_addresses_are_refused() {
        for url in [
            "https://ok.example/a> [click me](javascript:alert(1)) <img src=x onerror=alert(document.domain)>",
            "javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "https://",
            "https:///path",
            "https://a b.example/",
            "https://example.org/\"onmouseover=x",
            "https://example.org/`x`",
            "https://example.org/\u{2028}",
            "https://user@evil.example/",
            "ftp://example.org/",
            " https://example.org/",
        ] {
            assert!(url_problem(url).is_some(), "{url}");
        }
    }
}
