//! Widgets: functions that return bundles, so screens compose rather than style.

use bevy::ecs::spawn::SpawnWith;
use bevy::ecs::system::IntoObserverSystem;
use bevy::prelude::*;

use super::accessible::{Accessible, Decorative, Heading};
use super::focus::Activated;
use super::palette::Palette;
use super::size;
use crate::app::state::Screen;
use crate::engine::debrief::{PrincipleScore, Standing};
use crate::scenario::Grade;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ReservedBelow>();
    app.add_systems(Update, hover_buttons);
    app.add_systems(
        PostUpdate,
        fit_above_reserved.before(bevy::ui::UiSystems::Layout),
    );
}

/// A screen's root or an overlay: the window's height, less any strip reserved below.
#[derive(Component, Debug, Default)]
pub struct FillsWindow;

/// Percent of the window's height kept free at the bottom (author mode's dock), so that no
/// screen or dialog lies under what is drawn there.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub struct ReservedBelow(pub f32);

fn fit_above_reserved(
    reserved: Res<ReservedBelow>,
    mut nodes: Query<(Ref<FillsWindow>, &mut Node)>,
) {
    let height = percent(100.0 - reserved.0.clamp(0.0, 90.0));
    for (added, mut node) in &mut nodes {
        if (reserved.is_changed() || added.is_added()) && node.height != height {
            node.height = height;
        }
    }
}

/// A button's resting colour, restored when the pointer leaves.
#[derive(Component, Debug, Clone, Copy)]
pub struct ButtonColors {
    pub rest: Color,
    pub hover: Color,
}

/// One line of text at a size and colour (it wraps only where its parent is too narrow).
pub fn text_line(text: impl Into<String>, size: f32, color: Color) -> (Text, TextFont, TextColor) {
    (
        Text::new(text),
        TextFont::from_font_size(size),
        TextColor(color),
    )
}

/// What `wrapped_text` and the texts made with it are.
pub type Wrapped = (Text, TextFont, TextColor, TextLayout);

/// Text that wraps at word boundaries, left-aligned: paragraphs and notes.
pub fn wrapped_text(text: impl Into<String>, size: f32, color: Color) -> Wrapped {
    let (text, font, color) = text_line(text, size, color);
    (
        text,
        font,
        color,
        TextLayout::new(Justify::Left, LineBreak::WordBoundary),
    )
}

pub fn title(text: impl Into<String>, palette: &Palette) -> impl Bundle {
    (text_line(text, size::TITLE, palette.text), Heading(1))
}

pub fn heading(text: impl Into<String>, palette: &Palette) -> impl Bundle {
    (text_line(text, size::HEADING, palette.text), Heading(2))
}

pub fn body(text: impl Into<String>, palette: &Palette) -> Wrapped {
    wrapped_text(text, size::BODY, palette.text)
}

pub fn small(text: impl Into<String>, palette: &Palette) -> Wrapped {
    wrapped_text(text, size::SMALL, palette.muted)
}

/// A coloured text, for names and emphasis (there is no bold face).
pub fn strong(text: impl Into<String>, color: Color) -> (Text, TextFont, TextColor) {
    text_line(text, size::BODY, color)
}

/// A clickable button with a label that runs `action` when clicked (an observer system, e.g.
/// `|_: On<Activated>, mut screen: ResMut<NextState<Screen>>| ..`). The observer needs
/// the button's own entity, so the button is spawned inside a plain wrapper node.
pub fn button<E, B, M, I>(label: impl Into<String>, palette: &Palette, action: I) -> impl Bundle
where
    E: EntityEvent,
    B: Bundle,
    I: IntoObserverSystem<E, B, M>,
{
    let label = label.into();
    let action = IntoObserverSystem::into_system(action);
    let p = palette.clone();
    let (rest, hover) = (p.button, p.button_hover);
    (
        Node::default(),
        Children::spawn(SpawnWith(move |parent: &mut ChildSpawner| {
            parent
                .spawn((
                    Button,
                    Node {
                        padding: UiRect::axes(px(16), px(9)),
                        border: UiRect::all(px(1)),
                        border_radius: BorderRadius::all(px(6)),
                        justify_content: JustifyContent::Center,
                        align_items: AlignItems::Center,
                        ..default()
                    },
                    BackgroundColor(rest),
                    BorderColor::all(p.border),
                    ButtonColors { rest, hover },
                    children![inert(text_line(label, size::BODY, p.text))],
                ))
                .observe(action);
        })),
    )
}

/// A button that goes to `screen`.
pub fn go_button(label: impl Into<String>, screen: Screen, palette: &Palette) -> impl Bundle {
    button(
        label,
        palette,
        move |_: On<Activated>, mut next: ResMut<NextState<Screen>>| next.set(screen),
    )
}

/// Text inside a button: the button, not its text, takes the pointer's hover and clicks.
pub fn inert<B: Bundle>(bundle: B) -> (B, Pickable) {
    (bundle, Pickable::IGNORE)
}

/// The grade as a coloured pill with its word, so meaning never rests on colour alone.
pub fn grade_badge(grade: Grade, palette: &Palette) -> impl Bundle {
    grade_badge_sized(grade, size::BODY, palette)
}

/// `grade_badge` with its word at `text_size` (the projector's sizes follow the window).
pub fn grade_badge_sized(grade: Grade, text_size: f32, palette: &Palette) -> impl Bundle {
    (
        Node {
            padding: UiRect::axes(px(12), px(4)),
            border_radius: BorderRadius::MAX,
            flex_shrink: 0.0,
            ..default()
        },
        BackgroundColor(palette.grade(grade)),
        children![(text_line(grade.word().to_uppercase(), text_size, palette.on_badge))],
    )
}

/// A small pill with a count, for unread messages and notifications.
pub fn count_badge(count: usize, palette: &Palette) -> impl Bundle {
    (
        Node {
            padding: UiRect::axes(px(8), px(1)),
            border_radius: BorderRadius::MAX,
            display: shown_if(count != 0),
            ..default()
        },
        BackgroundColor(palette.breach),
        children![(text_line(count.to_string(), size::SMALL, palette.on_badge))],
    )
}

fn shown_if(shown: bool) -> Display {
    if shown { Display::Flex } else { Display::None }
}

/// A panel with a border, stacked vertically.
pub fn panel(palette: &Palette) -> impl Bundle {
    panel_with(palette, column(8.0))
}

/// A full-window root for a screen. It has no background of its own: the clear colour is the
/// palette's background, and a software renderer pays for every full-window layer each frame.
pub fn screen_root() -> impl Bundle {
    (
        Node {
            width: percent(100),
            height: percent(100),
            padding: UiRect::all(px(16)),
            ..column(12.0)
        },
        FillsWindow,
    )
}

/// A horizontal bar showing `value` within `min..=max`, with the filled part up to the value.
/// A principle's total on the track of every total a path could reach: the fill runs from a
/// zero mark to the total, a second mark shows the best possible, and the colour says where
/// the total stands (the words beside it say the same).
pub fn range_bar(score: &PrincipleScore, palette: &Palette) -> impl Bundle {
    let low = score.min.min(0);
    let high = score.max.max(0);
    let span = (high - low).max(1) as f32;
    let at = |value: i64| ((value - low) as f32 / span).clamp(0.0, 1.0) * 100.0;
    let (zero, total, best) = (at(0), at(score.total), at(score.max));
    let color = standing_colour(score.standing(), palette);
    let mark = |left: f32, color: Color| {
        (
            Node {
                position_type: PositionType::Absolute,
                left: percent(left),
                top: px(-4),
                width: px(3),
                height: px(22),
                margin: UiRect::left(px(-1)),
                ..default()
            },
            BackgroundColor(color),
        )
    };
    (
        Node {
            width: px(320),
            height: px(14),
            border_radius: BorderRadius::all(px(7)),
            ..default()
        },
        BackgroundColor(palette.track),
        children![
            (
                Node {
                    position_type: PositionType::Absolute,
                    left: percent(zero.min(total)),
                    // A total of zero still shows as a sliver at the zero mark.
                    width: percent((total - zero).abs().max(2.0)),
                    height: percent(100),
                    border_radius: BorderRadius::all(px(7)),
                    ..default()
                },
                BackgroundColor(color),
            ),
            mark(zero, palette.text),
            mark(best, palette.exemplary),
        ],
    )
}

fn hover_buttons(
    mut buttons: Query<(&Interaction, &ButtonColors, &mut BackgroundColor), Changed<Interaction>>,
) {
    for (interaction, colors, mut background) in &mut buttons {
        background.0 = match interaction {
            Interaction::Hovered | Interaction::Pressed => colors.hover,
            Interaction::None => colors.rest,
        };
    }
}

/// A panel laid out by `node` (its padding, border and radius are the panel's own).
pub fn panel_with(palette: &Palette, node: Node) -> impl Bundle {
    (
        Node {
            padding: if node.padding == UiRect::default() {
                UiRect::all(px(14))
            } else {
                node.padding
            },
            border: UiRect::all(px(1)),
            border_radius: BorderRadius::all(px(8)),
            ..node
        },
        BackgroundColor(palette.surface),
        BorderColor::all(palette.border),
    )
}

/// `panel_with`, a little less padded than most.
pub fn compact_panel(palette: &Palette, node: Node) -> impl Bundle {
    let padding = UiRect::all(px(12));
    panel_with(palette, Node { padding, ..node })
}

/// A full-window layer over the screen, dimming it, with its content placed by `align`.
pub fn overlay(palette: &Palette, z: i32, align: AlignItems) -> impl Bundle {
    (
        Node {
            position_type: PositionType::Absolute,
            width: percent(100),
            height: percent(100),
            justify_content: JustifyContent::Center,
            align_items: align,
            padding: UiRect::all(px(24)),
            ..default()
        },
        BackgroundColor(palette.scrim),
        GlobalZIndex(z),
        FillsWindow,
    )
}

/// A dialog box over an `overlay`: a column with a coloured border, at most `max_height`
/// percent of the window high.
pub fn dialog(palette: &Palette, width: f32, max_height: f32, border: Color) -> impl Bundle {
    (
        Node {
            width: px(width),
            max_height: percent(max_height),
            padding: UiRect::all(px(18)),
            border: UiRect::all(px(2)),
            border_radius: BorderRadius::all(px(10)),
            ..column(10.0)
        },
        BackgroundColor(palette.surface),
        BorderColor::all(border),
    )
}

/// Puts `dialog` (a `dialog` bundle and any markers) into `scrim`, an entity spawned with an
/// `overlay`, for `fill` to fill.
pub fn in_dialog(
    mut scrim: EntityCommands,
    dialog: impl Bundle,
    fill: impl FnOnce(&mut ChildSpawnerCommands),
) {
    scrim.with_children(|scrim| {
        scrim.spawn(dialog).with_children(fill);
    });
}

/// A row of controls and labels across the top of a screen.
pub fn toolbar() -> Node {
    row(16.0)
}

/// Children side by side, centred on one line, `gap` apart.
pub fn row(gap: f32) -> Node {
    Node {
        flex_direction: FlexDirection::Row,
        align_items: AlignItems::Center,
        column_gap: px(gap),
        ..default()
    }
}

/// Children side by side, wrapping onto further lines when they do not fit.
pub fn wrap_row(column_gap: f32, row_gap: f32) -> Node {
    Node {
        flex_direction: FlexDirection::Row,
        flex_wrap: FlexWrap::Wrap,
        column_gap: px(column_gap),
        row_gap: px(row_gap),
        ..default()
    }
}

/// Children stacked, `gap` apart.
pub fn column(gap: f32) -> Node {
    Node {
        flex_direction: FlexDirection::Column,
        row_gap: px(gap),
        ..default()
    }
}

/// Columns side by side that take the rest of the screen's height: the play screen's body.
pub fn columns(gap: f32) -> Node {
    Node {
        flex_direction: FlexDirection::Row,
        column_gap: px(gap),
        flex_grow: 1.0,
        min_height: px(0),
        ..default()
    }
}

/// A column of a fixed width that never shrinks: a side panel.
pub fn side_column(width: f32, gap: f32) -> Node {
    Node {
        width: px(width),
        flex_shrink: 0.0,
        min_height: px(0),
        ..column(gap)
    }
}

/// A column that takes the width (or height) its parent has left, and may shrink below its
/// content so long text wraps instead of overflowing.
pub fn fill_column(gap: f32) -> Node {
    Node {
        flex_grow: 1.0,
        min_width: px(0),
        min_height: px(0),
        ..column(gap)
    }
}

/// A box of a fixed width, for labels that line up down a list.
pub fn fixed_width(width: f32) -> Node {
    Node {
        width: px(width),
        flex_shrink: 0.0,
        ..default()
    }
}

/// A box at least `width` wide, for short labels that line up down a list. (A text node with
/// a fixed width is measured as if it wrapped, so the label sets only a minimum.)
pub fn at_least(width: f32) -> Node {
    Node {
        min_width: px(width),
        ..default()
    }
}

/// A text that takes the width left beside fixed siblings in a row.
pub fn flexible() -> Node {
    Node {
        flex_grow: 1.0,
        flex_shrink: 1.0,
        min_width: px(0),
        ..default()
    }
}

/// A thin track across its parent with a fill inside, for a countdown; `fill` marks the part
/// that shrinks.
pub fn progress_track(palette: &Palette, fill: impl Component, fill_color: Color) -> impl Bundle {
    let fill = (fill, BackgroundColor(fill_color));
    track(palette, 10.0, 5.0, fill, 100.0)
}

/// A track across its parent, `height` high, with `fill` in it `fill_width` percent long.
fn track(
    palette: &Palette,
    height: f32,
    radius: f32,
    fill: impl Bundle,
    fill_width: f32,
) -> impl Bundle {
    let radius = BorderRadius::all(px(radius));
    (
        Node {
            width: percent(100),
            height: px(height),
            border_radius: radius,
            ..default()
        },
        BackgroundColor(palette.track),
        children![(
            fill,
            Node {
                width: percent(fill_width),
                height: percent(100),
                border_radius: radius,
                ..default()
            },
        )],
    )
}

/// One option of a decision: a row with its key, its text and any controls; a thicker border
/// and the selection colour when it is under the cursor or ticked.
pub fn option_row(palette: &Palette, selected: bool, ticked: bool) -> Framed {
    let width = if selected { 2.0 } else { 1.0 };
    (
        Node {
            // Low rows, so eight options of a choose-several item fit a 720-pixel-high window.
            padding: UiRect::axes(px(11.0 - width), px(8.0 - width)),
            border: UiRect::all(px(width)),
            border_radius: BorderRadius::all(px(6)),
            ..row(12.0)
        },
        BackgroundColor(if selected || ticked {
            palette.selected
        } else {
            palette.surface_raised
        }),
        BorderColor::all(if selected {
            palette.accent
        } else {
            palette.border
        }),
    )
}

/// A column that scrolls when its content is taller than the room it is given: `grow` takes
/// the free height of its parent; otherwise it only shrinks to fit (inside a dialog).
pub fn scroll_list(gap: f32, grow: bool) -> impl Bundle {
    (
        Node {
            overflow: Overflow::scroll_y(),
            min_height: px(0),
            flex_grow: if grow { 1.0 } else { 0.0 },
            flex_shrink: 1.0,
            ..column(gap)
        },
        bevy::ui_widgets::ScrollArea,
    )
}

/// Scrolls a `scroll_list` just enough that `item`, one of its children, is inside its
/// visible part (as the arrow keys move a selection past the edge).
pub fn keep_in_view(
    list: (&ComputedNode, &UiGlobalTransform),
    scroll: &mut ScrollPosition,
    item: (&ComputedNode, &UiGlobalTransform),
) {
    let top = |(node, at): (&ComputedNode, &UiGlobalTransform)| {
        at.affine().translation.y - node.size().y / 2.0
    };
    let scale = list.0.inverse_scale_factor();
    let (list_top, item_top) = (top(list), top(item));
    let list_bottom = list_top + list.0.size().y;
    let item_bottom = item_top + item.0.size().y;
    if item_top < list_top {
        scroll.y = (scroll.y - (list_top - item_top) * scale).max(0.0);
    } else if item_bottom > list_bottom {
        scroll.y += (item_bottom - list_bottom) * scale;
    }
}

/// How a card is framed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Frame {
    /// A raised surface with no border: the feed's posts and replies. A border is one more
    /// full-size layer for a software renderer to draw, so ordinary cards have none.
    Plain,
    /// A raised surface with a border of this colour, for cards that must stand out (a
    /// screenshot of a deleted post).
    Outlined(Color),
    /// A thick left edge in this colour (a grade): the feedback's explanations.
    Accent(Color),
}

/// A node with its background and border colours: what `restyle` changes.
pub type Framed = (Node, BackgroundColor, BorderColor);

/// A card on a panel: the feed's posts and replies, and the feedback's explanations.
pub fn card(palette: &Palette, frame: Frame) -> Framed {
    let (border, color, radius) = match frame {
        Frame::Plain => (UiRect::ZERO, Color::NONE, 8),
        Frame::Outlined(color) => (UiRect::all(px(2)), color, 8),
        Frame::Accent(color) => (UiRect::left(px(4)), color, 4),
    };
    (
        Node {
            padding: UiRect::all(px(10)),
            border,
            border_radius: BorderRadius::all(px(radius)),
            ..column(4.0)
        },
        BackgroundColor(palette.surface_raised),
        BorderColor::all(color),
    )
}

/// A direct message: to the right when the trainee sent it, to the left otherwise.
pub fn message_bubble(palette: &Palette, mine: bool) -> impl Bundle {
    (
        Accessible::new(accesskit::Role::Article),
        Node {
            padding: UiRect::all(px(10)),
            border_radius: BorderRadius::all(px(10)),
            margin: if mine {
                UiRect::left(px(40))
            } else {
                UiRect::right(px(40))
            },
            ..column(3.0)
        },
        BackgroundColor(palette.surface_raised),
    )
}

/// One notification in the notifications panel.
pub fn notification_row(palette: &Palette) -> impl Bundle {
    (
        Accessible::new(accesskit::Role::ListItem),
        Node {
            padding: UiRect::all(px(8)),
            border_radius: BorderRadius::all(px(6)),
            ..default()
        },
        BackgroundColor(palette.surface_raised),
    )
}

/// A library card's frame: a fixed width so two sit side by side, a thick accent border when
/// selected, a red one when the file is broken, and none otherwise (a border is one more
/// layer for a software renderer to draw). The minimum height is about a filled card's, so
/// filling cards as they come into view barely moves the others.
pub fn scenario_card(palette: &Palette, selected: bool, broken: bool) -> Framed {
    let (width, color) = if selected {
        (3.0, palette.accent)
    } else if broken {
        (2.0, palette.breach)
    } else {
        (0.0, palette.border)
    };
    (
        Node {
            width: px(600),
            min_height: px(150),
            // The border eats into the padding, so the text stays put when selected.
            padding: UiRect::all(px(17.0 - width)),
            border: UiRect::all(px(width)),
            border_radius: BorderRadius::all(px(8)),
            ..column(6.0)
        },
        BackgroundColor(if selected {
            palette.surface_raised
        } else {
            palette.surface
        }),
        BorderColor::all(color),
    )
}

/// What `restyle` changes, as a query asks for it.
pub type Restyled = (
    &'static mut Node,
    &'static mut BackgroundColor,
    &'static mut BorderColor,
);

/// Gives a row or card made by `option_row`, `history_row` or `scenario_card` the border,
/// padding and colours of `want` (the same widget, now selected or not) when its border
/// differs, without rebuilding it.
pub fn restyle(
    (mut node, mut background, mut border): (Mut<Node>, Mut<BackgroundColor>, Mut<BorderColor>),
    (want, want_background, want_border): Framed,
) {
    if node.border != want.border {
        node.border = want.border;
        node.padding = want.padding;
        *background = want_background;
        *border = want_border;
    }
}

/// Items in rows that wrap, scrolling vertically when they do not fit: the library's cards.
pub fn wrap_grid(gap: f32) -> impl Bundle {
    (
        Node {
            overflow: Overflow::scroll_y(),
            flex_grow: 1.0,
            min_height: px(0),
            align_content: AlignContent::FlexStart,
            ..wrap_row(gap, gap)
        },
        bevy::ui_widgets::ScrollArea,
    )
}

/// Text in the breach colour, for errors a user must act on.
pub fn warning(text: impl Into<String>, palette: &Palette) -> Wrapped {
    wrapped_text(text, size::SMALL, palette.breach)
}

/// Problems the user should know about, in a box with a warning border; hidden when `text`
/// is empty.
pub fn alert(text: String, palette: &Palette) -> impl Bundle {
    (
        Node {
            display: shown_if(!text.is_empty()),
            padding: UiRect::all(px(8)),
            border: UiRect::all(px(1)),
            border_radius: BorderRadius::all(px(6)),
            ..default()
        },
        BackgroundColor(palette.surface_raised),
        BorderColor::all(palette.breach),
        children![(text_line(text, size::SMALL, palette.text))],
    )
}

/// A round avatar of `color` with a person's initials.
pub fn avatar(initials: String, color: Color, palette: &Palette) -> impl Bundle + use<> {
    (
        Node {
            width: px(40),
            height: px(40),
            min_width: px(40),
            border_radius: BorderRadius::MAX,
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            ..default()
        },
        BackgroundColor(color),
        Decorative,
        children![(text_line(initials, size::BODY, palette.text))],
    )
}

/// A horizontal bar `percent` of its track long, in `color`: a room's share of votes.
pub fn share_bar(percent_of_room: u32, color: Color, palette: &Palette) -> impl Bundle {
    let share = percent_of_room.min(100) as f32;
    track(palette, 26.0, 6.0, BackgroundColor(color), share)
}

/// A QR code of `text` as a black-on-white image with a quiet margin, `scale` pixels a module,
/// for phones to scan off a projector.
pub fn qr_image(text: &str, scale: usize) -> Option<Image> {
    use bevy::asset::RenderAssetUsages;
    use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let modules = code.width();
    let colors = code.to_colors();
    let margin = 4;
    let side = (modules + 2 * margin) * scale;
    let mut data = vec![255u8; side * side * 4];
    for (i, color) in colors.iter().enumerate() {
        if *color != qrcode::Color::Dark {
            continue;
        }
        let (x, y) = (i % modules + margin, i / modules + margin);
        for dy in 0..scale {
            for dx in 0..scale {
                let at = ((y * scale + dy) * side + x * scale + dx) * 4;
                data[at..at + 3].copy_from_slice(&[0, 0, 0]);
            }
        }
    }
    Some(Image::new(
        Extent3d {
            width: side as u32,
            height: side as u32,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        data,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD,
    ))
}

/// A row of the history: a run, outlined when selected.
pub fn history_row(palette: &Palette, selected: bool) -> Framed {
    let width = if selected { 2.0 } else { 0.0 };
    (
        Node {
            padding: UiRect::axes(px(12.0 - width), px(8.0 - width)),
            border: UiRect::all(px(width)),
            border_radius: BorderRadius::all(px(6)),
            ..column(2.0)
        },
        BackgroundColor(if selected {
            palette.surface_raised
        } else {
            palette.surface
        }),
        BorderColor::all(palette.accent),
    )
}

/// The colour that says where a principle's total stands, the same on every screen.
pub fn standing_colour(standing: Standing, palette: &Palette) -> Color {
    match standing {
        Standing::Best => palette.exemplary,
        Standing::Gained => palette.acceptable,
        Standing::Neutral => palette.muted,
        Standing::Lost => palette.breach,
    }
}

/// What the colours of principle bars mean, as a row of swatches with words.
pub fn standing_legend(parent: &mut ChildSpawnerCommands, palette: &Palette) {
    let standings = [
        (Standing::Best, "the best possible"),
        (Standing::Gained, "above zero"),
        (Standing::Neutral, "zero"),
        (Standing::Lost, "below zero"),
    ];
    parent.spawn(row(14.0)).with_children(|legend| {
        for (standing, words) in standings {
            legend.spawn(row(5.0)).with_children(|item| {
                item.spawn((
                    Node {
                        width: px(12),
                        height: px(12),
                        border_radius: BorderRadius::all(px(2)),
                        ..default()
                    },
                    BackgroundColor(standing_colour(standing, palette)),
                ));
                item.spawn(small(words, palette));
            });
        }
    });
}

/// A chart over dates, `width` wide, its marks placed by `dated_bar` and `due_mark`.
pub fn dated_strip(palette: &Palette, width: f32) -> impl Bundle {
    (
        Node {
            height: px(36),
            width: px(width),
            flex_shrink: 0.0,
            border: UiRect::bottom(px(1)),
            ..default()
        },
        BorderColor::all(palette.muted),
    )
}

/// One run on a chart over dates, `x` pixels from the left: `height` as `trend_bar`'s.
pub fn dated_bar(x: f32, height: f32, color: Color) -> impl Bundle {
    (
        Node {
            position_type: PositionType::Absolute,
            left: px(x),
            bottom: px(0),
            width: px(DATED_BAR_WIDTH),
            height: percent((height.clamp(0.0, 1.0) * 100.0).max(6.0)),
            border_radius: BorderRadius::top(px(2)),
            ..default()
        },
        BackgroundColor(color),
    )
}

/// The width of a `dated_bar`.
pub const DATED_BAR_WIDTH: f32 = 4.0;

/// When a principle is next due for review, `x` pixels from the left of a chart over dates: a
/// thin full-height line.
pub fn due_mark(x: f32, color: Color) -> impl Bundle {
    (
        Node {
            position_type: PositionType::Absolute,
            left: px(x),
            top: px(0),
            bottom: px(0),
            width: px(2),
            ..default()
        },
        BackgroundColor(color),
    )
}

/// A photo in a post or message, drawn as what it shows in words (feedwise draws no images of
/// people): a camera and the description, framed like a picture.
pub fn picture(shows: &str, palette: &Palette) -> impl Bundle + use<> {
    (
        Accessible::new(accesskit::Role::Image).named(format!("Picture: {shows}")),
        Node {
            padding: UiRect::all(px(10)),
            border: UiRect::all(px(1)),
            border_radius: BorderRadius::all(px(8)),
            ..column(4.0)
        },
        BackgroundColor(palette.background),
        BorderColor::all(palette.border),
        children![
            text_line("📷 Picture", size::SMALL, palette.muted),
            wrapped_text(shows.to_owned(), size::BODY, palette.text),
        ],
    )
}

/// A short video as its app shows it: a portrait frame with what is on screen in words, a
/// play mark, and at its foot who posted it.
pub fn video_frame(shows: &str, byline: String, palette: &Palette) -> impl Bundle + use<> {
    (
        Accessible::new(accesskit::Role::Video).named(format!("Video by {byline}: {shows}")),
        Node {
            justify_content: JustifyContent::SpaceBetween,
            width: px(220),
            min_width: px(220),
            min_height: px(330),
            padding: UiRect::all(px(12)),
            border: UiRect::all(px(1)),
            border_radius: BorderRadius::all(px(12)),
            ..column(8.0)
        },
        BackgroundColor(palette.background),
        BorderColor::all(palette.border),
        children![
            wrapped_text(shows.to_owned(), size::BODY, palette.muted),
            (
                Node {
                    justify_content: JustifyContent::Center,
                    ..default()
                },
                children![text_line("▶", size::TITLE, palette.text)],
            ),
            text_line(byline, size::SMALL, palette.text),
        ],
    )
}

/// The box a messaging app writes in, drawn but not used: the trainee's words are the
/// decision's options.
pub fn composer(placeholder: String, palette: &Palette) -> impl Bundle + use<> {
    (
        Decorative,
        Node {
            padding: UiRect::axes(px(12), px(8)),
            border: UiRect::all(px(1)),
            border_radius: BorderRadius::all(px(18)),
            flex_shrink: 0.0,
            ..default()
        },
        BackgroundColor(palette.background),
        BorderColor::all(palette.border),
        children![text_line(placeholder, size::BODY, palette.muted)],
    )
}
