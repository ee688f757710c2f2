//! Just enough of HTTP/1.1 for `qti caliper serve`: read one request from
//! a socket (request line, headers, a `Content-Length` body) within size
//! and time limits, and write one response that closes the connection.
//!
//! The reading is split in two (head, then body) so that the caller can
//! refuse a request (authorization, media type, size) before its body is
//! read.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// The request line and headers together, terminator included.
pub const MAX_HEAD: usize = 16 * 1024;
/// More header lines than this is abuse, whatever their size.
const MAX_HEADER_LINES: usize = 100;

/// Why no request could be read; [`HttpError::status`] is the answer.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("the connection closed before a request")]
    Closed,
    #[error("timed out reading the request")]
    Timeout,
    #[error("the request head is larger than {MAX_HEAD} bytes or has too many header lines")]
    HeadTooLarge,
    #[error("malformed request: {0}")]
    Malformed(String),
    #[error("the body of {length} bytes is larger than the limit of {limit} bytes")]
    BodyTooLarge { length: u64, limit: u64 },
    #[error("{0}")]
    LengthRequired(&'static str),
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl HttpError {
    /// The status to answer with, or `None` when the client is gone (or
    /// never said anything) and there is no one to answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            HttpError::Closed | HttpError::Io(_) => None,
            HttpError::Timeout => Some(408),
            HttpError::HeadTooLarge => Some(431),
            HttpError::Malformed(_) => Some(400),
            HttpError::BodyTooLarge { .. } => Some(413),
            HttpError::LengthRequired(_) => Some(411),
        }
    }
}

/// A request line and its headers, with the bytes read past them (the
/// start of the body).
#[derive(Debug)]
pub struct Head {
    pub method: String,
    pub target: String,
    headers: Vec<(String, String)>,
    rest: Vec<u8>,
}

impl Head {
    /// The first header of that name (names are case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The target's path, without query; an absolute-form target
    /// (`http://host/path`) gives its path too.
    pub fn path(&self) -> &str {
        let target = match self.target.split_once("://") {
            Some((_, after)) => after.find('/').map_or("/", |i| &after[i..]),
            None => self.target.as_str(),
        };
        target.split(['?', '#']).next().unwrap_or("/")
    }

    /// The body's length from `Content-Length`. A body framed otherwise
    /// (chunked) or not framed at all is refused rather than guessed.
    pub fn content_length(&self) -> Result<u64, HttpError> {
        if self.header("transfer-encoding").is_some() {
            return Err(HttpError::LengthRequired(
                "Transfer-Encoding (chunked) is not supported: send the body with Content-Length",
            ));
        }
        let mut length = None;
        let values = self
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("content-length"));
        // A list ("5, 5") or repeated headers must all agree (RFC 9110 §8.6).
        for v in values.flat_map(|(_, v)| v.split(',')) {
            let v = v.trim();
            let n: u64 = v
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| v.parse().ok())
                .flatten()
                .ok_or_else(|| HttpError::Malformed(format!("Content-Length '{v}'")))?;
            if length.is_some_and(|l| l != n) {
                return Err(HttpError::Malformed("conflicting Content-Length".into()));
            }
            length = Some(n);
        }
        length.ok_or(HttpError::LengthRequired(
            "the request needs Content-Length",
        ))
    }
}

/// Read one request head, all of it before `deadline`.
pub fn read_head(stream: &mut TcpStream, deadline: Instant) -> Result<Head, HttpError> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        if let Some((end, next)) = head_end(&buf) {
            let rest = buf.split_off(next);
            buf.truncate(end);
            return parse_head(&buf, rest);
        }
        if buf.len() >= MAX_HEAD {
            return Err(HttpError::HeadTooLarge);
        }
        let room = (MAX_HEAD - buf.len()).min(chunk.len());
        let n = read_some(stream, &mut chunk[..room], deadline)?;
        if n == 0 {
            return Err(if buf.is_empty() {
                HttpError::Closed
            } else {
                HttpError::Malformed("the connection closed inside the request head".into())
            });
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Read the `length`-byte body of `head` (which the caller has checked
/// against its limit) before `deadline`.
pub fn read_body(
    stream: &mut TcpStream,
    head: Head,
    length: u64,
    limit: u64,
    deadline: Instant,
) -> Result<Vec<u8>, HttpError> {
    if length > limit {
        return Err(HttpError::BodyTooLarge { length, limit });
    }
    // Within the limit, so it fits in usize.
    let length = length as usize;
    let mut body = head.rest;
    // Bytes past the body would be a pipelined request; the connection
    // closes after this one, so they are dropped.
    body.truncate(length);
    let mut chunk = [0u8; 16 * 1024];
    while body.len() < length {
        let room = (length - body.len()).min(chunk.len());
        let n = read_some(stream, &mut chunk[..room], deadline)?;
        if n == 0 {
            return Err(HttpError::Malformed(format!(
                "the connection closed after {} of {length} body bytes",
                body.len()
            )));
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Ok(body)
}

/// One `read`, waiting no later than `deadline`: a client that sends a
/// byte now and then cannot hold the connection longer than that.
fn read_some(
    stream: &mut TcpStream,
    buf: &mut [u8],
    deadline: Instant,
) -> Result<usize, HttpError> {
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(HttpError::Timeout);
        }
        stream.set_read_timeout(Some(left))?;
        match stream.read(buf) {
            Ok(n) => return Ok(n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(HttpError::Timeout);
            }
            Err(e) => return Err(HttpError::Io(e)),
        }
    }
}

/// Where the head ends and where the body starts: the first empty line
/// (CRLF CRLF, or bare LF LF, which RFC 9112 §2.2 lets a server accept).
fn head_end(buf: &[u8]) -> Option<(usize, usize)> {
    let crlf = buf.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = buf.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(c), Some(l)) if l < c => Some((l, l + 2)),
        (Some(c), _) => Some((c, c + 4)),
        (None, Some(l)) => Some((l, l + 2)),
        (None, None) => None,
    }
}

fn parse_head(bytes: &[u8], rest: Vec<u8>) -> Result<Head, HttpError> {
    let malformed = |m: &str| HttpError::Malformed(m.to_string());
    let text = std::str::from_utf8(bytes).map_err(|_| malformed("the head is not UTF-8"))?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request_line = lines.next().unwrap_or_default();
    let parts: Vec<&str> = request_line.split(' ').collect();
    let [method, target, version] = parts.as_slice() else {
        return Err(malformed("the request line is not METHOD TARGET VERSION"));
    };
    if !is_token(method) || target.is_empty() || !version.starts_with("HTTP/1.") {
        return Err(malformed("the request line is not METHOD TARGET HTTP/1.x"));
    }
    let mut headers = Vec::new();
    for line in lines {
        if headers.len() == MAX_HEADER_LINES {
            return Err(HttpError::HeadTooLarge);
        }
        if line.starts_with([' ', '\t']) {
            return Err(malformed("folded header lines are not allowed"));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(malformed("a header line without ':'"));
        };
        if !is_token(name) {
            return Err(malformed("a header name that is not a token"));
        }
        headers.push((name.to_string(), value.trim().to_string()));
    }
    Ok(Head {
        method: method.to_string(),
        target: target.to_string(),
        headers,
        rest,
    })
}

/// An RFC 9110 token (methods, header names).
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A response; every one closes the connection.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Response::new(status).body("application/json", body.to_string().into_bytes())
    }

    pub fn body(self, content_type: &str, body: Vec<u8>) -> Self {
        let mut r = self.header("Content-Type", content_type);
        r.body = body;
        r
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn write_to(&self, w: &mut impl Write) -> io::Result<()> {
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(&self.body);
        w.write_all(&bytes)?;
        w.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Close after a response. Closing a socket with unread input makes the
/// kernel send a reset, which can destroy the response before the client
/// reads it (a refused large body, say); so stop writing, then read and
/// drop what the client still sends, for a bounded time and amount.
pub fn linger_close(mut stream: TcpStream) {
    const LINGER: Duration = Duration::from_secs(2);
    const MAX_DRAIN: usize = 1 << 20;
    if stream.shutdown(Shutdown::Write).is_err() {
        return;
    }
    let deadline = Instant::now() + LINGER;
    let mut drained = 0;
    let mut chunk = [0u8; 16 * 1024];
    while drained < MAX_DRAIN {
        match read_some(&mut stream, &mut chunk, deadline) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(text: &str) -> Result<Head, HttpError> {
        let (end, next) = head_end(text.as_bytes()).expect("a complete head");
        parse_head(&text.as_bytes()[..end], text.as_bytes()[next..].to_vec())
    }

    #[test]
    fn parses_request_line_headers_and_body_start() {
        let h =
            head("POST /caliper?x=1 HTTP/1.1\r\nHost: a\r\ncontent-LENGTH: 2\r\n\r\n{}").unwrap();
        assert_eq!(h.method, "POST");
        assert_eq!(h.path(), "/caliper");
        assert_eq!(h.header("Content-Length"), Some("2"));
        assert_eq!(h.content_length().unwrap(), 2);
        assert_eq!(h.rest, b"{}");
        let h = head("GET http://127.0.0.1:9/events HTTP/1.0\n\n").unwrap();
        assert_eq!(h.path(), "/events");
    }

    #[test]
    fn refuses_malformed_heads_and_framing() {
        for bad in [
            "POST / HTTP/1.1 extra\r\n\r\n",
            "POST /\r\n\r\n",
            "POST / SPDY/3\r\n\r\n",
            "POST / HTTP/1.1\r\nNo colon\r\n\r\n",
            "POST / HTTP/1.1\r\nA: b\r\n  folded\r\n\r\n",
            "POST / HTTP/1.1\r\nBad Name: b\r\n\r\n",
        ] {
            assert_eq!(head(bad).unwrap_err().status(), Some(400), "{bad:?}");
        }
        let length = |h: &str| head(h).unwrap().content_length().map_err(|e| e.status());
        assert_eq!(length("POST / HTTP/1.1\r\n\r\n"), Err(Some(411)));
        assert_eq!(
            length("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
            Err(Some(411))
        );
        assert_eq!(
            length("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"),
            Err(Some(400))
        );
        assert_eq!(
            length("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"),
            Err(Some(400))
        );
        assert_eq!(
            length("POST / HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\n"),
            Ok(3)
        );
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "A: b\r\n".repeat(101));
        assert_eq!(head(&many).unwrap_err().status(), Some(431));
    }
}
