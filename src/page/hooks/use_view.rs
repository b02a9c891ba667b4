//! The open view, kept in the address: choosing one adds a history entry, and back and forward
//! (or a reload) open the view their address names.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::page::services::location;
use crate::page::views::View;

/// The open view, and the callback that opens another.
#[hook]
pub fn use_view() -> (View, Callback<View>) {
    let view = use_state(location::view);
    {
        let view = view.clone();
        use_effect_with((), move |()| {
            let listener = Closure::<dyn Fn()>::new(move || view.set(location::view()));
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window.add_event_listener_with_callback(
                    "popstate",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(window) = window {
                    let _ = window.remove_event_listener_with_callback(
                        "popstate",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    let open = {
        let view = view.clone();
        // The address is the truth: a callback kept from an earlier render still compares right.
        Callback::from(move |chosen: View| {
            if chosen != location::view() {
                location::show_view(chosen);
                view.set(chosen);
            }
        })
    };
    (*view, open)
}
