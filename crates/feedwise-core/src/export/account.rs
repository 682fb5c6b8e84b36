//! The pseudonym xAPI statements are made by: a name like `trainee-3f9a0c1d`, generated once
//! and kept in the config folder (`account.ron`) so every export from this computer names the
//! same learner, and never the trainee's real name. `--account NAME` uses another name for
//! one export (one the trainee's organisation gave them, say) without changing the file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::files::write_atomic;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub name: String,
}

/// Where the pseudonym is kept.
pub fn path(config: &Path) -> PathBuf {
    config.join("account.ron")
}

/// A pseudonym from four random bytes: `trainee-` and eight hex digits.
pub fn pseudonym(random: [u8; 4]) -> String {
    format!("trainee-{:08x}", u32::from_be_bytes(random))
}

/// The kept pseudonym, made (from `random`) and saved the first time. A file that cannot be
/// read is an error naming it, never silently replaced: statements already sent carry the
/// old name.
pub fn load_or_create(config: &Path, random: impl FnOnce() -> [u8; 4]) -> Result<Account, String> {
    let file = path(config);
    match std::fs::read_to_string(&file) {
        Ok(text) => {
            let account: Account = ron::from_str(&text).map_err(|e| {
                format!(
                    "{}: not an account file ({e}); fix or remove it",
                    file.display()
                )
            })?;
            check_name(&account.name).map_err(|e| format!("{}: {e}", file.display()))?;
            Ok(account)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let account = Account {
                name: pseudonym(random()),
            };
            let text = format!(
                "// The pseudonym of this computer's xAPI statements (feedwise export --xapi).\n\
                 // Change it only before sending anything: a learning record store keeps the old one.\n\
                 (name: {:?})\n",
                account.name
            );
            std::fs::create_dir_all(config)
                .and_then(|()| write_atomic(&file, text.as_bytes()))
                .map_err(|e| format!("cannot save {}: {e}", file.display()))?;
            Ok(account)
        }
        Err(error) => Err(format!("cannot read {}: {error}", file.display())),
    }
}

/// A name for `--account`: printable, one line, at most 100 characters.
pub fn check_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("the account name is empty".to_owned());
    }
    if name.chars().count() > 100 {
        return Err("the account name is longer than 100 characters".to_owned());
    }
    if name
        .chars()
        .any(|c| c.is_control() || crate::characters::is_unsafe(c))
    {
        return Err("the account name has control or invisible characters".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_then_kept() {
        let dir = tempfile::tempdir().unwrap();
        let first = load_or_create(dir.path(), || [0x3f, 0x9a, 0x0c, 0x1d]).unwrap();
        assert_eq!(first.name, "trainee-3f9a0c1d");
        let again = load_or_create(dir.path(), || [0; 4]).unwrap();
        assert_eq!(again, first);
    }

    #[test]
    fn a_broken_file_is_an_error_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(path(dir.path()), "(nom: 3)").unwrap();
        let error = load_or_create(dir.path(), || [1; 4]).unwrap_err();
        assert!(error.contains("account.ron"), "{error}");
        assert_eq!(
            std::fs::read_to_string(path(dir.path())).unwrap(),
            "(nom: 3)"
        );
    }

    #[test]
    fn names_must_be_printable() {
        assert!(check_name("ward-7-learner").is_ok());
        assert!(check_name(" ").is_err());
        assert!(check_name("a\u{1b}[2J").is_err());
    }
}
