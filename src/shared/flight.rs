//! A request in flight that can be cancelled and times out: every fetch of the page goes
//! through one, reads and writes alike, so nothing can leave the page busy for good.

use std::cell::{Cell, RefCell};
use std::time::Duration;

use graph_model::{Collection, HttpRequest, ServiceRoot};
use serde::de::DeserializeOwned;
use web_sys::AbortController;
use yew::platform::spawn_local;
use yew::platform::time::sleep;

use crate::shared::clock::now_ms;
use crate::shared::error::{AppError, Refusal};
use crate::shared::graph::{self, FetchError};
use crate::shared::response::ResponseView;

/// The most pages of a list that are followed.
pub const MAX_PAGES: usize = 20;

/// How long one request may take before it is aborted.
pub const REQUEST_TIMEOUT_SECONDS: u32 = 30;

/// Requests that one Cancel stops: the current fetch is aborted and waits end early.
#[derive(Default)]
pub struct Flight {
    current: RefCell<Option<AbortController>>,
    cancelled: Cell<bool>,
}

impl Flight {
    /// GETs a resource as `T`: a non-success answer, or one that is not a `T`, is an error.
    pub async fn read<T: DeserializeOwned>(&self, request: &HttpRequest) -> Result<T, AppError> {
        let view = self.fetch(request).await?;
        if let Some(failure) = view.failure(request.header("client-request-id")) {
            return Err(AppError::Http(failure));
        }
        serde_json::from_str(&view.body).map_err(|error| AppError::Unreadable {
            url: request.url.clone(),
            detail: error.to_string(),
        })
    }

    /// GETs every page of an OData collection, following `@odata.nextLink` only while `root` owns
    /// it (so the token never goes to another host), at most [`MAX_PAGES`] pages.
    pub async fn read_all_pages<T: DeserializeOwned>(
        &self,
        first: HttpRequest,
        root: &ServiceRoot,
    ) -> Result<Vec<T>, AppError> {
        let mut items = Vec::new();
        let mut request = first;
        for _ in 0..MAX_PAGES {
            let page: Collection<T> = self.read(&request).await?;
            items.extend(page.value);
            let Some(next) = page.next_link else {
                return Ok(items);
            };
            if !root.owns(&next) {
                return Err(AppError::Refused(Refusal::ForeignLink {
                    link: next,
                    root: root.base_url(),
                }));
            }
            request.url = next;
        }
        Err(AppError::Refused(Refusal::TooManyPages {
            limit: MAX_PAGES,
        }))
    }

    /// Stops the flight: aborts the request in flight and any wait.
    pub fn cancel(&self) {
        self.cancelled.set(true);
        if let Some(controller) = self.current.borrow().as_ref() {
            controller.abort();
        }
    }

    /// True once [`Flight::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.get()
    }

    /// Sends `request`, aborting it after [`REQUEST_TIMEOUT_SECONDS`] or on cancel.
    pub async fn fetch(&self, request: &HttpRequest) -> Result<ResponseView, AppError> {
        if self.is_cancelled() {
            return Err(AppError::Cancelled);
        }
        if offline() {
            return Err(AppError::Offline);
        }
        let controller = AbortController::new().map_err(|_| {
            AppError::Refused(Refusal::NoBrowserSupport("no AbortController".to_owned()))
        })?;
        *self.current.borrow_mut() = Some(controller.clone());
        let timed_out = std::rc::Rc::new(Cell::new(false));
        {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            spawn_local(async move {
                sleep(Duration::from_secs(REQUEST_TIMEOUT_SECONDS.into())).await;
                if !controller.signal().aborted() {
                    timed_out.set(true);
                    controller.abort();
                }
            });
        }
        let result = graph::fetch(request, &controller.signal()).await;
        // Finished: the timer must find nothing left to abort.
        controller.abort();
        result.map_err(|error| match error {
            FetchError::Aborted if timed_out.get() => AppError::TimedOut {
                seconds: REQUEST_TIMEOUT_SECONDS,
            },
            FetchError::Aborted => AppError::Cancelled,
            FetchError::Network(detail) => AppError::Network {
                url: request.url.clone(),
                detail,
            },
            FetchError::NoBrowserSupport(what) => {
                AppError::Refused(Refusal::NoBrowserSupport(what))
            }
        })
    }

    /// Waits `duration`, checking for a cancel four times a second. False when cancelled.
    pub async fn wait(&self, duration: Duration) -> bool {
        let until = now_ms() + duration.as_millis() as f64;
        while now_ms() < until && !self.is_cancelled() {
            sleep(Duration::from_millis(250)).await;
        }
        !self.is_cancelled()
    }
}

/// True when the browser says it has no network (`navigator.onLine`, on the page or in a worker).
fn offline() -> bool {
    let on_line = js_sys::Reflect::get(&js_sys::global(), &"navigator".into())
        .and_then(|navigator| js_sys::Reflect::get(&navigator, &"onLine".into()));
    matches!(on_line.map(|on_line| on_line.as_bool()), Ok(Some(false)))
}
