//! Sending statements to a learning record store: the one part of feedwise's exports that
//! uses the network, and only on `feedwise export --xapi --send URL`. Statements go in
//! batches as POSTs with Basic authentication and `X-Experience-API-Version: 1.0.3`; a
//! connection error, a 5xx or a 429 is tried again after a pause (a bounded number of times);
//! a batch the store refuses (4xx) is sent again one statement at a time, so the report names
//! each statement the store refused and what it said. Statement ids are stable, so sending
//! again is safe: the store keeps one copy of a statement it already has.

use std::io::Read;
use std::time::Duration;

use super::xapi::{Statement, VERSION};

/// Where to send, and as whom. `Debug` leaves the secret out.
#[derive(Clone)]
pub struct Lrs {
    /// The store's statements resource, e.g. `http://127.0.0.1:8111/xAPI/statements`.
    pub statements: String,
    pub key: String,
    pub secret: String,
}

impl std::fmt::Debug for Lrs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lrs")
            .field("statements", &self.statements)
            .field("key", &self.key)
            .field("secret", &"(not shown)")
            .finish()
    }
}

#[derive(Debug, Clone)]
pub struct SendOptions {
    /// Statements per POST.
    pub batch: usize,
    /// Attempts per request, counting the first.
    pub tries: u32,
    /// The pause before the second attempt; it doubles for each one after.
    pub backoff: Duration,
    /// The longest one request may take, connecting included.
    pub timeout: Duration,
}

impl Default for SendOptions {
    fn default() -> Self {
        SendOptions {
            batch: 50,
            tries: 3,
            backoff: Duration::from_millis(500),
            timeout: Duration::from_secs(30),
        }
    }
}

/// A statement the store refused, with its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub id: String,
    pub status: u16,
    /// 409: the store has a statement with this id and different content.
    pub conflict: bool,
    /// The store's answer, shortened to one line.
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SendReport {
    /// Statements the store accepted (stored now, or already stored the same).
    pub accepted: usize,
    pub refused: Vec<Refused>,
    /// Statements not sent because sending stopped.
    pub not_sent: usize,
    /// Why sending stopped early: the store could not be reached, refused the credentials,
    /// or kept failing.
    pub stopped: Option<String>,
}

impl SendReport {
    /// Every statement accepted.
    pub fn all_accepted(&self) -> bool {
        self.refused.is_empty() && self.not_sent == 0 && self.stopped.is_none()
    }
}

/// The statements resource from what the user gave: the resource itself (a path ending in
/// `/statements`) or the xAPI base it belongs to (`/statements` is then appended). Only
/// http and https, and no credentials in the address (they belong in `--auth`).
pub fn statements_endpoint(url: &str) -> Result<String, String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(|| format!("--send `{url}` is not an http:// or https:// address"))?;
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.contains('@') {
        return Err(
            "--send: put the key and secret in --auth KEY:SECRET, not in the address".to_owned(),
        );
    }
    if authority.is_empty() || url.contains(['?', '#']) || url.chars().any(char::is_whitespace) {
        return Err(format!(
            "--send `{url}` is not an LRS address such as http://127.0.0.1:8111/xAPI/statements"
        ));
    }
    let trimmed = url.trim_end_matches('/');
    Ok(if trimmed.to_ascii_lowercase().ends_with("/statements") {
        trimmed.to_owned()
    } else {
        format!("{trimmed}/statements")
    })
}

/// `KEY:SECRET` split at its first colon.
pub fn parse_auth(text: &str) -> Result<(String, String), String> {
    match text.split_once(':') {
        Some((key, secret)) if !key.is_empty() && !secret.is_empty() => {
            Ok((key.to_owned(), secret.to_owned()))
        }
        _ => Err(
            "--auth must be KEY:SECRET (the LRS's key and secret, or user and password)".to_owned(),
        ),
    }
}

/// Sends every statement; never panics on what the network or the store does.
pub fn send(lrs: &Lrs, statements: &[Statement], options: &SendOptions) -> SendReport {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        // A redirect of a POST is reported, not followed: the user should give the address.
        .max_redirects(0)
        .max_redirects_will_error(false)
        .timeout_global(Some(options.timeout))
        .user_agent(concat!("feedwise/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let client = Client {
        agent,
        lrs,
        options,
        authorization: format!(
            "Basic {}",
            base64(format!("{}:{}", lrs.key, lrs.secret).as_bytes())
        ),
    };
    let mut report = SendReport::default();
    let batches: Vec<&[Statement]> = statements.chunks(options.batch.max(1)).collect();
    for (index, batch) in batches.iter().enumerate() {
        let left = |from: usize| batches[from..].iter().map(|b| b.len()).sum::<usize>();
        let body = serde_json::to_string(batch).unwrap_or_default();
        match client.post(&body) {
            Answer::Accepted => report.accepted += batch.len(),
            Answer::Stop(reason) => {
                report.stopped = Some(reason);
                report.not_sent += left(index);
                break;
            }
            Answer::Refused { .. } => {
                // Find which statements the store refuses, and why.
                for (at, statement) in batch.iter().enumerate() {
                    let body = serde_json::to_string(statement).unwrap_or_default();
                    match client.post(&body) {
                        Answer::Accepted => report.accepted += 1,
                        Answer::Refused { status, reason } => report.refused.push(Refused {
                            id: statement.id.clone(),
                            status,
                            conflict: status == 409,
                            reason,
                        }),
                        Answer::Stop(reason) => {
                            report.stopped = Some(reason);
                            report.not_sent += batch.len() - at + left(index + 1);
                            return report;
                        }
                    }
                }
            }
        }
    }
    report
}

struct Client<'a> {
    agent: ureq::Agent,
    lrs: &'a Lrs,
    options: &'a SendOptions,
    authorization: String,
}

enum Answer {
    Accepted,
    /// A 4xx other than for the credentials: this content is refused.
    Refused {
        status: u16,
        reason: String,
    },
    /// Nothing more can be sent.
    Stop(String),
}

impl Client<'_> {
    fn post(&self, body: &str) -> Answer {
        let url = &self.lrs.statements;
        let mut pause = self.options.backoff;
        let tries = self.options.tries.max(1);
        for attempt in 1..=tries {
            let last = attempt == tries;
            let sent = self
                .agent
                .post(url)
                .header("Authorization", &self.authorization)
                .header("X-Experience-API-Version", VERSION)
                .header("Content-Type", "application/json")
                .send(body);
            let response = match sent {
                Ok(response) => response,
                Err(error) if last => {
                    return Answer::Stop(format!(
                        "cannot reach {url} ({error}) after {tries} tries"
                    ));
                }
                Err(_) => {
                    std::thread::sleep(pause);
                    pause *= 2;
                    continue;
                }
            };
            let status = response.status().as_u16();
            let mut text = Vec::new();
            let _ = response
                .into_body()
                .into_reader()
                .take(64 * 1024)
                .read_to_end(&mut text);
            let reason = shorten(&String::from_utf8_lossy(&text));
            match status {
                200..=299 => return Answer::Accepted,
                401 | 403 => {
                    return Answer::Stop(format!(
                        "the LRS refused the key and secret ({status}): {reason}"
                    ));
                }
                429 | 500..=599 if !last => {
                    std::thread::sleep(pause);
                    pause *= 2;
                }
                429 | 500..=599 => {
                    return Answer::Stop(format!(
                        "the LRS kept failing ({status} after {tries} tries): {reason}"
                    ));
                }
                300..=399 => {
                    return Answer::Stop(format!(
                        "the LRS answered with a redirect ({status}); give the address it redirects to"
                    ));
                }
                404 | 405 => {
                    return Answer::Stop(format!(
                        "{url} is not an xAPI statements resource ({status}): {reason}"
                    ));
                }
                _ => return Answer::Refused { status, reason },
            }
        }
        Answer::Stop(format!("cannot send to {url}"))
    }
}

/// A store's answer for a report: one line, at most 300 characters (whitespace runs become
/// one space; the caller makes control characters visible when it prints).
pub fn shorten(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None if line.is_empty() => "(no explanation)".to_owned(),
        None => line,
    }
}

/// Standard base64 with padding (RFC 4648), for the Authorization header.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fw:secret", "Znc6c2VjcmV0"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded, "{plain}");
        }
    }

    #[test]
    fn the_statements_resource_from_either_address() {
        assert_eq!(
            statements_endpoint("http://127.0.0.1:8111/xAPI/").unwrap(),
            "http://127.0.0.1:8111/xAPI/statements"
        );
        assert_eq!(
            statements_endpoint("https://lrs.example.org/xapi/statements/").unwrap(),
            "https://lrs.example.org/xapi/statements"
        );
        assert!(statements_endpoint("ftp://x/").is_err());
        assert!(
            statements_endpoint("https://fw:secret@lrs.example.org/xapi")
                .unwrap_err()
                .contains("--auth")
        );
    }

    #[test]
    fn the_secret_is_never_in_debug_output() {
        let lrs = Lrs {
            statements: "http://127.0.0.1:1/statements".into(),
            key: "fw".into(),
            secret: "hunter2".into(),
        };
        assert!(!format!("{lrs:?}").contains("hunter2"));
        assert_eq!(parse_auth("fw:a:b").unwrap(), ("fw".into(), "a:b".into()));
        assert!(parse_auth("fw").is_err());
    }

    #[test]
    fn answers_are_shortened_to_one_line() {
        assert_eq!(shorten("a\n  b"), "a b");
        assert_eq!(shorten(""), "(no explanation)");
        assert_eq!(shorten(&"x".repeat(400)).chars().count(), 301);
    }
}
