//! The end of a facilitated session written out: per decision, how the room split, its marks,
//! and what the story followed. Counts only: no device, no name, no time of any vote.

use std::fmt::Write;

use super::room::{FollowedBy, Record};
use feedwise_core::export::csv::{table, text};

/// One scenario's records, with its title, for the export.
pub struct Played<'a> {
    pub title: &'a str,
    pub records: &'a [Record],
}

/// CSV (RFC 4180), one row per option of each decision, in the words and numbers the room saw.
pub fn csv(session: &str, played: &[Played<'_>]) -> String {
    let rows = played.iter().flat_map(|scenario| {
        scenario.records.iter().flat_map(move |record| {
            record
                .options
                .iter()
                .enumerate()
                .map(move |(number, option)| {
                    let voters = u64::from(record.voters);
                    let percent = (u64::from(option.count) * 100 + voters / 2)
                        .checked_div(voters)
                        .unwrap_or(0);
                    let (mean, available) =
                        record.marks.map_or((String::new(), String::new()), |m| {
                            (format!("{:.1}", m.mean), m.available.to_string())
                        });
                    vec![
                        text(session),
                        text(scenario.title),
                        text(&record.prompt),
                        (number + 1).to_string(),
                        text(&option.text),
                        option.count.to_string(),
                        record.voters.to_string(),
                        percent.to_string(),
                        mean,
                        available,
                        record.followed.contains(&option.id).to_string(),
                        by(record.followed_by).to_owned(),
                    ]
                })
        })
    });
    table(
        "session,scenario,question,number,option,votes,voters,percent,room_marks_mean,room_marks_available,followed,followed_by",
        rows,
    )
}

/// Markdown: a heading per scenario and a table per decision.
pub fn markdown(session: &str, played: &[Played<'_>]) -> String {
    let mut out = format!("# {}\n", cell(session));
    for scenario in played {
        let _ = writeln!(out, "\n## {}\n", cell(scenario.title));
        for record in scenario.records {
            let _ = writeln!(out, "### {}\n", cell(&record.prompt));
            let _ = writeln!(
                out,
                "{} voters{}. The story followed {} ({}).\n",
                record.voters,
                if record.split {
                    "; the room was split"
                } else {
                    ""
                },
                cell(&record.followed_words()),
                match record.followed_by {
                    FollowedBy::Room => "the room's answer",
                    FollowedBy::Facilitator => "the facilitator's choice",
                },
            );
            let _ = writeln!(out, "| | option | votes |\n|---|---|---|");
            for (number, option) in record.options.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    number + 1,
                    cell(&option.text),
                    option.count
                );
            }
            if let Some(marks) = record.marks {
                let _ = writeln!(
                    out,
                    "\nRoom marks: mean {:.1} of {} (spread {:.1}; {} to {}; {} ballots).",
                    marks.mean,
                    marks.available,
                    marks.spread,
                    marks.lowest,
                    marks.highest,
                    marks.ballots
                );
            }
            out.push('\n');
        }
    }
    out
}

fn by(followed_by: FollowedBy) -> &'static str {
    match followed_by {
        FollowedBy::Room => "room",
        FollowedBy::Facilitator => "facilitator",
    }
}

/// Text for a Markdown table cell or heading: pipes escaped, one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}
