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

    fn text(&self) -> String {
        self.0
            .iter()
            .map(|n| format!("! {n}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Notices>();
    app.add_systems(Update, refresh_banners.run_if(resource_changed::<Notices>));
}

/// The banner on the current screen.
#[derive(Component)]
pub struct Banner;

/// A banner listing the notices, for the top of a screen (nothing when there are none). It
/// follows the notices: some arrive after the screen is built (the library is checked on a
/// background thread).
pub fn banner(notices: &Notices, palette: &super::theme::Palette) -> impl Bundle {
    (Banner, alert(notices.text(), palette))
}

fn refresh_banners(
    notices: Res<Notices>,
    mut banners: Query<(&mut Node, &Children), With<Banner>>,
    mut texts: Query<&mut Text>,
) {
    let text = notices.text();
    for (mut node, children) in &mut banners {
        node.display = if text.is_empty() {
            Display::None
        } else {
            Display::Flex
        };
        for child in children.iter() {
            if let Ok(mut shown) = texts.get_mut(child) {
                shown.0.clone_from(&text);
            }
        }
    }
}
