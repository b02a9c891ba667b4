//! The choice a share link asks for when it carries a draft other than the one the user was
//! working on: nothing is replaced until they choose.

use yew::prelude::*;

use crate::shared::draft::Draft;

/// The offer, if there is one, with "Open the link's draft" and "Keep mine".
pub fn share_offer(offered: Option<&Draft>, on_choose: &Callback<bool>) -> Html {
    let Some(draft) = offered else {
        return html! {};
    };
    let open = on_choose.reform(|_: MouseEvent| true);
    let keep = on_choose.reform(|_: MouseEvent| false);
    html! {
        <section class="notice" aria-label="Shared draft">
            <span>
                { format!(
                    "This share link carries another draft (configuration {}, assignment {}, {}). Yours is kept until you choose.",
                    draft.configuration_id, draft.assignment_id, draft.form.kind.label()
                ) }
            </span>
            <button type="button" onclick={open}>{ "Open the link's draft" }</button>
            <button type="button" onclick={keep}>{ "Keep mine" }</button>
        </section>
    }
}
