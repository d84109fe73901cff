# The form receiver (chatspark-receiver) in a container. See example_site/docs/receiver.md.
#   docker build -t chatspark-receiver .
#   docker run -p 127.0.0.1:8765:8765 -v "$PWD:/site:ro" -v chatspark-data:/data \
#     chatspark-receiver --config /site/mkdocs.yml
FROM python:3.12-slim
RUN useradd --system --uid 10001 --home-dir /data --no-create-home chatspark \
 && mkdir /data && chown chatspark /data
COPY pyproject.toml README.md LICENSE* /src/
COPY mkdocs_chatspark /src/mkdocs_chatspark
RUN pip install --no-cache-dir "/src[receiver]" && rm -rf /src
USER chatspark
VOLUME ["/data"]
EXPOSE 8765
HEALTHCHECK --interval=30s --timeout=5s \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8765/healthz', timeout=3)"]
ENTRYPOINT ["chatspark-receiver", "--host", "0.0.0.0", "--port", "8765", "--db", "/data/submissions.sqlite3"]
CMD ["--config", "/site/mkdocs.yml"]
