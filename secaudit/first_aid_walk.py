"""Walking a first-aid flow in the terminal: interactively, or with answers given up front."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from secaudit.first_aid import AnswerError, Flow, Node, find_flow, load_contacts, walk
from secaudit.formats.first_aid_text import render_help, render_node, render_results


def _flow(flow_id: str, lang: str) -> Flow:
    flow, fell_back = find_flow(flow_id, lang)
    if flow is None:  # pragma: no cover - the command checked the id
        raise click.UsageError(f"no first-aid flow {flow_id!r}")
    if fell_back:
        print(f"(This flow is not translated into '{lang}' yet; showing English.)",
              file=sys.stderr)
    return flow


def _leaf_extras(node: Node, host_dir: Path | None) -> str:
    text = ""
    if node.run_checks:
        from secaudit.audit import run_audit
        from secaudit.hosts import open_host
        from secaudit.registry import load_builtin_registry

        report = run_audit(open_host(host_dir), load_builtin_registry(), only=node.run_checks)
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
        choice = click.prompt(f"\nChoose 1-{len(node.answers)}, b to go back, q to quit",
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
            print(f"Please type a number from 1 to {len(node.answers)}, b or q.\n")
