//! The history of sent requests: replay, delete, clear, export to HAR and import from it.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::history::{HistoryEntry, MAX_ENTRIES};
use crate::state::HistoryEdit;

/// What the panel shows and may do: the history, and nothing else.
pub struct HistoryPanelProps {
    /// Sent requests, newest first.
    pub history: Rc<Vec<HistoryEntry>>,
    /// Replays, deletes or clears.
    pub on_edit: Callback<HistoryEdit>,
    /// Downloads the history as HAR.
    pub on_export: Callback<()>,
    /// Reads a chosen HAR file.
    pub on_import: Callback<HtmlInputElement>,
}

fn item(entry: &HistoryEntry, on_edit: &Callback<HistoryEdit>) -> Html {
    let replay = {
        let id = entry.id.clone();
        on_edit.reform(move |_: MouseEvent| HistoryEdit::Replay(id.clone()))
    };
    let delete = {
        let id = entry.id.clone();
        on_edit.reform(move |_: MouseEvent| HistoryEdit::Delete(id.clone()))
    };
    let class = match entry.status {
        Some(status) if (200..300).contains(&status) => "history-item success",
        _ => "history-item failure",
    };
    let time = entry
        .started
        .get(11..19)
        .unwrap_or(&entry.started)
        .to_owned();
    html! {
        <li class={class}>
            <span class="status">{ &entry.summary }</span>
            <span>{ format!("{} · {} ms · {} bytes", time, entry.elapsed_ms, entry.size) }</span>
            <span class="note">{ format!("{} …/assignments/{}", entry.method, entry.draft.assignment_id) }</span>
            if let Some(id) = &entry.request_id {
                <span class="note">{ format!("request-id {id}") }</span>
            }
            <span class="row">
                <button type="button" onclick={replay} aria-label={format!("Replay {} from {time}", entry.summary)}>{ "Replay" }</button>
                <button type="button" onclick={delete} aria-label={format!("Delete {} from {time}", entry.summary)}>{ "Delete" }</button>
            </span>
        </li>
    }
}

/// The history section.
pub fn history_panel(props: &HistoryPanelProps) -> Html {
    let history = &props.history;
    let clear = props.on_edit.reform(|_: MouseEvent| HistoryEdit::Clear);
    let export = props.on_export.reform(|_: MouseEvent| ());
    let import = {
        let on_import = props.on_import.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                on_import.emit(input);
            }
        })
    };
    let empty = history.is_empty();
    html! {
        <section class="panel" aria-labelledby="history-heading">
            <h2 id="history-heading">{ format!("History ({})", history.len()) }</h2>
            <div class="row">
                <button type="button" onclick={export} disabled={empty}>{ "Export HAR" }</button>
                <label for="har-import" class="inline">{ "Import HAR" }</label>
                <input id="har-import" type="file" accept=".har,application/json" onchange={import} />
                <button type="button" onclick={clear} disabled={empty}>{ "Clear history" }</button>
            </div>
            if empty {
                <p class="note">{ format!("Sent requests appear here (the last {MAX_ENTRIES}, without the token).") }</p>
            } else {
                <ol class="history" aria-label="Sent requests">
                    { for history.iter().map(|entry| item(entry, &props.on_edit)) }
                </ol>
            }
        </section>
    }
}
