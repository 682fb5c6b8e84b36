//! Problems the app meets at run time (a broken file, a settings file it cannot read), kept
//! to show on screen as well as in the log: content never makes the app panic.

use bevy::prelude::*;

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
    (
        Node {
            display: if notices.0.is_empty() {
                Display::None
            } else {
                Display::Flex
            },
            padding: UiRect::all(px(8)),
            border: UiRect::all(px(1)),
            border_radius: BorderRadius::all(px(6)),
            ..default()
        },
        BackgroundColor(palette.surface_raised),
        BorderColor::all(palette.breach),
        children![(
            Text::new(text),
            TextFont::from_font_size(super::theme::size::SMALL),
            TextColor(palette.text)
        )],
    )
}
