//! Driving the app from a script of steps, for end-to-end tests and facilitators' rehearsals:
//! key presses, waits, screenshots and checks of the screen shown. `--screenshot PATH` is the
//! script "frames 5, screenshot PATH, exit".
//!
//! ```text
//! # comments and blank lines are ignored
//! wait 1.5            # real seconds
//! idle 2              # real seconds in which the window sleeps as a user's idle one does,
//!                     # drawing only when something wakes it (author mode's reload, input)
//! frames 3            # rendered frames
//! key Digit1          # press and release: Digit0-9, Enter, Escape, Space, Tab, Backspace, Slash, F2, F3, F4, F11, ArrowUp/Down/Left/Right, PageUp/PageDown, KeyA-KeyZ
//! type A message at midnight  # text typed as a keyboard does (the rest of the line)
//! screenshot out.png
//! await read.flag     # draw until this file exists (another program has read the screen)
//! expect-uncovered  # no button or option lies under the strip author mode keeps below
//! answer              # the open decision as keys would answer it: option 1, the order shown,
//!                     # or the first options a selection asks for (kinds differ from run to run)
//! expect Play         # Library, Play, Debrief, Settings or Facilitate; or a play phase: Watching, Deciding, Feedback
//! scroll-feed 300 40  # scroll the feed 40 px a frame for 300 frames, then log frame times
//! play-random 1000 7  # 1,000 playthroughs of random scenarios with random answers (seed 7),
//!                     # logging resident memory every 100: the soak run
//! play-random 1 7 hold-last  # one, staying on the feedback of its last answer
//! exit
//! ```

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput, NativeKeyCode};
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use bevy::window::PrimaryWindow;

use super::LaunchOptions;
use super::library::Library;
use super::state::PlayPhase;
use super::state::Screen;
use super::theme::widget::ReservedBelow;
use bevy::ecs::system::SystemParam;
use bevy::ui::CalculatedClip;

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Wait(f32),
    /// Wait with the window left to sleep as it would for a user (see `Script::idle_left`).
    Idle(f32),
    Frames(u32),
    Key(KeyCode),
    /// Type text as a keyboard does, each character a key press carrying it.
    Type(String),
    Screenshot(PathBuf),
    /// Wait, drawing, until a file exists: a program reading the app from outside (the
    /// screen-reader test) says it has read this screen. At most `MAX_AWAIT` seconds.
    Await(PathBuf),
    ExpectScreen(Screen),
    ExpectPhase(PlayPhase),
    /// Answer the open decision with the options as shown: the first, all in order, or the
    /// first `pick`.
    Answer,
    /// Every text the room must read (the projector's decision) lies whole inside the
    /// window and inside the decision's area, which clips what overflows.
    ExpectFits,
    /// No button (options are buttons) shows under the strip kept below the screen for author
    /// mode's problems and panel, and a strip is kept.
    ExpectUncovered,
    /// Scroll the feed by `pixels` a frame for `frames` frames, then log frame-time statistics.
    ScrollFeed {
        frames: u32,
        pixels: f32,
    },
    /// Record the time of the next `frames` frames (drawing continuously), then log their
    /// statistics under `label`.
    FrameTimes {
        frames: u32,
        label: String,
    },
    /// Play `runs` playthroughs from the library, each of a random scenario with random
    /// answers, through the same requests the screens send.
    PlayRandom {
        runs: u32,
        seed: u64,
        /// `hold-last`: stay on the feedback of each run's last answer, before its ending
        /// shows (where the fault tests kill the app).
        hold_last: bool,
    },
    Exit,
}

/// Longest `wait`, in seconds; most frames or playthroughs one step may ask for.
const MAX_WAIT: f32 = 3_600.0;
const MAX_COUNT: u32 = 1_000_000;
const MAX_AWAIT: f32 = 120.0;

/// A count no larger than `MAX_COUNT`.
fn count(text: &str) -> Option<u32> {
    text.parse().ok().filter(|n| *n <= MAX_COUNT)
}

/// Reads a script; errors name the line.
pub fn parse_script(text: &str, origin: &Path) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    for (number, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (word, rest) = line
            .split_once(char::is_whitespace)
            .map_or((line, ""), |(w, r)| (w, r.trim()));
        let step = parse_step(word, rest)
            .map_err(|error| format!("{}:{}: {error}", origin.display(), number + 1))?;
        steps.push(step);
    }
    Ok(steps)
}

/// One step, from its first word and the rest of its line.
fn parse_step(word: &str, rest: &str) -> Result<Step, String> {
    let mut words = rest.split_whitespace();
    Ok(match word {
        "wait" | "idle" => {
            let seconds = rest
                .parse::<f32>()
                .ok()
                .filter(|s| (0.0..=MAX_WAIT).contains(s))
                .ok_or_else(|| {
                    format!("`{word}` takes seconds from 0 to {MAX_WAIT}, e.g. `{word} 1.5`")
                })?;
            if word == "wait" {
                Step::Wait(seconds)
            } else {
                Step::Idle(seconds)
            }
        }
        "frames" => Step::Frames(
            count(rest).ok_or_else(|| format!("`frames` takes a count up to {MAX_COUNT}"))?,
        ),
        "key" => Step::Key(key_code(rest).ok_or_else(|| format!("unknown key `{rest}`"))?),
        "type" if !rest.is_empty() => Step::Type(rest.to_owned()),
        "screenshot" if !rest.is_empty() => Step::Screenshot(PathBuf::from(rest)),
        "await" if !rest.is_empty() => Step::Await(PathBuf::from(rest)),
        "expect" => match rest {
            "Library" => Step::ExpectScreen(Screen::Library),
            "Play" => Step::ExpectScreen(Screen::Play),
            "Debrief" => Step::ExpectScreen(Screen::Debrief),
            "Settings" => Step::ExpectScreen(Screen::Settings),
            "History" => Step::ExpectScreen(Screen::History),
            "Facilitate" => Step::ExpectScreen(Screen::Facilitate),
            "Profession" => Step::ExpectScreen(Screen::Profession),
            "PracticeSet" => Step::ExpectScreen(Screen::PracticeSet),
            "Watching" => Step::ExpectPhase(PlayPhase::Watching),
            "Deciding" => Step::ExpectPhase(PlayPhase::Deciding),
            "Feedback" => Step::ExpectPhase(PlayPhase::Feedback),
            other => return Err(format!("cannot expect `{other}`")),
        },
        "expect-fits" => Step::ExpectFits,
        "expect-uncovered" => Step::ExpectUncovered,
        "scroll-feed" => {
            let frames = words.next().and_then(count);
            let pixels = words
                .next()
                .and_then(|w| w.parse::<f32>().ok())
                .filter(|p| p.abs() <= 10_000.0);
            let (Some(frames), Some(pixels)) = (frames, pixels) else {
                return Err("`scroll-feed` takes frames and pixels (up to 10000), e.g. `scroll-feed 300 40`".into());
            };
            Step::ScrollFeed { frames, pixels }
        }
        "frame-times" => match (words.next().and_then(count), words.next()) {
            (Some(frames), Some(label)) => Step::FrameTimes {
                frames,
                label: label.to_owned(),
            },
            _ => {
                return Err(
                    "`frame-times` takes frames and a label, e.g. `frame-times 200 idle`".into(),
                );
            }
        },
        "play-random" => {
            let runs = words.next().and_then(count);
            let seed = words.next().map_or(Some(1), |w| w.parse().ok());
            let hold_last = match words.next() {
                None => Some(false),
                Some("hold-last") => Some(true),
                Some(_) => None,
            };
            let (Some(runs), Some(seed), Some(hold_last)) = (runs, seed, hold_last) else {
                return Err("`play-random` takes a number of runs, a seed and optionally `hold-last`, e.g. `play-random 1000 7`".into());
            };
            Step::PlayRandom {
                runs,
                seed,
                hold_last,
            }
        }
        "exit" => Step::Exit,
        "answer" => Step::Answer,
        other => return Err(format!("unknown step `{other}`")),
    })
}

/// A key by its `KeyCode` name: the named keys the script documents, `Digit0`-`Digit9`, and
/// `KeyA`-`KeyZ` (the letter in either case).
fn key_code(name: &str) -> Option<KeyCode> {
    use KeyCode::*;
    let name = match (name.strip_prefix("Digit"), name.strip_prefix("Key")) {
        (Some(digit), _) => format!("Digit{}", digit.parse::<u8>().ok()?),
        (_, Some(letter)) if letter.len() == 1 => format!("Key{}", letter.to_ascii_uppercase()),
        _ => name.to_owned(),
    };
    [
        Enter, Escape, Space, Tab, ArrowUp, ArrowDown, ArrowLeft, ArrowRight, PageUp, PageDown,
        Backspace, Slash, F2, F3, F4, F11, Digit0, Digit1, Digit2, Digit3, Digit4, Digit5, Digit6,
        Digit7, Digit8, Digit9, KeyA, KeyB, KeyC, KeyD, KeyE, KeyF, KeyG, KeyH, KeyI, KeyJ, KeyK,
        KeyL, KeyM, KeyN, KeyO, KeyP, KeyQ, KeyR, KeyS, KeyT, KeyU, KeyV, KeyW, KeyX, KeyY, KeyZ,
    ]
    .into_iter()
    .find(|code| format!("{code:?}") == name)
}

/// The logical key a key code would type, for the synthetic input message.
fn logical(code: KeyCode) -> Key {
    match code {
        KeyCode::Enter => Key::Enter,
        KeyCode::Escape => Key::Escape,
        KeyCode::Space => Key::Space,
        KeyCode::Tab => Key::Tab,
        KeyCode::ArrowUp => Key::ArrowUp,
        KeyCode::ArrowDown => Key::ArrowDown,
        KeyCode::ArrowLeft => Key::ArrowLeft,
        KeyCode::ArrowRight => Key::ArrowRight,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Slash => Key::Character("/".into()),
        KeyCode::F2 => Key::F2,
        KeyCode::F3 => Key::F3,
        KeyCode::F4 => Key::F4,
        KeyCode::F11 => Key::F11,
        other => Key::Character(
            format!("{other:?}")
                .trim_start_matches("Digit")
                .trim_start_matches("Key")
                .to_lowercase()
                .into(),
        ),
    }
}

/// A key pressed and released; with `typed`, typing that character as it goes down.
fn press(
    keys: &mut MessageWriter<KeyboardInput>,
    window: Entity,
    key_code: KeyCode,
    typed: Option<char>,
) {
    let typed = typed.map(|c| c.to_string());
    for state in [ButtonState::Pressed, ButtonState::Released] {
        keys.write(KeyboardInput {
            key_code,
            logical_key: (typed.as_deref())
                .map_or_else(|| logical(key_code), |c| Key::Character(c.into())),
            state,
            text: typed
                .as_deref()
                .filter(|_| state == ButtonState::Pressed)
                .map(Into::into),
            repeat: false,
            window,
        });
    }
}

/// A running script.
#[derive(Resource, Debug, Default)]
pub struct Script {
    steps: Vec<Step>,
    next: usize,
    wait: f32,
    frames: u32,
    /// The current `wait` is an `idle`: the window may sleep through it.
    idle: bool,
    shooting: bool,
    scrolling: Option<(u32, f32)>,
    frame_times: Vec<f32>,
    random: Option<RandomPlay>,
    /// Frames left to time, and the label to log them under.
    timing: Option<(u32, String)>,
    /// The file an `await` waits for, and the seconds it has left.
    awaiting: Option<(PathBuf, f32)>,
    pub failures: Vec<String>,
}

impl Script {
    pub fn new(steps: Vec<Step>) -> Self {
        Script { steps, ..default() }
    }

    /// During an `idle` step, the seconds left: the window updates as a user's would (asleep
    /// until something wakes it) and wakes by itself at the end.
    pub fn idle_left(&self) -> Option<f32> {
        (self.idle && self.wait > 0.0).then_some(self.wait)
    }

    /// A check that failed: logged, and the script exits with an error.
    fn fail(&mut self, failure: String) {
        error!("{failure}");
        self.failures.push(failure);
    }

    /// A check of the step just run that failed.
    fn fail_step(&mut self, failure: impl std::fmt::Display) {
        self.fail(format!("step {}: {failure}", self.next));
    }
}

pub(super) fn plugin(app: &mut App) {
    let options = app.world().resource::<LaunchOptions>().clone();
    let steps = match (&options.script, &options.screenshot) {
        (Some(path), _) => std::fs::read_to_string(path)
            .map_err(|e| format!("{}: {e}", path.display()))
            .and_then(|text| parse_script(&text, path))
            .unwrap_or_else(|error| {
                app.world_mut()
                    .resource_mut::<super::notices::Notices>()
                    .push(format!("script not run: {error}"));
                vec![Step::Exit]
            }),
        // The fifth frame, as the bare example takes its shot (frames 1 and 2 are black).
        (None, Some(path)) => vec![Step::Frames(3), Step::Screenshot(path.clone()), Step::Exit],
        (None, None) => return,
    };
    app.insert_resource(Script::new(steps));
    app.add_systems(
        Update,
        (scroll_feed, time_frames, play_random, run_script).chain(),
    );
}

#[allow(clippy::too_many_arguments)]
fn run_script(
    mut commands: Commands,
    mut script: ResMut<Script>,
    time: Res<Time<Real>>,
    screen: Res<State<Screen>>,
    phase: Option<Res<State<PlayPhase>>>,
    window: Query<(Entity, &Window), With<PrimaryWindow>>,
    mut keys: MessageWriter<KeyboardInput>,
    mut exit: MessageWriter<AppExit>,
    library: Res<Library>,
    room_texts: RoomTexts,
    buttons: Buttons,
    (active, mut requests): (
        Option<Res<super::session::ActiveSession>>,
        MessageWriter<super::session::SessionRequest>,
    ),
) {
    // A script drives a complete library, so its key presses meet the same cards every run.
    if script.shooting
        || script.scrolling.is_some()
        || script.random.is_some()
        || script.timing.is_some()
        || !library.loaded
    {
        return;
    }
    if script.wait > 0.0 {
        script.wait -= time.delta_secs();
        return;
    }
    script.idle = false;
    if let Some((path, left)) = script.awaiting.take()
        && !path.exists()
    {
        let left = left - time.delta_secs();
        if left > 0.0 {
            script.awaiting = Some((path, left));
        } else {
            script.fail(format!("no {} after {MAX_AWAIT} s", path.display()));
        }
        return;
    }
    if script.frames > 0 {
        script.frames -= 1;
        return;
    }
    let window = window.iter().next();
    let primary = window.map_or(Entity::PLACEHOLDER, |(e, _)| e);
    // Run steps until one has to wait for time, frames or a screenshot.
    while let Some(step) = script.steps.get(script.next).cloned() {
        script.next += 1;
        match step {
            Step::Wait(seconds) => {
                script.wait = seconds;
                return;
            }
            Step::Idle(seconds) => {
                info!("script: idle for {seconds} s");
                (script.wait, script.idle) = (seconds, true);
                return;
            }
            Step::Frames(count) => {
                script.frames = count;
                return;
            }
            Step::Key(code) => {
                press(&mut keys, primary, code, None);
                // One key a frame, so each press is seen on its own.
                return;
            }
            Step::Type(text) => {
                let unidentified = KeyCode::Unidentified(NativeKeyCode::Unidentified);
                for c in text.chars() {
                    press(&mut keys, primary, unidentified, Some(c));
                }
                return;
            }
            Step::Await(path) => {
                script.awaiting = Some((path, MAX_AWAIT));
                return;
            }
            Step::Screenshot(path) => {
                script.shooting = true;
                info!("screenshot {}", path.display());
                commands
                    .spawn(Screenshot::primary_window())
                    .observe(save_to_disk(path))
                    .observe(
                        |_: On<ScreenshotCaptured>,
                         mut script: ResMut<Script>,
                         mut exit: MessageWriter<AppExit>| {
                            script.shooting = false;
                            // Exit as soon as the picture is on disk when that is all that is left.
                            if script.steps.get(script.next) == Some(&Step::Exit)
                                && script.failures.is_empty()
                            {
                                exit.write(AppExit::Success);
                            }
                        },
                    );
                return;
            }
            Step::ExpectScreen(want) => {
                if *screen.get() != want {
                    script.fail_step(format!(
                        "expected screen {want:?}, found {:?}",
                        screen.get()
                    ));
                }
            }
            Step::ExpectFits => {
                let size = window.map_or(Vec2::ZERO, |(_, w)| w.physical_size().as_vec2());
                match room_texts.outside(Rect::from_corners(Vec2::ZERO, size)) {
                    Ok(count) => info!("expect-fits: {count} room texts inside the window"),
                    Err(failure) => script.fail_step(failure),
                }
            }
            Step::ExpectUncovered => {
                let height = window.map_or(0.0, |(_, w)| w.physical_height() as f32);
                match buttons.above_strip(height) {
                    Ok(count) => info!("expect-uncovered: {count} buttons above the strip"),
                    Err(failure) => script.fail_step(failure),
                }
            }
            Step::Answer => {
                let offer = active.as_ref().and_then(|a| a.0.pending().cloned());
                let Some(offer) = offer else {
                    script.fail_step("no decision is open to answer");
                    continue;
                };
                requests.write(super::session::SessionRequest::Answer(
                    offer.answer_as_shown(),
                ));
                return;
            }
            Step::ExpectPhase(want) => {
                let found = phase.as_ref().map(|p| *p.get());
                if found != Some(want) {
                    script.fail_step(format!("expected phase {want:?}, found {found:?}"));
                }
            }
            Step::ScrollFeed { frames, pixels } => {
                script.scrolling = Some((frames, pixels));
                script.frame_times.clear();
                return;
            }
            Step::FrameTimes { frames, label } => {
                script.frame_times.clear();
                script.timing = Some((frames, label));
                return;
            }
            Step::PlayRandom {
                runs,
                seed,
                hold_last,
            } => {
                info!(
                    "play-random: {runs} runs; resident memory at the start {:.1} MiB",
                    resident_mib()
                );
                script.random = Some(RandomPlay {
                    left: runs,
                    rng: seed.max(1),
                    hold_last,
                    ..default()
                });
                return;
            }
            Step::Exit => {
                exit.write(if script.failures.is_empty() {
                    AppExit::Success
                } else {
                    AppExit::error()
                });
                return;
            }
        }
    }
}

/// The projector's texts the room must read, and the area that clips them.
#[derive(bevy::ecs::system::SystemParam)]
pub struct RoomTexts<'w, 's> {
    texts: Query<
        'w,
        's,
        (
            &'static ComputedNode,
            &'static UiGlobalTransform,
            Option<&'static Text>,
        ),
        With<super::screens::facilitate::RoomText>,
    >,
    areas: Query<
        'w,
        's,
        (&'static ComputedNode, &'static UiGlobalTransform),
        With<super::screens::facilitate::DecisionArea>,
    >,
}

/// The buttons on screen, and the strip kept below the screen.
#[derive(SystemParam)]
pub struct Buttons<'w, 's> {
    buttons: Query<
        'w,
        's,
        (
            &'static ComputedNode,
            &'static UiGlobalTransform,
            &'static InheritedVisibility,
            Option<&'static CalculatedClip>,
        ),
        With<Button>,
    >,
    reserved: Res<'w, ReservedBelow>,
}

impl Buttons<'_, '_> {
    /// How many visible buttons end above the strip in a window `height` physical pixels
    /// high; or the first that does not, or that no strip is kept.
    fn above_strip(&self, height: f32) -> Result<usize, String> {
        if self.reserved.0 <= 0.0 {
            return Err("expect-uncovered: no strip is kept below the screen".to_owned());
        }
        let strip_top = height * (1.0 - self.reserved.0 / 100.0);
        let mut count = 0;
        for (node, at, visible, clip) in &self.buttons {
            let mut shown = Rect::from_center_size(at.translation, node.size());
            if let Some(clip) = clip {
                shown = shown.intersect(clip.clip);
            }
            if !visible.get() || shown.is_empty() {
                continue;
            }
            if shown.max.y > strip_top + 1.0 {
                return Err(format!(
                    "a button reaches {:.0} px, below the strip's top at {strip_top:.0} px",
                    shown.max.y
                ));
            }
            count += 1;
        }
        Ok(count)
    }
}

impl RoomTexts<'_, '_> {
    /// How many texts lie whole inside `window` (physical pixels) and the decision's area;
    /// or which one does not, or that there were none to check.
    fn outside(&self, window: Rect) -> Result<usize, String> {
        let rect = |node: &ComputedNode, at: &UiGlobalTransform| {
            Rect::from_center_size(at.translation, node.size())
        };
        let inside = |outer: Rect, inner: Rect| {
            inner.min.x >= outer.min.x - 1.0
                && inner.min.y >= outer.min.y - 1.0
                && inner.max.x <= outer.max.x + 1.0
                && inner.max.y <= outer.max.y + 1.0
        };
        let area = self.areas.iter().next().map(|(n, at)| rect(n, at));
        let mut count = 0;
        for (node, at, text) in &self.texts {
            let shown = rect(node, at);
            let words = text.map_or("", |t| t.0.as_str());
            if !inside(window, shown) || area.is_some_and(|a| !inside(a, shown)) {
                return Err(format!(
                    "the text \"{}\" lies outside the window or its area ({shown:?})",
                    words.chars().take(40).collect::<String>()
                ));
            }
            count += 1;
        }
        if count == 0 {
            return Err("expect-fits: no text the room must read is on screen".to_owned());
        }
        Ok(count)
    }
}

/// Scrolls the feed a step each frame (wrapping at the end) and records frame times.
fn scroll_feed(
    mut script: ResMut<Script>,
    time: Res<Time<Real>>,
    mut feed: Query<(&mut ScrollPosition, &ComputedNode), With<super::screens::play::FeedList>>,
) {
    let Some((left, pixels)) = script.scrolling else {
        return;
    };
    let delta = time.delta_secs() * 1000.0;
    script.frame_times.push(delta);
    for (mut position, node) in &mut feed {
        let max = ((node.content_size().y - node.size().y) * node.inverse_scale_factor()).max(0.0);
        let y = position.y + pixels;
        position.y = if y > max { 0.0 } else { y };
    }
    if left <= 1 {
        script.scrolling = None;
        // The first frames include the switch to continuous drawing: leave them out.
        let (frames, stats) = frame_stats(&script.frame_times, 5);
        let posts = feed.iter().count();
        info!("frame times while scrolling ({frames} frames, {posts} feed): {stats}");
    } else {
        script.scrolling = Some((left - 1, pixels));
    }
}

/// Times frames for a `frame-times` step and logs median, p95 and max.
fn time_frames(mut script: ResMut<Script>, time: Res<Time<Real>>) {
    let Some((left, label)) = script.timing.take() else {
        return;
    };
    script.frame_times.push(time.delta_secs() * 1000.0);
    if left > 1 {
        script.timing = Some((left - 1, label));
        return;
    }
    let (frames, stats) = frame_stats(&script.frame_times, 3);
    info!("frame-times {label}: {frames} frames, {stats}");
}

/// How many frame times there are after the first `skip`, and their median, p95 and max.
fn frame_stats(times: &[f32], skip: usize) -> (usize, String) {
    let mut times: Vec<f32> = times.iter().skip(skip).copied().collect();
    times.sort_by(f32::total_cmp);
    let at = |q: f32| {
        times
            .get(((times.len() as f32 * q) as usize).min(times.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0)
    };
    let max = times.last().copied().unwrap_or(0.0);
    let stats = format!(
        "median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        at(0.5),
        at(0.95),
        max
    );
    (times.len(), stats)
}

/// The state of a `play-random` step.
#[derive(Debug, Clone, Default)]
struct RandomPlay {
    left: u32,
    done: u32,
    rng: u64,
    /// Frames since a run was asked for and the play screen has not yet opened.
    starting: Option<u32>,
    hold_last: bool,
    /// Holding on a last answer's feedback.
    holding: bool,
}

impl RandomPlay {
    fn below(&mut self, n: usize) -> usize {
        // xorshift64*: repeatable from the step's seed.
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        (self.rng.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1) as u64) as usize
    }

    /// A valid answer to `offer`, chosen at random.
    fn answer(&mut self, offer: &crate::engine::Offer) -> crate::engine::Answer {
        use crate::engine::{Answer, OfferKind};
        let mut ids: Vec<String> = offer.options.iter().map(|o| o.id.clone()).collect();
        for i in (1..ids.len()).rev() {
            let j = self.below(i + 1);
            ids.swap(i, j);
        }
        match offer.kind {
            OfferKind::Choose => Answer::Choose(ids.swap_remove(0)),
            OfferKind::Rank => Answer::Rank(ids),
            OfferKind::ChooseSeveral { pick } => {
                ids.truncate(pick as usize);
                Answer::Several(ids)
            }
        }
    }
}

/// Resident memory now, in MiB (Linux; 0 elsewhere).
fn resident_mib() -> f64 {
    crate::memory_usage::resident_kib().map_or(0.0, |kib| kib as f64 / 1024.0)
}

/// Drives `play-random`: one request a frame, through the same messages and states the
/// screens use, so the whole app (feed, panels, debrief) is exercised run after run.
#[allow(clippy::too_many_arguments)]
fn play_random(
    mut script: ResMut<Script>,
    screen: Res<State<Screen>>,
    phase: Option<Res<State<PlayPhase>>>,
    library: Res<Library>,
    active: Option<Res<super::session::ActiveSession>>,
    mut starts: MessageWriter<super::session::StartSession>,
    mut requests: MessageWriter<super::session::SessionRequest>,
    mut next_screen: ResMut<NextState<Screen>>,
    mut next_phase: ResMut<NextState<PlayPhase>>,
) {
    use super::session::{SessionRequest, StartSession};
    let Some(mut random) = script.random.take() else {
        return;
    };
    if let Some(frames) = random.starting {
        if *screen.get() == Screen::Library {
            if frames > 600 {
                script
                    .failures
                    .push("play-random: a run did not start within 600 frames".into());
                return;
            }
            random.starting = Some(frames + 1);
            script.random = Some(random);
            return;
        }
        random.starting = None;
    }
    match screen.get() {
        Screen::Library if random.left == 0 => {
            info!(
                "play-random: {} runs done; resident memory at the end {:.1} MiB",
                random.done,
                resident_mib()
            );
            return; // The script goes on.
        }
        Screen::Library => {
            let ready: Vec<&Arc<crate::scenario::Scenario>> = library
                .entries
                .iter()
                .filter_map(|e| e.scenario())
                .collect();
            if ready.is_empty() {
                script
                    .failures
                    .push("play-random: no scenario to play".into());
                return;
            }
            let scenario = ready[random.below(ready.len())];
            let seed = random.below(usize::MAX) as u64;
            starts.write(StartSession::new(scenario, &library.catalogue, Some(seed)));
            random.left -= 1;
            random.starting = Some(0);
        }
        Screen::Play => match phase.as_ref().map(|p| *p.get()) {
            Some(PlayPhase::Deciding) => {
                if let Some(offer) = active.as_ref().and_then(|a| a.0.pending().cloned()) {
                    requests.write(SessionRequest::Answer(random.answer(&offer)));
                }
            }
            Some(PlayPhase::Feedback) => {
                // Whether the ending comes next: a copy of the session is played on to see.
                let last = random.hold_last
                    && active.as_ref().is_some_and(|a| {
                        let mut ahead = a.0.clone();
                        ahead.advance_to_decision();
                        ahead.is_finished()
                    });
                if !last {
                    next_phase.set(PlayPhase::Watching);
                } else if !random.holding {
                    random.holding = true;
                    info!("play-random: holding on the feedback of the run's last answer");
                }
            }
            _ => {
                requests.write(SessionRequest::SkipAhead);
            }
        },
        Screen::Debrief => {
            random.done += 1;
            if random.done % 100 == 0 {
                info!(
                    "play-random: {} runs; resident memory {:.1} MiB",
                    random.done,
                    resident_mib()
                );
            }
            next_screen.set(Screen::Library);
        }
        _ => next_screen.set(Screen::Library),
    }
    script.random = Some(random);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_step_and_names_the_bad_line() {
        let text = "# warm up\nframes 5\nwait 0.5\nkey Digit2\nkey KeyR\nkey Enter\nscreenshot a.png\nexpect Play\nexpect Feedback\nanswer\nexit\n";
        let steps = parse_script(text, Path::new("s.txt")).unwrap();
        assert_eq!(steps[0], Step::Frames(5));
        assert_eq!(steps[2], Step::Key(KeyCode::Digit2));
        assert_eq!(steps[3], Step::Key(KeyCode::KeyR));
        assert_eq!(steps[6], Step::ExpectScreen(Screen::Play));
        assert_eq!(steps[7], Step::ExpectPhase(PlayPhase::Feedback));
        assert_eq!(steps[8], Step::Answer);
        let error = parse_script("wait\nkey Banana\n", Path::new("s.txt")).unwrap_err();
        assert_eq!(
            error,
            "s.txt:1: `wait` takes seconds from 0 to 3600, e.g. `wait 1.5`"
        );
        let error = parse_script("frames 1\nkey Banana\n", Path::new("s.txt")).unwrap_err();
        assert_eq!(error, "s.txt:2: unknown key `Banana`");
    }

    #[test]
    fn page_keys_are_pressed_as_themselves() {
        let steps = parse_script("key PageDown\nkey PageUp\n", Path::new("s.txt")).unwrap();
        assert_eq!(
            steps,
            [Step::Key(KeyCode::PageDown), Step::Key(KeyCode::PageUp)]
        );
        assert_eq!(logical(KeyCode::PageDown), Key::PageDown);
        assert_eq!(logical(KeyCode::PageUp), Key::PageUp);
    }

    #[test]
    fn numbers_out_of_range_are_refused_with_the_range() {
        for bad in [
            "wait NaN",
            "wait -1",
            "wait 1e30",
            "wait inf",
            "frames 2000000",
            "frames -3",
            "scroll-feed 10 1e9",
            "play-random 5000000",
            "play-random 10 x",
            "play-random 10 7 hold",
        ] {
            let error = parse_script(bad, Path::new("s.txt")).expect_err(bad);
            assert!(error.starts_with("s.txt:1: "), "{bad}: {error}");
        }
        let text = "play-random 1000 7\nplay-random 3\nplay-random 1 5 hold-last\n";
        let steps = parse_script(text, Path::new("s.txt")).unwrap();
        let random = |runs, seed, hold_last| Step::PlayRandom {
            runs,
            seed,
            hold_last,
        };
        assert_eq!(
            steps,
            [
                random(1000, 7, false),
                random(3, 1, false),
                random(1, 5, true)
            ]
        );
    }
}
