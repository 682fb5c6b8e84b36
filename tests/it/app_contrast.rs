//! Contrast of every text the app draws against what it is drawn on (WCAG 2.2, 1.4.3): at least
//! 4.5:1, or 3:1 for large text (24 px and over), on every screen a trainee passes through, in
//! the standard and the high-contrast palette, with buttons both at rest and under the pointer.
//! The background is found as the eye sees it: each translucent layer (the dialogs' scrim)
//! laid over the ones beneath, down to the window's clear colour.
#![cfg(feature = "app")]

use crate::common;

use bevy::prelude::*;
use feedwise::app::settings::CurrentSettings;
use feedwise::app::theme::Palette;
use feedwise::app::theme::widget::ButtonColors;
use feedwise::app::{PlayPhase, Screen};

use crate::common::headless::{key_for, phase, press, screen, until_phase, until_screen};

/// WCAG's relative luminance of an sRGB colour.
fn luminance(color: Color) -> f32 {
    let c = color.to_srgba();
    let linear = |v: f32| {
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(c.red) + 0.7152 * linear(c.green) + 0.0722 * linear(c.blue)
}

fn contrast(a: Color, b: Color) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `top` laid over an opaque `under`.
fn over(top: Color, under: Color) -> Color {
    let (t, u) = (top.to_srgba(), under.to_srgba());
    let a = t.alpha;
    Color::srgb(
        t.red * a + u.red * (1.0 - a),
        t.green * a + u.green * (1.0 - a),
        t.blue * a + u.blue * (1.0 - a),
    )
}

/// Whether an entity or any of its ancestors is hidden or not laid out.
fn hidden(world: &World, mut entity: Entity) -> bool {
    loop {
        if world
            .get::<Node>(entity)
            .is_some_and(|n| n.display == Display::None)
            || world.get::<Visibility>(entity) == Some(&Visibility::Hidden)
        {
            return true;
        }
        match world.get::<ChildOf>(entity) {
            Some(parent) => entity = parent.parent(),
            None => return false,
        }
    }
}

/// The backgrounds a text is seen on: its ancestors' colours composited from the window up,
/// once with every button at rest and once with the nearest button hovered.
fn grounds(world: &World, text: Entity, window: Color) -> Vec<Color> {
    let mut path = Vec::new();
    let mut at = Some(text);
    while let Some(entity) = at {
        path.push(entity);
        at = world.get::<ChildOf>(entity).map(ChildOf::parent);
    }
    path.reverse();
    let paint = |hover: bool| {
        let mut hovered = false;
        path.iter()
            .rev()
            .fold(Vec::new(), |mut layers, &entity| {
                let colour = match (world.get::<ButtonColors>(entity), hover && !hovered) {
                    (Some(colors), true) => {
                        hovered = true;
                        Some(colors.hover)
                    }
                    _ => world.get::<BackgroundColor>(entity).map(|b| b.0),
                };
                layers.extend(colour);
                layers
            })
            .into_iter()
            .rev()
            .fold(window, |under, layer| over(layer, under))
    };
    vec![paint(false), paint(true)]
}

/// Every text on screen whose contrast is below its threshold, described.
fn too_faint(app: &mut App, place: &str) -> Vec<String> {
    let window = app.world().resource::<Palette>().background;
    let world = app.world_mut();
    let mut texts =
        world.query_filtered::<(Entity, &TextColor, &TextFont), Or<(With<Text>, With<TextSpan>)>>();
    let found: Vec<(Entity, Color, f32)> = texts
        .iter(world)
        .map(|(e, c, f)| {
            // The app sets sizes in logical pixels; anything else counts as small text.
            let px = match f.font_size {
                FontSize::Px(px) => px,
                _ => 0.0,
            };
            (e, c.0, px)
        })
        .collect();
    let mut faint = Vec::new();
    for (entity, colour, size) in found {
        if hidden(world, entity) {
            continue;
        }
        let words = world
            .get::<Text>(entity)
            .map(|t| t.0.clone())
            .or_else(|| world.get::<TextSpan>(entity).map(|t| t.0.clone()))
            .unwrap_or_default();
        if words.trim().is_empty() {
            continue;
        }
        let needed = if size >= 24.0 { 3.0 } else { 4.5 };
        for ground in grounds(world, entity, window) {
            let seen = over(colour, ground);
            let ratio = contrast(seen, ground);
            if ratio < needed {
                faint.push(format!(
                    "{place}: {ratio:.2}:1 (needs {needed}) for {:?} at {size} px, {:?} on {:?}",
                    words.chars().take(40).collect::<String>(),
                    seen.to_srgba().to_hex(),
                    ground.to_srgba().to_hex()
                ));
            }
        }
    }
    faint
}

/// Library, play, a decision with an option chosen, feedback, the next decisions, the debrief,
/// settings, history and the projector: what each shows, checked.
fn walk_the_screens(high_contrast: bool) -> Vec<String> {
    let mut app = common::headless::app(common::headless::on_test_library());
    app.world_mut()
        .resource_mut::<CurrentSettings>()
        .0
        .high_contrast = high_contrast;
    app.update();
    let mut faint = Vec::new();
    // Re-entered after the palette changed, so that the library is drawn in it.
    press(&mut app, KeyCode::KeyS);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Library);
    press(&mut app, KeyCode::ArrowDown);
    faint.extend(too_faint(&mut app, "library"));
    press(&mut app, KeyCode::ArrowUp);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Play);
    app.update();
    faint.extend(too_faint(&mut app, "play, as posts arrive"));
    until_phase(&mut app, PlayPhase::Deciding, 20);
    faint.extend(too_faint(&mut app, "decision, opening"));
    let choose_a = key_for(&app, "a");
    press(&mut app, choose_a);
    faint.extend(too_faint(&mut app, "decision, an option chosen"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(phase(&app), Some(PlayPhase::Feedback));
    faint.extend(too_faint(&mut app, "feedback"));
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    faint.extend(too_faint(&mut app, "ranking"));
    press(&mut app, KeyCode::Enter);
    faint.extend(too_faint(&mut app, "ranking, refused"));
    press(&mut app, KeyCode::Digit1);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    until_phase(&mut app, PlayPhase::Deciding, 20);
    faint.extend(too_faint(&mut app, "choose several"));
    let (s1, s2) = (key_for(&app, "s1"), key_for(&app, "s2"));
    press(&mut app, s1);
    press(&mut app, s2);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    until_screen(&mut app, Screen::Debrief, 10);
    faint.extend(too_faint(&mut app, "debrief"));
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::KeyS);
    assert_eq!(screen(&app), Screen::Settings);
    faint.extend(too_faint(&mut app, "settings"));
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::KeyH);
    assert_eq!(screen(&app), Screen::History);
    faint.extend(too_faint(&mut app, "history"));
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::KeyP);
    for _ in 0..10 {
        app.update();
    }
    assert_eq!(screen(&app), Screen::Facilitate);
    faint.extend(too_faint(&mut app, "projector"));
    faint.sort();
    faint.dedup();
    faint
}

/// The group chat, the chatbot and the short video (tests/fixtures/platforms), as they stand
/// when their first decision opens and once it is answered: bubbles, quotes, pictures, the
/// video frame and the message box.
fn walk_the_platforms(high_contrast: bool) -> Vec<String> {
    let mut faint = Vec::new();
    for scenario in ["plat-chat", "plat-bot", "plat-video"] {
        let options = feedwise::app::LaunchOptions {
            scenario_dirs: vec![std::path::PathBuf::from("tests/fixtures/platforms")],
            scenario: Some(scenario.to_owned()),
            ..common::headless::on_test_library()
        };
        let mut app = common::headless::app(options);
        app.world_mut()
            .resource_mut::<CurrentSettings>()
            .0
            .high_contrast = high_contrast;
        app.update();
        // Restarted from the pause menu, so that the play screen is drawn in the palette.
        press(&mut app, KeyCode::Escape);
        press(&mut app, KeyCode::Digit2);
        assert_eq!(screen(&app), Screen::Play, "{scenario}");
        until_phase(&mut app, PlayPhase::Deciding, 20);
        faint.extend(too_faint(&mut app, &format!("{scenario}, decision")));
        let choose_good = key_for(&app, "good");
        press(&mut app, choose_good);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Enter);
        for _ in 0..3 {
            app.update();
        }
        faint.extend(too_faint(&mut app, &format!("{scenario}, after")));
    }
    faint.sort();
    faint.dedup();
    faint
}

#[test]
fn every_platform_in_both_palettes_stands_out_from_its_background() {
    let mut faint = walk_the_platforms(false);
    faint.extend(walk_the_platforms(true));
    assert!(faint.is_empty(), "{}", faint.join("\n"));
}

#[test]
fn every_text_in_the_standard_palette_stands_out_from_its_background() {
    let faint = walk_the_screens(false);
    assert!(faint.is_empty(), "{}", faint.join("\n"));
}

#[test]
fn every_text_in_the_high_contrast_palette_stands_out_from_its_background() {
    let faint = walk_the_screens(true);
    assert!(faint.is_empty(), "{}", faint.join("\n"));
}

#[test]
fn the_contrast_formula_matches_wcag() {
    // WCAG's own extremes and a published pair: #777 on white is 4.48:1.
    assert!((contrast(Color::BLACK, Color::WHITE) - 21.0).abs() < 0.01);
    assert!((contrast(Color::WHITE, Color::WHITE) - 1.0).abs() < 0.001);
    let grey = Color::srgb_u8(0x77, 0x77, 0x77);
    assert!((contrast(grey, Color::WHITE) - 4.48).abs() < 0.01);
    // Half-transparent black over white is mid-grey.
    let mid = over(Color::srgba(0.0, 0.0, 0.0, 0.5), Color::WHITE).to_srgba();
    assert!((mid.red - 0.5).abs() < 0.001);
}
