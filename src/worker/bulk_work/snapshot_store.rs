//! The snapshots the Bulk view keeps across visits, in the browser's IndexedDB: each as its
//! file's text (never a token: a snapshot holds none), under a key of when and where it was
//! taken. Reading them back is as strict as loading a file; a kept text that no longer reads is
//! dropped, and said.

use graph_model::snapshot::Snapshot;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbFactory, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

/// The page's database.
const DATABASE: &str = "assignment-playground";
/// Its version: 1 has one store, [`STORE`].
const DATABASE_VERSION: u32 = 1;
/// The store of snapshots: key [`key`], value the snapshot's text.
const STORE: &str = "snapshots";

/// What the snapshots kept read back as.
pub struct Kept {
    /// Those that read, oldest first.
    pub snapshots: Vec<Snapshot>,
    /// How many were kept but no longer read (they are dropped).
    pub unreadable: usize,
}

/// The key a snapshot is kept under: when and where it was taken, so that one loaded again
/// from its file replaces itself.
pub fn key(snapshot: &Snapshot) -> String {
    format!("{} {}", snapshot.taken_at, snapshot.service_root)
}

fn failed(what: &'static str) -> impl Fn(JsValue) -> String {
    move |_| format!("the browser would not {what} (IndexedDB)")
}

/// The result of `request` once it succeeds (it listens from the moment it is called, so
/// several requests can be listened to before any is awaited).
fn finished(
    request: &IdbRequest,
    what: &'static str,
) -> impl Future<Output = Result<JsValue, String>> + use<> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let request = request.clone();
    async move {
        JsFuture::from(promise).await.map_err(failed(what))?;
        request.result().map_err(failed(what))
    }
}

/// The database, made on first use.
async fn open() -> Result<IdbDatabase, String> {
    let factory = Reflect::get(&js_sys::global(), &JsValue::from_str("indexedDB"))
        .ok()
        .and_then(|factory| factory.dyn_into::<IdbFactory>().ok())
        .ok_or("this browser offers no IndexedDB here")?;
    let request: IdbOpenDbRequest = factory
        .open_with_u32(DATABASE, DATABASE_VERSION)
        .map_err(failed("open its database"))?;
    let made = request.clone();
    let upgrade = Closure::once_into_js(move || {
        if let Ok(database) = made.result() {
            let _ = database
                .unchecked_into::<IdbDatabase>()
                .create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let database = finished(&request, "open its database").await;
    request.set_onupgradeneeded(None);
    Ok(database?.unchecked_into())
}

/// Does `act` on the store in a transaction of `mode`, and waits for its request.
async fn with_store(
    mode: IdbTransactionMode,
    what: &'static str,
    act: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
) -> Result<JsValue, String> {
    let database = open().await?;
    let store = database
        .transaction_with_str_and_mode(STORE, mode)
        .and_then(|transaction| transaction.object_store(STORE))
        .map_err(failed(what))?;
    let request = act(&store).map_err(failed(what))?;
    let result = finished(&request, what).await;
    database.close();
    result
}

/// Keeps `snapshot` (one kept under the same key is replaced).
pub async fn keep(snapshot: &Snapshot) -> Result<(), String> {
    let text = JsValue::from_str(&snapshot.to_text());
    let key = JsValue::from_str(&key(snapshot));
    with_store(
        IdbTransactionMode::Readwrite,
        "keep the snapshot",
        |store| store.put_with_key(&text, &key),
    )
    .await
    .map(drop)
}

/// Forgets the snapshot kept under `key`.
pub async fn forget(key: &str) -> Result<(), String> {
    let key = JsValue::from_str(key);
    with_store(
        IdbTransactionMode::Readwrite,
        "forget the snapshot",
        |store| store.delete(&key),
    )
    .await
    .map(drop)
}

/// Every snapshot kept, oldest first; those that no longer read are forgotten.
pub async fn kept() -> Result<Kept, String> {
    const WHAT: &str = "read the snapshots";
    let database = open().await?;
    let store = database
        .transaction_with_str(STORE)
        .and_then(|transaction| transaction.object_store(STORE))
        .map_err(failed(WHAT))?;
    let keys = store.get_all_keys().map_err(failed(WHAT))?;
    let texts = store.get_all().map_err(failed(WHAT))?;
    let (keys, texts) = (finished(&keys, WHAT), finished(&texts, WHAT));
    let read = async { Ok::<_, String>((keys.await?, texts.await?)) }.await;
    database.close();
    let (keys, texts) = read?;
    let mut kept = Kept {
        snapshots: Vec::new(),
        unreadable: 0,
    };
    let keys = js_sys::Array::from(&keys);
    for (key, text) in keys.iter().zip(js_sys::Array::from(&texts).iter()) {
        match text.as_string().map(|text| Snapshot::parse(&text)) {
            Some(Ok(snapshot)) => kept.snapshots.push(snapshot),
            _ => {
                kept.unreadable += 1;
                if let Some(key) = key.as_string() {
                    forget(&key).await?;
                }
            }
        }
    }
    kept.snapshots
        .sort_by(|older, newer| older.taken_at.cmp(&newer.taken_at));
    Ok(kept)
}
