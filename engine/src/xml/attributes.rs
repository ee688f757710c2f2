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
        let key_end = start
            + 1
            + bytes[start + 1..]
                .iter()
                .position(|&b| b == b'=' || is_space(b))?;
        let eq = skip_space(bytes, key_end);
        if bytes.get(eq) != Some(&b'=') {
            return None;
        }
        let open = skip_space(bytes, eq + 1);
        let quote = *bytes.get(open).filter(|&&q| q == b'"' || q == b'\'')?;
        let mut plain = true;
        let close = open
            + 1
            + bytes[open + 1..].iter().position(|&b| {
                plain &= !matches!(b, b'\t' | b'\r' | b'\n' | b'&');
                b == quote
            })?;
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

/// XML's whitespace, as quick-xml delimits attributes with it.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn skip_space(bytes: &[u8], from: usize) -> usize {
    from + bytes
        .get(from..)
        .map_or(0, |rest| rest.iter().take_while(|&&b| is_space(b)).count())
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
