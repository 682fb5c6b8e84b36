//! What a screen reader reads: the UI mirrored into Bevy's AccessKit tree.
//!
//! Bevy gives roles only to `Button`, `Label` and `ImageNode`, names a button from its direct
//! children once, and lists every other accessible node under the window in no set order. So
//! every UI node joins the tree here: plain nodes as transparent containers (AccessKit leaves
//! them out but keeps their children's order), text as labels that follow its changes, titles
//! and headings as headings, buttons named by all the text inside them. Screens say more with
//! [`Accessible`]: a post is an article, an option a radio button, the decision a dialog that
//! is announced when it opens.
//!
//! Nothing here runs until a screen reader asks for the tree, so a trainee without one pays
//! nothing for it.

use accesskit::{Live, Node as AccessNode, Role, Toggled};
use bevy::a11y::{AccessibilityNode, AccessibilityRequested, AccessibilitySystems};
use bevy::prelude::*;
use bevy::ui::UiSystems;
use bevy::ui::widget::TextUiReader;

pub(super) fn plugin(app: &mut App) {
    // Bevy sends no tree without the focus resource, which theme/focus.rs keeps on a control.
    app.add_systems(
        PostUpdate,
        (join_tree, describe)
            .chain()
            .after(UiSystems::PostLayout)
            .before(AccessibilitySystems::Update)
            // Headless tests run without Bevy's accessibility plugin, so without the resource.
            .run_if(|requested: Option<Res<AccessibilityRequested>>| {
                requested.is_some_and(|r| r.get())
            }),
    );
}

/// What a screen says of one of its nodes beyond what its text shows.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct Accessible {
    pub role: Role,
    pub name: Name,
    /// Said as soon as the node appears (or its name changes): arrivals, the decision opening.
    pub live: Live,
    /// An option's state: ticked, or the one chosen.
    pub toggled: Option<bool>,
}

impl Accessible {
    /// A node read by its text.
    pub fn new(role: Role) -> Self {
        Self {
            role,
            name: Name::AllText,
            live: Live::Off,
            toggled: None,
        }
    }

    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Name::Given(name.into());
        self
    }

    /// Named by its first text only (a card by its title; the rest is read inside it).
    pub fn named_by_first_text(mut self) -> Self {
        self.name = Name::FirstText;
        self
    }

    /// Announced when it appears, after what is being said (new posts, messages, feedback).
    pub fn polite(mut self) -> Self {
        self.live = Live::Polite;
        self
    }

    /// Announced at once, interrupting (a decision opening).
    pub fn assertive(mut self) -> Self {
        self.live = Live::Assertive;
        self
    }

    pub fn toggled(mut self, on: bool) -> Self {
        self.toggled = Some(on);
        self
    }
}

/// Where an [`Accessible`] node's name comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Name {
    /// All the text inside it, in reading order.
    AllText,
    /// The first text inside it.
    FirstText,
    Given(String),
}

/// Drawn only for the eye (an avatar's initials beside the name): left out of the tree and of
/// the names of what holds it.
#[derive(Component, Debug, Clone, Copy)]
pub struct Decorative;

/// A title or a heading: screen readers list headings and jump between them.
#[derive(Component, Debug, Clone, Copy)]
pub struct Heading(pub usize);

type UiNodeWithoutAccess = (With<Node>, Without<AccessibilityNode>);

/// Every UI node joins the tree, so that the tree keeps the screen's order.
fn join_tree(mut commands: Commands, nodes: Query<Entity, UiNodeWithoutAccess>) {
    for entity in &nodes {
        commands
            .entity(entity)
            .try_insert(AccessibilityNode::from(AccessNode::new(
                Role::GenericContainer,
            )));
    }
}

/// What decides how a node is read.
type Reading = (
    Entity,
    &'static mut AccessibilityNode,
    Option<&'static Accessible>,
    Option<&'static Heading>,
    Has<Button>,
    Has<Text>,
    Has<Decorative>,
    &'static ComputedNode,
    Option<&'static InheritedVisibility>,
);

#[derive(bevy::ecs::system::SystemParam)]
struct Describable<'w, 's> {
    nodes: Query<'w, 's, Reading>,
    children: Query<'w, 's, &'static Children>,
    decorative: Query<'w, 's, (), With<Decorative>>,
    texts: TextUiReader<'w, 's>,
}

/// Roles, names, text and visibility, brought up to date; a node is marked changed only when
/// something a screen reader reads has changed.
fn describe(mut ui: Describable) {
    let entities: Vec<Entity> = ui.nodes.iter().map(|(entity, ..)| entity).collect();
    for entity in entities {
        let Ok((_, node, accessible, heading, button, text, decorative, computed, visible)) =
            ui.nodes.get(entity)
        else {
            continue;
        };
        let hidden = decorative || computed.is_empty() || visible.is_some_and(|v| !v.get());
        let (accessible, heading) = (accessible.cloned(), heading.copied());
        let current = node.0.clone();
        let wanted = wanted_node(
            current,
            accessible.as_ref(),
            heading,
            button,
            text,
            hidden,
            |reach| match reach {
                Reach::Within => text_within(&mut ui, entity, usize::MAX),
                Reach::First => text_within(&mut ui, entity, 1),
                Reach::Own => own_text(entity, &mut ui.texts),
            },
        );
        if let Ok((_, mut node, ..)) = ui.nodes.get_mut(entity)
            && !same(&node.0, &wanted)
        {
            node.0 = wanted;
        }
    }
}

/// Which text names a node: its own, the first inside it, or all of it inside.
#[derive(Debug, Clone, Copy)]
enum Reach {
    Own,
    First,
    Within,
}

/// The node as it should be, keeping what Bevy keeps on it (bounds and transform).
#[allow(clippy::too_many_arguments)]
fn wanted_node(
    mut node: AccessNode,
    accessible: Option<&Accessible>,
    heading: Option<Heading>,
    button: bool,
    text: bool,
    hidden: bool,
    mut read: impl FnMut(Reach) -> String,
) -> AccessNode {
    if let Some(accessible) = accessible {
        node.set_role(accessible.role);
        node.set_label(match &accessible.name {
            Name::AllText => read(Reach::Within),
            Name::FirstText => read(Reach::First),
            Name::Given(name) => name.clone(),
        });
        node.clear_value();
        node.set_live(accessible.live);
        match accessible.toggled {
            Some(on) => node.set_toggled(if on { Toggled::True } else { Toggled::False }),
            None => node.clear_toggled(),
        }
    } else if let Some(Heading(level)) = heading {
        node.set_role(Role::Heading);
        node.set_level(level);
        node.set_label(read(Reach::Own));
        node.set_live(Live::Off);
    } else if button {
        node.set_role(Role::Button);
        node.set_label(read(Reach::Within));
        node.set_live(Live::Off);
    } else if text {
        // A label's name is its value in AccessKit; set off so that text inside an announced
        // node is not announced a second time on its own.
        node.set_role(Role::Label);
        node.set_value(read(Reach::Own));
        node.set_live(Live::Off);
    } else {
        node.set_role(Role::GenericContainer);
    }
    // A placeholder (an unfilled card) has nothing to read or press.
    let empty = node.role() == Role::Button && node.label().is_none_or(|l| l.is_empty());
    if hidden || empty {
        node.set_hidden();
    } else {
        node.clear_hidden();
    }
    node
}

/// What changes what is read: the tree is re-sent only for these.
fn same(a: &AccessNode, b: &AccessNode) -> bool {
    a.role() == b.role()
        && a.label() == b.label()
        && a.value() == b.value()
        && a.live() == b.live()
        && a.toggled() == b.toggled()
        && a.is_hidden() == b.is_hidden()
        && a.level() == b.level()
}

/// A text entity's own text, with its spans.
fn own_text(entity: Entity, texts: &mut TextUiReader) -> String {
    texts.iter(entity).map(|(_, _, text, ..)| text).collect()
}

/// All the text inside a node, in reading order, up to `most` pieces.
/// Depth first, what is decorative left out with all that is inside it.
fn text_within(ui: &mut Describable, entity: Entity, most: usize) -> String {
    let (mut pieces, mut stack) = (Vec::<String>::new(), vec![entity]);
    while let Some(entity) = stack.pop()
        && pieces.len() < most
    {
        if ui.decorative.contains(entity) {
            continue;
        }
        let own = own_text(entity, &mut ui.texts);
        if !own.trim().is_empty() {
            pieces.push(own.trim().to_owned());
        }
        if let Ok(kids) = ui.children.get(entity) {
            stack.extend(kids.iter().rev());
        }
    }
    pieces.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn described(accessible: Option<Accessible>, button: bool, text: bool) -> AccessNode {
        wanted_node(
            AccessNode::new(Role::GenericContainer),
            accessible.as_ref(),
            None,
            button,
            text,
            false,
            |reach| match reach {
                Reach::Within => "Ward Ghost, 3am tea round".to_owned(),
                Reach::Own | Reach::First => "Ward Ghost".to_owned(),
            },
        )
    }

    #[test]
    fn text_is_a_label_whose_value_is_its_text_and_is_never_announced_alone() {
        let node = described(None, false, true);
        assert_eq!(node.role(), Role::Label);
        assert_eq!(node.value(), Some("Ward Ghost"));
        assert_eq!(node.live(), Some(Live::Off));
    }

    #[test]
    fn a_button_is_named_by_all_its_text() {
        let node = described(None, true, false);
        assert_eq!(node.role(), Role::Button);
        assert_eq!(node.label(), Some("Ward Ghost, 3am tea round"));
    }

    #[test]
    fn a_screen_names_and_announces_its_own_nodes() {
        let node = described(
            Some(
                Accessible::new(Role::Dialog)
                    .named("Decision: reply?")
                    .assertive(),
            ),
            false,
            false,
        );
        assert_eq!(node.role(), Role::Dialog);
        assert_eq!(node.label(), Some("Decision: reply?"));
        assert_eq!(node.live(), Some(Live::Assertive));
        let option = described(
            Some(Accessible::new(Role::RadioButton).toggled(true)),
            true,
            false,
        );
        assert_eq!(option.label(), Some("Ward Ghost, 3am tea round"));
        assert_eq!(option.toggled(), Some(Toggled::True));
    }

    #[test]
    fn a_card_is_named_by_its_title_and_an_empty_button_is_left_out() {
        let card = described(
            Some(Accessible::new(Role::Button).named_by_first_text()),
            true,
            false,
        );
        assert_eq!(card.label(), Some("Ward Ghost"));
        assert!(!card.is_hidden());
        let empty = described(Some(Accessible::new(Role::Button).named("")), true, false);
        assert!(empty.is_hidden());
    }

    #[test]
    fn a_change_that_is_read_is_a_change_and_bounds_alone_are_not() {
        let a = described(None, false, true);
        let mut b = a.clone();
        b.set_bounds(accesskit::Rect::new(0.0, 0.0, 5.0, 5.0));
        assert!(same(&a, &b));
        b.set_value("Someone else");
        assert!(!same(&a, &b));
    }
}
