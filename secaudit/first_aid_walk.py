"""Walking a first-aid flow in the terminal: interactively, or with answers given up front."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from secaudit.first_aid import AnswerError, Flow, Node, find_flow, load_contacts, walk
from secaudit.formats.first_aid_text import render_help, render_node, render_results
from secaudit.i18n import language_name
from secaudit.l10n import _, active_language


def _flow(flow_id: str, lang: str) -> Flow:
    flow, fell_back = find_flow(flow_id, lang)
    if flow is None:  # pragma: no cover - the command checked the id
        raise click.UsageError(_("no first-aid flow {flow}", flow=repr(flow_id)))
    if fell_back:
        print(_("(This flow is not translated into {language} yet; showing English.)",
                language=language_name(lang)), file=sys.stderr)
    return flow


def _leaf_extras(node: Node, host_dir: Path | None) -> str:
    text = ""
    if node.run_checks:
        from secaudit.audit import run_audit
        from secaudit.hosts import open_host
        from secaudit.registry import load_builtin_registry

        report = run_audit(open_host(host_dir), load_builtin_registry(), only=node.run_checks,
                           lang=active_language())
        text += "\n" + render_results(report.results)
    contacts = load_contacts()
    chosen = [contacts[c] for c in node.help if c in contacts]
    if chosen:
        text += "\n" + render_help(chosen)
    return text


def _show(flow: Flow, node: Node, host_dir: Path | None) -> None:
    sys.stdout.write(render_node(node))
    if node.is_leaf or node.run_checks:
        sys.stdout.write(_leaf_extras(node, host_dir))


def walk_with_answers(flow_id: str, lang: str, answers: list[int], host_dir: Path | None) -> int:
    """Print the path the answers take; stop at a leaf or at the next open question."""
    flow = _flow(flow_id, lang)
    try:
        path = walk(flow, answers)
    except AnswerError as exc:
        raise click.BadParameter(str(exc), param_hint="--answers") from None
    print(f"{flow.title}\n")
    for index, node in enumerate(path):
        if index < len(answers):  # a question already answered
            sys.stdout.write(render_node(node))
            print(f"> {node.answers[answers[index] - 1].label}\n")
        else:
            _show(flow, node, host_dir)
    return 0


def walk_interactively(flow_id: str, lang: str, host_dir: Path | None) -> int:
    """Ask each question; numbers choose, `b` goes back, `q` quits."""
    flow = _flow(flow_id, lang)
    print(f"{flow.title}\n{flow.summary}\n")
    history: list[int] = []
    while True:
        node = walk(flow, history)[-1]
        _show(flow, node, host_dir)
        if node.is_leaf:
            return 0
        # Translators: b and q are the letters to type; keep them as they are.
        choice = click.prompt("\n" + _("Choose 1-{last}, b to go back, q to quit",
                                       last=len(node.answers)),
                              default="q", show_default=False, err=True).strip().lower()
        print()
        if choice == "q":
            return 0
        if choice == "b":
            if history:
                history.pop()
            continue
        if choice.isdigit() and 1 <= int(choice) <= len(node.answers):
            history.append(int(choice))
        else:
            print(_("Please type a number from 1 to {last}, b or q.", last=len(node.answers))
                  + "\n")
