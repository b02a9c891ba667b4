//! A page-level message, such as the result of opening a share link.

use yew::prelude::*;

use crate::page::state::Notice;

/// The message, if there is one, with a button to dismiss it.
pub fn notice_bar(notice: Option<&Notice>, on_dismiss: &Callback<()>) -> Html {
    let Some(notice) = notice else {
        return html! {};
    };
    let class = if notice.is_error {
        "notice error"
    } else {
        "notice"
    };
    let dismiss = on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class={class} role={if notice.is_error { "alert" } else { "status" }}>
            <span>{ &notice.text }</span>
            <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
        </div>
    }
}
