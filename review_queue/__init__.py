"""The reviewer's web app and HTTP API (issue #6).

app.py        create_app(settings) -> FastAPI; who is asking (session or API token), CSRF,
              security headers, typed failures -> HTTP answers
web.py        HTML screens: login, queue, review screen, orders, dashboard, exports
api.py        JSON API under /api (OpenAPI at /openapi.json, docs at /api/docs)
service.py    queue query, claim/release, edit (rules re-run), approve, reject
editing.py    pure order edits: set/confirm a field, add/delete/split lines
views.py      what the review screen shows: fields, findings, boxes per page
pages.py      page images (pypdfium2 / OpenCV), cached under $POFLOW_HOME/page-cache
security.py   Argon2id passwords, server-side sessions, tokens, login throttling
dashboard.py  the dashboard's figures; exports.py  CSV (formula-safe) and JSON
commands.py   `poflow serve`, `poflow users add`, `poflow tokens add`
"""
