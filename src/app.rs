//! The root component: owns the state, the token (memory only) and the request in flight, and
//! hands values and callbacks to the parts of the page.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use graph_model::request::{RequestOptions, get};
use graph_model::snippets::SnippetLanguage;
use graph_model::{
    ConfigurationId, GraphUrls, IosLobAppProvisioningConfiguration,
    IosLobAppProvisioningConfigurationAssignment,
};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{AbortController, HtmlElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::code_panel::CodePanel;
use crate::components::connection::ConnectionPanel;
use crate::components::notice_bar::NoticeBar;
use crate::components::picker::PickerPanel;
use crate::components::request_panel::RequestPanel;
use crate::components::response_panel::ResponsePanel;
use crate::components::share_bar::ShareBar;
use crate::components::shortcuts_help::ShortcutsHelp;
use crate::components::target_editor::TargetEditor;
use crate::draft::Draft;
use crate::response::Outcome;
use crate::services::clipboard::copy;
use crate::services::graph::{self, SendError};
use crate::services::{location, storage, theme};
use crate::share;
use crate::state::{Action, Notice, PlaygroundState};

/// How long a PATCH may take before it is aborted.
pub const SEND_TIMEOUT_SECONDS: u32 = 30;

/// What the preview shows for `client-request-id`, which is made fresh for each send.
const CLIENT_REQUEST_ID_PREVIEW: &str = "(a fresh GUID on each send)";

/// Who aborted the request in flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AbortReason {
    User,
    Timeout,
}

/// The request in flight: its controller and why it was aborted, if it was.
struct InFlight {
    controller: AbortController,
    reason: Rc<Cell<AbortReason>>,
}

/// A GET of `url_for(urls)` with the token, or why it cannot be made.
fn read_request(
    draft: &Draft,
    token: &str,
    url_for: impl FnOnce(&GraphUrls<'_>) -> Result<String, String>,
) -> Result<graph_model::HttpRequest, String> {
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

/// What the keyboard shortcuts do.
struct Shortcuts {
    send: Callback<()>,
    copy_snippet: Callback<()>,
    toggle_theme: Callback<()>,
    toggle_help: Callback<()>,
}

/// Listens for the shortcuts on the whole window (so they work wherever the focus is) until the
/// next render replaces the listener with one that sees the new state.
fn listen_for_shortcuts(shortcuts: Shortcuts) -> impl FnOnce() {
    let window = web_sys::window();
    let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |event: KeyboardEvent| {
        let action = if (event.ctrl_key() || event.meta_key()) && event.key() == "Enter" {
            Some(&shortcuts.send)
        } else if event.alt_key() && event.shift_key() {
            match event.code().as_str() {
                "KeyC" => Some(&shortcuts.copy_snippet),
                "KeyT" => Some(&shortcuts.toggle_theme),
                "KeyK" => Some(&shortcuts.toggle_help),
                "KeyJ" => {
                    focus_element("body");
                    event.prevent_default();
                    None
                }
                _ => None,
            }
        } else {
            None
        };
        if let Some(callback) = action {
            event.prevent_default();
            callback.emit(());
        }
    });
    if let Some(window) = &window {
        let _ =
            window.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
    }
    move || {
        if let Some(window) = &window {
            let _ = window
                .remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
    }
}

/// Moves the focus to the element with this id.
fn focus_element(id: &str) {
    let element = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| element.dyn_into::<HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// The playground page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| PlaygroundState::new(storage::load_draft().unwrap_or_default()));
    let token = use_state(String::new);
    let in_flight: Rc<RefCell<Option<InFlight>>> = use_mut_ref(|| None);

    use_effect_with(state.draft.clone(), storage::save_draft);
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

    let on_send = {
        let (state, token, in_flight) = (state.clone(), token.clone(), in_flight.clone());
        Callback::from(move |()| {
            if in_flight.borrow().is_some() {
                return;
            }
            let plan = state.draft.plan(&token, graph::new_client_request_id());
            let (Some(request), Ok(controller)) = (plan.request, AbortController::new()) else {
                return;
            };
            let reason = Rc::new(Cell::new(AbortReason::User));
            let signal = controller.signal();
            *in_flight.borrow_mut() = Some(InFlight {
                controller: controller.clone(),
                reason: reason.clone(),
            });
            state.dispatch(Action::SendStarted);
            {
                let (reason, controller) = (reason.clone(), controller.clone());
                spawn_local(async move {
                    yew::platform::time::sleep(Duration::from_secs(SEND_TIMEOUT_SECONDS.into()))
                        .await;
                    if !controller.signal().aborted() {
                        reason.set(AbortReason::Timeout);
                        controller.abort();
                    }
                });
            }
            let (state, in_flight) = (state.clone(), in_flight.clone());
            spawn_local(async move {
                let outcome = match graph::send(&request, Some(&signal)).await {
                    Ok(view) => Outcome::Response(view),
                    Err(SendError::Aborted) if reason.get() == AbortReason::Timeout => {
                        Outcome::TimedOut {
                            seconds: SEND_TIMEOUT_SECONDS,
                        }
                    }
                    Err(SendError::Aborted) => Outcome::Cancelled,
                    Err(SendError::Network(detail)) => Outcome::NetworkFailure {
                        detail,
                        url: request.url.clone(),
                    },
                };
                // Finished: a later timeout must not abort anything.
                controller.abort();
                in_flight.borrow_mut().take();
                state.dispatch(Action::SendFinished(outcome));
            });
        })
    };
    let on_cancel = {
        let in_flight = in_flight.clone();
        Callback::from(move |()| {
            if let Some(flight) = in_flight.borrow().as_ref() {
                flight.reason.set(AbortReason::User);
                flight.controller.abort();
            }
        })
    };

    let on_load_configurations = {
        let (state, token) = (state.clone(), token.clone());
        Callback::from(move |()| {
            let request = read_request(&state.draft, &token, |urls| Ok(urls.configurations()));
            let state = state.clone();
            state.dispatch(Action::ConfigurationsLoading);
            spawn_local(async move {
                let result = match request {
                    Ok(request) => {
                        graph::get_collection::<IosLobAppProvisioningConfiguration>(&request).await
                    }
                    Err(message) => Err(message),
                };
                state.dispatch(Action::ConfigurationsLoaded(result));
            });
        })
    };
    let on_load_assignments = {
        let (state, token) = (state.clone(), token.clone());
        Callback::from(move |configuration_id: String| {
            let request = read_request(&state.draft, &token, |urls| {
                let id = ConfigurationId::parse(&configuration_id).map_err(|e| e.to_string())?;
                Ok(urls.assignments(&id))
            });
            let state = state.clone();
            state.dispatch(Action::AssignmentsLoading);
            spawn_local(async move {
                let result = match request {
                    Ok(request) => {
                        graph::get_collection::<IosLobAppProvisioningConfigurationAssignment>(
                            &request,
                        )
                        .await
                    }
                    Err(message) => Err(message),
                };
                state.dispatch(Action::AssignmentsLoaded(result));
            });
        })
    };
    let on_load_current = {
        let (state, token) = (state.clone(), token.clone());
        Callback::from(move |()| {
            let draft = &state.draft;
            let ids = draft
                .configuration()
                .and_then(|c| draft.assignment().map(|a| (c, a)));
            let request = read_request(draft, &token, |urls| {
                let (configuration, assignment) = ids.map_err(|problem| problem.message)?;
                Ok(urls.assignment(&configuration, &assignment))
            });
            let state = state.clone();
            state.dispatch(Action::CurrentLoading);
            spawn_local(async move {
                let result = match request {
                    Ok(request) => {
                        graph::get_json::<IosLobAppProvisioningConfigurationAssignment>(&request)
                            .await
                    }
                    Err(message) => Err(message),
                };
                state.dispatch(Action::CurrentLoaded(result));
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
    let code = state.draft.snippet(*snippet_language);
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
                <ShareBar draft={state.draft.clone()} />
            </header>
            <NoticeBar notice={state.notice.clone()} on_dismiss={dispatch.reform(|()| Action::DismissNotice)} />
            if *help_open {
                <ShortcutsHelp />
            }
            <div class="columns">
                <div class="column">
                    <ConnectionPanel draft={state.draft.clone()} plan={plan.clone()} token={(*token).clone()}
                        {on_token} dispatch={dispatch.clone()} />
                    <PickerPanel draft={state.draft.clone()} plan={plan.clone()}
                        configurations={state.configurations.clone()} assignments={state.assignments.clone()}
                        current={state.current.clone()} {on_load_configurations} {on_load_assignments}
                        on_load_current={on_load_current.clone()} dispatch={dispatch.clone()} />
                    <TargetEditor form={state.draft.form.clone()} plan={plan.clone()}
                        body_unreadable={state.body_is_unreadable()} dispatch={dispatch.clone()} />
                </div>
                <div class="column">
                    <RequestPanel plan={plan.clone()} body={state.draft.body.clone()} sending={state.sending}
                        {on_send} {on_cancel} {dispatch} />
                    <ResponsePanel outcome={state.outcome.clone()} on_reread={on_load_current} />
                    <CodePanel language={*snippet_language} {on_language} {code}
                        copy_status={*copy_status} {on_copy} />
                </div>
            </div>
        </main>
    }
}
