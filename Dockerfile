# careerbot in a container: the release binary, the shipped guides, an unprivileged user.
# Multi-stage: the build stage has the Rust toolchain and the C compiler for the bundled SQLite;
# the runtime stage has neither. See docs/DEPLOYMENT.md ("Containers") and compose.yaml.
# Not built on the machine this was written on (no Docker daemon there).

FROM rust:1.95-bookworm AS build
WORKDIR /src
# Manifests first, so the dependencies' layer is reused while only the sources change.
COPY Cargo.toml Cargo.lock ./
COPY src src
COPY assets assets
# The bot's message catalogues, compiled in (src/i18n.rs).
COPY locales locales
COPY seeds seeds
# Cargo.toml names the benches: cargo needs their files to read the manifest.
COPY benches benches
RUN cargo build --release --locked --bin careerbot \
 && strip target/release/careerbot

FROM debian:bookworm-slim
# ca-certificates: Discord's REST API and CDN are HTTPS.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /var/lib/careerbot --shell /usr/sbin/nologin careerbot \
 && mkdir -p /var/lib/careerbot \
 && chown careerbot:careerbot /var/lib/careerbot
COPY --from=build /src/target/release/careerbot /usr/local/bin/careerbot
COPY seeds /opt/careerbot/seeds
# State lives in /var/lib/careerbot (a volume): the guides (copied from the image at first
# start, so /sources add can write there), the index and the data directory. The database is
# the SQLite file in data/ unless CAREERBOT_DATABASE_URL names a PostgreSQL server.
ENV CAREERBOT_SEEDS_DIR=/var/lib/careerbot/seeds \
    CAREERBOT_INDEX_DIR=/var/lib/careerbot/index \
    CAREERBOT_DATA_DIR=/var/lib/careerbot/data \
    RUST_LOG=info
VOLUME /var/lib/careerbot
WORKDIR /var/lib/careerbot
USER careerbot:careerbot
EXPOSE 8080
ENTRYPOINT ["/bin/sh", "-c", "[ -d \"$CAREERBOT_SEEDS_DIR\" ] || cp -r /opt/careerbot/seeds \"$CAREERBOT_SEEDS_DIR\"; exec careerbot \"$@\"", "careerbot"]
CMD ["serve", "--listen", "0.0.0.0:8080"]
