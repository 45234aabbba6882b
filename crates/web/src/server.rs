//! The listener, the connections and the routes.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::pool::{Failure, Pool};
use crate::{api, auth, pages, Config, Error, Sources};

/// What every handler can reach.
pub(crate) struct App {
    pub pool: Arc<Pool>,
    pub token: Option<String>,
    pub allow_edits: bool,
    /// The secret edit forms carry (a new one each run).
    pub csrf: String,
    pub sources: Arc<dyn Sources>,
    request_timeout: Duration,
}

pub(crate) type Shared = Arc<App>;

/// Serves until the process ends; calls `ready` with the bound address once it accepts
/// connections. Refuses to start without a token on a non-loopback address, or without a corpus.
pub fn serve(config: Config, ready: impl FnOnce(SocketAddr)) -> Result<(), Error> {
    config.check()?;
    let io = |context: &str| {
        let context = context.to_string();
        move |source| Error::Io { context, source }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .enable_time()
        .max_blocking_threads(config.readers + 8)
        .build()
        .map_err(io("cannot start the server's runtime"))?;
    let pool = Arc::new(Pool::open(
        config.corpus.clone(),
        config.readers,
        config.max_query_depth,
    )?);
    let app = Arc::new(App {
        pool,
        token: config.token.clone(),
        allow_edits: config.allow_edits,
        csrf: auth::random_hex().map_err(io("cannot read /dev/urandom"))?,
        sources: Arc::clone(&config.sources),
        request_timeout: config.request_timeout,
    });
    let router = router(app, config.max_body);
    runtime.block_on(async move {
        let listener = TcpListener::bind(config.bind)
            .await
            .map_err(io(&format!("cannot listen on {}", config.bind)))?;
        let addr = listener
            .local_addr()
            .map_err(io("cannot read the bound address"))?;
        ready(addr);
        let slots = Arc::new(Semaphore::new(config.max_connections));
        loop {
            let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
                return Ok(());
            };
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors, say: wait a little rather than spin.
                    eprintln!("cuttings serve: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            };
            let service = TowerToHyperService::new(router.clone());
            let header_timeout = config.header_timeout;
            let lifetime = config.connection_lifetime;
            tokio::spawn(async move {
                let _slot = slot;
                let connection = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(header_timeout)
                    .max_buf_size(64 * 1024)
                    .serve_connection(TokioIo::new(stream), service);
                // A client that holds its connection past its lifetime is cut off, however
                // slowly it reads or writes.
                let _ = tokio::time::timeout(lifetime, connection).await;
            });
        }
    })
}

fn router(app: Shared, max_body: usize) -> Router {
    let edits = Router::new()
        .route("/entities/{name}/alias", post(pages::alias_edit))
        .route("/articles/{id}/fix", post(pages::fix_edit))
        .with_state(Arc::clone(&app));
    Router::new()
        .route("/", get(pages::search))
        .route("/articles/{id}", get(pages::article))
        .route("/articles/{id}/pages/{page}", get(pages::page_drawing))
        .route("/entities", get(pages::entities))
        .route("/entities/{name}", get(pages::entity))
        .route("/outlets", get(pages::outlets))
        .route("/corpus", get(pages::corpus))
        .route("/login", get(pages::login_form).post(pages::login))
        .route("/static/style.css", get(pages::style))
        .route("/api/search", get(api::search))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/entities", get(api::entities))
        .route("/api/entities/{name}", get(api::entity))
        .route("/api/quotes", get(api::quotes))
        .route("/api/stats", get(api::stats))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/{*rest}", get(api::not_found))
        .merge(edits)
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn_with_state(Arc::clone(&app), guard))
        .with_state(app)
}

/// Before every handler: the token and the request timeout; after: the security headers.
async fn guard(State(app): State<Shared>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let api = path.starts_with("/api/");
    let open = path == "/login" || path == "/static/style.css";
    let mut response = if !allowed_method(request.method()) {
        failure(
            api,
            Failure::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "only GET, HEAD and POST are served",
            ),
        )
    } else if !open && !authorised(&app, request.headers()) {
        let f = Failure::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "this server needs a token: send `Authorization: Bearer TOKEN`, or log in at /login",
        );
        if api {
            failure(true, f)
        } else {
            pages::unauthorised()
        }
    } else {
        match tokio::time::timeout(app.request_timeout, next.run(request)).await {
            Ok(r) => r,
            Err(_) => failure(
                api,
                Failure::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "timeout",
                    "the request took too long",
                ),
            ),
        }
    };
    auth::harden(response.headers_mut());
    if app.token.is_some() && response.status() == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer"),
        );
    }
    response
}

fn allowed_method(m: &Method) -> bool {
    m == Method::GET || m == Method::HEAD || m == Method::POST
}

fn authorised(app: &App, headers: &header::HeaderMap) -> bool {
    match &app.token {
        None => true,
        Some(token) => {
            auth::presented(headers).is_some_and(|t| auth::same(t.as_bytes(), token.as_bytes()))
        }
    }
}

/// A failure as the client wants it: JSON under `/api/`, a page elsewhere.
pub(crate) fn failure(api: bool, f: Failure) -> Response {
    if api {
        api::failure(f)
    } else {
        pages::failure(f)
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        pages::failure(self)
    }
}
