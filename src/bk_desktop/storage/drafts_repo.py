"""Drafts of unsaved forms (``domain/drafts.py``): one row per account, form and record."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bk_desktop.domain.drafts import DraftForm, FormDraft, KeptDraft
from bk_desktop.storage.database import Database, Row
from bk_desktop.storage.timefmt import from_text, to_text


def save(db: Database, account_id: str, draft: FormDraft, now: datetime) -> int:
    """Insert the draft, or replace the one this account keeps for the same form and record."""
    db.execute(
        "INSERT INTO draft (account_id, form, target, content, saved_at) "
        "VALUES (:account, :form, :target, :content, :now) "
        "ON CONFLICT (account_id, form, target) DO UPDATE SET content = excluded.content, "
        "saved_at = excluded.saved_at",
        {
            "account": account_id,
            "form": draft.form.value,
            "target": draft.target,
            "content": json.dumps(draft.content, ensure_ascii=False),
            "now": to_text(now),
        },
    )
    found = db.scalar(
        "SELECT id FROM draft WHERE account_id = :account AND form = :form AND target = :target",
        {"account": account_id, "form": draft.form.value, "target": draft.target},
    )
    return int(found)


def _draft(row: Row) -> KeptDraft | None:
    try:
        form = DraftForm(row["form"])
        content = json.loads(row["content"])
    except ValueError:
        return None  # a form this program no longer has, or a damaged document
    return KeptDraft(
        id=row["id"],
        account_id=row["account_id"],
        form=form,
        target=row["target"],
        content=content if isinstance(content, dict) else {},
        saved_at=from_text(row["saved_at"]),
    )


def for_account(
    db: Database, account_id: str, saved_before: datetime | None = None
) -> list[KeptDraft]:
    """The account's drafts, oldest first; only those saved before ``saved_before`` if given."""
    sql = "SELECT * FROM draft WHERE account_id = :account"
    params: dict[str, Any] = {"account": account_id}
    if saved_before is not None:
        sql += " AND saved_at < :before"
        params["before"] = to_text(saved_before)
    rows = db.all(sql + " ORDER BY saved_at, id", params)
    return [d for d in (_draft(row) for row in rows) if d is not None]


def delete(db: Database, account_id: str, draft_id: int) -> bool:
    cursor = db.execute(
        "DELETE FROM draft WHERE id = :id AND account_id = :account",
        {"id": draft_id, "account": account_id},
    )
    return bool(cursor.rowcount)
