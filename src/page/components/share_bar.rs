//! The share link: copies a URL whose fragment carries the draft (never the token).

use yew::prelude::*;

/// The link, a button that copies it, and what the last copy did.
pub fn share_bar(link: String, status: &'static str, on_copy: &Callback<()>) -> Html {
    let on_copy = on_copy.reform(|_: MouseEvent| ());
    html! {
        <div class="share">
            <button type="button" onclick={on_copy}>{ "Copy share link" }</button>
            <label for="share-link" class="inline">{ "Share link" }</label>
            <input id="share-link" readonly=true value={link} aria-describedby="share-note" />
            <span class="note" role="status">{ status }</span>
            <p id="share-note" class="note">
                { "Carries the environment, version, ids and target; never the token." }
            </p>
        </div>
    }
}
