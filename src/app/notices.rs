//! Problems the app meets at run time (a broken file, a settings file it cannot read), kept
//! to show on screen as well as in the log: content never makes the app panic.

use bevy::prelude::*;

use super::theme::widget::alert;

#[derive(Resource, Debug, Default, Clone)]
pub struct Notices(pub Vec<String>);

impl Notices {
    pub fn push(&mut self, message: impl Into<String>) {
        let message = message.into();
        error!("{message}");
        self.0.push(message);
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Notices>();
}

/// A banner listing the notices, for the top of a screen (nothing when there are none).
pub fn banner(notices: &Notices, palette: &super::theme::Palette) -> impl Bundle {
    let text = notices
        .0
        .iter()
        .map(|n| format!("! {n}"))
        .collect::<Vec<_>>()
        .join("\n");
    alert(text, palette)
}
