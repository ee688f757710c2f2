//! Resolving the relative `href`s that tests, sections and packages use to
//! name other files. Paths stay inside their root: a reference that climbs
//! out of it (`../../etc/passwd`) or is absolute is refused, which is what
//! keeps a hostile package from reading outside itself.

use crate::error::{Error, ErrorKind};

/// The path of `href` as seen from the document at `base` (both relative
/// to the same root, `/`-separated). `..` and `.` are resolved; a query or
/// fragment is dropped; percent-escapes are decoded.
pub fn join(base: &str, href: &str) -> Result<String, Error> {
    let refuse = |message: &str| {
        Error::new(ErrorKind::Reference {
            href: href.to_string(),
            message: message.to_string(),
        })
    };
    let href = href.trim();
    let href = href.split(['#', '?']).next().unwrap_or_default();
    if href.is_empty() {
        return Err(refuse("empty reference"));
    }
    if href.starts_with('/') || href.starts_with('\\') || href.contains(':') {
        return Err(refuse(
            "absolute paths and URLs are not followed; references must be relative",
        ));
    }
    let decoded = percent_decode(href).ok_or_else(|| refuse("invalid percent-escape"))?;
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop(); // the referring document's own name
    for segment in decoded.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(refuse("the reference leaves the package or folder"));
                }
            }
            s => parts.push(s),
        }
    }
    parts.retain(|p| !p.is_empty() && *p != ".");
    Ok(parts.join("/"))
}

fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn relative_paths_resolve_against_the_referring_document() {
        assert_eq!(
            join("tests/t.xml", "./items/Q01.xml").unwrap(),
            "tests/items/Q01.xml"
        );
        assert_eq!(
            join("tests/t.xml", "../items/Q01.xml").unwrap(),
            "items/Q01.xml"
        );
        assert_eq!(join("t.xml", "Q%2001.xml").unwrap(), "Q 01.xml");
        assert_eq!(join("a/b/t.xml", "c/../d.xml#x").unwrap(), "a/b/d.xml");
    }

    #[test]
    fn escaping_and_absolute_references_are_refused() {
        assert!(join("t.xml", "../secret.xml").is_err());
        assert!(join("a/t.xml", "../../secret.xml").is_err());
        assert!(join("t.xml", "/etc/passwd").is_err());
        assert!(join("t.xml", "http://example.com/q.xml").is_err());
        assert!(join("t.xml", "C:\\q.xml").is_err());
    }
}
