//! CSV for spreadsheets: one row per run, or one row per decision. RFC 4180: CRLF line ends,
//! a field quoted when it holds a comma, quote or line break, quotes doubled. Text that a
//! spreadsheet would run as a formula (a cell starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) gets a leading apostrophe, so it is shown as text.

use std::fmt::Write;

use crate::record::RunRecord;

pub const RUNS_HEADER: &str =
    "run,scenario,title,started,status,percentage,critical_breaches,seed,ending,ending_title";
pub const DECISIONS_HEADER: &str = "run,scenario,decision,kind,chosen,marks_earned,marks_available,grade,principles,critical,took_seconds,answered";

/// One row per run.
pub fn runs(records: &[&RunRecord]) -> String {
    let mut out = format!("{RUNS_HEADER}\r\n");
    for record in records {
        let ending = record.ending.as_ref();
        let _ = write!(
            out,
            "{},{},{},{},{},{},{},{},{},{}\r\n",
            field(&record.run),
            field(record.scenario()),
            field(&record.scenario_title),
            field(&record.started),
            field(record.status.word()),
            record.percentage,
            record.critical_breaches(),
            record.seed(),
            field(ending.map_or("", |e| e.id.as_str())),
            field(ending.map_or("", |e| e.title.as_str())),
        );
    }
    out
}

/// One row per decision taken, in the order taken. `chosen` joins option ids with `+` (a
/// ranking in the trainee's order); `principles` lists each change, e.g. `boundaries -2;
/// candour +1`.
pub fn decisions(records: &[&RunRecord]) -> String {
    let mut out = format!("{DECISIONS_HEADER}\r\n");
    for record in records {
        for decision in &record.decisions {
            let (earned, available) = decision
                .marks
                .map_or((String::new(), String::new()), |(e, a)| {
                    (e.to_string(), a.to_string())
                });
            let principles = decision
                .effects
                .iter()
                .map(|e| format!("{} {:+}", e.principle, e.change))
                .collect::<Vec<_>>()
                .join("; ");
            let _ = write!(
                out,
                "{},{},{},{},{},{earned},{available},{},{},{},{},{}\r\n",
                field(&record.run),
                field(record.scenario()),
                field(&decision.decision),
                field(decision.kind.word()),
                field(&decision.chosen.join("+")),
                field(decision.grade.word()),
                field(&principles),
                decision.critical,
                seconds(decision.took),
                field(&decision.answered),
            );
        }
    }
    out
}

/// Milliseconds as seconds with up to three decimals: `12.5`, `3`, `0.042`.
fn seconds(millis: u64) -> String {
    let (whole, part) = (millis / 1000, millis % 1000);
    if part == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{part:03}")
            .trim_end_matches('0')
            .to_owned()
    }
}

/// A CSV field, quoted when it needs to be; text a spreadsheet would run as a formula is
/// prefixed with `'` so it is shown as text.
pub fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_shown_as_text_and_separators_are_quoted() {
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\tx"), "'\tx");
        assert_eq!(field("\r=x"), "\"'\r=x\"");
        assert_eq!(field("-2,3"), "\"'-2,3\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a=b"), "a=b");
    }

    #[test]
    fn seconds_keep_only_the_digits_they_need() {
        assert_eq!(seconds(12_500), "12.5");
        assert_eq!(seconds(3_000), "3");
        assert_eq!(seconds(42), "0.042");
    }
}
