//! Keys shared by several screens.

use bevy::prelude::KeyCode::{self, *};

/// The number keys, indexed by the digit they type.
pub const DIGIT_KEYS: [KeyCode; 10] = [
    Digit0, Digit1, Digit2, Digit3, Digit4, Digit5, Digit6, Digit7, Digit8, Digit9,
];
