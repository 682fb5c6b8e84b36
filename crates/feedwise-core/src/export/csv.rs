//! CSV for spreadsheets: one row per run, or one row per decision. RFC 4180 (CRLF line ends,
//! quoting and doubled quotes) is the `csv` crate's; ours is only that text a spreadsheet would
//! run as a formula (a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets
//! a leading apostrophe, so it is shown as text.

use crate::record::RunRecord;

/// The last columns name a practice set's decision: the set's id and the decision's place in it
/// ("2 of 5"); they are empty for a whole run.
pub const RUNS_HEADER: &str = "run,scenario,title,started,status,percentage,critical_breaches,seed,ending,ending_title,practice_set,practice_position";
pub const DECISIONS_HEADER: &str = "run,scenario,decision,kind,chosen,marks_earned,marks_available,grade,principles,critical,took_seconds,answered,practice_set";

/// One row per run.
pub fn runs(records: &[&RunRecord]) -> String {
    let rows = records.iter().map(|record| {
        let ending = record.ending.as_ref();
        vec![
            text(&record.run),
            text(record.scenario()),
            text(&record.scenario_title),
            text(&record.started),
            text(record.status.word()),
            record.percentage.to_string(),
            record.critical_breaches().to_string(),
            record.seed().to_string(),
            text(ending.map_or("", |e| e.id.as_str())),
            text(ending.map_or("", |e| e.title.as_str())),
            text(record.practice_set().unwrap_or_default()),
            record
                .practice
                .as_ref()
                .map_or(String::new(), |p| format!("{} of {}", p.position, p.of)),
        ]
    });
    table(RUNS_HEADER, rows)
}

/// One row per decision taken, in the order taken. `chosen` joins option ids with `+` (a
/// ranking in the trainee's order); `principles` lists each change, e.g. `boundaries -2;
/// candour +1`.
pub fn decisions(records: &[&RunRecord]) -> String {
    let rows = records.iter().flat_map(|record| {
        record.decisions.iter().map(|decision| {
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
            vec![
                text(&record.run),
                text(record.scenario()),
                text(&decision.decision),
                text(decision.kind.word()),
                text(&decision.chosen.join("+")),
                earned,
                available,
                text(decision.grade.word()),
                text(&principles),
                decision.critical.to_string(),
                seconds(decision.took),
                text(&decision.answered),
                text(record.practice_set().unwrap_or_default()),
            ]
        })
    });
    table(DECISIONS_HEADER, rows)
}

/// A header and rows as CSV text with CRLF line ends, quoted where a field needs it.
pub fn table(header: &str, rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail, and every row has the header's width.
    let _ = writer.write_record(header.split(','));
    for row in rows {
        let _ = writer.write_record(row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
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

/// Text for a cell: what a spreadsheet would run as a formula is prefixed with `'`, so it is
/// shown as text.
pub fn text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_shown_as_text_and_separators_are_quoted() {
        let row = |cells: &[&str]| {
            let cells = cells.iter().map(|c| text(c)).collect();
            table("a,b,c", [cells])
                .trim_start_matches("a,b,c\r\n")
                .to_owned()
        };
        assert_eq!(
            row(&["=1+1", "@SUM(A1)", "\tx"]),
            "'=1+1,'@SUM(A1),'\tx\r\n"
        );
        assert_eq!(row(&["\r=x", "-2,3", ""]), "\"'\r=x\",\"'-2,3\",\r\n");
        assert_eq!(
            row(&["say \"hi\"", "plain", "a=b"]),
            "\"say \"\"hi\"\"\",plain,a=b\r\n"
        );
    }

    #[test]
    fn seconds_keep_only_the_digits_they_need() {
        assert_eq!(seconds(12_500), "12.5");
        assert_eq!(seconds(3_000), "3");
        assert_eq!(seconds(42), "0.042");
    }
}
