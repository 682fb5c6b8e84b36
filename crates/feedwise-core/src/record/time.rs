//! Wall-clock times as the records keep them: UTC, RFC 3339 to the second
//! (`2026-12-01T04:10:00Z`), so they sort as text. The clock is read by the caller; this only
//! converts.

/// Seconds since 1970-01-01T00:00:00Z as RFC 3339 text.
pub fn rfc3339(unix_seconds: u64) -> String {
    let days = (unix_seconds / 86_400) as i64;
    let in_day = unix_seconds % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        in_day / 3600,
        in_day / 60 % 60,
        in_day % 60
    )
}

/// The date part of an RFC 3339 time, for people: `2026-12-01`.
pub fn date_of(time: &str) -> &str {
    time.get(..10).unwrap_or(time)
}

/// An RFC 3339 time for people, to the minute: `2026-12-01 04:10 UTC`.
pub fn readable(time: &str) -> String {
    match (time.get(..10), time.get(11..16)) {
        (Some(date), Some(clock)) if time.ends_with('Z') => format!("{date} {clock} UTC"),
        _ => time.to_owned(),
    }
}

/// Reads `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SSZ` back to seconds since 1970.
pub fn parse(text: &str) -> Option<u64> {
    let text = text.trim();
    let number = |range: std::ops::Range<usize>| -> Option<u64> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    if text.get(4..5) != Some("-") || text.get(7..8) != Some("-") {
        return None;
    }
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) || year < 1970 {
        return None;
    }
    let seconds = match text.len() {
        10 => 0,
        20 if text
            .get(10..11)
            .is_some_and(|t| t.eq_ignore_ascii_case("t"))
            && text.get(13..14) == Some(":")
            && text.get(16..17) == Some(":")
            && text
                .get(19..20)
                .is_some_and(|z| z.eq_ignore_ascii_case("z")) =>
        {
            let (h, m, s) = (number(11..13)?, number(14..16)?, number(17..19)?);
            if h > 23 || m > 59 || s > 59 {
                return None;
            }
            h * 3600 + m * 60 + s
        }
        _ => return None,
    };
    let days = days_from_civil(year as i64, month as u32, day as u32);
    Some(days as u64 * 86_400 + seconds)
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's algorithm: days since 1970-01-01 to a proleptic Gregorian date.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_796_098_215), "2026-12-01T04:10:15Z");
        assert_eq!(readable(&rfc3339(1_796_098_215)), "2026-12-01 04:10 UTC");
        assert_eq!(date_of(&rfc3339(1_796_098_215)), "2026-12-01");
    }

    #[test]
    fn parses_what_it_formats_and_plain_dates() {
        for seconds in [0, 951_782_400, 1_796_098_215, 4_102_444_799] {
            assert_eq!(parse(&rfc3339(seconds)), Some(seconds));
        }
        assert_eq!(parse("2026-12-01"), Some(1_796_083_200));
    }

    #[test]
    fn refuses_impossible_or_malformed_dates() {
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-1-01",
            "26-12-01",
            "2026/12/01",
            "2026-12-01T25:00:00Z",
            "2026-12-01T04:10:15",
            "",
            "１９７０-01-01",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
