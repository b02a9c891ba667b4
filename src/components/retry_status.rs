//! The wait before a retry, counted down, and "Retry when ready".

use std::time::Duration;

use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

use crate::services::clock::now_ms;
use crate::state::RetryPlan;
use crate::wording;

/// Props of [`RetryStatus`].
#[derive(Properties, PartialEq)]
pub struct RetryProps {
    /// When the retry may go.
    pub plan: RetryPlan,
    /// True while an automatic retry waits; false to offer "Retry when ready".
    pub automatic: bool,
    /// Sends again (when offered).
    #[prop_or_default]
    pub on_retry: Callback<()>,
}

/// Seconds left until `ready_at_ms`, re-rendering the component twice a second until then.
#[hook]
fn use_seconds_left(ready_at_ms: f64) -> u64 {
    let now = use_state(now_ms);
    let left = ((ready_at_ms - *now) / 1000.0).ceil().max(0.0) as u64;
    {
        let now = now.clone();
        use_effect_with(*now, move |_| {
            if left > 0 {
                spawn_local(async move {
                    sleep(Duration::from_millis(500)).await;
                    now.set(now_ms());
                });
            }
        });
    }
    left
}

fn source(plan: &RetryPlan) -> &'static str {
    if plan.from_retry_after {
        "from Retry-After"
    } else {
        "the app's backoff: Retry-After was missing or hidden by CORS"
    }
}

/// The wait before a retry, counted down: for an automatic retry, when it goes; otherwise a
/// button that retries as soon as the wait is over.
#[function_component(RetryStatus)]
pub fn retry_status(props: &RetryProps) -> Html {
    let left = use_seconds_left(props.plan.ready_at_ms);
    let armed = use_state(|| false);
    {
        let (armed, on_retry) = (armed.clone(), props.on_retry.clone());
        use_effect_with((left, *armed), move |(left, is_armed)| {
            if *left == 0 && *is_armed {
                armed.set(false);
                on_retry.emit(());
            }
        });
    }
    if props.automatic {
        return html! {
            <p class="waiting" role="status">
                { wording::automatic_retry(props.plan.retry, left, source(&props.plan)) }
            </p>
        };
    }
    let arm = {
        let armed = armed.clone();
        Callback::from(move |_: MouseEvent| armed.set(true))
    };
    let status = match (left, *armed) {
        (0, _) => "Ready to retry now.".to_owned(),
        (left, true) => format!("Retrying in {left} s ({}).", source(&props.plan)),
        (left, false) => format!("Ready in {left} s ({}).", source(&props.plan)),
    };
    html! {
        <div class="row">
            <button type="button" onclick={arm} disabled={*armed}>{ "Retry when ready" }</button>
            <span class="note" role="status">{ status }</span>
        </div>
    }
}
