//! The share link: copies a URL whose fragment carries the draft (never the token).

use yew::prelude::*;

use crate::components::use_playground;
use crate::services::clipboard::copy;
use crate::services::location::link_with_fragment;
use crate::share;

/// A button that copies the share link, and the link itself.
#[function_component(ShareBar)]
pub fn share_bar() -> Html {
    let state = use_playground();
    let status = use_state(|| "");
    let link = link_with_fragment(&share::encode(&state.draft));
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
