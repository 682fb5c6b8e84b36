//! `feedwise new ID`: a small scenario that passes `check`, with comments that teach the
//! format, written as `ID.ron`; it never overwrites a file.

use std::path::PathBuf;

use clap::Args;

use crate::check::rules::id_format::is_kebab;
use crate::files::create_shared;
use crate::scenario::Audience;
use crate::scenario::template::{ExampleKind, template};

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The scenario's id, kebab-case (the file is ID.ron).
    pub id: String,
    /// The title shown on the library's card.
    #[arg(long, default_value = "A new scenario")]
    pub title: String,
    /// Who the scenario is for; its edition and feedback cite their regulator's guidance.
    #[arg(long, value_enum, default_value_t = Audience::Doctor)]
    pub audience: Audience,
    /// The kind of the example decision.
    #[arg(long, value_enum, default_value_t = ExampleKind::Choose)]
    pub kind: ExampleKind,
    /// The folder to write into [default: the current folder].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn run(args: &NewArgs) -> u8 {
    if !is_kebab(&args.id) {
        super::warn(&format!(
            "error: `{}` is not a kebab-case id (lowercase letters, digits and single hyphens), e.g. `night-shift-post`\n",
            args.id
        ));
        return 2;
    }
    let folder = args.out.clone().unwrap_or_else(|| PathBuf::from("."));
    let path = folder.join(format!("{}.ron", args.id));
    let text = template(&args.id, &args.title, args.audience, args.kind);
    // Written whole or not at all, and never over anything at the path (a file or a link).
    match create_shared(&path, text.as_bytes()) {
        Ok(()) => {
            super::emit(&format!(
                "wrote {}\nnext: edit it, then `feedwise check {}` and `feedwise play {}`\n",
                path.display(),
                path.display(),
                path.display()
            ));
            0
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            super::warn(&format!(
                "error: {} already exists; feedwise new never overwrites a file\n",
                path.display()
            ));
            1
        }
        Err(error) => {
            super::warn(&format!(
                "error: cannot write {}: {error}\n",
                path.display()
            ));
            2
        }
    }
}
