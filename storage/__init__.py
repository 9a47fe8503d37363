"""All of poflow's state: the order database and the original-file store.

    db.py           open_database(url) -> Database (.session(), .read_session()); migrations
    models.py       SQLAlchemy 2.0 models of every table (schema: migrations/versions/)
    blobs.py        BlobStore: originals by SHA-256, written once
    documents.py    add_document, set_document_status, record_extraction, claims, mail ledger
    orders.py       add_order, po_number_taken, get_order
    review.py       review tasks (add, claim, update, decide) and reviewers' corrections
    master_data.py  import_csvs (contract §4), load_master_data
    users.py        users and API tokens
    audit.py        append_audit, audit_trail (append-only)

Data-access functions are keyword-only and take the caller's `session=`, so one caller
transaction can span several of them (e.g. store an order and close its review task).
"""
