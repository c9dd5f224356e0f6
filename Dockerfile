# The logdoctor image: the release tarball on a JRE, the CLI as entrypoint, so one image runs every
# service (shipper, streams, notifier) and every command. Build from the repository root:
#   docker build -t logdoctor:0.1.0 .
#   docker run --rm --read-only --tmpfs /tmp -v logdoctor-state:/var/lib/logdoctor logdoctor:0.1.0 demo
# Not built on the project's CI machines (no Docker engine there).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests -pl cli -am package \
 && mkdir /out && tar xzf cli/target/logdoctor-*.tar.gz -C /out && mv /out/logdoctor-* /out/logdoctor

FROM eclipse-temurin:17-jre
COPY --from=build /out/logdoctor /opt/logdoctor
# Non-root, and nothing under / written at run time: state (streams' RocksDB, the shipper's checkpoints,
# the demo's work dir) goes to $HOME/.logdoctor on the volume, scratch (RocksDB's native library, the
# embedded broker) to /tmp, so the container runs with a read-only root filesystem given a tmpfs /tmp.
# The shipper reading root-owned /var/log/pods needs its own securityContext (see log-shipper/Dockerfile).
RUN groupadd --system --gid 10001 logdoctor \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/logdoctor logdoctor \
 && mkdir -p /var/lib/logdoctor && chown 10001:10001 /var/lib/logdoctor
USER 10001:10001
ENV HOME=/var/lib/logdoctor
VOLUME /var/lib/logdoctor
WORKDIR /var/lib/logdoctor
ENTRYPOINT ["/opt/logdoctor/bin/logdoctor"]
CMD ["--help"]
