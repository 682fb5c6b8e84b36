//! Keys shared by several screens.

use bevy::prelude::KeyCode::{self, *};

/// The number keys, indexed by the digit they type.
pub const DIGIT_KEYS: [KeyCode; 10] = [
    Digit0, Digit1, Digit2, Digit3, Digit4, Digit5, Digit6, Digit7, Digit8, Digit9,
];

/// How far `steps` (a key and the pixels it scrolls) move a list this frame, from the keys
/// just pressed.
pub fn scroll_step(keys: &bevy::input::ButtonInput<KeyCode>, steps: &[(KeyCode, f32)]) -> f32 {
    (steps.iter())
        .filter(|(key, _)| keys.just_pressed(*key))
        .map(|(_, step)| step)
        .sum()
}

/// Moves each list by `step` pixels, never above its top.
pub fn scroll_by<'a>(
    lists: impl IntoIterator<Item = bevy::prelude::Mut<'a, bevy::ui::ScrollPosition>>,
    step: f32,
) {
    if step != 0.0 {
        for mut list in lists {
            list.y = (list.y + step).max(0.0);
        }
    }
}
