//! Work that an edit causes but that is not needed to show it (saving the draft, telling the
//! worker of it for names and token insight) waits until editing pauses, so a keystroke only renders the
//! form and its preview, and the work is done once for a burst of keystrokes. Whatever still
//! waits when the page is left (`pagehide`, which a reload fires too) is done then, so nothing
//! typed is lost.

use std::cell::RefCell;
use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::platform::spawn_local;
use yew::platform::time::sleep;

/// How long editing must pause.
const PAUSE: Duration = Duration::from_millis(150);

/// The work waiting, by kind, and how many pieces were ever scheduled (the last edit's mark).
type Waiting = (u32, Vec<(&'static str, Box<dyn FnOnce()>)>);

thread_local! {
    static WAITING: RefCell<Waiting> = RefCell::default();
}

/// Does `work` once editing pauses, in place of any earlier work of the same `kind` still
/// waiting.
pub fn after_pause(kind: &'static str, work: Box<dyn FnOnce()>) {
    let mark = WAITING.with(|waiting| {
        let (scheduled, works) = &mut *waiting.borrow_mut();
        *scheduled += 1;
        works.retain(|(known, _)| *known != kind);
        works.push((kind, work));
        *scheduled
    });
    if mark == 1 {
        listen_for_leaving();
    }
    spawn_local(async move {
        sleep(PAUSE).await;
        if WAITING.with(|waiting| waiting.borrow().0) == mark {
            flush();
        }
    });
}

/// Does everything still waiting, now.
fn flush() {
    let due = WAITING.with(|waiting| std::mem::take(&mut waiting.borrow_mut().1));
    for (_, work) in due {
        work();
    }
}

/// Flushes when the page is left.
fn listen_for_leaving() {
    if let Some(window) = web_sys::window() {
        let on_leave = Closure::<dyn Fn()>::new(flush);
        let _ =
            window.add_event_listener_with_callback("pagehide", on_leave.as_ref().unchecked_ref());
        on_leave.forget();
    }
}
