//! `feedwise lsp`: the language server for scenario files, on stdin and stdout (see
//! docs/editors.md for VS Code, Neovim and Helix).

use clap::Args;

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Accepted for editors that pass it; stdio is the only transport.
    #[arg(long)]
    pub stdio: bool,
}

/// Serves until the editor says `exit`: 0 after a clean shutdown, 1 on a protocol error.
pub fn run(_: &LspArgs) -> u8 {
    match crate::lsp::run_stdio() {
        Ok(()) => 0,
        Err(error) => {
            super::warn(&format!("feedwise lsp: {error}\n"));
            1
        }
    }
}
