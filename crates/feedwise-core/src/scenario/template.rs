//! A new scenario to start from: small, valid as written, with comments that teach the
//! format. `feedwise new` and the library's New scenario write it.

use super::Audience;

/// The kind of the example decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum ExampleKind {
    Choose,
    Rank,
    ChooseSeveral,
}

/// The scenario text: valid as written, with comments on each part. Its edition, citations
/// and the trainee's name follow the regulator of `audience` (the GMC's for doctors and
/// physician associates, the NMC's for nurses, midwives and students, the HCPC's for allied
/// health professionals).
pub fn template(id: &str, title: &str, audience: Audience, kind: ExampleKind) -> String {
    let (edition, cite, me, handle, role) = match audience {
        Audience::Doctor => (
            "SM24",
            r#"("GMC-BOUND", "whole")"#,
            "Dr Me",
            "drme",
            "doctor",
        ),
        Audience::PhysicianAssociate => (
            "SM24",
            r#"("GMC-BOUND", "whole")"#,
            "Me",
            "me_pa",
            "physician associate",
        ),
        Audience::Nurse => ("NMC", r#"("NMC", "20.6")"#, "Me", "me_rn", "nurse"),
        Audience::Midwife => ("NMC", r#"("NMC", "20.6")"#, "Me", "me_rm", "midwife"),
        Audience::AlliedHealth => ("HCPC", r#"("HCPC", "1.9")"#, "Me", "me_hcpc", "physio"),
        Audience::Student => (
            "NMC",
            r#"("NMC-SM", "whole")"#,
            "Me",
            "me_student",
            "student",
        ),
    };
    let audience_name = format!("{audience:?}");
    // A title is one line of text between quotes.
    let title = title.replace(['"', '\\', '\n', '\r'], " ");
    let title = title.trim();
    let title = if title.is_empty() {
        "A new scenario"
    } else {
        title
    };
    let (kind_text, prompt) = match kind {
        ExampleKind::Choose => ("Choose", "What do you do?"),
        ExampleKind::Rank => (
            r#"Rank(key: ["redirect", "ignore", "advise"])"#,
            "Rank these from most to least appropriate.",
        ),
        ExampleKind::ChooseSeveral => (
            r#"ChooseSeveral(pick: 2, key: ["redirect", "ignore"])"#,
            "Choose the TWO most appropriate.",
        ),
    };
    format!(
        r#"// A new scenario. Save it and feedwise checks it; docs/authoring.md explains every field,
// and docs/diagnostics.md every message.
(
    // The id is how `--scenario` and transcripts name it: kebab-case, matching the file name.
    id: "{id}",
    title: "{title}",
    summary: "One line for the library card: the situation, not the answer.",
    tags: ["draft"],
    // The guidance the scenario is written against: the audience's regulator's document
    // (`feedwise guidance` lists them).
    edition: "{edition}",
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

/// A kebab-case id from a title (`Night shift: a post` -> `night-shift-a-post`), or
/// `new-scenario` when the title has no letters or digits.
pub fn id_from_title(title: &str) -> String {
    let mut id = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id: String = id.chars().take(48).collect();
    match id.trim_end_matches('-') {
        "" => "new-scenario".to_owned(),
        id => id.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_source;
    use crate::scenario::Catalogue;
    use crate::scenario::source::SourceFile;

    #[test]
    fn every_audience_and_kind_checks_clean_with_its_regulators_edition() {
        let catalogue = Catalogue::embedded().unwrap();
        let audiences = [
            (Audience::Doctor, "SM24"),
            (Audience::PhysicianAssociate, "SM24"),
            (Audience::Nurse, "NMC"),
            (Audience::Midwife, "NMC"),
            (Audience::AlliedHealth, "HCPC"),
            (Audience::Student, "NMC"),
        ];
        for (audience, edition) in audiences {
            for kind in [
                ExampleKind::Choose,
                ExampleKind::Rank,
                ExampleKind::ChooseSeveral,
            ] {
                let text = template("draft", "A \"quoted\" title", audience, kind);
                let (scenario, diagnostics) =
                    check_source(&SourceFile::new("draft.ron", text), &catalogue);
                assert!(
                    diagnostics.is_empty(),
                    "{audience:?} {kind:?}: {diagnostics:#?}"
                );
                let scenario = scenario.unwrap();
                assert_eq!(scenario.edition, edition, "{audience:?}");
                assert_eq!(scenario.title, "A  quoted  title");
            }
        }
    }

    #[test]
    fn ids_come_from_titles() {
        assert_eq!(id_from_title("Night shift: a post"), "night-shift-a-post");
        assert_eq!(id_from_title("  Café — 2am!  "), "caf-2am");
        assert_eq!(id_from_title("“”"), "new-scenario");
    }
}
