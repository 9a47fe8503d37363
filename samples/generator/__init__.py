"""Deterministic generator of the poflow sample corpus.

Run `python -m samples.generator --out samples`.

One module per concern: `master` (customers, products), `content` (what an order says),
`formatting` (numbers and dates as printed), `render` + `layouts` (PDF layouts behind a
registry), `degrade` (scans and phone photos), `email_build` (.eml files), `bad` (inputs
that must fail), `truth` (truth files), `plan` (which documents make up the corpus).
"""
