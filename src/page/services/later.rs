//! Work that an edit causes but that is not needed to show it (saving the draft, telling the
//! worker of it for names, token insight and the snippet) waits until editing pauses, so a
//! keystroke only renders the form and its preview, and the work is done once for a burst of
//! keystrokes, with one timer for the burst. Whatever still
//! waits when the page is left (`pagehide`, which a reload fires too) is done then, so nothing
//! typed is lost.

use std::cell::RefCell;
use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::platform::spawn_local;
use yew::platform::time::sleep;

use crate::shared::clock::now_ms;

/// How long editing must pause, in milliseconds.
const PAUSE_MS: f64 = 150.0;

/// A piece of work that waits.
type Work = Box<dyn FnOnce()>;

/// The work waiting, by kind, and when it is due.
#[derive(Default)]
struct Waiting {
    /// When editing will have paused long enough: the last scheduling plus [`PAUSE_MS`].
    due_at: f64,
    /// Whether a timer is counting down to `due_at` (one for a whole burst of edits).
    counting: bool,
    /// Whether the page's `pagehide` is listened for.
    listening: bool,
    /// The work, at most one piece of each kind.
    works: Vec<(&'static str, Work)>,
}

thread_local! {
    static WAITING: RefCell<Waiting> = RefCell::default();
}

/// Does `work` once editing pauses, in place of any earlier work of the same `kind` still
/// waiting.
pub fn after_pause(kind: &'static str, work: Work) {
    let (start_timer, listen) = WAITING.with(|waiting| {
        let waiting = &mut *waiting.borrow_mut();
        waiting.works.retain(|(known, _)| *known != kind);
        waiting.works.push((kind, work));
        waiting.due_at = now_ms() + PAUSE_MS;
        let start_timer = !std::mem::replace(&mut waiting.counting, true);
        let listen = !std::mem::replace(&mut waiting.listening, true);
        (start_timer, listen)
    });
    if listen {
        listen_for_leaving();
    }
    if start_timer {
        spawn_local(count_down());
    }
}

/// Waits until the work is due (each edit of the burst moves that later), then does it.
async fn count_down() {
    loop {
        let left = WAITING.with(|waiting| waiting.borrow().due_at) - now_ms();
        if left <= 0.0 {
            break;
        }
        sleep(Duration::from_millis(left.ceil() as u64)).await;
    }
    WAITING.with(|waiting| waiting.borrow_mut().counting = false);
    flush();
}

/// Does everything still waiting, now.
fn flush() {
    let due = WAITING.with(|waiting| std::mem::take(&mut waiting.borrow_mut().works));
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
