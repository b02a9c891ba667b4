//! The sign-in's work, done in the worker (see [`crate::worker::workbench`]): preparing the authorize
//! round trip (PKCE, state), redeeming the code that comes back after comparing the state,
//! renewing the access token before it expires, and token insight. The refresh token lives
//! here, in the worker's memory only; the page gets the access token and a typed view to show.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use graph_model::signin::authority::{
    code_redemption, redirect_uri_of, refresh_redemption, scopes,
};
use graph_model::signin::insight::{Grant, InsightWarning, TokenShape, inspect as read_token};
use graph_model::signin::pkce::{self, Verifier};
use graph_model::signin::token::parse_token_answer;
use graph_model::signin::{AuthorizeRequest, Endpoints, SignInProblem, Tenant, TokenGrant};
use graph_model::{ClientId, HttpRequest, ServiceRoot};
use yew::platform::spawn_local;
use yew::platform::time::sleep;

use crate::contract::protocol::{Post, Reply, SignInRecord, Steps, UPDATE_ID, respond};
use crate::contract::view_tree::{Attr, Node, Part, Tag, el};
use crate::shared::clock::now_ms;
use crate::shared::draft::{Draft, Environment, PLACEHOLDER_TOKEN};
use crate::shared::error::AppError;
use crate::shared::flight::Flight;
use crate::shared::signin::{
    PendingSignIn, RedirectReturn, Session, SignInFailure, explain, parse_return,
};
use crate::worker::crypto::random_bytes;
use crate::worker::worker_events::{Event, Events};

/// The client id used against the emulator when none is typed (the emulator accepts any).
pub const EMULATOR_CLIENT_ID: &str = "00000000-0000-4000-8000-00000000e111";

/// The sign-in's state, as the worker's state holds it (see
/// [`crate::worker::workbench::Workbench`]).
#[derive(Default)]
pub struct SignIn {
    /// Moves on at each sign-in and sign-out, so that older renewals stop.
    sign_in_generation: Cell<u32>,
    /// Moves on at each inspected token, so that older countdowns stop.
    insight_generation: Cell<u32>,
    /// The token and service root inspected last: the page asks again at every edit of the
    /// form, and the same token keeps its insight and countdown.
    inspected: RefCell<(String, String)>,
    /// The signed-in session, with its refresh token: in the worker's memory only, and
    /// dropped at once on sign-out.
    session: RefCell<Option<Session>>,
}

fn next(generation: &Cell<u32>) -> u32 {
    generation.set(generation.get().wrapping_add(1));
    generation.get()
}

/// Where sign-in stands: the status, the button, and a new token if any.
fn view(status: Option<Node>, signed_in: bool, token: Option<String>) -> Reply {
    Reply::Steps(view_steps(status, signed_in, token).0)
}

/// [`view`] as steps.
fn view_steps(status: Option<Node>, signed_in: bool, token: Option<String>) -> Steps {
    let button = if signed_in {
        "Sign out"
    } else {
        "Sign in with Microsoft"
    };
    let steps = Steps::default()
        .show(Part::SignInStatus, status)
        .show(Part::SignInButton, [button])
        .signed_in(signed_in);
    match token {
        Some(token) => steps.token(&token),
        None => steps,
    }
}

/// A sign-in error, signed out: shown in the sign-in group, with the connection settings
/// opened to it.
fn sign_in_error(text: &str) -> Reply {
    view_steps(alert(text), false, None)
        .open_connection()
        .reply()
}

/// [`view`] with a new access token for the page (empty: none), which the other features are
/// told of at once.
fn with_token(events: &Events, status: Option<Node>, signed_in: bool, token: String) -> Reply {
    events.tell(Event::TokenChanged(token.clone()));
    view(status, signed_in, Some(token))
}

fn alert(text: &str) -> Option<Node> {
    Some(
        el(Tag::P)
            .class("error")
            .attr(Attr::Role, "alert")
            .text(text)
            .into(),
    )
}

fn status(text: String) -> Option<Node> {
    Some(el(Tag::P).attr(Attr::Role, "status").text(text).into())
}

fn cloud_name(draft: &Draft) -> &'static str {
    match draft.environment {
        Environment::Emulator => "the emulator",
        Environment::Cloud(cloud) => cloud.label(),
    }
}

/// What the page says of a sign-in error in its address when no sign-in of its own is pending
/// with that `state` (the address's own words are not shown).
pub const UNASKED_ERROR: &str = "The address carried a sign-in error, but this page started no sign-in that it answers, so it was ignored. Press Sign in with Microsoft to sign in.";

/// The sign-in group, with the remembered values and this page's redirect URI.
pub fn form(client_id: &str, tenant: &str, page_url: &str) -> Reply {
    let field = |id: &str, placeholder: &str, value: &str| {
        el(Tag::Input)
            .id(id)
            .attr(Attr::Type, "text")
            .attr(Attr::Spellcheck, "false")
            .attr(Attr::Autocomplete, "off")
            .attr(Attr::Placeholder, placeholder)
            .attr(Attr::Value, value)
    };
    let label = |id: &str, text: &str| el(Tag::Label).attr(Attr::For, id).text(text);
    let steps = [
        "Register an app (Microsoft Entra admin center, App registrations) and add the redirect URI above under the Single-page application platform.",
        "Under API permissions add Microsoft Graph, delegated, DeviceManagementApps.ReadWrite.All.",
        "Grant admin consent for the tenant. Against the emulator none of this is needed.",
    ];
    let group: [Node; 11] = [
        el(Tag::H3)
            .id("signin-heading")
            .text("Sign in with Microsoft")
            .into(),
        label("client-id", "Client ID").into(),
        field(
            "client-id",
            "Application (client) ID; optional for the emulator",
            client_id,
        )
        .into(),
        label("tenant", "Tenant").into(),
        field("tenant", "organizations", tenant).into(),
        label("redirect-uri", "Redirect URI").into(),
        el(Tag::Div)
            .class("row")
            .child(
                el(Tag::Input)
                    .id("redirect-uri")
                    .attr(Attr::Type, "text")
                    .flag(Attr::Readonly, true)
                    .attr(Attr::Value, redirect_uri_of(page_url)),
            )
            .child(
                el(Tag::Button)
                    .attr(Attr::Type, "button")
                    .id("copy-redirect-uri")
                    .text("Copy redirect URI"),
            )
            .into(),
        el(Tag::Ol)
            .class("note")
            .children(steps.map(|step| el(Tag::Li).text(step)))
            .into(),
        el(Tag::P)
            .id("signin-note")
            .class("note")
            .attr(Attr::Role, "status")
            .child(Node::Part(Part::SignInNote))
            .into(),
        el(Tag::Div)
            .id("signin-status")
            .child(Node::Part(Part::SignInStatus))
            .into(),
        el(Tag::Button)
            .attr(Attr::Type, "button")
            .id("sign-in-button")
            .child(Node::Part(Part::SignInButton))
            .into(),
    ];
    Steps::default()
        .show(Part::SignIn, group)
        .show(Part::SignInButton, ["Sign in with Microsoft"])
        .reply()
}

/// Checks the inputs and prepares the round trip: the authorize URL, and the record the page
/// keeps in sessionStorage until it comes back.
pub fn start(draft: &Draft, client_id: &str, tenant: &str, page_url: &str, names: bool) -> Reply {
    match prepare(draft, client_id, tenant, page_url, names) {
        Ok((url, pending)) => Steps::default()
            .go_sign_in(&url, SignInRecord::of(&pending))
            .reply(),
        Err(reason) => sign_in_error(&reason),
    }
}

fn prepare(
    draft: &Draft,
    client_id: &str,
    tenant: &str,
    page_url: &str,
    names: bool,
) -> Result<(String, PendingSignIn), String> {
    let root = draft
        .service_root()
        .map_err(|_| "Choose a valid environment first (the emulator URL is not valid).")?;
    let emulator = matches!(root, ServiceRoot::Emulator(_));
    let client_id = match client_id.trim() {
        "" if emulator => ClientId::parse(EMULATOR_CLIENT_ID),
        typed => ClientId::parse(typed),
    }
    .map_err(|error| format!("Client ID: {error}."))?;
    let tenant = Tenant::parse(match tenant.trim() {
        "" => Tenant::ORGANIZATIONS,
        typed => typed,
    })
    .map_err(|error| format!("Tenant: {error}."))?;
    let (Some(verifier_bytes), Some(state_bytes)) = (random_bytes(), random_bytes()) else {
        return Err("This browser gives the page no secure random numbers.".to_owned());
    };
    let verifier = Verifier::from_random(&verifier_bytes);
    let state = pkce::state_from_random(&state_bytes);
    let endpoints = Endpoints::new(&root, &tenant);
    let redirect_uri = redirect_uri_of(page_url);
    let scope = scopes(&root, names);
    let url = AuthorizeRequest {
        client_id: &client_id,
        redirect_uri: &redirect_uri,
        code_challenge: &verifier.challenge(),
        state: &state,
    }
    .url(&endpoints, &scope);
    let pending = PendingSignIn {
        state,
        verifier: verifier.as_str().to_owned(),
        client_id: client_id.to_string(),
        token_url: endpoints.token(),
        scope,
        redirect_uri,
        tenant: tenant.as_str().to_owned(),
        cloud: cloud_name(draft).to_owned(),
        emulator,
        admin_consent_url: endpoints.admin_consent(&client_id),
    };
    Ok((url, pending))
}

/// Forgets the refresh token (by stopping its renewals) and tells the page to forget the
/// access token.
pub fn sign_out(sign_in: &SignIn, events: &Events) -> Reply {
    next(&sign_in.sign_in_generation);
    sign_in.session.borrow_mut().take();
    with_token(events, None, false, String::new())
}

/// POSTs a form to the token endpoint (a simple request: no preflight) and reads the grant.
async fn redeem(
    token_url: &str,
    form: String,
    refreshing: bool,
) -> Result<TokenGrant, SignInFailure> {
    let request = HttpRequest {
        method: "POST",
        url: token_url.to_owned(),
        headers: vec![(
            "Content-Type".to_owned(),
            "application/x-www-form-urlencoded".to_owned(),
        )],
        body: Some(form),
    };
    let unreachable = |detail: String| SignInFailure {
        network: Some(detail),
        ..SignInFailure::of(SignInProblem::Other)
    };
    let answer = Flight::default().fetch(&request).await.map_err(|error| {
        unreachable(match error {
            AppError::Network { detail, .. } => detail,
            AppError::TimedOut { seconds } => format!("no answer in {seconds} seconds"),
            AppError::Offline => "this browser is offline (no network)".to_owned(),
            other => format!("{other:?}"),
        })
    })?;
    match parse_token_answer(&answer.body) {
        Some(Ok(grant)) if answer.status == 200 => Ok(grant),
        Some(Err(error)) => Err(SignInFailure::from_error(error, refreshing)),
        _ => Err(unreachable(format!(
            "HTTP {} with a body that is not a token answer",
            answer.status
        ))),
    }
}

fn signed_in_status(access_token: &str) -> Option<Node> {
    let who = match read_token(access_token) {
        TokenShape::Jwt(claims) => claims.who().map(str::to_owned),
        TokenShape::Opaque => None,
    };
    status(format!(
        "Signed in as {}. The token is kept in memory and renewed before it expires.",
        who.as_deref().unwrap_or("(unknown)")
    ))
}

/// Completes a sign-in from the query the sign-in page sent back: compares the state with the
/// record's, then redeems the code. The reply goes to `post` under `id` when done.
pub fn finish(
    sign_in: &Rc<SignIn>,
    events: &Events,
    id: u32,
    query: &str,
    record: Option<SignInRecord>,
    post: Post,
) {
    let pending = record.as_ref().and_then(SignInRecord::read);
    let failed = |failure: SignInFailure, pending: Option<&PendingSignIn>| {
        let text = match pending {
            Some(pending) => explain(&failure, &pending.context()),
            None => explain(&failure, &PendingSignIn::unknown_context()),
        };
        sign_in_error(&text)
    };
    let (code, state) = match parse_return(query) {
        None => return post(respond(id, view(None, false, None))),
        Some(RedirectReturn::Error { error, state }) => {
            // The identity provider's words are shown only for the sign-in this page started:
            // anyone can craft an address with `error_description=<any text>`.
            let Some(pending) = pending.filter(|pending| state.as_deref() == Some(&pending.state))
            else {
                return post(respond(id, sign_in_error(UNASKED_ERROR)));
            };
            let failure = SignInFailure::from_error(error, false);
            return post(respond(id, failed(failure, Some(&pending))));
        }
        Some(RedirectReturn::Code { code, state }) => (code, state),
    };
    let Some(pending) = pending.filter(|pending| state.as_deref() == Some(&pending.state)) else {
        let failure = SignInFailure::of(SignInProblem::StateMismatch);
        return post(respond(id, failed(failure, None)));
    };
    let Ok(client_id) = ClientId::parse(&pending.client_id) else {
        let failure = SignInFailure::of(SignInProblem::StateMismatch);
        return post(respond(id, failed(failure, None)));
    };
    let generation = next(&sign_in.sign_in_generation);
    // No send with another token while the sign-in completes.
    let completing = status("Completing sign-in…".to_owned());
    post(respond(
        UPDATE_ID,
        with_token(events, completing, false, String::new()),
    ));
    let (sign_in, events) = (sign_in.clone(), events.clone());
    spawn_local(async move {
        let form = code_redemption(
            &client_id,
            &code,
            &pending.redirect_uri,
            &pending.verifier,
            &pending.scope,
        );
        match redeem(&pending.token_url, form, false).await {
            Ok(grant) => {
                let session = Session::start(&pending, &grant, now_ms());
                *sign_in.session.borrow_mut() = Some(session);
                let status = signed_in_status(&grant.access_token);
                post(respond(
                    id,
                    with_token(&events, status, true, grant.access_token),
                ));
                keep_renewed(&sign_in, &events, pending, generation, post).await;
            }
            Err(failure) => post(respond(id, failed(failure, Some(&pending)))),
        }
    });
}

/// The session, while this sign-in (`generation`) is the current one.
fn session(sign_in: &SignIn, generation: u32) -> Option<Session> {
    if sign_in.sign_in_generation.get() != generation {
        return None;
    }
    sign_in.session.borrow().clone()
}

/// Renews the access token before it expires until the session ends, sign-out, or a newer
/// sign-in; each new token goes to the page as an update. Between renewals only
/// the session in [`SignIn`] holds the refresh token, so that sign-out drops it at once.
async fn keep_renewed(
    sign_in: &SignIn,
    events: &Events,
    pending: PendingSignIn,
    generation: u32,
    post: Post,
) {
    while let Some(waiting) = session(sign_in, generation) {
        let wait = (waiting.renew_at_ms() - now_ms()).max(0.0);
        drop(waiting);
        sleep(Duration::from_millis(wait as u64)).await;
        let Some(due) = session(sign_in, generation) else {
            return;
        };
        let (Some(refresh_token), true) = (due.refresh_token.clone(), due.can_renew(now_ms()))
        else {
            sign_in.session.borrow_mut().take();
            let text = explain(
                &SignInFailure::of(SignInProblem::SessionEnded),
                &pending.context(),
            );
            post(respond(UPDATE_ID, sign_in_error(&text)));
            return;
        };
        let Ok(client_id) = ClientId::parse(&due.client_id) else {
            return;
        };
        let form = refresh_redemption(&client_id, &refresh_token, &due.scope);
        let answer = redeem(&due.token_url, form, true).await;
        if session(sign_in, generation).is_none() {
            return;
        }
        match answer {
            Ok(grant) => {
                let renewed = due.renewed(&grant, now_ms());
                *sign_in.session.borrow_mut() = Some(renewed);
                let status = signed_in_status(&grant.access_token);
                post(respond(
                    UPDATE_ID,
                    with_token(events, status, true, grant.access_token),
                ));
            }
            Err(failure) => {
                sign_in.session.borrow_mut().take();
                let text = explain(&failure, &pending.context());
                post(respond(UPDATE_ID, sign_in_error(&text)));
                return;
            }
        }
    }
}

fn countdown(seconds: i64) -> String {
    if seconds <= 0 {
        return "expired".to_owned();
    }
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("in {hours} h {minutes:02} min")
    } else {
        format!("in {minutes}:{seconds:02}")
    }
}

fn warning_text(warning: &InsightWarning) -> String {
    match warning {
        InsightWarning::OtherAudience { audience, expected } => format!(
            "This token is for {audience}, not {expected}: it was issued for another API or cloud and will be refused (401)."
        ),
        InsightWarning::MissingPermission(Grant::ReadOnly) => "The token has DeviceManagementApps.Read.All only: enough to load, not to send (403).".to_owned(),
        InsightWarning::MissingPermission(_) => "The token does not grant DeviceManagementApps.ReadWrite.All: sending will be refused (403).".to_owned(),
        InsightWarning::Expired => "The token has expired: sign in again or paste a fresh one (sending gets 401).".to_owned(),
    }
}

/// Token insight for `token` against `root` at `now` (seconds since 1970); nothing for an
/// empty token.
pub fn insight(token: &str, root: Option<&ServiceRoot>, now: u64) -> Vec<Node> {
    let note = |text: &str| Node::from(el(Tag::P).class("note").text(text));
    if token.trim().is_empty() {
        return Vec::new();
    }
    let TokenShape::Jwt(claims) = read_token(token) else {
        return vec![note("Opaque token: sent as is.")];
    };
    let permissions = claims.permissions().join(" ");
    let rows = [
        ("Audience", claims.audience.clone()),
        (
            "Permissions",
            Some(if permissions.is_empty() {
                "(none)".to_owned()
            } else {
                permissions
            }),
        ),
        ("Expires", claims.seconds_left(now).map(countdown)),
        ("Tenant", claims.tenant.clone()),
        ("Signed in as", claims.who().map(str::to_owned)),
    ];
    let claims_list = rows.into_iter().filter_map(|(name, value)| {
        let value = value?;
        Some([el(Tag::Dt).text(name), el(Tag::Dd).text(value)])
    });
    let mut view = vec![
        note("Token insight (decoded, not verified):"),
        el(Tag::Dl).children(claims_list.flatten()).into(),
    ];
    let warnings = root
        .map(|root| claims.warnings(root, now))
        .unwrap_or_default();
    if !warnings.is_empty() {
        let items = warnings
            .iter()
            .map(|warning| el(Tag::Li).text(warning_text(warning)));
        view.push(el(Tag::Ul).class("warning").children(items).into());
    }
    view
}

fn now_seconds() -> u64 {
    (now_ms() / 1000.0) as u64
}

/// True when `token` against `root` was not the last one inspected (and remembers it).
fn first_look(sign_in: &SignIn, token: &str, root: Option<&ServiceRoot>) -> bool {
    let key = (
        token.to_owned(),
        root.map(ServiceRoot::base_url).unwrap_or_default(),
    );
    sign_in.inspected.replace(key.clone()) != key
}

/// Token insight for `token` now, and an update every second while it has an expiry (until
/// another token is inspected).
pub fn inspect(sign_in: &Rc<SignIn>, token: &str, draft: &Draft, post: Post) -> Reply {
    let root = draft.service_root().ok();
    if !first_look(sign_in, token, root.as_ref()) {
        return Steps::default().reply();
    }
    let generation = next(&sign_in.insight_generation);
    let shown = insight_steps(sign_in, token, root.as_ref());
    let ticking =
        matches!(read_token(token), TokenShape::Jwt(claims) if claims.expires_at.is_some());
    if ticking {
        let (token, sign_in) = (token.to_owned(), sign_in.clone());
        spawn_local(async move {
            loop {
                sleep(Duration::from_secs(1)).await;
                if sign_in.insight_generation.get() != generation {
                    return;
                }
                let steps = insight_steps(&sign_in, &token, root.as_ref());
                post(respond(UPDATE_ID, steps.reply()));
            }
        });
    }
    shown.reply()
}

/// Token insight and the connection line's words for `token` now.
fn insight_steps(sign_in: &SignIn, token: &str, root: Option<&ServiceRoot>) -> Steps {
    let now = now_seconds();
    let signed_in = sign_in.session.borrow().is_some();
    Steps::default()
        .show(Part::TokenInsight, insight(token, root, now))
        .show(
            Part::ConnectionToken,
            [token_in_words(token, signed_in, now)],
        )
}

/// The connection line's words for `token` at `now` (seconds since 1970): who it speaks for
/// and, for a pasted token, when it expires. `signed_in` says that sign-in got it.
pub fn token_in_words(token: &str, signed_in: bool, now: u64) -> String {
    if token.trim().is_empty() {
        return "no token".to_owned();
    }
    if token == PLACEHOLDER_TOKEN {
        return "placeholder token".to_owned();
    }
    let TokenShape::Jwt(claims) = read_token(token) else {
        return "pasted token".to_owned();
    };
    let who = claims.who();
    let words = match (signed_in, who) {
        (true, Some(who)) => return format!("signed in as {who}"),
        (true, None) => return "signed in".to_owned(),
        (false, Some(who)) => format!("pasted token for {who}"),
        (false, None) => "pasted token".to_owned(),
    };
    match claims.seconds_left(now) {
        Some(left) => format!("{words}, {}", expiry_in_words(left)),
        None => words,
    }
}

/// "expires in 42 min", "expires in 1 h 05 min", "expired".
fn expiry_in_words(seconds: i64) -> String {
    let minutes = (seconds + 59) / 60;
    match seconds {
        ..=0 => "expired".to_owned(),
        1..60 => "expires in under a minute".to_owned(),
        _ if minutes < 60 => format!("expires in {minutes} min"),
        _ => format!("expires in {} h {:02} min", minutes / 60, minutes % 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::protocol::Step;
    use crate::contract::view_tree::{elements, text_of};
    use graph_model::NationalCloud;
    use graph_model::signin::base64url;

    #[test]
    fn insight_keeps_text_as_text_and_warns() {
        let payload = r#"{"aud":"https://management.azure.com/","scp":"User.Read","exp":100,"upn":"<b>eve</b>"}"#;
        let token = format!("e30.{}.sig", base64url::encode(payload.as_bytes()));
        let shown = insight(&token, Some(&ServiceRoot::Cloud(NationalCloud::Global)), 40);
        let dd = |text: &str| Node::from(el(Tag::Dd).text(text));
        let Node::El(Tag::Dl, _, claims) = &shown[1] else {
            panic!("{shown:?}")
        };
        assert!(claims.contains(&dd("<b>eve</b>")), "{claims:?}");
        assert!(claims.contains(&dd("in 1:00")), "{claims:?}");
        let words = text_of(&shown);
        assert!(words.contains("another API or cloud"));
        assert!(words.contains("does not grant DeviceManagementApps.ReadWrite.All"));
        assert_eq!(
            text_of(&insight("opaque", None, 0)),
            "Opaque token: sent as is."
        );
        assert_eq!(insight(" ", None, 0), Vec::new());
        assert_eq!(countdown(7300), "in 2 h 01 min");
        assert_eq!(countdown(0), "expired");
    }

    #[test]
    fn the_form_escapes_what_was_remembered() {
        let Reply::Steps(steps) = form("\"><script>", "contoso", "http://127.0.0.1:8080/?a=1#b")
        else {
            panic!("the sign-in group")
        };
        let [Step::Show(Part::SignIn, group), ..] = &steps[..] else {
            panic!("{steps:?}")
        };
        let values: Vec<&str> = elements(group)
            .into_iter()
            .flat_map(|(_, attrs)| attrs.iter())
            .filter(|(attr, _)| *attr == Attr::Value)
            .map(|(_, value)| value.as_str())
            .collect();
        assert_eq!(values, ["\"><script>", "contoso", "http://127.0.0.1:8080/"]);
    }

    #[test]
    fn the_same_token_is_not_inspected_again_but_a_cleared_one_is() {
        let sign_in = SignIn::default();
        let root = Draft::default().service_root().ok();
        assert!(first_look(&sign_in, "a.b.c", root.as_ref()));
        assert!(
            !first_look(&sign_in, "a.b.c", root.as_ref()),
            "the same token, again"
        );
        assert!(first_look(&sign_in, "", root.as_ref()), "cleared");
        assert!(first_look(&sign_in, "a.b.c", root.as_ref()), "back");
        let cloud = ServiceRoot::Cloud(NationalCloud::Global);
        assert!(
            first_look(&sign_in, "a.b.c", Some(&cloud)),
            "another environment"
        );
    }

    fn record(state: &str) -> PendingSignIn {
        PendingSignIn {
            state: state.into(),
            verifier: "v".into(),
            client_id: EMULATOR_CLIENT_ID.into(),
            token_url: "http://127.0.0.1:8787/organizations/oauth2/v2.0/token".into(),
            scope: "openid".into(),
            redirect_uri: "http://127.0.0.1:8080/".into(),
            tenant: "organizations".into(),
            cloud: "the emulator".into(),
            emulator: true,
            admin_consent_url: String::new(),
        }
    }

    fn finished(query: &str, record: Option<PendingSignIn>) -> String {
        let record = record.as_ref().map(SignInRecord::of);
        let posted = std::rc::Rc::new(RefCell::new(Vec::new()));
        let collect = posted.clone();
        finish(
            &std::rc::Rc::default(),
            &Events::unheard(),
            7,
            query,
            record,
            std::rc::Rc::new(move |text| collect.borrow_mut().push(text)),
        );
        let text = posted.borrow().first().cloned().expect("an answer");
        match crate::contract::protocol::Response::from_text(&text).map(|response| response.reply) {
            Ok(Reply::Steps(steps)) => format!("{steps:?}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_error_in_the_address_is_shown_only_for_the_pending_sign_in() {
        let crafted = "?error=access_denied&error_description=Call+0800+123+to+unlock&state=s";
        let status = finished(crafted, None);
        assert!(!status.contains("0800"), "{status}");
        assert!(status.contains("started no sign-in"), "{status}");
        let steps = finished(crafted, Some(record("other")));
        assert!(!steps.contains("0800"), "another state: {steps}");
        let steps = finished(crafted, Some(record("s")));
        assert!(!steps.contains("started no sign-in"), "{steps}");
        assert!(steps.contains("cancelled"), "{steps}");
    }

    #[test]
    fn bad_inputs_are_refused_before_leaving() {
        let draft = Draft::default();
        let Reply::Steps(refused) =
            start(&draft, "not-a-guid", "", "http://127.0.0.1:8080/", false)
        else {
            panic!("a refusal")
        };
        let [
            Step::Show(Part::SignInStatus, status),
            _,
            Step::SignedIn(false),
            Step::OpenConnection,
        ] = &refused[..]
        else {
            panic!("{refused:?}")
        };
        assert!(text_of(status).contains("Client ID"), "{status:?}");
        let Reply::Steps(consumers) =
            start(&draft, "", "consumers", "http://127.0.0.1:8080/", false)
        else {
            panic!("a refusal")
        };
        assert!(format!("{consumers:?}").contains("personal Microsoft accounts"));
    }

    #[test]
    fn the_connection_line_says_whose_token_and_until_when() {
        let jwt = |payload: &str| format!("e30.{}.sig", base64url::encode(payload.as_bytes()));
        let adele = jwt(r#"{"upn":"adele@contoso.example","exp":10000}"#);
        assert_eq!(token_in_words("", false, 0), "no token");
        assert_eq!(
            token_in_words(PLACEHOLDER_TOKEN, false, 0),
            "placeholder token"
        );
        assert_eq!(token_in_words("opaque", false, 0), "pasted token");
        assert_eq!(
            token_in_words(&adele, true, 7000),
            "signed in as adele@contoso.example"
        );
        let pasted = |now| token_in_words(&adele, false, now);
        assert_eq!(
            pasted(7480),
            "pasted token for adele@contoso.example, expires in 42 min"
        );
        assert_eq!(
            pasted(5000),
            "pasted token for adele@contoso.example, expires in 1 h 24 min"
        );
        assert_eq!(
            pasted(9970),
            "pasted token for adele@contoso.example, expires in under a minute"
        );
        assert_eq!(
            pasted(10000),
            "pasted token for adele@contoso.example, expired"
        );
        assert_eq!(token_in_words(&jwt("{}"), false, 0), "pasted token");
    }
}
