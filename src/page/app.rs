//! The root component: layout and wiring. It owns the state and the token (memory only) and
//! hands each part only what it shows and the callbacks it may use; the async parts live in
//! [`crate::page::hooks`], the decisions in the pure modules.

use graph_model::RequestOptions;
use std::time::Duration;

use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

use crate::contract::ids::BULK_BODY_ID;
use crate::contract::protocol::ListKind;
use crate::contract::view_tree::Part;
use crate::page::components::code_panel::{code_panel, copy_snippet};
use crate::page::components::connection::{ConnectionProps, connection_panel};
use crate::page::components::connection_line::{SETTINGS_ID, connection_line};
use crate::page::components::history_panel::{HistoryPanelProps, history_panel};
use crate::page::components::notice_bar::notice_bar;
use crate::page::components::part::WorkerPart;
use crate::page::components::picker::{PickerProps, picker_panel};
use crate::page::components::picker_loads::{list_loads, load_list};
use crate::page::components::request_panel::{RequestPanelProps, request_panel};
use crate::page::components::response_panel::{ResponsePanelProps, response_panel};
use crate::page::components::share_bar::share_bar;
use crate::page::components::share_offer::share_offer;
use crate::page::components::shortcuts_help::shortcuts_help;
use crate::page::components::target_editor::{TargetEditorProps, target_editor};
use crate::page::components::view_tabs::view_tabs;
use crate::page::components::worker_parts;
use crate::page::hooks::use_copy_status::use_copy_status;
use crate::page::hooks::use_history_files::use_history_files;
use crate::page::hooks::use_saved_work::use_saved_work;
use crate::page::hooks::use_send::use_send;
use crate::page::hooks::use_share_link::use_share_link;
use crate::page::hooks::use_view::use_view;
use crate::page::services::{location, offline, signin, storage, theme};
use crate::page::shortcuts::{Shortcuts, listen_for_shortcuts};
use crate::page::state::{Action, HistoryEdit, Latest, PlaygroundState};
use crate::page::views::View;
use crate::shared::clock::now_ms;
use crate::shared::comparison::named_ids;
use crate::shared::draft::{Draft, Environment, Field, PLACEHOLDER_TOKEN};
use crate::shared::share;

/// What the preview shows for `client-request-id`, which is made fresh for each send.
const CLIENT_REQUEST_ID_PREVIEW: &str = "(a fresh GUID on each send)";

/// A callback that wraps a part's edits into the page's actions.
fn dispatch_as<E: 'static>(
    dispatcher: &UseReducerDispatcher<PlaygroundState>,
    wrap: fn(E) -> Action,
) -> Callback<E> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |edit| dispatcher.dispatch(wrap(edit)))
}

/// The playground page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        PlaygroundState::new(
            storage::load_draft().unwrap_or_else(|| Draft::first_visit(&location::host())),
            storage::load_history(),
        )
    });
    // Against the emulator the page starts with its placeholder token, so nothing needs typing.
    let token = use_state(|| match state.draft.environment {
        Environment::Emulator => PLACEHOLDER_TOKEN.to_owned(),
        Environment::Cloud(_) => String::new(),
    });
    use_saved_work(&state);
    let latest: Latest = use_mut_ref(|| (state.clone(), (*token).clone()));
    *latest.borrow_mut() = (state.clone(), (*token).clone());
    let on_choose_offer = use_share_link(&state, &latest);

    let sending = use_send(&state, &token);
    let lists = list_loads(&latest);
    {
        // The first minute against the emulator: the worker reads the lists at start (quietly)
        // and chooses the first configuration and assignment for a user who has chosen none.
        let next = (state.starting, state.draft.configuration_id.clone());
        let (draft, token) = (state.draft.clone(), (*token).clone());
        use_effect_with(next, move |(starting, id)| {
            if *starting {
                let kind = if id.is_empty() {
                    ListKind::Configurations
                } else {
                    ListKind::Assignments
                };
                load_list(kind, &token, &draft, id, true);
            }
        });
    }
    let history_files = use_history_files(&state);
    let share_copy = use_copy_status();
    let theme_preference = use_state(theme::load);
    use_effect_with(*theme_preference, |preference| theme::apply(*preference));
    let help_open = use_state(|| false);
    // "Look up names", as the user chose it: read from storage once, not at every render.
    let look_up_choice = use_state(signin::load_look_up);
    let on_look_up = {
        let look_up_choice = look_up_choice.clone();
        Callback::from(move |on: bool| {
            look_up_choice.set(Some(on));
            worker_parts::switch_look_up(on);
        })
    };

    // A newer build installed by the service worker, waiting for the user's Reload.
    let new_version = use_state(|| false);
    {
        let new_version = new_version.setter();
        use_effect_with((), move |()| {
            offline::register(Callback::from(move |()| new_version.set(true)));
        });
    }

    let dispatcher = state.dispatcher();
    let (view, open_view) = use_view();
    let on_token = {
        let token = token.clone();
        Callback::from(move |value: String| token.set(value))
    };
    {
        // A replayed request is seen where it is edited: in the one-assignment view.
        let (dispatcher, open_view) = (dispatcher.clone(), open_view.clone());
        let on_action = Callback::from(move |action: Action| {
            if matches!(action, Action::History(HistoryEdit::Replay(_))) {
                open_view.emit(View::Assignment);
            }
            dispatcher.dispatch(action);
        });
        let on_token = on_token.clone();
        use_effect_with((), move |()| worker_parts::mount(on_token, on_action));
    }
    {
        // The worker writes the names, the assignment list in words and the rules for what
        // the page shows (see `name_work`).
        let compared = named_ids(state.comparison.as_ref());
        let watched = ((*token).clone(), state.draft.clone(), compared);
        use_effect_with(watched, |(token, draft, compared)| {
            worker_parts::update(token, draft, compared)
        });
    }
    {
        // Retry countdowns: the page renders again twice a second while one runs, and an
        // armed "Retry when ready" sends as soon as the wait is over.
        let tick = use_state(now_ms);
        let counting = state.waiting.or(state.retry_ready);
        let (send, armed) = (
            sending.send.clone(),
            state.retry_armed && state.retry_ready.is_some(),
        );
        use_effect_with((*tick, counting), move |(now, counting)| {
            if let Some(plan) = counting {
                if armed && *now >= plan.ready_at_ms {
                    send.emit(());
                } else {
                    spawn_local(async move {
                        sleep(Duration::from_millis(500)).await;
                        tick.set(now_ms());
                    });
                }
            }
        });
    }
    let on_arm_retry = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(Action::ArmRetry))
    };
    let on_dismiss = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(Action::DismissNotice))
    };
    let on_toggle_theme = {
        let theme_preference = theme_preference.clone();
        Callback::from(move |()| theme_preference.set(theme_preference.next()))
    };
    let on_toggle_help = {
        let help_open = help_open.clone();
        Callback::from(move |()| help_open.set(!*help_open))
    };

    let preview_options = RequestOptions {
        client_request_id: Some(CLIENT_REQUEST_ID_PREVIEW.to_owned()),
        return_representation: state.settings.return_representation,
    };
    let plan = state.draft.plan(&token, &preview_options);
    {
        // The connection settings open by themselves when something there needs the user: no
        // token (or the placeholder for a cloud), an emulator URL that is not one, v1.0.
        let needs_user = plan.fields.iter().any(|problem| {
            matches!(
                problem.field,
                Field::EmulatorUrl | Field::Token | Field::Version
            )
        });
        let dispatcher = dispatcher.clone();
        use_effect_with(needs_user, move |needs_user| {
            if *needs_user {
                dispatcher.dispatch(Action::ConnectionSettings(true));
            }
        });
    }
    let on_toggle_connection = {
        let (dispatcher, open) = (dispatcher.clone(), state.connection_open);
        Callback::from(move |()| dispatcher.dispatch(Action::ConnectionSettings(!open)))
    };
    let share_link = location::link_with_fragment(&share::encode(&state.draft));
    let on_copy_share_link = {
        let (share_link, share_copy) = (share_link.clone(), share_copy.clone());
        Callback::from(move |()| share_copy.copy(share_link.clone()))
    };
    {
        let shortcuts = Shortcuts {
            send: sending.send.clone(),
            copy_snippet: Callback::from(|()| copy_snippet(worker_parts::draft())),
            toggle_theme: on_toggle_theme.clone(),
            toggle_help: on_toggle_help.clone(),
        };
        let latest = use_mut_ref(|| shortcuts.clone());
        *latest.borrow_mut() = shortcuts;
        use_effect_with((), move |()| listen_for_shortcuts(latest));
    }

    html! {
        <main>
            <header>
                <div class="toolbar">
                    <h1>{ "Assignment target playground" }</h1>
                    <button type="button" onclick={on_toggle_theme.reform(|_: MouseEvent| ())} aria-keyshortcuts="Alt+Shift+T">
                        { theme_preference.label() }
                    </button>
                    <button type="button" onclick={on_toggle_help.reform(|_: MouseEvent| ())}
                        aria-expanded={help_open.to_string()} aria-controls="shortcuts" aria-keyshortcuts="Alt+Shift+K">
                        { "Keyboard shortcuts" }
                    </button>
                </div>
                <p class="note">{ "Update the target of an iOS LOB app provisioning configuration assignment." }</p>
                { connection_line(&state.draft, state.connection_open, &on_toggle_connection) }
                <div id={SETTINGS_ID} class="connection-settings" hidden={!state.connection_open}>
                    <WorkerPart part={Part::ConnectionProblem} />
                    { connection_panel(&ConnectionProps {
                        draft: &state.draft,
                        plan: &plan,
                        token: &token,
                        on_edit: dispatch_as(&dispatcher, Action::Connection),
                        on_token,
                    }) }
                </div>
            </header>
            { share_offer(state.offered_draft.as_deref(), &on_choose_offer) }
            { notice_bar(state.notice.as_ref(), &on_dismiss) }
            if *new_version {
                <div class="notice" role="status">
                    <span>{ "A new version is ready:" }</span>
                    <button type="button" onclick={|_| offline::take_over()}>{ "Reload" }</button>
                </div>
            }
            if *help_open {
                { shortcuts_help() }
            }
            { view_tabs(view, &open_view) }
            <div role="tabpanel" id={View::Assignment.panel_id()} aria-labelledby={View::Assignment.tab_id()}
                tabindex="0" hidden={view != View::Assignment}>
            <div class="columns">
                <div class="column">
                    { picker_panel(&PickerProps {
                        draft: &state.draft,
                        plan: &plan,
                        on_edit: dispatch_as(&dispatcher, Action::Connection),
                        on_load_configurations: lists.load_configurations,
                        on_load_assignments: lists.load_assignments,
                        on_load_current: lists.load_current.clone(),
                    }) }
                    { target_editor(&TargetEditorProps {
                        form: &state.draft.form,
                        plan: &plan,
                        on_edit: dispatch_as(&dispatcher, Action::Target),
                        look_up: worker_parts::look_up_names_given(*look_up_choice, state.draft.environment),
                        on_look_up,
                    }) }
                    // The worker shows the set (see `crate::worker::set_work`).
                    <section class="panel" aria-labelledby="set-heading">
                        <h2 id="set-heading">{ "Assignment set" }</h2>
                        <WorkerPart part={Part::AssignmentSet} />
                    </section>
                </div>
                <div class="column">
                    { share_bar(share_link, *share_copy, &on_copy_share_link) }
                    { request_panel(&RequestPanelProps {
                        body: &state.draft.body,
                        plan: &plan,
                        settings: state.settings,
                        sending: state.sending,
                        on_edit: dispatch_as(&dispatcher, Action::Request),
                        on_send: sending.send.clone(),
                        on_cancel: sending.cancel,
                    }) }
                    { response_panel(&state, now_ms(), &ResponsePanelProps { on_reread: lists.load_current, on_arm_retry }) }
                    { code_panel() }
                </div>
            </div>
            </div>
            <div role="tabpanel" id={View::History.panel_id()} aria-labelledby={View::History.tab_id()}
                tabindex="0" hidden={view != View::History}>
                { history_panel(&HistoryPanelProps {
                    count: state.history.len(),
                    on_edit: dispatch_as(&dispatcher, Action::History),
                    on_export: history_files.export,
                    on_import: history_files.import,
                }) }
            </div>
            // The worker shows the Bulk view (see `crate::worker::bulk_work`), whose controls send it
            // their clicks and edits; the page says here when the browser would not keep the
            // run's journal.
            <div role="tabpanel" id={View::Bulk.panel_id()} aria-labelledby={View::Bulk.tab_id()}
                tabindex="0" hidden={view != View::Bulk}>
                <section class="panel" aria-labelledby="bulk-heading">
                    <h2 id="bulk-heading">{ "Bulk" }</h2>
                    <div id={BULK_BODY_ID}><WorkerPart part={Part::Bulk} /></div>
                    <WorkerPart part={Part::BulkJournalNote} />
                </section>
            </div>
        </main>
    }
}
