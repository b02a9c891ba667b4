//! The tabs that open the page's views, in the ARIA tabs pattern: one tab in the tab order (the
//! open one), the arrow keys, Home and End move to another and open it.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::page::services::dom;
use crate::page::views::View;

/// The tab list, with `open` selected; choosing a tab asks `on_open`.
pub fn view_tabs(open: View, on_open: &Callback<View>) -> Html {
    let on_key = {
        let on_open = on_open.clone();
        Callback::from(move |event: KeyboardEvent| {
            let next = match event.key().as_str() {
                "ArrowRight" => open.step(1),
                "ArrowLeft" => open.step(-1),
                "Home" => View::ALL[0],
                "End" => View::ALL[View::ALL.len() - 1],
                _ => return,
            };
            event.prevent_default();
            on_open.emit(next);
            if let Some(tab) =
                dom::element(next.tab_id()).and_then(|e| e.dyn_into::<HtmlElement>().ok())
            {
                let _ = tab.focus();
            }
        })
    };
    let tabs = View::ALL.into_iter().map(|view| {
        let selected = view == open;
        let on_click = on_open.reform(move |_: MouseEvent| view);
        html! {
            <button type="button" role="tab" id={view.tab_id()} aria-controls={view.panel_id()}
                aria-selected={selected.to_string()} tabindex={if selected { "0" } else { "-1" }}
                onclick={on_click}>
                { view.label() }
            </button>
        }
    });
    html! {
        <div class="tabs" role="tablist" aria-label="Views" onkeydown={on_key}>
            { for tabs }
        </div>
    }
}
