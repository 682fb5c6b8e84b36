//! What only the facilitator sees: the controls, the door to the room (phones seated, the cap
//! per address, refusals), the key, each option's grade and feedback, the votes so far, the
//! discussion prompts, hands being typed, and the last refusal.

use bevy::prelude::*;

use crate::app::theme::focus::Activated;

use super::Drawing;
use super::projector::{summary, top_bar};
use crate::app::facilitation::{Request, RoomRequest};
use crate::app::theme::size;
use crate::app::theme::widget::{
    button, column, grade_badge, row, scroll_list, text_line, wrap_row, wrapped_text,
};
use crate::facilitate::protocol::Status;

/// The presenter's list: it scrolls (eight options and their feedback outgrow a 720-line
/// screen), and keeps its place when votes arriving redraw it.
#[derive(Component)]
pub(super) struct PresenterList;

pub(super) fn view(root: &mut ChildSpawnerCommands, d: &Drawing) {
    top_bar(root, d, true);
    if d.active.ended() {
        summary(root, d, true);
        return;
    }
    root.spawn((
        scroll_list(10.0, true),
        PresenterList,
        d.presenter_scroll.clone(),
    ))
    .with_children(|all| panel(all, d));
}

fn panel(panel_root: &mut ChildSpawnerCommands, d: &Drawing) {
    let (p, active, hands) = (d.palette, d.active, d.hands);
    controls(panel_root, d);
    if let Some(door) = active.door() {
        door_line(panel_root, &door, d);
    } else if let Some(failure) = active.voting.stopped() {
        panel_root.spawn(wrapped_text(
            format!("Voting stopped: {failure}. W starts it again (same address and PIN)."),
            size::BODY,
            p.poor,
        ));
    }
    if let Some(note) = &active.note {
        panel_root.spawn(wrapped_text(note.clone(), size::BODY, p.poor));
    }
    for path in &active.exported {
        panel_root.spawn(text_line(
            format!("written: {}", path.display()),
            size::BODY,
            p.muted,
        ));
    }
    let names_professions = !active.room().regulators().is_empty();
    let phase = format!("{:?}", active.room().phase());
    let Ok(current) = active.room().current_reveal() else {
        panel_root.spawn(text_line(phase, size::PROJECTOR_SMALL, p.muted));
        return;
    };
    let voted = format!(
        "{phase} · {} voted ({} by phone)",
        current.voters,
        active.room().phone_votes()
    );
    panel_root.spawn(text_line(voted, size::PROJECTOR_SMALL, p.text));
    for (i, option) in current.options.iter().enumerate() {
        panel_root.spawn(column(2.0)).with_children(|entry| {
            entry.spawn(row(8.0)).with_children(|line| {
                line.spawn(grade_badge(option.grade, p));
                let key = match (option.keyed_place, option.in_key) {
                    (Some(place), _) => format!(" (key: {})", place + 1),
                    (None, true) => " (in the key)".to_owned(),
                    _ => String::new(),
                };
                line.spawn(text_line(
                    format!("{} votes", option.count),
                    size::BODY,
                    p.accent,
                ));
                line.spawn(wrapped_text(
                    format!("{}. {}{key}", i + 1, option.text),
                    size::BODY,
                    p.text,
                ));
            });
            entry.spawn(wrapped_text(option.feedback.clone(), size::SMALL, p.muted));
            // Only where the plan names the room's professions, and only their regulators'
            // references: the view does not scroll, and eight options must still fit.
            if names_professions && !option.guidance.is_empty() {
                entry.spawn(wrapped_text(
                    format!("Guidance: {}", option.guidance.join("; ")),
                    size::SMALL,
                    p.text,
                ));
            }
        });
    }
    if let Some(answer) = &current.room_answer {
        let numbers: Vec<String> = answer
            .ids()
            .iter()
            .filter_map(|id| current.options.iter().position(|o| o.id == *id))
            .map(|i| (i + 1).to_string())
            .collect();
        panel_root.spawn(text_line(
            format!("The room's answer: {}", numbers.join(" > ")),
            size::BODY,
            p.accent,
        ));
    }
    for prompt in &current.discuss {
        panel_root.spawn(wrapped_text(
            format!("Discuss: {prompt}"),
            size::BODY,
            p.text,
        ));
    }
    if hands.typing {
        panel_root.spawn(text_line(
            format!(
                "Hands for option {}: {}_  (Enter: next, Esc: cancel)",
                hands.counts.len() + 1,
                hands.current
            ),
            size::PROJECTOR_SMALL,
            p.accent,
        ));
    }
}

/// Seats, the cap per address, the door, and what was refused: a takeover attempt shows here
/// as numbers.
fn door_line(panel_root: &mut ChildSpawnerCommands, door: &Status, d: &Drawing) {
    let p = d.palette;
    let doors = if door.doors_open {
        "doors open (D closes them)"
    } else {
        "doors closed to new phones (D opens them)"
    };
    panel_root.spawn(wrapped_text(
        format!(
            "Phones: {} in, of {} seats · up to {} from one network address ([ and ] change it) · {doors}",
            door.seated, door.max_voters, door.per_address
        ),
        size::BODY,
        p.text,
    ));
    let r = door.refused;
    let refused: Vec<String> = [
        (r.address_cap, "over the per-address cap"),
        (r.doors_closed, "at closed doors"),
        (r.room_full, "room full"),
        (r.wrong_pin, "wrong PIN"),
        (r.locked_out, "locked out after wrong PINs"),
    ]
    .iter()
    .filter(|(count, _)| *count > 0)
    .map(|(count, what)| format!("{count} {what}"))
    .collect();
    let mut lines = Vec::new();
    if r.joins() > 0 {
        lines.push(format!("Joins refused: {}", refused.join(", ")));
    }
    if r.rate_limited > 0 {
        lines.push(format!("{} requests slowed", r.rate_limited));
    }
    if r.wrong_host + r.wrong_address > 0 {
        lines.push(format!(
            "{} requests for another address or from the wrong phone",
            r.wrong_host + r.wrong_address
        ));
    }
    if door.freed > 0 {
        lines.push(format!("{} seats freed by silent phones", door.freed));
    }
    if !lines.is_empty() {
        panel_root.spawn(wrapped_text(lines.join(" · "), size::BODY, p.poor));
    }
}

/// The facilitator's actions as buttons, for the mouse: the same requests the keys send.
fn controls(panel_root: &mut ChildSpawnerCommands, d: &Drawing) {
    let p = d.palette;
    let actions = [
        ("Start / pause (Space)", Request::StartPause),
        ("Next event (N)", Request::Skip),
        ("Open voting (V)", Request::OpenVoting),
        ("Close voting (C)", Request::CloseVoting),
        ("Reveal (R)", Request::Reveal),
        ("Follow the room (Enter)", Request::Follow(None)),
        ("Back (B)", Request::Back),
        ("Timer (T)", Request::Timer),
        ("Next scenario", Request::Next),
    ]
    .map(|(label, request)| (label, RoomRequest::Workshop(request)))
    .into_iter()
    .chain([("Export (X)", RoomRequest::Export)]);
    panel_root
        .spawn(wrap_row(8.0, 8.0))
        .with_children(|buttons| {
            for (label, request) in actions {
                buttons.spawn(button(
                    label,
                    p,
                    move |_: On<Activated>, mut requests: MessageWriter<RoomRequest>| {
                        requests.write(request.clone());
                    },
                ));
            }
            // Ending asks first when votes are open, as E does.
            buttons.spawn(button(
                "End (E)",
                p,
                |_: On<Activated>,
                 active: Res<crate::app::facilitation::ActiveRoom>,
                 mut confirm: ResMut<super::ConfirmEnd>,
                 mut requests: MessageWriter<RoomRequest>,
                 mut changed: MessageWriter<crate::app::facilitation::RoomChanged>| {
                    if super::keys::open_votes(&active) > 0 {
                        confirm.0 = true;
                        changed.write(crate::app::facilitation::RoomChanged);
                    } else {
                        requests.write(RoomRequest::Workshop(Request::End));
                    }
                },
            ));
        });
}
