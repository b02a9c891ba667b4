//! A page-level message, such as the result of opening a share link.

use yew::prelude::*;

use crate::components::{dispatch_of, use_playground};
use crate::state::Action;

/// The message with a button to dismiss it.
#[function_component(NoticeBar)]
pub fn notice_bar() -> Html {
    let state = use_playground();
    let Some(notice) = &state.notice else {
        return html! {};
    };
    let class = if notice.is_error {
        "notice error"
    } else {
        "notice"
    };
    let dismiss = dispatch_of(&state).reform(|_: MouseEvent| Action::DismissNotice);
    html! {
        <div class={class} role={if notice.is_error { "alert" } else { "status" }}>
            <span>{ &notice.text }</span>
            <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
        </div>
    }
}
