"""The other half of a form: a server that checks each submission against the site's
own definitions, keeps it once per Idempotency-Key, and tells the team.

    site.py    the site's actions, read by the plugin's own validators
    check.py   a submission against its form's fields
    store.py   SQLite or PostgreSQL: submissions and the notification queue
    notify.py  Apprise URLs and signed webhooks, retried until delivered
    app.py     the ASGI app (Starlette)
    cli.py     `chatspark-receiver`: serve, export

Needs the `receiver` extra. Imports the plugin's model, never a host (plugin.py,
extension.py).
"""
