"""`python -m mkdocs_chatspark.receiver ...`: the form receiver, as `chatspark-receiver`
(and `python -m mkdocs_chatspark receive ...`)."""

from .cli import run

if __name__ == "__main__":
    run()
