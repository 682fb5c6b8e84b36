//! `feedwise new ID`: a small scenario that passes `check`, with comments that teach the
//! format, written as `ID.ron`; it never overwrites a file.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::check::rules::id_format::is_kebab;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The scenario's id, kebab-case (the file is ID.ron).
    pub id: String,
    /// Who the scenario is for; its feedback cites their regulator's guidance.
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
    let text = template(&args.id, args.audience, args.kind);
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

/// The scenario text: valid as written, with comments on each part.
pub fn template(id: &str, audience: NewAudience, kind: NewKind) -> String {
    // The trainee's name and how the patient knows them suit the audience.
    let (audience_name, cite, me, handle, role) = match audience {
        NewAudience::Doctor => (
            "Doctor",
            r#"("GMC-BOUND", "whole")"#,
            "Dr Me",
            "drme",
            "doctor",
        ),
        NewAudience::Nurse => ("Nurse", r#"("NMC", "20.6")"#, "Me", "me_rn", "nurse"),
        NewAudience::Midwife => ("Midwife", r#"("NMC", "20.6")"#, "Me", "me_rm", "midwife"),
        NewAudience::AlliedHealth => (
            "AlliedHealth",
            r#"("HCPC", "1.9")"#,
            "Me",
            "me_hcpc",
            "physio",
        ),
        NewAudience::Student => (
            "Student",
            r#"("NMC-SM", "whole")"#,
            "Me",
            "me_student",
            "student",
        ),
    };
    let (kind_text, prompt) = match kind {
        NewKind::Choose => ("Choose", "What do you do?"),
        NewKind::Rank => (
            r#"Rank(key: ["redirect", "ignore", "advise"])"#,
            "Rank these from most to least appropriate.",
        ),
        NewKind::ChooseSeveral => (
            r#"ChooseSeveral(pick: 2, key: ["redirect", "ignore"])"#,
            "Choose the TWO most appropriate.",
        ),
    };
    format!(
        r#"// A new scenario. `feedwise check` this file after every change; docs/authoring.md
// explains every field, and docs/diagnostics.md every message.
(
    // The id is how `--scenario` and transcripts name it: kebab-case, matching the file name.
    id: "{id}",
    title: "A new scenario",
    summary: "One line for the library card: the situation, not the answer.",
    tags: ["draft"],
    // The guidance edition the scenario is written against (see assets/guidance).
    edition: "SM24",
    // Who it is for; feedback should cite their regulator's guidance.
    audiences: [{audience_name}],
    minutes: 5,
    // Bump when a change alters scoring or paths.
    version: 1,
    // Named lists; `{{patient}}` in any text takes one value, picked by the seed.
    variants: {{"patient": ["Sam", "Jo"]}},
    // Exactly one persona has `role: Me`: the trainee.
    cast: [
        (id: "me", name: "{me}", handle: "{handle}", role: Me),
        (id: "pt", name: "{{patient}}", handle: "pt_1", role: Patient),
    ],
    start: "first",
    beats: [
        (
            id: "first",
            // Events arrive `at` seconds after the beat starts.
            events: [
                (at: 0, show: Post(id: "p1", by: "pt", text: "Hello, is this the {role} from the surgery?")),
                (at: 5, show: Message(from: "pt", to: "me", text: "Sorry to message here. Can I ask about my results?")),
            ],
            decision: (
                id: "first-reply",
                prompt: "{prompt}",
                kind: {kind_text},
                // Every option names its behaviours (docs/grading.md), which fix its grade, and
                // has principle effects, feedback in your own words and a citation; `set` flags
                // are tested by routes below.
                options: [
                    (id: "redirect", text: "Reply kindly and point them to the surgery's own channels", grade: Exemplary, behaviours: ["redirects-patient-to-proper-channel"], effects: {{"boundaries": 2}}, feedback: "Kind and clear, and it keeps clinical talk where it belongs.", cite: [{cite}], set: ["redirected"]),
                    (id: "ignore", text: "Leave the message unanswered", grade: Acceptable, behaviours: ["declines-contact-without-explanation"], effects: {{"boundaries": 1}}, feedback: "No harm done, but the patient is left without a way forward.", cite: [{cite}]),
                    (id: "advise", text: "Answer the question in the message", grade: Poor, behaviours: ["advises-patient-on-personal-account"], effects: {{"boundaries": -2}}, feedback: "A clinical conversation on a personal account, with no record.", cite: [{cite}], set: ["advised"]),
                ],
            ),
            // The first route whose condition holds is taken. A Poor answer never reaches a
            // Praise ending.
            then: [(when: Flag("advised"), to: "end-mixed"), (when: Flag("redirected"), to: "end-good"), (to: "end-mixed")],
        ),
    ],
    endings: [
        (id: "end-good", title: "Boundaries kept", debrief: "You were kind and kept the conversation where it belongs.", tone: Praise),
        (id: "end-mixed", title: "Room to improve", debrief: "Think about where clinical conversations should happen.", tone: Mixed),
    ],
)
"#
    )
}
