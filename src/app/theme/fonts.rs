//! Fonts: a proportional face with wide coverage for every text (Ubuntu Light, Ubuntu Font
//! Licence) and monochrome Noto Emoji (OFL), both shipped inside the `epaint_default_fonts`
//! crate so nothing is loaded from disk or the network. Bevy's built-in font is monospaced
//! and lacks accents and typographic punctuation.

use bevy::prelude::*;
use bevy::text::FontCx;

/// Keeps the emoji font alive: a dropped handle unloads it and emoji turn into boxes.
#[derive(Resource)]
pub struct EmojiFont(#[allow(dead_code)] pub Handle<Font>);

pub(super) fn plugin(app: &mut App) {
    // Replace the default font before the first frame so every `Text` uses it without naming it.
    if let Some(mut fonts) = app.world_mut().get_resource_mut::<Assets<Font>>() {
        let replaced = fonts.insert(
            AssetId::default(),
            Font::from_bytes(crate::glyphs::TEXT_FONT.to_vec()),
        );
        if let Err(error) = replaced {
            error!("could not install the interface font: {error}");
        }
        let emoji = fonts.add(Font::from_bytes(crate::glyphs::EMOJI_FONT.to_vec()));
        app.insert_resource(EmojiFont(emoji));
        app.add_systems(
            PostUpdate,
            use_emoji_font
                .after(bevy::text::load_font_assets_into_font_collection)
                .before(bevy::ui::widget::measure_text_system),
        );
    }
}

/// Points the emoji family at Noto Emoji once the font is registered.
fn use_emoji_font(mut cx: ResMut<FontCx>, mut done: Local<bool>) {
    if !*done {
        *done = cx.set_emoji_family("Noto Emoji").is_ok();
    }
}
