//! Serving a router on a socket with limits on slow and idle clients, which `axum::serve` does
//! not set: a client must send its request headers within [`ClientLimits::header_read`] (this
//! also closes a kept-alive connection that stays idle that long), and its body within
//! [`ClientLimits::body_read`] once the handler asks for it (408 otherwise, see
//! [`crate::body`]).

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;

use crate::stats::Peer;

/// The default for both limits.
pub const DEFAULT_CLIENT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a client may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientLimits {
    /// To send the request line and headers, or to start the next request on a kept-alive
    /// connection.
    pub header_read: Duration,
    /// To send the whole body.
    pub body_read: Duration,
}

impl Default for ClientLimits {
    fn default() -> Self {
        ClientLimits {
            header_read: DEFAULT_CLIENT_TIMEOUT,
            body_read: DEFAULT_CLIENT_TIMEOUT,
        }
    }
}

/// The body-read limit of a request, for the body extractor.
#[derive(Debug, Clone, Copy)]
pub struct BodyReadLimit(pub Duration);

/// Serves `router` on `listener` over HTTP/1.1 (over TLS when `tls` is given) until the
/// listener fails. A TLS handshake must also end within the header-read limit.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ClientLimits,
    tls: Option<TlsAcceptor>,
) -> io::Result<()> {
    let router = router.layer(axum::middleware::from_fn(
        move |mut request: Request, next: Next| {
            request
                .extensions_mut()
                .insert(BodyReadLimit(limits.body_read));
            async move { next.run(request).await }
        },
    ));
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(error) => {
                // Out of file descriptors or a connection reset before accept: wait, go on.
                tracing::warn!(%error, "accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let (router, tls) = (router.clone(), tls.clone());
        tokio::spawn(async move {
            match tls {
                None => serve_connection(stream, peer, router, limits, "http").await,
                Some(acceptor) => {
                    match tokio::time::timeout(limits.header_read, acceptor.accept(stream)).await {
                        Ok(Ok(stream)) => {
                            serve_connection(stream, peer, router, limits, "https").await
                        }
                        Ok(Err(error)) => tracing::debug!(%error, "TLS handshake failed"),
                        Err(_) => tracing::debug!("TLS handshake too slow"),
                    }
                }
            }
        });
    }
}

/// The header that tells handlers the scheme the client used (set here, whatever the client
/// sent), so that `@odata.nextLink` and `Location` use it.
pub const SCHEME_HEADER: &str = "x-forwarded-proto";

/// Serves one connection (from `peer`) until the client or a limit ends it.
async fn serve_connection<IO>(
    io: IO,
    peer: SocketAddr,
    router: Router,
    limits: ClientLimits,
    scheme: &'static str,
) where
    IO: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        let router = router.clone();
        request.headers_mut().insert(
            SCHEME_HEADER,
            hyper::header::HeaderValue::from_static(scheme),
        );
        request.extensions_mut().insert(Peer(peer));
        async move {
            let response: Response = router
                .oneshot(request.map(Body::new))
                .await
                .unwrap_or_else(|never: Infallible| match never {});
            Ok::<_, Infallible>(response)
        }
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read)
        .keep_alive(true)
        .serve_connection(TokioIo::new(io), service);
    if let Err(error) = connection.await {
        tracing::debug!(%error, "connection closed");
    }
}
