//! Errors that say what went wrong and where.

use std::fmt;

use crate::value::{BaseType, Cardinality};

/// A 1-based line and column in the source document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

impl Position {
    /// Line and column (in characters) of a byte offset.
    pub fn from_offset(source: &str, offset: usize) -> Self {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &source[..offset];
        let line = count_line_ends(before.as_bytes()) + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position {
            line: line as u32,
            column: column as u32,
        }
    }
}

/// How many `\n` bytes `bytes` holds, eight at a time: every warning
/// counts the lines before it, which byte by byte cost more than reading
/// the item's body.
fn count_line_ends(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    let mut chunks = bytes.chunks_exact(8);
    let mut count = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // Zero bytes where a line end was; then one high bit per zero byte,
        // exactly (no borrow crosses bytes when each is 0x7F or less).
        let x = word ^ (ONES * u64::from(b'\n'));
        let low7 = (x & (ONES * 0x7F)) + ONES * 0x7F;
        let zero_high = !(low7 | x) & (ONES * 0x80);
        count += zero_high.count_ones() as usize;
    }
    count + chunks.remainder().iter().filter(|&&b| b == b'\n').count()
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ErrorKind {
    #[error("not well-formed XML: {0}")]
    Syntax(String),
    #[error("{0}")]
    Encoding(String),
    #[error(
        "DOCTYPE with an internal subset refused: DTDs and entity declarations are not processed"
    )]
    Dtd,
    #[error(
        "unknown entity &{0}; (only XML's and the common XHTML/MathML named entities are known)"
    )]
    UnknownEntity(String),
    #[error("input too large: {0}")]
    Limit(String),
    #[error("not a QTI document: {0}")]
    Namespace(String),
    #[error("expected <{expected}> as the root element, found <{found}>")]
    RootElement { expected: String, found: String },
    #[error("<{element}> lacks the required attribute '{attribute}'")]
    MissingAttribute { element: String, attribute: String },
    #[error("<{element}> attribute '{attribute}' has the invalid value '{value}'")]
    InvalidAttribute {
        element: String,
        attribute: String,
        value: String,
    },
    #[error("<{element}> is not allowed here ({context})")]
    UnexpectedElement { element: String, context: String },
    /// Where an expression belongs, an element that is none of QTI 2.x's
    /// or 3.0's (a vendor's, such as `isNotNull` or `mapOutcome`).
    #[error("<{element}> is not an expression of QTI 2.x or 3.0")]
    UnknownExpression { element: String },
    #[error("<{element}> needs {expected}")]
    MissingContent { element: String, expected: String },
    /// An operator or rule given more or fewer expressions than the ASI
    /// model allows (`roundTo` with two, `lookupOutcomeValue` with none).
    #[error("<{element}> needs {expected}, found {found}")]
    OperandCount {
        element: String,
        expected: String,
        found: usize,
    },
    #[error("'{identifier}' is not declared")]
    Undeclared { identifier: String },
    #[error("'{identifier}' is declared twice")]
    DuplicateDeclaration { identifier: String },
    #[error("invalid value for '{identifier}': {message}")]
    InvalidValue { identifier: String, message: String },
    #[error("type error in <{element}>: {message}")]
    Type { element: String, message: String },
    #[error("unknown response processing template '{0}'")]
    UnknownTemplate(String),
    #[error("cannot use '{href}': {message}")]
    Reference { href: String, message: String },
    #[error("branchRule of '{owner}' cannot target '{target}': {message}")]
    BranchTarget {
        owner: String,
        target: String,
        message: String,
    },
    #[error("refused: {0}")]
    Refused(String),
    #[error("invalid content package: {0}")]
    Package(String),
    /// An item a test references could not be read.
    #[error("assessmentItemRef '{identifier}' ({href}): {error}")]
    ItemRef {
        identifier: String,
        href: String,
        error: Box<Error>,
    },
    #[error("'{identifier}' expects {expected}, got {found}")]
    ResponseShape {
        identifier: String,
        expected: String,
        found: String,
    },
}

/// An error with its position in the source, when known.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct Error {
    pub kind: ErrorKind,
    pub position: Option<Position>,
}

impl Error {
    pub fn new(kind: ErrorKind) -> Self {
        Error {
            kind,
            position: None,
        }
    }

    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    pub fn response_shape(
        identifier: &str,
        cardinality: Cardinality,
        base_type: Option<BaseType>,
        found: impl Into<String>,
    ) -> Self {
        let expected = match base_type {
            Some(bt) => format!("{cardinality} {bt}"),
            None => cardinality.to_string(),
        };
        Error::new(ErrorKind::ResponseShape {
            identifier: identifier.to_string(),
            expected,
            found: found.into(),
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(p) => write!(f, "{p}: {}", self.kind),
            None => write!(f, "{}", self.kind),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let src = "ab\ncdé\nf";
        assert_eq!(
            Position::from_offset(src, 0),
            Position { line: 1, column: 1 }
        );
        assert_eq!(
            Position::from_offset(src, 3),
            Position { line: 2, column: 1 }
        );
        assert_eq!(
            Position::from_offset(src, 7),
            Position { line: 2, column: 4 }
        );
        assert_eq!(Position::from_offset(src, 999).line, 3);
    }

    #[test]
    fn line_ends_are_counted_in_any_bytes() {
        let text: Vec<u8> = (0..300u32).map(|i| (i * 37 % 256) as u8).collect();
        for start in 0..20 {
            let bytes = &text[start..];
            let naive = bytes.iter().filter(|&&b| b == b'\n').count();
            assert_eq!(count_line_ends(bytes), naive);
        }
        assert_eq!(count_line_ends(b"\n\n\n\n\n\n\n\n\n\x8a\x0a"), 10);
    }
}
