//! Applies the trainee's settings (text size, contrast, motion) at once and keeps them in the
//! config folder; a broken settings file is reported and the defaults used.

use bevy::prelude::*;

use super::LaunchOptions;
use super::notices::Notices;
use super::theme::Palette;
use crate::settings::{Settings, load, save};

/// The settings in force.
#[derive(Resource, Debug, Clone, PartialEq, Eq, Default)]
pub struct CurrentSettings(pub Settings);

pub(super) fn plugin(app: &mut App) {
    let options = app.world().resource::<LaunchOptions>().clone();
    let fresh = options.fresh_settings;
    let settings = match options.places().map(|places| places.settings()) {
        Some(path) if !fresh => load(&path).unwrap_or_else(|error| {
            app.world_mut()
                .resource_mut::<Notices>()
                .push(format!("settings not loaded, defaults used: {error}"));
            Settings::default()
        }),
        _ => Settings::default(),
    };
    let mut current = CurrentSettings(settings);
    // `--as` answers the first-start question from the command line, and is kept as that
    // answer would be (not with --fresh-settings).
    if let Some(profession) = options
        .profession
        .filter(|p| current.0.profession != Some(*p))
    {
        let mut notices = app.world_mut().resource_mut::<Notices>();
        change(&mut current, &mut notices, &options, |s| {
            s.profession = Some(profession);
        });
    }
    app.insert_resource(current);
    app.add_systems(
        PreUpdate,
        apply_settings.run_if(resource_changed::<CurrentSettings>),
    );
}

fn apply_settings(
    current: Res<CurrentSettings>,
    mut palette: ResMut<Palette>,
    ui_scale: Option<ResMut<UiScale>>,
    mut clear: Option<ResMut<ClearColor>>,
) {
    let settings = &current.0;
    *palette = if settings.high_contrast {
        Palette::high_contrast()
    } else {
        Palette::standard()
    };
    if let Some(mut scale) = ui_scale {
        scale.0 = settings.text_scale as f32 / 100.0;
    }
    if let Some(clear) = clear.as_mut() {
        clear.0 = palette.background;
    }
}

/// Changes the settings and saves them atomically; a failed save is shown, the change kept.
pub fn change(
    current: &mut CurrentSettings,
    notices: &mut Notices,
    options: &LaunchOptions,
    edit: impl FnOnce(&mut Settings),
) {
    edit(&mut current.0);
    current.0 = current.0.clone().clamped();
    if options.fresh_settings {
        return;
    }
    if let Some(path) = options.places().map(|places| places.settings())
        && let Err(error) = save(&path, &current.0)
    {
        notices.push(format!("settings not saved to {}: {error}", path.display()));
    }
}
