//! The history of sent requests: replay, delete, clear, export to HAR and import from it. The
//! list itself is shown by the worker ([`Part::HistoryList`]), which keeps building it out of
//! the first load; its Replay and Delete buttons are controls of the view
//! ([`crate::contract::view_tree::Control::ReplayEntry`]), which the page's link to its worker
//! turns into history edits.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::contract::ids::HISTORY_LIST_ID;
use crate::contract::view_tree::Part;
use crate::page::components::part::WorkerPart;
use crate::page::state::HistoryEdit;

/// What the panel shows and may do.
pub struct HistoryPanelProps {
    /// How many requests the history holds.
    pub count: usize,
    /// Replays, deletes or clears.
    pub on_edit: Callback<HistoryEdit>,
    /// Downloads the history as HAR.
    pub on_export: Callback<()>,
    /// Reads a chosen HAR file.
    pub on_import: Callback<HtmlInputElement>,
}

/// The history section.
pub fn history_panel(props: &HistoryPanelProps) -> Html {
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
    let empty = props.count == 0;
    html! {
        <section class="panel" aria-labelledby="history-heading">
            <h2 id="history-heading">{ format!("History ({})", props.count) }</h2>
            <div class="row">
                <button type="button" onclick={export} disabled={empty}>{ "Export HAR" }</button>
                <label for="har-import" class="inline">{ "Import HAR" }</label>
                <input id="har-import" type="file" accept=".har,application/json" onchange={import} />
                <button type="button" onclick={clear} disabled={empty}>{ "Clear history" }</button>
            </div>
            <div id={HISTORY_LIST_ID}><WorkerPart part={Part::HistoryList} /></div>
        </section>
    }
}
