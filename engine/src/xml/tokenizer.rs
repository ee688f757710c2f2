//! XML 1.0 markup, token by token, straight from the source text.
//!
//! Only what the tree builder needs: start tags (whose attributes it then
//! reads in place, see [`RawAttributes`]), end tags, character data, CDATA
//! and whether a DOCTYPE has an internal subset. Comments, processing
//! instructions and the XML declaration are checked for their ends and
//! skipped. Every token borrows from the source; nothing is allocated.
//!
//! Each loop finds the next byte that matters with `memchr`, so plain text
//! and long values cost a few instructions per word, not per byte.

use memchr::{memchr, memchr3, memmem};

use super::attributes::{RawAttributes, TagError, element_name, skip_space};

/// One piece of markup or text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// `<name`: the tokenizer stands after the name; the caller reads the
    /// attributes ([`Tokenizer::attributes`]) and then [`Tokenizer::resume`]s.
    Start(&'a str),
    /// `</name>`.
    End(&'a str),
    /// Character data as written. `plain` when it holds no reference and
    /// no `\r`, so it is its own parsed value.
    Text {
        raw: &'a str,
        plain: bool,
    },
    /// The content of a CDATA section, line ends not yet normalized.
    CData(&'a str),
    /// A DOCTYPE with an internal subset, which may declare entities.
    DocTypeSubset,
    Eof,
}

pub(super) struct Tokenizer<'a> {
    source: &'a str,
    pos: usize,
}

impl<'a> Tokenizer<'a> {
    pub fn new(source: &'a str) -> Self {
        Tokenizer { source, pos: 0 }
    }

    /// The offset where the next token starts.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The attributes of the start tag just returned.
    pub fn attributes(&self) -> RawAttributes<'a> {
        RawAttributes::new(self.source, self.pos)
    }

    /// Continue after a start tag whose attributes were read up to `pos`.
    pub fn resume(&mut self, pos: usize) {
        self.pos = pos;
    }

    pub fn next_token(&mut self) -> Result<Token<'a>, TagError> {
        loop {
            let bytes = self.source.as_bytes();
            let start = self.pos;
            match bytes.get(start) {
                None => return Ok(Token::Eof),
                Some(b'<') => {}
                Some(_) => return Ok(self.text(start)),
            }
            match bytes.get(start + 1) {
                Some(b'/') => return self.end_tag(start),
                Some(b'?') => {
                    self.skip_past(start + 2, b"?>", "a processing instruction is never closed")?
                }
                Some(b'!') => {
                    if let Some(token) = self.declaration(start)? {
                        return Ok(token);
                    }
                }
                _ => return self.start_tag(start),
            }
        }
    }

    /// Text up to the next `<` (or the end).
    fn text(&mut self, start: usize) -> Token<'a> {
        let bytes = self.source.as_bytes();
        let (end, plain) = match memchr3(b'<', b'&', b'\r', &bytes[start..]) {
            None => (bytes.len(), true),
            Some(i) if bytes[start + i] == b'<' => (start + i, true),
            // Once not plain, only the end matters.
            Some(i) => (
                memchr(b'<', &bytes[start + i..]).map_or(bytes.len(), |j| start + i + j),
                false,
            ),
        };
        self.pos = end;
        Token::Text {
            raw: &self.source[start..end],
            plain,
        }
    }

    fn start_tag(&mut self, start: usize) -> Result<Token<'a>, TagError> {
        let name = element_name(self.source, start + 1)
            .ok_or_else(|| TagError::at(start + 1, "expected an element name after '<'"))?;
        self.pos = start + 1 + name.len();
        Ok(Token::Start(name))
    }

    fn end_tag(&mut self, start: usize) -> Result<Token<'a>, TagError> {
        let name = element_name(self.source, start + 2)
            .ok_or_else(|| TagError::at(start + 2, "expected an element name after '</'"))?;
        let close = skip_space(self.source.as_bytes(), start + 2 + name.len());
        if self.source.as_bytes().get(close) != Some(&b'>') {
            return Err(TagError::at(close, "expected '>' to end the end tag"));
        }
        self.pos = close + 1;
        Ok(Token::End(name))
    }

    /// `<!--`, `<![CDATA[` or `<!DOCTYPE`: a token for CDATA and an
    /// internal subset, `None` for what is skipped.
    fn declaration(&mut self, start: usize) -> Result<Option<Token<'a>>, TagError> {
        let rest = &self.source.as_bytes()[start..];
        if rest.starts_with(b"<!--") {
            self.comment(start + 4)?;
            Ok(None)
        } else if rest.starts_with(b"<![CDATA[") {
            let from = start + 9;
            self.skip_past(from, b"]]>", "a CDATA section is never closed")?;
            Ok(Some(Token::CData(&self.source[from..self.pos - 3])))
        } else if rest.starts_with(b"<!DOCTYPE") {
            self.doctype(start + 9)
        } else {
            Err(TagError::at(
                start,
                "expected a comment, a CDATA section or a DOCTYPE after '<!'",
            ))
        }
    }

    /// Moves past the next `end` from `from`.
    fn skip_past(
        &mut self,
        from: usize,
        end: &[u8],
        unclosed: &'static str,
    ) -> Result<(), TagError> {
        let bytes = self.source.as_bytes();
        let found =
            memmem::find(&bytes[from..], end).ok_or_else(|| TagError::at(self.pos, unclosed))?;
        self.pos = from + found + end.len();
        Ok(())
    }

    /// A comment's text may not hold `--` (XML 1.0, production 15), so the
    /// first `--` must be its end.
    fn comment(&mut self, from: usize) -> Result<(), TagError> {
        let bytes = self.source.as_bytes();
        let dashes = memmem::find(&bytes[from..], b"--")
            .ok_or_else(|| TagError::at(self.pos, "a comment is never closed"))?;
        let at = from + dashes;
        if bytes.get(at + 2) != Some(&b'>') {
            return Err(TagError::at(at, "'--' is not allowed inside a comment"));
        }
        self.pos = at + 3;
        Ok(())
    }

    /// Skips a DOCTYPE without an internal subset (we never fetch its
    /// DTD); reports one that has a subset. DOCTYPEs are rare and short:
    /// a plain loop over their bytes.
    fn doctype(&mut self, from: usize) -> Result<Option<Token<'a>>, TagError> {
        let mut quote = None;
        for (i, &b) in self.source.as_bytes()[from..].iter().enumerate() {
            match (quote, b) {
                // Quoted literals (a public or system identifier) may hold `>` or `[`.
                (Some(q), b) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'[') => {
                    // Never read: the builder refuses the document.
                    self.pos = self.source.len();
                    return Ok(Some(Token::DocTypeSubset));
                }
                (None, b'>') => {
                    self.pos = from + i + 1;
                    return Ok(None);
                }
                _ => {}
            }
        }
        Err(TagError::at(self.pos, "a DOCTYPE is never closed"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(xml: &str) -> Result<Vec<Token<'_>>, TagError> {
        let mut tokenizer = Tokenizer::new(xml);
        let mut out = Vec::new();
        loop {
            let token = tokenizer.next_token()?;
            if let Token::Start(_) = token {
                let mut attributes = tokenizer.attributes();
                for attribute in attributes.by_ref() {
                    attribute?;
                }
                tokenizer.resume(attributes.end().0);
            }
            out.push(token);
            if token == Token::Eof {
                return Ok(out);
            }
        }
    }

    #[test]
    fn markup_and_text_come_as_tokens() {
        let xml = "<?xml version='1.0'?>\n<!DOCTYPE a SYSTEM 'x>y.dtd'>\
                   <!-- c - d --><a x='1'>t&amp;u<b/>\r\n<![CDATA[<&>]]></a >";
        use Token::*;
        assert_eq!(
            tokens(xml).unwrap(),
            [
                Text {
                    raw: "\n",
                    plain: true
                },
                Start("a"),
                Text {
                    raw: "t&amp;u",
                    plain: false
                },
                Start("b"),
                Text {
                    raw: "\r\n",
                    plain: false
                },
                CData("<&>"),
                End("a"),
                Eof
            ]
        );
    }

    #[test]
    fn an_internal_subset_is_reported() {
        assert_eq!(
            tokens("<!DOCTYPE a [<!ENTITY x 'y'>]><a/>").unwrap()[0],
            Token::DocTypeSubset
        );
        assert_eq!(
            tokens("<!DOCTYPE a PUBLIC \"-//x[y]//EN\" 'u'><a/>").unwrap()[0],
            Token::Start("a")
        );
    }

    #[test]
    fn malformed_markup_says_what_and_where() {
        let fail = |xml: &str| tokens(xml).unwrap_err();
        assert_eq!(
            fail("<a><!-- x -- y --></a>").message,
            "'--' is not allowed inside a comment"
        );
        assert_eq!(fail("<a><!-- x").message, "a comment is never closed");
        assert_eq!(
            fail("<a><![CDATA[x").message,
            "a CDATA section is never closed"
        );
        assert_eq!(
            fail("<?xml version='1.0'").message,
            "a processing instruction is never closed"
        );
        assert_eq!(fail("<!DOCTYPE a").message, "a DOCTYPE is never closed");
        assert_eq!(
            fail("<a>< b/></a>").message,
            "expected an element name after '<'"
        );
        assert_eq!(fail("<a>< b/></a>").offset, 4);
        assert_eq!(
            fail("<a></ a>").message,
            "expected an element name after '</'"
        );
        assert_eq!(fail("<a></a b>").message, "expected '>' to end the end tag");
        assert_eq!(
            fail("<a><!ELEMENT a>").message,
            "expected a comment, a CDATA section or a DOCTYPE after '<!'"
        );
        assert_eq!(fail("<1a/>").message, "expected an element name after '<'");
        assert_eq!(fail("<a&b/>").message, "expected an element name after '<'");
        assert_eq!(fail("<a=b/>").message, "expected an element name after '<'");
        assert_eq!(
            fail("<a").message,
            "unexpected end of document inside a tag"
        );
    }
}
