//! Keys and grades that were corrected against current guidance and law (issue 8), pinned so
//! that a later edit cannot quietly teach the old lesson again. The rules behind them are in
//! `docs/authoring.md`, "One grade for the same behaviour".

use crate::common;

use crate::common::{scenario, shipped_scenarios};
use feedwise_core::check::walk::outcomes;
use feedwise_core::engine::paths::explore;
use feedwise_core::scenario::{Grade, Scenario};

/// The one option (or timeout default) with this id in the scenario.
fn option<'s>(scenario: &'s Scenario, id: &str) -> &'s feedwise_core::scenario::DecisionOption {
    let found: Vec<_> = outcomes(scenario)
        .into_iter()
        .filter(|(_, o)| o.id == id)
        .map(|(_, o)| o)
        .collect();
    assert_eq!(found.len(), 1, "{}: option `{id}`", scenario.id);
    found[0]
}

/// (file, option, grade, critical)
const PINNED: &[(&str, &str, Grade, bool)] = &[
    // Declining or walking away is the best answer to a paid supplement post; posting
    // undisclosed is critical; a declared post with a health claim still breaks the CAP Code.
    ("paid-endorsement", "decline", Grade::Exemplary, false),
    ("paid-endorsement", "walk-away", Grade::Exemplary, false),
    (
        "paid-endorsement",
        "declare-and-evidence",
        Grade::Acceptable,
        false,
    ),
    ("paid-endorsement", "hold-terms", Grade::Breach, false),
    (
        "paid-endorsement",
        "own-words-undisclosed",
        Grade::Breach,
        true,
    ),
    ("paid-endorsement", "bio-only", Grade::Breach, true),
    ("paid-endorsement", "post-script", Grade::Breach, true),
    // A stranger's child: a dose in public and false reassurance are critical; reassurance
    // without a safety net is Poor.
    ("fever-dose-comment", "give-dose", Grade::Breach, true),
    ("fever-dose-comment", "glass-reassure", Grade::Breach, true),
    ("fever-dose-comment", "general-only", Grade::Poor, false),
    // Sharing a recent patient's case is critical.
    ("helmet-debate", "share-recent-case", Grade::Breach, true),
    ("anonymous-account", "add-detail", Grade::Breach, true),
    // Publishing a troll's personal details is harassment in return.
    ("trolled-after-campaign", "dox-back", Grade::Breach, true),
    // Dishonesty, wherever it appears.
    ("two-am-reply", "claim-hacked", Grade::Breach, true),
    ("two-am-reply", "deny-it", Grade::Breach, true),
    ("twenty-mph-debate", "claim-consultant", Grade::Breach, true),
    ("ward-selfie", "minimise", Grade::Breach, true),
    ("ward-selfie", "blame-mate", Grade::Breach, true),
    ("interesting-case", "deny-account", Grade::Breach, true),
    ("patient-dm-results", "deny-it", Grade::Breach, true),
    // Doubling down is Poor everywhere.
    ("helmet-debate", "double-down", Grade::Poor, false),
    ("twenty-mph-debate", "double-down", Grade::Poor, false),
    ("two-am-reply", "double-down", Grade::Poor, false),
    // Defending your own post after being shown it identifies a patient is a critical breach
    // (behaviour defends-post-after-told-it-identifies; issue 21, review 2026-12-06).
    ("interesting-case", "defend-it", Grade::Breach, true),
    ("anonymous-account", "defend-post", Grade::Breach, true),
    ("closed-group-image", "defend-it", Grade::Breach, true),
    ("ward-selfie", "brush-off", Grade::Breach, true),
    // Knowingly leaving it up, with a cosmetic edit, is a Breach but not critical.
    ("ward-selfie", "remove-tag", Grade::Breach, false),
    // A known data breach left unreported is Poor, not Acceptable.
    ("ward-selfie", "delete-quietly", Grade::Poor, false),
    // Coffee with a former patient to say no is unwise, not a critical breach.
    (
        "former-patient-flirt",
        "coffee-to-explain",
        Grade::Poor,
        false,
    ),
    // Offering to look up a record and message it is a Breach wherever it appears.
    ("health-campaign", "check-record-dm", Grade::Breach, false),
    ("patient-dm-results", "promise-monday", Grade::Breach, false),
    // Re-grades of issue 21 (the behaviour catalogue; docs/content-findings.md says why).
    // A patient's image or a live case in a large group is a critical breach, cropped or not.
    ("conference-live-post", "crop-and-post", Grade::Breach, true),
    ("closed-group-image", "words-only", Grade::Breach, true),
    ("closed-group-image", "old-case", Grade::Breach, true),
    ("ward-selfie", "whatsapp-original", Grade::Breach, true),
    // Confirming that someone is a patient is a Breach, below case details: not critical.
    ("journalist-dm", "just-yes", Grade::Breach, false),
    ("interesting-case", "wink", Grade::Breach, false),
    ("patient-dm-results", "reply-see-you", Grade::Breach, false),
    // Insulting a member of the public or a colleague is Poor everywhere; threats are Breach.
    ("helmet-debate", "call-idiot", Grade::Poor, false),
    ("twenty-mph-debate", "insult-idiots", Grade::Poor, false),
    ("colleague-row", "insult-senior", Grade::Poor, false),
    ("two-am-reply", "post-angry", Grade::Poor, false),
    (
        "trolled-after-campaign",
        "reply-doxxer",
        Grade::Breach,
        false,
    ),
    // An HR-meeting jibe is venting in public, not a breach.
    ("anonymous-account", "post-about-hr", Grade::Poor, false),
    // Guessing an unseen result is not graded better than offering to look it up; advising
    // a treatment by message is a Breach wherever it appears.
    (
        "patient-dm-results",
        "reassure-vaguely",
        Grade::Breach,
        false,
    ),
    ("patient-dm-results", "advise-stop", Grade::Breach, false),
    ("health-campaign", "advise-dm", Grade::Breach, false),
    // 111 for a floppy, feverish child with a new rash under-triages: Poor, not Acceptable.
    ("fever-dose-comment", "ring-111", Grade::Poor, false),
    // Checking with a manager before answering a journalist discloses nothing.
    ("journalist-dm", "check-first", Grade::Acceptable, false),
    // Issue 27's scenarios (reviewed 2026-12-07). Aesthetics: advertising a prescription-only
    // medicine to the public is unlawful (a Breach); clients' photos without consent and
    // prescribing without one's own assessment are critical.
    ("aesthetics-offer", "consult-led", Grade::Exemplary, false),
    ("aesthetics-offer", "post-draft", Grade::Breach, false),
    ("aesthetics-offer", "post-ipad", Grade::Breach, true),
    ("aesthetics-offer", "remote-prescribe", Grade::Breach, true),
    ("aesthetics-offer", "units-reply", Grade::Breach, true),
    // A colleague's misinformation: correct it in your own name; confirming a child's
    // appointment is a Breach as elsewhere; leaving a harassed colleague alone is Poor.
    (
        "colleague-misinformation",
        "reply-facts",
        Grade::Exemplary,
        false,
    ),
    (
        "colleague-misinformation",
        "reply-mum",
        Grade::Breach,
        false,
    ),
    ("colleague-misinformation", "leave-it", Grade::Poor, false),
    // One's own posts: a respectful view is fine; a generalisation about a people is a Breach,
    // welcoming violence critical; logging off while a colleague is abused under your post is
    // Poor (bystander); a belief pressed on a patient is not care.
    (
        "own-inflammatory-post",
        "post-view",
        Grade::Exemplary,
        false,
    ),
    ("own-inflammatory-post", "post-softer", Grade::Breach, false),
    ("own-inflammatory-post", "post-draft", Grade::Breach, true),
    ("own-inflammatory-post", "mute-log-off", Grade::Poor, false),
    ("own-inflammatory-post", "claim-hacked", Grade::Breach, true),
    ("own-inflammatory-post", "keep-out", Grade::Exemplary, false),
    // A PA says plainly they are not a doctor; blurring the role is a Breach, claiming to be
    // a doctor critical; publishing someone's details in return is critical.
    ("pa-thread", "explain-role", Grade::Exemplary, false),
    ("pa-thread", "no-difference", Grade::Breach, false),
    ("pa-thread", "vague", Grade::Breach, false),
    ("pa-thread", "claim-doctor", Grade::Breach, true),
    ("pa-thread", "doxx-back", Grade::Breach, true),
    // Scene images: decline the selfie and say why; posting it or a casualty's details is
    // critical.
    ("scene-images", "say-why-not", Grade::Exemplary, false),
    ("scene-images", "post-it", Grade::Breach, true),
    ("scene-images", "reply-tag", Grade::Breach, true),
    ("scene-images", "send-details", Grade::Breach, true),
    // Filming on placement: holding the phone is Poor, uniform ads Poor, an undisclosed
    // scripted ad and a false account critical.
    ("placement-video", "say-why-not", Grade::Exemplary, false),
    ("placement-video", "film-for-her", Grade::Poor, false),
    ("placement-video", "uniform-ad", Grade::Poor, false),
    ("placement-video", "as-scripted", Grade::Breach, true),
    ("placement-video", "wasnt-there", Grade::Breach, true),
    // The staff group chat: challenge it; your own sexual remark about a colleague is
    // critical; muting is Poor; lying to the investigation critical.
    ("staff-banter", "challenge-now", Grade::Exemplary, false),
    ("staff-banter", "add-joke", Grade::Breach, true),
    ("staff-banter", "mute", Grade::Poor, false),
    ("staff-banter", "say-muted", Grade::Breach, true),
    // A chatbot is a third party: identifiers in it are critical, jigsaw details a Breach.
    ("chatbot-draft", "general-only", Grade::Exemplary, false),
    ("chatbot-draft", "paste-everything", Grade::Breach, true),
    ("chatbot-draft", "first-name", Grade::Breach, false),
    ("chatbot-draft", "post-tribute", Grade::Breach, true),
];

fn load(id: &str) -> std::sync::Arc<Scenario> {
    scenario(crate::common::repo("scenarios").join(format!("{id}.ron")))
}

#[test]
fn corrected_keys_and_grades_stay_corrected() {
    let mut wrong = Vec::new();
    for &(file, id, grade, critical) in PINNED {
        let scenario = load(file);
        let found = option(&scenario, id);
        if (found.grade, found.critical) != (grade, critical) {
            wrong.push(format!(
                "{file} `{id}`: {:?}{} should be {grade:?}{}",
                found.grade,
                if found.critical { " critical" } else { "" },
                if critical { " critical" } else { "" }
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_best_paid_endorsement_path_posts_nothing() {
    let best = explore(&load("paid-endorsement"))
        .unwrap()
        .best
        .expect("a best path");
    let first = &best.steps[0];
    assert_eq!(first.decision, "brand-request");
    assert!(
        ["decline", "walk-away"].contains(&first.answer[0].as_str()),
        "best first answer is {:?}",
        first.answer
    );
    assert_eq!(best.share, 1000);
}

#[test]
fn paid_endorsement_feedback_names_the_cap_code_and_the_asa() {
    let scenario = load("paid-endorsement");
    let text: String = outcomes(&scenario)
        .iter()
        .map(|(_, o)| o.feedback.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("CAP Code"),
        "no option's feedback names the CAP Code"
    );
    assert!(text.contains("ASA"), "no option's feedback names the ASA");
    let cites_cap = outcomes(&scenario)
        .iter()
        .any(|(_, o)| o.cite.iter().any(|c| c.document() == "CAP"));
    assert!(cites_cap);
}

#[test]
fn no_shipped_option_cites_replaced_guidance() {
    let catalogue = common::catalogue();
    for file in shipped_scenarios() {
        let scenario = scenario(&file);
        for (_, option) in outcomes(&scenario) {
            for citation in &option.cite {
                let document = catalogue.document(citation.document()).unwrap();
                assert!(
                    document.replaced_by.is_none(),
                    "{}: `{}` cites {}",
                    file.display(),
                    option.id,
                    document.id
                );
            }
        }
    }
}

#[test]
fn dated_facts_are_current() {
    let campaign =
        std::fs::read_to_string(crate::common::repo("scenarios/health-campaign.ron")).unwrap();
    assert!(
        campaign.contains("MMRV"),
        "MMRV replaced MMR for young children in 2026"
    );
    assert!(campaign.contains("England"), "payment terms are England's");
    for file in shipped_scenarios() {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("withdrawn paper") && !text.contains("paper was withdrawn"),
            "{}: the autism paper was retracted",
            file.display()
        );
    }
}
