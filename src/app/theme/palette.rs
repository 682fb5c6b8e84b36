//! Every colour the app uses, in a standard and a high-contrast set. Text meets WCAG's 4.5:1
//! on every background it is drawn on, in both sets (tests/it/app_contrast.rs walks the
//! screens and measures each text against what lies under it).

use bevy::prelude::*;

use crate::scenario::Grade;

#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Palette {
    pub background: Color,
    pub surface: Color,
    pub surface_raised: Color,
    pub border: Color,
    pub text: Color,
    pub muted: Color,
    pub accent: Color,
    pub button: Color,
    pub button_hover: Color,
    pub selected: Color,
    pub fresh: Color,
    pub exemplary: Color,
    pub acceptable: Color,
    pub poor: Color,
    pub breach: Color,
    pub on_badge: Color,
    pub track: Color,
    pub scrim: Color,
}

impl Palette {
    pub fn standard() -> Self {
        Palette {
            background: Color::srgb_u8(0x14, 0x18, 0x1f),
            surface: Color::srgb_u8(0x1d, 0x23, 0x2c),
            surface_raised: Color::srgb_u8(0x27, 0x2f, 0x3a),
            border: Color::srgb_u8(0x36, 0x40, 0x4d),
            text: Color::srgb_u8(0xe8, 0xec, 0xf1),
            muted: Color::srgb_u8(0xb0, 0xba, 0xc6),
            accent: Color::srgb_u8(0x5c, 0xcf, 0xb0),
            button: Color::srgb_u8(0x2c, 0x36, 0x42),
            button_hover: Color::srgb_u8(0x3a, 0x47, 0x56),
            selected: Color::srgb_u8(0x24, 0x4a, 0x5c),
            fresh: Color::srgb_u8(0x2c, 0x47, 0x3f),
            exemplary: Color::srgb_u8(0x3f, 0xae, 0x6a),
            acceptable: Color::srgb_u8(0x4a, 0x8f, 0xd6),
            poor: Color::srgb_u8(0xe0, 0x9b, 0x32),
            breach: Color::srgb_u8(0xf4, 0x7a, 0x7a),
            on_badge: Color::srgb_u8(0x0b, 0x0d, 0x10),
            track: Color::srgb_u8(0x30, 0x39, 0x45),
            scrim: Color::srgba(0.0, 0.0, 0.0, 0.55),
        }
    }

    /// Black, white and saturated colours for projectors and low vision.
    pub fn high_contrast() -> Self {
        Palette {
            background: Color::BLACK,
            surface: Color::srgb_u8(0x0a, 0x0a, 0x0a),
            surface_raised: Color::srgb_u8(0x1a, 0x1a, 0x1a),
            border: Color::WHITE,
            text: Color::WHITE,
            muted: Color::srgb_u8(0xe0, 0xe0, 0xe0),
            accent: Color::srgb_u8(0xff, 0xd8, 0x00),
            button: Color::srgb_u8(0x20, 0x20, 0x20),
            button_hover: Color::srgb_u8(0x40, 0x40, 0x40),
            selected: Color::srgb_u8(0x00, 0x3c, 0x8c),
            fresh: Color::srgb_u8(0x00, 0x40, 0x30),
            exemplary: Color::srgb_u8(0x00, 0xe0, 0x60),
            acceptable: Color::srgb_u8(0x40, 0xb0, 0xff),
            poor: Color::srgb_u8(0xff, 0xb0, 0x00),
            breach: Color::srgb_u8(0xff, 0x40, 0x40),
            on_badge: Color::BLACK,
            track: Color::srgb_u8(0x30, 0x30, 0x30),
            scrim: Color::srgba(0.0, 0.0, 0.0, 0.8),
        }
    }

    pub fn grade(&self, grade: Grade) -> Color {
        match grade {
            Grade::Exemplary => self.exemplary,
            Grade::Acceptable => self.acceptable,
            Grade::Poor => self.poor,
            Grade::Breach => self.breach,
        }
    }
}

impl Default for Palette {
    fn default() -> Self {
        Palette::standard()
    }
}
