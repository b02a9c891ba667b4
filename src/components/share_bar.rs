//! The share link: copies a URL whose fragment carries the draft (never the token).

use yew::prelude::*;

use crate::draft::Draft;
use crate::services::clipboard::copy;
use crate::services::location::link_with_fragment;
use crate::share;

/// Props of [`ShareBar`].
#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    /// The draft to share.
    pub draft: Draft,
}

/// A button that copies the share link, and the link itself.
#[function_component(ShareBar)]
pub fn share_bar(props: &ShareBarProps) -> Html {
    let status = use_state(|| "");
    let link = link_with_fragment(&share::encode(&props.draft));
    let on_copy = {
        let (link, status) = (link.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            copy(
                link.clone(),
                Callback::from(move |message| status.set(message)),
            );
        })
    };
    html! {
        <div class="share">
            <button type="button" onclick={on_copy}>{ "Copy share link" }</button>
            <label for="share-link" class="inline">{ "Share link" }</label>
            <input id="share-link" readonly=true value={link} aria-describedby="share-note" />
            <span class="note" role="status">{ *status }</span>
            <p id="share-note" class="note">{ "Carries the environment, version, ids and target; never the token." }</p>
        </div>
    }
}
