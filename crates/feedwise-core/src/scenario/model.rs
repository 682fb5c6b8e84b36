//! The scenario model: what one `.ron` file in `scenarios/` says, as typed Rust.
//!
//! Every struct denies unknown fields so that a misspelt field is an error with a position,
//! never a silently ignored line. Ids are strings chosen by authors; transcripts store them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One scenario: metadata, a cast, beats that play in order, and endings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Stable id, kebab-case; what transcripts and `--scenario` name.
    pub id: String,
    pub title: String,
    /// One line for the library card.
    pub summary: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Principle ids the scenario is mainly about (its teaching focus), for the library filter
    /// and the coverage report; the principles it scores come from its options' effects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus: Vec<String>,
    /// Short ref of the guidance document the scenario was written against, e.g. `SM24`.
    pub edition: String,
    pub audiences: Vec<Audience>,
    /// Estimated minutes to play.
    pub minutes: u32,
    /// Content version; bump it when a change alters scoring or paths.
    pub version: u32,
    /// Named lists picked from by seed and interpolated as `{name}` in any text.
    #[serde(default)]
    pub variants: BTreeMap<String, Vec<String>>,
    /// Text that depends on who plays, e.g. how others address the trainee: name -> audience
    /// -> text, interpolated as `{name}` like a variant. The trainee's own audience's entry is
    /// used when the scenario lists it, else the first audience's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub by_audience: BTreeMap<String, BTreeMap<Audience, String>>,
    /// The kind of app the scenario happens in; a microblog feed when absent.
    #[serde(default, skip_serializing_if = "Platform::is_feed")]
    pub platform: Platform,
    pub cast: Vec<Persona>,
    /// Id of the first beat.
    pub start: String,
    pub beats: Vec<Beat>,
    pub endings: Vec<Ending>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Audience {
    Doctor,
    Nurse,
    Midwife,
    AlliedHealth,
    Student,
    PhysicianAssociate,
}

impl Audience {
    /// Who the scenario is written for, in words.
    pub fn word(self) -> &'static str {
        match self {
            Audience::Doctor => "doctors",
            Audience::Nurse => "nurses",
            Audience::Midwife => "midwives",
            Audience::AlliedHealth => "allied health professionals",
            Audience::Student => "students",
            Audience::PhysicianAssociate => "physician associates",
        }
    }

    /// The publisher whose guidance binds this audience. Students follow the regulator of the
    /// profession they study for, which a scenario does not say.
    pub fn regulator(self) -> Option<&'static str> {
        match self {
            // The GMC has regulated physician associates since December 2024.
            Audience::Doctor | Audience::PhysicianAssociate => Some("GMC"),
            Audience::Nurse | Audience::Midwife => Some("NMC"),
            Audience::AlliedHealth => Some("HCPC"),
            Audience::Student => None,
        }
    }
}

/// The kind of app a scenario happens in: what the play screen's centre column looks like.
/// The events are the same on every platform; each draws them as its users know them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Platform {
    /// A microblog: posts newest first, replies threaded under them, likes and reposts.
    #[default]
    Feed,
    /// A messaging group: each post is a message in the group, oldest first; a reply quotes
    /// the message it answers; likes are reactions, reposts forwards; a deleted message leaves
    /// "This message was deleted". `name` may use `{variables}`.
    GroupChat { name: String, members: u32 },
    /// Short videos: each post is a video, drawn as a portrait frame of what it `shows` with
    /// its caption (the post's text), likes, comments (its replies) and shares (reposts).
    ShortVideo,
    /// A generative AI assistant: the messages between the trainee and the persona `bot` are
    /// the conversation in the centre; other messages stay in the messages column.
    Chatbot { bot: String },
}

impl Platform {
    pub fn is_feed(&self) -> bool {
        matches!(self, Platform::Feed)
    }

    /// The platform's name in a sentence: "a group chat".
    pub fn word(&self) -> &'static str {
        match self {
            Platform::Feed => "a social feed",
            Platform::GroupChat { .. } => "a group chat",
            Platform::ShortVideo => "a short-video app",
            Platform::Chatbot { .. } => "an AI chatbot",
        }
    }
}

/// Someone who posts, replies or messages in the scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub id: String,
    /// Display name; may use `{variables}`.
    pub name: String,
    /// Handle without the `@`; may use `{variables}`.
    pub handle: String,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bio: Option<String>,
    /// Image path relative to the scenario's folder; it may not leave that folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub verified: bool,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub followers: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// The trainee.
    Me,
    Patient,
    Colleague,
    Public,
    Journalist,
    Anonymous,
    Organisation,
}

/// A stretch of the timeline: events arrive, then (optionally) a decision, then the next beat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Beat {
    pub id: String,
    #[serde(default)]
    pub events: Vec<Event>,
    /// Offered when the beat's last event has arrived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// Where play goes after this beat: the first route whose condition holds. A chosen
    /// option's own `next` takes precedence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub then: Vec<Route>,
}

/// A conditional jump to a beat or an ending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    #[serde(default, skip_serializing_if = "Condition::is_always")]
    pub when: Condition,
    pub to: String,
}

/// A test on the flags set by earlier choices.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Condition {
    #[default]
    Always,
    Flag(String),
    NotFlag(String),
    All(Vec<Condition>),
    Any(Vec<Condition>),
}

impl Condition {
    pub fn is_always(&self) -> bool {
        matches!(self, Condition::Always)
    }

    /// Whether the condition holds for the given set of flags.
    pub fn holds(&self, is_set: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Condition::Always => true,
            Condition::Flag(flag) => is_set(flag),
            Condition::NotFlag(flag) => !is_set(flag),
            Condition::All(all) => all.iter().all(|c| c.holds(is_set)),
            Condition::Any(any) => any.iter().any(|c| c.holds(is_set)),
        }
    }

    /// Every flag the condition mentions, in order.
    pub fn flags(&self) -> Vec<&str> {
        match self {
            Condition::Always => vec![],
            Condition::Flag(flag) | Condition::NotFlag(flag) => vec![flag.as_str()],
            Condition::All(list) | Condition::Any(list) => {
                list.iter().flat_map(Condition::flags).collect()
            }
        }
    }
}

/// Something that becomes visible `at` seconds after its beat starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub at: u32,
    pub show: Happening,
}

/// What an event shows in the simulated network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Happening {
    /// A new post in the feed.
    Post {
        id: String,
        by: String,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        image: Option<String>,
        /// What the post's photo or video shows, in words: drawn as its picture (a short
        /// video's frame) and read out by screen readers. May use `{variables}`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        shows: Option<String>,
        #[serde(default, skip_serializing_if = "is_zero")]
        likes: u32,
        #[serde(default, skip_serializing_if = "is_zero")]
        reposts: u32,
    },
    /// A reply threaded under a post or another reply.
    Reply {
        id: String,
        to: String,
        by: String,
        text: String,
        #[serde(default, skip_serializing_if = "is_zero")]
        likes: u32,
    },
    /// A direct message; the conversation is named by the persona who is not the trainee.
    Message {
        from: String,
        to: String,
        text: String,
    },
    /// A notification or mention.
    Notification {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        about: Option<String>,
    },
    /// Counts on a post or reply change (a pile-on grows or calms); absent counts stay as they are.
    Engagement {
        post: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        likes: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reposts: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        replies: Option<u32>,
    },
    /// A post is deleted by its author.
    Deleted { post: String },
    /// A post (usually a deleted one) comes back as a screenshot shared by someone else.
    Resurfaced {
        post: String,
        by: String,
        text: String,
    },
}

impl Happening {
    /// The id this happening introduces, if it makes a post or reply.
    pub fn new_post_id(&self) -> Option<&str> {
        match self {
            Happening::Post { id, .. } | Happening::Reply { id, .. } => Some(id),
            _ => None,
        }
    }
}

/// A decision point, in one of the three situational-judgement forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: String,
    /// The question put to the trainee.
    pub prompt: String,
    pub kind: DecisionKind,
    pub options: Vec<DecisionOption>,
    /// A time limit in scenario seconds and what happens when it runs out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Timeout>,
    /// Questions for a room to discuss at the reveal, when the scenario is facilitated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discuss: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum DecisionKind {
    /// Pick one option; each option is graded on its own.
    Choose,
    /// Order all options; `key` is the expert order, best first.
    Rank { key: Vec<String> },
    /// Pick exactly `pick` options; `key` is the set of best ones.
    ChooseSeveral { pick: u32, key: Vec<String> },
}

/// One option of a decision (what authors write under `options`): what the trainee can do,
/// and what follows from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionOption {
    pub id: String,
    /// The words posted or the action taken, as the trainee sees it.
    pub text: String,
    pub grade: Grade,
    /// Signed effect on principles, by principle id.
    #[serde(default)]
    pub effects: BTreeMap<String, i32>,
    /// Set for behaviour a regulator treats as serious whatever the total.
    #[serde(default, skip_serializing_if = "is_false")]
    pub critical: bool,
    /// Ids of the behaviours in the guidance catalogue this option is an instance of: its grade
    /// is the most severe of theirs, and it is critical when any of them is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub behaviours: Vec<String>,
    /// Why this option's grade or criticality differs from its behaviours', in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exception: Option<String>,
    /// Why this choice is good or poor, in plain words.
    pub feedback: String,
    /// Guidance references: (document short ref, paragraph or section).
    pub cite: Vec<Citation>,
    /// Beat or ending that follows; when absent, the beat's `then` routes decide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// Flags this choice sets, for later conditions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set: Vec<String>,
}

/// A reference such as `("SM24", "18")`, `("RCGP", "principle-3")` or `("NMC-SM", "whole")`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation(pub String, pub String);

impl Citation {
    pub fn document(&self) -> &str {
        &self.0
    }
    pub fn part(&self) -> &str {
        &self.1
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    Exemplary,
    Acceptable,
    Poor,
    Breach,
}

impl Grade {
    /// The word shown beside the badge colour, so grade never rests on colour alone.
    pub fn word(self) -> &'static str {
        match self {
            Grade::Exemplary => "Exemplary",
            Grade::Acceptable => "Acceptable",
            Grade::Poor => "Poor",
            Grade::Breach => "Breach",
        }
    }
}

/// A time limit on a decision. When it runs out the `default` outcome is taken as if chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeout {
    pub seconds: u32,
    pub default: DecisionOption,
}

/// Where a path ends: optional closing events, then the debrief text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    pub debrief: String,
    /// How the debrief reads; a path with a critical breach, or an answer graded Poor or
    /// Breach, may not end in `Praise`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tone: Option<Tone>,
}

/// The verdict an ending's title and debrief give the trainee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tone {
    /// The trainee handled it well: patients protected, nothing to worry about.
    Praise,
    /// Some things went well and some did not.
    Mixed,
    /// The trainee slipped, then put it right; the debrief names the slip as well as the repair.
    Recovered,
    /// Harm was done or risked; the debrief says what and what to do now.
    Concern,
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn is_zero(value: &u32) -> bool {
    *value == 0
}

impl Scenario {
    pub fn beat(&self, id: &str) -> Option<&Beat> {
        self.beats.iter().find(|beat| beat.id == id)
    }

    pub fn ending(&self, id: &str) -> Option<&Ending> {
        self.endings.iter().find(|ending| ending.id == id)
    }

    pub fn persona(&self, id: &str) -> Option<&Persona> {
        self.cast.iter().find(|persona| persona.id == id)
    }
}

impl Decision {
    /// Options plus the timeout default, for checks that apply to every outcome.
    pub fn all_outcomes(&self) -> impl Iterator<Item = &DecisionOption> {
        self.options
            .iter()
            .chain(self.timeout.iter().map(|timeout| &timeout.default))
    }

    pub fn option(&self, id: &str) -> Option<&DecisionOption> {
        self.options.iter().find(|option| option.id == id)
    }

    /// The keyed answer: the best-graded options of a choice (in the order written), the
    /// expert order of a ranking, the best set of a selection.
    pub fn keyed(&self) -> Vec<String> {
        match &self.kind {
            DecisionKind::Rank { key } | DecisionKind::ChooseSeveral { key, .. } => key.clone(),
            DecisionKind::Choose => {
                let best = self.options.iter().map(|o| o.grade).min();
                (self.options.iter())
                    .filter(|o| Some(o.grade) == best)
                    .map(|o| o.id.clone())
                    .collect()
            }
        }
    }
}
