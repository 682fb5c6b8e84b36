//! The simulated network's memory: posts with their threads and counts, deletions,
//! screenshots, direct messages, notifications and unread counts. It takes the session's
//! `PlayEvent`s and says what changed, so the app draws changes and `feedwise play` prints
//! threads and counts from the same state; both read the details back from here.

use std::collections::HashMap;

use serde::Serialize;

use super::outcome::Millis;
use super::session::PlayEvent;
use crate::scenario::{Happening, Platform, Role, Scenario};

/// Everything shown so far in one run.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// The trainee's persona id: their messages are sent, not received.
    me: String,
    /// The chatbot of a `Chatbot` scenario: its answers are the conversation on screen, not
    /// unread messages.
    chatbot: Option<String>,
    posts: Vec<Post>,
    by_id: HashMap<String, usize>,
    messages: Vec<DirectMessage>,
    notifications: Vec<Notice>,
    unread: Unread,
}

/// A post, reply or shared screenshot as it stands now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Post {
    pub id: String,
    pub author: String,
    pub text: String,
    /// What the post's photo or video shows, in words (the scenario's `shows`).
    pub picture: Option<String>,
    pub at: Millis,
    pub kind: PostKind,
    pub likes: u32,
    pub reposts: u32,
    pub replies: u32,
    pub deleted: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub enum PostKind {
    /// A post at the top of the feed.
    #[default]
    Post,
    /// A reply: the post or reply it answers, and the post whose thread it hangs under (its
    /// own id when what it answers was never shown, so it starts a thread of its own).
    Reply { to: String, root: String },
    /// A screenshot of another post shared by `author`, with that post as it was.
    Screenshot {
        of: String,
        original_author: Option<String>,
        original_text: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DirectMessage {
    pub from: String,
    pub to: String,
    pub text: String,
    pub at: Millis,
    /// Sent by the trainee.
    pub mine: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub text: String,
    pub by: Option<String>,
    pub about: Option<String>,
    pub at: Millis,
}

/// Unread direct messages and notifications, as the badges show them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Unread {
    pub messages: usize,
    pub notifications: usize,
}

/// The panels a trainee can mark as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Panel {
    Messages,
    Notifications,
}

/// What one event changed; read the details from the timeline by id or index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A new item at the top of the feed: a post, a screenshot, or a reply whose thread is
    /// not on screen.
    Posted {
        id: String,
    },
    /// A reply added to the thread under `root`.
    Replied {
        id: String,
        root: String,
    },
    /// A post's or reply's counts changed.
    Counted {
        id: String,
    },
    Deleted {
        id: String,
    },
    /// The message at this index of `messages()` arrived.
    Messaged {
        index: usize,
    },
    /// The notification at this index of `notifications()` arrived.
    Notified {
        index: usize,
    },
    UnreadChanged(Unread),
}

impl Timeline {
    /// An empty timeline for a run of `scenario`.
    pub fn of(scenario: &Scenario) -> Self {
        let me = scenario
            .cast
            .iter()
            .find(|p| p.role == Role::Me)
            .map(|p| p.id.clone())
            .unwrap_or_default();
        let chatbot = match &scenario.platform {
            Platform::Chatbot { bot } => Some(bot.clone()),
            _ => None,
        };
        Timeline {
            me,
            chatbot,
            ..Timeline::default()
        }
    }

    pub fn post(&self, id: &str) -> Option<&Post> {
        self.by_id.get(id).map(|&i| &self.posts[i])
    }

    /// Every post, reply and screenshot, in the order they arrived.
    pub fn posts(&self) -> &[Post] {
        &self.posts
    }

    /// The replies under a post's thread, in the order they arrived.
    pub fn thread(&self, root: &str) -> impl Iterator<Item = &Post> {
        self.posts.iter().filter(move |p| {
            p.id != root && matches!(&p.kind, PostKind::Reply { root: r, .. } if r == root)
        })
    }

    pub fn messages(&self) -> &[DirectMessage] {
        &self.messages
    }

    pub fn notifications(&self) -> &[Notice] {
        &self.notifications
    }

    pub fn unread(&self) -> Unread {
        self.unread
    }

    /// Takes one event of the session and says what it changed.
    pub fn apply(&mut self, event: &PlayEvent) -> Vec<Change> {
        let PlayEvent::Shown { at, happening } = event else {
            return Vec::new();
        };
        let at = *at;
        match happening {
            Happening::Post {
                id,
                by,
                text,
                likes,
                reposts,
                image: _,
                shows,
            } => {
                self.add(Post {
                    id: id.clone(),
                    author: by.clone(),
                    text: text.clone(),
                    picture: shows.clone(),
                    at,
                    likes: *likes,
                    reposts: *reposts,
                    ..Post::default()
                });
                vec![Change::Posted { id: id.clone() }]
            }
            Happening::Reply {
                id,
                to,
                by,
                text,
                likes,
            } => {
                // A reply hangs under the thread of the post it (or its parent) answers, and
                // counts as one more reply on that post; a reply to something not shown starts
                // its own thread.
                let root = match self.post(to).map(|p| &p.kind) {
                    Some(PostKind::Reply { root, .. }) => Some(root.clone()),
                    Some(_) => Some(to.clone()),
                    None => None,
                };
                self.add(Post {
                    id: id.clone(),
                    author: by.clone(),
                    text: text.clone(),
                    at,
                    kind: PostKind::Reply {
                        to: to.clone(),
                        root: root.clone().unwrap_or_else(|| id.clone()),
                    },
                    likes: *likes,
                    ..Post::default()
                });
                let Some(root) = root else {
                    return vec![Change::Posted { id: id.clone() }];
                };
                self.posts[self.by_id[&root]].replies += 1;
                vec![
                    Change::Replied {
                        id: id.clone(),
                        root: root.clone(),
                    },
                    Change::Counted { id: root },
                ]
            }
            Happening::Message { from, to, text } => {
                let mine = *from == self.me;
                self.messages.push(DirectMessage {
                    from: from.clone(),
                    to: to.clone(),
                    text: text.clone(),
                    at,
                    mine,
                });
                let mut changes = vec![Change::Messaged {
                    index: self.messages.len() - 1,
                }];
                let from_chatbot = self.chatbot.as_ref() == Some(from);
                if !mine && !from_chatbot {
                    self.unread.messages += 1;
                    changes.push(Change::UnreadChanged(self.unread));
                }
                changes
            }
            Happening::Notification { text, by, about } => {
                self.notifications.push(Notice {
                    text: text.clone(),
                    by: by.clone(),
                    about: about.clone(),
                    at,
                });
                self.unread.notifications += 1;
                vec![
                    Change::Notified {
                        index: self.notifications.len() - 1,
                    },
                    Change::UnreadChanged(self.unread),
                ]
            }
            Happening::Engagement {
                post,
                likes,
                reposts,
                replies,
            } => {
                let Some(&i) = self.by_id.get(post) else {
                    return Vec::new();
                };
                let counted = &mut self.posts[i];
                counted.likes = likes.unwrap_or(counted.likes);
                counted.reposts = reposts.unwrap_or(counted.reposts);
                counted.replies = replies.unwrap_or(counted.replies);
                vec![Change::Counted { id: post.clone() }]
            }
            Happening::Deleted { post } => {
                let Some(&i) = self.by_id.get(post) else {
                    return Vec::new();
                };
                self.posts[i].deleted = true;
                vec![Change::Deleted { id: post.clone() }]
            }
            Happening::Resurfaced { post, by, text } => {
                let original = self.post(post);
                let kind = PostKind::Screenshot {
                    of: post.clone(),
                    original_author: original.map(|p| p.author.clone()),
                    original_text: original.map(|p| p.text.clone()).unwrap_or_default(),
                };
                let id = format!("{post}-screenshot");
                // A screenshot shows the original's picture too.
                let picture = original.and_then(|p| p.picture.clone());
                self.add(Post {
                    id: id.clone(),
                    author: by.clone(),
                    text: text.clone(),
                    picture,
                    at,
                    kind,
                    ..Post::default()
                });
                vec![Change::Posted { id }]
            }
        }
    }

    /// Marks a panel read; says so only when its count was not already zero.
    pub fn mark_read(&mut self, panel: Panel) -> Option<Change> {
        let count = match panel {
            Panel::Messages => &mut self.unread.messages,
            Panel::Notifications => &mut self.unread.notifications,
        };
        if *count == 0 {
            return None;
        }
        *count = 0;
        Some(Change::UnreadChanged(self.unread))
    }

    fn add(&mut self, post: Post) {
        self.by_id.insert(post.id.clone(), self.posts.len());
        self.posts.push(post);
    }
}
