//! `feedwise new ID`: a small scenario that passes `check`, with comments that teach the
//! format, written as `ID.ron`; it never overwrites a file.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::check::rules::id_format::is_kebab;
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
    #[arg(long, value_enum, default_value_t = NewAudience::Doctor)]
    pub audience: NewAudience,
    /// The kind of the example decision.
    #[arg(long, value_enum, default_value_t = NewKind::Choose)]
    pub kind: NewKind,
    /// The folder to write into [default: the current folder].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewAudience {
    Doctor,
    Nurse,
    Midwife,
    AlliedHealth,
    Student,
    PhysicianAssociate,
}

impl NewAudience {
    fn audience(self) -> Audience {
        match self {
            NewAudience::Doctor => Audience::Doctor,
            NewAudience::Nurse => Audience::Nurse,
            NewAudience::Midwife => Audience::Midwife,
            NewAudience::AlliedHealth => Audience::AlliedHealth,
            NewAudience::Student => Audience::Student,
            NewAudience::PhysicianAssociate => Audience::PhysicianAssociate,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewKind {
    Choose,
    Rank,
    ChooseSeveral,
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
    let kind = match args.kind {
        NewKind::Choose => ExampleKind::Choose,
        NewKind::Rank => ExampleKind::Rank,
        NewKind::ChooseSeveral => ExampleKind::ChooseSeveral,
    };
    let text = template(&args.id, &args.title, args.audience.audience(), kind);
    // `create_new` refuses an existing file (or link) at the path: nothing is overwritten.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut file| {
            file.write_all(text.as_bytes())?;
            file.sync_all()
        });
    match written {
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
