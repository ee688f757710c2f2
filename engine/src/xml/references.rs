//! Character data as XML 1.0 defines it once parsed: references replaced
//! (4.1), line ends normalized (2.11) and, in attribute values, white
//! space made spaces (3.3.3). Only called for text and values that hold a
//! `&`, a line end or a tab: the rest is borrowed from the source as is.

use std::borrow::Cow;

use super::entities::named_entity;

/// A reference that cannot be replaced, and its offset in the raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum RefError {
    /// `&name;` with a name we do not know (we read no DTD).
    Unknown { name: String, offset: usize },
    /// `&#...;` that does not name an XML character.
    BadChar { text: String, offset: usize },
    /// An `&` that starts no reference (`AT&T`, a missing `;`).
    Bare { offset: usize },
}

impl RefError {
    pub fn offset(&self) -> usize {
        match self {
            RefError::Unknown { offset, .. }
            | RefError::BadChar { offset, .. }
            | RefError::Bare { offset } => *offset,
        }
    }
}

/// Text content: references replaced, `\r\n` and lone `\r` made `\n`.
pub(super) fn text(raw: &str) -> Result<Cow<'_, str>, RefError> {
    normalize(raw, false)
}

/// An attribute value: as [`text`], then tabs and line ends made spaces
/// (a `\r\n` pair becomes one space; a character reference to white space
/// keeps that character, as 3.3.3 says).
pub(super) fn attribute_value(raw: &str) -> Result<Cow<'_, str>, RefError> {
    normalize(raw, true)
}

/// CDATA content: line ends normalized only.
pub(super) fn cdata(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\r') {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
}

fn normalize(raw: &str, attribute: bool) -> Result<Cow<'_, str>, RefError> {
    let special = |b: u8| b == b'&' || b == b'\r' || (attribute && (b == b'\n' || b == b'\t'));
    let Some(first) = raw.bytes().position(special) else {
        return Ok(Cow::Borrowed(raw));
    };
    let mut out = String::with_capacity(raw.len());
    out.push_str(&raw[..first]);
    let bytes = raw.as_bytes();
    let mut at = first;
    while at < raw.len() {
        let next = at
            + bytes[at..]
                .iter()
                .position(|&b| special(b))
                .unwrap_or(raw.len() - at);
        out.push_str(&raw[at..next]);
        at = next;
        let Some(&b) = bytes.get(at) else { break };
        match b {
            b'&' => at = reference(raw, at, &mut out)?,
            b'\r' => {
                out.push(if attribute { ' ' } else { '\n' });
                at += if bytes.get(at + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
            }
            _ => {
                out.push(' ');
                at += 1;
            }
        }
    }
    Ok(Cow::Owned(out))
}

/// Replaces the reference at `at` (an `&`) into `out`; returns the offset
/// after its `;`.
fn reference(raw: &str, at: usize, out: &mut String) -> Result<usize, RefError> {
    // Names and numbers are short: looking further than this for the `;`
    // would only make a bare `&` in a long text cost more.
    const LONGEST: usize = 64;
    let rest = &raw.as_bytes()[at + 1..];
    let semicolon = rest
        .iter()
        .take(LONGEST)
        .position(|&b| b == b';')
        .filter(|&i| i > 0)
        .ok_or(RefError::Bare { offset: at })?;
    let body = &raw[at + 1..at + 1 + semicolon];
    if let Some(number) = body.strip_prefix('#') {
        let value = match number.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse::<u32>().ok(),
        };
        // `from_str_radix` accepts a sign; XML's digits have none.
        let digits = number.trim_start_matches('x');
        let c = value
            .filter(|_| !digits.starts_with(['+', '-']))
            .and_then(char::from_u32)
            .filter(|&c| is_xml_char(c))
            .ok_or_else(|| RefError::BadChar {
                text: body.to_string(),
                offset: at,
            })?;
        out.push(c);
    } else if body
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-')
    {
        let replacement = named_entity(body).ok_or_else(|| RefError::Unknown {
            name: body.to_string(),
            offset: at,
        })?;
        out.push_str(replacement);
    } else {
        return Err(RefError::Bare { offset: at });
    }
    Ok(at + 1 + semicolon + 1)
}

/// XML 1.0's `Char` (production 2): what a character reference may name.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_replaces_references_and_normalizes_line_ends() {
        assert!(matches!(text("plain"), Ok(Cow::Borrowed("plain"))));
        assert_eq!(
            text("a&amp;b&lt;&#65;&#x42;&nbsp;").unwrap(),
            "a&b<AB\u{a0}"
        );
        assert_eq!(text("a\r\nb\rc\n").unwrap(), "a\nb\nc\n");
        assert_eq!(text("tab\tstays").unwrap(), "tab\tstays");
    }

    #[test]
    fn attribute_values_make_white_space_spaces() {
        assert!(matches!(
            attribute_value("plain"),
            Ok(Cow::Borrowed("plain"))
        ));
        assert_eq!(attribute_value("1\t2\r\n3\n4\r5").unwrap(), "1 2 3 4 5");
        // A reference to white space keeps its character (XML 1.0, 3.3.3).
        assert_eq!(attribute_value("a&#10;b&#9;c").unwrap(), "a\nb\tc");
        assert_eq!(attribute_value("x&amp;y&#65;").unwrap(), "x&yA");
    }

    #[test]
    fn bad_references_say_which_and_where() {
        assert_eq!(
            text("ab&nope;").unwrap_err(),
            RefError::Unknown {
                name: "nope".into(),
                offset: 2
            }
        );
        for bad in [
            "&#0;",
            "&#xD800;",
            "&#x110000;",
            "&#-5;",
            "&#x+5;",
            "&#;",
            "&#xZZ;",
            "&#1;",
        ] {
            assert!(
                matches!(text(bad), Err(RefError::BadChar { offset: 0, .. })),
                "{bad}"
            );
        }
        for bare in ["AT&T", "a & b", "&;", "&a b;", "&amp"] {
            assert!(matches!(text(bare), Err(RefError::Bare { .. })), "{bare}");
        }
        assert_eq!(cdata("a\r\nb\r"), "a\nb\n");
        assert!(matches!(cdata("a<b&c"), Cow::Borrowed("a<b&c")));
    }
}
