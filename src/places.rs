//! Where feedwise keeps the user's files, as the platform expects (the `directories` crate):
//! settings and the xAPI pseudonym in the config folder; runs, the user's own scenarios and
//! exports in the data folder; the library as it was last left in the state folder.
//! `FEEDWISE_CONFIG_DIR`, `FEEDWISE_DATA_DIR` and `FEEDWISE_STATE_DIR` override each one
//! (tests, portable installs).

use std::path::PathBuf;

use crate::record::store::Store;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    pub config: PathBuf,
    pub data: PathBuf,
    pub state: PathBuf,
}

impl Places {
    /// The platform's folders with the environment's overrides; `None` when the platform
    /// gives no home folder and nothing is overridden.
    pub fn from_env() -> Option<Places> {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let project = directories::ProjectDirs::from("", "", "feedwise");
        let config = var("FEEDWISE_CONFIG_DIR")
            .or_else(|| project.as_ref().map(|p| p.config_dir().to_path_buf()))?;
        let data = var("FEEDWISE_DATA_DIR")
            .or_else(|| project.as_ref().map(|p| p.data_dir().to_path_buf()))?;
        // Only Linux has a state folder; elsewhere the local data folder stands in.
        let state = var("FEEDWISE_STATE_DIR")
            .or_else(|| {
                project.as_ref().map(|p| {
                    p.state_dir()
                        .unwrap_or_else(|| p.data_local_dir())
                        .to_path_buf()
                })
            })
            .unwrap_or_else(|| data.join("state"));
        Some(Places {
            config,
            data,
            state,
        })
    }

    /// Everything in one folder, as `--data-dir DIR` (the app) and `--data DIR` (`export`)
    /// give it: the settings and the xAPI pseudonym in `DIR/config`, so both make statements
    /// as the same actor.
    pub fn in_data_folder(data: &std::path::Path) -> Places {
        Places {
            config: data.join("config"),
            state: data.join("state"),
            data: data.to_path_buf(),
        }
    }

    pub fn settings(&self) -> PathBuf {
        self.config.join("settings.ron")
    }

    /// The trainee's own scenarios, listed after the built-in ones.
    pub fn scenarios(&self) -> PathBuf {
        self.data.join("scenarios")
    }

    pub fn store(&self) -> Store {
        Store::in_data_folder(&self.data)
    }

    /// Where the app saves exports (reflective notes, CSV, xAPI).
    pub fn exports(&self) -> PathBuf {
        self.data.join("exports")
    }
}
