//! Splitting a start tag's attributes into names and raw values.
//!
//! quick-xml's attribute iterator does this too, but it accounts for HTML
//! mode, error recovery and positions on every attribute, which cost the
//! tree builder more than the split itself. This scanner accepts exactly
//! what quick-xml's iterator accepts (a test compares them) and simply
//! stops at anything else: the builder then asks quick-xml for its error
//! message, so messages stay quick-xml's.

/// One attribute as written: its name, its raw value, and whether the value
/// is already its own normalized form.
pub(super) struct RawAttribute<'t> {
    pub key: &'t str,
    pub value: &'t str,
    /// No references, tabs or line ends: normalizing (XML 1.0, 3.3.3) would
    /// return the value unchanged, so the builder can skip it. Found in the
    /// same pass that looks for the closing quote.
    pub plain: bool,
}

/// The attributes of one start tag, or `Err(())` once the text is not an
/// attribute list quick-xml would accept.
pub(super) struct RawAttributes<'t> {
    /// The tag's text after its name.
    text: &'t str,
    pos: usize,
}

impl<'t> RawAttributes<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        RawAttributes { text, pos: 0 }
    }

    /// The next attribute from `self.pos`, or `None` when it is malformed.
    fn attribute(&mut self, start: usize) -> Option<RawAttribute<'t>> {
        let bytes = self.text.as_bytes();
        // The name's first byte never ends it: quick-xml reads `=a='1'` as
        // the name `=a`.
        let key_end = find_class(bytes, start + 1, SPACE | EQUALS)?;
        let eq = skip_space(bytes, key_end);
        if bytes.get(eq) != Some(&b'=') {
            return None;
        }
        let open = skip_space(bytes, eq + 1);
        let quote = *bytes.get(open).filter(|&&q| q == b'"' || q == b'\'')?;
        let (close, plain) = closing_quote(bytes, open + 1, quote)?;
        self.pos = close + 1;
        Some(RawAttribute {
            key: &self.text[start..key_end],
            value: &self.text[open + 1..close],
            plain,
        })
    }
}

impl<'t> Iterator for RawAttributes<'t> {
    type Item = Result<RawAttribute<'t>, ()>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let start = skip_space(self.text.as_bytes(), self.pos);
        if start >= self.text.len() {
            self.pos = start;
            return None;
        }
        let attribute = self.attribute(start);
        if attribute.is_none() {
            // Nothing after a malformed attribute is read.
            self.pos = self.text.len();
        }
        Some(attribute.ok_or(()))
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

static CLASSES: [u8; 256] = classes();

const fn classes() -> [u8; 256] {
    let mut table = [0u8; 256];
    // XML's whitespace, as quick-xml delimits attributes with it.
    table[b' ' as usize] = SPACE;
    table[b'\t' as usize] = SPACE | SPECIAL;
    table[b'\r' as usize] = SPACE | SPECIAL;
    table[b'\n' as usize] = SPACE | SPECIAL;
    table[b'&' as usize] = SPECIAL;
    table[b'=' as usize] = EQUALS;
    table[b'"' as usize] = QUOTE;
    table[b'\'' as usize] = QUOTE;
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
/// was free of bytes that need normalizing.
fn closing_quote(bytes: &[u8], from: usize, quote: u8) -> Option<(usize, bool)> {
    let mut plain = true;
    let mut at = from;
    loop {
        at = find_class(bytes, at, QUOTE | SPECIAL)?;
        let b = bytes[at];
        if b == quote {
            return Some((at, plain));
        }
        plain &= class(b) & SPECIAL == 0;
        at += 1;
    }
}

fn skip_space(bytes: &[u8], from: usize) -> usize {
    // Mostly there is no space or one: a plain loop, without an
    // iterator's setup.
    let mut at = from;
    while bytes.get(at).is_some_and(|&b| class(b) & SPACE != 0) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::events::BytesStart;

    /// What quick-xml's own iterator (without the repeated-name check)
    /// makes of a tag: the pairs up to the first error, and whether there
    /// was one.
    fn quick_xml_split(tag: &str) -> (Vec<(String, String)>, bool) {
        let start = BytesStart::from_content(tag, 1);
        let mut pairs = Vec::new();
        for attr in start.attributes().with_checks(false) {
            match attr {
                Ok(a) => pairs.push((a.key.into_inner().to_string(), a.value.to_string())),
                Err(_) => return (pairs, true),
            }
        }
        (pairs, false)
    }

    fn our_split(tag: &str) -> (Vec<(String, String)>, bool) {
        let mut pairs = Vec::new();
        for attr in RawAttributes::new(&tag[1..]) {
            match attr {
                Ok(a) => pairs.push((a.key.to_string(), a.value.to_string())),
                Err(()) => return (pairs, true),
            }
        }
        (pairs, false)
    }

    #[test]
    fn long_values_split_as_quick_xml_splits_them() {
        // Values longer than the byte-by-byte reach, with what ends or
        // marks a value at every position.
        for len in [15, 16, 17, 23, 24, 25, 40, 64, 100] {
            for at in 0..len {
                for special in ["&amp;", "\t", "\n", "\r", "'", "\"", "é"] {
                    let mut value = "v".repeat(len);
                    value.insert_str(at, special);
                    for quote in ['"', '\''] {
                        let tag = format!("e a={quote}{value}{quote} b='x'");
                        assert_eq!(our_split(&tag), quick_xml_split(&tag), "{tag:?}");
                        let plain = RawAttributes::new(&tag[1..])
                            .next()
                            .map(|a| a.map(|a| a.plain));
                        let expected = !matches!(special, "&amp;" | "\t" | "\n" | "\r");
                        if let Some(Ok(plain)) = plain {
                            assert_eq!(plain, expected, "{tag:?}");
                        }
                    }
                }
            }
        }
        let unterminated = format!("e a='{}", "v".repeat(50));
        assert_eq!(our_split(&unterminated), quick_xml_split(&unterminated));
    }

    #[test]
    fn attributes_split_as_quick_xml_splits_them() {
        let pieces = [
            "", " ", "a", "=", "\"", "'", "x", "\t", "\n", "é", "b='1'", "c=\"2\"", " = ", "&amp;",
            "d='", "<", ">", "/",
        ];
        // Every tag of up to four pieces: malformed ones included.
        let mut tags = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = tags
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            tags.extend(longer);
            tags.sort();
            tags.dedup();
        }
        for rest in tags {
            let tag = format!("e{rest}");
            assert_eq!(our_split(&tag), quick_xml_split(&tag), "{tag:?}");
        }
    }
}
