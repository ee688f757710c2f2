//! A start tag's attributes, read in place up to the end of the tag.
//!
//! The tokenizer stops after an element's name; this reader takes over,
//! splits `name = "value"` pairs straight from the source and finds the
//! tag's end (`>` or `/>`) in the same pass, so a tag's bytes are scanned
//! once. Values come out raw: the builder normalizes the few that hold
//! references, tabs or line ends (XML 1.0, 3.3.3).

/// One attribute as written: its name, its raw value, and whether the value
/// is already its own normalized form.
pub(super) struct RawAttribute<'t> {
    pub key: &'t str,
    pub value: &'t str,
    /// No references, tabs or line ends: normalizing would return the
    /// value unchanged, so the builder can skip it. Found in the same pass
    /// that looks for the closing quote.
    pub plain: bool,
}

/// What is wrong with a tag, and the byte offset where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TagError {
    pub offset: usize,
    pub message: &'static str,
}

impl TagError {
    pub(super) fn at(offset: usize, message: &'static str) -> Self {
        TagError { offset, message }
    }
}

/// The attributes of one start tag, from just after its name.
pub(super) struct RawAttributes<'t> {
    source: &'t str,
    pos: usize,
    /// Set once the tag's end is reached: whether it was `/>`.
    empty: Option<bool>,
}

impl<'t> RawAttributes<'t> {
    pub(super) fn new(source: &'t str, pos: usize) -> Self {
        RawAttributes {
            source,
            pos,
            empty: None,
        }
    }

    /// Once the iterator is done: the offset just past the tag, and
    /// whether it was an empty-element tag (`<a/>`).
    pub(super) fn end(&self) -> (usize, bool) {
        (self.pos, self.empty.unwrap_or(false))
    }

    /// Ends the iteration at a malformed tag: nothing after it is read.
    fn fail(&mut self, e: TagError) -> Option<Result<RawAttribute<'t>, TagError>> {
        self.pos = self.source.len();
        self.empty = Some(false);
        Some(Err(e))
    }

    /// The attribute starting at `start` (a byte that is not space).
    fn attribute(&mut self, start: usize) -> Result<RawAttribute<'t>, TagError> {
        let bytes = self.source.as_bytes();
        let err = |offset, message| Err(TagError::at(offset, message));
        let key_end = find_class(bytes, start, NAME_END).unwrap_or(bytes.len());
        if key_end == start {
            return err(start, "expected an attribute name");
        }
        let eq = skip_space(bytes, key_end);
        if bytes.get(eq) != Some(&b'=') {
            return err(eq, "expected '=' after an attribute's name");
        }
        let open = skip_space(bytes, eq + 1);
        let Some(&quote) = bytes.get(open).filter(|&&q| q == b'"' || q == b'\'') else {
            return err(open, "an attribute value must be enclosed in quotes");
        };
        let (close, plain) = match closing_quote(bytes, open + 1, quote) {
            Ok(found) => found,
            Err(offset) if offset >= bytes.len() => {
                return err(open, "an attribute value is never closed");
            }
            Err(offset) => return err(offset, "'<' is not allowed in an attribute value"),
        };
        // After a value comes space or the tag's end, not another name.
        if bytes
            .get(close + 1)
            .is_some_and(|&b| class(b) & (SPACE | TAG_END) == 0)
        {
            return err(close + 1, "expected space between attributes");
        }
        self.pos = close + 1;
        Ok(RawAttribute {
            key: &self.source[start..key_end],
            value: &self.source[open + 1..close],
            plain,
        })
    }
}

impl<'t> Iterator for RawAttributes<'t> {
    type Item = Result<RawAttribute<'t>, TagError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.empty.is_some() {
            return None;
        }
        let bytes = self.source.as_bytes();
        let start = skip_space(bytes, self.pos);
        match bytes.get(start) {
            Some(b'>') => {
                self.pos = start + 1;
                self.empty = Some(false);
                None
            }
            Some(b'/') if bytes.get(start + 1) == Some(&b'>') => {
                self.pos = start + 2;
                self.empty = Some(true);
                None
            }
            None => self.fail(TagError::at(
                start,
                "unexpected end of document inside a tag",
            )),
            Some(_) => match self.attribute(start) {
                Ok(attribute) => Some(Ok(attribute)),
                Err(e) => self.fail(e),
            },
        }
    }
}

/// Byte classes, so that each scanning loop tests one table entry per byte
/// instead of comparing against several bytes (attributes are most of what
/// a start tag holds, and every byte of them is scanned).
const SPACE: u8 = 1;
const EQUALS: u8 = 2;
const QUOTE: u8 = 4;
/// Tab, line ends and `&`: a value holding one needs normalizing.
const SPECIAL: u8 = 8;
/// `<`, never allowed in a value (XML 1.0, production 10).
const LESS: u8 = 16;
/// `>` and `/`: the end of a tag.
const TAG_END: u8 = 32;
/// `&`, `!` and `?`: never part of a name.
const NOT_NAME: u8 = 64;
/// What ends an attribute's name.
const NAME_END: u8 = SPACE | EQUALS | QUOTE | LESS | TAG_END;

static CLASSES: [u8; 256] = classes();

const fn classes() -> [u8; 256] {
    let mut table = [0u8; 256];
    // XML's whitespace (production 3).
    table[b' ' as usize] = SPACE;
    table[b'\t' as usize] = SPACE | SPECIAL;
    table[b'\r' as usize] = SPACE | SPECIAL;
    table[b'\n' as usize] = SPACE | SPECIAL;
    table[b'&' as usize] = SPECIAL | NOT_NAME;
    table[b'!' as usize] = NOT_NAME;
    table[b'?' as usize] = NOT_NAME;
    table[b'=' as usize] = EQUALS;
    table[b'"' as usize] = QUOTE;
    table[b'\'' as usize] = QUOTE;
    table[b'<' as usize] = LESS;
    table[b'>' as usize] = TAG_END;
    table[b'/' as usize] = TAG_END;
    table
}

fn class(b: u8) -> u8 {
    CLASSES[b as usize]
}

/// The first position from `from` of a byte in one of `classes`.
fn find_class(bytes: &[u8], from: usize, classes: u8) -> Option<usize> {
    let rest = bytes.get(from..)?;
    rest.iter()
        .position(|&b| class(b) & classes != 0)
        .map(|i| from + i)
}

/// Where the value starting at `from` ends (its `quote`), and whether it
/// was free of bytes that need normalizing; `Err` with the offset of a
/// `<`, or the source's length when the value never ends.
fn closing_quote(bytes: &[u8], from: usize, quote: u8) -> Result<(usize, bool), usize> {
    let mut plain = true;
    let mut at = from;
    loop {
        at = find_class(bytes, at, QUOTE | SPECIAL | LESS).ok_or(bytes.len())?;
        let b = bytes[at];
        if b == quote {
            return Ok((at, plain));
        }
        if b == b'<' {
            return Err(at);
        }
        plain &= class(b) & SPECIAL == 0;
        at += 1;
    }
}

pub(super) fn skip_space(bytes: &[u8], from: usize) -> usize {
    // Mostly there is no space or one: a plain loop, without an
    // iterator's setup.
    let mut at = from;
    while bytes.get(at).is_some_and(|&b| class(b) & SPACE != 0) {
        at += 1;
    }
    at
}

/// The element name that starts at `from`, when it is one: not empty, not
/// starting with a digit, `-` or `.`, and ended by space, the tag's end or
/// the source's end rather than by a byte no name holds. (The reader
/// checks QTI's names against its own lists; this only keeps garbage from
/// passing for a name.) One pass over the name's bytes.
pub(super) fn element_name(source: &str, from: usize) -> Option<&str> {
    let bytes = source.as_bytes();
    let end = find_class(bytes, from, NAME_END | NOT_NAME).unwrap_or(bytes.len());
    let ended_well = bytes
        .get(end)
        .is_none_or(|&b| class(b) & (SPACE | TAG_END) != 0);
    let first = *bytes.get(from).filter(|_| end > from)?;
    (ended_well && !matches!(first, b'0'..=b'9' | b'-' | b'.')).then(|| &source[from..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tag's pairs, where it ends and whether it was empty.
    type Split<'t> = (Vec<(&'t str, &'t str)>, usize, bool);

    /// The pairs of a tag's text (after its name), the end, or the error.
    fn split(tag: &str) -> Result<Split<'_>, TagError> {
        let mut attributes = RawAttributes::new(tag, 0);
        let mut pairs = Vec::new();
        for attr in attributes.by_ref() {
            let attr = attr?;
            pairs.push((attr.key, attr.value));
        }
        let (end, empty) = attributes.end();
        Ok((pairs, end, empty))
    }

    #[test]
    fn pairs_and_the_tag_end_are_found_in_one_pass() {
        assert_eq!(
            split(" a='1' b = \"x>y\" >rest"),
            Ok((vec![("a", "1"), ("b", "x>y")], 18, false))
        );
        assert_eq!(split("/>rest"), Ok((vec![], 2, true)));
        assert_eq!(split(" c='' />"), Ok((vec![("c", "")], 8, true)));
        assert_eq!(
            split("\n\txml:lang='en'>"),
            Ok((vec![("xml:lang", "en")], 16, false))
        );
    }

    #[test]
    fn malformed_attributes_say_what_and_where() {
        let message = |tag: &str| split(tag).unwrap_err();
        assert_eq!(
            message(" a=1>").message,
            "an attribute value must be enclosed in quotes"
        );
        assert_eq!(message(" a=1>").offset, 3);
        assert_eq!(
            message(" a>").message,
            "expected '=' after an attribute's name"
        );
        assert_eq!(
            message(" a='1'b='2'>").message,
            "expected space between attributes"
        );
        assert_eq!(
            message(" a='x<y'>").message,
            "'<' is not allowed in an attribute value"
        );
        assert_eq!(message(" a='x<y'>").offset, 5);
        assert_eq!(
            message(" a='xy>").message,
            "an attribute value is never closed"
        );
        assert_eq!(
            message(" a='1'").message,
            "unexpected end of document inside a tag"
        );
        assert_eq!(message(" ='1'>").message, "expected an attribute name");
        assert_eq!(message(" / >").message, "expected an attribute name");
    }

    #[test]
    fn values_are_plain_unless_they_hold_references_tabs_or_line_ends() {
        // Values longer than a word, with the special byte at every place.
        for len in [1, 7, 8, 9, 16, 17, 40] {
            for at in 0..len {
                for (special, plain) in [
                    ("&amp;", false),
                    ("\t", false),
                    ("\n", false),
                    ("\r", false),
                    ("é", true),
                    (">", true),
                ] {
                    let mut value = "v".repeat(len);
                    value.insert_str(at, special);
                    for quote in ['"', '\''] {
                        let tag = format!(" a={quote}{value}{quote} b='x'>");
                        let mut attributes = RawAttributes::new(&tag, 0);
                        let first = attributes.next().unwrap().unwrap();
                        assert_eq!(
                            (first.value, first.plain),
                            (value.as_str(), plain),
                            "{tag:?}"
                        );
                        assert_eq!(attributes.next().unwrap().unwrap().value, "x");
                    }
                }
            }
        }
    }
}
