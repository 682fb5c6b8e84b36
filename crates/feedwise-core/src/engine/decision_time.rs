//! How long a trainee has for a timed decision (WCAG 2.2.1, timing adjustable): the
//! scenario's limit as written, doubled, ten times as long, or none. A run keeps the setting
//! it was played with, so that it replays to the same answers.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionTime {
    /// No limit: a timed decision waits for an answer like any other.
    Off,
    #[default]
    Normal,
    Double,
    TenTimes,
}

impl DecisionTime {
    /// The seconds a decision written with `seconds` allows; `None` when there is no limit.
    pub fn limit(self, seconds: u32) -> Option<u32> {
        match self {
            DecisionTime::Off => None,
            DecisionTime::Normal => Some(seconds),
            DecisionTime::Double => Some(seconds.saturating_mul(2)),
            DecisionTime::TenTimes => Some(seconds.saturating_mul(10)),
        }
    }

    /// The next setting, for a key that cycles through them.
    pub fn next(self) -> Self {
        match self {
            DecisionTime::Normal => DecisionTime::Double,
            DecisionTime::Double => DecisionTime::TenTimes,
            DecisionTime::TenTimes => DecisionTime::Off,
            DecisionTime::Off => DecisionTime::Normal,
        }
    }

    /// As the settings screen and the countdown say it.
    pub fn words(self) -> &'static str {
        match self {
            DecisionTime::Off => "no time limit",
            DecisionTime::Normal => "normal",
            DecisionTime::Double => "double",
            DecisionTime::TenTimes => "ten times",
        }
    }

    pub fn is_normal(&self) -> bool {
        *self == DecisionTime::Normal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_setting_scales_the_written_limit_or_lifts_it() {
        assert_eq!(DecisionTime::Normal.limit(45), Some(45));
        assert_eq!(DecisionTime::Double.limit(45), Some(90));
        assert_eq!(DecisionTime::TenTimes.limit(45), Some(450));
        assert_eq!(DecisionTime::Off.limit(45), None);
        assert_eq!(DecisionTime::TenTimes.limit(u32::MAX), Some(u32::MAX));
    }

    #[test]
    fn the_key_cycles_through_every_setting_and_back() {
        let mut seen = vec![DecisionTime::Normal];
        let mut at = DecisionTime::Normal.next();
        while at != DecisionTime::Normal {
            seen.push(at);
            at = at.next();
        }
        assert_eq!(seen.len(), 4);
    }
}
