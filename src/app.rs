//! The root component: owns the state, the token (memory only) and the send in flight, and
//! hands values and callbacks to the parts of the page.

use std::cell::RefCell;
use std::rc::Rc;

use graph_model::request::{RequestOptions, get};
use graph_model::snippets::SnippetLanguage;
use graph_model::{ConfigurationId, GraphUrls, HttpRequest};
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::code_panel::{CodePanelProps, code_panel};
use crate::components::connection::{ConnectionProps, connection_panel};
use crate::components::history_panel::{HistoryPanelProps, history_panel};
use crate::components::notice_bar::notice_bar;
use crate::components::picker::{PickerProps, picker_panel};
use crate::components::request_panel::{RequestPanelProps, request_panel};
use crate::components::response_panel::{ResponsePanelProps, response_panel};
use crate::components::share_bar::share_bar;
use crate::components::shortcuts_help::shortcuts_help;
use crate::components::target_editor::{TargetEditorProps, target_editor};
use crate::draft::Draft;
use crate::history;
use crate::sender::{self, Flight, SendJob};
use crate::services::clipboard::copy;
use crate::services::{files, graph, location, storage, theme};
use crate::share;
use crate::shortcuts::{Shortcuts, listen_for_shortcuts};
use crate::state::{Action, Notice, PlaygroundState};

/// What the preview shows for `client-request-id`, which is made fresh for each send.
const CLIENT_REQUEST_ID_PREVIEW: &str = "(a fresh GUID on each send)";

/// A GET of `url_for(urls)` with the token, or why it cannot be made.
fn read_request(
    draft: &Draft,
    token: &str,
    url_for: impl FnOnce(&GraphUrls<'_>) -> Result<String, String>,
) -> Result<HttpRequest, String> {
    if token.trim().is_empty() {
        return Err("Paste an access token first.".to_owned());
    }
    let root = draft.service_root().map_err(|problem| problem.message)?;
    let urls = GraphUrls::new(&root, draft.version);
    let options = RequestOptions {
        client_request_id: graph::new_client_request_id(),
        return_representation: false,
    };
    Ok(get(url_for(&urls)?, token.trim(), &options))
}

/// A GET of a list with the service root it must stay on.
fn with_base(
    draft: &Draft,
    request: Result<HttpRequest, String>,
) -> Result<(HttpRequest, String), String> {
    let base_url = draft
        .service_root()
        .map_err(|problem| problem.message)?
        .base_url();
    request.map(|request| (request, base_url))
}

/// A GET of the draft's assignment.
fn read_assignment_request(draft: &Draft, token: &str) -> Result<HttpRequest, String> {
    let ids = draft
        .configuration()
        .and_then(|configuration| {
            draft
                .assignment()
                .map(|assignment| (configuration, assignment))
        })
        .map_err(|problem| problem.message);
    read_request(draft, token, |urls| {
        let (configuration, assignment) = ids?;
        Ok(urls.assignment(&configuration, &assignment))
    })
}

/// Applies a share link in the address bar, if there is one, then clears it from the address so
/// a reload keeps the user's later edits.
fn open_share_link(state: &UseReducerHandle<PlaygroundState>) {
    let fragment = location::fragment();
    let notice = match share::decode(&fragment, &state.draft) {
        Ok(None) => return,
        Ok(Some(draft)) => {
            state.dispatch(Action::RestoreDraft(Box::new(draft)));
            Notice {
                text: "Opened the shared draft. Paste your own token to send it.".to_owned(),
                is_error: false,
            }
        }
        Err(reason) => Notice {
            text: format!("The share link was refused and nothing was changed: {reason}."),
            is_error: true,
        },
    };
    state.dispatch(Action::Notify(notice));
    location::clear_fragment();
}

/// GETs every page of a list (staying on the request's own service root) and reports it.
fn load_list<T: serde::de::DeserializeOwned + 'static>(
    request: Result<(HttpRequest, String), String>,
    done: Box<dyn FnOnce(Result<Vec<T>, String>)>,
) {
    spawn_local(async move {
        let result = match request {
            Ok((request, base_url)) => graph::get_all_pages(request, &base_url).await,
            Err(message) => Err(message),
        };
        done(result);
    });
}

/// The playground page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        PlaygroundState::new(
            storage::load_draft().unwrap_or_default(),
            storage::load_history(),
        )
    });
    let token = use_state(String::new);
    let flight: Rc<RefCell<Option<Rc<Flight>>>> = use_mut_ref(|| None);

    use_effect_with(state.draft.clone(), storage::save_draft);
    use_effect_with(state.history.clone(), storage::save_history);
    {
        let state = state.clone();
        use_effect_with((), move |()| open_share_link(&state));
    }

    let plan = Rc::new(
        state
            .draft
            .plan(&token, Some(CLIENT_REQUEST_ID_PREVIEW.to_owned())),
    );
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action| state.dispatch(action))
    };
    let on_token = {
        let token = token.clone();
        Callback::from(move |value: String| token.set(value))
    };
    let notify = |text: String, is_error: bool| Action::Notify(Notice { text, is_error });

    let on_send = {
        let (state, token, flight, dispatch) = (
            state.clone(),
            token.clone(),
            flight.clone(),
            dispatch.clone(),
        );
        Callback::from(move |()| {
            if flight.borrow().is_some() {
                return;
            }
            let plan = state.draft.plan(&token, graph::new_client_request_id());
            let (Some(request), Ok(read_request)) =
                (plan.request, read_assignment_request(&state.draft, &token))
            else {
                return;
            };
            let job = SendJob {
                request,
                read_request,
                draft: state.draft.clone(),
                settings: state.settings,
            };
            let current = Rc::new(Flight::default());
            *flight.borrow_mut() = Some(current.clone());
            state.dispatch(Action::SendStarted);
            let (flight, dispatch) = (flight.clone(), dispatch.clone());
            spawn_local(async move {
                sender::run(job, current, dispatch).await;
                flight.borrow_mut().take();
            });
        })
    };
    let on_cancel = {
        let flight = flight.clone();
        Callback::from(move |()| {
            if let Some(current) = flight.borrow().as_ref() {
                current.cancel();
            }
        })
    };

    let on_load_configurations = {
        let (state, token) = (state.clone(), token.clone());
        Callback::from(move |()| {
            state.dispatch(Action::ConfigurationsLoading);
            let request = with_base(
                &state.draft,
                read_request(&state.draft, &token, |urls| Ok(urls.configurations())),
            );
            let state = state.clone();
            load_list(
                request,
                Box::new(move |list| state.dispatch(Action::ConfigurationsLoaded(list))),
            );
        })
    };
    let on_load_assignments = {
        let (state, token) = (state.clone(), token.clone());
        Callback::from(move |configuration_id: String| {
            state.dispatch(Action::AssignmentsLoading);
            let request = with_base(
                &state.draft,
                read_request(&state.draft, &token, |urls| {
                    let id =
                        ConfigurationId::parse(&configuration_id).map_err(|e| e.to_string())?;
                    Ok(urls.assignments(&id))
                }),
            );
            let state = state.clone();
            load_list(
                request,
                Box::new(move |list| state.dispatch(Action::AssignmentsLoaded(list))),
            );
        })
    };
    let on_load_current = {
        let (state, token) = (state.clone(), token.clone());
        Callback::from(move |()| {
            state.dispatch(Action::CurrentLoading);
            let request = read_assignment_request(&state.draft, &token);
            let state = state.clone();
            spawn_local(async move {
                let assignment = match request {
                    Ok(request) => graph::get_assignment(&request).await,
                    Err(message) => Err(message),
                };
                state.dispatch(Action::CurrentLoaded(assignment));
            });
        })
    };

    let on_export_history = {
        let (state, dispatch) = (state.clone(), dispatch.clone());
        Callback::from(move |()| {
            let har = history::to_har(&state.history);
            if let Err(reason) = files::download("playground-history.har", "application/json", &har)
            {
                dispatch.emit(notify(
                    format!("The history could not be exported: {reason}."),
                    true,
                ));
            }
        })
    };
    let on_import_history = {
        let (state, dispatch) = (state.clone(), dispatch.clone());
        Callback::from(move |input: HtmlInputElement| {
            let (draft, dispatch) = (state.draft.clone(), dispatch.clone());
            spawn_local(async move {
                let read = files::read_chosen_file(&input).await;
                input.set_value("");
                match read.and_then(|text| history::from_har(&text, &draft)) {
                    Ok((entries, skipped)) => {
                        let count = entries.len();
                        dispatch.emit(Action::HistoryImported(entries));
                        dispatch.emit(notify(
                            format!("Imported {count} request(s) from the HAR file; skipped {skipped} that are not PATCHes of this API."),
                            false,
                        ));
                    }
                    Err(reason) => dispatch.emit(notify(
                        format!("The HAR file was refused and the history is unchanged: {reason}."),
                        true,
                    )),
                }
            });
        })
    };

    let theme_preference = use_state(theme::load);
    use_effect_with(*theme_preference, |preference| theme::apply(*preference));
    let on_toggle_theme = {
        let theme_preference = theme_preference.clone();
        Callback::from(move |()| theme_preference.set(theme_preference.next()))
    };

    let snippet_language = use_state(|| SnippetLanguage::Curl);
    let copy_status = use_state(|| "");
    let code = state.draft.snippet(&plan, *snippet_language);
    let on_language = {
        let (snippet_language, copy_status) = (snippet_language.clone(), copy_status.clone());
        Callback::from(move |language| {
            snippet_language.set(language);
            copy_status.set("");
        })
    };
    let on_copy = {
        let (code, copy_status) = (code.clone(), copy_status.clone());
        Callback::from(move |()| {
            if let Ok(text) = &code {
                let copy_status = copy_status.clone();
                copy(
                    text.clone(),
                    Callback::from(move |message| copy_status.set(message)),
                );
            }
        })
    };

    let share_status = use_state(|| "");
    let share_link = location::link_with_fragment(&share::encode(&state.draft));
    let on_copy_share_link = {
        let (share_link, share_status) = (share_link.clone(), share_status.clone());
        Callback::from(move |()| {
            let share_status = share_status.clone();
            copy(
                share_link.clone(),
                Callback::from(move |message| share_status.set(message)),
            );
        })
    };

    let help_open = use_state(|| false);
    let on_toggle_help = {
        let help_open = help_open.clone();
        Callback::from(move |()| help_open.set(!*help_open))
    };
    {
        let shortcuts = Shortcuts {
            send: on_send.clone(),
            copy_snippet: on_copy.clone(),
            toggle_theme: on_toggle_theme.clone(),
            toggle_help: on_toggle_help.clone(),
        };
        use_effect(move || listen_for_shortcuts(shortcuts));
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
                <p class="note">
                    { "Update the target of an iOS LOB app provisioning configuration assignment: " }
                    <code>{ "PATCH /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/{id}/assignments/{id}" }</code>
                </p>
                { share_bar(share_link, *share_status, &on_copy_share_link) }
            </header>
            { notice_bar(state.notice.as_ref(), &dispatch) }
            if *help_open {
                { shortcuts_help() }
            }
            <div class="columns">
                <div class="column">
                    { connection_panel(&state, &ConnectionProps { plan: plan.clone(), token: (*token).clone().into(), on_token }) }
                    { picker_panel(&state, &PickerProps {
                        plan: plan.clone(),
                        on_load_configurations,
                        on_load_assignments,
                        on_load_current: on_load_current.clone(),
                    }) }
                    { target_editor(&state, &TargetEditorProps { plan: plan.clone() }) }
                </div>
                <div class="column">
                    { request_panel(&state, &RequestPanelProps { plan, on_send: on_send.clone(), on_cancel }) }
                    { response_panel(&state, &ResponsePanelProps { on_reread: on_load_current, on_retry: on_send }) }
                    { code_panel(&CodePanelProps {
                        language: *snippet_language,
                        on_language,
                        code,
                        copy_status: (*copy_status).into(),
                        on_copy,
                    }) }
                    { history_panel(&state, &HistoryPanelProps { on_export: on_export_history, on_import: on_import_history }) }
                </div>
            </div>
        </main>
    }
}
