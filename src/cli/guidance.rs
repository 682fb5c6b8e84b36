//! `feedwise guidance [--search WORDS]`: the principles, documents and citable parts an author
//! may name, with what each is about, from the catalogue in use (`--guidance DIR`,
//! `assets/guidance` beside you, or the built-in one). An author with only the installed app
//! finds every valid id here.

use std::path::PathBuf;

use clap::Args;

use crate::check::guidance::check_guidance;
use crate::scenario::Catalogue;
use crate::scenario::browse::{browse, to_text};

#[derive(Debug, Args)]
pub struct GuidanceArgs {
    /// Only what says every one of these words (case ignored; "privacy" also finds
    /// "confidential"), e.g. `--search privacy` or `--search NMC`.
    #[arg(long, value_name = "WORDS", num_args = 1..)]
    pub search: Vec<String>,
    /// Folder holding the catalogue [default: assets/guidance if present, else the built-in
    /// copy].
    #[arg(long, value_name = "DIR")]
    pub guidance: Option<PathBuf>,
}

pub fn run(args: &GuidanceArgs) -> u8 {
    let sources = match super::guidance_sources_or_say(args.guidance.as_ref()) {
        Ok(sources) => sources,
        Err(code) => return code,
    };
    // A catalogue with problems is still listed (an author may be mending it); one that does
    // not parse is said, and the built-in one is not shown in its place.
    let (catalogue, _) = check_guidance(&sources);
    let Some(catalogue): Option<Catalogue> = catalogue else {
        super::warn("error: the catalogue does not parse; `feedwise check` says where\n");
        return 1;
    };
    let search = args.search.join(" ");
    let listing = browse(&catalogue, &search);
    if listing.is_empty() {
        super::warn(&format!(
            "nothing in the catalogue says \"{search}\"; `feedwise guidance` lists it all\n"
        ));
        return 1;
    }
    super::emit(&to_text(&listing));
    0
}
