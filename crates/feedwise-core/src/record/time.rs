//! Wall-clock times as the records keep them: UTC, RFC 3339 to the second
//! (`2026-12-01T04:10:00Z`), so they sort as text. The clock is read by the caller; this only
//! converts, with humantime's calendar.

use std::time::{Duration, UNIX_EPOCH};

/// The last second RFC 3339 can write (9999-12-31T23:59:59Z).
const LAST_WRITABLE: u64 = 253_402_300_799;

/// Seconds since 1970-01-01T00:00:00Z as RFC 3339 text; times past the year 9999 (a review due
/// after a hand-edited record's last day) are written as its last second, not a panic.
pub fn rfc3339(unix_seconds: u64) -> String {
    let seconds = unix_seconds.min(LAST_WRITABLE);
    humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(seconds)).to_string()
}

/// The date of a time in Unix seconds, for people: `2026-12-01`.
pub fn date(unix_seconds: u64) -> String {
    date_of(&rfc3339(unix_seconds)).to_owned()
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
    let full = match text.len() {
        10 => format!("{text}T00:00:00Z"),
        20 => text.to_owned(),
        _ => return None,
    };
    let time = humantime::parse_rfc3339(&full).ok()?;
    Some(time.duration_since(UNIX_EPOCH).ok()?.as_secs())
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
        assert_eq!(date(1_796_098_215), "2026-12-01");
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
