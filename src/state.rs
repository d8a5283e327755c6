//! The app's one state and the actions that change it (a Yew reducer).
//!
//! Every change produces a new `Rc<State>`; nothing here touches the DOM, so the reducer is
//! tested natively.

use std::collections::VecDeque;
use std::rc::Rc;

use nocontent_engine::paste::Pasted;
use nocontent_engine::scenario::{ClientKind, Framing, ResponseType, Scenario, SendMode};
use yew::{Callback, Reducible};

use std::collections::HashMap;

/// How many changes "undo" remembers.
const UNDO_DEPTH: usize = 100;

/// Messages for input fields, keyed by the engine's field path (`answer.headers[1].value`).
pub type FieldMessages = Rc<HashMap<String, String>>;

/// What the editing panels read and how they ask for a change, shared by a Yew context from
/// the app down to every field (see `layout::App`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Editor {
    pub scenario: Scenario,
    /// The status field's text, as typed.
    pub status_input: String,
    pub status_problem: Option<String>,
    /// The gallery entry the scenario came from, until an edit.
    pub loaded: Option<&'static str>,
    /// The note the reader chose in the search, to show open among the notes.
    pub opened_note: Option<OpenedNote>,
    /// Input errors and findings by field (`answer.headers[1].value`).
    pub messages: FieldMessages,
    /// Does nothing in a read-only embed.
    pub dispatch: Callback<Action>,
    /// Why the chosen client sends another method than the one typed, or none at all, from
    /// the exchange (a form sends only GET or POST; fetch() refuses TRACE).
    pub method_change: Option<nocontent_engine::wire::Change>,
}

impl Editor {
    /// The view of `state` the panels get.
    pub fn of(state: &State, messages: FieldMessages, dispatch: Callback<Action>) -> Editor {
        Editor {
            scenario: state.scenario.clone(),
            status_input: state.status_input.clone(),
            status_problem: state.status_input_problem(),
            loaded: state.loaded,
            opened_note: state.opened_note,
            messages,
            dispatch,
            method_change: None,
        }
    }
}

/// A note chosen in the search, and how many times one was chosen, so choosing the same
/// note again (after closing it, say) opens and shows it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenedNote {
    pub slug: &'static str,
    pub times: u32,
}

/// Which header list an action edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Request,
    Answer,
}

impl Side {
    pub fn key(self) -> &'static str {
        match self {
            Side::Request => "request",
            Side::Answer => "answer",
        }
    }
}

/// The part of a header row being edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Name,
    Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Replace the whole scenario, e.g. from the gallery; `from` names the gallery entry.
    Load(Box<Scenario>, Option<&'static str>),
    SetMethod(String),
    SetTarget(String),
    SetRequestBody(String),
    SetClient(ClientKind),
    SetResponseType(ResponseType),
    /// The status field's text as typed; the scenario follows when it is a number.
    SetStatus(String),
    SetAnswerBody(String),
    SetFraming(Framing),
    SetSend(SendMode),
    AddHeader(Side),
    RemoveHeader(Side, usize),
    /// Move a header row up (-1) or down (+1).
    MoveHeader(Side, usize, isize),
    EditHeader(Side, usize, Part, String),
    /// A pasted response becomes the answer, sent as written, and the request line it shows
    /// (if any) the request's method and target.
    Paste(Box<Pasted>),
    Undo,
    /// Show this note (a slug) open among the notes; the scenario does not change.
    OpenNote(&'static str),
}

impl Action {
    /// Consecutive edits of the same field count as one change for undo, so undo steps back
    /// over a word, not a keystroke.
    fn field(&self) -> Option<String> {
        Some(match self {
            Action::SetMethod(_) => "method".into(),
            Action::SetTarget(_) => "target".into(),
            Action::SetRequestBody(_) => "request.body".into(),
            Action::SetStatus(_) => "status".into(),
            Action::SetAnswerBody(_) => "answer.body".into(),
            Action::EditHeader(side, i, part, _) => format!("{}.{i}.{part:?}", side.key()),
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub scenario: Scenario,
    /// The status field's text, which may be mid-edit ("20") or not a number at all.
    pub status_input: String,
    /// The gallery entry the scenario came from, until the user edits it.
    pub loaded: Option<&'static str>,
    /// The note chosen in the search, until another scenario is loaded.
    pub opened_note: Option<OpenedNote>,
    /// Earlier (scenario, status text) pairs, oldest first, at most `UNDO_DEPTH`. Shared
    /// between successive states, and copied only when a change adds to it.
    undo: Rc<VecDeque<(Scenario, String)>>,
    last_field: Option<String>,
}

impl Default for State {
    fn default() -> Self {
        State::new(Scenario::default())
    }
}

impl State {
    /// The state for a scenario, with its gallery entry when it is exactly one: so a reload
    /// or a shared link of an unedited gallery scenario shows its explanation card again.
    /// Only a catalog id can come out of this, whatever the scenario holds.
    pub fn new(scenario: Scenario) -> State {
        let status_input = scenario.answer.status.to_string();
        let loaded = nocontent_engine::catalog::catalog()
            .into_iter()
            .find(|e| e.scenario == scenario)
            .map(|e| e.id);
        State {
            scenario,
            status_input,
            loaded,
            opened_note: None,
            undo: Rc::default(),
            last_field: None,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// A message for the status field when its text is not a number at all.
    pub fn status_input_problem(&self) -> Option<String> {
        let text = self.status_input.trim();
        if text.is_empty() {
            Some("type a status code, such as 204".into())
        } else if text.parse::<u16>().is_err() {
            Some(format!(
                "\"{text}\" is not a status code: use three digits, such as 204"
            ))
        } else {
            None
        }
    }

    fn apply(&mut self, action: Action) {
        let s = &mut self.scenario;
        match action {
            Action::Load(scenario, from) => {
                self.scenario = *scenario;
                self.status_input = self.scenario.answer.status.to_string();
                self.loaded = from;
                // Another scenario brings its own notes.
                self.opened_note = None;
                return;
            }
            Action::OpenNote(slug) => {
                let times = self.opened_note.map_or(0, |n| n.times).wrapping_add(1);
                self.opened_note = Some(OpenedNote { slug, times });
                return;
            }
            Action::SetMethod(m) => s.request.method = m,
            Action::SetTarget(t) => s.request.target = t,
            Action::SetRequestBody(b) => s.request.body = b,
            Action::SetClient(kind) => s.client.kind = kind,
            Action::SetResponseType(t) => s.client.response_type = t,
            Action::SetStatus(text) => {
                if let Ok(code) = text.trim().parse::<u16>() {
                    s.answer.status = code;
                }
                self.status_input = text;
            }
            Action::SetAnswerBody(b) => s.answer.body = b,
            Action::SetFraming(f) => s.answer.framing = f,
            Action::SetSend(m) => s.answer.send = m,
            Action::AddHeader(side) => headers(s, side).push((String::new(), String::new())),
            Action::RemoveHeader(side, i) => {
                let list = headers(s, side);
                if i < list.len() {
                    list.remove(i);
                }
            }
            Action::MoveHeader(side, i, by) => {
                let list = headers(s, side);
                let j = i.checked_add_signed(by);
                if let Some(j) = j.filter(|j| *j < list.len() && i < list.len()) {
                    list.swap(i, j);
                }
            }
            Action::EditHeader(side, i, part, text) => {
                if let Some(row) = headers(s, side).get_mut(i) {
                    match part {
                        Part::Name => row.0 = text,
                        Part::Value => row.1 = text,
                    }
                }
            }
            Action::Paste(pasted) => {
                s.answer = pasted.answer;
                if let Some(r) = pasted.request {
                    s.request.method = r.method;
                    s.request.target = r.target;
                }
                self.status_input = s.answer.status.to_string();
            }
            Action::Undo => {}
        }
        self.loaded = None;
    }
}

fn headers(s: &mut Scenario, side: Side) -> &mut Vec<(String, String)> {
    match side {
        Side::Request => &mut s.request.headers,
        Side::Answer => &mut s.answer.headers,
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        if action == Action::Undo {
            if let Some((scenario, status_input)) = Rc::make_mut(&mut next.undo).pop_back() {
                next.scenario = scenario;
                next.status_input = status_input;
                next.loaded = None;
            }
            next.last_field = None;
            return Rc::new(next);
        }
        let field = action.field();
        let coalesce = field.is_some() && field == next.last_field;
        let before = (next.scenario.clone(), next.status_input.clone());
        next.apply(action);
        if !coalesce && (before.0 != next.scenario || before.1 != next.status_input) {
            let undo = Rc::make_mut(&mut next.undo);
            undo.push_back(before);
            while undo.len() > UNDO_DEPTH {
                undo.pop_front();
            }
        }
        next.last_field = field;
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(actions: Vec<Action>) -> Rc<State> {
        actions
            .into_iter()
            .fold(Rc::new(State::default()), |state, a| state.reduce(a))
    }

    fn check(actions: Vec<Action>, expected: impl Fn(&State) -> bool, what: &str) {
        let state = run(actions);
        assert!(expected(&state), "{what}: {state:#?}");
    }

    #[test]
    fn reducer() {
        use Action::*;
        check(
            vec![
                SetStatus("2".into()),
                SetStatus("20".into()),
                SetStatus("205".into()),
            ],
            |s| s.scenario.answer.status == 205,
            "status follows the text",
        );
        check(
            vec![SetStatus("abc".into())],
            |s| s.scenario.answer.status == 204 && s.status_input_problem().is_some(),
            "non-numbers keep the last status",
        );
        check(
            vec![
                AddHeader(Side::Answer),
                EditHeader(Side::Answer, 0, Part::Name, "ETag".into()),
                EditHeader(Side::Answer, 0, Part::Value, "\"v1\"".into()),
            ],
            |s| s.scenario.answer.headers == [("ETag".to_string(), "\"v1\"".to_string())],
            "add and edit a header",
        );
        check(
            vec![
                AddHeader(Side::Request),
                AddHeader(Side::Request),
                EditHeader(Side::Request, 1, Part::Name, "B".into()),
                MoveHeader(Side::Request, 1, -1),
            ],
            |s| s.scenario.request.headers[0].0 == "B",
            "move a header up",
        );
        check(
            vec![
                AddHeader(Side::Request),
                MoveHeader(Side::Request, 0, -1),
                MoveHeader(Side::Request, 0, 5),
                RemoveHeader(Side::Request, 9),
            ],
            |s| s.scenario.request.headers.len() == 1,
            "out-of-range moves and removals do nothing",
        );
        check(
            vec![
                SetTarget("/a".into()),
                SetTarget("/ab".into()),
                SetTarget("/abc".into()),
                Undo,
            ],
            |s| s.scenario.request.target == "/items/42",
            "undo steps back over a run of typing in one field",
        );
        check(
            vec![SetTarget("/a".into()), SetMethod("PUT".into()), Undo],
            |s| s.scenario.request.target == "/a" && s.scenario.request.method == "DELETE",
            "undo steps back one field at a time",
        );
        check(
            vec![Undo, Undo],
            |s| s.scenario == Scenario::default() && !s.can_undo(),
            "undo with nothing to undo",
        );
        let loaded = nocontent_engine::catalog::find("form-post-205")
            .map(|e| e.scenario)
            .unwrap_or_default();
        check(
            vec![Load(Box::new(loaded.clone()), Some("form-post-205"))],
            |s| s.loaded == Some("form-post-205") && s.status_input == "205",
            "load from the gallery",
        );
        check(
            vec![
                Load(Box::new(loaded), Some("form-post-205")),
                SetStatus("204".into()),
            ],
            |s| s.loaded.is_none(),
            "an edit leaves the gallery entry",
        );
    }

    /// A paste replaces the answer and the request line it shows, leaves the rest of the
    /// request alone, and is one step of undo.
    #[test]
    fn a_paste_becomes_the_answer_and_undo_brings_back_the_composer() {
        let text = "> HEAD /x HTTP/1.1\n>\n< HTTP/1.1 205 Reset Content\n< Content-Length: 0\n<\n";
        let pasted =
            nocontent_engine::paste::read(text, "GET", None).unwrap_or_else(|e| panic!("{e}"));
        let state = run(vec![
            Action::SetRequestBody("kept".into()),
            Action::Paste(Box::new(pasted)),
        ]);
        assert_eq!(state.scenario.answer.status, 205);
        assert_eq!(state.status_input, "205");
        assert_eq!(
            state.scenario.answer.headers,
            [("Content-Length".to_string(), "0".to_string())]
        );
        assert_eq!(
            (
                state.scenario.request.method.as_str(),
                state.scenario.request.target.as_str()
            ),
            ("HEAD", "/x")
        );
        assert_eq!(state.scenario.request.body, "kept");
        let state = state.reduce(Action::Undo);
        assert_eq!(state.scenario.answer, Scenario::default().answer);
        assert_eq!(state.scenario.request.method, "DELETE");
        assert_eq!(state.status_input, "204");
    }

    /// A reload or a shared link of an unedited gallery scenario finds its entry again, for
    /// every entry (so no two entries may share a scenario); an edited one finds none.
    #[test]
    fn a_gallery_scenario_from_a_link_knows_its_entry() {
        for e in nocontent_engine::catalog::catalog() {
            assert_eq!(
                State::new(e.scenario.clone()).loaded,
                Some(e.id),
                "{}",
                e.id
            );
            let mut edited = e.scenario;
            edited.request.target.push('x');
            assert_eq!(State::new(edited).loaded, None, "{} edited", e.id);
        }
    }

    /// Choosing a note changes no field and adds nothing to undo; choosing it again counts,
    /// and loading another scenario puts it away.
    #[test]
    fn opening_a_note_keeps_the_scenario_and_undo() {
        let state = run(vec![
            Action::SetTarget("/a".into()),
            Action::OpenNote("status-204-no-content"),
        ]);
        assert_eq!(
            state.opened_note,
            Some(OpenedNote {
                slug: "status-204-no-content",
                times: 1
            })
        );
        assert_eq!(state.scenario.request.target, "/a");
        assert_eq!(state.undo.len(), 1);
        let again = state.reduce(Action::OpenNote("status-204-no-content"));
        assert_eq!(again.opened_note.map(|n| n.times), Some(2));
        let loaded = again.reduce(Action::Load(Box::default(), None));
        assert_eq!(loaded.opened_note, None);
    }

    #[test]
    fn undo_keeps_the_last_hundred_changes() {
        let actions: Vec<Action> = (0..150)
            .flat_map(|i| {
                // Alternate fields, so no two edits coalesce.
                [
                    Action::SetTarget(format!("/{i}")),
                    Action::SetMethod(format!("M{i}")),
                ]
            })
            .collect();
        let mut state = run(actions);
        assert_eq!(state.undo.len(), UNDO_DEPTH);
        for _ in 0..UNDO_DEPTH {
            state = state.reduce(Action::Undo);
        }
        assert!(!state.can_undo());
        // The oldest change still remembered is from the 100th-to-last edit, not the first.
        assert_eq!(state.scenario.request.method, "M99");
        assert_eq!(state.scenario.request.target, "/99");
    }

    #[test]
    fn every_change_is_a_new_rc() {
        let state = Rc::new(State::default());
        let next = state.clone().reduce(Action::SetMethod("PUT".into()));
        assert!(!Rc::ptr_eq(&state, &next));
    }
}
