"""The JSON report: a stable, schema-validated document for tools and trainers."""

from __future__ import annotations

import json
from typing import Any

from secaudit.i18n import known_languages
from secaudit.model import Priority, Report, Result

SCHEMA_VERSION = 1


def result_to_dict(result: Result, priority: Priority | None = None) -> dict[str, Any]:
    """One result as the schema describes it."""
    item: dict[str, Any] = {
        "check": result.spec.id,
        "title": result.spec.title,
        "status": result.status.value,
        "severity": result.spec.severity.value,
        "message": result.message,
        "evidence": [{"source": e.source, "detail": e.detail} for e in result.evidence],
        "guide": {"id": result.spec.guide.id, "url": result.spec.guide.url},
        "duration_ms": result.duration_ms,
    }
    if result.reason is not None:
        item["reason"] = result.reason.value
    if result.spec.first_aid:
        item["first_aid"] = result.spec.first_aid
    if result.self_reported:
        item["self_reported"] = True
    if priority is not None:
        item["priority"] = {"rank": priority.rank, "score": priority.score,
                            "effort": priority.effort, "reasons": list(priority.reasons)}
    return item


def report_to_dict(report: Report) -> dict[str, Any]:
    """The whole report as a plain dictionary."""
    priorities = {p.check: p for p in report.priorities}
    language = known_languages().get(report.language)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "secaudit", "version": report.tool_version},
        "host": {
            "platform": report.platform,
            "os": {"name": report.os.name, "version": report.os.version, "build": report.os.build},
        },
        "started": report.started,
        "finished": report.finished,
        "language": {"code": report.language,
                     "direction": language.direction if language else "ltr"},
        "summary": report.summary(),
        "top_actions": [
            {"rank": a.rank, "check": a.check, "action": a.action,
             "guide": {"id": a.guide.id, "url": a.guide.url},
             "self_reported": a.self_reported, "command": f"secaudit guide {a.guide.id}"}
            for a in report.top_actions],
        "profile": {"source": report.profile_source, "answers": dict(report.profile)},
        "results": [result_to_dict(r, priorities.get(r.spec.id)) for r in report.results],
    }


def render_json(report: Report) -> str:
    """The report as indented JSON text, ending with a newline."""
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False) + "\n"
