# Case Watch: the bot in a slim image, running as a non-root user, data in a volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DATABASE_URL=sqlite:////data/casewatch.db \
    CASEWATCH_CONFIG=/config/casewatch.toml

RUN useradd --create-home --uid 10001 casewatch \
    && mkdir -p /data /config \
    && chown casewatch:casewatch /data /config

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
COPY examples ./examples
# The same install as the README's, without the test extras.
RUN pip install . && cp examples/casewatch.toml /config/casewatch.toml

USER casewatch
VOLUME ["/data"]
CMD ["casewatch", "run"]
