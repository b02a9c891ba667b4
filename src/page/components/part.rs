//! The page's end of the typed views ([`crate::contract::view_tree`]): what is shown in each [`Part`]
//! (by the worker, or by the page for its own notes), and the component that renders a part
//! with Yew, which diffs it against what it rendered before. A part shown again unchanged is
//! not rendered again; a part whose container is not on the page yet is kept until it is.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::prelude::*;
use yew::virtual_dom::{AttributeOrProperty, Attributes, Listener, ListenerKind, VNode, VTag};

use crate::contract::view_tree::{Attr, Control, Node, Part, Tag};

/// What a part shows, and who renders it.
#[derive(Default)]
struct Shown {
    nodes: Rc<Vec<Node>>,
    render: Option<Callback<()>>,
}

/// What is done when a control of a view is used: its control, the row it acts on, the event.
pub type ControlHandler = fn(Control, u32, &web_sys::Event);

thread_local! {
    /// By part, in the order of [`Part::ALL`].
    static SHOWN: RefCell<Vec<Shown>> = RefCell::new(Part::ALL.iter().map(|_| Shown::default()).collect());
    /// What the views' controls do (none until [`on_control`] says).
    static ON_CONTROL: Cell<Option<ControlHandler>> = const { Cell::new(None) };
}

/// Says what the views' controls do when they are used (the page's link to its worker does,
/// see [`crate::page::components::worker_parts::mount`]).
pub fn on_control(handler: ControlHandler) {
    ON_CONTROL.with(|on_control| on_control.set(Some(handler)));
}

/// What `part` shows, for a change.
fn entry(shown: &mut [Shown], part: Part) -> &mut Shown {
    &mut shown[part as usize]
}

/// Shows `nodes` in `part` (nothing happens when it shows them already).
pub fn show(part: Part, nodes: Vec<Node>) {
    let render = SHOWN.with(|shown| {
        let mut shown = shown.borrow_mut();
        let entry = entry(&mut shown, part);
        if *entry.nodes == nodes {
            return None;
        }
        entry.nodes = Rc::new(nodes);
        entry.render.clone()
    });
    if let Some(render) = render {
        render.emit(());
    }
}

/// Shows what `make` makes in `part` unless it shows something already: what a part shows
/// before the worker has said anything (no render is asked for: call it while rendering).
pub fn preset(part: Part, make: impl FnOnce() -> Vec<Node>) {
    SHOWN.with(|shown| {
        let mut shown = shown.borrow_mut();
        let entry = entry(&mut shown, part);
        if entry.nodes.is_empty() {
            entry.nodes = Rc::new(make());
        }
    });
}

/// Shows one line of text in `part` (empty text: nothing).
pub fn say(part: Part, text: &str) {
    let nodes = if text.is_empty() {
        Vec::new()
    } else {
        vec![Node::Text(text.to_owned())]
    };
    show(part, nodes);
}

fn shown(part: Part) -> Rc<Vec<Node>> {
    SHOWN.with(|shown| shown.borrow()[part as usize].nodes.clone())
}

/// Which part a [`WorkerPart`] renders.
#[derive(Properties, PartialEq)]
pub struct PartProps {
    /// The part.
    pub part: Part,
}

/// Renders what is shown in a part, and again whenever that changes.
#[function_component(WorkerPart)]
pub fn worker_part(props: &PartProps) -> Html {
    let update = use_force_update();
    use_effect_with(props.part, move |part| {
        let part = *part;
        let render = Callback::from(move |()| update.force_update());
        SHOWN.with(|shown| entry(&mut shown.borrow_mut(), part).render = Some(render));
        move || SHOWN.with(|shown| entry(&mut shown.borrow_mut(), part).render = None)
    });
    render_all(&shown(props.part))
}

/// Nodes as Yew's.
pub fn render_all(nodes: &[Node]) -> Html {
    nodes.iter().map(render).collect()
}

/// The name of every attribute a view may set, in the order of [`Attr::ALL`]: the keys of
/// every element's attributes, so that Yew compares them value by value.
static ATTRIBUTE_NAMES: [&str; Attr::ALL.len()] = {
    let mut names = [""; Attr::ALL.len()];
    let mut at = 0;
    while at < names.len() {
        names[at] = Attr::ALL[at].name();
        at += 1;
    }
    names
};

/// What a control listens for: a button's (or a list option's) clicks, a field's changes (a text field's when it is
/// left or Enter is pressed).
struct ControlListener {
    control: Control,
    row: u32,
    button: bool,
}

impl Listener for ControlListener {
    fn kind(&self) -> ListenerKind {
        if self.button {
            ListenerKind::onclick
        } else {
            ListenerKind::onchange
        }
    }

    fn handle(&self, event: web_sys::Event) {
        if let Some(handler) = ON_CONTROL.with(Cell::get) {
            handler(self.control, self.row, &event);
        }
    }

    fn passive(&self) -> bool {
        false
    }
}

/// One node as Yew's.
fn render(node: &Node) -> Html {
    match node {
        Node::Text(text) => Html::from(text.clone()),
        Node::Part(part) => html! { <WorkerPart part={*part} /> },
        Node::El(tag, attrs, children) => VNode::from(element(*tag, attrs, children)),
        Node::Live(control, row, tag, attrs, children) => {
            let mut element = element(*tag, attrs, children);
            element.add_listener(Rc::new(ControlListener {
                control: *control,
                row: *row,
                button: matches!(tag, Tag::Button | Tag::Li),
            }));
            VNode::from(element)
        }
    }
}

/// An element as Yew's.
fn element(tag: Tag, attrs: &[(Attr, String)], children: &[Node]) -> VTag {
    let mut element = VTag::new(tag.name());
    if tag == Tag::Input {
        element.set_checked(attrs.iter().any(|(attr, _)| *attr == Attr::Checked));
    }
    let mut values = vec![None; Attr::ALL.len()];
    for (attr, value) in attrs {
        values[*attr as usize] = match attr {
            Attr::Checked => None,
            Attr::Value if tag == Tag::Input => {
                element.set_value(value.clone());
                None
            }
            // A property, so that the list shows it even after the user chose another.
            Attr::Selected => Some(AttributeOrProperty::Property(true.into())),
            _ => Some(AttributeOrProperty::Attribute(value.clone().into())),
        };
    }
    element.set_attributes(Attributes::Dynamic {
        keys: &ATTRIBUTE_NAMES,
        values: values.into_boxed_slice(),
    });
    element.add_children(children.iter().map(render));
    element
}
