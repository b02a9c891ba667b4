//! The emulator's command line: parses flags, sets up logging, binds and serves.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use graph_emulator::config::{
    EmulatorConfig, Latency, Limits, SignInConfig, Throttle, UnservedRoutes, parse_fail_rate,
};
use graph_emulator::generate::{Size, generate};
use graph_emulator::members::Members;
use graph_emulator::origins::{AllowedOrigins, OriginRule};
use graph_emulator::server::{ClientLimits, serve};
use graph_emulator::static_files::static_files;
use graph_emulator::store::{Dataset, Store};
use graph_emulator::tls::{self, Certificate};
use graph_emulator::{AppState, app};
use graph_model::ClientId;
use tracing_subscriber::EnvFilter;

/// A local stand-in for Microsoft Graph's iOS LOB app provisioning configuration endpoints.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Address and port of the Graph API.
    #[arg(long, default_value = "127.0.0.1:8787", value_name = "ADDR:PORT")]
    listen: SocketAddr,
    /// The one accepted bearer token (default: any non-empty token).
    #[arg(long, value_name = "TOKEN")]
    token: Option<String>,
    /// Load data from FILE at start and save every change to it (created from the fixture if missing).
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    /// Sample data to start from instead of the built-in fixture.
    #[arg(long, value_name = "FILE")]
    fixture: Option<PathBuf>,
    /// Start from a generated data set of this size instead of the fixture: configurations,
    /// and assignments in each (names, groups and filters too; the same size gives the same ids).
    #[arg(
        long,
        value_name = "CONFIGURATIONS:ASSIGNMENTS",
        conflicts_with = "fixture"
    )]
    generate: Option<Size>,
    /// With --generate, a directory of this many users (and half as many devices) behind the
    /// generated groups: the first holds every user, the third a tenth of them, overlapping.
    #[arg(long, value_name = "USERS", requires = "generate", default_value_t = 0)]
    members: usize,
    /// Answer every successful PATCH with 200 and the entity instead of 204.
    #[arg(long)]
    patch_returns_content: bool,
    /// Write throttling per token: off, intune (100 writes per 20 s), or N/SECONDS.
    #[arg(long, default_value = "off", value_parser = clap::value_parser!(Throttle), value_name = "intune|off|N/SECONDS")]
    throttle: Throttle,
    /// Latency added to every answer: MS or MIN-MAX in milliseconds.
    #[arg(long, value_parser = clap::value_parser!(Latency), value_name = "MS|MIN-MAX")]
    latency: Option<Latency>,
    /// Share of requests (0 to 1) answered with a random 500, 503 (with Retry-After) or 504.
    #[arg(long, default_value = "0", value_parser = parse_fail_rate, value_name = "FRACTION")]
    fail_rate: f64,
    /// Leave Retry-After out of the CORS exposed headers, as real Graph has been reported to.
    #[arg(long)]
    hide_retry_after: bool,
    /// Answer these documented routes as Intune does when it does not serve them (400 "No
    /// method match route template"): assignment-write is POST .../assignments and PATCH and
    /// DELETE .../assignments/{id}; the assign action keeps working.
    #[arg(long, value_parser = clap::value_parser!(UnservedRoutes), value_name = "assignment-write")]
    unserved_routes: Option<UnservedRoutes>,
    /// Seconds an audit event waits before GET /beta/deviceManagement/auditEvents lists it, as
    /// Intune's appear minutes late.
    #[arg(long, default_value_t = 0, value_name = "SECONDS")]
    audit_delay: u64,
    /// The most configurations in one page of the list (more come through @odata.nextLink).
    #[arg(long, default_value_t = graph_emulator::config::DEFAULT_PAGE_SIZE, value_name = "N")]
    page_size: usize,
    /// Also serve this folder of static files (the built app) on --app-listen: the .br or .gz
    /// file beside each asset when the browser accepts it, hashed names cached as immutable,
    /// the rest revalidated by ETag.
    #[arg(long, value_name = "DIR")]
    app_dir: Option<PathBuf>,
    /// Address and port for --app-dir.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    app_listen: SocketAddr,
    /// Also answer web pages of ORIGIN (repeatable; '*' for every origin). By default only
    /// pages on this machine (http://localhost:*, http://127.0.0.1:*) and the --app-listen
    /// origin may call; other pages get 403.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    allow_origins: Vec<OriginRule>,
    /// Seconds a client may take to send its request headers (or to start its next request on
    /// a kept-alive connection) and, separately, its body; slower clients are dropped (408
    /// for a late body).
    #[arg(long, default_value_t = graph_emulator::server::DEFAULT_CLIENT_TIMEOUT.as_secs(), value_name = "SECONDS")]
    client_timeout: u64,
    /// The most assignments one configuration may have.
    #[arg(long, default_value_t = Limits::default().assignments_per_configuration, value_name = "N")]
    max_assignments_per_configuration: usize,
    /// The most assignments of all configurations together.
    #[arg(long, default_value_t = Limits::default().assignments, value_name = "N")]
    max_assignments: usize,
    /// The most configurations the data at start may have.
    #[arg(long, default_value_t = Limits::default().configurations, value_name = "N")]
    max_configurations: usize,
    /// Serve the API over https with a certificate made at start for 127.0.0.1 and localhost
    /// (its PEM is written to --tls-cert-out; trust it with NODE_EXTRA_CA_CERTS,
    /// REQUESTS_CA_BUNDLE or SSL_CERT_FILE), or with --tls-cert and --tls-key.
    #[arg(long)]
    tls: bool,
    /// Where --tls writes the certificate it makes (default: a file in the temporary folder).
    #[arg(
        long,
        value_name = "FILE",
        requires = "tls",
        conflicts_with = "tls_cert"
    )]
    tls_cert_out: Option<PathBuf>,
    /// A PEM certificate chain to serve https with (with --tls-key).
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// The most distinct tokens the write throttle counts at once (quiet ones are forgotten).
    #[arg(long, default_value_t = Limits::default().throttle_tokens, value_name = "N")]
    max_throttle_tokens: usize,
    /// An app registration that may sign in (repeatable; default: any GUID).
    #[arg(long = "client-id", value_name = "GUID", value_parser = parse_client_id)]
    client_ids: Vec<String>,
    /// A registered redirect URI (repeatable; default: any http://localhost or
    /// http://127.0.0.1 URI). Loopback ports are ignored when matching, as Entra does.
    #[arg(long = "redirect-uri", value_name = "URI")]
    redirect_uris: Vec<String>,
    /// How long the access tokens the sign-in mints live (small values test renewal).
    #[arg(long, default_value_t = 3600, value_name = "SECONDS")]
    token_lifetime: u64,
}

fn parse_client_id(text: &str) -> Result<String, String> {
    ClientId::parse(text)
        .map(String::from)
        .map_err(|error| format!("the client id {error}"))
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    if let Err(message) = run(Cli::parse()).await {
        eprintln!("graph-emulator: {message}");
        std::process::exit(1);
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let initial = match (&cli.fixture, cli.generate) {
        (_, Some(size)) => {
            let mut data = generate(size)?;
            if cli.members > 0 {
                let groups: Vec<String> = data
                    .groups
                    .iter()
                    .map(|group| group.id.to_string())
                    .collect();
                data.directory = Members::generated(&groups, cli.members);
            }
            data
        }
        (None, None) => Dataset::sample(),
        (Some(path), None) => {
            let text = std::fs::read_to_string(path)
                .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
            Dataset::from_json(&text)
                .map_err(|error| format!("{} is not a valid fixture: {error}", path.display()))?
        }
    };
    let limits = Limits {
        assignments_per_configuration: cli.max_assignments_per_configuration,
        assignments: cli.max_assignments,
        configurations: cli.max_configurations,
        throttle_tokens: cli.max_throttle_tokens.max(1),
    };
    let store = match cli.data.clone() {
        Some(file) => Store::persistent(file, initial)?,
        None => Store::in_memory(initial),
    };
    store
        .read(|data| data.check_limits(&limits))
        .await
        .map_err(|reason| format!("the data is too large to serve: {reason}"))?;
    // The app's own listener comes first, so that its origin (its port may be 0) is allowed.
    let app_listener = match &cli.app_dir {
        None => None,
        Some(_) => Some(
            tokio::net::TcpListener::bind(cli.app_listen)
                .await
                .map_err(|error| format!("cannot listen on {}: {error}", cli.app_listen))?,
        ),
    };
    let mut origin_rules = cli.allow_origins.clone();
    if let Some(listener) = &app_listener {
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        origin_rules.push(OriginRule::Exact(format!("http://{address}")));
    }
    let config = EmulatorConfig {
        token: cli.token.clone(),
        patch_returns_content: cli.patch_returns_content,
        throttle: cli.throttle,
        latency: cli.latency.unwrap_or(Latency::None),
        fail_rate: cli.fail_rate,
        hide_retry_after: cli.hide_retry_after,
        unserved_routes: cli.unserved_routes,
        audit_delay: std::time::Duration::from_secs(cli.audit_delay),
        page_size: cli.page_size,
        allowed_origins: AllowedOrigins::with_rules(origin_rules),
        limits,
        signin: SignInConfig {
            client_ids: cli.client_ids.clone(),
            redirect_uris: cli.redirect_uris.clone(),
            token_lifetime: Duration::from_secs(cli.token_lifetime.max(1)),
        },
        ..EmulatorConfig::default()
    };
    let api = tokio::net::TcpListener::bind(cli.listen)
        .await
        .map_err(|error| format!("cannot listen on {}: {error}", cli.listen))?;
    let api_address = api.local_addr().map_err(|e| e.to_string())?;
    let certificate = match (&cli.tls_cert, &cli.tls_key) {
        (Some(certificate), Some(key)) => Some(Certificate::Files {
            certificate: certificate.clone(),
            key: key.clone(),
        }),
        _ if cli.tls => Some(Certificate::SelfSigned {
            written_to: cli.tls_cert_out.clone().unwrap_or_else(|| {
                std::env::temp_dir().join(format!("graph-emulator-{}.pem", api_address.port()))
            }),
        }),
        _ => None,
    };
    let tls = certificate.as_ref().map(tls::acceptor).transpose()?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    println!("Graph emulator: {scheme}://{api_address}/beta");
    if let Some(Certificate::SelfSigned { written_to }) = &certificate {
        println!(
            "Certificate: {} (trust it with NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE or SSL_CERT_FILE)",
            written_to.display()
        );
    }
    let client_limits = ClientLimits {
        header_read: Duration::from_secs(cli.client_timeout.max(1)),
        body_read: Duration::from_secs(cli.client_timeout.max(1)),
    };
    let api_server = serve(api, app(AppState::new(config, store)), client_limits, tls);

    match (cli.app_dir, app_listener) {
        (Some(folder), Some(listener)) => {
            println!(
                "Playground: http://{}/ (serving {})",
                listener.local_addr().map_err(|e| e.to_string())?,
                folder.display()
            );
            let files = static_files(&folder);
            tokio::try_join!(api_server, serve(listener, files, client_limits, None))
                .map(|_| ())
                .map_err(|error| error.to_string())
        }
        _ => api_server.await.map_err(|error| error.to_string()),
    }
}
