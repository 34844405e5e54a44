"""The command line: parses options, delegates, and maps errors to exit codes.

Exit codes: 0 nothing failed; 1 at least one check failed; 2 usage error or bad input;
3 internal error. Only this module turns errors into exit codes.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import Any

from secaudit import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `secaudit` command."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:  # answered before importing anything heavy: it must be instant
        print(f"secaudit {__version__}")
        return EXIT_OK
    import click

    from secaudit.errors import BadInputError, RegistryError
    from secaudit.i18n import resolve_language
    from secaudit.l10n import _, activate

    # The language is needed before the commands are built: their help is worded in it.
    activate(resolve_language(_lang_option(args)))

    try:
        result = _cli.main(args=args, prog_name="secaudit", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.UsageError as exc:
        exc.show()
        return EXIT_USAGE
    except click.Abort:
        print(_("Aborted."), file=sys.stderr)
        return EXIT_USAGE
    except BadInputError as exc:
        # Translators: {problem} names a file and line, then what is wrong, in English.
        print(_("secaudit: bad input: {problem}", problem=exc.describe()), file=sys.stderr)
        return EXIT_USAGE
    except RegistryError as exc:
        print(_("secaudit: invalid check declaration: {problem}", problem=exc), file=sys.stderr)
        return EXIT_USAGE
    except Exception:
        traceback.print_exc()
        print(_("secaudit: internal error (this is a bug in secaudit, not in your machine). "
                "No report was written."), file=sys.stderr)
        return EXIT_INTERNAL
    return int(result or EXIT_OK)


def _lang_option(args: list[str]) -> str | None:
    """The value of `--lang` wherever it is on the command line, if given."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _answer_words() -> dict[str, str]:
    """What a person may type to answer a profile question, in English and their language."""
    from secaudit.l10n import _

    words = {"y": "yes", "yes": "yes", "n": "no", "no": "no", "?": "not_sure",
             "not sure": "not_sure", "": "not_sure"}
    # Translators: the words people may type for yes, no and not sure, separated by spaces
    # (for example "s sí si"). English y/yes, n/no and ? always work too.
    for answer, typed in (("yes", _("y yes")), ("no", _("n no")),
                          ("not_sure", _("? not-sure"))):
        for word in typed.lower().split():  # "no-sé" also answers as "no sé"
            words.update({word: answer, word.replace("-", " "): answer})
    return words


def _use_colour(stream: Any) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def _progress_printer() -> Any:
    if not sys.stderr.isatty():
        return None
    from secaudit.l10n import _

    def show(done: int, total: int, check_id: str) -> None:
        end = "\n" if done == total else ""
        sys.stderr.write("\r" + _("Checking... {done}/{total}", done=done, total=total)
                         + f" {check_id:<30}{end}")
        sys.stderr.flush()

    return show


def _build_cli() -> Any:
    import click

    from secaudit.i18n import language_name
    from secaudit.l10n import _, active_language, listed, n_

    # Every command declares --lang for its help; main() has already resolved and activated it,
    # so commands read active_language() rather than resolving it again.
    lang_help = _("Language: en, es, fr, pt, ar (default: this computer's, else English).")

    @click.group(context_settings={"help_option_names": ["-h", "--help"]},
                 help=_("Audit this computer's digital-security protections (read-only)."))
    @click.version_option(__version__, prog_name="secaudit", message="%(prog)s %(version)s")
    # Read before the commands are built (see main); accepted here so `secaudit --lang es
    # --help` works as well as `secaudit run --lang es`.
    @click.option("--lang", "lang", metavar="LANG", help=lang_help)
    def cli(lang: str | None) -> None:
        """The command group; its help text is given translated above."""

    @cli.command(help=_("Audit this machine (or a recorded host) and print the report."))
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                  show_default=True, help=_("Report format."))
    @click.option("--output", "output", type=click.Path(dir_okay=False, path_type=Path),
                  help=_("Write the report to FILE (atomically, readable by you only)."))
    @click.option("--only", multiple=True, metavar="ID",
                  help=_("Run only this check (repeatable)."))
    @click.option("--skip", multiple=True, metavar="ID", help=_("Skip this check (repeatable)."))
    @click.option("--host", "host_dir", type=click.Path(file_okay=False, path_type=Path),
                  help=_("Audit a recorded host folder instead of this machine."))
    @click.option("--jobs", type=click.IntRange(1, 64), default=8, show_default=True,
                  help=_("How many checks run at once."))
    @click.option("--timeout", type=click.FloatRange(0.1, 600), default=10.0, show_default=True,
                  help=_("Time limit of each check, in seconds."))
    @click.option("--profile", "profile_file", type=click.Path(dir_okay=False, path_type=Path),
                  help=_("Risk profile to rank the findings by (default: the one saved by "
                         "`secaudit profile`, else a defender's personal laptop)."))
    @click.option("--lang", "lang", metavar="LANG", help=lang_help)
    def run(fmt: str, output: Path | None, only: tuple[str, ...], skip: tuple[str, ...],
            host_dir: Path | None, jobs: int, timeout: float, profile_file: Path | None,
            lang: str | None) -> int:
        """Audit this machine (or a recorded host) and print the report."""
        from secaudit.audit import UnknownCheckError, run_audit
        from secaudit.hosts import open_host
        from secaudit.profile import default_profile_path, load_profile
        from secaudit.registry import load_builtin_registry
        from secaudit.runner import RunOptions

        saved = default_profile_path()
        profile = load_profile(profile_file) if profile_file else (
            load_profile(saved) if saved.is_file() else None)

        if host_dir is not None and not host_dir.is_dir():
            raise click.BadParameter(_("{path} is not a folder", path=host_dir),
                                     param_hint="--host")
        registry = load_builtin_registry()
        host = open_host(host_dir)
        try:
            report = run_audit(host, registry, only=only, skip=skip,
                               options=RunOptions(timeout=timeout, jobs=jobs),
                               progress=_progress_printer(), profile=profile,
                               lang=active_language())
        except UnknownCheckError as exc:
            raise click.UsageError(str(exc)) from None
        if fmt == "json":
            from secaudit.formats.json_report import render_json

            text = render_json(report)
        else:
            from secaudit.formats.text import render_text

            text = render_text(report, colour=output is None and _use_colour(sys.stdout))
        if output is not None:
            from secaudit.atomic import write_private_atomically

            try:
                write_private_atomically(output, text)
            except OSError as exc:
                raise click.BadParameter(_("cannot write {path}: {problem}", path=output,
                                           problem=exc.strerror or exc),
                                         param_hint="--output") from None
            print(_("Report written to {path}", path=output), file=sys.stderr)
        else:
            sys.stdout.write(text)
        return EXIT_FAILED if report.has_failures else EXIT_OK

    @cli.command("profile", help=_("Answer a few questions so the report puts your most "
                                   "important fixes first."))
    @click.option("--output", "output", type=click.Path(dir_okay=False, path_type=Path),
                  help=_("Where to save the answers (default: your secaudit settings folder). "
                         "Trainers can prepare one file per group and pass it to "
                         "`run --profile`."))
    @click.option("--lang", "lang", metavar="LANG", help=lang_help)
    def ask_profile(output: Path | None, lang: str | None) -> int:
        """Answer a few questions so the report puts your most important fixes first."""
        from secaudit.atomic import write_private_atomically
        from secaudit.profile import Profile, default_profile_path, profile_model, profile_text

        choices = _answer_words()
        answers: dict[str, str] = {}
        model = profile_model()
        # Translators: y, n and ? are what to type; add your language's own words in the
        # message "y yes" below so that people can answer in their language too.
        print(_("Answer y (yes), n (no) or ? (not sure). Your answers stay on this computer.")
              + "\n")
        questions = [(q.id, q.question) for q in model.risks]
        questions += [(s.id, s.question) for s in model.self_report]
        for question_id, text in questions:
            while True:
                reply = click.prompt(_(text), default="?", show_default=False, err=True,
                                     prompt_suffix=" ").strip().lower()
                if reply in choices:
                    answers[question_id] = choices[reply]
                    break
                print(_("Please answer y, n or ?."), file=sys.stderr)
        target = output or default_profile_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_private_atomically(target, profile_text(Profile(answers, str(target))))
        except OSError as exc:
            raise click.BadParameter(_("cannot write {path}: {problem}", path=target,
                                       problem=exc.strerror or exc),
                                     param_hint="--output") from None
        print(_("Saved to {path}. `secaudit run` uses it from now on.", path=target))
        return EXIT_OK

    @cli.command("checks", help=_("List the checks: id, title, severity, platforms."))
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                  show_default=True, help=_("List format."))
    @click.option("--lang", "lang", metavar="LANG", help=lang_help)
    def list_checks(fmt: str, lang: str | None) -> int:
        """List the checks: id, title, severity, platforms."""
        from secaudit.registry import load_builtin_registry

        registry = load_builtin_registry()
        rows = [{"id": c.spec.id, "title": _(c.spec.title), "severity": c.spec.severity.value,
                 "platforms": list(c.spec.platforms), "guide": c.spec.guide.id}
                for c in registry]
        if fmt == "json":
            import json

            sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        else:
            from tabulate import tabulate

            from secaudit.model import PLATFORM_NAMES, SEVERITY_WORDS, Severity

            table = [[r["id"], r["title"], _(SEVERITY_WORDS[Severity(r["severity"])]),
                      listed(PLATFORM_NAMES.get(p, p) for p in r["platforms"])] for r in rows]
            # Translators: the column headings of `secaudit checks`.
            headers = [_("id"), _("title"), _("severity"), _("platforms")]
            sys.stdout.write(tabulate(table, headers=headers) + "\n")
        return EXIT_OK

    @cli.command("guide", help=_("Show how to fix a finding (by guide id or check id)."))
    @click.argument("guide_or_check")
    @click.option("--platform", "platform", type=click.Choice(["windows", "macos", "linux", "all"]),
                  help=_("Steps for this platform (default: this computer's; 'all' for every "
                         "one)."))
    @click.option("--lang", "lang", metavar="LANG", help=lang_help)
    def show_guide(guide_or_check: str, platform: str | None, lang: str | None) -> int:
        """Show how to fix a finding (by guide id or check id)."""
        from secaudit.formats.guide_text import render_guide
        from secaudit.guide_files import find_guide, guide_ids
        from secaudit.hosts.local import current_platform
        from secaudit.registry import load_builtin_registry

        check = load_builtin_registry().get(guide_or_check)
        guide_id = check.spec.guide.id if check else guide_or_check
        language = active_language()
        guide, fell_back = find_guide(guide_id, language)
        if guide is None:
            raise click.UsageError(_("no guide or check named {name}. Guides: {guides}",
                                     name=repr(guide_or_check), guides=listed(guide_ids())))
        if fell_back:
            print(_("(This guide is not translated into {language} yet; showing English.)",
                    language=language_name(language)), file=sys.stderr)
        chosen = None if platform == "all" else (platform or current_platform())
        sys.stdout.write(render_guide(guide, chosen, bold=_use_colour(sys.stdout)))
        return EXIT_OK

    @cli.command("guides", help=_("List the guides (or, with --missing, what is not "
                                  "translated yet)."))
    @click.option("--lang", "lang", metavar="LANG", help=lang_help)
    @click.option("--missing", is_flag=True,
                  help=_("List what is not translated yet: guides, first-aid flows and "
                         "interface messages."))
    def list_guides(lang: str | None, missing: bool) -> int:
        """List the guides (or, with --missing, what is not translated yet)."""
        from secaudit.guide_files import find_guide, guide_ids, missing_translations

        if missing:
            from secaudit.first_aid import missing_flow_translations
            from secaudit.l10n import catalogue_path, untranslated

            flows = missing_flow_translations()
            for code, ids in missing_translations().items():
                gaps = ids + [f"first-aid/{f}" for f in flows.get(code, [])]
                messages = untranslated(code)
                if messages:
                    gaps.append(n_("{count} interface message ({file})",
                                   "{count} interface messages ({file})", len(messages),
                                   file=catalogue_path(code)))
                print(f"{code}: " + (listed(gaps) if gaps else _("complete")))
            return EXIT_OK
        language = active_language()
        for guide_id in guide_ids():
            guide, _fell_back = find_guide(guide_id, language)
            title = guide.title if guide else guide_id
            print(f"{guide_id:24} {title}")
        return EXIT_OK

    @cli.command("first-aid", help=_("When something has gone wrong: list the flows, or walk "
                                     "one."))
    @click.argument("flow_id", required=False)
    @click.option("--answers", metavar="1,2,...", help=_("Answer numbers, for a walk without "
                                                         "questions (trainers' material, tests)."))
    @click.option("--lang", "lang", metavar="LANG", help=lang_help)
    @click.option("--host", "host_dir", type=click.Path(file_okay=False, path_type=Path),
                  help=_("Run the flow's checks on a recorded host instead of this machine."))
    def first_aid(flow_id: str | None, answers: str | None, lang: str | None,
                  host_dir: Path | None) -> int:
        """When something has gone wrong: list the flows, or walk one."""
        from secaudit.first_aid import flow_ids, load_flow
        from secaudit.first_aid_walk import walk_interactively, walk_with_answers

        language = active_language()
        if flow_id is None:
            for known in flow_ids():
                flow = load_flow(known, language) or load_flow(known)
                print(f"{known:22} {flow.title if flow else ''}")
            print("\n" + _("Walk one with: secaudit first-aid FLOW"))
            return EXIT_OK
        if flow_id not in flow_ids():
            raise click.UsageError(_("no first-aid flow {name}. Flows: {flows}",
                                     name=repr(flow_id), flows=listed(flow_ids())))
        if answers is not None:
            try:
                numbers = [int(a) for a in answers.split(",") if a.strip()]
            except ValueError:
                raise click.BadParameter(_("answers are numbers separated by commas"),
                                         param_hint="--answers") from None
            return walk_with_answers(flow_id, language, numbers, host_dir)
        return walk_interactively(flow_id, language, host_dir)

    return cli


class _LazyCli:
    """Builds the click group on first use, so `--version` never imports click."""

    _group: Any = None

    def main(self, **kwargs: Any) -> Any:
        if self._group is None:
            self._group = _build_cli()
        return self._group.main(**kwargs)


_cli = _LazyCli()
