//! What is drawn over a view for the facilitator: choosing the network, asking before the end
//! drops open votes, the key help, and the presenter window's placeholder while it sits on the
//! projector's screen.

use bevy::prelude::*;

use super::keys::open_votes;
use crate::app::facilitation::ActiveRoom;
use crate::app::theme::widget::{dialog, in_dialog, overlay, text_line, wrapped_text};
use crate::app::theme::{Palette, size};

/// A dialog box over the view, for `fill` to fill.
fn over_view(
    root: &mut ChildSpawnerCommands,
    p: &Palette,
    dialog: impl Bundle,
    fill: impl FnOnce(&mut ChildSpawnerCommands),
) {
    in_dialog(root.spawn(overlay(p, 20, AlignItems::Center)), dialog, fill);
}

/// The machine's addresses, to pick the one phones can reach.
pub(super) fn address_chooser(
    root: &mut ChildSpawnerCommands,
    addresses: &[crate::facilitate::interfaces::Interface],
    p: &Palette,
) {
    over_view(root, p, dialog(p, 760.0, 90.0, p.accent), |box_| {
        box_.spawn(text_line(
            "Take votes from phones on which network?",
            size::PROJECTOR_SMALL,
            p.text,
        ));
        for (i, interface) in addresses.iter().enumerate().take(9) {
            let note = if interface.is_loopback() {
                " (this computer only)"
            } else {
                ""
            };
            box_.spawn(text_line(
                format!("{}  {}  {}{note}", i + 1, interface.address, interface.name),
                size::PROJECTOR_SMALL,
                p.text,
            ));
        }
        box_.spawn(wrapped_text(
            "Press its number; Esc: not now. Phones and this computer must be on the \
             same network.",
            size::BODY,
            p.muted,
        ));
    });
}

/// `E` with votes on the open decision: they would not be kept.
pub(super) fn confirm_end(root: &mut ChildSpawnerCommands, active: &ActiveRoom, p: &Palette) {
    let votes = open_votes(active);
    over_view(root, p, dialog(p, 760.0, 90.0, p.poor), |box_| {
        box_.spawn(text_line(
            "End the session now?",
            size::PROJECTOR_SMALL,
            p.text,
        ));
        box_.spawn(wrapped_text(
            format!(
                "The open decision has {votes} vote{} that the story has not \
                 followed. Ending now leaves them out of the summary and the export.",
                if votes == 1 { "" } else { "s" }
            ),
            size::BODY,
            p.text,
        ));
        box_.spawn(text_line(
            "E: end anyway · any other key: go back (Enter there follows the room)",
            size::BODY,
            p.muted,
        ));
    });
}

/// The presenter window while it shares the projector's screen: no key on show.
pub(super) fn presenter_placeholder(root: &mut ChildSpawnerCommands, p: &Palette) {
    root.spawn(Node {
        flex_grow: 1.0,
        flex_direction: FlexDirection::Column,
        justify_content: JustifyContent::Center,
        align_items: AlignItems::Center,
        row_gap: px(16),
        ..default()
    })
    .with_children(|middle| {
        middle.spawn(text_line("Presenter view", size::PROJECTOR_TITLE, p.text));
        middle.spawn(wrapped_text(
            "This window is on the projector's screen, so the key stays hidden. Drag it to \
             your own screen and the presenter view appears. O closes it.",
            size::PROJECTOR_SMALL,
            p.muted,
        ));
    });
}

pub(super) fn key_help(root: &mut ChildSpawnerCommands, p: &Palette) {
    over_view(root, p, dialog(p, 900.0, 94.0, p.accent), |box_| {
        for line in [
            "Space  start or pause the timeline · N  skip to the next event",
            "V  open voting · C  close voting · R  reveal",
            "H  show of hands: a count per option, Enter after each",
            "Enter  follow the room's answer (at the end: next scenario)",
            "F then 1-9  follow that option instead (a selection: each one)",
            "B  back one decision · T  discussion timer",
            "P  projector or presenter view · O  presenter view in its own window",
            "PageUp / PageDown  scroll the presenter view",
            "F11  the projector's window fills the screen (again: a window)",
            "E  end the session (asks first if votes are open) · X  export",
            "W  take votes from phones on the local network (again: stop)",
            "J  the join slide · D  close or open the doors to new phones",
            "[ ]  fewer or more phones from one network address",
            "?  this help",
        ] {
            box_.spawn(text_line(line, size::PROJECTOR_SMALL, p.text));
        }
    });
}
