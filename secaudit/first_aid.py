"""First-aid flows: small question trees for when something has already gone wrong.

English flows are `guides/first-aid/<flow>.yaml`, translations `guides/first-aid/<lang>/<flow>.yaml`
(guides/first-aid/FORMAT.md). A flow is validated when loaded: every answer leads to an existing
node, every node is reachable, every path ends at a leaf with steps and help, and there is no
cycle. Walking a flow is a pure function of the answers given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from secaudit.errors import BadInputError
from secaudit.l10n import _
from secaudit.yamlio import line_of, parse_yaml

PACKAGE = "secaudit.guides"
FOLDER = "first-aid"


@dataclass(frozen=True, slots=True)
class Answer:
    """One numbered answer and the node it leads to."""

    label: str
    next: str


@dataclass(frozen=True, slots=True)
class Node:
    """A question or explanation (with answers), or a leaf (with steps and help)."""

    id: str
    text: str = ""
    question: str = ""
    answers: tuple[Answer, ...] = ()
    steps: tuple[str, ...] = ()
    run_checks: tuple[str, ...] = ()
    help: tuple[str, ...] = ()

    @property
    def is_leaf(self) -> bool:
        """A leaf ends the flow with concrete steps."""
        return not self.answers


@dataclass(frozen=True, slots=True)
class Flow:
    """A whole first-aid flow in one language."""

    id: str
    lang: str
    title: str
    summary: str
    start: str
    nodes: dict[str, Node] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Contact:
    """A public help contact."""

    id: str
    name: str
    what: str
    url: str = ""
    email: str = ""
    phone: str = ""
    hours: str = ""


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def parse_flow(data: Any, source: str, lang: str) -> Flow:
    """Build and validate a flow; every problem names the file, line and node."""
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), dict):
        raise BadInputError(source, "a flow needs id, title, start and nodes")
    nodes: dict[str, Node] = {}
    for node_id, raw in data["nodes"].items():
        where = f"nodes.{node_id}"
        if not isinstance(raw, dict):
            raise BadInputError(source, "a node must be a mapping", where=where,
                                line=line_of(data["nodes"]))
        answers = []
        for index, answer in enumerate(raw.get("answers") or []):
            if not isinstance(answer, dict) or not answer.get("label") or not answer.get("next"):
                raise BadInputError(source, "an answer needs a label and next", line=line_of(raw),
                                    where=f"{where}.answers[{index}]")
            answers.append(Answer(str(answer["label"]), str(answer["next"])))
        steps = _strings(raw.get("steps"))
        if not answers and not steps:
            raise BadInputError(source, "a node needs answers (to go on) or steps (to end)",
                                line=line_of(raw), where=where)
        if answers and steps:
            raise BadInputError(source, "a node has either answers or steps, not both",
                                line=line_of(raw), where=where)
        nodes[str(node_id)] = Node(
            id=str(node_id), text=str(raw.get("text") or "").strip(),
            question=str(raw.get("question") or "").strip(), answers=tuple(answers),
            steps=steps, run_checks=_strings(raw.get("run_checks")),
            help=_strings(raw.get("help")))
    flow = Flow(id=str(data.get("id", "")), lang=lang, title=str(data.get("title", "")),
                summary=str(data.get("summary", "")), start=str(data.get("start", "")),
                nodes=nodes)
    _validate_tree(flow, source)
    return flow


def _validate_tree(flow: Flow, source: str) -> None:
    if flow.start not in flow.nodes:
        raise BadInputError(source, f"start node {flow.start!r} does not exist", where="start")
    for node in flow.nodes.values():
        for answer in node.answers:
            if answer.next not in flow.nodes:
                raise BadInputError(source, f"answer {answer.label!r} leads to missing node "
                                    f"{answer.next!r}", where=f"nodes.{node.id}")
        if node.is_leaf and not node.help:
            raise BadInputError(source, "a leaf must say where to get help",
                                where=f"nodes.{node.id}.help")
    seen: set[str] = set()

    def visit(node_id: str, path: tuple[str, ...]) -> None:
        if node_id in path:
            raise BadInputError(source, f"cycle: {' -> '.join((*path, node_id))}")
        seen.add(node_id)
        for answer in flow.nodes[node_id].answers:
            visit(answer.next, (*path, node_id))

    visit(flow.start, ())
    orphans = sorted(set(flow.nodes) - seen)
    if orphans:
        raise BadInputError(source, f"nodes not reachable from start: {', '.join(orphans)}")


def _entry(flow_id: str, lang: str) -> Any:
    root = resources.files(PACKAGE) / FOLDER
    return root / f"{flow_id}.yaml" if lang == "en" else root / lang / f"{flow_id}.yaml"


def flow_ids() -> list[str]:
    """Ids of the English flows."""
    root = resources.files(PACKAGE) / FOLDER
    return sorted(e.name.removesuffix(".yaml") for e in root.iterdir()
                  if e.name.endswith(".yaml") and e.name != "contacts.yaml")


def load_flow(flow_id: str, lang: str = "en") -> Flow | None:
    """The flow in `lang`, or None when that translation does not exist."""
    entry = _entry(flow_id, lang)
    if not entry.is_file():
        return None
    source = f"guides/{FOLDER}/{'' if lang == 'en' else lang + '/'}{flow_id}.yaml"
    return parse_flow(parse_yaml(entry.read_text(encoding="utf-8"), source), source, lang)


def find_flow(flow_id: str, lang: str) -> tuple[Flow | None, bool]:
    """The flow in `lang`, else in English; the flag says a fallback happened."""
    flow = load_flow(flow_id, lang)
    if flow is not None or lang == "en":
        return flow, False
    return load_flow(flow_id, "en"), True


def missing_flow_translations() -> dict[str, list[str]]:
    """Language -> English flows that have no translation in it."""
    from secaudit.i18n import known_languages

    return {code: [f for f in flow_ids() if not _entry(f, code).is_file()]
            for code in known_languages() if code != "en"}


def load_contacts() -> dict[str, Contact]:
    """Public help contacts by id, their descriptions in the active language."""
    entry = resources.files(PACKAGE) / FOLDER / "contacts.yaml"
    data = parse_yaml(entry.read_text(encoding="utf-8"), f"guides/{FOLDER}/contacts.yaml")

    def words(contact: dict[str, object], key: str) -> str:
        text = " ".join(str(contact.get(key) or "").split())
        return _(text) if text else ""

    return {str(c["id"]): Contact(str(c["id"]), words(c, "name"), words(c, "what"),
                                  str(c.get("url", "")), str(c.get("email", "")),
                                  str(c.get("phone", "")), words(c, "hours"))
            for c in data.get("contacts", [])}


class AnswerError(ValueError):
    """An answer number that the current node does not offer."""


def walk(flow: Flow, answers: list[int]) -> list[Node]:
    """The nodes visited when giving `answers` (1-based) from the start; stops at a leaf."""
    node = flow.nodes[flow.start]
    path = [node]
    for number in answers:
        if node.is_leaf:
            raise AnswerError(_("the flow already ended at {node}; {number} is one answer "
                                "too many", node=repr(node.id), number=number))
        if not 1 <= number <= len(node.answers):
            raise AnswerError(_("question {node} has answers 1 to {last}, not {number}",
                                node=repr(node.id), last=len(node.answers), number=number))
        node = flow.nodes[node.answers[number - 1].next]
        path.append(node)
    return path
