//! A page-level message, such as the result of opening a share link.

use yew::prelude::*;

use crate::state::Notice;

/// Props of [`NoticeBar`].
#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    /// The message, if any.
    pub notice: Option<Notice>,
    /// Hides it.
    pub on_dismiss: Callback<()>,
}

/// The message with a button to dismiss it.
#[function_component(NoticeBar)]
pub fn notice_bar(props: &NoticeBarProps) -> Html {
    let Some(notice) = &props.notice else {
        return html! {};
    };
    let class = if notice.is_error {
        "notice error"
    } else {
        "notice"
    };
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class={class} role={if notice.is_error { "alert" } else { "status" }}>
            <span>{ &notice.text }</span>
            <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
        </div>
    }
}
