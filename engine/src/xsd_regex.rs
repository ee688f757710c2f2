//! XML Schema regular expressions (XSD 1.0 Part 2, Appendix F), used by
//! `patternMatch` and `patternMask`. They differ from Perl-style regexes:
//! a pattern always matches the whole string (no `^`/`$` anchors: those
//! are ordinary characters), and there are `\i`/`\c` (XML name characters),
//! `\p{..}` categories and `Is..` blocks, and class subtraction
//! `[a-z-[aeiou]]`. One deliberate leniency: a leading `^` and trailing
//! `$` are taken as the anchors authors mean (see `Regex::new`).
//!
//! Patterns compile to a Thompson NFA that is simulated state-set by
//! state-set, so matching takes time linear in the text whatever the
//! pattern (no catastrophic backtracking on hostile input). Counted
//! repetition is expanded, within a size limit.
//!
//! Unicode categories are decided with Rust's character properties and
//! block ranges; `\p{L}`, `\p{Lu}`, `\p{Ll}`, `\p{N}`, `\p{Nd}` are
//! exact for letters and digits as Rust knows them, the punctuation,
//! symbol and mark categories are close approximations (see `category`).

use std::fmt;

/// Why a pattern was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("invalid XML Schema regular expression '{pattern}': {reason}")]
pub struct RegexError {
    pub pattern: String,
    pub reason: String,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Regex {
    program: Vec<Inst>,
}

/// The largest program a pattern may compile to (counted repetition is
/// expanded, so `a{1000}{1000}` must not exhaust memory).
const MAX_PROGRAM: usize = 50_000;

impl Regex {
    pub fn new(pattern: &str) -> Result<Regex, RegexError> {
        let fail = |reason: String| RegexError {
            pattern: pattern.to_string(),
            reason,
        };
        let mut chars: Vec<char> = pattern.chars().collect();
        // Strict XSD reads `^` and `$` as ordinary characters, but authors
        // (and QTIWorks, whose tests expect it) write `^...$` to mean an
        // anchored pattern, which every XSD pattern already is. A leading
        // `^` and a trailing unescaped `$` are therefore dropped; write
        // `\^` or `\$` for the characters themselves.
        if chars.first() == Some(&'^') {
            chars.remove(0);
        }
        let escaped = chars.len() >= 2 && chars[chars.len() - 2] == '\\';
        if chars.last() == Some(&'$') && !escaped {
            chars.pop();
        }
        let mut parser = Parser { chars, pos: 0 };
        let node = parser.alternation().map_err(fail)?;
        if parser.pos < parser.chars.len() {
            return Err(fail(format!("unexpected '{}'", parser.chars[parser.pos])));
        }
        let mut program = Vec::new();
        compile(&node, &mut program).map_err(fail)?;
        program.push(Inst::Match);
        Ok(Regex { program })
    }

    /// Whether the whole of `text` matches.
    pub fn is_match(&self, text: &str) -> bool {
        let mut current = Vec::new();
        let mut seen = vec![usize::MAX; self.program.len()];
        self.add(&mut current, &mut seen, 0, 0);
        for (step, c) in text.chars().enumerate() {
            let mut next = Vec::new();
            for &pc in &current {
                if let Inst::Char(pred) = &self.program[pc]
                    && pred.matches(c)
                {
                    self.add(&mut next, &mut seen, pc + 1, step + 1);
                }
            }
            if next.is_empty() {
                return false;
            }
            current = next;
        }
        current
            .iter()
            .any(|&pc| matches!(self.program[pc], Inst::Match))
    }

    /// Adds `pc` and everything reachable from it without reading a character.
    fn add(&self, set: &mut Vec<usize>, seen: &mut [usize], pc: usize, step: usize) {
        let mut stack = vec![pc];
        while let Some(pc) = stack.pop() {
            if seen[pc] == step {
                continue;
            }
            seen[pc] = step;
            match self.program[pc] {
                Inst::Jump(to) => stack.push(to),
                Inst::Split(a, b) => {
                    stack.push(b);
                    stack.push(a);
                }
                _ => set.push(pc),
            }
        }
    }
}

/// Convenience: compile and match. A pattern that does not compile is an error.
pub fn is_match(pattern: &str, text: &str) -> Result<bool, RegexError> {
    Ok(Regex::new(pattern)?.is_match(text))
}

#[derive(Debug, Clone)]
enum Inst {
    Char(Pred),
    Split(usize, usize),
    Jump(usize),
    Match,
}

#[derive(Debug, Clone)]
enum Node {
    Empty,
    Atom(Pred),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, u32, Option<u32>),
}

/// What one character position accepts.
#[derive(Debug, Clone)]
enum Pred {
    Char(char),
    /// `.`: anything but a line break.
    Any,
    Class(Class),
    Escape(Escape, bool),
}

#[derive(Debug, Clone)]
struct Class {
    negated: bool,
    items: Vec<ClassItem>,
    subtract: Option<Box<Class>>,
}

#[derive(Debug, Clone)]
enum ClassItem {
    Range(char, char),
    Escape(Escape, bool),
}

/// Multi-character escapes and categories (the bool is "negated").
#[derive(Debug, Clone)]
enum Escape {
    Space,
    Digit,
    Word,
    NameStart,
    NameChar,
    Category(String),
    Block(u32, u32),
}

impl Pred {
    fn matches(&self, c: char) -> bool {
        match self {
            Pred::Char(x) => *x == c,
            Pred::Any => c != '\n' && c != '\r',
            Pred::Class(class) => class.matches(c),
            Pred::Escape(e, negated) => e.matches(c) != *negated,
        }
    }
}

impl Class {
    fn matches(&self, c: char) -> bool {
        let listed = self.items.iter().any(|i| match i {
            ClassItem::Range(a, b) => (*a..=*b).contains(&c),
            ClassItem::Escape(e, negated) => e.matches(c) != *negated,
        });
        let inside = listed != self.negated;
        inside && !self.subtract.as_ref().is_some_and(|s| s.matches(c))
    }
}

impl Escape {
    fn matches(&self, c: char) -> bool {
        match self {
            Escape::Space => matches!(c, ' ' | '\t' | '\n' | '\r'),
            Escape::Digit => category("Nd", c).unwrap_or(false),
            // \w: anything but punctuation, separators and "other".
            Escape::Word => !["P", "Z", "C"]
                .iter()
                .any(|k| category(k, c).unwrap_or(false)),
            Escape::NameStart => c.is_alphabetic() || c == '_' || c == ':',
            Escape::NameChar => {
                c.is_alphanumeric()
                    || matches!(c, '.' | '-' | '_' | ':' | '\u{B7}')
                    || category("M", c).unwrap_or(false)
            }
            Escape::Category(name) => category(name, c).unwrap_or(false),
            Escape::Block(lo, hi) => (*lo..=*hi).contains(&(c as u32)),
        }
    }
}

/// Membership of a Unicode general category, from Rust's properties and
/// ranges. `None` for a name that is not a category.
fn category(name: &str, c: char) -> Option<bool> {
    let u = c as u32;
    let in_ranges = |ranges: &[(u32, u32)]| ranges.iter().any(|(a, b)| (*a..=*b).contains(&u));
    let ascii_symbol = matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~');
    let mark = in_ranges(&[
        (0x0300, 0x036F),
        (0x0483, 0x0489),
        (0x0591, 0x05BD),
        (0x064B, 0x065F),
        (0x0900, 0x0903),
        (0x093A, 0x094F),
        (0x1AB0, 0x1AFF),
        (0x1DC0, 0x1DFF),
        (0x20D0, 0x20FF),
        (0xFE20, 0xFE2F),
    ]);
    let punct = (c.is_ascii_punctuation() && !ascii_symbol)
        || matches!(c, '¡' | '§' | '«' | '¶' | '·' | '»' | '¿')
        || in_ranges(&[
            (0x2010, 0x2027),
            (0x2030, 0x205E),
            (0x3001, 0x3003),
            (0x3008, 0x3011),
        ]);
    let symbol = ascii_symbol
        || matches!(c, '¢'..='¦' | '¨' | '©' | '¬' | '®'..='±' | '´' | '¸' | '×' | '÷')
        || in_ranges(&[
            (0x20A0, 0x20CF),
            (0x2100, 0x214F),
            (0x2190, 0x23FF),
            (0x25A0, 0x27BF),
        ]);
    let separator = matches!(
        c,
        ' ' | '\u{A0}'
            | '\u{1680}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    ) || in_ranges(&[(0x2000, 0x200A)]);
    let format = in_ranges(&[
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2064),
        (0xFEFF, 0xFEFF),
    ]);
    let private = in_ranges(&[(0xE000, 0xF8FF)]);
    let letter = c.is_alphabetic() && !mark && !c.is_numeric();
    let number = c.is_numeric();
    let decimal = number
        && (c.is_ascii_digit()
            || in_ranges(&[
                (0x0660, 0x0669),
                (0x06F0, 0x06F9),
                (0x0966, 0x096F),
                (0xFF10, 0xFF19),
            ]));
    let letter_number = in_ranges(&[(0x2160, 0x2188), (0x3007, 0x3007), (0x3021, 0x3029)]);
    Some(match name {
        "L" => letter,
        "Lu" => letter && c.is_uppercase(),
        "Ll" => letter && c.is_lowercase(),
        "Lt" => in_ranges(&[
            (0x01C5, 0x01C5),
            (0x01C8, 0x01C8),
            (0x01CB, 0x01CB),
            (0x01F2, 0x01F2),
            (0x1F88, 0x1F8F),
        ]),
        "Lm" => in_ranges(&[
            (0x02B0, 0x02C1),
            (0x02C6, 0x02D1),
            (0x3005, 0x3005),
            (0x309D, 0x309E),
        ]),
        "Lo" => letter && !c.is_uppercase() && !c.is_lowercase(),
        "M" | "Mn" | "Mc" | "Me" => mark,
        "N" => number,
        "Nd" => decimal,
        "Nl" => letter_number,
        "No" => number && !decimal && !letter_number,
        "P" => punct,
        "Pc" => matches!(c, '_' | '\u{203F}' | '\u{2040}'),
        "Pd" => matches!(c, '-' | '\u{2010}'..='\u{2015}'),
        "Ps" => matches!(
            c,
            '(' | '[' | '{' | '\u{201A}' | '\u{201E}' | '\u{3008}' | '\u{300A}'
        ),
        "Pe" => matches!(c, ')' | ']' | '}' | '\u{3009}' | '\u{300B}'),
        "Pi" => matches!(c, '«' | '\u{2018}' | '\u{201C}' | '\u{2039}'),
        "Pf" => matches!(c, '»' | '\u{2019}' | '\u{201D}' | '\u{203A}'),
        "Po" => punct && !matches!(c, '_' | '-' | '(' | ')' | '[' | ']' | '{' | '}' | '«' | '»'),
        "S" => symbol,
        "Sm" => {
            matches!(c, '+' | '<' | '=' | '>' | '|' | '~' | '¬' | '±' | '×' | '÷')
                || in_ranges(&[(0x2200, 0x22FF)])
        }
        "Sc" => matches!(c, '$' | '¢'..='¥') || in_ranges(&[(0x20A0, 0x20CF)]),
        "Sk" => matches!(c, '^' | '`' | '¨' | '¯' | '´' | '¸'),
        "So" => symbol && !matches!(c, '+' | '<' | '=' | '>' | '|' | '~' | '$' | '^' | '`'),
        "Z" => separator,
        "Zs" => separator && !matches!(c, '\u{2028}' | '\u{2029}'),
        "Zl" => c == '\u{2028}',
        "Zp" => c == '\u{2029}',
        "C" => c.is_control() || format || private,
        "Cc" => c.is_control(),
        "Cf" => format,
        "Co" => private,
        "Cn" => false,
        _ => return None,
    })
}

/// Unicode blocks by the names XSD uses (`IsBasicLatin`, ...).
const BLOCKS: &[(&str, u32, u32)] = &[
    ("BasicLatin", 0x0000, 0x007F),
    ("Latin-1Supplement", 0x0080, 0x00FF),
    ("LatinExtended-A", 0x0100, 0x017F),
    ("LatinExtended-B", 0x0180, 0x024F),
    ("IPAExtensions", 0x0250, 0x02AF),
    ("SpacingModifierLetters", 0x02B0, 0x02FF),
    ("CombiningDiacriticalMarks", 0x0300, 0x036F),
    ("Greek", 0x0370, 0x03FF),
    ("GreekandCoptic", 0x0370, 0x03FF),
    ("Cyrillic", 0x0400, 0x04FF),
    ("Armenian", 0x0530, 0x058F),
    ("Hebrew", 0x0590, 0x05FF),
    ("Arabic", 0x0600, 0x06FF),
    ("Devanagari", 0x0900, 0x097F),
    ("Thai", 0x0E00, 0x0E7F),
    ("Georgian", 0x10A0, 0x10FF),
    ("HangulJamo", 0x1100, 0x11FF),
    ("LatinExtendedAdditional", 0x1E00, 0x1EFF),
    ("GreekExtended", 0x1F00, 0x1FFF),
    ("GeneralPunctuation", 0x2000, 0x206F),
    ("SuperscriptsandSubscripts", 0x2070, 0x209F),
    ("CurrencySymbols", 0x20A0, 0x20CF),
    ("LetterlikeSymbols", 0x2100, 0x214F),
    ("NumberForms", 0x2150, 0x218F),
    ("Arrows", 0x2190, 0x21FF),
    ("MathematicalOperators", 0x2200, 0x22FF),
    ("GeometricShapes", 0x25A0, 0x25FF),
    ("CJKSymbolsandPunctuation", 0x3000, 0x303F),
    ("Hiragana", 0x3040, 0x309F),
    ("Katakana", 0x30A0, 0x30FF),
    ("CJKUnifiedIdeographs", 0x4E00, 0x9FFF),
    ("HangulSyllables", 0xAC00, 0xD7AF),
    ("PrivateUse", 0xE000, 0xF8FF),
    ("AlphabeticPresentationForms", 0xFB00, 0xFB4F),
    ("HalfwidthandFullwidthForms", 0xFF00, 0xFFEF),
];

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Result<char, String> {
        let c = self.peek().ok_or("unexpected end of pattern")?;
        self.pos += 1;
        Ok(c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn alternation(&mut self) -> Result<Node, String> {
        let mut branches = vec![self.sequence()?];
        while self.eat('|') {
            branches.push(self.sequence()?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().expect("one branch")
        } else {
            Node::Alt(branches)
        })
    }

    fn sequence(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            items.push(self.quantified(atom)?);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().expect("one item"),
            _ => Node::Concat(items),
        })
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let (min, max) = match self.peek() {
            Some('?') => (0, Some(1)),
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('{') => {
                self.pos += 1;
                let min = self.number()?.ok_or("a number after '{'")?;
                let max = if self.eat(',') {
                    self.number()?
                } else {
                    Some(min)
                };
                if !self.eat('}') {
                    return Err("'}' expected".into());
                }
                if max.is_some_and(|m| m < min) {
                    return Err(format!(
                        "{{{min},{}}}: the maximum is below the minimum",
                        max.unwrap_or(0)
                    ));
                }
                return Ok(Node::Repeat(Box::new(atom), min, max));
            }
            _ => return Ok(atom),
        };
        self.pos += 1;
        Ok(Node::Repeat(Box::new(atom), min, max))
    }

    fn number(&mut self) -> Result<Option<u32>, String> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        if start == self.pos {
            return Ok(None);
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        text.parse()
            .map(Some)
            .map_err(|_| format!("count {text} is too large"))
    }

    fn atom(&mut self) -> Result<Node, String> {
        match self.next()? {
            '(' => {
                let inner = self.alternation()?;
                if !self.eat(')') {
                    return Err("')' expected".into());
                }
                Ok(inner)
            }
            '[' => Ok(Node::Atom(Pred::Class(self.class()?))),
            '.' => Ok(Node::Atom(Pred::Any)),
            '\\' => Ok(Node::Atom(match self.escape()? {
                ClassItem::Range(c, _) => Pred::Char(c),
                ClassItem::Escape(e, negated) => Pred::Escape(e, negated),
            })),
            c @ ('?' | '*' | '+' | '{' | '}' | ']') => {
                Err(format!("'{c}' has nothing to repeat or is unbalanced"))
            }
            c => Ok(Node::Atom(Pred::Char(c))),
        }
    }

    /// After `\`: a single-character escape or a multi-character one.
    fn escape(&mut self) -> Result<ClassItem, String> {
        let c = self.next()?;
        let esc = |e, negated| Ok(ClassItem::Escape(e, negated));
        match c {
            'n' => Ok(ClassItem::Range('\n', '\n')),
            'r' => Ok(ClassItem::Range('\r', '\r')),
            't' => Ok(ClassItem::Range('\t', '\t')),
            '\\' | '|' | '.' | '?' | '*' | '+' | '(' | ')' | '{' | '}' | '-' | '[' | ']' | '^'
            | '$' => Ok(ClassItem::Range(c, c)),
            's' | 'S' => esc(Escape::Space, c == 'S'),
            'd' | 'D' => esc(Escape::Digit, c == 'D'),
            'w' | 'W' => esc(Escape::Word, c == 'W'),
            'i' | 'I' => esc(Escape::NameStart, c == 'I'),
            'c' | 'C' => esc(Escape::NameChar, c == 'C'),
            'p' | 'P' => {
                if !self.eat('{') {
                    return Err(format!("'{{' expected after \\{c}"));
                }
                let start = self.pos;
                while self.peek().is_some_and(|x| x != '}') {
                    self.pos += 1;
                }
                let name: String = self.chars[start..self.pos].iter().collect();
                if !self.eat('}') {
                    return Err("'}' expected".into());
                }
                let e = if let Some(block) = name.strip_prefix("Is") {
                    let (_, lo, hi) = BLOCKS
                        .iter()
                        .find(|(b, _, _)| *b == block)
                        .ok_or(format!("unknown block {name}"))?;
                    Escape::Block(*lo, *hi)
                } else if category(&name, 'a').is_some() {
                    Escape::Category(name)
                } else {
                    return Err(format!("unknown category {name}"));
                };
                esc(e, c == 'P')
            }
            other => Err(format!("unknown escape \\{other}")),
        }
    }

    /// After `[`: a character class up to its `]`.
    fn class(&mut self) -> Result<Class, String> {
        let negated = self.eat('^');
        let mut items = Vec::new();
        let mut subtract = None;
        let mut first = true;
        loop {
            let c = self.next()?;
            match c {
                ']' if !first => break,
                '-' if self.peek() == Some('[') => {
                    self.pos += 1;
                    subtract = Some(Box::new(self.class()?));
                    if !self.eat(']') {
                        return Err("']' expected after a subtraction".into());
                    }
                    break;
                }
                '[' => return Err("'[' must be escaped inside a class".into()),
                _ => {
                    let low = if c == '\\' {
                        match self.escape()? {
                            ClassItem::Range(c, _) => c,
                            e => {
                                items.push(e);
                                first = false;
                                continue;
                            }
                        }
                    } else {
                        c
                    };
                    let is_range = self.peek() == Some('-')
                        && self
                            .chars
                            .get(self.pos + 1)
                            .is_some_and(|n| *n != ']' && *n != '[');
                    if is_range {
                        self.pos += 1;
                        let high = match self.next()? {
                            '\\' => match self.escape()? {
                                ClassItem::Range(c, _) => c,
                                _ => {
                                    return Err(
                                        "a range cannot end in a multi-character escape".into()
                                    );
                                }
                            },
                            h => h,
                        };
                        if high < low {
                            return Err(format!("range {low}-{high} is out of order"));
                        }
                        items.push(ClassItem::Range(low, high));
                    } else {
                        items.push(ClassItem::Range(low, low));
                    }
                }
            }
            first = false;
        }
        Ok(Class {
            negated,
            items,
            subtract,
        })
    }
}

fn compile(node: &Node, out: &mut Vec<Inst>) -> Result<(), String> {
    if out.len() > MAX_PROGRAM {
        return Err("the pattern is too large once its repetitions are expanded".into());
    }
    match node {
        Node::Empty => {}
        Node::Atom(p) => out.push(Inst::Char(p.clone())),
        Node::Concat(items) => {
            for n in items {
                compile(n, out)?;
            }
        }
        Node::Alt(branches) => {
            let mut jumps = Vec::new();
            for (i, b) in branches.iter().enumerate() {
                if i + 1 < branches.len() {
                    let split = out.len();
                    out.push(Inst::Split(split + 1, 0));
                    compile(b, out)?;
                    jumps.push(out.len());
                    out.push(Inst::Jump(0));
                    let next = out.len();
                    out[split] = Inst::Split(split + 1, next);
                } else {
                    compile(b, out)?;
                }
            }
            let end = out.len();
            for j in jumps {
                out[j] = Inst::Jump(end);
            }
        }
        Node::Repeat(body, min, max) => {
            for _ in 0..*min {
                compile(body, out)?;
            }
            match max {
                None => {
                    let split = out.len();
                    out.push(Inst::Split(split + 1, 0));
                    compile(body, out)?;
                    out.push(Inst::Jump(split));
                    let end = out.len();
                    out[split] = Inst::Split(split + 1, end);
                }
                Some(max) => {
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(out.len());
                        out.push(Inst::Split(out.len() + 1, 0));
                        compile(body, out)?;
                        if out.len() > MAX_PROGRAM {
                            return Err(
                                "the pattern is too large once its repetitions are expanded".into(),
                            );
                        }
                    }
                    let end = out.len();
                    for s in splits {
                        out[s] = Inst::Split(s + 1, end);
                    }
                }
            }
        }
    }
    Ok(())
}

impl fmt::Display for Regex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<regex of {} instructions>", self.program.len())
    }
}

#[cfg(test)]
mod tests {
    use super::is_match;

    fn yes(p: &str, t: &str) {
        assert!(is_match(p, t).unwrap(), "{p} should match {t:?}");
    }
    fn no(p: &str, t: &str) {
        assert!(!is_match(p, t).unwrap(), "{p} should not match {t:?}");
    }

    /// XSD Part 2 F.1: the pattern matches the whole string; ^ and $ are
    /// ordinary characters.
    #[test]
    fn implicitly_anchored() {
        yes("abc", "abc");
        no("abc", "xabc");
        no("abc", "abcx");
        no("b", "abc");
        // A leading ^ and trailing $ are read as the anchors authors mean.
        yes("^a$", "a");
        no("^a$", "^a$");
        yes("\\^a\\$", "^a$");
        yes("a^b$c", "a^b$c");
        yes("", "");
        no("", "a");
    }

    #[test]
    fn quantifiers_groups_alternation() {
        yes("a*", "");
        yes("a+b?", "aaab");
        no("a+", "");
        yes("(ab|cd){2}", "abcd");
        no("(ab|cd){2}", "ab");
        yes("x{2,3}", "xxx");
        no("x{2,3}", "xxxx");
        yes("x{2,}", "xxxxx");
        yes("colou?r", "color");
        yes("[0-9]{3}-[0-9]{4}", "555-1234");
    }

    #[test]
    fn classes_and_subtraction() {
        yes("[a-z]+", "hello");
        no("[a-z]+", "Hello");
        yes("[^0-9]+", "abc");
        yes("[a-z-[aeiou]]+", "xyz");
        no("[a-z-[aeiou]]+", "xaz");
        yes("[+\\-]?[0-9]+", "-12");
        yes("[-a]", "-");
        yes("[\\d.]+", "3.14");
    }

    /// \i and \c are XML name characters; \d \s \w as XSD defines them.
    #[test]
    fn multi_character_escapes() {
        yes("\\i\\c*", "_item-1.x");
        no("\\i\\c*", "1item");
        yes("\\d+", "0123");
        yes("\\s+", " \t\n");
        no("\\S", " ");
        yes("\\w+", "abc123");
        no("\\w", "!");
        yes("\\D\\W", "a!");
    }

    #[test]
    fn categories_and_blocks() {
        yes("\\p{Lu}\\p{Ll}+", "Émile");
        yes("\\p{L}+", "Ωμέγα");
        no("\\p{L}", "1");
        yes("\\p{Nd}+", "٣4");
        yes("\\p{P}", "!");
        no("\\p{P}", "+");
        yes("\\p{S}", "+");
        yes("\\p{IsBasicLatin}+", "abc");
        no("\\p{IsBasicLatin}", "é");
        yes("\\P{IsGreek}", "a");
        yes("\\p{Zs}", " ");
    }

    #[test]
    fn bad_patterns_are_errors() {
        for bad in [
            "(a",
            "a)",
            "[a",
            "a{2",
            "*a",
            "\\q",
            "\\p{Nope}",
            "\\p{IsNope}",
            "[z-a]",
            "a{3,1}",
        ] {
            assert!(is_match(bad, "a").is_err(), "{bad} should be refused");
        }
    }

    /// Nested quantifiers cannot blow up: the NFA runs in linear time.
    #[test]
    fn no_catastrophic_backtracking() {
        let text = "a".repeat(5000) + "!";
        no("(a*)*b", &text);
        no("(a|a)*b", &text);
        assert!(
            is_match("(a{1000}){1000}", "a").is_err(),
            "expansion is bounded"
        );
    }
}
