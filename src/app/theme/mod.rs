//! Look and feel: palette, fonts, sizes, and the widgets screens are built from.

pub mod accessible;
pub mod focus;
pub mod fonts;
pub mod palette;
pub mod widget;

use bevy::prelude::*;

pub use palette::Palette;

/// Text sizes in logical pixels at 100%; the text-size setting scales the whole UI.
pub mod size {
    pub const TITLE: f32 = 30.0;
    pub const HEADING: f32 = 22.0;
    pub const BODY: f32 = 17.0;
    pub const SMALL: f32 = 14.0;
    /// The projector: read from the back of a hall.
    pub const PROJECTOR_TITLE: f32 = 44.0;
    pub const PROJECTOR_SMALL: f32 = 22.0;
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Palette>();
    app.add_plugins((
        accessible::plugin,
        focus::plugin,
        fonts::plugin,
        widget::plugin,
    ));
}
