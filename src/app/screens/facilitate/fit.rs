//! Type the back row can read, and a decision that fits: the projector's sizes follow the
//! window's height (28 px at 1080 lines for the smallest text the room reads), and up to nine
//! options are laid out in one, two or three columns at the largest size that fits. A first
//! guess comes from the words' length; then the drawn layout is measured, and while the
//! decision overflows its area the next smaller size (or one more column) is tried. Nothing is
//! ever hidden: the last level is the smallest readable type in three columns.

use bevy::prelude::*;
use bevy::window::{PrimaryWindow, RequestRedraw};

use crate::app::facilitation::{ActiveRoom, RoomChanged};
use crate::facilitate::Phase;

/// The projector's text sizes for a window (logical pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoomType {
    pub title: f32,
    pub body: f32,
    pub small: f32,
    /// The smallest text the room is asked to read: 28 px at 1080 lines.
    pub least: f32,
}

impl RoomType {
    /// Sizes in proportion to the window's height, as a slide's are.
    pub fn for_height(height: f32) -> RoomType {
        let k = (height / 720.0).clamp(0.6, 3.0);
        RoomType {
            title: 40.0 * k,
            body: 30.0 * k,
            small: 22.0 * k,
            least: 28.0 / 1.5 * k,
        }
    }
}

/// A way to lay out the options: columns, and the size of their words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Level {
    pub columns: usize,
    pub size: f32,
}

/// From the largest layout to the smallest; five options and more start in two columns.
pub fn levels(options: usize, room: RoomType) -> Vec<Level> {
    let sizes = [
        room.body,
        (room.body + room.small) / 2.0,
        room.small,
        room.least,
    ];
    let first = if options <= 4 { 1 } else { 2 };
    let last = if options >= 7 { 3 } else { 2 };
    (first..=last)
        .flat_map(|columns| sizes.iter().map(move |&size| Level { columns, size }))
        .collect()
}

/// Average advance of a character, and line height, in ems, for the guess (the UI font is a
/// sans serif of ordinary width).
const CHAR_EM: f32 = 0.55;
const LINE_EM: f32 = 1.3;

/// The height `texts` take as wrapped lines `width` wide at `size`.
pub fn wrapped_height(chars: usize, size: f32, width: f32) -> f32 {
    let per_line = (width / (CHAR_EM * size)).max(1.0);
    (chars as f32 / per_line).ceil().max(1.0) * LINE_EM * size
}

/// The first level whose guessed height fits `area` (width, height), given each option's
/// length in characters and the fixed height each cell adds (bars, figures, padding).
pub fn first_fitting(levels: &[Level], chars: &[usize], area: Vec2, cell_extra: f32) -> usize {
    levels
        .iter()
        .position(|level| {
            let gap = 16.0;
            let width = (area.x - gap * (level.columns as f32 - 1.0)) / level.columns as f32;
            let text_width = width - 70.0;
            let rows: f32 = chars
                .chunks(level.columns)
                .map(|row| {
                    row.iter()
                        .map(|&n| wrapped_height(n, level.size, text_width) + cell_extra)
                        .fold(0.0, f32::max)
                })
                .sum();
            let gaps = gap * (chars.len().div_ceil(level.columns) as f32 - 1.0).max(0.0);
            rows + gaps <= area.y
        })
        .unwrap_or(levels.len().saturating_sub(1))
}

/// What the fit was worked out for: the decision on screen, whether revealed, the window.
#[derive(Debug, Clone, PartialEq)]
struct FitFor {
    decision: String,
    revealed: bool,
    window: UVec2,
}

/// The level the decision is drawn at.
#[derive(Resource, Debug, Default)]
pub struct RoomFit {
    for_: Option<FitFor>,
    pub level: usize,
    /// A larger level was tried after the guess, or the guess was already too large: the
    /// level no longer grows, so the layout cannot swing between two sizes.
    settled: bool,
}

/// The area that holds the decision: measured after layout.
#[derive(Component)]
#[require(FramesShown)]
pub struct DecisionArea;

/// Frames since the area was drawn: text is measured again in the frame after its first
/// layout, so the first measurement is not trusted.
#[derive(Component, Default)]
pub struct FramesShown(u8);

/// A text the room must be able to read whole: the script's `expect-fits` checks that each
/// lies inside the window and inside the decision's area.
#[derive(Component)]
pub struct RoomText;

/// A new decision, the reveal, or a new window size: guess the level again.
pub fn refit_on_change(
    active: Res<ActiveRoom>,
    window: Query<&Window, With<PrimaryWindow>>,
    ui_scale: Option<Res<UiScale>>,
    mut fit: ResMut<RoomFit>,
    mut changed: MessageWriter<RoomChanged>,
) {
    let Some(window) = window.iter().next() else {
        return;
    };
    let Some(offer) = active.room().session().pending() else {
        fit.for_ = None;
        return;
    };
    let revealed = active.room().phase() == Phase::Revealed && active.reveal().is_some();
    let now = FitFor {
        decision: offer.decision.clone(),
        revealed,
        window: UVec2::new(window.physical_width(), window.physical_height()),
    };
    if fit.for_.as_ref() == Some(&now) {
        return;
    }
    let scale = ui_scale.map_or(1.0, |s| s.0.max(0.1));
    let (width, height) = (window.width() / scale, window.height() / scale);
    let room = RoomType::for_height(height);
    let chars: Vec<usize> = offer
        .options
        .iter()
        .map(|o| o.text.chars().count() + 3)
        .collect();
    let prompt = wrapped_height(offer.prompt.chars().count(), room.body, width - 40.0);
    // Top bar, state line, status line, padding and gaps; the reveal adds its figures.
    let fixed = 32.0 + 3.0 * LINE_EM * room.small + LINE_EM * room.title + 60.0 + prompt;
    let extra = if revealed {
        LINE_EM * room.small + 16.0
    } else {
        20.0
    };
    let area = Vec2::new(width - 32.0, (height - fixed).max(100.0));
    fit.level = first_fitting(&levels(chars.len(), room), &chars, area, extra);
    fit.settled = false;
    fit.for_ = Some(now);
    changed.write(RoomChanged);
}

/// The drawn decision overflows its area: one level smaller, and draw again. Drawn with a
/// fifth of the area to spare (the guess is cautious), the next larger level is tried, until
/// one overflows or the largest fits.
pub fn check_fit(
    active: Res<ActiveRoom>,
    mut areas: Query<(&ComputedNode, &mut FramesShown), With<DecisionArea>>,
    window: Query<&Window, With<PrimaryWindow>>,
    ui_scale: Option<Res<UiScale>>,
    mut fit: ResMut<RoomFit>,
    mut changed: MessageWriter<RoomChanged>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let Some(offer) = active.room().session().pending() else {
        return;
    };
    let Some((area, mut shown)) = areas.iter_mut().find(|(area, _)| area.size().y > 0.0) else {
        return;
    };
    shown.0 = shown.0.saturating_add(1);
    if shown.0 < 3 {
        // A reactive app would otherwise wait for the next event to measure.
        redraw.write(RequestRedraw);
        return;
    }
    let (content, size) = (area.content_size(), area.size());
    // Across, a few pixels are the rounding of cells and gaps, not an overflowing word.
    let overflows = content.y > size.y + 1.0 || content.x > size.x + 4.0;
    let roomy = content.y < size.y * 0.8;
    let scale = ui_scale.map_or(1.0, |s| s.0.max(0.1));
    let height = window.iter().next().map_or(720.0, |w| w.height()) / scale;
    let last = levels(offer.options.len(), RoomType::for_height(height)).len();
    let level = if overflows && fit.level + 1 < last {
        fit.settled = true;
        fit.level + 1
    } else if roomy && !fit.settled && fit.level > 0 {
        fit.level - 1
    } else {
        fit.settled = true;
        return;
    };
    fit.level = level;
    changed.write(RoomChanged);
    redraw.write(RequestRedraw);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smallest_text_is_28_px_at_1080_lines() {
        let room = RoomType::for_height(1080.0);
        assert!((room.least - 28.0).abs() < 0.01);
        assert!(room.small >= room.least);
        let small = RoomType::for_height(720.0);
        assert!(small.least < room.least, "in proportion to the window");
    }

    #[test]
    fn many_options_start_in_two_columns_and_end_in_three_at_the_least_size() {
        let room = RoomType::for_height(720.0);
        let four = levels(4, room);
        assert_eq!(
            four[0],
            Level {
                columns: 1,
                size: room.body
            }
        );
        let nine = levels(9, room);
        assert_eq!(nine[0].columns, 2);
        assert_eq!(
            nine.last().copied(),
            Some(Level {
                columns: 3,
                size: room.least
            })
        );
    }

    #[test]
    fn long_options_fit_at_a_smaller_level_than_short_ones() {
        let room = RoomType::for_height(720.0);
        let all = levels(8, room);
        let area = Vec2::new(1240.0, 420.0);
        let short = first_fitting(&all, &[20; 8], area, 20.0);
        let long = first_fitting(&all, &[220; 8], area, 20.0);
        assert_eq!(short, 0);
        assert!(long > short, "{long}");
    }
}
