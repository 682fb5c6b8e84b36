//! feedwise-lsp: `feedwise lsp`, a language server for scenario files over stdio, so an editor shows
//! `feedwise check`'s diagnostics as the author types, goes to an id's definition and its
//! references, completes principle, behaviour, guidance, persona and beat ids, and shows a
//! principle's, behaviour's or citation's words from the guidance catalogue on hover.
//!
//! On the `lsp-server` scaffold. A change is read at once (the ids, for definitions, hover and
//! completion, come from a fast scan), and checked on a thread of its own: a scenario at the
//! exploration limit takes seconds to check, and the editor's requests are answered from the
//! newest text meanwhile. A check overtaken by a newer change is never published. No Bevy and
//! no clock.
//!
//! It may use `feedwise-core` (the scenario format, the checker, the catalogue) and the
//! protocol's crates; nothing here knows of the app or the rest of the command line.

pub mod features;
pub mod position;
pub mod symbols;

use std::collections::HashMap;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crossbeam_channel::Sender;
use std::time::SystemTime;

use lsp_server::{Connection, ExtractError, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{Completion, GotoDefinition, HoverRequest, References, Request as _};
use lsp_types::{
    CompletionOptions, HoverProviderCapability, OneOf, PublishDiagnosticsParams,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};

use feedwise_core::check::guidance::check_guidance;
use feedwise_core::scenario::Catalogue;
use feedwise_core::scenario::library::{GUIDANCE_FILES, GuidanceSources, guidance_folder_above};

use position::LineIndex;
use symbols::Symbols;

type Failure = Box<dyn Error + Send + Sync>;

/// An open document: its text as the editor has it, and what was found in it.
pub struct Document {
    pub text: String,
    pub path: PathBuf,
    pub index: LineIndex,
    pub symbols: Symbols,
}

impl Document {
    pub fn new(uri: &Uri, text: String) -> Self {
        Document {
            path: file_path(uri),
            index: LineIndex::new(&text),
            symbols: symbols::scan(&text),
            text,
        }
    }

    /// The LSP range of a byte range of the text.
    pub fn range(&self, bytes: std::ops::Range<usize>) -> lsp_types::Range {
        self.index.range(&self.text, bytes)
    }
}

/// A catalogue read from a folder, with its files' modification times when read.
type FolderCatalogue = (Vec<Option<SystemTime>>, Arc<Catalogue>);

/// The server's state: the catalogues in use and the open documents by URI.
pub struct Server {
    /// The catalogue built into the binary, for files outside a folder with its own.
    pub catalogue: Arc<Catalogue>,
    /// Catalogues read from `assets/guidance` folders, with the files' modification times,
    /// so an edit to the catalogue is seen as `check` would see it.
    folders: Mutex<HashMap<PathBuf, FolderCatalogue>>,
    pub documents: HashMap<Uri, Arc<Document>>,
    /// Per document, the number of the newest change: a check publishes only if its change is
    /// still the newest when it ends.
    newest: Arc<Mutex<HashMap<Uri, u64>>>,
}

/// A document to check off the main loop, and the change it is of.
pub struct CheckJob {
    uri: Uri,
    version: Option<i32>,
    change: u64,
    document: Arc<Document>,
    catalogue: Arc<Catalogue>,
    newest: Arc<Mutex<HashMap<Uri, u64>>>,
}

impl CheckJob {
    /// Checks the document and publishes its diagnostics, unless a newer change came first.
    pub fn run(self, sender: &Sender<Message>) {
        let diagnostics =
            guarded(|| features::diagnostics(&self.document, &self.catalogue)).unwrap_or_default();
        // Published under the lock, so a newer change's check cannot publish in between.
        if let Ok(newest) = self.newest.lock()
            && newest.get(&self.uri) == Some(&self.change)
        {
            let _ = sender.send(publish(self.uri, diagnostics, self.version).into());
        }
    }
}

fn publish(uri: Uri, found: Vec<lsp_types::Diagnostic>, version: Option<i32>) -> Notification {
    let params = PublishDiagnosticsParams::new(uri, found, version);
    Notification::new(PublishDiagnostics::METHOD.to_owned(), params)
}

/// What a notification asks of the main loop.
pub enum Outgoing {
    Publish(Notification),
    Check(CheckJob),
}

impl Default for Server {
    fn default() -> Self {
        Server {
            catalogue: Arc::new(Catalogue::embedded().unwrap_or_default()),
            folders: Mutex::default(),
            documents: HashMap::new(),
            newest: Arc::default(),
        }
    }
}

impl Server {
    /// The catalogue a file is checked against, as `check` run from the repository would use:
    /// `assets/guidance` in its folder or one above when that reads cleanly, else the built-in.
    pub fn catalogue_for(&self, path: &Path) -> Arc<Catalogue> {
        let Some(folder) = guidance_folder_above(path) else {
            return Arc::clone(&self.catalogue);
        };
        let stamps: Vec<Option<SystemTime>> = GUIDANCE_FILES
            .iter()
            .map(|file| {
                std::fs::metadata(folder.join(file))
                    .and_then(|m| m.modified())
                    .ok()
            })
            .collect();
        let Ok(mut folders) = self.folders.lock() else {
            return Arc::clone(&self.catalogue);
        };
        if let Some((seen, catalogue)) = folders.get(&folder)
            && *seen == stamps
        {
            return Arc::clone(catalogue);
        }
        let catalogue = GuidanceSources::read(&folder)
            .ok()
            .and_then(|sources| check_guidance(&sources).0)
            .map(Arc::new)
            .unwrap_or_else(|| Arc::clone(&self.catalogue));
        folders.insert(folder, (stamps, Arc::clone(&catalogue)));
        catalogue
    }
}

/// What the server can do, as told to the editor at `initialize`.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".to_owned()]),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

/// Serves on stdin and stdout until the editor says `exit` or closes the pipe.
pub fn run_stdio() -> Result<(), Failure> {
    let (connection, io_threads) = Connection::stdio();
    serve(&connection)?;
    drop(connection);
    io_threads.join()?;
    Ok(())
}

/// The initialize handshake, then messages until shutdown and exit.
pub fn serve(connection: &Connection) -> Result<(), Failure> {
    let (id, _params) = connection.initialize_start()?;
    connection.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": capabilities(),
            "serverInfo": { "name": "feedwise", "version": env!("CARGO_PKG_VERSION") },
        }),
    )?;
    let mut server = Server::default();
    let mut next = None;
    loop {
        let Some(message) = next.take().or_else(|| connection.receiver.recv().ok()) else {
            return Ok(());
        };
        let message = match message {
            Message::Notification(change) if change.method == DidChangeTextDocument::METHOD => {
                let (latest, after) = latest_change(connection, change);
                next = after;
                Message::Notification(latest)
            }
            other => other,
        };
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                let id = request.id.clone();
                // A bug in one answer fails that request, not the editor's session.
                let response = guarded(|| server.request(request)).unwrap_or_else(|message| {
                    Response::new_err(
                        id,
                        lsp_server::ErrorCode::InternalError as i32,
                        format!("internal error in feedwise lsp: {message}"),
                    )
                });
                connection.sender.send(response.into())?;
            }
            Message::Notification(notification) => {
                let outgoing = guarded(|| server.notification(notification));
                for outgoing in outgoing.unwrap_or_default() {
                    match outgoing {
                        Outgoing::Publish(published) => {
                            connection.sender.send(published.into())?;
                        }
                        Outgoing::Check(job) => {
                            let sender = connection.sender.clone();
                            std::thread::Builder::new()
                                .name("feedwise-lsp-check".to_owned())
                                .spawn(move || job.run(&sender))?;
                        }
                    }
                }
            }
            Message::Response(_) => {}
        }
    }
}

/// Of changes to one document already waiting, only the last needs checking (each carries the
/// whole text): while the author types faster than a check, the diagnostics keep up with the
/// newest text. Returns that change and the first other message taken, to handle next.
fn latest_change(
    connection: &Connection,
    mut latest: Notification,
) -> (Notification, Option<Message>) {
    let uri = |n: &Notification| n.params["textDocument"]["uri"].clone();
    while let Ok(message) = connection.receiver.try_recv() {
        match message {
            Message::Notification(change)
                if change.method == DidChangeTextDocument::METHOD
                    && uri(&change) == uri(&latest) =>
            {
                latest = change;
            }
            other => return (latest, Some(other)),
        }
    }
    (latest, None)
}

/// Runs `answer`, turning a panic (a bug in feedwise) into its message.
fn guarded<T>(answer: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(answer)).map_err(|panic| {
        panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default()
    })
}

/// A request's params as `R`'s, given to `answer`, whose answer is the result.
fn reply<R: lsp_types::request::Request, T: serde::Serialize>(
    request: Request,
    answer: impl FnOnce(R::Params) -> T,
) -> Result<serde_json::Value, Response> {
    let (_, params) = request
        .extract::<R::Params>(R::METHOD)
        .map_err(|error| match error {
            ExtractError::JsonError { method, error } => Response::new_err(
                RequestId::from(0),
                lsp_server::ErrorCode::InvalidParams as i32,
                format!("{method}: {error}"),
            ),
            ExtractError::MethodMismatch(request) => Response::new_err(
                request.id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("feedwise lsp does not handle {}", request.method),
            ),
        })?;
    Ok(serde_json::to_value(answer(params)).unwrap_or_default())
}

impl Server {
    /// Answers one request.
    pub fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let answer = |result: Result<serde_json::Value, Response>| match result {
            Ok(value) => Response::new_ok(id.clone(), value),
            Err(mut error) => {
                error.id = id.clone();
                error
            }
        };
        answer(match request.method.as_str() {
            GotoDefinition::METHOD => {
                reply::<GotoDefinition, _>(request, |p| features::definition(self, &p))
            }
            References::METHOD => {
                reply::<References, _>(request, |p| features::references(self, &p))
            }
            Completion::METHOD => {
                reply::<Completion, _>(request, |p| features::completion(self, &p))
            }
            HoverRequest::METHOD => {
                reply::<HoverRequest, _>(request, |p| features::hover(self, &p))
            }
            _ => reply::<GotoDefinition, _>(request, |_| serde_json::Value::Null),
        })
    }

    /// Takes in one notification; returns what to publish now and the checks to run.
    pub fn notification(&mut self, notification: Notification) -> Vec<Outgoing> {
        self.outgoing(notification).into_iter().collect()
    }

    fn outgoing(&mut self, notification: Notification) -> Option<Outgoing> {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p = extract::<DidOpenTextDocument>(notification)?.text_document;
                Some(self.take(p.uri, p.text, p.version))
            }
            DidChangeTextDocument::METHOD => {
                let p = extract::<DidChangeTextDocument>(notification)?;
                // Full sync: the last change holds the whole text.
                let change = p.content_changes.into_iter().last()?;
                Some(self.take(p.text_document.uri, change.text, p.text_document.version))
            }
            DidCloseTextDocument::METHOD => {
                let p = extract::<DidCloseTextDocument>(notification)?;
                let uri = p.text_document.uri;
                self.documents.remove(&uri);
                // A check still running for it publishes nothing.
                if let Ok(mut newest) = self.newest.lock() {
                    newest.remove(&uri);
                }
                Some(Outgoing::Publish(publish(uri, Vec::new(), None)))
            }
            _ => None,
        }
    }

    /// Keeps the newest text of a document (answers come from it at once) and makes the
    /// check of it, which overtakes any check of an older text.
    fn take(&mut self, uri: Uri, text: String, version: i32) -> Outgoing {
        let document = Arc::new(Document::new(&uri, text));
        self.documents.insert(uri.clone(), Arc::clone(&document));
        let change = self.newest.lock().map_or(0, |mut newest| {
            *newest
                .entry(uri.clone())
                .and_modify(|n| *n += 1)
                .or_insert(1)
        });
        Outgoing::Check(CheckJob {
            catalogue: self.catalogue_for(&document.path),
            uri,
            version: Some(version),
            change,
            document,
            newest: Arc::clone(&self.newest),
        })
    }
}

/// A notification's params as `N`'s.
fn extract<N: lsp_types::notification::Notification>(
    notification: Notification,
) -> Option<N::Params> {
    notification.extract(N::METHOD).ok()
}

/// The file a `file://` URI names (percent escapes decoded); any other URI as it is written,
/// so an unsaved buffer is checked too (its image paths against the current folder).
pub fn file_path(uri: &Uri) -> PathBuf {
    let text = uri.as_str();
    let Some(rest) = text.strip_prefix("file://") else {
        return PathBuf::from(text);
    };
    // `file://host/path`: the path starts at the first slash.
    let path = &rest[rest.find('/').unwrap_or(rest.len())..];
    let hex = |b: &u8| (*b as char).to_digit(16);
    let (mut decoded, mut rest) = (Vec::with_capacity(path.len()), path.as_bytes());
    while let [byte, tail @ ..] = rest {
        match (byte, tail.first().and_then(hex), tail.get(1).and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                decoded.push((high * 16 + low) as u8);
                rest = &tail[2..];
            }
            _ => {
                decoded.push(*byte);
                rest = tail;
            }
        }
    }
    let path = String::from_utf8_lossy(&decoded).into_owned();
    // `file:///C:/x` on Windows.
    match path.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() => PathBuf::from(&path[1..]),
        _ => PathBuf::from(path),
    }
}

/// The `file://` URI of an absolute path, with bytes other than letters, digits and `/-._~`
/// percent-escaped.
pub fn file_uri(path: &std::path::Path) -> Option<Uri> {
    let text = path.to_str()?.replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~:".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        let uri: Uri = "file:///home/a%20b/scenarios/caf%C3%A9.ron"
            .parse()
            .unwrap();
        assert_eq!(
            file_path(&uri),
            PathBuf::from("/home/a b/scenarios/café.ron")
        );
        assert_eq!(file_uri(&file_path(&uri)), Some(uri));
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(file_path(&untitled), PathBuf::from("untitled:Untitled-1"));
    }
}
