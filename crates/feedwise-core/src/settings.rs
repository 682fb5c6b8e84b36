//! The trainee's settings (text size, contrast, motion, time for decisions), kept as RON in the user's config
//! folder and written atomically. A broken file is reported and left alone, never overwritten
//! until the user changes a setting.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::engine::DecisionTime;
use crate::files::write_atomic;
use crate::scenario::Profession;
use crate::scenario::load::{parse, to_ron};
use crate::scenario::source::{ReadError, SourceFile};

/// Text size is a percentage of the normal size, for projectors.
pub const TEXT_SCALE_MIN: u32 = 100;
pub const TEXT_SCALE_MAX: u32 = 200;
pub const TEXT_SCALE_STEP: u32 = 25;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Percent of the normal text size, 100 to 200.
    pub text_scale: u32,
    pub high_contrast: bool,
    /// No highlight animations on new events.
    pub reduced_motion: bool,
    /// Who the trainee is; none until they have said (the app asks on first start). Files
    /// from before it was kept lack it and read as none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profession: Option<Profession>,
    /// How long timed decisions allow (off, normal, double, ten times).
    #[serde(skip_serializing_if = "DecisionTime::is_normal")]
    pub decision_time: DecisionTime,
    /// When the trainee last reset the practice schedule (RFC 3339): runs started before it
    /// do not count towards what is due. None: every run counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub practice_since: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            text_scale: TEXT_SCALE_MIN,
            high_contrast: false,
            reduced_motion: false,
            profession: None,
            decision_time: DecisionTime::Normal,
            practice_since: None,
        }
    }
}

impl Settings {
    /// The same settings with the text scale brought into range.
    pub fn clamped(mut self) -> Self {
        self.text_scale = self.text_scale.clamp(TEXT_SCALE_MIN, TEXT_SCALE_MAX);
        self
    }

    /// Text one step larger (wrapping back to 100% after 200%).
    pub fn next_text_scale(&self) -> u32 {
        if self.text_scale >= TEXT_SCALE_MAX {
            TEXT_SCALE_MIN
        } else {
            (self.text_scale + TEXT_SCALE_STEP).min(TEXT_SCALE_MAX)
        }
    }
}

/// Reads settings; a missing file gives the defaults. A broken file is an error naming the
/// file, line and column.
pub fn load(path: &Path) -> Result<Settings, String> {
    let source = match SourceFile::read(path) {
        Ok(source) => source,
        Err(ReadError::Io(error)) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Settings::default());
        }
        Err(ReadError::Io(error)) => return Err(format!("{}: {error}", path.display())),
        Err(ReadError::TooLarge { bytes }) => {
            return Err(format!("{}: too large ({bytes} bytes)", path.display()));
        }
        Err(ReadError::NotUtf8 { at, .. }) => {
            return Err(format!("{}:{at}: not UTF-8 text", path.display()));
        }
    };
    parse::<Settings>(&source)
        .map(|parsed| parsed.value.clamped())
        .map_err(|error| format!("{}:{}: {}", path.display(), error.start, error.message))
}

/// Writes settings atomically, creating the folder if needed.
pub fn save(path: &Path, settings: &Settings) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = to_ron(settings).map_err(|e| std::io::Error::other(e.to_string()))?;
    write_atomic(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_gives_defaults_and_a_saved_file_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("settings.ron");
        assert_eq!(load(&path), Ok(Settings::default()));
        let chosen = Settings {
            text_scale: 175,
            high_contrast: true,
            reduced_motion: true,
            profession: Some(Profession::NursingStudent),
            decision_time: DecisionTime::TenTimes,
            practice_since: Some("2026-12-07T09:30:00Z".to_owned()),
        };
        save(&path, &chosen).unwrap();
        assert_eq!(load(&path), Ok(chosen));
    }

    #[test]
    fn a_file_from_before_the_profession_was_kept_reads_as_not_yet_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        std::fs::write(
            &path,
            "(text_scale: 150, high_contrast: true, reduced_motion: false)",
        )
        .unwrap();
        let settings = load(&path).unwrap();
        assert_eq!((settings.text_scale, settings.profession), (150, None));
        std::fs::write(&path, "(profession: Some(Midwife))").unwrap();
        assert_eq!(load(&path).unwrap().profession, Some(Profession::Midwife));
    }

    #[test]
    fn a_broken_file_is_an_error_with_its_position_and_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        std::fs::write(&path, "(text_scale: 150,\n high_contrast: maybe)").unwrap();
        let error = load(&path).unwrap_err();
        assert!(error.contains("settings.ron:2:"), "{error}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "(text_scale: 150,\n high_contrast: maybe)"
        );
    }

    #[test]
    fn text_scale_is_clamped_and_steps_wrap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        std::fs::write(&path, "(text_scale: 900)").unwrap();
        assert_eq!(load(&path).unwrap().text_scale, 200);
        let mut settings = Settings::default();
        let mut seen = vec![];
        for _ in 0..5 {
            settings.text_scale = settings.next_text_scale();
            seen.push(settings.text_scale);
        }
        assert_eq!(seen, vec![125, 150, 175, 200, 100]);
    }
}
